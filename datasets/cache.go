package datasets

import (
	"errors"
	"fmt"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"os"
	"path/filepath"
)

// cache is the directory where verified files are kept between runs. It is
// set up lazily, on the first file that the explicit directory lacks, so that
// a load served entirely from Options.Dir never touches it.
//
// A cache that cannot be created or written falls back to a directory under
// os.TempDir(), with a warning: a broken cache should cost speed, not the
// run. If the fallback fails as well, files are used without being cached.
type cache struct {
	dir      string // "" when no cache can be used
	name     string // data set name, the last path element of the fallback
	warnf    func(format string, args ...any)
	ready    bool  // dir has been created (or the attempt failed)
	fellBack bool  // dir is already the fallback
	err      error // why there is no cache, when dir == ""
}

func newCache(dir, name string, warnf func(string, ...any)) *cache {
	c := &cache{dir: dir, name: name, warnf: warnf}
	if c.dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			c.fallBack(fmt.Errorf("no user cache directory: %w", err))
			return c
		}
		c.dir = filepath.Join(base, "werkbank", "datasets", name)
	}
	return c
}

// fallbackDir is shared by all runs of all users on the machine; that is
// safe because every file read from it is verified against its checksum.
func (c *cache) fallbackDir() string {
	return filepath.Join(os.TempDir(), "werkbank-datasets", c.name)
}

// fallBack switches to the temporary directory after the current one failed.
func (c *cache) fallBack(why error) {
	if c.fellBack {
		c.warnf("cannot use the fallback cache %s either (%v); continuing without a cache", c.dir, why)
		c.dir, c.err = "", fmt.Errorf("no usable cache directory: %w", why)
		return
	}
	tmp := c.fallbackDir()
	if c.dir != "" {
		c.warnf("cannot use cache directory %s (%v); using %s instead", c.dir, why, tmp)
	} else {
		c.warnf("%v; caching in %s", why, tmp)
	}
	c.dir, c.fellBack, c.ready = tmp, true, false
}

// prepare creates the cache directory once, falling back if it cannot.
func (c *cache) prepare() {
	for !c.ready && c.dir != "" {
		if err := os.MkdirAll(c.dir, 0o755); err != nil {
			c.fallBack(err)
			continue
		}
		c.ready = true
	}
}

// path is where file name would be in the cache.
func (c *cache) path(name string) (string, error) {
	c.prepare()
	if c.dir == "" {
		return "", c.err
	}
	return filepath.Join(c.dir, name), nil
}

// store writes a verified file into the cache and returns its path there, or
// "" (after a warning) if it cannot be stored: the data are already in memory
// and verified, so a failure to cache them must not fail the load.
func (c *cache) store(name string, data []byte) string {
	for {
		c.prepare()
		if c.dir == "" {
			return ""
		}
		path := filepath.Join(c.dir, name)
		err := writeAtomic(path, data)
		if err == nil {
			return path
		}
		if errors.Is(err, ErrIsDir) {
			// Falling back would hide the problem on every run; say it.
			c.warnf("cannot cache %s: %s %v", name, path, err)
			return ""
		}
		c.fallBack(err)
	}
}

// writeAtomic writes data to a temporary file next to path and renames it into
// place, so that a reader (or a crash) never sees a partial file under the
// final name.
func writeAtomic(path string, data []byte) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return ErrIsDir
	}
	return atomicfile.WriteFile(path, data)
}
