package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/study"
)

func init() {
	register("train", "train a model (defaults: the post's run) with evaluation, saved model and report", runTrain)
}

// trainFlags are train's flags: the data, the hyperparameters (modelFlags),
// the backend and the run's own.
type trainFlags struct {
	fs          *flag.FlagSet
	data        *dataFlags
	model       *modelFlags
	backend     *string
	formulation string
	limitTrain  int
	limitTest   int
	out         string
	noReport    bool
	target      float64
	evalEvery   int
}

// newTrainFlags registers train's flags on a flag set of their own.
func newTrainFlags() *trainFlags {
	tf := &trainFlags{fs: newFlagSet("train", "train [flags]")}
	fs := tf.fs
	tf.data = addDataFlags(fs)
	tf.model = addModelFlags(fs)
	tf.backend = addBackendFlag(fs)
	fs.StringVar(&tf.formulation, "formulation", "", formulationUsage)
	fs.IntVar(&tf.limitTrain, "limit-train", 0, "use only the first N training samples (0 = all), for quick runs")
	fs.IntVar(&tf.limitTest, "limit-test", 0, "use only the first N test samples (0 = all)")
	fs.StringVar(&tf.out, "out", "", "output directory (default runs/<date-time>); the same directory again resumes an interrupted run")
	fs.BoolVar(&tf.noReport, "no-report", false, "skip writing the report with the figures")
	fs.Float64Var(&tf.target, "target", 0, "measure the time to accuracy: the seconds of training until the validation accuracy first reaches this value, checked every --eval-every steps with the clock stopped (0: not measured)")
	fs.IntVar(&tf.evalEvery, "eval-every", 20, "--target: training steps between validation checks")
	return tf
}

// parse parses args and checks everything that can be checked without the
// data and a backend, so that sweep can check its runs' flags up front.
func (tf *trainFlags) parse(args []string) (cnnlib.Spec, cnnlib.FitConfig, error) {
	if err := parseFlags(tf.fs, args); err != nil {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, err
	}
	if tf.fs.NArg() > 0 {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, usageErrorf("unexpected arguments %q", tf.fs.Args())
	}
	if tf.limitTrain < 0 || tf.limitTest < 0 {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, usageErrorf("--limit-train %d, --limit-test %d: want >= 0", tf.limitTrain, tf.limitTest)
	}
	if !(tf.target >= 0 && tf.target < 1) || tf.evalEvery <= 0 {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, usageErrorf("--target %v, --eval-every %d: want a target in [0, 1) and steps > 0", tf.target, tf.evalEvery)
	}
	if err := tf.data.check(); err != nil {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, err
	}
	spec, err := tf.model.spec()
	if err != nil {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, err
	}
	fit, err := tf.model.fitConfig()
	if err != nil {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, err
	}
	fit.Target, fit.EvalEvery = tf.target, tf.evalEvery
	if err := fit.Validate(1 << 30); err != nil {
		return cnnlib.Spec{}, cnnlib.FitConfig{}, usageErrorf("--target %v: %v", tf.target, err)
	}
	return spec, fit, nil
}

func runTrain(args []string) error {
	tf := newTrainFlags()
	spec, fit, err := tf.parse(args)
	if err != nil {
		return err
	}
	if tf.out == "" {
		tf.out = filepath.Join("runs", time.Now().Format("2006-01-02T15-04-05"))
	}
	out, closeRun, err := openRunDir(tf.out)
	if err != nil {
		return err
	}
	defer closeRun()
	fmt.Fprintf(out, "$ werkbank train %s\n", strings.Join(args, " "))
	cpu := cpuModel() // once: the log's first line and result.json
	fmt.Fprintf(out, "started %s on %s/%s, %d CPUs, GOMAXPROCS %d, %s\n", time.Now().Format(time.RFC3339), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), cpu)

	data, err := tf.data.load(os.Stderr)
	if err != nil {
		return err
	}
	train, test := cnnlib.FromSet(data.Train), cnnlib.FromSet(data.Test)
	if tf.limitTrain > 0 && tf.limitTrain < train.Len() {
		train = train.Slice(0, tf.limitTrain)
	}
	if tf.limitTest > 0 && tf.limitTest < test.Len() {
		test = test.Slice(0, tf.limitTest)
	}

	fit.Output = out
	fit.CheckpointDir = filepath.Join(tf.out, "checkpoint")
	modelDir := filepath.Join(tf.out, "model")
	run := cnnlib.TrainRun{Spec: spec, Options: cnnlib.Options{Backend: *tf.backend, Seed: fit.Seed, Formulation: tf.formulation},
		Fit: fit, Train: train, Test: test, ModelDir: modelDir, Started: func(m *cnnlib.Model) error {
			fmt.Fprintf(out, "backend: %s (%s); graph: %s\n", m.Backend.Config, m.Backend.Reason, formulationName(m))
			return spec.Summary(out)
		}}
	trained, err := fitRun(run)
	if err != nil {
		return err
	}
	defer trained.Finalize()
	m, hist, ev := trained.Model, trained.History, trained.Test
	fmt.Fprint(out, ev)
	fmt.Fprintf(out, "Saved model to %s\n", modelDir)
	res := resultOf(args, m, fit, hist, ev, cpu)
	if err := atomicfile.WriteJSON(filepath.Join(tf.out, "result.json"), res); err != nil {
		return err
	}
	if tf.noReport || writeReport == nil {
		return nil
	}
	reportDir := filepath.Join(tf.out, "report")
	// The model just trained, on the backend and graph it trained on: a
	// reload would choose the backend again and could differ from --backend.
	if err := writeReport(trained.Loaded, reportDir, cnnlib.FromSet(data.Test), test, out); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	fmt.Fprintf(out, "Report: %s\n", filepath.Join(reportDir, "report.html"))
	return nil
}

// openRunDir creates and locks the run directory dir and opens its
// train.log; what is written to the returned writer goes to stdout and the
// log. The returned function closes the log and unlocks dir.
func openRunDir(dir string) (io.Writer, func(), error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("--out %s: %w", dir, err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, nil, err
	}
	logFile, err := os.OpenFile(filepath.Join(dir, "train.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		unlock()
		return nil, nil, err
	}
	closeRun := func() {
		logFile.Close()
		unlock()
	}
	return io.MultiWriter(os.Stdout, &lineLog{w: logFile}), closeRun, nil
}

// fitRun runs run (progress to run.Fit.Output, one line an epoch when
// stdout is not a terminal) and says how long it took and, with a target,
// when it was reached. An interrupt (Ctrl-C, SIGTERM) stops it between two
// steps with the completed epochs in the checkpoint and exit status 130.
func fitRun(run cnnlib.TrainRun) (*cnnlib.TrainResult, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fit := run.Fit
	out := fit.Output
	run.Fit.Verbose = 1
	if !isTerminal(os.Stdout) {
		run.Fit.Verbose = 2
	}
	start := time.Now()
	res, err := run.Run(ctx)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			done := 0
			if res != nil && res.History != nil {
				done = len(res.History.Epochs)
			}
			fmt.Fprintf(out, "\nInterrupted. %d completed epoch(s) are saved in %s; run the same command again to resume.\n", done, fit.CheckpointDir)
			return nil, exitCode(130)
		}
		return nil, err
	}
	hist := res.History
	fmt.Fprintf(out, "It took: %.1f s (this session: %.1f s)\n", hist.Seconds, time.Since(start).Seconds())
	if fit.Target > 0 {
		if hist.TimeToTarget > 0 {
			fmt.Fprintf(out, "val_acc first reached %.4f after step %d: %.1f s of training\n", fit.Target, hist.TargetStep, hist.TimeToTarget)
		} else {
			fmt.Fprintf(out, "val_acc never reached %.4f (checked every %d steps)\n", fit.Target, fit.EvalEvery)
		}
	}
	return res, nil
}

// resultOf is the result.json of a finished run.
func resultOf(args []string, m *cnnlib.Model, fit cnnlib.FitConfig, hist *cnnlib.History, ev cnnlib.Evaluation, cpu string) study.Result {
	res := study.Result{Command: "werkbank train " + strings.Join(args, " "), Backend: m.Backend.Config,
		Formulation: m.Formulation(), Seed: fit.Seed,
		TestLoss: ev.Loss, TestAcc: ev.Accuracy, TestSamples: ev.Samples, Seconds: hist.Seconds,
		CPUs: runtime.NumCPU(), CPU: cpu, Finished: time.Now().Format(time.RFC3339),
		Target: fit.Target, TimeToTarget: hist.TimeToTarget, TargetStep: hist.TargetStep}
	if n := len(hist.Epochs); n > 0 {
		res.ValLoss, res.ValAcc = hist.Epochs[n-1].ValLoss, hist.Epochs[n-1].ValAcc
	}
	return res
}

// formulationUsage is the help of train's and bench's --formulation.
const formulationUsage = "conv/pool graph: fast (im2col), stock (backend ops) or stock-matmul-grad (stock, conv kernel gradients as MatMuls); default: fast on the go backend, stock-matmul-grad on onnx, stock on xla"

func formulationName(m *cnnlib.Model) string {
	switch m.Formulation() {
	case cnnlib.FormulationFast:
		return "im2col convolution + reshape max-pool"
	case cnnlib.FormulationStockMatMulGrad:
		return "stock Convolve + MaxPool ops, conv kernel gradients as MatMuls"
	}
	return "stock Convolve + MaxPool ops"
}

// writeReport is set by cmd_report.go; train writes the report when it is available.
// The report's figures use the full test set (images 4, 6, 11, 21); its
// evaluation uses eval, the test images of the run (--limit-test).
var writeReport func(l *cnnlib.Loaded, outDir string, test, eval cnnlib.Data, log io.Writer) error
