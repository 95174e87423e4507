package lang

func init() { add(English, englishNB) }

// englishNB: what package nb prints in a notebook.
var englishNB = map[Key]string{
	"nb.fit.not_post": "Not the post's model and settings (%s): training in quick mode; %%%% --mode=full trains as the cell says.",
	"nb.quick.budget": "Quick budget: %s.",
	"nb.quick.test":   "Test accuracy after the quick budget: %.4f (loss %.4f)",
}
