package nb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/study"
)

// ExperimentsDir is the directory of the committed studies, relative to the
// repository root: experiments/<name> holds README.md (what was run, the
// exact commands, a "## Conclusion" section), study.md and study.json
// (werkbank collect's tables and their data), accuracy.png (its dot plot)
// and runs/ (every run's result.json and train.log); experiments/lr-range
// holds werkbank lr-find's lr_range.json instead of a study.
const ExperimentsDir = "experiments"

// experimentInfo names one of the studies of notebook 03 and says how to run it.
type experimentInfo struct {
	Name    string   // its directory under experiments/
	Title   lang.Key // its title in the catalogs; "" for an unknown experiment, titled by its name
	Command string   // a shell command, run in the repository root, that makes the directory
}

// title is the experiment's title in the current language.
func (e experimentInfo) title() string {
	if e.Title == "" {
		return e.Name
	}
	return lang.T(e.Title)
}

// Experiments are the studies of the post's suggestions that notebook 03
// shows, with the command that runs each in the repository root:
// scripts/experiments.sh runs the sweeps (seeds, grids) and collects them
// into the directory; its README.md says how the committed results were made.
var Experiments = []experimentInfo{
	{"lr-range", "nb.exp.title.lr_range", "make build && bin/werkbank lr-find --out experiments/lr-range"},
	{"post-seeds", "nb.exp.title.post_seeds", "scripts/experiments.sh post-seeds"},
	{"augment", "nb.exp.title.augment", "scripts/experiments.sh augment"},
	{"batchnorm", "nb.exp.title.batchnorm", "scripts/experiments.sh batchnorm"},
	{"schedules", "nb.exp.title.schedules", "scripts/experiments.sh schedules"},
	{"kaggle", "nb.exp.title.kaggle", "scripts/experiments.sh kaggle"},
}

// lookupExperiment returns the experiment called name.
func lookupExperiment(name string) (experimentInfo, bool) {
	for _, e := range Experiments {
		if e.Name == name {
			return e, true
		}
	}
	return experimentInfo{}, false
}

// The files of an experiment's directory.
const (
	StudyFile     = "study.md"
	StudyDataFile = "study.json" // the data of study.md, which a notebook reads
	AccuracyFile  = "accuracy.png"
	ReadmeFile    = "README.md"
	LRRangeFile   = cnnlib.LRRangeFile
	conclusionHdg = "conclusion"
	ReadmeDEFile  = "README.de.md" // its "## Fazit" is the conclusion in German
	fazitHdg      = "fazit"
)

// ErrNotRun says that an experiment has no committed results yet.
var ErrNotRun = errors.New("not run yet")

// experimentResult is what experiments/<name> holds.
type experimentResult struct {
	Info           experimentInfo
	Dir            string             // relative to the repository root, e.g. experiments/augment
	Study          string             // study.json as markdown without the table of runs and the figure; "" when missing
	Figure         []byte             // accuracy.png; nil when missing
	LRRange        *cnnlib.LRRangeRun // lr_range.json; nil when missing
	Readme         bool               // README.md exists
	Conclusion     string             // README.md's "## Conclusion" section (German: README.de.md's "## Fazit"); "" when missing
	ConclusionFile string             // the file Conclusion is from
	studyData      *study.Study       // the study; nil when not run
}

// readExperiment reads experiments/<name> below the repository root. An
// experiment without study.json and lr_range.json is not run yet: the
// error wraps ErrNotRun; a study.md without study.json is an error that
// says how to collect it again. A name that is not in Experiments is read
// all the same.
func readExperiment(root, name string) (*experimentResult, error) {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return nil, fmt.Errorf("experiment %q: want the name of a directory in %s/", name, ExperimentsDir)
	}
	info, ok := lookupExperiment(name)
	if !ok {
		info = experimentInfo{Name: name}
	}
	rel := ExperimentsDir + "/" + name
	dir := filepath.Join(root, ExperimentsDir, name)
	r := &experimentResult{Info: info, Dir: rel}
	read := func(file string) ([]byte, error) {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", rel, file, err)
		}
		return data, nil
	}
	// The German notebook speaks from README.de.md: its first heading titles
	// the study (werkbank collect's title is English), its "## Fazit" is
	// the conclusion.
	var german []byte
	if lang.Current() == lang.German {
		var err error
		if german, err = read(ReadmeDEFile); err != nil {
			return nil, err
		}
	}
	s, err := study.Read(filepath.Join(dir, StudyDataFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if md, _ := read(StudyFile); md != nil {
			return nil, fmt.Errorf("%s/%s has no %s beside it: collect it again (scripts/experiments.sh collect %s)", rel, StudyFile, StudyDataFile, name)
		}
	case err != nil:
		return nil, err
	default:
		if t := firstTitle(string(german)); t != "" {
			titled := *s
			titled.Title = t
			s = &titled
		}
		r.Study, r.studyData = studySummary(s), s
	}
	if r.Figure, err = read(AccuracyFile); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, LRRangeFile)); err == nil {
		if r.LRRange, err = cnnlib.ReadLRRangeRun(filepath.Join(dir, LRRangeFile)); err != nil {
			return nil, err
		}
	}
	readme, err := read(ReadmeFile)
	if err != nil {
		return nil, err
	}
	r.Readme = readme != nil
	r.Conclusion, r.ConclusionFile = conclusionOf(string(readme), conclusionHdg), ReadmeFile
	if c := conclusionOf(string(german), fazitHdg); c != "" { // without one, the English section stays
		r.Conclusion, r.ConclusionFile = c, ReadmeDEFile
	}
	if s == nil && r.LRRange == nil {
		return r, fmt.Errorf("%s: %w", rel, ErrNotRun)
	}
	return r, nil
}

var heading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)

// studySummary returns the part of a study a notebook shows, as markdown:
// its title (as a small heading), the table of configurations and their
// differences, without the figure (the notebook shows it itself) and
// without the table of every run.
func studySummary(s *study.Study) string {
	var b strings.Builder
	s.WriteMarkdown(&b, study.Markdown{Heading: 4, NoRuns: true})
	return strings.TrimSpace(b.String())
}

// firstTitle returns the text of markdown's first "# " heading, "" when
// it has none.
func firstTitle(markdown string) string {
	for _, line := range strings.Split(markdown, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "# "); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// conclusionOf returns the text of the first section of readme whose
// heading (## or deeper) starts with hdg (lower case, e.g. "conclusion"),
// up to the next heading of the same or a higher level; "" when there is
// none.
func conclusionOf(readme, hdg string) string {
	level := 0
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(readme, "\r\n", "\n"), "\n") {
		m := heading.FindStringSubmatch(line)
		if level > 0 {
			if m != nil && len(m[1]) <= level {
				break
			}
			out = append(out, line)
			continue
		}
		if m != nil && len(m[1]) >= 2 && strings.HasPrefix(strings.ToLower(m[2]), hdg) {
			level = len(m[1])
		}
	}
	return collapseBlank(strings.Join(out, "\n"))
}

// collapseBlank trims s and collapses runs of blank lines into one.
func collapseBlank(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	out := lines[:0]
	for i, l := range lines {
		if strings.TrimSpace(l) == "" && i > 0 && strings.TrimSpace(lines[i-1]) == "" {
			continue
		}
		out = append(out, strings.TrimRight(l, " \t"))
	}
	return strings.Join(out, "\n")
}

// notRunLine is the one line a notebook shows for an experiment without
// results: that it is not run yet, and the command that runs it.
func notRunLine(name string) string {
	if e, ok := lookupExperiment(name); ok {
		return lang.Sprintf("nb.exp.notrun_cmd", ExperimentsDir, name, e.Command)
	}
	return lang.Sprintf("nb.exp.notrun", ExperimentsDir, name, StudyDataFile, LRRangeFile)
}

// Markdown returns the experiment's heading and study table as markdown.
func (r *experimentResult) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s (`%s`)\n\n", r.Info.title(), r.Dir)
	if r.LRRange != nil {
		b.WriteString(r.LRRange.Summary() + "\n\n")
	}
	if r.Study != "" {
		b.WriteString(r.Study + "\n\n")
	}
	if r.Figure == nil && r.Study != "" {
		b.WriteString(lang.Sprintf("nb.exp.nofigure", AccuracyFile, r.Dir) + "\n\n")
	}
	return strings.TrimSpace(b.String())
}

// ConclusionMarkdown returns the conclusion from README.md, or where to
// read more when it has none.
func (r *experimentResult) ConclusionMarkdown() string {
	switch {
	case r.Conclusion != "":
		return lang.Sprintf("nb.exp.conclusion", r.Dir, r.ConclusionFile, r.Conclusion)
	case r.Readme:
		return lang.Sprintf("nb.exp.readme", r.Dir, ReadmeFile)
	}
	return ""
}

// ShowExperiment shows the committed results of experiments/<name>: the
// study table, the figure (the accuracy dot plot, or the range test's
// chart redrawn from lr_range.json) and the conclusion of its README.md;
// for an experiment not run yet, one line with the command that runs it.
func (n *Notebook) showExperiment(name string) error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	r, err := readExperiment(root, name)
	if errors.Is(err, ErrNotRun) {
		if _, known := lookupExperiment(name); !known {
			return fmt.Errorf("%w (known experiments: %s)", err, strings.Join(experimentNames(), ", "))
		}
		fmt.Fprintln(n.out(), notRunLine(name))
		if r != nil && r.Conclusion != "" { // what was measured without a study (e.g. timings)
			n.markdown(r.ConclusionMarkdown())
		}
		return nil
	}
	if err != nil {
		return err
	}
	n.markdown(r.Markdown())
	if r.LRRange != nil {
		fig, err := figures.LRRange(r.LRRange.LRRange, r.Dir+"/"+LRRangeFile)
		if err != nil {
			return err
		}
		n.figure(fig)
	}
	switch {
	case r.studyData != nil && lang.Current() != lang.English:
		// accuracy.png speaks English: drawn again in the notebook's language.
		fig, err := r.studyData.Figure()
		if err != nil {
			return err
		}
		n.figure(fig)
	case r.Figure != nil:
		n.png(r.Figure, r.Dir+"/"+AccuracyFile)
	}
	if c := r.ConclusionMarkdown(); c != "" {
		n.markdown(c)
	}
	return nil
}

func experimentNames() []string {
	names := make([]string, len(Experiments))
	for i, e := range Experiments {
		names[i] = e.Name
	}
	return names
}

// The size of the augmentation figure.
const (
	augmentDigits   = 5
	augmentVersions = 8
)
