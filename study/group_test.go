package study

import (
	"slices"
	"testing"
)

// GroupRuns keeps the groups in the order of their first run and orders
// each group's runs by seed, runs without one last, then by path.
func TestGroupRuns(t *testing.T) {
	run := func(path, command string, seed int64, absent ...string) Run {
		return Run{Path: path, Result: Result{Command: command, Seed: seed}, Absent: absent}
	}
	groups := GroupRuns([]Run{
		run("b/3", "werkbank train --epochs 2 --seed 3", 3),
		run("a/x", "werkbank train --lr=0.01", 0, FieldSeed),
		run("b/1", "werkbank train --epochs 2 --seed 1", 1),
		run("b/none", "werkbank train --epochs 2", 0, FieldSeed),
		run("b/1again", "werkbank train --epochs 2 --seed=1 --out x", 1),
		run("b/0", "werkbank train --epochs 2 --seed 0", 0),
	}, trainFlags())
	var configs []string
	for _, g := range groups {
		configs = append(configs, g.Config)
	}
	if want := []string{"werkbank train --epochs 2", "werkbank train --lr=0.01"}; !slices.Equal(configs, want) {
		t.Fatalf("groups %q, want %q", configs, want)
	}
	var paths []string
	for _, r := range groups[0].Runs {
		paths = append(paths, r.Path)
	}
	if want := []string{"b/0", "b/1", "b/1again", "b/3", "b/none"}; !slices.Equal(paths, want) {
		t.Errorf("runs %q, want %q", paths, want)
	}
	if groups[0].Stats.N != 5 || groups[1].Stats.N != 1 {
		t.Errorf("stats of n = %d and %d, want 5 and 1", groups[0].Stats.N, groups[1].Stats.N)
	}
}
