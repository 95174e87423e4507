package cnnlib

import (
	"slices"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/kiwerkstatt/werkbank/datasets"
)

// byteSet returns a set of n 2x2 images with every byte value 0..255 used.
func byteSet(n int) *datasets.Set {
	s := &datasets.Set{Images: make([]byte, n*4), Labels: make([]byte, n), Count: n, Rows: 2, Cols: 2}
	for i := range s.Images {
		s.Images[i] = byte(i * 37)
	}
	for i := range s.Labels {
		s.Labels[i] = byte(i % 10)
	}
	return s
}

// Byte data reads as the float32 copy that Keras' x / 255 makes, bit for
// bit: whole, sliced, one image at a time and in a gathered batch.
func TestFromSetReadsAsFloat32(t *testing.T) {
	s := byteSet(70)
	want := s.Float32()
	d := FromSet(s)
	if d.Len() != 70 || !slices.Equal(d.Images(), want) {
		t.Fatalf("Images() of byte data differ from Set.Float32")
	}
	if got := d.Slice(3, 5).Images(); !slices.Equal(got, want[12:20]) {
		t.Errorf("Slice(3, 5).Images() = %v, want %v", got, want[12:20])
	}
	img := make([]float32, 4)
	d.copyImage(img, 69, 4)
	if !slices.Equal(img, want[276:280]) {
		t.Errorf("copyImage(69) = %v, want %v", img, want[276:280])
	}
	floats := NewData(want, d.Labels)
	m := &Model{Spec: Spec{InputShape: [3]int{2, 2, 1}}}
	idx := []int{5, 0, 69, 5}
	xb, yb := m.gather(d, idx)
	xf, yf := m.gather(floats, idx)
	defer finalize(xb, yb, xf, yf)
	if !slices.Equal(tensors.MustCopyFlatData[float32](xb), tensors.MustCopyFlatData[float32](xf)) {
		t.Errorf("a batch gathered from byte data differs from one gathered from float data")
	}
}

// A byte data set whose pixels do not fill whole images is refused as float data is.
func TestByteDataCheck(t *testing.T) {
	s := byteSet(3)
	d := FromSet(s)
	spec := Spec{InputShape: [3]int{2, 2, 1}, Classes: 10}
	if err := d.check(spec, "training data"); err != nil {
		t.Fatalf("check: %v", err)
	}
	d.Labels = append(d.Labels, 1)
	if err := d.check(spec, "training data"); err == nil {
		t.Errorf("12 pixel values for 4 labels accepted")
	}
}
