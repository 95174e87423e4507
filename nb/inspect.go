package nb

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
)

// NoiseSeed is the seed of the notebooks' white-noise image, the same as
// werkbank report's default, so both show the same dreams.
const NoiseSeed uint64 = 0

// PrintDistances prints the Euclidean distances between the codes of Abb 6
// as a table, then the mean distance within the groups (4 with 4, 6 with 6)
// and between the digits of different groups: the post's observation that
// each pair is coded almost alike, in numbers.
func writeDistances(w io.Writer, inputs []figures.CodeInput, dist [][]float64) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, in := range inputs {
		fmt.Fprintf(tw, "%s\t", in.Name)
	}
	fmt.Fprintln(tw)
	for i, row := range dist {
		fmt.Fprintf(tw, "%s\t", inputs[i].Name)
		for _, d := range row {
			fmt.Fprint(tw, lang.Float(d, 2)+"\t")
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	within, between := codeDistances(inputs, dist)
	if within > 0 || between > 0 {
		fmt.Fprintln(w, lang.Sprintf("nb.codes.distances",
			within, between, within/between))
	}
}

// codeDistances returns the mean distance between the codes of inputs in the
// same group and between inputs of different groups, leaving out group 0
// (the noise image).
func codeDistances(inputs []figures.CodeInput, dist [][]float64) (within, between float64) {
	var ws, bs float64
	var wn, bn int
	for i := range inputs {
		for j := i + 1; j < len(inputs) && j < len(dist[i]); j++ {
			gi, gj := inputs[i].Group, inputs[j].Group
			if gi == 0 || gj == 0 {
				continue
			}
			if gi == gj {
				ws += dist[i][j]
				wn++
			} else {
				bs += dist[i][j]
				bn++
			}
		}
	}
	if wn > 0 {
		within = ws / float64(wn)
	}
	if bn > 0 {
		between = bs / float64(bn)
	}
	return within, between
}
