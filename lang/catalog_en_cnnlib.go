package lang

func init() { add(English, englishCNNLib) }

// englishCNNLib: what package cnnlib says to a reader (the quick budget, the range test).
var englishCNNLib = map[Key]string{
	"cnnlib.quick.rate_set":     "the learning rate as set (%s, %s %g)",
	"cnnlib.quick.cycle":        "one cycle of the learning rate up to %g (%d times the set %g) and down again",
	"cnnlib.quick.epochs":       "%d epochs instead of %d",
	"cnnlib.quick.epochs_set":   "%d epoch(s) as set",
	"cnnlib.quick":              "%s and %s; model, data, optimizer, batch size and dropout as set",
	"cnnlib.lr.reached":         "reached the last rate",
	"cnnlib.lr.stopped":         "stopped at %.2g, where the loss blew up",
	"cnnlib.lr.steps":           "%d steps from %.2g to %.2g (%s)",
	"cnnlib.lr.unknown_backend": "an unknown backend",
	"cnnlib.lr.command":         "`%s` on %s: %s",
	"cnnlib.lr.summary":         "%s; suggested learning rate %.2g (steepest descent of the smoothed loss), lowest smoothed loss at %.2g.",
	"cnnlib.lr.caption":         "%s; suggested %.2g (steepest descent), minimum at %.2g",
	"cnnlib.augment.none":       "none",
	"cnnlib.augment":            "rotation ±%g°, shift ±%g, zoom ±%g",
}
