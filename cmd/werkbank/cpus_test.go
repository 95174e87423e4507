package main

import "testing"

func TestSlurmGOMAXPROCS(t *testing.T) {
	for _, tc := range []struct {
		env       string
		cur, want int
	}{
		{"", 8, 8},     // not under Slurm: Go's default
		{"2", 8, 2},    // --cpus-per-task=2 on an 8-CPU node
		{" 3\n", 8, 3}, // whitespace around the number
		{"16", 4, 4},   // never more than Go's default (affinity, cgroup quota)
		{"0", 8, 8},    // nonsense: ignored
		{"-1", 8, 8},
		{"2(x3)", 8, 8}, // SLURM_TASKS_PER_NODE's form, not this one's: ignored
	} {
		if got := slurmGOMAXPROCS(tc.env, tc.cur); got != tc.want {
			t.Errorf("slurmGOMAXPROCS(%q, %d) = %d, want %d", tc.env, tc.cur, got, tc.want)
		}
	}
}
