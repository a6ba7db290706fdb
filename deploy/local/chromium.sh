#!/usr/bin/env bash
# Debian's Chromium for the report's browser check (ReportChromiumITCase).
#   deploy/local/chromium.sh install     apt-get install chromium (as root, or with sudo); idempotent
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=deploy/local/lib.sh
source "$root/deploy/local/lib.sh"

case "${1:-}" in
  install)
    apt_install chromium chromium
    echo "chromium: installed ($(command -v chromium))"
    ;;
  *) echo "usage: deploy/local/chromium.sh install" >&2; exit 2 ;;
esac
