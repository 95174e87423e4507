package cnnlib

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/gomlx/compute"
	onnxbackend "github.com/gomlx/compute-onnx" // registers "onnx" (alias "onnxruntime"); the library is loaded at run time
	"github.com/gomlx/compute-onnx/support/onnxruntime"
	_ "github.com/gomlx/compute/gobackend" // the pure Go backend, always available
	"github.com/gomlx/go-xla/compute/xla"
	"github.com/gomlx/go-xla/pjrt"
)

// AllowDownloadEnv, when set to a non-empty value, lets go-xla download its PJRT
// plugins and compute-onnx the ONNX Runtime library. Werkbank never downloads
// a plugin or library otherwise.
const AllowDownloadEnv = "WERKBANK_ALLOW_PLUGIN_DOWNLOAD"

// ORTLibraryEnv names the ONNX Runtime shared library to load (compute-onnx's
// variable); when unset, ORTLibraryPath's default is used.
const ORTLibraryEnv = "ONNXRUNTIME_SHARED_LIBRARY_PATH"

// BackendChoice says which backend runs and why.
type BackendChoice struct {
	Config string // the GoMLX backend configuration, e.g. "go", "onnx" or "xla:cuda"
	Reason string // why it was chosen, for the user
}

// ORTLibraryPath returns where compute-onnx loads ONNX Runtime from:
// $ONNXRUNTIME_SHARED_LIBRARY_PATH when set, else its install directory
// (~/.local/lib/onnxruntime/libonnxruntime.so on Linux). It is "" only when
// there is no home directory.
func ORTLibraryPath() string {
	if p := os.Getenv(ORTLibraryEnv); p != "" {
		return p
	}
	dir, err := onnxruntime.GetInstallPath()
	if err != nil {
		return ""
	}
	name, err := onnxruntime.GetLibFilename()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, name)
}

// ChooseBackend picks the backend configuration: GOMLX_BACKEND when set;
// otherwise XLA with a CUDA PJRT plugin when one is installed; else ONNX
// Runtime (config "onnx") when its shared library is installed and loads; else
// XLA with a CPU PJRT plugin; else the pure Go backend. It never downloads
// anything unless WERKBANK_ALLOW_PLUGIN_DOWNLOAD is set. A library that is
// missing, corrupt or too old is never an error here: the next backend is
// chosen and the Reason says what was wrong.
func ChooseBackend() BackendChoice {
	if cfg, ok := os.LookupEnv(compute.ConfigEnvVar); ok && cfg != "" {
		return BackendChoice{Config: cfg, Reason: "GOMLX_BACKEND is set"}
	}
	setDownloads()
	plugins := pjrt.AvailablePlugins()
	if c, ok := pjrtChoice(plugins, "cuda"); ok {
		return c
	}
	ortNote := ""
	if version, path, err := probeORT(); err == nil {
		return BackendChoice{Config: "onnx", Reason: fmt.Sprintf("ONNX Runtime %s found at %s", version, homeRel(path))}
	} else if path != "" {
		ortNote = fmt.Sprintf("ONNX Runtime at %s does not load (%v); ", homeRel(path), err)
	}
	if c, ok := pjrtChoice(plugins, "cpu"); ok {
		c.Reason = ortNote + c.Reason
		return c
	}
	if ortNote == "" {
		ortNote = "no ONNX Runtime library at " + homeRel(ORTLibraryPath()) + ", "
	}
	return BackendChoice{Config: "go", Reason: ortNote + "no PJRT plugin installed: the pure Go backend runs"}
}

// homeRel writes a path under the home directory as ~/...: the reasons end
// up in logs and saved notebooks, which must not name the user's machine.
func homeRel(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" || home == "/" {
		return path
	}
	if rest, ok := strings.CutPrefix(path, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rest
	}
	return path
}

// pjrtChoice returns the XLA config of the installed plugin named name (or name_*).
func pjrtChoice(plugins map[string]string, name string) (BackendChoice, bool) {
	for found := range plugins {
		if found == name || strings.HasPrefix(found, name+"_") {
			return BackendChoice{Config: "xla:" + found, Reason: fmt.Sprintf("PJRT plugin %q found at %s", found, homeRel(plugins[found]))}, true
		}
	}
	return BackendChoice{}, false
}

// probeORT loads ONNX Runtime from ORTLibraryPath and returns its version. The
// path is empty when no library file is there (nothing was tried). Loading
// never downloads (auto-install is off unless WERKBANK_ALLOW_PLUGIN_DOWNLOAD is
// set) and a panic while loading becomes an error.
//
// compute-onnx loads the library once per process: after a successful load, a
// later probe reports that library's version even if the path changed.
func probeORT() (version, path string, err error) {
	path = ORTLibraryPath()
	if path == "" {
		return "", "", fmt.Errorf("no home directory")
	}
	if st, statErr := os.Stat(path); statErr != nil {
		return "", "", fmt.Errorf("no library at %s", path)
	} else if st.IsDir() {
		return "", path, fmt.Errorf("a directory, not a library file")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	b, err := compute.NewWithConfig("onnx")
	if err != nil {
		return "", path, err
	}
	defer b.Finalize()
	if ob, ok := b.(*onnxbackend.Backend); ok {
		version = ob.Version()
	}
	if version == "" {
		version = "(unknown version)"
	}
	return version, path, nil
}

// setDownloads turns go-xla's and compute-onnx's automatic downloads off,
// unless WERKBANK_ALLOW_PLUGIN_DOWNLOAD is set; then they are on even under
// GOMLX_NO_AUTO_INSTALL (which the Makefile and the notebook kernel export):
// the user asked for them.
func setDownloads() {
	allow := os.Getenv(AllowDownloadEnv) != ""
	xla.EnableAutoInstall(allow)
	onnxbackend.EnableAutoInstall(allow)
}

// NewBackend creates the backend for config ("" means ChooseBackend). A missing
// plugin or library or an unknown backend name is an error, never a panic or a
// download.
func NewBackend(config string) (b compute.Backend, choice BackendChoice, err error) {
	choice = BackendChoice{Config: config, Reason: "requested"}
	if config == "" {
		choice = ChooseBackend()
	}
	setDownloads()
	name, _, _ := strings.Cut(choice.Config, ":")
	known := compute.List()
	if !contains(known, name) {
		return nil, choice, fmt.Errorf("unknown backend %q in %q (available: %s)", name, choice.Config, strings.Join(known, ", "))
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("backend %q: %v", choice.Config, r)
		}
	}()
	b, err = compute.NewWithConfig(withSequentialOps(choice.Config))
	if err != nil {
		return nil, choice, fmt.Errorf("backend %q: %w", choice.Config, err)
	}
	return b, choice, nil
}

// withSequentialOps adds "ops_sequential" to a pure Go backend config that
// does not choose how ops run. By default that backend runs independent ops
// at once, each on one of its pool's workers, and a large MatMul inside such
// an op waits for more workers of the same pool: with several MatMuls ready
// together (the kernel gradients of a training step) every worker can end up
// waiting, and the step never finishes. One op at a time, each op still uses
// all cores. "go:ops_parallel" asks for the backend's default back.
func withSequentialOps(config string) string {
	name, opts, _ := strings.Cut(config, ":")
	if name != "go" {
		return config
	}
	if given := strings.Split(opts, ","); slices.Contains(given, "ops_sequential") || slices.Contains(given, "ops_parallel") {
		return config
	}
	if opts == "" {
		return "go:ops_sequential"
	}
	return config + ",ops_sequential"
}

// IsGoBackend reports whether b is the pure Go backend, where the graph uses the
// im2col convolution and reshape pooling instead of the (slow there) stock ops.
func IsGoBackend(b compute.Backend) bool {
	// The backend type is internal to the compute module; its package name is not.
	return reflect.TypeOf(b).String() == "*gobackend.Backend"
}

// isONNXBackend reports whether b is compute-onnx's ONNX Runtime backend.
func isONNXBackend(b compute.Backend) bool {
	return reflect.TypeOf(b).String() == "*onnxbackend.Backend"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
