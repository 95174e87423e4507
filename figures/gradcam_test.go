package figures

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// TestGradCAMOverlay: the Grad-CAM figure puts each map, scaled up to the
// digit, next to and over its digit, labelled with the class the net reads
// and its probability, with a colour bar; it names the layer and both sizes.
func TestGradCAMOverlay(t *testing.T) {
	m, d := untrained(t)
	var imgs [][]float32
	for _, i := range PostCodeImages {
		imgs = append(imgs, d.Slice(i, i+1).Images())
	}
	fig := must[plots.Figure](t)(GradCAM(m, imgs))
	if w, h := fig.Size(); w < 450 || h < len(imgs)*112 {
		t.Errorf("Grad-CAM figure %d×%d", w, h)
	}
	svg, err := fig.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(svg, []byte("<image")); n != 3*len(imgs)+1 {
		t.Errorf("%d images, want digit, map and overlay per image and a colour bar", n)
	}
	s := joined(t, fig)
	for _, want := range []string{"Grad-CAM of conv2d_4", "digit", "Grad-CAM", "overlay", "3×3", "28×28", "0.5"} {
		if !strings.Contains(s, want) {
			t.Errorf("Grad-CAM figure lacks %q: %q", want, s)
		}
	}
	probs, err := m.Predict(imgs[0])
	if err != nil {
		t.Fatal(err)
	}
	class := cnnlib.Argmax(probs[0])
	if want := "reads " + string(rune('0'+class)) + " (" + lang.Percent(float64(probs[0][class]), 0) + ")"; !strings.Contains(s, want) {
		t.Errorf("no row label %q in %q", want, s)
	}
	if got := len(regexp.MustCompile(`reads \d \(`).FindAllString(s, -1)); got != len(imgs) {
		t.Errorf("%d row labels for %d images", got, len(imgs))
	}
}

func TestGradCAMFigureErrors(t *testing.T) {
	m, d := untrained(t)
	if _, err := GradCAM(m, nil); err == nil || !strings.Contains(err.Error(), "no images") {
		t.Errorf("no images: %v", err)
	}
	img := d.Slice(0, 1).Images()
	if _, err := GradCAM(m, [][]float32{img, img[:700]}); err == nil || !strings.Contains(err.Error(), "image 1") {
		t.Errorf("short image: %v", err)
	}
	if _, err := GradCAM(m, [][]float32{d.Slice(0, 2).Images()}); err == nil || !strings.Contains(err.Error(), "image 0") {
		t.Errorf("two images in one: %v", err)
	}
}

// TestGermanPlayFigures: in German, Grad-CAM and the mistakes speak German,
// with the post's words (Ziffer, Fehler, Netz, Filter) and decimal commas.
func TestGermanPlayFigures(t *testing.T) {
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	m, d := untrained(t)
	gradcam := strings.Join(strs(texts(t, must[plots.Figure](t)(GradCAM(m, [][]float32{d.Slice(0, 1).Images()})))), " ")
	mistakes, _, err := Mistakes(m, d, 4)
	if err != nil {
		t.Fatal(err)
	}
	gallery := strings.Join(strs(texts(t, mistakes)), " ") // wrapped lines joined
	for _, c := range []struct {
		name, s   string
		want, not []string
		pattern   *regexp.Regexp
	}{
		{"GradCAM", gradcam,
			[]string{"Grad-CAM von conv2d_4: wo das Netz die erkannte Ziffer sieht", "Ziffer", "überlagert", "erkennt ",
				"Filter der letzten Faltung", "bilinear auf 28×28 vergrößert", "Anteil am Maximum", "0,5"},
			[]string{"reads", "digit", "overlay", "where", "0.5"},
			regexp.MustCompile(`erkennt \d \(\d+ %\)`)},
		{"Mistakes", gallery,
			[]string{"Die 4 Testbilder mit dem größten Fehler (davon ", " falsch erkannt)", "tatsächliche Ziffer", "Testdaten"},
			[]string{"highest", "misclassified", "true", " as ", "#"},
			regexp.MustCompile(`Nr\. \d+: \d als \d \(\d+ %\)`)},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.s, w) {
				t.Errorf("%s: no %q in %q", c.name, w, c.s)
			}
		}
		for _, w := range c.not {
			if strings.Contains(c.s, w) {
				t.Errorf("%s: English %q in %q", c.name, w, c.s)
			}
		}
		if !c.pattern.MatchString(c.s) {
			t.Errorf("%s: nothing like %v in %q", c.name, c.pattern, c.s)
		}
	}
}
