package nb

import (
	"bytes"
	"errors"
	"testing"

	"github.com/kiwerkstatt/werkbank/plots"
)

// stubExit replaces the exit of failing cells and returns the exit codes seen.
func stubExit(t *testing.T) (*bytes.Buffer, *[]int) {
	t.Helper()
	var buf bytes.Buffer
	var codes []int
	oldErr, oldExit := stderr, exit
	stderr, exit = &buf, func(code int) { codes = append(codes, code) }
	t.Cleanup(func() { stderr, exit = oldErr, oldExit })
	return &buf, &codes
}

func TestMustCheckShow(t *testing.T) {
	buf, codes := stubExit(t)
	if v := Must(42, nil); v != 42 || len(*codes) != 0 {
		t.Errorf("Must(42, nil) = %d, exits %v", v, *codes)
	}
	Check(nil)
	Show(nil, nil) // a nil figure outside a notebook shows nothing
	fig, err := plots.Row([]plots.Map{{Data: []float32{0, 1, 1, 0}, Rows: 2, Cols: 2}}, plots.GridOptions{})
	if err != nil {
		t.Fatal(err)
	}
	Show(fig, nil)
	if len(*codes) != 0 || buf.Len() != 0 {
		t.Fatalf("no failure expected: exits %v, %q", *codes, buf)
	}
	Must(0, errors.New("first"))
	Check(errors.New("second"))
	Show(nil, errors.New("third"))
	if len(*codes) != 3 || (*codes)[0] != 1 {
		t.Errorf("exit codes %v, want three times 1", *codes)
	}
	if want := "error: first\nerror: second\nerror: third\n"; buf.String() != want {
		t.Errorf("stderr %q, want %q", buf, want)
	}
}
