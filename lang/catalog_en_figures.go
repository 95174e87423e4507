package lang

func init() { add(English, englishFigures) }

// englishFigures: what package figures draws and writes, the titles, axis
// labels, legends and captions of its figures and the texts of its
// report. The post's captions ("Abb 1: …") stand in German, as under the
// post's figures.
var englishFigures = map[Key]string{
	"figures.epochs":   "Epochs",
	"figures.layer":    "Layer Index %d: %s %s",
	"figures.original": "Original",

	"figures.accuracy.title":   "Training and validation accuracy",
	"figures.accuracy.ylabel":  "Accuracy",
	"figures.accuracy.train":   "Training acc",
	"figures.accuracy.val":     "Validation acc",
	"figures.accuracy.caption": "Abb 1: Anstieg der Genauigkeit über die Epochen",

	"figures.loss.title":   "Training and validation loss",
	"figures.loss.ylabel":  "Loss",
	"figures.loss.train":   "Training loss",
	"figures.loss.val":     "Validation loss",
	"figures.loss.caption": "Abb 2: Abnahme des Fehlers über die Epochen",

	"figures.compare.title": "Comparison: %s",

	"figures.filters.caption": "Abb 3: Das Ergebnis von neun verschiedenen Filtern je Layer, wenn sie auf eine 4 blicken.",
	"figures.dreams.caption":  "Visualisierung, was die verschiedenen Filter einer Schicht aus einem Rauschen filtern",

	"figures.noise.title":     "What the net reads in the white noise",
	"figures.prediction.line": "%d ==> %2.2f%%",

	"figures.codes.title":    "%s output, one row per filter",
	"figures.codes.filter":   "Filter %d",
	"figures.codes.caption":  "Abb 6: Zwei Beispiele für codierte Ziffern",
	"figures.codes.distance": "Euclidean distance between the codes",
	"figures.codes.noise":    "noise",
	"figures.codes.test":     "%d (test %d)",

	"figures.confusion.title":     "Confusion matrix, %s test images",
	"figures.confusion.predicted": "Predicted label",
	"figures.confusion.true":      "True label",
	"figures.confusion.caption":   "Colours show the misclassified digits only, on a scale of their own; the diagonal, in grey, the correctly recognised ones.",

	"figures.saliency.title":   "Saliency: |d p(class) / d pixel|",
	"figures.saliency.digit":   "digit",
	"figures.saliency.map":     "saliency",
	"figures.saliency.overlay": "overlay",
	"figures.saliency.reads":   "reads %d",
	"figures.saliency.caption": "Colour: the share of each map's maximum.",

	"figures.maximized.title": "What the filters of layer %d (%s) look for",

	"figures.report.html_lang":    "en",
	"figures.report.numbers":      "Test loss %.4f, test accuracy %.4f on %d images (the post: loss %.4f, accuracy %.4f).",
	"figures.report.summary":      "Das Modell konfigurieren",
	"figures.report.accuracy":     "Abb 1: Training and validation accuracy",
	"figures.report.loss":         "Abb 2: Training and validation loss",
	"figures.report.filters":      "Abb 3: Nine filters per layer looking at a 4 (test image 4)",
	"figures.report.dream":        "Abb %d: Dreams in white noise, layer index %d (%s)",
	"figures.report.noise_title":  "What the net reads in the noise",
	"figures.report.noise":        "The noise is read as %d (%.2f%%); the post's net read its noise as an %d (%.2f%%)",
	"figures.report.codes":        "Abb 6: The 3x3x16 codes the fully connected layers receive",
	"figures.report.distances":    "Distances between the codes: the pairs are coded almost alike",
	"figures.report.confusion":    "Confusion matrix (test accuracy %.2f%%)",
	"figures.report.true_pred":    "true\\pred",
	"figures.report.saliency":     "Saliency: which pixels move the predicted probability",
	"figures.report.maximization": "Activation maximisation: what the first filters look for",
}
