// Package nbsource keeps each notebook in one source file for all its
// languages, so that the English and the German notebook cannot drift: their
// code cells are the same text, their prose cells are side by side.
//
// A source file is a sequence of cells, each started by a line
//
//	=== markdown
//	=== code [tag ...]
//
// A markdown cell holds one part per language, each started by a line
// "--- en" or "--- de"; a code cell is shared by all languages. Lines before
// the first cell and lines starting with "#|" are comments. In code, the
// token {{lang}} stands for the notebook's language ("en", "de"), so that
// the setup cell can tell the library which language to speak. Notebook renders
// the notebook of one language as nbformat 4 JSON for the GoNB kernel,
// without outputs (scripts/run-notebooks-inplace.sh adds those).
package nbsource

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Langs are the languages of every notebook; the first is the default.
var Langs = []string{"en", "de"}

// Cell is one cell of a source.
type Cell struct {
	Kind string            // "markdown" or "code"
	Tags []string          // cell tags (code cells: "figure" marks a cell that must show a PNG)
	Code string            // a code cell's source
	Text map[string]string // a markdown cell's source per language
	Line int               // where the cell starts in the source file
}

// Source is a parsed source file.
type Source struct {
	Name  string // the notebook's base name, e.g. "01-ki-werkstatt-cnn"
	Cells []Cell
}

// Parse reads a source file; name is the notebook's base name (used in
// errors and file names).
func Parse(name string, r io.Reader) (*Source, error) {
	s := &Source{Name: name}
	var cur *Cell
	var lang string
	var buf []string
	flush := func() error {
		if cur == nil {
			return nil
		}
		text := strings.Trim(strings.Join(buf, "\n"), "\n")
		buf = nil
		switch {
		case cur.Kind == "code":
			cur.Code = text
		case lang != "":
			cur.Text[lang] = text
		case text != "":
			return fmt.Errorf("%s:%d: markdown text before a \"--- <lang>\" line", name, cur.Line)
		}
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#|"):
			continue
		case strings.HasPrefix(line, "=== "):
			if err := flush(); err != nil {
				return nil, err
			}
			f := strings.Fields(line[4:])
			if len(f) == 0 || (f[0] != "markdown" && f[0] != "code") {
				return nil, fmt.Errorf("%s:%d: %q: want \"=== markdown\" or \"=== code [tags]\"", name, n, line)
			}
			s.Cells = append(s.Cells, Cell{Kind: f[0], Tags: f[1:], Text: map[string]string{}, Line: n})
			cur, lang = &s.Cells[len(s.Cells)-1], ""
		case strings.HasPrefix(line, "--- ") && cur != nil && cur.Kind == "markdown":
			if err := flush(); err != nil {
				return nil, err
			}
			lang = strings.TrimSpace(line[4:])
			if !slices.Contains(Langs, lang) {
				return nil, fmt.Errorf("%s:%d: language %q, want one of %v", name, n, lang, Langs)
			}
			if _, dup := cur.Text[lang]; dup {
				return nil, fmt.Errorf("%s:%d: a second %q part in the cell of line %d", name, n, lang, cur.Line)
			}
		default:
			if cur != nil {
				buf = append(buf, line)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	for _, c := range s.Cells {
		if c.Kind != "markdown" {
			continue
		}
		for _, l := range Langs {
			if strings.TrimSpace(c.Text[l]) == "" {
				return nil, fmt.Errorf("%s:%d: the markdown cell has no %q text", name, c.Line, l)
			}
		}
	}
	if len(s.Cells) == 0 {
		return nil, fmt.Errorf("%s: no cells", name)
	}
	return s, nil
}

// FileName is the notebook file of lang: NAME.ipynb for the first language,
// NAME.LANG.ipynb for the others (in the same directory, so that both find
// the repository, and their work directory, in the same place).
func (s *Source) FileName(lang string) string {
	if lang == Langs[0] {
		return s.Name + ".ipynb"
	}
	return s.Name + "." + lang + ".ipynb"
}

// notebook is the nbformat 4 document.
type notebook struct {
	Cells         []map[string]any `json:"cells"`
	Metadata      map[string]any   `json:"metadata"`
	NBFormat      int              `json:"nbformat"`
	NBFormatMinor int              `json:"nbformat_minor"`
}

// Notebook renders the notebook of lang, without outputs.
func (s *Source) Notebook(lang string) ([]byte, error) {
	if !slices.Contains(Langs, lang) {
		return nil, fmt.Errorf("language %q, want one of %v", lang, Langs)
	}
	nb := notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{
		"kernelspec":    map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
		"language_info": map[string]any{"file_extension": ".go", "mimetype": "text/x-go", "name": "go"},
	}}
	for i, c := range s.Cells {
		meta := map[string]any{}
		if len(c.Tags) > 0 {
			meta["tags"] = c.Tags
		}
		// nbformat 4: a code cell needs execution_count and outputs, a
		// markdown cell may have neither.
		out := map[string]any{"cell_type": c.Kind, "id": fmt.Sprintf("cell-%02d", i), "metadata": meta}
		if c.Kind == "markdown" {
			out["source"] = splitLines(c.Text[lang])
		} else {
			out["source"] = splitLines(c.CodeIn(lang))
			out["execution_count"] = nil
			out["outputs"] = []any{}
		}
		nb.Cells = append(nb.Cells, out)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// LangToken in a code cell stands for the notebook's language.
const LangToken = "{{lang}}"

// CodeIn is a code cell's source in the notebook of lang: LangToken
// replaced by lang.
func (c Cell) CodeIn(lang string) string { return strings.ReplaceAll(c.Code, LangToken, lang) }

// splitLines is Jupyter's form of a cell source: lines with their "\n",
// the last without.
func splitLines(text string) []string {
	if text == "" {
		return []string{}
	}
	return strings.SplitAfter(text, "\n")
}

// Check compares the cells of a notebook file of lang (kind, tags, text;
// outputs and other metadata aside) with the source, and names the first
// cell that differs.
func (s *Source) Check(lang string, ipynb []byte) error {
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Metadata map[string]any  `json:"metadata"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(ipynb, &nb); err != nil {
		return fmt.Errorf("%s: %w", s.FileName(lang), err)
	}
	if len(nb.Cells) != len(s.Cells) {
		return fmt.Errorf("%s has %d cells, its source %d", s.FileName(lang), len(nb.Cells), len(s.Cells))
	}
	for i, c := range nb.Cells {
		want := s.Cells[i]
		var text string
		var lines []string
		if err := json.Unmarshal(c.Source, &lines); err == nil {
			text = strings.Join(lines, "")
		} else if err := json.Unmarshal(c.Source, &text); err != nil {
			return fmt.Errorf("%s: cell %d: %w", s.FileName(lang), i, err)
		}
		var tags []string
		if t, ok := c.Metadata["tags"].([]any); ok {
			for _, x := range t {
				tags = append(tags, fmt.Sprint(x))
			}
		}
		wantText := want.CodeIn(lang)
		if want.Kind == "markdown" {
			wantText = want.Text[lang]
		}
		switch {
		case c.CellType != want.Kind:
			return fmt.Errorf("%s: cell %d is %s, the source's (line %d) %s", s.FileName(lang), i, c.CellType, want.Line, want.Kind)
		case !slices.Equal(tags, want.Tags):
			return fmt.Errorf("%s: cell %d has tags %v, the source's (line %d) %v", s.FileName(lang), i, tags, want.Line, want.Tags)
		case text != wantText:
			return fmt.Errorf("%s: cell %d differs from the source's (line %d): %s", s.FileName(lang), i, want.Line, firstDiff(text, wantText))
		}
	}
	return nil
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d is %q, want %q", i+1, x, y)
		}
	}
	return "they differ"
}
