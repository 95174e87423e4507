package nb

import (
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
)

func TestVsPost(t *testing.T) {
	var b strings.Builder
	ev := cnnlib.Evaluation{Loss: 0.0312, Accuracy: 0.99031, Samples: 10000}
	pred := figures.Prediction{Probabilities: []float32{0, 0, 0.9, 0, 0, 0, 0, 0, 0.1, 0}, Class: 2}
	hist := &cnnlib.History{Epochs: []cnnlib.EpochStats{{Epoch: 1, ValAcc: 0.95}, {Epoch: 2, ValAcc: 0.97}}, Seconds: 90}
	printVsPost(&b, paramsVsPost(cnnlib.PostModel()), accuracyVsPost(ev), lossVsPost(ev), NoiseVsPost(pred),
		valAccVsPost(hist), timeVsPost(hist))
	got := b.String()
	for _, want := range []string{
		"the post (Keras)", "ours (Go)",
		"43,290", "0.9926", "0.9903", "0.0415", "0.0312",
		"8 @ 97.77%", "2 @ 90.00%", "0.9887 (epoch 15)", "0.9700 (epoch 2)", "59 s (GPU)", "90 s",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q:\n%s", want, got)
		}
	}
	if lines := strings.Split(strings.TrimSpace(got), "\n"); len(lines) != 7 {
		t.Errorf("%d lines, want 7:\n%s", len(lines), got)
	}
	if r := valAccVsPost(nil); r.Ours != "-" {
		t.Errorf("no history: %+v", r)
	}
	if r := NoiseVsPost(figures.Prediction{Class: -1}); r.Ours != "-" {
		t.Errorf("no prediction: %+v", r)
	}
}

func TestHistoryVsPost(t *testing.T) {
	var b strings.Builder
	historyVsPost(&b, &cnnlib.History{Epochs: []cnnlib.EpochStats{{Epoch: 1, Loss: 1.5, Acc: 0.5, ValLoss: 0.7, ValAcc: 0.85}}})
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 16 {
		t.Fatalf("%d lines, want a header and 15 epochs:\n%s", len(lines), b.String())
	}
	if !strings.Contains(lines[1], "1.0720") || !strings.Contains(lines[1], "0.8500") {
		t.Errorf("epoch 1: %q", lines[1])
	}
	if !strings.Contains(lines[15], "0.9887") || strings.Contains(lines[15], "0.8500") {
		t.Errorf("epoch 15: %q", lines[15])
	}
	if h := figures.PostHistory(); len(h.Epochs) != 15 || h.Epochs[14].ValAcc != 0.9887 || h.TrainSamples != 54000 {
		t.Errorf("PostHistory: %+v", h)
	}
}
