package cnnlib

import (
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/gomlx/compute"
	_ "github.com/gomlx/compute/gobackend" // the pure Go backend, always available
	"github.com/gomlx/go-xla/compute/xla"
	"github.com/gomlx/go-xla/pjrt"
)

// AllowDownloadEnv, when set to a non-empty value, lets go-xla download its PJRT
// plugins. Werkbank never downloads a plugin otherwise.
const AllowDownloadEnv = "WERKBANK_ALLOW_PLUGIN_DOWNLOAD"

// BackendChoice says which backend runs and why.
type BackendChoice struct {
	Config string // the GoMLX backend configuration, e.g. "go" or "xla:cuda"
	Reason string // why it was chosen, for the user
}

// ChooseBackend picks the backend configuration: GOMLX_BACKEND when set;
// otherwise XLA when a PJRT plugin is installed (CUDA first, then CPU); else the
// pure Go backend. It never downloads anything unless WERKBANK_ALLOW_PLUGIN_DOWNLOAD is set.
func ChooseBackend() BackendChoice {
	if cfg, ok := os.LookupEnv(compute.ConfigEnvVar); ok && cfg != "" {
		return BackendChoice{Config: cfg, Reason: "GOMLX_BACKEND is set"}
	}
	if os.Getenv(AllowDownloadEnv) == "" {
		xla.EnableAutoInstall(false)
	}
	plugins := pjrt.AvailablePlugins()
	for _, name := range []string{"cuda", "cpu"} {
		for found := range plugins {
			if found == name || strings.HasPrefix(found, name+"_") {
				return BackendChoice{Config: "xla:" + found, Reason: fmt.Sprintf("PJRT plugin %q found at %s", found, plugins[found])}
			}
		}
	}
	return BackendChoice{Config: "go", Reason: "no PJRT plugin installed: the pure Go backend runs"}
}

// NewBackend creates the backend for config ("" means ChooseBackend). A missing
// plugin or an unknown backend name is an error, never a panic or a download.
func NewBackend(config string) (b compute.Backend, choice BackendChoice, err error) {
	choice = BackendChoice{Config: config, Reason: "requested"}
	if config == "" {
		choice = ChooseBackend()
	}
	if os.Getenv(AllowDownloadEnv) == "" {
		xla.EnableAutoInstall(false)
	}
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
	b, err = compute.NewWithConfig(choice.Config)
	if err != nil {
		return nil, choice, fmt.Errorf("backend %q: %w", choice.Config, err)
	}
	return b, choice, nil
}

// IsGoBackend reports whether b is the pure Go backend, where the graph uses the
// im2col convolution and reshape pooling instead of the (slow there) stock ops.
func IsGoBackend(b compute.Backend) bool {
	// The backend type is internal to the compute module; its package name is not.
	return reflect.TypeOf(b).String() == "*gobackend.Backend"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
