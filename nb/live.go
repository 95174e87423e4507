package nb

import (
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// liveTraining shows a training run in one output block of the cell,
// redrawn in place: Keras' lines (one per finished epoch stays, as in Keras)
// with the current progress bar below them, and, from the first finished
// epoch on, the accuracy and loss curves so far. A saved notebook keeps what
// the block shows last. It is the io.Writer of the fit's progress and its
// OnEpoch hook.
type liveTraining struct {
	mu      sync.Mutex
	show    func(html string) // replaces the block's content
	lines   []string          // finished lines
	current string            // the progress bar being redrawn
	curves  string            // <img> of the latest curves, or an error note
	every   time.Duration     // redraw the progress bar at most this often
	last    time.Time
	now     func() time.Time
}

// newLiveTraining returns a live block that shows itself with show.
func newLiveTraining(show func(html string)) *liveTraining {
	return &liveTraining{show: show, every: time.Second, now: time.Now}
}

// notebookBlock returns a show function for a fresh output block of the
// running GoNB cell.
func notebookBlock() func(string) {
	id := "werkbank-training-" + gonbui.UniqueID()
	return func(h string) {
		gonbui.UpdateHTML(id, h)
		gonbui.Sync() // the last update must not be lost when the cell ends
	}
}

// Write takes Keras-style progress: lines end with \n, a progress bar is
// redrawn after a \r.
func (l *liveTraining) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	ended := false
	for _, r := range string(p) {
		switch r {
		case '\n':
			l.lines = append(l.lines, l.current)
			l.current = ""
			ended = true
		case '\r':
			l.current = ""
		default:
			l.current += string(r)
		}
	}
	if now := l.now(); ended || now.Sub(l.last) >= l.every {
		l.last = now
		l.redraw()
	}
	return len(p), nil
}

// epoch draws the curves of h (the history so far) and redraws at once.
func (l *liveTraining) epoch(h *cnnlib.History) {
	curves, err := trainingCurves(h)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.curves = "<p>" + html.EscapeString(err.Error()) + "</p>"
	} else {
		l.curves = curves
	}
	l.last = l.now()
	l.redraw()
}

// redraw shows the block; l.mu is held.
func (l *liveTraining) redraw() {
	text := strings.Join(l.lines, "\n")
	if l.current != "" {
		text += "\n" + l.current
	}
	l.show("<pre>" + html.EscapeString(strings.TrimLeft(text, "\n")) + "</pre>" + l.curves)
}

// fitProgress returns where a training's progress goes and the hook that
// draws its curves after every epoch: a live output block in a notebook,
// plain Keras text on n's output elsewhere.
func (n *Notebook) fitProgress() (io.Writer, func(*cnnlib.History)) {
	show := n.show
	if show == nil && gonbui.IsNotebook {
		show = notebookBlock()
	}
	if show == nil {
		return n.out(), nil
	}
	l := newLiveTraining(show)
	return l, l.epoch
}

// trainingCurves renders Abb 1 and 2 of h side by side as an <img> with the
// PNG inline, so that the block, and an HTML export of the notebook, needs
// nothing else.
func trainingCurves(h *cnnlib.History) (string, error) {
	acc, err := figures.RunAccuracy(h)
	if err != nil {
		return "", err
	}
	loss, err := figures.RunLoss(h)
	if err != nil {
		return "", err
	}
	both, err := plots.SideBySide(acc, loss)
	if err != nil {
		return "", err
	}
	png, err := both.PNG()
	if err != nil {
		return "", err
	}
	w, _ := both.Size()
	return fmt.Sprintf(`<img alt="%s" width="%d" src="data:image/png;base64,%s">`, lang.Sprintf("nb.live.alt", len(h.Epochs)),
		w, base64.StdEncoding.EncodeToString(png)), nil
}
