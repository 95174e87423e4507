package cnnlib

import (
	"fmt"

	. "github.com/gomlx/gomlx/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// exec returns the cached executor named key, creating it with fn.
func cachedExec[F model.ExecGraphFn](m *Model, key string, fn F) (*model.Exec, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.execs[key]; ok {
		return e, nil
	}
	e, err := model.NewExec(m.backend, m.store, fn)
	if err != nil {
		return nil, fmt.Errorf("compiling %s graph: %w", key, err)
	}
	m.execs[key] = e
	return e, nil
}

// Keras clips probabilities to [eps, 1-eps] before the log of categorical_crossentropy.
const kerasEpsilon = 1e-7

// crossEntropy returns the per-sample categorical cross-entropy of softmax
// probabilities probs [batch, classes] against integer labels [batch].
func crossEntropy(probs, labels *Node) *Node {
	classes := probs.Shape().Dimensions[1]
	oneHot := OneHot(labels, classes, probs.DType())
	p := ClipScalar(probs, kerasEpsilon, 1-kerasEpsilon)
	return Neg(ReduceSum(Mul(oneHot, Log(p)), 1))
}

// correct returns the number of samples whose argmax matches the label.
func correct(probs, labels *Node) *Node {
	pred := ArgMax(probs, 1, labels.DType())
	return ReduceAllSum(ConvertDType(Equal(pred, labels), probs.DType()))
}

// l2Penalty returns sum over layers of l2 * sum(kernel^2), added once to the loss.
func (m *Model) l2Penalty(g *Graph) *Node {
	total := Scalar(g, m.dtype(), 0)
	for i, info := range m.Layers {
		if info.L2 > 0 {
			total = Add(total, MulScalar(ReduceAllSum(Square(m.vars[i].kernel.NodeValue(g))), info.L2))
		}
	}
	return total
}

func (m *Model) last() int { return len(m.Layers) - 1 }

// trainStep returns the executor of one optimizer step: inputs images
// [batch,h,w,c], labels [batch] int32, dropout noise [batch, units] and the
// learning rate (a float32 scalar, see lrTensor); outputs the batch loss (mean
// cross-entropy + L2) and the number correct. The graph does not depend on
// opt's learning rate, so one compiled step serves every rate of a schedule.
func (m *Model) trainStep(opt Optimizer) (*model.Exec, error) {
	key := opt
	key.LearningRate = 0
	return cachedExec(m, fmt.Sprintf("train/%+v", key), func(scope *model.Scope, x, labels, noise, lr *Node) (*Node, *Node) {
		g := x.Graph()
		probs := m.forward(g, x, forwardOptions{training: true, noise: noise, upTo: m.last(), formulation: m.formulation})
		loss := Add(ReduceAllMean(crossEntropy(probs, labels)), m.l2Penalty(g))
		var vars []*model.Variable
		var nodes []*Node
		for _, lv := range m.vars {
			for _, v := range lv.trainable() {
				vars = append(vars, v)
				nodes = append(nodes, v.NodeValue(g))
			}
		}
		grads := Gradient(loss, nodes...)
		opt.apply(g, scope.Store(), vars, grads, lr)
		return loss, correct(probs, labels)
	})
}

// lrTensor is the learning-rate input of a training step.
func lrTensor(lr float64) *tensors.Tensor { return tensors.FromScalar(float32(lr)) }

// evalStep returns the executor that, for images and labels, outputs the sum of
// the cross-entropy, the predicted classes and the L2 penalty (inference mode).
func (m *Model) evalStep() (*model.Exec, error) {
	return cachedExec(m, "eval", func(scope *model.Scope, x, labels *Node) (*Node, *Node, *Node) {
		g := x.Graph()
		probs := m.forward(g, x, forwardOptions{upTo: m.last(), formulation: m.formulation})
		return ReduceAllSum(crossEntropy(probs, labels)), ArgMax(probs, 1, labels.DType()), m.l2Penalty(g)
	})
}

// layerStep returns the executor of the output of layer index (inference mode).
func (m *Model) layerStep(index int) (*model.Exec, error) {
	return cachedExec(m, fmt.Sprintf("layer/%d", index), func(scope *model.Scope, x *Node) *Node {
		return m.forward(x.Graph(), x, forwardOptions{upTo: index, formulation: m.formulation})
	})
}
