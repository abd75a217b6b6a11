#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The manual pages document every option the programs' --help prints:
# `vankien --help` and each command's --help against that command's section
# of vankien(1) (the commands are read from `vankien --help`), and
# `vankien-searchd --help` against vankien-searchd(8). Also: the pages have
# the sections a manual page must have, and each configuration key the
# daemon knows (its --help says the keys are its options' names) is listed.
# The field names of the query language (query/fields.c) are all explained.
# Usage: test_manpages.sh BIN_DIR MAN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
mandir=$2
src=$3
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-man-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"

for page in vankien.1 vankien-searchd.8; do
    [ -s "$mandir/$page" ] || {
        echo "FAIL: $mandir/$page was not built (scdoc missing? scripts/install-deps.sh)" >&2
        exit 1
    }
    # The roff with its font changes and escaped dashes made plain.
    sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(aq/'"'"'/g' "$mandir/$page" >"$tmp/$page.txt"
done

# options FILE: the long options mentioned in a --help output, one a line.
options() {
    grep -o -- '--[a-z][a-z0-9-]*' "$1" | sort -u
}

# section PAGE NAME: the lines of `.SS NAME` (up to the next .SS or .SH).
section() {
    awk -v name="$2" '/^\.S[SH] /{on = ($1 == ".SS" && $2 == name)} on' "$tmp/$1.txt"
}

# The page must mention `--opt` as a word (not as the prefix of a longer one).
check_options() { # HELP_FILE DOC_FILE WHAT
    local n=0 opt
    while read -r opt; do
        n=$((n + 1))
        grep -qE -- "(^|[^a-z-])$opt([^a-z0-9-]|$)" "$2" || fail "$3: $opt is not documented"
    done < <(options "$1")
    [ "$n" -gt 0 ] || fail "$3: no options found in --help"
    echo "$3: $n options"
}

"$bin" --help >"$tmp/help" || fail "vankien --help"
check_options "$tmp/help" "$tmp/vankien.1.txt" "vankien"
commands=$(sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' "$tmp/help")
[ -n "$commands" ] || fail "no commands in vankien --help"
for cmd in $commands; do
    "$bin" "$cmd" --help >"$tmp/help.$cmd" || fail "vankien $cmd --help"
    section vankien.1 "$cmd" >"$tmp/sec.$cmd"
    [ -s "$tmp/sec.$cmd" ] || { fail "vankien(1) has no section for $cmd"; continue; }
    check_options "$tmp/help.$cmd" "$tmp/sec.$cmd" "vankien $cmd"
done

"$searchd" --help >"$tmp/help.searchd" || fail "vankien-searchd --help"
check_options "$tmp/help.searchd" "$tmp/vankien-searchd.8.txt" "vankien-searchd"
# Configuration keys: the options that take a value, except --config.
sed -n '/^\.SH CONFIGURATION FILE/,/^\.SH /p' "$tmp/vankien-searchd.8.txt" >"$tmp/conf"
while read -r key; do
    grep -qE "(^|[^a-z-])$key([^a-z-]|$)" "$tmp/conf" || fail "configuration key $key not listed"
done < <(sed -n 's/^  --\([a-z-]*\) [A-Z:]\{1,\}.*/\1/p' "$tmp/help.searchd" | grep -vx config)

for page in vankien.1 vankien-searchd.8; do
    for sec in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
        grep -qx "\.SH $sec" "$tmp/$page.txt" || fail "$page has no $sec section"
    done
done
grep -q VANKIEN_DB "$tmp/vankien.1.txt" || fail "vankien(1) does not name VANKIEN_DB"
fields=$(sed -n '/^static const qr_field_def fields\[\] = {/,/^};/p' "$src/query/fields.c" |
    grep -o '"[a-z]*", "[a-z]*"' | tr -d '",')
[ "$(echo "$fields" | wc -w)" -ge 18 ] || fail "field names not found in query/fields.c: $fields"
sed -n '/^\.SH QUERY LANGUAGE/,/^\.SH /p' "$tmp/vankien.1.txt" >"$tmp/query"
for f in $fields; do
    grep -qE "(^|[^a-z])$f:" "$tmp/query" || fail "vankien(1) does not explain the field $f:"
done

finish test_manpages
