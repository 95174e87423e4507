package nb

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// TestMain checks, before any test opens a notebook, that importing the
// package registered no flag: only Open registers the cells' flags.
func TestMain(m *testing.M) {
	if f := flag.CommandLine.Lookup("mode"); f != nil {
		fmt.Fprintln(os.Stderr, "importing nb registered the flag --mode on flag.CommandLine")
		os.Exit(1)
	}
	os.Exit(m.Run())
}
