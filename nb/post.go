package nb

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
)

// differsFromPost says where a model, its compile settings and its fit
// settings differ from the post's (neither the model's name nor the seed is
// compared: the post has neither); none means the shipped model is that
// model.
func differsFromPost(spec cnnlib.Spec, compile cnnlib.Compile, fit cnnlib.FitConfig) []string {
	var d []string
	post := cnnlib.PostModel()
	spec.Name = post.Name
	if !reflect.DeepEqual(spec, post) {
		d = append(d, lang.T("nb.differs.model"))
	}
	if !compile.Equal(cnnlib.PostCompile()) {
		d = append(d, lang.Sprintf("nb.differs.optimizer", compile.Optimizer.Name, compile.Optimizer.LearningRate))
	}
	postFit := cnnlib.PostFitConfig()
	if fit.Epochs != postFit.Epochs || fit.BatchSize != postFit.BatchSize || fit.Shuffle != postFit.Shuffle ||
		fit.ValidationSplit != postFit.ValidationSplit || fit.Validation != nil {
		d = append(d, lang.Sprintf("nb.differs.fit", fit.Epochs, fit.BatchSize, fit.Shuffle, fit.ValidationSplit))
	}
	if !fit.Schedule.IsConstant() { // the post keeps the rate
		d = append(d, lang.Sprintf("nb.differs.schedule", fit.Schedule.String()))
	}
	if !fit.Augment.IsZero() { // the post does not augment
		d = append(d, lang.Sprintf("nb.differs.augment", fit.Augment.String()))
	}
	return d
}

// Row is one line of a comparison with the post.
type Row struct {
	What, Post, Ours string
}

// paramsVsPost compares the parameter count of spec (Total params).
func paramsVsPost(spec cnnlib.Spec) Row {
	trainable, nonTrainable, err := spec.ParamCount()
	ours := lang.Thousands(trainable + nonTrainable)
	if err != nil {
		ours = "error: " + err.Error()
	}
	return Row{lang.T("nb.row.params"), lang.Thousands(figures.Post.Params), ours}
}

// accuracyVsPost compares the test accuracy.
func accuracyVsPost(ev cnnlib.Evaluation) Row {
	return Row{lang.T("nb.row.test_acc"), lang.Float(figures.Post.TestAccuracy, 4), lang.Float(ev.Accuracy, 4)}
}

// lossVsPost compares the test loss.
func lossVsPost(ev cnnlib.Evaluation) Row {
	return Row{lang.T("nb.row.test_loss"), lang.Float(figures.Post.TestLoss, 4), lang.Float(ev.Loss, 4)}
}

// NoiseVsPost compares what the net reads in the white noise.
func NoiseVsPost(p figures.Prediction) Row {
	ours := "-"
	if p.Class >= 0 && p.Class < len(p.Probabilities) {
		ours = lang.Sprintf("nb.row.class_at", p.Class, lang.Percent(float64(p.Probabilities[p.Class]), 2))
	}
	return Row{lang.T("nb.row.noise"), lang.Sprintf("nb.row.class_at", figures.Post.NoiseClass, lang.Percent(figures.Post.NoiseProb, 2)), ours}
}

// valAccVsPost compares the validation accuracy after the last epoch.
func valAccVsPost(h *cnnlib.History) Row {
	post := figures.Post.History[len(figures.Post.History)-1]
	r := Row{What: lang.T("nb.row.val_acc"), Post: lang.Sprintf("nb.row.at_epoch", post.ValAcc, post.Epoch), Ours: "-"}
	if h != nil && len(h.Epochs) > 0 {
		last := h.Epochs[len(h.Epochs)-1]
		r.Ours = lang.Sprintf("nb.row.at_epoch", last.ValAcc, last.Epoch)
	}
	return r
}

// timeVsPost compares the training time (the post trained on a GPU).
func timeVsPost(h *cnnlib.History) Row {
	r := Row{What: lang.T("nb.row.time"), Post: lang.Sprintf("nb.row.gpu_seconds", figures.Post.Seconds), Ours: "-"}
	if h != nil && h.Seconds > 0 {
		r.Ours = lang.Sprintf("nb.row.seconds", h.Seconds)
	}
	return r
}

// printVsPost prints rows as a table: what, the post's value, ours.
func printVsPost(w io.Writer, rows ...Row) {
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	fmt.Fprintln(tw, "\t"+lang.T("nb.post.keras")+"\t"+lang.T("nb.post.ours"))
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.What, r.Post, r.Ours)
	}
	tw.Flush()
}

// historyVsPost prints the post's epochs next to ours, one line per epoch.
func historyVsPost(w io.Writer, h *cnnlib.History) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, lang.T("nb.history.header"))
	n := len(figures.Post.History)
	if h != nil {
		n = max(n, len(h.Epochs))
	}
	for i := range n {
		cols := []string{fmt.Sprint(i + 1)}
		cols = append(cols, epochCols(figures.Post.History, i)...)
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
	return []string{lang.Float(e.Loss, 4), lang.Float(e.Acc, 4), lang.Float(e.ValLoss, 4), lang.Float(e.ValAcc, 4)}
}
