#!/usr/bin/env bash
# Runs two of the printed forms of `werkbank sweep` for real (`make
# test-cluster`; `make test` runs it):
#
#   (a) Slurm: a one-node cluster of its own (munged, slurmctld, slurmd) in a
#       temporary directory runs `werkbank sweep --slurm` (2 seeds x 2 grid
#       points, 2 short epochs each) as a job array. One array task is
#       cancelled (scancel JOB_TASK) in its second epoch; the array runs to its
#       end. The same script is submitted again: the three finished runs skip,
#       the cancelled one resumes from its checkpoint. Every run's result.json
#       and `werkbank collect` (4 runs in 2 configurations) are checked.
#   (b) GNU parallel: `werkbank sweep --print | parallel -j 2`, the same checks.
#
# The cluster reads nothing from /etc/slurm or /etc/munge and writes nothing
# outside its temporary directory: its own slurm.conf (SLURM_CONF points the
# client commands at it), its own munge key and socket, its own ports, state,
# spool, pid and log files. Every daemon it starts is stopped by its process id
# on exit, pass or fail, and the directory is removed (TEST_CLUSTER_KEEP=1
# keeps it). slurmd starts each task as the user who submitted it, so the
# Slurm daemons need root: run as root, or as a user with passwordless sudo.
# `make setup` installs slurm-wlm, munge and parallel (Debian packages).
#
# Settings: TEST_CLUSTER_TIMEOUT, seconds to wait for one job array or
# parallel run [600]; WERKBANK [bin/werkbank, built by make test-cluster].
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WERKBANK=${WERKBANK:-$REPO/bin/werkbank}
TIMEOUT=${TEST_CLUSTER_TIMEOUT:-600}
KEEP=${TEST_CLUSTER_KEEP:-0}
START=$SECONDS

# The sweep: 2 seeds x 2 grid points, small enough for 2 cores. Slurm's runs
# train 2 epochs, so that a task can be cancelled after its first checkpoint.
SWEEP_FLAGS=(--seeds 1-2 --grid dropout=0.2,0.4)
TRAIN_FLAGS=(--limit-train 3000 --limit-test 1000)
RUNS=(dropout=0.2/seed-1 dropout=0.2/seed-2 dropout=0.4/seed-1 dropout=0.4/seed-2)
VICTIM=1 # the array task that is cancelled: dropout=0.2/seed-2

say() { printf '[test-cluster] %s\n' "$*"; }
die() {
	printf '[test-cluster] FAIL: %s\n' "$*" >&2
	exit 1
}

# --- prerequisites ----------------------------------------------------------

# check_tools fails naming what is missing: the cluster's daemons and clients,
# GNU parallel, and werkbank itself.
check_tools() {
	local t missing=()
	for t in munged slurmctld slurmd sbatch squeue scontrol scancel sinfo parallel; do
		command -v "$t" >/dev/null 2>&1 || missing+=("$t")
	done
	[ "${#missing[@]}" = 0 ] || die "not found: ${missing[*]} (Debian packages slurm-wlm, munge, parallel): run \`make setup\`"
	[ -x "$WERKBANK" ] || die "$WERKBANK not found: run \`make build\`"
}

# AS_ROOT runs the Slurm daemons (and removes what they wrote): nothing when
# root, else sudo without a password prompt.
AS_ROOT=()
choose_root() {
	if [ "$(id -u)" = 0 ]; then
		return
	fi
	sudo -n true 2>/dev/null ||
		die "the one-node Slurm cluster needs root (slurmd starts each task as its user): run as root or with passwordless sudo"
	AS_ROOT=(sudo -n)
}

# free_port prints a TCP port on 127.0.0.1 that nothing listens on, so that
# the test's daemons never meet a Slurm already running here (6817, 6818).
free_port() {
	local p try
	for try in $(seq 50); do
		p=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			printf '%s\n' "$p"
			return
		fi
	done
	die "found no free TCP port for the Slurm daemons"
}

# --- the temporary directory and the daemons --------------------------------

TMP=
PIDS=()    # the daemons started, by process id, stopped in reverse order
JOBS=()    # the Slurm jobs submitted, cancelled if still there at exit
on_exit() {
	local rc=$?
	set +e
	if [ "$rc" != 0 ] && [ -n "$TMP" ]; then
		show_logs
	fi
	stop_cluster
	if [ -n "$TMP" ]; then
		if [ "$KEEP" = 1 ]; then
			say "kept $TMP"
		else
			# The Slurm daemons wrote their state as root.
			"${AS_ROOT[@]}" rm -rf "$TMP"
		fi
	fi
	if [ "$rc" = 0 ]; then
		say "passed in $((SECONDS - START)) s"
	else
		say "failed after $((SECONDS - START)) s (rc=$rc)"
	fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

make_tmp() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/werkbank-cluster.XXXXXX")
	# munged wants every directory above its socket searchable by all.
	chmod 755 "$TMP"
	mkdir -p "$TMP/munge" "$TMP/slurm/state" "$TMP/slurm/spool" "$TMP/logs" "$TMP/sweeps"
	chmod 755 "$TMP/munge"
	say "temporary directory $TMP"
}

# start_munged starts a munged of its own: a fresh key (munge needs only that
# the cluster's daemons share it, so /etc/munge/munge.key is not used), its
# socket, pid, seed and log files in $TMP/munge. It runs as the user running
# this script; Slurm's daemons reach it through AuthInfo=socket=.
start_munged() {
	local m=$TMP/munge
	head -c 1024 /dev/urandom >"$m/munge.key"
	chmod 400 "$m/munge.key"
	munged --foreground --key-file="$m/munge.key" --socket="$m/munge.socket" \
		--pid-file="$m/munged.pid" --seed-file="$m/munged.seed" --log-file="$m/munged.log" \
		>"$m/munged.out" 2>&1 &
	PIDS+=($!)
	MUNGE_SOCKET=$m/munge.socket
	local i
	for i in $(seq 100); do
		if munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; then
			say "munged up (pid ${PIDS[-1]})"
			return
		fi
		kill -0 "${PIDS[-1]}" 2>/dev/null || break
		sleep 0.2
	done
	cat "$m/munged.out" >&2
	die "could not start munged (its output above): a credential did not round-trip through $MUNGE_SOCKET"
}

# write_slurm_conf writes the one-node cluster's slurm.conf: this host, its
# CPUs, no cgroups (proctrack/linuxproc, task/none: nothing to set up on the
# machine), CPUs as the consumable resource, every path in $TMP/slurm.
write_slurm_conf() {
	local s=$TMP/slurm
	NODE=$(hostname -s)
	NODE_CPUS=$(nproc)
	export SLURM_CONF=$s/slurm.conf
	local ctld_port slurmd_port
	ctld_port=$(free_port) || exit 1
	slurmd_port=$(free_port) || exit 1
	while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port) || exit 1; done
	cat >"$SLURM_CONF" <<EOF
# A one-node Slurm cluster for scripts/test-cluster.sh.
ClusterName=werkbank-test
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$s/state
SlurmdSpoolDir=$s/spool
SlurmctldPidFile=$s/slurmctld.pid
SlurmdPidFile=$s/slurmd.pid
SlurmctldLogFile=$s/slurmctld.log
SlurmdLogFile=$s/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# Finished tasks stay visible to scontrol for the checks; a cancelled task is
# killed 5 s after its SIGTERM.
MinJobAge=3600
KillWait=5
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$NODE_CPUS State=UNKNOWN
PartitionName=werkbank Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
}

# start_slurm starts slurmctld and slurmd in the foreground of background
# jobs (so that their process ids are ours) and waits, bounded, until the
# node is idle.
start_slurm() {
	local s=$TMP/slurm
	"${AS_ROOT[@]}" slurmctld -D -f "$SLURM_CONF" >"$s/slurmctld.out" 2>&1 &
	PIDS+=($!)
	"${AS_ROOT[@]}" slurmd -D -f "$SLURM_CONF" -N "$NODE" >"$s/slurmd.out" 2>&1 &
	PIDS+=($!)
	local deadline=$((SECONDS + 120)) state=
	while [ "$SECONDS" -lt "$deadline" ]; do
		state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
		if [ "$state" = idle ]; then
			say "Slurm up: node $NODE, $NODE_CPUS CPUs, idle (slurmctld pid ${PIDS[-2]}, slurmd pid ${PIDS[-1]})"
			return
		fi
		kill -0 "${PIDS[-2]}" 2>/dev/null || die "slurmctld exited at startup (see its log above)"
		kill -0 "${PIDS[-1]}" 2>/dev/null || die "slurmd exited at startup (see its log above)"
		sleep 1
	done
	die "the node did not become idle within 120 s (sinfo says: ${state:-nothing})"
}

# stop_cluster cancels the jobs still there (their tasks would outlive
# slurmd), then stops the daemons it started, by process id, newest first.
stop_cluster() {
	local j i pid
	if [ "${#JOBS[@]}" -gt 0 ] && [ -n "$(squeue -h -j "$(IFS=,; echo "${JOBS[*]}")" 2>/dev/null)" ]; then
		say "cancelling jobs ${JOBS[*]}"
		scancel "${JOBS[@]}" 2>/dev/null
		for i in $(seq 30); do
			[ -z "$(squeue -h -j "$(IFS=,; echo "${JOBS[*]}")" 2>/dev/null)" ] && break
			sleep 1
		done
	fi
	for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
		pid=${PIDS[i]}
		kill -0 "$pid" 2>/dev/null || continue
		kill "$pid" 2>/dev/null || "${AS_ROOT[@]}" kill "$pid" 2>/dev/null
		for j in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
		if kill -0 "$pid" 2>/dev/null; then
			kill -9 "$pid" 2>/dev/null || "${AS_ROOT[@]}" kill -9 "$pid" 2>/dev/null
		fi
		wait "$pid" 2>/dev/null
	done
	PIDS=()
}

# show_logs prints the ends of the logs that explain a failure. A daemon's
# own output (.out) repeats its log, so it is shown only where the log is
# empty: a daemon that died before it opened its log.
show_logs() {
	local f
	for f in "$TMP"/munge/munged.out "$TMP"/slurm/*.log "$TMP"/slurm/*.out "$TMP"/logs/*.out \
		"$TMP"/sweeps/*/*/*/train.log "$TMP"/sweeps/*/*/*/stderr.log; do
		[ -s "$f" ] || continue
		case "$f" in
		*/slurm/*.out) [ ! -s "${f%.out}.log" ] || continue ;;
		*/logs/data.out) continue ;;
		esac
		echo "----- ${f#"$TMP"/} (last lines)" >&2
		tail -n 15 "$f" >&2
	done
}

# --- checks -------------------------------------------------------------

# task_states JOB prints "TASK STATE EXITCODE" per array task of JOB, as
# slurmctld remembers them (MinJobAge keeps finished tasks).
task_states() {
	scontrol -o show job "$1" 2>/dev/null |
		sed -n 's/.*ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z_]*\) .*ExitCode=\([0-9:]*\).*/\1 \2 \3/p' | sort -n
}

# wait_job JOB: waits, bounded, until no task of JOB is pending or running.
wait_job() {
	local job=$1 deadline=$((SECONDS + TIMEOUT))
	while [ -n "$(squeue -h -j "$job" -o %i 2>/dev/null)" ]; do
		[ "$SECONDS" -lt "$deadline" ] || {
			squeue -j "$job" >&2
			die "job $job still has tasks in the queue after ${TIMEOUT} s (TEST_CLUSTER_TIMEOUT)"
		}
		kill -0 "${PIDS[-1]}" 2>/dev/null || die "slurmd died while job $job ran"
		sleep 1
	done
}

# expect_states JOB "0 COMPLETED" ...: every array task of JOB ended as given
# (a completed one with exit code 0).
expect_states() {
	local job=$1 want got
	shift
	want=$(for s in "$@"; do
		case "$s" in
		*COMPLETED) echo "$s 0:0" ;;
		*) echo "$s" ;;
		esac
	done)
	got=$(task_states "$job" | while read -r t st ec; do
		case "$st" in
		COMPLETED) echo "$t $st $ec" ;;
		*) echo "$t $st" ;;
		esac
	done)
	[ "$got" = "$want" ] || die "job $job: want its tasks to end as
$want
but they ended as
$got"
}

# check_results DIR: every run of the sweep has a result.json with a test
# accuracy, and there is no other run.
check_results() {
	local dir=$1 r n
	for r in "${RUNS[@]}"; do
		[ -s "$dir/$r/result.json" ] || die "$dir/$r has no result.json (its train.log and stderr.log are above)"
		grep -q '"test_acc": *[0-9.]' "$dir/$r/result.json" || die "$dir/$r/result.json has no test_acc"
	done
	n=$(find "$dir" -name result.json | wc -l)
	[ "$n" = "${#RUNS[@]}" ] || die "$dir has $n result.json files, want ${#RUNS[@]}"
}

# check_collect DIR: werkbank collect finds 4 runs in 2 configurations, each
# run once; prints its table.
check_collect() {
	local dir=$1 line n r
	line=$("$WERKBANK" collect "$dir" --out "$dir/study.md") || die "werkbank collect $dir failed"
	case "$line" in
	*": 4 run(s) in 2 configuration(s);"*) ;;
	*) die "werkbank collect $dir: want 4 run(s) in 2 configuration(s), got: $line" ;;
	esac
	for r in "${RUNS[@]}"; do
		n=$(grep -c -F "$dir/$r/result.json" "$dir/study.json" || true)
		[ "$n" = 1 ] || die "$dir/study.json names run $r $n times, want once"
	done
	say "werkbank collect $dir:"
	cat "$dir/study.md"
}

# --- (a) Slurm ------------------------------------------------------------

# submit SCRIPT NAME: sbatch SCRIPT from the sweeps' directory, its tasks'
# output in $TMP/logs/NAME-TASK.out; sets JOB.
submit() {
	JOB=$(sbatch --parsable --chdir="$TMP/sweeps" --output="$TMP/logs/$2-%a.out" "$1") ||
		die "sbatch $1 failed"
	JOB=${JOB%%;*}
	JOBS+=("$JOB")
	say "submitted $1 as job $JOB"
}

# wait_for_log FILE TEXT: waits, bounded, until FILE contains TEXT.
wait_for_log() {
	local deadline=$((SECONDS + TIMEOUT))
	until grep -q -F "$2" "$1" 2>/dev/null; do
		[ "$SECONDS" -lt "$deadline" ] || die "$1 did not show \"$2\" within ${TIMEOUT} s"
		[ -n "$(squeue -h -j "$JOB" 2>/dev/null)" ] || die "job $JOB ended before $1 showed \"$2\""
		sleep 0.1 # an epoch of the victim takes seconds here, less on a big machine
	done
}

test_slurm() {
	local dir=$TMP/sweeps/slurm cpus=1 script=$TMP/sweeps/slurm.sbatch victim=${RUNS[VICTIM]} r
	# One CPU per task: two tasks share the node at once, and each task's
	# werkbank runs with GOMAXPROCS 1 (below).
	"$WERKBANK" sweep --out "$dir" "${SWEEP_FLAGS[@]}" --slurm --cpus "$cpus" --binary "$WERKBANK" \
		-- --epochs 2 "${TRAIN_FLAGS[@]}" >"$script" || die "werkbank sweep --slurm failed"
	grep -q "^#SBATCH --cpus-per-task=$cpus\$" "$script" || die "$script lacks #SBATCH --cpus-per-task=$cpus"

	say "Slurm: 4 runs, task $VICTIM ($victim) to be cancelled in its second epoch"
	submit "$script" first
	wait_for_log "$dir/$victim/train.log" "Epoch 2/2"
	scancel "${JOB}_$VICTIM" || die "scancel ${JOB}_$VICTIM failed"
	say "cancelled task ${JOB}_$VICTIM in its second epoch"
	wait_job "$JOB"
	expect_states "$JOB" "0 COMPLETED" "$VICTIM CANCELLED" "2 COMPLETED" "3 COMPLETED"
	[ ! -e "$dir/$victim/result.json" ] ||
		die "the cancelled run $victim finished its second epoch before scancel reached it (a machine faster than this test expects: raise --limit-train in TRAIN_FLAGS)"
	[ -d "$dir/$victim/checkpoint" ] || die "the cancelled run $victim has no checkpoint"
	for r in "${RUNS[@]}"; do
		[ "$r" = "$victim" ] || [ -s "$dir/$r/result.json" ] || die "$dir/$r has no result.json after the first job"
	done
	grep -q "GOMAXPROCS $cpus," "$dir/${RUNS[0]}/train.log" ||
		die "$dir/${RUNS[0]}/train.log does not say GOMAXPROCS $cpus (SLURM_CPUS_PER_TASK=$cpus)"
	local before
	before=$(cd "$dir" && sha256sum */*/result.json)

	say "Slurm: the same script again"
	submit "$script" again
	wait_job "$JOB"
	expect_states "$JOB" "0 COMPLETED" "1 COMPLETED" "2 COMPLETED" "3 COMPLETED"
	for r in 0 1 2 3; do
		[ "$r" = "$VICTIM" ] && continue
		grep -q "finished before (result.json): skipped" "$TMP/logs/again-$r.out" ||
			die "task $r of the second job did not skip its finished run ${RUNS[r]}"
	done
	[ "$(cd "$dir" && sha256sum $(echo "$before" | awk '{print $2}'))" = "$before" ] ||
		die "a finished run's result.json changed when the sweep was submitted again"
	grep -q "^Resuming from .* after epoch 1/2" "$dir/$victim/train.log" ||
		die "$dir/$victim/train.log does not say it resumed after epoch 1/2"
	check_results "$dir"
	check_collect "$dir"
}

# --- (b) GNU parallel ------------------------------------------------------

test_parallel() {
	local dir=$TMP/sweeps/parallel list=$TMP/sweeps/parallel.txt
	"$WERKBANK" sweep --out "$dir" "${SWEEP_FLAGS[@]}" --print --binary "$WERKBANK" \
		-- --epochs 1 "${TRAIN_FLAGS[@]}" >"$list" || die "werkbank sweep --print failed"
	say "GNU parallel: 4 runs, 2 at a time"
	# PARALLEL_HOME: parallel's own files in $TMP, not in ~/.parallel.
	PARALLEL_HOME=$TMP/parallel-home timeout "$TIMEOUT" parallel --will-cite -j 2 --halt now,fail=1 \
		--joblog "$TMP/logs/parallel.joblog" <"$list" >"$TMP/logs/parallel.out" 2>&1 ||
		die "parallel -j 2 failed or ran over ${TIMEOUT} s (its joblog: $(tr '\n' ';' <"$TMP/logs/parallel.joblog" 2>/dev/null))"
	local n
	n=$(awk 'NR > 1 && $7 == 0 && $8 == 0' "$TMP/logs/parallel.joblog" | wc -l)
	[ "$n" = 4 ] || die "parallel's joblog has $n runs that exited 0, want 4"
	check_results "$dir"
	check_collect "$dir"
}

check_tools
choose_root
make_tmp
start_munged
write_slurm_conf
start_slurm
# Load the data set once before the tasks do (on a new machine this fills the
# cache; four tasks would each fetch it).
"$WERKBANK" data >"$TMP/logs/data.out" 2>&1 || die "werkbank data failed: $(tail -n 3 "$TMP/logs/data.out")"
t=$SECONDS
test_slurm
say "Slurm part: $((SECONDS - t)) s"
t=$SECONDS
test_parallel
say "GNU parallel part: $((SECONDS - t)) s"
