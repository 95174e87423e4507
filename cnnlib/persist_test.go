package cnnlib

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSaveLoadIdenticalPredictions(t *testing.T) {
	m, err := New(PostModel(), Options{Backend: testBackend(), Seed: 21})
	if err != nil {
		t.Fatal(err)
	}
	d := randomData(40, 21)
	cfg := quickFit(1)
	hist, err := m.Fit(t.Context(), d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	before, err := m.Predict(d.Images())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "model")
	info := TrainingInfoOf(cfg, "go", d.Len())
	if err := m.Save(dir, hist, &info); err != nil {
		t.Fatal(err)
	}
	l, err := Load(dir, Options{Backend: testBackend()})
	if err != nil {
		t.Fatal(err)
	}
	after, err := l.Predict(d.Images())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Error("predictions changed after save and load")
	}
	if !reflect.DeepEqual(l.History, hist) || !reflect.DeepEqual(*l.Training, info) {
		t.Error("history or training info changed after save and load")
	}
	// Saving again replaces the directory without leftovers.
	if err := m.Save(dir, hist, &info); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("leftovers beside the model: %v", entries)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	good := filepath.Join(t.TempDir(), "good")
	if err := m.Save(good, nil, nil); err != nil {
		t.Fatal(err)
	}
	copyDir := func(t *testing.T) string {
		dst := filepath.Join(t.TempDir(), "m")
		if err := os.CopyFS(dst, os.DirFS(good)); err != nil {
			t.Fatal(err)
		}
		return dst
	}
	other := variant(func(h *Hyperparameters) { h.Filters = []int{8, 8, 8, 8} })
	for _, tc := range []struct {
		name  string
		edit  func(t *testing.T, dir string)
		wants []string
	}{
		{"missing dir", func(t *testing.T, dir string) { os.RemoveAll(dir) }, []string{"no such file"}},
		{"corrupt model.json", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, ModelFile), []byte(`{"format": "werkbank-model/1", "spec": {`), 0o644)
		}, []string{ModelFile, "corrupt"}},
		{"empty model.json", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, ModelFile), nil, 0o644)
		}, []string{ModelFile}},
		{"wrong format", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, ModelFile), []byte(`{"format": "keras"}`), 0o644)
		}, []string{ModelFile, "format"}},
		{"weights missing", func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, WeightsDir)) }, []string{"weights"}},
		{"weights empty", func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, WeightsDir))
			os.Mkdir(filepath.Join(dir, WeightsDir), 0o755)
		}, []string{"no checkpoint"}},
		{"weights truncated", func(t *testing.T, dir string) {
			bins, _ := filepath.Glob(filepath.Join(dir, WeightsDir, "*.bin"))
			os.Truncate(bins[0], 100)
		}, []string{"weights"}},
		{"weights of another spec", func(t *testing.T, dir string) {
			data, _ := json.Marshal(modelJSON{Format: modelFormat, Spec: other})
			os.WriteFile(filepath.Join(dir, ModelFile), data, 0o644)
		}, []string{"conv2d_1/kernel", "shape"}},
		{"corrupt history", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, HistoryFile), []byte("[1,2"), 0o644)
		}, []string{HistoryFile}},
	} {
		dir := copyDir(t)
		tc.edit(t, dir)
		_, err := Load(dir, Options{Backend: testBackend()})
		if err == nil {
			t.Errorf("%s: loaded", tc.name)
			continue
		}
		for _, w := range tc.wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not mention %q", tc.name, err, w)
			}
		}
	}
}

// TestKilledSaveKeepsPreviousModel kills a child process with SIGKILL while it
// saves a model over and over; the directory must stay loadable every time.
func TestKilledSaveKeepsPreviousModel(t *testing.T) {
	if dir := os.Getenv("WERKBANK_TEST_SAVE_LOOP"); dir != "" {
		m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
		for {
			if err := m.Save(dir, &History{}, nil); err != nil {
				os.Exit(3)
			}
		}
	}
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	dir := filepath.Join(t.TempDir(), "model")
	m, _ := New(PostModel(), Options{Backend: testBackend(), Seed: 1})
	if err := m.Save(dir, nil, nil); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledSaveKeepsPreviousModel$")
		cmd.Env = append(os.Environ(), "WERKBANK_TEST_SAVE_LOOP="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+97*i) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if _, err := Load(dir, Options{Backend: testBackend()}); err != nil {
			t.Fatalf("kill %d: model no longer loadable: %v", i, err)
		}
	}
}
