package cnnlib

import (
	"strings"
	"testing"
)

func TestChooseBackendHonoursEnv(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "go")
	if c := ChooseBackend(); c.Config != "go" || !strings.Contains(c.Reason, "GOMLX_BACKEND") {
		t.Errorf("ChooseBackend() = %+v", c)
	}
}

func TestChooseBackendFallsBackToGo(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "")
	t.Setenv("PJRT_PLUGIN_LIBRARY_PATH", t.TempDir()) // no plugins there
	b, c, err := NewBackend("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Config != "go" || !IsGoBackend(b) {
		t.Errorf("without plugins: %+v", c)
	}
}

func TestNewBackendErrors(t *testing.T) {
	t.Setenv("PJRT_PLUGIN_LIBRARY_PATH", t.TempDir())
	for _, cfg := range []string{"nope", "xla:cuda", "xla:/does/not/exist.so"} {
		if _, _, err := NewBackend(cfg); err == nil {
			t.Errorf("NewBackend(%q): no error", cfg)
		} else if !strings.Contains(err.Error(), strings.SplitN(cfg, ":", 2)[0]) {
			t.Errorf("NewBackend(%q): error %q does not name it", cfg, err)
		}
	}
}
