package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
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
// as Evaluation.Confusion.
func ConfusionFigure(cm [][]int) (plots.Figure, error) {
	labels := make([]string, len(cm))
	total := 0
	for i, row := range cm {
		labels[i] = fmt.Sprint(i)
		for _, c := range row {
			total += c
		}
	}
	return plots.ConfusionMatrix(cm, labels, plots.WithTitle(fmt.Sprintf("Confusion matrix, %d test images", total)))
}

// Saliency shows, for each image, the image and |d p(class)/d pixel| for its
// predicted class: where the net looks.
func Saliency(m *cnnlib.Model, images [][]float32) (plots.Figure, error) {
	side := m.Spec.InputShape[0]
	var columns [][]plots.Map
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
		columns = append(columns, []plots.Map{
			{Data: img, Rows: side, Cols: side, Title: fmt.Sprintf("reads %d", class)},
			{Data: s, Rows: side, Cols: side, Title: "saliency"},
		})
	}
	return plots.Columns(columns, plots.GridOptions{CellSize: 84, Colormap: plots.Magma,
		Title: "Saliency: |d p(class) / d pixel|"})
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
		Title: fmt.Sprintf("What the filters of layer %d (%s) look for", index, m.Layers[index].Name)})
}
