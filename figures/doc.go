// Package figures makes every figure of the KI-Werkstatt post from a trained
// cnnlib.Model: the training curves (Abb 1, 2), what nine filters of each
// convolution make of a 4 (Abb 3), the white-noise "dreams" of every filter
// (Abb 4, 5) with the net's reading of the noise, and the 3x3x16 codes the
// fully connected part receives (Abb 6) with their distances. Beyond the post
// it draws the confusion matrix, saliency maps, Grad-CAM (GradCAM: where the
// last convolution finds its evidence for the digit read), the net's worst
// mistakes (Mistakes: the test images of the highest loss) and activation
// maximisation.
//
// Each function returns a plots.Figure (PNG or SVG, shown inline in GoNB
// with plots.Show) and, where the post prints numbers, those numbers too.
// BuildReport makes all of them and Report.Write writes them as files plus a
// self-contained report.html.
//
// Post holds what the post reports (its test accuracy and loss, its goal,
// its training history): the one place the post's facts are written down.
// The studies and the notebooks take them from here; package plots gets
// them as parameters.
//
// Every text a figure shows (titles, axis labels, legends, captions) comes
// from package lang's figures catalog in the current language (lang.Set):
// English or German, the German with the post's own captions ("Abb 1:
// Anstieg der Genauigkeit über die Epochen"), which the English figures
// carry too, as the post's figures do. Only the post's figures (Accuracy,
// Loss, Filters, Dream, Codes) carry the post's "Abb" numbers; the curves
// of other runs (RunAccuracy, RunLoss, Compare) carry none.
package figures
