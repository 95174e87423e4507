package nb

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
)

func TestBench(t *testing.T) {
	n, out := testBook(t)
	data := synthetic(100)
	if _, err := n.savedRuns(); err != nil {
		t.Fatalf("no runs yet: %v", err)
	}
	if _, err := n.compareRuns("val_acc"); err == nil {
		t.Error("CompareRuns without runs: no error")
	}
	a, err := n.trainRunOn(tinyBench("a"), data, data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Test.Samples != 20 || len(a.History.Epochs) != 1 || a.Params == 0 || a.Backend != "go" {
		t.Errorf("run a: %+v", a)
	}
	for _, want := range []string{`Run “a”`, "Epoch 1/1", "test accuracy"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	cfg := tinyBench("")
	cfg.Optimizer = "adam"
	b, err := n.trainRunOn(cfg, data, data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Name, "optimizer=adam") {
		t.Errorf("auto name %q", b.Name)
	}
	// The same name again replaces the run.
	if _, err := n.trainRunOn(tinyBench("a"), data, data); err != nil {
		t.Fatal(err)
	}
	runs, err := n.savedRuns()
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Name != b.Name || runs[1].Name != "a" {
		t.Errorf("runs: %d, oldest first %v", len(runs), names(runs))
	}
	for _, metric := range []string{"val_acc", "loss"} {
		fig, err := n.compareRuns(metric)
		if err != nil {
			t.Fatal(err)
		}
		if w, h := fig.Size(); w == 0 || h == 0 {
			t.Errorf("empty figure")
		}
	}
	if _, err := n.compareRuns("f1"); err == nil {
		t.Error("unknown metric: no error")
	}
	if _, err := n.compareRuns("val_acc", "a", "nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("unknown run: %v", err)
	}
	out.Reset()
	if err := n.printRuns(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "run ") || !strings.Contains(lines[2], "rmsprop 0.01") {
		t.Errorf("PrintRuns:\n%s", out)
	}
	if err := n.removeRuns("a"); err != nil {
		t.Fatal(err)
	}
	if runs, _ := n.savedRuns(); len(runs) != 1 {
		t.Errorf("%d runs after removing one", len(runs))
	}
	if err := n.removeRuns(); err != nil {
		t.Fatal(err)
	}
	if runs, _ := n.savedRuns(); len(runs) != 0 {
		t.Errorf("%d runs after removing all", len(runs))
	}
}

func TestBenchInvalid(t *testing.T) {
	n, _ := testBook(t)
	cfg := tinyBench("bad")
	cfg.Pooling = "avg"
	if _, err := n.trainRunOn(cfg, synthetic(100), synthetic(10)); err == nil {
		t.Error("invalid config: no error")
	}
}

func TestAutoName(t *testing.T) {
	if got := defaultRunConfig().AutoName(); got != "baseline" {
		t.Errorf("baseline named %q", got)
	}
	c := defaultRunConfig()
	c.BatchSize, c.Activation = 32, "tanh"
	if got := c.AutoName(); got != "activation=tanh batch-size=32" {
		t.Errorf("AutoName = %q", got)
	}
}

func TestRunDirSafe(t *testing.T) {
	n, _ := testBook(t)
	runs := filepath.Join(n.Dir, RunsDir) + string(filepath.Separator)
	for _, name := range []string{"lr=0.01 ../../x", "..", ".", "", "a/b"} {
		got := n.runDir(name)
		if !strings.HasPrefix(got, runs) || filepath.Dir(got)+string(filepath.Separator) != runs {
			t.Errorf("runDir(%q) = %s, not a directory in %s", name, got, runs)
		}
	}
}

func names(runs []workshopRun) []string {
	var s []string
	for _, r := range runs {
		s = append(s, r.Name)
	}
	return s
}

// TestBenchModelWrittenInCell: a run whose model a cell writes with package
// layers trains that model, not the hyperparameters' one.
func TestBenchModelWrittenInCell(t *testing.T) {
	n, _ := testBook(t)
	spec := cnnlib.Sequential(layers.Input(28, 28, 1), layers.Conv2D(3, 5, layers.ReLU), layers.MaxPooling2D(4),
		layers.Flatten(), layers.Dense(10, layers.Softmax))
	cfg := tinyBench("five by five")
	cfg.Model = &spec
	run, err := n.trainRunOn(cfg, synthetic(100), synthetic(20))
	if err != nil {
		t.Fatal(err)
	}
	tr, _, _ := spec.ParamCount()
	if run.Params != tr || run.Model != "sequential" {
		t.Errorf("run trained %s with %d params, the cell's model has %d", run.Model, run.Params, tr)
	}
	runs, err := n.savedRuns("five by five")
	if err != nil || len(runs) != 1 || runs[0].Config.Model == nil || runs[0].Config.Model.Layers[0].KernelSize != [2]int{5, 5} {
		t.Errorf("saved run: %+v, %v", runs, err)
	}
	bad := cnnlib.Sequential(layers.Input(28, 28, 1), layers.Flatten(), layers.Dense(10))
	cfg.Model = &bad
	if _, err := n.trainRunOn(cfg, synthetic(100), synthetic(20)); err == nil || !strings.Contains(err.Error(), "softmax") {
		t.Errorf("a model without softmax: %v", err)
	}
}
