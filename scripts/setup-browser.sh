#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests in tests/web, which drive it
# with Playwright for Python. Playwright's own browser download is not used (it cannot reach its servers
# here); Debian's package is the browser. Without root or sudo the tests skip instead, except on CI.
set -euo pipefail
bash "$(dirname "$0")/ensure.sh" /usr/bin/chromium chromium
