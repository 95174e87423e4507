package figures

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// svgText is one line of text of a figure's SVG: its string, its left edge
// and baseline, and its width.
type svgText struct {
	s        string
	x, y, w  float64
	rendered int // how many <text> elements it was drawn as
}

// texts returns the texts of fig's SVG in drawing order, pieces drawn one
// after the other on the same baseline (plots kerns digits that way)
// joined into one.
func texts(t *testing.T, fig plots.Figure) []svgText {
	t.Helper()
	data, err := fig.SVG()
	if err != nil {
		t.Fatal(err)
	}
	var out []svgText
	dec := xml.NewDecoder(bytes.NewReader(data))
	var cur *svgText
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local != "text" {
				continue
			}
			cur = &svgText{rendered: 1}
			for _, a := range el.Attr {
				v, _ := strconv.ParseFloat(a.Value, 64)
				switch a.Name.Local {
				case "x":
					cur.x = v
				case "y":
					cur.y = v
				case "textLength":
					cur.w = v
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.s += string(el)
			}
		case xml.EndElement:
			if el.Name.Local != "text" || cur == nil {
				continue
			}
			if n := len(out); n > 0 && out[n-1].y == cur.y && math.Abs(out[n-1].x+out[n-1].w-cur.x) < 0.5 {
				out[n-1].s += cur.s
				out[n-1].w += cur.w
				out[n-1].rendered++
			} else {
				out = append(out, *cur)
			}
			cur = nil
		}
	}
	return out
}

// strs returns the strings of ts.
func strs(ts []svgText) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.s
	}
	return out
}

// joined returns all texts of fig, separated by " | ".
func joined(t *testing.T, fig plots.Figure) string {
	t.Helper()
	return strings.Join(strs(texts(t, fig)), " | ")
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func history() *cnnlib.History {
	return &cnnlib.History{Epochs: []cnnlib.EpochStats{{Epoch: 1, Loss: 1, Acc: 0.5, ValLoss: 0.9, ValAcc: 0.6}, {Epoch: 2, Loss: 0.5, Acc: 0.8, ValLoss: 0.4, ValAcc: 0.85}}}
}

// TestCodesRowsAndHeaders: Abb 6 names each row of codes with its filter
// and leaves room between the names above its columns.
func TestCodesRowsAndHeaders(t *testing.T) {
	m, d := untrained(t)
	inputs := must[[]CodeInput](t)(PostCodeInputs(Noise(m, 0), d))
	fig, _, _, err := Codes(m, inputs)
	if err != nil {
		t.Fatal(err)
	}
	ts := texts(t, fig)
	all := strs(ts)
	for c := range 16 {
		if want := "Filter " + strconv.Itoa(c); !slices.Contains(all, want) {
			t.Errorf("no row label %q in %q", want, all)
		}
	}
	var heads []svgText
	for _, tx := range ts {
		if slices.ContainsFunc(inputs, func(in CodeInput) bool { return in.Name == tx.s }) {
			heads = append(heads, tx)
		}
	}
	if len(heads) != len(inputs) {
		t.Fatalf("column headers %v, want the %d inputs' names", heads, len(inputs))
	}
	slices.SortFunc(heads, func(a, b svgText) int { return int(a.x - b.x) })
	for i := 1; i < len(heads); i++ {
		if gap := heads[i].x - (heads[i-1].x + heads[i-1].w); gap < 12 {
			t.Errorf("%q and %q are %.1f px apart", heads[i-1].s, heads[i].s, gap)
		}
	}
}

// TestOnlyThePostsFiguresCarryAbb: the curves of other runs and the
// comparison of runs carry no figure number of the post.
func TestOnlyThePostsFiguresCarryAbb(t *testing.T) {
	h := history()
	for name, fig := range map[string]func() (plots.Figure, error){
		"Accuracy": func() (plots.Figure, error) { return Accuracy(h) },
		"Loss":     func() (plots.Figure, error) { return Loss(h) },
	} {
		if s := joined(t, must[plots.Figure](t)(fig())); !strings.Contains(s, "Abb ") {
			t.Errorf("%s, the post's figure, lacks its caption: %q", name, s)
		}
	}
	for name, fig := range map[string]func() (plots.Figure, error){
		"RunAccuracy": func() (plots.Figure, error) { return RunAccuracy(h) },
		"RunLoss":     func() (plots.Figure, error) { return RunLoss(h) },
		"Compare": func() (plots.Figure, error) {
			return Compare("val_acc", Run{Name: "a", History: h}, Run{Name: "b", History: h})
		},
	} {
		if s := joined(t, must[plots.Figure](t)(fig())); strings.Contains(s, "Abb") {
			t.Errorf("%s carries the post's figure number: %q", name, s)
		}
	}
}

// TestDreamsOfEveryConvLayer: with no layers, Dreams shows every
// convolution of the model, wherever the spec puts them.
func TestDreamsOfEveryConvLayer(t *testing.T) {
	spec := cnnlib.Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(4, 3, layers.Same, layers.ReLU),
		layers.Conv2D(4, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(4, 3, layers.Same, layers.ReLU),
		layers.Flatten(),
		layers.Dense(10, layers.Softmax),
	)
	m, err := cnnlib.New(spec, cnnlib.Options{Backend: "go", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	if got := ConvLayers(m); !slices.Equal(got, []int{0, 1, 3}) {
		t.Errorf("ConvLayers = %v, want [0 1 3]", got)
	}
	blog, _ := untrained(t)
	if got := ConvLayers(blog); !slices.Equal(got, []int{0, 2, 4, 6}) {
		t.Errorf("ConvLayers of the post's model = %v, want [0 2 4 6]", got)
	}
	s := joined(t, must[plots.Figure](t)(Dreams(m, Noise(m, 0))))
	for _, want := range []string{"Layer Index 0: Conv2D", "Layer Index 1: Conv2D", "Layer Index 3: Conv2D", "Visualisierung, was"} {
		if !strings.Contains(s, want) {
			t.Errorf("Dreams lacks %q: %q", want, s)
		}
	}
	if strings.Contains(s, "Layer Index 2") || strings.Count(s, "Visualisierung") != 1 {
		t.Errorf("Dreams shows the pooling layer or repeats the caption: %q", s)
	}
	if s := joined(t, must[plots.Figure](t)(Dreams(m, Noise(m, 0), 1))); !strings.Contains(s, "Layer Index 1:") || strings.Contains(s, "Layer Index 0") {
		t.Errorf("Dreams(m, noise, 1): %q", s)
	}
}

// TestSaliencyOverlay: the saliency figure puts each map next to and over
// its digit, large, with a colour bar.
func TestSaliencyOverlay(t *testing.T) {
	m, d := untrained(t)
	var imgs [][]float32
	for _, i := range PostCodeImages {
		imgs = append(imgs, d.Slice(i, i+1).Images())
	}
	fig := must[plots.Figure](t)(Saliency(m, imgs))
	if w, h := fig.Size(); w < 450 || h < 4*112 {
		t.Errorf("saliency figure %d×%d", w, h)
	}
	svg, err := fig.SVG()
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(svg, []byte("<image")); n != 3*len(imgs)+1 {
		t.Errorf("%d images, want digit, saliency and overlay per image and a colour bar", n)
	}
	s := joined(t, fig)
	for _, want := range []string{"digit", "saliency", "overlay", "reads ", "0.5"} {
		if !strings.Contains(s, want) {
			t.Errorf("saliency figure lacks %q: %q", want, s)
		}
	}
}

// TestGermanFigures: in German the figures speak German, with the post's
// captions and decimal commas.
func TestGermanFigures(t *testing.T) {
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	m, d := untrained(t)
	h := history()
	noise := Noise(m, 0)
	inputs := must[[]CodeInput](t)(PostCodeInputs(noise, d))
	codes, _, dist, err := Codes(m, inputs)
	if err != nil {
		t.Fatal(err)
	}
	pred, bars, err := ReadNoise(m, noise)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		fig       plots.Figure
		want, not []string
	}{
		{"Accuracy", must[plots.Figure](t)(Accuracy(h)),
			[]string{"Genauigkeit bei Training und Validierung", "Epochen", "Abb 1: Anstieg der Genauigkeit über die Epochen", "Validierung (val_acc)"},
			[]string{"Training and", "Epochs", "Accuracy"}},
		{"Loss", must[plots.Figure](t)(Loss(h)),
			[]string{"Fehler bei Training und Validierung", "Abb 2: Abnahme des Fehlers über die Epochen", "Fehler"},
			[]string{"Training and", "Epochs", "Loss"}},
		{"Compare", must[plots.Figure](t)(Compare("val_acc", Run{Name: "a", History: h})),
			[]string{"Vergleich: val_acc", "Epochen"}, []string{"Comparison", "Epochs"}},
		{"Filters", must[plots.Figure](t)(Filters(m, d.Slice(PostImage, PostImage+1).Images())),
			[]string{"Layer Index 0: Conv2D (1, 28, 28, 32)", "Original", "Abb 3: Das Ergebnis"}, nil},
		{"Dreams", must[plots.Figure](t)(Dreams(m, noise)),
			[]string{"Layer Index 6: Conv2D (1, 3, 3, 16)", "Visualisierung, was die verschiedenen Filter"}, nil},
		{"Codes", codes, []string{"Ausgabe von conv2d_4, eine Zeile pro Filter", "Rauschen", "(Test 4)", "Filter 15", "Abb 6: Zwei Beispiele für codierte Ziffern"},
			[]string{"noise", "output", "(test"}},
		{"Distances", dist, []string{"Euklidischer Abstand zwischen den Codes", "0,00", "Rauschen"}, []string{"Euclidean"}},
		{"ReadNoise", bars, []string{"Was das Netz im weißen Rauschen erkennt"}, []string{"What"}},
		{"Confusion", must[plots.Figure](t)(ConfusionFigure([][]int{{5, 1}, {0, 4}})),
			[]string{"Konfusionsmatrix, 10 Testbilder", "Vorhergesagte Ziffer", "Tatsächliche Ziffer", "falsch erkannten"},
			[]string{"Confusion", "label"}},
		{"Saliency", must[plots.Figure](t)(Saliency(m, [][]float32{noise})),
			[]string{"Saliency: |d p(Klasse) / d Pixel|", "Ziffer", "überlagert", "erkennt ", "0,5", "Anteil am Maximum"},
			[]string{"reads", "digit", "overlay"}},
	} {
		s := joined(t, c.fig)
		for _, w := range c.want {
			if !strings.Contains(s, w) {
				t.Errorf("%s: no %q in %q", c.name, w, s)
			}
		}
		for _, w := range c.not {
			if strings.Contains(s, w) {
				t.Errorf("%s: English %q in %q", c.name, w, s)
			}
		}
	}
	if s := pred.String(); !strings.Contains(s, "0 ==> ") || !strings.Contains(s, ",") || strings.Contains(s, ".") {
		t.Errorf("German prediction list: %q", s)
	}
}
