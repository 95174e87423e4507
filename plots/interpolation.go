package plots

import (
	"fmt"
	"math"
)

// Interpolation selects how a small map is scaled up to its cell.
// The zero value is Nearest.
type Interpolation int

const (
	// Nearest shows every value as a square block of pixels, like
	// matplotlib's interpolation='none' or 'nearest'.
	Nearest Interpolation = iota
	// Smooth resamples with a windowed sinc (Lanczos, three lobes),
	// close to matplotlib's interpolation='sinc'. Overshoot at edges is
	// clipped to the colour range.
	Smooth
)

// String returns the name of the interpolation.
func (in Interpolation) String() string {
	switch in {
	case Nearest:
		return "nearest"
	case Smooth:
		return "smooth"
	}
	return fmt.Sprintf("Interpolation(%d)", int(in))
}

func (in Interpolation) valid() bool { return in == Nearest || in == Smooth }

// lanczosA is the number of lobes of the Lanczos window.
const lanczosA = 3

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	x *= math.Pi
	return math.Sin(x) / x
}

func lanczos(x float64) float64 {
	if x <= -lanczosA || x >= lanczosA {
		return 0
	}
	return sinc(x) * sinc(x/lanczosA)
}

// tap is one source sample contributing to an output sample.
type tap struct {
	idx int
	w   float64
}

// axisTaps returns, for each of out output samples along an axis of n
// input samples, the input samples and weights that make it up. Pixel
// centres are aligned: output i sits at input coordinate
// (i+0.5)*n/out - 0.5. Indices beyond the edges are clamped.
func axisTaps(n, out int, in Interpolation) [][]tap {
	taps := make([][]tap, out)
	scale := float64(n) / float64(out)
	for i := range taps {
		if in == Nearest {
			j := int(math.Floor((float64(i) + 0.5) * scale))
			taps[i] = []tap{{clampInt(j, 0, n-1), 1}}
			continue
		}
		x := (float64(i)+0.5)*scale - 0.5
		// When shrinking, widen the kernel so that it averages.
		support := math.Max(1, scale)
		lo := int(math.Floor(x - lanczosA*support + 1))
		hi := int(math.Ceil(x + lanczosA*support - 1))
		var ts []tap
		var sum float64
		for j := lo; j <= hi; j++ {
			w := lanczos((x - float64(j)) / support)
			if w == 0 {
				continue
			}
			ts = append(ts, tap{clampInt(j, 0, n-1), w})
			sum += w
		}
		for k := range ts {
			ts[k].w /= sum
		}
		taps[i] = ts
	}
	return taps
}

// resample scales v (rows×cols, row-major) to outH×outW. Smooth results
// are clamped to [0, 1], the range of normalised map values.
func resample(v []float64, rows, cols, outW, outH int, in Interpolation) []float64 {
	tx := axisTaps(cols, outW, in)
	ty := axisTaps(rows, outH, in)
	// Horizontal pass: rows × outW.
	tmp := make([]float64, rows*outW)
	for r := 0; r < rows; r++ {
		src := v[r*cols : (r+1)*cols]
		for i, ts := range tx {
			var s float64
			for _, t := range ts {
				s += src[t.idx] * t.w
			}
			tmp[r*outW+i] = s
		}
	}
	// Vertical pass: outH × outW.
	out := make([]float64, outH*outW)
	for j, ts := range ty {
		for i := 0; i < outW; i++ {
			var s float64
			for _, t := range ts {
				s += tmp[t.idx*outW+i] * t.w
			}
			out[j*outW+i] = math.Min(1, math.Max(0, s))
		}
	}
	return out
}

func clampInt(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
