package nb

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// TestLiveTrainingRedrawsInPlace: finished lines stay, the progress bar is
// replaced, redraws are throttled, and after an epoch the block carries the
// curves as an inline PNG.
func TestLiveTrainingRedrawsInPlace(t *testing.T) {
	var shown []string
	l := newLiveTraining(func(h string) { shown = append(shown, h) })
	now := time.Unix(0, 0)
	l.now = func() time.Time { return now }
	write := func(s string, after time.Duration) {
		now = now.Add(after)
		if n, err := l.Write([]byte(s)); err != nil || n != len(s) {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	write("Train on 90 samples, validate on 10 samples\nEpoch 1/2\n", 0)
	write("\r32/90 [=>...] - ETA: 2s", 2*time.Second)
	write("\r64/90 [==>..] - ETA: 1s", 100*time.Millisecond) // too soon: not shown
	n := len(shown)
	write("\r90/90 [=====] - 1s 10ms/step - loss: 0.6 - acc: 0.7 - val_loss: 0.5 - val_acc: 0.8\n", 100*time.Millisecond)
	if len(shown) != n+1 {
		t.Errorf("a finished line must be shown at once: %d redraws, want %d", len(shown), n+1)
	}
	last := shown[len(shown)-1]
	if strings.Contains(last, "ETA") || !strings.Contains(last, "Epoch 1/2\n90/90") {
		t.Errorf("the progress bar was not replaced by the epoch's line:\n%s", last)
	}
	for _, s := range shown {
		if strings.Contains(s, "64/90") {
			t.Errorf("a redraw 100 ms after the last one was shown:\n%s", s)
		}
	}
	h := &cnnlib.History{Epochs: []cnnlib.EpochStats{{Epoch: 1, Loss: 0.6, Acc: 0.7, ValLoss: 0.5, ValAcc: 0.8}}}
	l.epoch(h)
	last = shown[len(shown)-1]
	m := regexp.MustCompile(`<img [^>]*src="data:image/png;base64,([^"]+)"`).FindStringSubmatch(last)
	if m == nil {
		t.Fatalf("no inline PNG after the epoch:\n%.300s", last)
	}
	data, _ := base64.StdEncoding.DecodeString(m[1])
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("the curves are not a PNG: %v", err)
	}
	write("Epoch 2/2\n", 0)
	if !strings.Contains(shown[len(shown)-1], "<img") {
		t.Error("the curves disappeared when the next epoch started")
	}
}

// TestTrainShowsLiveBlock: a notebook's training shows every epoch's line and
// the curves of both epochs in its live block, not as text on the output.
func TestTrainShowsLiveBlock(t *testing.T) {
	n, out := testBook(t)
	var last string
	n.show = func(h string) { last = h }
	if _, err := n.train(tinyPlan(t), synthetic(100)); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Epoch 1/2", "Epoch 2/2", "val_acc:", "training curves after epoch 2", "data:image/png;base64,"} {
		if !strings.Contains(last, want) {
			t.Errorf("the live block lacks %q", want)
		}
	}
	if strings.Contains(out.String(), "Epoch 1/2") {
		t.Errorf("progress went to the text output too:\n%s", out)
	}
}

// TestTrainInterruptThenResume: Jupyter's stop button (GoNB sends SIGINT to
// the cell's program) stops the training between two steps and keeps the
// completed epoch; running the cell again resumes after it and finishes.
func TestTrainInterruptThenResume(t *testing.T) {
	n, out := testBook(t)
	plan := tinyPlan(t)
	plan.Fit.Epochs = 3
	var once sync.Once
	n.show = func(h string) {
		if strings.Contains(h, "Epoch 2/3") {
			once.Do(func() { syscall.Kill(os.Getpid(), syscall.SIGINT) })
		}
	}
	_, err := n.train(plan, synthetic(100))
	if err == nil || !strings.Contains(err.Error(), "interrupted after 1 completed epoch") || !strings.Contains(err.Error(), "run the cell again to resume") {
		t.Fatalf("interrupted training: %v", err)
	}
	var last string
	n.show = func(h string) { last = h }
	m, err := n.train(plan, synthetic(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.History.Epochs) != 3 || !strings.Contains(last, "Resuming") || strings.Contains(last, "Epoch 1/3") {
		t.Errorf("the second run did not resume after epoch 1: %d epochs; block:\n%.400s\noutput:\n%s", len(m.History.Epochs), last, out)
	}
}
