package nb

import (
	"bytes"
	"strings"
	"testing"
)

func TestBackendChosenOncePerNotebook(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "go")
	n := &Notebook{Name: "t", Dir: t.TempDir(), Out: &bytes.Buffer{}}
	if got := n.backendConfig(); got != "go" {
		t.Fatalf("backendConfig() = %q with GOMLX_BACKEND=go", got)
	}
	// A second question in the same cell gets the first answer: no second
	// probe of ONNX Runtime (the environment changes here only to see that).
	t.Setenv("GOMLX_BACKEND", "onnx")
	if got := n.backend(); got.Config != "go" || !strings.Contains(got.Reason, "GOMLX_BACKEND") {
		t.Errorf("second backend() = %+v, want the cached go choice", got)
	}
	if got := (&Notebook{Name: "t", Dir: n.Dir}).backendConfig(); got != "onnx" {
		t.Errorf("a new Notebook chose %q, want onnx from the changed GOMLX_BACKEND", got)
	}
	n.Backend = "xla:cpu"
	if got := n.backend(); got.Config != "xla:cpu" || got.Reason != "Notebook.Backend" {
		t.Errorf("with Notebook.Backend set: %+v", got)
	}
}
