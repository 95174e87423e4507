package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func smallFigure(t *testing.T) Figure {
	t.Helper()
	fig, err := Row([]Map{{Data: []float32{0, 1, 2, 3}, Rows: 2, Cols: 2}}, GridOptions{CellSize: 8})
	if err != nil {
		t.Fatal(err)
	}
	return fig
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	fig := smallFigure(t)
	for _, name := range []string{"a.png", "b.svg", "C.PNG"} {
		path := filepath.Join(dir, name)
		if err := Save(fig, path); err != nil {
			t.Fatalf("Save(%q): %v", name, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		isPNG := bytes.HasPrefix(data, []byte("\x89PNG"))
		if isPNG != strings.HasSuffix(strings.ToLower(name), ".png") {
			t.Errorf("%s: wrong format (PNG signature %v)", name, isPNG)
		}
		if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", name, st.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("directory holds %d entries, want 3 (no temporary files left)", len(entries))
	}
}

func TestSaveErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "fig.jpg")
	err := Save(smallFigure(t), path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), ".jpg") {
		t.Errorf("Save(.jpg) error = %v, want one naming the path and extension", err)
	}
	if err := Save(nil, filepath.Join(dir, "x.png")); err == nil {
		t.Error("Save(nil) succeeded")
	}
	missing := filepath.Join(dir, "no", "such", "dir", "x.png")
	if err := Save(smallFigure(t), missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("Save into missing dir: error = %v, want one naming the path", err)
	}
	// A failing render leaves no file behind.
	bad := failingFigure{}
	if err := Save(bad, filepath.Join(dir, "bad.png")); err == nil {
		t.Error("Save of a failing figure succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("failed saves left %d entries", len(entries))
	}
}

func TestSaveAll(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "figures", "abb1")
	p, s, err := SaveAll(smallFigure(t), dir, "curve")
	if err != nil {
		t.Fatal(err)
	}
	if p != filepath.Join(dir, "curve.png") || s != filepath.Join(dir, "curve.svg") {
		t.Errorf("paths %q, %q", p, s)
	}
	for _, f := range []string{p, s} {
		if _, err := os.Stat(f); err != nil {
			t.Error(err)
		}
	}
	if _, _, err := SaveAll(smallFigure(t), dir, ""); err == nil {
		t.Error("SaveAll with empty base succeeded")
	}
}

// failingFigure is a Figure of another package that cannot render.
type failingFigure struct{}

func (failingFigure) PNG() ([]byte, error) { return nil, os.ErrInvalid }
func (failingFigure) SVG() ([]byte, error) { return nil, os.ErrInvalid }
func (failingFigure) Size() (int, int)     { return 1, 1 }
