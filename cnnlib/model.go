package cnnlib

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// Model is a built Spec: its variables live in a GoMLX model.Store on a backend.
type Model struct {
	Spec    Spec
	Layers  []LayerInfo   // the spec after shape inference
	Backend BackendChoice // which backend runs and why
	Seed    int64         // the seed of the initial weights

	backend     compute.Backend
	store       *model.Store
	formulation string       // FormulationFast, FormulationStock or FormulationStockMatMulGrad
	vars        []*layerVars // per layer
	// noInputDilation: the backend's convolution has no input dilation
	// (ONNX Runtime), which GoMLX's gradient of a strided convolution needs.
	noInputDilation bool

	dropoutOffset map[int]int // per Dropout layer: its first column in the noise input
	dropoutUnits  int         // total dropout units per sample

	mu    sync.Mutex
	execs map[string]*model.Exec
}

// Options configure New.
type Options struct {
	Backend string // backend config ("" = ChooseBackend)
	Seed    int64  // seed of the initial weights
	// Formulation forces FormulationFast, FormulationStock or
	// FormulationStockMatMulGrad; "" picks fast on the pure Go backend,
	// stock-matmul-grad on ONNX Runtime and stock elsewhere (XLA).
	Formulation string
}

// New builds the spec with fresh Keras-initialised weights: glorot_uniform
// kernels, zero biases, BatchNorm gamma 1, beta 0, moving mean 0, variance 1.
func New(spec Spec, opts Options) (*Model, error) {
	infos, err := spec.Infer()
	if err != nil {
		return nil, err
	}
	b, choice, err := NewBackend(opts.Backend)
	if err != nil {
		return nil, err
	}
	m := &Model{Spec: spec, Layers: infos, Backend: choice, Seed: opts.Seed, backend: b,
		store: model.NewStore(), execs: map[string]*model.Exec{}, dropoutOffset: map[int]int{},
		noInputDilation: isONNXBackend(b)}
	formulation := opts.Formulation
	if formulation == "" {
		formulation = defaultFormulation(b)
	}
	switch formulation {
	case FormulationFast, FormulationStock, FormulationStockMatMulGrad:
		m.formulation = formulation
	default:
		return nil, fmt.Errorf("formulation %q, want %q, %q, %q or empty", opts.Formulation,
			FormulationFast, FormulationStock, FormulationStockMatMulGrad)
	}
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x6b657261732d696e)) // "keras-in"
	m.vars = make([]*layerVars, len(infos))
	for i, info := range infos {
		v := &layerVars{}
		m.vars[i] = v
		in := info.InputShape
		switch info.Type {
		case Conv2D:
			kh, kw := info.KernelSize[0], info.KernelSize[1]
			cin := in[2]
			v.kernel = m.newVar(info.Name, "kernel", glorotUniform(rng, kh*kw*cin*info.Filters, kh*kw*cin, kh*kw*info.Filters), kh, kw, cin, info.Filters)
			v.bias = m.newVar(info.Name, "bias", make([]float32, info.Filters), info.Filters)
		case Dense:
			v.kernel = m.newVar(info.Name, "kernel", glorotUniform(rng, in[0]*info.Units, in[0], info.Units), in[0], info.Units)
			v.bias = m.newVar(info.Name, "bias", make([]float32, info.Units), info.Units)
		case BatchNormalization:
			c := in[len(in)-1]
			v.gamma = m.newVar(info.Name, "gamma", filled(c, 1), c)
			v.beta = m.newVar(info.Name, "beta", filled(c, 0), c)
			v.movingMean = m.newVar(info.Name, "moving_mean", filled(c, 0), c)
			v.movingVar = m.newVar(info.Name, "moving_variance", filled(c, 1), c)
			v.movingMean.SetTrainable(false)
			v.movingVar.SetTrainable(false)
		case Dropout:
			m.dropoutOffset[i] = m.dropoutUnits
			n := 1
			for _, d := range info.OutputShape {
				n *= d
			}
			m.dropoutUnits += n
		}
	}
	return m, nil
}

// newVar creates the variable /layer/name with the given value and shape.
func (m *Model) newVar(layer, name string, value []float32, dims ...int) *model.Variable {
	v, err := m.store.CreateVariable("/"+layer+"/"+name, tensors.FromFlatDataAndDimensions(value, dims...))
	if err != nil {
		panic(err) // names are unique by construction
	}
	return v
}

// glorotUniform draws n values uniformly in +-sqrt(6/(fanIn+fanOut)), Keras'
// default kernel initializer (for Conv2D fanIn = kh*kw*cin, fanOut = kh*kw*cout).
func glorotUniform(rng *rand.Rand, n, fanIn, fanOut int) []float32 {
	limit := math.Sqrt(6 / float64(fanIn+fanOut))
	out := make([]float32, n)
	for i := range out {
		out[i] = float32((rng.Float64()*2 - 1) * limit)
	}
	return out
}

func filled(n int, value float32) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = value
	}
	return out
}

// NumParams returns the number of model parameters (optimizer slots excluded).
func (m *Model) NumParams() int {
	n := 0
	for _, v := range m.vars {
		for _, x := range []*model.Variable{v.kernel, v.bias, v.gamma, v.beta, v.movingMean, v.movingVar} {
			if x != nil {
				n += x.Shape().Size()
			}
		}
	}
	return n
}

// The graph formulations of a model: the same function, built from different ops.
const (
	// FormulationFast: im2col convolution and reshape max-pool, fastest on the pure Go backend.
	FormulationFast = "fast"
	// FormulationStock: the backend's Convolve and MaxPool ops, fastest on XLA.
	FormulationStock = "stock"
	// FormulationStockMatMulGrad: stock ops with the conv kernel gradients as
	// MatMuls (convStockCustomGrad), fastest on ONNX Runtime.
	FormulationStockMatMulGrad = "stock-matmul-grad"
)

// defaultFormulation is the fastest formulation measured on b (bench/NOTES.md).
func defaultFormulation(b compute.Backend) string {
	switch {
	case IsGoBackend(b):
		return FormulationFast
	case isONNXBackend(b):
		return FormulationStockMatMulGrad
	}
	return FormulationStock
}

// Formulation names the graph formulation m uses (FormulationFast, ...).
func (m *Model) Formulation() string { return m.formulation }

func (m *Model) dtype() dtypes.DType { return dtypes.Float32 }

// Finalize frees the compiled graphs and the backend resources of m.
func (m *Model) Finalize() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, e := range m.execs {
		e.Finalize()
	}
	m.execs = map[string]*model.Exec{}
}

// imagesTensor wraps NHWC float32 pixels as a tensor for the model's input.
func (m *Model) imagesTensor(pixels []float32, n int) (*tensors.Tensor, error) {
	in := m.Spec.InputShape
	if len(pixels) != n*in[0]*in[1]*in[2] {
		return nil, fmt.Errorf("got %d pixel values for %d images of %dx%dx%d", len(pixels), n, in[0], in[1], in[2])
	}
	return tensors.FromFlatDataAndDimensions(pixels, n, in[0], in[1], in[2]), nil
}

func float32Shape(dims ...int) shapes.Shape { return shapes.Make(dtypes.Float32, dims...) }
