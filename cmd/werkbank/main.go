// Command werkbank trains, evaluates and looks inside the CNN of the
// KI-Werkstatt blog post. Run `werkbank help` for the list of subcommands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
)

// command is one subcommand: run parses its own flags from args.
type command struct {
	summary string
	run     func(args []string) error
}

// commands is filled by the init functions of the cmd_*.go files.
var commands = map[string]command{}

func register(name, summary string, run func(args []string) error) {
	commands[name] = command{summary: summary, run: run}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: werkbank <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(os.Stderr, "\nRun `werkbank <command> --help` for the flags of one command.")
}

func main() {
	limitGOMAXPROCS()
	os.Exit(run(os.Args[1:]))
}

// run dispatches to a subcommand and turns every failure, panics included,
// into a one-line message and a non-zero exit code: no stack trace reaches a user
// unless WERKBANK_DEBUG is set.
func run(args []string) (code int) {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage()
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "werkbank: unknown command %q\n\n", args[0])
		usage()
		return 2
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "werkbank %s: internal error: %v\n", args[0], r)
			if os.Getenv("WERKBANK_DEBUG") != "" {
				os.Stderr.Write(debug.Stack())
			}
			code = 1
		}
	}()
	if err := cmd.run(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(os.Stderr, "werkbank %s: %v\n", args[0], err)
		var exit exitCode
		if errors.As(err, &exit) {
			return int(exit)
		}
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

// errUsage marks errors in how the command was called (bad flags): exit code 2.
var errUsage = errors.New("usage error")

// exitCode lets a command choose its exit status.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// usageErrorf returns an error that wraps errUsage, for bad flags and arguments.
func usageErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// newFlagSet returns a flag set that reports errors instead of exiting, and whose
// --help lists every flag with its default.
func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("werkbank "+name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: werkbank %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and wraps flag errors as usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		// The flag package names flags with one dash; the help and the
		// README write two, as users type them.
		msg := strings.Replace(err.Error(), " -", " --", 1)
		return fmt.Errorf("%w: %s", errUsage, msg)
	}
	return nil
}
