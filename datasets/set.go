package datasets

import (
	"fmt"
	"math"
)

// Set is one split of an image-classification dataset: raw pixels as in the IDX files.
//
// Keeping bytes (47 MB for MNIST's training images, a quarter of the float32
// copy) lets every consumer choose its own conversion, and matches the uint8
// arrays that keras.datasets.mnist.load_data returns.
type Set struct {
	Images            []byte // Count*Rows*Cols, row-major, 0 = background
	Labels            []byte // Count
	Count, Rows, Cols int
}

// Image returns a view of image i: Rows*Cols bytes, row-major. The view's
// capacity ends with the image, so appending to it cannot overwrite image i+1.
func (s *Set) Image(i int) []byte {
	if i < 0 || i >= s.Count {
		panic(fmt.Sprintf("datasets: Image(%d) out of range [0, %d)", i, s.Count))
	}
	n := s.Rows * s.Cols
	return s.Images[i*n : (i+1)*n : (i+1)*n]
}

// Slice returns the examples [from, to) as a Set that shares memory with s.
func (s *Set) Slice(from, to int) *Set {
	if from < 0 || to < from || to > s.Count {
		panic(fmt.Sprintf("datasets: Slice(%d, %d) out of range [0, %d]", from, to, s.Count))
	}
	n := s.Rows * s.Cols
	return &Set{
		Images: s.Images[from*n : to*n : to*n],
		Labels: s.Labels[from:to:to],
		Count:  to - from,
		Rows:   s.Rows,
		Cols:   s.Cols,
	}
}

// Float32 returns the images as Keras code prepares them:
//
//	x = x.reshape(n, 28, 28, 1).astype("float32") / 255
//
// The (N, Rows, Cols, 1) layout adds a channel axis of size 1, which does not
// change the order of the values, so the result is the flattened tensor in
// row-major order. Each value is float32(b)/255 computed in float32 (what
// NumPy does for a float32 array divided by a Python int), so the values are
// bit-identical to Keras' and not merely close.
func (s *Set) Float32() []float32 {
	out := make([]float32, len(s.Images))
	ScalePixels(out, s.Images)
	return out
}

// ScalePixels sets dst[i] = float32(src[i]) / 255 (see Set.Float32) for
// every byte of src; dst must be at least as long.
func ScalePixels(dst []float32, src []uint8) {
	for i, b := range src {
		dst[i] = float32(b) / 255
	}
}

// ValidationSplit splits s as Keras' fit(validation_split=fraction) does: the
// validation set is the LAST part of the arrays, taken before any shuffling,
// starting at
//
//	split_at = int(Count * (1.0 - fraction))
//
// computed in float64 and truncated, exactly as Keras computes it; 0.1 of
// MNIST's 60000 training images gives 54000 for training and 6000 for
// validation. Both results share memory with s. A fraction outside [0, 1), or
// one that leaves the training part empty, is an error; a fraction of 0
// returns an empty validation set.
func (s *Set) ValidationSplit(fraction float64) (train, val *Set, err error) {
	if math.IsNaN(fraction) || fraction < 0 || fraction >= 1 {
		return nil, nil, fmt.Errorf("validation split %v is outside [0, 1)", fraction)
	}
	splitAt := int(float64(s.Count) * (1.0 - fraction))
	if fraction > 0 && (splitAt == 0 || splitAt == s.Count) {
		// Keras (TF 2) refuses this case too rather than train or validate on nothing.
		return nil, nil, fmt.Errorf("validation split %v of %d examples leaves %d for training and %d for validation",
			fraction, s.Count, splitAt, s.Count-splitAt)
	}
	return s.Slice(0, splitAt), s.Slice(splitAt, s.Count), nil
}

// LabelHistogram counts the examples of each class 0..classes-1. It panics on
// a label >= classes: the loaders reject such files, so one here is a bug.
func (s *Set) LabelHistogram(classes int) []int {
	h := make([]int, classes)
	for i, l := range s.Labels {
		if int(l) >= classes {
			panic(fmt.Sprintf("datasets: label %d of example %d is not below %d classes", l, i, classes))
		}
		h[l]++
	}
	return h
}

// OneHot encodes labels as Keras' to_categorical(labels, classes) does:
// len(labels) rows of classes float32 values, 1 at the label's index and 0
// elsewhere, flattened row-major. Like to_categorical it panics on a label
// that is not below classes.
func OneHot(labels []byte, classes int) []float32 {
	out := make([]float32, len(labels)*classes)
	for i, l := range labels {
		if int(l) >= classes {
			panic(fmt.Sprintf("datasets: OneHot: label %d of example %d is not below %d classes", l, i, classes))
		}
		out[i*classes+int(l)] = 1
	}
	return out
}
