package nb

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/study"
)

// comparedModel is a column of KaggleVsPost's table: a model and the study
// that trained it.
type comparedModel struct {
	Title      lang.Key    // the column's heading
	Experiment string      // its study, experiments/<Experiment>
	Spec       cnnlib.Spec // the model of the study's werkbank runs
}

// kaggleVsPost are the post's model and Chris Deotte's, side by side.
var kaggleVsPost = []comparedModel{
	{"nb.kaggle.col.post", "post-seeds", cnnlib.PostModel()},
	{"nb.kaggle.col.kaggle", "kaggle", cnnlib.KaggleModel()},
}

// Steps of the timing in KaggleVsPost: after the first (compiling) step,
// kaggleWarmup more, then kaggleTimed timed ones.
const (
	kaggleWarmup = 1
	kaggleTimed  = 4
)

// KaggleVsPost compares the post's model with Chris Deotte's Kaggle model:
// parameters, the training of their studies, the time of a training step
// and an epoch on this notebook's backend (measured now), and the test
// accuracy of their studies (and the ensemble of the Kaggle seeds).
func (n *Notebook) KaggleVsPost() {
	root := Must(repoRoot())
	train := Must(mnist()).TrainData()
	measure := func(spec cnnlib.Spec, s trainSettings) (time.Duration, error) {
		return timeTrainingStep(spec, s, n.backendConfig(), train)
	}
	n.markdown(Must(compareModels(root, kaggleVsPost, n.backendConfig(), train.Len(), measure)))
}

// trainSettings are what a study's command says of the training that
// shapes its time: epochs, batch size and optimizer (the post's where the
// command does not set them).
type trainSettings struct {
	Epochs, BatchSize int
	Optimizer         string
}

// settingsOf reads the training settings from a `werkbank train` command.
func settingsOf(command string) (trainSettings, error) {
	post := cnnlib.PostHyperparameters()
	s := trainSettings{Epochs: post.Epochs, BatchSize: post.BatchSize, Optimizer: post.Optimizer}
	var err error
	for flag, dst := range map[string]*int{"epochs": &s.Epochs, "batch-size": &s.BatchSize} {
		if v, ok := commandFlag(command, flag); ok {
			if *dst, err = strconv.Atoi(v); err != nil || *dst <= 0 {
				return s, fmt.Errorf("command %q: --%s %q, want a positive whole number", command, flag, v)
			}
		}
	}
	if v, ok := commandFlag(command, "optimizer"); ok {
		s.Optimizer = v
	}
	return s, nil
}

// commandFlag returns the value of --name (as "--name value" or
// "--name=value") in a command line.
func commandFlag(command, name string) (string, bool) {
	words := strings.Fields(command)
	for i, w := range words {
		if v, ok := strings.CutPrefix(w, "--"+name+"="); ok {
			return v, true
		}
		if w == "--"+name && i+1 < len(words) {
			return words[i+1], true
		}
	}
	return "", false
}

// timeTrainingStep builds spec on backend with fresh weights and returns
// the mean time of a training step of s.BatchSize images of train.
func timeTrainingStep(spec cnnlib.Spec, s trainSettings, backend string, train cnnlib.Data) (time.Duration, error) {
	m, err := cnnlib.New(spec, cnnlib.Options{Backend: backend, Seed: 1})
	if err != nil {
		return 0, err
	}
	defer m.Finalize()
	opt, err := cnnlib.NewOptimizer(s.Optimizer)
	if err != nil {
		return 0, err
	}
	stepper, err := m.NewStepper(opt, 1)
	if err != nil {
		return 0, err
	}
	t, err := stepper.Time(train, s.BatchSize, kaggleWarmup, kaggleTimed)
	return t.Mean(), err
}

// werkbankGroup returns the group of a study's werkbank runs (a study may
// also hold its PyTorch peer's).
func werkbankGroup(s *study.Study) (study.Group, bool) {
	for _, g := range s.Groups {
		if strings.HasPrefix(g.Config, "werkbank train") {
			return g, true
		}
	}
	return study.Group{}, false
}

// compareModels returns the markdown table of the models side by side.
// trainImages is the size of the training set, of which the post's
// validation split trains; measure times a training step here.
func compareModels(root string, models []comparedModel, backend string, trainImages int,
	measure func(cnnlib.Spec, trainSettings) (time.Duration, error)) (string, error) {
	rows := [][]string{{""}, {lang.T("nb.kaggle.params")}, {lang.T("nb.kaggle.training")},
		{lang.Sprintf("nb.kaggle.step", backend)}, {lang.Sprintf("nb.kaggle.epoch", lang.Thousands(trainedImages(trainImages)))},
		{lang.T("nb.kaggle.test")}, {lang.T("nb.kaggle.ensemble")}}
	for _, c := range models {
		col, err := compareColumn(root, c, trainImages, measure)
		if err != nil {
			return "", err
		}
		for i := range rows {
			rows[i] = append(rows[i], col[i])
		}
	}
	var b strings.Builder
	for i, r := range rows {
		fmt.Fprintf(&b, "| %s |\n", strings.Join(r, " | "))
		if i == 0 {
			b.WriteString("|---" + strings.Repeat("|---:", len(models)) + "|\n")
		}
	}
	return b.String(), nil
}

// trainedImages are the images an epoch trains on: the training set less the
// post's validation split (Keras' last 10%).
func trainedImages(trainImages int) int {
	return trainImages - int(math.Round(float64(trainImages)*cnnlib.PostHyperparameters().ValidationSplit))
}

// compareColumn is one model's column of compareModels' table.
func compareColumn(root string, c comparedModel, trainImages int,
	measure func(cnnlib.Spec, trainSettings) (time.Duration, error)) ([]string, error) {
	trainable, fixed, err := c.Spec.ParamCount()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, ExperimentsDir, c.Experiment)
	s, err := study.Read(filepath.Join(dir, StudyDataFile))
	if err != nil {
		return nil, err
	}
	g, ok := werkbankGroup(s)
	if !ok {
		return nil, fmt.Errorf("%s/%s/%s: no runs of werkbank train", ExperimentsDir, c.Experiment, StudyDataFile)
	}
	settings, err := settingsOf(g.Config)
	if err != nil {
		return nil, err
	}
	step, err := measure(c.Spec, settings)
	if err != nil {
		return nil, err
	}
	steps := (trainedImages(trainImages) + settings.BatchSize - 1) / settings.BatchSize
	acc := lang.Float(g.Stats.Mean, 4)
	if g.Stats.SD != nil {
		acc += " ± " + lang.Float(*g.Stats.SD, 4)
	}
	ensemble := "–"
	switch e, err := study.ReadEnsemble(filepath.Join(dir, study.EnsembleFile)); {
	case err == nil && e.HasWrong():
		ensemble = lang.Sprintf("nb.kaggle.ens_wrong", lang.Float(e.Ensemble.TestAcc, 4), len(e.Members), len(e.Ensemble.Wrong), e.WrongByAll())
	case err == nil:
		ensemble = lang.Sprintf("nb.kaggle.ensemble_of", lang.Float(e.Ensemble.TestAcc, 4), len(e.Members))
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	return []string{
		fmt.Sprintf("%s (`%s/%s`)", lang.T(c.Title), ExperimentsDir, c.Experiment),
		lang.Thousands(trainable + fixed),
		lang.Sprintf("nb.kaggle.training_of", settings.Epochs, settings.BatchSize, settings.Optimizer),
		lang.Sprintf("nb.kaggle.ms", lang.Thousands(int(step.Round(time.Millisecond).Milliseconds()))),
		lang.Sprintf("nb.kaggle.s", lang.Thousands(int(math.Round(step.Seconds()*float64(steps)))), steps),
		lang.Sprintf("nb.kaggle.acc_of", acc, g.Stats.N),
		ensemble,
	}, nil
}
