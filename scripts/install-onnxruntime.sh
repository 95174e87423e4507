#!/usr/bin/env bash
# Installs ONNX Runtime's shared library for werkbank's fastest CPU backend
# (GoMLX's "onnx" backend, github.com/gomlx/compute-onnx) into the user's
#
#   ~/.local/lib/onnxruntime/libonnxruntime.so     (Linux x86-64)
#   ~/.local/lib/onnxruntime/libonnxruntime.dylib  (macOS arm64)
#
# where werkbank finds it without any environment variable. Debian has no ORT
# package and PyPI is not always reachable, so the library comes from the npm
# registry: the tarball of the `onnxruntime-node` package, which carries the
# official ORT builds. `npm pack` only downloads it (no install scripts run);
# the tarball and the library inside are checked against pinned SHA-256 sums
# before anything is written, and the library is written to a temporary file
# and renamed into place. Once installed, nothing here needs a network.
# ONNX Runtime is MIT licensed (https://github.com/microsoft/onnxruntime).
#
#   scripts/install-onnxruntime.sh            install unless the pinned library is there
#   scripts/install-onnxruntime.sh --check    exit 0 if it is there, 1 if not (installs nothing)
#   scripts/install-onnxruntime.sh --optional as install, but a failure (no network, no npm,
#                                             another platform) only warns: werkbank then
#                                             runs on the pure Go backend
#   scripts/install-onnxruntime.sh --path     print where the library goes
#
# Env: WERKBANK_ORT_DIR (default ~/.local/lib/onnxruntime).
set -euo pipefail

ORT_NPM_PACKAGE=onnxruntime-node
ORT_VERSION=1.30.0
ORT_TGZ_SHA256=6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75

MODE=install
case "${1:-}" in
"") ;;
--check) MODE=check ;;
--optional) MODE=optional ;;
--path) MODE=path ;;
-h | --help)
	sed -n '2,/^set -euo pipefail/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
	exit 0
	;;
*)
	echo "usage: $0 [--check | --optional | --path]" >&2
	exit 2
	;;
esac

say() { printf '[onnxruntime] %s\n' "$*" >&2; }
fail() {
	if [ "$MODE" = optional ]; then
		say "not installed: $*"
		say "werkbank runs on the pure Go backend instead (slower); \`make setup\` tries again"
		exit 0
	fi
	say "error: $*"
	exit 1
}

# The library of this platform inside the tarball, its pinned SHA-256 and its
# installed name.
case "$(uname -s)/$(uname -m)" in
Linux/x86_64)
	MEMBER=package/bin/napi-v6/linux/x64/libonnxruntime.so.1
	LIB_SHA256=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23
	NAME=libonnxruntime.so
	;;
Darwin/arm64)
	MEMBER=package/bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib
	LIB_SHA256=685d2be5dba1309c89d3a5324b7fd06a5c42f1a61bfea32d14c4cc28d072121d
	NAME=libonnxruntime.dylib
	;;
*)
	MEMBER="" LIB_SHA256="" NAME=libonnxruntime.so
	;;
esac
DIR=${WERKBANK_ORT_DIR:-$HOME/.local/lib/onnxruntime}
DEST=$DIR/$NAME

if [ "$MODE" = path ]; then
	echo "$DEST"
	exit 0
fi

sha256() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum "$1" | cut -d' ' -f1
	else
		shasum -a 256 "$1" | cut -d' ' -f1
	fi
}

if [ -n "$LIB_SHA256" ] && [ -f "$DEST" ] && [ "$(sha256 "$DEST")" = "$LIB_SHA256" ]; then
	[ "$MODE" = check ] || say "ONNX Runtime $ORT_VERSION present: $DEST"
	exit 0
fi
if [ "$MODE" = check ]; then
	if [ -f "$DEST" ]; then
		say "$DEST is not the pinned ONNX Runtime $ORT_VERSION (SHA-256 differs)"
	else
		say "ONNX Runtime $ORT_VERSION is not installed ($DEST)"
	fi
	exit 1
fi
[ -n "$MEMBER" ] || fail "no pinned ONNX Runtime build for $(uname -s)/$(uname -m) (Linux x86-64 and macOS arm64 only)"
command -v npm >/dev/null 2>&1 || fail "npm is not on PATH (needed to fetch $ORT_NPM_PACKAGE@$ORT_VERSION)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/werkbank-ort.XXXXXX")
trap 'rm -rf "$TMP" "$DEST.tmp.$$" "$DIR/VERSION.tmp.$$"' EXIT
say "fetching $ORT_NPM_PACKAGE@$ORT_VERSION from the npm registry (about 110 MB; no install scripts run)"
if ! (cd "$TMP" && npm pack "$ORT_NPM_PACKAGE@$ORT_VERSION" >"$TMP/pack.log" 2>&1); then
	tail -n 5 "$TMP/pack.log" >&2 || true
	fail "npm pack $ORT_NPM_PACKAGE@$ORT_VERSION failed"
fi
TGZ=$TMP/$ORT_NPM_PACKAGE-$ORT_VERSION.tgz
[ -f "$TGZ" ] || fail "npm pack wrote no $ORT_NPM_PACKAGE-$ORT_VERSION.tgz"
got=$(sha256 "$TGZ")
[ "$got" = "$ORT_TGZ_SHA256" ] || fail "$ORT_NPM_PACKAGE-$ORT_VERSION.tgz has SHA-256 $got, want $ORT_TGZ_SHA256"
tar -xzf "$TGZ" -C "$TMP" "$MEMBER" || fail "$MEMBER is missing from $ORT_NPM_PACKAGE-$ORT_VERSION.tgz"
got=$(sha256 "$TMP/$MEMBER")
[ "$got" = "$LIB_SHA256" ] || fail "$MEMBER has SHA-256 $got, want $LIB_SHA256"

mkdir -p "$DIR" || fail "cannot create $DIR"
cp "$TMP/$MEMBER" "$DEST.tmp.$$" && chmod 0644 "$DEST.tmp.$$" && mv -f "$DEST.tmp.$$" "$DEST" ||
	{ rm -f "$DEST.tmp.$$"; fail "cannot write $DEST"; }
printf '%s %s (npm %s@%s)\n' "$LIB_SHA256" "$NAME" "$ORT_NPM_PACKAGE" "$ORT_VERSION" >"$DIR/VERSION.tmp.$$" &&
	mv -f "$DIR/VERSION.tmp.$$" "$DIR/VERSION"
say "installed ONNX Runtime $ORT_VERSION: $DEST"
