// Package nb is what Werkbank's GoNB notebooks need beyond one-line library
// calls, so that the notebooks hold prose and calls only and every piece of
// logic is tested here.
//
// A GoNB cell is a fresh Go program: only declarations survive from one cell
// to the next, values do not. A Notebook therefore keeps its state in a work
// directory (by default .werkbank/<notebook> next to the notebook, i.e.
// notebooks/.werkbank/01-ki-werkstatt-cnn): the current model and its
// history, written by the training cell and read by every later cell, and
// the workshop runs.
//
// # Cells
//
// Every exported method of Notebook is a cell: it prints and shows to the
// notebook, returns at most a value the next line of the cell uses (Model,
// Data, Run), and ends the cell on an error the way Must does, so that a
// cell shows what the post's cell shows and no plumbing. The files are
// split by concern: cells.go (notebook 01: Setup, Summary, Fit, Test, Save,
// ...), cells_workshop.go (notebook 02: Run, RunModel, Compare, ...),
// cells_experiments.go (notebook 03: Experiment, RerunOnRequest, LRRange,
// ShowAugmentation), mistakes.go (Mistakes, ShowMistake) and cells_play.go
// (PickImage, Draw: a slider and a drawing box that talk to the kernel
// through GoNB's widgets and comms, draw.go, with a static example where no
// browser runs the notebook); the work they call is unexported and tested
// beside it: model.go (the current model: train, load, save), runconfig.go and
// runs.go (a workshop run and the saved runs), workshop.go and spread.go
// (the verdict against the baseline's spread), experiments.go (reading
// experiments/<name>), rerun.go and lrrange.go (re-running them),
// display.go (markdown, PNG, figures and the cells' error handling).
//
// # Language
//
// A notebook opens its handle once, in its setup cell:
//
//	var book = nb.Open("01-ki-werkstatt-cnn", "de")
//
// The language ("en" or "de") sets package lang for everything the cells
// print and draw: messages, tables, figure texts and numbers (0,9926 in
// German). The notebooks' source writes it as {{lang}}, which the notebook
// generator fills in per language (internal/nbsource).
//
// # Modes and flags
//
// The training cell works in one of three modes (Mode): Shipped loads the
// repository's trained model models/blog-cnn (seconds) when the cells hold
// the post's model and settings, Quick trains the cells' model under the
// quick budget (cnnlib.Quick: at most 2 epochs, one cycle of the learning
// rate) and Full trains it as the cells say (the post: 15 epochs on all
// 60,000 images). A changed model in Shipped mode trains in Quick mode. The
// mode comes from the cell's flag (%% --mode=quick), else from the
// WERKBANK_NOTEBOOK_MODE environment variable, else it is Shipped.
//
// Open registers the flags a cell accepts after %% (--mode, the workshop's
// --seeds, --name, the hyperparameters of werkbank train, see PrintFlags)
// on flag.CommandLine, which GoNB's %% cells parse; importing the package
// registers nothing. Cell code reports failures with Must, Check and Show:
// they print the error and end the cell's program with exit status 1,
// which GoNB shows as a failed cell.
//
// Notebook 03 ("Was man noch machen könnte") shows the committed studies of
// the post's suggestions, experiments/<name> (Experiment, LRRange: the
// study table, the figure, the README's conclusion, in German its
// README.de.md's "Fazit", or one line with the command when a study is not
// run yet), draws the augmentation (ShowAugmentation), and re-runs an
// experiment on request: a cell whose %% flags include --rerun trains
// (RerunOnRequest) or runs the range test (LRRange) under the quick budget,
// or at the post's size with --mode=full.
package nb
