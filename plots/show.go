package plots

import (
	"fmt"
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
	if !gonbui.IsNotebook || fig == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "plots: Show: %v\n", r)
		}
	}()
	data, err := fig.PNG()
	if err != nil {
		fmt.Fprintf(os.Stderr, "plots: Show: %v\n", err)
		return
	}
	gonbui.DisplayPng(data)
}
