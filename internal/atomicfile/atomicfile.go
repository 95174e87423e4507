// Package atomicfile writes files and directories so that readers, and a
// process killed halfway, never see them half-written: content goes to a
// temporary sibling first and is renamed into place.
package atomicfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// WriteDir fills a fresh temporary directory beside dir with fill,
// then swaps it into place: readers see either the old complete directory or
// the new complete one. If the process dies between the two renames, the old
// directory survives as dir+".old", which ExistingDir falls back to.
func WriteDir(dir string, fill func(tmp string) error) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", parent, err)
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a directory", dir)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("creating a temporary directory in %s: %w", parent, err)
	}
	if err := fill(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	old := dir + ".old"
	os.RemoveAll(old)
	if _, err := os.Stat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("replacing %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		os.RemoveAll(tmp)
		return fmt.Errorf("replacing %s: %w", dir, err)
	}
	os.RemoveAll(old)
	return nil
}

// ExistingDir returns dir, or dir+".old" when a save was interrupted between its
// two renames, or an error naming dir.
func ExistingDir(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return "", fmt.Errorf("%s is not a directory", dir)
		}
		return dir, nil
	}
	if fi, err2 := os.Stat(dir + ".old"); err2 == nil && fi.IsDir() {
		return dir + ".old", nil
	}
	return "", fmt.Errorf("model directory %s: %w", dir, err)
}

// WriteFile writes data to path through a temporary file in the same
// directory and a rename, so path is never half-written.
func WriteFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	merr := os.Chmod(f.Name(), 0o644) // CreateTemp makes 0600 files
	if err := errors.Join(werr, serr, cerr, merr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// WriteJSON writes v to path as WriteFile does, encoded as JSON indented by
// two spaces and ending in a newline: the layout of every JSON file this
// module writes, so that rewriting an unchanged value leaves the file's bytes
// as they were.
func WriteJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	return WriteFile(path, append(data, '\n'))
}
