package lang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// verbs are fmt's verbs of a format, in order (%% excluded).
var verbs = regexp.MustCompile(`%[-+# 0]*(\*|\d+)?(\.(\*|\d+))?[a-zA-Z]`)

// verbLetters are the verbs of a format without flags and widths (a
// column may be wider in one language).
func verbLetters(format string) []string {
	var out []string
	for _, v := range verbs.FindAllString(strings.ReplaceAll(format, "%%", ""), -1) {
		out = append(out, v[len(v)-1:])
	}
	return out
}

func TestCatalogsHaveTheSameKeysAndVerbs(t *testing.T) {
	for _, l := range Languages[1:] {
		for _, k := range Keys(English) {
			other, ok := Format(l, k)
			if !ok {
				t.Errorf("%s: missing in the %s catalog", k, l)
				continue
			}
			en, _ := Format(English, k)
			if a, b := verbLetters(en), verbLetters(other); !slices.Equal(a, b) {
				t.Errorf("%s: verbs %v in English, %v in %s", k, a, b, l)
			}
		}
		for _, k := range Keys(l) {
			if _, ok := Format(English, k); !ok {
				t.Errorf("%s: in the %s catalog, not in the English one", k, l)
			}
		}
	}
}

func TestGermanUsesGermanQuotes(t *testing.T) {
	for _, k := range Keys(German) {
		s, _ := Format(German, k)
		if strings.Contains(s, "\u201e") && !strings.Contains(s, "\u201c") {
			t.Errorf("%s: „ without its closing “: %q", k, s)
		}
		if strings.Count(s, `"`) > 0 && !strings.Contains(s, "%q") {
			t.Errorf("%s: straight quotes in German: %q", k, s)
		}
	}
}

// TestEveryKeyCalledExists scans the module's Go files for calls of T,
// Sprintf, Errorf and In of this package with a literal key and checks the
// key is in the English catalog.
func TestEveryKeyCalledExists(t *testing.T) {
	fset := token.NewFileSet()
	calls := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && d.Name() != ".." || d.Name() == "node_modules" || d.Name() == "runs") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		local := f.Name.Name == "lang"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "lang" {
					name = fn.Sel.Name
				}
			case *ast.Ident:
				if local {
					name = fn.Name
				}
			}
			arg := 0
			switch name {
			case "T", "Sprintf", "Errorf":
			case "In":
				arg = 1
			default:
				return true
			}
			if len(call.Args) <= arg {
				return true
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			calls++
			if _, ok := Format(English, Key(key)); !ok && !strings.HasSuffix(path, "_test.go") {
				t.Errorf("%s: key %q is in no catalog", fset.Position(lit.Pos()), key)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d calls with a literal key", calls)
}
