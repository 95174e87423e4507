package trainflags

import (
	"errors"
	"flag"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
)

// parse registers the flags on a fresh set with the post's values as
// defaults, parses args and validates the result, with Explain's errors.
func parse(args ...string) (cnnlib.Hyperparameters, error) {
	h := cnnlib.PostHyperparameters()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(new(strings.Builder))
	Register(fs, &h)
	if err := fs.Parse(args); err != nil {
		return h, err
	}
	return h, Explain(h.Validate())
}

// TestRegister: the flags set the fields, the defaults are the post's, and
// Diff names what changed.
func TestRegister(t *testing.T) {
	h := cnnlib.PostHyperparameters()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, &h)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	slices.Sort(names)
	want := slices.Clone(Names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("registered %v, Names lists %v", names, want)
	}
	if f := fs.Lookup("filters"); f.DefValue != "32,32,32,16" {
		t.Errorf("--filters defaults to %q", f.DefValue)
	}
	if err := fs.Parse([]string{"--filters=8,16,16,8", "--dropout=0", "--l2=0", "--optimizer=adam", "--lr=0.002", "--pooling=batchnorm", "--activation=tanh",
		"--lr-schedule=step", "--lr-every=3"}); err != nil {
		t.Fatal(err)
	}
	spec, err := h.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != "blog-cnn-batchnorm" || spec.Layers[0].Filters != 8 || spec.Layers[1].Type != cnnlib.BatchNormalization ||
		spec.Layers[0].Activation != "tanh" || spec.Layers[7].Rate != 0 || spec.Layers[10].L2 != 0 {
		t.Errorf("spec does not follow the flags: %+v", spec)
	}
	fit, _ := h.FitConfig()
	if fit.Optimizer.Name != "adam" || fit.Optimizer.LearningRate != 0.002 {
		t.Errorf("optimizer %+v", fit.Optimizer)
	}
	if want := (cnnlib.Schedule{Kind: "step", Every: 3, Factor: 0.5}); fit.Schedule != want {
		t.Errorf("schedule %+v, want %+v", fit.Schedule, want)
	}
	got := strings.Join(Diff(h, cnnlib.PostHyperparameters()), " ")
	if got != "filters=8,16,16,8 activation=tanh dropout=0 l2=0 pooling=batchnorm optimizer=adam lr=0.002 lr-schedule=step lr-every=3" {
		t.Errorf("Diff = %q", got)
	}
	if d := Diff(cnnlib.PostHyperparameters(), cnnlib.PostHyperparameters()); len(d) != 0 {
		t.Errorf("Diff of equal hyperparameters = %v", d)
	}
}

// TestFlagOfEveryField: every field of cnnlib.Hyperparameters (the
// augmentation's too) has the flag Flag names, and every flag a field.
func TestFlagOfEveryField(t *testing.T) {
	var flags []string
	typ := reflect.TypeFor[cnnlib.Hyperparameters]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		flags = append(flags, Flag(name))
		if f.Type == reflect.TypeFor[cnnlib.Augmentation]() {
			for j := range f.Type.NumField() {
				subName, _, _ := strings.Cut(f.Type.Field(j).Tag.Get("json"), ",")
				flags = append(flags, Flag(name+"."+subName))
			}
		}
	}
	slices.Sort(flags)
	want := slices.Clone(Names)
	slices.Sort(want)
	if !slices.Equal(flags, want) {
		t.Errorf("the fields' flags %v, Names %v", flags, want)
	}
}

// TestExplain: every bad value is refused with the flag's name, the value
// and what is expected, as the command line and the notebooks print it.
func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		wants []string
	}{
		{[]string{"--filters=32,32,16"}, []string{"--filters 32,32,16: want four values like 32,32,32,16 (one per Conv2D layer)"}},
		{[]string{"--filters=32,0,32,16"}, []string{"--filters 32,0,32,16: want four positive integers like 32,32,32,16"}},
		{[]string{"--kernel=0"}, []string{"--kernel 0: want > 0"}},
		{[]string{"--activation=swish"}, []string{`--activation "swish": want one of relu, sigmoid, tanh, elu, linear`}},
		{[]string{"--dropout=1"}, []string{"--dropout 1: want a value in [0, 1)"}},
		{[]string{"--l2=-1"}, []string{"--l2 -1: want a finite value >= 0"}},
		{[]string{"--dense=0"}, []string{"--dense 0: want > 0"}},
		{[]string{"--pooling=avg"}, []string{`--pooling "avg": want max, batchnorm or bn-max`}},
		{[]string{"--epochs=0"}, []string{"--epochs 0: want > 0"}},
		{[]string{"--batch-size=-1"}, []string{"--batch-size -1: want > 0"}},
		{[]string{"--optimizer=adagrad"}, []string{`--optimizer "adagrad": want rmsprop, adam or sgd`}},
		{[]string{"--lr=-0.1"}, []string{"--lr -0.1: want a finite value > 0 (or 0 for the optimizer's default)"}},
		{[]string{"--lr=NaN"}, []string{"--lr NaN: want"}},
		{[]string{"--momentum=0.9"}, []string{"--momentum 0.9 is only used with --optimizer sgd"}},
		{[]string{"--validation-split=1"}, []string{"--validation-split 1: want a value in [0, 1)"}},
		{[]string{"--lr-schedule=exp"}, []string{`--lr-schedule "exp": want constant, `, "cosine"}},
		{[]string{"--lr-every=3"}, []string{"--lr-every is only used with --lr-schedule step"}},
		{[]string{"--lr-factor=0.3"}, []string{"--lr-factor is only used with --lr-schedule step or plateau"}},
		{[]string{"--lr-schedule=step", "--lr-patience=2"}, []string{"--lr-patience is only used with --lr-schedule plateau"}},
		{[]string{"--lr-min=0.1"}, []string{"--lr-min is only used with --lr-schedule plateau or cosine"}},
		{[]string{"--lr-schedule=plateau", "--lr-factor=2"}, []string{"--lr-schedule plateau: schedule plateau: factor 2"}},
		{[]string{"--lr-schedule=plateau", "--validation-split=0"}, []string{"plateau", "validation"}},
		{[]string{"--augment-rotation=200"}, []string{"--augment-rotation 200: want degrees in [0, 180] (usual: 10)"}},
		{[]string{"--augment-shift=1"}, []string{"--augment-shift 1: want a fraction of the image size in [0, 1) (usual: 0.1)"}},
		{[]string{"--augment-zoom=-0.1"}, []string{"--augment-zoom -0.1: want a fraction in [0, 1) (usual: 0.1)"}},
		{[]string{"--augment=maybe"}, []string{`"maybe": want true or false`}},
	} {
		_, err := parse(tc.args...)
		for _, w := range tc.wants {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%q: %v, want an error containing %q", tc.args, err, w)
			}
		}
	}
}

// TestZeroIsRefusedOrExplained: a numeric flag set to 0 is refused with an
// error that names it, or its usage says what 0 means; 0 never silently
// stands for another value. The seed is the exception: 0 is a seed like any
// other.
func TestZeroIsRefusedOrExplained(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	h := cnnlib.PostHyperparameters()
	Register(fs, &h)
	numeric := 0
	fs.VisitAll(func(f *flag.Flag) {
		if _, err := strconv.ParseFloat(f.DefValue, 64); err != nil || f.Name == "seed" {
			return // not a number (a list, a name, a switch), or a seed
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			return
		}
		numeric++
		_, err := parse("--" + f.Name + "=0")
		refused := err != nil && strings.Contains(err.Error(), "--"+f.Name+" 0: want")
		explained := strings.Contains(f.Usage, "0 means")
		if !refused && !explained {
			t.Errorf("--%s 0: %v; the usage %q does not say what 0 means", f.Name, err, f.Usage)
		}
		if refused && explained {
			t.Errorf("--%s 0 is refused (%v), but its usage says what 0 means", f.Name, err)
		}
	})
	if numeric < 15 {
		t.Errorf("only %d numeric flags", numeric)
	}
}

// TestExplainKeepsTheError: Explain changes only the text; the library's
// error stays reachable, wrapping is kept, other errors and nil pass.
func TestExplainKeepsTheError(t *testing.T) {
	if Explain(nil) != nil {
		t.Error("Explain(nil) is not nil")
	}
	other := errors.New("batch size 5000 is larger than the 90 training samples")
	if Explain(other) != other {
		t.Error("Explain changed an error without a HyperparameterError")
	}
	h := cnnlib.PostHyperparameters()
	h.BatchSize = 0
	err := Explain(fmt.Errorf("run x: %w", h.Validate()))
	var he *cnnlib.HyperparameterError
	if err.Error() != "run x: --batch-size 0: want > 0" || !errors.As(err, &he) || he.Field != "batch_size" {
		t.Errorf("Explain = %q (%+v)", err, he)
	}
	h = cnnlib.PostHyperparameters()
	h.LRSchedule, h.LRFactor = "step", 2
	var cause *cnnlib.HyperparameterError
	if err := Explain(h.Validate()); !errors.As(err, &cause) || cause.Err == nil {
		t.Errorf("the schedule's error is not kept: %v", err)
	}
}

// TestAugmentFlags: --augment is short for the usual values, --augment-*
// set one each (after --augment, they change it), and Diff names the
// shorthand when it describes the run.
func TestAugmentFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want cnnlib.Augmentation
		diff string
	}{
		{nil, cnnlib.Augmentation{}, ""},
		{[]string{"--augment"}, cnnlib.KaggleAugmentation(), "augment=true"},
		{[]string{"--augment", "--augment-zoom=0.2"}, cnnlib.Augmentation{Rotation: 10, Shift: 0.1, Zoom: 0.2}, "augment-rotation=10 augment-shift=0.1 augment-zoom=0.2"},
		{[]string{"--augment-rotation=15"}, cnnlib.Augmentation{Rotation: 15}, "augment-rotation=15"},
		{[]string{"--augment-shift=0.1", "--augment=false"}, cnnlib.Augmentation{}, ""},
	} {
		h, err := parse(tc.args...)
		if err != nil || h.Augment != tc.want {
			t.Errorf("%q: %v (%v), want %v", tc.args, h.Augment, err, tc.want)
		}
		if fit, _ := h.FitConfig(); fit.Augment != tc.want {
			t.Errorf("%q: FitConfig's augmentation %v", tc.args, fit.Augment)
		}
		if d := strings.Join(Diff(h, cnnlib.PostHyperparameters()), " "); d != tc.diff {
			t.Errorf("%q: Diff %q, want %q", tc.args, d, tc.diff)
		}
	}
	base := cnnlib.PostHyperparameters()
	base.Augment = cnnlib.KaggleAugmentation()
	if d := Diff(cnnlib.PostHyperparameters(), base); !slices.Equal(d, []string{"augment=false"}) {
		t.Errorf("Diff against an augmented base: %v", d)
	}
}

// TestUsageFromTheCatalogs: every flag's usage is its message
// "flags.<name>" in both catalogs, Register's the English one, with the
// computed parts filled in.
func TestUsageFromTheCatalogs(t *testing.T) {
	h := cnnlib.PostHyperparameters()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	Register(fs, &h)
	for _, name := range Names {
		for _, l := range lang.Languages {
			if _, ok := lang.Format(l, lang.Key("flags."+name)); !ok {
				t.Errorf("--%s: no message flags.%s in the %s catalog", name, name, l)
			}
			if u := Usage(l, name); strings.Contains(u, "%!") || strings.HasPrefix(u, "!") {
				t.Errorf("--%s: %s usage %q", name, l, u)
			}
		}
		if got, want := fs.Lookup(name).Usage, Usage(lang.English, name); got != want {
			t.Errorf("--%s: Register's usage %q, want the English %q", name, got, want)
		}
	}
	if u := fs.Lookup("activation").Usage; !strings.Contains(u, strings.Join(cnnlib.HiddenActivations, ", ")) {
		t.Errorf("--activation: usage %q lacks the activations", u)
	}
	if de := Usage(lang.German, "epochs"); de == Usage(lang.English, "epochs") {
		t.Errorf("--epochs: German usage %q is the English one", de)
	}
}
