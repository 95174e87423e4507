package cnnlib

import (
	"fmt"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// layerWeights returns the variables of layer index in Keras' get_weights
// order: kernel and bias (Conv2D, Dense); gamma, beta, moving mean and
// moving variance (BatchNormalization); none for the other layers.
func (m *Model) layerWeights(index int) ([]*model.Variable, error) {
	if index < 0 || index >= len(m.Layers) {
		return nil, fmt.Errorf("layer index %d out of range: the model has layers 0..%d", index, len(m.Layers)-1)
	}
	v := m.vars[index]
	var out []*model.Variable
	for _, x := range []*model.Variable{v.kernel, v.bias, v.gamma, v.beta, v.movingMean, v.movingVar} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out, nil
}

// Weights returns the weights of layer index as Keras' layer.get_weights()
// lists them, each flat in row-major order: a Conv2D's kernel [kh, kw, cin,
// cout] and bias [cout]; a Dense layer's kernel [inputs, units] and bias
// [units]; a BatchNormalization's gamma, beta, moving mean and moving
// variance [channels]; nothing for the other layers.
func (m *Model) Weights(index int) ([][]float32, error) {
	vars, err := m.layerWeights(index)
	if err != nil {
		return nil, err
	}
	out := make([][]float32, len(vars))
	for i, v := range vars {
		value, err := v.Value()
		if err != nil {
			return nil, fmt.Errorf("layer %d (%s): %s: %w", index, m.Layers[index].Name, v.Path(), err)
		}
		out[i] = tensors.MustCopyFlatData[float32](value)
	}
	return out, nil
}

// SetWeights sets the weights of layer index, given as Weights returns them
// (Keras' layer.set_weights): as many as the layer has, each with its size.
func (m *Model) SetWeights(index int, weights ...[]float32) error {
	vars, err := m.layerWeights(index)
	if err != nil {
		return err
	}
	name := m.Layers[index].Name
	if len(weights) != len(vars) {
		return fmt.Errorf("layer %d (%s) has %d weights, got %d", index, name, len(vars), len(weights))
	}
	for i, v := range vars {
		if len(weights[i]) != v.Shape().Size() {
			return fmt.Errorf("layer %d (%s): %s has %d values (shape %v), got %d", index, name, v.Path(),
				v.Shape().Size(), v.Shape().Dimensions, len(weights[i]))
		}
	}
	for i, v := range vars {
		value := tensors.FromFlatDataAndDimensions(append([]float32(nil), weights[i]...), v.Shape().Dimensions...)
		if err := v.SetValue(value); err != nil {
			return fmt.Errorf("layer %d (%s): setting %s: %w", index, name, v.Path(), err)
		}
	}
	return nil
}
