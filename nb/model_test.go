package nb

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

func TestCurrentWithoutModel(t *testing.T) {
	n, _ := testBook(t)
	_, err := n.current()
	if err == nil || !strings.Contains(err.Error(), "run the training cell first") {
		t.Errorf("Current() without a model: %v", err)
	}
	if _, err := n.state(); err == nil {
		t.Error("State() without a model: no error")
	}
}

func TestTrainThenCurrent(t *testing.T) {
	n, out := testBook(t)
	plan := tinyPlan(t)
	m, err := n.train(plan, synthetic(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.History.Epochs) != 2 || m.History.TrainSamples != 90 {
		t.Errorf("history: %+v", m.History)
	}
	for _, want := range []string{"Mode quick: training", "on 100 images", "Epoch 2/2", "val_acc:", "It took:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	st, err := n.state()
	if err != nil || st.Mode != Quick || st.Source != "trained here" {
		t.Errorf("state %+v, %v", st, err)
	}

	cur, err := n.current()
	if err != nil {
		t.Fatal(err)
	}
	img := synthetic(4).Images()
	a, err := m.Predict(img)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cur.Predict(img)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if !slices.Equal(a[i], b[i]) {
			t.Errorf("image %d: Current predicts %v, the trained model %v", i, b[i], a[i])
		}
	}
	if cur.History == nil || len(cur.History.Epochs) != 2 || cur.Training == nil || cur.Training.Epochs != 2 {
		t.Errorf("Current lost the history or training info: %+v %+v", cur.History, cur.Training)
	}
	if d := describe(cur); !strings.Contains(d, "trained 2 epochs on 90 images (batch 16, rmsprop lr 0.01, seed 1, schedule onecycle, backend go)") {
		t.Errorf("Describe: %s", d)
	}

	// Training again with the same plan reuses the finished checkpoint.
	out.Reset()
	again, err := n.train(plan, synthetic(100))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Resuming") || strings.Contains(out.String(), "Epoch 1/2") {
		t.Errorf("second training did not reuse the checkpoint:\n%s", out)
	}
	c, _ := again.Predict(img)
	if !slices.Equal(a[0], c[0]) {
		t.Errorf("reused model predicts %v, first %v", c[0], a[0])
	}

	// SaveAs writes a loadable copy.
	out.Reset()
	dir, err := n.saveAs(cur, "persist_model")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, cnnlib.ModelFile)); err != nil {
		t.Error(err)
	}
	for _, want := range []string{"persist_model/model.json", "persist_model/history.json", "Saved model to disk", "identical predictions"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("SaveAs output lacks %q:\n%s", want, out)
		}
	}
}

func TestLoadShipped(t *testing.T) {
	n, out := testBook(t)
	m, err := n.train(tinyPlan(t), synthetic(100))
	if err != nil {
		t.Fatal(err)
	}
	shipped := filepath.Join(t.TempDir(), "blog-cnn")
	if err := m.Save(shipped, m.History, m.Training); err != nil {
		t.Fatal(err)
	}

	other, _ := testBook(t)
	other.Out = out
	other.Shipped = filepath.Join(t.TempDir(), "missing")
	if _, err := other.fitIn(Shipped, cnnlib.PostModel(), cnnlib.PostCompile(), cnnlib.PostFitConfig()); err == nil || !strings.Contains(err.Error(), "--mode=quick") {
		t.Errorf("missing shipped model: %v", err)
	}
	other.Shipped = shipped
	out.Reset()
	loaded, err := other.fitIn(Shipped, cnnlib.PostModel(), cnnlib.PostCompile(), cnnlib.PostFitConfig())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Loaded the shipped model "+rel(shipped)) || !strings.Contains(out.String(), "last epoch:") {
		t.Errorf("output:\n%s", out)
	}
	// Loading twice replaces the copy.
	if _, err := other.fitIn(Shipped, cnnlib.PostModel(), cnnlib.PostCompile(), cnnlib.PostFitConfig()); err != nil {
		t.Fatal(err)
	}
	cur, err := other.current()
	if err != nil {
		t.Fatal(err)
	}
	st, _ := other.state()
	if st.Mode != Shipped || st.Source != shipped {
		t.Errorf("state %+v", st)
	}
	img := synthetic(2).Images()
	a, _ := loaded.Predict(img)
	b, _ := cur.Predict(img)
	if !slices.Equal(a[1], b[1]) {
		t.Errorf("the current model differs from the shipped one")
	}
	entries, _ := os.ReadDir(other.Dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left a temporary %s in the work directory", e.Name())
		}
	}
}

func TestOpen(t *testing.T) {
	t.Setenv(WorkDirEnv, "")
	t.Setenv("GONB_DIR", "/some/notebooks")
	if n := Open("01-x", "en"); n.Dir != "/some/notebooks/.werkbank/01-x" || n.modelPath() != "/some/notebooks/.werkbank/01-x/model" {
		t.Errorf("Open: %s", n.Dir)
	}
	t.Setenv(WorkDirEnv, "/tmp/w")
	if n := Open("02-y", ""); n.Dir != "/tmp/w/02-y" {
		t.Errorf("Open with $%s: %s", WorkDirEnv, n.Dir)
	}
}

func TestRel(t *testing.T) {
	wd, _ := os.Getwd()
	for path, want := range map[string]string{
		filepath.Join(wd, ".werkbank", "x"):       filepath.Join(".werkbank", "x"),
		filepath.Dir(wd):                          "..",
		filepath.Join(filepath.Dir(wd), "models"): filepath.Join("..", "models"),
		"/": "/",
	} {
		if got := rel(path); got != want {
			t.Errorf("rel(%s) = %s, want %s", path, got, want)
		}
	}
}

// TestDescribeAugmentation: a model trained with augmentation says so.
func TestDescribeAugmentation(t *testing.T) {
	m, err := cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	fit := cnnlib.PostFitConfig()
	fit.Augment = cnnlib.Augmentation{Rotation: 15}
	info := cnnlib.TrainingInfoOf(fit, "go", 54000)
	d := describe(&cnnlib.Loaded{Model: m, Training: &info})
	if !strings.Contains(d, "seed 0, augmentation rotation ±15°, shift ±0, zoom ±0, backend go)") {
		t.Errorf("Describe: %s", d)
	}
}

// TestDiffersFromPost: the post's cells load the shipped model (whatever the
// seed); any change to the model, the compile or the fit settings trains.
func TestDiffersFromPost(t *testing.T) {
	fit := cnnlib.PostFitConfig()
	fit.Seed = 4
	if d := differsFromPost(cnnlib.PostModel(), cnnlib.PostCompile(), fit); len(d) != 0 {
		t.Errorf("the post's cells differ: %v", d)
	}
	// Written as in notebook 01's model cell: cnnlib.Sequential names it "sequential".
	cell := cnnlib.PostModel()
	cell.Name = "sequential"
	if d := differsFromPost(cell, cnnlib.PostCompile(), fit); len(d) != 0 {
		t.Errorf("the post's model under another name differs: %v", d)
	}
	wide := cnnlib.PostModel()
	wide.Layers[0].Filters = 64
	fast := cnnlib.PostCompile()
	fast.Optimizer = cnnlib.RMSprop(0.003)
	short := cnnlib.PostFitConfig()
	short.Epochs = 3
	short.Augment = cnnlib.KaggleAugmentation()
	short.Schedule, _ = cnnlib.NewSchedule("cosine")
	d := differsFromPost(wide, fast, short)
	if len(d) != 5 || d[0] != "the model" || !strings.Contains(d[1], "lr 0.003") || !strings.Contains(d[2], "epochs 3") ||
		d[3] != "learning-rate schedule cosine" || d[4] != "augmentation rotation ±10°, shift ±0.1, zoom ±0.1" {
		t.Errorf("differences: %q", d)
	}
}

// TestFitChangedModelTrainsQuick: in shipped mode a changed model is
// trained, briefly, on the real MNIST, and becomes the current model.
func TestFitChangedModelTrainsQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	n, out := testBook(t)
	spec, _ := tinyBench("").Spec()
	fit := cnnlib.PostFitConfig()
	fit.Epochs, fit.Seed = 3, 1
	m, err := n.fitIn(Shipped, spec, cnnlib.PostCompile(), fit)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "training in quick mode") || !strings.Contains(out.String(), "Quick budget: 2 epochs instead of 3 and one cycle") ||
		len(m.History.Epochs) != cnnlib.QuickEpochs || m.History.TrainSamples != 54000 {
		t.Errorf("history %+v; output:\n%s", m.History, out)
	}
	if st, _ := n.state(); st.Mode != Quick {
		t.Errorf("state %+v", st)
	}
}
