package cnnlib

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// Layer types, named as in Keras so a spec reads like the post's code.
const (
	Conv2D             = layers.TypeConv2D
	MaxPooling2D       = layers.TypeMaxPooling2D
	BatchNormalization = layers.TypeBatchNormalization
	Dropout            = layers.TypeDropout
	Flatten            = layers.TypeFlatten
	Dense              = layers.TypeDense
	ActivationLayer    = layers.TypeActivation // Keras' Activation layer (cnnlib.Activation is a layer's output)
)

// Layer is one layer of a Sequential model; package layers builds them
// (layers.Conv2D(32, 3, layers.Same, layers.ReLU)).
type Layer = layers.Layer

// Spec is a Sequential model: an input shape (height, width, channels) and its layers.
type Spec struct {
	Name       string  `json:"name"`
	InputShape [3]int  `json:"input_shape"`
	Classes    int     `json:"classes"`
	Layers     []Layer `json:"layers"`
}

// Sequential is Keras' Sequential model: the layers in order, the first of
// them layers.Input with the shape of one sample. The number of classes is the
// units of the last layer, which must be Dense(classes, Softmax). The spec is
// checked when it is built (New) or with Infer.
func Sequential(ls ...Layer) Spec {
	s := Spec{Name: "sequential"}
	if len(ls) > 0 && ls[0].Type == layers.TypeInput {
		s.InputShape = ls[0].Shape
		ls = ls[1:]
	}
	s.Layers = append([]Layer(nil), ls...)
	if n := len(ls); n > 0 && ls[n-1].Type == Dense {
		s.Classes = ls[n-1].Units
	}
	return s
}

// PostModel returns the exact model of the KI-Werkstatt post: four 3x3 'same'
// ReLU convolutions (32, 32, 32, 16 filters) with 2x2 max pooling after the first
// three, dropout 0.4, flatten, dropout 0.4, Dense 128 ReLU with L2(0.007),
// dropout 0.4 and a Dense 10 softmax: 43,290 parameters.
func PostModel() Spec {
	s := Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(16, 3, layers.Same, layers.ReLU),
		layers.Dropout(0.4),
		layers.Flatten(),
		layers.Dropout(0.4),
		layers.Dense(128, layers.L2(0.007), layers.ReLU),
		layers.Dropout(0.4),
		layers.Dense(10, layers.Softmax),
	)
	s.Name = "blog-cnn"
	return s
}

// KaggleModel returns the single model of Chris Deotte's Kaggle study "How
// to choose CNN Architecture MNIST" (github.com/cdeotte/MNIST-CNN-99.75),
// 0.9964 on Kaggle's test set alone and 0.9975 in an ensemble of fifteen:
// 32C3-32C3-32C5S2-64C3-64C3-64C5S2-128C4, each convolution ReLU and
// followed by BatchNormalization, dropout 0.4 after each block of three,
// flatten, dropout 0.4 and a Dense 10 softmax. The 5x5 convolutions with
// strides 2 and 'same' padding take the place of max pooling; the others
// are 'valid', so 28x28 shrinks to 26, 24, 12, 10, 8, 4 and 1.
// 327,242 parameters: 326,410 trainable, 832 non-trainable (the moving means
// and variances of the seven BatchNormalization layers).
func KaggleModel() Spec {
	conv := func(filters, kernel int, opts ...layers.Option) []Layer {
		opts = append(opts, layers.ReLU)
		return []Layer{layers.Conv2D(filters, kernel, opts...), layers.BatchNormalization()}
	}
	var ls []Layer
	ls = append(ls, layers.Input(28, 28, 1))
	for _, filters := range []int{32, 64} {
		ls = append(ls, conv(filters, 3)...)
		ls = append(ls, conv(filters, 3)...)
		ls = append(ls, conv(filters, 5, layers.Strides(2), layers.Same)...)
		ls = append(ls, layers.Dropout(0.4))
	}
	ls = append(ls, conv(128, 4)...)
	ls = append(ls, layers.Flatten(), layers.Dropout(0.4), layers.Dense(10, layers.Softmax))
	s := Sequential(ls...)
	s.Name = "kaggle-cnn"
	return s
}

// LayerInfo is a layer after shape inference: what Summary prints.
type LayerInfo struct {
	Layer
	Class        string // Keras class name, e.g. "Conv2D"
	InputShape   []int  // without the batch axis
	OutputShape  []int  // without the batch axis
	Trainable    int    // trainable parameters
	NonTrainable int    // non-trainable parameters (BatchNorm moving statistics)
}

// kerasNames is the prefix Keras uses to name each layer type.
var kerasNames = map[string]string{
	Conv2D: "conv2d", MaxPooling2D: "max_pooling2d", BatchNormalization: "batch_normalization",
	Dropout: "dropout", Flatten: "flatten", Dense: "dense", ActivationLayer: "activation",
}

var activations = map[string]bool{"": true, "linear": true, "relu": true, "sigmoid": true, "tanh": true, "elu": true, "softmax": true}

// Infer validates the spec and returns every layer with its name and shapes.
// Errors name the layer (index and Keras name) and what is wrong.
func (s Spec) Infer() ([]LayerInfo, error) {
	if err := s.checkInput(); err != nil {
		return nil, err
	}
	shape := []int{s.InputShape[0], s.InputShape[1], s.InputShape[2]}
	counters := map[string]int{}
	infos := make([]LayerInfo, 0, len(s.Layers))
	for i, l := range s.Layers {
		prefix, ok := kerasNames[l.Type]
		if l.Type == layers.TypeInput {
			return nil, fmt.Errorf("layer %d: Input must be the first layer of the model, given once", i)
		}
		if !ok {
			return nil, fmt.Errorf("layer %d: unknown type %q (want Conv2D, MaxPooling2D, BatchNormalization, Activation, Dropout, Flatten or Dense)", i, l.Type)
		}
		counters[prefix]++
		if l.Name == "" {
			l.Name = fmt.Sprintf("%s_%d", prefix, counters[prefix])
		}
		info, err := inferLayer(l, shape)
		if err == nil && l.Activation == "softmax" && (l.Type != Dense || i != len(s.Layers)-1) {
			err = errors.New("softmax is only supported on the last Dense layer")
		}
		if err != nil {
			return nil, fmt.Errorf("layer %d (%s): %w", i, l.Name, err)
		}
		shape = info.OutputShape
		infos = append(infos, info)
	}
	last := infos[len(infos)-1]
	if last.Type != Dense || last.Units != s.Classes || last.Activation != "softmax" {
		return nil, fmt.Errorf("layer %d (%s): the last layer must be Dense(%d, activation='softmax') for %d classes",
			len(infos)-1, last.Name, s.Classes, s.Classes)
	}
	return infos, nil
}

// checkInput checks what the spec says besides its layers: the input shape
// and the number of classes, and that there are layers.
func (s Spec) checkInput() error {
	if s.InputShape == [3]int{} {
		return fmt.Errorf("spec %q: no input shape: start the layers with layers.Input(height, width, channels), e.g. layers.Input(28, 28, 1)", s.Name)
	}
	for i, d := range s.InputShape {
		if d <= 0 {
			return fmt.Errorf("spec %q: input_shape[%d] = %d, want > 0", s.Name, i, d)
		}
	}
	if s.Classes < 2 {
		return fmt.Errorf("spec %q: classes = %d, want >= 2", s.Name, s.Classes)
	}
	if len(s.Layers) == 0 {
		return fmt.Errorf("spec %q: no layers", s.Name)
	}
	return nil
}

// inferLayer returns l, of a known type and named, with its output shape for
// an input of shape and its parameter counts, or what is wrong with l.
func inferLayer(l Layer, shape []int) (LayerInfo, error) {
	info := LayerInfo{Layer: l, Class: l.Type, InputShape: shape}
	if !activations[l.Activation] {
		return info, fmt.Errorf("unknown activation %q (want relu, sigmoid, tanh, elu, softmax or linear)", l.Activation)
	}
	if math.IsNaN(l.L2) || l.L2 < 0 {
		return info, fmt.Errorf("l2 = %v, want >= 0", l.L2)
	}
	if l.Strides != [2]int{} && l.Type != Conv2D {
		return info, fmt.Errorf("strides %v: only a Conv2D layer takes strides", l.Strides)
	}
	var err error
	switch l.Type {
	case Conv2D:
		info.OutputShape, info.Trainable, err = inferConv2D(l, shape)
	case MaxPooling2D:
		info.OutputShape, err = inferMaxPooling2D(l, shape)
	case BatchNormalization:
		c := shape[len(shape)-1]
		info.OutputShape = shape
		info.Trainable, info.NonTrainable = 2*c, 2*c
	case ActivationLayer:
		info.OutputShape = shape
	case Dropout:
		if math.IsNaN(l.Rate) || l.Rate < 0 || l.Rate >= 1 {
			return info, fmt.Errorf("rate = %v, want a value in [0, 1)", l.Rate)
		}
		info.OutputShape = shape
	case Flatten:
		n := 1
		for _, d := range shape {
			n *= d
		}
		info.OutputShape = []int{n}
	case Dense:
		if len(shape) != 1 {
			return info, fmt.Errorf("Dense needs a flat input, got %v (add a Flatten layer before it)", shape)
		}
		if l.Units <= 0 {
			return info, fmt.Errorf("units = %d, want > 0", l.Units)
		}
		info.OutputShape = []int{l.Units}
		info.Trainable = shape[0]*l.Units + l.Units
	}
	return info, err
}

// inferConv2D returns the output shape and the trainable parameters (kernel
// and bias) of the Conv2D layer l for an input of shape.
func inferConv2D(l Layer, shape []int) (out []int, trainable int, err error) {
	if len(shape) != 3 {
		return nil, 0, fmt.Errorf("Conv2D needs a (height, width, channels) input, got %v", shape)
	}
	kh, kw := l.KernelSize[0], l.KernelSize[1]
	if l.Filters <= 0 || kh <= 0 || kw <= 0 {
		return nil, 0, fmt.Errorf("filters = %d, kernel_size = %v: want positive values", l.Filters, l.KernelSize)
	}
	if st := l.ConvStrides(); st[0] <= 0 || st[1] <= 0 {
		return nil, 0, fmt.Errorf("strides = %v, want positive values", l.Strides)
	}
	switch l.Padding {
	case "", "same", "valid":
	default:
		return nil, 0, fmt.Errorf("padding %q, want \"same\" or \"valid\"", l.Padding)
	}
	geo := convGeometry(l, shape[0], shape[1])
	if geo.out[0] <= 0 || geo.out[1] <= 0 {
		return nil, 0, fmt.Errorf("kernel %dx%d does not fit the %dx%d input", kh, kw, shape[0], shape[1])
	}
	return []int{geo.out[0], geo.out[1], l.Filters}, kh*kw*shape[2]*l.Filters + l.Filters, nil
}

// convGeom is where a Conv2D's kernel goes over an input: the output's
// height and width and the zero rows and columns added before and after
// (pad[0] top and bottom, pad[1] left and right).
type convGeom struct {
	kernel, strides, out [2]int
	pad                  [2][2]int
}

// convGeometry returns the geometry of the Conv2D layer l on an h x w input,
// by Keras' (TensorFlow's) rules. Valid: no padding, floor((in-k)/s)+1
// outputs (0 or less when the kernel does not fit). Same: ceil(in/s) outputs
// and max((out-1)*s+k-in, 0) zeros in all, the odd one after; with stride 1
// that is (k-1)/2 before and k/2 after.
func convGeometry(l Layer, h, w int) convGeom {
	g := convGeom{kernel: l.KernelSize, strides: l.ConvStrides()}
	for axis, in := range []int{h, w} {
		k, s := g.kernel[axis], g.strides[axis]
		if l.Padding != "same" {
			if in < k {
				g.out[axis] = 0
			} else {
				g.out[axis] = (in-k)/s + 1
			}
			continue
		}
		out := (in + s - 1) / s
		total := max((out-1)*s+k-in, 0)
		g.out[axis], g.pad[axis] = out, [2]int{total / 2, total - total/2}
	}
	return g
}

// paddedSize is the height (axis 0) or width (axis 1) of the input with its padding.
func (g convGeom) paddedSize(axis, in int) int { return in + g.pad[axis][0] + g.pad[axis][1] }

// inferMaxPooling2D returns the output shape of the MaxPooling2D layer l for
// an input of shape.
func inferMaxPooling2D(l Layer, shape []int) ([]int, error) {
	if len(shape) != 3 {
		return nil, fmt.Errorf("MaxPooling2D needs a (height, width, channels) input, got %v", shape)
	}
	ph, pw := l.PoolSize[0], l.PoolSize[1]
	if ph <= 0 || pw <= 0 {
		return nil, fmt.Errorf("pool_size = %v, want positive values", l.PoolSize)
	}
	h, w := shape[0]/ph, shape[1]/pw
	if h == 0 || w == 0 {
		return nil, fmt.Errorf("pooling %dx%d shrinks the %dx%d input to nothing", ph, pw, shape[0], shape[1])
	}
	return []int{h, w, shape[2]}, nil
}

// ParamCount returns the trainable and non-trainable parameter counts.
func (s Spec) ParamCount() (trainable, nonTrainable int, err error) {
	infos, err := s.Infer()
	if err != nil {
		return 0, 0, err
	}
	for _, info := range infos {
		trainable += info.Trainable
		nonTrainable += info.NonTrainable
	}
	return trainable, nonTrainable, nil
}

// ReadSpec reads a spec from a JSON file; unknown fields are errors so typos surface.
func ReadSpec(path string) (Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Spec{}, err
	}
	return parseSpec(path, data)
}

func parseSpec(path string, data []byte) (Spec, error) {
	// A saved model's model.json holds its spec: accept it as one.
	var saved struct {
		Format string `json:"format"`
		Spec   *Spec  `json:"spec"`
	}
	if json.Unmarshal(data, &saved) == nil && saved.Format != "" {
		if saved.Format != modelFormat || saved.Spec == nil {
			return Spec{}, fmt.Errorf("%s: format %q, want a model spec or a saved model's %s (format %q)", path, saved.Format, ModelFile, modelFormat)
		}
		if _, err := saved.Spec.Infer(); err != nil {
			return Spec{}, fmt.Errorf("%s: %w", path, err)
		}
		return *saved.Spec, nil
	}
	var s Spec
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Spec{}, fmt.Errorf("%s: not a valid model spec: %w", path, err)
	}
	if _, err := s.Infer(); err != nil {
		return Spec{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
