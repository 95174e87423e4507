package cnnlib

import "github.com/kiwerkstatt/werkbank/lang"

// The quick budget answers "did my change help?" in about a minute on two CPU
// cores, at the level where the post's questions live (0.985 to 0.99 test
// accuracy instead of the 0.95 that a short run at a constant rate gives).
// It keeps every setting of a run (model, optimizer, learning rate, batch
// size, dropout, data, validation split, augmentation) and changes only how
// long the run is and how the rate moves: at most QuickEpochs epochs over
// the whole training set, and, where the run keeps its rate constant (as the
// post does), one cycle that rises to QuickPeakFactor times the run's rate
// and falls again. A run that sets its own schedule keeps it. An edited
// learning rate thus moves the peak, an edited optimizer or batch size
// trains as edited, and the post's model lands at about 0.99.
const (
	// QuickEpochs is the quick budget's most epochs.
	QuickEpochs = 2
	// QuickPeakFactor is the one cycle's peak over the run's learning rate:
	// the post's RMSprop at 0.001 peaks at 0.01, the rate that the
	// learning-rate range test and the schedules study found best.
	QuickPeakFactor = 10
)

// Quick returns fit under the quick budget: at most QuickEpochs epochs and,
// for a constant rate, one cycle peaking at QuickPeakFactor times the
// optimizer's rate. Everything else is fit's.
func Quick(fit FitConfig) FitConfig {
	fit.Epochs = min(fit.Epochs, QuickEpochs)
	if fit.Schedule.IsConstant() {
		fit.Schedule = Schedule{Kind: "onecycle"}
		fit.Optimizer.LearningRate *= QuickPeakFactor
	}
	return fit
}

// DescribeQuick says in one sentence what the quick budget makes of fit.
func DescribeQuick(fit FitConfig) string {
	q := Quick(fit)
	rate := lang.Sprintf("cnnlib.quick.rate_set", q.Schedule, q.Optimizer.Name, q.Optimizer.LearningRate)
	if fit.Schedule.IsConstant() {
		rate = lang.Sprintf("cnnlib.quick.cycle", q.Optimizer.LearningRate, QuickPeakFactor, fit.Optimizer.LearningRate)
	}
	epochs := lang.Sprintf("cnnlib.quick.epochs", q.Epochs, fit.Epochs)
	if q.Epochs == fit.Epochs {
		epochs = lang.Sprintf("cnnlib.quick.epochs_set", q.Epochs)
	}
	return lang.Sprintf("cnnlib.quick", epochs, rate)
}
