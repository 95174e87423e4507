package nb

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"sync"

	"github.com/kiwerkstatt/werkbank/internal/trainflags"
	"github.com/kiwerkstatt/werkbank/lang"
)

// cellFlags returns the flags a notebook cell accepts after %%, registering
// them on flag.CommandLine the first time. GoNB wraps the cell in a main
// function that starts with flag.Parse(), so they must be registered before
// main runs: Open, called at init by the setup cell's "var book = nb.Open(...)",
// registers them; importing the package registers nothing.
func cellFlags() *flagValues {
	registerCellFlags.Do(func() { cellFlagValues = newFlags(flag.CommandLine) })
	return cellFlagValues
}

var (
	registerCellFlags sync.Once
	cellFlagValues    *flagValues
)

// flagValues are the notebook's own flags (mode, run name, image counts) and
// the hyperparameters, whose flags package trainflags defines for the
// command line and the notebooks alike.
type flagValues struct {
	own    *flag.FlagSet // the notebook's flags only, for PrintFlags
	parsed *flag.FlagSet // the set the cell's flags are parsed with
	mode   *string
	rerun  *bool     // notebook 03: re-run an experiment instead of showing its committed results
	seeds  *int      // workshop run: runs of the change, with seeds --seed, --seed+1, ...
	cfg    runConfig // the values the flags set
}

// newFlags defines the notebook's flags in a set of their own and registers
// each of them on fs as well. Their usages there are the English ones;
// printFlags prints them in the notebook's language.
func newFlags(fs *flag.FlagSet) *flagValues {
	f := &flagValues{own: flag.NewFlagSet("notebook", flag.ContinueOnError), parsed: fs, cfg: defaultRunConfig()}
	usage := func(name string) string { return flagUsage(lang.English, name) }
	f.mode = f.own.String("mode", "", usage("mode"))
	f.rerun = f.own.Bool("rerun", false, usage("rerun"))
	f.seeds = f.own.Int("seeds", 1, usage("seeds"))
	f.own.StringVar(&f.cfg.Name, "name", "", usage("name"))
	f.own.IntVar(&f.cfg.TrainImages, "train-images", f.cfg.TrainImages, usage("train-images"))
	f.own.IntVar(&f.cfg.TestImages, "test-images", f.cfg.TestImages, usage("test-images"))
	trainflags.Register(f.own, &f.cfg.Hyperparameters)
	f.own.VisitAll(func(fl *flag.Flag) { fs.Var(fl.Value, fl.Name, fl.Usage) })
	return f
}

// flagUsage returns the help of the cell flag name in language l: the
// message "flags.<name>" of package lang's catalogs, with what it computes
// filled in (trainflags.Usage for the hyperparameters).
func flagUsage(l lang.Language, name string) string {
	if name == "mode" {
		return lang.In(l, "flags.mode", ModeEnv)
	}
	return trainflags.Usage(l, name)
}

// cellConfig returns the workshop run's configuration given by the cell's
// flags (%% --optimizer=adam --lr=0.002 ...); flags not given keep the
// values of the baseline (defaultRunConfig).
// $WERKBANK_WORKSHOP_MAX_EPOCHS and $WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES, when set,
// cap the epochs and training images (the notebook tests use them to run
// a workshop run in seconds).
func (n *Notebook) cellConfig() (runConfig, error) {
	return cellFlags().config(defaultRunConfig())
}

// config returns the run configuration the parsed flags give, with the
// sizes of base (training and test images, epochs, batch size, the quick
// budget) where those flags were not given.
func (f *flagValues) config(base runConfig) (runConfig, error) {
	c := f.cfg
	c.Filters = slices.Clone(c.Filters)
	given := map[string]bool{}
	f.parsed.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if !given["train-images"] {
		c.TrainImages = base.TrainImages
	}
	if !given["test-images"] {
		c.TestImages = base.TestImages
	}
	if !given["epochs"] {
		c.Epochs = base.Epochs
	}
	if !given["batch-size"] {
		c.BatchSize = base.BatchSize
	}
	if !given["quick"] {
		c.Quick = base.Quick
	}
	if c.Name == "" {
		c.Name = c.AutoName()
	}
	if err := applyCaps(&c); err != nil {
		return runConfig{}, err
	}
	return c, c.Validate()
}

// The environment variables that cap a workshop run (see cellConfig).
const (
	MaxEpochsEnv      = "WERKBANK_WORKSHOP_MAX_EPOCHS"
	MaxTrainImagesEnv = "WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES"
)

func applyCaps(c *runConfig) error {
	for _, cap := range []struct {
		env string
		v   *int
	}{{MaxEpochsEnv, &c.Epochs}, {MaxTrainImagesEnv, &c.TrainImages}} {
		s := os.Getenv(cap.env)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return fmt.Errorf("$%s = %q, want a positive integer", cap.env, s)
		}
		if *cap.v > n {
			*cap.v = n
			c.Capped = append(c.Capped, fmt.Sprintf("%s=%d", cap.env, n))
		}
	}
	return nil
}

// printFlags lists the flags a notebook cell accepts after %%, with their
// defaults and their help in the notebook's language (lang.Current); the
// run sizes (images, epochs, batch size) are base's (Notebook.PrintFlags
// passes the baseline of the notebook's backend).
func printFlags(w io.Writer, base runConfig) {
	sizes := map[string]int{"train-images": base.TrainImages, "test-images": base.TestImages, "epochs": base.Epochs, "batch-size": base.BatchSize}
	cellFlags().own.VisitAll(func(f *flag.Flag) {
		def := f.DefValue
		if n, ok := sizes[f.Name]; ok {
			def = fmt.Sprint(n)
		}
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(w, "  --%-16s %-12s %s\n", f.Name, def, flagUsage(lang.Current(), f.Name))
	})
}
