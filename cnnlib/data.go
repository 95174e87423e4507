package cnnlib

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/datasets"
)

// Data is a set of images and labels as the model consumes them: pixels in
// NHWC order, scaled to [0, 1] (Keras scales MNIST by 1/255), and integer
// class labels. It holds the pixels either as float32 (NewData) or as the
// bytes 0..255 that MNIST stores (FromSet), which are scaled as batches are
// built: a quarter of the memory, the same values (float32(b) / 255 either way).
type Data struct {
	Labels []int32 // N

	floats []float32 // N*h*w*c, or nil when bytes hold the pixels
	bytes  []uint8   // N*h*w*c, scaled by 1/255 when read
}

// NewData returns the images (N*h*w*c float32 values, NHWC) and their labels as Data.
func NewData(images []float32, labels []int32) Data {
	return Data{Labels: labels, floats: images}
}

// Len returns the number of samples.
func (d Data) Len() int { return len(d.Labels) }

// pixels returns the number of pixel values, all images together.
func (d Data) pixels() int {
	if d.bytes != nil {
		return len(d.bytes)
	}
	return len(d.floats)
}

// Images returns the pixels of all images, N*h*w*c values in NHWC order:
// the data's own slice for float data, a new float32 copy for byte data.
func (d Data) Images() []float32 {
	if d.bytes == nil {
		return d.floats
	}
	out := make([]float32, len(d.bytes))
	datasets.ScalePixels(out, d.bytes)
	return out
}

// copyImage writes the per pixel values of image i into dst.
func (d Data) copyImage(dst []float32, i, per int) {
	if d.bytes != nil {
		datasets.ScalePixels(dst[:per], d.bytes[i*per:(i+1)*per])
		return
	}
	copy(dst[:per], d.floats[i*per:(i+1)*per])
}

// Slice returns samples [from, to) as views.
func (d Data) Slice(from, to int) Data {
	per := d.pixels() / max(len(d.Labels), 1)
	out := Data{Labels: d.Labels[from:to]}
	if d.bytes != nil {
		out.bytes = d.bytes[from*per : to*per]
	} else {
		out.floats = d.floats[from*per : to*per]
	}
	return out
}

// ValidationSplit splits off the last fraction of the samples, as Keras'
// validation_split does (before any shuffling): split_at = int(n * (1 - fraction)).
func (d Data) ValidationSplit(fraction float64) (train, val Data, err error) {
	if !(fraction >= 0 && fraction < 1) {
		return Data{}, Data{}, fmt.Errorf("validation split %v, want a value in [0, 1)", fraction)
	}
	at := int(float64(d.Len()) * (1 - fraction))
	return d.Slice(0, at), d.Slice(at, d.Len()), nil
}

// check verifies that d has whole images of the spec's input shape and labels in range.
func (d Data) check(spec Spec, what string) error {
	if d.Len() == 0 {
		return fmt.Errorf("%s: no samples", what)
	}
	if err := d.checkImages(spec, what); err != nil {
		return err
	}
	for i := range d.Labels {
		if err := d.checkLabel(spec, what, i); err != nil {
			return err
		}
	}
	return nil
}

// checkImages verifies that d holds one image of the spec's input shape per label.
func (d Data) checkImages(spec Spec, what string) error {
	in := spec.InputShape
	per := in[0] * in[1] * in[2]
	if d.pixels() != d.Len()*per {
		return fmt.Errorf("%s: %d pixel values for %d labels, want %d (%dx%dx%d per image)",
			what, d.pixels(), d.Len(), d.Len()*per, in[0], in[1], in[2])
	}
	return nil
}

// checkLabel verifies that the label of sample i is a class of the spec.
func (d Data) checkLabel(spec Spec, what string, i int) error {
	if l := d.Labels[i]; l < 0 || int(l) >= spec.Classes {
		return fmt.Errorf("%s: label %d of sample %d is outside 0..%d", what, l, i, spec.Classes-1)
	}
	return nil
}

// FromSet returns a dataset split the way the post prepares MNIST: pixels as
// float32 / 255 in (N, 28, 28, 1) order and the labels as integers. The
// pixels stay the split's bytes (no copy): read them with Images or train on them.
func FromSet(s *datasets.Set) Data {
	labels := make([]int32, len(s.Labels))
	for i, l := range s.Labels {
		labels[i] = int32(l)
	}
	return Data{Labels: labels, bytes: s.Images}
}
