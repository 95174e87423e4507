package study

import (
	"flag"
	"slices"
	"strings"

	"github.com/kiwerkstatt/werkbank/lang"
)

// runFlags are the flags of werkbank train that say where and how a run
// is kept, not what it trains: runs that differ only in them are one
// configuration (the seeds of a sweep).
var runFlags = []string{"seed", "out", "no-report"}

// Configuration returns what a run's group is keyed by: its command
// without the flags that leave the training unchanged (--seed, --out,
// --no-report, and any flag of train given its default value, such as the
// post's --epochs 15), or, without a command, its tool and backend
// ("pytorch torch-1.13.0 cpu"). train is werkbank train's flag set: its
// defaults say which values change nothing. A flag train does not know
// keeps its words as they are.
func Configuration(r Result, train *flag.FlagSet) string {
	if r.Command == "" {
		if s := strings.TrimSpace(r.Tool + " " + r.Backend); s != "" {
			return s
		}
		return noCommand
	}
	var kept []string
	words := strings.Fields(r.Command)
	for i := 0; i < len(words); i++ {
		if !strings.HasPrefix(words[i], "-") {
			kept = append(kept, words[i])
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(words[i], "-"), "=")
		f := train.Lookup(name)
		flagWords := words[i : i+1]
		if f != nil && !hasValue {
			if isBoolFlag(f) {
				value = "true"
			} else if i+1 < len(words) {
				flagWords, value = words[i:i+2], words[i+1]
				i++
			}
		}
		switch {
		case slices.Contains(runFlags, name):
		case f != nil && value == f.DefValue:
		default:
			kept = append(kept, flagWords...)
		}
	}
	return strings.Join(kept, " ")
}

// noCommand is the Configuration of a run that recorded no command, tool
// or backend. It is a key of study.json, the same in every language;
// configText shows it to a reader.
const noCommand = "(no command, tool or backend)"

// configText returns configuration c as a reader sees it: c itself, or
// for runs without a command, tool or backend a note that says so in the
// current language.
func configText(c string) string {
	if c == noCommand {
		return lang.T("study.config.none")
	}
	return c
}

// isBoolFlag reports whether f is a flag that takes no value (--augment).
func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
