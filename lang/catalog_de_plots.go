package lang

func init() { add(German, germanPlots) }

// germanPlots: the words package plots draws when its caller passes none
// (axis labels, legend entries, the key of a strip chart, notes).
var germanPlots = map[Key]string{
	"plots.percent": "%s %%",

	"plots.curves.epochs":     "Epochen",
	"plots.curves.training":   "Training",
	"plots.curves.validation": "Validierung",
	"plots.curves.run":        "Lauf %d",

	"plots.offscale.note":   "Außerhalb der Skala, nicht gezeichnet: %s",
	"plots.offscale.series": "%s (zuletzt %.4f)",

	"plots.bars.class":       "Klasse",
	"plots.bars.probability": "Wahrscheinlichkeit",

	"plots.strip.run":     "ein Lauf",
	"plots.strip.mean":    "Mittelwert",
	"plots.strip.mean_sd": "Mittelwert ± Standardabweichung",
	"plots.band":          "Mittelwert ± 2 Standardabweichungen",
	"plots.band.of":       "%s: Mittelwert ± 2 Standardabweichungen",

	"plots.lrrange.title":     "Lernraten-Test",
	"plots.lrrange.xlabel":    "Lernrate (logarithmisch)",
	"plots.lrrange.loss":      "Fehler",
	"plots.lrrange.smoothed":  "Fehler (geglättet)",
	"plots.lrrange.suggested": "Vorschlag %s",

	"plots.heatmap.predicted": "Vorhergesagte Klasse",
	"plots.heatmap.true":      "Tatsächliche Klasse",
}
