package plots

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// foreignFigure is a Figure implemented elsewhere: a solid red image.
type foreignFigure struct{ w, h int }

func (f foreignFigure) PNG() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, f.w, f.h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+3] = 255, 255
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}
func (f foreignFigure) SVG() ([]byte, error) { return nil, nil }
func (f foreignFigure) Size() (int, int)     { return f.w, f.h }

func TestSideBySideAndStack(t *testing.T) {
	a := smallFigure(t)
	aw, ah := a.Size()
	red := foreignFigure{30, 50}

	fig, err := SideBySide(a, red)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w != aw+30 || h != max(ah, 50) {
		t.Errorf("SideBySide size %dx%d, want %dx%d", w, h, aw+30, max(ah, 50))
	}
	img := decodePNG(t, fig)
	if c := rgbaAt(img, aw+15, 25); c != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("foreign figure pixel = %v, want red", c)
	}
	if info := checkSVG(t, fig); info.images != 2 {
		t.Errorf("SideBySide SVG has %d images, want 2 (map and embedded PNG)", info.images)
	}

	fig, err = Stack(a, red, a)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w != max(aw, 30) || h != 2*ah+50 {
		t.Errorf("Stack size %dx%d, want %dx%d", w, h, max(aw, 30), 2*ah+50)
	}
	img = decodePNG(t, fig)
	if c := rgbaAt(img, 15, ah+25); c != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("stacked foreign figure pixel = %v, want red", c)
	}

	if _, err := Stack(); err == nil {
		t.Error("Stack() succeeded")
	}
	if _, err := SideBySide(a, nil); err == nil {
		t.Error("SideBySide with nil figure succeeded")
	}
	if _, err := SideBySide(a, failingFigure{}); err == nil {
		t.Error("SideBySide with failing figure succeeded")
	}
}
