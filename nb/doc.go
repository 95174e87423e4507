// Package nb is what Werkbank's GoNB notebooks need beyond one-line library
// calls, so that the notebooks hold prose and calls only and every piece of
// logic is tested here.
//
// A GoNB cell is a fresh Go program: only declarations survive from one cell
// to the next, values do not. A Notebook therefore keeps its state in a work
// directory (by default .werkbank/<notebook> next to the notebook, i.e.
// notebooks/.werkbank/01-ki-werkstatt-cnn): the current model and its
// history, written by the training cell and read by every later cell, and
// the runs of the workshop bench.
//
// The training cell works in one of three modes (Mode): Shipped loads the
// repository's trained model models/blog-cnn (seconds) when the cells hold
// the post's model and settings, Quick trains the cells' model briefly (the
// first 24,000 images, at most 2 epochs) and Full trains it as the cells
// say (the post: 15 epochs on all 60,000 images). A changed model in
// Shipped mode trains in Quick mode. The mode comes from the cell's flag (%% --mode=quick), else from
// the WERKBANK_NOTEBOOK_MODE environment variable, else it is Shipped.
//
// Importing nb registers the notebook flags (--mode and the workshop bench's
// hyperparameters, see Notebook.BenchFlags) on flag.CommandLine, which GoNB's %% cells
// parse. Cell code reports failures with Must, Check and Show: they print the
// error and end the cell's program with exit status 1, which GoNB shows as a
// failed cell.
//
// A typical notebook starts with
//
//	var book = nb.Open("01-ki-werkstatt-cnn")
//
// and then calls book.Summary(model) in the model cell, book.Fit(model,
// compiled, cnnlib.FitConfig{...}) in the training cell, and book.current in
// every cell that looks at the model.
//
// Notebook 03 ("Was man noch machen könnte") shows the committed studies of
// the post's suggestions, experiments/<name> (Experiment, LRRange: the
// study table, the figure, the README's conclusion, or one line with the
// command when a study is not run yet), draws the augmentation
// (ShowAugmentation), and re-runs an experiment on request: a cell whose %%
// flags include --rerun trains (Rerun) or runs the range test (LRRange) in
// quick sizes, or in the post's with --mode=full.
package nb
