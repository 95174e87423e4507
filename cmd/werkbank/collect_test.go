package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/study"
)

// studyFixtures are the runs of the study package's tests: a sweep's
// three runs and a run by hand of one configuration, two PyTorch runs and
// one run of a grid point.
const studyFixtures = "../../study/testdata/collect"

// TestCollectWritesStudy collects the study fixtures: the markdown to --out,
// study.json beside it, the figure to --figure. The study package's tests
// check the numbers.
func TestCollectWritesStudy(t *testing.T) {
	dir := t.TempDir()
	md, fig := filepath.Join(dir, "study.md"), filepath.Join(dir, "figures", "accuracy.svg")
	os.Mkdir(filepath.Join(dir, "figures"), 0o755)
	code, stdout, stderr := runCLI(t, "collect", studyFixtures, "--out", md, "--figure", fig, "--title", "Fixture study")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "7 run(s) in 3 configuration(s)") || !strings.Contains(stdout, filepath.Join(dir, "study.json")) {
		t.Errorf("stdout: %s", stdout)
	}
	data, err := os.ReadFile(md)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for _, want := range []string{
		"# Fixture study\n",
		"| 1 | `werkbank train --epochs 2` | 4 | 0.9916 ± 0.0026 |",
		"![Fixture study](figures/accuracy.svg)\n",
		"| 1 - 2 | -0.0004 | -0.29 | 3.1 | 0.789 |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the markdown lacks\n%s\nin\n%s", want, got)
		}
	}
	s, err := study.Read(filepath.Join(dir, "study.json"))
	if err != nil || s.Title != "Fixture study" || s.Runs() != 7 || len(s.Differences) != 1 {
		t.Errorf("study.json: %v, %+v", err, s)
	}
	svg, err := os.ReadFile(fig)
	if err != nil || !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("3: werkbank train --epochs 2 --lr=0.0005")) {
		t.Errorf("figure %s: %v\n%.300s", fig, err, svg)
	}

	// --histogram is the old name of --figure.
	old := filepath.Join(dir, "old.png")
	if code, _, stderr := runCLI(t, "collect", studyFixtures, "--out", md, "--histogram", old); code != 0 {
		t.Fatalf("--histogram: exit %d: %s", code, stderr)
	}
	if png, err := os.ReadFile(old); err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Errorf("--histogram %s: %v", old, err)
	}

	// Without --out the markdown goes to stdout.
	code, stdout, _ = runCLI(t, "collect", studyFixtures+"/torch")
	if code != 0 || !strings.HasPrefix(stdout, "# Test accuracy over seeds\n") || !strings.Contains(stdout, "| 1 | `pytorch torch-1.13.0 cpu` | 2 |") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}

	// The JSON goes beside the markdown, not in its place.
	if code, _, stderr := runCLI(t, "collect", studyFixtures, "--out", filepath.Join(dir, "study.json")); code != 2 || !strings.Contains(stderr, "want a markdown file") {
		t.Errorf("--out study.json: exit %d: %s", code, stderr)
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

// TestCollectGroupsByTrainDefaults: collect groups runs with train's own
// flag set, so that a flag at train's default value (the post's --epochs
// 15, --batch-size 162) changes no configuration.
func TestCollectGroupsByTrainDefaults(t *testing.T) {
	train := newTrainFlags().fs
	for command, want := range map[string]string{
		"werkbank train --seed 4 --out runs/blog-seed-4 --no-report":                                        "werkbank train",
		"werkbank train --no-report --epochs 15 --augment --dropout=0.4 --batch-size 162 --seed 2":          "werkbank train --augment",
		"werkbank train --augment=false --no-shuffle --dataset mnist --backend onnx --epochs 2 --lr=0.0005": "werkbank train --no-shuffle --backend onnx --epochs 2 --lr=0.0005",
	} {
		if got := study.Configuration(study.Result{Command: command}, train); got != want {
			t.Errorf("configuration of %q = %q, want %q", command, got, want)
		}
	}
}
