// Package trainflags is the command line of cnnlib.Hyperparameters: the
// flags that werkbank train (and bench, lr-find, summary, sweep) and the
// notebooks' %% lines accept, with the same names, usages and defaults, and
// the translation of the library's errors, which name the fields by their
// JSON names, into messages that name the flags. The usages are the
// messages "flags.<flag name>" of package lang's catalogs: Register gives
// the flags the English ones (the command line stays English), Usage gives
// them in any language (the notebooks print them in theirs).
package trainflags

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
)

// Names are the names of the flags Register defines, in order.
var Names = []string{"filters", "kernel", "activation", "dropout", "l2", "dense", "pooling",
	"epochs", "batch-size", "optimizer", "lr", "momentum", "lr-schedule", "lr-every", "lr-factor", "lr-patience", "lr-min",
	"validation-split", "no-shuffle", "seed", "quick", "augment", "augment-rotation", "augment-shift", "augment-zoom"}

// Usage returns the help of the flag name (one of Names) in language l: the
// message "flags.<name>" of package lang's catalogs, with what it computes
// (the list of activations) filled in.
func Usage(l lang.Language, name string) string {
	var args []any
	if name == "activation" {
		args = append(args, strings.Join(cnnlib.HiddenActivations, ", "))
	}
	return lang.In(l, lang.Key("flags."+name), args...)
}

// Register defines the hyperparameter flags on fs, with h's values as their
// defaults and the English usages; parsing fs sets h's fields.
func Register(fs *flag.FlagSet, h *cnnlib.Hyperparameters) {
	usage := func(name string) string { return Usage(lang.English, name) }
	fs.Var((*IntList)(&h.Filters), "filters", usage("filters"))
	fs.IntVar(&h.Kernel, "kernel", h.Kernel, usage("kernel"))
	fs.StringVar(&h.Activation, "activation", h.Activation, usage("activation"))
	fs.Float64Var(&h.Dropout, "dropout", h.Dropout, usage("dropout"))
	fs.Float64Var(&h.L2, "l2", h.L2, usage("l2"))
	fs.IntVar(&h.Dense, "dense", h.Dense, usage("dense"))
	fs.StringVar(&h.Pooling, "pooling", h.Pooling, usage("pooling"))
	fs.IntVar(&h.Epochs, "epochs", h.Epochs, usage("epochs"))
	fs.IntVar(&h.BatchSize, "batch-size", h.BatchSize, usage("batch-size"))
	fs.StringVar(&h.Optimizer, "optimizer", h.Optimizer, usage("optimizer"))
	fs.Float64Var(&h.LR, "lr", h.LR, usage("lr"))
	fs.Float64Var(&h.Momentum, "momentum", h.Momentum, usage("momentum"))
	fs.StringVar(&h.LRSchedule, "lr-schedule", h.LRSchedule, usage("lr-schedule"))
	fs.IntVar(&h.LREvery, "lr-every", h.LREvery, usage("lr-every"))
	fs.Float64Var(&h.LRFactor, "lr-factor", h.LRFactor, usage("lr-factor"))
	fs.IntVar(&h.LRPatience, "lr-patience", h.LRPatience, usage("lr-patience"))
	fs.Float64Var(&h.LRMin, "lr-min", h.LRMin, usage("lr-min"))
	fs.Float64Var(&h.ValidationSplit, "validation-split", h.ValidationSplit, usage("validation-split"))
	fs.BoolVar(&h.NoShuffle, "no-shuffle", h.NoShuffle, usage("no-shuffle"))
	fs.Int64Var(&h.Seed, "seed", h.Seed, usage("seed"))
	fs.BoolVar(&h.Quick, "quick", h.Quick, usage("quick"))
	fs.Var((*AugmentPreset)(&h.Augment), "augment", usage("augment"))
	fs.Float64Var(&h.Augment.Rotation, "augment-rotation", h.Augment.Rotation, usage("augment-rotation"))
	fs.Float64Var(&h.Augment.Shift, "augment-shift", h.Augment.Shift, usage("augment-shift"))
	fs.Float64Var(&h.Augment.Zoom, "augment-zoom", h.Augment.Zoom, usage("augment-zoom"))
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
