package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// sweepRun is one training run of a sweep.
type sweepRun struct {
	name string   // its directory below the sweep's --out: "lr=0.001/seed-3"
	dir  string   // the sweep's --out joined with name
	args []string // werkbank's arguments, from "train" on
}

// planSweep returns the runs of a sweep: every grid point with every seed,
// each `train --no-report EXTRA POINT-FLAGS --seed S --out DIR/POINT/seed-S`
// (--no-report first, so that the extra flags can turn the report back on).
// Every run's flags are checked with train's own flag set before anything
// runs: an error names the flag, and the run when the combination is at fault.
func planSweep(out string, seeds []int64, grid gridFlags, extra []string) ([]sweepRun, error) {
	set, err := trainFlagsSet(extra)
	if err != nil {
		return nil, usageErrorf("the train flags after --: %s", usageMessage(err))
	}
	switch {
	case set["seed"]:
		return nil, usageErrorf("--seed in the train flags after --: sweep sets each run's seed; use --seeds")
	case set["out"]:
		return nil, usageErrorf("--out in the train flags after --: sweep puts each run in a directory below its own --out")
	}
	known := newTrainFlags().fs
	for _, a := range grid {
		switch {
		case a.name == "seed":
			return nil, usageErrorf("--grid %s: use --seeds for the seeds", a.flag)
		case a.name == "out":
			return nil, usageErrorf("--grid %s: sweep puts each run in a directory below its own --out", a.flag)
		case known.Lookup(a.name) == nil:
			return nil, usageErrorf("--grid %s: train has no flag --%s (werkbank train --help lists them)", a.flag, a.name)
		case set[a.name]:
			return nil, usageErrorf("--grid %s: the train flags after -- set --%s too", a.flag, a.name)
		}
	}
	points := grid.points()
	if n := len(points) * len(seeds); n > maxRuns {
		return nil, usageErrorf("%d grid points × %d seeds = %d runs, want at most %d", len(points), len(seeds), n, maxRuns)
	}
	var runs []sweepRun
	for _, p := range points {
		for _, seed := range seeds {
			name := filepath.Join(p.name, "seed-"+strconv.FormatInt(seed, 10))
			r := sweepRun{name: name, dir: filepath.Join(out, name)}
			r.args = append([]string{"train", "--no-report"}, extra...)
			r.args = append(r.args, p.flags...)
			r.args = append(r.args, "--seed", strconv.FormatInt(seed, 10), "--out", r.dir)
			tf := newTrainFlags()
			tf.fs.SetOutput(io.Discard)
			if _, _, err := tf.parse(r.args[1:]); err != nil {
				if errors.Is(err, errUsage) {
					return nil, usageErrorf("run %s: %s", name, usageMessage(err))
				}
				return nil, fmt.Errorf("run %s: %w", name, err)
			}
			runs = append(runs, r)
		}
	}
	return runs, nil
}

// trainFlagsSet parses args with train's flag set, checking nothing but
// the flags themselves (a grid may complete them), and returns the names
// of the flags they set.
func trainFlagsSet(args []string) (map[string]bool, error) {
	fs := newTrainFlags().fs
	fs.SetOutput(io.Discard)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usageErrorf("unexpected arguments %q", fs.Args())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set, nil
}

// usageMessage returns the message of a usage error without its "usage
// error: " prefix, for wrapping it in another one.
func usageMessage(err error) string {
	return strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
}
