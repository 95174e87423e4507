package lang

func init() { add(English, englishPlay) }

// englishPlay: the texts of the figures beyond the post that explain single
// predictions: Grad-CAM (figures.GradCAM) and the net's worst mistakes
// (figures.Mistakes).
var englishPlay = map[Key]string{
	"figures.gradcam.title":   "Grad-CAM of %s: where the net sees the digit it reads",
	"figures.gradcam.digit":   "digit",
	"figures.gradcam.map":     "Grad-CAM",
	"figures.gradcam.overlay": "overlay",
	"figures.gradcam.reads":   "reads %d (%s)",
	"figures.gradcam.caption": "The %d×%d outputs of the last convolution's filters, each filter weighted by the mean gradient of the digit's logit (its value before the softmax), negative sums set to 0, scaled up bilinearly to %d×%d. Colour: the share of each map's maximum.",

	"figures.mistakes.title":   "The %d test images with the highest loss (%d of them misclassified)",
	"figures.mistakes.cell":    "#%d: %d as %d (%s)",
	"figures.mistakes.caption": "Each image: its index in the test data, the true digit, the digit the net reads and that digit's probability; sorted by the loss -log p(true digit), highest first.",
}
