package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/lang"
)

func TestFormatPattern(t *testing.T) {
	cases := []struct {
		format   string
		pattern  string
		match    []string
		mismatch []string
	}{
		{"This result: %s.", `This result: .*?\.`, []string{"This result: 0.9876 lands inside.", "This result: ."}, []string{"This result 0.98."}},
		{"Accuracy %.4f (loss %.4f)", `Accuracy -?\d+[.,]\d{4} \(loss -?\d+[.,]\d{4}\)`,
			[]string{"Accuracy 0.9926 (loss 0.0415)", "Accuracy 0,9926 (loss 0,0415)"},
			[]string{"Accuracy 0.99 (loss 0.0415)", "Accuracy 0;9926 (loss 0.0415)"}},
		{"after epoch %d", `after epoch \d+`, []string{"after epoch 2", "after epoch 15"}, []string{"after epoch two"}},
		{"100%% with %%%% --mode=full", `100% with %% --mode=full`, []string{"100% with %% --mode=full"}, []string{"100%% with %% --mode=full"}},
		{"[%v] %q|%5.1f|%.0f|%f|%g", `\[.*?\] .*?\| *-?\d+[.,]\d{1}\|-?\d+\|-?\d+[.,]\d{6}\|-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?`,
			[]string{`[a b] "x"|  3.5|4|0.500000|1e-05`}, []string{`[a b] "x"|3.55|4|0.5|1e-05`}},
		{"odd end %", `odd end %`, []string{"odd end %"}, nil},
	}
	for _, c := range cases {
		p := formatPattern(c.format)
		if p != c.pattern {
			t.Errorf("formatPattern(%q) = %s, want %s", c.format, p, c.pattern)
		}
		re := regexp.MustCompile(`^` + p + `$`)
		for _, s := range c.match {
			if !re.MatchString(s) {
				t.Errorf("%q: pattern %s does not match %q", c.format, p, s)
			}
		}
		for _, s := range c.mismatch {
			if re.MatchString(s) {
				t.Errorf("%q: pattern %s matches %q", c.format, p, s)
			}
		}
	}
}

// TestEveryMessageMatchesItsPattern: what lang prints for each message of
// each catalog, with numbers in the language's form, matches the pattern
// made from its format.
func TestEveryMessageMatchesItsPattern(t *testing.T) {
	for _, l := range lang.Languages {
		keys := lang.Keys(l)
		if len(keys) == 0 {
			t.Fatalf("the %s catalog is empty", l)
		}
		for _, k := range keys {
			format, _ := lang.Format(l, k)
			var args []any
			for _, p := range parseFormat(format) {
				switch p.verb {
				case 0:
				case 'd':
					args = append(args, 12)
				case 'f', 'F', 'e', 'E', 'g', 'G':
					args = append(args, 0.98765)
				default:
					args = append(args, "the model; lr 0.002")
				}
			}
			printed := lang.In(l, k, args...)
			p, err := messagePattern(l, k)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`^` + p + `$`).MatchString(printed) {
				t.Errorf("%s %s: pattern %s does not match %q", l, k, p, printed)
			}
		}
	}
	if _, err := messagePattern(lang.German, "nb.no.such.message"); err == nil || !strings.Contains(err.Error(), "nb.no.such.message") {
		t.Errorf("a missing key: error %v", err)
	}
}

func TestRunsOf(t *testing.T) {
	en := map[lang.Key]string{
		"a.long":         "The model trains for %d epochs: %s is what it learns.",
		"a.short":        "Quick budget: %s.",
		"a.same":         "GoMLX backend used here: %s",
		"a.kept":         "See %s: the accuracy over the epochs",
		"a.untranslated": "only in the English catalog so far",
	}
	de := map[lang.Key]string{
		"a.long":  "Das Modell trainiert %d Epochen: %s lernt es.",
		"a.short": "Kurztraining: %s.",
		"a.same":  "GoMLX backend used here: %s",
		"a.kept":  "Siehe %s: the accuracy over the epochs",
	}
	got := runsOf(en, de)
	want := []englishRun{{"a.long", "The model trains for"}, {"a.long", "is what it learns."}}
	if !slices.Equal(got, want) {
		t.Errorf("runsOf = %q, want %q", got, want)
	}
	// The catalogs' own: every run has enough words and belongs to a
	// message whose German text differs.
	for _, r := range englishRuns() {
		en, _ := lang.Format(lang.English, r.key)
		de, _ := lang.Format(lang.German, r.key)
		if len(strings.Fields(r.text)) < minRunWords || en == de || !strings.Contains(strings.ReplaceAll(en, "%%", "%"), r.text) {
			t.Errorf("run %q of %s", r.text, r.key)
		}
	}
}

func TestLiveExpectationsFollowTheLanguage(t *testing.T) {
	for _, c := range []struct {
		l        lang.Language
		text     string
		selector string
	}{
		{lang.English, "the post's model under the same budget", `img[alt="training curves after epoch 2"]`},
		{lang.German, "das Modell des Blogs im selben Kurztraining", `img[alt="Trainingskurven nach Epoche 2"]`},
	} {
		texts, selector := liveExpectations(c.l, 2)
		if len(texts) != 4 || texts[2] != "Epoch 2/2" || texts[3] != c.text || selector != c.selector || strings.Contains(texts[1], "%") {
			t.Errorf("%s: %q, %s", c.l, texts, selector)
		}
	}
}
