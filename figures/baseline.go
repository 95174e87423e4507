package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/plots"
	"github.com/kiwerkstatt/werkbank/study"
)

// AgainstBaseline draws the test accuracies of a baseline's seeds and of
// changes to it, one row each, the runs as dots, against the baseline's
// band (mean ± 2 sd): the workshop's view of "did my change help?". The
// caption goes under the chart (e.g. runs that could not be judged).
func AgainstBaseline(title string, baseline plots.Sample, changes []plots.Sample, caption string) (plots.Figure, error) {
	if len(baseline.Values) < 2 {
		return nil, fmt.Errorf("figures: the baseline %q needs at least two runs for its band, has %d", baseline.Label, len(baseline.Values))
	}
	baseline.Highlight = true
	d := study.AccuracyDistribution(append([]plots.Sample{baseline}, changes...)...)
	d.Title, d.Caption = title, caption
	d.Band = plots.BaselineBand(baseline)
	return plots.Strip(d)
}
