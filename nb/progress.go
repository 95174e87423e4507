package nb

import (
	"bytes"
	"io"
	"time"
)

// throttledWriter passes Keras-style progress through, but drops progress
// bar redraws (writes that start with a carriage return and end no line)
// that come sooner than every after the last one passed: a notebook keeps
// every redraw in its saved output, so an epoch of redraws every 250 ms
// would bloat it.
type throttledWriter struct {
	w     io.Writer
	every time.Duration
	last  time.Time
	now   func() time.Time
}

func newThrottledWriter(w io.Writer, every time.Duration) *throttledWriter {
	return &throttledWriter{w: w, every: every, now: time.Now}
}

func (t *throttledWriter) Write(p []byte) (int, error) {
	redraw := len(p) > 0 && p[0] == '\r' && !bytes.Contains(p, []byte{'\n'})
	if redraw {
		now := t.now()
		if !t.last.IsZero() && now.Sub(t.last) < t.every {
			return len(p), nil
		}
		t.last = now
	} else {
		t.last = time.Time{}
	}
	return t.w.Write(p)
}
