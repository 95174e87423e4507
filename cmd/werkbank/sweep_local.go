package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/kiwerkstatt/werkbank/study"
)

// runLocal runs a sweep's runs on this machine as child processes of the
// werkbank binary exe, at most jobs at once, and reports one line per run
// on w. A run whose result.json exists is skipped, so that the same sweep
// again resumes it (an interrupted run resumes from its checkpoint).
// A child's stderr goes to stderr.log in its run directory; its stdout is
// dropped, as train writes it to train.log there. SIGINT and SIGTERM stop
// starting runs and are passed on to the running ones, which keep their
// checkpoints; runLocal waits for them.
func runLocal(runs []sweepRun, exe string, jobs int, w io.Writer) error {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)

	exits := make(chan runExit)
	running := map[int]*exec.Cmd{}
	tag := func(i int) string { return fmt.Sprintf("[%*d/%d]", len(fmt.Sprint(len(runs))), i+1, len(runs)) }
	var failed, stopped []string
	next, interrupted := 0, false
	for {
		for !interrupted && next < len(runs) && len(running) < jobs {
			i, r := next, runs[next]
			next++
			if res, err := study.ReadRun(filepath.Join(r.dir, "result.json")); err == nil {
				fmt.Fprintf(w, "%s skip  %s: finished before, test acc %.4f\n", tag(i), r.name, res.Result.TestAcc)
				continue
			}
			cmd, err := startRun(exe, i, r, exits)
			if err != nil {
				fmt.Fprintf(w, "%s FAIL  %s: %v\n", tag(i), r.name, err)
				failed = append(failed, r.name)
				continue
			}
			fmt.Fprintf(w, "%s start %s\n", tag(i), r.name)
			running[i] = cmd
		}
		if len(running) == 0 {
			break
		}
		select {
		case sig := <-sigs:
			if !interrupted {
				fmt.Fprintf(w, "sweep: %v: stopping %d running run(s); they keep their checkpoints\n", sig, len(running))
			}
			interrupted = true
			for _, cmd := range running {
				cmd.Process.Signal(sig)
			}
		case e := <-exits:
			r := runs[e.i]
			delete(running, e.i)
			switch {
			case e.err == nil:
				res, err := study.ReadRun(filepath.Join(r.dir, "result.json"))
				if err != nil {
					fmt.Fprintf(w, "%s FAIL  %s: %v\n", tag(e.i), r.name, err)
					failed = append(failed, r.name)
					continue
				}
				fmt.Fprintf(w, "%s done  %s: %s\n", tag(e.i), r.name, runLine(res))
			case interrupted:
				fmt.Fprintf(w, "%s stopped %s\n", tag(e.i), r.name)
				stopped = append(stopped, r.name)
			default:
				log := filepath.Join(r.dir, "stderr.log")
				fmt.Fprintf(w, "%s FAIL  %s: %v: %s (%s)\n", tag(e.i), r.name, e.err, lastLine(log), log)
				failed = append(failed, r.name)
			}
		}
	}
	if interrupted {
		fmt.Fprintf(w, "sweep: interrupted: %d run(s) stopped, %d not started; the same command resumes them\n", len(stopped), len(runs)-next)
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d runs failed: %s (see their stderr.log and train.log)", len(failed), len(runs), strings.Join(failed, ", "))
	}
	if interrupted {
		return exitCode(130)
	}
	fmt.Fprintf(w, "sweep: all %d runs finished\n", len(runs))
	return nil
}

// runLine is what the sweep says of a finished run: its test accuracy,
// validation accuracy and seconds, a dash for what it did not record.
func runLine(r study.Run) string {
	valAcc, seconds := "–", "–"
	if v, ok := r.ValAcc(); ok {
		valAcc = fmt.Sprintf("%.4f", v)
	}
	if v, ok := r.Seconds(); ok {
		seconds = fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("test acc %.4f, val acc %s, %s s", r.Result.TestAcc, valAcc, seconds)
}

// runExit is how run i ended: cmd.Wait's error.
type runExit struct {
	i   int
	err error
}

// startRun starts the run r, the sweep's run i, as a child process of exe,
// its stderr appended to stderr.log in its directory, and sends its exit
// to exits.
func startRun(exe string, i int, r sweepRun, exits chan<- runExit) (*exec.Cmd, error) {
	if err := os.MkdirAll(r.dir, 0o755); err != nil {
		return nil, err
	}
	log, err := os.OpenFile(filepath.Join(r.dir, "stderr.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, r.args...)
	cmd.Stderr = log
	if err := cmd.Start(); err != nil {
		log.Close()
		return nil, err
	}
	go func() {
		err := cmd.Wait()
		log.Close()
		exits <- runExit{i, err}
	}()
	return cmd, nil
}

// lastLine returns the last non-empty line of a file, "" when it has none:
// a failed train's error message.
func lastLine(path string) string {
	data, _ := os.ReadFile(path)
	lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
	return string(lines[len(lines)-1])
}
