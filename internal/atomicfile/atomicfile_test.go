package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesWithoutLeftovers(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.json")
	for _, content := range []string{"one", "two"} {
		if err := WriteFile(p, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		if string(got) != content {
			t.Errorf("got %q, want %q", got, content)
		}
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("leftovers: %v", entries)
	}
}

// TestWriteJSON pins the layout of the JSON files committed to the
// repository: two-space indentation, a trailing newline, HTML characters
// escaped as encoding/json escapes them.
func TestWriteJSON(t *testing.T) {
	p := filepath.Join(t.TempDir(), "v.json")
	v := struct {
		Name  string
		Sizes []int
	}{"a<b", []int{1, 2}}
	if err := WriteJSON(p, v); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"Name\": \"a\\u003cb\",\n  \"Sizes\": [\n    1,\n    2\n  ]\n}\n"
	if got, _ := os.ReadFile(p); string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := WriteJSON(p, func() {}); err == nil {
		t.Error("encoding a func: no error")
	}
}

func TestWriteDirKeepsOldOnFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "model")
	if err := WriteDir(dir, func(tmp string) error { return os.WriteFile(filepath.Join(tmp, "v"), []byte("1"), 0o644) }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := WriteDir(dir, func(tmp string) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "v")); string(got) != "1" {
		t.Errorf("the old directory was damaged: %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("leftovers: %v", entries)
	}
	// Interrupted between the two renames: only dir.old exists.
	os.Rename(dir, dir+".old")
	if got, err := ExistingDir(dir); err != nil || got != dir+".old" {
		t.Errorf("ExistingDir = %q, %v", got, err)
	}
}
