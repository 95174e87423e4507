package cnnlib

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLRRangeRunRoundTripAndSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), LRRangeFile)
	run := LRRangeRun{Command: "werkbank lr-find", Backend: "onnx", LRRange: &LRRange{LR: []float64{1e-6, 1e-3, 0.5}, Loss: []float64{2.3, 1, 9},
		Smoothed: []float64{2.3, 1.5, 4}, Suggested: 1e-3, MinLossLR: 0.01, Stopped: true}}
	if err := run.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadLRRangeRun(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "`werkbank lr-find` on onnx: 3 steps from 1e-06 to 0.5 (stopped at 0.5, where the loss blew up); suggested learning rate 0.001 (steepest descent of the smoothed loss), lowest smoothed loss at 0.01."
	if got := back.Summary(); got != want {
		t.Errorf("Summary:\n%s\nwant\n%s", got, want)
	}
	if got := back.Caption("blog model"); got != "blog model; suggested 0.001 (steepest descent), minimum at 0.01" {
		t.Errorf("Caption: %s", got)
	}
	if err := os.WriteFile(path, []byte(`{"command":"x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLRRangeRun(path); err == nil || !strings.Contains(err.Error(), "no learning rates") || !strings.Contains(err.Error(), path) {
		t.Errorf("empty test: %v", err)
	}
}
