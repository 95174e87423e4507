package cnnlib

import (
	"errors"
	"reflect"
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
	if err != nil || !reflect.DeepEqual(spec, PostModel()) {
		t.Errorf("Spec() = %+v, %v; want PostModel()", spec, err)
	}
	fit, err := h.FitConfig()
	want := PostFitConfig()
	want.Seed = 1
	if err != nil || !reflect.DeepEqual(fit, want) {
		t.Errorf("FitConfig() = %+v, %v; want %+v", fit, err, want)
	}
}

// TestHyperparametersFields: the spec and the fit configuration follow the
// fields.
func TestHyperparametersFields(t *testing.T) {
	h := PostHyperparameters()
	h.Filters, h.Dropout, h.L2, h.Optimizer, h.LR, h.Pooling, h.Activation = []int{8, 16, 16, 8}, 0, 0, "adam", 0.002, "batchnorm", "tanh"
	h.LRSchedule, h.LREvery = "step", 3
	spec, err := h.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != "blog-cnn-batchnorm" || spec.Layers[0].Filters != 8 || spec.Layers[1].Type != BatchNormalization ||
		spec.Layers[0].Activation != "tanh" || spec.Layers[7].Rate != 0 || spec.Layers[10].L2 != 0 {
		t.Errorf("spec does not follow the fields: %+v", spec)
	}
	fit, _ := h.FitConfig()
	if fit.Optimizer.Name != "adam" || fit.Optimizer.LearningRate != 0.002 {
		t.Errorf("optimizer %+v", fit.Optimizer)
	}
	if want := (Schedule{Kind: "step", Every: 3, Factor: 0.5}); fit.Schedule != want {
		t.Errorf("schedule %+v, want %+v", fit.Schedule, want)
	}
}

// TestHyperparameterErrors: every bad value is refused with a
// *HyperparameterError naming the field by its JSON name, the value and what
// is expected.
func TestHyperparameterErrors(t *testing.T) {
	for _, tc := range []struct {
		edit  func(*Hyperparameters)
		field string
		wants []string
	}{
		{func(h *Hyperparameters) { h.Filters = []int{32, 32, 16} }, "filters", []string{"filters 32,32,16: want four values like 32,32,32,16 (one per Conv2D layer)"}},
		{func(h *Hyperparameters) { h.Filters = []int{32, 0, 32, 16} }, "filters", []string{"filters 32,0,32,16: want four positive integers"}},
		{func(h *Hyperparameters) { h.Kernel = 0 }, "kernel", []string{"kernel 0: want > 0"}},
		{func(h *Hyperparameters) { h.Activation = "swish" }, "activation", []string{`activation "swish": want one of relu, sigmoid, tanh, elu, linear`}},
		{func(h *Hyperparameters) { h.Dropout = 1 }, "dropout", []string{"dropout 1: want a value in [0, 1)"}},
		{func(h *Hyperparameters) { h.L2 = -1 }, "l2", []string{"l2 -1: want a finite value >= 0"}},
		{func(h *Hyperparameters) { h.Dense = 0 }, "dense", []string{"dense 0: want > 0"}},
		{func(h *Hyperparameters) { h.Pooling = "avg" }, "pooling", []string{`pooling "avg": want max, batchnorm or bn-max`}},
		{func(h *Hyperparameters) { h.Epochs = 0 }, "epochs", []string{"epochs 0: want > 0"}},
		{func(h *Hyperparameters) { h.BatchSize = -1 }, "batch_size", []string{"batch_size -1: want > 0"}},
		{func(h *Hyperparameters) { h.Optimizer = "adagrad" }, "optimizer", []string{`optimizer "adagrad": want rmsprop, adam or sgd`}},
		{func(h *Hyperparameters) { h.LR = -0.1 }, "lr", []string{"lr -0.1: want a finite value > 0"}},
		{func(h *Hyperparameters) { h.Momentum = 0.9 }, "momentum", []string{"momentum 0.9 is only used with optimizer sgd"}},
		{func(h *Hyperparameters) { h.ValidationSplit = 1 }, "validation_split", []string{"validation_split 1: want a value in [0, 1)"}},
		{func(h *Hyperparameters) { h.LRSchedule = "exp" }, "lr_schedule", []string{`lr_schedule "exp": want`, "cosine"}},
		{func(h *Hyperparameters) { h.LREvery = 3 }, "lr_every", []string{"lr_every is only used with lr_schedule step"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.LRPatience = "step", 2 }, "lr_patience", []string{"lr_patience is only used with lr_schedule plateau"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.LRFactor = "step", 2 }, "lr_schedule", []string{"lr_schedule step: schedule step: factor 2"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.LRFactor = "plateau", 2 }, "lr_schedule", []string{"lr_schedule plateau:", "factor 2"}},
		{func(h *Hyperparameters) { h.Augment.Rotation = 200 }, "augment.rotation", []string{"augment.rotation 200: want degrees in [0, 180]"}},
		{func(h *Hyperparameters) { h.LRSchedule, h.ValidationSplit = "plateau", 0 }, "", []string{"plateau", "validation"}},
	} {
		h := PostHyperparameters()
		tc.edit(&h)
		err := h.Validate()
		for _, w := range tc.wants {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("error %v, want one containing %q", err, w)
			}
		}
		var he *HyperparameterError
		got := ""
		if errors.As(err, &he) {
			got = he.Field
		}
		if got != tc.field {
			t.Errorf("%v: field %q, want %q", err, got, tc.field)
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

// TestHyperparameterErrorText: Text names the fields as its caller
// says, Error by their JSON names.
func TestHyperparameterErrorText(t *testing.T) {
	flagName := func(f string) string { return "--" + strings.ReplaceAll(f, "_", "-") }
	for _, tc := range []struct {
		err        HyperparameterError
		text, err2 string
	}{
		{HyperparameterError{Field: "batch_size", Value: "0", Msg: "want > 0"}, "--batch-size 0: want > 0", "batch_size 0: want > 0"},
		{HyperparameterError{Field: "lr_min", Needs: "lr_schedule", NeedsValues: []string{"plateau", "cosine"}},
			"--lr-min is only used with --lr-schedule plateau or cosine", "lr_min is only used with lr_schedule plateau or cosine"},
	} {
		if got := tc.err.Text(flagName); got != tc.text {
			t.Errorf("Text = %q, want %q", got, tc.text)
		}
		if got := tc.err.Error(); got != tc.err2 {
			t.Errorf("Error = %q, want %q", got, tc.err2)
		}
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
