#!/usr/bin/env bash
# Playwright cannot download its own browser here; the end-to-end tests and the benchmark use
# Debian's Chromium (CHROMIUM_PATH overrides where it is).
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
echo "Installing Debian's Chromium for the browser tests..."
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get install -y chromium >/dev/null 2>&1 || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd apt-get install -y chromium >/dev/null; }
[ -x "$chromium_path" ] || { echo "Chromium is still missing at $chromium_path" >&2; exit 1; }
