package plots

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

// panickyFigure panics when rendered.
type panickyFigure struct{}

func (panickyFigure) PNG() ([]byte, error) { panic("no PNG") }
func (panickyFigure) SVG() ([]byte, error) { panic("no SVG") }
func (panickyFigure) Size() (int, int)     { return 1, 1 }

// TestShowDisplaysPNG: a figure reaches the display as a decodable PNG of
// its size, and nothing is reported.
func TestShowDisplaysPNG(t *testing.T) {
	fig := smallFigure(t)
	var shown [][]byte
	var errs bytes.Buffer
	show(fig, func(b []byte) { shown = append(shown, b) }, &errs)
	if len(shown) != 1 || errs.Len() != 0 {
		t.Fatalf("%d displays, errors %q; want 1 display and none", len(shown), errs.String())
	}
	img, err := png.Decode(bytes.NewReader(shown[0]))
	if err != nil {
		t.Fatalf("displayed data is not a PNG: %v", err)
	}
	if w, h := fig.Size(); img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Errorf("displayed %v, figure is %dx%d", img.Bounds(), w, h)
	}
}

// TestShowReportsFailures: a figure that fails or panics while rendering is
// reported on the error stream, with the reason, and nothing is displayed;
// nil shows nothing and reports nothing.
func TestShowReportsFailures(t *testing.T) {
	for name, tc := range map[string]struct {
		fig  Figure
		want string
	}{
		"panics": {panickyFigure{}, "no PNG"},
		"fails":  {failingFigure{}, "invalid argument"},
		"nil":    {nil, ""},
	} {
		displayed := false
		var errs bytes.Buffer
		show(tc.fig, func([]byte) { displayed = true }, &errs)
		if displayed {
			t.Errorf("%s: displayed something", name)
		}
		if tc.want == "" && errs.Len() != 0 || !strings.Contains(errs.String(), tc.want) {
			t.Errorf("%s: reported %q, want %q", name, errs.String(), tc.want)
		}
	}
}
