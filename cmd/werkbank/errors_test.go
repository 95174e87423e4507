package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// cliMu serialises runCLI: it swaps os.Stdout and os.Stderr.
var cliMu sync.Mutex

// runCLI runs the werkbank command line in-process and returns its exit code
// and what it printed.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cliMu.Lock()
	defer cliMu.Unlock()
	outF, _ := os.CreateTemp(t.TempDir(), "stdout")
	errF, _ := os.CreateTemp(t.TempDir(), "stderr")
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outF, errF
	code = run(args)
	os.Stdout, os.Stderr = oldOut, oldErr
	o, _ := os.ReadFile(outF.Name())
	e, _ := os.ReadFile(errF.Name())
	return code, string(o), string(e)
}

// fixtures are files the error cases point at, made once per test run.
type fixtures struct {
	dir, model, otherSpecModel, text, empty, zeroPNG, hugePNG, badSpec, shrinkSpec, badMagicDir, fileNotDir string
	badResult, noAccResult                                                                                  string
}

func makeFixtures(t *testing.T) fixtures {
	t.Helper()
	dir := t.TempDir()
	f := fixtures{dir: dir}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	m, err := cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	f.model = filepath.Join(dir, "model")
	if err := m.Save(f.model, nil, nil); err != nil {
		t.Fatal(err)
	}
	// A model directory whose model.json describes another architecture than its weights.
	f.otherSpecModel = filepath.Join(dir, "other")
	os.CopyFS(f.otherSpecModel, os.DirFS(f.model))
	hp := cnnlib.PostHyperparameters()
	hp.Filters = []int{8, 8, 8, 8}
	other, _ := hp.Spec()
	data, _ := json.Marshal(map[string]any{"format": "werkbank-model/1", "spec": other, "init_seed": 1})
	os.WriteFile(filepath.Join(f.otherSpecModel, cnnlib.ModelFile), data, 0o644)

	f.text = write("notes.png", []byte("this is not an image\n"))
	f.empty = write("empty.png", nil)
	f.zeroPNG = write("zero.png", pngHeader(0, 0))
	f.hugePNG = write("huge.png", pngHeader(20000, 20000))
	f.badSpec = write("bad-spec.json", []byte(`{"name": "x", "layers": [`))
	shrink := cnnlib.PostModel()
	shrink.Layers = append([]cnnlib.Layer{{Type: cnnlib.MaxPooling2D, PoolSize: [2]int{29, 29}}}, shrink.Layers...)
	data, _ = json.Marshal(shrink)
	f.shrinkSpec = write("shrink-spec.json", data)
	f.badMagicDir = filepath.Join(dir, "badmagic")
	os.Mkdir(f.badMagicDir, 0o755)
	os.WriteFile(filepath.Join(f.badMagicDir, "train-images-idx3-ubyte.gz"), []byte{0, 0, 8, 1, 0, 0, 0, 0}, 0o644)
	f.fileNotDir = write("a-file", []byte("x"))
	f.badResult = write("bad-result.json", []byte(`{"seed": 1, "test_acc": "high"}`))
	f.noAccResult = write("no-acc-result.json", []byte(`{"seed": 1, "val_acc": 0.99}`))
	return f
}

// pngHeader returns a PNG signature and an IHDR chunk declaring w x h pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit grayscale
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// TestBadInputGivesClearErrors runs the command line on bad input: each case
// must exit non-zero, name the offending flag, field or file with what was
// expected, and print no Go stack trace.
func TestBadInputGivesClearErrors(t *testing.T) {
	f := makeFixtures(t)
	// No offline copy from the Go module cache and no network for the data cases.
	noData := []string{"--cache", filepath.Join(f.dir, "empty-cache"), "--no-download"}
	// The cases that get as far as training load the real MNIST the way a
	// user's offline run does (the user cache, else the Go module copy through
	// the module proxy), into a cache of their own: no other test has to have
	// filled one first.
	quick := []string{"--limit-train", "100", "--limit-test", "50", "--no-report", "--out", filepath.Join(f.dir, "run"),
		"--no-download", "--cache", filepath.Join(f.dir, "mnist-cache")}
	cases := []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		// Command line and flags.
		{"unknown command", []string{"trian"}, 2, []string{`unknown command "trian"`}},
		{"unknown flag", []string{"train", "--epoch", "3"}, 2, []string{"-epoch"}},
		{"zero epochs", []string{"train", "--epochs", "0"}, 2, []string{"--epochs 0", "> 0"}},
		{"negative epochs", []string{"train", "--epochs", "-3"}, 2, []string{"--epochs -3"}},
		{"zero batch", []string{"train", "--batch-size", "0"}, 2, []string{"--batch-size 0"}},
		{"zero kernel", []string{"train", "--kernel", "0"}, 2, []string{"--kernel 0", "want > 0"}},
		{"zero dense units", []string{"summary", "--dense", "0"}, 2, []string{"--dense 0", "want > 0"}},
		{"zero eval-every", []string{"train", "--target", "0.98", "--eval-every", "0"}, 2, []string{"--eval-every 0", "steps > 0"}},
		{"batch larger than data", append([]string{"train", "--batch-size", "5000"}, quick...), 1, []string{"batch size 5000", "90 training samples"}},
		{"unknown optimizer", []string{"train", "--optimizer", "adagrad"}, 2, []string{"--optimizer", "adagrad", "rmsprop, adam or sgd"}},
		{"unknown activation", []string{"train", "--activation", "swish"}, 2, []string{`"swish"`, "relu"}},
		{"negative learning rate", []string{"train", "--lr", "-0.1"}, 2, []string{"--lr -0.1"}},
		{"NaN learning rate", []string{"train", "--lr", "NaN"}, 2, []string{"--lr NaN"}},
		{"dropout 1", []string{"train", "--dropout", "1"}, 2, []string{"--dropout 1", "[0, 1)"}},
		{"negative dropout", []string{"train", "--dropout", "-0.2"}, 2, []string{"--dropout -0.2"}},
		{"negative l2", []string{"train", "--l2", "-1"}, 2, []string{"--l2 -1"}},
		{"three filters", []string{"train", "--filters", "32,32,16"}, 2, []string{"--filters", "four"}},
		{"filters not numbers", []string{"train", "--filters", "a,b,c,d"}, 2, []string{"--filters", "positive integers"}},
		{"unknown pooling", []string{"train", "--pooling", "avg"}, 2, []string{"--pooling", "max, batchnorm or bn-max"}},
		{"momentum without sgd", []string{"train", "--momentum", "0.9"}, 2, []string{"--momentum", "sgd"}},
		{"validation split 1", []string{"train", "--validation-split", "1"}, 2, []string{"--validation-split 1"}},
		{"pool shrinks to nothing", []string{"train", "--spec", f.shrinkSpec}, 1, []string{"shrink-spec.json", "max_pooling2d_1", "to nothing"}},
		{"corrupt spec", []string{"train", "--spec", f.badSpec}, 1, []string{"bad-spec.json", "not a valid model spec"}},
		{"unknown backend", append([]string{"train", "--backend", "tpu"}, quick...), 1, []string{`backend "tpu"`, "available"}},
		{"out is a file", []string{"train", "--out", f.fileNotDir}, 1, []string{"a-file"}},
		// Models.
		{"evaluate without --model", []string{"evaluate"}, 2, []string{"--model"}},
		{"missing model dir", []string{"evaluate", "--model", filepath.Join(f.dir, "nope")}, 1, []string{"nope"}},
		{"model is a file", []string{"evaluate", "--model", f.text}, 1, []string{"notes.png"}},
		{"weights of another spec", []string{"evaluate", "--model", f.otherSpecModel}, 1, []string{"conv2d_1/kernel", "shape"}},
		// Images for predict.
		{"not an image", []string{"predict", "--model", f.model, f.text}, 1, []string{"notes.png"}},
		{"empty image file", []string{"predict", "--model", f.model, f.empty}, 1, []string{"empty.png", "empty"}},
		{"0x0 image", []string{"predict", "--model", f.model, f.zeroPNG}, 1, []string{"zero.png", "0x0"}},
		{"huge image", []string{"predict", "--model", f.model, f.hugePNG}, 1, []string{"huge.png", "20000x20000"}},
		{"directory as image", []string{"predict", "--model", f.model, f.dir}, 1, []string{f.dir}},
		{"predict without images", []string{"predict", "--model", f.model}, 2, []string{"IMAGE"}},
		{"predict the top 0", []string{"predict", "--model", f.model, "--top", "0", f.zeroPNG}, 2, []string{"--top 0", ">= 1"}},
		// Sweeps and collected results.
		{"sweep without --out", []string{"sweep", "--print"}, 2, []string{"--out DIR is required"}},
		{"bench of an unknown pooling", []string{"bench", "--pooling", "avg"}, 2, []string{`--pooling "avg"`, "bn-max"}},
		{"lr-find backwards", append([]string{"lr-find", "--start-lr", "1", "--end-lr", "0.1"}, noData...), 2, []string{"from 1 to 0.1", "--start-lr"}},
		{"lr-find with a bad schedule flag", []string{"lr-find", "--lr-every", "2"}, 2, []string{"--lr-every", "--lr-schedule step"}},
		{"lr-find with 0 steps", []string{"lr-find", "--steps", "0"}, 2, []string{"--steps 0", "at least 10"}},
		{"lr-find from rate 0", []string{"lr-find", "--start-lr", "0"}, 2, []string{"--start-lr 0", "want a learning rate > 0"}},
		{"lr-find to rate 0", []string{"lr-find", "--end-lr", "0"}, 2, []string{"--end-lr 0", "want a learning rate > 0"}},
		{"lr-find from a negative rate", []string{"lr-find", "--start-lr", "-1e-6"}, 2, []string{"--start-lr -1e-06", "want a learning rate > 0"}},
		{"bench with 0 images per inference", []string{"bench", "--infer-batch", "0"}, 2, []string{"--infer-batch 0", "want > 0"}},
		{"bench with a zero batch", []string{"bench", "--batch-size", "0"}, 2, []string{"--batch-size 0", "want > 0"}},
		{"bench with 0 steps", []string{"bench", "--steps", "0"}, 2, []string{"--steps 0", "nothing to measure"}},
		{"train with an unknown schedule", []string{"train", "--lr-schedule", "exp"}, 2, []string{`--lr-schedule "exp"`, "onecycle"}},
		{"backward seed range", []string{"sweep", "--out", "s", "--seeds", "5-1"}, 2, []string{"--seeds", `"5-1" runs backwards`}},
		{"grid over no train flag", []string{"sweep", "--out", "s", "--grid", "epoch=1,2"}, 2, []string{"--grid epoch=1,2", "train has no flag --epoch"}},
		{"grid without values", []string{"sweep", "--out", "s", "--grid", "lr"}, 2, []string{"--grid", "NAME=V1,V2"}},
		{"bad value in a grid", []string{"sweep", "--out", "s", "--grid", "lr=0.1,-1"}, 2, []string{"run lr=-1/seed-1", "--lr -1"}},
		{"seed among the train flags", []string{"sweep", "--out", "s", "--", "--seed", "3"}, 2, []string{"--seed", "--seeds"}},
		{"unknown train flag in a sweep", []string{"sweep", "--out", "s", "--", "--epoch", "3"}, 2, []string{"train flags after --", "--epoch"}},
		{"two printed forms", []string{"sweep", "--out", "s", "--print", "--k8s"}, 2, []string{"--print, --slurm and --k8s"}},
		{"slurm tasks of 0 CPUs", []string{"sweep", "--out", "s", "--slurm", "--cpus", "0"}, 2, []string{"--cpus 0", ">= 1"}},
		{"zero epochs in a sweep", []string{"sweep", "--out", "s", "--", "--epochs", "0"}, 2, []string{"--epochs 0", "> 0"}},
		{"collect without dirs", []string{"collect"}, 2, []string{"DIR"}},
		{"collect a dir without results", []string{"collect", f.badMagicDir}, 1, []string{"badmagic", "no result.json"}},
		{"result of the wrong type", []string{"collect", f.badResult}, 1, []string{"bad-result.json", "field test_acc", "string", "want a number"}},
		{"result without test_acc", []string{"collect", f.noAccResult}, 1, []string{"no-acc-result.json", "no field test_acc"}},
		{"figure as jpg", []string{"collect", "--figure", "h.jpg", f.dir}, 2, []string{"--figure h.jpg", ".png or .svg"}},
		{"histogram as jpg", []string{"collect", "--histogram", "h.jpg", f.dir}, 2, []string{"--histogram h.jpg", ".png or .svg"}},
		// Data.
		{"unknown dataset", []string{"data", "--dataset", "kmnist"}, 2, []string{"--dataset", "kmnist"}},
		{"wrong IDX magic, no other source", append([]string{"data", "--dir", f.badMagicDir}, noData...), 1, []string{"train-images-idx3-ubyte.gz"}},
	}
	// Cases with no Go module copy and no module proxy either.
	offline := map[string]bool{"wrong IDX magic, no other source": true}
	t.Setenv("WERKBANK_DATA", "")
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			if offline[tc.name] {
				t.Setenv("GOFLAGS", "-mod=mod")
				t.Setenv("GOMODCACHE", filepath.Join(f.dir, "no-modcache")) // no offline MNIST copy
				t.Setenv("GOPROXY", "off")
			}
			code, _, stderr := runCLI(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			for _, w := range tc.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not mention %q:\n%s", w, stderr)
				}
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, ".go:") || strings.Contains(stderr, "panic") {
				t.Errorf("a stack trace or panic reached the user:\n%s", stderr)
			}
		})
	}
	if len(cases) < 30 {
		t.Errorf("only %d cases", len(cases))
	}
}

// TestPredictAcceptsUnusualFormats: 16-bit, palette, alpha and JPEG digits are
// not errors.
func TestPredictAcceptsUnusualFormats(t *testing.T) {
	f := makeFixtures(t)
	imgs, _ := filepath.Glob("../../testdata/digits/*.*g")
	if len(imgs) < 5 {
		t.Fatalf("test digits missing: %v", imgs)
	}
	code, stdout, stderr := runCLI(t, append([]string{"predict", "--model", f.model}, imgs...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := strings.Count(stdout, "%"); n < 3*len(imgs) {
		t.Errorf("expected top-3 probabilities for %d images:\n%s", len(imgs), stdout)
	}
	// A 16-bit grayscale PNG made here, too.
	g := image.NewGray16(image.Rect(0, 0, 40, 40))
	for y := 10; y < 30; y++ {
		g.Pix[2*(y*40+20)], g.Pix[2*(y*40+21)] = 0xff, 0xff
	}
	var b bytes.Buffer
	png.Encode(&b, g)
	p := filepath.Join(f.dir, "one16.png")
	os.WriteFile(p, b.Bytes(), 0o644)
	if code, _, stderr := runCLI(t, "predict", "--model", f.model, p); code != 0 {
		t.Errorf("16-bit PNG: exit %d: %s", code, stderr)
	}
}

// TestSecondRunOnSameOutRefuses: two runs writing the same --out at once.
func TestSecondRunOnSameOutRefuses(t *testing.T) {
	out := t.TempDir()
	unlock, err := lockDir(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	code, _, stderr := runCLI(t, "train", "--epochs", "1", "--limit-train", "100", "--out", out)
	if code == 0 || !strings.Contains(stderr, "in use") || !strings.Contains(stderr, out) {
		t.Errorf("second run: exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 1 {
		t.Errorf("the refused run wrote into %s: %v", out, entries)
	}
}

var _ = io.Discard
