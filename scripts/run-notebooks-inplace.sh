#!/usr/bin/env bash
# Executes every notebook with the shipped model (models/blog-cnn) and the
# full workshop bench, checks the run as scripts/test-notebooks.sh does, and
# only then writes the executed notebooks over notebooks/*.ipynb, so that the
# committed notebooks carry the outputs (figures included) of a real run.
# Run it again after replacing models/blog-cnn.
#
#   scripts/run-notebooks-inplace.sh                      all notebooks
#   scripts/run-notebooks-inplace.sh notebooks/01-*.ipynb  some of them
#
# The notebooks' work directory notebooks/.werkbank is emptied first (it only
# holds what the notebooks make: the current model copy and the bench runs),
# so the saved outputs show no runs made before. Per-run metadata
# (timings) is stripped from the saved notebooks.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
. "$REPO/scripts/jupyter-env.sh"

[ -f models/blog-cnn/model.json ] || {
	echo "run-notebooks-inplace: models/blog-cnn is missing: train the post's model first (make run) and copy its runs/<date-time>/model there" >&2
	exit 1
}
if [ $# -gt 0 ]; then
	NOTEBOOKS=("$@")
else
	NOTEBOOKS=(notebooks/*.ipynb)
fi

OUT=$(mktemp -d /tmp/werkbank-inplace.XXXXXX)
echo "run-notebooks-inplace: shipped mode, full bench; checked copies in $OUT"
WERKBANK_NOTEBOOK_MODE=shipped \
	WERKBANK_WORKSHOP_MAX_EPOCHS= \
	WERKBANK_WORKSHOP_MAX_TRAIN_IMAGES= \
	NOTEBOOK_TEST_OUT="$OUT" \
	NOTEBOOK_TEST_WORKDIR="$REPO/notebooks/.werkbank" \
	scripts/test-notebooks.sh "${NOTEBOOKS[@]}"

for nbpath in "${NOTEBOOKS[@]}"; do
	name=$(basename "$nbpath" .ipynb)
	"$PYTHON" - "$OUT/executed/$name.ipynb" "$nbpath" "$REPO" "$HOME" <<'PY'
import json, sys
src, dst, repo, home = sys.argv[1:5]
nb = json.load(open(src))

def relative(text):
    # The notebooks run in notebooks/: the repository is "..". No machine path
    # (GoNB's %goworkfix prints the absolute one) goes into a committed file.
    if isinstance(text, list):
        return [relative(t) for t in text]
    text = text.replace(repo + "/", "../").replace('"' + repo + '"', '".."')
    return text.replace(home + "/", "~/") if home not in ("", "/") else text

for cell in nb["cells"]:
    cell.get("metadata", {}).pop("werkbank_seconds", None)
    cell.get("metadata", {}).pop("execution", None)
    for out in cell.get("outputs", []):
        if "text" in out:
            out["text"] = relative(out["text"])
        for kind, value in out.get("data", {}).items():
            if kind.startswith("text/"):
                out["data"][kind] = relative(value)
with open(dst, "w") as f:
    json.dump(nb, f, indent=1, sort_keys=True, ensure_ascii=False)
    f.write("\n")
PY
	echo "wrote $nbpath"
done
