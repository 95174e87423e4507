package lang

func init() { add(English, englishNB) }

// englishNB: what package nb prints in a notebook.
var englishNB = map[Key]string{
	"nb.fit.not_post":      "Not the post's model and settings (%s): training in quick mode; %%%% --mode=full trains as the cell says.",
	"nb.quick.budget":      "Quick budget: %s.",
	"nb.quick.test":        "Test accuracy after the quick budget: %.4f (loss %.4f)",
	"nb.baseline.quick":    "the post's model under the same budget",
	"nb.verdict.line":      "This result: %s.",
	"nb.live.alt":          "training curves after epoch %d",
	"nb.train.start":       "Mode %s: training %s on %s images, %d epochs, batch size %d (backend %s)",
	"nb.train.interrupted": "interrupted after %d completed epoch(s), saved in %s: run the cell again to resume",
	"nb.train.took":        "It took: %.1f s",
	"nb.run.start":         "Run %q: %s, %s parameters; %d epochs on %s images, batch %d, %s lr %g",
	"nb.run.capped":        "(shortened by %s)",
	"nb.run.tested":        "test accuracy %.4f on %s images (loss %.4f); %.0f s",
}
