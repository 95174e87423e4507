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
#   - the HTML export (`jupyter nbconvert --to html`) must reference no
#     http(s) script, stylesheet or frame (no CDN) and must embed every PNG
#     of the notebook as a data: URI.
#
# Environment (defaults in brackets):
#   WERKBANK_NOTEBOOK_MODE           mode of the training cells [quick]
#   WERKBANK_BENCH_MAX_EPOCHS        cap of the workshop runs' epochs [1; set but empty: none]
#   WERKBANK_BENCH_MAX_TRAIN_IMAGES  cap of their training images [1000; set but empty: none]
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
export WERKBANK_BENCH_MAX_EPOCHS=${WERKBANK_BENCH_MAX_EPOCHS-1}
export WERKBANK_BENCH_MAX_TRAIN_IMAGES=${WERKBANK_BENCH_MAX_TRAIN_IMAGES-1000}
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

echo "test-notebooks: mode ${WERKBANK_NOTEBOOK_MODE:-default}$([ "$EDIT" = 1 ] && echo ", edited model cell"), bench caps: ${WERKBANK_BENCH_MAX_EPOCHS:-no} epoch cap, ${WERKBANK_BENCH_MAX_TRAIN_IMAGES:-no} image cap; output in $OUT"
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
	"$PYTHON" - "$executed" "${NOTEBOOK_EXPECT_BACKEND:-}" "$EDIT" <<'EOF' || ok=0
import base64, json, re, struct, sys

path, expect_backend, edited = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
nb = json.load(open(path))
problems = []
FAILURE = re.compile(r"^(panic: |fatal error: |error: )|exit status [1-9]", re.M)

def text(x):
    return x if isinstance(x, str) else "".join(x)

def png_size(b64):
    data = base64.b64decode(text(b64))
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])

timings = []
figures = 0
for i, cell in enumerate(nb["cells"]):
    if cell["cell_type"] != "code":
        continue
    src = text(cell["source"]).strip().splitlines()
    label = f"cell {i} ({src[0][:50] if src else 'empty'}...)"
    if cell.get("execution_count") is None:
        problems.append(f"{label}: did not run")
    seconds = cell["metadata"].get("werkbank_seconds")
    if seconds is not None:
        timings.append((seconds, i, label))
    pngs = 0
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "error":
            problems.append(f"{label}: error output {out.get('ename')}: {out.get('evalue')}")
        elif kind == "stream" and out.get("name") == "stderr":
            for m in FAILURE.finditer(text(out["text"])):
                line = text(out["text"])[m.start():].splitlines()[0]
                problems.append(f"{label}: stderr: {line}")
        elif kind in ("display_data", "execute_result") and "image/png" in out.get("data", {}):
            size = png_size(out["data"]["image/png"])
            if not size or size[0] == 0 or size[1] == 0:
                problems.append(f"{label}: an image/png output is not a valid PNG")
            else:
                pngs += 1
    figures += pngs
    if "figure" in cell["metadata"].get("tags", []) and pngs == 0:
        problems.append(f"{label}: tagged \"figure\" but shows no PNG")

if edited:
    # The participant's edit (64 filters in conv2d_1) must reach the summary
    # and the training, which shows its epochs and curves in its live block.
    printed = "".join(text(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "stream")
    html = "".join(text(o.get("data", {}).get("text/html", "")) for c in nb["cells"] for o in c.get("outputs", []))
    for what, ok in [
        ("the summary shows conv2d_1 with 64 filters (640 params)", re.search(r"conv2d_1 \(Conv2D\) +\(None, 28, 28, 64\) +640", printed)),
        ("the training cell says the model is not the post's and trains it", "Not the post's model" in printed),
        ("the live block shows the last epoch's line", re.search(r"Epoch 2/2", html)),
        ("the live block shows the curves", "training curves after epoch 2" in html),
        ("the training cell prints the baseline's spread under the same budget",
         re.search(r"the post's model under the same budget: 0\.\d{4} ± 0\.\d{4} \(\d+ seeds, 0\.\d{4}-[01]\.\d{4}\)", printed)),
        ("the training cell says where the edited model lands against it",
         re.search(r"This result: .*lands (inside|clearly above|clearly below) the spread", printed)),
    ]:
        if not ok:
            problems.append("edited model cell: " + what + ": not found")
    if not problems:
        print("  edited model cell: summary, training, live curves and the spread line show the edit")

if expect_backend:
    printed = "".join(text(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "stream")
    m = re.search(r"GoMLX backend: (\S+)", printed)
    if not m:
        problems.append("no cell printed its GoMLX backend")
    elif m.group(1) != expect_backend:
        problems.append(f"ran on backend {m.group(1)}, want {expect_backend}")
    else:
        print(f"  backend: {m.group(1)} (as expected)")

timings.sort(reverse=True)
total = sum(t[0] for t in timings)
print(f"  {len(timings)} code cells in {total:.1f} s of cell time, {figures} PNG figures; slowest cells:")
for seconds, i, label in timings[:5]:
    print(f"    {seconds:7.2f} s  {label}")
if problems:
    print("  problems:")
    for p in problems:
        print("    " + p)
    # The stderr of the failed cells, to see why.
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream" and out.get("name") == "stderr" and FAILURE.search(text(out["text"])):
                print(f"  --- stderr of cell {i}:\n" + "\n".join("    " + l for l in text(out["text"]).splitlines()[-15:]))
    sys.exit(1)
EOF
	if ! "$JUPYTER" nbconvert --to html --output-dir="$OUT/html" --output="$name" "$executed" >"$OUT/$name.html.log" 2>&1; then
		tail -n 20 "$OUT/$name.html.log" >&2
		echo "  HTML export failed"
		ok=0
	else
		"$PYTHON" - "$executed" "$html" <<'EOF' || ok=0
import json, re, sys

nb = json.load(open(sys.argv[1]))
html = open(sys.argv[2], encoding="utf-8").read()
problems = []
remote = [
    (r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^\"' >]+", "script"),
    (r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^\"' >]+", "stylesheet/link"),
    (r"<(?:iframe|img|embed|object)\b[^>]*\b(?:src|data)\s*=\s*[\"']?(?:https?:)?//[^\"' >]+", "embedded resource"),
    (r"@import\s+(?:url\()?[\"']?(?:https?:)?//[^\"') ]+", "CSS import"),
    (r"url\(\s*[\"']?(?:https?:)?//[^\"') ]+", "CSS url()"),
]
for pattern, what in remote:
    for m in re.finditer(pattern, html, re.I):
        problems.append(f"remote {what}: {m.group(0)[:120]}")
pngs = sum(1 for c in nb["cells"] for o in c.get("outputs", [])
           if o["output_type"] in ("display_data", "execute_result") and "image/png" in o.get("data", {}))
embedded = len(re.findall(r"<img\b[^>]*\bsrc\s*=\s*[\"']data:image/png;base64,", html, re.I))
if embedded < pngs:
    problems.append(f"the HTML embeds {embedded} PNG images, the notebook has {pngs}")
print(f"  HTML: {len(html) // 1024} KiB, {embedded} embedded PNG images, no remote scripts or styles" if not problems else "  HTML problems:")
for p in problems:
    print("    " + p)
sys.exit(1 if problems else 0)
EOF
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
