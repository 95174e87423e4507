package cnnlib

import (
	"fmt"
	"slices"
)

// The loss and metric names Compile accepts: the post's
// model.compile(loss='categorical_crossentropy', metrics=['accuracy']).
const (
	CategoricalCrossentropy = "categorical_crossentropy"
	Accuracy                = "accuracy"
)

// Compile is Keras' model.compile: the optimizer with its hyperparameters,
// the loss and the metrics. Werkbank trains classifiers with Keras'
// categorical cross-entropy and reports accuracy (History's acc, val_acc),
// so those are the only loss and metric; naming them keeps a cell readable
// next to the post's.
type Compile struct {
	Optimizer Optimizer
	Loss      string   // CategoricalCrossentropy
	Metrics   []string // [Accuracy]
}

// PostCompile is the post's model.compile(optimizer='rmsprop',
// loss='categorical_crossentropy', metrics=['accuracy']).
func PostCompile() Compile {
	return Compile{Optimizer: RMSprop(0.001), Loss: CategoricalCrossentropy, Metrics: []string{Accuracy}}
}

// Validate checks the optimizer, the loss and the metrics.
func (c Compile) Validate() error {
	if c.Loss != CategoricalCrossentropy {
		return fmt.Errorf("compile: loss %q, want %q (Keras' categorical cross-entropy, the one Werkbank trains with)", c.Loss, CategoricalCrossentropy)
	}
	for _, m := range c.Metrics {
		if m != Accuracy && m != "acc" {
			return fmt.Errorf("compile: metric %q, want %q", m, Accuracy)
		}
	}
	if c.Optimizer.Name == "" {
		return fmt.Errorf("compile: no optimizer (e.g. cnnlib.RMSprop(0.001))")
	}
	return c.Optimizer.Validate()
}

// Equal reports whether c and o compile the same way.
func (c Compile) Equal(o Compile) bool {
	norm := func(ms []string) []string {
		out := make([]string, len(ms))
		for i, m := range ms {
			if m == "acc" { // Keras 2's name
				m = Accuracy
			}
			out[i] = m
		}
		slices.Sort(out)
		return out
	}
	return c.Optimizer == o.Optimizer && c.Loss == o.Loss && slices.Equal(norm(c.Metrics), norm(o.Metrics))
}

// RMSprop is Keras' RMSprop with learning rate lr and its defaults rho 0.9,
// epsilon 1e-7 (the post's optimizer='rmsprop' has lr 0.001).
func RMSprop(lr float64) Optimizer {
	o, _ := NewOptimizer("rmsprop")
	o.LearningRate = lr
	return o
}

// Adam is Keras' Adam with learning rate lr and its defaults beta_1 0.9,
// beta_2 0.999, epsilon 1e-7.
func Adam(lr float64) Optimizer {
	o, _ := NewOptimizer("adam")
	o.LearningRate = lr
	return o
}

// SGD is Keras' SGD with learning rate lr and momentum (0 for plain SGD).
func SGD(lr, momentum float64) Optimizer {
	o, _ := NewOptimizer("sgd")
	o.LearningRate, o.Momentum = lr, momentum
	return o
}
