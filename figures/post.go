package figures

import (
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/post"
)

// PostNumbers are the numbers the KI-Werkstatt post reports for its run.
type PostNumbers struct {
	Params       int     // model.summary(): Total params
	TestLoss     float64 // model.evaluate
	TestAccuracy float64
	Goal         float64 // the test accuracy the post set out to reach
	NoiseClass   int     // what the net reads in its white-noise image
	NoiseProb    float64 // with this probability
	Seconds      float64 // model.fit on the author's GPU
	History      []cnnlib.EpochStats
}

// Post holds the post's numbers (package post) with its training
// history, as the figures and the notebooks compare against them.
var Post = PostNumbers{
	Params:       post.Params,
	TestLoss:     post.TestLoss,
	TestAccuracy: post.TestAccuracy,
	Goal:         post.Goal,
	NoiseClass:   post.NoiseClass,
	NoiseProb:    post.NoiseProb,
	Seconds:      post.Seconds,
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
	return &cnnlib.History{Epochs: append([]cnnlib.EpochStats(nil), Post.History...),
		TrainSamples: 54000, ValSamples: 6000, Seconds: Post.Seconds}
}

// PostImage is the test image the post looks at in Abb 3 (a 4).
const PostImage = 4

// PostCodeImages are the test images of Abb 6: two 4s and two 6s.
var PostCodeImages = []int{4, 6, 11, 21}
