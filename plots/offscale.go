package plots

import (
	"math"
	"slices"
	"strings"

	"github.com/kiwerkstatt/werkbank/lang"
)

// offScale reports the series that would squash the others into a flat
// band: among three or more, a series whose last value lies far from the
// median of the last values (more than 3 robust standard deviations,
// 1.4826 times the median absolute deviation) and whose values would
// stretch the vertical range of the other series to more than 3 times
// its size. A far-off last value alone is not enough: a run that ends at
// a loss of 0.045 among runs at 0.025 stays when the others started at
// 0.08. Far off means above or below, so that it serves accuracies and
// losses alike.
func offScale(ss []series) []bool {
	off := make([]bool, len(ss))
	if len(ss) < 3 {
		return off
	}
	lasts := make([]float64, len(ss))
	var finite []float64
	for i, s := range ss {
		v, ok := lastFinite(s.values)
		lasts[i] = v
		if ok {
			finite = append(finite, v)
		}
	}
	if len(finite) < 3 {
		return off
	}
	m := median(finite)
	dev := make([]float64, len(finite))
	for i, v := range finite {
		dev[i] = math.Abs(v - m)
	}
	limit := 3 * 1.4826 * median(dev)
	far := func(i int) bool { return !math.IsNaN(lasts[i]) && math.Abs(lasts[i]-m) > limit }
	lo, hi := math.Inf(1), math.Inf(-1) // of the bulk
	for i, s := range ss {
		if !far(i) {
			lo, hi = finiteRange(s.values, lo, hi)
		}
	}
	if lo > hi {
		return off
	}
	// A bulk of constant values still has a scale: a hundredth of its level.
	span := math.Max(hi-lo, 0.01*math.Abs(m))
	for i, s := range ss {
		if far(i) {
			slo, shi := finiteRange(s.values, lo, hi)
			off[i] = shi-slo > 3*span
		}
	}
	return off
}

// dropOffScale returns the series that are not off the scale and a note
// that names the others with their last values, or "" when none is.
func dropOffScale(ss []series) (kept []series, note string) {
	var far []string
	for i, off := range offScale(ss) {
		if !off {
			kept = append(kept, ss[i])
			continue
		}
		v, _ := lastFinite(ss[i].values)
		far = append(far, lang.Sprintf("plots.offscale.series", ss[i].label, v))
	}
	if len(far) == 0 {
		return ss, ""
	}
	return kept, lang.Sprintf("plots.offscale.note", strings.Join(far, ", "))
}

// lastFinite returns the last finite value of vs; ok is false when there
// is none (and v is NaN).
func lastFinite(vs []float64) (v float64, ok bool) {
	for i := len(vs) - 1; i >= 0; i-- {
		if !math.IsNaN(vs[i]) && !math.IsInf(vs[i], 0) {
			return vs[i], true
		}
	}
	return math.NaN(), false
}

// finiteRange widens [lo, hi] to the finite values of vs.
func finiteRange(vs []float64, lo, hi float64) (float64, float64) {
	for _, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi
}

// median returns the median of vs, which it does not change.
func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
