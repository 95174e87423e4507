package cnnlib_test

import (
	"fmt"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// The post's model.summary(), from the spec alone (no backend needed). Keras
// pads every row to 65 characters; the padding is trimmed here for godoc.
func ExampleSpec_Summary() {
	var b strings.Builder
	cnnlib.PostModel().Summary(&b)
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		fmt.Println(strings.TrimRight(line, " "))
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

// The post suggests replacing MaxPooling2D by BatchNormalization: the images
// then keep their 28x28 size through all four convolutions.
func ExampleHyperparameters_Spec() {
	hp := cnnlib.PostHyperparameters()
	hp.Pooling = "batchnorm"
	spec, _ := hp.Spec()
	trainable, nonTrainable, _ := spec.ParamCount()
	fmt.Println(spec.Name, trainable, nonTrainable)
	// Output: blog-cnn-batchnorm 1630682 192
}

func ExampleNewOptimizer() {
	opt, _ := cnnlib.NewOptimizer("rmsprop")
	fmt.Printf("%+v\n", opt)
	// Output: {Name:rmsprop LearningRate:0.001 Rho:0.9 Beta1:0 Beta2:0 Momentum:0 Epsilon:1e-07}
}
