package layers_test

import (
	"fmt"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

// The post's model cell, line for line.
func Example() {
	model := cnnlib.Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Conv2D(16, 3, layers.Same, layers.ReLU),
		layers.Dropout(0.4),
		layers.Flatten(),
		layers.Dropout(0.4),
		layers.Dense(128, layers.L2(0.007), layers.ReLU),
		layers.Dropout(0.4),
		layers.Dense(10, layers.Softmax),
	)
	var summary strings.Builder
	if err := model.Summary(&summary); err != nil {
		fmt.Println(err)
	}
	for _, line := range strings.Split(summary.String(), "\n") {
		fmt.Println(strings.TrimRight(line, " ")) // Keras pads its columns
	}
	// Output:
	// _________________________________________________________________
	// Layer (type)                 Output Shape              Param #
	// =================================================================
	// conv2d_1 (Conv2D)            (None, 28, 28, 32)        320
	// _________________________________________________________________
	// max_pooling2d_1 (MaxPooling2 (None, 14, 14, 32)        0
	// _________________________________________________________________
	// conv2d_2 (Conv2D)            (None, 14, 14, 32)        9248
	// _________________________________________________________________
	// max_pooling2d_2 (MaxPooling2 (None, 7, 7, 32)          0
	// _________________________________________________________________
	// conv2d_3 (Conv2D)            (None, 7, 7, 32)          9248
	// _________________________________________________________________
	// max_pooling2d_3 (MaxPooling2 (None, 3, 3, 32)          0
	// _________________________________________________________________
	// conv2d_4 (Conv2D)            (None, 3, 3, 16)          4624
	// _________________________________________________________________
	// dropout_1 (Dropout)          (None, 3, 3, 16)          0
	// _________________________________________________________________
	// flatten_1 (Flatten)          (None, 144)               0
	// _________________________________________________________________
	// dropout_2 (Dropout)          (None, 144)               0
	// _________________________________________________________________
	// dense_1 (Dense)              (None, 128)               18560
	// _________________________________________________________________
	// dropout_3 (Dropout)          (None, 128)               0
	// _________________________________________________________________
	// dense_2 (Dense)              (None, 10)                1290
	// =================================================================
	// Total params: 43,290
	// Trainable params: 43,290
	// Non-trainable params: 0
	// _________________________________________________________________
}

// A variant in the same form: wider filters, no L2, BatchNormalization
// instead of the first pooling layer.
func Example_variant() {
	model := cnnlib.Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(64, 3, layers.Same, layers.ReLU),
		layers.BatchNormalization(),
		layers.Conv2D(32, 5, layers.Valid, layers.Activation("tanh")),
		layers.MaxPooling2D(2),
		layers.Flatten(),
		layers.Dense(10, layers.Softmax),
	)
	trainable, nonTrainable, err := model.ParamCount()
	fmt.Println(trainable, nonTrainable, err)
	// Output:
	// 98090 128 <nil>
}

// Chris Deotte's Kaggle model in short: strided 'same' convolutions in
// place of pooling, BatchNormalization after every Conv2D.
func Example_strides() {
	model := cnnlib.Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(32, 3, layers.ReLU),
		layers.BatchNormalization(),
		layers.Conv2D(32, 5, layers.Strides(2), layers.Same, layers.ReLU),
		layers.BatchNormalization(),
		layers.Dropout(0.4),
		layers.Conv2D(64, 4, layers.Strides(3), layers.Valid, layers.ReLU),
		layers.Flatten(),
		layers.Dense(10, layers.Softmax),
	)
	infos, err := model.Infer()
	if err != nil {
		fmt.Println(err)
	}
	for _, l := range infos {
		fmt.Println(l.Name, l.OutputShape, l.Trainable, l.NonTrainable)
	}
	// Output:
	// conv2d_1 [26 26 32] 320 0
	// batch_normalization_1 [26 26 32] 64 64
	// conv2d_2 [13 13 32] 25632 0
	// batch_normalization_2 [13 13 32] 64 64
	// dropout_1 [13 13 32] 0 0
	// conv2d_3 [4 4 64] 32832 0
	// flatten_1 [1024] 0 0
	// dense_1 [10] 10250 0
}
