package nb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/internal/trainflags"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// runConfig is one short training run of the workshop bench: the post's
// model with changed hyperparameters, under the quick budget by default.
type runConfig struct {
	Name string `json:"name"`
	cnnlib.Hyperparameters
	TrainImages int `json:"train_images"` // the first N training images, 10% of them for validation
	TestImages  int `json:"test_images"`  // the first N test images
	// Model, when set, is the run's model, written in a cell with package
	// layers; the architecture hyperparameters are then not used.
	Model *cnnlib.Spec `json:"model,omitempty"`
	// Capped lists the environment caps that shortened the run.
	Capped []string `json:"capped,omitempty"`
	// Group names the change a run belongs to when the change ran with
	// several seeds (--seeds); empty for a single run, whose Name it is.
	Group string `json:"group,omitempty"`
}

// defaultRunConfig is the bench's baseline: the post's model and settings
// on the whole data set under the quick budget (cnnlib.Quick: 2 epochs, one
// cycle up to 10 times the rate), about a minute a run on two CPU cores
// with ONNX Runtime, at the level of the post's questions (about 0.99).
func defaultRunConfig() runConfig {
	h := cnnlib.PostHyperparameters()
	h.Quick = true
	return runConfig{Hyperparameters: h, TrainImages: 60000, TestImages: 10000}
}

// Validate checks the configuration; errors name the flag.
func (c runConfig) Validate() error {
	switch {
	case c.TrainImages < 20 || c.TrainImages > 60000:
		return fmt.Errorf("--train-images %d: want 20 to 60000", c.TrainImages)
	case c.TestImages <= 0 || c.TestImages > 10000:
		return fmt.Errorf("--test-images %d: want 1 to 10000", c.TestImages)
	}
	if err := c.Hyperparameters.Validate(); err != nil {
		return trainflags.Explain(err)
	}
	if c.Model == nil {
		return nil // the hyperparameters' model was built by Validate
	}
	_, err := c.Spec()
	return err
}

// Spec returns the run's model: Model when set, else the one the
// hyperparameters describe.
func (c runConfig) Spec() (cnnlib.Spec, error) {
	if c.Model == nil {
		spec, err := c.Hyperparameters.Spec()
		return spec, trainflags.Explain(err)
	}
	if _, err := c.Model.Infer(); err != nil {
		return cnnlib.Spec{}, fmt.Errorf("run %q: %w", c.Name, err)
	}
	return *c.Model, nil
}

// AutoName names the run by what differs from the baseline, e.g.
// "optimizer=adam lr=0.002", or "baseline".
func (c runConfig) AutoName() string {
	d := defaultRunConfig()
	parts := trainflags.Diff(c.Hyperparameters, d.Hyperparameters)
	if c.TrainImages != d.TrainImages {
		parts = append(parts, fmt.Sprintf("train-images=%d", c.TrainImages))
	}
	if c.TestImages != d.TestImages {
		parts = append(parts, fmt.Sprintf("test-images=%d", c.TestImages))
	}
	if len(parts) == 0 {
		return "baseline"
	}
	return strings.Join(parts, " ")
}

// workshopRun is a finished bench run, as saved in the work directory.
type workshopRun struct {
	Name    string            `json:"name"`
	Config  runConfig         `json:"config"`
	Model   string            `json:"model"` // the spec's name
	Params  int               `json:"params"`
	History *cnnlib.History   `json:"history"`
	Test    cnnlib.Evaluation `json:"test"`
	Backend string            `json:"backend"`
	Seconds float64           `json:"seconds"` // training and test
	Created time.Time         `json:"created"`
}

// runFile is the file of a run in its directory.
const runFile = "run.json"

// Bench trains the run cfg on MNIST (the first cfg.TrainImages training
// images, Keras' validation split 0.1, then the first cfg.TestImages test
// images), prints its progress and result, and saves it in the work
// directory, replacing an earlier run of the same name.
func (n *Notebook) trainRun(cfg runConfig) (*workshopRun, error) {
	d, err := mnist()
	if err != nil {
		return nil, err
	}
	return n.trainRunOn(cfg, d.TrainData(), d.TestData())
}

// BenchOn is Bench with the training and test data given.
func (n *Notebook) trainRunOn(cfg runConfig, train, test cnnlib.Data) (*workshopRun, error) {
	start := time.Now()
	if cfg.Name == "" {
		cfg.Name = cfg.AutoName()
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	spec, _ := cfg.Spec()
	fit, _ := cfg.FitConfig()
	train = train.Slice(0, min(cfg.TrainImages, train.Len()))
	test = test.Slice(0, min(cfg.TestImages, test.Len()))
	out := n.out()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fit.Output, fit.OnEpoch = n.fitProgress()
	fit.Verbose = 1
	run := cnnlib.TrainRun{Spec: spec, Options: cnnlib.Options{Backend: n.Backend, Seed: cfg.Seed}, Fit: fit, Train: train, Test: test,
		Started: func(m *cnnlib.Model) error {
			fmt.Fprintln(out, lang.Sprintf("nb.run.start", cfg.Name, spec.Name, lang.Thousands(m.NumParams()), fit.Epochs, lang.Thousands(train.Len()),
				cfg.BatchSize, fit.Optimizer.Name, fit.Optimizer.LearningRate))
			if cfg.Quick {
				fmt.Fprintln(out, lang.Sprintf("nb.quick.budget", cnnlib.DescribeQuick(cfg.fullFit())))
			}
			if len(cfg.Capped) > 0 {
				fmt.Fprintln(out, lang.Sprintf("nb.run.capped", strings.Join(cfg.Capped, ", ")))
			}
			return nil
		}}
	res, err := run.Run(ctx)
	if err != nil {
		return nil, err
	}
	defer res.Finalize()
	ev := res.Test
	wr := &workshopRun{Name: cfg.Name, Config: cfg, Model: spec.Name, Params: res.NumParams(), History: res.History, Test: ev,
		Backend: res.Backend.Config, Seconds: time.Since(start).Seconds(), Created: time.Now().UTC()}
	fmt.Fprintln(out, lang.Sprintf("nb.run.tested", ev.Accuracy, lang.Thousands(ev.Samples), ev.Loss, wr.Seconds))
	if err := os.MkdirAll(n.runDir(cfg.Name), 0o755); err != nil {
		return nil, err
	}
	if err := atomicfile.WriteJSON(filepath.Join(n.runDir(cfg.Name), runFile), wr); err != nil {
		return nil, err
	}
	return wr, nil
}

// runDir is the directory of the run called name.
func (n *Notebook) runDir(name string) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._=,-", r):
			return r
		}
		return '_'
	}, name)
	if safe == "" || safe[0] == '.' {
		safe = "_" + safe // never "", "." or ".."
	}
	return filepath.Join(n.Dir, RunsDir, safe)
}

// BenchRuns returns the saved runs, oldest first; with names, only those
// (in the order given), and a missing one is an error.
func (n *Notebook) savedRuns(names ...string) ([]workshopRun, error) {
	if len(names) > 0 {
		runs := make([]workshopRun, len(names))
		for i, name := range names {
			if err := readRun(filepath.Join(n.runDir(name), runFile), &runs[i]); err != nil {
				if errors.Is(err, os.ErrNotExist) {
					return nil, fmt.Errorf("no bench run %q in %s: run it first", name, filepath.Join(n.Dir, RunsDir))
				}
				return nil, err
			}
		}
		return runs, nil
	}
	entries, err := os.ReadDir(filepath.Join(n.Dir, RunsDir))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var runs []workshopRun
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		var r workshopRun
		if err := readRun(filepath.Join(n.Dir, RunsDir, e.Name(), runFile), &r); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return nil, err
		}
		runs = append(runs, r)
	}
	slices.SortStableFunc(runs, func(a, b workshopRun) int { return a.Created.Compare(b.Created) })
	return runs, nil
}

func readRun(path string, r *workshopRun) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, r); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if r.History == nil {
		return fmt.Errorf("%s: no history", path)
	}
	return nil
}

// RemoveRuns deletes the named runs, or every run when no name is given.
func (n *Notebook) RemoveRuns(names ...string) error {
	if len(names) == 0 {
		return os.RemoveAll(filepath.Join(n.Dir, RunsDir))
	}
	for _, name := range names {
		if err := os.RemoveAll(n.runDir(name)); err != nil {
			return err
		}
	}
	return nil
}

// CompareRuns draws one metric ("val_acc", "val_loss", "acc" or "loss") of
// the saved runs (all, or the named ones) per epoch in one chart.
func (n *Notebook) compareRuns(metric string, names ...string) (plots.Figure, error) {
	runs, err := n.savedRuns(names...)
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("no bench runs yet in %s: run a training cell first", filepath.Join(n.Dir, RunsDir))
	}
	switch metric {
	case "val_acc", "val_loss", "acc", "loss":
	default:
		return nil, fmt.Errorf("metric %q, want val_acc, val_loss, acc or loss", metric)
	}
	fr := make([]figures.Run, len(runs))
	for i, r := range runs {
		fr[i] = figures.Run{Name: r.Name, History: r.History}
	}
	return figures.Compare(metric, fr...)
}

// printRuns prints the saved runs (all, or the named ones) as a table.
func (n *Notebook) printRuns(names ...string) error {
	runs, err := n.savedRuns(names...)
	if err != nil {
		return err
	}
	writeRuns(n.out(), runs)
	return nil
}

// PrintRuns prints runs as a table, one line per run.
func writeRuns(w io.Writer, runs []workshopRun) {
	if len(runs) == 0 {
		fmt.Fprintln(w, lang.T("nb.runs.none"))
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, lang.T("nb.runs.header"))
	for _, r := range runs {
		c := r.Config
		valAcc := "-"
		if h := r.History; h != nil && len(h.Epochs) > 0 {
			valAcc = lang.Float(h.Epochs[len(h.Epochs)-1].ValAcc, 4)
		}
		fit, _ := c.FitConfig()
		fmt.Fprintln(tw, lang.Sprintf("nb.runs.row", r.Name, lang.Thousands(r.Params), fit.Epochs, lang.Thousands(c.TrainImages),
			c.BatchSize, fit.Optimizer.Name, fit.Optimizer.LearningRate, valAcc, r.Test.Accuracy, r.Test.Loss, r.Seconds))
	}
	tw.Flush()
}

// fullFit is the run's fit configuration without the quick budget: what
// the cell's settings say.
func (c runConfig) fullFit() cnnlib.FitConfig {
	c.Quick = false
	fit, _ := c.FitConfig()
	return fit
}
