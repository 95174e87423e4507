package nb

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// Mode says how the training cell gets its model.
type Mode string

// The modes of the training cell.
const (
	// Shipped loads the repository's trained model, models/blog-cnn, when
	// the cells define the post's model and settings; else it is Quick.
	Shipped Mode = "shipped"
	// Quick trains the cells' model under the quick budget (cnnlib.Quick):
	// all training images, at most 2 epochs, a constant rate turned into one
	// cycle up to 10 times the cell's rate; otherwise as the cells say.
	Quick Mode = "quick"
	// Full trains the cells' model as they say (the post: all 60,000
	// images, 15 epochs, batch size 162, validation split 0.1).
	Full Mode = "full"
)

// ModeEnv is the environment variable that sets the mode when the cell has no
// --mode flag (the notebook tests set it to quick).
const ModeEnv = "WERKBANK_NOTEBOOK_MODE"

// parseMode returns the mode named s.
func parseMode(s string) (Mode, error) {
	switch m := Mode(s); m {
	case Shipped, Quick, Full:
		return m, nil
	}
	return "", fmt.Errorf("unknown notebook mode %q (want shipped, quick or full)", s)
}

// chosenMode returns the mode of the current cell: its --mode flag when
// given, else $WERKBANK_NOTEBOOK_MODE when set, else Shipped.
func chosenMode() (Mode, error) {
	if s := *cellFlags().mode; s != "" {
		return parseMode(s)
	}
	if s := os.Getenv(ModeEnv); s != "" {
		m, err := parseMode(s)
		if err != nil {
			return "", fmt.Errorf("$%s: %w", ModeEnv, err)
		}
		return m, nil
	}
	return Shipped, nil
}

// trainingPlan is how a training mode trains: the model, the data and the fit
// configuration.
type trainingPlan struct {
	Mode Mode
	Spec cnnlib.Spec
	Fit  cnnlib.FitConfig
	Seed int64 // seed of the initial weights (the fit's seed is Fit.Seed)
}

// key identifies what the plan trains (model, data, settings), so that the
// training cell resumes an interrupted run of the same cells and starts afresh
// for changed ones (a checkpoint of another model would be refused).
func (p trainingPlan) key() string {
	f := p.Fit
	data, err := json.Marshal([]any{p.Spec, p.Seed,
		f.Epochs, f.BatchSize, f.Shuffle, f.ValidationSplit, f.Validation != nil, f.Seed, f.Optimizer, f.Augment, f.Schedule})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:4])
}

// planFor returns how mode trains spec with fit: Full as given, Quick under
// the quick budget (cnnlib.Quick). Shipped trains nothing and has no plan.
func planFor(mode Mode, spec cnnlib.Spec, fit cnnlib.FitConfig) (trainingPlan, error) {
	p := trainingPlan{Mode: mode, Spec: spec, Fit: fit, Seed: fit.Seed}
	switch mode {
	case Quick:
		p.Fit = cnnlib.Quick(fit)
	case Full:
	case Shipped:
		return trainingPlan{}, fmt.Errorf("mode shipped loads models/blog-cnn and trains nothing")
	default:
		return trainingPlan{}, fmt.Errorf("unknown notebook mode %q (want shipped, quick or full)", mode)
	}
	return p, nil
}
