package nb

import (
	"strings"
	"testing"
	"time"
)

func TestThrottledWriter(t *testing.T) {
	var b strings.Builder
	now := time.Unix(0, 0)
	w := newThrottledWriter(&b, 2*time.Second)
	w.now = func() time.Time { return now }
	write := func(s string, after time.Duration) {
		now = now.Add(after)
		if n, err := w.Write([]byte(s)); err != nil || n != len(s) {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	write("Epoch 1/2\n", 0)
	write("\r 10/100 a", 0)                         // first redraw: passes
	write("\r 20/100 b", time.Second)               // too soon: dropped
	write("\r 30/100 c", 1500*time.Millisecond)     // 2.5 s after the last passed: passes
	write("\r100/100 done\n", 100*time.Millisecond) // a finished line always passes
	write("\r 10/100 d", 100*time.Millisecond)      // first redraw of the next epoch passes
	want := "Epoch 1/2\n\r 10/100 a\r 30/100 c\r100/100 done\n\r 10/100 d"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
