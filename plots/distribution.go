package plots

import (
	"fmt"
	"math"

	"github.com/kiwerkstatt/werkbank/lang"
)

// Sample is one named set of values of a Distribution, such as the test
// accuracies of the runs (seeds) of one configuration.
type Sample struct {
	Label  string
	Values []float64
	// Highlight draws the sample in a colour of its own, such as the
	// baseline the other configurations are judged against.
	Highlight bool
}

// Mark is a labelled vertical line of a Distribution, such as a target.
type Mark struct {
	X     float64
	Label string
}

// Band is a labelled range of a Distribution, shaded across all samples,
// such as the range a baseline's runs fall into.
type Band struct {
	Lo, Hi float64
	Label  string
}

// Distribution is several samples of one quantity, for Strip.
type Distribution struct {
	// Title is drawn above the chart, Caption under it.
	Title, Caption string
	// XLabel names the quantity.
	XLabel  string
	Samples []Sample
	// Marks are drawn as dashed lines.
	Marks []Mark
	// Band, when not nil, is shaded behind the samples.
	Band *Band
	// Decimals is the least number of decimals of the tick labels: 4
	// prints accuracies as tables do (0.9900), not as 0.99.
	Decimals int
}

// BaselineBand returns the Band of the mean ± 2 standard deviations of s:
// where about 95% of the runs of s's configuration land when seeds are
// all that differs, so that another configuration's runs outside it are
// more than seed noise. Its label says so in the current language, after
// s's label if s has one. It returns nil for fewer than two values.
func BaselineBand(s Sample) *Band {
	m, sd := s.meanSD()
	if math.IsNaN(sd) {
		return nil
	}
	label := lang.T("plots.band")
	if s.Label != "" {
		label = lang.Sprintf("plots.band.of", s.Label)
	}
	return &Band{Lo: m - 2*sd, Hi: m + 2*sd, Label: label}
}

// meanSD returns the mean and the sample standard deviation of s's
// values; sd is NaN for fewer than two values.
func (s Sample) meanSD() (mean, sd float64) {
	n := float64(len(s.Values))
	for _, v := range s.Values {
		mean += v
	}
	mean /= n
	if len(s.Values) < 2 {
		return mean, math.NaN()
	}
	ss := 0.0
	for _, v := range s.Values {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / (n - 1))
}

// span returns the smallest and largest value, mean ± sd, mark and band
// edge: what Strip draws. It validates them.
func (d Distribution) span() (lo, hi float64, err error) {
	if len(d.Samples) == 0 {
		return 0, 0, fmt.Errorf("no samples")
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	lo, hi = math.Inf(1), math.Inf(-1)
	for i, s := range d.Samples {
		if len(s.Values) == 0 {
			return 0, 0, fmt.Errorf("%s has no values", describe("sample", i, s.Label))
		}
		for j, v := range s.Values {
			if !finite(v) {
				return 0, 0, fmt.Errorf("%s: value %d is %v, want a finite number", describe("sample", i, s.Label), j, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if m, sd := s.meanSD(); !math.IsNaN(sd) {
			lo, hi = math.Min(lo, m-sd), math.Max(hi, m+sd)
		}
	}
	for i, m := range d.Marks {
		if !finite(m.X) {
			return 0, 0, fmt.Errorf("%s is at %v, want a finite number", describe("mark", i, m.Label), m.X)
		}
		lo, hi = math.Min(lo, m.X), math.Max(hi, m.X)
	}
	if b := d.Band; b != nil {
		if !finite(b.Lo) || !finite(b.Hi) || b.Lo > b.Hi {
			return 0, 0, fmt.Errorf("band %q spans [%v, %v], want finite numbers, Lo ≤ Hi", b.Label, b.Lo, b.Hi)
		}
		lo, hi = math.Min(lo, b.Lo), math.Max(hi, b.Hi)
	}
	return lo, hi, nil
}
