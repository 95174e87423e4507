package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSeeds(t *testing.T) {
	for list, want := range map[string][]int64{
		"1":          {1},
		"1-5":        {1, 2, 3, 4, 5},
		"1,3,5":      {1, 3, 5},
		"10-12, 0,7": {10, 11, 12, 0, 7},
		"4-4":        {4},
	} {
		got, err := parseSeeds(list)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("parseSeeds(%q) = %v, %v; want %v", list, got, err, want)
		}
	}
	for list, want := range map[string]string{
		"":                     `"" is not a seed`,
		"1,,2":                 `"" is not a seed`,
		"x":                    `"x" is not a seed (an integer >= 0) or a range of seeds like 1-10`,
		"-1":                   `"-1" is not a seed`,
		"1-":                   `"1-" is not a seed`,
		"1-2-3":                `"1-2-3" is not a seed`,
		"5-1":                  `the range "5-1" runs backwards`,
		"1-3,2":                "seed 2 twice",
		"1-1000000":            "more than 10000 seeds",
		"99999999999999999999": `"99999999999999999999" is not a seed`,
	} {
		_, err := parseSeeds(list)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--seeds") {
			t.Errorf("parseSeeds(%q) error = %v, want --seeds and %q", list, err, want)
		}
	}
}
