package main

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/lang"
)

// piece is a part of a catalog format: a literal text, or one of fmt's verbs.
type piece struct {
	literal string // when verb is 0; %% is already %
	verb    rune
	prec    int  // the verb's precision, -1 when none is given
	padded  bool // a width is given: numbers may have spaces before them
}

// parseFormat splits a format of fmt into literal texts and verbs.
func parseFormat(format string) []piece {
	var out []piece
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, piece{literal: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(format); {
		if format[i] != '%' {
			j := strings.IndexByte(format[i:], '%')
			if j < 0 {
				j = len(format) - i
			}
			lit.WriteString(format[i : i+j])
			i += j
			continue
		}
		if strings.HasPrefix(format[i:], "%%") {
			lit.WriteByte('%')
			i += 2
			continue
		}
		// %[flags][width][.precision][arg index]verb
		j := i + 1
		for j < len(format) && strings.IndexByte("-+# 0", format[j]) >= 0 {
			j++
		}
		k := skipNumber(format, j)
		padded := k > j
		j = k
		prec := -1
		if j < len(format) && format[j] == '.' {
			k := skipNumber(format, j+1)
			prec, _ = strconv.Atoi(format[j+1 : k])
			j = k
		}
		if j < len(format) && format[j] == '[' {
			if k := strings.IndexByte(format[j:], ']'); k >= 0 {
				j += k + 1
			}
		}
		if j >= len(format) { // no verb: fmt prints it as it is
			lit.WriteString(format[i:])
			break
		}
		flush()
		r := []rune(format[j:])[0]
		out = append(out, piece{verb: r, prec: prec, padded: padded})
		i = j + len(string(r))
	}
	flush()
	return out
}

// skipNumber returns the index after the digits (or the *) at s[i:].
func skipNumber(s string, i int) int {
	if i < len(s) && s[i] == '*' {
		return i + 1
	}
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// verbPattern is what a verb can print, as a regular expression: %d digits,
// %.4f a number with four digits after a point or (German) a comma, %s and
// the other verbs any text on the line (as little as possible). A number
// with a width may have spaces before it.
func verbPattern(p piece) string {
	if n := numberPattern(p); n != "" {
		if p.padded {
			return ` *` + n
		}
		return n
	}
	return `.*?`
}

// numberPattern is what a number verb prints, "" for the other verbs.
func numberPattern(p piece) string {
	switch p.verb {
	case 'd':
		return `\d+`
	case 'f', 'F':
		prec := p.prec
		if prec < 0 {
			prec = 6 // fmt's default
		}
		if prec == 0 {
			return `-?\d+`
		}
		return fmt.Sprintf(`-?\d+[.,]\d{%d}`, prec)
	case 'e', 'E', 'g', 'G':
		return `-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?`
	}
	return ""
}

// formatPattern turns a catalog format into a regular expression that
// matches what the format prints: its literal text quoted, its verbs as
// verbPattern writes them.
func formatPattern(format string) string {
	var b strings.Builder
	for _, p := range parseFormat(format) {
		if p.verb == 0 {
			b.WriteString(regexp.QuoteMeta(p.literal))
		} else {
			b.WriteString(verbPattern(p))
		}
	}
	return b.String()
}

// message returns the format of key in l's catalog, or an error when the
// catalog has none.
func message(l lang.Language, key lang.Key) (string, error) {
	format, ok := lang.Format(l, key)
	if !ok {
		return "", fmt.Errorf("the %s catalog has no message %s", l, key)
	}
	return format, nil
}

// messagePattern is formatPattern of key's format in l's catalog.
func messagePattern(l lang.Language, key lang.Key) (string, error) {
	format, err := message(l, key)
	if err != nil {
		return "", err
	}
	return formatPattern(format), nil
}

// englishRun is a literal text of an English message: a German notebook
// that shows it shows an untranslated message.
type englishRun struct {
	key  lang.Key
	text string
}

// minRunWords is how many words a literal text of a message needs to be
// looked for: shorter ones ("loss", "Epoch") are as likely in other text.
const minRunWords = 3

// englishRuns returns the literal texts of at least minRunWords words of
// every English message of the catalogs whose German text differs, in the
// order of their keys (runsOf).
func englishRuns() []englishRun {
	en, de := map[lang.Key]string{}, map[lang.Key]string{}
	for _, k := range lang.Keys(lang.English) {
		en[k], _ = lang.Format(lang.English, k)
		if s, ok := lang.Format(lang.German, k); ok {
			de[k] = s
		}
	}
	return runsOf(en, de)
}

// runsOf returns the literal texts of at least minRunWords words of every
// message of en whose text in de differs, in the order of their keys; a
// text that the message of de holds as well is left out.
func runsOf(en, de map[lang.Key]string) []englishRun {
	keys := slices.Sorted(maps.Keys(en))
	var runs []englishRun
	for _, k := range keys {
		german, ok := de[k]
		if !ok || german == en[k] {
			continue
		}
		german = literalText(german)
		for _, p := range parseFormat(en[k]) {
			text := strings.TrimSpace(p.literal)
			if p.verb != 0 || len(strings.Fields(text)) < minRunWords || strings.Contains(german, text) {
				continue
			}
			runs = append(runs, englishRun{key: k, text: text})
		}
	}
	return runs
}

// literalText is the literal text of a format, its verbs left out.
func literalText(format string) string {
	var b strings.Builder
	for _, p := range parseFormat(format) {
		b.WriteString(p.literal)
		b.WriteByte('\n')
	}
	return b.String()
}

// liveExpectations are what the live browser test must find in the page of
// the edited notebook 01 in language l after Cell > Run All: the edited
// summary line, the start of the training cell's "not the post's model"
// message, Keras' last epoch line and the baseline's description; and the
// CSS selector of the live curves after the last of epochs.
func liveExpectations(l lang.Language, epochs int) (texts []string, selector string) {
	notPost, _ := lang.Format(l, "nb.fit.not_post")
	first := parseFormat(notPost)[0].literal
	texts = []string{"(None, 28, 28, 64)", strings.TrimSpace(first), fmt.Sprintf("Epoch %d/%d", epochs, epochs), lang.In(l, "nb.baseline.quick")}
	return texts, fmt.Sprintf("img[alt=%q]", lang.In(l, "nb.live.alt", epochs))
}

// playLabels are the texts of the play cells (nb's Draw and PickImage) the
// browser test waits for or clicks, in language l: the note that the page
// is connected, and the Done button's label.
func playLabels(l lang.Language) map[string]string {
	return map[string]string{"ready": lang.In(l, "nb.draw.ready"), "done": lang.In(l, "nb.draw.done")}
}
