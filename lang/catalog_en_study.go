package lang

func init() { add(English, englishStudy) }

// englishStudy: what package study writes for a reader: the study's
// markdown (werkbank collect's study.md, the notebooks' summaries) and its
// figure.
var englishStudy = map[Key]string{
	// The summary above the table of configurations.
	"study.count.runs.one":     "%d run(s)",
	"study.count.runs.many":    "%d run(s)",
	"study.count.configs.one":  "%d configuration(s)",
	"study.count.configs.many": "%d configuration(s)",
	"study.md.sources_more":    "%s and %d more",
	"study.md.summary":         "%s in %s, from %s. Test accuracy as mean ± sample standard deviation;",
	"study.md.post":            "the post's run reached %v, its goal was %v.",
	"study.md.mixed":           "The runs of this configuration did not all record the same machine (processor, CPUs, backend): the mean of their seconds may mix machines of different speeds; the Runs table names each run's.",
	"study.md.heading.diffs":   "Differences",
	"study.md.welch":           "Test accuracy of two configurations, Welch's t-test (no equal variances assumed), two-sided;",
	"study.md.welch_bar":       "p below %v is the usual bar for a difference that is more than seed noise.",
	"study.md.heading.runs":    "Runs",
	"study.config.none":        "(no command, tool or backend)",

	// Table headers.
	"study.col.config":       "configuration",
	"study.col.test_acc":     "test acc",
	"study.col.min":          "min",
	"study.col.max":          "max",
	"study.col.val_acc_mean": "val acc (mean)",
	"study.col.seconds_mean": "seconds (mean)",
	"study.col.configs":      "configurations",
	"study.col.diff":         "difference of means",
	"study.col.df":           "degrees of freedom",
	"study.col.seed":         "seed",
	"study.col.val_acc":      "val acc",
	"study.col.seconds":      "seconds",
	"study.col.backend":      "backend",
	"study.col.machine":      "machine",
	"study.col.run":          "run",

	// The figure.
	"study.figure.accuracy": "Test accuracy",
	"study.mark.post":       "post %v",
	"study.mark.goal":       "goal %v",
}
