package figures

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// untrained returns a fresh blog model and 30 test-like noise images.
func untrained(t *testing.T) (*cnnlib.Model, cnnlib.Data) {
	t.Helper()
	m, err := cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]int32, 30)
	var images []float32
	for i := range 30 {
		images = append(images, cnnlib.NoiseImage(uint64(i), 28, 28)...)
		labels[i] = int32(i % 10)
	}
	d := cnnlib.NewData(images, labels)
	return m, d
}

func TestFigureGeometry(t *testing.T) {
	m, d := untrained(t)
	four := d.Slice(PostImage, PostImage+1).Images()
	row, err := FilterRow(m, four, 0, 9)
	if err != nil {
		t.Fatal(err)
	}
	// Original + 9 maps of 84 px cells: wider than 10 cells, much wider than tall.
	if w, h := row.Size(); w < 10*84 || h > w/3 {
		t.Errorf("Abb 3 row is %dx%d", w, h)
	}
	grid, err := Dream(m, Noise(m, 0), 6)
	if err != nil {
		t.Fatal(err)
	}
	// 1 + 16 maps: a 5x4 grid (ceil(sqrt(17)) = 5 columns, 4 rows).
	if w, h := grid.Size(); w < 5*84 || h < 4*84 || w > 6*120 {
		t.Errorf("Abb 5 grid is %dx%d", w, h)
	}
	inputs, err := PostCodeInputs(Noise(m, 0), d)
	if err != nil {
		t.Fatal(err)
	}
	codes, dist, _, err := Codes(m, inputs)
	if err != nil {
		t.Fatal(err)
	}
	// 5 columns + 2 half-width separators, 17 rows: a tall figure.
	if w, h := codes.Size(); h < 17*56 || w < 5*56 || w > h {
		t.Errorf("Abb 6 is %dx%d", w, h)
	}
	if len(dist) != 5 || dist[1][1] != 0 || dist[1][2] != dist[2][1] {
		t.Errorf("distance matrix %v", dist)
	}
	p, _, err := Predict(m, Noise(m, 0), "noise")
	if err != nil {
		t.Fatal(err)
	}
	var sum float32
	for _, v := range p.Probabilities {
		sum += v
	}
	if sum < 0.999 || sum > 1.001 || !strings.Contains(p.String(), "9 ==> ") {
		t.Errorf("prediction %v (sum %v)", p, sum)
	}
}

func TestReportWritesEveryFigure(t *testing.T) {
	m, d := untrained(t)
	hist := &cnnlib.History{Epochs: []cnnlib.EpochStats{{Epoch: 1, Loss: 1, Acc: 0.5, ValLoss: 0.9, ValAcc: 0.6}, {Epoch: 2, Loss: 0.5, Acc: 0.8, ValLoss: 0.4, ValAcc: 0.85}}}
	r, err := BuildReport(ReportInput{Title: "test", Model: m, History: hist, Test: d})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "report")
	if err := r.Write(dir); err != nil {
		t.Fatal(err)
	}
	want := []string{"abb1-accuracy", "abb2-loss", "abb3-filters", "abb4-noise-layer0", "abb4-noise-layer2",
		"abb4-noise-layer4", "abb4-noise-layer6", "noise-prediction", "abb6-codes", "abb6-distances",
		"confusion-matrix", "saliency", "activation-maximization"}
	for _, name := range want {
		for _, ext := range []string{".png", ".svg"} {
			if fi, err := os.Stat(filepath.Join(dir, name+ext)); err != nil || fi.Size() < 1000 {
				t.Errorf("%s%s: %v", name, ext, err)
			}
		}
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(html), "data:image/png;base64,"); n != len(want) {
		t.Errorf("report.html embeds %d images, want %d", n, len(want))
	}
	if strings.Contains(string(html), "http://") || strings.Contains(string(html), "https://") || strings.Contains(string(html), "<script") {
		t.Error("report.html refers to the network or runs scripts")
	}
	if !strings.Contains(string(html), "Total params: 43,290") {
		t.Error("report.html lacks the summary")
	}
}
