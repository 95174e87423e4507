package nb

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/study"
)

// studyJSON is a study.json as werkbank collect writes it: two runs of
// one configuration.
const studyJSON = `{
  "title": "Test accuracy over seeds",
  "sources": ["experiments/augment/runs"],
  "groups": [{
    "config": "werkbank train --augment",
    "runs": [
      {"path": "experiments/augment/runs/base/seed-1/result.json", "result": {"command": "werkbank train --augment --seed 1", "backend": "onnx", "seed": 1, "val_acc": 0.993, "test_acc": 0.9923, "seconds": 600}},
      {"path": "experiments/augment/runs/base/seed-2/result.json", "result": {"command": "werkbank train --augment --seed 2", "backend": "onnx", "seed": 2, "val_acc": 0.994, "test_acc": 0.9937, "seconds": 600}}
    ],
    "stats": {"n": 2, "mean": 0.993, "sd": 0.00098994949366117, "min": 0.9923, "max": 0.9937,
      "at_least": [{"threshold": 0.991, "runs": 2}, {"threshold": 0.995, "runs": 0}],
      "val_acc_mean": 0.9935, "seconds_mean": 600, "same_machine": true}
  }]
}`

func TestStudySummary(t *testing.T) {
	var s study.Study
	if err := json.Unmarshal([]byte(studyJSON), &s); err != nil {
		t.Fatal(err)
	}
	got := studySummary(&s)
	for _, want := range []string{"#### Test accuracy over seeds", "| 1 | `werkbank train --augment` | 2 | 0.9930 ± 0.0010", "the post's run reached 0.9926"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"![", "# Runs", "seed-1", "\n\n\n"} {
		if strings.Contains(got, not) {
			t.Errorf("summary holds %q:\n%s", not, got)
		}
	}
}

const readme = `# Augmentation

What was run.

## Commands

    werkbank sweep ...

## Conclusion

Augmentation helps.

### Caveat

Only five seeds.

## Files

runs/
`

func TestConclusion(t *testing.T) {
	want := "Augmentation helps.\n\n### Caveat\n\nOnly five seeds."
	if got := conclusionOf(readme, conclusionHdg); got != want {
		t.Errorf("conclusion %q, want %q", got, want)
	}
	for _, tc := range []struct{ in, want string }{
		{"# T\n\n### Conclusions ###\nA.\nB.\n", "A.\nB."},
		{"## Conclusion\r\n\r\nlast section\r\n", "last section"},
		{"# Conclusion\n\nthe title is no section\n", ""},
		{"## Results\n\nno conclusion\n", ""},
		{"", ""},
	} {
		if got := conclusionOf(tc.in, conclusionHdg); got != tc.want {
			t.Errorf("conclusionOf(%q, conclusionHdg) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// fakeRepo returns a repository root with a go.mod of the module and sets
// $WERKBANK_REPO to it.
func fakeRepo(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module "+Module+"\n")
	t.Setenv(RepoEnv, root)
	return root
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pngBytes is a figure's PNG.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	fig, err := augmentationFigure(synthetic(1), cnnlib.Augmentation{}, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := fig.PNG()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadExperiment(t *testing.T) {
	root := t.TempDir()
	if _, err := readExperiment(root, "augment"); !errors.Is(err, ErrNotRun) {
		t.Errorf("missing directory: %v, want ErrNotRun", err)
	}
	dir := filepath.Join(root, ExperimentsDir, "augment")
	write(t, filepath.Join(dir, ReadmeFile), readme)
	if _, err := readExperiment(root, "augment"); !errors.Is(err, ErrNotRun) {
		t.Errorf("README only: %v, want ErrNotRun", err)
	}
	// A study.md of an older collect, without study.json: collect again.
	write(t, filepath.Join(dir, StudyFile), "# Test accuracy over seeds\n")
	if _, err := readExperiment(root, "augment"); err == nil || errors.Is(err, ErrNotRun) || !strings.Contains(err.Error(), "scripts/experiments.sh collect augment") {
		t.Errorf("study.md without study.json: %v, want an error that says how to collect it", err)
	}
	write(t, filepath.Join(dir, StudyDataFile), studyJSON)
	r, err := readExperiment(root, "augment")
	if err != nil {
		t.Fatal(err)
	}
	if r.Info.title() != "Data augmentation" || r.Dir != "experiments/augment" || !r.Readme || r.Conclusion == "" || r.Figure != nil || r.LRRange != nil {
		t.Errorf("result %+v", r)
	}
	if md := r.Markdown(); !strings.Contains(md, "### Data augmentation (`experiments/augment`)") || !strings.Contains(md, "no `accuracy.png`") {
		t.Errorf("markdown:\n%s", md)
	}
	for _, name := range []string{"", ".", "..", "a/b", ".hidden"} {
		if _, err := readExperiment(root, name); err == nil || errors.Is(err, ErrNotRun) {
			t.Errorf("readExperiment(%q): %v, want a bad-name error", name, err)
		}
	}
	write(t, filepath.Join(root, ExperimentsDir, "bad", LRRangeFile), `{"lr": [`)
	if _, err := readExperiment(root, "bad"); err == nil || !strings.Contains(err.Error(), "experiments/bad/lr_range.json") {
		t.Errorf("corrupt lr_range.json: %v", err)
	}
	write(t, filepath.Join(root, ExperimentsDir, "empty", LRRangeFile), `{"command": "x"}`)
	if _, err := readExperiment(root, "empty"); err == nil || !strings.Contains(err.Error(), "no learning rates") {
		t.Errorf("lr_range.json without rates: %v", err)
	}
}

// captured is what a notebook displayed.
type captured struct {
	mimes    []string
	markdown string
	pngs     int
}

func captureDisplay(n *Notebook) *captured {
	c := &captured{}
	n.display = func(mime string, data []byte) {
		c.mimes = append(c.mimes, mime)
		switch mime {
		case "text/markdown":
			c.markdown += string(data) + "\n"
		case "image/png":
			if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
				c.pngs++
			}
		}
	}
	return c
}

func TestShowExperiment(t *testing.T) {
	root := fakeRepo(t)
	n, out := testBook(t)
	shown := captureDisplay(n)
	dir := filepath.Join(root, ExperimentsDir, "augment")
	write(t, filepath.Join(dir, StudyDataFile), studyJSON)
	write(t, filepath.Join(dir, AccuracyFile), string(pngBytes(t)))
	write(t, filepath.Join(dir, ReadmeFile), readme)
	if err := n.showExperiment("augment"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"text/markdown", "image/png", "text/markdown"}; strings.Join(shown.mimes, " ") != strings.Join(want, " ") || shown.pngs != 1 {
		t.Errorf("displayed %v (%d PNGs), want %v", shown.mimes, shown.pngs, want)
	}
	for _, want := range []string{"0.9930 ± 0.0010", "**Conclusion** (from `experiments/augment/README.md`)", "Augmentation helps."} {
		if !strings.Contains(shown.markdown, want) {
			t.Errorf("markdown lacks %q:\n%s", want, shown.markdown)
		}
	}
	if strings.Contains(shown.markdown, root) {
		t.Errorf("markdown names the machine path %s:\n%s", root, shown.markdown)
	}

	// Not run yet: one line with the command.
	out.Reset()
	shown.mimes = nil
	if err := n.showExperiment("batchnorm"); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(out.String()); got != notRunLine("batchnorm") || strings.Count(got, "\n") != 0 || len(shown.mimes) != 0 {
		t.Errorf("not run yet: %q, displayed %v", got, shown.mimes)
	}
	if !strings.Contains(out.String(), "not run yet; it runs with: scripts/experiments.sh batchnorm") {
		t.Errorf("not run yet: %q", out)
	}
	// Not run yet, but with a README that concludes what was measured (timings).
	write(t, filepath.Join(root, ExperimentsDir, "batchnorm", ReadmeFile), "# BN\n\n## Conclusion\n\nTwice as slow.\n")
	out.Reset()
	shown.mimes, shown.markdown = nil, ""
	if err := n.showExperiment("batchnorm"); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out.String()) != notRunLine("batchnorm") || !strings.Contains(shown.markdown, "Twice as slow.") {
		t.Errorf("not run yet, with a conclusion: printed %q, displayed %q", out, shown.markdown)
	}
	if err := n.showExperiment("no-such-study"); err == nil || !strings.Contains(err.Error(), "known experiments: lr-range, post-seeds") {
		t.Errorf("unknown experiment: %v", err)
	}

	// The range test: its chart is redrawn from lr_range.json.
	shown.mimes, shown.markdown = nil, ""
	write(t, filepath.Join(root, ExperimentsDir, "lr-range", LRRangeFile),
		`{"command": "werkbank lr-find --out experiments/lr-range", "backend": "onnx", "lr": [1e-6, 1e-3, 1], "loss": [2.3, 1.0, 9], "smoothed": [2.3, 1.5, 3], "suggested": 0.001, "min_loss_lr": 0.001}`)
	if err := n.showExperiment("lr-range"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(shown.mimes, " ") != "text/markdown image/png" || !strings.Contains(shown.markdown, "suggested learning rate 0.001") ||
		!strings.Contains(shown.markdown, "`werkbank lr-find --out experiments/lr-range` on onnx: 3 steps from 1e-06 to 1 (reached the last rate)") {
		t.Errorf("range test: displayed %v:\n%s", shown.mimes, shown.markdown)
	}
}

// The committed range test (experiments/lr-range) is read and drawn; the
// other experiments, when committed, have a study table.
func TestCommittedExperiments(t *testing.T) {
	t.Setenv(RepoEnv, "")
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Experiments {
		r, err := readExperiment(root, e.Name)
		if errors.Is(err, ErrNotRun) {
			t.Logf("%s: not committed yet", e.Name)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == "lr-range" {
			if line := committedRangeLine(); !strings.Contains(line, "the committed test (experiments/lr-range/lr_range.json: ") {
				t.Errorf("committed range line %q", line)
			}
			if r.LRRange == nil {
				t.Fatal("experiments/lr-range has no lr_range.json")
			}
			fig, err := figures.LRRange(r.LRRange.LRRange, r.Dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fig.PNG(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !strings.Contains(r.Study, "| configuration |") {
			t.Errorf("%s/%s has no table of configurations:\n%s", r.Dir, StudyDataFile, r.Study)
		}
	}
}

// TestExperimentCommands: every study's command is scripts/experiments.sh
// with a case of that name (lr-range: werkbank lr-find into its directory).
func TestExperimentCommands(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("..", "scripts", "experiments.sh"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range Experiments {
		if seen[e.Name] || e.Title == "" {
			t.Errorf("%s: twice or without a title", e.Name)
		}
		seen[e.Name] = true
		if e.Name == "lr-range" {
			if e.Command != "make build && bin/werkbank lr-find --out experiments/lr-range" {
				t.Errorf("lr-range: command %q", e.Command)
			}
			continue
		}
		if e.Command != "scripts/experiments.sh "+e.Name || !strings.Contains(string(script), "\n"+e.Name+")\n") {
			t.Errorf("%s: command %q, want scripts/experiments.sh %s with a case %s) in it", e.Name, e.Command, e.Name, e.Name)
		}
	}
}

func TestAugmentationFigure(t *testing.T) {
	d := synthetic(3)
	a := cnnlib.KaggleAugmentation()
	fig, err := augmentationFigure(d, a, 4, 7)
	if err != nil {
		t.Fatal(err)
	}
	again, err := augmentationFigure(d, a, 4, 7)
	if err != nil {
		t.Fatal(err)
	}
	p1, err1 := fig.PNG()
	p2, err2 := again.PNG()
	if err1 != nil || err2 != nil || !bytes.Equal(p1, p2) {
		t.Errorf("the same seed drew different figures (%v, %v)", err1, err2)
	}
	other, err := augmentationFigure(d, a, 4, 8)
	if err != nil {
		t.Fatal(err)
	}
	if p3, _ := other.PNG(); bytes.Equal(p1, p3) {
		t.Error("another seed drew the same figure")
	}
	if w, h := fig.Size(); w < 6*56 || h < 3*56 {
		t.Errorf("figure %dx%d, want room for 3 rows of 1+4 images", w, h)
	}
	for _, tc := range []struct {
		d        cnnlib.Data
		a        cnnlib.Augmentation
		versions int
	}{
		{cnnlib.Data{}, a, 1},
		{d, a, 0},
		{d, cnnlib.Augmentation{Rotation: 200}, 1},
		{cnnlib.NewData(make([]float32, 10), []int32{1}), a, 1},
	} {
		if _, err := augmentationFigure(tc.d, tc.a, tc.versions, 1); err == nil {
			t.Errorf("augmentationFigure(%d images, %v, %d): no error", tc.d.Len(), tc.a, tc.versions)
		}
	}
}

func TestDescribeAugmentationParameters(t *testing.T) {
	got := describeAugmentation(cnnlib.KaggleAugmentation())
	for _, want := range []string{"rotation ±10°, shift ±0.1, zoom ±0.1", "±2.8 pixels", "[0.9, 1.1]", "--augment-rotation=10 --augment-shift=0.1 --augment-zoom=0.1 (--augment for short)"} {
		if !strings.Contains(got, want) {
			t.Errorf("description lacks %q:\n%s", want, got)
		}
	}
	if got := describeAugmentation(cnnlib.Augmentation{Rotation: 5}); strings.Contains(got, "for short") {
		t.Errorf("not the Kaggle values, yet:\n%s", got)
	}
	if got := describeAugmentation(cnnlib.Augmentation{}); got != "augmentation: none" {
		t.Errorf("none: %q", got)
	}
}

func TestRerunFlags(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	parse := func(args ...string) *flagValues {
		fs := flag.NewFlagSet("cell", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f := newFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := parse("--rerun", "--pooling=batchnorm")
	if !*f.rerun {
		t.Error("--rerun not set")
	}
	full, err := f.config(rerunBase(Full))
	if err != nil {
		t.Fatal(err)
	}
	if full.Quick || full.Epochs != 15 || full.BatchSize != 162 || full.TrainImages != 60000 || full.TestImages != 10000 || full.Name != "pooling=batchnorm quick=false" {
		t.Errorf("full mode: %+v", full)
	}
	quick, err := f.config(rerunBase(Quick))
	if d := defaultRunConfig(); err != nil || !quick.Quick || quick.Epochs != d.Epochs || quick.TrainImages != d.TrainImages || quick.Name != "pooling=batchnorm" {
		t.Errorf("quick mode: %+v, %v", quick, err)
	}
	if shipped, _ := f.config(rerunBase(Shipped)); !shipped.Quick || shipped.TrainImages != 60000 {
		t.Errorf("shipped mode: %+v", shipped)
	}
	if *parse("--pooling=batchnorm").rerun {
		t.Error("--rerun set without the flag")
	}
	capped := quick
	capped.Capped = []string{MaxEpochsEnv + "=1"}
	if msg := notRerun(capped, Quick); !strings.Contains(msg, "shortened by "+MaxEpochsEnv+"=1)") {
		t.Errorf("capped: %q", msg)
	}
	msg := notRerun(quick, Quick)
	for _, want := range []string{"Add --rerun to this cell's %% line", `run “pooling=batchnorm”`, "2 epochs on 60,000 images, batch 162, tested on 10,000", "--mode=full"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}

// Without --rerun in the cell's flags, Rerun trains nothing and says how.
func TestRerunWithoutFlag(t *testing.T) {
	n, out := testBook(t)
	t.Setenv(ModeEnv, "quick")
	if r := n.RerunOnRequest(); r != nil {
		t.Errorf("trained %+v", r)
	}
	if !strings.Contains(out.String(), "Not re-run. Add --rerun") {
		t.Errorf("output %q", out)
	}
	if runs, err := n.savedRuns(); err != nil || len(runs) != 0 {
		t.Errorf("runs %v, %v", runs, err)
	}
}

func TestRangeTestOn(t *testing.T) {
	n, out := testBook(t)
	cfg := tinyBench("lr")
	cfg.BatchSize = 8
	r, err := n.rangeTestOn(cfg, synthetic(100), 12)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.LR) == 0 || len(r.LR) > 12 || r.LR[0] != 1e-6 || !(r.Suggested > 0) || math.IsNaN(r.Loss[0]) {
		t.Errorf("range test: %d rates from %v, suggested %v", len(r.LR), r.LR, r.Suggested)
	}
	if !strings.Contains(out.String(), "range test of") || !strings.Contains(out.String(), "12 steps of 8 images") {
		t.Errorf("output %q", out)
	}
	if _, err := figures.LRRange(r, "test"); err != nil {
		t.Fatal(err)
	}
	if got := lrRangeSteps(Quick); got != 30 {
		t.Errorf("quick steps %d", got)
	}
	if got := lrRangeSteps(Full); got != 100 {
		t.Errorf("full steps %d", got)
	}
	cfg.TrainImages = 20 // 18 after the validation split: less than a batch of 162
	cfg.BatchSize = 162
	if _, err := n.rangeTestOn(cfg, synthetic(100), 12); err == nil {
		t.Error("batch larger than the data: no error")
	}
}

func TestFirstTitle(t *testing.T) {
	for in, want := range map[string]string{"# Fazit-Titel\n\n## Fazit\n": "Fazit-Titel", "text\r\n# Titel\r\n": "Titel", "## only second\n": "", "": ""} {
		if got := firstTitle(in); got != want {
			t.Errorf("firstTitle(%q) = %q, want %q", in, got, want)
		}
	}
}
