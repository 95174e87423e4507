package plots

import (
	"reflect"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	ts := textStyle{size: 14}
	s := "Abb 4: Visualisierung, was die verschiedenen Filter einer Schicht aus einem Rauschen filtern."
	lines := wrap(ts, s, 300)
	if len(lines) < 2 {
		t.Fatalf("not wrapped: %q", lines)
	}
	for _, l := range lines {
		if w := ts.width(l); w > 300 {
			t.Errorf("line %q is %.0f px wide", l, w)
		}
	}
	if got := wrap(ts, "kurz", 300); !reflect.DeepEqual(got, []string{"kurz"}) {
		t.Errorf("wrap(short) = %q", got)
	}
	if got := wrap(ts, "", 300); got != nil {
		t.Errorf("wrap(\"\") = %q", got)
	}
	// A word longer than the width stays whole.
	if got := wrap(ts, "Donaudampfschifffahrtsgesellschaft", 50); len(got) != 1 {
		t.Errorf("long word split: %q", got)
	}
	if got := wrap(ts, "a\nb", 300); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("newline not kept: %q", got)
	}
}

func TestTextMetrics(t *testing.T) {
	ts := textStyle{size: 20}
	if w1, w2 := ts.width("0"), ts.width("00"); !(w1 > 5 && w1 < 20 && w2 > 1.9*w1) {
		t.Errorf("widths %v, %v", w1, w2)
	}
	if a, d := ts.ascent(), ts.descent(); !(a > 15 && a < 20 && d > 2 && d < 6) {
		t.Errorf("ascent %v, descent %v", a, d)
	}
	if b := (textStyle{size: 20, bold: true}); b.width("Original") <= ts.width("Original") {
		t.Error("bold is not wider")
	}
	if got := fitSize(ts, 1000, 8, "Original"); got != 20 {
		t.Errorf("fitSize with room = %v", got)
	}
	if got := fitSize(ts, ts.width("Original")/2, 8, "Original", "0"); got != 10 {
		t.Errorf("fitSize to half width = %v, want 10", got)
	}
	if got := fitSize(ts, 1, 8, "Original"); got != 8 {
		t.Errorf("fitSize minimum = %v, want 8", got)
	}
}

func TestEllipsize(t *testing.T) {
	ts := textStyle{size: 12.5}
	s := "werkbank train --epochs 30 --augment --lr 0.01"
	if got := ellipsize(ts, s, ts.width(s)); got != s {
		t.Errorf("ellipsize with room = %q", got)
	}
	got := ellipsize(ts, s, 100)
	if !strings.HasSuffix(got, "…") || ts.width(got) > 100 || !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
		t.Errorf("ellipsize to 100 pixels = %q (%.0f pixels)", got, ts.width(got))
	}
	// As much as fits is kept, without a space before the "…".
	if got := ellipsize(ts, s, ts.width("werkbank train --epochs…")); got != "werkbank train --epochs…" {
		t.Errorf("ellipsize to the width of 23 characters and … = %q", got)
	}
	if got := ellipsize(ts, s, ts.width("werkbank train …")); got != "werkbank train…" {
		t.Errorf("ellipsize before a space = %q", got)
	}
	if got := ellipsize(ts, s, 1); got != "…" {
		t.Errorf("ellipsize to 1 pixel = %q", got)
	}
}
