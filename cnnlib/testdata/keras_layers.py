#!/usr/bin/env python3
"""Writes keras_layers.json: reference values of Keras' Conv2D (strides, 'same'
and 'valid' padding, any kernel size) and BatchNormalization (after a Conv2D
and after a Dense layer) for cnnlib's keras_layers_test.go, computed with
PyTorch in float64.

Keras' layers in PyTorch's terms:

- Conv2D: TensorFlow pads 'same' with max((ceil(in/s)-1)*s + k - in, 0)
  zeros in all, the odd one after (bottom, right); PyTorch's conv2d has no
  such padding for strides > 1, so the input is padded by hand (F.pad) and
  convolved without padding. 'valid' is no padding. NHWC and HWIO (Keras'
  layouts) are permuted to NCHW and OIHW.
- BatchNormalization (momentum 0.99, epsilon 1e-3): F.batch_norm with
  momentum 0.01 (PyTorch's momentum is Keras' 1 - momentum), eps 1e-3. In
  training it normalises with the batch's biased variance and moves the
  running variance with the unbiased one, as TensorFlow does (Keras 2's own
  layer divides by n-1-epsilon instead of n-1).

Every case is a loss sum(y * r) for a fixed random r, so the gradients are
d loss / d input and d loss / d weights for an arbitrary upstream gradient.

Run with Debian's python3 (python3-torch):
    /usr/bin/python3 cnnlib/testdata/keras_layers.py > cnnlib/testdata/keras_layers.json
"""
import json
import math

import torch
import torch.nn.functional as F

torch.manual_seed(20240611)
f64 = torch.float64


def rand(*shape):
    # float32 values (what the Go side reads), computed on in float64
    return (torch.rand(*shape) * 2 - 1).to(torch.float32).to(f64)


def flat(t):
    # float32 values, written with the 9 digits that round-trip them
    return [float(f"{v:.9g}") for v in t.detach().reshape(-1).to(torch.float32).tolist()]


def same_pads(n, k, s):
    out = math.ceil(n / s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def conv_case(name, batch, h, w, cin, cout, kh, kw, sh, sw, padding):
    x = rand(batch, h, w, cin).requires_grad_()
    kernel = rand(kh, kw, cin, cout).requires_grad_()
    bias = rand(cout).requires_grad_()
    xc = x.permute(0, 3, 1, 2)
    if padding == "same":
        top, bottom = same_pads(h, kh, sh)
        left, right = same_pads(w, kw, sw)
        xc = F.pad(xc, (left, right, top, bottom))
    y = F.conv2d(xc, kernel.permute(3, 2, 0, 1), bias, stride=(sh, sw)).permute(0, 2, 3, 1)
    r = rand(*y.shape)
    (y * r).sum().backward()
    return {
        "name": name, "x_shape": [batch, h, w, cin], "kernel_size": [kh, kw], "filters": cout,
        "strides": [sh, sw], "padding": padding, "y_shape": list(y.shape),
        "x": flat(x), "kernel": flat(kernel), "bias": flat(bias), "r": flat(r),
        "y": flat(y), "dx": flat(x.grad), "dkernel": flat(kernel.grad), "dbias": flat(bias.grad),
    }


def bn_case(name, shape):
    c = shape[-1]
    x = (rand(*shape) * 3 + 0.5).requires_grad_()
    gamma = (1 + 0.5 * rand(c)).requires_grad_()
    beta = (0.5 * rand(c)).requires_grad_()
    moving_mean = 0.3 * rand(c)
    moving_var = 1 + 0.5 * rand(c)
    xc = x.movedim(-1, 1)  # channels on axis 1, as PyTorch wants them
    run_mean, run_var = moving_mean.clone(), moving_var.clone()
    y = F.batch_norm(xc, run_mean, run_var, gamma, beta, training=True, momentum=0.01, eps=1e-3).movedim(1, -1)
    r = rand(*shape)
    (y * r).sum().backward()
    infer = F.batch_norm(xc.detach(), moving_mean, moving_var, gamma.detach(), beta.detach(),
                         training=False, eps=1e-3).movedim(1, -1)
    return {
        "name": name, "x_shape": list(shape), "x": flat(x), "gamma": flat(gamma), "beta": flat(beta),
        "moving_mean": flat(moving_mean), "moving_variance": flat(moving_var), "r": flat(r),
        "train_y": flat(y), "dx": flat(x.grad), "dgamma": flat(gamma.grad), "dbeta": flat(beta.grad),
        "new_moving_mean": flat(run_mean), "new_moving_variance": flat(run_var), "infer_y": flat(infer),
    }


conv = [
    # Chris Deotte's Kaggle model: 32C5S2 and 64C5S2 'same' (odd padding: 1 before, 2 after), 128C4 'valid'
    conv_case("5x5 strides 2 same, 8x8 (pads 1, 2)", 2, 8, 8, 3, 4, 5, 5, 2, 2, "same"),
    conv_case("5x5 strides 2 same, 7x7 (pads 2, 2)", 2, 7, 7, 2, 3, 5, 5, 2, 2, "same"),
    conv_case("4x4 valid to 1x1", 3, 4, 4, 3, 5, 4, 4, 1, 1, "valid"),
    conv_case("3x3 valid, one input channel", 2, 6, 6, 1, 3, 3, 3, 1, 1, "valid"),
    # strided 'valid' whose last row and column no window reaches (their gradient is 0)
    conv_case("3x3 strides 2 valid, 8x8", 2, 8, 8, 2, 3, 3, 3, 2, 2, "valid"),
    conv_case("4x4 strides 3 valid, 11x10", 2, 11, 10, 2, 2, 4, 4, 3, 3, "valid"),
    conv_case("3x3 strides 2 same, 7x7", 2, 7, 7, 2, 3, 3, 3, 2, 2, "same"),
    conv_case("4x3 strides (2, 1) same, 7x6", 2, 7, 6, 2, 3, 4, 3, 2, 1, "same"),
    conv_case("1x1 strides 2 same, 5x5", 2, 5, 5, 3, 2, 1, 1, 2, 2, "same"),
    conv_case("4x4 same (stride 1: pads 1, 2)", 2, 6, 6, 2, 3, 4, 4, 1, 1, "same"),
    conv_case("5x5 same, stride 1", 2, 6, 6, 2, 2, 5, 5, 1, 1, "same"),
]
batchnorm = [
    bn_case("after a Conv2D: [batch 4, 3, 3, channels 3]", (4, 3, 3, 3)),
    bn_case("after a Dense layer: [batch 6, units 5]", (6, 5)),
]
print(json.dumps({"generator": "cnnlib/testdata/keras_layers.py", "torch": torch.__version__,
                  "conv": conv, "batchnorm": batchnorm}, indent=None, separators=(",", ":")))
