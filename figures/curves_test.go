package figures

import (
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// TestCompareMetricNames: tf.keras' val_accuracy draws the same curves as
// val_acc; a misspelt metric is an error, not a flat line at 0.
func TestCompareMetricNames(t *testing.T) {
	h := &cnnlib.History{Epochs: []cnnlib.EpochStats{{Epoch: 1, ValAcc: 0.95}, {Epoch: 2, ValAcc: 0.98}}}
	for _, metric := range []string{"val_acc", "val_accuracy"} {
		if _, err := Compare(metric, Run{Name: "a", History: h}); err != nil {
			t.Errorf("Compare(%q): %v", metric, err)
		}
	}
	_, err := Compare("val_acuracy", Run{Name: "a", History: h})
	if err == nil || !strings.Contains(err.Error(), "val_acuracy") {
		t.Errorf("Compare with a misspelt metric: error %v", err)
	}
}
