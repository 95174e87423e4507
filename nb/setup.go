package nb

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
)

// PrintSetup prints the notebook's boilerplate facts: Go and the machine,
// which GoMLX backend runs and why (the post's "Force GPU support"), the
// training mode, the repository and the work directory.
func (n *Notebook) printSetup() error {
	out := n.out()
	fmt.Fprintf(out, "Go %s on %s/%s, %d CPUs, GOEXPERIMENT=%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH,
		runtime.NumCPU(), goExperiment())
	choice := n.backend()
	fmt.Fprintf(out, "GoMLX backend: %s (%s)\n", choice.Config, choice.Reason)
	mode, err := chosenMode()
	if err != nil {
		return err
	}
	fmt.Fprintln(out, lang.Sprintf("nb.setup.mode", mode, ModeEnv))
	if root, err := repoRoot(); err == nil {
		fmt.Fprintln(out, lang.Sprintf("nb.setup.repo", rel(root)))
	} else {
		fmt.Fprintln(out, lang.Sprintf("nb.setup.norepo", err))
	}
	if shipped, err := n.shippedPath(); err == nil {
		if _, err := os.Stat(filepath.Join(shipped, cnnlib.ModelFile)); err == nil {
			fmt.Fprintln(out, lang.Sprintf("nb.setup.shipped", rel(shipped)))
		} else {
			fmt.Fprintln(out, lang.Sprintf("nb.setup.noshipped", rel(shipped)))
		}
	}
	fmt.Fprintln(out, lang.Sprintf("nb.setup.workdir", rel(n.Dir)))
	return nil
}

// backend says which backend the notebook's models run on, and why. The
// choice is made once per Notebook (GoNB runs every cell as a new program, so
// an ONNX Runtime installed meanwhile is seen by the next cell).
func (n *Notebook) backend() cnnlib.BackendChoice {
	if n.Backend != "" {
		return cnnlib.BackendChoice{Config: n.Backend, Reason: "Notebook.Backend"}
	}
	if n.chosen == nil {
		choice := cnnlib.ChooseBackend()
		n.chosen = &choice
	}
	return *n.chosen
}

// backendConfig is the configuration of n.backend().
func (n *Notebook) backendConfig() string { return n.backend().Config }

// goExperiment returns the GOEXPERIMENT the program was built with (the
// pure Go backend's SIMD kernels need "simd").
func goExperiment() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "GOEXPERIMENT" {
				return s.Value
			}
		}
	}
	if e := os.Getenv("GOEXPERIMENT"); e != "" {
		return strings.TrimSpace(e) + " (from the environment)"
	}
	return "(none)"
}
