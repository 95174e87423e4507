package cnnlib

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/lang"
)

// LRRangeFile is the file of a range test: werkbank lr-find writes it,
// notebook 03 reads it.
const LRRangeFile = "lr_range.json"

// LRRangeRun is a range test and how it was made, as LRRangeFile holds it.
type LRRangeRun struct {
	Command string `json:"command"` // the command that ran it; "" when run in a notebook
	Backend string `json:"backend"`
	*LRRange
}

// Write writes r to path atomically.
func (r LRRangeRun) Write(path string) error { return atomicfile.WriteJSON(path, r) }

// ReadLRRangeRun reads a range test written by Write; a file without
// learning rates is an error naming it.
func ReadLRRangeRun(path string) (*LRRangeRun, error) {
	r := &LRRangeRun{}
	if err := readJSON(path, r); err != nil {
		return nil, err
	}
	if r.LRRange == nil || len(r.LR) == 0 {
		return nil, fmt.Errorf("%s: no learning rates", path)
	}
	return r, nil
}

// Summary says in one sentence what the test did and found: its steps and
// rates, where it stopped, the suggested rate and the rate of the lowest
// smoothed loss (with the command and backend when known).
func (r LRRangeRun) Summary() string {
	last := r.LR[len(r.LR)-1]
	end := lang.T("cnnlib.lr.reached")
	if r.Stopped {
		end = lang.Sprintf("cnnlib.lr.stopped", last)
	}
	s := lang.Sprintf("cnnlib.lr.steps", len(r.LR), r.LR[0], last, end)
	if r.Command != "" {
		backend := r.Backend
		if backend == "" {
			backend = lang.T("cnnlib.lr.unknown_backend")
		}
		s = lang.Sprintf("cnnlib.lr.command", r.Command, backend, s)
	}
	return lang.Sprintf("cnnlib.lr.summary", s, r.Suggested, r.MinLossLR)
}

// Caption is the caption of the test's chart: what ran (e.g. the model,
// optimizer and batch size, or the file it came from), the suggested rate
// and the minimum.
func (r *LRRange) Caption(what string) string {
	return lang.Sprintf("cnnlib.lr.caption", what, r.Suggested, r.MinLossLR)
}
