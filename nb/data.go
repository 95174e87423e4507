package nb

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/datasets"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// MNIST is the data set as the notebooks use it: the raw splits and their
// features as the model consumes them (pixels / 255 in (N, 28, 28, 1) order,
// integer labels).
type MNIST struct {
	*datasets.Dataset

	trainOnce, testOnce sync.Once
	train, test         cnnlib.Data
}

// TrainData returns the training images as the model takes them, converted
// on first use (the 60,000 images take 188 MB as float32).
func (d *MNIST) TrainData() cnnlib.Data {
	d.trainOnce.Do(func() { d.train = cnnlib.FromSet(d.Train) })
	return d.train
}

// TestData returns the test images as the model takes them, converted on
// first use.
func (d *MNIST) TestData() cnnlib.Data {
	d.testOnce.Do(func() { d.test = cnnlib.FromSet(d.Test) })
	return d.test
}

var (
	dataOnce sync.Once
	data     *MNIST
	dataErr  error
)

// Data loads MNIST once per program (per cell: each GoNB cell is a program of
// its own); after the first download it comes from the local cache, verified.
// Download progress and warnings go to standard error.
func mnist() (*MNIST, error) {
	dataOnce.Do(func() {
		var ds *datasets.Dataset
		ds, dataErr = datasets.LoadMNIST(datasets.Options{Progress: os.Stderr})
		if dataErr == nil {
			data = &MNIST{Dataset: ds}
		}
	})
	return data, dataErr
}

// TestImage returns test image i as the model takes it (784 float32 values in [0, 1]).
func (d *MNIST) TestImage(i int) []float32 {
	return d.TestData().Slice(i, i+1).Images()
}

// DescribeFeatures prints what the post's feature engineering makes of the
// data: the shapes and value ranges of the tensors the model receives.
func (d *MNIST) describeFeatures(w io.Writer) {
	for _, split := range []struct {
		name string
		data cnnlib.Data
	}{{"train", d.TrainData()}, {"test", d.TestData()}} {
		lo, hi := pixelRange(split.data)
		fmt.Fprintf(w, "%s_images: (%d, %d, %d, 1) float32 in [%g, %g]    %s_labels: (%d,) int32\n",
			split.name, split.data.Len(), d.Train.Rows, d.Train.Cols, lo, hi, split.name, split.data.Len())
	}
	label := d.Train.Labels[0]
	oneHot := datasets.OneHot([]byte{byte(label)}, 10)
	fmt.Fprintln(w, lang.Sprintf("nb.data.onehot", label, oneHot))
}

// Samples draws the first n training images with their labels.
func (d *MNIST) Samples(n int) (plots.Figure, error) {
	n = min(n, d.Train.Count)
	side := d.Train.Rows
	maps := make([]plots.Map, n)
	for i := range maps {
		maps[i] = plots.Map{Data: cnnlib.FromSet(d.Train.Slice(i, i+1)).Images(), Rows: side, Cols: d.Train.Cols,
			Title: lang.Sprintf("nb.data.label", d.Train.Labels[i])}
	}
	return plots.Row(maps, plots.GridOptions{Title: lang.Sprintf("nb.data.first", n)})
}

// pixelRange returns the smallest and the largest pixel value of d, read a
// thousand images at a time (byte data is scaled as it is read).
func pixelRange(d cnnlib.Data) (lo, hi float32) {
	const chunk = 1000
	for from := 0; from < d.Len(); from += chunk {
		for k, x := range d.Slice(from, min(from+chunk, d.Len())).Images() {
			if from == 0 && k == 0 {
				lo, hi = x, x
			}
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	return lo, hi
}
