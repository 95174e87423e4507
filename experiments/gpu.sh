#!/usr/bin/env bash
# experiments/gpu.sh: the experiments of scripts/experiments.sh on a GPU machine without Go or a
# network (the device machine), each within a time budget, results collected even when cut short.
#
# Here (a machine with Go):  bench/gpu.sh --build
#   builds bin/werkbank-linux-amd64 and copies the verified MNIST files to bin/data/mnist (carry bin/).
# There:                     experiments/gpu.sh [NAME...]    (default: kaggle augment post-seeds batchnorm schedules)
#   re-runs itself under bench/with-jax-cuda.sh (GOMLX_BACKEND=xla:cuda unless set; --no-wrapper
#   skips it), then runs scripts/experiments.sh NAME with at most BUDGET_S seconds each (default
#   150), and collects what finished into $OUT/experiments/NAME (or runs/gpu-experiments/NAME
#   without $OUT); the runs themselves go to $OUT/runs. Sweeps resume, so a second call goes on
#   where the first stopped (on the same machine).
# Environment: BUDGET_S, SEEDS, EPOCHS, JOBS (default 1: one GPU), TORCH_DEVICE (default auto), PYTHON,
# TRAIN_FLAGS (see scripts/experiments.sh).
#
# CPU smoke test: GOMLX_BACKEND=go BUDGET_S=60 EPOCHS=1 SEEDS=1 TRAIN_FLAGS="--limit-train 500 --limit-test 200 --batch-size 100" \
#     WERKBANK=bin/werkbank experiments/gpu.sh --no-wrapper augment
set -uo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/.."
if [ "${1:-}" = --no-wrapper ]; then
	shift
elif [ -z "${WITH_JAX_CUDA_PLUGIN:-}" ]; then
	exec bench/with-jax-cuda.sh "$SELF" "$@"
fi
BASE=${OUT:-runs}
[ -n "${OUT:-}" ] || BASE=runs/gpu-experiments
export WERKBANK=${WERKBANK:-bin/werkbank-linux-amd64}
[ -d bin/data/mnist ] && export WERKBANK_DATA=${WERKBANK_DATA:-bin/data/mnist}
export RUNS=$BASE/runs RESULTS=$BASE/experiments JOBS=${JOBS:-1} TORCH_DEVICE=${TORCH_DEVICE:-auto}
if [ -z "${PYTHON:-}" ]; then
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import torch' 2>/dev/null; then PYTHON=$(command -v "$p"); break; fi
	done
fi
export PYTHON=${PYTHON:-/usr/bin/python3}
BUDGET=${BUDGET_S:-150}
[ -x "$WERKBANK" ] || { echo "experiments/gpu.sh: $WERKBANK missing: run bench/gpu.sh --build here and carry bin/" >&2; exit 2; }
mkdir -p "$RUNS" "$RESULTS"
echo "experiments/gpu.sh: backend ${GOMLX_BACKEND:-auto}, $WERKBANK, python $PYTHON, budget ${BUDGET}s each, results in $RESULTS"
[ $# -gt 0 ] || set -- kaggle augment post-seeds batchnorm schedules
status=0
for name in "$@"; do
	start=$(date +%s)
	timeout --signal=INT --kill-after=30 "$BUDGET" scripts/experiments.sh "$name" >"$RESULTS/$name.log" 2>&1
	rc=$?
	echo "$name: exit $rc after $(($(date +%s) - start)) s (124: budget reached; log $RESULTS/$name.log)"
	if [ -d "$RUNS/$name" ]; then
		TITLE="$name ($(hostname), at most ${BUDGET} s)" scripts/experiments.sh collect "$name" >>"$RESULTS/$name.log" 2>&1 || status=1
	fi
	tail -n 3 "$RESULTS/$name.log"
done
exit $status
