package main

import "os"

func init() {
	register("summary", "print the Keras model.summary() table of the post's model (or of --spec / the architecture flags)", runSummary)
}

func runSummary(args []string) error {
	fs := newFlagSet("summary", "summary [architecture flags]")
	mf := addModelFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	spec, err := mf.spec()
	if err != nil {
		return err
	}
	return spec.Summary(os.Stdout)
}
