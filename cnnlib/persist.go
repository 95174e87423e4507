package cnnlib

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
)

// Files of a saved model directory.
const (
	ModelFile   = "model.json"   // format, spec (the post's model.to_json()), training config
	HistoryFile = "history.json" // the History of Fit
	WeightsDir  = "weights"      // a GoMLX checkpoint of the variables
	StateFile   = "state.json"   // training state of a checkpoint directory
)

// modelFormat identifies the model.json layout.
const modelFormat = "werkbank-model/1"

// TrainingInfo records how a saved model was trained.
type TrainingInfo struct {
	Epochs          int          `json:"epochs"`
	BatchSize       int          `json:"batch_size"`
	Shuffle         bool         `json:"shuffle"`
	ValidationSplit float64      `json:"validation_split"`
	Seed            int64        `json:"seed"`
	Optimizer       Optimizer    `json:"optimizer"`
	Schedule        Schedule     `json:"schedule,omitzero"` // constant: omitted
	Augment         Augmentation `json:"augment,omitzero"`  // none: omitted, so older files read (and resume) as runs without it
	Backend         string       `json:"backend,omitempty"`
	TrainSamples    int          `json:"train_samples"`
}

// TrainingInfoOf returns the TrainingInfo of a fit configuration.
func TrainingInfoOf(cfg FitConfig, backend string, trainSamples int) TrainingInfo {
	var schedule Schedule
	if !cfg.Schedule.IsConstant() {
		schedule = cfg.Schedule
	}
	return TrainingInfo{Schedule: schedule, Epochs: cfg.Epochs, BatchSize: cfg.BatchSize, Shuffle: cfg.Shuffle,
		ValidationSplit: cfg.ValidationSplit, Seed: cfg.Seed, Optimizer: cfg.Optimizer, Augment: cfg.Augment,
		Backend: backend, TrainSamples: trainSamples}
}

type modelJSON struct {
	Format   string        `json:"format"`
	Spec     Spec          `json:"spec"`
	Seed     int64         `json:"init_seed"`
	Training *TrainingInfo `json:"training,omitempty"`
}

// Save writes the model to dir: model.json (architecture and training config),
// the weights as a GoMLX checkpoint, and history.json when hist is not nil. The
// write is atomic: a crash leaves the previous save loadable.
func (m *Model) Save(dir string, hist *History, training *TrainingInfo) error {
	return atomicfile.WriteDir(dir, func(tmp string) error {
		if err := atomicfile.WriteJSON(filepath.Join(tmp, ModelFile), modelJSON{Format: modelFormat, Spec: m.Spec, Seed: m.Seed, Training: training}); err != nil {
			return err
		}
		if hist != nil {
			if err := atomicfile.WriteJSON(filepath.Join(tmp, HistoryFile), hist); err != nil {
				return err
			}
		}
		return m.saveWeights(filepath.Join(tmp, WeightsDir), false)
	})
}

// saveWeights writes the model variables (and the optimizer slots when
// withOptimizer) as a GoMLX checkpoint in dir.
func (m *Model) saveWeights(dir string, withOptimizer bool) error {
	cfg := checkpoint.Build(m.store).Dir(dir)
	if !withOptimizer {
		var slots []*model.Variable
		for v := range m.store.IterVariables() {
			if !m.isModelVar(v.Path()) {
				slots = append(slots, v)
			}
		}
		cfg = cfg.ExcludeVars(slots...)
	}
	h, err := cfg.Done()
	if err != nil {
		return fmt.Errorf("saving weights to %s: %w", dir, err)
	}
	if err := h.Save(); err != nil {
		return fmt.Errorf("saving weights to %s: %w", dir, err)
	}
	return nil
}

func (m *Model) isModelVar(path string) bool {
	for _, v := range m.vars {
		for _, x := range []*model.Variable{v.kernel, v.bias, v.gamma, v.beta, v.movingMean, v.movingVar} {
			if x != nil && x.Path() == path {
				return true
			}
		}
	}
	return false
}

// Loaded is a model read back from disk with what was saved beside it.
type Loaded struct {
	*Model
	History  *History      // nil when no history was saved
	Training *TrainingInfo // nil when not recorded
	Dir      string
}

// Load reads a model saved by Save. Predictions after Load are identical to
// those before Save on the same backend. Every problem is an error naming the file.
func Load(dir string, opts Options) (*Loaded, error) {
	dir, err := atomicfile.ExistingDir(dir)
	if err != nil {
		return nil, err
	}
	var mj modelJSON
	if err := readJSON(filepath.Join(dir, ModelFile), &mj); err != nil {
		return nil, err
	}
	if mj.Format != modelFormat {
		return nil, fmt.Errorf("%s: format %q, want %q", filepath.Join(dir, ModelFile), mj.Format, modelFormat)
	}
	if _, err := mj.Spec.Infer(); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ModelFile), err)
	}
	opts.Seed = mj.Seed
	m, err := New(mj.Spec, opts)
	if err != nil {
		return nil, err
	}
	if err := m.loadWeights(filepath.Join(dir, WeightsDir), false); err != nil {
		return nil, err
	}
	l := &Loaded{Model: m, Training: mj.Training, Dir: dir}
	histPath := filepath.Join(dir, HistoryFile)
	if _, err := os.Stat(histPath); err == nil {
		l.History = &History{}
		if err := readJSON(histPath, l.History); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// loadWeights reads a checkpoint into the model's variables, checking that every
// model variable is present with the shape the spec gives. With withOptimizer
// the optimizer slots in the checkpoint are restored too.
func (m *Model) loadWeights(dir string, withOptimizer bool) (err error) {
	fi, statErr := os.Stat(dir)
	if statErr != nil {
		return fmt.Errorf("weights: %w", statErr)
	}
	if !fi.IsDir() {
		return fmt.Errorf("weights: %s is not a directory", dir)
	}
	defer func() {
		// The checkpoint reader panics on some corrupt inputs.
		if r := recover(); r != nil {
			err = fmt.Errorf("weights in %s are corrupt: %v", dir, r)
		}
	}()
	tmpStore := model.NewStore()
	h, err := checkpoint.Build(tmpStore).Dir(dir).Immediate().Done()
	if err != nil {
		return fmt.Errorf("reading weights in %s: %w", dir, err)
	}
	if ok, _ := h.HasCheckpoints(); !ok {
		return fmt.Errorf("weights: no checkpoint in %s", dir)
	}
	loaded := map[string]*tensors.Tensor{}
	for v := range tmpStore.IterVariables() {
		if value, err := v.Value(); err == nil {
			loaded[v.Path()] = value
		}
	}
	var missing []string
	for v := range m.store.IterVariables() {
		value, ok := loaded[v.Path()]
		if !ok {
			if m.isModelVar(v.Path()) {
				missing = append(missing, v.Path())
			}
			continue
		}
		if !value.Shape().Equal(v.Shape()) {
			return fmt.Errorf("weights in %s: variable %s has shape %s, the spec needs %s (weights of a different model?)",
				dir, v.Path(), value.Shape(), v.Shape())
		}
		if err := v.SetValue(value); err != nil {
			return fmt.Errorf("weights in %s: setting %s: %w", dir, v.Path(), err)
		}
		delete(loaded, v.Path())
	}
	if len(missing) > 0 {
		return fmt.Errorf("weights in %s lack %s (weights of a different model?)", dir, strings.Join(missing, ", "))
	}
	if withOptimizer {
		for path, value := range loaded {
			if strings.HasPrefix(path, optimizerScope+"/") {
				if _, err := m.store.CreateVariable(path, value); err != nil {
					return fmt.Errorf("weights in %s: %w", dir, err)
				}
			}
		}
	}
	return nil
}

// trainingState is the state.json of a checkpoint directory.
type trainingState struct {
	Format  string       `json:"format"`
	Spec    Spec         `json:"spec"`
	Seed    int64        `json:"init_seed"`
	Config  TrainingInfo `json:"config"`
	History *History     `json:"history"`
}

// fitIdentity is the part of a FitConfig that must match to resume.
func fitIdentity(cfg FitConfig) TrainingInfo {
	info := TrainingInfoOf(cfg, "", 0)
	info.Epochs = 0 // a resumed run may ask for more epochs
	return info
}

// saveTrainingState writes weights, optimizer slots and history to dir atomically.
func (m *Model) saveTrainingState(dir string, cfg FitConfig, hist *History) error {
	return atomicfile.WriteDir(dir, func(tmp string) error {
		st := trainingState{Format: modelFormat, Spec: m.Spec, Seed: m.Seed, Config: fitIdentity(cfg), History: hist}
		if err := atomicfile.WriteJSON(filepath.Join(tmp, StateFile), st); err != nil {
			return err
		}
		return m.saveWeights(filepath.Join(tmp, WeightsDir), true)
	})
}

// resume loads the training state in dir, if any, and returns its history; nil
// when dir holds no state yet. A state made by another spec or configuration is
// an error, so a run never silently continues someone else's training.
func (m *Model) resume(dir string, cfg FitConfig) (*History, error) {
	dir, err := atomicfile.ExistingDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	statePath := filepath.Join(dir, StateFile)
	if _, err := os.Stat(statePath); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	var st trainingState
	if err := readJSON(statePath, &st); err != nil {
		return nil, err
	}
	if st.Config.Augment != cfg.Augment { // the generic message below would bury it in JSON
		return nil, fmt.Errorf("%s was written by a run with another configuration: augmentation %v, now %v\nuse another output directory or remove it", statePath, st.Config.Augment, cfg.Augment)
	}
	a, _ := json.Marshal(struct {
		S Spec
		I int64
		C TrainingInfo
	}{st.Spec, st.Seed, st.Config})
	b, _ := json.Marshal(struct {
		S Spec
		I int64
		C TrainingInfo
	}{m.Spec, m.Seed, fitIdentity(cfg)})
	if string(a) != string(b) {
		return nil, fmt.Errorf("%s was written by a run with another model or configuration:\n  saved: %s\n  now:   %s\nuse another output directory or remove it", statePath, a, b)
	}
	if st.History == nil {
		return nil, fmt.Errorf("%s: no history", statePath)
	}
	if err := m.loadWeights(filepath.Join(dir, WeightsDir), true); err != nil {
		return nil, err
	}
	return st.History, nil
}

// readJSON decodes path into v, rejecting unknown fields; errors name the file.
func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: corrupt or not a werkbank file: %w", path, err)
	}
	return nil
}
