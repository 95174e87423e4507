package lang

func init() { add(English, englishFlags) }

// englishFlags: the help of the flags, "flags.<flag name>": the
// hyperparameter flags of package trainflags (werkbank train and the
// notebooks' %% lines alike; the command line prints these) and the
// notebooks' own flags (package nb).
var englishFlags = map[Key]string{
	// trainflags.Register; %s of flags.activation: the activations, comma-separated.
	"flags.filters":          "filters of the four Conv2D layers, comma-separated (post: 32,32,32,16)",
	"flags.kernel":           "side of the square Conv2D kernels (post: 3)",
	"flags.activation":       "activation of the Conv2D and hidden Dense layers: %s (post: relu)",
	"flags.dropout":          "rate of the three Dropout layers, in [0, 1); 0 means none (post: 0.4)",
	"flags.l2":               "L2 factor on the hidden Dense kernel; 0 means none (post: 0.007)",
	"flags.dense":            "units of the hidden Dense layer (post: 128)",
	"flags.pooling":          "after the first three Conv2D layers: max (MaxPooling2D 2x2), batchnorm (BatchNormalization instead, as the post suggests trying) or bn-max (the common Conv2D, BatchNormalization, activation, MaxPooling2D order)",
	"flags.epochs":           "training epochs (post: 15)",
	"flags.batch-size":       "samples per optimizer step (post: 162)",
	"flags.optimizer":        "rmsprop, adam or sgd, with Keras' defaults (post: rmsprop)",
	"flags.lr":               "learning rate; 0 means the optimizer's Keras default (0.001 for rmsprop and adam, 0.01 for sgd)",
	"flags.momentum":         "momentum, for --optimizer sgd; 0 means none (Keras' default)",
	"flags.lr-schedule":      "learning rate per step: constant (post), step (decay every --lr-every epochs), plateau (Keras' ReduceLROnPlateau on val_loss), cosine, onecycle (--lr is the peak)",
	"flags.lr-every":         "--lr-schedule step: epochs between decays; 0 means 5",
	"flags.lr-factor":        "--lr-schedule step or plateau: the rate's multiplier at a decay; 0 means 0.5",
	"flags.lr-patience":      "--lr-schedule plateau: epochs without a better val_loss before a decay; 0 means 2",
	"flags.lr-min":           "--lr-schedule plateau or cosine: the lowest rate; 0 means 1e-5 for plateau, 0 for cosine",
	"flags.validation-split": "fraction of the training images held out for validation, the last ones as in Keras; 0 means none (post: 0.1)",
	"flags.no-shuffle":       "do not reshuffle the training images every epoch (post: shuffle)",
	"flags.seed":             "seed of the initial weights, shuffling, dropout and augmentation",
	"flags.quick":            "the quick budget: at most 2 epochs over the whole training set, and a constant learning rate becomes one cycle up to 10 times --lr and down again (the post's model: about 0.99 test accuracy in about a minute on two CPU cores with ONNX Runtime)",
	"flags.augment":          "augment the training images as top Kaggle MNIST models do: short for --augment-rotation=10 --augment-shift=0.1 --augment-zoom=0.1 (give --augment-* after it to change one)",
	"flags.augment-rotation": "augmentation: rotate each training image by a random angle up to ± this many degrees; 0 means none (usual: 10)",
	"flags.augment-shift":    "augmentation: shift each training image by up to ± this fraction of its width and height; 0 means none (usual: 0.1)",
	"flags.augment-zoom":     "augmentation: zoom each training image by a factor in [1-z, 1+z] per axis; 0 means none (usual: 0.1)",

	// The notebooks' own flags (nb); %s of flags.mode: the environment variable.
	"flags.mode":         "training cell: shipped (load models/blog-cnn when the model is the post's), quick (the quick budget, see --quick) or full (as the cells say); default $%s, else shipped",
	"flags.rerun":        "notebook 03: re-run the cell's experiment here (the quick budget, or the post's run with --mode=full) instead of showing its committed results",
	"flags.seeds":        "workshop run: train the run with this many seeds (--seed, --seed+1, ...) and judge their mean against the baseline's spread",
	"flags.name":         "workshop run: name of the run (default: made from the flags that differ from the baseline)",
	"flags.train-images": "workshop run: use the first N training images, 10%% of them for validation (post: 60000; default 60000 on a fast backend)",
	"flags.test-images":  "workshop run: evaluate on the first N test images (post: 10000; default 10000 on a fast backend)",
}
