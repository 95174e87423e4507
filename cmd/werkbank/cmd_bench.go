package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/trainflags"
)

func init() {
	register("bench", "measure training and inference speed of the post's model on real MNIST (or print its first losses)", runBench)
}

// benchResult is the output of `werkbank bench --json`. bench/torch_blog.py
// --bench --json writes the same keys, so scripts compare the two directly.
type benchResult struct {
	Tool          string `json:"tool"` // "werkbank"
	Backend       string `json:"backend"`
	BackendReason string `json:"backend_reason"`
	Formulation   string `json:"formulation"` // fast, stock or stock-matmul-grad (cnnlib.Formulation*)
	Model         string `json:"model"`
	Params        int    `json:"params"`
	GOMAXPROCS    int    `json:"gomaxprocs"`
	Threads       int    `json:"threads"` // = GOMAXPROCS, the key torch_blog.py also writes
	CPUs          int    `json:"cpus"`
	CPU           string `json:"cpu"` // cpuModel
	GoVersion     string `json:"go_version"`
	Platform      string `json:"platform"`
	Seed          int64  `json:"seed"`
	BatchSize     int    `json:"batch_size"`
	TrainSamples  int    `json:"train_samples"` // samples the training batches are drawn from, in order

	DataLoadS  float64 `json:"data_load_s"`
	BuildS     float64 `json:"build_s"`      // backend + initial weights
	FirstStepS float64 `json:"first_step_s"` // compile + one training step

	// Steady state: Steps training steps after Warmup more steps.
	Warmup           int     `json:"warmup,omitempty"`
	Steps            int     `json:"steps,omitempty"`
	StepS            float64 `json:"step_s,omitempty"`        // mean seconds per step
	StepMedianS      float64 `json:"step_median_s,omitempty"` // median seconds per step
	TrainSamplesPerS float64 `json:"train_samples_per_s,omitempty"`
	InferBatch       int     `json:"infer_batch,omitempty"`
	InferImages      int     `json:"infer_images,omitempty"`
	InferFirstS      float64 `json:"infer_first_s,omitempty"` // compile + the warm-up pass
	InferPasses      int     `json:"infer_passes,omitempty"`  // timed passes over the images
	InferS           float64 `json:"infer_s,omitempty"`       // seconds of the timed passes
	InferImagesPerS  float64 `json:"infer_images_per_s,omitempty"`
	InferAccuracy    float64 `json:"infer_accuracy,omitempty"` // of the briefly trained model: a sanity check only

	// --losses N: the first N training losses, in order.
	Losses []float64 `json:"losses,omitempty"`
}

// benchFlags are bench's flags.
type benchFlags struct {
	data                             *dataFlags
	backend, formulation, pooling    string
	batch, warmup, steps, inferBatch int
	losses, limitTrain, limitTest    int
	seed                             int64
	asJSON                           bool
}

// parseBenchFlags parses and checks bench's flags.
func parseBenchFlags(args []string) (*benchFlags, error) {
	fs := newFlagSet("bench", "bench [flags]")
	f := &benchFlags{data: addDataFlags(fs)}
	fs.StringVar(&f.backend, "backend", "auto", "GoMLX backend, e.g. go, onnx, xla:cpu, xla:cuda,tf32=false (auto: $GOMLX_BACKEND, else the best installed)")
	fs.StringVar(&f.formulation, "formulation", "", formulationUsage)
	fs.IntVar(&f.batch, "batch-size", 162, "samples per training step")
	fs.IntVar(&f.warmup, "warmup", 3, "training steps after the first (compiling) one and before the timed ones")
	fs.IntVar(&f.steps, "steps", 30, "timed training steps")
	fs.IntVar(&f.inferBatch, "infer-batch", 1000, "images per inference call")
	fs.IntVar(&f.losses, "losses", 0, "only print the first N training-step losses (fixed seed, samples in order, no shuffle) and exit: for cross-backend checks; 0 means the benchmark")
	fs.BoolVar(&f.asJSON, "json", false, "print the result as JSON on stdout (progress goes to stderr)")
	fs.Int64Var(&f.seed, "seed", 1, "seed of the initial weights and the dropout masks")
	fs.IntVar(&f.limitTrain, "limit-train", 0, "draw the training batches from the first N training samples only (0 = all)")
	fs.IntVar(&f.limitTest, "limit-test", 0, "time inference on the first N test images only (0 = all 10,000)")
	fs.StringVar(&f.pooling, "pooling", "max", "the post's model (max) or a BatchNormalization form: batchnorm or bn-max, as in werkbank train --pooling")
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usageErrorf("unexpected arguments %q", fs.Args())
	}
	switch {
	case f.batch <= 0:
		return nil, usageErrorf("--batch-size %d: want > 0", f.batch)
	case f.warmup < 0 || f.steps < 0 || f.losses < 0 || f.limitTrain < 0 || f.limitTest < 0:
		return nil, usageErrorf("--warmup, --steps, --losses, --limit-train and --limit-test want values >= 0")
	case f.losses == 0 && f.steps == 0:
		return nil, usageErrorf("--steps 0: nothing to measure")
	case f.inferBatch <= 0:
		return nil, usageErrorf("--infer-batch %d: want > 0", f.inferBatch)
	}
	if f.backend == "auto" {
		f.backend = ""
	}
	return f, nil
}

// benchRun is one bench: its model, data and result so far; human-readable
// lines go to out (stdout, or stderr when stdout carries JSON).
type benchRun struct {
	f           *benchFlags
	out         io.Writer
	res         benchResult
	spec        cnnlib.Spec
	train, test cnnlib.Data
	m           *cnnlib.Model
	stepper     *cnnlib.Stepper
}

func runBench(args []string) error {
	f, err := parseBenchFlags(args)
	if err != nil {
		return err
	}
	hp := cnnlib.PostHyperparameters()
	hp.Pooling = f.pooling
	spec, err := hp.Spec()
	if err != nil {
		return usageErrorf("%v", trainflags.Explain(err))
	}
	r := &benchRun{f: f, out: os.Stdout, spec: spec}
	if f.asJSON {
		r.out = os.Stderr
	}
	r.res = benchResult{Tool: "werkbank", GOMAXPROCS: runtime.GOMAXPROCS(0), CPUs: runtime.NumCPU(), CPU: cpuModel(),
		GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH, Seed: f.seed, BatchSize: f.batch}
	r.res.Threads = r.res.GOMAXPROCS
	name, err := r.load()
	if err != nil {
		return err
	}
	if err := r.build(); err != nil {
		return err
	}
	defer r.m.Finalize()
	fmt.Fprintf(r.out, "werkbank bench: backend %s (%s); graph %s (%s); GOMAXPROCS %d, %d CPUs, %s %s\n",
		r.res.Backend, r.res.BackendReason, r.res.Formulation, formulationName(r.m), r.res.GOMAXPROCS, r.res.CPUs, r.res.GoVersion, r.res.Platform)
	fmt.Fprintf(r.out, "data: %s, %d training samples (in order), %d test images; loaded in %.2f s; model built in %.2f s\n",
		name, r.train.Len(), r.test.Len(), r.res.DataLoadS, r.res.BuildS)
	if f.losses > 0 {
		if err := r.firstLosses(); err != nil {
			return err
		}
		return finishBench(r.res, f.asJSON)
	}
	if err := r.timeTraining(); err != nil {
		return err
	}
	if err := r.timeInference(); err != nil {
		return err
	}
	return finishBench(r.res, f.asJSON)
}

// load reads the data set, limited as the flags say, and returns its name.
func (r *benchRun) load() (string, error) {
	start := time.Now()
	data, err := r.f.data.load(os.Stderr)
	if err != nil {
		return "", err
	}
	r.train, r.test = cnnlib.FromSet(data.Train), cnnlib.FromSet(data.Test)
	if r.f.limitTrain > 0 && r.f.limitTrain < r.train.Len() {
		r.train = r.train.Slice(0, r.f.limitTrain)
	}
	if r.f.limitTest > 0 && r.f.limitTest < r.test.Len() {
		r.test = r.test.Slice(0, r.f.limitTest)
	}
	r.res.DataLoadS = time.Since(start).Seconds()
	r.res.TrainSamples = r.train.Len()
	return data.Name, nil
}

// build makes the model and its training stepper on the backend.
func (r *benchRun) build() error {
	start := time.Now()
	m, err := cnnlib.New(r.spec, cnnlib.Options{Backend: r.f.backend, Seed: r.f.seed, Formulation: r.f.formulation})
	if err != nil {
		return err
	}
	opt, err := cnnlib.NewOptimizer("rmsprop")
	if err == nil {
		r.stepper, err = m.NewStepper(opt, r.f.seed)
	}
	if err != nil {
		m.Finalize()
		return err
	}
	r.m = m
	r.res.BuildS = time.Since(start).Seconds()
	r.res.Backend, r.res.BackendReason = m.Backend.Config, m.Backend.Reason
	r.res.Formulation = m.Formulation()
	r.res.Model, r.res.Params = r.spec.Name, m.NumParams()
	return nil
}

// firstLosses records (and without --json prints) the first --losses
// training losses.
func (r *benchRun) firstLosses() error {
	idx := make([]int, r.f.batch)
	for b := range r.f.losses {
		start := time.Now()
		loss, err := r.stepper.StepInOrder(r.train, idx, b)
		if err != nil {
			return err
		}
		if b == 0 {
			r.res.FirstStepS = time.Since(start).Seconds()
		}
		r.res.Losses = append(r.res.Losses, loss)
		if !r.f.asJSON {
			fmt.Printf("step %d loss %.6f\n", b+1, loss)
		}
	}
	fmt.Fprintf(r.out, "first step (compile + run): %.2f s\n", r.res.FirstStepS)
	return nil
}

// timeTraining times --steps training steps after the first (compiling)
// one and --warmup more.
func (r *benchRun) timeTraining() error {
	t, err := r.stepper.Time(r.train, r.f.batch, r.f.warmup, r.f.steps)
	if err != nil {
		return err
	}
	r.res.FirstStepS = t.First.Seconds()
	r.res.Warmup, r.res.Steps = r.f.warmup, r.f.steps
	r.res.StepS = t.Mean().Seconds()
	r.res.StepMedianS = t.Median().Seconds()
	r.res.TrainSamplesPerS = float64(r.f.batch) / r.res.StepS
	fmt.Fprintf(r.out, "train, batch %d: first step (compile + run) %.2f s; %d warm-up steps; %d timed steps: %.4f s/step (median %.4f) = %.0f samples/s\n",
		r.f.batch, r.res.FirstStepS, r.f.warmup, r.f.steps, r.res.StepS, r.res.StepMedianS, r.res.TrainSamplesPerS)
	return nil
}

// timeInference runs one warm-up pass over the test images (it compiles),
// then timed passes until at least a second has passed (at most 50).
func (r *benchRun) timeInference() error {
	r.res.InferBatch, r.res.InferImages = r.f.inferBatch, r.test.Len()
	images := r.test.Images()
	t := time.Now()
	probs, err := r.m.PredictFlat(images, r.f.inferBatch)
	if err != nil {
		return err
	}
	r.res.InferFirstS = time.Since(t).Seconds()
	r.res.InferAccuracy = accuracyOf(probs, r.test.Labels, r.spec.Classes)
	t = time.Now()
	for r.res.InferPasses == 0 || (time.Since(t) < time.Second && r.res.InferPasses < 50) {
		if _, err := r.m.PredictFlat(images, r.f.inferBatch); err != nil {
			return err
		}
		r.res.InferPasses++
	}
	r.res.InferS = time.Since(t).Seconds()
	r.res.InferImagesPerS = float64(r.res.InferPasses*r.test.Len()) / r.res.InferS
	fmt.Fprintf(r.out, "inference, batch %d, %d test images: first pass (compile + run) %.2f s; %d timed pass(es): %.0f images/s (accuracy after %d steps: %.4f)\n",
		r.f.inferBatch, r.test.Len(), r.res.InferFirstS, r.res.InferPasses, r.res.InferImagesPerS, 1+r.f.warmup+r.f.steps, r.res.InferAccuracy)
	return nil
}

func finishBench(res benchResult, asJSON bool) error {
	if !asJSON {
		return nil
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// accuracyOf returns the fraction of rows of probs (flat [n, classes]) whose argmax is the label.
func accuracyOf(probs []float32, labels []int32, classes int) float64 {
	if len(labels) == 0 {
		return 0
	}
	correct := 0
	for i, l := range labels {
		row := probs[i*classes : (i+1)*classes]
		best := 0
		for c, p := range row {
			if p > row[best] {
				best = c
			}
		}
		if best == int(l) {
			correct++
		}
	}
	return float64(correct) / float64(len(labels))
}
