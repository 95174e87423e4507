package cnnlib

import (
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph" //nolint:revive // graph ops read like math
)

// convStockMatMulKernelGrad is convStock (the backend's convolution, for x
// [batch, h, w, cin]) whose kernel gradient is one MatMul of the output
// gradient with the input's patches instead of the backend's convolution.
//
// Why: GoMLX writes the kernel gradient as a convolution with the batch as
// channels and the output gradient as the "kernel", and ONNX Runtime runs
// that convolution as many matrix products with only kh*kw = 9 output
// columns: conv2d_2's kernel gradient took 46 ms of a 160 ms training step,
// against 13 ms for the MatMul plus about 15 ms for the patches (ORT's
// per-node profile, bench/NOTES.md). With a single input channel the patch
// matrix itself has only 9 columns and the MatMul is no faster than the
// backend's convolution (10 ms against 6.5 ms), so such layers keep it.
// The forward value and the input gradient stay the backend's own.
//
// How: GoMLX's custom gradients take one input, so the kernel passes through
// an identity whose gradient is computed from the output gradient dy, which
// an identity on the output captures. The reverse pass visits nodes in
// reverse order of creation, so the output's identity always runs first. The
// backend's own kernel gradient, which the kernel's identity discards, is dead
// code that the backends drop (compute-onnx emits only the nodes the outputs
// reach; XLA eliminates dead code).
func convStockMatMulKernelGrad(x, kernel *Node, padding string) *Node {
	if kernel.Shape().Dimensions[2] == 1 {
		return convStock(x, kernel, padding)
	}
	var dy *Node
	kernelIdentity := IdentityWithCustomGradient(kernel, func(_, _ *Node) *Node {
		if dy == nil {
			panic("convStockMatMulKernelGrad: the kernel's gradient was asked before the output's")
		}
		return convKernelGradient(x, dy, kernel.Shape(), padding)
	})
	y := convStock(x, kernelIdentity, padding)
	return IdentityWithCustomGradient(y, func(_, v *Node) *Node {
		dy = v
		return v
	})
}

// convKernelGradient returns d loss / d kernel [kh, kw, cin, cout] of a
// stride-1 convolution of x [batch, h, w, cin] given dy = d loss / d output
// [batch, oh, ow, cout]: the patches of x (im2col, columns in the kernel's
// (i, j, channel) order) times dy, contracted over every output position.
// It is only ever part of a gradient, so it may use Pad, which has none.
func convKernelGradient(x, dy *Node, kernelShape shapes.Shape, padding string) *Node {
	kd := kernelShape.Dimensions
	kh, kw, cin, cout := kd[0], kd[1], kd[2], kd[3]
	if padding == "same" {
		t, b := samePadding(kh)
		l, r := samePadding(kw)
		x = Pad(x, ScalarZero(x.Graph(), x.DType()), PadAxis{}, PadAxis{Start: t, End: b}, PadAxis{Start: l, End: r}, PadAxis{})
	}
	dd := dy.Shape().Dimensions
	batch, oh, ow := dd[0], dd[1], dd[2]
	positions := batch * oh * ow
	patches := make([]*Node, 0, kh*kw)
	for i := range kh {
		for j := range kw {
			patches = append(patches, Slice(x, AxisRange(), AxisRange(i, i+oh), AxisRange(j, j+ow), AxisRange()))
		}
	}
	cols := patches[0]
	if len(patches) > 1 {
		cols = Concatenate(patches, 3)
	}
	cols = Reshape(cols, positions, kh*kw*cin)
	// Rank-2 operands, so that compute-onnx emits a MatMul (an Einsum otherwise),
	// and the transpose on the small one, which ONNX Runtime fuses into the MatMul.
	dyT := TransposeAllAxes(Reshape(dy, positions, cout), 1, 0)
	grad := MatMul(dyT, cols) // [cout, kh*kw*cin]
	return TransposeAllAxes(Reshape(grad, cout, kh, kw, cin), 1, 2, 3, 0)
}
