package nb

import (
	"flag"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/trainflags"
)

func parseBench(t *testing.T, args ...string) (runConfig, error) {
	t.Helper()
	fs := flag.NewFlagSet("cell", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := newFlags(fs)
	if err := fs.Parse(args); err != nil {
		return runConfig{}, err
	}
	return f.bench(defaultRunConfig())
}

func TestBenchFlagsDefaults(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	c, err := parseBench(t)
	if err != nil {
		t.Fatal(err)
	}
	want := defaultRunConfig()
	want.Name = "baseline"
	if c.Name != want.Name || c.Epochs != want.Epochs || !slices.Equal(c.Filters, want.Filters) || c.Optimizer != want.Optimizer || c.Dropout != 0.4 || c.L2 != 0.007 {
		t.Errorf("defaults: %+v, want %+v", c, want)
	}
}

func TestBenchFlags(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	c, err := parseBench(t, "--optimizer=adam", "--lr=0.002", "--filters=64, 64,32,16", "--pooling=batchnorm", "--dropout=0")
	if err != nil {
		t.Fatal(err)
	}
	if c.Optimizer != "adam" || c.LR != 0.002 || !slices.Equal(c.Filters, []int{64, 64, 32, 16}) || c.Pooling != "batchnorm" || c.Dropout != 0 {
		t.Errorf("config: %+v", c)
	}
	if c.Name != "filters=64,64,32,16 dropout=0 pooling=batchnorm optimizer=adam lr=0.002" {
		t.Errorf("auto name %q", c.Name)
	}
	spec, err := c.Spec()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range spec.Layers {
		if l.Type == "MaxPooling2D" || (l.Type == "Dropout" && l.Rate != 0) {
			t.Errorf("layer %+v survived --pooling=batchnorm --dropout=0", l)
		}
	}
	fit, err := c.FitConfig()
	if err != nil || fit.Optimizer.LearningRate != 0.02 || fit.Optimizer.Name != "adam" || fit.Schedule.Kind != "onecycle" {
		t.Errorf("fit config %+v, %v", fit, err)
	}
	aug, err := parseBench(t, "--augment")
	if fit, _ := aug.FitConfig(); err != nil || aug.Name != "augment=true" || fit.Augment != cnnlib.KaggleAugmentation() {
		t.Errorf("--augment: %+v (%v), augmentation %v", aug, err, fit.Augment)
	}
	named, err := parseBench(t, "--name=mine", "--epochs=3")
	if err != nil || named.Name != "mine" || named.Epochs != 3 {
		t.Errorf("named: %+v, %v", named, err)
	}
}

func TestBenchFlagsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--filters=32,x,32,16"},
		{"--filters=32,32"},
		{"--optimizer=adagrad"},
		{"--pooling=avg"},
		{"--dropout=1"},
		{"--epochs=0"},
		{"--train-images=10"},
		{"--test-images=20000"},
		{"--activation=swish"},
		{"--kernel=0"},
		{"--dense=-1"},
	} {
		if _, err := parseBench(t, args...); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestBenchCaps(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "1")
	t.Setenv(MaxTrainImagesEnv, "500")
	c, err := parseBench(t, "--epochs=3")
	if err != nil {
		t.Fatal(err)
	}
	if c.Epochs != 1 || c.TrainImages != 500 || len(c.Capped) != 2 {
		t.Errorf("capped config: %+v", c)
	}
	if c.Name != "epochs=3" {
		t.Errorf("the name %q should come from the flags, not the caps", c.Name)
	}
	t.Setenv(MaxEpochsEnv, "many")
	if _, err := parseBench(t); err == nil || !strings.Contains(err.Error(), MaxEpochsEnv) {
		t.Errorf("bad cap: %v", err)
	}
}

func TestPrintFlags(t *testing.T) {
	var b strings.Builder
	printFlags(&b, defaultRunConfig())
	for _, name := range append([]string{"mode", "name", "train-images", "test-images"}, trainflags.Names...) {
		if !strings.Contains(b.String(), "--"+name+" ") {
			t.Errorf("PrintFlags lacks --%s:\n%s", name, b.String())
		}
	}
	cellFlags().own.VisitAll(func(f *flag.Flag) {
		if flag.Lookup(f.Name) == nil {
			t.Errorf("the cell flag --%s is not registered on flag.CommandLine", f.Name)
		}
	})
}

// TestBenchFlagsBaseline: a run's sizes default to the whole data set under
// the quick budget; flags given in the cell still win, and the run is named
// against the baseline.
func TestBenchFlagsBaseline(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	parse := func(args ...string) runConfig {
		fs := flag.NewFlagSet("cell", flag.ContinueOnError)
		f := newFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		c, err := f.bench(defaultRunConfig())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := parse()
	if fit, _ := c.FitConfig(); c.TrainImages != 60000 || c.TestImages != 10000 || fit.Epochs != 2 || c.BatchSize != 162 || !c.Quick || c.Name != "baseline" {
		t.Errorf("baseline: %+v", c)
	}
	c = parse("--quick=false", "--train-images=2000", "--optimizer=adam")
	if fit, _ := c.FitConfig(); fit.Epochs != 15 || c.TrainImages != 2000 || c.BatchSize != 162 || c.Name != "optimizer=adam quick=false train-images=2000" {
		t.Errorf("baseline with flags: %+v", c)
	}
}

// TestPrintFlagsShowsBackendSizes: on a fast backend the listed defaults of
// the run sizes are the fast baseline's.
func TestPrintFlagsShowsBackendSizes(t *testing.T) {
	var b strings.Builder
	printFlags(&b, defaultRunConfig())
	for _, want := range []string{"--train-images     60000", "--epochs           15 ", "--quick            true ", "--batch-size       162", "--test-images      10000"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("flags lack %q:\n%s", want, b.String())
		}
	}
}
