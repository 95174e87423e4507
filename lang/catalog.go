package lang

import "fmt"

// catalogs holds each language's messages; the catalog_<lang>_<package>.go
// files add theirs with add at init.
var catalogs = map[Language]map[Key]string{English: {}, German: {}}

// add puts the messages of one package into l's catalog; a key defined
// twice is a programming error.
func add(l Language, messages map[Key]string) {
	for k, v := range messages {
		if _, dup := catalogs[l][k]; dup {
			panic(fmt.Sprintf("lang: message %q defined twice in the %s catalog", k, l))
		}
		catalogs[l][k] = v
	}
}

// Keys returns the keys of l's catalog (for tests and checks).
func Keys(l Language) []Key {
	keys := make([]Key, 0, len(catalogs[l]))
	for k := range catalogs[l] {
		keys = append(keys, k)
	}
	return keys
}

// Format returns the unformatted message key of l's catalog and whether it
// exists (the notebook checks build patterns from it).
func Format(l Language, key Key) (string, bool) {
	s, ok := catalogs[l][key]
	return s, ok
}
