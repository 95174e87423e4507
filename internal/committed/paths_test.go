package committed

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// machinePath matches an absolute path of the machine a file was made on:
// a home, work or temporary directory, as it appears in JSON, logs or prose.
var machinePath = regexp.MustCompile(`(^|[\s"'(=:,\[])/(work|root|home|tmp|Users)/[^\s"']*`)

// outputs are the committed files that hold what some run printed or wrote.
var outputs = []string{"*.ipynb", "bench/results", "models", "experiments"}

// TestNoMachinePathsInCommittedOutputs: notebooks, bench results and model
// logs name paths relative to the repository (or ~), never the absolute path
// of the machine they were made on, which means nothing on a user's checkout.
func TestNoMachinePathsInCommittedOutputs(t *testing.T) {
	root := repoRoot(t)
	files := gitFiles(t, root, outputs...)
	if len(files) < 5 {
		t.Fatalf("only %d committed output files found under %v: is this the repository?", len(files), outputs)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".bin") {
			continue // weights
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := machinePath.FindString(line); m != "" {
				t.Errorf("%s:%d holds a machine path: %s", f, i+1, strings.TrimSpace(m))
			}
		}
	}
}

// outside is the developers' shared folder beside the checkout (written in
// two parts, so that this file does not name it itself).
const outside = ".." + "/shared/"

// TestNothingRefersOutsideTheRepository: a user's checkout has no shared
// folder beside it (the developers' notes and scripts): no tracked file may
// need it.
func TestNothingRefersOutsideTheRepository(t *testing.T) {
	root := repoRoot(t)
	for _, f := range gitFiles(t, root) {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			continue // a deleted but not yet committed file
		}
		if i := strings.Index(string(data), outside); i >= 0 {
			line := strings.Count(string(data[:i]), "\n") + 1
			t.Errorf("%s:%d refers to %s, which is outside the repository", f, line, outside)
		}
	}
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s", root)
	}
	return root
}

// gitFiles lists the tracked (and new, not ignored) files under the pathspecs.
func gitFiles(t *testing.T, root string, pathspecs ...string) []string {
	t.Helper()
	args := append([]string{"-C", root, "ls-files", "--cached", "--others", "--exclude-standard", "--"}, pathspecs...)
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout)", err)
	}
	return strings.Fields(string(out))
}
