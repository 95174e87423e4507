package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/lang"
)

// check runs nbcheck with args and returns its exit status and what it
// printed on stdout and stderr.
func check(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// variant writes a copy of the fixture testdata/name with each old text
// replaced by its new one (pairs), under the same file name (which gives the
// language), and returns its path.
func variant(t *testing.T, name string, pairs ...string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("testdata/%s holds no %q", name, pairs[i])
		}
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantLines fails t unless out holds every line of want, as a whole line.
func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	for _, w := range want {
		found := false
		for _, l := range lines {
			found = found || l == w
		}
		if !found {
			t.Errorf("no line %q in:\n%s", w, out)
		}
	}
}

// TestPassingNotebook: the summary lines of a notebook and export that pass,
// as scripts/test-notebooks.sh prints them.
func TestPassingNotebook(t *testing.T) {
	code, out, errOut := check(t, "-backend", "onnx", "testdata/ok.ipynb", "testdata/ok.html")
	want := `  backend: onnx (as expected)
  6 code cells in 15.4 s of cell time, 1 PNG figures; slowest cells:
      12.35 s  cell 3 (%%...)
       2.50 s  cell 1 (import (...)
       0.25 s  cell 4 (empty...)
       0.25 s  cell 2 (%%...)
       0.05 s  cell 5 (%% --mode=quick --epochs 2 --batch-size 162 --opti...)
  HTML: 0 KiB, 1 embedded PNG images, no remote scripts or styles
`
	if code != 0 || out != want || errOut != "" {
		t.Errorf("exit %d, printed\n%s\nwant\n%s\nstderr: %s", code, out, want, errOut)
	}
	// Without -backend and the export: the timings alone.
	if code, out, _ := check(t, "testdata/ok.ipynb"); code != 0 || strings.Contains(out, "backend") || strings.Contains(out, "HTML") {
		t.Errorf("exit %d, printed\n%s", code, out)
	}
}

// TestFailingCells: each failure of a cell is reported (the fixture is a
// notebook whose cells fail on purpose, named .json so that it is never
// taken for one of the project's notebooks), with the end of
// the failed cells' stderr; warnings on stderr and "exit status 0" are not
// failures.
func TestFailingCells(t *testing.T) {
	code, out, _ := check(t, "testdata/broken-cells.json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out,
		"  problems:",
		"    cell 1 (%%...): did not run",
		"    cell 2 (%%...): stderr: panic: boom",
		"    cell 2 (%%...): stderr: exit status 2",
		"    cell 2 (%%...): error output ERROR: failed to run the cell",
		"    cell 3 (%%...): stderr: error: no data in ~/.cache/werkbank",
		"    cell 4 (%%...): an image/png output is not a valid PNG",
		"    cell 4 (%%...): tagged \"figure\" but shows no PNG",
		"    cell 5 (%%...): tagged \"figure\" but shows no PNG",
		"  --- stderr of cell 2:",
		"    goroutine 1 [running]:",
		"  --- stderr of cell 3:",
		"    note: slow",
	)
	if strings.Contains(out, "    cell 6 (%%...):") {
		t.Errorf("a cell without a failure is reported:\n%s", out)
	}
	if n := strings.Count(out, "    cell "); n != 8 {
		t.Errorf("%d problems, want 8:\n%s", n, out)
	}
	// The notebook that passes, once for each failure.
	for _, c := range []struct {
		name        string
		old, new    string
		wantProblem string
	}{
		{"not run", `"execution_count": 2,`, `"execution_count": null,`, "cell 2 (%%...): did not run"},
		{"panic", "warning: no GPU found", "panic: no GPU found", "cell 3 (%%...): stderr: panic: no GPU found, using the CPU"},
		{"fatal error", "warning: no GPU found", "fatal error: no GPU found", "cell 3 (%%...): stderr: fatal error: no GPU found, using the CPU"},
		{"exit status", "warning: no GPU found", "warning: exit status 1 here", "cell 3 (%%...): stderr: exit status 1 here, using the CPU"},
		{"not a PNG", `"iVBORw0KGgo`, `"iVBORw0KGgX`, "cell 2 (%%...): an image/png output is not a valid PNG"},
		{"no figure", `"image/png"`, `"image/gif"`, `cell 2 (%%...): tagged "figure" but shows no PNG`},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			code, out, _ := check(t, variant(t, "ok.ipynb", c.old, c.new))
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			wantLines(t, out, "  problems:", "    "+c.wantProblem)
		})
	}
}

func TestBackend(t *testing.T) {
	code, out, _ := check(t, "-backend", "go", "testdata/ok.ipynb")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out, "    ran on backend onnx, want go")
	code, out, _ = check(t, "-backend", "onnx", variant(t, "ok.ipynb", "GoMLX backend:", "backend:"))
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out, "    no cell printed its GoMLX backend")
}

// TestEditedModelCell: the edited model's summary, messages and live curves
// are found in either language, and each one missing or reworded in a way
// its catalog does not write is reported.
func TestEditedModelCell(t *testing.T) {
	const ok = "  edited model cell: summary, training, live curves and the spread line show the edit"
	for _, name := range []string{"edited.ipynb", "edited.de.ipynb"} {
		code, out, _ := check(t, "-edited", "-backend", "onnx", "testdata/"+name)
		if code != 0 {
			t.Errorf("%s: exit %d:\n%s", name, code, out)
		}
		wantLines(t, out, ok)
	}
	const (
		summary  = "the summary shows conv2d_1 with 64 filters (640 params)"
		notPost  = "the training cell says the model is not the post's and trains it"
		epoch    = "the live block shows the last epoch's line"
		curves   = "the live block shows the curves"
		baseline = "the training cell prints the baseline's spread under the same budget"
		verdict  = "the training cell says where the edited model lands against it"
	)
	cases := []struct {
		name, file string
		old, new   string
		want       []string
	}{
		{"summary without the edit", "edited.ipynb", "(None, 28, 28, 64)        640", "(None, 28, 28, 32)        320", []string{summary}},
		{"trained as the post's", "edited.ipynb", "Not the post's model and settings (the model)", "Loaded the shipped model (the model)", []string{notPost}},
		{"stopped after epoch 1", "edited.ipynb", "Epoch 2/2", "Epoch 1/2 again", []string{epoch}},
		{"no curves", "edited.ipynb", `alt=\"training curves after epoch 2\"`, `alt=\"curves\"`, []string{curves}},
		{"curves of another epoch", "edited.ipynb", "training curves after epoch 2", "training curves after epoch 1", []string{curves}},
		{"no spread", "edited.ipynb", "the post's model under the same budget: 0.9890 ± 0.0011", "the post's model under the same budget: 0.9890", []string{baseline}},
		{"spread of another budget", "edited.ipynb", "the post's model under the same budget", "the post's model after 15 epochs", []string{baseline}},
		{"no verdict", "edited.ipynb", "This result: 0.9876 lands", "The result: 0.9876 lands", []string{verdict}},
		{"German: summary without the edit", "edited.de.ipynb", "(None, 28, 28, 64)        640", "(None, 28, 28, 16)        160", []string{summary}},
		{"German: trained as the post's", "edited.de.ipynb", "Nicht das Modell und die Einstellungen des Blogs", "Das Modell des Blogs", []string{notPost}},
		{"German: stopped after epoch 1", "edited.de.ipynb", "Epoch 2/2", "Epoche 2/2", []string{epoch}},
		{"German: no curves", "edited.de.ipynb", "Trainingskurven nach Epoche 2", "Trainingskurven", []string{curves}},
		{"German: spread with points", "edited.de.ipynb", "0,9890 ± 0,0011", "0.9890 +- 0.0011", []string{baseline}},
		{"German: no verdict", "edited.de.ipynb", "Dieses Ergebnis:", "Ergebnis:", []string{verdict}},
		{"German: everything in English", "edited.de.ipynb",
			"Dieses Ergebnis: 0,9876 liegt innerhalb der Streuung", "This result: 0,9876 lands inside the spread", []string{verdict}},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			code, out, _ := check(t, "-edited", variant(t, c.file, c.old, c.new))
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range c.want {
				wantLines(t, out, "    edited model cell: "+w+": not found")
			}
			if n := strings.Count(out, "    edited model cell: "); n != len(c.want) {
				t.Errorf("%d problems of the edited model cell, want %d:\n%s", n, len(c.want), out)
			}
			if strings.Contains(out, ok) {
				t.Errorf("says the edit shows:\n%s", out)
			}
		})
	}
	// More epochs than the live block shows.
	code, out, _ := check(t, "-edited", "-epochs", "3", "testdata/edited.ipynb")
	if code != 1 {
		t.Errorf("-epochs 3: exit %d, want 1", code)
	}
	wantLines(t, out, "    edited model cell: "+epoch+": not found", "    edited model cell: "+curves+": not found")
	// A failed cell alone keeps the edited model cell from passing.
	code, out, _ = check(t, "-edited", variant(t, "edited.ipynb", `"execution_count": 2,`, `"execution_count": null,`))
	if code != 1 || strings.Contains(out, ok) {
		t.Errorf("a cell did not run: exit %d:\n%s", code, out)
	}
}

// TestGermanNotebookShowsNoEnglishMessage: an English message of the
// catalogs in a German notebook's outputs is reported with its key and
// cell; the English notebook passes as English and fails as German.
func TestGermanNotebookShowsNoEnglishMessage(t *testing.T) {
	const clean = "  German: no English message of the catalogs in the outputs"
	code, out, _ := check(t, "testdata/edited.de.ipynb")
	if code != 0 {
		t.Errorf("exit %d:\n%s", code, out)
	}
	wantLines(t, out, clean)
	path := variant(t, "edited.de.ipynb", "Test-Genauigkeit nach dem Kurztraining: 0,9876 (Fehler 0,0401)",
		"Test accuracy after the quick budget: 0.9876 (loss 0.0401)")
	code, out, _ = check(t, path)
	if code != 1 || strings.Contains(out, clean) {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
	wantLines(t, out, `    cell 3 (%%...): the English message nb.quick.test in a German notebook: "Test accuracy after the quick budget:"`)
	// The same English text in an English notebook passes, and the check
	// reads the alt text of the live block's image too.
	if code, out, _ := check(t, "testdata/edited.ipynb"); code != 0 || strings.Contains(out, "German") {
		t.Errorf("English notebook: exit %d:\n%s", code, out)
	}
	code, out, _ = check(t, "-lang", "de", "testdata/edited.ipynb")
	if code != 1 {
		t.Errorf("the English notebook as German: exit %d, want 1", code)
	}
	for _, key := range []string{"nb.fit.not_post", "nb.quick.test", "nb.baseline.quick", "nb.live.alt"} {
		if !strings.Contains(out, "    cell 3 (%%...): the English message "+key+" in a German notebook: ") {
			t.Errorf("%s not reported:\n%s", key, out)
		}
	}
	if n := strings.Count(out, "the English message nb.fit.not_post"); n != 1 {
		t.Errorf("nb.fit.not_post reported %d times in one cell, want once", n)
	}
}

func TestHTMLExport(t *testing.T) {
	code, out, _ := check(t, "testdata/ok.ipynb", "testdata/remote.html")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantLines(t, out,
		"  HTML problems:",
		`    remote script: <script src="https://cdn.example.org/require.min.js`,
		`    remote stylesheet/link: <link rel="stylesheet" href="//cdn.example.org/style.css`,
		`    remote embedded resource: <iframe src="https://example.org/widget`,
		`    remote CSS import: @import url("https://fonts.example.org/css?family=Lato`,
		`    remote CSS url(): url('http://cdn.example.org/bg.png`,
		"    the HTML embeds 0 PNG images, the notebook has 1",
	)
	// A failing export fails the run even when the notebook passes, and
	// the other way round.
	if !strings.Contains(out, "1 PNG figures") || strings.Contains(out, "  problems:") {
		t.Errorf("the notebook's own lines:\n%s", out)
	}
	code, out, _ = check(t, "testdata/broken-cells.json", "testdata/ok.html")
	if code != 1 || !strings.Contains(out, "  HTML: 0 KiB, 1 embedded PNG images, no remote scripts or styles") {
		t.Errorf("exit %d, want 1:\n%s", code, out)
	}
}

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "usage: nbcheck"},
		{[]string{"a.ipynb", "a.html", "b"}, "usage: nbcheck"},
		{[]string{"-epochs", "0", "testdata/ok.ipynb"}, "-epochs 0: want >= 1"},
		{[]string{"-lang", "fr", "testdata/ok.ipynb"}, `-lang: language "fr": want en or de`},
		{[]string{"testdata/missing.ipynb"}, "missing.ipynb"},
		{[]string{"testdata/ok.html"}, "ok.html: not a notebook"},
		{[]string{"testdata/ok.ipynb", "testdata/missing.html"}, "missing.html"},
		{[]string{"-no-such-flag", "testdata/ok.ipynb"}, "-no-such-flag"},
	} {
		code, _, errOut := check(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

func TestLanguageOf(t *testing.T) {
	for path, want := range map[string]lang.Language{
		"out/executed/01-ki-werkstatt-cnn.de.ipynb": lang.German,
		"out/executed/01-ki-werkstatt-cnn.ipynb":    lang.English,
		"de.ipynb":                                  lang.English,
		"notes.de.md":                               lang.English,
	} {
		if got := languageOf(path); got != want {
			t.Errorf("languageOf(%q) = %s, want %s", path, got, want)
		}
	}
}

// TestDefaultEpochsAreTheQuickBudgets: -epochs defaults to the quick
// budget's epochs, the training of an edited model cell in the default
// mode (read from cnnlib's source: nbcheck does not link the library).
func TestDefaultEpochsAreTheQuickBudgets(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "..", "cnnlib", "quick.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	obj := f.Scope.Lookup("QuickEpochs")
	if obj == nil {
		t.Fatal("cnnlib/quick.go defines no QuickEpochs")
	}
	spec := obj.Decl.(*ast.ValueSpec)
	lit, ok := spec.Values[nameIndex(spec, obj.Name)].(*ast.BasicLit)
	if !ok {
		t.Fatalf("QuickEpochs is not a literal")
	}
	if n, _ := strconv.Atoi(lit.Value); n != defaultEpochs {
		t.Errorf("cnnlib.QuickEpochs is %d, -epochs defaults to %d", n, defaultEpochs)
	}
}

// nameIndex is the index of name among spec's names.
func nameIndex(spec *ast.ValueSpec, name string) int {
	for i, n := range spec.Names {
		if n.Name == name {
			return i
		}
	}
	return 0
}
