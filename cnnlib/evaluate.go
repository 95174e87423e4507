package cnnlib

import (
	"fmt"

	"github.com/gomlx/gomlx/core/tensors"
)

// Evaluation is what model.evaluate returns, plus the confusion matrix that
// the same pass over the data counts.
type Evaluation struct {
	Loss      float64 // mean cross-entropy + L2 penalty, as Keras reports it
	Accuracy  float64
	Samples   int
	Confusion [][]int // [true label][predicted class]
}

// String prints the evaluation as the post's Keras session does.
func (e Evaluation) String() string {
	return fmt.Sprintf("%d/%d test samples\nLoss: %.4f\nAccuracy: %.4f\n", e.Samples, e.Samples, e.Loss, e.Accuracy)
}

// Evaluate returns the loss and accuracy on d, in inference mode (no dropout).
func (m *Model) Evaluate(d Data) (Evaluation, error) {
	if err := d.check(m.Spec, "evaluation data"); err != nil {
		return Evaluation{}, err
	}
	return m.evaluate(d, 500)
}

func (m *Model) evaluate(d Data, batch int) (Evaluation, error) {
	e, err := m.evalStep()
	if err != nil {
		return Evaluation{}, err
	}
	var ceSum, penalty float64
	correct := 0
	n := d.Len()
	confusion := make([][]int, m.Spec.Classes)
	for i := range confusion {
		confusion[i] = make([]int, m.Spec.Classes)
	}
	for from := 0; from < n; from += batch {
		part := d.Slice(from, min(from+batch, n))
		x, err := m.imagesTensor(part.Images(), part.Len())
		if err != nil {
			return Evaluation{}, err
		}
		outs, err := e.Call(x, tensors.FromFlatDataAndDimensions(part.Labels, part.Len()))
		if err != nil {
			return Evaluation{}, fmt.Errorf("evaluating samples %d..%d: %w", from, from+part.Len(), err)
		}
		ceSum += float64(tensors.ToScalar[float32](outs[0]))
		for i, pred := range tensors.MustCopyFlatData[int32](outs[1]) {
			confusion[part.Labels[i]][pred]++
			if pred == part.Labels[i] {
				correct++
			}
		}
		penalty = float64(tensors.ToScalar[float32](outs[2]))
		finalize(append(outs, x)...)
	}
	return Evaluation{Loss: ceSum/float64(n) + penalty, Accuracy: float64(correct) / float64(n), Samples: n, Confusion: confusion}, nil
}

// Predict returns the class probabilities of n images (NHWC float32 pixels), n*classes values.
func (m *Model) Predict(images []float32) ([][]float32, error) {
	out, _, err := m.LayerOutput(m.last(), images)
	if err != nil {
		return nil, err
	}
	probs := make([][]float32, len(out)/m.Spec.Classes)
	for i := range probs {
		probs[i] = out[i*m.Spec.Classes : (i+1)*m.Spec.Classes]
	}
	return probs, nil
}

// LayerOutput returns the output of layer index (Keras' model.get_layer(index=...)
// numbering: for the blog model 0 = conv2d_1, 2 = conv2d_2, 4 = conv2d_3,
// 6 = conv2d_4) for a batch of images, flat in [n, ...shape] order, with its
// shape (batch axis included). It runs in inference mode.
func (m *Model) LayerOutput(index int, images []float32) ([]float32, []int, error) {
	if index < 0 || index >= len(m.Layers) {
		return nil, nil, fmt.Errorf("layer index %d out of range: the model has layers 0..%d", index, len(m.Layers)-1)
	}
	in := m.Spec.InputShape
	per := in[0] * in[1] * in[2]
	if len(images) == 0 || len(images)%per != 0 {
		return nil, nil, fmt.Errorf("got %d pixel values, want a multiple of %d (%dx%dx%d images)", len(images), per, in[0], in[1], in[2])
	}
	n := len(images) / per
	e, err := m.layerStep(index)
	if err != nil {
		return nil, nil, err
	}
	const batch = 500
	var out []float32
	var shape []int
	for from := 0; from < n; from += batch {
		to := min(from+batch, n)
		x, _ := m.imagesTensor(images[from*per:to*per], to-from)
		outs, err := e.Call(x)
		if err != nil {
			return nil, nil, fmt.Errorf("layer %d (%s): %w", index, m.Layers[index].Name, err)
		}
		out = append(out, tensors.MustCopyFlatData[float32](outs[0])...)
		shape = outs[0].Shape().Dimensions
	}
	shape = append([]int{n}, shape[1:]...)
	return out, shape, nil
}

// LayerIndex returns the index of the layer with the given Keras name (e.g. "conv2d_4").
func (m *Model) LayerIndex(name string) (int, error) {
	for i, l := range m.Layers {
		if l.Name == name {
			return i, nil
		}
	}
	return 0, fmt.Errorf("no layer named %q", name)
}
