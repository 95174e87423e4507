package plots

import (
	"testing"

	"github.com/janpfeifer/gonb/gonbui"
)

// panickyFigure panics when rendered.
type panickyFigure struct{}

func (panickyFigure) PNG() ([]byte, error) { panic("no PNG") }
func (panickyFigure) SVG() ([]byte, error) { panic("no SVG") }
func (panickyFigure) Size() (int, int)     { return 1, 1 }

func TestShowOutsideNotebook(t *testing.T) {
	if gonbui.IsNotebook {
		t.Skip("running inside GoNB")
	}
	// No-ops: nothing rendered, nothing panics.
	Show(panickyFigure{})
	Show(nil)
	Show(smallFigure(t))
}

func TestShowNeverPanics(t *testing.T) {
	saved := gonbui.IsNotebook
	defer func() { gonbui.IsNotebook = saved }()
	// Pretend to be in a notebook without a kernel: displaying fails
	// quietly inside gonbui, rendering failures are reported on stderr.
	t.Setenv("GONB_PIPE", "")
	gonbui.IsNotebook = true
	Show(panickyFigure{})
	Show(failingFigure{})
	Show(nil)
}
