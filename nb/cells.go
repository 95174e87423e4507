package nb

import (
	"fmt"
	"github.com/kiwerkstatt/werkbank/lang"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
)

// The steps below are what a notebook cell calls: each prints to the
// notebook's output and ends the cell on an error (as Must does), so that a
// cell shows what the post's cell shows and no plumbing. They are thin: the
// work is done, and tested, by the functions they call.

// Setup prints the notebook's boilerplate facts (PrintSetup).
func (n *Notebook) Setup() { Check(n.printSetup()) }

// DescribeData loads MNIST and prints its splits and label counts.
func (n *Notebook) DescribeData() {
	Must(mnist()).describe(n.out())
}

// DescribeFeatures prints the feature tensors' shapes and ranges and shows
// the first ten training images.
func (n *Notebook) DescribeFeatures() {
	d := Must(mnist())
	d.describeFeatures(n.out())
	Show(d.Samples(10))
}

// Model returns the current model, the one the training cell made.
func (n *Notebook) Model() *cnnlib.Model { return Must(n.current()).Model }

// History returns the training history of the current model.
func (n *Notebook) History() *cnnlib.History {
	h := Must(n.current()).History
	if h == nil {
		fail(fmt.Errorf("the current model in %s has no training history", n.modelPath()))
	}
	return h
}

// Test is model.evaluate on the 10,000 test images, next to the post's result.
func (n *Notebook) Test() cnnlib.Evaluation {
	m := Must(n.current())
	fmt.Fprintln(n.out(), describe(m))
	ev := Must(n.evaluate(m))
	printVsPost(n.out(), accuracyVsPost(ev), lossVsPost(ev))
	return ev
}

// Save saves the current model as the directory name in the work directory
// and checks that it loads back (SaveAs).
func (n *Notebook) Save(name string) { Must(n.saveAs(Must(n.current()), name)) }

// CompareWithPost draws our validation accuracy next to the post's, epoch by
// epoch, and prints both histories.
func (n *Notebook) CompareWithPost() {
	h := n.History()
	Show(figures.Compare("val_acc", figures.Run{Name: lang.T("nb.post.keras"), History: figures.PostHistory()}, figures.Run{Name: lang.T("nb.post.ours"), History: h}))
	historyVsPost(n.out(), h)
}

// PrintFlags prints a workshop run's defaults and lists the flags a cell
// accepts after %% with those defaults.
func (n *Notebook) PrintFlags() {
	d := defaultRunConfig()
	fmt.Fprintln(n.out(), lang.Sprintf("nb.flags.defaults", lang.Thousands(d.TrainImages), lang.Thousands(d.TestImages), cnnlib.DescribeQuick(cnnlib.BlogFitConfig())))
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

// Data returns MNIST (loaded once per cell).
func (n *Notebook) Data() *MNIST { return Must(mnist()) }

// VsPost prints rows of the post's numbers next to ours.
func (n *Notebook) VsPost(rows ...Row) { printVsPost(n.out(), rows...) }

// PrintDistances prints the distance matrix of the codes of Abb 6.
func (n *Notebook) PrintDistances(inputs []figures.CodeInput, dist [][]float64) {
	writeDistances(n.out(), inputs, dist)
}
