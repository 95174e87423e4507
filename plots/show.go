package plots

import (
	"fmt"
	"io"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
)

// Show displays fig inline when the program runs in a GoNB notebook cell;
// elsewhere it does nothing. It sends the PNG rendering: a PNG output is
// stored in the saved notebook and survives an nbconvert HTML export
// as an <img> (GoNB sends SVG as an HTML snippet instead).
// Show never panics; a figure that fails to render is reported on
// standard error, which GoNB shows under the cell.
func Show(fig Figure) {
	if !gonbui.IsNotebook {
		return
	}
	show(fig, displayPNG, os.Stderr)
}

// displayPNG sends a PNG to the cell's output and waits until GoNB has it:
// a cell program that ends right after a display could otherwise lose it
// (seen as a figure cell without its figure in the browser test).
func displayPNG(png []byte) {
	gonbui.DisplayPng(png)
	gonbui.Sync()
}

// show renders fig as PNG and hands it to display; a rendering error or
// panic is reported on errs instead, and display is not called.
func show(fig Figure, display func([]byte), errs io.Writer) {
	if fig == nil {
		return
	}
	data, err := func() (data []byte, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		return fig.PNG()
	}()
	if err != nil {
		fmt.Fprintf(errs, "plots: Show: %v\n", err)
		return
	}
	display(data)
}
