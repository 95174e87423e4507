package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCollectGroupsAndStatistics collects testdata/collect: a sweep's
// three runs and a run by hand of one configuration (0.991, 0.9912,
// 0.989, 0.9951), two PyTorch runs (no command; one without val_acc), and
// one run of a grid point.
func TestCollectGroupsAndStatistics(t *testing.T) {
	dir := t.TempDir()
	md, fig := filepath.Join(dir, "study.md"), filepath.Join(dir, "figures", "accuracy.svg")
	os.Mkdir(filepath.Join(dir, "figures"), 0o755)
	code, stdout, stderr := runCLI(t, "collect", "testdata/collect", "--out", md, "--figure", fig, "--title", "Fixture study")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "7 run(s) in 3 configuration(s)") {
		t.Errorf("stdout: %s", stdout)
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, want := range []string{
		"# Fixture study\n",
		// Mean ± sample sd; 0.991 itself reaches the goal.
		"| 1 | `werkbank train --epochs 2` | 4 | 0.9916 ± 0.0026 | 0.9890 | 0.9951 | 3/4 | 1/4 | 0.9901 | 115 † |\n",
		// The manual run recorded no machine.
		"† The runs of this configuration did not all record the same machine",
		"| 2 | `pytorch torch-1.13.0 cpu` | 2 | 0.9919 ± 0.0002 | 0.9918 | 0.9921 | 2/2 | 0/2 | 0.9893 | 600 |\n",
		// One run: no sd.
		"| 3 | `werkbank train --epochs 2 --lr=0.0005` | 1 | 0.9905 | 0.9905 | 0.9905 | 0/1 | 0/1 | 0.9870 | 105 |\n",
		"![Fixture study](figures/accuracy.svg)\n",
		// Runs by group, then seed.
		"| 1 | 3 | 0.9930 | 0.9951 | 120 | go | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/werkbank/base/seed-3` |\n| 1 | 7 | 0.9895 | 0.9910 | 130 | go fast | – | `testdata/collect/manual` |\n",
		"| 2 | 2 | – | 0.9918 | 598 | torch-1.13.0 cpu | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/torch/seed-2` |\n",
		// Welch's t of groups 1 and 2 (group 3 has one run): t and df as
		// Python's statistics module gives them, -0.2920 and 3.08.
		"| 1 - 2 | -0.0004 | -0.29 | 3.1 | 0.789 |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the markdown lacks\n%s\nin\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n| 1 | "); n != 5 {
		t.Errorf("%d rows of group 1, want 1 + 4 runs", n)
	}
	svg, err := os.ReadFile(fig)
	if err != nil || !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("3: werkbank train --epochs 2 --lr=0.0005")) ||
		!bytes.Contains(svg, []byte("post 0.9926")) || !bytes.Contains(svg, []byte("mean ± sd")) {
		t.Errorf("figure %s: %v\n%.300s", fig, err, svg)
	}

	// --histogram is the old name of --figure.
	old := filepath.Join(dir, "old.png")
	if code, _, stderr := runCLI(t, "collect", "testdata/collect", "--out", md, "--histogram", old); code != 0 {
		t.Fatalf("--histogram: exit %d: %s", code, stderr)
	}
	if png, err := os.ReadFile(old); err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("--histogram %s: %v", old, err)
	}

	// Without --out the markdown goes to stdout.
	code, stdout, _ = runCLI(t, "collect", "testdata/collect/torch")
	if code != 0 || !strings.HasPrefix(stdout, "# Test accuracy over seeds\n") || !strings.Contains(stdout, "| 1 | `pytorch torch-1.13.0 cpu` | 2 |") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
}

// TestCollectShippedSeeds collects the five seeds of the shipped model,
// given as files: the numbers of models/blog-cnn/SEEDS.md.
func TestCollectShippedSeeds(t *testing.T) {
	files, _ := filepath.Glob("../../models/blog-cnn/seeds/seed-*.result.json")
	code, stdout, stderr := runCLI(t, append([]string{"collect"}, files...)...)
	if code != 0 || len(files) != 5 {
		t.Fatalf("%d files: exit %d: %s", len(files), code, stderr)
	}
	if want := "| 1 | `werkbank train` | 5 | 0.9888 ± 0.0015 | 0.9865 | 0.9901 | 0/5 | 0/5 | 0.9894 |"; !strings.Contains(stdout, want) {
		t.Errorf("want %s in\n%s", want, stdout)
	}
}

func TestSameMachine(t *testing.T) {
	sec := 1.0
	run := func(cpu string, cpus int, backend string) runRecord {
		return runRecord{CPU: cpu, CPUs: cpus, Backend: backend, Seconds: &sec}
	}
	for _, tc := range []struct {
		runs []runRecord
		want bool
	}{
		{[]runRecord{run("A", 2, "onnx"), run("A", 2, "onnx")}, true},
		{[]runRecord{run("A", 2, "onnx"), run("B", 2, "onnx")}, false},
		{[]runRecord{run("A", 2, "onnx"), run("A", 4, "onnx")}, false},
		{[]runRecord{run("A", 2, "onnx"), run("A", 2, "go")}, false},
		{[]runRecord{run("A", 2, "onnx"), run("", 2, "onnx")}, false},
		// A run without seconds does not count.
		{[]runRecord{run("A", 2, "onnx"), {CPU: "B"}}, true},
	} {
		if got := sameMachine(tc.runs); got != tc.want {
			t.Errorf("sameMachine(%+v) = %v", tc.runs, got)
		}
	}
}

func TestRunConfig(t *testing.T) {
	for _, tc := range []struct {
		r    runRecord
		want string
	}{
		{runRecord{Command: "werkbank train --seed 4 --out runs/blog-seed-4 --no-report"}, "werkbank train"},
		{runRecord{Command: "werkbank train --no-report --epochs 2 --lr=0.001 --seed=3 --out=runs/x"}, "werkbank train --epochs 2 --lr=0.001"},
		{runRecord{Command: "werkbank train -seed 1 --no-report=true --dropout 0.3"}, "werkbank train --dropout 0.3"},
		// Train flags at their default value train the same model: a sweep's
		// --epochs 15 groups with a run that left it out.
		{runRecord{Command: "werkbank train --no-report --epochs 15 --augment --dropout=0.4 --batch-size 100 --seed 2"}, "werkbank train --augment --batch-size 100"},
		{runRecord{Command: "werkbank train --augment=false --no-shuffle --dataset mnist --backend onnx"}, "werkbank train --no-shuffle --backend onnx"},
		// A flag train does not know keeps its words as they are.
		{runRecord{Command: "werkbank train --future 15 --epochs 15"}, "werkbank train --future 15"},
		{runRecord{Tool: "pytorch", Backend: "torch-1.13.0 cuda"}, "pytorch torch-1.13.0 cuda"},
		{runRecord{Backend: "go"}, "go"},
		{runRecord{}, "(no command, tool or backend)"},
	} {
		if got := tc.r.config(); got != tc.want {
			t.Errorf("config of %+v = %q, want %q", tc.r, got, tc.want)
		}
	}
}

func TestRowLabels(t *testing.T) {
	groups := []runGroup{
		{config: "werkbank train --epochs 3 --lr=0.001"},
		{config: "werkbank train --epochs 3 --lr=0.0005"},
		{config: "pytorch torch-1.13.0 cpu"},
	}
	// Nothing common to all: the whole configurations.
	got := rowLabels(groups)
	want := []string{"1: werkbank train --epochs 3 --lr=0.001", "2: werkbank train --epochs 3 --lr=0.0005", "3: pytorch torch-1.13.0 cpu"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("rowLabels = %q, want %q", got, want)
	}
	got = rowLabels(groups[:2])
	if got[0] != "1: --lr=0.001" || got[1] != "2: --lr=0.0005" {
		t.Errorf("a grid over --lr: %q", got)
	}
	// Long labels stay whole: the figure cuts short what does not fit.
	long := []runGroup{{config: "werkbank train " + strings.Repeat("--epochs 1 ", 10)}}
	if got := rowLabels(long)[0]; got != "1: "+long[0].config {
		t.Errorf("a long label: %q", got)
	}
}
