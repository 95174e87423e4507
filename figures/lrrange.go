package figures

import (
	"errors"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/plots"
)

// LRRange draws a learning-rate range test: loss and smoothed loss against
// the rate, the suggested rate marked, captioned with what ran.
func LRRange(r *cnnlib.LRRange, what string) (plots.Figure, error) {
	if r == nil {
		return nil, errors.New("no range test")
	}
	return plots.LRRangeChart(plots.LRRangeCurve{LR: r.LR, Loss: r.Loss, Smoothed: r.Smoothed, Suggested: r.Suggested,
		Caption: r.Caption(what)})
}
