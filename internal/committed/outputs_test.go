package committed

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCommittedNotebookOutputs checks the stored outputs of every committed
// notebook as scripts/test-notebooks.sh checks a fresh run (internal/nbcheck):
// every cell ran without an error, every figure cell shows a PNG, and a
// German notebook shows no sentence of the English catalogs: what a reader
// opens without running anything must be right, in its language.
func TestCommittedNotebookOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds internal/nbcheck")
	}
	root := repoRoot(t)
	notebooks, _ := filepath.Glob(filepath.Join(root, "notebooks", "*.ipynb"))
	if len(notebooks) < 6 {
		t.Fatalf("only %d notebooks in notebooks/", len(notebooks))
	}
	bin := filepath.Join(t.TempDir(), "nbcheck")
	build := exec.Command("go", "build", "-o", bin, "./internal/nbcheck")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./internal/nbcheck: %v\n%s", err, out)
	}
	for _, nb := range notebooks {
		out, err := exec.Command(bin, nb).CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", filepath.Base(nb), err, out)
		}
	}
}
