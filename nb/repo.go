package nb

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the module path of the Werkbank repository.
const Module = "github.com/kiwerkstatt/werkbank"

// RepoEnv names the repository root explicitly (the browser tests serve a
// copy of the notebooks from outside the repository and set it).
const RepoEnv = "WERKBANK_REPO"

// repoRoot returns the root of the Werkbank repository: $WERKBANK_REPO when
// set, else the first directory upwards from the current directory, then
// from $GONB_DIR (the directory of the notebook), that holds the go.mod of
// module github.com/kiwerkstatt/werkbank.
func repoRoot() (string, error) {
	if dir := os.Getenv(RepoEnv); dir != "" {
		if !isRepo(dir) {
			return "", fmt.Errorf("$%s = %s has no go.mod of module %s", RepoEnv, dir, Module)
		}
		return filepath.Abs(dir)
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if dir := os.Getenv("GONB_DIR"); dir != "" {
		starts = append(starts, dir)
	}
	for _, start := range starts {
		if dir, ok := findRepo(start); ok {
			return dir, nil
		}
	}
	return "", fmt.Errorf("the Werkbank repository (go.mod of module %s) is not above %s; set $%s to its root",
		Module, strings.Join(starts, " or "), RepoEnv)
}

// findRepo walks from start up to the file system root.
func findRepo(start string) (string, bool) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	for {
		if isRepo(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// isRepo reports whether dir/go.mod declares the Werkbank module.
func isRepo(dir string) bool {
	mod, err := goModule(filepath.Join(dir, "go.mod"))
	return err == nil && mod == Module
}

// goModule returns the module path declared in a go.mod file.
func goModule(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", errors.New("no module line")
}
