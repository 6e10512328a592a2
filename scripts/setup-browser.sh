#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests in tests/web, which drive it
# with Playwright for Python. Playwright's own browser download is not used (it cannot reach its servers
# here); Debian's package is the browser. Without root or sudo the tests skip instead, except on CI.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup-browser: /usr/bin/chromium is missing and installing it needs root; browser tests will skip" >&2
  [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
echo "setup-browser: installing Debian's chromium for the browser tests" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version >&2
