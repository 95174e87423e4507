package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/cnnlib/layers"
	"github.com/kiwerkstatt/werkbank/datasets"
	"github.com/kiwerkstatt/werkbank/study"
)

// saveConstantModel saves, in dir, a model of input shape in that gives
// every image the class probabilities probs (a Dense softmax layer with a
// zero kernel and the logarithms of probs as its bias).
func saveConstantModel(t *testing.T, dir string, in [3]int, probs []float64) {
	t.Helper()
	m, err := cnnlib.New(cnnlib.Sequential(layers.Input(in[0], in[1], in[2]), layers.Flatten(), layers.Dense(len(probs), layers.Softmax)),
		cnnlib.Options{Backend: "go"})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Finalize()
	bias := make([]float32, len(probs))
	for i, p := range probs {
		bias[i] = float32(math.Log(p))
	}
	if err := m.SetWeights(1, make([]float32, in[0]*in[1]*in[2]*len(probs)), bias); err != nil {
		t.Fatal(err)
	}
	if err := m.Save(dir, nil, nil); err != nil {
		t.Fatal(err)
	}
}

// TestEnsembleCommand: two saved models that say 1 (p 0.5) or 7 (0.45), and
// 2 (0.5) or 7 (0.45), for every image: on MNIST's first 300 test images
// the first is right where the label is 1 (41 times), the second where it is
// 2 (32), their ensemble (mean 0.45 for 7, 0.25 for 1 and 2) where it is 7
// (34), and each loss is the mean -log of the label's probability. The
// ensemble fixes the 34 sevens for both and breaks the ones (41) of the
// first and the twos (32) of the second; 193 images are wrong in all
// three. The table and --json say so; a run directory (with model/ inside)
// is accepted as its model.
func TestEnsembleCommand(t *testing.T) {
	dir := t.TempDir()
	rest := 0.05 / 8
	pa := []float64{rest, 0.5, rest, rest, rest, rest, rest, 0.45, rest, rest}
	pb := []float64{rest, rest, 0.5, rest, rest, rest, rest, 0.45, rest, rest}
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "run-b")
	saveConstantModel(t, a, [3]int{28, 28, 1}, pa)
	saveConstantModel(t, filepath.Join(b, "model"), [3]int{28, 28, 1}, pb)

	cache := filepath.Join(dir, "mnist-cache")
	ds, err := datasets.LoadMNIST(datasets.Options{CacheDir: cache, NoDownload: true})
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	mean := make([]float64, 10)
	for i := range mean {
		mean[i] = (pa[i] + pb[i]) / 2
	}
	want := map[string][2]float64{} // accuracy, loss
	count := map[int]int{}          // images of label 1, 2, 7
	for name, c := range map[string]struct {
		p     []float64
		label int
	}{"a": {pa, 1}, "b": {pb, 2}, "ensemble": {mean, 7}} {
		right, loss := 0, 0.0
		for _, l := range ds.Test.Labels[:n] {
			if int(l) == c.label {
				right++
			}
			loss -= math.Log(c.p[l])
		}
		want[name] = [2]float64{float64(right) / n, loss / n}
		count[c.label] = right
	}
	counts := map[string]string{ // wrong, fixed, broken
		"a":        fmt.Sprint(n-count[1], count[7], count[1]),
		"b":        fmt.Sprint(n-count[2], count[7], count[2]),
		"ensemble": fmt.Sprint(n - count[7]),
	}

	out := filepath.Join(dir, "ensemble.json")
	code, stdout, stderr := runCLI(t, "ensemble", a, b, "--limit-test", fmt.Sprint(n), "--json", out,
		"--backend", "go", "--no-download", "--cache", cache)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, fmt.Sprintf("%d test samples", n)) {
		t.Errorf("output does not say %d test samples:\n%s", n, stdout)
	}
	if all := n - count[1] - count[2] - count[7]; !strings.Contains(stdout, fmt.Sprintf("Every model gets %d of the ensemble's %d wrong images wrong too", all, n-count[7])) {
		t.Errorf("output does not say that all three get %d images wrong:\n%s", all, stdout)
	}
	for name, row := range map[string]string{"a": a, "b": b, "ensemble": "ensemble of 2 (mean softmax)"} {
		wantRow := fmt.Sprintf("%s %.4f %.4f %s", row, want[name][0], want[name][1], counts[name])
		found := false
		for _, line := range strings.Split(stdout, "\n") {
			found = found || strings.Join(strings.Fields(line), " ") == wantRow
		}
		if !found {
			t.Errorf("output lacks the row %q:\n%s", wantRow, stdout)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var res study.Ensemble
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Members) != 2 || res.Members[0].Model != a || res.Members[1].Model != b || res.TestSamples != n {
		t.Fatalf("--json: %+v", res)
	}
	for name, got := range map[string]study.EnsembleMember{"a": res.Members[0], "b": res.Members[1], "ensemble": res.Ensemble} {
		if got.TestAcc != want[name][0] || math.Abs(got.TestLoss-want[name][1]) > 1e-6 {
			t.Errorf("%s: accuracy %v, loss %.7f; want %v, %.7f", name, got.TestAcc, got.TestLoss, want[name][0], want[name][1])
		}
		if wrong := float64(len(got.Wrong)) / n; math.Abs(wrong-(1-want[name][0])) > 1e-9 {
			t.Errorf("%s: --json lists %d wrong images, its accuracy says %v", name, len(got.Wrong), (1-want[name][0])*n)
		}
	}
	if acc := [3]float64{want["a"][0], want["b"][0], want["ensemble"][0]}; acc[0] == acc[1] || acc[0] == acc[2] || acc[1] == acc[2] {
		t.Errorf("the test's data do not tell the ensemble from its members: %v", want)
	}
}

// TestEnsembleBadInput: a missing directory, a directory without a model
// and models of different input shapes are errors naming the directory.
func TestEnsembleBadInput(t *testing.T) {
	dir := t.TempDir()
	good, small := filepath.Join(dir, "good"), filepath.Join(dir, "small")
	saveConstantModel(t, good, [3]int{28, 28, 1}, []float64{0.5, 0.5})
	saveConstantModel(t, small, [3]int{14, 14, 1}, []float64{0.5, 0.5})
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	missing := filepath.Join(dir, "missing")
	noData := []string{"--no-download", "--cache", filepath.Join(dir, "no-cache")}
	for _, c := range []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"no directories", []string{"ensemble"}, 2, []string{"no MODEL_DIR"}},
		{"missing directory", []string{"ensemble", good, missing}, 1, []string{missing}},
		{"not a model", []string{"ensemble", empty, good}, 1, []string{empty, "no model.json"}},
		{"other input shape", []string{"ensemble", good, small}, 1, []string{small, "14x14x1", good, "28x28x1"}},
		{"negative limit", []string{"ensemble", good, "--limit-test", "-1"}, 2, []string{"--limit-test -1"}},
	} {
		code, _, stderr := runCLI(t, append(c.args, noData...)...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (%s)", c.name, code, c.code, stderr)
		}
		for _, w := range c.wants {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q does not mention %q", c.name, stderr, w)
			}
		}
		if strings.Contains(stderr, "goroutine") {
			t.Errorf("%s: a stack trace: %s", c.name, stderr)
		}
	}
}
