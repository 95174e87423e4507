package study

import (
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
	"github.com/kiwerkstatt/werkbank/post"
)

// AccuracyDistribution returns the Distribution of the test accuracies of
// the samples, for plots.Strip, with marks at the bars a configuration is
// measured against: the post's result, its goal and post.HighBar. Its
// texts and the marks' numbers are in the current language.
func AccuracyDistribution(samples ...plots.Sample) plots.Distribution {
	return plots.Distribution{
		Title:   lang.T("study.figure.accuracy"),
		XLabel:  lang.T("study.figure.accuracy"),
		Samples: samples,
		Marks: []plots.Mark{
			{X: post.TestAccuracy, Label: lang.Sprintf("study.mark.post", post.TestAccuracy)},
			{X: post.Goal, Label: lang.Sprintf("study.mark.goal", post.Goal)},
			{X: post.HighBar, Label: lang.Fmt("%v", post.HighBar)},
		},
		Decimals: 4,
	}
}
