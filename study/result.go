package study

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Result is the result.json of a finished run: what `werkbank train`
// writes, or what the PyTorch peer `bench/torch_blog.py --train --json`
// writes, which has no command but a tool and a backend
// ("torch-1.13.0 cpu") and fields of its own that a study does not read.
type Result struct {
	Command     string  `json:"command"`
	Tool        string  `json:"tool,omitempty"` // the PyTorch peer's "pytorch"
	Backend     string  `json:"backend"`
	Formulation string  `json:"formulation"` // the conv/pool graph (cnnlib.Formulation*)
	Seed        int64   `json:"seed"`
	ValLoss     float64 `json:"val_loss"`
	ValAcc      float64 `json:"val_acc"`
	TestLoss    float64 `json:"test_loss"`
	TestAcc     float64 `json:"test_acc"`
	TestSamples int     `json:"test_samples"`
	Seconds     float64 `json:"seconds"`
	CPUs        int     `json:"cpus"`
	CPU         string  `json:"cpu"` // the processor: a study averages seconds per machine
	Finished    string  `json:"finished"`
	// The time to accuracy (werkbank train --target): 0 when not measured
	// or not reached.
	Target       float64 `json:"target,omitempty"`
	TimeToTarget float64 `json:"time_to_target,omitempty"`
	TargetStep   int     `json:"target_step,omitempty"`
}

// The fields of Result that a run may lack, by their JSON names: runs from
// before they were recorded, a run by hand, a PyTorch run without
// validation (its val_acc is null).
const (
	FieldSeed    = "seed"
	FieldValAcc  = "val_acc"
	FieldSeconds = "seconds"
)

// Run is a finished run as a study reads it: its result and the file it
// was read from.
type Run struct {
	Path   string `json:"path"`
	Result Result `json:"result"`
	// Absent names the fields among FieldSeed, FieldValAcc and
	// FieldSeconds that the file lacks or has as null: Result holds 0 for
	// them, which the statistics and tables must not take for a value.
	Absent []string `json:"absent,omitempty"`
}

// Seed returns the run's seed and whether it was recorded.
func (r Run) Seed() (int64, bool) { return r.Result.Seed, r.recorded(FieldSeed) }

// ValAcc returns the run's final validation accuracy and whether it was
// recorded.
func (r Run) ValAcc() (float64, bool) { return r.Result.ValAcc, r.recorded(FieldValAcc) }

// Seconds returns the run's training time and whether it was recorded.
func (r Run) Seconds() (float64, bool) { return r.Result.Seconds, r.recorded(FieldSeconds) }

func (r Run) recorded(field string) bool { return !slices.Contains(r.Absent, field) }

// Dir returns where the run is: its directory for a result.json, else the
// file (models/blog-cnn/seeds/seed-1.result.json).
func (r Run) Dir() string {
	if filepath.Base(r.Path) == "result.json" {
		return filepath.Dir(r.Path)
	}
	return r.Path
}

// Host returns the processor and its number of CPUs; "" when the run did
// not record its processor.
func (r Run) Host() string {
	if r.Result.CPU == "" {
		return ""
	}
	return fmt.Sprintf("%s, %d CPUs", r.Result.CPU, r.Result.CPUs)
}

// Machine names where the run's seconds were measured: its host and the
// backend; "" when the run did not record its processor.
func (r Run) Machine() string {
	if r.Result.CPU == "" {
		return ""
	}
	return r.Host() + ", " + r.Result.Backend
}

// ReadRun reads a result.json. A file without test_acc, with an accuracy
// outside [0, 1] or with a field of the wrong JSON type is an error that
// names the file and the field.
func ReadRun(path string) (Run, error) {
	r := Run{Path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(data, &r.Result); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return r, fmt.Errorf("%s: field %s is a JSON %s, want a %s", path, typeErr.Field, typeErr.Value, jsonKind(typeErr.Type.String()))
		}
		return r, fmt.Errorf("%s: not a result.json: %v", path, err)
	}
	// Result cannot tell a field that is absent or null from a 0: decode the
	// optional fields again as pointers. The types were checked above.
	var recorded struct {
		Seed    *int64   `json:"seed"`
		ValAcc  *float64 `json:"val_acc"`
		TestAcc *float64 `json:"test_acc"`
		Seconds *float64 `json:"seconds"`
	}
	json.Unmarshal(data, &recorded)
	if recorded.TestAcc == nil {
		return r, fmt.Errorf("%s: no field test_acc (the test accuracy)", path)
	}
	if recorded.Seed == nil {
		r.Absent = append(r.Absent, FieldSeed)
	}
	if recorded.ValAcc == nil {
		r.Absent = append(r.Absent, FieldValAcc)
	}
	if recorded.Seconds == nil {
		r.Absent = append(r.Absent, FieldSeconds)
	}
	for field, v := range map[string]*float64{"test_acc": recorded.TestAcc, "val_acc": recorded.ValAcc} {
		if v != nil && !(*v >= 0 && *v <= 1) {
			return r, fmt.Errorf("%s: field %s is %v, want an accuracy in [0, 1]", path, field, *v)
		}
	}
	return r, nil
}

// jsonKind names a Go type of Result's fields as JSON does.
func jsonKind(goType string) string {
	switch goType {
	case "string":
		return "string"
	case "int", "int64":
		return "whole number"
	}
	return "number"
}

// ReadRuns reads the runs under paths: every result.json below a
// directory, and a file as it is, each once. A directory without a
// result.json is an error.
func ReadRuns(paths []string) ([]Run, error) {
	files, err := findResults(paths)
	if err != nil {
		return nil, err
	}
	runs := make([]Run, len(files))
	for i, f := range files {
		if runs[i], err = ReadRun(f); err != nil {
			return nil, err
		}
	}
	return runs, nil
}

// findResults returns the result files under paths, in the order of paths
// and, below a directory, in lexical order.
func findResults(paths []string) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	add := func(path string) {
		if !seen[path] {
			seen[path] = true
			files = append(files, path)
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && d.Name() == "result.json" {
				found++
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 {
			return nil, fmt.Errorf("%s: no result.json in it or below it", p)
		}
	}
	return files, nil
}
