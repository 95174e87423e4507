package nb

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// augmentationFigure draws the images of d (28x28, one channel), one per
// row, each followed by versions augmented versions of it, transformed by
// a.Apply with a random stream from seed (the same figure every time).
func augmentationFigure(d cnnlib.Data, a cnnlib.Augmentation, versions int, seed uint64) (plots.Figure, error) {
	const side = 28
	const per = side * side
	images := d.Images()
	switch {
	case d.Len() == 0 || len(images) != d.Len()*per:
		return nil, fmt.Errorf("augmentation figure: %d values for %d images, want 28x28 images", len(images), d.Len())
	case versions < 1:
		return nil, fmt.Errorf("augmentation figure: %d versions, want at least 1", versions)
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x6e622d617567)) // "nb-aug"
	cols := make([][]plots.Map, versions+2)            // originals, a separator, the versions
	for i := range d.Len() {
		src := images[i*per : (i+1)*per]
		cols[0] = append(cols[0], plots.Map{Data: src, Rows: side, Cols: side, Title: lang.Sprintf("nb.data.label", d.Labels[i])})
		for v := range versions {
			dst := make([]float32, per)
			a.Apply(dst, src, side, side, 1, rng)
			cols[2+v] = append(cols[2+v], plots.Map{Data: dst, Rows: side, Cols: side})
		}
	}
	return plots.Columns(cols, plots.GridOptions{SharedScale: true,
		Title:   lang.Sprintf("nb.augment.title", a.String()),
		Caption: lang.Sprintf("nb.augment.caption", d.Len(), versions)})
}

// describeAugmentation prints a's parameters and what they mean for a
// 28x28 image, and the cell flags that set them.
func describeAugmentation(a cnnlib.Augmentation) string {
	if a.IsZero() {
		return lang.Sprintf("nb.augment.none", a.String())
	}
	short := ""
	if a == cnnlib.KaggleAugmentation() {
		short = lang.T("nb.augment.short")
	}
	// The flags' values as the command line reads them: with a point in
	// every language.
	flagValue := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	return lang.Sprintf("nb.augment.describe", a, a.Rotation, a.Rotation, a.Shift*28, a.Shift, 1-a.Zoom, 1+a.Zoom,
		flagValue(a.Rotation), flagValue(a.Shift), flagValue(a.Zoom), short)
}
