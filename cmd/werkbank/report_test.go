package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrainReportUsesTheRunsBackend: the report that train writes shows the
// model it trained, on the backend --backend chose, not a reload that picks
// the backend again (here GOMLX_BACKEND names one that does not exist).
func TestTrainReportUsesTheRunsBackend(t *testing.T) {
	if testing.Short() {
		t.Skip("trains and writes a report")
	}
	dir := t.TempDir()
	t.Setenv("GOMLX_BACKEND", "nonexistent")
	run := filepath.Join(dir, "run")
	code, _, stderr := runCLI(t, "train", "--backend", "go", "--epochs", "1", "--limit-train", "200", "--limit-test", "100",
		"--no-download", "--cache", filepath.Join(dir, "mnist-cache"), "--out", run)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(run, "report", "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "backend go") {
		t.Errorf("report.html does not say it ran on backend go")
	}
}
