package nb

import (
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

func TestParseMode(t *testing.T) {
	for _, s := range []string{"shipped", "quick", "full"} {
		m, err := parseMode(s)
		if err != nil || string(m) != s {
			t.Errorf("parseMode(%q) = %q, %v", s, m, err)
		}
	}
	for _, s := range []string{"", "Quick", "fast"} {
		if _, err := parseMode(s); err == nil {
			t.Errorf("parseMode(%q): no error", s)
		}
	}
}

func TestChosenMode(t *testing.T) {
	setMode := func(s string) {
		t.Helper()
		if err := cellFlags().own.Set("mode", s); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { setMode("") })
	for _, tc := range []struct {
		flag, env string
		want      Mode
		wantErr   string
	}{
		{"", "", Shipped, ""},
		{"", "quick", Quick, ""},
		{"full", "quick", Full, ""},
		{"shipped", "full", Shipped, ""},
		{"", "bogus", "", ModeEnv},
		{"bogus", "", "", "bogus"},
	} {
		setMode(tc.flag)
		t.Setenv(ModeEnv, tc.env)
		got, err := chosenMode()
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("flag %q env %q: error %v, want one mentioning %q", tc.flag, tc.env, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("flag %q env %q: %q, %v; want %q", tc.flag, tc.env, got, err, tc.want)
		}
	}
}

func TestPlanFor(t *testing.T) {
	fit := cnnlib.PostFitConfig()
	q, err := planFor(Quick, cnnlib.PostModel(), fit)
	if err != nil {
		t.Fatal(err)
	}
	if q.Fit.Epochs != cnnlib.QuickEpochs || q.Fit.BatchSize != 162 || q.Fit.ValidationSplit != 0.1 || q.Spec.Name != "blog-cnn" ||
		q.Fit.Schedule.Kind != "onecycle" || q.Fit.Optimizer.LearningRate != 0.01 {
		t.Errorf("quick plan: %+v", q)
	}
	fit.Epochs = 1
	if q, _ := planFor(Quick, cnnlib.PostModel(), fit); q.Fit.Epochs != 1 {
		t.Errorf("quick mode raised the epochs to %d", q.Fit.Epochs)
	}
	f, err := planFor(Full, cnnlib.PostModel(), cnnlib.PostFitConfig())
	if err != nil {
		t.Fatal(err)
	}
	if !f.Fit.Schedule.IsConstant() || f.Fit.Epochs != 15 || f.Fit.BatchSize != 162 || !f.Fit.Shuffle || f.Fit.Optimizer.Name != "rmsprop" {
		t.Errorf("full plan: %+v", f)
	}
	if _, err := planFor(Shipped, cnnlib.PostModel(), fit); err == nil {
		t.Error("planFor(Shipped): no error")
	}
	if _, err := planFor("other", cnnlib.PostModel(), fit); err == nil {
		t.Error("planFor(other): no error")
	}
}

// TestPlanKey: the same cells give the same checkpoint key (so an interrupted
// run resumes); another model or setting gives another one.
func TestPlanKey(t *testing.T) {
	p, _ := planFor(Quick, cnnlib.PostModel(), cnnlib.PostFitConfig())
	same, _ := planFor(Quick, cnnlib.PostModel(), cnnlib.PostFitConfig())
	same.Fit.Output, same.Fit.Verbose = &strings.Builder{}, 2 // how progress is shown does not count
	if p.key() != same.key() || len(p.key()) != 8 {
		t.Errorf("keys %q and %q for the same cells", p.key(), same.key())
	}
	wide := cnnlib.PostModel()
	wide.Layers[0].Filters = 64
	w, _ := planFor(Quick, wide, cnnlib.PostFitConfig())
	fit := cnnlib.PostFitConfig()
	fit.Optimizer = cnnlib.RMSprop(0.003)
	lr, _ := planFor(Quick, cnnlib.PostModel(), fit)
	fit = cnnlib.PostFitConfig()
	fit.Augment = cnnlib.KaggleAugmentation()
	aug, _ := planFor(Quick, cnnlib.PostModel(), fit)
	keys := map[string]bool{p.key(): true, w.key(): true, lr.key(): true, aug.key(): true}
	if len(keys) != 4 {
		t.Errorf("keys do not tell the cells apart: %s %s %s %s", p.key(), w.key(), lr.key(), aug.key())
	}
}
