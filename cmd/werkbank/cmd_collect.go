package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/plots"
	"github.com/kiwerkstatt/werkbank/study"
)

func init() {
	register("collect", "tabulate the result.json of many runs (a sweep) as markdown and study.json, grouped by configuration, and draw their test accuracies", runCollect)
}

func runCollect(args []string) error {
	fs := newFlagSet("collect", "collect DIR|FILE... [--out study.md] [--figure accuracy.png|.svg] [--title TITLE]")
	out := fs.String("out", "", "write the markdown to this file, and the study's data beside it as JSON (study.md: study.json; default: the markdown to stdout)")
	figure := fs.String("figure", "", "draw the test accuracies into this .png or .svg file: a row of dots per configuration, with its mean and sd")
	fs.StringVar(figure, "histogram", "", "old name of --figure")
	title := fs.String("title", "Test accuracy over seeds", "title of the markdown and the figure")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErrorf("no DIR given: name the directories to search for result.json (or result files)")
	}
	// Errors name the flag as it was given.
	figFlag := "--figure"
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "histogram" {
			figFlag = "--histogram"
		}
	})
	if ext := strings.ToLower(filepath.Ext(*figure)); *figure != "" && ext != ".png" && ext != ".svg" {
		return usageErrorf("%s %s: want a .png or .svg file", figFlag, *figure)
	}
	if strings.EqualFold(filepath.Ext(*out), ".json") {
		return usageErrorf("--out %s: want a markdown file (study.md); the JSON goes beside it", *out)
	}
	runs, err := study.ReadRuns(paths)
	if err != nil {
		return err
	}
	s := study.New(*title, paths, runs, newTrainFlags().fs)

	var md study.Markdown
	if *figure != "" {
		if err := saveFigure(s, *figure); err != nil {
			return fmt.Errorf("%s %s: %w", figFlag, *figure, err)
		}
		md.Image = *figure
		if *out != "" {
			if rel, err := filepath.Rel(filepath.Dir(*out), *figure); err == nil {
				md.Image = rel
			}
		}
	}
	if *out == "" {
		return s.WriteMarkdown(os.Stdout, md)
	}
	if err := writeStudy(s, md, *out); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fmt.Printf("%s: %d run(s) in %d configuration(s); the data in %s\n", *out, s.Runs(), len(s.Groups), jsonPath(*out))
	return nil
}

// saveFigure draws the study's figure into path.
func saveFigure(s *study.Study, path string) error {
	fig, err := s.Figure()
	if err != nil {
		return err
	}
	return plots.Save(fig, path)
}

// writeStudy writes the study's markdown to path, and its data beside it
// (jsonPath).
func writeStudy(s *study.Study, md study.Markdown, path string) error {
	var b strings.Builder
	if err := s.WriteMarkdown(&b, md); err != nil {
		return err
	}
	// The data first: a study that cannot be encoded (a NaN statistic)
	// leaves both files as they were.
	if err := s.Write(jsonPath(path)); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, []byte(b.String()))
}

// jsonPath is where collect writes the study's data: the markdown's path
// with .json for its extension (study.md: study.json), so that studies
// collected into one directory under different names keep theirs apart.
func jsonPath(markdown string) string {
	return strings.TrimSuffix(markdown, filepath.Ext(markdown)) + ".json"
}
