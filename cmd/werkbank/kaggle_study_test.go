package main

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// TestKaggleStudyFlags: the train flags of the kaggle study in
// scripts/experiments.sh (EPOCHS at its default 15) describe Chris Deotte's
// run: his model (experiments/kaggle/model.json), 30 epochs of batch 64,
// Adam at 1e-3 times 0.95 after every epoch, the Kaggle augmentation.
func TestKaggleStudyFlags(t *testing.T) {
	root := filepath.Join("..", "..")
	script, err := os.ReadFile(filepath.Join(root, "scripts", "experiments.sh"))
	if err != nil {
		t.Fatal(err)
	}
	// The sweep command of the kaggle case, continuation lines joined.
	text := strings.ReplaceAll(string(script), "\\\n", " ")
	var flags []string
	for _, line := range strings.Split(text, "\n") {
		if _, after, ok := strings.Cut(line, "sweep kaggle "); ok {
			_, train, _ := strings.Cut(after, " -- ")
			train = strings.ReplaceAll(train, "$((2 * EPOCHS))", "30")
			flags = strings.Fields(train)
		}
	}
	if len(flags) == 0 {
		t.Fatal("scripts/experiments.sh has no `sweep kaggle ... -- FLAGS` line")
	}
	for i, f := range flags {
		if f == "experiments/kaggle/model.json" {
			flags[i] = filepath.Join(root, f)
		}
	}
	spec, fit, err := newTrainFlags().parse(flags)
	if err != nil {
		t.Fatalf("%v: %v", flags, err)
	}
	if !reflect.DeepEqual(spec, cnnlib.KaggleModel()) {
		t.Errorf("spec %+v, want cnnlib.KaggleModel()", spec)
	}
	if fit.Epochs != 30 || fit.BatchSize != 64 || fit.Optimizer.Name != "adam" || fit.Optimizer.LearningRate != 0.001 ||
		fit.Augment != cnnlib.KaggleAugmentation() || fit.ValidationSplit != 0.1 {
		t.Errorf("fit config %+v", fit)
	}
	for _, epoch := range []int{1, 2, 30} {
		want := 1e-3 * math.Pow(0.95, float64(epoch-1))
		if got := fit.Schedule.Rate(fit.Optimizer.LearningRate, epoch, 0, fit.Epochs, 844, nil); math.Abs(got-want) > 1e-15 {
			t.Errorf("epoch %d: rate %g, want %g", epoch, got, want)
		}
	}
}
