package cnnlib

import (
	"fmt"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph" //nolint:revive // graph ops read like math
	"github.com/gomlx/gomlx/ml/model"
)

// forwardOptions says how the graph is built.
type forwardOptions struct {
	training bool  // dropout on, BatchNorm uses and updates batch statistics
	noise    *Node // [batch, dropoutUnits] uniform [0,1) from the host, when training
	upTo     int   // build layers 0..upTo (inclusive) and return that layer's output
	// formulation: FormulationFast, FormulationStock or FormulationStockMatMulGrad
	// (whose MatMul kernel gradients only matter, and are only built, when training)
	formulation string
}

// forward builds the model's graph for input x [batch, h, w, c] and returns the
// output of layer opts.upTo. Every layer's output shape is asserted against the
// spec's shape inference, so a graph bug fails at build time, naming the layer.
//
// Every graph of the model is built through forward, which first marks the
// graph as training for the model.Store. That mark has no effect on the layers
// (opts.training decides dropout and BatchNorm): it makes GoMLX pass every
// variable as a parameter. On backends that prefer variables as constants
// (ONNX Runtime), GoMLX otherwise bakes the current value of non-trainable
// variables (BatchNorm moving statistics, optimizer state) into graphs not
// marked as training, and the cached executors would go on using stale values.
func (m *Model) forward(g *Graph, x *Node, opts forwardOptions) *Node {
	m.store.SetTraining(g, true) // variables as parameters, never constants: see above
	batch := x.Shape().Dimensions[0]
	// The fast formulation keeps conv and pool activations channels-first,
	// [c, batch, h, w]: the im2col MatMul and both of its gradients then have
	// the contraction axis where the pure Go backend's DotGeneral wants it, with
	// no transposes of the large patch matrices.
	fast := opts.formulation == FormulationFast
	channelsFirst := false
	toNHWC := func() {
		if channelsFirst {
			x = TransposeAllAxes(x, 1, 2, 3, 0)
			channelsFirst = false
		}
	}
	// A ReLU right before a max pool runs after it instead, on a quarter of the
	// values: max and ReLU commute exactly (ReLU is monotone), and so do their
	// gradients (the first maximum of ReLU(x) is the first maximum of x whenever
	// the window's maximum is positive, and the gradient is 0 otherwise). Only
	// when the pool is built: a graph that ends at the activation keeps it. On
	// ONNX Runtime this makes a training step about 4% faster; the fast
	// formulation keeps the post's order, because its ArgMax pool ran about 5%
	// slower on pre-activation values on the pure Go backend (bench/NOTES.md).
	reluAfterPool := false
	for i, info := range m.Layers[:opts.upTo+1] {
		deferReLU := !fast && info.Activation == "relu" && i < opts.upTo && m.Layers[i+1].Type == MaxPooling2D
		spatial := info.Type == Conv2D || info.Type == MaxPooling2D
		// BatchNormalization and Activation work in either layout: between
		// two convolutions they stay channels-first.
		anyLayout := info.Type == BatchNormalization || info.Type == ActivationLayer
		if fast && spatial && !channelsFirst {
			x = TransposeAllAxes(x, 3, 0, 1, 2)
			channelsFirst = true
		} else if !spatial && !anyLayout {
			toNHWC()
		}
		x = m.layerOp(g, x, i, batch, opts, channelsFirst)
		switch info.Type {
		case Conv2D, ActivationLayer:
			if deferReLU {
				reluAfterPool = true
			} else {
				x = activate(x, info.Activation, opts.training)
			}
		case MaxPooling2D:
			if reluAfterPool {
				x = activate(x, "relu", opts.training)
				reluAfterPool = false
			}
		case Dense:
			x = activate(x, info.Activation, opts.training)
		}
		checkShape(x, i, batch, info, channelsFirst)
	}
	toNHWC()
	return x
}

// layerOp builds layer i of the model on x without the layer's activation:
// x is channels-first ([c, batch, h, w]) when channelsFirst (the spatial
// layers of the fast formulation, and BatchNormalization and Activation
// between them), else [batch, ...].
func (m *Model) layerOp(g *Graph, x *Node, i, batch int, opts forwardOptions, channelsFirst bool) *Node {
	info, vars := m.Layers[i], m.vars[i]
	fast := opts.formulation == FormulationFast
	switch info.Type {
	case Conv2D:
		kernel, bias := vars.kernel.NodeValue(g), vars.bias.NodeValue(g)
		geo := convGeometry(info.Layer, info.InputShape[0], info.InputShape[1])
		strided := geo.strides != [2]int{1, 1}
		switch {
		case fast:
			return Add(convIm2colCF(x, kernel, geo), Reshape(bias, info.Filters, 1, 1, 1))
		case strided && m.noInputDilation:
			// The backend's gradient of a strided convolution is a convolution
			// with input dilation, which ONNX's Conv lacks: im2col instead,
			// whose gradients are MatMuls, slices and concatenations.
			return addChannels(convIm2col(x, kernel, geo), bias)
		default:
			// GoMLX's input gradient is wrong for kernels of even height or
			// width: ours instead (convStockCustomGrad).
			evenKernel := geo.kernel[0]%2 == 0 || geo.kernel[1]%2 == 0
			matmulKernelGrad := opts.training && opts.formulation == FormulationStockMatMulGrad
			return addChannels(convStockCustomGrad(x, kernel, geo, evenKernel, matmulKernelGrad), bias)
		}
	case MaxPooling2D:
		if fast {
			return maxPoolReshapeCF(x, info.PoolSize, opts.training)
		}
		return MaxPool(x).WindowPerAxis(info.PoolSize[0], info.PoolSize[1]).
			StridePerAxis(info.PoolSize[0], info.PoolSize[1]).NoPadding().Done()
	case BatchNormalization:
		channelAxis := x.Rank() - 1
		if channelsFirst {
			channelAxis = 0
		}
		return m.batchNorm(g, x, vars, channelAxis, opts.training)
	case Dropout:
		if opts.training && info.Rate > 0 {
			return dropout(x, opts.noise, m.dropoutOffset[i], info.Rate)
		}
	case Flatten:
		return Reshape(x, batch, info.OutputShape[0])
	case Dense:
		return addChannels(MatMul(x, vars.kernel.NodeValue(g)), vars.bias.NodeValue(g))
	}
	return x // an Activation layer is its activation only
}

// checkShape panics, naming layer i, unless x, the layer's output, has the
// shape the spec's shape inference gives it (info), in x's layout.
func checkShape(x *Node, i, batch int, info LayerInfo, channelsFirst bool) {
	want := append([]int{batch}, info.OutputShape...)
	if channelsFirst {
		want = []int{info.OutputShape[2], batch, info.OutputShape[0], info.OutputShape[1]}
	}
	if !x.Shape().Equal(shapes.Make(dtypes.Float32, want...)) {
		panic(fmt.Sprintf("layer %d (%s): graph output shape %s, spec says %v", i, info.Name, x.Shape(), want))
	}
}

// addChannels adds a per-channel vector (bias) along the last axis of x.
func addChannels(x, v *Node) *Node {
	return Add(x, ExpandLeftToRank(v, x.Rank()))
}

// convStock is the backend's convolution: fast on XLA (cuDNN on GPUs).
func convStock(x, kernel *Node, geo convGeom) *Node {
	conv := Convolve(x, kernel)
	if geo.strides != [2]int{1, 1} {
		conv = conv.StridePerAxis(geo.strides[0], geo.strides[1])
	}
	if geo.pad != [2][2]int{} {
		conv = conv.PaddingPerDim([][2]int{geo.pad[0], geo.pad[1]})
	}
	return conv.Done()
}

// convIm2colCF computes the same convolution as convStock, for a
// channels-first x [cin, batch, h, w], with kh*kw slices, one concatenation
// and one MatMul: on the pure Go backend this runs on its SIMD MatMul kernels
// instead of a naive direct convolution. Padding is built by concatenating
// zeros, because graph.Pad has no gradient. It returns [cout, batch, oh, ow].
func convIm2colCF(x, kernel *Node, geo convGeom) *Node {
	kd := kernel.Shape().Dimensions
	kh, kw, cin, cout := kd[0], kd[1], kd[2], kd[3]
	batch, oh, ow := x.Shape().Dimensions[1], geo.out[0], geo.out[1]
	// Patch order (i, j, channel) matches the row-major layout of kernel [kh, kw, cin, cout].
	cols := Reshape(im2colPatches(x, geo, 2, 0), kh*kw*cin, batch*oh*ow)
	weights := TransposeAllAxes(Reshape(kernel, kh*kw*cin, cout), 1, 0) // [cout, K]: small
	return Reshape(MatMul(weights, cols), cout, batch, oh, ow)
}

// convIm2col is convIm2colCF for x [batch, h, w, cin] (channels last): the
// patches side by side along the channels, times the kernel as a
// [kh*kw*cin, cout] matrix. It returns [batch, oh, ow, cout].
func convIm2col(x, kernel *Node, geo convGeom) *Node {
	kd := kernel.Shape().Dimensions
	kh, kw, cin, cout := kd[0], kd[1], kd[2], kd[3]
	batch, oh, ow := x.Shape().Dimensions[0], geo.out[0], geo.out[1]
	cols := Reshape(im2colPatches(x, geo, 1, 3), batch*oh*ow, kh*kw*cin)
	return Reshape(MatMul(cols, Reshape(kernel, kh*kw*cin, cout)), batch, oh, ow, cout)
}

// im2colPatches pads x (spatial axes hAxis, hAxis+1) as geo says and
// concatenates its kh*kw patches (convPatches) along catAxis: the columns
// of an im2col convolution, in either layout.
func im2colPatches(x *Node, geo convGeom, hAxis, catAxis int) *Node {
	x = padZeros(x, hAxis, geo.pad[0][0], geo.pad[0][1])
	x = padZeros(x, hAxis+1, geo.pad[1][0], geo.pad[1][1])
	patches := convPatches(x, hAxis, geo)
	if len(patches) == 1 {
		return patches[0]
	}
	return Concatenate(patches, catAxis)
}

// convPatches returns the kh*kw patches of the padded x whose spatial axes
// are hAxis and hAxis+1, in row-major kernel order: patch (i, j) holds
// x[.., i + sh*r, j + sw*q, ..] for the output positions r < oh, q < ow.
//
// With strides the patches are not strided slices (whose gradient is a Pad
// with interior padding, which ONNX lacks), but plain slices of x reshaped
// to [.., hBlocks, sh, wBlocks, sw, ..]: row i + sh*r is row r + i/sh of
// block row i%sh. Zeros appended to fill the last blocks are never taken.
func convPatches(x *Node, hAxis int, geo convGeom) []*Node {
	kh, kw := geo.kernel[0], geo.kernel[1]
	sh, sw := geo.strides[0], geo.strides[1]
	oh, ow := geo.out[0], geo.out[1]
	dims := x.Shape().Dimensions
	full := func(n int) []SliceAxisSpec {
		specs := make([]SliceAxisSpec, n)
		for k := range specs {
			specs[k] = AxisRange()
		}
		return specs
	}
	patches := make([]*Node, 0, kh*kw)
	if sh == 1 && sw == 1 {
		for i := range kh {
			for j := range kw {
				specs := full(x.Rank())
				specs[hAxis], specs[hAxis+1] = AxisRange(i, i+oh), AxisRange(j, j+ow)
				patches = append(patches, Slice(x, specs...))
			}
		}
		return patches
	}
	hBlocks := max((dims[hAxis]+sh-1)/sh, (kh-1)/sh+oh)
	wBlocks := max((dims[hAxis+1]+sw-1)/sw, (kw-1)/sw+ow)
	x = padZeros(x, hAxis, 0, hBlocks*sh-dims[hAxis])
	x = padZeros(x, hAxis+1, 0, wBlocks*sw-dims[hAxis+1])
	blocked := append(append(append([]int(nil), dims[:hAxis]...), hBlocks, sh, wBlocks, sw), dims[hAxis+2:]...)
	x = Reshape(x, blocked...)
	patchDims := append([]int(nil), dims...)
	patchDims[hAxis], patchDims[hAxis+1] = oh, ow
	for i := range kh {
		for j := range kw {
			specs := full(x.Rank())
			specs[hAxis], specs[hAxis+1] = AxisRange(i/sh, i/sh+oh), AxisRange(i%sh, i%sh+1)
			specs[hAxis+2], specs[hAxis+3] = AxisRange(j/sw, j/sw+ow), AxisRange(j%sw, j%sw+1)
			patches = append(patches, Reshape(Slice(x, specs...), patchDims...))
		}
	}
	return patches
}

// padZeros pads axis of x with before/after zeros by concatenation.
func padZeros(x *Node, axis, before, after int) *Node {
	parts := make([]*Node, 0, 3)
	zeros := func(n int) *Node {
		dims := append([]int(nil), x.Shape().Dimensions...)
		dims[axis] = n
		return Zeros(x.Graph(), shapes.Make(x.DType(), dims...))
	}
	if before > 0 {
		parts = append(parts, zeros(before))
	}
	parts = append(parts, x)
	if after > 0 {
		parts = append(parts, zeros(after))
	}
	if len(parts) == 1 {
		return x
	}
	return Concatenate(parts, axis)
}

// maxPoolReshapeCF is Keras' 'valid' max pooling with stride = window for a
// channels-first x [c, batch, h, w], computed by cropping to a multiple of the
// window, reshaping the windows into their own axes and reducing them: no
// per-window allocation on the pure Go backend.
//
// While training, the gradient must go where TensorFlow's MaxPoolGrad (and the
// stock MaxPool of ONNX Runtime and XLA) sends it: to the first maximum of a
// window in row-major order, and only there. ReduceMax's gradient goes to
// every tied maximum, and ties at positive values are common on MNIST (a
// saturated stroke gives equal first-layer outputs side by side). So the
// training graph moves each window's values to a last axis, picks the first
// maximum with ArgMax (which resolves ties to the smallest index) and sums
// the window with that one-hot mask: the forward value is the maximum, bit
// for bit, and the gradient is TensorFlow's. It costs about a fifth more
// time per training step on the pure Go backend than ReduceMax (bench/NOTES.md).
func maxPoolReshapeCF(x *Node, pool [2]int, training bool) *Node {
	d := x.Shape().Dimensions
	c, batch, h, w := d[0], d[1], d[2], d[3]
	oh, ow := h/pool[0], w/pool[1]
	if oh*pool[0] != h || ow*pool[1] != w {
		x = Slice(x, AxisRange(), AxisRange(), AxisRange(0, oh*pool[0]), AxisRange(0, ow*pool[1]))
	}
	x = Reshape(x, c, batch, oh, pool[0], ow, pool[1])
	if !training {
		return ReduceMax(x, 3, 5)
	}
	n := pool[0] * pool[1]
	windows := Reshape(TransposeAllAxes(x, 0, 1, 2, 4, 3, 5), c, batch, oh, ow, n) // row-major within a window
	first := StopGradient(OneHot(ArgMax(windows, 4), n, x.DType()))
	return ReduceSum(Mul(windows, first), 4)
}

// dropout is Keras' inverted dropout: a unit is kept where its uniform noise is
// >= rate, and kept units are scaled by 1/(1-rate).
func dropout(x, noise *Node, offset int, rate float64) *Node {
	d := x.Shape().Dimensions
	n := x.Shape().Size() / d[0]
	u := Slice(noise, AxisRange(), AxisRange(offset, offset+n))
	u = Reshape(u, d...)
	keep := ConvertDType(GreaterOrEqual(u, Scalar(x.Graph(), x.DType(), rate)), x.DType())
	return MulScalar(Mul(x, keep), 1/(1-rate))
}

// activate applies a Keras activation by name. While training, ReLU is built
// for a cheap and TensorFlow-exact gradient; otherwise for a cheap forward pass.
func activate(x *Node, name string, training bool) *Node {
	switch name {
	case "relu":
		if !training {
			return Max(x, ZerosLike(x)) // one op; no gradient is taken
		}
		// x * [x > 0] with the mask out of the gradient: the gradient is TensorFlow's
		// ReluGrad (0 at x == 0, where Max(x, 0) would pass 1), in one Mul
		// instead of Max's seven-op gradient.
		mask := StopGradient(ConvertDType(GreaterThan(x, ZerosLike(x)), x.DType()))
		return Mul(x, mask)
	case "sigmoid":
		return Sigmoid(x)
	case "tanh":
		return Tanh(x)
	case "elu":
		return Where(GreaterThan(x, ZerosLike(x)), x, AddScalar(Exp(Min(x, ZerosLike(x))), -1))
	case "softmax":
		return Softmax(x, -1)
	default: // "", "linear"
		return x
	}
}

// Keras BatchNormalization defaults.
const (
	batchNormMomentum = 0.99
	batchNormEpsilon  = 1e-3
)

// batchNorm is Keras' BatchNormalization of the layer with variables vars
// on x, whose channels are on axis channelAxis (the last, or 0 in the fast
// formulation's channels-first layout). While training it normalises with the
// batch statistics and moves the moving averages; otherwise it uses the
// moving averages.
func (m *Model) batchNorm(g *Graph, x *Node, vars *layerVars, channelAxis int, training bool) *Node {
	gamma, beta := vars.gamma.NodeValue(g), vars.beta.NodeValue(g)
	movingMean, movingVar := vars.movingMean.NodeValue(g), vars.movingVar.NodeValue(g)
	y, newMean, newVar := batchNormOp(x, gamma, beta, movingMean, movingVar, channelAxis, training)
	if training {
		vars.movingMean.SetNodeValue(newMean)
		vars.movingVar.SetNodeValue(newVar)
	}
	return y
}

// batchNormOp is Keras 2's BatchNormalization (momentum 0.99, epsilon 1e-3)
// of x over every axis but channelAxis, with the per-channel gamma, beta and
// moving statistics. In inference it returns the normalisation with the
// moving statistics and those unchanged. In training it normalises with the
// batch mean and (biased) variance and returns the moved statistics:
// moving = 0.99*moving + 0.01*batch, where the batch variance is the unbiased
// one, n/(n-1) times the biased (n values per channel), as TensorFlow's fused
// batch norm and PyTorch move it (Keras 2's own takes n/(n-1-epsilon), less
// than 1e-3/n apart; Keras 3 moves the biased variance).
func batchNormOp(x, gamma, beta, movingMean, movingVar *Node, channelAxis int, training bool) (y, newMean, newVar *Node) {
	r := x.Rank()
	axes := make([]int, 0, r-1)
	n := 1
	for i := range r {
		if i != channelAxis {
			axes = append(axes, i)
			n *= x.Shape().Dimensions[i]
		}
	}
	// perChannel broadcasts a [c] vector along channelAxis of x.
	perChannel := func(v *Node) *Node {
		dims := make([]int, r)
		for i := range dims {
			dims[i] = 1
		}
		dims[channelAxis] = v.Shape().Dimensions[0]
		return Reshape(v, dims...)
	}
	mean, variance := movingMean, movingVar
	newMean, newVar = movingMean, movingVar
	if training {
		mean = ReduceMean(x, axes...)
		variance = ReduceMean(Square(Sub(x, perChannel(mean))), axes...)
		unbiased := variance
		if n > 1 {
			unbiased = MulScalar(variance, float64(n)/float64(n-1))
		}
		newMean = StopGradient(Add(MulScalar(movingMean, batchNormMomentum), MulScalar(mean, 1-batchNormMomentum)))
		newVar = StopGradient(Add(MulScalar(movingVar, batchNormMomentum), MulScalar(unbiased, 1-batchNormMomentum)))
	}
	normed := Div(Sub(x, perChannel(mean)), perChannel(Sqrt(AddScalar(variance, batchNormEpsilon))))
	return Add(Mul(normed, perChannel(gamma)), perChannel(beta)), newMean, newVar
}

// layerVars holds a layer's variables; unused ones are nil.
type layerVars struct {
	kernel, bias                       *model.Variable
	gamma, beta, movingMean, movingVar *model.Variable
}

// trainable returns the layer's trainable variables in a fixed order.
func (v *layerVars) trainable() []*model.Variable {
	var out []*model.Variable
	for _, x := range []*model.Variable{v.kernel, v.bias, v.gamma, v.beta} {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}
