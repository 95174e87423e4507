package cnnlib

import (
	"flag"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// variant returns the spec of the post's hyperparameters changed by edit.
func variant(edit func(*Hyperparameters)) Spec {
	h := PostHyperparameters()
	edit(&h)
	s, err := h.Spec()
	if err != nil {
		panic(err)
	}
	return s
}

// TestPostHyperparametersAreTheBlogModel: the defaults describe exactly the
// post's model and fit configuration.
func TestPostHyperparametersAreTheBlogModel(t *testing.T) {
	h := PostHyperparameters()
	spec, err := h.Spec()
	if err != nil || !reflect.DeepEqual(spec, BlogModel()) {
		t.Errorf("Spec() = %+v, %v; want BlogModel()", spec, err)
	}
	fit, err := h.FitConfig()
	want := BlogFitConfig()
	want.Seed = 1
	if err != nil || !reflect.DeepEqual(fit, want) {
		t.Errorf("FitConfig() = %+v, %v; want %+v", fit, err, want)
	}
}

// TestHyperparameterFlags: the flags set the fields, the defaults are the
// post's, and Diff names what changed.
func TestHyperparameterFlags(t *testing.T) {
	h := PostHyperparameters()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	h.Register(fs)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	slices.Sort(names)
	want := slices.Clone(HyperparameterFlags)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("registered %v, HyperparameterFlags lists %v", names, want)
	}
	if err := fs.Parse([]string{"--filters=8,16,16,8", "--dropout=0", "--l2=0", "--optimizer=adam", "--lr=0.002", "--pooling=batchnorm", "--activation=tanh",
		"--lr-schedule=step", "--lr-every=3"}); err != nil {
		t.Fatal(err)
	}
	spec, err := h.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != "blog-cnn-batchnorm" || spec.Layers[0].Filters != 8 || spec.Layers[1].Type != BatchNormalization ||
		spec.Layers[0].Activation != "tanh" || spec.Layers[7].Rate != 0 || spec.Layers[10].L2 != 0 {
		t.Errorf("spec does not follow the flags: %+v", spec)
	}
	fit, _ := h.FitConfig()
	if fit.Optimizer.Name != "adam" || fit.Optimizer.LearningRate != 0.002 {
		t.Errorf("optimizer %+v", fit.Optimizer)
	}
	if want := (Schedule{Kind: "step", Every: 3, Factor: 0.5}); fit.Schedule != want {
		t.Errorf("schedule %+v, want %+v", fit.Schedule, want)
	}
	got := strings.Join(h.Diff(PostHyperparameters()), " ")
	if got != "filters=8,16,16,8 activation=tanh dropout=0 l2=0 pooling=batchnorm optimizer=adam lr=0.002 lr-schedule=step lr-every=3" {
		t.Errorf("Diff = %q", got)
	}
	if d := PostHyperparameters().Diff(PostHyperparameters()); len(d) != 0 {
		t.Errorf("Diff of equal hyperparameters = %v", d)
	}
}

// TestHyperparameterErrors: every bad value is refused with the flag's name,
// the value and what is expected.
func TestHyperparameterErrors(t *testing.T) {
	for _, tc := range []struct {
		edit  func(*Hyperparameters)
		wants []string
	}{
		{func(h *Hyperparameters) { h.Filters = []int{32, 32, 16} }, []string{"--filters 32,32,16", "four"}},
		{func(h *Hyperparameters) { h.Filters = []int{32, 0, 32, 16} }, []string{"--filters", "positive integers"}},
		{func(h *Hyperparameters) { h.Kernel = 0 }, []string{"--kernel 0"}},
		{func(h *Hyperparameters) { h.Activation = "swish" }, []string{`--activation "swish"`, "relu"}},
		{func(h *Hyperparameters) { h.Dropout = 1 }, []string{"--dropout 1", "[0, 1)"}},
		{func(h *Hyperparameters) { h.L2 = -1 }, []string{"--l2 -1"}},
		{func(h *Hyperparameters) { h.Dense = 0 }, []string{"--dense 0"}},
		{func(h *Hyperparameters) { h.Pooling = "avg" }, []string{`--pooling "avg"`, "max, batchnorm or bn-max"}},
		{func(h *Hyperparameters) { h.Epochs = 0 }, []string{"--epochs 0", "> 0"}},
		{func(h *Hyperparameters) { h.BatchSize = -1 }, []string{"--batch-size -1"}},
		{func(h *Hyperparameters) { h.Optimizer = "adagrad" }, []string{`--optimizer "adagrad"`, "rmsprop, adam or sgd"}},
		{func(h *Hyperparameters) { h.LR = -0.1 }, []string{"--lr -0.1"}},
		{func(h *Hyperparameters) { h.Momentum = 0.9 }, []string{"--momentum", "sgd"}},
		{func(h *Hyperparameters) { h.ValidationSplit = 1 }, []string{"--validation-split 1"}},
		{func(h *Hyperparameters) { h.LRSchedule = "exp" }, []string{`--lr-schedule "exp"`, "cosine"}},
		{func(h *Hyperparameters) { h.LREvery = 3 }, []string{"--lr-every", "--lr-schedule step"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.LRPatience = "step", 2 }, []string{"--lr-patience", "plateau"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.LRFactor = "plateau", 2 }, []string{"--lr-schedule plateau", "factor 2"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.ValidationSplit = "plateau", 0 }, []string{"plateau", "validation"}},
	} {
		h := PostHyperparameters()
		tc.edit(&h)
		err := h.Validate()
		for _, w := range tc.wants {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("error %v, want one containing %q", err, w)
			}
		}
	}
	// A kernel that does not fit is the spec's error, naming the layer.
	h := PostHyperparameters()
	h.Kernel = 5
	h.Pooling = "max"
	if err := h.Validate(); err != nil {
		t.Errorf("5x5 kernels: %v", err)
	}
}

// TestBNMaxPooling: --pooling bn-max writes the common Conv2D (linear),
// BatchNormalization, activation, MaxPooling2D block three times.
func TestBNMaxPooling(t *testing.T) {
	spec := variant(func(h *Hyperparameters) { h.Pooling = "bn-max" })
	var types []string
	for _, l := range spec.Layers[:4] {
		types = append(types, l.Type+"/"+l.Activation)
	}
	if got := strings.Join(types, " "); got != "Conv2D/ BatchNormalization/ Activation/relu MaxPooling2D/" {
		t.Errorf("first block %s", got)
	}
	if spec.Name != "blog-cnn-bn-max" || len(spec.Layers) != 19 {
		t.Errorf("%s with %d layers, want blog-cnn-bn-max with 19", spec.Name, len(spec.Layers))
	}
	trainable, nonTrainable, err := spec.ParamCount()
	// The post's 43,290 plus gamma and beta (trainable) and the moving
	// statistics (not) of three BatchNormalization layers of 32 channels.
	if err != nil || trainable != 43290+3*64 || nonTrainable != 3*64 {
		t.Errorf("params %d + %d (%v), want %d + %d", trainable, nonTrainable, err, 43290+3*64, 3*64)
	}
}
