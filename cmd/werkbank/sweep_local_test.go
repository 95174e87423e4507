package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/study"
)

// TestSweepRunsLocallyAndResumes runs a real sweep of two tiny runs at once
// through the werkbank command line, collects it, and runs it again, which
// skips both.
func TestSweepRunsLocallyAndResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in child processes")
	}
	dir := t.TempDir()
	trainFlags := []string{"--epochs", "1", "--limit-train", "500", "--limit-test", "200", "--batch-size", "100", "--backend", "go", "--no-download"}
	sweep := func() string {
		t.Helper()
		out, err := cliCommand(append([]string{"sweep", "--out", dir, "--seeds", "1-2", "--jobs", "2", "--"}, trainFlags...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("sweep: %v\n%s", err, out)
		}
		return string(out)
	}
	first := sweep()
	for _, seed := range []int64{1, 2} {
		name := filepath.Join("base", fmt.Sprint("seed-", seed))
		for _, want := range []string{"start " + name, "done  " + name + ": test acc "} {
			if !strings.Contains(first, want) {
				t.Errorf("the sweep did not print %q:\n%s", want, first)
			}
		}
		run := filepath.Join(dir, name)
		r, err := study.ReadRun(filepath.Join(run, "result.json"))
		if err != nil {
			t.Fatal(err)
		}
		if res := r.Result; res.Seed != seed || !strings.Contains(res.Command, "--out "+run) || res.Backend != "go" || res.Formulation != cnnlib.FormulationFast || r.Machine() == "" {
			t.Errorf("%s: seed %d, command %q, backend %q, formulation %q, machine %q", run, res.Seed, res.Command, res.Backend, res.Formulation, r.Machine())
		}
		for _, f := range []string{"train.log", "stderr.log", "model"} {
			if _, err := os.Stat(filepath.Join(run, f)); err != nil {
				t.Error(err)
			}
		}
		if _, err := os.Stat(filepath.Join(run, "report")); err == nil {
			t.Errorf("%s has a report despite --no-report", run)
		}
	}
	if !strings.Contains(first, "all 2 runs finished") {
		t.Errorf("no summary line:\n%s", first)
	}

	second := sweep()
	if strings.Count(second, "skip  base/seed-") != 2 || strings.Contains(second, "start") {
		t.Errorf("the second sweep did not skip the finished runs:\n%s", second)
	}

	code, stdout, stderr := runCLI(t, "collect", dir)
	row := "| 1 | `werkbank train " + strings.Join(trainFlags, " ") + "` | 2 | "
	if code != 0 || !strings.Contains(stdout, row) || strings.Count("\n"+stdout, "\n| 1 | ") != 3 {
		t.Errorf("collect: exit %d, want a group of both runs (%q) and a row each:\n%s%s", code, row, stdout, stderr)
	}
}

// TestRunLocalSignalsFailuresAndSkips runs stand-ins for werkbank train:
// sleep, to be stopped by a signal the sweep passes on; a shell that fails;
// and none at all for a run that has its result.
func TestRunLocalSignalsFailuresAndSkips(t *testing.T) {
	sleep, err1 := exec.LookPath("sleep")
	sh, err2 := exec.LookPath("sh")
	if err := errors.Join(err1, err2); err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	run := func(name string, args ...string) sweepRun {
		return sweepRun{name: name, dir: filepath.Join(dir, name), args: args}
	}

	// SIGTERM while the first of two runs sleeps: it is passed on, the
	// sweep waits for the run, does not start the second, and exits 130.
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runLocal([]sweepRun{run("a", "60"), run("b", "60")}, sleep, 1, w)
		w.Close()
	}()
	var out strings.Builder
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		out.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "start a") {
			syscall.Kill(os.Getpid(), syscall.SIGTERM)
		}
	}
	var exit exitCode
	if err := <-done; !errors.As(err, &exit) || exit != 130 {
		t.Errorf("interrupted sweep: %v, want exit status 130", err)
	}
	for _, want := range []string{"stopping 1 running run(s)", "[1/2] stopped a", "1 run(s) stopped, 1 not started"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("interrupted sweep did not print %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "start b") {
		t.Errorf("the sweep started a run after the signal:\n%s", out.String())
	}

	// A failing run is named, with the last line of its stderr; a run
	// with a result.json is skipped, its command never run.
	skipped := run("c", "never run")
	os.MkdirAll(skipped.dir, 0o755)
	os.WriteFile(filepath.Join(skipped.dir, "result.json"), []byte(`{"test_acc": 0.9911}`), 0o644)
	var b strings.Builder
	err := runLocal([]sweepRun{run("f", "-c", "echo first >&2; echo the reason >&2; exit 3"), skipped}, sh, 2, &b)
	if err == nil || !strings.Contains(err.Error(), "1 of 2 runs failed: f") {
		t.Errorf("failed sweep: %v", err)
	}
	for _, want := range []string{"FAIL  f: exit status 3: the reason (" + filepath.Join(dir, "f", "stderr.log") + ")", "skip  c: finished before, test acc 0.9911"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("sweep did not print %q:\n%s", want, b.String())
		}
	}
}
