package cnnlib

import (
	"fmt"
	"math"

	. "github.com/gomlx/gomlx/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/ml/model"
)

// Optimizer is a Keras optimizer with its hyperparameters. Use NewOptimizer to
// get Keras' defaults for a name.
type Optimizer struct {
	Name         string  `json:"name"` // "rmsprop", "adam" or "sgd"
	LearningRate float64 `json:"learning_rate"`
	Rho          float64 `json:"rho,omitempty"`      // rmsprop: decay of the squared-gradient average
	Beta1        float64 `json:"beta_1,omitempty"`   // adam
	Beta2        float64 `json:"beta_2,omitempty"`   // adam
	Momentum     float64 `json:"momentum,omitempty"` // sgd
	Epsilon      float64 `json:"epsilon,omitempty"`  // rmsprop, adam
}

// NewOptimizer returns the named optimizer with Keras' defaults: rmsprop (lr
// 0.001, rho 0.9, eps 1e-7), adam (lr 0.001, beta_1 0.9, beta_2 0.999, eps 1e-7)
// or sgd (lr 0.01, momentum 0).
func NewOptimizer(name string) (Optimizer, error) {
	switch name {
	case "rmsprop":
		return Optimizer{Name: name, LearningRate: 0.001, Rho: 0.9, Epsilon: 1e-7}, nil
	case "adam":
		return Optimizer{Name: name, LearningRate: 0.001, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-7}, nil
	case "sgd":
		return Optimizer{Name: name, LearningRate: 0.01}, nil
	}
	return Optimizer{}, fmt.Errorf("unknown optimizer %q (want rmsprop, adam or sgd)", name)
}

// Validate checks the hyperparameters.
func (o Optimizer) Validate() error {
	if _, err := NewOptimizer(o.Name); err != nil {
		return err
	}
	if !(o.LearningRate > 0) || math.IsInf(o.LearningRate, 0) {
		return fmt.Errorf("optimizer %s: learning rate %v, want a finite value > 0", o.Name, o.LearningRate)
	}
	for name, v := range map[string]float64{"rho": o.Rho, "beta_1": o.Beta1, "beta_2": o.Beta2, "momentum": o.Momentum} {
		if math.IsNaN(v) || v < 0 || v >= 1 {
			return fmt.Errorf("optimizer %s: %s = %v, want a value in [0, 1)", o.Name, name, v)
		}
	}
	if math.IsNaN(o.Epsilon) || o.Epsilon < 0 {
		return fmt.Errorf("optimizer %s: epsilon = %v, want >= 0", o.Name, o.Epsilon)
	}
	return nil
}

// optimizerScope is where the optimizer keeps its slots in the store.
const optimizerScope = "/optimizer"

// slot returns (creating it with zeros on first use) the optimizer variable
// named slot for the weight v.
func slot(store *model.Store, v *model.Variable, slot string) *model.Variable {
	return store.VariableWithShape(optimizerScope+v.Path()+"/"+slot, v.Shape(), Zeros)
}

// apply adds to the graph the Keras update of every variable given its
// gradient, with the learning rate lr: a scalar input of the step, so that a
// schedule changes it without compiling the graph again.
func (o Optimizer) apply(g *Graph, store *model.Store, vars []*model.Variable, grads []*Node, lr *Node) {
	var lrT *Node // adam's bias-corrected learning rate
	if o.Name == "adam" {
		iters := store.VariableWithValue(optimizerScope+"/iterations", float32(0))
		t := AddScalar(iters.NodeValue(g), 1)
		iters.SetNodeValue(t)
		b1t := Pow(Scalar(g, t.DType(), o.Beta1), t)
		b2t := Pow(Scalar(g, t.DType(), o.Beta2), t)
		lrT = Mul(Div(Sqrt(OneMinus(b2t)), OneMinus(b1t)), lr)
	}
	for i, v := range vars {
		w, grad := v.NodeValue(g), grads[i]
		switch o.Name {
		case "rmsprop":
			acc := slot(store, v, "rms")
			a := Add(MulScalar(acc.NodeValue(g), o.Rho), MulScalar(Square(grad), 1-o.Rho))
			acc.SetNodeValue(a)
			w = Sub(w, Div(Mul(grad, lr), AddScalar(Sqrt(a), o.Epsilon)))
		case "adam":
			mv, sv := slot(store, v, "m"), slot(store, v, "v")
			m := Add(MulScalar(mv.NodeValue(g), o.Beta1), MulScalar(grad, 1-o.Beta1))
			s := Add(MulScalar(sv.NodeValue(g), o.Beta2), MulScalar(Square(grad), 1-o.Beta2))
			mv.SetNodeValue(m)
			sv.SetNodeValue(s)
			w = Sub(w, Mul(lrT, Div(m, AddScalar(Sqrt(s), o.Epsilon))))
		case "sgd":
			if o.Momentum == 0 {
				w = Sub(w, Mul(grad, lr))
				break
			}
			vel := slot(store, v, "momentum")
			nv := Sub(MulScalar(vel.NodeValue(g), o.Momentum), Mul(grad, lr))
			vel.SetNodeValue(nv)
			w = Add(w, nv)
		}
		v.SetNodeValue(w)
	}
}
