package nb

import (
	"fmt"
	"io"
	"os"

	"github.com/kiwerkstatt/werkbank/plots"
)

// Cell code reports failures through these: fail prints the error on
// standard error and ends the program with exit status 1, which GoNB shows
// as a failed cell (and which stops "Run All" and nbconvert there).
var (
	stderr io.Writer = os.Stderr
	exit             = os.Exit
)

func fail(err error) {
	fmt.Fprintf(stderr, "error: %v\n", err)
	exit(1)
}

// Must returns v, or ends the cell with err when it is not nil.
func Must[T any](v T, err error) T {
	if err != nil {
		fail(err)
	}
	return v
}

// Check ends the cell with err when it is not nil.
func Check(err error) {
	if err != nil {
		fail(err)
	}
}

// Show displays fig inline in the notebook as a PNG (stored in the saved
// notebook), or ends the cell with err when it is not nil. It takes a
// figure function's results directly: nb.Show(figures.Accuracy(h)).
func Show(fig plots.Figure, err error) {
	if err != nil {
		fail(err)
		return
	}
	plots.Show(fig)
}
