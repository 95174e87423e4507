package nb

import (
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
)

// postRunConfig is a workshop run of the post's full size: all 60,000
// training images (10% for validation), 15 epochs of batch size 162, all
// 10,000 test images; Rerun trains with it in full mode.
func postRunConfig() runConfig {
	return runConfig{Hyperparameters: cnnlib.PostHyperparameters(), TrainImages: 60000, TestImages: 10000}
}

// rerunConfig returns the run configuration of a re-run cell: its %%
// flags over the sizes of the mode: in full mode the post's
// (postRunConfig), else the workshop's quick budget (defaultRunConfig, as
// notebook 02). Flags given in the cell win.
func (n *Notebook) rerunConfig() (runConfig, Mode, error) {
	mode, err := chosenMode()
	if err != nil {
		return runConfig{}, "", err
	}
	c, err := cellFlags().config(rerunBase(mode))
	return c, mode, err
}

// rerunBase is the base configuration of a re-run in mode.
func rerunBase(mode Mode) runConfig {
	if mode == Full {
		return postRunConfig()
	}
	return defaultRunConfig()
}

// notRerun says that a cell did not train and how to make it.
func notRerun(c runConfig, mode Mode) string {
	sizes := lang.T("nb.rerun.full")
	if mode != Full {
		sizes = lang.T("nb.rerun.quick")
	}
	if len(c.Capped) > 0 {
		sizes += lang.Sprintf("nb.rerun.capped", strings.Join(c.Capped, ", "))
	}
	fit, _ := c.FitConfig()
	return lang.Sprintf("nb.rerun.not",
		lang.Quote(c.Name), fit.Epochs, lang.Thousands(c.TrainImages), c.BatchSize, lang.Thousands(c.TestImages), sizes)
}
