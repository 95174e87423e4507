package study

import "testing"

func TestConfiguration(t *testing.T) {
	train := trainFlags()
	for _, tc := range []struct {
		r    Result
		want string
	}{
		{Result{Command: "werkbank train --seed 4 --out runs/blog-seed-4 --no-report"}, "werkbank train"},
		{Result{Command: "werkbank train --no-report --epochs 2 --lr=0.001 --seed=3 --out=runs/x"}, "werkbank train --epochs 2 --lr=0.001"},
		{Result{Command: "werkbank train -seed 1 --no-report=true --dropout 0.3"}, "werkbank train --dropout 0.3"},
		// Train flags at their default value train the same model: a sweep's
		// --epochs 15 groups with a run that left it out.
		{Result{Command: "werkbank train --no-report --epochs 15 --augment --dropout=0.4 --batch-size 100 --seed 2"}, "werkbank train --augment --batch-size 100"},
		{Result{Command: "werkbank train --augment=false --no-shuffle --dataset mnist --backend onnx"}, "werkbank train --no-shuffle --backend onnx"},
		// A flag train does not know keeps its words as they are.
		{Result{Command: "werkbank train --future 15 --epochs 15"}, "werkbank train --future 15"},
		{Result{Tool: "pytorch", Backend: "torch-1.13.0 cuda"}, "pytorch torch-1.13.0 cuda"},
		{Result{Backend: "go"}, "go"},
		{Result{}, "(no command, tool or backend)"},
	} {
		if got := Configuration(tc.r, train); got != tc.want {
			t.Errorf("configuration of %+v = %q, want %q", tc.r, got, tc.want)
		}
	}
}
