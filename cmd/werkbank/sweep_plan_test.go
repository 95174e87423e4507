package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPlanSweep(t *testing.T) {
	var g gridFlags
	g.Set("lr=0.001,0.0005")
	runs, err := planSweep("runs/s", []int64{1, 2}, g, []string{"--epochs", "1", "--backend", "go"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range runs {
		names = append(names, r.name)
		if r.dir != filepath.Join("runs/s", r.name) {
			t.Errorf("run %s is in %s", r.name, r.dir)
		}
	}
	want := []string{"lr=0.001/seed-1", "lr=0.001/seed-2", "lr=0.0005/seed-1", "lr=0.0005/seed-2"}
	if !slices.Equal(names, want) {
		t.Errorf("runs %v, want %v", names, want)
	}
	args := strings.Join(runs[3].args, " ")
	if args != "train --no-report --epochs 1 --backend go --lr=0.0005 --seed 2 --out runs/s/lr=0.0005/seed-2" {
		t.Errorf("last run's arguments: %s", args)
	}
	// The extra flags come after --no-report, so that they can turn the report on again.
	runs, err = planSweep("runs/s", []int64{3}, nil, []string{"--no-report=false"})
	if err != nil || len(runs) != 1 || strings.Join(runs[0].args, " ") != "train --no-report --no-report=false --seed 3 --out runs/s/base/seed-3" {
		t.Errorf("planSweep without a grid: %+v, %v", runs, err)
	}
}
