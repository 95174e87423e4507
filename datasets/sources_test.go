package datasets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// synth is a small synthetic data set in MNIST's file layout (4x4 images,
// 3 classes), with its own pinned checksums: the test hook for the loader is
// simply a datasetSpec of its own.
type synth struct {
	spec  *datasetSpec
	files map[string][]byte // name -> gzipped IDX
}

func newSynth(t testing.TB) *synth {
	t.Helper()
	s := &synth{files: map[string][]byte{}}
	s.spec = &datasetSpec{name: "synth", rows: 4, cols: 4, classes: 3}
	add := func(name string, magic uint32, dims []int, data []byte) {
		gz := gzipped(t, rawIDX(t, magic, dims, data))
		sum := sha256.Sum256(gz)
		s.spec.files = append(s.spec.files, fileSpec{name, hex.EncodeToString(sum[:])})
		s.files[name] = gz
	}
	add("train-images-idx3-ubyte.gz", MagicImages, []int{6, 4, 4}, seq(6*16))
	add("train-labels-idx1-ubyte.gz", MagicLabels, []int{6}, []byte{0, 1, 2, 0, 1, 2})
	add("t10k-images-idx3-ubyte.gz", MagicImages, []int{3, 4, 4}, seq(3*16))
	add("t10k-labels-idx1-ubyte.gz", MagicLabels, []int{3}, []byte{2, 2, 1})
	return s
}

func (s *synth) writeDir(t testing.TB, dir string) {
	t.Helper()
	for name, data := range s.files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// mirror serves the synthetic files, with override replacing some of them,
// and counts requests per path.
type mirror struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func (s *synth) mirror(t testing.TB, override map[string][]byte) *mirror {
	m := &mirror{hits: map[string]int{}}
	m.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/data/")
		m.mu.Lock()
		m.hits[name]++
		m.mu.Unlock()
		data, ok := override[name]
		if !ok {
			data, ok = s.files[name]
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	t.Cleanup(m.Close)
	return m
}

func (m *mirror) base() string { return m.URL + "/data/" }

// closedURL is a base URL where nothing listens: connecting fails at once.
func closedURL(t testing.TB) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	return srv.URL + "/"
}

// isolate keeps the caller's environment out of a test.
func isolate(t *testing.T) {
	t.Setenv("WERKBANK_DATA", "")
}

// listDir returns the names in dir (hidden temporary files included).
func listDir(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func sources(ds *Dataset) string {
	var s []string
	for _, f := range ds.Files {
		s = append(s, f.Source)
	}
	return strings.Join(s, ",")
}

func TestLoadFromDir(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	dir := t.TempDir()
	s.writeDir(t, dir)
	cache := filepath.Join(t.TempDir(), "cache")
	ds, err := load(s.spec, Options{Dir: dir, CacheDir: cache, NoDownload: true})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Train.Count != 6 || ds.Test.Count != 3 || ds.Train.Rows != 4 || ds.Test.Cols != 4 {
		t.Errorf("shapes: train %+v test %+v", ds.Train, ds.Test)
	}
	if got := sources(ds); got != "dir,dir,dir,dir" {
		t.Errorf("sources %s", got)
	}
	for i, f := range ds.Files {
		if !f.Verified || f.SHA256 != s.spec.files[i].sha256 || f.Path != filepath.Join(dir, f.Name) {
			t.Errorf("file info %+v", f)
		}
	}
	if _, err := os.Stat(cache); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a load served from Dir touched the cache: %v", err)
	}
	// WERKBANK_DATA stands in for Options.Dir.
	t.Setenv("WERKBANK_DATA", dir)
	if ds, err := load(s.spec, Options{CacheDir: cache, NoDownload: true}); err != nil || sources(ds) != "dir,dir,dir,dir" {
		t.Errorf("WERKBANK_DATA: %v", err)
	}
}

func TestDownloadThenCache(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	m := s.mirror(t, nil)
	cache := t.TempDir()
	var log bytes.Buffer
	ds, err := load(s.spec, Options{CacheDir: cache, Mirrors: []string{m.base()}, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(ds); got != "download,download,download,download" {
		t.Errorf("sources %s", got)
	}
	if f := ds.Files[0]; f.Path != m.base()+f.Name || f.Cached != filepath.Join(cache, f.Name) {
		t.Errorf("file info %+v", f)
	}
	if !strings.Contains(log.String(), "downloading train-images-idx3-ubyte.gz from "+m.base()) {
		t.Errorf("no progress line in %q", log.String())
	}
	if got := strings.Join(listDir(t, cache), " "); got != "t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz" {
		t.Errorf("cache holds %s", got)
	}
	// The second load needs no network.
	ds, err = load(s.spec, Options{CacheDir: cache, Mirrors: []string{closedURL(t)}})
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(ds); got != "cache,cache,cache,cache" {
		t.Errorf("second load: sources %s", got)
	}
}

func TestDownloadWithWrongChecksumLeavesCacheClean(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	bad := gzipped(t, rawIDX(t, MagicLabels, []int{6}, []byte{2, 2, 2, 2, 2, 2}))
	m := s.mirror(t, map[string][]byte{"train-labels-idx1-ubyte.gz": bad})
	cache := t.TempDir()
	var log bytes.Buffer
	_, err := load(s.spec, Options{CacheDir: cache, Mirrors: []string{m.base()}, Progress: &log})
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("got %v, want a checksum error", err)
	}
	badSum := sha256.Sum256(bad)
	for _, want := range []string{"train-labels-idx1-ubyte.gz", s.spec.files[1].sha256, hex.EncodeToString(badSum[:])} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	for _, name := range listDir(t, cache) {
		if name != "train-images-idx3-ubyte.gz" {
			t.Errorf("cache holds %s after a bad download", name)
		}
	}
	if !strings.Contains(log.String(), "warning") {
		t.Errorf("no warning in %q", log.String())
	}
}

func TestBadCacheFileIsReplaced(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	m := s.mirror(t, nil)
	cache := t.TempDir()
	s.writeDir(t, cache)
	stale := filepath.Join(cache, "t10k-images-idx3-ubyte.gz")
	if err := os.WriteFile(stale, []byte("half a download"), 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	ds, err := load(s.spec, Options{CacheDir: cache, Mirrors: []string{m.base()}, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(ds); got != "cache,cache,download,cache" {
		t.Errorf("sources %s", got)
	}
	if !strings.Contains(log.String(), "removed it") {
		t.Errorf("no warning about the removed file in %q", log.String())
	}
	if data, _ := os.ReadFile(stale); !bytes.Equal(data, s.files["t10k-images-idx3-ubyte.gz"]) {
		t.Error("the bad cache file was not replaced by the download")
	}
}

func TestUnreachableMirrorIsTriedOnce(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	m := s.mirror(t, nil)
	dead := closedURL(t)
	var log bytes.Buffer
	ds, err := load(s.spec, Options{CacheDir: t.TempDir(), Mirrors: []string{dead, m.base()}, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if got := sources(ds); got != "download,download,download,download" {
		t.Errorf("sources %s", got)
	}
	if n := strings.Count(log.String(), "from "+dead); n != 1 {
		t.Errorf("the dead mirror was tried %d times:\n%s", n, log.String())
	}
}

func TestEverySourceFailing(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	dir := t.TempDir()
	// A directory where a file should be, in both the data dir and the cache.
	if err := os.Mkdir(filepath.Join(dir, "train-images-idx3-ubyte.gz"), 0o755); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	if err := os.Mkdir(filepath.Join(cache, "train-images-idx3-ubyte.gz"), 0o755); err != nil {
		t.Fatal(err)
	}
	m := s.mirror(t, map[string][]byte{"train-images-idx3-ubyte.gz": []byte("x")})
	_, err := load(s.spec, Options{Dir: dir, CacheDir: cache, Mirrors: []string{m.base(), closedURL(t)}})
	var lerr *LoadError
	if !errors.As(err, &lerr) {
		t.Fatalf("got %v, want a *LoadError", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"synth: no source could deliver train-images-idx3-ubyte.gz",
		"dir      " + filepath.Join(dir, "train-images-idx3-ubyte.gz") + ": is a directory",
		"cache    " + filepath.Join(cache, "train-images-idx3-ubyte.gz") + ": is a directory",
		"download " + m.base() + "train-images-idx3-ubyte.gz: checksum mismatch",
		"connection refused",
		"gomodule no offline copy of synth",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not contain %q:\n%s", want, msg)
		}
	}
	if len(lerr.Attempts) != 5 || !errors.Is(err, ErrIsDir) || !errors.Is(err, ErrChecksum) {
		t.Errorf("attempts %+v", lerr.Attempts)
	}
}

func TestMismatchedFilesAreRejected(t *testing.T) {
	isolate(t)
	replace := func(t *testing.T, name string, magic uint32, dims []int, data []byte) (*synth, string) {
		s := newSynth(t)
		gz := gzipped(t, rawIDX(t, magic, dims, data))
		sum := sha256.Sum256(gz)
		for i := range s.spec.files {
			if s.spec.files[i].name == name {
				s.spec.files[i].sha256 = hex.EncodeToString(sum[:])
			}
		}
		s.files[name] = gz
		dir := t.TempDir()
		s.writeDir(t, dir)
		return s, dir
	}
	tests := []struct {
		name  string
		file  string
		magic uint32
		dims  []int
		data  []byte
		want  error
		msg   string
	}{
		{"count mismatch", "t10k-labels-idx1-ubyte.gz", MagicLabels, []int{2}, []byte{0, 1}, ErrCountMismatch,
			"t10k-images-idx3-ubyte.gz has 3 images but t10k-labels-idx1-ubyte.gz has 2 labels"},
		{"wrong shape", "train-images-idx3-ubyte.gz", MagicImages, []int{6, 5, 4}, seq(6 * 20), ErrShape,
			"train-images-idx3-ubyte.gz: wrong image shape: images are 5x4, synth images are 4x4"},
		{"label out of range", "train-labels-idx1-ubyte.gz", MagicLabels, []int{6}, []byte{0, 1, 2, 3, 0, 0}, ErrLabelRange,
			"label 3 of example 3"},
		{"swapped files", "t10k-images-idx3-ubyte.gz", MagicLabels, []int{3}, []byte{0, 1, 2}, ErrWrongMagic,
			"t10k-images-idx3-ubyte.gz: wrong magic: expected 0x00000803"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, dir := replace(t, tt.file, tt.magic, tt.dims, tt.data)
			_, err := load(s.spec, Options{Dir: dir, CacheDir: t.TempDir(), NoDownload: true})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want %v with %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestNoDownloadAndNoGoModule(t *testing.T) {
	isolate(t)
	spec := mnistSpec
	_, err := load(&spec, Options{CacheDir: t.TempDir(), NoDownload: true, NoGoModule: true})
	if err == nil {
		t.Fatal("loaded MNIST from nowhere")
	}
	for _, want := range []string{"download disabled", "gomodule " + mnistSpec.goModule + ": disabled", "no directory given"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}

func TestBadDataDirIsReportedOnce(t *testing.T) {
	isolate(t)
	s := newSynth(t)
	m := s.mirror(t, nil)
	missing := filepath.Join(t.TempDir(), "typo")
	var log bytes.Buffer
	ds, err := load(s.spec, Options{Dir: missing, CacheDir: t.TempDir(), Mirrors: []string{m.base()}, Progress: &log})
	if err != nil {
		t.Fatal(err)
	}
	if sources(ds) != "download,download,download,download" || strings.Count(log.String(), "warning: data directory "+missing) != 1 {
		t.Errorf("sources %s, log:\n%s", sources(ds), log.String())
	}
}
