package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// resolveModelDir lets --model name either a saved model directory (with
// model.json) or a training run directory holding one under model/: it
// returns dir/model when dir/model/model.json exists, else dir.
func resolveModelDir(dir string) string {
	sub := filepath.Join(dir, "model")
	if fi, err := os.Stat(filepath.Join(sub, cnnlib.ModelFile)); err == nil && !fi.IsDir() {
		return sub
	}
	return dir
}

// loadModel loads the model that --model names (see resolveModelDir). A
// directory that exists but holds no model.json gets an error saying so.
func loadModel(dir, backend string) (*cnnlib.Loaded, error) {
	resolved := resolveModelDir(dir)
	m, err := cnnlib.Load(resolved, cnnlib.Options{Backend: backend})
	if err != nil && errors.Is(err, fs.ErrNotExist) {
		if fi, serr := os.Stat(resolved); serr == nil && fi.IsDir() {
			if _, serr := os.Stat(filepath.Join(resolved, cnnlib.ModelFile)); errors.Is(serr, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s is not a saved model: it has no %s (nor has %s)", dir, cnnlib.ModelFile, filepath.Join(dir, "model"))
			}
		}
	}
	return m, err
}

// addBackendFlag registers --backend, which every command that runs a model takes.
func addBackendFlag(fs *flag.FlagSet) *string {
	return fs.String("backend", "", "GoMLX backend, e.g. go, onnx, xla:cpu, xla:cuda (default: $GOMLX_BACKEND, else the best installed: CUDA, ONNX Runtime, XLA CPU, go)")
}
