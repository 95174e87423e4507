package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// modelFlags choose the architecture: the post's model with the changes it
// suggests trying, or a JSON spec file.
type modelFlags struct {
	specFile   string
	filters    string
	kernel     int
	activation string
	dropout    float64
	l2         float64
	dense      int
	pooling    string
}

func addModelFlags(fs *flag.FlagSet) *modelFlags {
	f := &modelFlags{}
	fs.StringVar(&f.specFile, "spec", "", "JSON model spec file (overrides the architecture flags below)")
	fs.StringVar(&f.filters, "filters", "32,32,32,16", "filters of the four Conv2D layers, comma-separated")
	fs.IntVar(&f.kernel, "kernel", 3, "kernel size of the Conv2D layers (square)")
	fs.StringVar(&f.activation, "activation", "relu", "activation of the Conv2D and hidden Dense layers: relu, sigmoid, tanh, elu or linear")
	fs.Float64Var(&f.dropout, "dropout", 0.4, "rate of the three Dropout layers, in [0, 1)")
	fs.Float64Var(&f.l2, "l2", 0.007, "L2 factor on the hidden Dense kernel (0 = none)")
	fs.IntVar(&f.dense, "dense", 128, "units of the hidden Dense layer")
	fs.StringVar(&f.pooling, "pooling", "max", "after the first three Conv2D layers: max (MaxPooling2D 2x2) or batchnorm (BatchNormalization, as the post suggests trying)")
	return f
}

// spec returns the architecture the flags describe.
func (f *modelFlags) spec() (cnnlib.Spec, error) {
	if f.specFile != "" {
		return cnnlib.ReadSpec(f.specFile)
	}
	var filters []int
	for _, s := range strings.Split(f.filters, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return cnnlib.Spec{}, usageErrorf("--filters %q: want four positive integers like 32,32,32,16", f.filters)
		}
		filters = append(filters, n)
	}
	if len(filters) != 4 {
		return cnnlib.Spec{}, usageErrorf("--filters %q: want exactly four values (one per Conv2D layer)", f.filters)
	}
	if !(f.dropout >= 0 && f.dropout < 1) {
		return cnnlib.Spec{}, usageErrorf("--dropout %v: want a value in [0, 1)", f.dropout)
	}
	if !(f.l2 >= 0) {
		return cnnlib.Spec{}, usageErrorf("--l2 %v: want a value >= 0", f.l2)
	}
	if f.kernel <= 0 || f.dense <= 0 {
		return cnnlib.Spec{}, usageErrorf("--kernel %d, --dense %d: want positive values", f.kernel, f.dense)
	}
	v := cnnlib.Variant{Filters: filters, KernelSize: f.kernel, Activation: f.activation, Dense: f.dense}
	v.Dropout, v.L2 = negativeIfZero(f.dropout), negativeIfZero(f.l2)
	switch f.pooling {
	case "max":
	case "batchnorm":
		v.BatchNorm = true
	default:
		return cnnlib.Spec{}, usageErrorf("--pooling %q: want max or batchnorm", f.pooling)
	}
	s := v.Apply()
	if _, err := s.Infer(); err != nil {
		return cnnlib.Spec{}, usageErrorf("%v", err)
	}
	return s, nil
}

// negativeIfZero maps a flag's 0 ("none") to Variant's "explicitly none".
func negativeIfZero(x float64) float64 {
	if x == 0 {
		return -1
	}
	return x
}

// describe is a one-line description of an architecture for logs.
func describe(s cnnlib.Spec) string {
	tr, non, _ := s.ParamCount()
	return fmt.Sprintf("%s, %d layers, %d trainable + %d non-trainable params", s.Name, len(s.Layers), tr, non)
}
