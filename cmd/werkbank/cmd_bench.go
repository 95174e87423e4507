package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
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

func runBench(args []string) error {
	fs := newFlagSet("bench", "bench [flags]")
	df := addDataFlags(fs)
	backend := fs.String("backend", "auto", "GoMLX backend, e.g. go, onnx, xla:cpu, xla:cuda,tf32=false (auto: $GOMLX_BACKEND, else the best installed)")
	formulation := fs.String("formulation", "", formulationUsage)
	batch := fs.Int("batch-size", 162, "samples per training step")
	warmup := fs.Int("warmup", 3, "training steps after the first (compiling) one and before the timed ones")
	steps := fs.Int("steps", 30, "timed training steps")
	inferBatch := fs.Int("infer-batch", 1000, "images per inference call")
	losses := fs.Int("losses", 0, "only print the first N training-step losses (fixed seed, samples in order, no shuffle) and exit: for cross-backend checks")
	asJSON := fs.Bool("json", false, "print the result as JSON on stdout (progress goes to stderr)")
	seed := fs.Int64("seed", 1, "seed of the initial weights and the dropout masks")
	limitTrain := fs.Int("limit-train", 0, "draw the training batches from the first N training samples only (0 = all)")
	limitTest := fs.Int("limit-test", 0, "time inference on the first N test images only (0 = all 10,000)")
	pooling := fs.String("pooling", "max", "the post's model (max) or a BatchNormalization form: batchnorm or bn-max, as in werkbank train --pooling")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	switch {
	case *batch <= 0:
		return usageErrorf("--batch-size %d: want > 0", *batch)
	case *warmup < 0 || *steps < 0 || *losses < 0 || *limitTrain < 0 || *limitTest < 0:
		return usageErrorf("--warmup, --steps, --losses, --limit-train and --limit-test want values >= 0")
	case *losses == 0 && *steps == 0:
		return usageErrorf("--steps 0: nothing to measure")
	case *inferBatch <= 0:
		return usageErrorf("--infer-batch %d: want > 0", *inferBatch)
	}
	hp := cnnlib.PostHyperparameters()
	hp.Pooling = *pooling
	spec, err := hp.Spec()
	if err != nil {
		return usageErrorf("%v", err)
	}
	if *backend == "auto" {
		*backend = ""
	}
	// Human-readable lines go to stdout, or to stderr when stdout carries JSON.
	var out io.Writer = os.Stdout
	if *asJSON {
		out = os.Stderr
	}

	res := benchResult{Tool: "werkbank", GOMAXPROCS: runtime.GOMAXPROCS(0), CPUs: runtime.NumCPU(), CPU: cpuModel(),
		GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH, Seed: *seed, BatchSize: *batch}
	res.Threads = res.GOMAXPROCS

	start := time.Now()
	data, err := df.load(os.Stderr)
	if err != nil {
		return err
	}
	train, test := cnnlib.FromSet(data.Train), cnnlib.FromSet(data.Test)
	if *limitTrain > 0 && *limitTrain < train.Len() {
		train = train.Slice(0, *limitTrain)
	}
	if *limitTest > 0 && *limitTest < test.Len() {
		test = test.Slice(0, *limitTest)
	}
	res.DataLoadS = time.Since(start).Seconds()
	res.TrainSamples = train.Len()

	start = time.Now()
	m, err := cnnlib.New(spec, cnnlib.Options{Backend: *backend, Seed: *seed, Formulation: *formulation})
	if err != nil {
		return err
	}
	defer m.Finalize()
	opt, err := cnnlib.NewOptimizer("rmsprop")
	if err != nil {
		return err
	}
	stepper, err := m.NewStepper(opt, *seed)
	if err != nil {
		return err
	}
	res.BuildS = time.Since(start).Seconds()
	res.Backend, res.BackendReason = m.Backend.Config, m.Backend.Reason
	res.Formulation = m.Formulation()
	res.Model, res.Params = spec.Name, m.NumParams()
	fmt.Fprintf(out, "werkbank bench: backend %s (%s); graph %s (%s); GOMAXPROCS %d, %d CPUs, %s %s\n",
		res.Backend, res.BackendReason, res.Formulation, formulationName(m), res.GOMAXPROCS, res.CPUs, res.GoVersion, res.Platform)
	fmt.Fprintf(out, "data: %s, %d training samples (in order), %d test images; loaded in %.2f s; model built in %.2f s\n",
		data.Name, train.Len(), test.Len(), res.DataLoadS, res.BuildS)

	// Batch b is the samples b*batch ... (b+1)*batch-1 in order, wrapping around
	// the training samples, with the dropout masks of (epoch 1, step b): the first
	// epoch of `werkbank train --no-shuffle --validation-split 0`.
	idx := make([]int, *batch)
	step := func(b int) (float64, time.Duration, error) {
		for i := range idx {
			idx[i] = (b*(*batch) + i) % train.Len()
		}
		t := time.Now()
		loss, err := stepper.Step(train, idx, 1, b)
		d := time.Since(t)
		if err == nil && (math.IsNaN(loss) || math.IsInf(loss, 0)) {
			err = fmt.Errorf("%w: loss %v at step %d", cnnlib.ErrDiverged, loss, b+1)
		}
		return loss, d, err
	}

	if *losses > 0 {
		for b := range *losses {
			loss, d, err := step(b)
			if err != nil {
				return err
			}
			if b == 0 {
				res.FirstStepS = d.Seconds()
			}
			res.Losses = append(res.Losses, loss)
			if !*asJSON {
				fmt.Printf("step %d loss %.6f\n", b+1, loss)
			}
		}
		fmt.Fprintf(out, "first step (compile + run): %.2f s\n", res.FirstStepS)
		return finishBench(res, *asJSON)
	}

	_, d, err := step(0)
	if err != nil {
		return err
	}
	res.FirstStepS = d.Seconds()
	for b := 1; b <= *warmup; b++ {
		if _, _, err := step(b); err != nil {
			return err
		}
	}
	times := make([]float64, 0, *steps)
	var total time.Duration
	for b := 1 + *warmup; b < 1+*warmup+*steps; b++ {
		_, d, err := step(b)
		if err != nil {
			return err
		}
		times = append(times, d.Seconds())
		total += d
	}
	res.Warmup, res.Steps = *warmup, *steps
	res.StepS = total.Seconds() / float64(*steps)
	res.StepMedianS = median(times)
	res.TrainSamplesPerS = float64(*batch) / res.StepS
	fmt.Fprintf(out, "train, batch %d: first step (compile + run) %.2f s; %d warm-up steps; %d timed steps: %.4f s/step (median %.4f) = %.0f samples/s\n",
		*batch, res.FirstStepS, *warmup, *steps, res.StepS, res.StepMedianS, res.TrainSamplesPerS)

	// Inference: one warm-up pass (compiles), then timed passes over the test
	// images until at least a second has passed (at most 50 passes).
	res.InferBatch, res.InferImages = *inferBatch, test.Len()
	t := time.Now()
	probs, err := m.PredictFlat(test.Images, *inferBatch)
	if err != nil {
		return err
	}
	res.InferFirstS = time.Since(t).Seconds()
	res.InferAccuracy = accuracyOf(probs, test.Labels, spec.Classes)
	t = time.Now()
	for res.InferPasses == 0 || (time.Since(t) < time.Second && res.InferPasses < 50) {
		if _, err := m.PredictFlat(test.Images, *inferBatch); err != nil {
			return err
		}
		res.InferPasses++
	}
	res.InferS = time.Since(t).Seconds()
	res.InferImagesPerS = float64(res.InferPasses*test.Len()) / res.InferS
	fmt.Fprintf(out, "inference, batch %d, %d test images: first pass (compile + run) %.2f s; %d timed pass(es): %.0f images/s (accuracy after %d steps: %.4f)\n",
		*inferBatch, test.Len(), res.InferFirstS, res.InferPasses, res.InferImagesPerS, 1+*warmup+*steps, res.InferAccuracy)
	return finishBench(res, *asJSON)
}

func finishBench(res benchResult, asJSON bool) error {
	if !asJSON {
		return nil
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
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
