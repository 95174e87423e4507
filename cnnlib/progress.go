package cnnlib

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progressBar prints Keras' epoch progress:
//
//	54000/54000 [==============================] - 4s 71us/step - loss: 0.3658 - acc: 0.9182 - val_loss: 0.1452 - val_acc: 0.9757
//
// With verbose 1 the bar is redrawn with a carriage return at most every 250 ms
// (this works in terminals and in Jupyter/GoNB output); with verbose 2 only the
// final line of each epoch is printed.
type progressBar struct {
	out     io.Writer
	total   int
	verbose int
	last    time.Time
	drawn   bool
}

func newProgressBar(out io.Writer, total, verbose int) *progressBar {
	return &progressBar{out: out, total: total, verbose: verbose}
}

const barWidth = 30

func (p *progressBar) bar(done int) string {
	filled := barWidth * done / max(p.total, 1)
	s := strings.Repeat("=", filled)
	if filled < barWidth {
		s += ">" + strings.Repeat(".", barWidth-filled-1)
	}
	return fmt.Sprintf("%*d/%d [%s]", len(fmt.Sprint(p.total)), done, p.total, s)
}

func (p *progressBar) update(done int, elapsed time.Duration, loss, acc float64) {
	if p.verbose != 1 || (time.Since(p.last) < 250*time.Millisecond && done < p.total) {
		return
	}
	p.last = time.Now()
	eta := time.Duration(float64(elapsed) / float64(done) * float64(p.total-done))
	fmt.Fprintf(p.out, "\r%s - ETA: %s - loss: %.4f - acc: %.4f", p.bar(done), eta.Round(time.Second), loss, acc)
	p.drawn = true
}

func (p *progressBar) abort() {
	if p.drawn {
		fmt.Fprintln(p.out)
	}
}

func (p *progressBar) finish(s EpochStats, withVal, withLR bool, steps int) {
	perStep := time.Duration(s.Seconds * float64(time.Second) / float64(max(steps, 1)))
	line := fmt.Sprintf("%s - %.0fs %s/step - loss: %.4f - acc: %.4f",
		p.bar(p.total), s.Seconds, perStep.Round(time.Millisecond), s.Loss, s.Acc)
	if withVal {
		line += fmt.Sprintf(" - val_loss: %.4f - val_acc: %.4f", s.ValLoss, s.ValAcc)
	}
	if withLR { // as tf.keras logs it when a callback changes the rate
		line += fmt.Sprintf(" - lr: %.4g", s.LR)
	}
	if p.verbose == 1 {
		// Pad to overwrite a longer progress line.
		fmt.Fprintf(p.out, "\r%-100s\n", line)
	} else {
		fmt.Fprintln(p.out, line)
	}
}
