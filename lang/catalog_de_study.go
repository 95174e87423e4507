package lang

func init() { add(German, germanStudy) }

// germanStudy: what package study writes for a reader: the study's
// markdown (werkbank collect's study.md, the notebooks' summaries) and its
// figure.
var germanStudy = map[Key]string{
	// The summary above the table of configurations.
	"study.count.runs.one":     "%d Lauf",
	"study.count.runs.many":    "%d Läufe",
	"study.count.configs.one":  "%d Konfiguration",
	"study.count.configs.many": "%d Konfigurationen",
	"study.md.sources_more":    "%s und %d weiteren",
	"study.md.summary":         "%s in %s, gelesen aus %s. Test-Genauigkeit als Mittelwert ± Standardabweichung der Stichprobe;",
	"study.md.post":            "der Blog erreichte %v, sein Ziel war %v.",
	"study.md.mixed":           "Die Läufe dieser Konfiguration haben nicht alle denselben Rechner (Prozessor, CPUs, Backend) festgehalten: Im Mittelwert ihrer Sekunden können sich unterschiedlich schnelle Rechner mischen; die Tabelle „Läufe“ nennt den Rechner jedes Laufs.",
	"study.md.heading.diffs":   "Unterschiede",
	"study.md.welch":           "Test-Genauigkeit zweier Konfigurationen, Welch-t-Test (ohne Annahme gleicher Varianzen), zweiseitig;",
	"study.md.welch_bar":       "ein p unter %v ist die übliche Schwelle für einen Unterschied, der über den Zufall der Seeds hinausgeht.",
	"study.md.heading.runs":    "Läufe",
	"study.config.none":        "(ohne Befehl, Werkzeug und Backend)",

	// Table headers.
	"study.col.config":       "Konfiguration",
	"study.col.test_acc":     "Test-Genauigkeit",
	"study.col.min":          "Min.",
	"study.col.max":          "Max.",
	"study.col.val_acc_mean": "Validierungs-Genauigkeit (Mittelwert)",
	"study.col.seconds_mean": "Sekunden (Mittelwert)",
	"study.col.configs":      "Konfigurationen",
	"study.col.diff":         "Differenz der Mittelwerte",
	"study.col.df":           "Freiheitsgrade",
	"study.col.seed":         "Seed",
	"study.col.val_acc":      "Validierungs-Genauigkeit",
	"study.col.seconds":      "Sekunden",
	"study.col.backend":      "Backend",
	"study.col.machine":      "Rechner",
	"study.col.run":          "Lauf",

	// The figure.
	"study.figure.accuracy": "Test-Genauigkeit",
	"study.mark.post":       "Blog %v",
	"study.mark.goal":       "Ziel %v",
}
