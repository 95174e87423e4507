package plots

import "fmt"

// Option adjusts a chart: TrainingCurve, CompareCurves, ProbabilityBars,
// Strip, Heatmap, ConfusionMatrix and DistanceMatrix. A chart ignores options
// that do not apply to it.
type Option func(*config)

// config collects the options of a chart; nil pointers mean "default".
type config struct {
	w, h           int
	title, caption *string
	xlabel, ylabel *string
	ymin, ymax     *float64
	colormap       *Colormap
	format         string
	colorbar       *bool
}

func newConfig(opts []Option) *config {
	c := &config{}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	return c
}

// str returns the option value p, or def when the option was not given.
func str(p *string, def string) string {
	if p != nil {
		return *p
	}
	return def
}

// size returns the chart size, or the default.
func (c *config) size(defW, defH int) (int, int, error) {
	w, h := defW, defH
	if c.w != 0 || c.h != 0 {
		w, h = c.w, c.h
	}
	if w < 120 || h < 100 || w > 8000 || h > 8000 {
		return 0, 0, fmt.Errorf("size %d×%d out of range (120..8000 × 100..8000 pixels)", w, h)
	}
	return w, h, nil
}

// WithSize sets the size of a chart in pixels.
func WithSize(w, h int) Option { return func(c *config) { c.w, c.h = w, h } }

// WithTitle sets the title drawn above a chart; "" removes it.
func WithTitle(title string) Option { return func(c *config) { c.title = &title } }

// WithCaption sets the caption drawn under a chart, such as a figure's
// number and what it shows; "" removes it.
func WithCaption(caption string) Option { return func(c *config) { c.caption = &caption } }

// WithXLabel sets the label of the horizontal axis; "" removes it.
func WithXLabel(label string) Option { return func(c *config) { c.xlabel = &label } }

// WithYLabel sets the label of the vertical axis; "" removes it.
func WithYLabel(label string) Option { return func(c *config) { c.ylabel = &label } }

// WithYRange fixes the range of the vertical axis of a line chart instead
// of fitting it to the data.
func WithYRange(min, max float64) Option {
	return func(c *config) { c.ymin, c.ymax = &min, &max }
}

// WithColormap sets the colormap of a heatmap.
func WithColormap(cm Colormap) Option { return func(c *config) { c.colormap = &cm } }

// WithFormat sets the fmt verb used to print the values in the cells of a
// heatmap, such as "%.1f"; "-" prints no values.
func WithFormat(format string) Option { return func(c *config) { c.format = format } }

// WithColorbar shows or hides the colour scale next to a heatmap.
func WithColorbar(show bool) Option { return func(c *config) { c.colorbar = &show } }
