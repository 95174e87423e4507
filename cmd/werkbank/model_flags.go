package main

import (
	"flag"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/trainflags"
)

// modelFlags are the hyperparameter flags, defined once in package
// trainflags (the notebooks' %% flags are the same), with the
// post's values as defaults, plus --spec, a JSON model file that replaces the
// architecture flags.
type modelFlags struct {
	specFile string
	hp       cnnlib.Hyperparameters
}

func addModelFlags(fs *flag.FlagSet) *modelFlags {
	f := &modelFlags{hp: cnnlib.PostHyperparameters()}
	fs.StringVar(&f.specFile, "spec", "", "JSON model spec file (overrides the architecture flags)")
	trainflags.Register(fs, &f.hp)
	return f
}

// spec returns the architecture the flags describe.
func (f *modelFlags) spec() (cnnlib.Spec, error) {
	spec, err := f.hp.Spec() // validates every hyperparameter flag
	if err != nil {
		return cnnlib.Spec{}, usageErrorf("%v", trainflags.Explain(err))
	}
	if f.specFile != "" {
		return cnnlib.ReadSpec(f.specFile)
	}
	return spec, nil
}

// fitConfig returns the training configuration the flags describe.
func (f *modelFlags) fitConfig() (cnnlib.FitConfig, error) {
	fit, err := f.hp.FitConfig() // validates every hyperparameter flag
	if err != nil {
		return cnnlib.FitConfig{}, usageErrorf("%v", trainflags.Explain(err))
	}
	return fit, nil
}
