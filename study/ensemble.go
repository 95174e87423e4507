package study

import (
	"encoding/json"
	"fmt"
	"os"
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
