package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// CodeInput is one image whose code Abb 6 shows.
type CodeInput struct {
	Name  string // e.g. "noise", "4 (test 4)"
	Image []float32
	Group int // inputs of the same group stand together; groups are separated by a blank column
}

// codeCell is the side of a map of Abb 6 in pixels: wide enough that the
// names above the columns ("6 (test 11)", "6 (test 21)") stand well apart,
// and 24 pixels per value of a 3x3 code.
const codeCell = 72

// Codes is Abb 6: for each input its image on top and below it the channels of
// the last convolution (the 3x3x16 "QR code" that the fully connected layers
// receive), in groups separated by blank columns as in the post (noise | 4, 4
// | 6, 6). Each row of codes is labelled with its filter number ("Filter 0")
// above its first column. It also returns the Euclidean distances between
// the codes and a heatmap of them: the pairs are coded almost alike.
func Codes(m *cnnlib.Model, inputs []CodeInput) (fig plots.Figure, dist [][]float64, distFig plots.Figure, err error) {
	if len(inputs) == 0 {
		return nil, nil, nil, fmt.Errorf("figures: Codes: no inputs")
	}
	images := make([][]float32, len(inputs))
	for i, in := range inputs {
		images[i] = in.Image
	}
	codes, err := m.Codes(images...)
	if err != nil {
		return nil, nil, nil, err
	}
	side := m.Spec.InputShape[0]
	var columns [][]plots.Map
	names := make([]string, len(inputs))
	for i, in := range inputs {
		if i > 0 && in.Group != inputs[i-1].Group {
			columns = append(columns, nil)
		}
		col := []plots.Map{{Data: in.Image, Rows: side, Cols: side, Title: in.Name}}
		for c := range codes[i].Depth {
			title := ""
			if i == 0 {
				title = lang.Sprintf("figures.codes.filter", c)
			}
			col = append(col, plots.Map{Data: codes[i].Channel(c), Rows: codes[i].Rows, Cols: codes[i].Cols, Title: title})
		}
		columns = append(columns, col)
		names[i] = in.Name
	}
	fig, err = plots.Columns(columns, plots.GridOptions{
		Interpolation: plots.Nearest,
		CellSize:      codeCell,
		Title:         lang.Sprintf("figures.codes.title", codes[0].Layer),
		Caption:       lang.T("figures.codes.caption"),
	})
	if err != nil {
		return nil, nil, nil, err
	}
	dist, err = cnnlib.DistanceMatrix(codes)
	if err != nil {
		return nil, nil, nil, err
	}
	distFig, err = plots.DistanceMatrix(dist, names, plots.WithTitle(lang.T("figures.codes.distance")))
	return fig, dist, distFig, err
}

// PostCodeInputs returns the inputs of Abb 6: the noise image, the two 4s and
// the two 6s of the test set (test images 4, 6, 11 and 21), named in the
// current language.
func PostCodeInputs(noise []float32, test cnnlib.Data) ([]CodeInput, error) {
	inputs := []CodeInput{{Name: lang.T("figures.codes.noise"), Image: noise, Group: 0}}
	for i, index := range PostCodeImages {
		if index >= test.Len() {
			return nil, fmt.Errorf("figures: test image %d needed, the test set has %d", index, test.Len())
		}
		img := test.Slice(index, index+1)
		inputs = append(inputs, CodeInput{Name: lang.Sprintf("figures.codes.test", int(img.Labels[0]), index), Image: img.Images(), Group: 1 + i/2})
	}
	return inputs, nil
}
