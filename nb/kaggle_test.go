package nb

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/study"
)

func TestSettingsOf(t *testing.T) {
	for cmd, want := range map[string]trainSettings{
		"werkbank train": {15, 162, "rmsprop"},
		"werkbank train --spec experiments/kaggle/model.json --epochs 30 --batch-size 64 --optimizer adam --lr 0.001": {30, 64, "adam"},
		"werkbank train --epochs=3 --batch-size=100":                                                                  {3, 100, "rmsprop"},
	} {
		got, err := settingsOf(cmd)
		if err != nil || got != want {
			t.Errorf("settingsOf(%q) = %+v, %v; want %+v", cmd, got, err, want)
		}
	}
	for _, bad := range []string{"werkbank train --epochs 0", "werkbank train --batch-size x"} {
		if _, err := settingsOf(bad); err == nil || !strings.Contains(err.Error(), "want a positive whole number") {
			t.Errorf("settingsOf(%q): error %v", bad, err)
		}
	}
}

// The table of the committed studies: parameters from the specs, the
// training from the studies' commands, times from the measurement, the
// accuracy of the werkbank runs (not the PyTorch peer's), in both languages.
func TestCompareModelsCommitted(t *testing.T) {
	t.Setenv(RepoEnv, "")
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	post, err := study.Read(filepath.Join(root, ExperimentsDir, "post-seeds", StudyDataFile))
	if err != nil {
		t.Fatal(err)
	}
	g, _ := werkbankGroup(post)
	var asked []trainSettings
	measure := func(spec cnnlib.Spec, s trainSettings) (time.Duration, error) {
		asked = append(asked, s)
		return time.Duration(s.BatchSize) * time.Millisecond, nil // 162 ms and 64 ms
	}
	defer lang.Set(lang.Current())
	for _, l := range []lang.Language{lang.English, lang.German} {
		lang.Set(l)
		asked = nil
		md, err := compareModels(root, kaggleVsPost, "onnx", 60000, measure)
		if err != nil {
			t.Fatal(err)
		}
		wants := []string{lang.Thousands(43290), lang.Thousands(327242), lang.Sprintf("nb.kaggle.training_of", 15, 162, "rmsprop"),
			lang.Sprintf("nb.kaggle.training_of", 30, 64, "adam"), "| 162 ms | 64 ms |",
			lang.Sprintf("nb.kaggle.s", "54", 334), lang.Sprintf("nb.kaggle.s", "54", 844), lang.Float(g.Stats.Mean, 4),
			"(onnx)", lang.Thousands(54000), "`experiments/kaggle`"}
		for _, w := range wants {
			if !strings.Contains(md, w) {
				t.Errorf("%v: table lacks %q:\n%s", l, w, md)
			}
		}
		if len(asked) != 2 || asked[1] != (trainSettings{30, 64, "adam"}) {
			t.Errorf("measured %+v", asked)
		}
		if rows := strings.Count(md, "\n"); rows != 8 {
			t.Errorf("%d lines, want 8:\n%s", rows, md)
		}
	}
}

// An ensemble file beside a study fills the last row, with the count of
// its wrong images where it lists them; a broken one is an
// error that names it; a failed measurement is the table's error.
func TestCompareModelsEnsemble(t *testing.T) {
	root := fakeRepo(t)
	s := &study.Study{Title: "t", Groups: []study.Group{{Config: "werkbank train --epochs 2",
		Runs: []study.Run{{Path: "runs/seed-1", Result: study.Result{Command: "werkbank train --epochs 2", TestAcc: 0.99}}}, Stats: study.Stats{N: 1, Mean: 0.99}}}}
	dir := filepath.Join(root, ExperimentsDir, "x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(filepath.Join(dir, StudyDataFile)); err != nil {
		t.Fatal(err)
	}
	models := []comparedModel{{"nb.kaggle.col.post", "x", cnnlib.PostModel()}}
	fast := func(cnnlib.Spec, trainSettings) (time.Duration, error) { return time.Millisecond, nil }
	lang.Set(lang.English)
	md, err := compareModels(root, models, "go", 100, fast)
	if err != nil || !strings.Contains(md, "| Ensemble of the study's seeds | – |") {
		t.Errorf("no ensemble: %v\n%s", err, md)
	}
	write(t, filepath.Join(dir, study.EnsembleFile), `{"members": [{"test_acc": 0.99}, {"test_acc": 0.98}], "ensemble": {"test_acc": 0.9931}}`)
	if md, err = compareModels(root, models, "go", 100, fast); err != nil || !strings.Contains(md, "0.9931 (2 models)") {
		t.Errorf("ensemble: %v\n%s", err, md)
	}
	write(t, filepath.Join(dir, study.EnsembleFile), `{"members": [{"test_acc": 0.5, "wrong": [0, 1]}, {"test_acc": 0.5, "wrong": [1, 2]}],
		"ensemble": {"test_acc": 0.75, "wrong": [1]}}`)
	if md, err = compareModels(root, models, "go", 100, fast); err != nil || !strings.Contains(md, "0.7500 (2 models; 1 images wrong, 1 of them in every model)") {
		t.Errorf("ensemble with its wrong images: %v\n%s", err, md)
	}
	write(t, filepath.Join(dir, study.EnsembleFile), `{"members": []}`)
	if _, err = compareModels(root, models, "go", 100, fast); err == nil || !strings.Contains(err.Error(), study.EnsembleFile) {
		t.Errorf("empty ensemble: error %v", err)
	}
	broken := errors.New("no backend")
	if _, err = compareModels(root, models, "go", 100, func(cnnlib.Spec, trainSettings) (time.Duration, error) { return 0, broken }); !errors.Is(err, broken) {
		t.Errorf("failed measurement: error %v", err)
	}
}

// timeTrainingStep trains a few steps of the model on the backend.
func TestTimeTrainingStep(t *testing.T) {
	d := synthetic(20)
	step, err := timeTrainingStep(cnnlib.PostModel(), trainSettings{1, 8, "adam"}, "go", d)
	if err != nil || step <= 0 {
		t.Errorf("step %v, error %v", step, err)
	}
	if _, err := timeTrainingStep(cnnlib.PostModel(), trainSettings{1, 8, "nope"}, "go", d); err == nil {
		t.Error("unknown optimizer: no error")
	}
}
