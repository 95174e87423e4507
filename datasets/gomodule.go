package datasets

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// goModuleLookup finds the directory of a module in the Go module cache with
// `go mod download -json`, which also fetches the module through the Go
// module proxy when it is not cached yet. On machines whose only way out is
// the Go proxy this is how MNIST arrives. The result is remembered, so the go
// command runs at most once per load.
type goModuleLookup struct {
	module string // module@version
	done   bool
	path   string
	err    error
}

// goModuleTimeout allows for fetching the 11 MB module zip through the proxy;
// with the module already in the cache the command takes a fraction of a second.
const goModuleTimeout = 2 * time.Minute

func (g *goModuleLookup) dir() (string, error) {
	if !g.done {
		g.path, g.err = goModuleDir(g.module)
		g.done = true
	}
	return g.path, g.err
}

func goModuleDir(module string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is needed to find the offline copy: %w", err)
	}
	// Run outside any module (an empty temporary directory), so that the
	// caller's go.mod is neither consulted nor modified.
	tmp, err := os.MkdirTemp("", "werkbank-gomod-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(context.Background(), goModuleTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, "mod", "download", "-json", module)
	cmd.Dir = tmp
	// GOFLAGS is cleared because a project's -mod=vendor would make the
	// command fail; GOWORK=off keeps a go.work above tmp out of it.
	cmd.Env = append(os.Environ(), "GO111MODULE=on", "GOWORK=off", "GOFLAGS=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var info struct{ Dir, Error string }
	jsonErr := json.Unmarshal(stdout.Bytes(), &info)
	switch {
	case info.Error != "":
		return "", fmt.Errorf("go mod download %s: %s", module, info.Error)
	case runErr != nil:
		msg := strings.TrimSpace(stderr.String())
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			msg = fmt.Sprintf("timed out after %v", goModuleTimeout)
		}
		return "", fmt.Errorf("go mod download %s: %v: %s", module, runErr, msg)
	case jsonErr != nil:
		return "", fmt.Errorf("go mod download %s: unreadable output: %v", module, jsonErr)
	case info.Dir == "":
		return "", fmt.Errorf("go mod download %s: no directory in its output", module)
	}
	if _, err := os.Stat(filepath.Join(info.Dir, "data")); err != nil {
		return "", fmt.Errorf("module %s has no data directory: %w", module, err)
	}
	return info.Dir, nil
}
