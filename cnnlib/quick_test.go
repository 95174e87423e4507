package cnnlib

import (
	"strings"
	"testing"
)

func TestQuick(t *testing.T) {
	post := PostFitConfig()
	q := Quick(post)
	if q.Epochs != QuickEpochs || q.Schedule.Kind != "onecycle" || q.Optimizer.LearningRate != 0.01 || q.BatchSize != 162 ||
		q.ValidationSplit != 0.1 || !q.Shuffle || q.Optimizer.Name != "rmsprop" {
		t.Errorf("Quick(post) = %+v", q)
	}
	if post.Optimizer.LearningRate != 0.001 || post.Epochs != 15 {
		t.Errorf("Quick changed its argument: %+v", post)
	}
	// An edited rate moves the peak; an own schedule is kept as set.
	edited := post
	edited.Optimizer.LearningRate = 0.002
	if q := Quick(edited); q.Optimizer.LearningRate != 0.02 {
		t.Errorf("edited rate: peak %v, want 0.02", q.Optimizer.LearningRate)
	}
	own := post
	own.Schedule, own.Epochs = Schedule{Kind: "cosine"}, 1
	if q := Quick(own); q.Schedule.Kind != "cosine" || q.Optimizer.LearningRate != 0.001 || q.Epochs != 1 {
		t.Errorf("own schedule: %+v", q)
	}
	if got := DescribeQuick(post); !strings.HasPrefix(got, "2 epochs instead of 15 and one cycle of the learning rate up to 0.01 (10 times the set 0.001)") {
		t.Errorf("DescribeQuick(post) = %q", got)
	}
	if got := DescribeQuick(own); !strings.HasPrefix(got, "1 epoch(s) as set and the learning rate as set (cosine, rmsprop 0.001)") {
		t.Errorf("DescribeQuick(own) = %q", got)
	}
}

func TestHyperparametersQuick(t *testing.T) {
	h := PostHyperparameters()
	h.Quick = true
	fit, err := h.FitConfig()
	if err != nil || fit.Epochs != 2 || fit.Schedule.Kind != "onecycle" || fit.Optimizer.LearningRate != 0.01 {
		t.Errorf("--quick: %+v, %v", fit, err)
	}
}
