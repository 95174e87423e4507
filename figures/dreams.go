package figures

import (
	"fmt"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
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
	return dream(m, noise, index, lang.T("figures.dreams.caption"))
}

func dream(m *cnnlib.Model, noise []float32, index int, caption string) (plots.Figure, error) {
	act, err := m.FeatureMaps(index, noise)
	if err != nil {
		return nil, err
	}
	return plots.Grid(maps(noise, m.Spec.InputShape[0], act, 0), plots.GridOptions{
		Interpolation: interpolation(act.Rows),
		Title:         layerTitle(m, index, act),
		Caption:       caption,
	})
}

// Dreams is Abb 4 and 5 in one figure: the grids of Dream for the layers
// given, one below the other, the post's caption under the last. With no
// layers it draws every convolution layer of the model (ConvLayers), so
// that a notebook cell shows the right layers of an edited model too.
func Dreams(m *cnnlib.Model, noise []float32, layers ...int) (plots.Figure, error) {
	if len(layers) == 0 {
		if layers = ConvLayers(m); len(layers) == 0 {
			return nil, fmt.Errorf("figures: the model has no convolution layers")
		}
	}
	grids := make([]plots.Figure, len(layers))
	for i, index := range layers {
		caption := ""
		if i == len(layers)-1 {
			caption = lang.T("figures.dreams.caption")
		}
		f, err := dream(m, noise, index, caption)
		if err != nil {
			return nil, err
		}
		grids[i] = f
	}
	return plots.Stack(grids...)
}

// Prediction is what the net reads in an image: the post's
// "8 ==> 97.77%" for its noise image.
type Prediction struct {
	Probabilities []float32
	Class         int
}

// String prints the post's list "0 ==> 0.45%" ... one class per line, with
// the current language's decimal separator.
func (p Prediction) String() string {
	var b strings.Builder
	for i, v := range p.Probabilities {
		b.WriteString(lang.Sprintf("figures.prediction.line", i, float64(v)*100))
		b.WriteString("\n")
	}
	return b.String()
}

// Predict returns the class probabilities of one image and a bar chart of
// them titled title.
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

// ReadNoise is Predict for the post's white-noise image, titled "What the
// net reads in the white noise" in the current language.
func ReadNoise(m *cnnlib.Model, noise []float32) (Prediction, plots.Figure, error) {
	return Predict(m, noise, lang.T("figures.noise.title"))
}
