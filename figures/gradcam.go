package figures

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// GradCAM shows, for each image, where the last convolution sees the class
// the net reads: Grad-CAM (Selvaraju et al. 2017, cnnlib.Model.GradCAM), the
// last Conv2D layer's feature maps weighted by the mean gradient of the
// class's logit per filter. One row per image, labelled with the class the net
// reads and its probability: the digit in grey, its Grad-CAM map scaled up
// bilinearly from the layer's resolution (3x3 for the post's conv2d_4) to the
// image's, and the map laid over the digit, with a colour bar, as Saliency.
// Each map is scaled to its own maximum; a map that is zero everywhere (no
// region speaks for the class) stays dark.
func GradCAM(m *cnnlib.Model, images [][]float32) (plots.Figure, error) {
	if len(images) == 0 {
		return nil, fmt.Errorf("figures: GradCAM: no images")
	}
	convs := m.ConvLayers()
	if len(convs) == 0 {
		return nil, fmt.Errorf("figures: GradCAM: the model has no Conv2D layer")
	}
	last := m.Layers[convs[len(convs)-1]]
	in := m.Spec.InputShape
	rows, cols := in[0], in[1]
	o := plots.Overlay{
		Title:   lang.Sprintf("figures.gradcam.title", last.Name),
		Caption: lang.Sprintf("figures.gradcam.caption", last.OutputShape[0], last.OutputShape[1], rows, cols),
		Headers: [3]string{lang.T("figures.gradcam.digit"), lang.T("figures.gradcam.map"), lang.T("figures.gradcam.overlay")},
	}
	for i, img := range images {
		probs, err := m.Predict(img)
		if err != nil {
			return nil, fmt.Errorf("figures: GradCAM: image %d: %w", i, err)
		}
		if len(probs) != 1 {
			return nil, fmt.Errorf("figures: GradCAM: image %d holds %d images", i, len(probs))
		}
		class := cnnlib.Argmax(probs[0])
		cam, h, w, err := m.GradCAM(img, class)
		if err != nil {
			return nil, fmt.Errorf("figures: GradCAM: image %d: %w", i, err)
		}
		up, err := cnnlib.ResizeBilinear(cam, h, w, rows, cols)
		if err != nil {
			return nil, err
		}
		o.Rows = append(o.Rows, plots.OverlayRow{
			Label: lang.Sprintf("figures.gradcam.reads", class, lang.Percent(float64(probs[0][class]), 0)),
			Image: plots.Map{Data: grayImage(img, in), Rows: rows, Cols: cols},
			Heat:  plots.Map{Data: up, Rows: rows, Cols: cols},
		})
	}
	return plots.HeatOverlays(o)
}

// grayImage returns an image of shape in (height, width, channels) as one
// channel: itself, or the mean of its channels.
func grayImage(img []float32, in [3]int) []float32 {
	c := in[2]
	if c == 1 {
		return img
	}
	out := make([]float32, in[0]*in[1])
	for p := range out {
		var s float32
		for _, v := range img[p*c : (p+1)*c] {
			s += v
		}
		out[p] = s / float32(c)
	}
	return out
}
