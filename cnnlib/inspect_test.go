package cnnlib

import (
	"math"
	"testing"
)

func TestFeatureMapsShapes(t *testing.T) {
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 2})
	img := NoiseImage(1, 28, 28)
	want := map[int][3]int{0: {28, 28, 32}, 2: {14, 14, 32}, 4: {7, 7, 32}, 6: {3, 3, 16}, 9: {1, 144, 1}}
	for index, dims := range want {
		a, err := m.FeatureMaps(index, img)
		if err != nil {
			t.Fatal(err)
		}
		if a.Rows != dims[0] || a.Cols != dims[1] || a.Depth != dims[2] || len(a.Data) != dims[0]*dims[1]*dims[2] {
			t.Errorf("layer %d: %dx%dx%d (%d values), want %v", index, a.Rows, a.Cols, a.Depth, len(a.Data), dims)
		}
	}
	if got := m.ConvLayers(); len(got) != 4 || got[3] != 6 {
		t.Errorf("ConvLayers() = %v, want [0 2 4 6]", got)
	}
	if _, err := m.FeatureMaps(13, img); err == nil {
		t.Error("layer 13 accepted")
	}
}

func TestChannelAndDistances(t *testing.T) {
	a := Activation{Rows: 1, Cols: 2, Depth: 2, Data: []float32{1, 2, 3, 4}}
	if c := a.Channel(1); c[0] != 2 || c[1] != 4 {
		t.Errorf("Channel(1) = %v", c)
	}
	b := Activation{Rows: 1, Cols: 2, Depth: 2, Data: []float32{1, 2, 3, 6}}
	d, err := DistanceMatrix([]Activation{a, b, a})
	if err != nil {
		t.Fatal(err)
	}
	if d[0][1] != 2 || d[1][0] != 2 || d[0][2] != 0 || d[1][1] != 0 {
		t.Errorf("distances %v", d)
	}
}

func TestNoiseImageIsUniformAndSeeded(t *testing.T) {
	a, b := NoiseImage(7, 28, 28), NoiseImage(7, 28, 28)
	var mean float64
	for i, v := range a {
		if v != b[i] || v < 0 || v >= 1 {
			t.Fatalf("pixel %d: %v vs %v", i, v, b[i])
		}
		mean += float64(v) / float64(len(a))
	}
	if math.Abs(mean-0.5) > 0.05 {
		t.Errorf("mean %v, want about 0.5", mean)
	}
}

func TestSaliencyAndAscent(t *testing.T) {
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 3})
	img := NoiseImage(2, 28, 28)
	s, err := m.Saliency(img, 3)
	if err != nil {
		t.Fatal(err)
	}
	nonzero := 0
	for _, v := range s {
		if v < 0 {
			t.Fatal("negative saliency")
		}
		if v > 0 {
			nonzero++
		}
	}
	if len(s) != 784 || nonzero < 100 {
		t.Errorf("saliency: %d values, %d non-zero", len(s), nonzero)
	}
	start, _ := m.MaximizeActivation(0, 0, AscentConfig{Steps: -1, Seed: 9}) // the starting image
	before, _ := m.FeatureMaps(0, start)
	sum := func(a Activation, c int) float64 {
		var s float64
		for _, v := range a.Channel(c) {
			s += float64(v)
		}
		return s
	}
	channel := -1 // a channel the starting image activates (ReLU channels can be dead)
	for c := range before.Depth {
		if sum(before, c) > 0 {
			channel = c
			break
		}
	}
	if channel < 0 {
		t.Fatal("no live channel in layer 0")
	}
	img2, err := m.MaximizeActivation(0, channel, AscentConfig{Steps: 20, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := m.FeatureMaps(0, img2)
	if sum(after, channel) <= sum(before, channel) {
		t.Errorf("ascent did not raise channel %d: %v -> %v", channel, sum(before, channel), sum(after, channel))
	}
	if _, err := m.MaximizeActivation(0, 32, AscentConfig{}); err == nil {
		t.Error("channel 32 of a 32-channel layer accepted")
	}
}

func TestConfusionMatrixCountsEverySample(t *testing.T) {
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 4})
	d := randomData(30, 4)
	cm, err := m.ConfusionMatrix(d)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for i, row := range cm {
		for _, c := range row {
			total += c
		}
		_ = i
	}
	if total != 30 || len(cm) != 10 {
		t.Errorf("confusion matrix %v", cm)
	}
}
