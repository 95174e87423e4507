package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/plots"
)

// Noise returns the post's white-noise image for a seed (np.random.random((28, 28, 1))).
func Noise(m *cnnlib.Model, seed uint64) []float32 {
	in := m.Spec.InputShape
	return cnnlib.NoiseImage(seed, in[0], in[1]*in[2])
}

// Dream is one grid of Abb 4 and 5: the noise image and what every filter of
// layer index finds in it ("Träume im weißen Rauschen").
func Dream(m *cnnlib.Model, noise []float32, index int) (plots.Figure, error) {
	act, err := m.FeatureMaps(index, noise)
	if err != nil {
		return nil, err
	}
	return plots.Grid(maps(noise, m.Spec.InputShape[0], act, 0), plots.GridOptions{
		Interpolation: interpolation(act.Rows),
		Title:         fmt.Sprintf("Layer Index %d: %s %s", index, m.Layers[index].Class, shape(act)),
		Caption:       captionDreams,
	})
}

// Prediction is what the net reads in an image: the post's
// "8 ==> 97.77%" for its noise image.
type Prediction struct {
	Probabilities []float32
	Class         int
}

// String prints the post's list "0 ==> 0.45%" ... one class per line.
func (p Prediction) String() string {
	s := ""
	for i, v := range p.Probabilities {
		s += fmt.Sprintf("%d ==> %2.2f%%\n", i, v*100)
	}
	return s
}

// Predict returns the class probabilities of one image and a bar chart of them.
func Predict(m *cnnlib.Model, image []float32, title string) (Prediction, plots.Figure, error) {
	probs, err := m.Predict(image)
	if err != nil {
		return Prediction{}, nil, err
	}
	p := Prediction{Probabilities: probs[0], Class: cnnlib.Argmax(probs[0])}
	values := make([]float64, len(p.Probabilities))
	labels := make([]string, len(p.Probabilities))
	for i, v := range p.Probabilities {
		values[i], labels[i] = float64(v), fmt.Sprint(i)
	}
	fig, err := plots.ProbabilityBars(values, labels, plots.WithTitle(title))
	return p, fig, err
}
