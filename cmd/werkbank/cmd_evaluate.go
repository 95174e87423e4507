package main

import (
	"fmt"
)

func init() {
	register("evaluate", "evaluate a saved model on the test set (the post's model.evaluate)", runEvaluate)
}

func runEvaluate(args []string) error {
	fs := newFlagSet("evaluate", "evaluate --model DIR [flags]")
	df := addDataFlags(fs)
	modelDir := fs.String("model", "", "saved model directory (with model.json), or a run directory holding model/")
	backend := addBackendFlag(fs)
	limitTest := fs.Int("limit-test", 0, "use only the first N test samples (0 = all)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments %q", fs.Args())
	}
	if *modelDir == "" {
		return usageErrorf("--model DIR is required")
	}
	if *limitTest < 0 {
		return usageErrorf("--limit-test %d: want >= 0", *limitTest)
	}

	m, err := loadModel(*modelDir, *backend)
	if err != nil {
		return err
	}
	defer m.Finalize()
	fmt.Printf("model: %s\nbackend: %s (%s)\n", m.Dir, m.Backend.Config, m.Backend.Reason)

	_, test, err := df.testData(*limitTest)
	if err != nil {
		return err
	}
	ev, err := m.Evaluate(test)
	if err != nil {
		return err
	}
	fmt.Print(ev)
	return nil
}
