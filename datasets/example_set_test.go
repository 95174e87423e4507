package datasets_test

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/datasets"
)

// A Set of 10 one-pixel images whose value and label is their index.
func tenExamples() *datasets.Set {
	s := &datasets.Set{Count: 10, Rows: 1, Cols: 1, Images: make([]byte, 10), Labels: make([]byte, 10)}
	for i := range 10 {
		s.Images[i] = byte(i)
		s.Labels[i] = byte(i % 3)
	}
	return s
}

// Keras' fit(validation_split=0.2) keeps the last 20% of the arrays, in
// order, for validation.
func ExampleSet_ValidationSplit() {
	train, val, err := tenExamples().ValidationSplit(0.2)
	if err != nil {
		panic(err)
	}
	fmt.Println("train:", train.Count, train.Images)
	fmt.Println("val:  ", val.Count, val.Images)
	// Output:
	// train: 8 [0 1 2 3 4 5 6 7]
	// val:   2 [8 9]
}

// Float32 is Keras' x.astype("float32") / 255.
func ExampleSet_Float32() {
	s := &datasets.Set{Count: 1, Rows: 1, Cols: 3, Images: []byte{0, 128, 255}, Labels: []byte{0}}
	fmt.Println(s.Float32())
	// Output: [0 0.5019608 1]
}

func ExampleSet_LabelHistogram() {
	fmt.Println(tenExamples().LabelHistogram(3))
	// Output: [4 3 3]
}

// OneHot is Keras' to_categorical: one row of classes values per label.
func ExampleOneHot() {
	y := datasets.OneHot([]byte{2, 0, 1}, 3)
	for i := 0; i < len(y); i += 3 {
		fmt.Println(y[i : i+3])
	}
	// Output:
	// [0 0 1]
	// [1 0 0]
	// [0 1 0]
}
