#!/usr/bin/env bash
# Runs notebooks headlessly (scripts/test-notebooks.sh, so with its checks)
# and reports the memory of the GoNB kernel and of the programs it starts:
# for every program name under the run, its largest resident size (RSS)
# seen, and for the kernel (gonb) also its size at the last sample before it
# ended, which is what a kernel holds after the notebook has run.
#
#   scripts/notebook-memory.sh notebooks/01-ki-werkstatt-cnn.ipynb
#
# GoNB compiles each cell into a program of its own that ends with the cell;
# the cell programs are where the model trains and the figures are drawn.
# The sizes are sampled every 0.2 s (ps), so a peak shorter than that can be
# missed. Environment: as scripts/test-notebooks.sh (WERKBANK_NOTEBOOK_MODE,
# default quick: the training cells train).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
[ $# -gt 0 ] || { echo "usage: scripts/notebook-memory.sh NOTEBOOK.ipynb..." >&2; exit 2; }

SAMPLES=$(mktemp /tmp/werkbank-memory.XXXXXX)
trap 'rm -f "$SAMPLES"' EXIT

scripts/test-notebooks.sh "$@" &
RUN=$!
# One line per process and sample: sample number, program name, RSS in kB,
# for the processes that descend from the run.
n=0
while kill -0 "$RUN" 2>/dev/null; do
	n=$((n + 1))
	ps -e -o pid=,ppid=,rss=,comm= | awk -v root="$RUN" -v n="$n" '
		{ parent[$1] = $2; rss[$1] = $3; name[$1] = $4 }
		END {
			for (p in parent) {
				q = p
				while (q in parent && q != root && q > 1) q = parent[q]
				if (q == root) print n, name[p], rss[p]
			}
		}' >>"$SAMPLES"
	sleep 0.2
done
status=0
wait "$RUN" || status=$?

echo
echo "== memory of the notebook run (largest RSS seen per program, MB)"
awk '
	{ if ($3 > peak[$2]) peak[$2] = $3; if ($2 == "gonb") last = $3; total[$1] += $3 }
	END {
		for (p in peak) printf "  %-24s\t%6.0f\n", p, peak[p] / 1024
		for (s in total) if (total[s] > most) most = total[s]
		printf "  %-24s\t%6.0f\n", "(all of them at once)", most / 1024
		if (last != "") printf "  %-24s\t%6.0f\n", "(gonb at the end)", last / 1024
	}' "$SAMPLES" | sort -t"$(printf '\t')" -k2 -n -r
exit "$status"
