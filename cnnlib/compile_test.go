package cnnlib

import (
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	post := PostCompile()
	if err := post.Validate(); err != nil {
		t.Fatal(err)
	}
	if !post.Equal(Compile{Optimizer: RMSprop(0.001), Loss: CategoricalCrossentropy, Metrics: []string{"acc"}}) {
		t.Error("metrics acc and accuracy should compile the same")
	}
	if post.Equal(Compile{Optimizer: RMSprop(0.002), Loss: CategoricalCrossentropy, Metrics: []string{Accuracy}}) {
		t.Error("another learning rate compiles the same?")
	}
	if o := SGD(0.01, 0.9); o.Name != "sgd" || o.Momentum != 0.9 || Adam(0.002).Beta2 != 0.999 {
		t.Errorf("optimizers: %+v %+v", o, Adam(0.002))
	}
	for _, tc := range []struct {
		c    Compile
		want string
	}{
		{Compile{Optimizer: RMSprop(0.001), Loss: "mse", Metrics: []string{Accuracy}}, `loss "mse"`},
		{Compile{Optimizer: RMSprop(0.001), Loss: CategoricalCrossentropy, Metrics: []string{"auc"}}, `metric "auc"`},
		{Compile{Loss: CategoricalCrossentropy}, "no optimizer"},
		{Compile{Optimizer: RMSprop(-1), Loss: CategoricalCrossentropy}, "learning rate -1"},
	} {
		if err := tc.c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want an error containing %q", tc.c, err, tc.want)
		}
	}
}
