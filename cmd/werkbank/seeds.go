package main

import (
	"strconv"
	"strings"
)

// maxRuns bounds a sweep: a slip like --seeds 1-100000 should be an error,
// not a hundred thousand runs.
const maxRuns = 10000

// parseSeeds parses --seeds: seeds and ranges of seeds, comma-separated,
// such as "1-10", "1,3,5" or "1-3,7", in the order given.
func parseSeeds(list string) ([]int64, error) {
	var seeds []int64
	seen := map[int64]bool{}
	for part := range strings.SplitSeq(list, ",") {
		part = strings.TrimSpace(part)
		first, last, isRange := strings.Cut(part, "-")
		lo, err := parseSeed(first)
		hi := lo
		if err == nil && isRange {
			hi, err = parseSeed(last)
		}
		switch {
		case err != nil:
			return nil, usageErrorf("--seeds %q: %q is not a seed (an integer >= 0) or a range of seeds like 1-10", list, part)
		case hi < lo:
			return nil, usageErrorf("--seeds %q: the range %q runs backwards", list, part)
		case hi-lo >= maxRuns || len(seeds)+int(hi-lo) >= maxRuns:
			return nil, usageErrorf("--seeds %q: more than %d seeds", list, maxRuns)
		}
		for s := lo; s <= hi; s++ {
			if seen[s] {
				return nil, usageErrorf("--seeds %q: seed %d twice", list, s)
			}
			seen[s] = true
			seeds = append(seeds, s)
		}
	}
	return seeds, nil
}

// parseSeed parses one seed: digits only, so that "-" can only separate a range.
func parseSeed(s string) (int64, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseInt(s, 10, 64)
}
