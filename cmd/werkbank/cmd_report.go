package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
)

func init() {
	register("report", "write every figure of the post (PNG, SVG) and a self-contained report.html for a saved model", runReport)
	writeReport = func(l *cnnlib.Loaded, outDir string, test, eval cnnlib.Data, log io.Writer) error {
		return writeModelReport(l, 0, outDir, test, eval, log)
	}
}

func runReport(args []string) error {
	fs := newFlagSet("report", "report --model DIR [--out DIR] [flags]")
	df := addDataFlags(fs)
	modelDir := fs.String("model", "", "saved model directory (a run directory with model/ inside works too) (required)")
	out := fs.String("out", "", "output directory (default: RUN/report for a run's RUN/model, else MODEL-report)")
	backend := addBackendFlag(fs)
	noiseSeed := fs.Uint64("noise-seed", 0, "seed of the white-noise image of Abb 4-6")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelDir == "" {
		return usageErrorf("--model is required")
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	dir := resolveModelDir(*modelDir)
	if *out == "" {
		*out = defaultReportDir(dir)
	}
	data, err := df.load(os.Stderr)
	if err != nil {
		return err
	}
	l, err := loadModel(dir, *backend)
	if err != nil {
		return err
	}
	defer l.Finalize()
	start := time.Now()
	test := cnnlib.FromSet(data.Test)
	if err := writeModelReport(l, *noiseSeed, *out, test, test, os.Stdout); err != nil {
		return err
	}
	fmt.Printf("Report: %s (%.1f s)\n", filepath.Join(*out, "report.html"), time.Since(start).Seconds())
	return nil
}

func writeModelReport(l *cnnlib.Loaded, noiseSeed uint64, outDir string, test, eval cnnlib.Data, log io.Writer) error {
	r, err := figures.BuildReport(figures.ReportInput{
		Title:     fmt.Sprintf("Werkbank report: %s (%s; backend %s)", l.Spec.Name, l.Dir, l.Backend.Config),
		Model:     l.Model,
		History:   l.History,
		Test:      test,
		Eval:      &eval,
		NoiseSeed: noiseSeed,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "Test accuracy %.4f; the noise is read as %d (%.2f%%)\n", r.Evaluation.Accuracy, r.Noise.Class, r.Noise.Probabilities[r.Noise.Class]*100)
	return r.Write(outDir)
}

// defaultReportDir puts a run's report beside its model (runs/x/report for
// runs/x/model) and any other model's next to it (models/blog-cnn-report).
func defaultReportDir(modelDir string) string {
	clean := filepath.Clean(modelDir)
	if filepath.Base(clean) == "model" {
		return filepath.Join(filepath.Dir(clean), "report")
	}
	return clean + "-report"
}
