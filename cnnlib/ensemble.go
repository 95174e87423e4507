package cnnlib

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/tensors"
)

// EnsembleEvaluation is the evaluation of several models on the same data
// and of their ensemble.
type EnsembleEvaluation struct {
	// Members are the models' own evaluations, as Evaluate computes them
	// (loss: mean cross-entropy plus the model's L2 penalty).
	Members []Evaluation
	// Ensemble predicts the class with the highest mean softmax output of
	// the members (Chris Deotte's ensembles add them up: the same class).
	// Its loss is the mean cross-entropy of those mean probabilities, with
	// Keras' clipping; no penalty, an ensemble has no weights of its own.
	Ensemble Evaluation
	// MembersWrong[i] lists, in order, the indices of the samples that
	// Members[i] misclassifies; EnsembleWrong those the ensemble does.
	// Compared, they tell which mistakes the average mends and which it
	// makes.
	MembersWrong  [][]int
	EnsembleWrong []int
}

// EvaluateEnsemble evaluates every model on d (inference mode) and the
// ensemble that averages their softmax outputs. The models must take the
// same input and predict the same classes; errors name the model by its
// index in models and its spec's name.
func EvaluateEnsemble(models []*Model, d Data) (EnsembleEvaluation, error) {
	if len(models) == 0 {
		return EnsembleEvaluation{}, fmt.Errorf("ensemble: no models")
	}
	first := models[0].Spec
	for i, m := range models[1:] {
		if s := m.Spec; s.InputShape != first.InputShape || s.Classes != first.Classes {
			return EnsembleEvaluation{}, fmt.Errorf("ensemble: model %d (%s) takes %s inputs into %d classes, model 0 (%s) %s into %d: the models must agree",
				i+1, s.Name, shapeString(s.InputShape), s.Classes, first.Name, shapeString(first.InputShape), first.Classes)
		}
	}
	if err := d.check(first, "evaluation data"); err != nil {
		return EnsembleEvaluation{}, err
	}
	n, classes := d.Len(), first.Classes
	mean := make([]float64, n*classes)
	var res EnsembleEvaluation
	for i, m := range models {
		probs, err := m.PredictFlat(d.Images(), 500)
		if err != nil {
			return EnsembleEvaluation{}, fmt.Errorf("ensemble: model %d (%s): %w", i, m.Spec.Name, err)
		}
		ev, wrong := evaluateProbs(probs, d.Labels, classes)
		penalty, err := m.l2PenaltyValue()
		if err != nil {
			return EnsembleEvaluation{}, fmt.Errorf("ensemble: model %d (%s): %w", i, m.Spec.Name, err)
		}
		ev.Loss += penalty
		res.Members = append(res.Members, ev)
		res.MembersWrong = append(res.MembersWrong, wrong)
		for j, p := range probs {
			mean[j] += float64(p) / float64(len(models))
		}
	}
	res.Ensemble, res.EnsembleWrong = evaluateProbs(mean, d.Labels, classes)
	return res, nil
}

// evaluateProbs returns the accuracy, mean cross-entropy (Keras' clipping
// of the probabilities to [1e-7, 1-1e-7]) and confusion matrix of
// probabilities probs [n, classes] for labels, and the indices of the
// misclassified samples.
func evaluateProbs[T float32 | float64](probs []T, labels []int32, classes int) (Evaluation, []int) {
	n := len(labels)
	ev := Evaluation{Samples: n, Confusion: make([][]int, classes)}
	for i := range ev.Confusion {
		ev.Confusion[i] = make([]int, classes)
	}
	var ce float64
	wrong := []int{}
	for i, label := range labels {
		row := probs[i*classes : (i+1)*classes]
		pred := 0
		for c, p := range row {
			if p > row[pred] { // the first maximum, as ArgMax
				pred = c
			}
		}
		ev.Confusion[label][pred]++
		if pred != int(label) {
			wrong = append(wrong, i)
		}
		ce -= math.Log(min(max(float64(row[label]), kerasEpsilon), 1-kerasEpsilon))
	}
	ev.Loss, ev.Accuracy = ce/float64(n), float64(n-len(wrong))/float64(n)
	return ev, wrong
}

// l2PenaltyValue is l2Penalty computed on the host from the current weights.
func (m *Model) l2PenaltyValue() (float64, error) {
	var total float64
	for i, info := range m.Layers {
		if info.L2 <= 0 {
			continue
		}
		value, err := m.vars[i].kernel.Value()
		if err != nil {
			return 0, err
		}
		var sum float64
		for _, w := range tensors.MustCopyFlatData[float32](value) {
			sum += float64(w) * float64(w)
		}
		total += info.L2 * sum
	}
	return total, nil
}

func shapeString(s [3]int) string { return fmt.Sprintf("%dx%dx%d", s[0], s[1], s[2]) }
