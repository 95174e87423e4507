package cnnlib

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// Hyperparameters are the knobs of the post's run that a workshop turns: the
// architecture changes the post suggests trying and the training settings.
// The command line (werkbank train) and the notebooks' %% flags register them
// with Register, so both accept the same flags with the same meaning, and
// Validate is the one check of them. Zero means "none" for Dropout and L2.
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

// HyperparameterFlags are the names of the flags Register defines.
var HyperparameterFlags = []string{"filters", "kernel", "activation", "dropout", "l2", "dense", "pooling",
	"epochs", "batch-size", "optimizer", "lr", "momentum", "lr-schedule", "lr-every", "lr-factor", "lr-patience", "lr-min",
	"validation-split", "no-shuffle", "seed", "quick", "augment", "augment-rotation", "augment-shift", "augment-zoom"}

// Register defines the hyperparameter flags on fs, with h's values as their
// defaults; parsing fs sets h's fields.
func (h *Hyperparameters) Register(fs *flag.FlagSet) {
	fs.Var((*intList)(&h.Filters), "filters", "filters of the four Conv2D layers, comma-separated (post: 32,32,32,16)")
	fs.IntVar(&h.Kernel, "kernel", h.Kernel, "side of the square Conv2D kernels (post: 3)")
	fs.StringVar(&h.Activation, "activation", h.Activation, "activation of the Conv2D and hidden Dense layers: "+strings.Join(hiddenActivations, ", ")+" (post: relu)")
	fs.Float64Var(&h.Dropout, "dropout", h.Dropout, "rate of the three Dropout layers, in [0, 1); 0 means none (post: 0.4)")
	fs.Float64Var(&h.L2, "l2", h.L2, "L2 factor on the hidden Dense kernel; 0 means none (post: 0.007)")
	fs.IntVar(&h.Dense, "dense", h.Dense, "units of the hidden Dense layer (post: 128)")
	fs.StringVar(&h.Pooling, "pooling", h.Pooling, "after the first three Conv2D layers: max (MaxPooling2D 2x2), batchnorm (BatchNormalization instead, as the post suggests trying) or bn-max (the common Conv2D, BatchNormalization, activation, MaxPooling2D order)")
	fs.IntVar(&h.Epochs, "epochs", h.Epochs, "training epochs (post: 15)")
	fs.IntVar(&h.BatchSize, "batch-size", h.BatchSize, "samples per optimizer step (post: 162)")
	fs.StringVar(&h.Optimizer, "optimizer", h.Optimizer, "rmsprop, adam or sgd, with Keras' defaults (post: rmsprop)")
	fs.Float64Var(&h.LR, "lr", h.LR, "learning rate; 0 means the optimizer's Keras default (0.001 for rmsprop and adam, 0.01 for sgd)")
	fs.Float64Var(&h.Momentum, "momentum", h.Momentum, "momentum, for --optimizer sgd")
	fs.StringVar(&h.LRSchedule, "lr-schedule", h.LRSchedule, "learning rate per step: constant (post), step (decay every --lr-every epochs), plateau (Keras' ReduceLROnPlateau on val_loss), cosine, onecycle (--lr is the peak)")
	fs.IntVar(&h.LREvery, "lr-every", h.LREvery, "--lr-schedule step: epochs between decays; 0 means 5")
	fs.Float64Var(&h.LRFactor, "lr-factor", h.LRFactor, "--lr-schedule step or plateau: the rate's multiplier at a decay; 0 means 0.5")
	fs.IntVar(&h.LRPatience, "lr-patience", h.LRPatience, "--lr-schedule plateau: epochs without a better val_loss before a decay; 0 means 2")
	fs.Float64Var(&h.LRMin, "lr-min", h.LRMin, "--lr-schedule plateau or cosine: the lowest rate; 0 means 1e-5 for plateau, 0 for cosine")
	fs.Float64Var(&h.ValidationSplit, "validation-split", h.ValidationSplit, "fraction of the training images held out for validation, the last ones as in Keras (post: 0.1)")
	fs.BoolVar(&h.NoShuffle, "no-shuffle", h.NoShuffle, "do not reshuffle the training images every epoch (post: shuffle)")
	fs.Int64Var(&h.Seed, "seed", h.Seed, "seed of the initial weights, shuffling, dropout and augmentation")
	fs.BoolVar(&h.Quick, "quick", h.Quick, QuickUsage)
	fs.Var((*augmentPreset)(&h.Augment), "augment", "augment the training images as top Kaggle MNIST models do: short for --augment-rotation=10 --augment-shift=0.1 --augment-zoom=0.1 (give --augment-* after it to change one)")
	fs.Float64Var(&h.Augment.Rotation, "augment-rotation", h.Augment.Rotation, "augmentation: rotate each training image by a random angle up to ± this many degrees; 0 means none (usual: 10)")
	fs.Float64Var(&h.Augment.Shift, "augment-shift", h.Augment.Shift, "augmentation: shift each training image by up to ± this fraction of its width and height; 0 means none (usual: 0.1)")
	fs.Float64Var(&h.Augment.Zoom, "augment-zoom", h.Augment.Zoom, "augmentation: zoom each training image by a factor in [1-z, 1+z] per axis; 0 means none (usual: 0.1)")
}

// augmentPreset is the --augment flag: true sets the Kaggle values
// (KaggleAugmentation), false none; it reads true exactly when the
// augmentation is the Kaggle one.
type augmentPreset Augmentation

func (p *augmentPreset) String() string {
	return strconv.FormatBool(Augmentation(*p) == KaggleAugmentation())
}

func (p *augmentPreset) IsBoolFlag() bool { return true }

func (p *augmentPreset) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("%q: want true or false", s)
	}
	*p = augmentPreset{}
	if on {
		*p = augmentPreset(KaggleAugmentation())
	}
	return nil
}

// hiddenActivations are the activations a hidden layer may have.
var hiddenActivations = []string{"relu", "sigmoid", "tanh", "elu", "linear"}

// Validate checks every hyperparameter; an error names the flag, its value
// and what was expected.
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

// build validates h and returns its spec and fit configuration.
func (h Hyperparameters) build() (Spec, FitConfig, error) {
	bad := func(format string, args ...any) (Spec, FitConfig, error) {
		return Spec{}, FitConfig{}, fmt.Errorf(format, args...)
	}
	switch {
	case len(h.Filters) != 4:
		return bad("--filters %s: want four values like 32,32,32,16 (one per Conv2D layer)", (*intList)(&h.Filters))
	case slices.ContainsFunc(h.Filters, func(n int) bool { return n <= 0 }):
		return bad("--filters %s: want four positive integers like 32,32,32,16", (*intList)(&h.Filters))
	case h.Kernel <= 0:
		return bad("--kernel %d: want > 0", h.Kernel)
	case !slices.Contains(hiddenActivations, h.Activation):
		return bad("--activation %q: want one of %s", h.Activation, strings.Join(hiddenActivations, ", "))
	case !(h.Dropout >= 0 && h.Dropout < 1):
		return bad("--dropout %v: want a value in [0, 1)", h.Dropout)
	case !(h.L2 >= 0) || math.IsInf(h.L2, 0):
		return bad("--l2 %v: want a finite value >= 0", h.L2)
	case h.Dense <= 0:
		return bad("--dense %d: want > 0", h.Dense)
	case !slices.Contains([]string{"max", "batchnorm", "bn-max"}, h.Pooling):
		return bad("--pooling %q: want max, batchnorm or bn-max", h.Pooling)
	case h.Epochs <= 0:
		return bad("--epochs %d: want > 0", h.Epochs)
	case h.BatchSize <= 0:
		return bad("--batch-size %d: want > 0", h.BatchSize)
	case !(h.LR >= 0) || math.IsInf(h.LR, 0):
		return bad("--lr %v: want a finite value > 0 (or 0 for the optimizer's default)", h.LR)
	case !(h.ValidationSplit >= 0 && h.ValidationSplit < 1):
		return bad("--validation-split %v: want a value in [0, 1)", h.ValidationSplit)
	}
	if name, v, want := h.Augment.invalid(); name != "" {
		return bad("--augment-%s %v: want %s", name, v, want)
	}
	opt, err := NewOptimizer(h.Optimizer)
	if err != nil {
		return bad("--optimizer %q: want rmsprop, adam or sgd", h.Optimizer)
	}
	if h.LR > 0 {
		opt.LearningRate = h.LR
	}
	if h.Momentum != 0 {
		if h.Optimizer != "sgd" {
			return bad("--momentum %v is only used with --optimizer sgd", h.Momentum)
		}
		opt.Momentum = h.Momentum
	}
	if err := opt.Validate(); err != nil {
		return bad("%v", err)
	}
	schedule, err := h.schedule()
	if err != nil {
		return bad("%v", err)
	}
	spec := h.spec()
	if _, err := spec.Infer(); err != nil {
		return bad("%v", err)
	}
	fit := FitConfig{Epochs: h.Epochs, BatchSize: h.BatchSize, Shuffle: !h.NoShuffle, ValidationSplit: h.ValidationSplit,
		Seed: h.Seed, Optimizer: opt, Schedule: schedule, Augment: h.Augment, Verbose: 1}
	if h.Quick {
		fit = Quick(fit)
	}
	if err := fit.Validate(math.MaxInt); err != nil {
		return bad("%v", err)
	}
	return spec, fit, nil
}

// schedule returns the learning-rate schedule of the --lr-* flags.
func (h Hyperparameters) schedule() (Schedule, error) {
	s, err := NewSchedule(h.LRSchedule)
	if err != nil {
		return Schedule{}, fmt.Errorf("--lr-schedule %q: want %s", h.LRSchedule, strings.Join(ScheduleKinds, ", "))
	}
	uses := map[string][]string{"lr-every": {"step"}, "lr-factor": {"step", "plateau"},
		"lr-patience": {"plateau"}, "lr-min": {"plateau", "cosine"}}
	for name, set := range map[string]bool{"lr-every": h.LREvery != 0, "lr-factor": h.LRFactor != 0,
		"lr-patience": h.LRPatience != 0, "lr-min": h.LRMin != 0} {
		if set && !slices.Contains(uses[name], s.Kind) {
			return Schedule{}, fmt.Errorf("--%s is only used with --lr-schedule %s", name, strings.Join(uses[name], " or "))
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
		return Schedule{}, fmt.Errorf("--lr-schedule %s: %w", h.LRSchedule, err)
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

// Diff lists the hyperparameters that differ from base as flag=value, in
// the order of HyperparameterFlags, e.g. ["optimizer=adam", "lr=0.002"].
// When the --augment shorthand differs it stands for the three --augment-*
// flags it sets: ["augment=true"].
func (h Hyperparameters) Diff(base Hyperparameters) []string {
	a, b := flag.NewFlagSet("", flag.ContinueOnError), flag.NewFlagSet("", flag.ContinueOnError)
	h.Register(a)
	base.Register(b)
	var out []string
	for _, name := range HyperparameterFlags {
		if v := a.Lookup(name).Value.String(); v != b.Lookup(name).Value.String() {
			out = append(out, name+"="+v)
		}
	}
	if slices.ContainsFunc(out, func(s string) bool { return strings.HasPrefix(s, "augment=") }) {
		out = slices.DeleteFunc(out, func(s string) bool { return strings.HasPrefix(s, "augment-") })
	}
	return out
}

// intList is a comma-separated list of integers as a flag value.
type intList []int

func (l *intList) String() string {
	if l == nil {
		return ""
	}
	s := make([]string, len(*l))
	for i, n := range *l {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func (l *intList) Set(s string) error {
	var out []int
	for _, part := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil {
			return fmt.Errorf("%q: want positive integers like 32,32,32,16", s)
		}
		out = append(out, n)
	}
	*l = out
	return nil
}
