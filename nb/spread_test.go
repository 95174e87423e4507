package nb

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewSpread(t *testing.T) {
	s, err := newSpread([]float64{0.99, 0.98, 1.0})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(s.Mean-0.99) > 1e-12 || math.Abs(s.SD-0.01) > 1e-12 || s.Min != 0.98 || s.Max != 1.0 {
		t.Errorf("spread %+v", s)
	}
	if got := s.String(); got != "0.9900 ± 0.0100 (3 seeds, 0.9800-1.0000)" {
		t.Errorf("String = %q", got)
	}
	if _, err := newSpread([]float64{0.99}); err == nil {
		t.Error("one value: no error")
	}
}

func TestSpreadJudge(t *testing.T) {
	s, _ := newSpread([]float64{0.989, 0.990, 0.991, 0.990}) // mean 0.99, sd 0.000816
	if m := s.Margin(1); math.Abs(m-2*s.SD) > 1e-15 {
		t.Errorf("Margin(1) = %v, want 2 sd", m)
	}
	if m, want := s.Margin(4), 2*s.SD*math.Sqrt(0.5); math.Abs(m-want) > 1e-15 {
		t.Errorf("Margin(4) = %v, want %v", m, want)
	}
	for _, tc := range []struct {
		mean float64
		k    int
		want verdict
	}{
		{0.9915, 1, Inside}, {0.9918, 1, ClearlyAbove}, {0.9882, 1, ClearlyBelow},
		{0.9913, 4, ClearlyAbove}, // beyond 2 standard errors of 4 runs against 4, inside 2 sd
		{0.9905, 4, Inside},
	} {
		if got := s.Judge(tc.mean, tc.k); got != tc.want {
			t.Errorf("Judge(%v, %d) = %v, want %v", tc.mean, tc.k, got, tc.want)
		}
	}
	if got := s.Sentence(0.9882, 1); !strings.Contains(got, "0.9882 lands clearly below the spread: more than 2 sd (0.0016) from its mean") {
		t.Errorf("Sentence = %q", got)
	}
	if got := s.Sentence(0.9905, 3); !strings.Contains(got, "the mean of 3 runs, 0.9905, lands inside the spread") || !strings.Contains(got, "seed noise") {
		t.Errorf("Sentence = %q", got)
	}
}

func TestReadSpread(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("seed-1/result.json", `{"test_acc": 0.9896, "seed": 1}`)
	write("seed-2/result.json", `{"test_acc": 0.9902, "seed": 2}`)
	write("seed-2/train.log", "not read")
	s, err := readSpread(dir)
	if err != nil || len(s.Values) != 2 || math.Abs(s.Mean-0.9899) > 1e-12 || s.Source != dir {
		t.Fatalf("readSpread = %+v, %v", s, err)
	}
	write("seed-3/result.json", `{"seed": 3}`)
	if _, err := readSpread(dir); err == nil || !strings.Contains(err.Error(), "seed-3") || !strings.Contains(err.Error(), "no field test_acc") {
		t.Errorf("missing test_acc: %v", err)
	}
	if _, err := readSpread(filepath.Join(dir, "nope")); err == nil || !strings.Contains(err.Error(), "scripts/experiments.sh quick") {
		t.Errorf("missing dir: %v", err)
	}
}

// TestQuickBaselineCommitted: the committed study of the quick budget has
// at least ten seeds, and its mean is the post's level (>= 0.985).
func TestQuickBaselineCommitted(t *testing.T) {
	s, err := quickBaseline()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Values) < 10 || s.Mean < 0.985 || s.SD <= 0 {
		t.Errorf("quick baseline %v", s)
	}
}
