package cnnlib

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// TestBackendEnv names the backend most cnnlib tests run on (training,
// determinism, save/load, resume, layer outputs...): "go" when unset, or any
// GoMLX backend config such as "onnx". CI runs the package once per backend:
//
//	go test ./cnnlib/
//	WERKBANK_TEST_BACKEND=onnx go test ./cnnlib/
//
// The ONNX Runtime equivalence tests (ort_test.go) run in both cases when the
// ONNX Runtime library is installed, and skip saying so when it is not.
const TestBackendEnv = "WERKBANK_TEST_BACKEND"

// testBackend() is the backend config of the tests, from WERKBANK_TEST_BACKEND.
// It reads the variable each time, inside the tests: go test caches a
// package's result keyed by the environment variables its tests read, and it
// records only reads made while tests run; read once at init, a run with the
// variable set was answered from the cache of a run without it.
func testBackend() string {
	if b := os.Getenv(TestBackendEnv); b != "" {
		return b
	}
	return "go"
}

func TestChooseBackendHonoursEnv(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "go")
	if c := ChooseBackend(); c.Config != "go" || !strings.Contains(c.Reason, "GOMLX_BACKEND") {
		t.Errorf("ChooseBackend() = %+v", c)
	}
}

// noPlugins hides installed PJRT plugins and ONNX Runtime from this test.
func noPlugins(t *testing.T) {
	t.Setenv("GOMLX_BACKEND", "")
	t.Setenv("PJRT_PLUGIN_LIBRARY_PATH", t.TempDir()) // no plugins there
	t.Setenv("HOME", t.TempDir())                     // no ~/.local/lib/onnxruntime
	t.Setenv(ORTLibraryEnv, "")
}

func TestChooseBackendFallsBackToGo(t *testing.T) {
	noPlugins(t)
	b, c, err := NewBackend("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Config != "go" || !IsGoBackend(b) {
		t.Errorf("without plugins: %+v", c)
	}
	if !strings.Contains(c.Reason, "no ONNX Runtime library at") || !strings.Contains(c.Reason, "no PJRT plugin") {
		t.Errorf("reason %q does not say what is missing", c.Reason)
	}
}

func TestNewBackendErrors(t *testing.T) {
	noPlugins(t)
	for _, cfg := range []string{"nope", "xla:cuda", "xla:/does/not/exist.so"} {
		if _, _, err := NewBackend(cfg); err == nil {
			t.Errorf("NewBackend(%q): no error", cfg)
		} else if !strings.Contains(err.Error(), strings.SplitN(cfg, ":", 2)[0]) {
			t.Errorf("NewBackend(%q): error %q does not name it", cfg, err)
		}
	}
}

// chooseInChild runs NewBackend(config) in a child process (compute-onnx loads
// ONNX Runtime only once per process), without PJRT plugins, with an empty
// HOME and with env ("KEY=value" sets, "KEY" unsets), and returns its choice;
// an error of NewBackend comes back as "error: ..." in the Reason.
func chooseInChild(t *testing.T, config string, env ...string) BackendChoice {
	t.Helper()
	env = append([]string{"WERKBANK_TEST_CHOOSE_CHILD=config:" + config, "GOMLX_BACKEND",
		"PJRT_PLUGIN_LIBRARY_PATH=" + t.TempDir(), "HOME=" + t.TempDir()}, env...)
	cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenORTLibraryFallsBackToGo$")
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !slices.ContainsFunc(env, func(e string) bool { return e == k || strings.HasPrefix(e, k+"=") }) {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for _, kv := range env {
		if strings.Contains(kv, "=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
	var c BackendChoice
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatalf("child printed %q", out)
	}
	return c
}

// TestBrokenORTLibraryFallsBackToGo points ONNXRUNTIME_SHARED_LIBRARY_PATH at
// things that are not ONNX Runtime: the choice is the go backend, the reason
// names the file and the error, and nothing panics or downloads. A requested
// "onnx" without a library is an error, not a download.
func TestBrokenORTLibraryFallsBackToGo(t *testing.T) {
	if cfg, ok := strings.CutPrefix(os.Getenv("WERKBANK_TEST_CHOOSE_CHILD"), "config:"); ok {
		_, c, err := NewBackend(cfg)
		if err != nil {
			c.Reason = "error: " + err.Error()
		}
		json.NewEncoder(os.Stdout).Encode(c)
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "libonnxruntime.so")
	if err := os.WriteFile(corrupt, []byte("not an ELF file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{"corrupt file": corrupt, "directory": dir}
	if libc, _ := filepath.Glob("/lib/x86_64-linux-gnu/libc.so.6"); len(libc) == 1 {
		cases["another library"] = libc[0] // loads, but has no OrtGetApiBase
	}
	for name, lib := range cases {
		c := chooseInChild(t, "", ORTLibraryEnv+"="+lib)
		t.Logf("%s: %+v", name, c)
		if c.Config != "go" || !strings.Contains(c.Reason, lib) || !strings.Contains(c.Reason, "pure Go backend") {
			t.Errorf("%s: choice %+v, want go with a reason naming %s", name, c, lib)
		}
	}
	// Explicit "onnx" with no library anywhere and GOMLX_NO_AUTO_INSTALL unset:
	// an error, no download.
	for _, cfg := range []string{"onnx", "onnx:/does/not/exist/libonnxruntime.so"} {
		c := chooseInChild(t, cfg, ORTLibraryEnv, "GOMLX_NO_AUTO_INSTALL")
		t.Logf("%s: %+v", cfg, c)
		if !strings.HasPrefix(c.Reason, "error: ") || !strings.Contains(c.Reason, "onnx") {
			t.Errorf("NewBackend(%q) without a library: %+v, want an error naming onnx", cfg, c)
		}
		if cfg == "onnx" && !strings.Contains(c.Reason, "auto-installation is disabled") {
			t.Errorf("NewBackend(%q) without a library: %+v, want auto-installation disabled", cfg, c)
		}
	}
}

// TestChooseBackendPrefersORT: with ONNX Runtime installed (and no CUDA PJRT
// plugin), the automatic choice is "onnx" and the reason gives its version and path.
func TestChooseBackendPrefersORT(t *testing.T) {
	if _, _, err := probeORT(); err != nil {
		t.Skipf("ONNX Runtime not available: %v", err)
	}
	t.Setenv("GOMLX_BACKEND", "")
	t.Setenv("PJRT_PLUGIN_LIBRARY_PATH", t.TempDir())
	b, c, err := NewBackend("")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Finalize()
	if c.Config != "onnx" || IsGoBackend(b) || !strings.Contains(c.Reason, "ONNX Runtime 1.") || !strings.Contains(c.Reason, homeRel(ORTLibraryPath())) {
		t.Errorf("with ONNX Runtime installed: %+v", c)
	}
	t.Logf("%+v", c)
}

// TestHomeRel: reasons name files under the home directory as ~/...
func TestHomeRel(t *testing.T) {
	t.Setenv("HOME", "/home/ada")
	for in, want := range map[string]string{
		"/home/ada/.local/lib/onnxruntime/libonnxruntime.so": "~/.local/lib/onnxruntime/libonnxruntime.so",
		"/home/adam/x.so": "/home/adam/x.so",
		"/usr/lib/x.so":   "/usr/lib/x.so",
	} {
		if got := homeRel(in); got != want {
			t.Errorf("homeRel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGoBackendManyReadyMatMulsFinish runs a graph with more independent
// MatMuls than the pure Go backend has workers: with its ops run in parallel,
// every worker waits inside a MatMul for another and the call never returns.
func TestGoBackendManyReadyMatMulsFinish(t *testing.T) {
	b, _, err := NewBackend("go")
	if err != nil {
		t.Fatal(err)
	}
	matMuls := 4 * runtime.GOMAXPROCS(0) // twice the workers of the backend's pool
	e, err := graph.NewExec(b, func(x *graph.Node) *graph.Node {
		sum := graph.ScalarZero(x.Graph(), x.DType())
		for i := range matMuls {
			sum = graph.Add(sum, graph.ReduceAllSum(graph.MatMul(graph.AddScalar(x, float64(i)), x)))
		}
		return sum
	})
	if err != nil {
		t.Fatal(err)
	}
	x := tensors.FromScalarAndDimensions(float32(0.01), 256, 256)
	done := make(chan error, 1)
	go func() {
		for range 50 {
			if _, err := e.Call(x); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatalf("%d independent MatMuls on the go backend: no result after a minute", matMuls)
	}
}

func TestWithSequentialOps(t *testing.T) {
	for in, want := range map[string]string{
		"go":                              "go:ops_sequential",
		"go:parallelism=4":                "go:parallelism=4,ops_sequential",
		"go:ops_parallel":                 "go:ops_parallel",
		"go:parallelism=2,ops_sequential": "go:parallelism=2,ops_sequential",
		"onnx":                            "onnx",
		"xla:cpu":                         "xla:cpu",
	} {
		if got := withSequentialOps(in); got != want {
			t.Errorf("withSequentialOps(%q) = %q, want %q", in, got, want)
		}
	}
}
