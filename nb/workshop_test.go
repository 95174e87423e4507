package nb

import (
	"strings"
	"testing"
)

func TestIncomparable(t *testing.T) {
	base := defaultRunConfig()
	if why := base.incomparable(); why != "" {
		t.Errorf("the baseline is incomparable: %s", why)
	}
	adam := base
	adam.Optimizer, adam.LR = "adam", 0.002
	if why := adam.incomparable(); why != "" {
		t.Errorf("a changed optimizer is incomparable: %s", why)
	}
	for name, tc := range map[string]struct {
		edit func(*runConfig)
		want string
	}{
		"capped": {func(c *runConfig) { c.Capped = []string{MaxEpochsEnv + "=1"} }, "shortened by"},
		"full":   {func(c *runConfig) { c.Quick = false }, "quick budget"},
		"images": {func(c *runConfig) { c.TrainImages = 2000 }, "2,000 training"},
		"epochs": {func(c *runConfig) { c.Epochs = 1 }, "1 epoch(s), not 2"},
	} {
		c := base
		tc.edit(&c)
		if why := c.incomparable(); !strings.Contains(why, tc.want) {
			t.Errorf("%s: %q, want %q", name, why, tc.want)
		}
	}
}

// TestRunSeeds: --seeds 2 trains two runs with consecutive seeds, grouped
// under the change's name, prints the group's mean, and running it again
// replaces the group.
func TestRunSeeds(t *testing.T) {
	n, out := testBook(t)
	bench := func(c runConfig) (*workshopRun, error) { return n.trainRunOn(c, synthetic(100), synthetic(20)) }
	cfg := tinyBench("tiny")
	cfg.Seed = 5
	runs, err := n.runSeedsWith(cfg, 2, bench)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Name != "tiny seed=5" || runs[1].Name != "tiny seed=6" || runs[1].Config.Seed != 6 || runs[0].Config.Group != "tiny" {
		t.Fatalf("runs %+v", runs)
	}
	for _, want := range []string{`2 seeds of “tiny”: `, "Not judged against the spread of the post's model under the same budget"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := n.runSeedsWith(cfg, 2, bench); err != nil {
		t.Fatal(err)
	}
	if saved, _ := n.savedRuns(); len(saved) != 2 {
		t.Errorf("%d runs saved after running the group twice, want 2", len(saved))
	}
	if _, err := n.runSeedsWith(cfg, 0, bench); err == nil || !strings.Contains(err.Error(), "--seeds 0") {
		t.Errorf("--seeds 0: %v", err)
	}
}

// TestCompareToBaseline: comparable runs are drawn in rows against the
// committed spread, others are named in the caption; the baseline figure
// draws.
func TestCompareToBaseline(t *testing.T) {
	n, out := testBook(t)
	capped := tinyBench("capped")
	if _, err := n.trainRunOn(capped, synthetic(100), synthetic(20)); err != nil {
		t.Fatal(err)
	}
	fig, err := n.compareToBaseline()
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w == 0 || h == 0 {
		t.Error("empty figure")
	}
	n.ShowBaseline()
	if !strings.Contains(out.String(), "A single run of a change is clearly better above 0.9") {
		t.Errorf("ShowBaseline printed:\n%s", out)
	}
}
