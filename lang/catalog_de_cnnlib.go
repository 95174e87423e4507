package lang

func init() { add(German, germanCNNLib) }

// germanCNNLib: what package cnnlib says to a reader (the quick budget).
var germanCNNLib = map[Key]string{
	"cnnlib.quick.rate_set":   "die Lernrate wie eingestellt (%s, %s %g)",
	"cnnlib.quick.cycle":      "ein Zyklus der Lernrate bis %g (das %d-Fache der eingestellten %g) und wieder hinunter",
	"cnnlib.quick.epochs":     "%d Epochen statt %d",
	"cnnlib.quick.epochs_set": "%d Epoche(n) wie eingestellt",
	"cnnlib.quick":            "%s und %s; Modell, Daten, Optimizer, Batchgröße und Dropout wie eingestellt",
}
