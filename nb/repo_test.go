package nb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	t.Setenv(RepoEnv, "")
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if root != filepath.Dir(wd) {
		t.Errorf("repoRoot() = %s from %s", root, wd)
	}
	t.Setenv(RepoEnv, root)
	if got, err := repoRoot(); err != nil || got != root {
		t.Errorf("with $%s: %s, %v", RepoEnv, got, err)
	}
	t.Setenv(RepoEnv, t.TempDir())
	if _, err := repoRoot(); err == nil || !strings.Contains(err.Error(), RepoEnv) {
		t.Errorf("with $%s pointing elsewhere: %v", RepoEnv, err)
	}
}

func TestFindRepo(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "notebooks", "sub")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok := findRepo(deep); ok {
		t.Error("found a repository where there is none")
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("// comment\nmodule "+Module+"\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, ok := findRepo(deep); !ok || got != dir {
		t.Errorf("findRepo = %s, %v; want %s", got, ok, dir)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := findRepo(deep); ok {
		t.Error("took another module for the repository")
	}
}
