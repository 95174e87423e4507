package main

import (
	"slices"
	"strings"
	"testing"
)

func TestGridPoints(t *testing.T) {
	var g gridFlags
	for _, s := range []string{"lr=0.001,0.0005", "--batch-size=64,162", "filters=32,32,32,16|64,64,64,32"} {
		if err := g.Set(s); err != nil {
			t.Fatalf("Set(%q): %v", s, err)
		}
	}
	points := g.points()
	if len(points) != 8 {
		t.Fatalf("%d points, want 2×2×2", len(points))
	}
	// The first axis varies slowest; list values keep their commas in the
	// flag and lose them in the directory name.
	first, last := points[0], points[7]
	if first.name != "lr=0.001,batch-size=64,filters=32_32_32_16" ||
		!slices.Equal(first.flags, []string{"--lr=0.001", "--batch-size=64", "--filters=32,32,32,16"}) {
		t.Errorf("first point %+v", first)
	}
	if last.name != "lr=0.0005,batch-size=162,filters=64_64_64_32" ||
		!slices.Equal(last.flags, []string{"--lr=0.0005", "--batch-size=162", "--filters=64,64,64,32"}) {
		t.Errorf("last point %+v", last)
	}
	if points[1].flags[2] != "--filters=64,64,64,32" || points[1].flags[0] != "--lr=0.001" {
		t.Errorf("second point %+v", points[1])
	}
	if got := g.String(); got != "lr=0.001,0.0005 --batch-size=64,162 filters=32,32,32,16|64,64,64,32" {
		t.Errorf("String() = %q", got)
	}
	if p := (gridFlags{}).points(); len(p) != 1 || p[0].name != "base" || len(p[0].flags) != 0 {
		t.Errorf("no grid: %+v, want the one point base", p)
	}
}

func TestGridErrors(t *testing.T) {
	for s, want := range map[string]string{
		"lr":                     "want NAME=V1,V2",
		"=1,2":                   "want NAME=V1,V2",
		"lr=":                    "want NAME=V1,V2",
		"lr=0.1,,0.2":            "lr has an empty value",
		"lr=0.1,0.1":             `lr has the value "0.1" twice`,
		"spec=a/b.json,a_b.json": `the values "a/b.json" and "a_b.json" would share the directory name spec=a_b.json`,
	} {
		var g gridFlags
		if err := g.Set(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Set(%q) error = %v, want %q", s, err, want)
		}
	}
	g := gridFlags{}
	g.Set("lr=1")
	if err := g.Set("lr=2"); err == nil || !strings.Contains(err.Error(), "lr is given twice") {
		t.Errorf("a second --grid lr: %v", err)
	}
}

func TestPathSafe(t *testing.T) {
	for v, want := range map[string]string{
		"0.001":       "0.001",
		"1e-4":        "1e-4",
		"32,32,32,16": "32_32_32_16",
		"xla:cuda":    "xla_cuda",
		"specs/a b":   "specs_a_b",
		"relu":        "relu",
	} {
		if got := pathSafe(v); got != want {
			t.Errorf("pathSafe(%q) = %q, want %q", v, got, want)
		}
	}
}
