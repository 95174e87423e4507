package layers

// Layer types, named as in Keras so a spec reads like the post's code.
const (
	TypeInput              = "Input" // only as the first argument of cnnlib.Sequential
	TypeConv2D             = "Conv2D"
	TypeMaxPooling2D       = "MaxPooling2D"
	TypeBatchNormalization = "BatchNormalization"
	TypeDropout            = "Dropout"
	TypeFlatten            = "Flatten"
	TypeDense              = "Dense"
	TypeActivation         = "Activation"
)

// Layer is one layer of a Keras-like Sequential model. Only the fields that
// belong to its Type are used; the JSON names follow Keras' layer configs.
type Layer struct {
	Type string `json:"type"`
	// Name is assigned Keras-style (conv2d_1, max_pooling2d_1, ...) when empty.
	Name string `json:"name,omitempty"`

	// Conv2D.
	Filters    int    `json:"filters,omitempty"`
	KernelSize [2]int `json:"kernel_size,omitzero"`
	Padding    string `json:"padding,omitempty"` // "same" or "valid" (default)
	// Strides is the step of the kernel down and across (Keras' strides);
	// zero means (1, 1), Keras' default.
	Strides [2]int `json:"strides,omitzero"`

	// Conv2D, Dense and Activation: "relu", "sigmoid", "tanh", "elu", "softmax" or "linear" (default).
	Activation string `json:"activation,omitempty"`

	// MaxPooling2D: window and stride (Keras' default stride is the window).
	PoolSize [2]int `json:"pool_size,omitzero"`

	// Dropout: fraction of units dropped while training, in [0, 1).
	Rate float64 `json:"rate,omitempty"`

	// Dense.
	Units int `json:"units,omitempty"`

	// Conv2D and Dense: L2 penalty factor on the kernel (Keras kernel_regularizer=l2(x)).
	L2 float64 `json:"l2,omitempty"`

	// Input: the shape of one sample, (height, width, channels). A spec keeps
	// it as its input_shape, not as a layer.
	Shape [3]int `json:"-"`
}

// Option sets a field of a layer: padding, activation, regularizer, kernel size.
type Option func(*Layer)

// With returns the layer with the options applied.
func (l Layer) With(opts ...Option) Layer {
	for _, o := range opts {
		o(&l)
	}
	return l
}

// Input is the shape of one sample, (height, width, channels): Keras'
// keras.Input(shape=(28, 28, 1)), or input_shape on the first layer.
func Input(height, width, channels int) Layer {
	return Layer{Type: TypeInput, Shape: [3]int{height, width, channels}}
}

// Conv2D is a 2D convolution with filters square kernels of side kernel
// (Keras: layers.Conv2D(32, (3, 3))); KernelSize sets other shapes, Strides
// the kernel's step.
func Conv2D(filters, kernel int, opts ...Option) Layer {
	return Layer{Type: TypeConv2D, Filters: filters, KernelSize: [2]int{kernel, kernel}}.With(opts...)
}

// MaxPooling2D takes the maximum over size x size windows, with stride size
// (Keras: layers.MaxPooling2D(2, 2), pool size 2 and stride 2).
func MaxPooling2D(size int) Layer {
	return Layer{Type: TypeMaxPooling2D, PoolSize: [2]int{size, size}}
}

// BatchNormalization normalizes each channel with batch statistics while
// training and moving averages afterwards (Keras' defaults).
func BatchNormalization() Layer {
	return Layer{Type: TypeBatchNormalization}
}

// Dropout drops the fraction rate of its inputs while training.
func Dropout(rate float64) Layer {
	return Layer{Type: TypeDropout, Rate: rate}
}

// Flatten turns a (height, width, channels) tensor into a vector.
func Flatten() Layer {
	return Layer{Type: TypeFlatten}
}

// ActivationLayer applies an activation by name on its own, Keras'
// layers.Activation('relu'): for the common Conv2D, BatchNormalization,
// ReLU order. (Activation is the option that gives Conv2D and Dense theirs.)
func ActivationLayer(name string) Layer {
	return Layer{Type: TypeActivation, Activation: name}
}

// Dense is a fully connected layer with units outputs.
func Dense(units int, opts ...Option) Layer {
	return Layer{Type: TypeDense, Units: units}.With(opts...)
}

// Padding options of Conv2D: Same keeps the input's height and width (Keras
// padding='same'); Valid, the default, lets the kernel only where it fits.
var (
	Same  = Padding("same")
	Valid = Padding("valid")
)

// Padding sets a Conv2D's padding by its Keras name, "same" or "valid".
func Padding(name string) Option {
	return func(l *Layer) { l.Padding = name }
}

// Activations, by their Keras names (activation='relu').
var (
	ReLU    = Activation("relu")
	Sigmoid = Activation("sigmoid")
	Tanh    = Activation("tanh")
	ELU     = Activation("elu")
	Softmax = Activation("softmax")
	Linear  = Activation("linear")
)

// Activation sets a Conv2D's or Dense's activation by its Keras name.
func Activation(name string) Option {
	return func(l *Layer) { l.Activation = name }
}

// L2 puts an L2 penalty factor*sum(kernel^2) on the layer's kernel (Keras:
// kernel_regularizer=regularizers.l2(factor)).
func L2(factor float64) Option {
	return func(l *Layer) { l.L2 = factor }
}

// KernelSize sets a Conv2D's kernel to height x width.
func KernelSize(height, width int) Option {
	return func(l *Layer) { l.KernelSize = [2]int{height, width} }
}

// Strides sets a Conv2D's step to stride pixels down and across (Keras:
// strides=2). With Same the output has ceil(input/stride) rows and columns,
// with Valid floor((input-kernel)/stride)+1.
func Strides(stride int) Option {
	return func(l *Layer) { l.Strides = [2]int{stride, stride} }
}

// StridesHW sets a Conv2D's step to height pixels down and width across
// (Keras: strides=(height, width)).
func StridesHW(height, width int) Option {
	return func(l *Layer) { l.Strides = [2]int{height, width} }
}

// ConvStrides returns the layer's strides, (1, 1) when they are not set.
func (l Layer) ConvStrides() [2]int {
	if l.Strides == [2]int{} {
		return [2]int{1, 1}
	}
	return l.Strides
}

// Name sets the layer's name (default: Keras-style, conv2d_1, dense_2, ...).
func Name(name string) Option {
	return func(l *Layer) { l.Name = name }
}
