package nb

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
	"gonum.org/v1/gonum/stat"
)

// The workshop's question is "did my change help?": a run is answered
// against the spread of the post's model under the same budget over many
// seeds (quickBaseline), never against a single baseline run, whose seed
// alone moves the test accuracy by about as much as most changes do.

// runSeeds trains cfg with seeds cfg.Seed, cfg.Seed+1, ... (seeds runs;
// with more than one, named "<name> seed=S" and grouped under cfg's name,
// replacing the group's earlier runs), prints where each run and, for
// several, their mean lands against the baseline's spread, and returns the
// runs.
func (n *Notebook) runSeeds(cfg runConfig, seeds int) ([]*workshopRun, error) {
	return n.runSeedsWith(cfg, seeds, n.trainRun)
}

// runSeedsWith is runSeeds with the function that trains one run.
func (n *Notebook) runSeedsWith(cfg runConfig, seeds int, train func(runConfig) (*workshopRun, error)) ([]*workshopRun, error) {
	if seeds < 1 || seeds > 20 {
		return nil, fmt.Errorf("--seeds %d: want 1 to 20", seeds)
	}
	if cfg.Name == "" {
		cfg.Name = cfg.AutoName()
	}
	if seeds > 1 {
		if err := n.removeGroup(cfg.Name); err != nil {
			return nil, err
		}
	}
	base, baseErr := quickBaseline()
	var runs []*workshopRun
	var accs []float64
	for i := range seeds {
		c := cfg
		if seeds > 1 {
			c.Seed = cfg.Seed + int64(i)
			c.Group, c.Name = cfg.Name, fmt.Sprintf("%s seed=%d", cfg.Name, c.Seed)
		}
		run, err := train(c)
		if err != nil {
			return runs, err
		}
		runs = append(runs, run)
		accs = append(accs, run.Test.Accuracy)
		n.printJudged(c, base, baseErr, accs[len(accs)-1:])
	}
	if seeds > 1 {
		fmt.Fprintln(n.out(), lang.Sprintf("nb.seeds.result", seeds, lang.Quote(cfg.Name), spreadOrValues(accs)))
		n.printJudged(cfg, base, baseErr, accs)
	}
	return runs, nil
}

// printJudged prints the baseline's spread and where accs (one run, or the
// seeds of one change) land against it, or why cfg cannot be compared.
func (n *Notebook) printJudged(cfg runConfig, base spread, baseErr error, accs []float64) {
	if why := cfg.incomparable(); baseErr == nil && why != "" {
		fmt.Fprintln(n.out(), lang.Sprintf("nb.notjudged", base.ConfigSentence, base, why))
		return
	}
	printVerdict(n.out(), base, baseErr, accs)
}

// printVerdict prints base (or why there is none) and where accs, one run
// or the seeds of one change, land against it.
func printVerdict(w io.Writer, base spread, baseErr error, accs []float64) {
	if baseErr != nil {
		fmt.Fprintln(w, lang.Sprintf("nb.nospread", baseErr))
		return
	}
	fmt.Fprintf(w, "%s: %s\n", base.ConfigSentence, base)
	fmt.Fprintln(w, lang.Sprintf("nb.verdict.line", base.Sentence(stat.Mean(accs, nil), len(accs))))
}

// incomparable says why a run's test accuracy cannot be judged against the
// baseline's spread (it trained or tested on another budget), or "".
func (c runConfig) incomparable() string {
	d := defaultRunConfig()
	fit, _ := c.FitConfig()
	switch {
	case len(c.Capped) > 0:
		return lang.Sprintf("nb.why.capped", strings.Join(c.Capped, ", "))
	case !c.Quick:
		return lang.T("nb.why.notquick")
	case c.TrainImages != d.TrainImages || c.TestImages != d.TestImages:
		return lang.Sprintf("nb.why.images", lang.Thousands(c.TrainImages), lang.Thousands(c.TestImages), lang.Thousands(d.TrainImages), lang.Thousands(d.TestImages))
	case fit.Epochs != cnnlib.QuickEpochs:
		return lang.Sprintf("nb.why.epochs", fit.Epochs, cnnlib.QuickEpochs)
	}
	return ""
}

// spreadOrValues is mean ± sd of two or more values, else the value.
func spreadOrValues(v []float64) string {
	s, err := newSpread(v)
	if err != nil {
		return lang.Float(v[0], 4)
	}
	return lang.Sprintf("nb.spread.short", s.Mean, s.SD, s.Min, s.Max)
}

// removeGroup deletes the saved runs of the group name.
func (n *Notebook) removeGroup(name string) error {
	runs, err := n.savedRuns()
	if err != nil {
		return err
	}
	for _, r := range runs {
		if r.Config.Group == name {
			if err := os.RemoveAll(n.runDir(r.Name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// baselineSample is the committed spread as the figures' baseline row.
func baselineSample(base spread) plots.Sample {
	return plots.Sample{Label: lang.Sprintf("nb.baseline.label", len(base.Values)), Values: base.Values}
}

// groupFigure draws the test accuracies of runs, the seeds of one change,
// as a row next to the baseline's spread (or the baseline alone with a
// note, when the runs cannot be judged against it).
func (n *Notebook) groupFigure(runs []*workshopRun) (plots.Figure, error) {
	base, err := quickBaseline()
	if err != nil {
		return nil, err
	}
	cfg := runs[0].Config
	row := plots.Sample{Label: cmp.Or(cfg.Group, cfg.Name)}
	for _, r := range runs {
		row.Values = append(row.Values, r.Test.Accuracy)
	}
	rows, caption := []plots.Sample{row}, ""
	if why := cfg.incomparable(); why != "" {
		rows, caption = nil, lang.Sprintf("nb.notjudged.caption", lang.Quote(row.Label), why)
	}
	return figures.AgainstBaseline(lang.T("nb.baseline.figure"), baselineSample(base), rows, caption)
}

// CompareToBaseline draws the test accuracy of every saved run, one row per
// change (the seeds of a --seeds group in one row), against the baseline's
// spread; runs that cannot be judged against it are named in the caption.
func (n *Notebook) compareToBaseline() (plots.Figure, error) {
	base, err := quickBaseline()
	if err != nil {
		return nil, err
	}
	runs, err := n.savedRuns()
	if err != nil {
		return nil, err
	}
	var rows []plots.Sample
	row := map[string]int{}
	var skipped []string
	for _, r := range runs {
		if why := r.Config.incomparable(); why != "" {
			skipped = append(skipped, r.Name)
			continue
		}
		label := cmp.Or(r.Config.Group, r.Name)
		i, ok := row[label]
		if !ok {
			i, row[label] = len(rows), len(rows)
			rows = append(rows, plots.Sample{Label: label})
		}
		rows[i].Values = append(rows[i].Values, r.Test.Accuracy)
	}
	caption := ""
	if len(skipped) > 0 {
		caption = "Not judged (another budget or data size): " + strings.Join(skipped, "; ")
	}
	return figures.AgainstBaseline(lang.T("nb.baseline.figure"), baselineSample(base), rows, caption)
}

// PrintAgainstBaseline prints the spread of the post's model under the quick
// budget and where the test accuracies (one run, or several seeds of one
// change) land against it. Without the committed study it says so.
func (n *Notebook) printAgainstBaseline(accs ...float64) {
	base, err := quickBaseline()
	printVerdict(n.out(), base, err, accs)
}
