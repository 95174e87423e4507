package nb

import (
	"bytes"
	"fmt"
	"html"
	"image/png"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
	"github.com/kiwerkstatt/werkbank/plots"
)

// Draw is the drawing cell: a 280x280 box to draw a digit in with the mouse
// or a finger, with Clear and Done buttons. Whenever a stroke ends, the page
// sends the drawing to the cell's program, which prepares it the way
// MNIST's digits were prepared (digitimage.Prepare), lets the current model
// read it and shows, in place below the box, the 28x28 image the net sees,
// its ten class probabilities and the feature maps of its first
// convolution. The cell runs until Done, Jupyter's stop button or
// $WERKBANK_PLAY_IDLE (15 minutes) without a stroke; then the box gives way
// to the last drawing, so that the saved notebook holds no script.
//
// Where nothing can be drawn (nbconvert --execute, a page that does not
// answer within a few seconds) the cell shows instead why, and what the net
// makes of a drawing that ships with the repository (DrawFallback) as if it
// had been drawn. Outside a notebook it prints what the net reads in that
// drawing. Errors (no model yet) end the cell.
func (n *Notebook) Draw() {
	m := n.Model()
	s, err := currentPlaySettings()
	Check(err)
	if !gonbui.IsNotebook {
		Check(drawText(n, m))
		return
	}
	Check(runDraw(m, &gonbPage{}, s, gonbui.UniqueId()))
}

// PickImage is the slider cell: a slider (gonbui/widgets.Slider) over the
// test images and a Done button; the figure below it, Abb 3
// (figures.Filters: what each convolution makes of the image), follows the
// slider in place, captioned with the image's label and what the net reads.
// It starts at the post's image (figures.PostImage) and ends as Draw does;
// where no page answers it shows that image's figure with a sentence why.
func (n *Notebook) PickImage() {
	m := n.Model()
	d := n.Data()
	s, err := currentPlaySettings()
	Check(err)
	images := pickImages{count: d.Test.Count, image: d.TestImage, label: func(i int) int { return int(d.Test.Labels[i]) }}
	if !gonbui.IsNotebook {
		caption, _, err := pickFigure(m, images, figures.PostImage)
		Check(err)
		fmt.Fprintln(n.out(), caption)
		return
	}
	Check(runPick(m, images, &gonbPage{}, s, gonbui.UniqueId()))
}

// thinkFallback is what the net makes of the shipped drawing that stands
// in for one drawn by hand, with the drawing (PNG) and its name.
func thinkFallback(m *cnnlib.Model) (t drawThought, data []byte, name string, err error) {
	data, name = fallbackDrawing()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return t, data, name, err
	}
	t, err = think(m, img)
	return t, data, name, err
}

// drawText is Draw outside a notebook: what the net reads in the fallback
// drawing.
func drawText(n *Notebook, m *cnnlib.Model) error {
	t, _, name, err := thinkFallback(m)
	if err != nil {
		return err
	}
	if t.blank {
		return fmt.Errorf("the fallback drawing %s has no ink", name)
	}
	fmt.Fprintf(n.out(), "%s: %s\n", name, lang.Sprintf("nb.draw.reads", t.class, 100*t.prob))
	return nil
}

// runDraw runs the Draw cell on page p; uid makes its ids unique.
func runDraw(m *cnnlib.Model, p playPage, s playSettings, uid string) error {
	if s.mode == playStatic {
		return drawStatic(m, p, "nb.draw.headless", 0)
	}
	ids := newDrawIDs(uid)
	box, err := drawBoxHTML(ids, s.wait)
	if err != nil {
		return err
	}
	// Listen first: GoNB installs gonb_comm in the page before it shows
	// the box, whose script then finds it.
	ev := newDrawEvents(p.listen(ids.address))
	p.update(ids.ui, box)
	p.update(ids.result, noteHTML(lang.T("nb.draw.connecting")))
	select {
	case <-ev.ready:
	case <-time.After(s.wait):
		p.update(ids.ui, "")
		p.update(ids.result, "")
		return drawStatic(m, p, "nb.draw.noanswer", s.wait)
	case <-p.stopped():
		p.update(ids.ui, drawEndedHTML("", lang.T("nb.draw.end.stop")))
		p.update(ids.result, "")
		return nil
	}
	p.update(ids.result, noteHTML(lang.T("nb.draw.ready")))

	idle := time.NewTimer(s.idle)
	defer idle.Stop()
	var last string // the last drawing that could be read
	var reason string
	for reason == "" {
		select {
		case <-ev.changed:
			idle.Reset(s.idle)
			msg := ev.last()
			if msg.kind == "clear" {
				last = ""
				p.update(ids.result, noteHTML(lang.T("nb.draw.ready")))
				continue
			}
			block, ok := drawResultFor(m, msg.payload)
			if ok {
				last = msg.payload
			}
			p.update(ids.result, block)
		case <-ev.done:
			reason = lang.T("nb.draw.end.done")
		case <-p.stopped():
			reason = lang.T("nb.draw.end.stop")
		case <-idle.C:
			reason = lang.Sprintf("nb.draw.end.idle", playDuration(s.idle))
		}
	}
	p.update(ids.ui, drawEndedHTML(last, reason))
	return nil
}

// drawResultFor decodes a drawing and returns the result block and
// whether the drawing could be read; a drawing that cannot be read or a
// failing model is shown as a sentence, not ending the cell.
func drawResultFor(m *cnnlib.Model, dataURL string) (string, bool) {
	img, err := decodeDrawing(dataURL)
	if err != nil {
		return noteHTML(lang.Sprintf("nb.draw.unreadable", err)), false
	}
	t, err := think(m, img)
	if err != nil {
		return noteHTML(lang.Sprintf("nb.draw.unreadable", err)), true
	}
	return drawResultHTML(t), true
}

// drawStatic is the Draw cell's fallback: the sentence key (with the wait
// when the page did not answer) and the fallback drawing as if drawn.
func drawStatic(m *cnnlib.Model, p playPage, key lang.Key, wait time.Duration) error {
	t, data, name, err := thinkFallback(m)
	if err != nil {
		return err
	}
	var note string
	if key == "nb.draw.noanswer" {
		note = lang.Sprintf(key, playDuration(wait), name)
	} else {
		note = lang.Sprintf(key, name)
	}
	p.display("text/html", []byte(drawStaticHTML(note, data, t)))
	if !t.blank {
		p.display("image/png", t.bars)
		if t.maps != nil {
			p.display("image/png", t.maps)
		}
	}
	return nil
}

// pickImages is what PickImage picks from: the MNIST test images, or a
// few images in the tests.
type pickImages struct {
	count int
	image func(i int) []float32
	label func(i int) int
}

// pickFigure returns the caption and the PNG of Abb 3 for image i (without
// the post's caption, which speaks of its 4) and its code of Abb 6.
func pickFigure(m *cnnlib.Model, images pickImages, i int) (caption string, figPNG []byte, err error) {
	pixels := images.image(i)
	probs, err := m.Predict(pixels)
	if err != nil {
		return "", nil, err
	}
	class := cnnlib.Argmax(probs[0])
	caption = lang.Sprintf("nb.draw.pick.caption", i, images.label(i), class, 100*float64(probs[0][class]))
	fig, err := figures.FiltersOf(m, pixels)
	if err != nil {
		return "", nil, err
	}
	// Beside it, the image's 3x3x16 code (Abb 6), next to the code of the
	// post's 4 for comparison (of its other 4 when the 4 is picked): Abb 6's
	// two examples.
	inputs := []figures.CodeInput{{Name: lang.Sprintf("figures.codes.test", images.label(i), i), Image: pixels}}
	ref := figures.PostCodeImages[0]
	if ref == i {
		ref = figures.PostCodeImages[1]
	}
	if ref < images.count {
		inputs = append(inputs, figures.CodeInput{Name: lang.Sprintf("figures.codes.test", images.label(ref), ref), Image: images.image(ref), Group: 1})
	}
	codes, _, _, err := figures.Codes(m, inputs)
	if err != nil {
		return "", nil, err
	}
	if fig, err = plots.SideBySide(fig, codes); err != nil {
		return "", nil, err
	}
	figPNG, err = fig.PNG()
	return caption, figPNG, err
}

// pickFigureHTML is the figure block of PickImage.
func pickFigureHTML(m *cnnlib.Model, images pickImages, i int) string {
	caption, figPNG, err := pickFigure(m, images, i)
	if err != nil {
		return noteHTML(err.Error())
	}
	w, _ := pngWidth(figPNG)
	return `<div class="werkbank-pick">` +
		fmt.Sprintf(`<p class="werkbank-pick-caption" data-index="%d" style="font-weight:bold;margin:4px 0">`, i) + html.EscapeString(caption) + `</p>` +
		fmt.Sprintf(`<img class="werkbank-pick-figure" alt="%s" width="%d" style="max-width:100%%" src="%s">`,
			html.EscapeString(caption), w, pngSrc(figPNG)) +
		`</div>`
}

func pngWidth(data []byte) (int, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	return cfg.Width, err
}

// runPick runs the PickImage cell on page p; uid makes its ids unique.
func runPick(m *cnnlib.Model, images pickImages, p playPage, s playSettings, uid string) error {
	if images.count == 0 {
		return fmt.Errorf("no test images to pick from")
	}
	start := min(figures.PostImage, images.count-1)
	if s.mode == playStatic {
		return pickStatic(m, images, p, "nb.draw.pick.headless", 0, start)
	}
	uiID, figID := "werkbank-pick-"+uid+"-ui", "werkbank-pick-"+uid+"-figure"
	parent := "werkbank-pick-" + uid + "-widgets"
	p.update(uiID, `<div class="werkbank-pick-ui">`+noteHTML(lang.Sprintf("nb.draw.pick.hint", lang.Thousands(images.count)))+
		fmt.Sprintf(`<div id="%s" style="display:flex;gap:12px;align-items:center"><span>%s</span></div></div>`,
			parent, html.EscapeString(lang.T("nb.draw.pick.label"))))
	p.update(figID, pickFigureHTML(m, images, start))

	type built struct{ values, clicks <-chan int }
	got := make(chan built, 1)
	go func() {
		values, clicks := p.pickWidgets(parent, images.count-1, start, lang.T("nb.draw.done"))
		got <- built{values, clicks}
	}()
	var w built
	select {
	case w = <-got:
	case <-time.After(s.wait):
		p.update(uiID, "")
		p.update(figID, "")
		return pickStatic(m, images, p, "nb.draw.pick.noanswer", s.wait, start)
	case <-p.stopped():
		p.update(uiID, noteHTML(lang.Sprintf("nb.draw.pick.ended", lang.T("nb.draw.end.stop"))))
		return nil
	}

	idle := time.NewTimer(s.idle)
	defer idle.Stop()
	shown := start
	var reason string
	for reason == "" {
		select {
		case i, ok := <-w.values:
			if !ok {
				w.values = nil
				continue
			}
			idle.Reset(s.idle)
			if i < 0 || i >= images.count || i == shown {
				continue
			}
			shown = i
			p.update(figID, pickFigureHTML(m, images, i))
		case <-w.clicks:
			reason = lang.T("nb.draw.end.done")
		case <-p.stopped():
			reason = lang.T("nb.draw.end.stop")
		case <-idle.C:
			reason = lang.Sprintf("nb.draw.end.idle", playDuration(s.idle))
		}
	}
	p.update(uiID, noteHTML(lang.Sprintf("nb.draw.pick.ended", reason)))
	return nil
}

// pickStatic is PickImage's fallback: the sentence key and Abb 3 of image
// i as a PNG output.
func pickStatic(m *cnnlib.Model, images pickImages, p playPage, key lang.Key, wait time.Duration, i int) error {
	caption, figPNG, err := pickFigure(m, images, i)
	if err != nil {
		return err
	}
	var note string
	if key == "nb.draw.pick.noanswer" {
		note = lang.Sprintf(key, playDuration(wait), i)
	} else {
		note = lang.Sprintf(key, i)
	}
	p.display("text/html", []byte(noteHTML(note)+
		fmt.Sprintf(`<p class="werkbank-pick-caption" data-index="%d" style="font-weight:bold;margin:4px 0">`, i)+html.EscapeString(caption)+`</p>`))
	p.display("image/png", figPNG)
	return nil
}
