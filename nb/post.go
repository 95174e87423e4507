package nb

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
)

// PostNumbers are the numbers the KI-Werkstatt post reports for its run.
type PostNumbers struct {
	Params       int     // model.summary(): Total params
	TestLoss     float64 // model.evaluate
	TestAccuracy float64
	NoiseClass   int     // what the net reads in its white-noise image
	NoiseProb    float64 // with this probability
	Seconds      float64 // model.fit on the author's GPU
	History      []cnnlib.EpochStats
}

// Post holds the post's numbers, copied from its printed outputs.
var Post = PostNumbers{
	Params:       43290,
	TestLoss:     0.04145347746014595,
	TestAccuracy: 0.9926,
	NoiseClass:   8,
	NoiseProb:    0.9777,
	Seconds:      59.30845069885254,
	History: []cnnlib.EpochStats{
		{Epoch: 1, Loss: 1.0720, Acc: 0.7441, ValLoss: 0.3139, ValAcc: 0.9468, Seconds: 6},
		{Epoch: 2, Loss: 0.3658, Acc: 0.9182, ValLoss: 0.1452, ValAcc: 0.9757, Seconds: 4},
		{Epoch: 3, Loss: 0.2454, Acc: 0.9421, ValLoss: 0.1299, ValAcc: 0.9738, Seconds: 4},
		{Epoch: 4, Loss: 0.2036, Acc: 0.9523, ValLoss: 0.0965, ValAcc: 0.9822, Seconds: 4},
		{Epoch: 5, Loss: 0.1733, Acc: 0.9592, ValLoss: 0.0880, ValAcc: 0.9830, Seconds: 4},
		{Epoch: 6, Loss: 0.1543, Acc: 0.9645, ValLoss: 0.0770, ValAcc: 0.9870, Seconds: 4},
		{Epoch: 7, Loss: 0.1407, Acc: 0.9677, ValLoss: 0.0819, ValAcc: 0.9855, Seconds: 4},
		{Epoch: 8, Loss: 0.1307, Acc: 0.9707, ValLoss: 0.0685, ValAcc: 0.9880, Seconds: 4},
		{Epoch: 9, Loss: 0.1209, Acc: 0.9729, ValLoss: 0.0648, ValAcc: 0.9892, Seconds: 4},
		{Epoch: 10, Loss: 0.1107, Acc: 0.9760, ValLoss: 0.0722, ValAcc: 0.9875, Seconds: 4},
		{Epoch: 11, Loss: 0.1061, Acc: 0.9760, ValLoss: 0.0655, ValAcc: 0.9875, Seconds: 4},
		{Epoch: 12, Loss: 0.1023, Acc: 0.9778, ValLoss: 0.0621, ValAcc: 0.9880, Seconds: 4},
		{Epoch: 13, Loss: 0.0992, Acc: 0.9784, ValLoss: 0.0706, ValAcc: 0.9878, Seconds: 4},
		{Epoch: 14, Loss: 0.0940, Acc: 0.9796, ValLoss: 0.0567, ValAcc: 0.9902, Seconds: 4},
		{Epoch: 15, Loss: 0.0896, Acc: 0.9802, ValLoss: 0.0595, ValAcc: 0.9887, Seconds: 4},
	},
}

// PostHistory returns the post's training history (model.fit's output) as a
// cnnlib.History, to draw next to ours.
func PostHistory() *cnnlib.History {
	h := &cnnlib.History{Epochs: append([]cnnlib.EpochStats(nil), Post.History...),
		TrainSamples: 54000, ValSamples: 6000, Seconds: Post.Seconds}
	return h
}

// Row is one line of a comparison with the post.
type Row struct {
	What, Post, Ours string
}

// ParamsVsPost compares the parameter count of spec (Total params).
func ParamsVsPost(spec cnnlib.Spec) Row {
	trainable, nonTrainable, err := spec.ParamCount()
	ours := thousands(trainable + nonTrainable)
	if err != nil {
		ours = "error: " + err.Error()
	}
	return Row{"Total params (model.summary)", thousands(Post.Params), ours}
}

// AccuracyVsPost compares the test accuracy.
func AccuracyVsPost(ev cnnlib.Evaluation) Row {
	return Row{"Test accuracy (model.evaluate)", fmt.Sprintf("%.4f", Post.TestAccuracy), fmt.Sprintf("%.4f", ev.Accuracy)}
}

// LossVsPost compares the test loss.
func LossVsPost(ev cnnlib.Evaluation) Row {
	return Row{"Test loss (model.evaluate)", fmt.Sprintf("%.4f", Post.TestLoss), fmt.Sprintf("%.4f", ev.Loss)}
}

// NoiseVsPost compares what the net reads in the white noise.
func NoiseVsPost(p figures.Prediction) Row {
	ours := "-"
	if p.Class >= 0 && p.Class < len(p.Probabilities) {
		ours = fmt.Sprintf("%d @ %.2f%%", p.Class, p.Probabilities[p.Class]*100)
	}
	return Row{"Noise read as (model.predict)", fmt.Sprintf("%d @ %.2f%%", Post.NoiseClass, Post.NoiseProb*100), ours}
}

// ValAccVsPost compares the validation accuracy after the last epoch.
func ValAccVsPost(h *cnnlib.History) Row {
	post := Post.History[len(Post.History)-1]
	r := Row{What: "val_acc after the last epoch", Post: fmt.Sprintf("%.4f (epoch %d)", post.ValAcc, post.Epoch), Ours: "-"}
	if h != nil && len(h.Epochs) > 0 {
		last := h.Epochs[len(h.Epochs)-1]
		r.Ours = fmt.Sprintf("%.4f (epoch %d)", last.ValAcc, last.Epoch)
	}
	return r
}

// TimeVsPost compares the training time (the post trained on a GPU).
func TimeVsPost(h *cnnlib.History) Row {
	r := Row{What: "Training time (model.fit)", Post: fmt.Sprintf("%.0f s (GPU)", Post.Seconds), Ours: "-"}
	if h != nil && h.Seconds > 0 {
		r.Ours = fmt.Sprintf("%.0f s", h.Seconds)
	}
	return r
}

// PrintVsPost prints rows as a table: what, the post's value, ours.
func PrintVsPost(w io.Writer, rows ...Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "\tthe post (Keras)\tours (Go)")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.What, r.Post, r.Ours)
	}
	tw.Flush()
}

// HistoryVsPost prints the post's epochs next to ours, one line per epoch.
func HistoryVsPost(w io.Writer, h *cnnlib.History) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "epoch\tpost: loss\tacc\tval_loss\tval_acc\t\tours: loss\tacc\tval_loss\tval_acc\t")
	n := len(Post.History)
	if h != nil {
		n = max(n, len(h.Epochs))
	}
	for i := range n {
		cols := []string{fmt.Sprint(i + 1)}
		cols = append(cols, epochCols(Post.History, i)...)
		cols = append(cols, "")
		var ours []cnnlib.EpochStats
		if h != nil {
			ours = h.Epochs
		}
		cols = append(cols, epochCols(ours, i)...)
		fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
	}
	tw.Flush()
}

func epochCols(epochs []cnnlib.EpochStats, i int) []string {
	if i >= len(epochs) {
		return []string{"", "", "", ""}
	}
	e := epochs[i]
	return []string{fmt.Sprintf("%.4f", e.Loss), fmt.Sprintf("%.4f", e.Acc), fmt.Sprintf("%.4f", e.ValLoss), fmt.Sprintf("%.4f", e.ValAcc)}
}
