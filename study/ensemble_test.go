package study

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEnsembleChanges: members A (wrong on 1 to 7) and B (wrong on 0 and 3
// to 7) and their ensemble (wrong on 0, 1, 2 and 7): the ensemble mends
// 3 to 6 of both, breaks 0 against A and 1, 2 against B; only 7 is wrong
// in all three.
func TestEnsembleChanges(t *testing.T) {
	e := Ensemble{
		Members:  []EnsembleMember{{Wrong: []int{1, 2, 3, 4, 5, 6, 7}}, {Wrong: []int{0, 3, 4, 5, 6, 7}}},
		Ensemble: EnsembleMember{Wrong: []int{0, 1, 2, 7}},
	}
	if !e.HasWrong() {
		t.Fatal("HasWrong false with every list present")
	}
	for i, want := range [][2]int{{4, 1}, {4, 2}} {
		if fixed, broken := e.Changes(i); fixed != want[0] || broken != want[1] {
			t.Errorf("member %d: fixed %d, broken %d; want %d, %d", i, fixed, broken, want[0], want[1])
		}
	}
	if got := e.WrongByAll(); got != 1 {
		t.Errorf("WrongByAll %d, want 1", got)
	}
}

// TestReadEnsembleWithoutWrong: a file of the format before "wrong" reads,
// and HasWrong says it cannot be compared; an empty list is a list.
func TestReadEnsembleWithoutWrong(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		json string
		has  bool
	}{
		{`{"members":[{"model":"a","test_acc":0.5}],"ensemble":{"model":"e","test_acc":0.5}}`, false},
		{`{"members":[{"model":"a","test_acc":1,"wrong":[]}],"ensemble":{"model":"e","test_acc":0.5,"wrong":[3]}}`, true},
	} {
		path := filepath.Join(dir, "ensemble.json")
		if err := os.WriteFile(path, []byte(c.json), 0o644); err != nil {
			t.Fatal(err)
		}
		e, err := ReadEnsemble(path)
		if err != nil {
			t.Fatal(err)
		}
		if e.HasWrong() != c.has {
			t.Errorf("%s: HasWrong %v, want %v", c.json, e.HasWrong(), c.has)
		}
	}
}
