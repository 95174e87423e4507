package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// Accuracy is Abb 1: training accuracy as dots, validation accuracy as a
// line, with the post's caption. It is the post's figure: for the curves of
// any other run (a workshop run, a training in progress) use RunAccuracy,
// which does not carry the post's figure number.
func Accuracy(h *cnnlib.History) (plots.Figure, error) {
	return accuracy(h, lang.T("figures.accuracy.caption"))
}

// RunAccuracy draws a run's training and validation accuracy as Accuracy
// does, without the post's caption and figure number.
func RunAccuracy(h *cnnlib.History) (plots.Figure, error) { return accuracy(h, "") }

func accuracy(h *cnnlib.History, caption string) (plots.Figure, error) {
	if h == nil || len(h.Epochs) == 0 {
		return nil, fmt.Errorf("figures: no training history")
	}
	acc, _ := h.Series("acc")
	valAcc, _ := h.Series("val_acc")
	return plots.TrainingCurve(plots.Curves{
		Title:      lang.T("figures.accuracy.title"),
		Caption:    caption,
		XLabel:     lang.T("figures.epochs"),
		YLabel:     lang.T("figures.accuracy.ylabel"),
		Train:      acc,
		Val:        valAcc,
		TrainLabel: lang.T("figures.accuracy.train"),
		ValLabel:   lang.T("figures.accuracy.val"),
	})
}

// Loss is Abb 2: training loss as dots, validation loss as a line, with the
// post's caption. For the curves of any other run use RunLoss.
func Loss(h *cnnlib.History) (plots.Figure, error) {
	return loss(h, lang.T("figures.loss.caption"))
}

// RunLoss draws a run's training and validation loss as Loss does, without
// the post's caption and figure number.
func RunLoss(h *cnnlib.History) (plots.Figure, error) { return loss(h, "") }

func loss(h *cnnlib.History, caption string) (plots.Figure, error) {
	if h == nil || len(h.Epochs) == 0 {
		return nil, fmt.Errorf("figures: no training history")
	}
	loss, _ := h.Series("loss")
	valLoss, _ := h.Series("val_loss")
	return plots.TrainingCurve(plots.Curves{
		Title:      lang.T("figures.loss.title"),
		Caption:    caption,
		XLabel:     lang.T("figures.epochs"),
		YLabel:     lang.T("figures.loss.ylabel"),
		Train:      loss,
		Val:        valLoss,
		TrainLabel: lang.T("figures.loss.train"),
		ValLabel:   lang.T("figures.loss.val"),
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
// under the chart instead of flattening their curves. The chart is not one
// of the post's figures and carries no figure number.
func Compare(metric string, runs ...Run) (plots.Figure, error) {
	c := plots.Comparison{Title: lang.Sprintf("figures.compare.title", metric), XLabel: lang.T("figures.epochs"), YLabel: metric}
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
