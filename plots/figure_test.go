package plots

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// decodePNG renders fig through its public PNG method and checks that the
// image has the size the figure claims.
func decodePNG(t *testing.T, fig Figure) image.Image {
	t.Helper()
	data, err := fig.PNG()
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding PNG: %v", err)
	}
	w, h := fig.Size()
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("PNG is %dx%d, Size says %dx%d", b.Dx(), b.Dy(), w, h)
	}
	return img
}

// svgInfo is what checkSVG finds in an SVG document.
type svgInfo struct {
	images int      // <image> elements
	texts  []string // contents of <text> elements
}

// checkSVG parses fig's SVG as XML and checks that it is self-contained.
func checkSVG(t *testing.T, fig Figure) svgInfo {
	t.Helper()
	data, err := fig.SVG()
	if err != nil {
		t.Fatalf("SVG: %v", err)
	}
	var info svgInfo
	dec := xml.NewDecoder(bytes.NewReader(data))
	inText := false
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if root == nil {
				e := el.Copy()
				root = &e
			}
			switch el.Name.Local {
			case "script", "foreignObject", "use", "style":
				t.Errorf("SVG contains <%s>", el.Name.Local)
			case "image":
				info.images++
			case "text":
				inText = true
				info.texts = append(info.texts, "")
			}
			for _, a := range el.Attr {
				if a.Name.Local == "href" && !strings.HasPrefix(a.Value, "data:image/png;base64,") {
					t.Errorf("SVG references %.40q", a.Value)
				}
				nsDecl := a.Name.Space == "xmlns" || a.Name.Local == "xmlns"
				if strings.Contains(a.Value, "url(") || !nsDecl && strings.Contains(a.Value, "http") {
					t.Errorf("SVG attribute %s=%.60q refers outside", a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			if inText {
				info.texts[len(info.texts)-1] += string(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" {
				inText = false
			}
		}
	}
	if root == nil || root.Name.Local != "svg" {
		t.Fatalf("SVG root is %v", root)
	}
	w, h := fig.Size()
	want := map[string]string{"width": strconv.Itoa(w), "height": strconv.Itoa(h)}
	for _, a := range root.Attr {
		if v, ok := want[a.Name.Local]; ok && a.Value != v {
			t.Errorf("SVG %s=%q, want %q (pixels)", a.Name.Local, a.Value, v)
		}
	}
	return info
}

// rgbaAt returns the colour of pixel (x, y), y counted from the top.
func rgbaAt(img image.Image, x, y int) color.RGBA {
	return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
}

// countColors returns the number of distinct colours in img.
func countColors(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[rgbaAt(img, x, y)] = true
		}
	}
	return len(seen)
}

// near reports whether two colours differ by at most tol per channel.
func near(a, b color.RGBA, tol int) bool {
	d := func(p, q uint8) bool { return int(p)-int(q) <= tol && int(q)-int(p) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

func TestFigurePanicBecomesError(t *testing.T) {
	fig := &figure{w: 10, h: 10, paint: func(draw.Canvas) { panic("boom") }}
	if _, err := fig.PNG(); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("PNG error = %v, want one mentioning the panic", err)
	}
	if _, err := fig.SVG(); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("SVG error = %v, want one mentioning the panic", err)
	}
}

func TestSVGTextIsEscapedAndMeasured(t *testing.T) {
	fig, err := TrainingCurve(Curves{Title: `a<b & "c" über`, Val: []float64{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	info := checkSVG(t, fig)
	found := false
	for _, s := range info.texts {
		if s == `a<b & "c" über` {
			found = true
		}
	}
	if !found {
		t.Errorf("title not found among SVG texts %q", info.texts)
	}
	data, _ := fig.SVG()
	if !bytes.Contains(data, []byte(`textLength="`)) || bytes.Contains(data, []byte("\x01")) {
		t.Error("SVG texts lack textLength or keep placeholders")
	}
	if !bytes.Contains(data, []byte("'Liberation Sans',Arimo,Arial,Helvetica,sans-serif")) {
		t.Error("SVG lacks font fallbacks")
	}
}

func TestConcurrentRendering(t *testing.T) {
	figs := []Figure{smallFigure(t)}
	for _, f := range []func() (Figure, error){
		func() (Figure, error) { return TrainingCurve(accuracyCurves(acc, valAcc)) },
		func() (Figure, error) { return ProbabilityBars(noiseProbs, nil) },
		func() (Figure, error) { return DistanceMatrix([][]float64{{0, 1}, {1, 0}}, nil) },
	} {
		fig, err := f()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fig)
	}
	done := make(chan error)
	for _, fig := range figs {
		go func() {
			_, err := fig.PNG()
			if err == nil {
				_, err = fig.SVG()
			}
			done <- err
		}()
	}
	for range figs {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
