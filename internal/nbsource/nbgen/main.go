// Command nbgen writes the notebooks of every language from their sources,
// notebooks/src/NAME.nb, into notebooks/ (NAME.ipynb, NAME.de.ipynb, ...).
// A notebook whose cells already match its source is left as it is, with its
// outputs; a changed one is written without outputs (run
// scripts/run-notebooks-inplace.sh to fill them in).
//
//	go run ./internal/nbsource/nbgen [-check] [notebooks/src/NAME.nb ...]
//
// With -check nothing is written: it lists the notebooks that differ from
// their sources and exits with status 1 if any does.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/internal/nbsource"
)

func main() {
	check := flag.Bool("check", false, "only report the notebooks that differ from their sources")
	flag.Parse()
	sources := flag.Args()
	if len(sources) == 0 {
		sources, _ = filepath.Glob("notebooks/src/*.nb")
	}
	if len(sources) == 0 {
		fmt.Fprintln(os.Stderr, "nbgen: no sources (run it in the repository root, or name notebooks/src/NAME.nb files)")
		os.Exit(2)
	}
	stale := 0
	for _, path := range sources {
		n, err := run(path, *check)
		if err != nil {
			fmt.Fprintln(os.Stderr, "nbgen:", err)
			os.Exit(1)
		}
		stale += n
	}
	if *check && stale > 0 {
		os.Exit(1)
	}
}

// run handles one source and returns how many of its notebooks were stale.
func run(path string, check bool) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	src, err := nbsource.Parse(strings.TrimSuffix(filepath.Base(path), ".nb"), f)
	if err != nil {
		return 0, err
	}
	dir := filepath.Dir(filepath.Dir(path)) // notebooks/src/x.nb -> notebooks
	stale := 0
	for _, lang := range nbsource.Langs {
		out := filepath.Join(dir, src.FileName(lang))
		if old, err := os.ReadFile(out); err == nil && src.Check(lang, old) == nil {
			fmt.Printf("%s: up to date\n", out)
			continue
		} else if err == nil {
			fmt.Printf("%s: %v\n", out, src.Check(lang, old))
		}
		stale++
		if check {
			continue
		}
		data, err := src.Notebook(lang)
		if err != nil {
			return stale, err
		}
		if err := atomicfile.WriteFile(out, data); err != nil {
			return stale, err
		}
		fmt.Printf("%s: written (no outputs yet: scripts/run-notebooks-inplace.sh %s)\n", out, out)
	}
	return stale, nil
}
