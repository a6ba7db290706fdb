#!/usr/bin/env bash
# Debian's Chromium for the report's browser check (ReportChromiumITCase).
#   deploy/local/chromium.sh install     apt-get install chromium (as root, or with sudo); idempotent
set -euo pipefail

case "${1:-}" in
  install)
    if command -v chromium > /dev/null; then
      echo "chromium: installed ($(command -v chromium))"
      exit 0
    fi
    sudo=()
    [[ "$(id -u)" == 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q > /dev/null
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium > /dev/null
    echo "chromium: installed ($(command -v chromium))"
    ;;
  *) echo "usage: deploy/local/chromium.sh install" >&2; exit 2 ;;
esac
