package cnnlib

import (
	"slices"
	"strings"
	"testing"
)

// TestHistorySeries: every metric by its Keras name and tf.keras' alias; an
// unknown name is an error that lists the known ones, never a row of zeros.
func TestHistorySeries(t *testing.T) {
	h := &History{Epochs: []EpochStats{
		{Epoch: 1, Loss: 1.07, Acc: 0.74, ValLoss: 0.31, ValAcc: 0.95},
		{Epoch: 2, Loss: 0.37, Acc: 0.92, ValLoss: 0.15, ValAcc: 0.98},
	}}
	for metric, want := range map[string][]float64{
		"loss": {1.07, 0.37}, "acc": {0.74, 0.92}, "accuracy": {0.74, 0.92},
		"val_loss": {0.31, 0.15}, "val_acc": {0.95, 0.98}, "val_accuracy": {0.95, 0.98},
	} {
		got, err := h.Series(metric)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Series(%q) = %v, %v; want %v", metric, got, err, want)
		}
	}
	_, err := h.Series("val_acuracy")
	if err == nil || !strings.Contains(err.Error(), `"val_acuracy"`) || !strings.Contains(err.Error(), "val_acc") {
		t.Errorf("Series of an unknown metric: error %v, want one naming it and the known metrics", err)
	}
}
