package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// The printed forms of a sweep (--print, --slurm, --k8s) run its runs
// elsewhere: on a machine with GNU parallel, a Slurm cluster or a
// Kubernetes cluster. They name the werkbank binary as binary (--binary),
// and a run started again resumes from the checkpoint in its directory.

// writeCommandList writes one shell command line per run (--print), for
// `werkbank sweep ... --print | parallel -j 4`.
func writeCommandList(w io.Writer, runs []sweepRun, binary string) error {
	for _, r := range runs {
		if _, err := fmt.Fprintln(w, commandLine(binary, r.args)); err != nil {
			return err
		}
	}
	return nil
}

// writeSlurm writes a Slurm batch script (--slurm) that runs the runs as a
// job array, task i the run i, at most jobs at once (0: no limit), each
// task on cpus CPUs (--cpus-per-task: Slurm sets SLURM_CPUS_PER_TASK, which
// werkbank takes for its GOMAXPROCS). A task whose run has a result.json
// exits at once, so that the same script submitted again runs only the runs
// that did not finish. sweep is the sweep's own command line, for the header.
func writeSlurm(w io.Writer, runs []sweepRun, binary, name string, jobs, cpus int, sweep string) error {
	limit := ""
	if jobs > 0 {
		limit = fmt.Sprintf("%%%d", jobs)
	}
	fmt.Fprintf(w, `#!/bin/bash
#SBATCH --job-name=%s
#SBATCH --array=0-%d%s
#SBATCH --cpus-per-task=%d
# %d werkbank training runs as a Slurm job array, written by
#   %s
# Submit it with sbatch from the directory the sweep was planned in: the run
# directories are relative to it. Your cluster's #SBATCH lines (partition,
# --gres=gpu:1, --time) go here. Submitted again, it skips the runs that
# finished (a result.json) and resumes the others from their checkpoints.
set -eu
# skip_finished DIR: end the task when the run in DIR finished before.
skip_finished() {
  if [ -f "$1/result.json" ]; then
    echo "werkbank sweep: $1 finished before (result.json): skipped"
    exit 0
  fi
}
`, name, len(runs)-1, limit, cpus, len(runs), sweep)
	return writeCase(w, "", "SLURM_ARRAY_TASK_ID", "array task", runs, binary, true)
}

// writeK8s writes a Kubernetes Indexed Job manifest (--k8s) that runs the
// runs in pods of image, pod i the run i, at most jobs at once (0: all).
// The pods share the run directories on a PersistentVolumeClaim mounted at
// out when out is absolute, else at /data, their working directory.
func writeK8s(w io.Writer, runs []sweepRun, binary, image, name, out string, jobs int, sweep string) error {
	if jobs == 0 {
		jobs = len(runs)
	}
	mount, workDir := "/data", "\n          workingDir: /data"
	if filepath.IsAbs(out) {
		mount, workDir = filepath.Clean(out), ""
	}
	fmt.Fprintf(w, `# %d werkbank training runs as a Kubernetes Indexed Job, written by
#   %s
# Each pod runs the run of its completion index; a run started again resumes
# from the checkpoint in its directory. The image must have %s on its PATH
# (and the MNIST files, in $WERKBANK_DATA, if the pods cannot download them).
# The run directories go to the PersistentVolumeClaim werkbank-runs
# (ReadWriteMany), which every pod mounts at %s: create it, or name yours.
apiVersion: batch/v1
kind: Job
metadata:
  name: %s
spec:
  completionMode: Indexed
  completions: %d
  parallelism: %d
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: train
          image: %s%s
          command: ["/bin/sh", "-c"]
          args:
            - |
`, len(runs), sweep, binary, mount, name, len(runs), jobs, yamlString(image), workDir)
	if err := writeCase(w, "              ", "JOB_COMPLETION_INDEX", "completion index", runs, binary, false); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, `          volumeMounts:
            - name: runs
              mountPath: %s
      volumes:
        - name: runs
          persistentVolumeClaim:
            claimName: werkbank-runs
`, yamlString(mount))
	return err
}

// writeCase writes a POSIX shell case statement that runs the run whose
// index is in the variable index, each line prefixed with indent. With
// skip, each run first calls skip_finished with its directory (a function
// the script defines).
func writeCase(w io.Writer, indent, index, what string, runs []sweepRun, binary string, skip bool) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%scase \"$%s\" in\n", indent, index)
	for i, r := range runs {
		first := ""
		if skip {
			first = "skip_finished " + shellQuote(r.dir) + "; "
		}
		fmt.Fprintf(&b, "%s  %d) %sexec %s ;;\n", indent, i, first, commandLine(binary, r.args))
	}
	fmt.Fprintf(&b, "%s  *) echo \"werkbank sweep: no run for %s $%s (want 0-%d)\" >&2; exit 2 ;;\n", indent, what, index, len(runs)-1)
	fmt.Fprintf(&b, "%sesac\n", indent)
	_, err := io.WriteString(w, b.String())
	return err
}

// commandLine returns binary and args as one shell command line.
func commandLine(binary string, args []string) string {
	quoted := []string{shellQuote(binary)}
	for _, a := range args {
		quoted = append(quoted, shellQuote(a))
	}
	return strings.Join(quoted, " ")
}

// shellQuote returns s as one shell word: as it is when it holds only
// characters no shell treats specially, else in single quotes.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// yamlString returns s as a YAML scalar: plain when it is safe as one,
// else double-quoted (JSON's quoting is YAML's).
func yamlString(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:@") == "" &&
		!strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "@") {
		return s
	}
	return strconv.Quote(s)
}

// jobName returns the name of a sweep's Slurm or Kubernetes job: werkbank-
// and the last element of its --out, as a DNS label (lower-case letters,
// digits and '-', at most 63 characters), which both accept.
func jobName(out string) string {
	base := strings.ToLower(filepath.Base(filepath.Clean(out)))
	var b strings.Builder
	for _, r := range base {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "sweep"
	}
	name = "werkbank-" + name
	return strings.TrimRight(name[:min(len(name), 63)], "-")
}
