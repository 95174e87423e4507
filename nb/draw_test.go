package nb

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"html"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/digitimage"
	"github.com/kiwerkstatt/werkbank/lang"
)

var (
	shippedOnce  sync.Once
	shippedModel *cnnlib.Model
	shippedErr   error
)

// shipped loads the repository's trained model (models/blog-cnn) once, on
// the pure Go backend.
func shipped(t *testing.T) *cnnlib.Model {
	t.Helper()
	shippedOnce.Do(func() {
		root, err := repoRoot()
		if err != nil {
			shippedErr = err
			return
		}
		l, err := cnnlib.Load(filepath.Join(root, "models", "blog-cnn"), cnnlib.Options{Backend: "go"})
		if err != nil {
			shippedErr = err
			return
		}
		shippedModel = l.Model
	})
	if shippedErr != nil {
		t.Fatal(shippedErr)
	}
	return shippedModel
}

// verticalLine is what the browser test draws: one stroke down the middle
// of the box, sent as the box sends it.
func verticalLine(t *testing.T) string {
	t.Helper()
	img := strokeImage(drawSide, drawBrush, [][]image.Point{{{140, 50}, {140, 230}}})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return pngSrc(b.Bytes())
}

func TestParseDrawMsg(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want drawMsg
	}{
		{"ready:1:", drawMsg{kind: "ready", seq: 1}},
		{"png:7:data:image/png;base64,AAAA", drawMsg{kind: "png", seq: 7, payload: "data:image/png;base64,AAAA"}},
		{"clear:12:", drawMsg{kind: "clear", seq: 12}},
		{"done:3:", drawMsg{kind: "done", seq: 3}},
	} {
		got, err := parseDrawMsg(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parseDrawMsg(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "ready", "ready:x:", "draw:1:", "1"} {
		if _, err := parseDrawMsg(bad); err == nil {
			t.Errorf("parseDrawMsg(%q): no error", bad)
		}
	}
}

// pngWithSize returns a valid 1x1 grey PNG whose header claims w x h.
func pngWithSize(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	// Signature (8), IHDR length (4), "IHDR" (4), width, height, ..., CRC.
	binary.BigEndian.PutUint32(data[16:20], w)
	binary.BigEndian.PutUint32(data[20:24], h)
	binary.BigEndian.PutUint32(data[29:33], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func TestDecodeDrawing(t *testing.T) {
	img, err := decodeDrawing(verticalLine(t))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != drawSide || b.Dy() != drawSide {
		t.Errorf("decoded %v, want %dx%d", b, drawSide, drawSide)
	}
	for _, bad := range []string{
		"",
		"data:image/jpeg;base64,AAAA",
		pngDataURLPrefix + "!!!",
		pngDataURLPrefix + base64.StdEncoding.EncodeToString([]byte("no png")),
		pngSrc(pngWithSize(t, 5000, 5000)),
	} {
		if _, err := decodeDrawing(bad); err == nil {
			t.Errorf("decodeDrawing(%.40q): no error", bad)
		}
	}
	// The header check: a claimed size within the limit decodes as far as the pixels.
	if _, err := decodeDrawing(pngSrc(pngWithSize(t, 1, 1))); err != nil {
		t.Errorf("a 1x1 PNG: %v", err)
	}
}

func TestThinkReadsADrawnOne(t *testing.T) {
	m := shipped(t)
	img, err := decodeDrawing(verticalLine(t))
	if err != nil {
		t.Fatal(err)
	}
	th, err := think(m, img)
	if err != nil {
		t.Fatal(err)
	}
	if th.blank || th.class != 1 || th.prob < 0.5 {
		t.Errorf("a vertical line reads as %d (%.3f), blank %v; want 1", th.class, th.prob, th.blank)
	}
	for name, data := range map[string][]byte{"net": th.net, "bars": th.bars, "maps": th.maps} {
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if name == "net" && (cfg.Width != 140 || cfg.Height != 140) {
			t.Errorf("net view %dx%d, want 140x140", cfg.Width, cfg.Height)
		}
	}
	// The net's view is the prepared image: ink in the middle columns only.
	if len(th.pixels) != digitimage.Size*digitimage.Size || th.pixels[14*28+14] < 0.5 || th.pixels[14*28+3] != 0 {
		t.Errorf("prepared image: centre %v, left %v", th.pixels[14*28+14], th.pixels[14*28+3])
	}
	lang.Set(lang.English)
	h := drawResultHTML(th)
	for _, want := range []string{"The net reads a 1 (", `class="werkbank-draw-net"`, `class="werkbank-draw-bars"`, `class="werkbank-draw-maps"`, "What the net sees (28×28)"} {
		if !strings.Contains(h, want) {
			t.Errorf("result block lacks %q", want)
		}
	}
	lang.Set(lang.German)
	defer lang.Set(lang.English)
	if h := drawResultHTML(th); !strings.Contains(h, "Das Netz erkennt eine 1 (") || !strings.Contains(h, " %).") {
		t.Errorf("German result block: %.200s", h)
	}
}

func TestThinkBlank(t *testing.T) {
	m := shipped(t)
	th, err := think(m, strokeImage(drawSide, drawBrush, nil))
	if err != nil || !th.blank {
		t.Fatalf("an empty box: %+v, %v; want blank", th.blank, err)
	}
	lang.Set(lang.English)
	if h := drawResultHTML(th); !strings.Contains(h, lang.T("nb.draw.blank")) {
		t.Errorf("blank result block: %s", h)
	}
}

func TestDrawBoxHTML(t *testing.T) {
	lang.Set(lang.German)
	defer lang.Set(lang.English)
	ids := newDrawIDs("u1")
	h, err := drawBoxHTML(ids, 3*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<canvas id="werkbank-draw-u1-canvas" width="280" height="280"`,
		"touch-action:none",
		`<button id="werkbank-draw-u1-clear" class="werkbank-draw-clear" type="button">Löschen</button>`,
		`<button id="werkbank-draw-u1-done" class="werkbank-draw-done" type="button">Fertig</button>`,
		`"address":"/werkbank/draw/u1"`,
		`"waitMs":3000`,
		"pointerdown", "touchstart", "toDataURL('image/png')", "globalThis.gonb_comm",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("drawing box lacks %q", want)
		}
	}
	if strings.Contains(h, "__CONFIG__") {
		t.Error("the config placeholder is left")
	}
	if n := strings.Count(h, "</script>"); n != 1 {
		t.Errorf("%d </script> in the box, want 1", n)
	}
	// A text with markup cannot end the script: json.Marshal escapes it.
	if strings.Contains(h, `"nopage":"Keine Verbindung`) == false {
		t.Errorf("the German no-page text is not in the config")
	}
}

func TestDrawEndedHTMLKeepsNoScript(t *testing.T) {
	h := drawEndedHTML(verticalLine(t), "Done was clicked")
	if strings.Contains(h, "<script") || !strings.Contains(h, `src="data:image/png;base64,`) || !strings.Contains(h, "Done was clicked") {
		t.Errorf("ended block: %.300s", h)
	}
}

func TestHeadlessAncestor(t *testing.T) {
	// pid -> (command line, parent)
	tree := func(procs map[int][2]any) (func(int) string, func(int) int) {
		return func(pid int) string { s, _ := procs[pid][0].(string); return s },
			func(pid int) int { p, _ := procs[pid][1].(int); return p }
	}
	for _, tc := range []struct {
		name  string
		procs map[int][2]any
		want  bool
	}{
		{"nbconvert", map[int][2]any{
			10: {"/root/go/bin/gonb --kernel /tmp/kernel-1.json", 9},
			9:  {"/usr/bin/python3 /usr/bin/jupyter-nbconvert --to notebook --execute x.ipynb", 2},
			2:  {"bash", 1}}, true},
		{"notebook server", map[int][2]any{
			10: {"/root/go/bin/gonb --kernel /run/kernel-2.json", 9},
			9:  {"/usr/bin/python3 /usr/bin/jupyter-notebook --no-browser", 8},
			8:  {"make notebook", 2}}, false},
		{"papermill", map[int][2]any{
			10: {"/root/go/bin/gonb", 9},
			9:  {"/opt/conda/bin/python /opt/conda/bin/papermill in.ipynb out.ipynb", 1}}, true},
		{"nbconvert above the server", map[int][2]any{
			10: {"/root/go/bin/gonb", 9},
			9:  {"python3 -m jupyter lab", 8},
			8:  {"jupyter-nbconvert something", 1}}, false},
		{"no /proc", map[int][2]any{}, false},
	} {
		cmdline, parent := tree(tc.procs)
		if got := headlessAncestor(10, cmdline, parent); got != tc.want {
			t.Errorf("%s: headless %v, want %v", tc.name, got, tc.want)
		}
	}
	// This test runs under go test: not headless, and it must not hang.
	if launchedHeadless() {
		t.Error("go test counts as headless")
	}
}

func TestCurrentPlaySettings(t *testing.T) {
	t.Setenv(PlayEnv, "static")
	t.Setenv(PlayIdleEnv, "90s")
	s, err := currentPlaySettings()
	if err != nil || s.mode != playStatic || s.idle != 90*time.Second || s.wait != playWait {
		t.Errorf("static, 90s: %+v, %v", s, err)
	}
	t.Setenv(PlayEnv, "live")
	t.Setenv(PlayIdleEnv, "")
	if s, err := currentPlaySettings(); err != nil || s.mode != playLive || s.idle != playIdle {
		t.Errorf("live: %+v, %v", s, err)
	}
	// Unset: live only where GoNB knows the kernel id (a Jupyter server's kernel).
	t.Setenv(PlayEnv, "")
	t.Setenv(protocol.GONB_JUPYTER_KERNEL_ID_ENV, "")
	if s, err := currentPlaySettings(); err != nil || s.mode != playStatic {
		t.Errorf("no kernel id: %+v, %v", s, err)
	}
	t.Setenv(protocol.GONB_JUPYTER_KERNEL_ID_ENV, "0b7e6a55-1c1d-4e2e-9d2b-0c5f8f1c2a3b")
	if s, err := currentPlaySettings(); err != nil || s.mode != playLive {
		t.Errorf("a kernel id under go test: %+v, %v", s, err)
	}
	t.Setenv(PlayEnv, "sometimes")
	if _, err := currentPlaySettings(); err == nil {
		t.Error("an unknown mode: no error")
	}
	t.Setenv(PlayEnv, "")
	t.Setenv(PlayIdleEnv, "soon")
	if _, err := currentPlaySettings(); err == nil {
		t.Error("an unknown duration: no error")
	}
}

func TestPlayDuration(t *testing.T) {
	lang.Set(lang.German)
	defer lang.Set(lang.English)
	for d, want := range map[time.Duration]string{15 * time.Minute: "15 min", 8 * time.Second: "8 s", 1500 * time.Millisecond: "1,5 s", 90 * time.Second: "90 s"} {
		if got := playDuration(d); got != want {
			t.Errorf("playDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFallbackDrawingShipsWithTheRepository(t *testing.T) {
	data, name := fallbackDrawing()
	if name != DrawFallback {
		t.Fatalf("fallback drawing %q, want %q", name, DrawFallback)
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
}

// fakePage records what a cell shows and lets a test play the page.
type fakePage struct {
	mu       sync.Mutex
	blocks   map[string]string // output block id -> its content
	order    []string          // ids of the blocks in the order they appeared
	outputs  []fakeOutput      // display()
	listened []string
	msgs     chan string
	stop     chan os.Signal
	widgets  func(parent string, max, value int, done string) (<-chan int, <-chan int)
}

type fakeOutput struct {
	mime string
	data []byte
}

func newFakePage() *fakePage {
	return &fakePage{blocks: map[string]string{}, msgs: make(chan string, 16), stop: make(chan os.Signal, 1)}
}

func (p *fakePage) update(id, h string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.blocks[id]; !ok {
		p.order = append(p.order, id)
	}
	p.blocks[id] = h
}

func (p *fakePage) display(mime string, data []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.outputs = append(p.outputs, fakeOutput{mime, data})
}

func (p *fakePage) listen(address string) <-chan string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.listened = append(p.listened, address)
	return p.msgs
}

func (p *fakePage) pickWidgets(parent string, max, value int, done string) (values, clicks <-chan int) {
	if p.widgets == nil {
		select {} // a page that never answers
	}
	return p.widgets(parent, max, value, done)
}

func (p *fakePage) stopped() <-chan os.Signal { return p.stop }

func (p *fakePage) block(id string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.blocks[id]
}

// waitFor polls cond for up to a minute (a first prediction compiles the
// model's graph).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func runAsync(f func() error) chan error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	return done
}

func TestRunDrawLive(t *testing.T) {
	lang.Set(lang.English)
	m := shipped(t)
	p := newFakePage()
	ids := newDrawIDs("t1")
	s := playSettings{mode: playLive, wait: 5 * time.Second, idle: time.Minute}
	done := runAsync(func() error { return runDraw(m, p, s, "t1") })

	waitFor(t, "the box", func() bool { return strings.Contains(p.block(ids.ui), "<canvas") })
	if len(p.listened) != 1 || p.listened[0] != ids.address {
		t.Fatalf("listened to %v, want [%s]", p.listened, ids.address)
	}
	if got := p.block(ids.result); !strings.Contains(got, lang.T("nb.draw.connecting")) {
		t.Errorf("before the page answers the result block shows %q", got)
	}
	p.msgs <- "ready:1:"
	waitFor(t, "connected", func() bool { return strings.Contains(p.block(ids.result), lang.T("nb.draw.ready")) })

	line := verticalLine(t)
	p.msgs <- "png:2:" + line
	waitFor(t, "the reading", func() bool { return strings.Contains(p.block(ids.result), "The net reads a 1 (") })

	// A drawing overtaken by a newer message is dropped.
	p.msgs <- "clear:4:"
	waitFor(t, "clearing", func() bool { return strings.Contains(p.block(ids.result), lang.T("nb.draw.ready")) })
	p.msgs <- "png:3:" + line
	p.msgs <- "png:5:data:image/png;base64,garbage"
	waitFor(t, "the unreadable drawing", func() bool { return strings.Contains(p.block(ids.result), "The drawing could not be read") })
	p.msgs <- "png:6:" + line
	waitFor(t, "the second reading", func() bool { return strings.Contains(p.block(ids.result), "The net reads a 1 (") })

	p.msgs <- "done:7:"
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	ended := p.block(ids.ui)
	if strings.Contains(ended, "<script") || strings.Contains(ended, "<canvas") {
		t.Errorf("the box stays after the cell ended: %.200s", ended)
	}
	if !strings.Contains(ended, lang.Sprintf("nb.draw.ended", lang.T("nb.draw.end.done"))) || !strings.Contains(ended, line) {
		t.Errorf("ended block: %.300s", ended)
	}
	if !strings.Contains(p.block(ids.result), "The net reads a 1") {
		t.Error("the last reading is gone")
	}
	if len(p.outputs) != 0 {
		t.Errorf("%d fallback outputs in a live run", len(p.outputs))
	}
}

func TestRunDrawNoAnswerFallsBack(t *testing.T) {
	lang.Set(lang.English)
	m := shipped(t)
	p := newFakePage()
	ids := newDrawIDs("t2")
	start := time.Now()
	err := runDraw(m, p, playSettings{mode: playLive, wait: 100 * time.Millisecond, idle: time.Minute}, "t2")
	if err != nil {
		t.Fatal(err)
	}
	if p.block(ids.ui) != "" || p.block(ids.result) != "" {
		t.Errorf("the box or the result block stays: %q, %q", p.block(ids.ui), p.block(ids.result))
	}
	checkDrawFallback(t, p, lang.Sprintf("nb.draw.noanswer", "0.1 s", DrawFallback))
	t.Logf("fallback after %v", time.Since(start))
}

func TestRunDrawStatic(t *testing.T) {
	lang.Set(lang.English)
	m := shipped(t)
	p := newFakePage()
	if err := runDraw(m, p, playSettings{mode: playStatic, wait: time.Hour, idle: time.Hour}, "t3"); err != nil {
		t.Fatal(err)
	}
	if len(p.listened) != 0 || len(p.blocks) != 0 {
		t.Errorf("a static cell talked to the page: listened %v, blocks %v", p.listened, p.order)
	}
	checkDrawFallback(t, p, lang.Sprintf("nb.draw.headless", DrawFallback))
}

// checkDrawFallback checks the fallback's outputs: a sentence (English
// decimal point replaced by the test's wording where it differs), the
// shipped 9 read as a 9, the bars and the maps as PNG outputs.
func checkDrawFallback(t *testing.T, p *fakePage, note string) {
	t.Helper()
	if len(p.outputs) != 3 || p.outputs[0].mime != "text/html" || p.outputs[1].mime != "image/png" || p.outputs[2].mime != "image/png" {
		var mimes []string
		for _, o := range p.outputs {
			mimes = append(mimes, o.mime)
		}
		t.Fatalf("fallback outputs %v, want text/html, image/png, image/png", mimes)
	}
	h := string(p.outputs[0].data)
	for _, want := range []string{html.EscapeString(note), "The net reads a 9 (", `class="werkbank-draw-net"`, "What the net sees"} {
		if !strings.Contains(h, want) {
			t.Errorf("fallback HTML lacks %q:\n%.600s", want, h)
		}
	}
	if strings.Contains(h, "<script") {
		t.Error("the fallback holds a script")
	}
	for _, o := range p.outputs[1:] {
		if _, err := png.DecodeConfig(bytes.NewReader(o.data)); err != nil {
			t.Error(err)
		}
	}
}

func TestRunDrawEnds(t *testing.T) {
	lang.Set(lang.English)
	m := shipped(t)
	for _, tc := range []struct {
		name   string
		end    func(p *fakePage)
		idle   time.Duration
		reason string
	}{
		{"stop button", func(p *fakePage) { p.stop <- os.Interrupt }, time.Minute, lang.T("nb.draw.end.stop")},
		{"idle", func(*fakePage) {}, 50 * time.Millisecond, lang.Sprintf("nb.draw.end.idle", "0.1 s")},
	} {
		p := newFakePage()
		ids := newDrawIDs("t4")
		done := runAsync(func() error {
			return runDraw(m, p, playSettings{mode: playLive, wait: 5 * time.Second, idle: tc.idle}, "t4")
		})
		p.msgs <- "ready:1:"
		waitFor(t, "connected", func() bool { return strings.Contains(p.block(ids.result), lang.T("nb.draw.ready")) })
		tc.end(p)
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the cell did not end", tc.name)
		}
		if got := p.block(ids.ui); !strings.Contains(got, "The cell has ended (") || strings.Contains(got, "<script") {
			t.Errorf("%s: ended block %q", tc.name, got)
		}
		if tc.name == "stop button" && !strings.Contains(p.block(ids.ui), tc.reason) {
			t.Errorf("%s: ended block %q, want the reason %q", tc.name, p.block(ids.ui), tc.reason)
		}
	}
}

// testImages are three synthetic images (nb's synthetic data), labelled 0, 1, 0.
func testImages() pickImages {
	d := synthetic(3)
	return pickImages{count: 3, image: func(i int) []float32 { return d.Slice(i, i+1).Images() }, label: func(i int) int { return int(d.Labels[i]) }}
}

func TestRunPickLive(t *testing.T) {
	lang.Set(lang.English)
	m := shipped(t)
	p := newFakePage()
	values, clicks := make(chan int, 4), make(chan int, 1)
	var gotMax, gotValue int
	p.widgets = func(parent string, max, value int, done string) (<-chan int, <-chan int) {
		gotMax, gotValue = max, value
		if done != "Done" || !strings.Contains(p.block("werkbank-pick-t5-ui"), `id="`+parent+`"`) {
			t.Errorf("widgets in %q labelled %q", parent, done)
		}
		return values, clicks
	}
	fig := "werkbank-pick-t5-figure"
	done := runAsync(func() error {
		return runPick(m, testImages(), p, playSettings{mode: playLive, wait: 5 * time.Second, idle: time.Minute}, "t5")
	})
	waitFor(t, "the first figure", func() bool { return strings.Contains(p.block(fig), "Test image 2, a 0:") })
	values <- 1
	waitFor(t, "image 1", func() bool { return strings.Contains(p.block(fig), "Test image 1, a 1:") })
	if gotMax != 2 || gotValue != 2 {
		t.Errorf("slider 0..%d at %d, want 0..2 at 2 (the post's image 4 does not exist)", gotMax, gotValue)
	}
	values <- 7 // out of range: ignored
	clicks <- 1
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := p.block("werkbank-pick-t5-ui"); !strings.Contains(got, lang.Sprintf("nb.draw.pick.ended", lang.T("nb.draw.end.done"))) {
		t.Errorf("ended: %q", got)
	}
	if !regexp.MustCompile(`<img class="werkbank-pick-figure" alt="Test image 1, a 1: [^"]*" width="\d+"`).MatchString(p.block(fig)) {
		t.Errorf("figure block: %.300s", p.block(fig))
	}
}

func TestRunPickNoAnswerFallsBack(t *testing.T) {
	lang.Set(lang.English)
	m := shipped(t)
	p := newFakePage() // its widgets never answer
	if err := runPick(m, testImages(), p, playSettings{mode: playLive, wait: 100 * time.Millisecond, idle: time.Minute}, "t6"); err != nil {
		t.Fatal(err)
	}
	if p.block("werkbank-pick-t6-ui") != "" || p.block("werkbank-pick-t6-figure") != "" {
		t.Error("the live blocks stay")
	}
	if len(p.outputs) != 2 || p.outputs[1].mime != "image/png" {
		t.Fatalf("%d outputs", len(p.outputs))
	}
	h := string(p.outputs[0].data)
	if !strings.Contains(h, html.EscapeString(lang.Sprintf("nb.draw.pick.noanswer", "0.1 s", 2))) || !strings.Contains(h, "Test image 2, a 0:") {
		t.Errorf("fallback: %s", h)
	}
}
