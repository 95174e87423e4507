package nb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/lang"
)

// WorkDirEnv, when set, is the directory under which every notebook keeps
// its work directory (<WorkDirEnv>/<notebook>) instead of .werkbank next to
// the notebook. The notebook tests point it at a fresh temporary directory.
const WorkDirEnv = "WERKBANK_NOTEBOOK_WORKDIR"

// Notebook is one notebook's state between cells: a work directory holding
// the current model (written by the training cell) and the workshop runs.
type Notebook struct {
	Name string    // the notebook's name, e.g. "01-ki-werkstatt-cnn"
	Dir  string    // its work directory
	Out  io.Writer // where its steps report (os.Stdout)
	// Backend is the GoMLX backend configuration; "" picks one with
	// cnnlib.ChooseBackend (GOMLX_BACKEND, else an installed PJRT plugin,
	// else the pure Go backend).
	Backend string
	// Shipped is the directory of the shipped model; "" means
	// <repository>/models/blog-cnn.
	Shipped string

	// show, when set, replaces the live output block of a training (tests).
	show func(html string)
	// display, when set, receives what a cell displays besides its text
	// (markdown, PNG files) instead of the notebook (tests).
	display func(mime string, data []byte)
	// chosen caches cnnlib.ChooseBackend's answer: it loads ONNX Runtime to
	// probe it, and a cell asks for the backend more than once.
	chosen *cnnlib.BackendChoice
}

// Open returns the notebook called name, speaking language ("en" or "de",
// see package lang: every message and figure text from now on), with its work directory
// $WERKBANK_NOTEBOOK_WORKDIR/<name> when that is set, else .werkbank/<name>
// in the notebook's directory ($GONB_DIR, which GoNB sets to the directory
// the kernel runs in, else the current directory). Nothing is created until
// a cell writes. It registers the flags a cell accepts after %% (see
// PrintFlags). An unknown language ends the cell.
func Open(name, language string) *Notebook {
	l, err := lang.Parse(language)
	if err != nil {
		fail(err)
	}
	lang.Set(l)
	cellFlags()
	base := os.Getenv(WorkDirEnv)
	if base == "" {
		dir := os.Getenv("GONB_DIR")
		if dir == "" {
			dir, _ = os.Getwd()
		}
		base = filepath.Join(dir, ".werkbank")
	}
	return &Notebook{Name: name, Dir: filepath.Join(base, name), Out: os.Stdout}
}

// Files and directories of a work directory.
const (
	ModelDir  = "model"      // the current model (a cnnlib model directory)
	StateFile = "state.json" // how the current model came to be
	RunsDir   = "runs"       // the workshop runs: one directory per run
)

// ModelPath returns the directory of the current model.
func (n *Notebook) modelPath() string { return filepath.Join(n.Dir, ModelDir) }

// ShippedPath returns the directory of the shipped model.
func (n *Notebook) shippedPath() (string, error) {
	if n.Shipped != "" {
		return n.Shipped, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, "models", "blog-cnn"), nil
}

// State records how the current model came to be.
type State struct {
	Mode    Mode      `json:"mode"`
	Source  string    `json:"source"` // the shipped model's directory, or "trained here"
	Created time.Time `json:"created"`
	Seconds float64   `json:"seconds"` // what Fit took
}

// State returns the state of the current model, with an error telling the
// reader to run the training cell when there is none.
func (n *Notebook) state() (State, error) {
	var st State
	data, err := os.ReadFile(filepath.Join(n.Dir, StateFile))
	if errors.Is(err, os.ErrNotExist) {
		return st, n.noModel()
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return st, fmt.Errorf("%s: %w", filepath.Join(n.Dir, StateFile), err)
	}
	return st, nil
}

func (n *Notebook) noModel() error {
	return fmt.Errorf("no model yet in %s: run the training cell first (the one that calls book.Fit, under \"Das Modell trainieren\")", n.Dir)
}

func (n *Notebook) writeState(st State) error {
	if err := os.MkdirAll(n.Dir, 0o755); err != nil {
		return err
	}
	return atomicfile.WriteJSON(filepath.Join(n.Dir, StateFile), st)
}

func (n *Notebook) out() io.Writer {
	if n.Out == nil {
		return io.Discard
	}
	return n.Out
}

// Rel returns path relative to the current directory (the notebook's) when
// it lies in or next to it, so that saved notebooks do not show the paths of
// the machine they ran on; otherwise path itself.
func rel(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || strings.HasPrefix(rel, ".."+string(filepath.Separator)+"..") || rel == filepath.Join("..", "..") {
		return path
	}
	return rel
}
