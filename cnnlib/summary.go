package cnnlib

import (
	"fmt"
	"github.com/kiwerkstatt/werkbank/lang"
	"io"
	"strings"
)

// summaryWidth and summaryColumns are Keras 2's print_summary layout for
// sequential models: line length 65, columns ending at 45%, 85% and 100%.
const summaryWidth = 65

var summaryColumns = []int{29, 55, 65}

// Summary writes the Keras model.summary() table of the spec, line for line as
// Keras 2 prints it (including its truncation of long class names, as in
// "max_pooling2d_1 (MaxPooling2").
func (s Spec) Summary(w io.Writer) error {
	infos, err := s.Infer()
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(strings.Repeat("_", summaryWidth) + "\n")
	b.WriteString(summaryRow("Layer (type)", "Output Shape", "Param #"))
	b.WriteString(strings.Repeat("=", summaryWidth) + "\n")
	trainable, nonTrainable := 0, 0
	for i, info := range infos {
		b.WriteString(summaryRow(
			fmt.Sprintf("%s (%s)", info.Name, info.Class),
			kerasShape(info.OutputShape),
			fmt.Sprint(info.Trainable+info.NonTrainable)))
		sep := "_"
		if i == len(infos)-1 {
			sep = "="
		}
		b.WriteString(strings.Repeat(sep, summaryWidth) + "\n")
		trainable += info.Trainable
		nonTrainable += info.NonTrainable
	}
	fmt.Fprintf(&b, "Total params: %s\n", lang.ThousandsIn(lang.English, trainable+nonTrainable))
	fmt.Fprintf(&b, "Trainable params: %s\n", lang.ThousandsIn(lang.English, trainable))
	fmt.Fprintf(&b, "Non-trainable params: %s\n", lang.ThousandsIn(lang.English, nonTrainable))
	b.WriteString(strings.Repeat("_", summaryWidth) + "\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// summaryRow mirrors Keras' print_row: each field is cut at its column end, and
// the last character before the next field is replaced by a space.
func summaryRow(fields ...string) string {
	line := ""
	for i, f := range fields {
		if i > 0 {
			line = line[:len(line)-1] + " "
		}
		line += f
		if len(line) > summaryColumns[i] {
			line = line[:summaryColumns[i]]
		}
		line += strings.Repeat(" ", summaryColumns[i]-len(line))
	}
	return line + "\n"
}

// kerasShape formats an output shape with Keras' leading None batch axis.
func kerasShape(dims []int) string {
	parts := []string{"None"}
	for _, d := range dims {
		parts = append(parts, fmt.Sprint(d))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
