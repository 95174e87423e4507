// Package lang holds every message and figure text that Werkbank's
// notebooks show, in English and German, and formats numbers the way the
// reader of each language expects (0.9926 and 60,000 in English; 0,9926 and
// 60.000 in German).
//
// The language is one setting per process, English unless set: a notebook
// sets it once in its setup cell (nb.Open), and every package that draws or
// prints for a reader (nb, figures, plots, study) asks Current. The command
// line stays English.
//
// Each message has one key and one text per language, in the catalogs of
// this package: catalog_en_*.go and catalog_de_*.go, one pair per package
// that speaks. Callers never assemble a sentence from parts in two
// languages: they call T or Sprintf with the key, and Sprintf prints float
// arguments with the language's decimal separator.
package lang
