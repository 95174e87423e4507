# Sourced by the notebook scripts: sets JUPYTER and PYTHON unless given. Inside
# an active conda environment, its own; otherwise Debian's (/usr/bin/python3
# owns Debian's Jupyter packages and need not be the python3 on PATH).
if [ -n "${CONDA_PREFIX:-}" ] && [ -x "$CONDA_PREFIX/bin/jupyter" ]; then
	JUPYTER=${JUPYTER:-$CONDA_PREFIX/bin/jupyter}
	PYTHON=${PYTHON:-$CONDA_PREFIX/bin/python3}
fi
JUPYTER=${JUPYTER:-/usr/bin/jupyter}
PYTHON=${PYTHON:-/usr/bin/python3}
