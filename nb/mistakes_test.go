package nb

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// The gallery of Mistakes is kept for ShowMistake; before it, and for an
// index outside it, the cell ends with a message that says what to do.
func TestMistakesAreKeptForShowMistake(t *testing.T) {
	n, _ := testBook(t)
	if _, err := n.mistakes(); err == nil || !strings.Contains(err.Error(), "book.Mistakes") {
		t.Errorf("no gallery yet: %v", err)
	}
	top := []cnnlib.Mistake{{Index: 17, True: 7, Predicted: 1, Probability: 0.9, TrueProbability: 0.05, Loss: 3}}
	if err := n.saveMistakes(top); err != nil {
		t.Fatal(err)
	}
	back, err := n.mistakes()
	if err != nil || !reflect.DeepEqual(back, top) {
		t.Fatalf("read back %+v, %v", back, err)
	}
	buf, codes := stubExit(t)
	func() {
		defer func() { recover() }() // the stubbed exit returns; the cell goes on and panics
		n.ShowMistake(1)
	}()
	if len(*codes) == 0 || !strings.Contains(buf.String(), "want 0 (the worst) to 0") {
		t.Errorf("k out of range: exits %v, %q", *codes, buf)
	}
}
