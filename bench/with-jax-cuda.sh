#!/usr/bin/env bash
# bench/with-jax-cuda.sh COMMAND [ARGS...]
#
# Runs COMMAND with the environment that go-xla (GoMLX's XLA backend) needs to use the CUDA PJRT
# plugin that a JAX pip install already placed in a Python environment, on a machine with an NVIDIA
# GPU and no network. Nothing is downloaded.
#
# It finds site-packages/jax_plugins/xla_cuda13/xla_cuda_plugin.so (or xla_cuda12), puts the NVIDIA
# wheel libraries (site-packages/nvidia/*/lib) on LD_LIBRARY_PATH, points XLA at ptxas and libdevice,
# and rebuilds go-xla's expected layout (<dir>/nvidia/pjrt_c_api_cuda_plugin.so) with symlinks, so that
# GOMLX_BACKEND=xla:cuda works. It also exports WITH_JAX_CUDA_PLUGIN=<absolute plugin path> so that
# GOMLX_BACKEND="xla:$WITH_JAX_CUDA_PLUGIN" can be tried when the named form fails.
#
# Env in:  VENV (default: search $VIRTUAL_ENV, /opt/venv, /usr/local, /usr, python3)
# Env out: PJRT_PLUGIN_LIBRARY_PATH, GOMLX_NO_AUTO_INSTALL=1, LD_LIBRARY_PATH, XLA_FLAGS, PATH,
#          GOMLX_BACKEND (xla:cuda unless already set), WITH_JAX_CUDA_PLUGIN.
# Prints what it found on stderr. Exit 3 when no plugin is found.
#
# bench/gpu.sh runs itself under this script. On a machine with a network there is a simpler
# route: let go-xla install its own CUDA plugin (see the README's GPU section).
set -u

find_plugin() {
  local c p
  for c in ${VENV:-} ${VIRTUAL_ENV:-} /opt/venv /usr/local /usr; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    for p in "$c"/lib/python3*/{site,dist}-packages/jax_plugins/xla_cuda{13,12}/xla_cuda_plugin.so; do
      [ -f "$p" ] && { echo "$p"; return; }
    done
  done
  p=$(python3 -c 'import importlib.util as u, os
for m in ("jax_plugins.xla_cuda13", "jax_plugins.xla_cuda12"):
    s = u.find_spec(m)
    if s:
        print(os.path.join(list(s.submodule_search_locations)[0], "xla_cuda_plugin.so")); break' 2>/dev/null)
  [ -n "$p" ] && [ -f "$p" ] && { echo "$p"; return; }
  find / -xdev -path '*jax_plugins/xla_cuda1*/xla_cuda_plugin.so' 2>/dev/null | head -1
}

PLUGIN=$(find_plugin)
if [ -z "$PLUGIN" ] || [ ! -f "$PLUGIN" ]; then
  echo "with-jax-cuda: no jax CUDA PJRT plugin (xla_cuda_plugin.so) found; set VENV=" >&2
  exit 3
fi
PLUGIN=$(readlink -f "$PLUGIN")
SP=$(dirname "$(dirname "$(dirname "$PLUGIN")")")   # .../site-packages
NV="$SP/nvidia"

LIBDIRS=$(ls -d "$NV"/*/lib 2>/dev/null | paste -sd:)
export LD_LIBRARY_PATH="${LIBDIRS}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# ptxas and libdevice for XLA: pip's cu13 folders first, then a local CUDA toolkit.
NVCC_ROOT=""
command -v nvcc >/dev/null && NVCC_ROOT=$(dirname "$(dirname "$(readlink -f "$(command -v nvcc)")")")
W=$(mktemp -d "${TMPDIR:-/tmp}/with-jax-cuda.XXXXXX")
PTXAS_DIR="" LIBDEV_DIR=""
for c in "$NV/cu13" "$NV/cuda_nvcc" ${CUDA_HOME:-} /usr/local/cuda /usr/local/cuda-1[3-9]* $NVCC_ROOT; do
  [ -z "$PTXAS_DIR" ] && [ -x "$c/bin/ptxas" ] && PTXAS_DIR=$c
  [ -z "$LIBDEV_DIR" ] && ls "$c"/nvvm/libdevice/libdevice*.bc >/dev/null 2>&1 && LIBDEV_DIR=$c
done
mkdir -p "$W/cudadir"
[ -n "$PTXAS_DIR" ] && ln -sfn "$PTXAS_DIR/bin" "$W/cudadir/bin" && export PATH="$PTXAS_DIR/bin:$PATH"
[ -n "$LIBDEV_DIR" ] && ln -sfn "$LIBDEV_DIR/nvvm" "$W/cudadir/nvvm"
export XLA_FLAGS="--xla_gpu_cuda_data_dir=$W/cudadir ${XLA_FLAGS:-}"

# go-xla's own layout: <dir>/nvidia/pjrt_c_api_cuda_plugin.so with the NVIDIA folders beside it.
G="$W/go-xla/nvidia"
mkdir -p "$G"
ln -sf "$PLUGIN" "$G/pjrt_c_api_cuda_plugin.so"
for d in "$NV"/*/; do [ -d "$d" ] && ln -sfn "${d%/}" "$G/$(basename "$d")"; done
[ -e "$G/bin" ] || ln -sfn "$W/cudadir/bin" "$G/bin"
[ -e "$G/nvvm" ] || ln -sfn "$W/cudadir/nvvm" "$G/nvvm"

export PJRT_PLUGIN_LIBRARY_PATH="$G" GOMLX_NO_AUTO_INSTALL=1 WITH_JAX_CUDA_PLUGIN="$PLUGIN"
export GOMLX_BACKEND="${GOMLX_BACKEND:-xla:cuda}"

{
  echo "with-jax-cuda: plugin $PLUGIN"
  echo "with-jax-cuda: ptxas ${PTXAS_DIR:-NOT FOUND}; libdevice ${LIBDEV_DIR:-NOT FOUND}"
  echo "with-jax-cuda: GOMLX_BACKEND=$GOMLX_BACKEND PJRT_PLUGIN_LIBRARY_PATH=$G"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null
} >&2

[ $# -gt 0 ] || { echo "usage: with-jax-cuda.sh COMMAND [ARGS...]" >&2; exit 2; }
exec "$@"
