#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-translations.sh [PROJECT_ROOT]
#
# Fails when a message of the sources listed in po/POTFILES.in is missing from,
# untranslated in or fuzzy in a translation listed in po/LINGUAS, when a
# translation breaks a printf format, or when a source file that holds
# translatable strings is not listed in POTFILES.in (po/POTFILES.skip excuses
# a file). Works in a temporary directory; the source tree is only read.
#
# Exit status: 0 all translated, 1 something to fix, 77 tools missing (skip).

set -u
set -o pipefail

root=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
root=$(cd "$root" && pwd) || exit 1
podir=$root/po

for tool in xgettext msgmerge msgattrib msgfmt; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool not found (install gettext)"
    exit 77
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gw-translations.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

status=0
fail () {
  echo "FAIL: $*"
  status=1
}

# --- the files to extract from -------------------------------------------------
read_list () {
  # One path per line; blank lines and # comments ignored; CR and blanks trimmed.
  [ -f "$1" ] || return 0
  sed -e 's/\r$//' -e 's/#.*$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$1" \
    | grep -v '^$' || true
}

read_list "$podir/POTFILES.in" > "$tmp/potfiles"
read_list "$podir/POTFILES.skip" > "$tmp/potfiles.skip"

: > "$tmp/existing"
while IFS= read -r f; do
  if [ -f "$root/$f" ]; then
    printf '%s\n' "$f" >> "$tmp/existing"
  else
    fail "POTFILES.in lists $f, which does not exist"
  fi
done < "$tmp/potfiles"

# --- source files with translatable strings that POTFILES.in forgot -----------
(
  cd "$root" || exit 1
  for dir in app ui resources; do
    [ -d "$dir" ] || continue
    grep -rlE --include='*.c' --include='*.h' \
      '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' "$dir"
    grep -rlE --include='*.ui' 'translatable="(yes|true|1)"' "$dir"
    find "$dir" -type f \( -name '*.gschema.xml' -o -name '*.desktop.in*' \
      -o -name '*.metainfo.xml.in*' -o -name '*.appdata.xml.in*' \)
  done 2>/dev/null | sed 's|^\./||' | sort -u
) > "$tmp/translatable"

while IFS= read -r f; do
  if ! grep -qxF "$f" "$tmp/potfiles" && ! grep -qxF "$f" "$tmp/potfiles.skip"; then
    fail "$f holds translatable strings but is not listed in po/POTFILES.in"
  fi
done < "$tmp/translatable"

# --- the template ----------------------------------------------------------------
# The same keywords as meson's i18n 'glib' preset; .ui, .desktop, .gschema.xml
# and metainfo files are recognised by name (Glade/GtkBuilder, Desktop and the
# ITS rules gettext and AppStream install).
if [ -s "$tmp/existing" ]; then
  if ! (cd "$root" && xgettext \
          --from-code=UTF-8 --add-comments --force-po --no-wrap \
          --package-name=gridwatch \
          --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
          --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
          --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
          --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
          --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
          --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
          --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format \
          --flag=g_print:1:c-format --flag=g_prefix_error:3:c-format \
          --files-from="$tmp/existing" -o "$tmp/gridwatch.pot" 2> "$tmp/xgettext.log"); then
    cat "$tmp/xgettext.log"
    fail "xgettext could not read the files of POTFILES.in"
    exit 1
  fi
  grep -v '^$' "$tmp/xgettext.log" | grep -iv 'warning: .*older versions' || true
else
  echo "note: POTFILES.in lists no files yet"
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' > "$tmp/gridwatch.pot"
fi

total=$(grep -c '^msgid ' "$tmp/gridwatch.pot")
total=$((total - 1))
echo "template: $total messages from $(wc -l < "$tmp/existing") files"

# Print the messages of a PO file, one a line, as [context] "id", header left out.
list_ids () {
  awk '
    function flush() {
      if (inid && !(id == "" && ctx == "")) {
        if (hasctx) printf "    [%s] \"%s\"\n", ctx, id; else printf "    \"%s\"\n", id
      }
      inid = 0; hasctx = 0; ctx = ""; id = ""
    }
    function unq(s) { sub(/^[^"]*"/, "", s); sub(/"[[:space:]]*$/, "", s); return s }
    /^msgctxt / { flush(); hasctx = 1; ctx = unq($0); inctx = 1; next }
    /^msgid /   { inctx = 0; inid = 1; id = unq($0); next }
    /^"/        { if (inctx) ctx = ctx unq($0); else if (inid == 1) id = id unq($0); next }
    /^msgid_plural |^msgstr/ { if (inid == 1) { inid = 2 } ; next }
    /^$/        { flush() }
    END         { flush() }
  ' "$1"
}

# --- each language -------------------------------------------------------------
languages=$(read_list "$podir/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$' || true)
if [ -z "$languages" ]; then
  fail "po/LINGUAS lists no language"
fi

for lang in $languages; do
  po=$podir/$lang.po
  if [ ! -f "$po" ]; then
    fail "po/$lang.po is missing"
    continue
  fi
  if ! msgmerge --quiet --no-wrap --previous --force-po -o "$tmp/$lang.po" "$po" "$tmp/gridwatch.pot" \
         2> "$tmp/$lang.msgmerge.log"; then
    cat "$tmp/$lang.msgmerge.log"
    fail "msgmerge failed on po/$lang.po"
    continue
  fi

  msgattrib --no-wrap --no-obsolete --untranslated -o "$tmp/$lang.untranslated.po" \
    "$tmp/$lang.po" || { fail "msgattrib failed on po/$lang.po"; continue; }
  msgattrib --no-wrap --no-obsolete --only-fuzzy -o "$tmp/$lang.fuzzy.po" \
    "$tmp/$lang.po" || { fail "msgattrib failed on po/$lang.po"; continue; }
  # msgattrib writes nothing when nothing matches.
  touch "$tmp/$lang.untranslated.po" "$tmp/$lang.fuzzy.po"

  untranslated=$(list_ids "$tmp/$lang.untranslated.po")
  fuzzy=$(list_ids "$tmp/$lang.fuzzy.po")
  n_untranslated=$(printf '%s' "$untranslated" | grep -c . || true)
  n_fuzzy=$(printf '%s' "$fuzzy" | grep -c . || true)

  if [ "$n_untranslated" -gt 0 ]; then
    fail "po/$lang.po: $n_untranslated untranslated message(s):"
    printf '%s\n' "$untranslated"
  fi
  if [ "$n_fuzzy" -gt 0 ]; then
    fail "po/$lang.po: $n_fuzzy fuzzy message(s) (new or changed since translated):"
    printf '%s\n' "$fuzzy"
  fi
  if ! msgfmt --check-format --check-domain -o /dev/null "$tmp/$lang.po" 2> "$tmp/$lang.msgfmt.log"; then
    sed -e "s|^$tmp/||" -e 's/^/    /' "$tmp/$lang.msgfmt.log"
    # Name the messages: msgfmt points at lines of the merged copy.
    grep -oE "^$tmp/$lang\.po:[0-9]+" "$tmp/$lang.msgfmt.log" | sed 's/.*://' | sort -un \
      | while read -r line; do
          awk -v l="$line" '/^msgid / { m = $0 } NR >= l { print "      in: " m; exit }' "$tmp/$lang.po"
        done
    fail "po/$lang.po: msgfmt reports format errors"
  fi
  if awk '/^msgid / { exit } /^#,.*fuzzy/ { f = 1 } END { exit !f }' "$po"; then
    echo "warning: po/$lang.po has a fuzzy header; remove the '#, fuzzy' line above it"
  fi
  if [ "$n_untranslated" -eq 0 ] && [ "$n_fuzzy" -eq 0 ]; then
    echo "po/$lang.po: all $total messages translated"
  fi
done

if [ "$status" -ne 0 ]; then
  echo "Translations incomplete: update po/POTFILES.in and po/<lang>.po"
  echo "(ninja -C <builddir> gridwatch-update-po merges new messages into the .po files)."
fi
exit "$status"
