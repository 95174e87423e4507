package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/plots"
)

func init() {
	register("lr-find", "learning-rate range test: loss against a growing rate, with a suggested rate and a figure", runLRFind)
}

func runLRFind(args []string) error {
	fs := newFlagSet("lr-find", "lr-find [flags]")
	df := addDataFlags(fs)
	mf := addModelFlags(fs)
	backend := addBackendFlag(fs)
	start := fs.Float64("start-lr", 1e-6, "learning rate of the first step, > 0")
	end := fs.Float64("end-lr", 1, "learning rate of the last step, above --start-lr")
	steps := fs.Int("steps", 100, "steps of the test, at least 10 (each on a new batch of --batch-size)")
	out := fs.String("out", "", "output directory for lr_range.json and lr_range.png/.svg (default runs/lr-find-<date-time>)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	// The library reads a zero rate or step count as its default; a flag
	// of 0 is a mistake.
	for _, rate := range []struct {
		flag string
		v    float64
	}{{"--start-lr", *start}, {"--end-lr", *end}} {
		if !(rate.v > 0) {
			return usageErrorf("%s %v: want a learning rate > 0", rate.flag, rate.v)
		}
	}
	if *steps < 10 {
		return usageErrorf("--steps %d: want at least 10", *steps)
	}
	spec, err := mf.spec()
	if err != nil {
		return err
	}
	fit, err := mf.fitConfig()
	if err != nil {
		return err
	}
	cfg := cnnlib.LRRangeConfig{StartLR: *start, EndLR: *end, Steps: *steps, BatchSize: fit.BatchSize, Optimizer: fit.Optimizer, Seed: fit.Seed}
	if err := cfg.Validate(); err != nil { // before the data and the backend load
		return usageErrorf("%v (flags --start-lr, --end-lr, --steps, --batch-size)", err)
	}
	if *out == "" {
		*out = filepath.Join("runs", "lr-find-"+time.Now().Format("2006-01-02T15-04-05"))
	}
	data, err := df.load(os.Stderr)
	if err != nil {
		return err
	}
	train := cnnlib.FromSet(data.Train)
	if fit.ValidationSplit > 0 { // the rates are chosen on the training part only, as Fit trains
		if train, _, err = train.ValidationSplit(fit.ValidationSplit); err != nil {
			return err
		}
	}
	m, err := cnnlib.New(spec, cnnlib.Options{Backend: *backend, Seed: fit.Seed})
	if err != nil {
		return err
	}
	defer m.Finalize()
	fmt.Printf("backend: %s (%s)\n", m.Backend.Config, m.Backend.Reason)
	fmt.Printf("range test of %s with %s: %d steps of %d images, rates %g to %g\n",
		spec.Name, fit.Optimizer.Name, *steps, fit.BatchSize, *start, *end)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	r, err := m.LRRangeTest(ctx, train, cfg)
	if err != nil {
		return err
	}
	res := cnnlib.LRRangeRun{Command: "werkbank lr-find " + strings.Join(args, " "), Backend: m.Backend.Config, LRRange: r}
	return writeLRRange(*out, res, fmt.Sprintf("%s, %s, batch %d", spec.Name, fit.Optimizer.Name, fit.BatchSize))
}

// writeLRRange writes a range test into dir: lr_range.json and its chart
// (PNG and SVG) captioned with what ran; then prints its summary.
func writeLRRange(dir string, res cnnlib.LRRangeRun, what string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", dir, err)
	}
	if err := res.Write(filepath.Join(dir, cnnlib.LRRangeFile)); err != nil {
		return err
	}
	fig, err := figures.LRRange(res.LRRange, what)
	if err != nil {
		return err
	}
	png, svg, err := plots.SaveAll(fig, dir, "lr_range")
	if err != nil {
		return err
	}
	fmt.Println(res.Summary())
	fmt.Printf("wrote %s, %s, %s\n", filepath.Join(dir, cnnlib.LRRangeFile), png, svg)
	return nil
}
