package study

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/plots"
	"github.com/kiwerkstatt/werkbank/post"
)

// AccuracyDistribution returns the Distribution of the test accuracies of
// the samples, for plots.Strip, with marks at the bars a configuration is
// measured against: the post's result, its goal and post.HighBar.
func AccuracyDistribution(samples ...plots.Sample) plots.Distribution {
	return plots.Distribution{
		Title:   "Test accuracy",
		XLabel:  "Test accuracy",
		Samples: samples,
		Marks: []plots.Mark{
			{X: post.TestAccuracy, Label: fmt.Sprintf("post %v", post.TestAccuracy)},
			{X: post.Goal, Label: fmt.Sprintf("goal %v", post.Goal)},
			{X: post.HighBar, Label: fmt.Sprint(post.HighBar)},
		},
		Decimals: 4,
	}
}
