package study

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
)

// Study is the runs of a sweep grouped into configurations, with their
// statistics and Welch's test of every two configurations: what
// study.json holds and study.md shows.
type Study struct {
	Title string `json:"title"`
	// Sources are the directories and files the runs were read from, as
	// they were given (relative to where collect ran).
	Sources     []string     `json:"sources"`
	Groups      []Group      `json:"groups"`
	Differences []Difference `json:"differences"`
}

// New returns the study of runs read from sources: the runs grouped by
// their Configuration under train, werkbank train's flag set, with the
// statistics of each group and the differences between them.
func New(title string, sources []string, runs []Run, train *flag.FlagSet) *Study {
	groups := GroupRuns(runs, train)
	return &Study{Title: title, Sources: sources, Groups: groups, Differences: Differences(groups)}
}

// Runs returns the number of runs of the study.
func (s *Study) Runs() int {
	n := 0
	for _, g := range s.Groups {
		n += len(g.Runs)
	}
	return n
}

// Write writes the study to path as a study.json that Read reads back,
// replacing path atomically.
func (s *Study) Write(path string) error {
	return atomicfile.WriteJSON(path, s)
}

// Read reads a study.json. A file that is no study, or a study without
// groups, is an error that names the file.
func Read(path string) (*Study, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Study
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: not a study.json: %v", path, err)
	}
	if len(s.Groups) == 0 {
		return nil, fmt.Errorf("%s: no groups, want a study of one or more configurations", path)
	}
	for i, g := range s.Groups {
		if len(g.Runs) == 0 || g.Stats.N != len(g.Runs) {
			return nil, fmt.Errorf("%s: group %d (%s) has %d runs and stats of n = %d, want as many and at least one", path, i+1, g.Config, len(g.Runs), g.Stats.N)
		}
	}
	return &s, nil
}
