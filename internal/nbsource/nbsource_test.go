package nbsource

import (
	"encoding/json"
	"strings"
	"testing"
)

const sample = `#| a comment
=== markdown
--- en
# Title

Some text.
--- de
# Titel

Etwas Text.
=== code
%%
fmt.Println("hi")
=== code figure
%%
book.Show()
`

// TestRenderMatchesSource: each language's notebook has the source's
// cells, the same code cells, its own prose, the tags, no outputs; Check
// accepts it and names the cell of any difference.
func TestRenderMatchesSource(t *testing.T) {
	s, err := Parse("x", strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string][]byte{}
	for _, lang := range Langs {
		data, err := s.Notebook(lang)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(lang, data); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		docs[lang] = data
	}
	var en, de struct {
		Cells []struct {
			CellType string         `json:"cell_type"`
			Source   []string       `json:"source"`
			Metadata map[string]any `json:"metadata"`
		} `json:"cells"`
		Metadata map[string]any `json:"metadata"`
	}
	json.Unmarshal(docs["en"], &en)
	json.Unmarshal(docs["de"], &de)
	if len(en.Cells) != 3 || strings.Join(en.Cells[0].Source, "") != "# Title\n\nSome text." || strings.Join(de.Cells[0].Source, "") != "# Titel\n\nEtwas Text." {
		t.Errorf("markdown cells: en %q, de %q", en.Cells[0].Source, de.Cells[0].Source)
	}
	for i := 1; i < 3; i++ {
		if strings.Join(en.Cells[i].Source, "") != strings.Join(de.Cells[i].Source, "") {
			t.Errorf("code cell %d differs between the languages", i)
		}
	}
	if en.Cells[2].Metadata["tags"] == nil || en.Metadata["kernelspec"] == nil {
		t.Errorf("tags or kernelspec missing: %+v %+v", en.Cells[2].Metadata, en.Metadata)
	}
	// nbformat 4: code cells carry execution_count and outputs, markdown
	// cells neither.
	var raw struct{ Cells []map[string]any }
	json.Unmarshal(docs["en"], &raw)
	for i, c := range raw.Cells {
		_, count := c["execution_count"]
		_, outputs := c["outputs"]
		if code := c["cell_type"] == "code"; count != code || outputs != code {
			t.Errorf("cell %d (%v): execution_count %v, outputs %v", i, c["cell_type"], count, outputs)
		}
	}
	if s.FileName("en") != "x.ipynb" || s.FileName("de") != "x.de.ipynb" {
		t.Errorf("file names %s %s", s.FileName("en"), s.FileName("de"))
	}
	edited := strings.Replace(string(docs["de"]), `book.Show()`, `book.Show(1)`, 1)
	if err := s.Check("de", []byte(edited)); err == nil || !strings.Contains(err.Error(), "cell 2") || !strings.Contains(err.Error(), "book.Show(1)") {
		t.Errorf("an edited code cell: %v", err)
	}
}

// TestParseErrors: a source that would give the languages different cells
// is refused with the line.
func TestParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"=== markdown\n--- en\nonly English\n":    `no "de" text`,
		"=== markdown\n--- fr\nBonjour\n":         `language "fr"`,
		"=== markdown\ntext without a language\n": "before a",
		"=== cell\n":                                  `want "=== markdown"`,
		"=== markdown\n--- en\na\n--- en\nb\n":        `a second "en" part`,
		"#| only a comment\n":                         "no cells",
		"=== markdown\n--- en\na\n--- de\n   \n":      `no "de" text`,
		"=== code\nx\n=== markdown\n--- de\nb\n":      `no "en" text`,
		"=== markdown\n--- en\n\n--- de\nb\n=== code": `no "en" text`,
	} {
		_, err := Parse("y", strings.NewReader(src))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", src, err, want)
		}
	}
}

func TestLangTokenInCode(t *testing.T) {
	src, err := Parse("x", strings.NewReader("=== code\nvar book = nb.Open(\"x\", \"{{lang}}\")\n=== markdown\n--- en\nHi\n--- de\nHallo\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs {
		data, err := src.Notebook(l)
		if err != nil {
			t.Fatal(err)
		}
		if want := `nb.Open(\"x\", \"` + l + `\")`; !strings.Contains(string(data), want) {
			t.Errorf("%s: %s lacks %s", l, data, want)
		}
		if err := src.Check(l, data); err != nil {
			t.Errorf("%s: Check: %v", l, err)
		}
	}
}
