package datasets

import (
	"math"
	"slices"
	"testing"
)

// testSet has count images of 2x3 pixels; image i is filled with byte i and
// has label i%10.
func testSet(count int) *Set {
	s := &Set{Images: make([]byte, count*6), Labels: make([]byte, count), Count: count, Rows: 2, Cols: 3}
	for i := range count {
		for j := range 6 {
			s.Images[i*6+j] = byte(i)
		}
		s.Labels[i] = byte(i % 10)
	}
	return s
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}

func TestSetViews(t *testing.T) {
	s := testSet(5)
	if img := s.Image(3); len(img) != 6 || cap(img) != 6 || img[0] != 3 {
		t.Errorf("Image(3) = %v (cap %d)", img, cap(img))
	}
	sub := s.Slice(1, 4)
	if sub.Count != 3 || sub.Rows != 2 || sub.Cols != 3 || sub.Image(0)[0] != 1 || !slices.Equal(sub.Labels, []byte{1, 2, 3}) {
		t.Errorf("Slice(1, 4) = %+v", sub)
	}
	// A view shares memory, and appending to it must not spill into s.
	sub.Images[0] = 99
	if s.Images[6] != 99 {
		t.Error("Slice copied instead of sharing memory")
	}
	_ = append(sub.Labels, 42)
	if s.Labels[4] != 4 {
		t.Error("append to a Slice overwrote the next label")
	}
	if e := s.Slice(5, 5); e.Count != 0 || len(e.Images) != 0 {
		t.Errorf("empty Slice = %+v", e)
	}
	mustPanic(t, "Image(5)", func() { s.Image(5) })
	mustPanic(t, "Image(-1)", func() { s.Image(-1) })
	mustPanic(t, "Slice(3, 2)", func() { s.Slice(3, 2) })
	mustPanic(t, "Slice(0, 6)", func() { s.Slice(0, 6) })
}

func TestFloat32MatchesKeras(t *testing.T) {
	s := &Set{Images: []byte{0, 1, 128, 254, 255}, Count: 5, Rows: 1, Cols: 1}
	got := s.Float32()
	// float32(b)/255 rounded once to float32, as NumPy computes
	// x.astype("float32") / 255; 128/255 is not 0.50196078431... in float32.
	want := []float32{0, 0.003921569, 0.5019608, 0.99607843, 1}
	if !slices.Equal(got, want) {
		t.Errorf("Float32() = %v, want %v", got, want)
	}
	if got[2] != float32(float64(128)/255) {
		t.Errorf("128/255 = %v is not the float32 nearest to the exact quotient", got[2])
	}
}

func TestValidationSplitLikeKeras(t *testing.T) {
	s := testSet(60000)
	train, val, err := s.ValidationSplit(0.1)
	if err != nil {
		t.Fatal(err)
	}
	if train.Count != 54000 || val.Count != 6000 {
		t.Fatalf("0.1 of 60000: %d/%d, want 54000/6000", train.Count, val.Count)
	}
	// The validation part is the end of the arrays, unshuffled.
	if val.Labels[0] != s.Labels[54000] || val.Image(0)[0] != byte(54000%256) {
		t.Error("validation set does not start at example 54000")
	}
	// Keras truncates: int(7 * 0.7) = int(4.8999999999999995) = 4.
	train, val, err = testSet(7).ValidationSplit(0.3)
	if err != nil || train.Count != 4 || val.Count != 3 {
		t.Errorf("0.3 of 7: %v/%v, %v", train, val, err)
	}
	train, val, err = testSet(10).ValidationSplit(0)
	if err != nil || train.Count != 10 || val.Count != 0 {
		t.Errorf("0 of 10: %v/%v, %v", train, val, err)
	}
	for _, f := range []float64{-0.1, 1, 1.5, math.NaN()} {
		if _, _, err := s.ValidationSplit(f); err == nil {
			t.Errorf("fraction %v accepted", f)
		}
	}
	if _, _, err := testSet(1).ValidationSplit(0.5); err == nil {
		t.Error("a split leaving no training example accepted")
	}
}

func TestLabelHistogram(t *testing.T) {
	h := testSet(25).LabelHistogram(10)
	if want := []int{3, 3, 3, 3, 3, 2, 2, 2, 2, 2}; !slices.Equal(h, want) {
		t.Errorf("histogram %v, want %v", h, want)
	}
	mustPanic(t, "LabelHistogram(5) with labels up to 9", func() { testSet(25).LabelHistogram(5) })
}

func TestOneHot(t *testing.T) {
	got := OneHot([]byte{2, 0}, 3)
	if want := []float32{0, 0, 1, 1, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("OneHot = %v, want %v", got, want)
	}
	mustPanic(t, "OneHot with label 3 of 3 classes", func() { OneHot([]byte{3}, 3) })
}
