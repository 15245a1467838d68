#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the fuzz targets with clang's libFuzzer and AddressSanitizer and runs
# each in turn for SECONDS (default 600). One command:
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      TARGET: csv credit-code geojson (default: all)
#
# Needs clang and libclang-rt-14-dev (scripts/setup-debian.sh installs them).
# Builds into $GW_FUZZ_BUILD (default _build-fuzz at the top of the tree), keeps
# each target's corpus there, and copies every crashing input into
# tests/fuzz/regressions/TARGET/, where `meson test --suite fuzz` replays it.
# Runs one target at a time with one job: the build machines are small.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${GW_FUZZ_BUILD:-$root/_build-fuzz}
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv credit-code geojson)
cc=${CC:-clang}

if ! command -v "$cc" >/dev/null; then
  echo "run.sh: $cc not found; install clang and libclang-rt-14-dev" >&2
  exit 2
fi

mkdir -p "$build/obj" "$build/artifacts"
pkgs="glib-2.0 gio-2.0 gobject-2.0 json-glib-1.0 sqlite3 xlsxwriter"
cflags="-g -O1 -fno-omit-frame-pointer -std=gnu11 -D_FILE_OFFSET_BITS=64
        -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
        -I$build -I$root/app/core $(pkg-config --cflags $pkgs)"
libs="$(pkg-config --libs $pkgs) -lm"

# What meson would generate.
cat > "$build/config.h.new" <<EOF
#pragma once
#define APP_ID "io.github.gridwatch.Gridwatch"
#define BASE_ID "io.github.gridwatch.Gridwatch"
#define GETTEXT_PACKAGE "gridwatch"
#define LOCALEDIR "/usr/local/share/locale"
#define PACKAGE_VERSION "fuzz"
#define PKGDATADIR "/usr/local/share/gridwatch"
#define RESOURCE_PATH "/io/github/gridwatch/Gridwatch"
EOF
cmp -s "$build/config.h.new" "$build/config.h" || mv "$build/config.h.new" "$build/config.h"
rm -f "$build/config.h.new"
[ "$build/gw-townships-data.h" -nt "$root/resources/hengyang-townships.csv" ] ||
  python3 "$root/app/core/embed-csv.py" "$root/resources/hengyang-townships.csv" \
    "$build/gw-townships-data.h"

# The core, instrumented for coverage and ASan but without libFuzzer's main().
objs=()
for src in "$root"/app/core/*.c; do
  obj="$build/obj/$(basename "${src%.c}").o"
  if [ ! "$obj" -nt "$src" ] || [ -n "$(find "$root/app/core" -name '*.h' -newer "$obj" -print -quit)" ]; then
    echo "run.sh: compiling $(basename "$src")"
    # shellcheck disable=SC2086
    "$cc" $cflags -fsanitize=fuzzer-no-link,address -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done

declare -A seeds=(
  [csv]="$root/tests/fixtures/csv"
  [credit-code]=""
  [geojson]="$root/tests/fixtures/geojson"
)

summary=()
failed=0
for t in "${targets[@]}"; do
  src="$here/fuzz-$t.c"
  [ -f "$src" ] || { echo "run.sh: no target $t" >&2; exit 2; }
  exe="$build/fuzz-$t"
  echo "run.sh: linking fuzz-$t"
  # shellcheck disable=SC2086
  "$cc" $cflags -fsanitize=fuzzer,address "$src" "${objs[@]}" $libs -o "$exe"

  corpus="$build/corpus/$t"
  mkdir -p "$corpus" "$here/regressions/$t"
  log="$build/fuzz-$t.log"
  rm -f "$build"/artifacts/"$t"-*
  echo "run.sh: fuzzing $t for $seconds s (log: $log)"
  # Later directories only seed the corpus; new inputs go to the first.
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 G_DEBUG=fatal-criticals \
  GRIDWATCH_TODAY=2026-11-23 \
    "$exe" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=30 \
      -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$t-" \
      "$corpus" "$here/regressions/$t" ${seeds[$t]} > "$log" 2>&1 || true

  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=0
  for a in "$build"/artifacts/"$t"-*; do
    [ -e "$a" ] || continue
    crashes=$((crashes + 1))
    cp "$a" "$here/regressions/$t/"
  done
  if grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|ERROR: libFuzzer\|deadly signal' "$log"; then
    [ "$crashes" -gt 0 ] || crashes=1
  fi
  [ "$crashes" -eq 0 ] || failed=1
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || true)
  line="fuzz-$t: ${runs:-?} executions in $seconds s, coverage ${cov:-?} edges, corpus $(ls "$corpus" | wc -l) inputs, crashes $crashes"
  echo "run.sh: $line"
  summary+=("$line")
done

echo
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "run.sh: crashes found; their inputs are in tests/fuzz/regressions/" >&2
  exit 1
fi
