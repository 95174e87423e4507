package nb

import (
	"flag"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/trainflags"
	"github.com/kiwerkstatt/werkbank/lang"
)

func parseCell(t *testing.T, args ...string) (runConfig, error) {
	t.Helper()
	fs := flag.NewFlagSet("cell", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := newFlags(fs)
	if err := fs.Parse(args); err != nil {
		return runConfig{}, err
	}
	return f.config(defaultRunConfig())
}

func TestCellFlagsDefaults(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	c, err := parseCell(t)
	if err != nil {
		t.Fatal(err)
	}
	want := defaultRunConfig()
	want.Name = "baseline"
	if c.Name != want.Name || c.Epochs != want.Epochs || !slices.Equal(c.Filters, want.Filters) || c.Optimizer != want.Optimizer || c.Dropout != 0.4 || c.L2 != 0.007 {
		t.Errorf("defaults: %+v, want %+v", c, want)
	}
}

func TestCellFlags(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	c, err := parseCell(t, "--optimizer=adam", "--lr=0.002", "--filters=64, 64,32,16", "--pooling=batchnorm", "--dropout=0")
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
	aug, err := parseCell(t, "--augment")
	if fit, _ := aug.FitConfig(); err != nil || aug.Name != "augment=true" || fit.Augment != cnnlib.KaggleAugmentation() {
		t.Errorf("--augment: %+v (%v), augmentation %v", aug, err, fit.Augment)
	}
	named, err := parseCell(t, "--name=mine", "--epochs=3")
	if err != nil || named.Name != "mine" || named.Epochs != 3 {
		t.Errorf("named: %+v, %v", named, err)
	}
}

func TestCellFlagsErrors(t *testing.T) {
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
		if _, err := parseCell(t, args...); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestCellFlagsCaps(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "1")
	t.Setenv(MaxTrainImagesEnv, "500")
	c, err := parseCell(t, "--epochs=3")
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
	if _, err := parseCell(t); err == nil || !strings.Contains(err.Error(), MaxEpochsEnv) {
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

// TestCellFlagsBaseline: a run's sizes default to the whole data set under
// the quick budget; flags given in the cell still win, and the run is named
// against the baseline.
func TestCellFlagsBaseline(t *testing.T) {
	t.Setenv(MaxEpochsEnv, "")
	t.Setenv(MaxTrainImagesEnv, "")
	parse := func(args ...string) runConfig {
		fs := flag.NewFlagSet("cell", flag.ContinueOnError)
		f := newFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		c, err := f.config(defaultRunConfig())
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

// TestPrintFlagsHelpInBothLanguages: every flag printFlags lists has its
// help in both catalogs ("flags.<name>"), and printFlags prints it in the
// current language; the usage on flag.CommandLine stays English.
func TestPrintFlagsHelpInBothLanguages(t *testing.T) {
	prev := lang.Current()
	t.Cleanup(func() { lang.Set(prev) })
	cellFlags().own.VisitAll(func(f *flag.Flag) {
		for _, l := range lang.Languages {
			if _, ok := lang.Format(l, lang.Key("flags."+f.Name)); !ok {
				t.Errorf("--%s: no message flags.%s in the %s catalog", f.Name, f.Name, l)
			}
		}
		if en := flagUsage(lang.English, f.Name); f.Usage != en || flag.Lookup(f.Name).Usage != en {
			t.Errorf("--%s: usage %q, want the English %q", f.Name, f.Usage, en)
		}
	})
	for _, l := range lang.Languages {
		lang.Set(l)
		var b strings.Builder
		printFlags(&b, defaultRunConfig())
		for _, want := range []string{flagUsage(l, "epochs"), flagUsage(l, "seeds"), flagUsage(l, "activation"), "$" + ModeEnv} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s: flags lack %q:\n%s", l, want, b.String())
			}
		}
		if strings.Contains(b.String(), "bench:") || strings.Contains(b.String(), "%!") {
			t.Errorf("%s: flags:\n%s", l, b.String())
		}
	}
	if en, de := flagUsage(lang.English, "seeds"), flagUsage(lang.German, "seeds"); !strings.HasPrefix(en, "workshop run: ") || !strings.HasPrefix(de, "Lauf: ") {
		t.Errorf("--seeds: %q, %q", en, de)
	}
}
