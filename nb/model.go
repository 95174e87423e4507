package nb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/datasets"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/lang"
)

// FitIn is Fit in the given mode, with errors returned.
func (n *Notebook) fitIn(mode Mode, spec cnnlib.Spec, compile cnnlib.Compile, fit cnnlib.FitConfig) (*cnnlib.Loaded, error) {
	if _, err := spec.Infer(); err != nil {
		return nil, err
	}
	if err := compile.Validate(); err != nil {
		return nil, err
	}
	fit.Optimizer = compile.Optimizer
	if mode == Shipped {
		differs := differsFromPost(spec, compile, fit)
		if len(differs) == 0 {
			return n.loadShipped()
		}
		fmt.Fprintln(n.out(), lang.Sprintf("nb.fit.not_post", strings.Join(differs, "; ")))
		mode = Quick
	}
	plan, err := planFor(mode, spec, fit)
	if err != nil {
		return nil, err
	}
	if mode == Quick {
		fmt.Fprintln(n.out(), lang.Sprintf("nb.quick.budget", cnnlib.DescribeQuick(fit)))
	}
	d, err := mnist()
	if err != nil {
		return nil, err
	}
	return n.train(plan, d.TrainData())
}

// LoadShipped copies the shipped model into the work directory and loads it.
func (n *Notebook) loadShipped() (*cnnlib.Loaded, error) {
	start := time.Now()
	src, err := n.shippedPath()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(src, cnnlib.ModelFile)); err != nil {
		return nil, fmt.Errorf("the shipped model is missing (%w): train one with `make run` and copy its runs/<date-time>/model to %s, or run this cell with %%%% --mode=quick", err, src)
	}
	copyShipped := func(tmp string) error { return os.CopyFS(tmp, os.DirFS(src)) }
	if err := atomicfile.WriteDir(n.modelPath(), copyShipped); err != nil {
		return nil, err
	}
	m, err := cnnlib.Load(n.modelPath(), cnnlib.Options{Backend: n.Backend})
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(n.out(), lang.Sprintf("nb.shipped.loaded", rel(src), describe(m)))
	if m.History != nil && len(m.History.Epochs) > 0 {
		last := m.History.Epochs[len(m.History.Epochs)-1]
		fmt.Fprintln(n.out(), lang.Sprintf("nb.shipped.last", last.Loss, last.Acc, last.ValLoss, last.ValAcc))
	}
	err = n.writeState(State{Mode: Shipped, Source: src, Created: time.Now().UTC(), Seconds: time.Since(start).Seconds()})
	return m, err
}

// Train trains plan's model on train (the first plan.TrainImages of it) and
// makes it the current model. The training state is checkpointed after every
// epoch in the work directory, so an interrupted run resumes, and a run that
// already completed with the same plan is reused instead of trained again
// (it would come out the same: training is deterministic for a seed).
func (n *Notebook) train(plan trainingPlan, train cnnlib.Data) (*cnnlib.Loaded, error) {
	start := time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fit := plan.Fit
	fit.Output, fit.OnEpoch = n.fitProgress()
	fit.Verbose = 1
	fit.CheckpointDir = filepath.Join(n.Dir, "checkpoint-"+string(plan.Mode)+"-"+plan.key())
	run := cnnlib.TrainRun{Spec: plan.Spec, Options: cnnlib.Options{Backend: n.Backend, Seed: plan.Seed}, Fit: fit, Train: train,
		ModelDir: n.modelPath(), Started: func(m *cnnlib.Model) error {
			fmt.Fprintln(n.out(), lang.Sprintf("nb.train.start", plan.Mode, plan.Spec.Name, lang.Thousands(train.Len()), plan.Fit.Epochs, plan.Fit.BatchSize, m.Backend.Config))
			return nil
		}}
	res, err := run.Run(ctx)
	if err != nil {
		if errors.Is(err, context.Canceled) && res != nil && res.History != nil {
			return nil, lang.Errorf("nb.train.interrupted", len(res.History.Epochs), fit.CheckpointDir)
		}
		return nil, err
	}
	fmt.Fprintln(n.out(), lang.Sprintf("nb.train.took", res.History.Seconds))
	st := State{Mode: plan.Mode, Source: "trained here", Created: time.Now().UTC(), Seconds: time.Since(start).Seconds()}
	if err := n.writeState(st); err != nil {
		return nil, err
	}
	return res.Loaded, nil
}

// current loads the current model, the one the training cell made; without
// one, the error tells the reader to run the training cell first.
func (n *Notebook) current() (*cnnlib.Loaded, error) {
	if _, err := n.state(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(n.modelPath(), cnnlib.ModelFile)); errors.Is(err, os.ErrNotExist) {
		return nil, n.noModel()
	}
	return cnnlib.Load(n.modelPath(), cnnlib.Options{Backend: n.Backend})
}

// Evaluate evaluates m on the MNIST test set (model.evaluate) and prints
// Keras' lines.
func (n *Notebook) evaluate(m *cnnlib.Loaded) (cnnlib.Evaluation, error) {
	d, err := mnist()
	if err != nil {
		return cnnlib.Evaluation{}, err
	}
	ev, err := m.Evaluate(d.TestData())
	if err != nil {
		return ev, err
	}
	fmt.Fprint(n.out(), ev)
	return ev, nil
}

// SaveAs saves m to the directory name in the work directory (model.json,
// the weights and history.json: the post's model.to_json() and
// save_weights), lists the files, loads them back and checks that the loaded
// model predicts exactly as m on ten white-noise images.
func (n *Notebook) saveAs(m *cnnlib.Loaded, name string) (string, error) {
	dir := filepath.Join(n.Dir, name)
	if err := m.Save(dir, m.History, m.Training); err != nil {
		return "", err
	}
	out := n.out()
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(n.Dir, path)
		fmt.Fprintln(out, lang.Sprintf("nb.save.file", fi.Size(), rel))
		return nil
	})
	if err != nil {
		return "", err
	}
	back, err := cnnlib.Load(dir, cnnlib.Options{Backend: n.Backend})
	if err != nil {
		return "", err
	}
	const checks = 10
	in := m.Spec.InputShape
	var images []float32
	for seed := range uint64(checks) {
		images = append(images, cnnlib.NoiseImage(seed, in[0], in[1]*in[2])...)
	}
	before, err := m.Predict(images)
	if err != nil {
		return "", err
	}
	after, err := back.Predict(images)
	if err != nil {
		return "", err
	}
	for i := range before {
		if !slices.Equal(before[i], after[i]) {
			return "", fmt.Errorf("the model loaded from %s predicts noise image %d differently (%v, saved %v)", dir, i, after[i], before[i])
		}
	}
	fmt.Fprintln(out, lang.Sprintf("nb.save.done", rel(dir), len(before)))
	return dir, nil
}

// Describe says in one line what m is and how it was trained.
func describe(m *cnnlib.Loaded) string {
	var b strings.Builder
	b.WriteString(lang.Sprintf("nb.describe.params", m.Spec.Name, lang.Thousands(m.NumParams())))
	if t := m.Training; t != nil {
		b.WriteString(lang.Sprintf("nb.describe.trained", t.Epochs, lang.Thousands(t.TrainSamples),
			t.BatchSize, t.Optimizer.Name, t.Optimizer.LearningRate, t.Seed))
		if !t.Schedule.IsConstant() {
			b.WriteString(lang.Sprintf("nb.describe.schedule", t.Schedule))
		}
		if !t.Augment.IsZero() {
			b.WriteString(lang.Sprintf("nb.describe.augment", t.Augment))
		}
		if t.Backend != "" {
			b.WriteString(lang.Sprintf("nb.describe.backend", t.Backend))
		}
		b.WriteString(")")
	}
	if m.History != nil && m.History.Seconds > 0 {
		b.WriteString(lang.Sprintf("nb.describe.seconds", m.History.Seconds))
	}
	return b.String()
}

// Describe prints the splits, the labels' counts and where each file came from.
func (d *MNIST) describe(w io.Writer) {
	fmt.Fprintln(w, lang.Sprintf("nb.data.sizes", d.Name, lang.Thousands(d.Train.Count), lang.Thousands(d.Test.Count), d.Train.Rows, d.Train.Cols))
	for _, split := range []struct {
		name string
		set  *datasets.Set
	}{{lang.T("nb.data.train"), d.Train}, {lang.T("nb.data.test"), d.Test}} {
		fmt.Fprint(w, lang.Sprintf("nb.data.labels", split.name))
		for digit, n := range split.set.LabelHistogram(10) {
			fmt.Fprintf(w, "  %d: %d", digit, n)
		}
		fmt.Fprintln(w)
	}
	for _, f := range d.Files {
		verified := lang.T("nb.data.unverified")
		if f.Verified {
			verified = lang.T("nb.data.verified")
		}
		fmt.Fprintln(w, lang.Sprintf("nb.data.file", f.Name, f.Source, verified, f.SHA256[:12]))
	}
}
