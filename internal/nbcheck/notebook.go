package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// notebook is the part of an .ipynb file (nbformat 4) that the checks read.
type notebook struct {
	Cells []cell `json:"cells"`
}

type cell struct {
	CellType       string    `json:"cell_type"`
	Source         multiline `json:"source"`
	ExecutionCount *int      `json:"execution_count"`
	Metadata       struct {
		Tags    []string `json:"tags"`
		Seconds *float64 `json:"werkbank_seconds"` // the cell's wall time (scripts/test-notebooks.sh's timing hooks)
	} `json:"metadata"`
	Outputs []output `json:"outputs"`
}

type output struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name"` // stream: stdout or stderr
	Text       multiline                  `json:"text"` // stream
	Data       map[string]json.RawMessage `json:"data"` // display_data, execute_result: by MIME type
	Ename      string                     `json:"ename"`
	Evalue     string                     `json:"evalue"`
}

// data returns the output's text of MIME type mime, "" when it has none (or
// it is not text, as JSON data can be).
func (o output) data(mime string) string {
	raw, ok := o.Data[mime]
	if !ok {
		return ""
	}
	var m multiline
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	return string(m)
}

// hasData says whether the output has data of MIME type mime.
func (o output) hasData(mime string) bool {
	_, ok := o.Data[mime]
	return ok
}

// isDisplay says whether the output is display data or a cell's result.
func (o output) isDisplay() bool {
	return o.OutputType == "display_data" || o.OutputType == "execute_result"
}

// multiline is a text of a notebook, stored as one string or as a list of
// lines.
type multiline string

func (m *multiline) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(data, &lines); err != nil {
		return fmt.Errorf("want a string or a list of strings: %w", err)
	}
	*m = multiline(strings.Join(lines, ""))
	return nil
}

// readNotebook reads the notebook at path.
func readNotebook(path string) (*notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("%s: not a notebook: %w", path, err)
	}
	return &nb, nil
}

// label names cell i by its index and the start of its first line, e.g.
// `cell 4 (%% --mode=quick...)`.
func (c cell) label(i int) string {
	first := "empty"
	if lines := splitLines(strings.TrimSpace(string(c.Source))); len(lines) > 0 {
		first = truncate(lines[0], 50)
	}
	return fmt.Sprintf("cell %d (%s...)", i, first)
}

// printed is what the notebook's cells printed: the text of every stream
// output, stdout and stderr, one after the other.
func (nb *notebook) printed() string {
	var b strings.Builder
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.OutputType == "stream" {
				b.WriteString(string(o.Text))
			}
		}
	}
	return b.String()
}

// html is the text/html of every output of the notebook, one after the
// other (GoNB's updatable blocks, such as the live training block).
func (nb *notebook) html() string {
	var b strings.Builder
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			b.WriteString(o.data("text/html"))
		}
	}
	return b.String()
}

// pngs is the number of image/png outputs of the notebook.
func (nb *notebook) pngs() int {
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if o.isDisplay() && o.hasData("image/png") {
				n++
			}
		}
	}
	return n
}

// splitLines splits s into lines at every line boundary Python's
// str.splitlines knows (\n, \r\n, \r, \v, \f, \x1c-\x1e, \x85, U+2028,
// U+2029), without the line ends; a final line end starts no empty line.
func splitLines(s string) []string {
	var lines []string
	start := 0
	for i, r := range s {
		if i < start {
			continue // the \n of a \r\n
		}
		switch r {
		case '\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029':
			lines = append(lines, s[start:i])
			start = i + len(string(r))
		case '\r':
			lines = append(lines, s[start:i])
			start = i + 1
			if strings.HasPrefix(s[start:], "\n") {
				start++
			}
		}
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// truncate returns the first n characters of s.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
