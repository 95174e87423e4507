package datasets

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnusableCacheFallsBackToTemp makes the cache directory impossible to
// create by putting it under a regular file: chmod would not stop root, and
// these tests run as root in CI.
func TestUnusableCacheFallsBackToTemp(t *testing.T) {
	isolate(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where os.TempDir, and so the fallback, points
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s := newSynth(t)
	m := s.mirror(t, nil)
	var log bytes.Buffer
	ds, err := load(s.spec, Options{CacheDir: filepath.Join(file, "cache"), Mirrors: []string{m.base()}, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	fallback := filepath.Join(tmp, "werkbank-datasets", "synth")
	if !strings.Contains(log.String(), "warning: cannot use cache directory "+filepath.Join(file, "cache")) ||
		!strings.Contains(log.String(), "using "+fallback) {
		t.Errorf("no warning about the fallback in %q", log.String())
	}
	if got := ds.Files[0].Cached; got != filepath.Join(fallback, "train-images-idx3-ubyte.gz") {
		t.Errorf("cached at %q", got)
	}
	// The next load with the same broken setting finds the fallback copy.
	ds, err = load(s.spec, Options{CacheDir: filepath.Join(file, "cache"), Mirrors: []string{closedURL(t)}})
	if err != nil || sources(ds) != "cache,cache,cache,cache" {
		t.Fatalf("second load: %v", err)
	}
}

func TestNoCacheAtAll(t *testing.T) {
	isolate(t)
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", file) // the fallback is unusable too
	s := newSynth(t)
	m := s.mirror(t, nil)
	var log bytes.Buffer
	ds, err := load(s.spec, Options{CacheDir: filepath.Join(file, "cache"), Mirrors: []string{m.base()}, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Files[0].Cached != "" || !strings.Contains(log.String(), "continuing without a cache") {
		t.Errorf("cached at %q; log %q", ds.Files[0].Cached, log.String())
	}
}

func TestDefaultCacheDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", home)
	c := newCache("", "mnist", t.Logf)
	if base, err := os.UserCacheDir(); err == nil && c.dir != filepath.Join(base, "werkbank", "datasets", "mnist") {
		t.Errorf("default cache dir %s", c.dir)
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.gz")
	for _, content := range []string{"first", "second"} {
		if err := writeAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("read back %q, want %q", got, content)
		}
	}
	if names := listDir(t, dir); len(names) != 1 {
		t.Errorf("temporary files left behind: %v", names)
	}
	if err := os.Mkdir(filepath.Join(dir, "d.gz"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(filepath.Join(dir, "d.gz"), []byte("x")); err != ErrIsDir {
		t.Errorf("writing over a directory: %v", err)
	}
}
