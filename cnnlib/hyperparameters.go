package cnnlib

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// Hyperparameters are the knobs of the post's run that a workshop turns: the
// architecture changes the post suggests trying and the training settings.
// Callers set them (werkbank train and the notebooks as flags), and Validate
// is the one check of them; its errors name the field by its JSON name
// (HyperparameterError). Zero means "none" for Dropout and L2.
type Hyperparameters struct {
	// The model: the post's four Conv2D layers, each but the last followed
	// by MaxPooling2D(2) (or BatchNormalization), dropout, Dense, softmax.
	Filters    []int   `json:"filters"`    // of the four Conv2D layers (post: 32, 32, 32, 16)
	Kernel     int     `json:"kernel"`     // side of the square kernels (post: 3)
	Activation string  `json:"activation"` // of the Conv2D and hidden Dense layers (post: relu)
	Dropout    float64 `json:"dropout"`    // rate of the three Dropout layers; 0: none (post: 0.4)
	L2         float64 `json:"l2"`         // on the hidden Dense kernel; 0: none (post: 0.007)
	Dense      int     `json:"dense"`      // units of the hidden Dense layer (post: 128)
	Pooling    string  `json:"pooling"`    // max (MaxPooling2D), batchnorm or bn-max (post: max)

	// Training: the post's model.compile and model.fit.
	Epochs          int     `json:"epochs"`                // post: 15
	BatchSize       int     `json:"batch_size"`            // post: 162
	Optimizer       string  `json:"optimizer"`             // rmsprop, adam or sgd (post: rmsprop)
	LR              float64 `json:"lr,omitempty"`          // 0: the optimizer's Keras default
	Momentum        float64 `json:"momentum,omitempty"`    // sgd only
	LRSchedule      string  `json:"lr_schedule,omitempty"` // "" or constant (post), step, plateau, cosine, onecycle
	LREvery         int     `json:"lr_every,omitempty"`    // step: epochs between decays; 0: 5
	LRFactor        float64 `json:"lr_factor,omitempty"`   // step, plateau: multiplier; 0: 0.5
	LRPatience      int     `json:"lr_patience,omitempty"` // plateau: epochs; 0: 2
	LRMin           float64 `json:"lr_min,omitempty"`      // plateau, cosine: floor; 0: plateau 1e-5, cosine 0
	ValidationSplit float64 `json:"validation_split"`      // post: 0.1
	NoShuffle       bool    `json:"no_shuffle,omitempty"`  // post: shuffle = True
	Seed            int64   `json:"seed"`                  // initial weights, shuffling, dropout, augmentation
	// Quick trains under the quick budget (Quick): at most QuickEpochs
	// epochs, a constant rate turned into one cycle.
	Quick bool `json:"quick,omitempty"`

	// Augment is the training images' augmentation (post: none; the post
	// says it would take the model much further).
	Augment Augmentation `json:"augment,omitzero"`
}

// PostHyperparameters are the post's: its model, RMSprop with Keras'
// defaults, 15 epochs of batch size 162, the last 10% for validation.
func PostHyperparameters() Hyperparameters {
	return Hyperparameters{
		Filters: []int{32, 32, 32, 16}, Kernel: 3, Activation: "relu", Dropout: 0.4, L2: 0.007, Dense: 128, Pooling: "max",
		Epochs: 15, BatchSize: 162, Optimizer: "rmsprop", ValidationSplit: 0.1, Seed: 1,
	}
}

// HiddenActivations are the activations Hyperparameters.Activation may name.
var HiddenActivations = []string{"relu", "sigmoid", "tanh", "elu", "linear"}

// Validate checks every hyperparameter; an error about one of them is a
// *HyperparameterError naming the field, its value and what was expected.
func (h Hyperparameters) Validate() error {
	_, _, err := h.build()
	return err
}

// Spec returns the model the hyperparameters describe.
func (h Hyperparameters) Spec() (Spec, error) {
	spec, _, err := h.build()
	return spec, err
}

// FitConfig returns the training configuration (Verbose 1, no output).
func (h Hyperparameters) FitConfig() (FitConfig, error) {
	_, fit, err := h.build()
	return fit, err
}

// HyperparameterError is a hyperparameter that is out of range, or set where
// it is not used. Field is the field's JSON name ("batch_size"; the
// augmentation's fields "augment.rotation", ...), as is Needs. Error reads
// like "batch_size 0: want > 0" or "momentum 0.9 is only used with
// optimizer sgd"; Text writes the same with other names for the fields (a
// command line's flags).
type HyperparameterError struct {
	Field string // JSON name of the field
	Value string // the value as the message shows it ("0", `"swish"`, "32,32,16"); with Needs, empty: none shown
	Msg   string // what was expected, e.g. "want > 0"; empty when Needs is set

	// Needs, when set, is the field Field is only used with, at one of
	// the values NeedsValues: "momentum 0.9 is only used with optimizer sgd".
	Needs       string
	NeedsValues []string

	Err error // the cause, if any (Unwrap)
}

func (e *HyperparameterError) Error() string {
	return e.Text(func(field string) string { return field })
}

// Text writes the error with name(field) for each field it names.
func (e *HyperparameterError) Text(name func(field string) string) string {
	if e.Needs != "" {
		s := name(e.Field)
		if e.Value != "" {
			s += " " + e.Value
		}
		return s + " is only used with " + name(e.Needs) + " " + strings.Join(e.NeedsValues, " or ")
	}
	return name(e.Field) + " " + e.Value + ": " + e.Msg
}

func (e *HyperparameterError) Unwrap() error { return e.Err }

// build validates h and returns its spec and fit configuration.
func (h Hyperparameters) build() (Spec, FitConfig, error) {
	fail := func(err error) (Spec, FitConfig, error) { return Spec{}, FitConfig{}, err }
	bad := func(field string, value any, msg string, args ...any) (Spec, FitConfig, error) {
		return fail(&HyperparameterError{Field: field, Value: fmt.Sprint(value), Msg: fmt.Sprintf(msg, args...)})
	}
	switch {
	case len(h.Filters) != 4:
		return bad("filters", joinInts(h.Filters), "want four values like 32,32,32,16 (one per Conv2D layer)")
	case slices.ContainsFunc(h.Filters, func(n int) bool { return n <= 0 }):
		return bad("filters", joinInts(h.Filters), "want four positive integers like 32,32,32,16")
	case h.Kernel <= 0:
		return bad("kernel", h.Kernel, "want > 0")
	case !slices.Contains(HiddenActivations, h.Activation):
		return bad("activation", strconv.Quote(h.Activation), "want one of %s", strings.Join(HiddenActivations, ", "))
	case !(h.Dropout >= 0 && h.Dropout < 1):
		return bad("dropout", h.Dropout, "want a value in [0, 1)")
	case !(h.L2 >= 0) || math.IsInf(h.L2, 0):
		return bad("l2", h.L2, "want a finite value >= 0")
	case h.Dense <= 0:
		return bad("dense", h.Dense, "want > 0")
	case !slices.Contains([]string{"max", "batchnorm", "bn-max"}, h.Pooling):
		return bad("pooling", strconv.Quote(h.Pooling), "want max, batchnorm or bn-max")
	case h.Epochs <= 0:
		return bad("epochs", h.Epochs, "want > 0")
	case h.BatchSize <= 0:
		return bad("batch_size", h.BatchSize, "want > 0")
	case !(h.LR >= 0) || math.IsInf(h.LR, 0):
		return bad("lr", h.LR, "want a finite value > 0 (or 0 for the optimizer's default)")
	case !(h.ValidationSplit >= 0 && h.ValidationSplit < 1):
		return bad("validation_split", h.ValidationSplit, "want a value in [0, 1)")
	}
	if name, v, want := h.Augment.invalid(); name != "" {
		return bad("augment."+name, v, "want %s", want)
	}
	opt, err := NewOptimizer(h.Optimizer)
	if err != nil {
		return bad("optimizer", strconv.Quote(h.Optimizer), "want rmsprop, adam or sgd")
	}
	if h.LR > 0 {
		opt.LearningRate = h.LR
	}
	if h.Momentum != 0 {
		if h.Optimizer != "sgd" {
			return fail(&HyperparameterError{Field: "momentum", Value: fmt.Sprint(h.Momentum), Needs: "optimizer", NeedsValues: []string{"sgd"}})
		}
		opt.Momentum = h.Momentum
	}
	if err := opt.Validate(); err != nil {
		return fail(err)
	}
	schedule, err := h.schedule()
	if err != nil {
		return fail(err)
	}
	spec := h.spec()
	if _, err := spec.Infer(); err != nil {
		return fail(err)
	}
	fit := FitConfig{Epochs: h.Epochs, BatchSize: h.BatchSize, Shuffle: !h.NoShuffle, ValidationSplit: h.ValidationSplit,
		Seed: h.Seed, Optimizer: opt, Schedule: schedule, Augment: h.Augment, Verbose: 1}
	if h.Quick {
		fit = Quick(fit)
	}
	if err := fit.Validate(math.MaxInt); err != nil {
		return fail(err)
	}
	return spec, fit, nil
}

// joinInts writes ns comma-separated, e.g. "32,32,32,16".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// schedule returns the learning-rate schedule of the lr_* fields.
func (h Hyperparameters) schedule() (Schedule, error) {
	s, err := NewSchedule(h.LRSchedule)
	if err != nil {
		return Schedule{}, &HyperparameterError{Field: "lr_schedule", Value: strconv.Quote(h.LRSchedule), Msg: "want " + strings.Join(ScheduleKinds, ", ")}
	}
	uses := map[string][]string{"lr_every": {"step"}, "lr_factor": {"step", "plateau"},
		"lr_patience": {"plateau"}, "lr_min": {"plateau", "cosine"}}
	for _, f := range []struct {
		name string
		set  bool
	}{{"lr_every", h.LREvery != 0}, {"lr_factor", h.LRFactor != 0}, {"lr_patience", h.LRPatience != 0}, {"lr_min", h.LRMin != 0}} {
		if f.set && !slices.Contains(uses[f.name], s.Kind) {
			return Schedule{}, &HyperparameterError{Field: f.name, Needs: "lr_schedule", NeedsValues: uses[f.name]}
		}
	}
	if h.LREvery != 0 {
		s.Every = h.LREvery
	}
	if h.LRFactor != 0 {
		s.Factor = h.LRFactor
	}
	if h.LRPatience != 0 {
		s.Patience = h.LRPatience
	}
	if h.LRMin != 0 {
		s.MinLR = h.LRMin
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, &HyperparameterError{Field: "lr_schedule", Value: h.LRSchedule, Msg: err.Error(), Err: err}
	}
	return s, nil
}

// spec writes the post's architecture with h's values.
func (h Hyperparameters) spec() Spec {
	act := layers.Activation(h.Activation)
	conv := func(filters int) Layer { return layers.Conv2D(filters, h.Kernel, layers.Same, act) }
	// block is one of the first three Conv2D layers with what follows it.
	block := func(filters int) []Layer {
		switch h.Pooling {
		case "batchnorm": // the post's suggestion: BatchNormalization in MaxPooling2D's place
			return []Layer{conv(filters), layers.BatchNormalization()}
		case "bn-max": // the usual order: the activation after the normalization, then pooling
			return []Layer{layers.Conv2D(filters, h.Kernel, layers.Same), layers.BatchNormalization(),
				layers.ActivationLayer(h.Activation), layers.MaxPooling2D(2)}
		}
		return []Layer{conv(filters), layers.MaxPooling2D(2)}
	}
	dropout := layers.Dropout(h.Dropout) // rate 0 keeps the layer: the layer indices stay the post's
	hidden := layers.Dense(h.Dense, act)
	if h.L2 > 0 {
		hidden = hidden.With(layers.L2(h.L2))
	}
	ls := []Layer{layers.Input(28, 28, 1)}
	for _, f := range h.Filters[:3] {
		ls = append(ls, block(f)...)
	}
	ls = append(ls,
		conv(h.Filters[3]), dropout,
		layers.Flatten(), dropout,
		hidden, dropout,
		layers.Dense(10, layers.Softmax),
	)
	s := Sequential(ls...)
	s.Name = "blog-cnn"
	if h.Pooling != "max" {
		s.Name = "blog-cnn-" + h.Pooling
	}
	return s
}
