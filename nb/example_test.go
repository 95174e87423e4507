package nb_test

import (
	"fmt"
	"os"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
	"github.com/kiwerkstatt/werkbank/nb"
)

// The post's numbers next to ours: here the parameter count, which needs no
// training. The notebooks add the test accuracy and the noise prediction.
func ExamplePrintVsPost() {
	nb.PrintVsPost(os.Stdout, nb.ParamsVsPost(cnnlib.BlogModel()))
	// Output:
	//                                 the post (Keras)   ours (Go)
	// Total params (model.summary)   43,290             43,290
}

// A workshop run is named after what it changes.
func ExampleBenchConfig_AutoName() {
	c := nb.DefaultBenchConfig()
	c.Optimizer, c.LR = "adam", 0.002
	fmt.Println(c.AutoName())
	// Output: optimizer=adam lr=0.002
}

// The model and training cells of a notebook, as the post writes them. The
// mode comes from the cell's flag (%% --mode=quick), else
// $WERKBANK_NOTEBOOK_MODE, else shipped: the post's model is then loaded
// from models/blog-cnn, a changed one trains briefly.
func ExampleNotebook_Fit() {
	book := nb.Open("01-ki-werkstatt-cnn")
	model := cnnlib.Sequential(
		layers.Input(28, 28, 1),
		layers.Conv2D(32, 3, layers.Same, layers.ReLU),
		layers.MaxPooling2D(2),
		layers.Flatten(),
		layers.Dense(10, layers.Softmax),
	)
	compiled := cnnlib.Compile{Optimizer: cnnlib.RMSprop(0.001), Loss: cnnlib.CategoricalCrossentropy, Metrics: []string{cnnlib.Accuracy}}
	book.Summary(model)
	m := book.Fit(model, compiled, cnnlib.FitConfig{Epochs: 15, BatchSize: 162, Shuffle: true, ValidationSplit: 0.1, Seed: 1})
	fmt.Println(nb.Describe(m))
}

// Notebook 03 shows an experiment's conclusion from its README.md: the
// section under a "## Conclusion" heading.
func ExampleConclusion() {
	readme := "# Augmentation\n\nWhat was run.\n\n## Conclusion\n\nAugmentation helps.\n\n## Files\n\nruns/\n"
	fmt.Println(nb.Conclusion(readme))
	// Output: Augmentation helps.
}
