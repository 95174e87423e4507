package lang

import (
	"fmt"
	"testing"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]Language{"": English, "en": English, "DE": German, " de ": German} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("fr"); err == nil || err.Error() != `language "fr": want en or de` {
		t.Errorf("Parse(fr): %v", err)
	}
}

func TestNumbers(t *testing.T) {
	defer Set(Current())
	for _, c := range []struct {
		l                              Language
		float, percent, thousands, num string
	}{
		{English, "0.9926", "99.26%", "60,000", "1e-05"},
		{German, "0,9926", "99,26 %", "60.000", "1e-05"},
	} {
		Set(c.l)
		if got := Float(0.99264, 4); got != c.float {
			t.Errorf("%s: Float = %q, want %q", c.l, got, c.float)
		}
		if got := Percent(0.99264, 2); got != c.percent {
			t.Errorf("%s: Percent = %q, want %q", c.l, got, c.percent)
		}
		if got := Thousands(60000); got != c.thousands {
			t.Errorf("%s: Thousands = %q, want %q", c.l, got, c.thousands)
		}
		if got := Number(0.00001); got != c.num {
			t.Errorf("%s: Number = %q, want %q", c.l, got, c.num)
		}
	}
	if got := fmt.Sprintf("%8.3f|%-6.1f|", Decimal{-1.5, German}, Decimal{2, German}); got != "  -1,500|2,0   |" {
		t.Errorf("widths: %q", got)
	}
}

func TestInFallsBack(t *testing.T) {
	catalogs[English]["lang.test.only"] = "only %.1f in English"
	defer delete(catalogs[English], "lang.test.only")
	if got := In(German, "lang.test.only", 0.5); got != "only 0,5 in English" {
		t.Errorf("fallback: %q", got)
	}
	if got := In(German, "lang.test.missing"); got != "!lang.test.missing" {
		t.Errorf("missing: %q", got)
	}
}
