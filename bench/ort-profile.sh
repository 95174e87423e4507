#!/usr/bin/env bash
# ONNX Runtime's own per-node profile of the post's training step: where the
# graph's time goes, op by op, which Go's pprof cannot see (it shows the whole
# step as one cgo call into libonnxruntime).
#
#   bench/ort-profile.sh [--steps N] [--top N] [werkbank bench flags...]
#
# compute-onnx (the GoMLX backend for ONNX Runtime) offers no switch for
# ONNX Runtime's profiler, so this builds a second werkbank binary against a
# copy of the compute-onnx version go.mod names, patched in two places of its
# C wrapper: session options get EnableProfiling (prefix $ORT_PROFILE), and
# after $ORT_PROFILE_RUNS session runs the session writes its profile. The
# copy and the binary live in a temporary directory; the repository and the
# module cache are not changed. Then it runs `werkbank bench --backend onnx`
# with the profiler on and prints the kernel time per op type and for the
# most expensive nodes (ms per training step; the profiler itself adds a few
# percent, so compare profiles with each other, not with `werkbank bench`).
#
# Needs: Go, python3, ONNX Runtime (make setup). Example output: bench/NOTES.md.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
STEPS=40
TOP=15
EXTRA=()
while [ $# -gt 0 ]; do
	case $1 in
	--steps) STEPS=$2; shift 2 ;;
	--top) TOP=$2; shift 2 ;;
	*) EXTRA+=("$1"); shift ;;
	esac
done

export GOEXPERIMENT=simd GOMLX_NO_AUTO_INSTALL=1
VERSION=$(go list -m -f '{{.Version}}' github.com/gomlx/compute-onnx)
go mod download github.com/gomlx/compute-onnx@"$VERSION"
SRC=$(go list -m -f '{{.Dir}}' github.com/gomlx/compute-onnx)
WORK=$(mktemp -d /tmp/werkbank-ort-profile.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp -r "$SRC" "$WORK/compute-onnx"
chmod -R u+w "$WORK/compute-onnx"

python3 - "$WORK/compute-onnx/internal/ort/ort_wrapper.c" <<'PY'
import sys
path = sys.argv[1]
src = open(path).read()
options = """OrtStatus* wrapper_CreateSessionOptions(const OrtApi* api, OrtSessionOptions** out) {
    return api->CreateSessionOptions(out);
}"""
run = """    return api->Run(session, run_options, input_names, input_values, input_count, output_names, output_count, output_values);"""
for part in (options, run):
    if part not in src:
        sys.exit("ort-profile: %s has changed; update the patch in bench/ort-profile.sh" % path)
src = src.replace(options, """#include <stdlib.h>
OrtStatus* wrapper_CreateSessionOptions(const OrtApi* api, OrtSessionOptions** out) {
    OrtStatus* status = api->CreateSessionOptions(out);
    const char* prefix = getenv("ORT_PROFILE");
    if (status == NULL && prefix != NULL && *prefix) status = api->EnableProfiling(*out, prefix);
    return status;
}""")
src = src.replace(run, """    OrtStatus* status = api->Run(session, run_options, input_names, input_values, input_count, output_names, output_count, output_values);
    static int runs = 0;
    const char* last = getenv("ORT_PROFILE_RUNS");
    if (status == NULL && last != NULL && ++runs == atoi(last)) {
        OrtAllocator* allocator;
        char* file;
        status = api->GetAllocatorWithDefaultOptions(&allocator);
        if (status == NULL) status = api->SessionEndProfiling(session, allocator, &file);
    }
    return status;""")
open(path, "w").write(src)
PY

cat >"$WORK/go.work" <<EOF
go $(go list -m -f '{{.GoVersion}}')

use $REPO

replace github.com/gomlx/compute-onnx $VERSION => $WORK/compute-onnx
EOF
echo "== building werkbank against a profiling copy of compute-onnx $VERSION"
GOWORK="$WORK/go.work" go build -o "$WORK/werkbank" ./cmd/werkbank 2> >(grep -v -e "warning: ignoring return value" -e "^ *[0-9]* |" -e "^ *|" -e "In function" >&2)

# The training session's runs: 1 first step, 3 warm-up steps, then STEPS timed
# ones; the profile ends after STEPS of them, before the inference pass.
echo "== werkbank bench --backend onnx --steps $STEPS ${EXTRA[*]}"
ORT_PROFILE="$WORK/profile" ORT_PROFILE_RUNS=$STEPS \
	"$WORK/werkbank" bench --backend onnx --steps "$STEPS" --limit-test 1000 "${EXTRA[@]}" 2>&1 |
	grep -E "^(werkbank bench|train)"
PROFILE=$(ls -S "$WORK"/profile*.json | head -1)
python3 "$REPO/bench/ort_profile.py" "$PROFILE" "$TOP"
