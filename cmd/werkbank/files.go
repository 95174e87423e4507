package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockDir takes an exclusive lock on dir (a file "lock" inside it), so two runs
// never write the same output directory at once. The lock dies with the process.
func lockDir(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, "lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid, _ := io.ReadAll(f)
		f.Close()
		holder := strings.TrimSpace(string(pid))
		if _, perr := strconv.Atoi(holder); perr != nil {
			holder = "another process"
		} else {
			holder = "process " + holder
		}
		return nil, fmt.Errorf("%s is in use by %s (another werkbank run); wait for it or choose another --out", dir, holder)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() { f.Close() }, nil
}

// lineLog writes progress output to a log file without the intermediate
// carriage-return redraws of the progress bar: only what a line ends with.
type lineLog struct {
	w       io.Writer
	pending []byte
}

func (l *lineLog) Write(p []byte) (int, error) {
	l.pending = append(l.pending, p...)
	for {
		i := bytes.IndexByte(l.pending, '\n')
		if i < 0 {
			break
		}
		line := l.pending[:i]
		if j := bytes.LastIndexByte(line, '\r'); j >= 0 {
			line = line[j+1:]
		}
		if _, err := fmt.Fprintf(l.w, "%s\n", bytes.TrimRight(line, " ")); err != nil {
			return 0, err
		}
		l.pending = l.pending[i+1:]
	}
	return len(p), nil
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
