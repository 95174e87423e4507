package lang

import (
	"fmt"
	"strings"
	"sync/atomic"
)

// Language is a language of the catalogs, by its ISO 639-1 code.
type Language string

// The languages of the catalogs.
const (
	English Language = "en"
	German  Language = "de"
)

// Languages lists the languages of the catalogs, English first.
var Languages = []Language{English, German}

// Parse returns the language with code s ("en" or "de", any case, "" is
// English), or an error naming both.
func Parse(s string) (Language, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "en":
		return English, nil
	case "de":
		return German, nil
	}
	return "", fmt.Errorf("language %q: want en or de", s)
}

var current atomic.Value // Language

// Set makes l the language of everything printed and drawn from now on.
func Set(l Language) { current.Store(l) }

// Current returns the language set with Set, English when none was.
func Current() Language {
	if l, ok := current.Load().(Language); ok {
		return l
	}
	return English
}

// Key names a message of the catalogs, "<package>.<what>", e.g.
// "figures.accuracy.title".
type Key string

// T returns the message key in the current language (a message without
// verbs; "%%" in it is "%", as in every message).
func T(key Key) string { return In(Current(), key) }

// Sprintf formats the message key of the current language with args
// (fmt's verbs); float arguments use the language's decimal separator.
func Sprintf(key Key, args ...any) string { return In(Current(), key, args...) }

// Errorf is Sprintf as an error.
func Errorf(key Key, args ...any) error { return fmt.Errorf("%s", Sprintf(key, args...)) }

// In is Sprintf in language l. A key missing from l's catalog falls back to
// English, and a key missing there too is returned as "!key" (the tests
// find every key a call site names in both catalogs).
func In(l Language, key Key, args ...any) string {
	format, ok := catalogs[l][key]
	if !ok {
		if format, ok = catalogs[English][key]; !ok {
			return "!" + string(key)
		}
	}
	return fmt.Sprintf(format, localized(l, args)...) // with or without args: "%%" is "%"
}

// localized wraps the float arguments in Decimal for l.
func localized(l Language, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case float64:
			out[i] = Decimal{v, l}
		case float32:
			out[i] = Decimal{float64(v), l}
		default:
			out[i] = a
		}
	}
	return out
}
