package lang_test

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/lang"
)

func ExampleFloat() {
	for _, l := range lang.Languages {
		lang.Set(l)
		fmt.Println(lang.Float(0.9926, 4), lang.Percent(0.9926, 2), lang.Thousands(60000), lang.Quote("Abb 1"))
	}
	lang.Set(lang.English)
	// Output:
	// 0.9926 99.26% 60,000 “Abb 1”
	// 0,9926 99,26 % 60.000 „Abb 1“
}
