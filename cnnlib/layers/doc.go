// Package layers writes a model the way the KI-Werkstatt post writes it in
// Keras, one line per layer:
//
//	spec := cnnlib.Sequential(
//		layers.Input(28, 28, 1),
//		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
//		layers.MaxPooling2D(2),
//		...
//		layers.Dense(128, layers.ReLU, layers.L2(0.007)),
//		layers.Dropout(0.4),
//		layers.Dense(10, layers.Softmax),
//	)
//
// Each function returns a Layer, the plain struct that a cnnlib.Spec (and its
// JSON file) holds; options such as Same, ReLU or L2 set its fields. Nothing is
// checked here: cnnlib.Spec.Infer validates the whole model and names the
// layer that is wrong.
package layers
