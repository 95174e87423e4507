package figures

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"

	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// ReportInput is what a report is made of.
type ReportInput struct {
	Title     string
	Model     *cnnlib.Model
	History   *cnnlib.History // nil: no curves
	Test      cnnlib.Data     // the test set (images 4, 6, 11, 21 are used)
	Eval      *cnnlib.Data    // evaluation and confusion matrix data (default: Test)
	NoiseSeed uint64          // seed of the white-noise image
}

// Entry is one figure of a report, with the numbers printed beside it.
type Entry struct {
	Name    string // file base name, e.g. "abb1-accuracy"
	Heading string
	Figure  plots.Figure
	Text    string // preformatted text shown under the figure
}

// Report holds every figure of the post for one model, its texts in the
// language current when BuildReport made it.
type Report struct {
	Title      string
	Summary    string
	Evaluation cnnlib.Evaluation
	Noise      Prediction
	Distances  [][]float64
	Entries    []Entry

	language lang.Language // of the texts, for Write
}

// BuildReport computes every figure: Abb 1-6, the noise prediction, the code
// distances, the confusion matrix, saliency maps and activation maximisation.
func BuildReport(in ReportInput) (*Report, error) {
	m := in.Model
	r := &Report{Title: in.Title, language: lang.Current()}
	var sb strings.Builder
	if err := m.Spec.Summary(&sb); err != nil {
		return nil, err
	}
	r.Summary = sb.String()
	eval := in.Test
	if in.Eval != nil {
		eval = *in.Eval
	}
	ev, err := m.Evaluate(eval)
	if err != nil {
		return nil, err
	}
	r.Evaluation = ev
	if in.History != nil && len(in.History.Epochs) > 0 {
		if err := r.addCurves(in.History); err != nil {
			return nil, err
		}
	}
	if err := r.addPostFigures(m, in.Test, in.NoiseSeed); err != nil {
		return nil, err
	}
	if err := r.addBeyondPost(m, in.Test, in.NoiseSeed); err != nil {
		return nil, err
	}
	return r, nil
}

// add appends a figure as an entry; err is the error of making it, which
// add returns with the figure's name.
func (r *Report) add(name, heading string, fig plots.Figure, err error, text string) error {
	if err != nil {
		return fmt.Errorf("figure %s: %w", name, err)
	}
	r.Entries = append(r.Entries, Entry{Name: name, Heading: heading, Figure: fig, Text: text})
	return nil
}

// addCurves adds Abb 1 and 2, the training curves of h.
func (r *Report) addCurves(h *cnnlib.History) error {
	f, err := Accuracy(h)
	if err := r.add("abb1-accuracy", lang.T("figures.report.accuracy"), f, err, ""); err != nil {
		return err
	}
	f, err = Loss(h)
	return r.add("abb2-loss", lang.T("figures.report.loss"), f, err, "")
}

// addPostFigures adds the figures of the post that look inside m: Abb 3 for
// the post's 4 of test, Abb 4 and 5 and the reading of the white noise of
// noiseSeed, and Abb 6 with the codes' distances.
func (r *Report) addPostFigures(m *cnnlib.Model, test cnnlib.Data, noiseSeed uint64) error {
	if test.Len() <= PostImage {
		return fmt.Errorf("figures: the test set has %d images; the post's figures need at least %d", test.Len(), PostCodeImages[len(PostCodeImages)-1]+1)
	}
	four := test.Slice(PostImage, PostImage+1).Images()
	f, err := Filters(m, four)
	if err := r.add("abb3-filters", lang.T("figures.report.filters"), f, err, ""); err != nil {
		return err
	}
	noise := Noise(m, noiseSeed)
	for i, index := range ConvLayers(m) {
		f, err := Dream(m, noise, index)
		heading := lang.Sprintf("figures.report.dream", 4+min(i, 1), index, m.Layers[index].Name)
		if err := r.add(fmt.Sprintf("abb4-noise-layer%d", index), heading, f, err, ""); err != nil {
			return err
		}
	}
	pred, f, err := Predict(m, noise, lang.T("figures.report.noise_title"))
	if err != nil {
		return fmt.Errorf("figure noise-prediction: %w", err)
	}
	r.Noise = pred
	if err := r.add("noise-prediction", lang.Sprintf("figures.report.noise",
		pred.Class, float64(pred.Probabilities[pred.Class])*100, Post.NoiseClass, Post.NoiseProb*100), f, err, pred.String()); err != nil {
		return err
	}
	inputs, err := PostCodeInputs(noise, test)
	if err != nil {
		return err
	}
	f, dist, distFig, err := Codes(m, inputs)
	if err := r.add("abb6-codes", lang.T("figures.report.codes"), f, err, ""); err != nil {
		return err
	}
	r.Distances = dist
	return r.add("abb6-distances", lang.T("figures.report.distances"), distFig, nil, formatDistances(inputs, dist))
}

// addBeyondPost adds the figures the post does not have: the confusion
// matrix of r's evaluation, saliency maps of the post's test images and
// what the first filters look for, from noise of noiseSeed.
func (r *Report) addBeyondPost(m *cnnlib.Model, test cnnlib.Data, noiseSeed uint64) error {
	f, err := ConfusionFigure(r.Evaluation.Confusion)
	if err := r.add("confusion-matrix", lang.Sprintf("figures.report.confusion", r.Evaluation.Accuracy*100), f, err, formatConfusion(r.Evaluation.Confusion)); err != nil {
		return err
	}
	var imgs [][]float32
	for _, index := range PostCodeImages {
		imgs = append(imgs, test.Slice(index, index+1).Images())
	}
	f, err = Saliency(m, imgs)
	if err := r.add("saliency", lang.T("figures.report.saliency"), f, err, ""); err != nil {
		return err
	}
	f, err = Maximized(m, 0, 16, noiseSeed)
	return r.add("activation-maximization", lang.T("figures.report.maximization"), f, err, "")
}

func formatDistances(inputs []CodeInput, dist [][]float64) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-14s", "")
	for _, in := range inputs {
		fmt.Fprintf(&b, "%14s", in.Name)
	}
	b.WriteString("\n")
	for i, row := range dist {
		fmt.Fprintf(&b, "%-14s", inputs[i].Name)
		for _, d := range row {
			fmt.Fprintf(&b, "%14s", lang.Float(d, 2))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func formatConfusion(cm [][]int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-9s", lang.T("figures.report.true_pred"))
	for j := range cm {
		fmt.Fprintf(&b, "%6d", j)
	}
	b.WriteString("\n")
	for i, row := range cm {
		fmt.Fprintf(&b, "%9d", i)
		for _, c := range row {
			fmt.Fprintf(&b, "%6d", c)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Write writes every figure as PNG and SVG and a self-contained report.html
// (figures embedded as data URIs: it needs no network and no other file) to
// dir, atomically: dir holds the previous report or the new one, never half.
func (r *Report) Write(dir string) error {
	return atomicfile.WriteDir(dir, func(tmp string) error {
		type htmlEntry struct {
			Entry
			PNG template.URL
		}
		var entries []htmlEntry
		for _, e := range r.Entries {
			if _, _, err := plots.SaveAll(e.Figure, tmp, e.Name); err != nil {
				return err
			}
			png, err := os.ReadFile(filepath.Join(tmp, e.Name+".png"))
			if err != nil {
				return err
			}
			entries = append(entries, htmlEntry{Entry: e, PNG: template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))})
		}
		var buf bytes.Buffer
		ev := r.Evaluation
		err := reportTemplate.Execute(&buf, map[string]any{"R": r, "Entries": entries,
			"Lang":    lang.In(r.language, "figures.report.html_lang"),
			"Numbers": lang.In(r.language, "figures.report.numbers", ev.Loss, ev.Accuracy, ev.Samples, Post.TestLoss, Post.TestAccuracy),
			"Summary": lang.In(r.language, "figures.report.summary")})
		if err != nil {
			return err
		}
		return atomicfile.WriteFile(filepath.Join(tmp, "report.html"), buf.Bytes())
	})
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.R.Title}}</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:13px}
img{max-width:100%;height:auto;border:1px solid #ddd}
h2{margin-top:2em;border-bottom:1px solid #ddd}
</style></head><body>
<h1>{{.R.Title}}</h1>
<p>{{.Numbers}}</p>
<h2>{{.Summary}}</h2>
<pre>{{.R.Summary}}</pre>
{{range .Entries}}<h2>{{.Heading}}</h2>
<img src="{{.PNG}}" alt="{{.Heading}}">
{{if .Text}}<pre>{{.Text}}</pre>{{end}}
{{end}}
</body></html>
`))
