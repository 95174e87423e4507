package lang

func init() { add(English, englishCNNLib) }

// englishCNNLib: what package cnnlib says to a reader (the quick budget).
var englishCNNLib = map[Key]string{
	"cnnlib.quick.rate_set":   "the learning rate as set (%s, %s %g)",
	"cnnlib.quick.cycle":      "one cycle of the learning rate up to %g (%d times the set %g) and down again",
	"cnnlib.quick.epochs":     "%d epochs instead of %d",
	"cnnlib.quick.epochs_set": "%d epoch(s) as set",
	"cnnlib.quick":            "%s and %s; model, data, optimizer, batch size and dropout as set",
}
