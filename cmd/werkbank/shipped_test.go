package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/study"
)

var digitNames = map[string]string{"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4",
	"five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}

// TestShippedModelReadsDrawnDigits: the shipped model recognises the digits in
// testdata/digits (drawn like in an image editor: both polarities, several
// sizes and formats); each file name starts with the true digit. The model
// is committed: a missing one fails the test.
func TestShippedModelReadsDrawnDigits(t *testing.T) {
	model := filepath.Join("..", "..", "models", "blog-cnn")
	if _, err := os.Stat(filepath.Join(model, "model.json")); err != nil {
		t.Fatalf("the shipped model is committed, but: %v", err)
	}
	var imgs []string
	for _, pattern := range []string{"*.png", "*.jpg"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "digits", pattern))
		imgs = append(imgs, m...)
	}
	code, stdout, stderr := runCLI(t, append([]string{"predict", "--model", model}, imgs...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		path, result, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		want := digitNames[strings.SplitN(filepath.Base(path), "-", 2)[0]]
		if got := strings.SplitN(result, " ", 2)[0]; got != want {
			t.Errorf("%s: read as %s, want %s (%s)", filepath.Base(path), got, want, result)
		}
	}
}

// TestShippedModelAccuracy: `werkbank evaluate --model models/NAME` prints
// the test accuracy recorded when the shipped model was trained (its
// result.json), for the post's model, the one trained with augmentation
// and Chris Deotte's Kaggle model (all committed: a missing one fails the
// test).
func TestShippedModelAccuracy(t *testing.T) {
	for _, name := range []string{"blog-cnn", "blog-cnn-augmented", "kaggle-cnn"} {
		t.Run(name, func(t *testing.T) {
			model := filepath.Join("..", "..", "models", name)
			data, err := os.ReadFile(filepath.Join(model, "result.json"))
			if err != nil {
				t.Fatalf("the shipped model's result is committed, but: %v", err)
			}
			var res study.Result
			if err := json.Unmarshal(data, &res); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCLI(t, "evaluate", "--model", model, "--no-download")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want := fmt.Sprintf("Accuracy: %.4f", res.TestAcc)
			if !strings.Contains(stdout, want) {
				t.Errorf("evaluate printed\n%s\nwant a line %q", stdout, want)
			}
		})
	}
}
