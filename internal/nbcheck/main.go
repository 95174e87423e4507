// Command nbcheck checks a notebook that jupyter nbconvert --execute ran, and
// its HTML export; scripts/test-notebooks.sh runs it on every notebook.
//
//	go run ./internal/nbcheck [flags] executed.ipynb [export.html]
//
// The notebook: every code cell ran; no cell has an error output (GoNB turns
// a failed compile, a panic or a non-zero exit into one); no stderr output
// holds a failure line ("panic: ", "fatal error: ", "error: " at a line
// start, or "exit status N" with N > 0); every image/png output is a valid
// PNG; every cell tagged "figure" shows one. With -backend, a cell printed
// "GoMLX backend: NAME". With -edited, the model cell was edited
// (scripts/edit-notebook-model.py: 64 filters in the first Conv2D) and the
// summary, the training cell's messages and the live curves must show it. A
// German notebook must show no English message of the catalogs of package
// lang. It prints the cells' timings (the "werkbank_seconds" of their
// metadata) and what failed.
//
// The export: no http(s) script, stylesheet, frame, image or CSS import (no
// CDN), and every PNG of the notebook embedded as a data: URI.
//
// The messages are matched as package lang's catalogs write them, in the
// notebook's language: German for a file name ending in .de.ipynb, English
// otherwise (-lang overrides it). A reworded message changes the check with
// it.
//
// Exit status: 0 when every check passed, 1 when one failed, 2 for a usage
// error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kiwerkstatt/werkbank/lang"
)

// defaultEpochs is the epochs the edited model trains in the default mode:
// the quick budget's (cnnlib.QuickEpochs; the tests keep the two equal).
const defaultEpochs = 2

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the command: the summary lines go to stdout, usage errors to
// stderr; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nbcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nbcheck [flags] executed.ipynb [export.html]")
		fs.PrintDefaults()
	}
	var o options
	fs.StringVar(&o.backend, "backend", "", "a cell must print \"GoMLX backend: NAME\" with this NAME (e.g. onnx, go); empty: not checked")
	fs.BoolVar(&o.edited, "edited", false, "the model cell was edited (64 filters in the first Conv2D): check that the summary, the training and the live curves show it")
	fs.IntVar(&o.epochs, "epochs", defaultEpochs, "-edited: the epochs the edited model trains; the live block must show \"Epoch N/N\" and the curves after epoch N")
	language := fs.String("lang", "", "the notebook's language, en or de (default: de for a file name ending in .de.ipynb, else en)")
	liveExpect := fs.Bool("live-expect", false, "print, for the notebook named (it need not exist) or -lang, what the live browser test must find in the edited notebook: its texts separated by | on one line, the live curves' CSS selector on the next, the play cells' labels as JSON on the third; then exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "nbcheck: "+format+"\n", a...)
		return 2
	}
	if *liveExpect {
		l := lang.English
		if fs.NArg() > 0 {
			l = languageOf(fs.Arg(0))
		}
		if *language != "" {
			var err error
			if l, err = lang.Parse(*language); err != nil {
				return usage("-lang: %v", err)
			}
		}
		texts, selector := liveExpectations(l, o.epochs)
		labels, _ := json.Marshal(playLabels(l))
		fmt.Fprintln(stdout, strings.Join(texts, "|"))
		fmt.Fprintln(stdout, selector)
		fmt.Fprintln(stdout, string(labels))
		return 0
	}
	if fs.NArg() < 1 || fs.NArg() > 2 {
		fs.Usage()
		return 2
	}
	if o.epochs < 1 {
		return usage("-epochs %d: want >= 1", o.epochs)
	}
	path := fs.Arg(0)
	o.lang = languageOf(path)
	if *language != "" {
		l, err := lang.Parse(*language)
		if err != nil {
			return usage("-lang: %v", err)
		}
		o.lang = l
	}
	nb, err := readNotebook(path)
	if err != nil {
		return usage("%v", err)
	}
	ok := checkNotebook(nb, o).print(stdout)
	if fs.NArg() == 2 {
		html, err := os.ReadFile(fs.Arg(1))
		if err != nil {
			return usage("%v", err)
		}
		ok = checkHTML(nb, string(html)).print(stdout) && ok
	}
	if !ok {
		return 1
	}
	return 0
}

// languageOf is the language of the notebook at path: German for
// NAME.de.ipynb, English otherwise.
func languageOf(path string) lang.Language {
	if strings.HasSuffix(path, ".de.ipynb") {
		return lang.German
	}
	return lang.English
}
