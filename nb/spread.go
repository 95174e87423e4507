package nb

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/study"
	"gonum.org/v1/gonum/stat"
)

// QuickStudyDir is the committed study of the post's model under the quick
// budget (werkbank train --quick over seeds; scripts/experiments.sh quick),
// relative to the repository root: the spread a workshop run is judged
// against.
const QuickStudyDir = "experiments/quick"

// spread is the distribution of a test accuracy over the seeds of one
// configuration.
type spread struct {
	Values         []float64 // one per seed, in the order read
	Mean, SD       float64   // SD: the sample standard deviation (n-1)
	Min, Max       float64
	Source         string // where the values come from, for messages
	ConfigSentence string // what ran, e.g. "the post's model under the same budget"
}

// newSpread returns the spread of values (at least two).
func newSpread(values []float64) (spread, error) {
	if len(values) < 2 {
		return spread{}, fmt.Errorf("a spread needs at least two values, have %d", len(values))
	}
	return spread{Values: values, Mean: stat.Mean(values, nil), SD: stat.StdDev(values, nil),
		Min: slices.Min(values), Max: slices.Max(values)}, nil
}

// quickBaseline reads the spread of the post's model under the quick budget
// from the committed study (QuickStudyDir in the repository).
func quickBaseline() (spread, error) {
	root, err := repoRoot()
	if err != nil {
		return spread{}, err
	}
	s, err := readSpread(filepath.Join(root, QuickStudyDir, "runs"))
	if err != nil {
		return spread{}, err
	}
	s.ConfigSentence = lang.T("nb.baseline.quick")
	return s, nil
}

// readSpread reads the test accuracy of every result.json under dir, as
// werkbank train writes it (study.ReadRuns).
func readSpread(dir string) (spread, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return spread{}, fmt.Errorf("no study in %s: run scripts/experiments.sh quick", dir)
	}
	runs, err := study.ReadRuns([]string{dir})
	if err != nil {
		return spread{}, err
	}
	values := make([]float64, len(runs))
	for i, r := range runs {
		values[i] = r.Result.TestAcc
	}
	s, err := newSpread(values)
	if err != nil {
		return spread{}, fmt.Errorf("%s: %w", dir, err)
	}
	s.Source = dir
	return s, nil
}

// String is the spread as one line, e.g. "0.9890 ± 0.0011 (10 seeds,
// 0.9871-0.9905)".
func (s spread) String() string {
	return lang.Sprintf("nb.spread", s.Mean, s.SD, len(s.Values), s.Min, s.Max)
}

// verdict is where a result lands against a spread.
type verdict int

// The verdicts.
const (
	Inside verdict = iota
	ClearlyAbove
	ClearlyBelow
)

func (v verdict) String() string {
	return lang.T([...]lang.Key{"nb.verdict.inside", "nb.verdict.above", "nb.verdict.below"}[v])
}

// Margin is how far from the spread's mean a mean of k runs must lie to be
// clearly above or below it: two standard errors of the difference of the
// two means, 2·sd·√(1/k + 1/n) for the spread's n seeds. One run is judged
// by two standard deviations (2·sd), the usual reading of "inside the
// spread"; more runs of a change narrow the margin, since their mean
// scatters less than one run.
func (s spread) Margin(k int) float64 {
	if k <= 1 {
		return 2 * s.SD
	}
	return 2 * s.SD * math.Sqrt(1/float64(k)+1/float64(len(s.Values)))
}

// Judge says where the mean of k runs lands against s (Margin's rule).
func (s spread) Judge(mean float64, k int) verdict {
	switch d := mean - s.Mean; {
	case d > s.Margin(k):
		return ClearlyAbove
	case d < -s.Margin(k):
		return ClearlyBelow
	}
	return Inside
}

// Sentence says in plain words where a result (one run, or the mean of k
// runs) lands against s and by which rule.
func (s spread) Sentence(mean float64, k int) string {
	v := s.Judge(mean, k)
	rule := lang.Sprintf("nb.rule.one", s.Margin(1))
	what := lang.Float(mean, 4)
	if k > 1 {
		rule = lang.Sprintf("nb.rule.mean", s.Margin(k))
		what = lang.Sprintf("nb.rule.what_mean", k, mean)
	}
	switch v {
	case ClearlyAbove, ClearlyBelow:
		return lang.Sprintf("nb.lands.clear", what, v, rule)
	}
	return lang.Sprintf("nb.lands.inside", what, v, rule)
}
