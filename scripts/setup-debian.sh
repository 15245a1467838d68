#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what Gridwatch needs to build, run and test on Debian 12.
# Idempotent: installs only the packages that are missing (apt-get update runs
# only then) and generates the zh_CN.UTF-8 locale only if it is missing.

set -euo pipefail

packages=(
  # build
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libshumate-dev libxlsxwriter-dev
  libsqlite3-dev libjson-glib-dev
  libcairo2-dev libpango1.0-dev  # the board's renderer links cairo(-pdf, -png) and pangocairo itself
  # tests: display, fonts, locale, data files
  xvfb xauth dbus-x11 fonts-wqy-microhei locales
  desktop-file-utils appstream imagemagick poppler-utils sqlite3
  python3-openpyxl python3-xlsxwriter
  clang libclang-rt-14-dev  # tests/fuzz/run.sh: libFuzzer and AddressSanitizer
  # opens the exported workbooks the way an office would (large)
  libreoffice-calc-nogui
)

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  as_root=()
fi

run_as_root () {
  if [ "$(id -u)" -ne 0 ] && [ ${#as_root[@]} -eq 0 ]; then
    echo "setup-debian: need root for: $*" >&2
    echo "setup-debian: run this script as root or install sudo" >&2
    exit 1
  fi
  "${as_root[@]}" "$@"
}

is_installed () {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

missing=()
for pkg in "${packages[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-debian: installing ${missing[*]}"
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  run_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}"
else
  echo "setup-debian: all ${#packages[@]} packages present"
fi

# The UI tests run in Chinese as well as in English.
has_zh_locale () {
  locale -a 2>/dev/null | grep -qiE '^zh_CN\.utf-?8$'
}

if ! has_zh_locale; then
  echo "setup-debian: generating the zh_CN.UTF-8 locale"
  if grep -qE '^[#[:space:]]*zh_CN\.UTF-8[[:space:]]+UTF-8' /etc/locale.gen 2>/dev/null; then
    run_as_root sed -i -E 's/^[#[:space:]]*(zh_CN\.UTF-8[[:space:]]+UTF-8)/\1/' /etc/locale.gen
  else
    echo 'zh_CN.UTF-8 UTF-8' | run_as_root tee -a /etc/locale.gen >/dev/null
  fi
  run_as_root locale-gen
  if ! has_zh_locale; then
    echo "setup-debian: the zh_CN.UTF-8 locale is still missing after locale-gen" >&2
    exit 1
  fi
else
  echo "setup-debian: zh_CN.UTF-8 locale present"
fi
