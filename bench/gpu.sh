#!/usr/bin/env bash
# bench/gpu.sh: werkbank on a GPU through XLA/PJRT, checked and timed against PyTorch, in one call.
#
# Here (a machine with Go):   bench/gpu.sh --build
#   builds bin/werkbank-linux-amd64 (cgo, GOEXPERIMENT=simd) and copies the verified MNIST
#   files to bin/data/mnist; carry bin/werkbank-linux-amd64 and bin/data to the GPU machine.
# There (no network):         bench/gpu.sh [flags]
#   re-runs itself under bench/with-jax-cuda.sh (--wrapper PATH; --no-wrapper), which
#   makes jax's CUDA PJRT plugin loadable as xla:cuda, then runs, each step with a timeout and
#   its full log in the results directory:
#   1. correctness: the first --losses training losses (seed 1, samples in order, the same
#      dropout masks) on the backend (with tf32=false and NVIDIA_TF32_OVERRIDE=0; both graph
#      formulations on XLA) against the pure Go backend; PASS/FAIL per step at --tol relative;
#   2. the post's full run: werkbank train --backend B --seed 1 (--epochs, batch 162);
#   3. PyTorch eager on the same device: torch_blog.py --train (cuda when available), and the ratio;
#   4. throughput: werkbank bench --json on the backend and torch_blog.py --bench (train
#      samples/s at batch 162, inference images/s on the test set);
#   5. --seeds N more full runs (seeds 2..N+1) for models/blog-cnn/SEEDS.md.
#   A table is printed last and written to summary.md.
#
# Flags:
#   --backend CFG      werkbank backend (default xla:cuda)
#   --budget-s N       start no new step after N seconds (default 480); a running step is
#                      killed --grace-s (default 60) seconds after the budget
#   --epochs N         epochs of the full runs (default 15); --limit-train N, --limit-test N pass through
#   --losses N         steps of the correctness check (default 20); --tol X (default 1e-4)
#   --seeds N          extra seeds of the full run (default 0)
#   --bench-steps N    timed steps of step 4 (default 30; 0 skips step 4)
#   --torch-device D   auto (cuda when torch sees one), cuda or cpu; --no-torch skips PyTorch
#   --tf32             leave TF32 on in the full runs and step 4 (both frameworks' defaults on
#                      CUDA); by default it is off in both for a like-for-like float32 comparison
#   --out DIR          results (default bench/results/gpu-<date>, or $OUT/gpu-<date> when the
#                      device tool's $OUT folder exists, so the results come back)
#   --bin PATH         werkbank binary (default bin/werkbank-linux-amd64, else bin/werkbank)
#   --data DIR         MNIST .gz files (default bin/data/mnist when present, else werkbank's sources)
#   --wrapper PATH     (default bench/with-jax-cuda.sh); --no-wrapper runs without it
#   --python PATH      Python with torch (default: the first of $PYTHON, python3, /usr/bin/python3 with torch)
#
# CPU smoke test (no GPU): GOMLX_BACKEND=go bench/gpu.sh --backend go --epochs 1 \
#     --limit-train 2000 --limit-test 500 --no-wrapper
set -uo pipefail
SELF=$(readlink -f "$0")
cd "$(dirname "$SELF")/.."
T0=$(date +%s)

BACKEND=xla:cuda BUDGET=480 GRACE=60 EPOCHS=15 LOSSES=20 TOL=1e-4 SEEDS=0 BENCH_STEPS=30
TORCH_DEVICE=auto TORCH=1 TF32=0 OUTDIR="" BIN="" DATA="" WRAPPER=bench/with-jax-cuda.sh USE_WRAPPER=1
PY_ARG="" BUILD=0 LIMITS=()
ARGS=("$@")
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=1 ;;
    --backend) BACKEND=$2; shift ;;
    --budget-s) BUDGET=$2; shift ;;
    --grace-s) GRACE=$2; shift ;;
    --epochs) EPOCHS=$2; shift ;;
    --limit-train|--limit-test) LIMITS+=("$1" "$2"); shift ;;
    --losses) LOSSES=$2; shift ;;
    --tol) TOL=$2; shift ;;
    --seeds) SEEDS=$2; shift ;;
    --bench-steps) BENCH_STEPS=$2; shift ;;
    --torch-device) TORCH_DEVICE=$2; shift ;;
    --no-torch) TORCH=0 ;;
    --tf32) TF32=1 ;;
    --out) OUTDIR=$2; shift ;;
    --bin) BIN=$2; shift ;;
    --data) DATA=$2; shift ;;
    --wrapper) WRAPPER=$2; shift ;;
    --no-wrapper) USE_WRAPPER=0 ;;
    --python) PY_ARG=$2; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# ---- --build: on the build machine ----
if [ "$BUILD" = 1 ]; then
  set -e
  out=bin/werkbank-linux-amd64
  mkdir -p bin/data/mnist
  echo "gpu.sh: building $out (GOOS=linux GOARCH=amd64 CGO_ENABLED=1 GOEXPERIMENT=simd)"
  GOOS=linux GOARCH=amd64 CGO_ENABLED=1 GOEXPERIMENT=simd go build -ldflags="-s -w" -o "$out" ./cmd/werkbank
  echo "gpu.sh: copying the verified MNIST files to bin/data/mnist"
  GOMLX_NO_AUTO_INSTALL=1 "$out" data --cache bin/data/mnist --no-download >/dev/null
  ls -l "$out" bin/data/mnist
  ldd "$out" 2>/dev/null | sed 's/^/  /'
  echo "gpu.sh: done; carry bin/werkbank-linux-amd64 and bin/data (not all of bin/: the device tool carries 64 MiB at most) and run bench/gpu.sh there"
  exit 0
fi

# ---- the wrapper: re-run this script under it, once ----
if [ "$USE_WRAPPER" = 1 ] && [ -z "${GPU_SH_WRAPPED:-}" ]; then
  if [ ! -x "$WRAPPER" ] && [ ! -f "$WRAPPER" ]; then
    echo "gpu.sh: WARNING: wrapper $WRAPPER not found: running without it (xla:cuda needs a PJRT plugin go-xla finds by itself)"
    WRAPPER_NOTE="wrapper $WRAPPER not found"
  else
    probe=$(bash "$WRAPPER" true 2>&1); rc=$?
    echo "$probe" | sed 's/^/  /'
    if [ $rc = 0 ]; then
      echo "gpu.sh: re-running under $WRAPPER"
      GPU_SH_WRAPPED=1 exec bash "$WRAPPER" bash "$SELF" "${ARGS[@]}"
    elif [ $rc = 3 ]; then
      echo "gpu.sh: WARNING: $WRAPPER found no jax CUDA PJRT plugin (exit 3): running without it; xla:cuda will likely fail, the PyTorch steps still run"
      WRAPPER_NOTE="wrapper found no CUDA PJRT plugin (exit 3)"
    else
      echo "gpu.sh: WARNING: $WRAPPER failed (exit $rc): running without it"
      WRAPPER_NOTE="wrapper failed (exit $rc)"
    fi
  fi
elif [ "$USE_WRAPPER" = 0 ]; then
  WRAPPER_NOTE="--no-wrapper"
else
  WRAPPER_NOTE="under $WRAPPER (plugin ${WITH_JAX_CUDA_PLUGIN:-?})"
fi
export GOMLX_NO_AUTO_INSTALL=1

# ---- setup ----
DATE=$(date +%Y-%m-%dT%H-%M-%S)
if [ -z "$OUTDIR" ]; then
  if [ -n "${OUT:-}" ] && [ -d "${OUT:-}" ] && [ -w "${OUT:-}" ]; then OUTDIR=$OUT/gpu-$DATE; else OUTDIR=bench/results/gpu-$DATE; fi
fi
mkdir -p "$OUTDIR" || exit 1
exec > >(tee -a "$OUTDIR/console.log") 2>&1
TEE_PID=$!

if [ -z "$BIN" ]; then
  for b in bin/werkbank-linux-amd64 bin/werkbank; do [ -x "$b" ] && { BIN=$b; break; }; done
fi
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "gpu.sh: no werkbank binary (bench/gpu.sh --build first, or --bin PATH)"; exit 1; }
DATA_FLAGS=(--no-download)
[ -z "$DATA" ] && [ -f bin/data/mnist/t10k-labels-idx1-ubyte.gz ] && DATA=bin/data/mnist
[ -n "$DATA" ] && DATA_FLAGS+=(--dir "$DATA")

PY=""
for p in $PY_ARG ${PYTHON:-} python3 /usr/bin/python3; do
  command -v "$p" >/dev/null 2>&1 && "$p" -c 'import torch, numpy' >/dev/null 2>&1 && { PY=$p; break; }
done
SUMPY=$PY
[ -z "$SUMPY" ] && for p in python3 /usr/bin/python3; do command -v "$p" >/dev/null && { SUMPY=$p; break; }; done
if [ "$TORCH" = 1 ] && [ -z "$PY" ]; then
  echo "gpu.sh: WARNING: no Python with torch and numpy found (--python PATH): the PyTorch steps are skipped"
  TORCH=0
fi
if [ "$TORCH" = 1 ] && [ "$TORCH_DEVICE" = auto ]; then
  TORCH_DEVICE=$("$PY" -c 'import torch; print("cuda" if torch.cuda.is_available() else "cpu")')
fi

is_xla() { case $1 in xla*) return 0 ;; esac; return 1; }
# with_opt CFG OPT: CFG with ",OPT" unless it already sets that option.
with_opt() { case ",${1#*:}," in *",${2%%=*}="*|*",${2%%=*},"*) echo "$1" ;; *) echo "$1,$2" ;; esac; }
# set_backend CFG: the backend of the runs (RUN_BACKEND: tf32=false unless --tf32) and of the
# correctness check (CHECK_CFG: always tf32=false).
set_backend() {
  BACKEND=$1 RUN_BACKEND=$1 CHECK_CFG=$1
  if is_xla "$1"; then
    CHECK_CFG=$(with_opt "$1" tf32=false)
    [ "$TF32" = 0 ] && RUN_BACKEND=$CHECK_CFG
  fi
}
set_backend "$BACKEND"
TORCH_TF32_FLAG=(--no-tf32)
if [ "$TF32" = 0 ]; then export NVIDIA_TF32_OVERRIDE=0; else TORCH_TF32_FLAG=(); fi

{
  echo "== bench/gpu.sh $DATE"
  echo "args: ${ARGS[*]}"
  echo "host: $(hostname) $(uname -sr); nproc $(nproc); cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "gpu: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo none)"
  echo "wrapper: $WRAPPER_NOTE"
  echo "werkbank: $BIN ($(go version "$BIN" 2>/dev/null | cut -d' ' -f2- || true)); data: ${DATA:-the default sources of werkbank}"
  echo "backend: $BACKEND (full runs: $RUN_BACKEND; TF32 $([ "$TF32" = 1 ] && echo 'on (defaults)' || echo 'off: tf32=false, NVIDIA_TF32_OVERRIDE=0, torch --no-tf32'))"
  echo "torch: $([ "$TORCH" = 1 ] && "$PY" -c 'import torch; print(torch.__version__)' 2>/dev/null) $([ "$TORCH" = 1 ] && echo "on $TORCH_DEVICE ($PY)" || echo skipped)"
  echo "budget: ${BUDGET}s (+${GRACE}s grace); epochs $EPOCHS ${LIMITS[*]}; results: $OUTDIR"
  env | grep -E '^(GOMLX_|PJRT_|XLA_FLAGS|NVIDIA_TF32|WITH_JAX|CUDA_VISIBLE)' | sort
  nvidia-smi 2>/dev/null
} | tee "$OUTDIR/machine.txt"

declare -A STATUS SECS
elapsed() { echo $(( $(date +%s) - T0 )); }
# run_step NAME TIMEOUT CMD...: runs CMD (stdout to NAME.out, stderr to NAME.log) unless the
# budget is spent; the timeout is cut to what is left of the budget plus the grace.
run_step() {
  local name=$1 limit=$2; shift 2
  local left=$(( BUDGET + GRACE - $(elapsed) ))
  if [ "$(elapsed)" -ge "$BUDGET" ]; then
    echo "-- $name: SKIPPED (budget of ${BUDGET}s spent)"; STATUS[$name]=skipped; return 99
  fi
  [ "$left" -lt "$limit" ] && limit=$left
  echo "-- $name (timeout ${limit}s): $*"
  local t=$(date +%s.%N) rc
  timeout --kill-after=10 "$limit" "$@" > "$OUTDIR/$name.out" 2> "$OUTDIR/$name.log"; rc=$?
  SECS[$name]=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  case $rc in
    0) STATUS[$name]=ok ;;
    124|137) STATUS[$name]="TIMEOUT after ${limit}s" ;;
    *) STATUS[$name]="FAILED (exit $rc)" ;;
  esac
  echo "   ${STATUS[$name]} in ${SECS[$name]}s; log $OUTDIR/$name.log"
  [ $rc = 0 ] || tail -5 "$OUTDIR/$name.log" | sed 's/^/   | /'
  return $rc
}

# ---- 1. correctness ----
echo "== 1. correctness: the first $LOSSES training losses, seed 1, on $BACKEND vs go (relative tolerance $TOL)"
echo "   float32 sums are reordered on the GPU (and cuDNN picks its own convolution algorithms), so the"
echo "   losses agree to rounding, not bit for bit; TF32 is off here: tf32=false (dots) and"
echo "   NVIDIA_TF32_OVERRIDE=0 (cuBLAS/cuDNN, which covers the convolutions go-xla leaves at DEFAULT precision)."
losses_of() { sed -n 's/^step \([0-9]*\) loss \([-0-9.eE+naNInf]*\)$/\1 \2/p' "$OUTDIR/$1.out"; }
firststep_of() { sed -n 's/^first step (compile + run): \([0-9.]*\) s$/\1/p' "$OUTDIR/$1.out"; }
VARIANTS=(default)
is_xla "$BACKEND" && VARIANTS=(stock fast)
run_step losses-go 300 env NVIDIA_TF32_OVERRIDE=0 "$BIN" bench --backend go --losses "$LOSSES" --seed 1 "${DATA_FLAGS[@]}"
CORRECT="not run" FIRST_STEP=""
for v in "${VARIANTS[@]}"; do
  form=(); [ "$v" != default ] && form=(--formulation "$v")
  name=losses-$v
  run_step "$name" 300 env NVIDIA_TF32_OVERRIDE=0 "$BIN" bench --backend "$CHECK_CFG" "${form[@]}" --losses "$LOSSES" --seed 1 "${DATA_FLAGS[@]}"
  rc=$?
  # go-xla may not find the plugin by its name ("cuda"): the wrapper exports its absolute path.
  if [ $rc != 0 ] && [ $rc != 99 ] && [ -z "${SWITCHED:-}" ] && is_xla "$BACKEND" && [ -n "${WITH_JAX_CUDA_PLUGIN:-}" ] \
      && grep -qi plugin "$OUTDIR/$name.log"; then
    SWITCHED=1 opts=""
    case $BACKEND in *,*) opts=",${BACKEND#*,}" ;; esac
    echo "   the plugin was not found by name: retrying with its path, xla:$WITH_JAX_CUDA_PLUGIN$opts, for all steps"
    mv "$OUTDIR/$name.log" "$OUTDIR/$name.by-name.log"
    set_backend "xla:$WITH_JAX_CUDA_PLUGIN$opts"
    run_step "$name" 300 env NVIDIA_TF32_OVERRIDE=0 "$BIN" bench --backend "$CHECK_CFG" "${form[@]}" --losses "$LOSSES" --seed 1 "${DATA_FLAGS[@]}"
    rc=$?
  fi
  if [ $rc = 0 ] && [ "${STATUS[losses-go]}" = ok ]; then
    [ -z "$FIRST_STEP" ] && FIRST_STEP=$(firststep_of "$name")
    result=$(awk 'NR == FNR { ref[$1] = $2; next } { print $1, ref[$1], $2 }' <(losses_of losses-go) <(losses_of "$name") |
      awk -v tol="$TOL" -v v="$v" -v want="$LOSSES" '
      BEGIN { printf "   %-5s %-12s %-12s %-10s %s\n", "step", "go", v, "rel.diff", "check" }
      { if ($2 == "" || $3 == "" || $2 + 0 == 0) { r = 1 } else { d = $2 - $3; if (d < 0) d = -d; r = d / ($2 < 0 ? -$2 : $2) }
        ok = (r <= tol)
        printf "   %-5d %-12s %-12s %-10.2e %s\n", $1, $2, $3, r, ok ? "PASS" : "FAIL"; n++; bad += !ok
        if (r > max) max = r }
      END { printf "   %s: %d/%d steps within %s (max rel.diff %.2e)\n", (n == want && bad == 0) ? "PASS" : "FAIL", n - bad, want, tol, max }')
    echo "$result"
    verdict=$(echo "$result" | tail -1 | awk '{print $1}' | tr -d :)
    STATUS[$name]="$verdict$(echo "$result" | tail -1 | sed 's/^ *[A-Z]*: / (/; s/$/)/')"
    if [ "$v" = default ]; then CORRECT=$verdict; else CORRECT="${CORRECT/not run/} $v:$verdict"; fi
  fi
done

# ---- 2. the post's full run ----
echo "== 2. the post's run: werkbank train --backend $RUN_BACKEND --seed 1 --epochs $EPOCHS ${LIMITS[*]}"
run_step train-seed1 540 "$BIN" train --backend "$RUN_BACKEND" --seed 1 --epochs "$EPOCHS" "${LIMITS[@]}" \
  --out "$OUTDIR/train-seed1" --no-report "${DATA_FLAGS[@]}"

# ---- 3. PyTorch eager ----
if [ "$TORCH" = 1 ]; then
  echo "== 3. PyTorch eager: torch_blog.py --train --device $TORCH_DEVICE --epochs $EPOCHS ${LIMITS[*]}"
  run_step torch-train 540 "$PY" bench/torch_blog.py --train --json --device "$TORCH_DEVICE" --seed 1 \
    --epochs "$EPOCHS" "${LIMITS[@]}" "${TORCH_TF32_FLAG[@]}" ${DATA:+--data "$DATA"}
fi

# ---- 4. throughput ----
if [ "$BENCH_STEPS" -gt 0 ]; then
  echo "== 4. throughput: werkbank bench on $RUN_BACKEND$([ "$TORCH" = 1 ] && echo " and torch_blog.py --bench on $TORCH_DEVICE")"
  lt=(); for ((i = 0; i < ${#LIMITS[@]}; i += 2)); do [ "${LIMITS[i]}" = --limit-test ] && lt=(--limit-test "${LIMITS[i+1]}"); done
  run_step bench-werkbank 240 "$BIN" bench --json --backend "$RUN_BACKEND" --steps "$BENCH_STEPS" "${lt[@]}" "${DATA_FLAGS[@]}"
  if [ "$TORCH" = 1 ]; then
    run_step bench-torch 240 "$PY" bench/torch_blog.py --bench --json --device "$TORCH_DEVICE" --steps "$BENCH_STEPS" \
      "${lt[@]}" "${TORCH_TF32_FLAG[@]}" ${DATA:+--data "$DATA"}
  fi
fi

# ---- 5. more seeds ----
if [ "$SEEDS" -gt 0 ]; then
  echo "== 5. $SEEDS more seeds of the full run"
  for ((s = 2; s <= SEEDS + 1; s++)); do
    run_step "train-seed$s" 540 "$BIN" train --backend "$RUN_BACKEND" --seed "$s" --epochs "$EPOCHS" "${LIMITS[@]}" \
      --out "$OUTDIR/train-seed$s" --no-report "${DATA_FLAGS[@]}" || [ $? != 99 ] || break
  done
fi

# ---- summary ----
{
  echo "== steps"
  for name in losses-go losses-default losses-stock losses-fast train-seed1 torch-train bench-werkbank bench-torch $(for ((s = 2; s <= SEEDS + 1; s++)); do echo "train-seed$s"; done); do
    [ -n "${STATUS[$name]:-}" ] && printf "%-16s %-40s %s\n" "$name" "${STATUS[$name]}" "${SECS[$name]:+${SECS[$name]}s}"
  done
} | tee "$OUTDIR/steps.txt"
echo "== summary ($(elapsed)s in all)"
if [ -n "$SUMPY" ]; then
  "$SUMPY" - "$OUTDIR" "$BACKEND" "$RUN_BACKEND" "${FIRST_STEP:-}" "$CORRECT" <<'EOF' | tee "$OUTDIR/summary.md"
import glob, json, os, re, statistics, sys
out, backend, run_backend, first_step, correct = sys.argv[1:6]

def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None

def werkbank_run(d):
    res, hist = load(os.path.join(d, "result.json")), load(os.path.join(d, "model", "history.json"))
    if not res:
        return None
    secs = [e["seconds"] for e in (hist or {}).get("epochs", [])]
    return {"seconds": res["seconds"], "test_acc": res["test_acc"], "test_loss": res["test_loss"],
            "epochs": len(secs), "epoch1_s": secs[0] if secs else None,
            "epoch_s": statistics.median(secs[1:] if len(secs) > 1 else secs) if secs else None}

w = werkbank_run(os.path.join(out, "train-seed1"))
t = load(os.path.join(out, "torch-train.out"))
bw, bt = load(os.path.join(out, "bench-werkbank.out")), load(os.path.join(out, "bench-torch.out"))
f = lambda x, fmt: (fmt % x) if isinstance(x, (int, float)) else "-"
print("| | werkbank (%s) | PyTorch eager (%s) | werkbank / PyTorch |" % (run_backend, (t or bt or {}).get("backend", "-")))
print("|---|---:|---:|---:|")
note = "\nRatios are werkbank / PyTorch: for times below 1 is faster, for samples/s and images/s above 1 is faster."
def row(name, a, b, fmt, ratio=True):
    r = f(a / b, "%.2f") if ratio and isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else ""
    print("| %s | %s | %s | %s |" % (name, f(a, fmt), f(b, fmt), r))
wt = lambda k: (w or {}).get(k)
tt = lambda k: (t or {}).get(k)
print("| correctness: first losses vs go (%s) | %s | | |" % (backend, correct.strip()))
row("first step s (compile + run)", float(first_step) if first_step else (bw or {}).get("first_step_s"), tt("first_step_s"), "%.2f")
row("epoch 1 s", wt("epoch1_s"), (tt("epochs") or [{}])[0].get("seconds"), "%.2f")
row("s per epoch (median of 2..)", wt("epoch_s"), tt("epoch_s_median"), "%.2f")
row("total training s", wt("seconds"), tt("seconds"), "%.1f")
row("test accuracy", wt("test_acc"), tt("test_acc"), "%.4f", False)
row("test loss", wt("test_loss"), tt("test_loss"), "%.4f", False)
row("train samples/s (bench)", (bw or {}).get("train_samples_per_s"), (bt or {}).get("train_samples_per_s"), "%.0f")
row("inference images/s (bench)", (bw or {}).get("infer_images_per_s"), (bt or {}).get("infer_images_per_s"), "%.0f")
print(note)
seeds = []
for d in sorted(glob.glob(os.path.join(out, "train-seed*")), key=lambda p: int(re.sub(r"\D", "", os.path.basename(p)) or 0)):
    r = werkbank_run(d)
    if r:
        seeds.append((int(re.sub(r"\D", "", os.path.basename(d))), r))
if len(seeds) > 1:
    print()
    print("| seed | test accuracy | test loss | seconds |")
    print("|---:|---:|---:|---:|")
    for s, r in seeds:
        print("| %d | %.4f | %.4f | %.1f |" % (s, r["test_acc"], r["test_loss"], r["seconds"]))
    accs = [r["test_acc"] for _, r in seeds]
    print("| mean ± sd | %.4f ± %.4f | | |" % (statistics.mean(accs), statistics.stdev(accs)))
EOF
fi
echo "results: $OUTDIR"
exec >&- 2>&-
wait "$TEE_PID" 2>/dev/null
exit 0
