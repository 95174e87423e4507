package cnnlib

import (
	"strings"
	"testing"
)

// blogSummary is the model.summary() table of the post (whitespace aside).
const blogSummary = `
Layer (type) Output Shape Param #
conv2d_1 (Conv2D) (None, 28, 28, 32) 320
max_pooling2d_1 (MaxPooling2 (None, 14, 14, 32) 0
conv2d_2 (Conv2D) (None, 14, 14, 32) 9248
max_pooling2d_2 (MaxPooling2 (None, 7, 7, 32) 0
conv2d_3 (Conv2D) (None, 7, 7, 32) 9248
max_pooling2d_3 (MaxPooling2 (None, 3, 3, 32) 0
conv2d_4 (Conv2D) (None, 3, 3, 16) 4624
dropout_1 (Dropout) (None, 3, 3, 16) 0
flatten_1 (Flatten) (None, 144) 0
dropout_2 (Dropout) (None, 144) 0
dense_1 (Dense) (None, 128) 18560
dropout_3 (Dropout) (None, 128) 0
dense_2 (Dense) (None, 10) 1290
Total params: 43,290
Trainable params: 43,290
Non-trainable params: 0
`

// contentLines drops rule lines and collapses runs of spaces.
func contentLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" || strings.Trim(line, "_=") == "" {
			continue
		}
		out = append(out, line)
	}
	return out
}

func TestSummaryMatchesPost(t *testing.T) {
	var b strings.Builder
	if err := PostModel().Summary(&b); err != nil {
		t.Fatal(err)
	}
	got, want := contentLines(b.String()), contentLines(blogSummary)
	if len(got) != len(want) {
		t.Fatalf("summary has %d content lines, post has %d:\n%s", len(got), len(want), b.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}

func TestSummaryLayout(t *testing.T) {
	var b strings.Builder
	if err := PostModel().Summary(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	// Keras 2: rule, header, '=' rule, 13 layers each followed by a rule, 3 totals, rule.
	if len(lines) != 1+1+1+13*2+3+1 {
		t.Fatalf("%d lines:\n%s", len(lines), b.String())
	}
	for i, line := range lines[:3+13*2] {
		if len(line) != summaryWidth {
			t.Errorf("line %d is %d characters wide, want %d: %q", i, len(line), summaryWidth, line)
		}
	}
	if !strings.HasPrefix(lines[5], "max_pooling2d_1 (MaxPooling2 (None, 14, 14, 32)") {
		t.Errorf("pooling row not truncated as Keras does: %q", lines[5])
	}
}
