package nb

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
)

// Fit is the training cell's model.fit: it trains the model the cells
// define (spec, compiled with compile) with fit's settings and makes it the
// notebook's current model, which every later cell reads (Current). In the
// default mode, Shipped, the model shipped in models/blog-cnn is loaded
// instead when spec, compile and fit are the post's (the seed aside); a
// changed model trains in Quick mode, and %% --mode=full trains it as the
// cell says. Training shows its progress and curves live; an interrupted
// training (Jupyter's stop button) keeps its completed epochs, and running
// the cell again resumes after them. Errors end the cell.
func (n *Notebook) Fit(spec cnnlib.Spec, compile cnnlib.Compile, fit cnnlib.FitConfig) *cnnlib.Loaded {
	mode, err := chosenMode()
	if err != nil {
		fail(err)
	}
	m := Must(n.fitIn(mode, spec, compile, fit))
	printVsPost(n.out(), valAccVsPost(m.History), timeVsPost(m.History))
	if st := Must(n.state()); st.Mode == Quick {
		ev := Must(m.Evaluate(Must(mnist()).TestData()))
		fmt.Fprintln(n.out(), lang.Sprintf("nb.quick.test", ev.Accuracy, ev.Loss))
		n.printAgainstBaseline(ev.Accuracy)
	}
	return m
}

// Summary is the model cell's model.summary(): Keras' table of spec, then
// its parameter count next to the post's. Errors end the cell.
func (n *Notebook) Summary(spec cnnlib.Spec) {
	Check(spec.Summary(n.out()))
	fmt.Fprintln(n.out())
	printVsPost(n.out(), paramsVsPost(spec))
}

// Setup prints the notebook's boilerplate facts (PrintSetup).
func (n *Notebook) Setup() { Check(n.printSetup()) }

// DescribeData loads MNIST and prints its splits and label counts.
func (n *Notebook) DescribeData() {
	Must(mnist()).describe(n.out())
}

// DescribeFeatures prints the feature tensors' shapes and ranges and shows
// the first ten training images.
func (n *Notebook) DescribeFeatures() {
	d := Must(mnist())
	d.describeFeatures(n.out())
	Show(d.Samples(10))
}

// Model returns the current model, the one the training cell made.
func (n *Notebook) Model() *cnnlib.Model { return Must(n.current()).Model }

// History returns the training history of the current model.
func (n *Notebook) History() *cnnlib.History {
	h := Must(n.current()).History
	if h == nil {
		fail(fmt.Errorf("the current model in %s has no training history", n.modelPath()))
	}
	return h
}

// Test is model.evaluate on the 10,000 test images, next to the post's result.
func (n *Notebook) Test() cnnlib.Evaluation {
	m := Must(n.current())
	fmt.Fprintln(n.out(), describe(m))
	ev := Must(n.evaluate(m))
	printVsPost(n.out(), accuracyVsPost(ev), lossVsPost(ev))
	return ev
}

// Save saves the current model as the directory name in the work directory
// and checks that it loads back (SaveAs).
func (n *Notebook) Save(name string) { Must(n.saveAs(Must(n.current()), name)) }

// CompareWithPost draws our validation accuracy next to the post's, epoch by
// epoch, and prints both histories.
func (n *Notebook) CompareWithPost() {
	h := n.History()
	Show(figures.Compare("val_acc", figures.Run{Name: lang.T("nb.post.keras"), History: figures.PostHistory()}, figures.Run{Name: lang.T("nb.post.ours"), History: h}))
	historyVsPost(n.out(), h)
}

// Data returns MNIST (loaded once per cell).
func (n *Notebook) Data() *MNIST { return Must(mnist()) }

// VsPost prints rows of the post's numbers next to ours.
func (n *Notebook) VsPost(rows ...Row) { printVsPost(n.out(), rows...) }

// PrintDistances prints the distance matrix of the codes of Abb 6.
func (n *Notebook) PrintDistances(inputs []figures.CodeInput, dist [][]float64) {
	writeDistances(n.out(), inputs, dist)
}
