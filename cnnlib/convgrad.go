package cnnlib

import (
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph" //nolint:revive // graph ops read like math
)

// convStockCustomGrad is convStock (the backend's convolution, for x
// [batch, h, w, cin], with geometry geo) with gradients of ours: with
// matmulKernelGrad the kernel gradient is one MatMul of the output gradient
// with the input's patches (convKernelGradient) instead of the backend's
// convolution, with inputGrad the input gradient is convInputGradient
// instead of GoMLX's. The forward value stays the backend's own.
//
// Why the kernel gradient: GoMLX writes it as a convolution with the batch as
// channels and the output gradient as the "kernel", and ONNX Runtime runs
// that convolution as many matrix products with only kh*kw = 9 output
// columns: conv2d_2's kernel gradient took 46 ms of a 160 ms training step,
// against 13 ms for the MatMul plus about 15 ms for the patches (ORT's
// per-node profile, bench/NOTES.md). With a single input channel the patch
// matrix itself has only 9 columns and the MatMul is no faster than the
// backend's convolution (10 ms against 6.5 ms), so such layers keep it.
//
// Why the input gradient: GoMLX's sends the gradient of a kernel of even
// height or width one pixel off (it pads its reverse convolution by
// (k-1)/2*2 zeros before instead of k-1), on every backend.
//
// How: GoMLX's custom gradients take one input, so the kernel and the input
// pass through identities whose gradients are computed from the output
// gradient dy, which an identity on the output captures. The reverse pass
// visits nodes in reverse order of creation, so the output's identity always
// runs first. The backend's own gradients, which the identities discard, are
// dead code that the backends drop (compute-onnx emits only the nodes the
// outputs reach; XLA eliminates dead code).
func convStockCustomGrad(x, kernel *Node, geo convGeom, inputGrad, matmulKernelGrad bool) *Node {
	if kernel.Shape().Dimensions[2] == 1 {
		matmulKernelGrad = false
	}
	if !inputGrad && !matmulKernelGrad {
		return convStock(x, kernel, geo)
	}
	var dy *Node
	output := func(what string) *Node {
		if dy == nil {
			panic("convStockCustomGrad: the " + what + "'s gradient was asked before the output's")
		}
		return dy
	}
	xIn, kernelIn := x, kernel
	if inputGrad {
		inH, inW := x.Shape().Dimensions[1], x.Shape().Dimensions[2]
		xIn = IdentityWithCustomGradient(x, func(_, _ *Node) *Node {
			return convInputGradient(output("input"), kernel, geo, inH, inW)
		})
	}
	if matmulKernelGrad {
		kernelIn = IdentityWithCustomGradient(kernel, func(_, _ *Node) *Node {
			return convKernelGradient(x, output("kernel"), kernel.Shape(), geo)
		})
	}
	y := convStock(xIn, kernelIn, geo)
	return IdentityWithCustomGradient(y, func(_, v *Node) *Node {
		dy = v
		return v
	})
}

// convKernelGradient returns d loss / d kernel [kh, kw, cin, cout] of a
// convolution of x [batch, h, w, cin] with geometry geo given dy = d loss /
// d output [batch, oh, ow, cout]: the patches of x (im2col, columns in the
// kernel's (i, j, channel) order) times dy, contracted over every output
// position. It is only ever part of a gradient, so it may use Pad, which has none.
func convKernelGradient(x, dy *Node, kernelShape shapes.Shape, geo convGeom) *Node {
	kd := kernelShape.Dimensions
	kh, kw, cin, cout := kd[0], kd[1], kd[2], kd[3]
	if geo.pad != [2][2]int{} {
		x = Pad(x, ScalarZero(x.Graph(), x.DType()), PadAxis{},
			PadAxis{Start: geo.pad[0][0], End: geo.pad[0][1]}, PadAxis{Start: geo.pad[1][0], End: geo.pad[1][1]}, PadAxis{})
	}
	dd := dy.Shape().Dimensions
	positions := dd[0] * dd[1] * dd[2]
	// Rank-2 operands, so that compute-onnx emits a MatMul (an Einsum otherwise),
	// and the transpose on the small one, which ONNX Runtime fuses into the MatMul.
	dyT := TransposeAllAxes(Reshape(dy, positions, cout), 1, 0)
	var grad *Node // [cout, kh*kw*cin]
	if geo.strides == [2]int{1, 1} {
		grad = kernelGradientByRows(x, dyT, kh, kw, geo)
	} else {
		patches := convPatches(x, 1, geo)
		cols := patches[0]
		if len(patches) > 1 {
			cols = Concatenate(patches, 3)
		}
		grad = MatMul(dyT, Reshape(cols, positions, kh*kw*cin))
	}
	return TransposeAllAxes(Reshape(grad, cout, kh, kw, cin), 1, 2, 3, 0)
}

// kernelGradientByRows is convKernelGradient's product for stride 1, one
// kernel row at a time: the kw shifted copies of the (padded) x side by side
// on the channel axis, [batch, h, ow, kw*cin], once; then for each kernel row
// i its rows i..i+oh times dyT [cout, positions]. Each entry is the same dot
// product over the same positions as with the whole patch matrix, but the
// concatenation moves a third of the data: with kh*kw patches side by side,
// ONNX Runtime's Concat of 9 [162, 14, 14, 32] tensors took 6.3 ms of a 73 ms
// step of the post's model, and the whole step became 5 ms faster this way
// (bench/NOTES.md).
func kernelGradientByRows(x, dyT *Node, kh, kw int, geo convGeom) *Node {
	oh, ow := geo.out[0], geo.out[1]
	cin := x.Shape().Dimensions[3]
	shifted := make([]*Node, kw)
	for j := range kw {
		shifted[j] = SliceAxis(x, 2, AxisRange(j, j+ow))
	}
	wide := shifted[0]
	if kw > 1 {
		wide = Concatenate(shifted, 3)
	}
	rows := make([]*Node, kh)
	for i := range kh {
		band := SliceAxis(wide, 1, AxisRange(i, i+oh))
		rows[i] = MatMul(dyT, Reshape(band, dyT.Shape().Dimensions[1], kw*cin)) // [cout, kw*cin]
	}
	if kh == 1 {
		return rows[0]
	}
	return Concatenate(rows, 1)
}

// convInputGradient returns d loss / d x [batch, inH, inW, cin] of a
// convolution with geometry geo of x with kernel [kh, kw, cin, cout], given
// dy = d loss / d output [batch, oh, ow, cout]: the transposed convolution.
// dy, with strides-1 zeros between its rows and columns, is convolved (stride
// 1) with the kernel turned by 180 degrees and its channels swapped, padded
// with k-1-before zeros before and what gives inH x inW after. Only plain
// convolutions, concatenations and slices: it runs on ONNX Runtime, whose
// Conv has no input dilation.
func convInputGradient(dy, kernel *Node, geo convGeom, inH, inW int) *Node {
	for axis, s := range geo.strides {
		if s > 1 {
			dy = dilateZeros(dy, axis+1, s)
		}
	}
	flipped := TransposeAllAxes(Reverse(kernel, 0, 1), 0, 1, 3, 2) // [kh, kw, cout, cin]
	var pads [2][2]int
	for axis, in := range []int{inH, inW} {
		k, s, before := geo.kernel[axis], geo.strides[axis], geo.pad[axis][0]
		pads[axis] = [2]int{k - 1 - before, in + before - 1 - (geo.out[axis]-1)*s}
	}
	return Convolve(dy, flipped).PaddingPerDim([][2]int{pads[0], pads[1]}).Done()
}

// dilateZeros puts s-1 zeros between consecutive entries of x along axis:
// n entries become (n-1)*s+1.
func dilateZeros(x *Node, axis, s int) *Node {
	dims := x.Shape().Dimensions
	n := dims[axis]
	x = InsertAxes(x, axis+1) // [.., n, 1, ..]
	zeroDims := append([]int(nil), x.Shape().Dimensions...)
	zeroDims[axis+1] = s - 1
	x = Concatenate([]*Node{x, Zeros(x.Graph(), shapes.Make(x.DType(), zeroDims...))}, axis+1)
	out := append([]int(nil), dims...)
	out[axis] = n * s
	return SliceAxis(Reshape(x, out...), axis, AxisRange(0, (n-1)*s+1))
}
