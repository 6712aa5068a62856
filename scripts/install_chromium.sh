#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests, if they are missing.
# Playwright drives this system Chromium (it cannot download its own browser here).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "install_chromium: Chromium is missing and this user cannot install it;" \
       "run as root: apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "install_chromium: installing Debian's chromium and chromium-driver ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
