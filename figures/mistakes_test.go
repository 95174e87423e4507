package figures

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
)

// TestMistakesGallery: Mistakes shows the images of TopLosses in its order,
// each titled with its index, true and read class and probability, and
// counts the misread ones in its title.
func TestMistakesGallery(t *testing.T) {
	m, d := untrained(t)
	fig, list, err := Mistakes(m, d, 6)
	if err != nil {
		t.Fatal(err)
	}
	top, err := m.TopLosses(d, 6)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(list, top) {
		t.Errorf("Mistakes list %+v, TopLosses %+v", list, top)
	}
	if len(list) != 6 || !slices.IsSortedFunc(list, func(a, b cnnlib.Mistake) int { return cmp.Compare(b.Loss, a.Loss) }) {
		t.Errorf("list not 6 samples by falling loss: %+v", list)
	}
	if w, h := fig.Size(); w < 3*112 || h < 2*112 {
		t.Errorf("gallery %d×%d, want 3×2 cells of 112 px", w, h)
	}
	svg, err := fig.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(svg, []byte("<image")); n != 6 {
		t.Errorf("%d images, want 6", n)
	}
	all := strs(texts(t, fig))
	var cells []string
	wrong := 0
	for _, s := range list {
		want := "#" + strconv.Itoa(s.Index) + ": " + strconv.Itoa(s.True) + " as " + strconv.Itoa(s.Predicted) + " (" + lang.Percent(s.Probability, 0) + ")"
		cells = append(cells, want)
		if !slices.Contains(all, want) {
			t.Errorf("no cell title %q in %q", want, all)
		}
		if s.Wrong() {
			wrong++
		}
	}
	// Row by row in the order of the list.
	var order []string
	for _, s := range all {
		if strings.HasPrefix(s, "#") {
			order = append(order, s)
		}
	}
	if !slices.Equal(order, cells) {
		t.Errorf("cells drawn in the order %q, want %q", order, cells)
	}
	s := strings.Join(all, " ") // wrapped lines joined
	if want := "The 6 test images with the highest loss (" + strconv.Itoa(wrong) + " of them misclassified)"; !strings.Contains(s, want) {
		t.Errorf("no title %q in %q", want, s)
	}
	if !strings.Contains(s, "-log p(true digit)") {
		t.Errorf("no caption: %q", s)
	}
	if _, _, err := Mistakes(m, d, 0); err == nil {
		t.Error("n = 0 accepted")
	}
	if _, err := MistakesFigure([]cnnlib.Mistake{{Index: 30}}, d, m.Spec.InputShape); err == nil {
		t.Error("a sample outside the data accepted")
	}
}
