package plots

import "testing"

func TestLegendAvoidsData(t *testing.T) {
	area := rect(0, 0, 400, 300)
	leg := legend{{label: "Training acc", marker: true}, {label: "Validation acc", line: true}}
	w, h := leg.size()
	// Rising data fills the upper right and the lower left.
	rising := []float64{}
	for x := 0.0; x <= 400; x += 20 {
		rising = append(rising, x, 20+x*0.65)
	}
	r := leg.place(area, [][]float64{rising})
	if !(r.Min.X < 100 && r.Max.Y > 250) && !(r.Min.X > 200 && r.Min.Y < 50) {
		t.Errorf("legend at %v, want upper left or lower right", r)
	}
	if _, hit := clipSegment(0, 20, 400, 280, [4]float64{float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)}); hit {
		t.Errorf("legend %v covers the data line", r)
	}
	if float64(r.Max.X-r.Min.X) != w || float64(r.Max.Y-r.Min.Y) != h {
		t.Errorf("legend box %v, want %vx%v", r, w, h)
	}
	// Without data the legend goes to the upper right, as in matplotlib.
	if r := leg.place(area, nil); r.Max.X != 400-legendInset || r.Max.Y != 300-legendInset {
		t.Errorf("empty chart: legend at %v, want upper right", r)
	}
}
