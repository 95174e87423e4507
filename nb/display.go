package nb

import (
	"fmt"
	"io"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
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

// markdown displays md in the notebook (rendered), or prints it elsewhere.
func (n *Notebook) markdown(md string) {
	switch {
	case n.display != nil:
		n.display("text/markdown", []byte(md))
	case gonbui.IsNotebook:
		gonbui.DisplayMarkdown(md)
		gonbui.Sync() // keep the order of the cell's outputs
	default:
		fmt.Fprintln(n.out(), md)
	}
}

// png displays a PNG file's content in the notebook; elsewhere it prints
// its name.
func (n *Notebook) png(data []byte, name string) {
	switch {
	case n.display != nil:
		n.display("image/png", data)
	case gonbui.IsNotebook:
		gonbui.DisplayPNG(data)
		gonbui.Sync()
	default:
		fmt.Fprintf(n.out(), "[figure %s]\n", name)
	}
}

// figure displays fig as a PNG (as Show does).
func (n *Notebook) figure(fig plots.Figure) {
	if n.display == nil {
		plots.Show(fig)
		return
	}
	data, err := fig.PNG()
	if err != nil {
		fail(err)
		return
	}
	n.display("image/png", data)
}
