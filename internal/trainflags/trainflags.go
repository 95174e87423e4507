// Package trainflags is the command line of cnnlib.Hyperparameters: the
// flags that werkbank train (and bench, lr-find, summary, sweep) and the
// notebooks' %% lines accept, with the same names, usages and defaults, and
// the translation of the library's errors, which name the fields by their
// JSON names, into messages that name the flags.
package trainflags

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// Names are the names of the flags Register defines, in order.
var Names = []string{"filters", "kernel", "activation", "dropout", "l2", "dense", "pooling",
	"epochs", "batch-size", "optimizer", "lr", "momentum", "lr-schedule", "lr-every", "lr-factor", "lr-patience", "lr-min",
	"validation-split", "no-shuffle", "seed", "quick", "augment", "augment-rotation", "augment-shift", "augment-zoom"}

// quickUsage says in one sentence what the quick budget (cnnlib.Quick) does
// to a run.
const quickUsage = "the quick budget: at most 2 epochs over the whole training set, and a constant learning rate becomes one cycle up to 10 times --lr and down again (the post's model: about 0.99 test accuracy in about a minute on two CPU cores with ONNX Runtime)"

// Register defines the hyperparameter flags on fs, with h's values as their
// defaults; parsing fs sets h's fields.
func Register(fs *flag.FlagSet, h *cnnlib.Hyperparameters) {
	fs.Var((*IntList)(&h.Filters), "filters", "filters of the four Conv2D layers, comma-separated (post: 32,32,32,16)")
	fs.IntVar(&h.Kernel, "kernel", h.Kernel, "side of the square Conv2D kernels (post: 3)")
	fs.StringVar(&h.Activation, "activation", h.Activation, "activation of the Conv2D and hidden Dense layers: "+strings.Join(cnnlib.HiddenActivations, ", ")+" (post: relu)")
	fs.Float64Var(&h.Dropout, "dropout", h.Dropout, "rate of the three Dropout layers, in [0, 1); 0 means none (post: 0.4)")
	fs.Float64Var(&h.L2, "l2", h.L2, "L2 factor on the hidden Dense kernel; 0 means none (post: 0.007)")
	fs.IntVar(&h.Dense, "dense", h.Dense, "units of the hidden Dense layer (post: 128)")
	fs.StringVar(&h.Pooling, "pooling", h.Pooling, "after the first three Conv2D layers: max (MaxPooling2D 2x2), batchnorm (BatchNormalization instead, as the post suggests trying) or bn-max (the common Conv2D, BatchNormalization, activation, MaxPooling2D order)")
	fs.IntVar(&h.Epochs, "epochs", h.Epochs, "training epochs (post: 15)")
	fs.IntVar(&h.BatchSize, "batch-size", h.BatchSize, "samples per optimizer step (post: 162)")
	fs.StringVar(&h.Optimizer, "optimizer", h.Optimizer, "rmsprop, adam or sgd, with Keras' defaults (post: rmsprop)")
	fs.Float64Var(&h.LR, "lr", h.LR, "learning rate; 0 means the optimizer's Keras default (0.001 for rmsprop and adam, 0.01 for sgd)")
	fs.Float64Var(&h.Momentum, "momentum", h.Momentum, "momentum, for --optimizer sgd; 0 means none (Keras' default)")
	fs.StringVar(&h.LRSchedule, "lr-schedule", h.LRSchedule, "learning rate per step: constant (post), step (decay every --lr-every epochs), plateau (Keras' ReduceLROnPlateau on val_loss), cosine, onecycle (--lr is the peak)")
	fs.IntVar(&h.LREvery, "lr-every", h.LREvery, "--lr-schedule step: epochs between decays; 0 means 5")
	fs.Float64Var(&h.LRFactor, "lr-factor", h.LRFactor, "--lr-schedule step or plateau: the rate's multiplier at a decay; 0 means 0.5")
	fs.IntVar(&h.LRPatience, "lr-patience", h.LRPatience, "--lr-schedule plateau: epochs without a better val_loss before a decay; 0 means 2")
	fs.Float64Var(&h.LRMin, "lr-min", h.LRMin, "--lr-schedule plateau or cosine: the lowest rate; 0 means 1e-5 for plateau, 0 for cosine")
	fs.Float64Var(&h.ValidationSplit, "validation-split", h.ValidationSplit, "fraction of the training images held out for validation, the last ones as in Keras; 0 means none (post: 0.1)")
	fs.BoolVar(&h.NoShuffle, "no-shuffle", h.NoShuffle, "do not reshuffle the training images every epoch (post: shuffle)")
	fs.Int64Var(&h.Seed, "seed", h.Seed, "seed of the initial weights, shuffling, dropout and augmentation")
	fs.BoolVar(&h.Quick, "quick", h.Quick, quickUsage)
	fs.Var((*AugmentPreset)(&h.Augment), "augment", "augment the training images as top Kaggle MNIST models do: short for --augment-rotation=10 --augment-shift=0.1 --augment-zoom=0.1 (give --augment-* after it to change one)")
	fs.Float64Var(&h.Augment.Rotation, "augment-rotation", h.Augment.Rotation, "augmentation: rotate each training image by a random angle up to ± this many degrees; 0 means none (usual: 10)")
	fs.Float64Var(&h.Augment.Shift, "augment-shift", h.Augment.Shift, "augmentation: shift each training image by up to ± this fraction of its width and height; 0 means none (usual: 0.1)")
	fs.Float64Var(&h.Augment.Zoom, "augment-zoom", h.Augment.Zoom, "augmentation: zoom each training image by a factor in [1-z, 1+z] per axis; 0 means none (usual: 0.1)")
}

// Diff lists the hyperparameters that differ from base as flag=value, in
// the order of Names, e.g. ["optimizer=adam", "lr=0.002"]. When the
// --augment shorthand differs it stands for the three --augment-* flags it
// sets: ["augment=true"].
func Diff(h, base cnnlib.Hyperparameters) []string {
	a, b := flag.NewFlagSet("", flag.ContinueOnError), flag.NewFlagSet("", flag.ContinueOnError)
	Register(a, &h)
	Register(b, &base)
	var out []string
	for _, name := range Names {
		if v := a.Lookup(name).Value.String(); v != b.Lookup(name).Value.String() {
			out = append(out, name+"="+v)
		}
	}
	if slices.ContainsFunc(out, func(s string) bool { return strings.HasPrefix(s, "augment=") }) {
		out = slices.DeleteFunc(out, func(s string) bool { return strings.HasPrefix(s, "augment-") })
	}
	return out
}

// Flag returns the name of the flag that sets the hyperparameter of the
// JSON name field: "batch_size" is --batch-size, "augment.rotation"
// --augment-rotation.
func Flag(field string) string {
	return strings.NewReplacer("_", "-", ".", "-").Replace(field)
}

// Explain returns err with the fields that a *cnnlib.HyperparameterError in
// it names written as their flags: "batch_size 0: want > 0" becomes
// "--batch-size 0: want > 0". Other errors, and nil, it returns as they are;
// errors.As still finds the HyperparameterError in what it returns.
func Explain(err error) error {
	var he *cnnlib.HyperparameterError
	if !errors.As(err, &he) {
		return err
	}
	text := he.Text(func(field string) string { return "--" + Flag(field) })
	return &explained{text: strings.Replace(err.Error(), he.Error(), text, 1), err: err}
}

// explained is an error of Explain.
type explained struct {
	text string
	err  error
}

func (e *explained) Error() string { return e.text }
func (e *explained) Unwrap() error { return e.err }

// AugmentPreset is the --augment flag: true sets the Kaggle values
// (cnnlib.KaggleAugmentation), false none; it reads true exactly when the
// augmentation is the Kaggle one.
type AugmentPreset cnnlib.Augmentation

func (p *AugmentPreset) String() string {
	return strconv.FormatBool(cnnlib.Augmentation(*p) == cnnlib.KaggleAugmentation())
}

// IsBoolFlag makes --augment a flag without a value.
func (p *AugmentPreset) IsBoolFlag() bool { return true }

func (p *AugmentPreset) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("%q: want true or false", s)
	}
	*p = AugmentPreset{}
	if on {
		*p = AugmentPreset(cnnlib.KaggleAugmentation())
	}
	return nil
}

// IntList is a comma-separated list of integers as a flag value (--filters).
type IntList []int

func (l *IntList) String() string {
	if l == nil {
		return ""
	}
	s := make([]string, len(*l))
	for i, n := range *l {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func (l *IntList) Set(s string) error {
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
