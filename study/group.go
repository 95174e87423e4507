package study

import (
	"cmp"
	"flag"
	"slices"
	"strings"
)

// Group is the runs of one configuration and their statistics.
type Group struct {
	Config string `json:"config"` // Configuration of its runs
	Runs   []Run  `json:"runs"`   // by seed, runs without one last, then by path
	Stats  Stats  `json:"stats"`
}

// GroupRuns groups runs by their Configuration under train, werkbank
// train's flag set: the groups in the order of their first run, each with
// its Stats.
func GroupRuns(runs []Run, train *flag.FlagSet) []Group {
	var groups []Group
	index := map[string]int{}
	for _, r := range runs {
		c := Configuration(r.Result, train)
		i, ok := index[c]
		if !ok {
			i = len(groups)
			index[c] = i
			groups = append(groups, Group{Config: c})
		}
		groups[i].Runs = append(groups[i].Runs, r)
	}
	for i := range groups {
		g := &groups[i]
		slices.SortStableFunc(g.Runs, func(a, b Run) int {
			if c := cmpSeed(a, b); c != 0 {
				return c
			}
			return strings.Compare(a.Path, b.Path)
		})
		g.Stats = Summarize(g.Runs)
	}
	return groups
}

// cmpSeed orders runs by seed, runs without one last.
func cmpSeed(a, b Run) int {
	sa, okA := a.Seed()
	sb, okB := b.Seed()
	switch {
	case okA && okB:
		return cmp.Compare(sa, sb)
	case okA == okB:
		return 0
	case okA:
		return -1
	}
	return 1
}

// TestAccuracies returns the test accuracies of the group's runs, in the
// order of its runs.
func (g Group) TestAccuracies() []float64 { return testAccuracies(g.Runs) }

func testAccuracies(runs []Run) []float64 {
	accs := make([]float64, len(runs))
	for i, r := range runs {
		accs[i] = r.Result.TestAcc
	}
	return accs
}
