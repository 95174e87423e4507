package datasets

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestLoadMNISTOffline loads the real MNIST the way a machine without
// internet does: through the copy in the Go module cache, into an empty
// cache, then again from that cache.
func TestLoadMNISTOffline(t *testing.T) {
	isolate(t)
	if _, err := goModuleDir(mnistSpec.goModule); err != nil {
		if testing.Short() {
			t.Skipf("the offline MNIST copy in Go module %s is not available: %v", mnistSpec.goModule, err)
		}
		t.Fatalf("the offline MNIST copy in Go module %s is not available (run with -short to skip): %v", mnistSpec.goModule, err)
	}
	cache := t.TempDir()
	var log bytes.Buffer
	start := time.Now()
	ds, err := LoadMNIST(Options{CacheDir: cache, NoDownload: true, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("offline load: %v", time.Since(start))
	if got := sources(ds); got != "gomodule,gomodule,gomodule,gomodule" {
		t.Errorf("sources %s", got)
	}
	if !strings.Contains(log.String(), "offline copy") {
		t.Errorf("no progress line about the offline copy in %q", log.String())
	}
	check := func(ds *Dataset) {
		t.Helper()
		if ds.Name != "mnist" || ds.Train.Count != 60000 || ds.Test.Count != 10000 {
			t.Fatalf("%s: %d train, %d test", ds.Name, ds.Train.Count, ds.Test.Count)
		}
		for _, s := range []*Set{ds.Train, ds.Test} {
			if s.Rows != 28 || s.Cols != 28 || len(s.Images) != s.Count*784 || len(s.Labels) != s.Count {
				t.Errorf("shape %dx%dx%d, %d bytes", s.Count, s.Rows, s.Cols, len(s.Images))
			}
		}
		want := []int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}
		if got := ds.Test.LabelHistogram(10); !slices.Equal(got, want) {
			t.Errorf("test label histogram %v, want %v", got, want)
		}
		for i, f := range ds.Files {
			if !f.Verified || f.SHA256 != mnistSpec.files[i].sha256 {
				t.Errorf("file %+v", f)
			}
		}
	}
	check(ds)

	// The copy went into the cache: the next load reads only that.
	start = time.Now()
	ds, err = LoadMNIST(Options{CacheDir: cache, NoDownload: true, NoGoModule: true})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load from the gzip cache: %v", elapsed)
	if got := sources(ds); got != "cache,cache,cache,cache" {
		t.Errorf("second load: sources %s", got)
	}
	check(ds)
}
