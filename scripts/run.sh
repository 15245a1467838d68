#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Gridwatch and starts it on the demo database, creating the database
# the first time. Extra arguments go to gridwatch.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup-debian.sh

builddir=_build
if [ ! -f "$builddir/build.ninja" ]; then
  if [ -f "$builddir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$builddir"
  else
    meson setup "$builddir"
  fi
fi
ninja -C "$builddir"

datadir=${XDG_DATA_HOME:-$HOME/.local/share}/gridwatch
db=$datadir/demo.db
if [ ! -f "$db" ]; then
  mkdir -p "$datadir"
  echo "run: creating the demo database $db"
  # Build it aside and move it in, so an interrupted run leaves no half database.
  rm -f "$db.new" "$db.new-wal" "$db.new-shm" "$db.new-journal"
  "$builddir/app/gridwatch-cli" demo --db "$db.new"
  mv "$db.new" "$db"
fi

exec "$builddir/app/gridwatch" --db "$db" "$@"
