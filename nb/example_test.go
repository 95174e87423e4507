package nb_test

import (
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
	"github.com/kiwerkstatt/werkbank/nb"
)

// The model cell: Keras' model.summary() of the post's model, then its
// parameter count next to the post's (Total params 43,290 for both).
func ExampleNotebook_Summary() {
	book := nb.Open("01-ki-werkstatt-cnn", "en")
	book.Summary(cnnlib.PostModel())
}

// The model and training cells of a notebook, as the post writes them. The
// mode comes from the cell's flag (%% --mode=quick), else
// $WERKBANK_NOTEBOOK_MODE, else shipped: the post's model is then loaded
// from models/blog-cnn, a changed one trains briefly.
func ExampleNotebook_Fit() {
	book := nb.Open("01-ki-werkstatt-cnn", "de")
	model := cnnlib.Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Flatten(),
		layers.Dense(10, layers.Softmax),
	)
	compiled := cnnlib.Compile{Optimizer: cnnlib.RMSprop(0.001), Loss: cnnlib.CategoricalCrossentropy, Metrics: []string{cnnlib.Accuracy}}
	book.Summary(model)
	book.Fit(model, compiled, cnnlib.FitConfig{Epochs: 15, BatchSize: 162, Shuffle: true, ValidationSplit: 0.1, Seed: 1})
	book.Test()
}
