package lang

func init() { add(German, germanFigures) }

// germanFigures: what package figures draws and writes. The post's
// captions verbatim; its words (Genauigkeit, Fehler, Epochen, Layer,
// Filter, Rauschen) where it has them; Keras' metric names (acc, loss,
// val_acc, val_loss) as the post keeps them.
var germanFigures = map[Key]string{
	"figures.epochs":   "Epochen",
	"figures.layer":    "Layer Index %d: %s %s",
	"figures.original": "Original",

	"figures.accuracy.title":   "Genauigkeit bei Training und Validierung",
	"figures.accuracy.ylabel":  "Genauigkeit",
	"figures.accuracy.train":   "Training (acc)",
	"figures.accuracy.val":     "Validierung (val_acc)",
	"figures.accuracy.caption": "Abb 1: Anstieg der Genauigkeit über die Epochen",

	"figures.loss.title":   "Fehler bei Training und Validierung",
	"figures.loss.ylabel":  "Fehler",
	"figures.loss.train":   "Training (loss)",
	"figures.loss.val":     "Validierung (val_loss)",
	"figures.loss.caption": "Abb 2: Abnahme des Fehlers über die Epochen",

	"figures.compare.title": "Vergleich: %s",

	"figures.filters.caption": "Abb 3: Das Ergebnis von neun verschiedenen Filtern je Layer, wenn sie auf eine 4 blicken.",
	"figures.dreams.caption":  "Visualisierung, was die verschiedenen Filter einer Schicht aus einem Rauschen filtern",

	"figures.noise.title":     "Was das Netz im weißen Rauschen erkennt",
	"figures.prediction.line": "%d ==> %2.2f %%",

	"figures.codes.title":    "Ausgabe von %s, eine Zeile pro Filter",
	"figures.codes.filter":   "Filter %d",
	"figures.codes.caption":  "Abb 6: Zwei Beispiele für codierte Ziffern",
	"figures.codes.distance": "Euklidischer Abstand zwischen den Codes",
	"figures.codes.noise":    "Rauschen",
	"figures.codes.test":     "%d (Test %d)",

	"figures.confusion.title":     "Konfusionsmatrix, %s Testbilder",
	"figures.confusion.predicted": "Vorhergesagte Ziffer",
	"figures.confusion.true":      "Tatsächliche Ziffer",
	"figures.confusion.caption":   "Farbig nur die falsch erkannten Ziffern, auf eigener Skala; grau auf der Diagonale die richtig erkannten.",

	"figures.saliency.title":   "Saliency: |d p(Klasse) / d Pixel|",
	"figures.saliency.digit":   "Ziffer",
	"figures.saliency.map":     "Saliency",
	"figures.saliency.overlay": "überlagert",
	"figures.saliency.reads":   "erkennt %d",
	"figures.saliency.caption": "Farbe: Anteil am Maximum der jeweiligen Karte.",

	"figures.maximized.title": "Wonach die Filter von Layer %d (%s) suchen",

	"figures.report.html_lang":    "de",
	"figures.report.numbers":      "Test-Fehler %.4f, Test-Genauigkeit %.4f auf %d Bildern (im Blog: Fehler %.4f, Genauigkeit %.4f).",
	"figures.report.summary":      "Das Modell konfigurieren",
	"figures.report.accuracy":     "Abb 1: Anstieg der Genauigkeit über die Epochen",
	"figures.report.loss":         "Abb 2: Abnahme des Fehlers über die Epochen",
	"figures.report.filters":      "Abb 3: Das Ergebnis von neun verschiedenen Filtern je Layer, wenn sie auf eine 4 blicken.",
	"figures.report.dream":        "Abb %d: Träume im weißen Rauschen, Layer Index %d (%s)",
	"figures.report.noise_title":  "Was das Netz im Rauschen erkennt",
	"figures.report.noise":        "Das Rauschen wird als %d erkannt (%.2f %%); das Netz des Blogs erkannte sein Rauschen als %d (%.2f %%)",
	"figures.report.codes":        "Abb 6: Zwei Beispiele für codierte Ziffern",
	"figures.report.distances":    "Abstände zwischen den Codes: Die Paare sind nahezu gleich codiert",
	"figures.report.confusion":    "Konfusionsmatrix (Test-Genauigkeit %.2f %%)",
	"figures.report.true_pred":    "wahr\\vorh",
	"figures.report.saliency":     "Saliency: welche Pixel die vorhergesagte Wahrscheinlichkeit bewegen",
	"figures.report.maximization": "Aktivierungsmaximierung: wonach die ersten Filter suchen",
}
