package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// Confusion predicts the test data and draws the confusion matrix (rows: true
// digit, columns: predicted digit); it also returns the counts.
func Confusion(m *cnnlib.Model, test cnnlib.Data) (plots.Figure, [][]int, error) {
	cm, err := m.ConfusionMatrix(test)
	if err != nil {
		return nil, nil, err
	}
	fig, err := ConfusionFigure(cm)
	return fig, cm, err
}

// ConfusionFigure draws confusion counts [true label][predicted class], such
// as Evaluation.Confusion: the misclassifications coloured on a scale of
// their own, the correct counts on the diagonal in grey, every count printed
// in its cell (plots.ConfusionMatrix).
func ConfusionFigure(cm [][]int) (plots.Figure, error) {
	labels := make([]string, len(cm))
	total := 0
	for i, row := range cm {
		labels[i] = fmt.Sprint(i)
		for _, c := range row {
			total += c
		}
	}
	return plots.ConfusionMatrix(cm, labels,
		plots.WithTitle(lang.Sprintf("figures.confusion.title", lang.Thousands(total))),
		plots.WithXLabel(lang.T("figures.confusion.predicted")),
		plots.WithYLabel(lang.T("figures.confusion.true")),
		plots.WithCaption(lang.T("figures.confusion.caption")))
}

// Saliency shows, for each image, |d p(class)/d pixel| for its predicted
// class, where the net looks: one row per image, labelled with the class
// the net reads, with the digit in grey, its saliency map, and the map laid
// over the digit, and a colour bar. Each map is scaled to its own maximum.
func Saliency(m *cnnlib.Model, images [][]float32) (plots.Figure, error) {
	side := m.Spec.InputShape[0]
	o := plots.Overlay{
		Title:   lang.T("figures.saliency.title"),
		Caption: lang.T("figures.saliency.caption"),
		Headers: [3]string{lang.T("figures.saliency.digit"), lang.T("figures.saliency.map"), lang.T("figures.saliency.overlay")},
	}
	for _, img := range images {
		probs, err := m.Predict(img)
		if err != nil {
			return nil, err
		}
		class := cnnlib.Argmax(probs[0])
		s, err := m.Saliency(img, class)
		if err != nil {
			return nil, err
		}
		o.Rows = append(o.Rows, plots.OverlayRow{
			Label: lang.Sprintf("figures.saliency.reads", class),
			Image: plots.Map{Data: img, Rows: side, Cols: side},
			Heat:  plots.Map{Data: s, Rows: side, Cols: side},
		})
	}
	return plots.HeatOverlays(o)
}

// Maximized shows, for the first n filters of layer index, an input image that
// activates that filter most (gradient ascent from faint noise): what each
// filter looks for, the systematic version of the post's noise dreams.
func Maximized(m *cnnlib.Model, index, n int, seed uint64) (plots.Figure, error) {
	if index < 0 || index >= len(m.Layers) {
		return nil, fmt.Errorf("figures: layer index %d out of range", index)
	}
	out := m.Layers[index].OutputShape
	n = min(n, out[len(out)-1])
	side := m.Spec.InputShape[0]
	var ms []plots.Map
	for f := range n {
		img, err := m.MaximizeActivation(index, f, cnnlib.AscentConfig{Seed: seed})
		if err != nil {
			return nil, err
		}
		ms = append(ms, plots.Map{Data: img, Rows: side, Cols: side, Title: fmt.Sprint(f)})
	}
	return plots.Grid(ms, plots.GridOptions{Interpolation: plots.Smooth,
		Title: lang.Sprintf("figures.maximized.title", index, m.Layers[index].Name)})
}
