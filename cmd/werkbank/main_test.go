package main

import (
	"os"
	"os/exec"
	"testing"
)

// TestMain lets a test re-run this binary as the werkbank command line
// (cliCommand), so that real signals can be sent to a real training process
// and a sweep can start real runs.
func TestMain(m *testing.M) {
	if os.Getenv("WERKBANK_TEST_AS_CLI") != "" {
		os.Exit(run(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// cliCommand is the werkbank command line with args, run by this test
// binary (TestMain), on the pure Go backend.
func cliCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "WERKBANK_TEST_AS_CLI=1", "GOMLX_BACKEND=go")
	return cmd
}
