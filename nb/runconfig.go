package nb

import (
	"fmt"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/trainflags"
)

// runConfig is one short training run of the workshop: the post's
// model with changed hyperparameters, under the quick budget by default.
type runConfig struct {
	Name string `json:"name"`
	cnnlib.Hyperparameters
	TrainImages int `json:"train_images"` // the first N training images, 10% of them for validation
	TestImages  int `json:"test_images"`  // the first N test images
	// Model, when set, is the run's model, written in a cell with package
	// layers; the architecture hyperparameters are then not used.
	Model *cnnlib.Spec `json:"model,omitempty"`
	// Capped lists the environment caps that shortened the run.
	Capped []string `json:"capped,omitempty"`
	// Group names the change a run belongs to when the change ran with
	// several seeds (--seeds); empty for a single run, whose Name it is.
	Group string `json:"group,omitempty"`
}

// defaultRunConfig is the workshop's baseline: the post's model and settings
// on the whole data set under the quick budget (cnnlib.Quick: 2 epochs, one
// cycle up to 10 times the rate), about a minute a run on two CPU cores
// with ONNX Runtime, at the level of the post's questions (about 0.99).
func defaultRunConfig() runConfig {
	h := cnnlib.PostHyperparameters()
	h.Quick = true
	return runConfig{Hyperparameters: h, TrainImages: 60000, TestImages: 10000}
}

// Validate checks the configuration; errors name the flag.
func (c runConfig) Validate() error {
	switch {
	case c.TrainImages < 20 || c.TrainImages > 60000:
		return fmt.Errorf("--train-images %d: want 20 to 60000", c.TrainImages)
	case c.TestImages <= 0 || c.TestImages > 10000:
		return fmt.Errorf("--test-images %d: want 1 to 10000", c.TestImages)
	}
	if err := c.Hyperparameters.Validate(); err != nil {
		return trainflags.Explain(err)
	}
	if c.Model == nil {
		return nil // the hyperparameters' model was built by Validate
	}
	_, err := c.Spec()
	return err
}

// Spec returns the run's model: Model when set, else the one the
// hyperparameters describe.
func (c runConfig) Spec() (cnnlib.Spec, error) {
	if c.Model == nil {
		spec, err := c.Hyperparameters.Spec()
		return spec, trainflags.Explain(err)
	}
	if _, err := c.Model.Infer(); err != nil {
		return cnnlib.Spec{}, fmt.Errorf("run %q: %w", c.Name, err)
	}
	return *c.Model, nil
}

// AutoName names the run by what differs from the baseline, e.g.
// "optimizer=adam lr=0.002", or "baseline".
func (c runConfig) AutoName() string {
	d := defaultRunConfig()
	parts := trainflags.Diff(c.Hyperparameters, d.Hyperparameters)
	if c.TrainImages != d.TrainImages {
		parts = append(parts, fmt.Sprintf("train-images=%d", c.TrainImages))
	}
	if c.TestImages != d.TestImages {
		parts = append(parts, fmt.Sprintf("test-images=%d", c.TestImages))
	}
	if len(parts) == 0 {
		return "baseline"
	}
	return strings.Join(parts, " ")
}

// fullFit is the run's fit configuration without the quick budget: what
// the cell's settings say.
func (c runConfig) fullFit() cnnlib.FitConfig {
	c.Quick = false
	fit, _ := c.FitConfig()
	return fit
}
