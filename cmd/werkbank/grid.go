package main

import (
	"fmt"
	"slices"
	"strings"
)

// gridAxis is one --grid flag: a train flag and the values it takes.
type gridAxis struct {
	name   string
	values []string
	flag   string // as given, for String
}

// gridFlags are the --grid flags of a sweep, in the order given; the sweep
// runs every combination of their values (points).
type gridFlags []gridAxis

// String implements flag.Value.
func (g *gridFlags) String() string {
	var given []string
	for _, a := range *g {
		given = append(given, a.flag)
	}
	return strings.Join(given, " ")
}

// Set implements flag.Value: NAME=V1,V2,... or, for values that hold
// commas themselves (--filters), NAME=V1|V2|...
func (g *gridFlags) Set(s string) error {
	name, list, ok := strings.Cut(s, "=")
	name = strings.TrimLeft(name, "-")
	if !ok || name == "" || list == "" {
		return fmt.Errorf("want NAME=V1,V2,... like lr=0.001,0.0005 (or NAME=V1|V2 for values with commas)")
	}
	for _, a := range *g {
		if a.name == name {
			return fmt.Errorf("%s is given twice; list all its values in one --grid", name)
		}
	}
	sep := ","
	if strings.Contains(list, "|") {
		sep = "|"
	}
	a := gridAxis{name: name, values: strings.Split(list, sep), flag: s}
	dirs := map[string]string{}
	for _, v := range a.values {
		if v == "" {
			return fmt.Errorf("%s has an empty value", name)
		}
		d := pathSafe(v)
		if prev, dup := dirs[d]; dup {
			if prev == v {
				return fmt.Errorf("%s has the value %q twice", name, v)
			}
			return fmt.Errorf("%s: the values %q and %q would share the directory name %s=%s", name, prev, v, name, d)
		}
		dirs[d] = v
	}
	*g = append(*g, a)
	return nil
}

// gridPoint is one combination of grid values.
type gridPoint struct {
	// name is the point's directory: "lr=0.001,batch-size=64", or "base"
	// for a sweep without a grid.
	name string
	// flags are its train flags: "--lr=0.001", "--batch-size=64".
	flags []string
}

// points returns every combination of the grid's values, the first axis
// varying slowest; without axes, the one point "base".
func (g gridFlags) points() []gridPoint {
	points := []gridPoint{{}}
	for _, a := range g {
		var next []gridPoint
		for _, p := range points {
			for _, v := range a.values {
				name := a.name + "=" + pathSafe(v)
				if p.name != "" {
					name = p.name + "," + name
				}
				flags := append(slices.Clip(p.flags), "--"+a.name+"="+v) // a copy: p's flags are shared
				next = append(next, gridPoint{name: name, flags: flags})
			}
		}
		points = next
	}
	if len(g) == 0 {
		points[0].name = "base"
	}
	return points
}

// pathSafe returns v with every character but letters, digits, '.', '+'
// and '-' replaced by '_', for a directory name that needs no quoting in a
// shell and works on every file system: 32,32,32,16 becomes 32_32_32_16.
func pathSafe(v string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '+', r == '-':
			return r
		}
		return '_'
	}, v)
}
