package lang

func init() { add(German, germanNB) }

// germanNB: what package nb prints in a notebook.
var germanNB = map[Key]string{
	"nb.fit.not_post": "Nicht das Modell und die Einstellungen des Blogs (%s): Training im Kurztraining; mit %%%% --mode=full trainiert es, wie die Zelle sagt.",
	"nb.quick.budget": "Kurztraining: %s.",
	"nb.quick.test":   "Test-Genauigkeit nach dem Kurztraining: %.4f (Fehler %.4f)",
}
