package nb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/kiwerkstatt/werkbank/lang"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/plots"
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
	Name    string // its directory under experiments/
	Title   string
	Command string // a shell command, run in the repository root, that makes the directory
}

// Experiments are the studies of the post's suggestions that notebook 03
// shows, with the command that runs each in the repository root:
// scripts/experiments.sh runs the sweeps (seeds, grids) and collects them
// into the directory; its README.md says how the committed results were made.
var Experiments = []experimentInfo{
	{"lr-range", "Learning-rate range test", "make build && bin/werkbank lr-find --out experiments/lr-range"},
	{"post-seeds", "The post's run over seeds, werkbank and PyTorch", "scripts/experiments.sh post-seeds"},
	{"augment", "Data augmentation", "scripts/experiments.sh augment"},
	{"batchnorm", "BatchNormalization instead of MaxPooling2D", "scripts/experiments.sh batchnorm"},
	{"schedules", "Learning rate and schedule", "scripts/experiments.sh schedules"},
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
	LRRangeFile   = "lr_range.json"
	conclusionHdg = "conclusion"
	ReadmeDEFile  = "README.de.md" // its "## Fazit" is the conclusion in German
	fazitHdg      = "fazit"
)

// ErrNotRun says that an experiment has no committed results yet.
var ErrNotRun = errors.New("not run yet")

// lrRangeResult is werkbank lr-find's lr_range.json: the range test and
// how it was made.
type lrRangeResult struct {
	Command string `json:"command"`
	Backend string `json:"backend"`
	*cnnlib.LRRange
}

// experimentResult is what experiments/<name> holds.
type experimentResult struct {
	Info           experimentInfo
	Dir            string         // relative to the repository root, e.g. experiments/augment
	Study          string         // study.json as markdown without the table of runs and the figure; "" when missing
	Figure         []byte         // accuracy.png; nil when missing
	LRRange        *lrRangeResult // lr_range.json; nil when missing
	Readme         bool           // README.md exists
	Conclusion     string         // README.md's "## Conclusion" section (German: README.de.md's "## Fazit"); "" when missing
	ConclusionFile string         // the file Conclusion is from
	studyData      *study.Study   // the study; nil when not run
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
		info = experimentInfo{Name: name, Title: name}
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
	s, err := study.Read(filepath.Join(dir, StudyDataFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if md, _ := read(StudyFile); md != nil {
			return nil, fmt.Errorf("%s/%s has no %s beside it: collect it again (scripts/experiments.sh collect %s)", rel, StudyFile, StudyDataFile, name)
		}
	case err != nil:
		return nil, err
	default:
		r.Study, r.studyData = studySummary(s), s
	}
	if r.Figure, err = read(AccuracyFile); err != nil {
		return nil, err
	}
	lr, err := read(LRRangeFile)
	if err != nil {
		return nil, err
	}
	if lr != nil {
		r.LRRange = &lrRangeResult{}
		if err := json.Unmarshal(lr, r.LRRange); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", rel, LRRangeFile, err)
		}
		if r.LRRange.LRRange == nil || len(r.LRRange.LR) == 0 {
			return nil, fmt.Errorf("%s/%s: no learning rates", rel, LRRangeFile)
		}
	}
	readme, err := read(ReadmeFile)
	if err != nil {
		return nil, err
	}
	r.Readme = readme != nil
	r.Conclusion, r.ConclusionFile = conclusionOf(string(readme), conclusionHdg), ReadmeFile
	if lang.Current() == lang.German {
		// The German notebook shows the German conclusion, README.de.md's
		// "## Fazit"; without one, the English section stays.
		de, err := read(ReadmeDEFile)
		if err != nil {
			return nil, err
		}
		if c := conclusionOf(string(de), fazitHdg); c != "" {
			r.Conclusion, r.ConclusionFile = c, ReadmeDEFile
		}
	}
	if s == nil && lr == nil {
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
	fmt.Fprintf(&b, "### %s (`%s`)\n\n", r.Info.Title, r.Dir)
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

// Summary describes the range test in a sentence.
func (r *lrRangeResult) Summary() string {
	end := "reached the last rate"
	if r.Stopped {
		end = lang.Sprintf("nb.lr.stopped", r.LR[len(r.LR)-1])
	}
	s := lang.Sprintf("nb.lr.steps", len(r.LR), r.LR[0], r.LR[len(r.LR)-1], end)
	if r.Command != "" {
		s = lang.Sprintf("nb.lr.command", r.Command, orUnknown(r.Backend), s)
	}
	return lang.Sprintf("nb.lr.summary",
		s, r.Suggested, r.MinLossLR)
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown backend"
	}
	return s
}

// lrRangeFigure draws a range test with plots.LRRangeChart.
func lrRangeFigure(r *cnnlib.LRRange, caption string) (plots.Figure, error) {
	if r == nil {
		return nil, errors.New("no range test")
	}
	return plots.LRRangeChart(plots.LRRangeCurve{LR: r.LR, Loss: r.Loss, Smoothed: r.Smoothed, Suggested: r.Suggested,
		Caption: lang.Sprintf("nb.lr.caption", caption, r.Suggested, r.MinLossLR)})
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
		fig, err := lrRangeFigure(r.LRRange.LRRange, fmt.Sprintf("%s/%s", r.Dir, LRRangeFile))
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

// markdown displays md in the notebook (rendered), or prints it elsewhere.
func (n *Notebook) markdown(md string) {
	switch {
	case n.display != nil:
		n.display("text/markdown", []byte(md))
	case gonbui.IsNotebook:
		gonbui.DisplayMarkdown(md)
		gonbui.Sync() // keep the order of the cell's outputs
	default:
		fmt.Fprintln(n.out(), md)
	}
}

// png displays a PNG file's content in the notebook; elsewhere it prints
// its name.
func (n *Notebook) png(data []byte, name string) {
	switch {
	case n.display != nil:
		n.display("image/png", data)
	case gonbui.IsNotebook:
		gonbui.DisplayPNG(data)
		gonbui.Sync()
	default:
		fmt.Fprintf(n.out(), "[figure %s]\n", name)
	}
}

// figure displays fig as a PNG (as Show does).
func (n *Notebook) figure(fig plots.Figure) {
	if n.display == nil {
		plots.Show(fig)
		return
	}
	data, err := fig.PNG()
	if err != nil {
		fail(err)
		return
	}
	n.display("image/png", data)
}

// augmentationFigure draws the images of d (28x28, one channel), one per
// row, each followed by versions augmented versions of it, transformed by
// a.Apply with a random stream from seed (the same figure every time).
func augmentationFigure(d cnnlib.Data, a cnnlib.Augmentation, versions int, seed uint64) (plots.Figure, error) {
	const side = 28
	const per = side * side
	switch {
	case d.Len() == 0 || len(d.Images) != d.Len()*per:
		return nil, fmt.Errorf("augmentation figure: %d values for %d images, want 28x28 images", len(d.Images), d.Len())
	case versions < 1:
		return nil, fmt.Errorf("augmentation figure: %d versions, want at least 1", versions)
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x6e622d617567)) // "nb-aug"
	cols := make([][]plots.Map, versions+2)            // originals, a separator, the versions
	for i := range d.Len() {
		src := d.Images[i*per : (i+1)*per]
		cols[0] = append(cols[0], plots.Map{Data: src, Rows: side, Cols: side, Title: lang.Sprintf("nb.data.label", d.Labels[i])})
		for v := range versions {
			dst := make([]float32, per)
			a.Apply(dst, src, side, side, 1, rng)
			cols[2+v] = append(cols[2+v], plots.Map{Data: dst, Rows: side, Cols: side})
		}
	}
	return plots.Columns(cols, plots.GridOptions{SharedScale: true,
		Title:   "Data augmentation: " + a.String(),
		Caption: lang.Sprintf("nb.augment.caption", d.Len(), versions)})
}

// describeAugmentation prints a's parameters and what they mean for a
// 28x28 image, and the cell flags that set them.
func describeAugmentation(a cnnlib.Augmentation) string {
	if a.IsZero() {
		return "augmentation: none"
	}
	short := ""
	if a == cnnlib.KaggleAugmentation() {
		short = " (--augment for short)"
	}
	return fmt.Sprintf("augmentation: %s\n"+
		"  rotation: a random angle in [-%g°, %g°] about the center\n"+
		"  shift:    up to ±%.3g pixels right or left and up or down (%g of 28)\n"+
		"  zoom:     a factor in [%g, %g], drawn for each axis\n"+
		"  flags:    --augment-rotation=%g --augment-shift=%g --augment-zoom=%g%s\n"+
		"Every training image of every batch gets its own transform; validation and test images are never augmented.",
		a, a.Rotation, a.Rotation, a.Shift*28, a.Shift, 1-a.Zoom, 1+a.Zoom, a.Rotation, a.Shift, a.Zoom, short)
}

// The size of the augmentation figure.
const (
	augmentDigits   = 5
	augmentVersions = 8
)

// ShowAugmentation shows the first training images with augmented versions
// of each, drawn with a (the library's augmentation, seeded), and prints a's
// parameters.
func (n *Notebook) ShowAugmentation(a cnnlib.Augmentation) {
	fmt.Fprintln(n.out(), describeAugmentation(a))
	d := Must(mnist())
	first := cnnlib.FromSet(d.Train.Slice(0, augmentDigits))
	Show(augmentationFigure(first, a, augmentVersions, 1))
}

// Experiment shows the committed results of experiments/<name>
// (ShowExperiment).
func (n *Notebook) Experiment(name string) { Check(n.showExperiment(name)) }

// postRunConfig is a bench run of the post's full size: all 60,000
// training images (10% for validation), 15 epochs of batch size 162, all
// 10,000 test images; Rerun trains with it in full mode.
func postRunConfig() runConfig {
	return runConfig{Hyperparameters: cnnlib.PostHyperparameters(), TrainImages: 60000, TestImages: 10000}
}

// RerunFlags returns the bench configuration of a re-run cell: its %%
// flags over the sizes of the mode: in full mode the post's
// (postRunConfig), else the bench's quick budget (defaultRunConfig, as
// notebook 02). Flags given in the cell win.
func (n *Notebook) rerunConfig() (runConfig, Mode, error) {
	mode, err := chosenMode()
	if err != nil {
		return runConfig{}, "", err
	}
	c, err := cellFlags().bench(rerunBase(mode))
	return c, mode, err
}

// rerunBase is the base configuration of a re-run in mode.
func rerunBase(mode Mode) runConfig {
	if mode == Full {
		return postRunConfig()
	}
	return defaultRunConfig()
}

// Rerun trains the run of the cell's %% flags, as notebook 02's Run does
// (sizes: RerunFlags), when the flags include --rerun; without it, it
// trains nothing and says how to.
func (n *Notebook) RerunOnRequest() *workshopRun {
	cfg, mode, err := n.rerunConfig()
	Check(err)
	if !*cellFlags().rerun {
		fmt.Fprintln(n.out(), notRerun(cfg, mode))
		return nil
	}
	return Must(n.trainRun(cfg))
}

// notRerun says that a cell did not train and how to make it.
func notRerun(c runConfig, mode Mode) string {
	sizes := lang.T("nb.rerun.full")
	if mode != Full {
		sizes = lang.T("nb.rerun.quick")
	}
	if len(c.Capped) > 0 {
		sizes += lang.Sprintf("nb.rerun.capped", strings.Join(c.Capped, ", "))
	}
	fit, _ := c.FitConfig()
	return lang.Sprintf("nb.rerun.not",
		c.Name, fit.Epochs, c.TrainImages, c.BatchSize, c.TestImages, sizes)
}

// lrRangeSteps returns the steps of a range test re-run in mode: the
// committed test's 100 in full mode, 30 otherwise (seconds on ONNX
// Runtime).
func lrRangeSteps(mode Mode) int {
	if mode == Full {
		return 100
	}
	return 30
}

// RangeTest runs a learning-rate range test of the model and optimizer cfg
// describes on the notebook's backend, as werkbank lr-find does: a fresh
// model, steps steps of cfg.BatchSize images from the training part of the
// first cfg.TrainImages training images, rates from 1e-6 to 1.
func (n *Notebook) rangeTest(cfg runConfig, steps int) (*cnnlib.LRRange, error) {
	d, err := mnist()
	if err != nil {
		return nil, err
	}
	return n.rangeTestOn(cfg, d.TrainData(), steps)
}

// RangeTestOn is RangeTest on the training data given.
func (n *Notebook) rangeTestOn(cfg runConfig, train cnnlib.Data, steps int) (*cnnlib.LRRange, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	spec, _ := cfg.Spec()
	fit, _ := cfg.FitConfig()
	train = train.Slice(0, min(cfg.TrainImages, train.Len()))
	if fit.ValidationSplit > 0 { // rates are chosen on the training part, as Fit trains
		var err error
		if train, _, err = train.ValidationSplit(fit.ValidationSplit); err != nil {
			return nil, err
		}
	}
	m, err := cnnlib.New(spec, cnnlib.Options{Backend: n.Backend, Seed: cfg.Seed})
	if err != nil {
		return nil, err
	}
	defer m.Finalize()
	fmt.Fprintln(n.out(), lang.Sprintf("nb.lr.start",
		spec.Name, fit.Optimizer.Name, m.Backend.Config, steps, cfg.BatchSize))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return m.LRRangeTest(ctx, train, cnnlib.LRRangeConfig{Steps: steps, BatchSize: cfg.BatchSize, Optimizer: fit.Optimizer, Seed: cfg.Seed})
}

// LRRange shows the committed learning-rate range test
// (experiments/lr-range); with --rerun in the cell's %% flags it runs one
// here instead, on the model and optimizer of the cell's flags (default the
// post's), lrRangeSteps steps, and draws it.
func (n *Notebook) LRRange() {
	if !*cellFlags().rerun {
		n.Experiment("lr-range")
		return
	}
	mode := Must(chosenMode())
	cfg := Must(cellFlags().bench(postRunConfig()))
	r := Must(n.rangeTest(cfg, lrRangeSteps(mode)))
	Show(lrRangeFigure(r, lang.Sprintf("nb.lr.rerun", n.backendConfig(), len(r.LR))))
	res := lrRangeResult{Backend: n.backendConfig(), LRRange: r}
	fmt.Fprintln(n.out(), res.Summary())
	if line := committedRangeLine(); line != "" {
		fmt.Fprintln(n.out(), line)
	}
}

// committedRangeLine describes the committed range test's suggestion, for
// comparison with a re-run; "" when there is none.
func committedRangeLine() string {
	root, err := repoRoot()
	if err != nil {
		return ""
	}
	c, err := readExperiment(root, "lr-range")
	if err != nil || c.LRRange == nil {
		return ""
	}
	return lang.Sprintf("nb.lr.committed",
		c.Dir, LRRangeFile, len(c.LRRange.LR), orUnknown(c.LRRange.Backend), c.LRRange.Suggested, c.LRRange.MinLossLR)
}
