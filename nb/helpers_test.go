package nb

import (
	"bytes"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// tinyBench is a bench configuration small enough to train in a second.
func tinyBench(name string) runConfig {
	c := defaultRunConfig()
	c.Name = name
	c.Filters = []int{2, 2, 2, 2}
	c.Dense = 8
	c.Epochs = 1
	c.BatchSize = 16
	c.TrainImages = 80
	c.TestImages = 20
	return c
}

// tinyPlan is a training plan of a tiny model.
func tinyPlan(t *testing.T) trainingPlan {
	t.Helper()
	spec, err := tinyBench("").Spec()
	if err != nil {
		t.Fatal(err)
	}
	fit := cnnlib.PostFitConfig()
	fit.Epochs, fit.BatchSize, fit.Seed = 2, 16, 1
	p, err := planFor(Quick, spec, fit)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// synthetic returns n 28x28 images of two easy classes: a bright left half
// (label 0) or a bright right half (label 1).
func synthetic(n int) cnnlib.Data {
	d := cnnlib.NewData(make([]float32, n*28*28), make([]int32, n))
	for i := range n {
		label := i % 2
		d.Labels[i] = int32(label)
		for r := range 28 {
			for c := range 28 {
				if (c < 14) == (label == 0) {
					d.Images()[i*784+r*28+c] = 0.5 + 0.5*float32((r*7+c*3+i)%5)/4
				}
			}
		}
	}
	return d
}

// testBook returns a notebook with its work directory in a temporary
// directory, the pure Go backend, and its output captured.
func testBook(t *testing.T) (*Notebook, *bytes.Buffer) {
	t.Helper()
	t.Setenv(WorkDirEnv, t.TempDir())
	n := Open("test", "en")
	var out bytes.Buffer
	n.Out = &out
	n.Backend = "go"
	return n, &out
}
