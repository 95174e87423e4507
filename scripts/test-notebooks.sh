#!/usr/bin/env bash
# Executes every notebook headlessly with the GoNB kernel and checks the result
# (`make test-notebooks` and CI run it; `make setup` installs what it needs).
#
#   scripts/test-notebooks.sh                      all notebooks/*.ipynb
#   scripts/test-notebooks.sh notebooks/01-*.ipynb  some of them
#
# Each notebook is executed from its own directory (so GoNB's GONB_DIR is
# notebooks/ and the first cell finds the repository one level up) with
# `jupyter nbconvert --to notebook --execute`, but written to the output
# directory: the committed notebooks are never touched. Then:
#
#   - every code cell must have run, no cell may have an error output (GoNB
#     turns a failed compile, a panic or a non-zero exit into one), and no
#     stderr output may hold a failure line: "panic: ", "fatal error: ",
#     "error: " (what nb.Must/Check/Show print) at a line start, or
#     "exit status N" with N > 0. Other stderr text (warnings) is allowed;
#   - every cell tagged "figure" must have shown at least one valid PNG;
#   - a German notebook (NAME.de.ipynb) must show no English message of the
#     catalogs of package lang;
#   - the HTML export (`jupyter nbconvert --to html`) must reference no
#     http(s) script, stylesheet or frame (no CDN) and must embed every PNG
#     of the notebook as a data: URI.
#
# internal/nbcheck makes these checks (built once into the output directory;
# `go run ./internal/nbcheck -h` lists its flags). It matches the notebooks'
# messages as the catalogs write them, in the notebook's language, so a
# reworded message needs no change here.
#
# Environment (defaults in brackets):
#   WERKBANK_NOTEBOOK_MODE           mode of the training cells [quick]
#   WERKBANK_WORKSHOP_MAX_EPOCHS        cap of the workshop runs' epochs [1; set but empty: none]
#   WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES  cap of their training images [1000; set but empty: none]
#   NOTEBOOK_TEST_OUT                output directory [a new /tmp/werkbank-notebooks.*];
#                                    executed notebooks in executed/, HTML in html/
#   NOTEBOOK_TEST_WORKDIR            the notebooks' work directories, emptied first [$NOTEBOOK_TEST_OUT/work]
#   NOTEBOOK_CELL_TIMEOUT            seconds a cell may run [600]
#   NOTEBOOK_EXPECT_BACKEND          when set, a cell must print "GoMLX backend: <it>" (e.g. onnx,
#                                    or go with GOMLX_BACKEND=go): proves which backend ran
#   NOTEBOOK_EDIT_MODEL              1: run a copy of each notebook with a participant's edit in
#                                    its model cell (scripts/edit-notebook-model.py: the first
#                                    Conv2D gets 64 filters), in the default mode (WERKBANK_NOTEBOOK_MODE
#                                    unset), and check that the summary shows the edit and the
#                                    training cell trained that model with live curves
#   JUPYTER, PYTHON                  [/usr/bin/jupyter, /usr/bin/python3; conda's inside an active conda env]
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

. "$REPO/scripts/jupyter-env.sh"

die() { printf 'test-notebooks: %s\n' "$*" >&2; exit 1; }
[ -x "$JUPYTER" ] || die "$JUPYTER not found: run \`make setup\`"
"$JUPYTER" kernelspec list 2>/dev/null | awk '{print $1}' | grep -qx gonb ||
	die "the GoNB kernel \"gonb\" is not installed: run \`make setup\`"

EDIT=${NOTEBOOK_EDIT_MODEL:-0}
if [ "$EDIT" = 1 ]; then
	unset WERKBANK_NOTEBOOK_MODE # the default mode: a changed model trains quick
else
	export WERKBANK_NOTEBOOK_MODE=${WERKBANK_NOTEBOOK_MODE:-quick}
fi
# Set but empty: no cap (scripts/run-notebooks-inplace.sh runs the full bench).
export WERKBANK_WORKSHOP_MAX_EPOCHS=${WERKBANK_WORKSHOP_MAX_EPOCHS-1}
export WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES=${WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES-1000}
export GOMLX_NO_AUTO_INSTALL=1
TIMEOUT=${NOTEBOOK_CELL_TIMEOUT:-600}

OUT=${NOTEBOOK_TEST_OUT:-$(mktemp -d /tmp/werkbank-notebooks.XXXXXX)}
mkdir -p "$OUT/executed" "$OUT/html"
OUT=$(cd "$OUT" && pwd)
# A fresh work directory: a model or bench runs left from before
# must not stand in for what the notebooks make themselves.
WORK=${NOTEBOOK_TEST_WORKDIR:-$OUT/work}
rm -rf "$WORK"
mkdir -p "$WORK"
export WERKBANK_NOTEBOOK_WORKDIR="$WORK"

command -v go >/dev/null || die "go not found on PATH (the checks are a Go command, internal/nbcheck)"
NBCHECK="$OUT/nbcheck"
go build -o "$NBCHECK" ./internal/nbcheck || die "building internal/nbcheck failed"
CHECK_FLAGS=(-backend="${NOTEBOOK_EXPECT_BACKEND:-}")
[ "$EDIT" = 1 ] && CHECK_FLAGS+=(-edited)

if [ $# -gt 0 ]; then
	NOTEBOOKS=("$@")
else
	NOTEBOOKS=(notebooks/*.ipynb)
fi
[ -e "${NOTEBOOKS[0]}" ] || die "no notebooks found"

# nbclient hooks that record each cell's wall time in its metadata
# ("werkbank_seconds"): GoNB's own timestamps have a resolution of a second.
cat >"$OUT/timing_config.py" <<'EOF'
import time
_started = {}
def _execute(cell=None, cell_index=None, **kw):
    _started[cell_index] = time.monotonic()
def _executed(cell=None, cell_index=None, **kw):
    start = _started.pop(cell_index, None)
    if start is not None:
        cell.metadata["werkbank_seconds"] = round(time.monotonic() - start, 3)
c = get_config()  # noqa: F821 (traitlets config file)
c.ExecutePreprocessor.on_cell_execute = _execute
c.ExecutePreprocessor.on_cell_executed = _executed
EOF

echo "test-notebooks: mode ${WERKBANK_NOTEBOOK_MODE:-default}$([ "$EDIT" = 1 ] && echo ", edited model cell"), bench caps: ${WERKBANK_WORKSHOP_MAX_EPOCHS:-no} epoch cap, ${WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES:-no} image cap; output in $OUT"
FAILED=()
SUMMARY=()
for nbpath in "${NOTEBOOKS[@]}"; do
	name=$(basename "$nbpath" .ipynb)
	executed="$OUT/executed/$name.ipynb"
	html="$OUT/html/$name.html"
	echo "== $nbpath"
	if [ "$EDIT" = 1 ]; then
		# The copy stays beside the original: the first cell finds the repository above it.
		edited="$(dirname "$nbpath")/.edited-$name.ipynb"
		"$PYTHON" scripts/edit-notebook-model.py "$nbpath" "$edited" || { FAILED+=("$nbpath"); continue; }
		nbpath=$edited
	fi
	start=$EPOCHREALTIME
	# allow_errors: run every cell even after a failure, so that the check
	# below reports all failures at once.
	if ! "$JUPYTER" nbconvert --to notebook --execute \
		--config="$OUT/timing_config.py" \
		--ExecutePreprocessor.kernel_name=gonb \
		--ExecutePreprocessor.timeout="$TIMEOUT" \
		--ExecutePreprocessor.allow_errors=True \
		--output-dir="$OUT/executed" --output="$name" \
		"$nbpath" >"$OUT/$name.nbconvert.log" 2>&1; then
		[ "$EDIT" = 1 ] && rm -f "$edited"
		tail -n 30 "$OUT/$name.nbconvert.log" >&2
		echo "FAIL $nbpath: nbconvert --execute failed (log: $OUT/$name.nbconvert.log)"
		FAILED+=("$nbpath")
		continue
	fi
	[ "$EDIT" = 1 ] && rm -f "$edited"
	seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
	ok=1
	# The checks (internal/nbcheck): the executed notebook, then its HTML
	# export when it could be made.
	if "$JUPYTER" nbconvert --to html --output-dir="$OUT/html" --output="$name" "$executed" >"$OUT/$name.html.log" 2>&1; then
		"$NBCHECK" "${CHECK_FLAGS[@]}" "$executed" "$html" || ok=0
	else
		"$NBCHECK" "${CHECK_FLAGS[@]}" "$executed" || ok=0
		tail -n 20 "$OUT/$name.html.log" >&2
		echo "  HTML export failed"
		ok=0
	fi
	SUMMARY+=("$(printf '%-40s %7s s  %s' "$nbpath" "$seconds" "$([ $ok = 1 ] && echo ok || echo FAIL)")")
	if [ $ok = 1 ]; then
		echo "ok   $nbpath in $seconds s"
	else
		echo "FAIL $nbpath (executed notebook: $executed)"
		FAILED+=("$nbpath")
	fi
done

echo "== notebook summary (mode ${WERKBANK_NOTEBOOK_MODE:-default})"
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "  executed notebooks: $OUT/executed, HTML: $OUT/html"
if [ ${#FAILED[@]} -gt 0 ]; then
	echo "test-notebooks: FAILED: ${FAILED[*]}" >&2
	exit 1
fi
echo "test-notebooks: all ${#NOTEBOOKS[@]} notebooks passed"
