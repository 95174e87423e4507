package main

import (
	"flag"
	"fmt"
	"os"
)

func init() {
	register("sweep", "train over several seeds and a grid of settings: here, or printed for GNU parallel, Slurm or Kubernetes", runSweep)
}

func runSweep(args []string) error {
	fs := newFlagSet("sweep", "sweep --out DIR [--seeds 1-10] [--grid NAME=V1,V2]... [--jobs N] [--print | --slurm [--cpus N] | --k8s] [-- train flags...]\n\n"+
		"Runs `werkbank train --no-report TRAIN-FLAGS GRID-FLAGS --seed S --out DIR/POINT/seed-S` for every seed S\n"+
		"and every combination POINT of the --grid values (\"base\" without a grid). werkbank collect DIR tabulates them.")
	out := fs.String("out", "", "the sweep's directory, with a directory per run (required)")
	seedList := fs.String("seeds", "1", "seeds and ranges of seeds, e.g. 1-10 or 1,3,5")
	var grid gridFlags
	fs.Var(&grid, "grid", "a train flag and its values, NAME=V1,V2 (values with commas: NAME=V1|V2); repeated, every combination")
	jobs := fs.Int("jobs", 0, "runs at once; 0 means the default: 1 here, all under Slurm and Kubernetes")
	printList := fs.Bool("print", false, "print one command line per run, e.g. for GNU parallel, instead of running them")
	slurm := fs.Bool("slurm", false, "print a Slurm job-array batch script instead of running the runs")
	k8s := fs.Bool("k8s", false, "print a Kubernetes Indexed Job manifest instead of running the runs")
	cpus := fs.Int("cpus", 2, "--slurm: CPUs per array task (#SBATCH --cpus-per-task); werkbank sets its GOMAXPROCS to it from SLURM_CPUS_PER_TASK")
	binary := fs.String("binary", "werkbank", "the werkbank command in what --print, --slurm and --k8s print")
	image := fs.String("image", "example.com/werkbank:latest", "--k8s: the container image, with werkbank on its PATH")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageErrorf("--out DIR is required")
	}
	if *jobs < 0 {
		return usageErrorf("--jobs %d: want >= 1 (or 0, the default)", *jobs)
	}
	if *cpus < 1 {
		return usageErrorf("--cpus %d: want >= 1", *cpus)
	}
	cpusSet := false
	fs.Visit(func(f *flag.Flag) { cpusSet = cpusSet || f.Name == "cpus" })
	if cpusSet && !*slurm {
		return usageErrorf("--cpus is for --slurm only (the other forms run werkbank on the CPUs they are given)")
	}
	modes := 0
	for _, on := range []bool{*printList, *slurm, *k8s} {
		if on {
			modes++
		}
	}
	if modes > 1 {
		return usageErrorf("--print, --slurm and --k8s exclude each other: give one")
	}
	seeds, err := parseSeeds(*seedList)
	if err != nil {
		return err
	}
	runs, err := planSweep(*out, seeds, grid, fs.Args())
	if err != nil {
		return err
	}

	sweep := commandLine("werkbank", append([]string{"sweep"}, args...))
	switch {
	case *printList:
		return writeCommandList(os.Stdout, runs, *binary)
	case *slurm:
		return writeSlurm(os.Stdout, runs, *binary, jobName(*out), *jobs, *cpus, sweep)
	case *k8s:
		return writeK8s(os.Stdout, runs, *binary, *image, jobName(*out), *out, *jobs, sweep)
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding the werkbank binary to run: %w", err)
	}
	n := max(*jobs, 1)
	fmt.Printf("sweep: %d run(s), %d grid point(s) × %d seed(s), in %s; at most %d at once\n", len(runs), len(runs)/len(seeds), len(seeds), *out, n)
	return runLocal(runs, exe, n, os.Stdout)
}
