// Package figures makes every figure of the KI-Werkstatt post from a trained
// cnnlib.Model: the training curves (Abb 1, 2), what nine filters of each
// convolution make of a 4 (Abb 3), the white-noise "dreams" of every filter
// (Abb 4, 5) with the net's reading of the noise, and the 3x3x16 codes the
// fully connected part receives (Abb 6) with their distances. Beyond the post
// it draws the confusion matrix, saliency maps and activation maximisation.
//
// Each function returns a plots.Figure (PNG or SVG, shown inline in GoNB
// with plots.Show) and, where the post prints numbers, those numbers too.
// BuildReport makes all of them and Report.Write writes them as files plus a
// self-contained report.html.
//
// Post holds what the post reports (its test accuracy and loss, its goal,
// its training history) and post.go its captions: the one place the post's
// facts are written down. The studies and the notebooks take them from
// here; package plots gets them as parameters.
package figures
