#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core downloads no browser). Installed
# once; skipped when present. Needs root (CI's fresh machine runs as root) or sudo.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
echo "installing Chromium for the browser tests (apt-get, once)…" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
[ -x /usr/bin/chromium ]
