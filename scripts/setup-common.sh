# shellcheck shell=bash
# Shared steps of scripts/setup-debian.sh and scripts/setup-conda.sh: the pinned
# Go tools, the GoNB Jupyter kernel and the project-local playwright-core.
# Source it (it defines functions only); it needs bash 4.
#
# Every step is idempotent: it first checks, cheaply, whether the pinned version
# is already there, and only then installs. With CHECK_ONLY=1 nothing is
# installed: each missing piece is listed and check_summary fails.

# Pinned versions. The Go proxy refuses the version list of some of these
# modules (gonb among them), so `@latest` fails here: always pin.
GONB_VERSION=v0.11.5
GOIMPORTS_VERSION=v0.52.0 # golang.org/x/tools
GOPLS_VERSION=v0.23.0     # golang.org/x/tools/gopls; v0.24 needs Go 1.27

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHECK_ONLY=${CHECK_ONLY:-0}
INSTALLED=()
PRESENT=()
MISSING=()

# setup_args handles a setup script's arguments: --check (install nothing,
# list what is missing), --help (the script's header comment), or none.
setup_args() {
	case "${1:-}" in
	--check) CHECK_ONLY=1 ;;
	"") CHECK_ONLY=0 ;;
	-h | --help)
		sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "usage: $0 [--check]" >&2
		exit 2
		;;
	esac
	export CHECK_ONLY
}

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
present() { PRESENT+=("$1"); }
installed() { INSTALLED+=("$1"); }
missing() { MISSING+=("$1"); }

# go_bin_dir prints where `go install` puts binaries.
go_bin_dir() {
	local bin
	bin=$(go env GOBIN)
	if [ -z "$bin" ]; then
		bin="$(go env GOPATH | cut -d: -f1)/bin"
	fi
	printf '%s\n' "$bin"
}

# go_bin_has BINARY MODULE VERSION: whether BINARY was built with MODULE at
# VERSION (as main module or as a dependency), read from its build info.
go_bin_has() {
	[ -x "$1" ] || return 1
	go version -m "$1" 2>/dev/null |
		awk -v m="$2" -v v="$3" '($1 == "mod" || $1 == "dep") && $2 == m && $3 == v { found = 1 } END { exit !found }'
}

# install_go_tools: gonb, goimports and gopls at their pinned versions. They are
# built without the project's GOEXPERIMENT=simd (the Makefile exports it): they
# do not need it.
install_go_tools() {
	command -v go >/dev/null || die "go is not on PATH (Go 1.26 is needed)"
	local bin
	bin=$(go_bin_dir)
	mkdir -p "$bin"

	if go_bin_has "$bin/goimports" golang.org/x/tools "$GOIMPORTS_VERSION"; then
		present "goimports $GOIMPORTS_VERSION"
	elif [ "$CHECK_ONLY" = 1 ]; then
		missing "goimports $GOIMPORTS_VERSION in $bin"
	else
		say "go install golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION"
		env -u GOEXPERIMENT go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION"
		installed "goimports $GOIMPORTS_VERSION"
	fi

	if go_bin_has "$bin/gopls" golang.org/x/tools/gopls "$GOPLS_VERSION"; then
		present "gopls $GOPLS_VERSION"
	elif [ "$CHECK_ONLY" = 1 ]; then
		missing "gopls $GOPLS_VERSION in $bin"
	else
		say "go install golang.org/x/tools/gopls@$GOPLS_VERSION"
		env -u GOEXPERIMENT go install "golang.org/x/tools/gopls@$GOPLS_VERSION"
		installed "gopls $GOPLS_VERSION"
	fi

	if go_bin_has "$bin/gonb" github.com/janpfeifer/gonb "$GONB_VERSION"; then
		present "gonb $GONB_VERSION"
	elif [ "$CHECK_ONLY" = 1 ]; then
		missing "gonb $GONB_VERSION in $bin"
	else
		# `go install github.com/janpfeifer/gonb@v0.11.5` fails here: its
		# deprecation check asks the proxy for gonb's version list, which is
		# refused (403). Building it as a dependency of a throwaway module that
		# pins the exact version works.
		say "building gonb $GONB_VERSION from a throwaway module"
		local tmp
		tmp=$(mktemp -d)
		(
			set -e
			cd "$tmp"
			go mod init werkbank.local/gonb-build >/dev/null 2>&1
			printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/janpfeifer/gonb"\n' >tools.go
			env -u GOEXPERIMENT go get "github.com/janpfeifer/gonb@$GONB_VERSION"
			env -u GOEXPERIMENT go install github.com/janpfeifer/gonb
		) || {
			rm -rf "$tmp"
			die "building gonb $GONB_VERSION failed"
		}
		rm -rf "$tmp"
		installed "gonb $GONB_VERSION"
	fi
}

# install_gonb_kernel PYTHON JUPYTER_DATA_DIR [EXTRA_PATH_DIR...]
# Runs `gonb --install` into JUPYTER_DATA_DIR/kernels/gonb and rewrites the
# kernel.json env: gonb writes it empty, but the kernel needs go, goimports and
# gopls on its PATH, and the project wants GOMLX_NO_AUTO_INSTALL=1 (never
# download PJRT plugins) and GOEXPERIMENT=simd (the pure Go backend's SIMD
# MatMul kernels) in every cell it compiles. The PATH value ends in ${PATH},
# which jupyter_client (>= 7) expands from the server's environment.
# Set GONB_FLAGS (e.g. --raw_error) to pass extra flags to the kernel.
install_gonb_kernel() {
	local python=$1 datadir=$2
	shift 2
	local bin kdir kjson prefix
	bin=$(go_bin_dir)
	kdir="$datadir/kernels/gonb"
	kjson="$kdir/kernel.json"
	prefix="$(go env GOROOT)/bin:$bin"
	local d
	for d in "$@"; do
		prefix="$prefix:$d"
	done

	# Already installed with this binary and this env?
	if [ -f "$kjson" ] && "$python" - "$kjson" "$bin/gonb" "$prefix" "${GONB_FLAGS:-}" <<'EOF'; then
import filecmp, json, os, sys
path, gonb, prefix, flags = sys.argv[1:5]
k = json.load(open(path))
env = k.get("env") or {}
# gonb --install copies itself into the kernel directory when it runs from
# under /tmp or a cache directory (a HOME there, as in CI): that copy counts
# when it is the same binary.
argv0 = (k.get("argv") or [""])[0]
copy = os.path.join(os.path.dirname(path), "gonb")
if argv0 == copy and os.path.isfile(copy) and filecmp.cmp(copy, gonb, shallow=False):
    gonb = copy
want_args = [gonb, "--kernel", "{connection_file}"]
# gonb --install forwards its flags as -name=value: --raw_error -> -raw_error=true.
want_flags = ["-" + (f.lstrip("-") if "=" in f else f.lstrip("-") + "=true") for f in flags.split()]
argv = k.get("argv", [])
ok = (argv[:3] == want_args
      and all(f in argv for f in want_flags)
      and ("-raw_error=true" not in argv or "-raw_error=true" in want_flags)
      and env.get("PATH") == prefix + ":${PATH}"
      and env.get("GOMLX_NO_AUTO_INSTALL") == "1"
      and env.get("GOEXPERIMENT") == "simd")
sys.exit(0 if ok else 1)
EOF
		present "GoNB kernel ($kjson)"
		return 0
	fi
	if [ "$CHECK_ONLY" = 1 ]; then
		missing "GoNB kernel in $kjson (or its env)"
		return 0
	fi
	say "installing the GoNB kernel into $kdir"
	# gonb --install refuses to run unless goimports and gopls are on PATH; a
	# new user's PATH lacks the Go bin directory, so give it the kernel's PATH.
	# shellcheck disable=SC2086 # GONB_FLAGS is a list of flags
	PATH="$prefix:$PATH" JUPYTER_DATA_DIR="$datadir" "$bin/gonb" --install ${GONB_FLAGS:-}
	[ -f "$kjson" ] || die "gonb --install did not write $kjson"
	"$python" - "$kjson" "$prefix" <<'EOF'
import json, sys
path, prefix = sys.argv[1:3]
k = json.load(open(path))
env = k.get("env") or {}
env["PATH"] = prefix + ":${PATH}"
env["GOMLX_NO_AUTO_INSTALL"] = "1"
env["GOEXPERIMENT"] = "simd"
k["env"] = env
with open(path, "w") as f:
    json.dump(k, f, indent=1)
    f.write("\n")
EOF
	installed "GoNB kernel ($kjson)"
}

# install_playwright: playwright-core, exactly as scripts/package-lock.json
# pins it, into scripts/node_modules. playwright-core never downloads a
# browser; the browser tests use Debian's /usr/bin/chromium.
install_playwright() {
	local dir="$REPO_ROOT/scripts"
	local want have
	want=$(sed -n 's/.*"playwright-core": *"\([^"]*\)".*/\1/p' "$dir/package.json" | head -n 1)
	have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/playwright-core/package.json" 2>/dev/null | head -n 1 || true)
	if [ -n "$want" ] && [ "$have" = "$want" ]; then
		present "playwright-core $have (scripts/node_modules)"
		return 0
	fi
	if [ "$CHECK_ONLY" = 1 ]; then
		missing "playwright-core $want in scripts/node_modules"
		return 0
	fi
	command -v npm >/dev/null || die "npm is not on PATH"
	say "npm ci in scripts/ (playwright-core $want)"
	(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
	installed "playwright-core $want (scripts/node_modules)"
}

# install_onnxruntime: ONNX Runtime's library for the "onnx" backend, at the
# version and SHA-256 that scripts/install-onnxruntime.sh pins, into the
# per-user directory werkbank looks in.
install_onnxruntime() {
	local script="$REPO_ROOT/scripts/install-onnxruntime.sh" dest
	dest=$("$script" --path)
	if "$script" --check 2>/dev/null; then
		present "ONNX Runtime ($dest)"
	elif [ "$CHECK_ONLY" = 1 ]; then
		missing "ONNX Runtime in $dest"
	else
		"$script" || die "installing ONNX Runtime failed (see above)"
		installed "ONNX Runtime ($dest)"
	fi
}

# check_summary prints what was installed and what was already there; in
# check mode it fails when anything is missing.
check_summary() {
	local x
	echo "== setup summary =="
	for x in "${INSTALLED[@]}"; do echo "  installed: $x"; done
	for x in "${PRESENT[@]}"; do echo "  present:   $x"; done
	for x in "${MISSING[@]}"; do echo "  MISSING:   $x"; done
	if [ "${#MISSING[@]}" -gt 0 ]; then
		echo "Run \`make setup\` to install what is missing." >&2
		return 1
	fi
}
