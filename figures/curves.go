package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/plots"
)

// Accuracy is Abb 1: training accuracy as dots, validation accuracy as a line.
func Accuracy(h *cnnlib.History) (plots.Figure, error) {
	if h == nil || len(h.Epochs) == 0 {
		return nil, fmt.Errorf("figures: no training history")
	}
	acc, _ := h.Series("acc")
	valAcc, _ := h.Series("val_acc")
	return plots.TrainingCurve(plots.Curves{
		Title:      "Training and validation accuracy",
		Caption:    captionAccuracy,
		YLabel:     "Accuracy",
		Train:      acc,
		Val:        valAcc,
		TrainLabel: "Training acc",
		ValLabel:   "Validation acc",
	})
}

// Loss is Abb 2: training loss as dots, validation loss as a line.
func Loss(h *cnnlib.History) (plots.Figure, error) {
	if h == nil || len(h.Epochs) == 0 {
		return nil, fmt.Errorf("figures: no training history")
	}
	loss, _ := h.Series("loss")
	valLoss, _ := h.Series("val_loss")
	return plots.TrainingCurve(plots.Curves{
		Title:      "Training and validation loss",
		Caption:    captionLoss,
		YLabel:     "Loss",
		Train:      loss,
		Val:        valLoss,
		TrainLabel: "Training loss",
		ValLabel:   "Validation loss",
	})
}

// Run is one named training history, for Compare.
type Run struct {
	Name    string
	History *cnnlib.History
}

// Compare draws the validation accuracy (metric "val_acc") or another metric
// of several runs in one chart: the workshop bench's side-by-side view. A
// run that ends far from the others (a short run that went wrong) is named
// under the chart instead of flattening their curves.
func Compare(metric string, runs ...Run) (plots.Figure, error) {
	c := plots.Comparison{Title: "Comparison: " + metric, YLabel: metric}
	for _, r := range runs {
		if r.History == nil {
			return nil, fmt.Errorf("figures: run %q has no history", r.Name)
		}
		values, err := r.History.Series(metric)
		if err != nil {
			return nil, fmt.Errorf("figures: %w", err)
		}
		c.Series = append(c.Series, plots.Series{Label: r.Name, Values: values})
	}
	return plots.CompareCurves(c)
}
