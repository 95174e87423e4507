package nb

import (
	"strings"
	"testing"
)

// TestData loads the real MNIST (from the cache, or the offline copy in the
// Go module cache) once and checks the notebook's views of it.
func TestData(t *testing.T) {
	if testing.Short() {
		t.Skip("loads MNIST")
	}
	d, err := mnist()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := mnist()
	if again != d {
		t.Error("mnist() loaded twice")
	}
	if d.TrainData().Len() != 60000 || d.TestData().Len() != 10000 {
		t.Fatalf("sizes %d, %d", d.TrainData().Len(), d.TestData().Len())
	}
	if img := d.TestImage(4); len(img) != 784 || d.TestData().Labels[4] != 4 {
		t.Errorf("test image 4: %d values, label %d (the post's Abb 3 shows a 4)", len(img), d.TestData().Labels[4])
	}
	var b strings.Builder
	d.describe(&b)
	for _, want := range []string{"mnist: 60,000 training and 10,000 test images of 28x28 pixels", "train labels:  0: 5923", "test  labels:  0: 980", "t10k-labels-idx1-ubyte.gz", "sha256 verified"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Describe lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	d.describeFeatures(&b)
	for _, want := range []string{"train_images: (60000, 28, 28, 1) float32 in [0, 1]", "test_labels: (10000,) int32", "first training label: 5, one-hot (to_categorical): [0 0 0 0 0 1 0 0 0 0]"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("DescribeFeatures lacks %q:\n%s", want, b.String())
		}
	}
	fig, err := d.Samples(10)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w < 10*28 || h < 28 {
		t.Errorf("samples figure %dx%d", w, h)
	}
}
