package nb

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
)

// ShowBaseline shows the spread of the post's model under the quick budget
// (its seeds as dots, mean ± 2 sd shaded) and prints it with the range a
// single run of a change must leave to count as clearly better or worse.
func (n *Notebook) ShowBaseline() {
	base := Must(quickBaseline())
	Show(figures.AgainstBaseline("The post's model under the quick budget", baselineSample(base), nil, ""))
	fmt.Fprintf(n.out(), "%s: %s\n", base.ConfigSentence, base)
	fmt.Fprintln(n.out(), lang.Sprintf("nb.baseline.bounds",
		base.Mean+base.Margin(1), base.Mean-base.Margin(1)))
}

// PrintFlags prints a workshop run's defaults and lists the flags a cell
// accepts after %% with those defaults.
func (n *Notebook) PrintFlags() {
	d := defaultRunConfig()
	fmt.Fprintln(n.out(), lang.Sprintf("nb.flags.defaults", lang.Thousands(d.TrainImages), lang.Thousands(d.TestImages), cnnlib.DescribeQuick(cnnlib.PostFitConfig())))
	fmt.Fprintln(n.out(), lang.T("nb.flags.list"))
	printFlags(n.out(), d)
}

// Run trains the workshop run the cell's %% flags describe, with --seeds
// seeds, and says where it lands against the baseline's spread (runSeeds);
// several seeds are also drawn as dots next to the baseline's.
func (n *Notebook) Run() []*workshopRun {
	runs := Must(n.runSeeds(Must(n.cellConfig()), *cellFlags().seeds))
	if len(runs) > 1 {
		Show(n.groupFigure(runs))
	}
	return runs
}

// RunModel trains spec, a model written in the cell, as the workshop run
// called name; the cell's %% flags give the training settings.
func (n *Notebook) RunModel(name string, spec cnnlib.Spec) []*workshopRun {
	cfg := Must(n.cellConfig())
	cfg.Name, cfg.Model = name, &spec
	return Must(n.runSeeds(cfg, *cellFlags().seeds))
}

// Compare draws the test accuracy of every run against the baseline's
// spread, their validation accuracy and loss side by side, and prints the
// runs as a table.
func (n *Notebook) Compare() {
	Show(n.compareToBaseline())
	Show(n.compareRuns("val_acc"))
	Show(n.compareRuns("val_loss"))
	Check(n.printRuns())
}

// RemoveRuns deletes the named runs, or every run when no name is given.
func (n *Notebook) RemoveRuns(names ...string) { Check(n.removeRuns(names...)) }
