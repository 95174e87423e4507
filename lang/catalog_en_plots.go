package lang

func init() { add(English, englishPlots) }

// englishPlots: the words package plots draws when its caller passes none
// (axis labels, legend entries, the key of a strip chart, notes).
var englishPlots = map[Key]string{
	"plots.percent": "%s%%",

	"plots.curves.epochs":     "Epochs",
	"plots.curves.training":   "Training",
	"plots.curves.validation": "Validation",
	"plots.curves.run":        "Run %d",

	"plots.offscale.note":   "Off the scale, not drawn: %s",
	"plots.offscale.series": "%s (last %.4f)",

	"plots.bars.class":       "Class",
	"plots.bars.probability": "Probability",

	"plots.strip.run":     "one run",
	"plots.strip.mean":    "mean",
	"plots.strip.mean_sd": "mean ± sd",
	"plots.band":          "mean ± 2 sd",
	"plots.band.of":       "%s: mean ± 2 sd",

	"plots.lrrange.title":     "Learning-rate range test",
	"plots.lrrange.xlabel":    "Learning rate (log scale)",
	"plots.lrrange.loss":      "Loss",
	"plots.lrrange.smoothed":  "Smoothed loss",
	"plots.lrrange.suggested": "suggested %s",

	"plots.heatmap.predicted": "Predicted label",
	"plots.heatmap.true":      "True label",
}
