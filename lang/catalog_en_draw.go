package lang

func init() { add(English, englishDraw) }

// englishDraw: the interactive cells of package nb (cells_play.go): drawing
// a digit for the net (Draw) and picking a test image with a slider
// (PickImage), and what they show where no browser can take part.
var englishDraw = map[Key]string{
	"nb.draw.clear":      "Clear",
	"nb.draw.done":       "Done",
	"nb.draw.hint":       "Draw one digit (0 to 9) in the white box with the mouse or a finger. When you lift it, the net shows below what it sees, what it reads and what its first convolution makes of it. Clear starts over; Done (or the stop button ■) ends the cell.",
	"nb.draw.connecting": "Connecting to the kernel …",
	"nb.draw.nopage":     "No connection to the kernel: run this cell in a live notebook (make notebook) to draw.",
	"nb.draw.ready":      "Connected: draw a digit in the box.",
	"nb.draw.maps":       "What the first convolution makes of it",
	"nb.draw.blank":      "No ink yet: draw a digit in the box.",
	"nb.draw.unreadable": "The drawing could not be read: %v",
	"nb.draw.drawing":    "The drawing",
	"nb.draw.sees":       "What the net sees (28×28)",
	"nb.draw.reads":      "The net reads a %d (%.1f%%).",
	"nb.draw.bars":       "The net's probability for each digit",
	"nb.draw.ended":      "The cell has ended (%s): run it again to draw.",
	"nb.draw.end.done":   "Done was clicked",
	"nb.draw.end.stop":   "it was stopped",
	"nb.draw.end.idle":   "nothing happened for %s",
	"nb.draw.headless":   "This run had no browser to draw in (nbconvert, an HTML export): open the notebook live (make notebook) and run this cell to draw a digit yourself. Here is a drawing that ships with the repository, %s, as if it had been drawn:",
	"nb.draw.noanswer":   "The page did not answer within %s: GoNB's connection to the browser (its widgets) did not start, so nothing can be drawn here. Run the cell again in the classic Notebook or JupyterLab. Here is a drawing that ships with the repository, %s, as if it had been drawn:",

	"nb.draw.pick.label":    "Test image",
	"nb.draw.pick.hint":     "Move the slider to pick one of the %s test images: the figure shows what each convolution makes of it (Abb 3) and, beside it, its code of 3x3x16 values (Abb 6) next to that of the post's 4. Done (or the stop button ■) ends the cell.",
	"nb.draw.pick.ended":    "The cell has ended (%s): run it again to pick images.",
	"nb.draw.pick.caption":  "Test image %d, a %d: the net reads a %d (%.1f%%).",
	"nb.draw.pick.headless": "This run had no browser for the slider (nbconvert, an HTML export): open the notebook live (make notebook) and run this cell to pick images yourself. Here is test image %d:",
	"nb.draw.pick.noanswer": "The page did not answer within %s: GoNB's connection to the browser (its widgets) did not start, so the slider cannot work here. Here is test image %d:",
}
