package study

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadRun(t *testing.T) {
	r, err := ReadRun(fixtures + "/manual/result.json")
	if err != nil {
		t.Fatal(err)
	}
	if r.Result.Formulation != "fast" || r.Result.TestAcc != 0.991 || r.Result.CPU != "" || r.Absent != nil || r.Dir() != fixtures+"/manual" || r.Host() != "" || r.Machine() != "" {
		t.Errorf("manual run: %+v", r)
	}
	// The PyTorch peer's JSON: a tool, no command, val_acc null.
	r, err = ReadRun(fixtures + "/torch/seed-2/result.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.ValAcc(); ok || r.Result.Tool != "pytorch" || r.Host() != "AMD EPYC (family 26, model 2), 2 CPUs" {
		t.Errorf("PyTorch run: %+v", r)
	}
	if s, ok := r.Seed(); !ok || s != 2 {
		t.Errorf("PyTorch run: seed %d, %v", s, ok)
	}
	if v, ok := r.Seconds(); !ok || v != 598.2 {
		t.Errorf("PyTorch run: seconds %v, %v", v, ok)
	}
}

func TestReadRunErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, content, want string }{
		{"wrong-type.json", `{"seed": 1, "test_acc": "high"}`, "field test_acc is a JSON string, want a number"},
		{"fractional-seed.json", `{"seed": 1.5, "test_acc": 0.99}`, "field seed is a JSON number 1.5, want a whole number"},
		{"no-acc.json", `{"seed": 1, "val_acc": 0.99}`, "no field test_acc"},
		{"percent.json", `{"test_acc": 99.1}`, "field test_acc is 99.1, want an accuracy in [0, 1]"},
		{"val-percent.json", `{"test_acc": 0.991, "val_acc": 99}`, "field val_acc is 99, want an accuracy in [0, 1]"},
		{"not-json.json", `test_acc: 0.99`, "not a result.json"},
	} {
		path := filepath.Join(dir, tc.name)
		os.WriteFile(path, []byte(tc.content), 0o644)
		if _, err := ReadRun(path); err == nil || !strings.Contains(err.Error(), tc.name) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// A run without seed and seconds: both absent, not 0.
func TestReadRunAbsent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "result.json")
	os.WriteFile(path, []byte(`{"test_acc": 0.9911, "seconds": null}`), 0o644)
	r, err := ReadRun(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{FieldSeed, FieldValAcc, FieldSeconds}; !slices.Equal(r.Absent, want) {
		t.Errorf("absent %q, want %q", r.Absent, want)
	}
}

// ReadRuns finds every result.json below a directory, takes a file as it
// is, and reads each once.
func TestReadRuns(t *testing.T) {
	manual := fixtures + "/manual/result.json"
	runs, err := ReadRuns([]string{manual, fixtures + "/torch", fixtures + "/manual"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range runs {
		paths = append(paths, filepath.ToSlash(r.Path))
	}
	want := []string{manual, fixtures + "/torch/seed-1/result.json", fixtures + "/torch/seed-2/result.json"}
	if !slices.Equal(paths, want) {
		t.Errorf("runs %q, want %q", paths, want)
	}
	empty := t.TempDir()
	if _, err := ReadRuns([]string{empty}); err == nil || !strings.Contains(err.Error(), "no result.json") {
		t.Errorf("a directory without runs: %v", err)
	}
	if _, err := ReadRuns([]string{filepath.Join(empty, "missing")}); err == nil {
		t.Error("a missing path: no error")
	}
}
