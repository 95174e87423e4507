package cnnlib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Activation is the output of one layer for one image: Data in (rows, cols,
// channels) row-major order, as Keras' K.function([model.input], [layer.output]).
type Activation struct {
	Layer             string // Keras layer name, e.g. "conv2d_1"
	Index             int    // Keras layer index
	Data              []float32
	Rows, Cols, Depth int
}

// Channel returns channel c as a rows x cols map (the post's "filter" image).
func (a Activation) Channel(c int) []float32 {
	out := make([]float32, a.Rows*a.Cols)
	for i := range out {
		out[i] = a.Data[i*a.Depth+c]
	}
	return out
}

// FeatureMaps returns the output of layer index for one image (h*w*c pixels).
// Flat layers (Dense, Flatten) come back as 1 x n x 1.
func (m *Model) FeatureMaps(index int, image []float32) (Activation, error) {
	data, shape, err := m.LayerOutput(index, image)
	if err != nil {
		return Activation{}, err
	}
	if shape[0] != 1 {
		return Activation{}, fmt.Errorf("FeatureMaps takes one image, got %d", shape[0])
	}
	a := Activation{Layer: m.Layers[index].Name, Index: index, Data: data}
	switch len(shape) {
	case 4:
		a.Rows, a.Cols, a.Depth = shape[1], shape[2], shape[3]
	case 2:
		a.Rows, a.Cols, a.Depth = 1, shape[1], 1
	default:
		return Activation{}, fmt.Errorf("layer %d has output shape %v", index, shape)
	}
	return a, nil
}

// ConvLayers returns the indices of the Conv2D layers (the post: 0, 2, 4, 6).
func (m *Model) ConvLayers() []int {
	var out []int
	for i, l := range m.Layers {
		if l.Type == Conv2D {
			out = append(out, i)
		}
	}
	return out
}

// NoiseImage returns the post's white-noise image, np.random.random((28, 28, 1)):
// uniform values in [0, 1), drawn from seed.
func NoiseImage(seed uint64, h, w int) []float32 {
	rng := rand.New(rand.NewPCG(seed, 0x6e6f697365)) // "noise"
	out := make([]float32, h*w)
	for i := range out {
		out[i] = rng.Float32()
	}
	return out
}

// Codes returns, for each image, the output of the last Conv2D layer: the
// post's 3x3x16 "QR code" that the fully connected part receives.
func (m *Model) Codes(images ...[]float32) ([]Activation, error) {
	convs := m.ConvLayers()
	if len(convs) == 0 {
		return nil, fmt.Errorf("the model has no Conv2D layer")
	}
	out := make([]Activation, len(images))
	for i, img := range images {
		a, err := m.FeatureMaps(convs[len(convs)-1], img)
		if err != nil {
			return nil, fmt.Errorf("image %d: %w", i, err)
		}
		out[i] = a
	}
	return out, nil
}

// DistanceMatrix returns the Euclidean distances between activations: the
// post's point that two 4s (or two 6s) are coded almost alike is that their
// distance is small compared with the distance between a 4 and a 6.
func DistanceMatrix(acts []Activation) ([][]float64, error) {
	n := len(acts)
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if len(acts[i].Data) != len(acts[j].Data) {
				return nil, fmt.Errorf("activations %d and %d have %d and %d values", i, j, len(acts[i].Data), len(acts[j].Data))
			}
			var s float64
			for k, v := range acts[i].Data {
				d := float64(v - acts[j].Data[k])
				s += d * d
			}
			out[i][j], out[j][i] = math.Sqrt(s), math.Sqrt(s)
		}
	}
	return out, nil
}

// ConfusionMatrix predicts d and counts [true label][predicted class] (the
// Confusion of Evaluate).
func (m *Model) ConfusionMatrix(d Data) ([][]int, error) {
	ev, err := m.Evaluate(d)
	return ev.Confusion, err
}

// Argmax returns the index of the largest value (the first one on ties).
func Argmax(p []float32) int {
	best := 0
	for i, v := range p {
		if v > p[best] {
			best = i
		}
	}
	return best
}
