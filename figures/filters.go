package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// interpolation is the post's choice per layer: 'sinc' for the large maps of
// the first layers, 'none' for the small ones.
func interpolation(rows int) plots.Interpolation {
	if rows >= 14 {
		return plots.Smooth
	}
	return plots.Nearest
}

// maps returns the image as the first map titled "Original", then the first n
// channels of act titled 0, 1, ... (n <= 0: all).
func maps(image []float32, side int, act cnnlib.Activation, n int) []plots.Map {
	if n <= 0 || n > act.Depth {
		n = act.Depth
	}
	out := []plots.Map{{Data: image, Rows: side, Cols: side, Title: lang.T("figures.original")}}
	for c := range n {
		out = append(out, plots.Map{Data: act.Channel(c), Rows: act.Rows, Cols: act.Cols, Title: fmt.Sprint(c)})
	}
	return out
}

// FilterRow is one row of Abb 3: the image and what the first n filters of
// layer index make of it.
func FilterRow(m *cnnlib.Model, image []float32, index, n int) (plots.Figure, error) {
	return filterRow(m, image, index, n, "")
}

func filterRow(m *cnnlib.Model, image []float32, index, n int, caption string) (plots.Figure, error) {
	act, err := m.FeatureMaps(index, image)
	if err != nil {
		return nil, err
	}
	side := m.Spec.InputShape[0]
	return plots.Row(maps(image, side, act, n), plots.GridOptions{
		Interpolation: interpolation(act.Rows),
		Title:         layerTitle(m, index, act),
		Caption:       caption,
	})
}

// Filters is Abb 3: for each convolution, the image and its first nine
// filter outputs ("Das Ergebnis von neun verschiedenen Filtern je Layer"),
// with the post's caption (it looks at a 4: figures.PostImage).
func Filters(m *cnnlib.Model, image []float32) (plots.Figure, error) {
	return filters(m, image, lang.T("figures.filters.caption"))
}

// FiltersOf is Abb 3 for any image: the same rows without the post's
// caption.
func FiltersOf(m *cnnlib.Model, image []float32) (plots.Figure, error) {
	return filters(m, image, "")
}

func filters(m *cnnlib.Model, image []float32, caption string) (plots.Figure, error) {
	convs := ConvLayers(m)
	if len(convs) == 0 {
		return nil, fmt.Errorf("figures: the model has no convolution layers")
	}
	var rows []plots.Figure
	for i, index := range convs {
		c := ""
		if i == len(convs)-1 {
			c = caption
		}
		f, err := filterRow(m, image, index, 9, c)
		if err != nil {
			return nil, err
		}
		rows = append(rows, f)
	}
	return plots.Stack(rows...)
}

// ConvLayers returns the indices of m's convolution layers (the layers of
// kind cnnlib.Conv2D in its spec), in order: 0, 2, 4 and 6 for the post's
// model, whatever they are for an edited one. Filters, Dreams and Codes
// look at these layers.
func ConvLayers(m *cnnlib.Model) []int {
	var out []int
	for i, l := range m.Spec.Layers {
		if l.Type == cnnlib.Conv2D {
			out = append(out, i)
		}
	}
	return out
}

// layerTitle is the post's print of a layer and its output: "Layer Index
// 0: Conv2D (1, 28, 28, 32)".
func layerTitle(m *cnnlib.Model, index int, act cnnlib.Activation) string {
	return lang.Sprintf("figures.layer", index, m.Layers[index].Class, shape(act))
}

func shape(a cnnlib.Activation) string {
	return fmt.Sprintf("(1, %d, %d, %d)", a.Rows, a.Cols, a.Depth)
}
