package nb_test

import (
	"fmt"
	"os"

	"github.com/kiwerkstatt/werkbank/cnnlib"
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

// The training cell of a notebook: the mode comes from the cell's flag
// (%% --mode=quick), else $WERKBANK_NOTEBOOK_MODE, else shipped.
func ExampleNotebook_TrainOrLoad() {
	book := nb.Open("01-ki-werkstatt-cnn")
	mode := nb.Must(nb.ChosenMode())
	m := nb.Must(book.TrainOrLoad(mode))
	fmt.Println(nb.Describe(m))
}
