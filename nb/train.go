package nb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/lang"
)

// Fit is the training cell's model.fit: it trains the model the cells
// define (spec, compiled with compile) with fit's settings and makes it the
// notebook's current model, which every later cell reads (Current). In the
// default mode, Shipped, the model shipped in models/blog-cnn is loaded
// instead when spec, compile and fit are the post's (the seed aside); a
// changed model trains in Quick mode, and %% --mode=full trains it as the
// cell says. Training shows its progress and curves live; an interrupted
// training (Jupyter's stop button) keeps its completed epochs, and running
// the cell again resumes after them. Errors end the cell.
func (n *Notebook) Fit(spec cnnlib.Spec, compile cnnlib.Compile, fit cnnlib.FitConfig) *cnnlib.Loaded {
	mode, err := chosenMode()
	if err != nil {
		fail(err)
	}
	m := Must(n.fitIn(mode, spec, compile, fit))
	printVsPost(n.out(), valAccVsPost(m.History), timeVsPost(m.History))
	if st := Must(n.state()); st.Mode == Quick {
		ev := Must(m.Evaluate(Must(mnist()).TestData()))
		fmt.Fprintln(n.out(), lang.Sprintf("nb.quick.test", ev.Accuracy, ev.Loss))
		n.printAgainstBaseline(ev.Accuracy)
	}
	return m
}

// PrintAgainstBaseline prints the spread of the post's model under the quick
// budget and where the test accuracies (one run, or several seeds of one
// change) land against it. Without the committed study it says so.
func (n *Notebook) printAgainstBaseline(accs ...float64) {
	base, err := quickBaseline()
	printVerdict(n.out(), base, err, accs)
}

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

// differsFromPost says where a model, its compile settings and its fit
// settings differ from the post's (neither the model's name nor the seed is
// compared: the post has neither); none means the shipped model is that
// model.
func differsFromPost(spec cnnlib.Spec, compile cnnlib.Compile, fit cnnlib.FitConfig) []string {
	var d []string
	post := cnnlib.BlogModel()
	spec.Name = post.Name
	if !reflect.DeepEqual(spec, post) {
		d = append(d, lang.T("nb.differs.model"))
	}
	if !compile.Equal(cnnlib.PostCompile()) {
		d = append(d, lang.Sprintf("nb.differs.optimizer", compile.Optimizer.Name, compile.Optimizer.LearningRate))
	}
	postFit := cnnlib.BlogFitConfig()
	if fit.Epochs != postFit.Epochs || fit.BatchSize != postFit.BatchSize || fit.Shuffle != postFit.Shuffle ||
		fit.ValidationSplit != postFit.ValidationSplit || fit.Validation != nil {
		d = append(d, lang.Sprintf("nb.differs.fit", fit.Epochs, fit.BatchSize, fit.Shuffle, fit.ValidationSplit))
	}
	if !fit.Schedule.IsConstant() { // the post keeps the rate
		d = append(d, lang.Sprintf("nb.differs.schedule", fit.Schedule.String()))
	}
	if !fit.Augment.IsZero() { // the post does not augment
		d = append(d, lang.Sprintf("nb.differs.augment", fit.Augment.String()))
	}
	return d
}

// Summary is the model cell's model.summary(): Keras' table of spec, then
// its parameter count next to the post's. Errors end the cell.
func (n *Notebook) Summary(spec cnnlib.Spec) {
	Check(spec.Summary(n.out()))
	fmt.Fprintln(n.out())
	printVsPost(n.out(), paramsVsPost(spec))
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
			fmt.Fprintf(&b, ", backend %s", t.Backend)
		}
		b.WriteString(")")
	}
	if m.History != nil && m.History.Seconds > 0 {
		b.WriteString(lang.Sprintf("nb.describe.seconds", m.History.Seconds))
	}
	return b.String()
}
