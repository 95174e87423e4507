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
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// workshopRun is a finished workshop run, as saved in the work directory.
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
			fmt.Fprintln(out, lang.Sprintf("nb.run.start", lang.Quote(cfg.Name), spec.Name, lang.Thousands(m.NumParams()), fit.Epochs, lang.Thousands(train.Len()),
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
					return nil, fmt.Errorf("no workshop run %q in %s: run it first", name, filepath.Join(n.Dir, RunsDir))
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

// CompareRuns draws one metric ("val_acc", "val_loss", "acc" or "loss") of
// the saved runs (all, or the named ones) per epoch in one chart.
func (n *Notebook) compareRuns(metric string, names ...string) (plots.Figure, error) {
	runs, err := n.savedRuns(names...)
	if err != nil {
		return nil, err
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("no workshop runs yet in %s: run a training cell first", filepath.Join(n.Dir, RunsDir))
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

// removeRuns deletes the named runs, or every run when no name is given.
func (n *Notebook) removeRuns(names ...string) error {
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
