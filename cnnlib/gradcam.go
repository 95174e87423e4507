package cnnlib

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	. "github.com/gomlx/gomlx/core/graph" //nolint:revive // graph ops read like math
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// GradCAM returns the Grad-CAM map (Selvaraju et al. 2017, "Grad-CAM: Visual
// Explanations from Deep Networks via Gradient-based Localization") of one
// image (h*w*c pixels) for class, at the model's last Conv2D layer:
//
//	alpha_k = mean over (i, j) of d y_class / d A[i, j, k]
//	cam[i, j] = ReLU(sum_k alpha_k * A[i, j, k])
//
// where A is the layer's output (after its activation, the feature maps that
// FeatureMaps returns) and y_class is the class's logit, the last Dense
// layer's output before its softmax, as in the paper (the probability's
// gradient would mix in the other classes' logits). The gradient is taken in
// inference mode (no dropout), with max pooling sending it to the first
// maximum of a window, as TensorFlow does.
//
// The map has the layer's resolution, h x w (3 x 3 for the post's conv2d_4),
// row-major, unnormalised; ResizeBilinear scales it up to the image.
func (m *Model) GradCAM(image []float32, class int) (cam []float32, h, w int, err error) {
	convs := m.ConvLayers()
	if len(convs) == 0 {
		return nil, 0, 0, fmt.Errorf("Grad-CAM: the model has no Conv2D layer")
	}
	p, err := m.gradCAM(convs[len(convs)-1], image, class)
	if err != nil {
		return nil, 0, 0, err
	}
	return p.cam, p.rows, p.cols, nil
}

// gradCAMParts is what GradCAM computes on the way, for the tests.
type gradCAMParts struct {
	acts, grads       []float32 // A and d logit / d A, rows*cols*depth, channels last
	logits            []float32 // the last layer's pre-softmax output
	weights           []float64 // alpha_k, one per channel
	cam               []float32 // rows*cols
	rows, cols, depth int
}

// gradCAM computes Grad-CAM at the Conv2D layer index.
func (m *Model) gradCAM(index int, image []float32, class int) (gradCAMParts, error) {
	if index < 0 || index >= len(m.Layers) || m.Layers[index].Type != Conv2D {
		return gradCAMParts{}, fmt.Errorf("Grad-CAM: layer %d is not a Conv2D layer of the model", index)
	}
	if class < 0 || class >= m.Spec.Classes {
		return gradCAMParts{}, fmt.Errorf("Grad-CAM: class %d outside 0..%d", class, m.Spec.Classes-1)
	}
	x, err := m.imagesTensor(image, 1)
	if err != nil {
		return gradCAMParts{}, fmt.Errorf("Grad-CAM: %w", err)
	}
	e, err := cachedExec(m, fmt.Sprintf("gradcam/%d", index), func(scope *model.Scope, x, onehot *Node) (*Node, *Node, *Node) {
		g := x.Graph()
		acts := m.forward(g, x, forwardOptions{upTo: index, formulation: m.formulation})
		logits := m.logitsFrom(g, acts, index)
		score := ReduceAllSum(Mul(logits, onehot))
		return acts, Gradient(score, acts)[0], logits
	})
	if err != nil {
		return gradCAMParts{}, err
	}
	onehot := make([]float32, m.Spec.Classes)
	onehot[class] = 1
	oh := tensors.FromFlatDataAndDimensions(onehot, 1, m.Spec.Classes)
	outs, err := e.Call(x, oh)
	if err != nil {
		return gradCAMParts{}, fmt.Errorf("Grad-CAM: %w", err)
	}
	defer finalize(append(outs, x, oh)...)
	out := m.Layers[index].OutputShape
	p := gradCAMParts{
		acts:   tensors.MustCopyFlatData[float32](outs[0]),
		grads:  tensors.MustCopyFlatData[float32](outs[1]),
		logits: tensors.MustCopyFlatData[float32](outs[2]),
		rows:   out[0], cols: out[1], depth: out[2],
	}
	p.weights, p.cam = gradCAMMap(p.acts, p.grads, p.rows, p.cols, p.depth)
	return p, nil
}

// gradCAMMap returns Grad-CAM's channel weights alpha_k (the spatial means of
// grads) and the map ReLU(sum_k alpha_k acts[.., k]) of channels-last
// acts and grads (rows*cols*depth values).
func gradCAMMap[T float32 | float64](acts, grads []T, rows, cols, depth int) (weights []float64, cam []float32) {
	weights = make([]float64, depth)
	for i, g := range grads {
		weights[i%depth] += float64(g)
	}
	for k := range weights {
		weights[k] /= float64(rows * cols)
	}
	cam = make([]float32, rows*cols)
	for p := range cam {
		var s float64
		for k, a := range acts[p*depth : (p+1)*depth] {
			s += weights[k] * float64(a)
		}
		cam[p] = float32(max(s, 0))
	}
	return weights, cam
}

// logitsFrom builds layers from+1 .. last of the model in inference mode on
// x, the output of layer from in [batch, ...] (channels-last) layout, and
// returns the last layer's output before its softmax: the logits.
//
// Max pooling is built with its training-mode gradient (the first maximum
// of a window gets it all, TensorFlow's MaxPoolGrad) and ReLU with
// TensorFlow's ReluGrad; their forward values are those of the inference
// graph. Any Conv2D or pooling after from is built as in the stock formulation.
func (m *Model) logitsFrom(g *Graph, x *Node, from int) *Node {
	batch := x.Shape().Dimensions[0]
	opts := forwardOptions{formulation: FormulationStock}
	for i := from + 1; i <= m.last(); i++ {
		info := m.Layers[i]
		if info.Type == MaxPooling2D {
			cf := TransposeAllAxes(x, 3, 0, 1, 2) // [c, batch, h, w]
			x = TransposeAllAxes(maxPoolReshapeCF(cf, info.PoolSize, true), 1, 2, 3, 0)
		} else {
			x = m.layerOp(g, x, i, batch, opts, false)
		}
		if i == m.last() {
			break // the logits: no softmax
		}
		switch info.Type {
		case Conv2D, ActivationLayer, Dense:
			x = activate(x, info.Activation, true)
		}
		checkShape(x, i, batch, info, false)
	}
	return x
}

// ResizeBilinear scales a rows x cols map (row-major) to outRows x outCols
// by bilinear interpolation with pixel centres aligned (OpenCV's
// INTER_LINEAR, tf.image.resize's "bilinear"): output pixel (r, c) samples
// the input at ((r+0.5)*rows/outRows - 0.5, (c+0.5)*cols/outCols - 0.5),
// clamped to the outer pixel centres. A constant map stays constant and every
// value lies between the input's minimum and maximum.
func ResizeBilinear(data []float32, rows, cols, outRows, outCols int) ([]float32, error) {
	if rows <= 0 || cols <= 0 || outRows <= 0 || outCols <= 0 {
		return nil, fmt.Errorf("ResizeBilinear: sizes %dx%d -> %dx%d, want positive sizes", rows, cols, outRows, outCols)
	}
	if len(data) != rows*cols {
		return nil, fmt.Errorf("ResizeBilinear: %d values for a %dx%d map, want %d", len(data), rows, cols, rows*cols)
	}
	ys, xs := bilinearTaps(rows, outRows), bilinearTaps(cols, outCols)
	out := make([]float32, outRows*outCols)
	for r, y := range ys {
		for c, x := range xs {
			at := func(i, j int) float64 { return float64(data[i*cols+j]) }
			top := (1-x.t)*at(y.i0, x.i0) + x.t*at(y.i0, x.i1)
			bottom := (1-x.t)*at(y.i1, x.i0) + x.t*at(y.i1, x.i1)
			out[r*outCols+c] = float32((1-y.t)*top + y.t*bottom)
		}
	}
	return out, nil
}

// bilinearTap is where one output pixel samples an axis of n input pixels:
// (1-t) of pixel i0 and t of pixel i1.
type bilinearTap struct {
	i0, i1 int
	t      float64
}

func bilinearTaps(n, out int) []bilinearTap {
	taps := make([]bilinearTap, out)
	for o := range taps {
		s := (float64(o)+0.5)*float64(n)/float64(out) - 0.5
		s = min(max(s, 0), float64(n-1))
		i0 := int(math.Floor(s))
		i1 := min(i0+1, n-1)
		taps[o] = bilinearTap{i0, i1, s - float64(i0)}
	}
	return taps
}

// Mistake is one sample of TopLosses: a test image the net gets most wrong.
type Mistake struct {
	Index           int     // the sample's position in the data
	True            int     // its label
	Predicted       int     // the class the net reads (the largest probability)
	Probability     float64 // the probability of Predicted
	TrueProbability float64 // the probability of the true class
	Loss            float64 // the cross-entropy of the true class, -log p(true), clipped as Keras does
}

// Wrong says whether the net misreads the sample.
func (s Mistake) Wrong() bool { return s.Predicted != s.True }

// TopLosses predicts d (inference mode) and returns the n samples with the
// highest loss, the cross-entropy of the true class (-log p(true), with p
// clipped to [1e-7, 1-1e-7] as Keras' categorical_crossentropy), highest
// first; equal losses keep the data's order. With a trained net these are its
// worst mistakes; when fewer than n samples are misread, correctly read ones
// with the least confidence follow (Mistake.Wrong tells them apart). n larger
// than the data gives every sample.
func (m *Model) TopLosses(d Data, n int) ([]Mistake, error) {
	if n <= 0 {
		return nil, fmt.Errorf("TopLosses: n = %d, want at least 1", n)
	}
	if err := d.check(m.Spec, "TopLosses data"); err != nil {
		return nil, err
	}
	probs, err := m.Predict(d.Images())
	if err != nil {
		return nil, err
	}
	return rankLosses(probs, d.Labels, n), nil
}

// rankLosses returns the n samples of the highest cross-entropy of their
// labels, highest first, ties in sample order.
func rankLosses(probs [][]float32, labels []int32, n int) []Mistake {
	all := make([]Mistake, len(labels))
	for i, p := range probs {
		pred, label := Argmax(p), int(labels[i])
		pt := float64(p[label])
		all[i] = Mistake{Index: i, True: label, Predicted: pred, Probability: float64(p[pred]), TrueProbability: pt,
			Loss: -math.Log(min(max(pt, kerasEpsilon), 1-kerasEpsilon))}
	}
	slices.SortStableFunc(all, func(a, b Mistake) int { return cmp.Compare(b.Loss, a.Loss) })
	return all[:min(n, len(all))]
}
