package nb

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// cellFlags are the flags a notebook cell accepts after %%: GoNB wraps the
// cell in a main function that starts with flag.Parse(), so they must be
// registered on flag.CommandLine before main runs, that is at init.
var cellFlags = newFlags(flag.CommandLine)

type flagValues struct {
	set *flag.FlagSet

	mode *string

	// The workshop bench.
	name                    *string
	epochs, batchSize       *int
	trainImages, testImages *int
	optimizer               *string
	lr, dropout, l2         *float64
	filters                 *string
	pooling, activation     *string
	dense, kernel           *int
	seed                    *int64
}

func newFlags(fs *flag.FlagSet) *flagValues {
	d := DefaultBenchConfig()
	f := &flagValues{set: fs}
	f.mode = fs.String("mode", "", "training cell: shipped (load models/blog-cnn), quick (6,000 images, 2 epochs) or full (the post's 15 epochs); default $"+ModeEnv+", else shipped")
	f.name = fs.String("name", "", "bench: name of the run (default: made from the flags that differ from the baseline)")
	f.epochs = fs.Int("epochs", d.Epochs, "bench: training epochs (post: 15)")
	f.batchSize = fs.Int("batch-size", d.BatchSize, "bench: samples per optimizer step (post: 162)")
	f.trainImages = fs.Int("train-images", d.TrainImages, "bench: use the first N training images, 10% of them for validation (post: 60000)")
	f.testImages = fs.Int("test-images", d.TestImages, "bench: evaluate on the first N test images (post: 10000)")
	f.optimizer = fs.String("optimizer", d.Optimizer, "bench: rmsprop, adam or sgd (post: rmsprop)")
	f.lr = fs.Float64("lr", d.LR, "bench: learning rate; 0 means the optimizer's Keras default (0.001 for rmsprop and adam, 0.01 for sgd)")
	f.dropout = fs.Float64("dropout", d.Dropout, "bench: dropout rate of the three Dropout layers; 0 means none (post: 0.4)")
	f.l2 = fs.Float64("l2", d.L2, "bench: L2 factor of the hidden Dense layer; 0 means none (post: 0.007)")
	f.filters = fs.String("filters", joinInts(d.Filters), "bench: filters of the four Conv2D layers, comma separated (post: 32,32,32,16)")
	f.pooling = fs.String("pooling", d.Pooling, "bench: max (MaxPooling2D) or batchnorm (BatchNormalization instead, as the post suggests; much slower)")
	f.activation = fs.String("activation", d.Activation, "bench: activation of the Conv2D and hidden Dense layers: relu, sigmoid, tanh or elu (post: relu)")
	f.dense = fs.Int("dense", d.Dense, "bench: units of the hidden Dense layer (post: 128)")
	f.kernel = fs.Int("kernel", d.Kernel, "bench: side of the square convolution kernels (post: 3)")
	f.seed = fs.Int64("seed", d.Seed, "bench: seed of the initial weights, shuffling and dropout")
	return f
}

// BenchFlags returns the bench configuration given by the cell's flags
// (%% --optimizer=adam --lr=0.002 ...); flags not given keep the
// DefaultBenchConfig values. $WERKBANK_BENCH_MAX_EPOCHS and
// $WERKBANK_BENCH_MAX_TRAIN_IMAGES, when set, cap the epochs and training
// images (the notebook tests use them to run the bench in seconds).
func BenchFlags() (BenchConfig, error) {
	return cellFlags.bench()
}

func (f *flagValues) bench() (BenchConfig, error) {
	filters, err := parseInts(*f.filters)
	if err != nil {
		return BenchConfig{}, fmt.Errorf("--filters: %w", err)
	}
	c := BenchConfig{
		Name:        *f.name,
		Epochs:      *f.epochs,
		BatchSize:   *f.batchSize,
		TrainImages: *f.trainImages,
		TestImages:  *f.testImages,
		Optimizer:   *f.optimizer,
		LR:          *f.lr,
		Dropout:     *f.dropout,
		L2:          *f.l2,
		Filters:     filters,
		Pooling:     *f.pooling,
		Activation:  *f.activation,
		Dense:       *f.dense,
		Kernel:      *f.kernel,
		Seed:        *f.seed,
	}
	if c.Name == "" {
		c.Name = c.AutoName()
	}
	if err := applyCaps(&c); err != nil {
		return BenchConfig{}, err
	}
	return c, c.Validate()
}

// The environment variables that cap the bench (see BenchFlags).
const (
	MaxEpochsEnv      = "WERKBANK_BENCH_MAX_EPOCHS"
	MaxTrainImagesEnv = "WERKBANK_BENCH_MAX_TRAIN_IMAGES"
)

func applyCaps(c *BenchConfig) error {
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

func parseInts(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a list of positive integers", s)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty list")
	}
	return out, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// PrintFlags lists the flags a notebook cell accepts after %%, with their
// defaults.
func PrintFlags(w io.Writer) {
	cellFlags.set.VisitAll(func(f *flag.Flag) {
		if !cellFlags.owns(f.Name) {
			return
		}
		def := f.DefValue
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(w, "  --%-13s %-12s %s\n", f.Name, def, f.Usage)
	})
}

// owns reports whether the flag called name is one of the notebook flags.
func (f *flagValues) owns(name string) bool {
	return slices.Contains(flagNames, name)
}

var flagNames = []string{"mode", "name", "epochs", "batch-size", "train-images", "test-images", "optimizer", "lr",
	"dropout", "l2", "filters", "pooling", "activation", "dense", "kernel", "seed"}
