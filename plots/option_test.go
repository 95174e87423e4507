package plots

import "testing"

func TestOptions(t *testing.T) {
	cfg := newConfig([]Option{
		WithSize(800, 600), WithTitle("T"), WithCaption(""), WithXLabel("x"), WithYLabel("y"),
		WithYRange(0, 1), WithColormap(Magma), WithFormat("%.1f"), WithColorbar(false), nil,
	})
	txt := chartText{title: "default", caption: "default", xlabel: "default", ylabel: "default"}.apply(cfg)
	if txt != (chartText{title: "T", caption: "", xlabel: "x", ylabel: "y"}) {
		t.Errorf("texts %+v", txt)
	}
	if w, h, err := cfg.size(1, 1); err != nil || w != 800 || h != 600 {
		t.Errorf("size = %d, %d, %v", w, h, err)
	}
	if *cfg.ymin != 0 || *cfg.ymax != 1 || *cfg.colormap != Magma || cfg.format != "%.1f" || *cfg.colorbar {
		t.Errorf("config %+v", cfg)
	}
	// Without options the defaults hold.
	def := newConfig(nil)
	if txt := (chartText{title: "a"}).apply(def); txt.title != "a" {
		t.Errorf("default title lost: %+v", txt)
	}
	if w, h, err := def.size(640, 480); err != nil || w != 640 || h != 480 {
		t.Errorf("default size = %d, %d, %v", w, h, err)
	}
	if _, _, err := newConfig([]Option{WithSize(50, 9000)}).size(640, 480); err == nil {
		t.Error("bad size accepted")
	}
}
