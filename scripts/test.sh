#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing, builds, runs every test under Xvfb and ends with
# one line: "N passed, N failed, N skipped". Exits non-zero when the build
# fails or any test fails. Extra arguments go to `meson test`.

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

builddir=_build

if ! bash scripts/setup-debian.sh; then
  echo "test: installing the dependencies failed"
  exit 2
fi

if [ ! -f "$builddir/build.ninja" ]; then
  if [ -f "$builddir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$builddir"
  else
    meson setup "$builddir"
  fi || { echo "test: meson setup failed"; exit 2; }
fi

if ! ninja -C "$builddir"; then
  echo "test: the build failed"
  exit 2
fi

testlog=$builddir/meson-logs/testlog.json
rm -f "$testlog"

xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" \
  meson test -C "$builddir" --print-errorlogs --timeout-multiplier 3 "$@"
meson_status=$?

if [ ! -s "$testlog" ]; then
  echo "test: meson test wrote no results (exit status $meson_status)"
  exit 2
fi

# testlog.json has one JSON object per test run, with "name" and "result".
/usr/bin/python3 - "$testlog" "$meson_status" <<'PY'
import json
import sys

path, meson_status = sys.argv[1], int(sys.argv[2])
passed, failed, skipped = [], [], []
with open(path, encoding="utf-8") as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        result = str(entry.get("result", "")).upper()
        name = entry.get("name", "?")
        if result in ("OK", "EXPECTEDFAIL"):
            passed.append(name)
        elif result == "SKIP":
            skipped.append(name)
        else:
            failed.append("%s (%s)" % (name, result or "no result"))

if failed:
    print("failed:")
    for name in failed:
        print("  " + name)
print("%d passed, %d failed, %d skipped" % (len(passed), len(failed), len(skipped)))
sys.exit(1 if failed or meson_status != 0 else 0)
PY
