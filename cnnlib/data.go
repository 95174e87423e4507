package cnnlib

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/datasets"
)

// Data is a set of images and labels as the model consumes them: pixels in
// NHWC order as float32 (Keras scales MNIST by 1/255) and integer class labels.
type Data struct {
	Images []float32 // N*h*w*c
	Labels []int32   // N
}

// Len returns the number of samples.
func (d Data) Len() int { return len(d.Labels) }

// Slice returns samples [from, to) as views.
func (d Data) Slice(from, to int) Data {
	per := len(d.Images) / max(len(d.Labels), 1)
	return Data{Images: d.Images[from*per : to*per], Labels: d.Labels[from:to]}
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
	if len(d.Images) != d.Len()*per {
		return fmt.Errorf("%s: %d pixel values for %d labels, want %d (%dx%dx%d per image)",
			what, len(d.Images), d.Len(), d.Len()*per, in[0], in[1], in[2])
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

// FromSet converts a dataset split the way the post prepares MNIST: pixels as
// float32 / 255 in (N, 28, 28, 1) order and the labels as integers.
func FromSet(s *datasets.Set) Data {
	labels := make([]int32, len(s.Labels))
	for i, l := range s.Labels {
		labels[i] = int32(l)
	}
	return Data{Images: s.Float32(), Labels: labels}
}
