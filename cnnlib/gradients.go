package cnnlib

import (
	"fmt"
	"math"

	. "github.com/gomlx/gomlx/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// Saliency returns |d p(class) / d pixel| for one image (h*w*c values): the
// pixels whose change moves the class probability most.
func (m *Model) Saliency(image []float32, class int) ([]float32, error) {
	if class < 0 || class >= m.Spec.Classes {
		return nil, fmt.Errorf("class %d outside 0..%d", class, m.Spec.Classes-1)
	}
	x, err := m.imagesTensor(image, 1)
	if err != nil {
		return nil, err
	}
	e, err := cachedExec(m, "saliency", func(scope *model.Scope, x, onehot *Node) *Node {
		probs := m.forward(x.Graph(), x, forwardOptions{upTo: m.last(), formulation: m.formulation})
		target := ReduceAllSum(Mul(probs, onehot))
		return Abs(Gradient(target, x)[0])
	})
	if err != nil {
		return nil, err
	}
	onehot := make([]float32, m.Spec.Classes)
	onehot[class] = 1
	outs, err := e.Call(x, tensors.FromFlatDataAndDimensions(onehot, 1, m.Spec.Classes))
	if err != nil {
		return nil, fmt.Errorf("saliency: %w", err)
	}
	return tensors.MustCopyFlatData[float32](outs[0]), nil
}

// AscentConfig configures MaximizeActivation.
type AscentConfig struct {
	Steps    int     // gradient steps (0: default 60; negative: none, the starting image)
	StepSize float64 // step in units of the gradient's RMS (default 0.02)
	Seed     uint64  // seed of the starting noise image
}

// MaximizeActivation returns an input image that strongly activates channel
// filter of layer index: gradient ascent on the channel's mean activation,
// starting from a faint noise image, with pixels kept in [0, 1]. It is the
// systematic version of the post's "dreams in white noise".
func (m *Model) MaximizeActivation(index, filter int, cfg AscentConfig) ([]float32, error) {
	if index < 0 || index >= len(m.Layers) {
		return nil, fmt.Errorf("layer index %d out of range 0..%d", index, len(m.Layers)-1)
	}
	out := m.Layers[index].OutputShape
	depth := out[len(out)-1]
	if filter < 0 || filter >= depth {
		return nil, fmt.Errorf("layer %d (%s) has channels 0..%d, not %d", index, m.Layers[index].Name, depth-1, filter)
	}
	if cfg.Steps == 0 {
		cfg.Steps = 60
	} else if cfg.Steps < 0 { // explicit zero steps: the starting image
		cfg.Steps = 0
	}
	if cfg.StepSize == 0 {
		cfg.StepSize = 0.02
	}
	if !(cfg.StepSize > 0) {
		return nil, fmt.Errorf("ascent step size %v: want a positive value", cfg.StepSize)
	}
	e, err := cachedExec(m, fmt.Sprintf("ascent/%d", index), func(scope *model.Scope, x, onehot *Node) *Node {
		act := m.forward(x.Graph(), x, forwardOptions{upTo: index, formulation: m.formulation})
		objective := ReduceAllMean(Mul(act, ExpandLeftToRank(onehot, act.Rank())))
		return Gradient(objective, x)[0]
	})
	if err != nil {
		return nil, err
	}
	in := m.Spec.InputShape
	img := NoiseImage(cfg.Seed, in[0], in[1]*in[2])
	for i := range img {
		img[i] = 0.4 + 0.2*img[i]
	}
	onehot := make([]float32, depth)
	onehot[filter] = 1
	oh := tensors.FromFlatDataAndDimensions(onehot, depth)
	for range cfg.Steps {
		x, _ := m.imagesTensor(img, 1)
		outs, err := e.Call(x, oh)
		if err != nil {
			return nil, fmt.Errorf("activation maximisation: %w", err)
		}
		grad := tensors.MustCopyFlatData[float32](outs[0])
		var ss float64
		for _, g := range grad {
			ss += float64(g) * float64(g)
		}
		rms := math.Sqrt(ss/float64(len(grad))) + 1e-12
		for i, g := range grad {
			img[i] = float32(min(1, max(0, float64(img[i])+cfg.StepSize*float64(g)/rms)))
		}
	}
	return img, nil
}
