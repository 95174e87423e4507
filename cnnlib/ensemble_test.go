package cnnlib

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// constantModel returns a model that gives every image the class
// probabilities probs: a Dense softmax layer with a zero kernel and the
// logarithms of probs as its bias.
func constantModel(t *testing.T, probs []float64) *Model {
	t.Helper()
	m, err := New(Sequential(layers.Input(28, 28, 1), layers.Flatten(), layers.Dense(len(probs), layers.Softmax)),
		Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	bias := make([]float32, len(probs))
	for i, p := range probs {
		bias[i] = float32(math.Log(p))
	}
	if err := m.SetWeights(1, make([]float32, 784*len(probs)), bias); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Finalize)
	return m
}

// TestEnsembleKnownAnswer: model A says 1 (p 0.5) or 7 (0.45), model B 2
// (0.5) or 7 (0.45) for every image; their mean says 7 (0.45 against 0.25).
// On labels 1, 2, 2, 7, 7, 7, 7, 0: A is right once, B twice, the ensemble
// four times, and the losses are the mean -log of the label's probability.
// The misclassified samples are listed by index.
func TestEnsembleKnownAnswer(t *testing.T) {
	rest := 0.05 / 8
	pa := []float64{rest, 0.5, rest, rest, rest, rest, rest, 0.45, rest, rest}
	pb := []float64{rest, rest, 0.5, rest, rest, rest, rest, 0.45, rest, rest}
	labels := []int32{1, 2, 2, 7, 7, 7, 7, 0}
	d := NewData(make([]float32, len(labels)*784), labels)
	res, err := EvaluateEnsemble([]*Model{constantModel(t, pa), constantModel(t, pb)}, d)
	if err != nil {
		t.Fatal(err)
	}
	loss := func(p []float64) float64 {
		var s float64
		for _, l := range labels {
			s -= math.Log(p[l])
		}
		return s / float64(len(labels))
	}
	mean := make([]float64, 10)
	for i := range mean {
		mean[i] = (pa[i] + pb[i]) / 2
	}
	for _, c := range []struct {
		name      string
		got       Evaluation
		acc, loss float64
	}{
		{"model A", res.Members[0], 1.0 / 8, loss(pa)},
		{"model B", res.Members[1], 2.0 / 8, loss(pb)},
		{"ensemble", res.Ensemble, 4.0 / 8, loss(mean)},
	} {
		if c.got.Accuracy != c.acc || math.Abs(c.got.Loss-c.loss) > 1e-6 || c.got.Samples != 8 {
			t.Errorf("%s: accuracy %v, loss %.7f on %d samples; want %v, %.7f on 8", c.name, c.got.Accuracy, c.got.Loss, c.got.Samples, c.acc, c.loss)
		}
	}
	if res.Ensemble.Confusion[2][7] != 2 || res.Ensemble.Confusion[7][7] != 4 {
		t.Errorf("ensemble confusion matrix %v", res.Ensemble.Confusion)
	}
	wantWrong := [][]int{{1, 2, 3, 4, 5, 6, 7}, {0, 3, 4, 5, 6, 7}, {0, 1, 2, 7}}
	if got := append(res.MembersWrong, res.EnsembleWrong); !reflect.DeepEqual(got, wantWrong) {
		t.Errorf("misclassified samples (A, B, ensemble) %v, want %v", got, wantWrong)
	}
}

// TestEnsembleMembersAreEvaluate: each member's accuracy and loss (with its
// L2 penalty) are Evaluate's, and the ensemble's predictions the argmax of
// the mean of Predict's probabilities.
func TestEnsembleMembersAreEvaluate(t *testing.T) {
	d := randomData(40, 9)
	var models []*Model
	for i, spec := range []Spec{
		Sequential(layers.Input(28, 28, 1), layers.Conv2D(4, 5, layers.Strides(2), layers.Same, layers.ReLU), layers.BatchNormalization(),
			layers.Flatten(), layers.Dense(10, layers.Softmax, layers.L2(0.01))),
		smallKaggle(),
	} {
		m, err := New(spec, Options{Backend: testBackend(), Seed: int64(i + 1)})
		if err != nil {
			t.Fatal(err)
		}
		defer m.Finalize()
		models = append(models, m)
	}
	res, err := EvaluateEnsemble(models, d)
	if err != nil {
		t.Fatal(err)
	}
	mean := make([]float64, d.Len()*10)
	for i, m := range models {
		ev, err := m.Evaluate(d)
		if err != nil {
			t.Fatal(err)
		}
		got := res.Members[i]
		if got.Accuracy != ev.Accuracy || math.Abs(got.Loss-ev.Loss) > 1e-5*math.Max(1, ev.Loss) {
			t.Errorf("member %d: accuracy %v, loss %v; Evaluate says %v, %v", i, got.Accuracy, got.Loss, ev.Accuracy, ev.Loss)
		}
		probs, err := m.Predict(d.Images())
		if err != nil {
			t.Fatal(err)
		}
		for j, row := range probs {
			for c, p := range row {
				mean[j*10+c] += float64(p) / 2
			}
		}
	}
	correct := 0
	for j, label := range d.Labels {
		best := 0
		for c := range 10 {
			if mean[j*10+c] > mean[j*10+best] {
				best = c
			}
		}
		if best == int(label) {
			correct++
		}
	}
	if want := float64(correct) / float64(d.Len()); res.Ensemble.Accuracy != want {
		t.Errorf("ensemble accuracy %v, want %v", res.Ensemble.Accuracy, want)
	}
}

// TestEnsembleRejectsMismatchedModels: models of other input shapes or
// classes are an error naming both.
func TestEnsembleRejectsMismatchedModels(t *testing.T) {
	a, err := New(Sequential(layers.Input(28, 28, 1), layers.Flatten(), layers.Dense(10, layers.Softmax)), Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Sequential(layers.Input(14, 14, 1), layers.Flatten(), layers.Dense(10, layers.Softmax)), Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = EvaluateEnsemble([]*Model{a, b}, randomData(4, 1))
	if err == nil || !strings.Contains(err.Error(), "14x14x1") || !strings.Contains(err.Error(), "28x28x1") {
		t.Errorf("error %v, want one naming both input shapes", err)
	}
	if _, err := EvaluateEnsemble(nil, randomData(4, 1)); err == nil {
		t.Error("no models: no error")
	}
}
