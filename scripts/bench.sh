#!/usr/bin/env bash
# scripts/bench.sh: werkbank against PyTorch on this machine's CPU, side by side, in one run.
#
# Prints the machine (nproc, CPU model, go and torch versions, `top` at the start), runs
# `werkbank bench --json` on every available CPU backend (go; onnx when ONNX Runtime's
# library is installed, see scripts/install-onnxruntime.sh; xla:cpu only when a PJRT CPU
# plugin is installed), then bench/torch_blog.py --bench with the same thread count, and
# prints a table of training samples/s and inference images/s with the ratios to PyTorch,
# and the load average at the start and the end. Then the time to accuracy: the post's model
# under the quick budget (werkbank train --quick, torch_blog.py --train --quick: 2 epochs, one
# cycle up to lr 0.01) with seeds $TTA_SEEDS, and the seconds of training until the
# validation accuracy first reaches $TTA_TARGET (checked every 20 steps, clock stopped), side
# by side with their ratio.
# Everything goes to bench/results/cpu-<date>.md, the raw JSON and logs to
# bench/results/cpu-<date>/. `make bench` calls it. Run it on an idle machine.
#
# usage: scripts/bench.sh [--threads N] [--steps N] [--warmup N] [--quick] [--no-build] [--no-torch]
#   --threads N  GOMAXPROCS of werkbank and torch.set_num_threads (default: nproc)
#   --steps N    timed training steps (default 30), --warmup N steps before them (default 3)
#   --quick      a smoke run: 2 timed steps, 1 warm-up, inference on 1,000 test images
#   --no-build   use bin/werkbank as it is (default: go build it first, GOEXPERIMENT=simd)
#   --no-torch   skip PyTorch
#   --no-tta     skip the time to accuracy (about 5 minutes on 2 cores)
# Env: BACKENDS="go onnx xla:cpu go/stock" overrides the backend list (backend[/formulation]);
#      WERKBANK_BIN (default bin/werkbank); PYTHON (default /usr/bin/python3);
#      TTA_TARGET (default 0.985: under the quick budget the post's model ends at about 0.989
#      validation accuracy, so 0.99 is reached by few seeds), TTA_SEEDS (default "1 2 3").
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=$(nproc) STEPS=30 WARMUP=3 QUICK=0 BUILD=1 TORCH=1 TTA=1
TTA_TARGET=${TTA_TARGET:-0.985} TTA_SEEDS=${TTA_SEEDS:-1 2 3}
while [ $# -gt 0 ]; do
  case $1 in
    --threads) THREADS=$2; shift ;;
    --steps) STEPS=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --no-torch) TORCH=0 ;;
    --no-tta) TTA=0 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
EXTRA=()
if [ "$QUICK" = 1 ]; then
  STEPS=2 WARMUP=1 TTA=0
  EXTRA=(--limit-test 1000)
fi

BIN=${WERKBANK_BIN:-bin/werkbank}
PYTHON=${PYTHON:-/usr/bin/python3}
export GOMLX_NO_AUTO_INSTALL=1 GOEXPERIMENT=simd
DATE=$(date +%Y-%m-%dT%H-%M-%S)
RES=bench/results
RAW=$RES/cpu-$DATE
REPORT=$RES/cpu-$DATE.md
mkdir -p "$RAW"
CONSOLE=$RAW/console.log
exec > >(tee "$CONSOLE") 2>&1
TEE_PID=$!

echo "== scripts/bench.sh $DATE: werkbank vs PyTorch on the CPU ($THREADS threads, $STEPS timed steps after $WARMUP)"

if [ "$BUILD" = 1 ]; then
  echo "== go build -o $BIN ./cmd/werkbank (GOEXPERIMENT=simd)"
  mkdir -p "$(dirname "$BIN")"
  go build -o "$BIN" ./cmd/werkbank
fi
[ -x "$BIN" ] || { echo "bench.sh: $BIN not found (run make build)"; exit 1; }

# PyTorch: Debian's python3-torch; installed with apt when missing and we are root.
TORCH_VERSION="not installed"
if [ "$TORCH" = 1 ]; then
  if ! "$PYTHON" -c 'import torch, numpy' 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "== PyTorch missing: apt-get install python3-torch python3-numpy"
      # apt's output stays out of the committed results unless it failed: then its tail is kept.
      APT_LOG=$(mktemp)
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-numpy; } \
        > "$APT_LOG" 2>&1 || { tail -n 40 "$APT_LOG" > "$RAW/apt.log"; echo "apt-get failed (see $RAW/apt.log)"; }
      rm -f "$APT_LOG"
    else
      echo "== PyTorch missing and not root: sudo apt-get install python3-torch python3-numpy; the PyTorch row is skipped"
    fi
  fi
  if "$PYTHON" -c 'import torch, numpy' 2>/dev/null; then
    TORCH_VERSION=$("$PYTHON" -c 'import torch; print(torch.__version__)')
  else
    TORCH=0
  fi
fi

# The backends: go always; xla:cpu only when go-xla would find a PJRT CPU plugin
# (werkbank never downloads one).
has_cpu_plugin() {
  local d IFS=:
  for d in ${PJRT_PLUGIN_LIBRARY_PATH:-} "$HOME/.local/lib/go-xla" /usr/local/lib/go-xla /usr/local/lib/gomlx/pjrt ${LD_LIBRARY_PATH:-}; do
    [ -n "$d" ] || continue
    ls "$d"/pjrt_c_api_cpu_plugin.so "$d"/pjrt-plugin-cpu.so "$d"/pjrt_plugin_cpu.so >/dev/null 2>&1 && return 0
  done
  return 1
}
if [ -z "${BACKENDS:-}" ]; then
  BACKENDS=go
  if scripts/install-onnxruntime.sh --check 2>/dev/null; then BACKENDS="$BACKENDS onnx"; else ORT_NOTE="onnx: ONNX Runtime not installed (make setup), skipped"; fi
  if has_cpu_plugin; then BACKENDS="$BACKENDS xla:cpu"; else XLA_NOTE="xla:cpu: no PJRT CPU plugin installed, skipped"; fi
fi

{
  echo "== machine"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "kernel: $(uname -sr)"
  echo "go: $(go version 2>/dev/null || echo 'not on PATH') (binary: $(go version "$BIN" 2>/dev/null | cut -d' ' -f2-))"
  echo "torch: $TORCH_VERSION ($PYTHON)"
  echo "backends: $BACKENDS${ORT_NOTE:+; $ORT_NOTE}${XLA_NOTE:+; $XLA_NOTE}"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== top at the start"
  top -bn1 | head -15
} | tee "$RAW/machine.txt"
# cpu_busy SECONDS: the share of all CPUs' time that was not idle over the
# next SECONDS (from /proc/stat), i.e. what other work uses now. The load
# average lags by minutes and counts the build that preceded the benchmark.
cpu_busy() {
  local a b
  a=$(awk '/^cpu / { idle = $5 + $6; t = 0; for (i = 2; i <= NF; i++) t += $i; print t, idle }' /proc/stat)
  sleep "$1"
  b=$(awk '/^cpu / { idle = $5 + $6; t = 0; for (i = 2; i <= NF; i++) t += $i; print t, idle }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x); split(b, y); dt = y[1] - x[1]; printf "%.0f", (dt > 0 ? 100 * (1 - (y[2] - x[2]) / dt) : 0) }'
}
load=$(cut -d' ' -f1 /proc/loadavg)
busy=$(cpu_busy 5)
echo "CPU busy over the 5 s before the runs: ${busy}% of $(nproc) CPUs (other work)" | tee -a "$RAW/machine.txt"
if [ "$busy" -gt 20 ]; then
  echo "WARNING: other work used ${busy}% of the CPUs: the machine is busy and the numbers below are not representative" | tee -a "$RAW/machine.txt"
fi

FAILED=()
for entry in $BACKENDS; do
  be=${entry%%/*} form=""
  [ "$entry" != "$be" ] && form=${entry#*/}
  name=werkbank-${entry//[:\/,=]/-}
  echo "== werkbank bench --backend $be${form:+ --formulation $form} (GOMAXPROCS=$THREADS)"
  if GOMAXPROCS=$THREADS "$BIN" bench --json --backend "$be" ${form:+--formulation "$form"} \
      --steps "$STEPS" --warmup "$WARMUP" "${EXTRA[@]}" > "$RAW/$name.json" 2> "$RAW/$name.log"; then
    cat "$RAW/$name.log"
  else
    cat "$RAW/$name.log"; echo "FAILED: werkbank bench --backend $entry"; FAILED+=("$entry"); rm -f "$RAW/$name.json"
  fi
done

if [ "$TORCH" = 1 ]; then
  echo "== bench/torch_blog.py --bench --threads $THREADS"
  if "$PYTHON" bench/torch_blog.py --bench --json --threads "$THREADS" --steps "$STEPS" --warmup "$WARMUP" \
      "${EXTRA[@]}" > "$RAW/pytorch.json" 2> "$RAW/pytorch.log"; then
    cat "$RAW/pytorch.log"
  else
    cat "$RAW/pytorch.log"; echo "FAILED: torch_blog.py"; FAILED+=(pytorch); rm -f "$RAW/pytorch.json"
  fi
fi

# The time to accuracy, one run after the other: werkbank, then PyTorch, per seed.
if [ "$TTA" = 1 ]; then
  for s in $TTA_SEEDS; do
    echo "== time to val_acc $TTA_TARGET, seed $s: werkbank train --quick (GOMAXPROCS=$THREADS)"
    if ! GOMAXPROCS=$THREADS "$BIN" train --quick --target "$TTA_TARGET" --seed "$s" --no-report \
        --out "$RAW/tta-werkbank-seed-$s" > "$RAW/tta-werkbank-seed-$s.log" 2>&1; then
      tail -n 5 "$RAW/tta-werkbank-seed-$s.log"; FAILED+=("tta werkbank seed $s")
    fi
    grep -E "val_acc (first|never)|^Accuracy" "$RAW/tta-werkbank-seed-$s.log" || true
    rm -rf "$RAW/tta-werkbank-seed-$s/model" "$RAW/tta-werkbank-seed-$s/checkpoint" "$RAW/tta-werkbank-seed-$s/lock"
    if [ "$TORCH" = 1 ]; then
      echo "== time to val_acc $TTA_TARGET, seed $s: bench/torch_blog.py --train --quick --threads $THREADS"
      if "$PYTHON" bench/torch_blog.py --train --quick --target "$TTA_TARGET" --seed "$s" --json --threads "$THREADS" \
          > "$RAW/tta-pytorch-seed-$s.json" 2> "$RAW/tta-pytorch-seed-$s.log"; then
        grep -E "val_acc (first|never)|^Accuracy" "$RAW/tta-pytorch-seed-$s.log" || true
      else
        tail -n 5 "$RAW/tta-pytorch-seed-$s.log"; FAILED+=("tta pytorch seed $s"); rm -f "$RAW/tta-pytorch-seed-$s.json"
      fi
    fi
  done
fi

echo "== summary"
TABLE=$("$PYTHON" - "$RAW" <<'EOF'
import glob, json, os, sys
raw = sys.argv[1]
rows = []
for path in sorted(glob.glob(os.path.join(raw, "werkbank-*.json"))) + glob.glob(os.path.join(raw, "pytorch.json")):
    with open(path) as f:
        rows.append(json.load(f))
ref = next((r for r in rows if r["tool"] == "pytorch"), None)
def ratio(r, key):
    if not ref or not ref.get(key):
        return "n/a"
    return "%.2fx" % (r[key] / ref[key])
print("| runner | backend | graph | threads | first step s | s/step (median) | train samples/s | vs PyTorch | inference images/s | vs PyTorch |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| %s | %s | %s | %d | %.2f | %.4f (%.4f) | %.0f | %s | %.0f | %s |" % (
        r["tool"], r["backend"], r.get("formulation", "-"), r["threads"], r["first_step_s"],
        r["step_s"], r["step_median_s"], r["train_samples_per_s"], ratio(r, "train_samples_per_s"),
        r["infer_images_per_s"], ratio(r, "infer_images_per_s")))
if rows:
    r = rows[0]
    print()
    print("Training: batch %d, %d timed steps after %d warm-up steps (plus the first, compiling, step), "
          "real MNIST samples in order. Inference: batch %d over %d test images, after one warm-up pass. "
          "Ratios above 1 mean faster than PyTorch." % (r["batch_size"], r["steps"], r["warmup"],
                                                       r["infer_batch"], r["infer_images"]))
EOF
)
echo "$TABLE"
TTA_TABLE=""
if [ "$TTA" = 1 ]; then
  TTA_TABLE=$("$PYTHON" bench/tta_table.py "$RAW" "$TTA_TARGET")
  echo "$TTA_TABLE"
fi

{
  echo "# CPU benchmark $DATE"
  echo
  echo "werkbank (the post's CNN in Go/GoMLX) against the same model in PyTorch on this machine."
  echo "Produced by \`scripts/bench.sh\`; raw JSON and logs in \`cpu-$DATE/\`."
  if [ "$QUICK" = 1 ]; then echo; echo "**Quick smoke run (--quick): the numbers are not measurements.**"; fi
  echo
  echo '```'
  cat "$RAW/machine.txt"
  echo '```'
  echo
  echo "$TABLE"
  if [ -n "$TTA_TABLE" ]; then echo; echo "## Time to accuracy"; echo; echo "$TTA_TABLE"; fi
  if [ ${#FAILED[@]} -gt 0 ]; then echo; echo "Failed: ${FAILED[*]} (see the logs)."; fi
  echo
  echo "Machine load: ${busy}% of the CPUs busy with other work in the 5 s before the runs; load average $load at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end ($(nproc) CPUs)."
} > "$REPORT"
echo "== wrote $REPORT (raw: $RAW/)"
rc=0
[ ${#FAILED[@]} -eq 0 ] || rc=1
exec >&- 2>&-
wait "$TEE_PID" 2>/dev/null
# Committed results name no machine paths: the home directory becomes ~.
# (stdout is closed by now: sed would fail closing it, so it gets /dev/null)
find "$RAW" "$REPORT" -type f -exec sed -i "s|$HOME/|~/|g" {} + >/dev/null 2>&1
exit $rc
