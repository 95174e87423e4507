package lang

func init() { add(German, germanCNNLib) }

// germanCNNLib: what package cnnlib says to a reader (the quick budget, the range test).
var germanCNNLib = map[Key]string{
	"cnnlib.quick.rate_set":     "die Lernrate wie eingestellt (%s, %s %g)",
	"cnnlib.quick.cycle":        "ein Zyklus der Lernrate hinauf bis %g (das %d-Fache der eingestellten %g) und wieder hinunter",
	"cnnlib.quick.epochs":       "%d Epochen statt %d",
	"cnnlib.quick.epochs_set":   "%d Epoche(n) wie eingestellt",
	"cnnlib.quick":              "%s und %s; Modell, Daten, Optimizer, Batchgröße und Dropout wie eingestellt",
	"cnnlib.lr.reached":         "letzte Lernrate erreicht",
	"cnnlib.lr.stopped":         "abgebrochen bei %.2g, wo der Fehler explodierte",
	"cnnlib.lr.steps":           "%d Schritte von %.2g bis %.2g (%s)",
	"cnnlib.lr.unknown_backend": "einem unbekannten Backend",
	"cnnlib.lr.command":         "`%s` auf %s: %s",
	"cnnlib.lr.summary":         "%s; vorgeschlagene Lernrate %.2g (steilster Abfall des geglätteten Fehlers), kleinster geglätteter Fehler bei %.2g.",
	"cnnlib.lr.caption":         "%s; Vorschlag %.2g (steilster Abfall), Minimum bei %.2g",
	"cnnlib.augment.none":       "keine",
	"cnnlib.augment":            "Drehung ±%g°, Verschiebung ±%g, Zoom ±%g",
}
