package post

import "testing"

// TestBars: the bars a configuration is measured against are ordered as
// the post tells them: its goal below its run, "no model with 99.5%" above.
func TestBars(t *testing.T) {
	if !(Goal < TestAccuracy && TestAccuracy < HighBar) {
		t.Errorf("goal %v, run %v, high bar %v: want goal < run < high bar", Goal, TestAccuracy, HighBar)
	}
}
