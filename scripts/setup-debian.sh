#!/usr/bin/env bash
# Installs what Werkbank's tests and notebooks need on Debian/Ubuntu (bookworm
# tested). `make setup` and CI (.ci/run) run it. Idempotent: every step checks
# first and skips what is already there, so a second run takes seconds.
#
#   scripts/setup-debian.sh          install what is missing
#   scripts/setup-debian.sh --check  only check; list what is missing, exit 1 if anything is
#
# Installs:
#   - Debian packages: Jupyter (classic Notebook, nbconvert, nbclient, ipykernel),
#     Chromium (headless browser tests; no browser is ever downloaded), and
#     slurm-wlm, munge and GNU parallel (scripts/test-cluster.sh runs werkbank
#     sweep's Slurm script and command list on them; it starts daemons of its
#     own and leaves the packages' services and /etc/slurm alone);
#   - Go tools: GoNB, goimports, gopls at pinned versions;
#   - the GoNB Jupyter kernel, with go, goimports and gopls on its PATH and
#     GOMLX_NO_AUTO_INSTALL=1, GOEXPERIMENT=simd in its environment;
#   - playwright-core (scripts/package-lock.json) into scripts/node_modules;
#   - ONNX Runtime's library, the fastest CPU backend (scripts/install-onnxruntime.sh:
#     pinned npm tarball and SHA-256, into ~/.local/lib/onnxruntime).
#
# Not installed: any PJRT (XLA) plugin (see the README's GPU section).
set -euo pipefail

# shellcheck source=scripts/setup-common.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup-common.sh"
setup_args "$@"

START=$SECONDS

# --- Debian packages -------------------------------------------------------
# slurm-wlm, munge, parallel: for scripts/test-cluster.sh. On a machine with
# systemd the munge package starts the system's munged (/run/munge) and
# slurmctld/slurmd stay off until /etc/slurm/slurm.conf exists; the test uses
# neither: it starts its own daemons with its own key and configuration.
APT_PACKAGES=(jupyter-nbconvert jupyter-client python3-nbclient jupyter-notebook python3-ipykernel chromium
	slurm-wlm munge parallel)
# Node.js and npm come with most of our machines; install Debian's only if absent.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

command -v dpkg >/dev/null 2>&1 || die "dpkg not found: this script is for Debian/Ubuntu (conda users: scripts/setup-conda.sh)"
need=()
for p in "${APT_PACKAGES[@]}"; do
	if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		present "apt $p"
	elif [ "$CHECK_ONLY" = 1 ]; then
		missing "apt $p"
	else
		need+=("$p")
	fi
done
if [ "${#need[@]}" -gt 0 ]; then
	SUDO=()
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install ${need[*]} by hand"
		SUDO=(sudo)
	fi
	say "apt-get install ${need[*]}"
	"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q
	"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}"
	for p in "${need[@]}"; do installed "apt $p"; done
fi

# Debian's Python packages belong to /usr/bin/python3: the python3 first on PATH
# may be another install (pyenv here) that has no Jupyter.
PYTHON=/usr/bin/python3
JUPYTER=/usr/bin/jupyter

# --- Go tools, the GoNB kernel, playwright-core ----------------------------
install_go_tools

if [ -x "$JUPYTER" ]; then
	install_gonb_kernel "$PYTHON" "$("$JUPYTER" --data-dir)"
else
	missing "jupyter ($JUPYTER), needed for the GoNB kernel"
fi

install_onnxruntime
install_playwright

if [ -x /usr/bin/chromium ] && [ "$CHECK_ONLY" != 1 ]; then
	/usr/bin/chromium --version >/dev/null 2>&1 || say "warning: /usr/bin/chromium --version failed"
fi

check_summary
echo "setup-debian: done in $((SECONDS - START)) s"
