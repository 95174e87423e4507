// Package plots draws the charts and image grids of a small image
// classifier from plain Go values: training curves, feature maps, class
// probabilities, distributions over runs and annotated matrices. It knows
// no particular model or blog post: titles, captions and marks are
// parameters (package figures fills them in for the KI-Werkstatt post).
//
// Every constructor returns a Figure, which renders to PNG or to a
// self-contained SVG (no scripts, no web fonts, no external references;
// bitmaps are embedded as PNG data URIs). Save writes a figure to a file,
// SaveAll writes both formats, and Show displays a figure inline when the
// program runs inside a GoNB notebook cell.
//
// The figure types are:
//
//   - TrainingCurve and CompareCurves: training histories
//     (training as dots, validation as a line).
//   - Row, Grid and Columns: image grids of feature maps, drawn like
//     matplotlib's imshow with a colormap and nearest-neighbour or
//     windowed-sinc interpolation.
//   - ProbabilityBars: a class probability bar chart.
//   - Strip: the distribution of a quantity over runs, such as the test
//     accuracy of several seeds, as a row of dots per configuration.
//   - Heatmap, ConfusionMatrix and DistanceMatrix: annotated matrices.
//   - SideBySide and Stack: several figures combined into one.
//
// Figures measure sizes in pixels: the PNG of a figure of Size w×h is
// exactly w×h pixels and its SVG has width and height w×h CSS pixels.
// Text uses the Liberation Sans font (metric-compatible with Arial), which
// is embedded in the binary for PNG output; SVG output names it with
// Arial, Helvetica and sans-serif as fallbacks. Digits are set tabular,
// without kerning between two digits, so that "11" keeps its two glyphs
// apart and numbers line up.
//
// Titles, captions, labels and marks that the caller passes are drawn as
// they are. The few words a figure draws when its caller passes none
// (default axis labels and legend entries, the key of a strip chart, the
// note on curves left out) come from package lang's catalog in the
// current language (lang.Current), and every number plots prints by
// itself (tick labels, colour bar scales, the values on bars) uses that
// language's decimal separator: 0.9926 and 99.26% in English, 0,9926 and
// 99,26 % in German.
//
// Inputs are validated: mismatched sizes, empty inputs and non-finite
// values yield errors that name the offending map, row or index.
// Feature maps are scaled per map from their minimum to their maximum like
// matplotlib's imshow; a constant map (an all-zero ReLU output, say) is
// drawn in the lowest colour of the colormap.
package plots // import "github.com/kiwerkstatt/werkbank/plots"
