package committed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/internal/nbsource"
)

// TestNotebooksMatchTheirSources: every notebook is generated from its
// source in notebooks/src, in every language, cell for cell (kind, tags,
// text), so the English and the German notebook have the same code cells and
// cannot drift; no notebook lives outside a source.
func TestNotebooksMatchTheirSources(t *testing.T) {
	root := repoRoot(t)
	sources, _ := filepath.Glob(filepath.Join(root, "notebooks", "src", "*.nb"))
	if len(sources) < 2 {
		t.Fatalf("only %d notebook sources in notebooks/src", len(sources))
	}
	made := map[string]bool{}
	for _, path := range sources {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		src, err := nbsource.Parse(strings.TrimSuffix(filepath.Base(path), ".nb"), f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range nbsource.Langs {
			name := src.FileName(lang)
			made[name] = true
			data, err := os.ReadFile(filepath.Join(root, "notebooks", name))
			if err != nil {
				t.Errorf("%v (run go run ./internal/nbsource/nbgen)", err)
				continue
			}
			if err := src.Check(lang, data); err != nil {
				t.Errorf("%v (edit notebooks/src/%s.nb, not the notebook, then run go run ./internal/nbsource/nbgen)", err, src.Name)
			}
		}
	}
	all, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	for _, path := range all {
		if !made[filepath.Base(path)] {
			t.Errorf("notebooks/%s has no source in notebooks/src", filepath.Base(path))
		}
	}
}
