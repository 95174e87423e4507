package lang

func init() { add(German, germanNB) }

// germanNB: what package nb prints in a notebook.
var germanNB = map[Key]string{
	"nb.fit.not_post":      "Nicht das Modell und die Einstellungen des Blogs (%s): Training im Kurztraining; mit %%%% --mode=full trainiert es, wie die Zelle sagt.",
	"nb.quick.budget":      "Kurztraining: %s.",
	"nb.quick.test":        "Test-Genauigkeit nach dem Kurztraining: %.4f (Fehler %.4f)",
	"nb.baseline.quick":    "das Modell des Blogs im selben Kurztraining",
	"nb.verdict.line":      "Dieses Ergebnis: %s.",
	"nb.live.alt":          "Trainingskurven nach Epoche %d",
	"nb.train.start":       "Modus %s: trainiere %s auf %s Bildern, %d Epochen, Batchgröße %d (Backend %s)",
	"nb.train.interrupted": "unterbrochen nach %d fertigen Epoche(n), gesichert in %s: Führe die Zelle noch einmal aus, um weiterzumachen",
	"nb.train.took":        "Es dauerte: %.1f s",
	"nb.run.start":         "Lauf %q: %s, %s Parameter; %d Epochen auf %s Bildern, Batch %d, %s Lernrate %g",
	"nb.run.capped":        "(gekürzt durch %s)",
	"nb.run.tested":        "Test-Genauigkeit %.4f auf %s Bildern (Fehler %.4f); %.0f s",
}
