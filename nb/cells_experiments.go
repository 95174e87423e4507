package nb

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
)

// ShowAugmentation shows the first training images with augmented versions
// of each, drawn with a (the library's augmentation, seeded), and prints a's
// parameters.
func (n *Notebook) ShowAugmentation(a cnnlib.Augmentation) {
	fmt.Fprintln(n.out(), describeAugmentation(a))
	d := Must(mnist())
	first := cnnlib.FromSet(d.Train.Slice(0, augmentDigits))
	Show(augmentationFigure(first, a, augmentVersions, 1))
}

// Experiment shows the committed results of experiments/<name>
// (ShowExperiment).
func (n *Notebook) Experiment(name string) { Check(n.showExperiment(name)) }

// Rerun trains the run of the cell's %% flags, as notebook 02's Run does
// (sizes: RerunFlags), when the flags include --rerun; without it, it
// trains nothing and says how to.
func (n *Notebook) RerunOnRequest() *workshopRun {
	cfg, mode, err := n.rerunConfig()
	Check(err)
	if !*cellFlags().rerun {
		fmt.Fprintln(n.out(), notRerun(cfg, mode))
		return nil
	}
	return Must(n.trainRun(cfg))
}

// LRRange shows the committed learning-rate range test
// (experiments/lr-range); with --rerun in the cell's %% flags it runs one
// here instead, on the model and optimizer of the cell's flags (default the
// post's), lrRangeSteps steps, and draws it.
func (n *Notebook) LRRange() {
	if !*cellFlags().rerun {
		n.Experiment("lr-range")
		return
	}
	mode := Must(chosenMode())
	cfg := Must(cellFlags().config(postRunConfig()))
	r := Must(n.rangeTest(cfg, lrRangeSteps(mode)))
	Show(figures.LRRange(r, lang.Sprintf("nb.lr.rerun", n.backendConfig(), len(r.LR))))
	res := cnnlib.LRRangeRun{Backend: n.backendConfig(), LRRange: r}
	fmt.Fprintln(n.out(), res.Summary())
	if line := committedRangeLine(); line != "" {
		fmt.Fprintln(n.out(), line)
	}
}
