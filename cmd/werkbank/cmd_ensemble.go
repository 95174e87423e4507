package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/study"
)

func init() {
	register("ensemble", "evaluate several saved models and the ensemble that averages their softmax outputs on the test set", runEnsemble)
}

func runEnsemble(args []string) error {
	fs := newFlagSet("ensemble", "ensemble [flags] MODEL_DIR...\n\n"+
		"Evaluates each saved model (a directory with model.json, or a run directory holding model/) on the test set,\n"+
		"and the ensemble that predicts the class of the highest mean softmax output of them all. The ensemble's loss is\n"+
		"the cross-entropy of those mean probabilities; each model's is its own, as werkbank evaluate reports it.\n"+
		"For each model the table counts the test images it gets wrong, those of them the ensemble gets right (fixed)\n"+
		"and those it gets right and the ensemble wrong (broken); --json lists the wrong images by index")
	df := addDataFlags(fs)
	backend := addBackendFlag(fs)
	limitTest := fs.Int("limit-test", 0, "use only the first N test samples (0 = all)")
	jsonOut := fs.String("json", "", "also write the accuracies and losses to this JSON file")
	dirs, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usageErrorf("no MODEL_DIR given: name the saved models (or training runs) to ensemble")
	}
	if *limitTest < 0 {
		return usageErrorf("--limit-test %d: want >= 0", *limitTest)
	}
	if err := df.check(); err != nil {
		return err
	}

	var models []*cnnlib.Model
	defer func() {
		for _, m := range models {
			m.Finalize()
		}
	}()
	var first *cnnlib.Loaded
	for _, dir := range dirs {
		m, err := loadModel(dir, *backend)
		if err != nil {
			return err
		}
		models = append(models, m.Model)
		if first == nil {
			first = m
			continue
		}
		a, b := first.Spec, m.Spec
		if a.InputShape != b.InputShape || a.Classes != b.Classes {
			return fmt.Errorf("%s takes %s images into %d classes, %s takes %s into %d: an ensemble needs models of the same input and classes",
				dir, shape(b.InputShape), b.Classes, dirs[0], shape(a.InputShape), a.Classes)
		}
	}
	fmt.Printf("backend: %s (%s)\n", first.Backend.Config, first.Backend.Reason)

	data, test, err := df.testData(*limitTest)
	if err != nil {
		return err
	}
	if in := first.Spec.InputShape; data.Test.Rows != in[0] || data.Test.Cols != in[1] || in[2] != 1 {
		return fmt.Errorf("%s takes %s images, the %s test images are %dx%dx1", dirs[0], shape(in), df.dataset, data.Test.Rows, data.Test.Cols)
	}
	res, err := cnnlib.EvaluateEnsemble(models, test)
	if err != nil {
		return err
	}
	out := study.Ensemble{Backend: first.Backend.Config, TestSamples: test.Len(),
		Ensemble: study.EnsembleMember{Model: fmt.Sprintf("ensemble of %d (mean softmax)", len(models)),
			TestAcc: res.Ensemble.Accuracy, TestLoss: res.Ensemble.Loss, Wrong: res.EnsembleWrong}}
	for i, ev := range res.Members {
		out.Members = append(out.Members, study.EnsembleMember{Model: dirs[i], TestAcc: ev.Accuracy, TestLoss: ev.Loss, Wrong: res.MembersWrong[i]})
	}
	writeEnsemble(os.Stdout, out)
	if *jsonOut != "" {
		if err := atomicfile.WriteJSON(*jsonOut, out); err != nil {
			return fmt.Errorf("--json: %w", err)
		}
	}
	return nil
}

// writeEnsemble prints the table: a row per model, the ensemble's last,
// with the count of images each gets wrong and how many of them the
// ensemble fixes and breaks against each model.
func writeEnsemble(w io.Writer, e study.Ensemble) {
	width := len(e.Ensemble.Model)
	for _, m := range e.Members {
		width = max(width, len(m.Model))
	}
	row := func(name, acc, loss string, wrong, fixed, broken any) {
		line := fmt.Sprintf("%-*s  %8s  %9s  %5v  %5v  %6v", width, name, acc, loss, wrong, fixed, broken)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintf(w, "%d test samples\n", e.TestSamples)
	row("model", "test_acc", "test_loss", "wrong", "fixed", "broken")
	for i, m := range e.Members {
		fixed, broken := e.Changes(i)
		row(m.Model, fmt.Sprintf("%.4f", m.TestAcc), fmt.Sprintf("%.4f", m.TestLoss), len(m.Wrong), fixed, broken)
	}
	fmt.Fprintln(w, strings.Repeat("-", width+43))
	row(e.Ensemble.Model, fmt.Sprintf("%.4f", e.Ensemble.TestAcc), fmt.Sprintf("%.4f", e.Ensemble.TestLoss), len(e.Ensemble.Wrong), "", "")
	fmt.Fprintf(w, "fixed: images the model gets wrong and the ensemble right; broken: the other way round.\n"+
		"Every model gets %d of the ensemble's %d wrong images wrong too.\n", e.WrongByAll(), len(e.Ensemble.Wrong))
}

func shape(s [3]int) string { return fmt.Sprintf("%dx%dx%d", s[0], s[1], s[2]) }
