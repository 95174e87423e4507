package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/kiwerkstatt/werkbank/datasets"
)

func init() {
	register("data", "load a data set and show its splits, label counts and file checksums", runData)
}

// runData loads the data set the way training will, and shows what was
// loaded and from where: the first thing to run on a new machine.
func runData(args []string) error {
	fs := newFlagSet("data", "data [--dir DIR] [--cache DIR] [--dataset mnist|fashion] [--no-download]")
	data := addDataFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	ds, err := data.load(os.Stderr)
	if err != nil {
		return err
	}
	printDataset(os.Stdout, ds)
	return nil
}

func printDataset(w io.Writer, ds *datasets.Dataset) {
	fmt.Fprintf(w, "dataset %s\n\n", ds.Name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "split\tcount\tshape\tlabels 0..9")
	for _, split := range []struct {
		name string
		set  *datasets.Set
	}{{"train", ds.Train}, {"test", ds.Test}} {
		s := split.set
		fmt.Fprintf(tw, "%s\t%d\t(%d, %d, %d)\t%s\n", split.name, s.Count, s.Count, s.Rows, s.Cols,
			strings.Trim(fmt.Sprint(s.LabelHistogram(10)), "[]"))
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "file\tsource\tsha256\tpath")
	for _, f := range ds.Files {
		status := "NOT verified"
		if f.Verified {
			status = "verified"
		}
		path := f.Path
		if f.Cached != "" {
			path += " (cached as " + f.Cached + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s… %s\t%s\n", f.Name, f.Source, f.SHA256[:12], status, path)
	}
	tw.Flush()
}
