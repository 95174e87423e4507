package main

import (
	"os"
	"runtime"
	"strconv"
	"strings"
)

// limitGOMAXPROCS keeps werkbank's Go threads within the CPUs a Slurm task
// was given: --cpus-per-task sets SLURM_CPUS_PER_TASK in the task's
// environment, but a task without CPU binding (TaskPlugin=task/none, or
// no cgroup) sees every CPU of the node. Without that variable Go's
// default stands: since Go 1.25 it is the number of CPUs in the process's
// affinity mask, lowered to a cgroup CPU quota, and followed when either
// changes (checked for Go 1.26: `taskset -c 0 werkbank` runs with
// GOMAXPROCS 1). Setting GOMAXPROCS turns that following off, so it is set
// only when it lowers the value.
//
// It limits Go's threads only (the go backend's work runs on them). ONNX
// Runtime sizes its own intra-op thread pool to the machine's physical
// cores, and the pinned compute-onnx (v0.1.5) has no option to change that
// (its GOMLX_BACKEND parser knows only log, migraphx_cache_dir and
// web_version; intra_op_num_threads came with later versions).
func limitGOMAXPROCS() {
	cur := runtime.GOMAXPROCS(0)
	if n := slurmGOMAXPROCS(os.Getenv("SLURM_CPUS_PER_TASK"), cur); n < cur {
		runtime.GOMAXPROCS(n)
	}
}

// slurmGOMAXPROCS returns the GOMAXPROCS for a process given the value of
// SLURM_CPUS_PER_TASK and the current GOMAXPROCS: the smaller of the two,
// or current when the value is empty or not a positive whole number.
func slurmGOMAXPROCS(cpusPerTask string, current int) int {
	n, err := strconv.Atoi(strings.TrimSpace(cpusPerTask))
	if err != nil || n < 1 {
		return current
	}
	return min(n, current)
}
