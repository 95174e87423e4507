package numfmt

import "testing"

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 999: "999", 1000: "1,000", 43290: "43,290", 1234567: "1,234,567", 1630874: "1,630,874",
		-999: "-999", -1234: "-1,234", -9223372036854775808: "-9,223,372,036,854,775,808",
	} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
