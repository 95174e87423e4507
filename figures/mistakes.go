package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// Mistakes predicts the test data and shows the n images with the highest
// loss, the cross-entropy of the true class (cnnlib.Model.TopLosses), highest
// first: a gallery, each image titled with its index in test, its true class,
// the class the net reads and that class's probability. It also returns the
// list. With a trained net these are its worst mistakes; should fewer than n
// images be misread, the correctly read ones of highest loss follow, and the
// title counts the misread ones.
func Mistakes(m *cnnlib.Model, test cnnlib.Data, n int) (plots.Figure, []cnnlib.Mistake, error) {
	top, err := m.TopLosses(test, n)
	if err != nil {
		return nil, nil, fmt.Errorf("figures: Mistakes: %w", err)
	}
	fig, err := MistakesFigure(top, test, m.Spec.InputShape)
	return fig, top, err
}

// MistakesFigure draws the gallery of Mistakes for a list from TopLosses on
// test, whose images have shape in (height, width, channels).
func MistakesFigure(top []cnnlib.Mistake, test cnnlib.Data, in [3]int) (plots.Figure, error) {
	if len(top) == 0 {
		return nil, fmt.Errorf("figures: Mistakes: no images")
	}
	wrong := 0
	maps := make([]plots.Map, len(top))
	for i, s := range top {
		if s.Index < 0 || s.Index >= test.Len() {
			return nil, fmt.Errorf("figures: Mistakes: sample %d is not in the %d test images", s.Index, test.Len())
		}
		if s.Wrong() {
			wrong++
		}
		maps[i] = plots.Map{
			Data:  grayImage(test.Slice(s.Index, s.Index+1).Images(), in),
			Rows:  in[0],
			Cols:  in[1],
			Title: lang.Sprintf("figures.mistakes.cell", s.Index, s.True, s.Predicted, lang.Percent(s.Probability, 0)),
		}
	}
	return plots.Grid(maps, plots.GridOptions{
		CellSize: 112,
		Title:    lang.Sprintf("figures.mistakes.title", len(top), wrong),
		Caption:  lang.T("figures.mistakes.caption"),
	})
}
