package study

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
)

// EnsembleFile is the name of the ensemble of a study's runs in its
// directory, as `werkbank ensemble --json` writes it.
const EnsembleFile = "ensemble.json"

// Ensemble is the test evaluation of several saved models and of the
// ensemble that averages their softmax outputs (`werkbank ensemble --json`).
type Ensemble struct {
	Backend     string           `json:"backend"`
	TestSamples int              `json:"test_samples"`
	Members     []EnsembleMember `json:"members"`
	Ensemble    EnsembleMember   `json:"ensemble"`
}

// EnsembleMember is one model's evaluation, or the ensemble's.
type EnsembleMember struct {
	Model    string  `json:"model"`
	TestAcc  float64 `json:"test_acc"`
	TestLoss float64 `json:"test_loss"`
	// Wrong lists the indices of the test samples it misclassifies, in
	// order; nil where a file lacks "wrong" (werkbank wrote none before).
	Wrong []int `json:"wrong"`
}

// HasWrong reports whether e lists the misclassified samples of every
// member and of the ensemble, so that Changes and WrongByAll can count.
func (e *Ensemble) HasWrong() bool {
	for _, m := range e.Members {
		if m.Wrong == nil {
			return false
		}
	}
	return e.Ensemble.Wrong != nil
}

// Changes counts what the ensemble changes against member i: fixed, the
// samples the member misclassifies and the ensemble gets right; broken,
// those the member gets right and the ensemble misclassifies.
func (e *Ensemble) Changes(i int) (fixed, broken int) {
	member := set(e.Members[i].Wrong)
	ensemble := set(e.Ensemble.Wrong)
	for s := range member {
		if !ensemble[s] {
			fixed++
		}
	}
	for s := range ensemble {
		if !member[s] {
			broken++
		}
	}
	return fixed, broken
}

// WrongByAll counts the ensemble's mistakes that every member makes too:
// those no average of these models could mend.
func (e *Ensemble) WrongByAll() int {
	n := 0
	for _, s := range e.Ensemble.Wrong {
		all := true
		for _, m := range e.Members {
			all = all && slices.Contains(m.Wrong, s)
		}
		if all {
			n++
		}
	}
	return n
}

func set(indices []int) map[int]bool {
	s := make(map[int]bool, len(indices))
	for _, i := range indices {
		s[i] = true
	}
	return s
}

// ReadEnsemble reads an ensemble's JSON file; an error names the file.
func ReadEnsemble(path string) (*Ensemble, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var e Ensemble
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(e.Members) == 0 {
		return nil, fmt.Errorf("%s: no members: want the models of the ensemble in \"members\"", path)
	}
	return &e, nil
}
