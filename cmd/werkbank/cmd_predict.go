package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/kiwerkstatt/werkbank/digitimage"
)

func init() {
	register("predict", "classify PNG/JPEG images of handwritten digits with a saved model", runPredict)
}

func runPredict(args []string) error {
	fs := newFlagSet("predict", "predict --model DIR [flags] IMAGE...")
	modelDir := fs.String("model", "", "saved model directory (with model.json), or a run directory holding model/")
	backend := addBackendFlag(fs)
	show := fs.Bool("show", false, "print each prepared 28x28 image as ASCII art")
	top := fs.Int("top", 3, "how many classes to print per image")
	images, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *modelDir == "" {
		return usageErrorf("--model DIR is required")
	}
	if len(images) == 0 {
		return usageErrorf("no IMAGE given")
	}
	if *top < 1 {
		return usageErrorf("--top %d: want >= 1", *top)
	}

	m, err := loadModel(*modelDir, *backend)
	if err != nil {
		return err
	}
	defer m.Finalize()
	if in := m.Spec.InputShape; in[0] != digitimage.Size || in[1] != digitimage.Size || in[2] != 1 {
		return fmt.Errorf("%s: the model takes %dx%dx%d images; predict prepares %dx%dx1 digits",
			m.Dir, in[0], in[1], in[2], digitimage.Size, digitimage.Size)
	}

	failed := 0
	for _, path := range images {
		pixels, err := digitimage.PrepareFile(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "werkbank predict: %v\n", err)
			failed++
			continue
		}
		if *show {
			fmt.Printf("%s:\n%s", path, digitimage.ASCII(pixels))
		}
		probs, err := m.Predict(pixels)
		if err != nil {
			fmt.Fprintf(os.Stderr, "werkbank predict: %s: %v\n", path, err)
			failed++
			continue
		}
		fmt.Printf("%s: %s\n", path, topClasses(probs[0], *top))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d images failed", failed, len(images))
	}
	return nil
}

// topClasses formats the n most probable classes, e.g. "7 (99.12%), 1 (0.51%)".
func topClasses(probs []float32, n int) string {
	idx := make([]int, len(probs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return probs[idx[a]] > probs[idx[b]] })
	parts := make([]string, 0, n)
	for _, c := range idx[:min(n, len(idx))] {
		parts = append(parts, fmt.Sprintf("%d (%.2f%%)", c, 100*probs[c]))
	}
	return strings.Join(parts, ", ")
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments (`predict a.png --show b.png`) and returns the
// positional ones; after "--" everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
