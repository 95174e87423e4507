#!/usr/bin/env bash
# Headless Chromium tests of the notebooks (`make test-browser` and CI run it;
# `make setup` installs Debian's chromium, Jupyter, the GoNB kernel and
# playwright-core in scripts/node_modules):
#
#   (a) static: notebook 01, as committed (with the outputs of its last run),
#       is exported to HTML with nbconvert and opened from the file system;
#       every <img> must load with a non-zero size, no http(s) request may be
#       made, and the screenshot crops of the first figures must not be blank.
#   (b) live: a Jupyter Notebook server (classic Notebook 6, Debian) serves a
#       copy of notebooks/ from a temporary directory on 127.0.0.1 with a
#       random token; in the copy of notebook 01 (the German one, so that the
#       page must show the catalogs' German texts) a participant has edited the
#       model cell (scripts/edit-notebook-model.py: 64 filters in the first
#       Conv2D). Playwright opens it, runs Cell > Run All and waits until every
#       cell ran and the kernel is idle; no cell may fail, every figure must
#       appear in the page, and the page must show the edited summary and the
#       training's live curves. The kernel runs in the default mode (so the
#       changed model trains in quick mode), in a fresh work directory.
#
#   (c) play: on the same server, notebook 01 as committed (the shipped
#       model) runs with Cell > Run All; at its play cells the test moves the
#       slider (the figure must show the next test image), draws a vertical
#       line with the mouse (the net must read a 1) and, after Clear, a closed
#       loop (a 0), and ends both cells with Done (scripts/browser/play.mjs).
#
#   scripts/test-browser.sh            all
#   scripts/test-browser.sh static     only (a): seconds
#   scripts/test-browser.sh live       only (b) and (c): a few minutes
#
# Screenshots go to $BROWSER_TEST_OUT (default: a new /tmp/werkbank-browser.*);
# their paths are printed. Other settings: LIVE_NOTEBOOK [01-ki-werkstatt-cnn.de.ipynb],
# LIVE_TIMEOUT seconds [1200], CHROMIUM [/usr/bin/chromium], JUPYTER [/usr/bin/jupyter].
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

. "$REPO/scripts/jupyter-env.sh"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
LIVE_NOTEBOOK=${LIVE_NOTEBOOK:-01-ki-werkstatt-cnn.de.ipynb}
PLAY_NOTEBOOK=${PLAY_NOTEBOOK:-01-ki-werkstatt-cnn.ipynb}
LIVE_TIMEOUT=${LIVE_TIMEOUT:-1200}
WHAT=${1:-all}
case "$WHAT" in
all | static | live) ;;
*)
	echo "usage: $0 [all|static|live]" >&2
	exit 2
	;;
esac

die() { printf 'test-browser: %s\n' "$*" >&2; exit 1; }
[ -x "$CHROMIUM" ] || die "$CHROMIUM not found: run \`make setup\`"
[ -x "$JUPYTER" ] || die "$JUPYTER not found: run \`make setup\`"
command -v node >/dev/null || die "node not found"
[ -f scripts/node_modules/playwright-core/package.json ] || die "playwright-core is not in scripts/node_modules: run \`make setup\`"

OUT=${BROWSER_TEST_OUT:-$(mktemp -d /tmp/werkbank-browser.XXXXXX)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SHOTS="$OUT/screenshots"
mkdir -p "$SHOTS"
echo "test-browser: output in $OUT"
FAILED=()

# --- (a) the exported HTML of notebook 01 ----------------------------------
run_static() {
	local nb=notebooks/01-ki-werkstatt-cnn.ipynb name=01-ki-werkstatt-cnn
	echo "== static: $nb exported to HTML"
	local pngs
	pngs=$("$PYTHON" -c '
import json, sys
nb = json.load(open(sys.argv[1]))
print(sum(1 for c in nb["cells"] for o in c.get("outputs", []) if "image/png" in o.get("data", {})))' "$nb")
	if [ "$pngs" -eq 0 ]; then
		echo "FAIL $nb has no figure outputs: run scripts/run-notebooks-inplace.sh to store the outputs of a run"
		return 1
	fi
	"$JUPYTER" nbconvert --to html --output-dir="$OUT/html" --output="$name" "$nb" >"$OUT/nbconvert-html.log" 2>&1 ||
		{ tail -n 20 "$OUT/nbconvert-html.log"; return 1; }
	node scripts/browser/static.mjs "$OUT/html/$name.html" "$SHOTS" "$pngs"
}

# --- (b) a live Jupyter server ----------------------------------------------
SERVER_PID=
PORT=
TOKEN=
stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		# Ask the server to shut down (it stops its kernels), then make sure.
		curl -s -m 5 -X POST -H "Authorization: token $TOKEN" "http://127.0.0.1:$PORT/api/shutdown" >/dev/null 2>&1 || true
		for _ in $(seq 1 20); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.5
		done
		kill "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	SERVER_PID=
}
trap stop_server EXIT

run_live() {
	echo "== live: Jupyter Notebook server, $LIVE_NOTEBOOK with an edited model cell, Cell > Run All"
	local dir="$OUT/live"
	rm -rf "$dir"
	mkdir -p "$dir/notebooks" "$dir/work" "$dir/runtime" "$dir/config"
	cp notebooks/*.ipynb "$dir/notebooks/"
	"$PYTHON" scripts/edit-notebook-model.py "notebooks/$LIVE_NOTEBOOK" "$dir/notebooks/$LIVE_NOTEBOOK" || return 1
	PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	local root=()
	if [ "$(id -u)" = 0 ]; then root=(--allow-root); fi
	# The copy lives outside the repository: WERKBANK_REPO tells the first
	# cell and nb where it is. JUPYTER_CONFIG_DIR and JUPYTER_RUNTIME_DIR keep
	# the user's Jupyter configuration out; the kernels come from the data dir.
	env -u WERKBANK_NOTEBOOK_MODE \
		WERKBANK_REPO="$REPO" \
		WERKBANK_NOTEBOOK_WORKDIR="$dir/work" \
		GOMLX_NO_AUTO_INSTALL=1 \
		JUPYTER_CONFIG_DIR="$dir/config" \
		JUPYTER_RUNTIME_DIR="$dir/runtime" \
		JUPYTER_TOKEN="$TOKEN" \
		"$JUPYTER" notebook --no-browser --ip=127.0.0.1 --port="$PORT" --port-retries=0 \
		--notebook-dir="$dir/notebooks" "${root[@]}" >"$dir/server.log" 2>&1 &
	SERVER_PID=$!
	local up=0
	for _ in $(seq 1 60); do
		if curl -s -m 2 -H "Authorization: token $TOKEN" "http://127.0.0.1:$PORT/api/status" >/dev/null 2>&1; then
			up=1
			break
		fi
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.5
	done
	if [ "$up" != 1 ]; then
		tail -n 30 "$dir/server.log"
		echo "FAIL the Jupyter server did not come up"
		stop_server
		return 1
	fi
	echo "server: http://127.0.0.1:$PORT (notebooks in $dir/notebooks; log $dir/server.log)"
	local rc=0
	# What the page must show, in the notebook's language, from the catalogs
	# of package lang (not from prose: a reworded message moves with them).
	local expect
	expect=$(go run ./internal/nbcheck -live-expect "$LIVE_NOTEBOOK") || { echo "FAIL nbcheck -live-expect"; stop_server; return 1; }
	LIVE_EXPECT_TEXT=$(sed -n 1p <<<"$expect") \
		LIVE_EXPECT_SELECTOR=$(sed -n 2p <<<"$expect") \
		PLAY_LABELS=$(sed -n 3p <<<"$expect") \
		node scripts/browser/live.mjs "http://127.0.0.1:$PORT" "$TOKEN" "$LIVE_NOTEBOOK" "$SHOTS" "$LIVE_TIMEOUT" || rc=$?
	# The same server: play with the unedited notebook 01 (the shipped
	# model): the slider, a drawn 1 and a drawn 0.
	if [ "$rc" = 0 ]; then
		echo "== live: $PLAY_NOTEBOOK, Cell > Run All, the slider and a drawing"
		expect=$(go run ./internal/nbcheck -live-expect "$PLAY_NOTEBOOK") || { echo "FAIL nbcheck -live-expect"; stop_server; return 1; }
		PLAY_LABELS=$(sed -n 3p <<<"$expect") \
			node scripts/browser/play.mjs "http://127.0.0.1:$PORT" "$TOKEN" "$PLAY_NOTEBOOK" "$SHOTS" "$LIVE_TIMEOUT" || rc=$?
	fi
	stop_server
	return $rc
}

START=$SECONDS
if [ "$WHAT" = all ] || [ "$WHAT" = static ]; then
	t=$SECONDS
	if run_static; then echo "ok   static in $((SECONDS - t)) s"; else FAILED+=(static); fi
fi
if [ "$WHAT" = all ] || [ "$WHAT" = live ]; then
	command -v curl >/dev/null || die "curl not found"
	t=$SECONDS
	if run_live; then echo "ok   live in $((SECONDS - t)) s"; else FAILED+=(live); fi
fi

echo "== screenshots"
find "$SHOTS" -name '*.png' | sort | sed 's/^/  /'
if [ ${#FAILED[@]} -gt 0 ]; then
	echo "test-browser: FAILED: ${FAILED[*]} ($((SECONDS - START)) s)" >&2
	exit 1
fi
echo "test-browser: passed in $((SECONDS - START)) s"
