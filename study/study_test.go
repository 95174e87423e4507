package study

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fixtures are a sweep's three runs and a run by hand of one configuration
// (test accuracies 0.9912, 0.989, 0.9951, 0.991), two PyTorch runs (no
// command; one without val_acc), and one run of a grid point.
const fixtures = "testdata/collect"

// trainFlags is a flag set with the defaults of werkbank train that the
// tests' commands use.
func trainFlags() *flag.FlagSet {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.Int("epochs", 15, "")
	fs.Int("batch-size", 162, "")
	fs.Float64("dropout", 0.4, "")
	fs.String("lr", "", "")
	fs.Bool("augment", false, "")
	fs.Bool("no-shuffle", false, "")
	fs.String("dataset", "mnist", "")
	fs.String("backend", "", "")
	fs.Int64("seed", 1, "")
	fs.String("out", "", "")
	fs.Bool("no-report", false, "")
	return fs
}

// fixtureStudy is the study of the fixtures.
func fixtureStudy(t *testing.T) *Study {
	t.Helper()
	runs, err := ReadRuns([]string{fixtures})
	if err != nil {
		t.Fatal(err)
	}
	return New("Fixture study", []string{fixtures}, runs, trainFlags())
}

// TestStudyJSONRoundTrip: study.json holds all that the markdown shows, so
// the markdown of a study read back is the markdown of the study written.
func TestStudyJSONRoundTrip(t *testing.T) {
	s := fixtureStudy(t)
	path := filepath.Join(t.TempDir(), "study.json")
	if err := s.Write(path); err != nil {
		t.Fatal(err)
	}
	back, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, back) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, s)
	}
	var want, got strings.Builder
	s.WriteMarkdown(&want, Markdown{Image: "accuracy.png"})
	back.WriteMarkdown(&got, Markdown{Image: "accuracy.png"})
	if got.String() != want.String() {
		t.Errorf("markdown read back:\n%s\nwant\n%s", got.String(), want.String())
	}
	for _, field := range []string{`"absent": [`, `"val_acc_mean": 0.9`, `"same_machine": false`, `"threshold": 0.991`, `"df": 3.`} {
		if !strings.Contains(string(data), field) {
			t.Errorf("study.json lacks %s:\n%.2000s", field, data)
		}
	}
}

func TestReadStudyErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"not-json.json":  `# Study`,
		"no-groups.json": `{"title": "Empty", "groups": []}`,
		"no-runs.json":   `{"title": "T", "groups": [{"config": "werkbank train", "runs": [], "stats": {"n": 2}}]}`,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o644)
		if _, err := Read(path); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one that names the file", name, err)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("a missing file: no error")
	}
}
