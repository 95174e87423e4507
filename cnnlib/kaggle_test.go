package cnnlib

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// TestKaggleModelParams: Keras counts 327,242 parameters for the Kaggle model.
// By hand, a Conv2D has kh*kw*cin*filters + filters, a BatchNormalization
// 4*channels (gamma and beta trainable, moving mean and variance not):
//
//	conv2d_1  3*3*1*32+32    =     320   batch_normalization_1  4*32  = 128
//	conv2d_2  3*3*32*32+32   =   9,248   batch_normalization_2  4*32  = 128
//	conv2d_3  5*5*32*32+32   =  25,632   batch_normalization_3  4*32  = 128
//	conv2d_4  3*3*32*64+64   =  18,496   batch_normalization_4  4*64  = 256
//	conv2d_5  3*3*64*64+64   =  36,928   batch_normalization_5  4*64  = 256
//	conv2d_6  5*5*64*64+64   = 102,464   batch_normalization_6  4*64  = 256
//	conv2d_7  4*4*64*128+128 = 131,200   batch_normalization_7  4*128 = 512
//	dense_1   128*10+10      =   1,290
//
// Convolutions and Dense: 325,578; BatchNormalization: 1,664, half of it
// (832) trainable. Trainable 325,578 + 832 = 326,410; non-trainable 832;
// total 327,242.
func TestKaggleModelParams(t *testing.T) {
	tr, non, err := KaggleModel().ParamCount()
	if err != nil {
		t.Fatal(err)
	}
	if tr != 326410 || non != 832 {
		t.Errorf("params = %d trainable, %d non-trainable; want 326410, 832 (327,242 in all)", tr, non)
	}
	m, err := New(KaggleModel(), Options{Backend: testBackend(), Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	if n := m.NumParams(); n != 327242 {
		t.Errorf("the built model has %d parameters, want 327242", n)
	}
}

// kaggleSummary is Keras 2's model.summary() of the Kaggle model (whitespace
// and rules aside): the shapes follow from 'valid' (28-3+1 = 26, ...) and
// from 'same' with strides 2 (ceil(24/2) = 12, ceil(8/2) = 4); Keras cuts
// "batch_normalization_1 (BatchNormalization)" at its first column.
const kaggleSummary = `
Layer (type) Output Shape Param #
conv2d_1 (Conv2D) (None, 26, 26, 32) 320
batch_normalization_1 (Batch (None, 26, 26, 32) 128
conv2d_2 (Conv2D) (None, 24, 24, 32) 9248
batch_normalization_2 (Batch (None, 24, 24, 32) 128
conv2d_3 (Conv2D) (None, 12, 12, 32) 25632
batch_normalization_3 (Batch (None, 12, 12, 32) 128
dropout_1 (Dropout) (None, 12, 12, 32) 0
conv2d_4 (Conv2D) (None, 10, 10, 64) 18496
batch_normalization_4 (Batch (None, 10, 10, 64) 256
conv2d_5 (Conv2D) (None, 8, 8, 64) 36928
batch_normalization_5 (Batch (None, 8, 8, 64) 256
conv2d_6 (Conv2D) (None, 4, 4, 64) 102464
batch_normalization_6 (Batch (None, 4, 4, 64) 256
dropout_2 (Dropout) (None, 4, 4, 64) 0
conv2d_7 (Conv2D) (None, 1, 1, 128) 131200
batch_normalization_7 (Batch (None, 1, 1, 128) 512
flatten_1 (Flatten) (None, 128) 0
dropout_3 (Dropout) (None, 128) 0
dense_1 (Dense) (None, 10) 1290
Total params: 327,242
Trainable params: 326,410
Non-trainable params: 832
`

// TestKaggleModelSummary: the summary has Keras' rows and layout: 19 layers,
// each row 65 characters wide, the BatchNormalization class cut as Keras cuts it.
func TestKaggleModelSummary(t *testing.T) {
	var b strings.Builder
	if err := KaggleModel().Summary(&b); err != nil {
		t.Fatal(err)
	}
	got, want := contentLines(b.String()), contentLines(kaggleSummary)
	if len(got) != len(want) {
		t.Fatalf("summary has %d content lines, Keras has %d:\n%s", len(got), len(want), b.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 3+19*2+3+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), 3+19*2+3+1, b.String())
	}
	for i, line := range lines[:3+19*2] {
		if len(line) != summaryWidth {
			t.Errorf("line %d is %d characters wide, want %d: %q", i, len(line), summaryWidth, line)
		}
	}
	if row := "batch_normalization_1 (Batch (None, 26, 26, 32)        128"; !strings.HasPrefix(lines[5], row) {
		t.Errorf("row 2 %q, want it to start with %q", lines[5], row)
	}
}

// TestKaggleSpecFile: experiments/kaggle/model.json, the spec the study
// trains with `werkbank train --spec`, is KaggleModel, and the spec's JSON
// (strides included) reads back as itself.
func TestKaggleSpecFile(t *testing.T) {
	data, err := json.Marshal(KaggleModel())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"strides":[2,2]`) {
		t.Errorf("JSON without the strides: %s", data)
	}
	back, err := parseSpec("kaggle.json", data)
	if err != nil || !reflect.DeepEqual(back, KaggleModel()) {
		t.Errorf("JSON round trip: %v\n%+v", err, back)
	}
	s, err := ReadSpec(filepath.Join("..", "experiments", "kaggle", "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, KaggleModel()) {
		t.Errorf("experiments/kaggle/model.json\n%+v\nKaggleModel()\n%+v", s, KaggleModel())
	}
}

// TestConvStridesInfer: Conv2D's output size is Keras': 'same' gives
// ceil(in/stride), 'valid' floor((in-kernel)/stride)+1; strides other than
// positive ones, or on other layers, are errors naming the layer.
func TestConvStridesInfer(t *testing.T) {
	for _, c := range []struct {
		in, kernel, stride int
		padding            string
		out                int
	}{
		{28, 3, 2, "same", 14}, {27, 3, 2, "same", 14}, {24, 5, 2, "same", 12}, {8, 5, 2, "same", 4},
		{7, 5, 2, "same", 4}, {5, 1, 2, "same", 3}, {10, 3, 3, "same", 4}, {4, 4, 1, "same", 4},
		{28, 3, 2, "valid", 13}, {8, 3, 2, "valid", 3}, {11, 4, 3, "valid", 3}, {4, 4, 1, "valid", 1},
		{4, 4, 2, "valid", 1}, {26, 3, 1, "valid", 24},
	} {
		s := Sequential(layers.Input(c.in, c.in+1, 2),
			layers.Conv2D(3, c.kernel, layers.Strides(c.stride), layers.Padding(c.padding)),
			layers.Flatten(), layers.Dense(2, layers.Softmax))
		infos, err := s.Infer()
		if err != nil {
			t.Errorf("%+v: %v", c, err)
			continue
		}
		wantW := (c.in + 1 + c.stride - 1) / c.stride
		if c.padding == "valid" {
			wantW = (c.in+1-c.kernel)/c.stride + 1
		}
		if got, want := fmt.Sprint(infos[0].OutputShape), fmt.Sprint([]int{c.out, wantW, 3}); got != want {
			t.Errorf("%+v: output shape %s, want %s", c, got, want)
		}
	}
	for name, tc := range map[string]struct {
		spec  Spec
		wants []string
	}{
		"zero stride": {Sequential(layers.Input(8, 8, 1), layers.Conv2D(2, 3, layers.StridesHW(2, 0)), layers.Flatten(), layers.Dense(2, layers.Softmax)),
			[]string{"layer 0 (conv2d_1)", "strides = [2 0]"}},
		"negative stride": {Sequential(layers.Input(8, 8, 1), layers.Conv2D(2, 3, layers.Strides(-1)), layers.Flatten(), layers.Dense(2, layers.Softmax)),
			[]string{"conv2d_1", "strides"}},
		"strides on Dense": {Sequential(layers.Input(8, 8, 1), layers.Flatten(), layers.Dense(2, layers.Softmax, layers.Strides(2))),
			[]string{"layer 1 (dense_1)", "only a Conv2D layer takes strides"}},
		"kernel larger than input": {Sequential(layers.Input(4, 4, 1), layers.Conv2D(2, 5, layers.Strides(2)), layers.Flatten(), layers.Dense(2, layers.Softmax)),
			[]string{"conv2d_1", "does not fit"}},
	} {
		_, err := tc.spec.Infer()
		for _, w := range tc.wants {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %v, want it to mention %q", name, err, w)
			}
		}
	}
}

// smallKaggle is the Kaggle model with fewer filters, for fast tests.
func smallKaggle() Spec {
	s := KaggleModel()
	widths := map[int]int{32: 4, 64: 6, 128: 8}
	for i, l := range s.Layers {
		if l.Type == Conv2D {
			s.Layers[i].Filters = widths[l.Filters]
		}
	}
	s.Name = "kaggle-cnn-small"
	return s
}

// TestKaggleModelSaveLoad: the Kaggle model, strides and BatchNormalization
// statistics included, trains one epoch, saves and loads back with its spec
// and identical predictions.
func TestKaggleModelSaveLoad(t *testing.T) {
	m, err := New(smallKaggle(), Options{Backend: testBackend(), Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	d := randomData(64, 5)
	cfg := quickFit(1)
	if _, err := m.Fit(t.Context(), d, cfg); err != nil {
		t.Fatal(err)
	}
	before, err := m.Predict(d.Images())
	if err != nil {
		t.Fatal(err)
	}
	w, err := m.Weights(len(m.Layers) - 4) // batch_normalization_7
	if err != nil {
		t.Fatal(err)
	}
	if w[2][0] == 0 || w[3][0] == 1 {
		t.Errorf("batch_normalization_7's moving statistics did not move in training: mean %v, variance %v", w[2], w[3])
	}
	dir := filepath.Join(t.TempDir(), "model")
	if err := m.Save(dir, nil, nil); err != nil {
		t.Fatal(err)
	}
	l, err := Load(dir, Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Finalize()
	if !reflect.DeepEqual(l.Spec, m.Spec) {
		t.Errorf("spec after load\n%+v\nwant\n%+v", l.Spec, m.Spec)
	}
	after, err := l.Predict(d.Images())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Error("predictions changed after save and load")
	}
}
