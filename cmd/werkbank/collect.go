package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// runRecord is one finished run as collect reads it: the result.json of
// `werkbank train` (runResult), or the JSON of the PyTorch peer
// `bench/torch_blog.py --train --json`, which has no command but a tool
// and a backend ("torch-1.13.0 cpu").
type runRecord struct {
	path    string // the file it was read from
	Command string `json:"command"`
	Tool    string `json:"tool"`
	Backend string `json:"backend"`
	// Formulation is the conv/pool graph of a werkbank run (absent in the
	// PyTorch peer's JSON and in runs from before it was recorded).
	Formulation string   `json:"formulation"`
	Seed        *int64   `json:"seed"`
	ValAcc      *float64 `json:"val_acc"`
	TestAcc     *float64 `json:"test_acc"`
	Seconds     *float64 `json:"seconds"`
	// CPU and CPUs name the machine (cpuModel; absent in runs from before
	// it was recorded).
	CPU  string `json:"cpu"`
	CPUs int    `json:"cpus"`
}

// readResult reads a result.json; an error names the file, and the field
// when one is missing or of the wrong type.
func readResult(path string) (runRecord, error) {
	r := runRecord{path: path}
	data, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal(data, &r); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return r, fmt.Errorf("%s: field %s is a JSON %s, want a %s", path, typeErr.Field, typeErr.Value, jsonKind(typeErr.Type.String()))
		}
		return r, fmt.Errorf("%s: not a result.json: %v", path, err)
	}
	if r.TestAcc == nil {
		return r, fmt.Errorf("%s: no field test_acc (the test accuracy)", path)
	}
	for field, v := range map[string]*float64{"test_acc": r.TestAcc, "val_acc": r.ValAcc} {
		if v != nil && !(*v >= 0 && *v <= 1) {
			return r, fmt.Errorf("%s: field %s is %v, want an accuracy in [0, 1]", path, field, *v)
		}
	}
	return r, nil
}

// jsonKind names a Go type of runRecord's fields as JSON does.
func jsonKind(goType string) string {
	switch strings.TrimPrefix(goType, "*") {
	case "string":
		return "string"
	case "int64":
		return "whole number"
	}
	return "number"
}

// backendCell is the Runs table's backend column: the backend and, when
// recorded, the graph formulation ("onnx stock-matmul-grad").
func (r runRecord) backendCell() string {
	return strings.TrimSpace(r.Backend + " " + r.Formulation)
}

// host is the Runs table's machine column: the processor and its number
// of CPUs; "" when the run did not record its processor.
func (r runRecord) host() string {
	if r.CPU == "" {
		return ""
	}
	return fmt.Sprintf("%s, %d CPUs", r.CPU, r.CPUs)
}

// machine names where the run's seconds were measured: its host and the
// backend; "" when the run did not record its processor.
func (r runRecord) machine() string {
	if r.CPU == "" {
		return ""
	}
	return r.host() + ", " + r.Backend
}

// sameMachine reports whether all runs with seconds recorded one and the
// same machine, so that the mean of their seconds is one machine's.
func sameMachine(runs []runRecord) bool {
	first := ""
	for _, r := range runs {
		if r.Seconds == nil {
			continue
		}
		m := r.machine()
		if m == "" || (first != "" && m != first) {
			return false
		}
		first = m
	}
	return true
}

// dir returns where the run is: its directory for a result.json, else the
// file (models/blog-cnn/seeds/seed-1.result.json).
func (r runRecord) dir() string {
	if filepath.Base(r.path) == "result.json" {
		return filepath.Dir(r.path)
	}
	return r.path
}

// config returns what the run's group is keyed by: its command without
// the flags that leave the training unchanged (--seed, --out, --no-report,
// and any train flag given its default value, such as the post's --epochs
// 15), or, without a command, its tool and backend.
func (r runRecord) config() string {
	if r.Command == "" {
		if s := strings.TrimSpace(r.Tool + " " + r.Backend); s != "" {
			return s
		}
		return "(no command, tool or backend)"
	}
	train := trainFlagSet()
	var kept []string
	words := strings.Fields(r.Command)
	for i := 0; i < len(words); i++ {
		if !strings.HasPrefix(words[i], "-") {
			kept = append(kept, words[i])
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(words[i], "-"), "=")
		f := train.Lookup(name)
		flagWords := words[i : i+1]
		if f != nil && !hasValue {
			if isBoolFlag(f) {
				value = "true"
			} else if i+1 < len(words) {
				flagWords, value = words[i:i+2], words[i+1]
				i++
			}
		}
		switch {
		case name == "seed" || name == "out" || name == "no-report":
		case f != nil && value == f.DefValue:
		default:
			kept = append(kept, flagWords...)
		}
	}
	return strings.Join(kept, " ")
}

// trainFlagSet is train's flag set, built once: config reads its defaults
// for every run record.
var trainFlagSet = sync.OnceValue(func() *flag.FlagSet { return newTrainFlags().fs })

// isBoolFlag reports whether f is a flag that takes no value (--augment).
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// findResults returns the result files under paths: every result.json
// below a directory, and a file as it is. A directory without one is an
// error.
func findResults(paths []string) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && d.Name() == "result.json" {
				found++
				if !seen[path] {
					seen[path] = true
					files = append(files, path)
				}
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

// runGroup is the runs of one configuration.
type runGroup struct {
	config string
	runs   []runRecord
}

// groupRuns groups runs by configuration, the groups in the order of
// their first run, the runs of a group by seed, then by path.
func groupRuns(runs []runRecord) []runGroup {
	var groups []runGroup
	index := map[string]int{}
	for _, r := range runs {
		c := r.config()
		i, ok := index[c]
		if !ok {
			i = len(groups)
			index[c] = i
			groups = append(groups, runGroup{config: c})
		}
		groups[i].runs = append(groups[i].runs, r)
	}
	for _, g := range groups {
		slices.SortStableFunc(g.runs, func(a, b runRecord) int {
			if c := cmpSeed(a.Seed, b.Seed); c != 0 {
				return c
			}
			return strings.Compare(a.path, b.path)
		})
	}
	return groups
}

// cmpSeed orders runs by seed, runs without one last.
func cmpSeed(a, b *int64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	case *a < *b:
		return -1
	case *a > *b:
		return 1
	}
	return 0
}

// present returns the values that a field has, skipping the runs that lack it.
func present(runs []runRecord, field func(runRecord) *float64) []float64 {
	var vs []float64
	for _, r := range runs {
		if v := field(r); v != nil {
			vs = append(vs, *v)
		}
	}
	return vs
}

// mean returns the mean of xs, NaN for none.
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// sampleSD returns the sample standard deviation of xs (divided by n-1),
// NaN for fewer than two values.
func sampleSD(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	m, ss := mean(xs), 0.0
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}

// atLeast returns how many of the accuracies reach threshold. Accuracies
// are counts over the test images: the tolerance keeps 9910/10000 at 0.991
// however it was rounded (float32, say).
func atLeast(accs []float64, threshold float64) int {
	n := 0
	for _, a := range accs {
		if a >= threshold-1e-7 {
			n++
		}
	}
	return n
}
