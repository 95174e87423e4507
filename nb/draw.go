package nb

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/janpfeifer/gonb/gonbui/widgets"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/digitimage"
	"github.com/kiwerkstatt/werkbank/figures"
	"github.com/kiwerkstatt/werkbank/lang"
)

// The interactive cells (cells_play.go: Draw, PickImage) talk to the page
// through GoNB:
//
//   - gonbui.UpdateHTML(id, html) shows and replaces an output block of the
//     running cell in place (Jupyter's display_data, then
//     update_display_data with the same display_id); gonbui.Sync waits
//     until GoNB has passed it on.
//   - comms.Listen[string](address) receives what the page sends to
//     address with gonb_comm.send(address, value). The first Listen (or any
//     comms call) makes GoNB install gonb_comm in the page: a <script> that
//     opens a second WebSocket to the Jupyter server
//     (/api/kernels/<id>/channels) and a Jupyter comm "gonb_comm" to the
//     kernel; GoNB waits up to 3 s for it to answer.
//   - widgets.Slider and widgets.Button (PickImage) are built on the same
//     comms; their Done blocks until the page has answered once.
//
// The cell's program must keep running while the page sends: the cells
// loop until the page's Done button, Jupyter's stop button (GoNB sends the
// program SIGINT and kills it 5 s later; the cells catch it and end
// cleanly) or PlayIdleEnv of no input. Meanwhile the kernel is busy: later
// cells wait.
//
// Where no page can answer (nbconvert --execute, an HTML export) the cells
// show a static fallback instead: at once when GoNB has no kernel id to
// connect gonb_comm with (gonbHasKernelID: nbconvert's kernels) or the cell
// runs under nbconvert (launchedHeadless), else when the page has not
// answered within playWait.

//go:embed draw.js
var drawJS string

// Environment of the interactive cells.
const (
	// PlayEnv forces the interactive cells' mode: "static" shows the
	// fallback at once, "live" waits for the page even under nbconvert
	// (to test the wait). Unset: static where GoNB has no kernel id or
	// the kernel runs under nbconvert, else live.
	PlayEnv = "WERKBANK_PLAY"
	// PlayIdleEnv is how long an interactive cell waits for the next
	// drawing or slider move before it ends itself, as a Go duration
	// ("15m", "30s"); default 15 minutes.
	PlayIdleEnv = "WERKBANK_PLAY_IDLE"
)

// DrawFallback is the drawing the Draw cell shows as if it had been drawn
// where nothing can be drawn, relative to the repository root: a pen
// drawing of a 9 (testdata/digits/README.md).
const DrawFallback = "testdata/digits/nine-pen-white-on-black-300x300.png"

const (
	drawSide      = 280 // the drawing box, in pixels (10 per MNIST pixel)
	drawBrush     = 22  // line width in the box: MNIST strokes are 2 to 3 pixels wide
	drawNetScale  = 5   // the 28x28 image the net sees is shown 140x140
	drawMapsCount = 9   // feature maps of the first convolution (Abb 3's nine)
	// drawMaxPixels bounds a drawing the page sends (the box's 280x280,
	// or a zoomed page's larger canvas).
	drawMaxPixels = 4096 * 4096
)

var (
	// playWait is how long the page may take to answer the first time:
	// GoNB gives gonb_comm 3 s to connect, the page then needs a moment.
	playWait = 8 * time.Second
	// playIdle is the default of PlayIdleEnv.
	playIdle = 15 * time.Minute
)

// playMode says how an interactive cell runs.
type playMode int

const (
	playLive   playMode = iota // wait for the page; the fallback if it does not answer
	playStatic                 // no page can answer: the fallback at once
)

// playSettings are an interactive cell's mode and times.
type playSettings struct {
	mode playMode
	wait time.Duration // for the page's first answer
	idle time.Duration // without input before the cell ends itself
}

// currentPlaySettings reads PlayEnv and PlayIdleEnv and looks at how the
// cell was started.
func currentPlaySettings() (playSettings, error) {
	s := playSettings{mode: playLive, wait: playWait, idle: playIdle}
	switch v := os.Getenv(PlayEnv); v {
	case "static":
		s.mode = playStatic
	case "live":
	case "":
		if !gonbHasKernelID() || launchedHeadless() {
			s.mode = playStatic
		}
	default:
		return s, fmt.Errorf("$%s = %q: want static, live or nothing", PlayEnv, v)
	}
	if v := os.Getenv(PlayIdleEnv); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return s, fmt.Errorf("$%s = %q: want a positive Go duration such as 15m or 30s", PlayIdleEnv, v)
		}
		s.idle = d
	}
	return s, nil
}

// gonbHasKernelID reports whether GoNB knows the Jupyter kernel id: it
// reads it from the name of its connection file (kernel-<id>.json, as
// Jupyter servers name them) and exports it to the cell's program. Without
// it gonb_comm cannot reach the kernel (its WebSocket URL is
// /api/kernels/<id>/channels): nbconvert and nbclient start the kernel with
// a temporary file of another name, and no page could answer anyway.
func gonbHasKernelID() bool {
	return os.Getenv(protocol.GONB_JUPYTER_KERNEL_ID_ENV) != ""
}

// headlessLaunchers are the programs that execute notebooks without a
// browser; a GoNB kernel they started has no page to talk to.
var headlessLaunchers = []string{"nbconvert", "nbclient", "papermill"}

// launchedHeadless reports whether the cell's program runs under a kernel
// that nbconvert (or nbclient, papermill) started: it walks up the parent
// processes (Linux /proc: cell program, GoNB, the process that started the
// kernel) to the first Jupyter one. Elsewhere it reports false and the
// cell finds out by waiting for the page.
func launchedHeadless() bool {
	return headlessAncestor(os.Getppid(), procCmdline, procParent)
}

// headlessAncestor walks from pid up at most 8 parents.
func headlessAncestor(pid int, cmdline func(int) string, parent func(int) int) bool {
	for range 8 {
		if pid <= 1 {
			return false
		}
		cmd := cmdline(pid)
		for _, l := range headlessLaunchers {
			if strings.Contains(cmd, l) {
				return true
			}
		}
		if strings.Contains(cmd, "jupyter") || strings.Contains(cmd, "ipykernel") {
			return false // a Jupyter server or another front end: it may have a page
		}
		pid = parent(pid)
	}
	return false
}

// procCmdline returns pid's command line with spaces between the words.
func procCmdline(pid int) string {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline"))
	if err != nil {
		return ""
	}
	return strings.ReplaceAll(string(data), "\x00", " ")
}

// procParent returns pid's parent, 0 when unknown.
func procParent(pid int) int {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	// pid (comm) state ppid ...: comm may hold spaces and parentheses.
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}

// playPage is the browser page an interactive cell talks to: GoNB in a
// notebook (gonbPage), a fake in the tests.
type playPage interface {
	// update shows html in the output block id, replacing what it showed
	// (the first call creates the block).
	update(id, html string)
	// display appends an output: "text/html" or "image/png".
	display(mime string, data []byte)
	// listen returns what the page sends to address.
	listen(address string) <-chan string
	// pickWidgets appends a slider (0..max, at value) and a button
	// labelled done to the element parent, and returns the slider's
	// values and the button's clicks. It blocks until the page answers,
	// possibly for ever.
	pickWidgets(parent string, max, value int, done string) (values, clicks <-chan int)
	// stopped receives when the cell is to end (Jupyter's stop button).
	stopped() <-chan os.Signal
}

// gonbPage is the page of a GoNB cell.
type gonbPage struct {
	once sync.Once
	stop chan os.Signal
}

func (p *gonbPage) update(id, h string) {
	gonbui.UpdateHTML(id, h)
	gonbui.Sync()
}

func (p *gonbPage) display(mime string, data []byte) {
	switch mime {
	case "image/png":
		gonbui.DisplayPNG(data)
	default:
		gonbui.DisplayHTML(string(data))
	}
	gonbui.Sync()
}

func (p *gonbPage) listen(address string) <-chan string {
	return comms.Listen[string](address).WithBuffer(64).C
}

func (p *gonbPage) pickWidgets(parent string, max, value int, done string) (values, clicks <-chan int) {
	slider := widgets.Slider(0, max, value).AppendTo(parent).Done()
	button := widgets.Button(html.EscapeString(done)).AppendTo(parent).Done()
	return slider.Listen().LatestOnly().C, button.Listen().C
}

// stopped catches SIGINT, which GoNB sends when Jupyter's stop button is
// pressed, from its first call on (a static cell stops as any program).
func (p *gonbPage) stopped() <-chan os.Signal {
	p.once.Do(func() {
		p.stop = make(chan os.Signal, 1)
		signal.Notify(p.stop, os.Interrupt)
	})
	return p.stop
}

// drawMsg is one message of the drawing box (draw.js): "kind:seq:payload".
type drawMsg struct {
	kind    string // ready, png, clear, done
	seq     int
	payload string // png: the drawing as a PNG data URL
}

func parseDrawMsg(s string) (drawMsg, error) {
	parts := strings.SplitN(s, ":", 3)
	if len(parts) != 3 {
		return drawMsg{}, fmt.Errorf("drawing box: malformed message %.40q", s)
	}
	seq, err := strconv.Atoi(parts[1])
	if err != nil {
		return drawMsg{}, fmt.Errorf("drawing box: malformed message %.40q", s)
	}
	m := drawMsg{kind: parts[0], seq: seq, payload: parts[2]}
	switch m.kind {
	case "ready", "png", "clear", "done":
		return m, nil
	}
	return drawMsg{}, fmt.Errorf("drawing box: unknown message %.40q", s)
}

// drawEvents sorts the box's messages: GoNB delivers each in a goroutine of
// its own, so a drawing may overtake an older one; latest keeps the newest
// drawing or clearing by its seq.
type drawEvents struct {
	ready   chan struct{} // closed at the first message
	done    chan struct{} // closed at "done"
	changed chan struct{} // a new drawing or clearing (buffer 1)

	mu     sync.Mutex
	latest drawMsg
}

func newDrawEvents(msgs <-chan string) *drawEvents {
	e := &drawEvents{ready: make(chan struct{}), done: make(chan struct{}), changed: make(chan struct{}, 1)}
	go func() {
		var readyOnce, doneOnce sync.Once
		for s := range msgs {
			m, err := parseDrawMsg(s)
			if err != nil {
				continue // not from our box
			}
			readyOnce.Do(func() { close(e.ready) })
			switch m.kind {
			case "done":
				doneOnce.Do(func() { close(e.done) })
			case "png", "clear":
				e.mu.Lock()
				newer := m.seq > e.latest.seq
				if newer {
					e.latest = m
				}
				e.mu.Unlock()
				if newer {
					select {
					case e.changed <- struct{}{}:
					default:
					}
				}
			}
		}
	}()
	return e
}

func (e *drawEvents) last() drawMsg {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.latest
}

// pngDataURLPrefix starts what canvas.toDataURL("image/png") returns.
const pngDataURLPrefix = "data:image/png;base64,"

// decodeDrawing decodes the drawing box's PNG data URL, refusing anything
// else and images over drawMaxPixels (checked from the header first).
func decodeDrawing(dataURL string) (image.Image, error) {
	b64, ok := strings.CutPrefix(dataURL, pngDataURLPrefix)
	if !ok {
		return nil, errors.New("not a PNG data URL")
	}
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("PNG data URL: %w", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("PNG data URL: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > drawMaxPixels {
		return nil, fmt.Errorf("PNG data URL: %dx%d pixels, want at most %d", cfg.Width, cfg.Height, drawMaxPixels)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("PNG data URL: %w", err)
	}
	return img, nil
}

// drawThought is what the net makes of a drawing, ready to show.
type drawThought struct {
	blank  bool      // no ink: nothing else is set
	pixels []float32 // the prepared 28x28 image
	class  int       // the digit the net reads
	prob   float64   // its probability
	net    []byte    // PNG: the 28x28 image as the net sees it, enlarged
	bars   []byte    // PNG: the class probabilities (figures.Predict)
	maps   []byte    // PNG: the first convolution's feature maps (figures.FilterRow); nil without one
	barsW  int
	mapsW  int
}

// think prepares img the way MNIST's digits were prepared and lets m look
// at it.
func think(m *cnnlib.Model, img image.Image) (drawThought, error) {
	pixels, err := digitimage.Prepare(img)
	if errors.Is(err, digitimage.ErrBlank) {
		return drawThought{blank: true}, nil
	}
	if err != nil {
		return drawThought{}, err
	}
	return thinkPrepared(m, pixels)
}

// thinkPrepared is think for an image already prepared (a test image).
func thinkPrepared(m *cnnlib.Model, pixels []float32) (drawThought, error) {
	t := drawThought{pixels: pixels}
	side := m.Spec.InputShape[0]
	var err error
	if t.net, err = netViewPNG(pixels, side, drawNetScale); err != nil {
		return t, err
	}
	pred, bars, err := figures.Predict(m, pixels, lang.T("nb.draw.bars"))
	if err != nil {
		return t, err
	}
	t.class, t.prob = pred.Class, float64(pred.Probabilities[pred.Class])
	if t.bars, err = bars.PNG(); err != nil {
		return t, err
	}
	t.barsW, _ = bars.Size()
	if convs := figures.ConvLayers(m); len(convs) > 0 {
		maps, err := figures.FilterRow(m, pixels, convs[0], drawMapsCount)
		if err != nil {
			return t, err
		}
		if t.maps, err = maps.PNG(); err != nil {
			return t, err
		}
		t.mapsW, _ = maps.Size()
	}
	return t, nil
}

// netViewPNG draws a prepared side x side image as the net sees it (ink
// 1 white on black 0), each pixel a scale x scale square.
func netViewPNG(pixels []float32, side, scale int) ([]byte, error) {
	if len(pixels) != side*side {
		return nil, fmt.Errorf("netViewPNG: %d pixels for %dx%d", len(pixels), side, side)
	}
	img := image.NewGray(image.Rect(0, 0, side*scale, side*scale))
	for y := range side * scale {
		for x := range side * scale {
			v := pixels[(y/scale)*side+x/scale]
			img.SetGray(x, y, color.Gray{Y: uint8(math.Round(255 * float64(min(max(v, 0), 1))))})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func pngSrc(data []byte) string {
	return pngDataURLPrefix + base64.StdEncoding.EncodeToString(data)
}

// noteHTML is a line of text in an output block.
func noteHTML(text string) string {
	return `<p class="werkbank-play-note" style="margin:4px 0">` + html.EscapeString(text) + `</p>`
}

// readsHTML is the headline of a thought: what the net reads.
func readsHTML(t drawThought) string {
	// data-class: what the net reads, for the browser test (the text is the
	// notebook's language).
	return fmt.Sprintf(`<p class="werkbank-draw-reads" data-class="%d" style="font-size:1.25em;font-weight:bold;margin:4px 0">`, t.class) +
		html.EscapeString(lang.Sprintf("nb.draw.reads", t.class, 100*t.prob)) + `</p>`
}

// netViewHTML is the enlarged 28x28 image with its caption.
func netViewHTML(t drawThought) string {
	sees := html.EscapeString(lang.T("nb.draw.sees"))
	w := drawNetScale * digitimage.Size
	return fmt.Sprintf(`<figure style="margin:0"><img class="werkbank-draw-net" alt="%s" width="%d" height="%d" src="%s">`+
		`<figcaption style="font-size:0.9em">%s</figcaption></figure>`, sees, w, w, pngSrc(t.net), sees)
}

// drawResultHTML is the live result block of a thought: the headline, the
// net's view beside the probabilities, the feature maps below.
func drawResultHTML(t drawThought) string {
	if t.blank {
		return noteHTML(lang.T("nb.draw.blank"))
	}
	var b strings.Builder
	b.WriteString(`<div class="werkbank-draw-result">`)
	b.WriteString(readsHTML(t))
	b.WriteString(`<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">`)
	b.WriteString(netViewHTML(t))
	fmt.Fprintf(&b, `<img class="werkbank-draw-bars" alt="%s" width="%d" style="max-width:100%%" src="%s">`,
		html.EscapeString(lang.T("nb.draw.bars")), min(t.barsW, 480), pngSrc(t.bars))
	b.WriteString(`</div>`)
	if t.maps != nil {
		fmt.Fprintf(&b, `<img class="werkbank-draw-maps" alt="%s" width="%d" style="max-width:100%%" src="%s">`,
			html.EscapeString(lang.T("nb.draw.maps")), t.mapsW, pngSrc(t.maps))
	}
	b.WriteString(`</div>`)
	return b.String()
}

// drawIDs are the element and block ids and the comms address of one run
// of the Draw cell.
type drawIDs struct {
	ui, result                  string // output blocks (GoNB display ids)
	canvas, clear, done, status string // elements
	address                     string
}

func newDrawIDs(uid string) drawIDs {
	p := "werkbank-draw-" + uid
	return drawIDs{ui: p + "-ui", result: p + "-result", canvas: p + "-canvas", clear: p + "-clear",
		done: p + "-done", status: p + "-status", address: "/werkbank/draw/" + uid}
}

// drawBoxHTML is the drawing box: canvas, hint, buttons and its script.
func drawBoxHTML(ids drawIDs, wait time.Duration) (string, error) {
	cfg, err := json.Marshal(map[string]any{
		"canvas": ids.canvas, "clear": ids.clear, "done": ids.done, "status": ids.status,
		"address": ids.address, "brush": drawBrush, "waitMs": wait.Milliseconds(),
		"nopage": lang.T("nb.draw.nopage"),
	})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<div class="werkbank-draw" style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">`)
	fmt.Fprintf(&b, `<canvas id="%s" width="%d" height="%d" style="border:2px solid #888;background:#fff;touch-action:none;cursor:crosshair"></canvas>`,
		ids.canvas, drawSide, drawSide)
	b.WriteString(`<div style="max-width:420px">`)
	b.WriteString(noteHTML(lang.T("nb.draw.hint")))
	fmt.Fprintf(&b, `<p style="margin:8px 0"><button id="%s" class="werkbank-draw-clear" type="button">%s</button> <button id="%s" class="werkbank-draw-done" type="button">%s</button></p>`,
		ids.clear, html.EscapeString(lang.T("nb.draw.clear")), ids.done, html.EscapeString(lang.T("nb.draw.done")))
	fmt.Fprintf(&b, `<p id="%s" style="color:#a00;margin:4px 0"></p>`, ids.status)
	b.WriteString(`</div></div>`)
	// json.Marshal escapes <, > and &: the config cannot end the script.
	b.WriteString("<script>" + strings.Replace(drawJS, "const cfg = __CONFIG__;", "const cfg = "+string(cfg)+";", 1) + "</script>")
	return b.String(), nil
}

// drawEndedHTML replaces the drawing box when the cell ends: the last
// drawing (a data URL that decoded as PNG) and why the cell ended; no
// script stays in the saved notebook.
func drawEndedHTML(lastDrawing, reason string) string {
	var b strings.Builder
	b.WriteString(`<div class="werkbank-draw-ended" style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">`)
	if lastDrawing != "" {
		fmt.Fprintf(&b, `<img alt="%s" width="%d" height="%d" style="border:1px solid #888" src="%s">`,
			html.EscapeString(lang.T("nb.draw.drawing")), drawSide/2, drawSide/2, html.EscapeString(lastDrawing))
	}
	b.WriteString(noteHTML(lang.Sprintf("nb.draw.ended", reason)))
	b.WriteString(`</div>`)
	return b.String()
}

// drawStaticHTML is the fallback's first output: why nothing can be drawn,
// the shipped drawing beside what the net sees, and what it reads; the
// bars and the feature maps follow as PNG outputs.
func drawStaticHTML(note string, drawing []byte, t drawThought) string {
	var b strings.Builder
	b.WriteString(`<div class="werkbank-draw-static">`)
	b.WriteString(noteHTML(note))
	b.WriteString(`<div style="display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start">`)
	fmt.Fprintf(&b, `<figure style="margin:0"><img alt="%[1]s" width="%[2]d" height="%[2]d" style="border:1px solid #888" src="%[3]s"><figcaption style="font-size:0.9em">%[1]s</figcaption></figure>`,
		html.EscapeString(lang.T("nb.draw.drawing")), drawNetScale*digitimage.Size, pngSrc(drawing))
	if !t.blank {
		b.WriteString(netViewHTML(t))
	}
	b.WriteString(`</div>`)
	if !t.blank {
		b.WriteString(readsHTML(t))
	}
	b.WriteString(`</div>`)
	return b.String()
}

// fallbackDrawing returns the drawing of the fallback as PNG and its name:
// DrawFallback from the repository, else a 7 drawn here with the box's
// brush.
func fallbackDrawing() ([]byte, string) {
	if root, err := repoRoot(); err == nil {
		if data, err := os.ReadFile(filepath.Join(root, DrawFallback)); err == nil {
			if _, err := png.DecodeConfig(bytes.NewReader(data)); err == nil {
				return data, DrawFallback
			}
		}
	}
	img := strokeImage(drawSide, drawBrush, [][]image.Point{{{80, 60}, {205, 60}, {125, 230}}, {{120, 145}, {190, 145}}})
	var b bytes.Buffer
	_ = png.Encode(&b, img) // an in-memory Gray image always encodes
	return b.Bytes(), "nb.strokeImage: 7"
}

// strokeImage draws polylines in black with a round brush of width brush
// on a white side x side image, anti-aliased by distance, the way the
// drawing box draws them.
func strokeImage(side, brush int, strokes [][]image.Point) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, side, side))
	r := float64(brush) / 2
	for y := range side {
		for x := range side {
			px, py := float64(x)+0.5, float64(y)+0.5
			d := math.Inf(1)
			for _, s := range strokes {
				for i := range s {
					a, b := s[i], s[i]
					if i+1 < len(s) {
						b = s[i+1]
					} else if len(s) > 1 {
						continue
					}
					d = min(d, segmentDistance(px, py, float64(a.X), float64(a.Y), float64(b.X), float64(b.Y)))
				}
			}
			ink := min(max(r+0.5-d, 0), 1)
			img.SetGray(x, y, color.Gray{Y: uint8(math.Round(255 * (1 - ink)))})
		}
	}
	return img
}

// segmentDistance is the distance from (px, py) to the segment a-b.
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = min(max(((px-ax)*dx+(py-ay)*dy)/l, 0), 1)
	}
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}

// playDuration writes d for the texts: "15 min", "8 s".
func playDuration(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(d/time.Minute))
	}
	return lang.Number(math.Round(d.Seconds()*10)/10) + " s"
}
