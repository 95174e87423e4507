package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sweepArgs plans 2 grid points × 2 seeds of tiny runs, with the given
// sweep flags.
func sweepArgs(flags ...string) []string {
	args := append([]string{"sweep", "--out", "runs/my sweep", "--seeds", "1,2", "--grid", "filters=32,32,32,16|8,8,8,8"}, flags...)
	return append(args, "--", "--epochs", "1")
}

func TestSweepPrint(t *testing.T) {
	code, stdout, stderr := runCLI(t, sweepArgs("--print")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	want := "werkbank train --no-report --epochs 1 --filters=8,8,8,8 --seed 2 --out 'runs/my sweep/filters=8_8_8_8/seed-2'"
	if len(lines) != 4 || lines[3] != want {
		t.Errorf("--print gave %d lines, want 4 ending in\n%s\n%s", len(lines), want, stdout)
	}
	// What the shell makes of a line are the run's arguments.
	if sh, err := exec.LookPath("sh"); err == nil {
		out, err := exec.Command(sh, "-c", strings.Replace(lines[3], "werkbank", "printf '%s\\n'", 1)).Output()
		got := strings.Split(strings.TrimSpace(string(out)), "\n")
		if err != nil || len(got) != 9 || got[8] != "runs/my sweep/filters=8_8_8_8/seed-2" {
			t.Errorf("the shell splits %s into %q (%v)", lines[3], got, err)
		}
	}
}

func TestSweepSlurm(t *testing.T) {
	code, stdout, stderr := runCLI(t, sweepArgs("--slurm", "--jobs", "2", "--binary", "/opt/wb/werkbank")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"#!/bin/bash\n", "\n#SBATCH --array=0-3%2\n", "\n#SBATCH --job-name=werkbank-my-sweep\n", `case "$SLURM_ARRAY_TASK_ID" in`,
		"\n#SBATCH --cpus-per-task=2\n", // the default of --cpus
		"\n  3) skip_finished 'runs/my sweep/filters=8_8_8_8/seed-2'; exec /opt/wb/werkbank train --no-report --epochs 1 --filters=8,8,8,8 --seed 2 --out 'runs/my sweep/filters=8_8_8_8/seed-2' ;;\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the script lacks %q:\n%s", want, stdout)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^  [0-9]+\) skip_finished '[^']*'; exec `).FindAllString(stdout, -1)); n != 4 {
		t.Errorf("%d runs in the script, want 4", n)
	}
	// No #SBATCH line after the first command: sbatch would ignore it.
	if i, j := strings.Index(stdout, "\nset -eu"), strings.LastIndex(stdout, "#SBATCH"); j > i {
		t.Errorf("an #SBATCH line after the first command:\n%s", stdout)
	}
	checkShellSyntax(t, stdout)
	// Without --jobs, the array has no limit.
	if _, stdout, _ := runCLI(t, sweepArgs("--slurm")...); !strings.Contains(stdout, "#SBATCH --array=0-3\n") {
		t.Errorf("without --jobs:\n%s", stdout)
	}
	// --cpus sets each task's CPUs; it means nothing to the other forms.
	if _, stdout, _ := runCLI(t, sweepArgs("--slurm", "--cpus", "4")...); !strings.Contains(stdout, "\n#SBATCH --cpus-per-task=4\n") {
		t.Errorf("--cpus 4:\n%s", stdout)
	}
	for _, flags := range [][]string{{"--slurm", "--cpus", "0"}, {"--print", "--cpus", "2"}} {
		if code, _, stderr := runCLI(t, sweepArgs(flags...)...); code != 2 || !strings.Contains(stderr, "--cpus") {
			t.Errorf("%v: exit %d, want 2 and a message naming --cpus: %s", flags, code, stderr)
		}
	}
}

// TestSweepSlurmSkipsFinished runs the printed script's task 1 with sh: a
// run with a result.json is skipped without starting werkbank.
func TestSweepSlurmSkipsFinished(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	_, script, stderr := runCLI(t, "sweep", "--out", dir, "--seeds", "1-2", "--slurm", "--binary", "/nonexistent/werkbank")
	if script == "" {
		t.Fatalf("no script: %s", stderr)
	}
	if err := os.MkdirAll(filepath.Join(dir, "base", "seed-2"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base", "seed-2", "result.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(sh, "-s")
	cmd.Stdin = strings.NewReader(script)
	cmd.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "finished before (result.json): skipped") {
		t.Errorf("task 1 with a result.json: %v\n%s", err, out)
	}
	// Task 0 has none: it runs werkbank, here a binary that does not exist.
	cmd = exec.Command(sh, "-s")
	cmd.Stdin = strings.NewReader(script)
	cmd.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=0")
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("task 0 without a result.json did not try to run werkbank:\n%s", out)
	}
}

func TestSweepK8s(t *testing.T) {
	code, stdout, stderr := runCLI(t, sweepArgs("--k8s", "--image", "registry.example.org/werkbank:v1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fields := yamlishFields(t, stdout)
	for key, want := range map[string]string{
		"kind": "Job", "name": "werkbank-my-sweep", "completionMode": "Indexed", "completions": "4",
		"parallelism": "4", "image": "registry.example.org/werkbank:v1", "mountPath": "/data", "workingDir": "/data",
		"restartPolicy": "Never", "claimName": "werkbank-runs",
	} {
		if fields[key] != want {
			t.Errorf("%s: %q, want %q", key, fields[key], want)
		}
	}
	script := blockScalar(stdout)
	if n := strings.Count(script, ") exec werkbank train "); n != 4 || !strings.Contains(script, `case "$JOB_COMPLETION_INDEX" in`) {
		t.Errorf("the pods' script has %d runs, want 4:\n%s", n, script)
	}
	checkShellSyntax(t, script)

	// --jobs sets the parallelism; an absolute --out is the mount itself.
	_, stdout, _ = runCLI(t, "sweep", "--out", "/shared/s1", "--seeds", "1-3", "--k8s", "--jobs", "2")
	fields = yamlishFields(t, stdout)
	if fields["parallelism"] != "2" || fields["completions"] != "3" || fields["mountPath"] != "/shared/s1" || fields["workingDir"] != "" {
		t.Errorf("absolute --out, --jobs 2: %v", fields)
	}
}

// yamlishFields checks that a manifest has the shape of block YAML (keys,
// "- " list items, an indented "|" block scalar, comments; spaces only) and
// returns its scalar fields by key, the first one of a key (metadata's name).
func yamlishFields(t *testing.T, manifest string) map[string]string {
	t.Helper()
	line := regexp.MustCompile(`^( *)(- )?([A-Za-z]+):(?: (.*))?$`)
	fields := map[string]string{}
	block := -1 // the indentation of a block scalar's key, while in one
	for _, l := range strings.Split(strings.TrimSuffix(manifest, "\n"), "\n") {
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if block >= 0 && indent > block {
			continue
		}
		block = -1
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if strings.TrimSpace(l) == "- |" {
			block = indent
			continue
		}
		m := line.FindStringSubmatch(l)
		if m == nil || strings.Contains(l, "\t") || len(m[1])%2 != 0 {
			t.Errorf("not a line of block YAML: %q", l)
			continue
		}
		if _, dup := fields[m[3]]; !dup {
			fields[m[3]] = m[4]
		}
	}
	return fields
}

// blockScalar returns the content of the first "- |" block of a manifest.
func blockScalar(manifest string) string {
	var b strings.Builder
	block, indent := false, 0
	for _, l := range strings.Split(manifest, "\n") {
		n := len(l) - len(strings.TrimLeft(l, " "))
		switch {
		case strings.TrimSpace(l) == "- |":
			block, indent = true, n
		case block && n > indent:
			b.WriteString(l[indent+2:] + "\n")
		case block:
			return b.String()
		}
	}
	return b.String()
}

// checkShellSyntax runs sh -n on script, where there is a sh.
func checkShellSyntax(t *testing.T, script string) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		return
	}
	cmd := exec.Command(sh, "-n")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sh -n: %v\n%s\n%s", err, out, script)
	}
}

func TestShellQuote(t *testing.T) {
	for s, want := range map[string]string{
		"--lr=0.001":      "--lr=0.001",
		"runs/a,b/seed-1": "runs/a,b/seed-1",
		"my runs":         "'my runs'",
		"it's":            `'it'\''s'`,
		"":                "''",
		"$HOME":           "'$HOME'",
		"a|b":             "'a|b'",
	} {
		if got := shellQuote(s); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", s, got, want)
		}
	}
}

func TestJobName(t *testing.T) {
	for out, want := range map[string]string{
		"runs/seed-study":       "werkbank-seed-study",
		"/scratch/My_Sweep 2/":  "werkbank-my-sweep-2",
		".":                     "werkbank-sweep",
		strings.Repeat("x", 80): "werkbank-" + strings.Repeat("x", 54),
	} {
		if got := jobName(out); got != want {
			t.Errorf("jobName(%q) = %q, want %q", out, got, want)
		}
	}
}
