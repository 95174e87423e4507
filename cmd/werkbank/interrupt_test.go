package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptAndResume sends SIGINT to `werkbank train` during its second
// epoch, runs the same command again, and expects the final model files to be
// identical to those of an uninterrupted run with the same seed.
func TestInterruptAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in child processes")
	}
	dir := t.TempDir()
	args := func(out string) []string {
		return []string{"train", "--epochs", "3", "--batch-size", "32", "--limit-train", "1200", "--limit-test", "100",
			"--seed", "5", "--no-report", "--no-download", "--out", filepath.Join(dir, out)}
	}
	if out, err := cliCommand(args("straight")...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}

	cmd := cliCommand(args("interrupted")...)
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	var seen strings.Builder
	for sc.Scan() {
		seen.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "Epoch 2/3") {
			time.Sleep(300 * time.Millisecond) // inside epoch 2
			cmd.Process.Signal(syscall.SIGINT)
		}
	}
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("interrupted run: exit %d (%v), want 130\n%s\n%s", code, err, seen.String(), stderr.String())
	}
	if !strings.Contains(seen.String(), "run the same command again to resume") {
		t.Errorf("no resume hint:\n%s", seen.String())
	}
	out, err := cliCommand(args("interrupted")...).CombinedOutput()
	if err != nil {
		t.Fatalf("resumed run: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Resuming from") || !strings.Contains(string(out), "after epoch 1/3") {
		t.Errorf("the second run did not resume after epoch 1:\n%s", out)
	}
	for _, rel := range []string{"model/weights"} {
		a := readDir(t, filepath.Join(dir, "straight", rel))
		b := readDir(t, filepath.Join(dir, "interrupted", rel))
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("%s: %d vs %d files", rel, len(a), len(b))
		}
		for name, data := range a {
			if !strings.HasSuffix(name, ".bin") {
				continue // the .json names the save time
			}
			if !bytes.Equal(data, b[name]) {
				t.Errorf("%s/%s differs between the uninterrupted and the resumed run", rel, name)
			}
		}
	}
}

// readDir returns the files of dir by name, with checkpoint names normalised.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Ext(e.Name())] = data
	}
	return out
}
