package nb

import (
	"fmt"
	"os"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// Mode says how the training cell gets its model.
type Mode string

// The modes of the training cell.
const (
	// Shipped loads the repository's trained model, models/blog-cnn.
	Shipped Mode = "shipped"
	// Quick trains the post's model briefly: the first 6,000 training
	// images (5,400 after the validation split), 2 epochs, batch size 32.
	Quick Mode = "quick"
	// Full trains the post's model as the post does: all 60,000 images,
	// 15 epochs, batch size 162, validation split 0.1.
	Full Mode = "full"
)

// ModeEnv is the environment variable that sets the mode when the cell has no
// --mode flag (the notebook tests set it to quick).
const ModeEnv = "WERKBANK_NOTEBOOK_MODE"

// ParseMode returns the mode named s.
func ParseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Shipped, Quick, Full:
		return m, nil
	}
	return "", fmt.Errorf("unknown notebook mode %q (want shipped, quick or full)", s)
}

// ChosenMode returns the mode of the current cell: its --mode flag when
// given, else $WERKBANK_NOTEBOOK_MODE when set, else Shipped.
func ChosenMode() (Mode, error) {
	if s := *cellFlags.mode; s != "" {
		return ParseMode(s)
	}
	if s := os.Getenv(ModeEnv); s != "" {
		m, err := ParseMode(s)
		if err != nil {
			return "", fmt.Errorf("$%s: %w", ModeEnv, err)
		}
		return m, nil
	}
	return Shipped, nil
}

// Plan is how a training mode trains: the model, the data and the fit
// configuration.
type Plan struct {
	Mode        Mode
	Spec        cnnlib.Spec
	TrainImages int // the first TrainImages of the 60,000 training images; 0 means all
	Fit         cnnlib.FitConfig
	Seed        int64 // seed of the initial weights (the fit's seed is Fit.Seed)
}

// PlanFor returns the plan of a training mode; Shipped trains nothing and
// has no plan.
func PlanFor(mode Mode) (Plan, error) {
	fit := cnnlib.BlogFitConfig()
	fit.Seed = 1
	p := Plan{Mode: mode, Spec: cnnlib.BlogModel(), Fit: fit, Seed: 1}
	switch mode {
	case Quick:
		p.TrainImages = 6000
		p.Fit.Epochs = 2
		p.Fit.BatchSize = 32
	case Full:
	case Shipped:
		return Plan{}, fmt.Errorf("mode shipped loads models/blog-cnn and trains nothing")
	default:
		return Plan{}, fmt.Errorf("unknown notebook mode %q (want shipped, quick or full)", mode)
	}
	return p, nil
}
