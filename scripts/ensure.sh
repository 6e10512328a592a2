#!/usr/bin/env bash
# usage: scripts/ensure.sh COMMAND PACKAGE...
# Makes sure COMMAND (a name on PATH or an absolute path) exists, installing Debian's PACKAGEs if not.
# The project assumes only python3, pip and make; everything else it needs comes through here.
# Without root or sudo it says what is missing and exits 0 (the caller degrades or skips), except on CI.
set -euo pipefail
command_name=$1
shift

if command -v "$command_name" >/dev/null 2>&1 || [ -x "$command_name" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure: $command_name is missing and installing $* needs root" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
echo "ensure: installing Debian's $* for $command_name" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "$@" >/dev/null
