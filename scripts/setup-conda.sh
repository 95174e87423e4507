#!/usr/bin/env bash
# Post-create steps for the conda environment of environment.yml: GoNB,
# goimports and gopls at pinned versions, the GoNB kernel installed into the
# environment ($CONDA_PREFIX/share/jupyter/kernels/gonb) with go, goimports and
# gopls on its PATH and GOMLX_NO_AUTO_INSTALL=1, GOEXPERIMENT=simd in its env,
# and (when npm is there) ONNX Runtime's library (scripts/install-onnxruntime.sh)
# and playwright-core in scripts/node_modules.
# Idempotent: what is already there is skipped. `make setup` runs it inside an
# active conda environment.
#
#   conda env create -f environment.yml && conda activate werkbank
#   scripts/setup-conda.sh          install what is missing
#   scripts/setup-conda.sh --check  only check; exit 1 if anything is missing
#
# UNTESTED: the project's machines have no conda and cannot reach conda-forge,
# so this script was only checked with `bash -n`. The shared steps it calls
# (scripts/setup-common.sh) are the ones scripts/setup-debian.sh runs and CI
# tests on Debian.
#
# Not installed: any PJRT plugin; Chromium for the browser tests (not on
# conda-forge: use the system's /usr/bin/chromium); Slurm, munge and GNU
# parallel for `make test-cluster` (use the system's).
set -euo pipefail

# shellcheck source=scripts/setup-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup-common.sh"
setup_args "$@"

START=$SECONDS
[ -n "${CONDA_PREFIX:-}" ] || die "no active conda environment: run \`conda activate werkbank\` first (see environment.yml)"
for tool in go python jupyter; do
	[ -x "$CONDA_PREFIX/bin/$tool" ] || command -v "$tool" >/dev/null 2>&1 ||
		die "$tool not found in $CONDA_PREFIX: create the environment from environment.yml"
done
PYTHON="$CONDA_PREFIX/bin/python"
[ -x "$PYTHON" ] || PYTHON=$(command -v python)

install_go_tools
# The kernel goes into the environment, where this environment's Jupyter finds it.
install_gonb_kernel "$PYTHON" "$CONDA_PREFIX/share/jupyter" "$CONDA_PREFIX/bin"

if command -v npm >/dev/null 2>&1; then
	install_onnxruntime
	install_playwright
else
	say "npm not found: skipping ONNX Runtime (werkbank then trains on the pure Go backend) and playwright-core (only the browser tests need it)"
fi
[ -x /usr/bin/chromium ] || say "note: no /usr/bin/chromium; the browser tests need it"
command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 && command -v parallel >/dev/null 2>&1 ||
	say "note: make test-cluster needs the system's Slurm, munge and GNU parallel (Debian: slurm-wlm munge parallel)"

check_summary
echo "setup-conda: done in $((SECONDS - START)) s"
