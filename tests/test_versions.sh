#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Versions: `vankien --version`, `vankien-searchd --version` and
# GET /api/health report the program version (project() in CMakeLists.txt)
# and the index format version (IX_FORMAT_VERSION in indexer/ix_schema.h).
# An index of another format is refused by every reader with a message that
# names both formats and the rebuild command, by `vankien index` without
# --full too; `vankien index --full` rebuilds it.
# Usage: test_versions.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-ver-XXXXXX")
trap '[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/daemon_lib.sh
. "$(dirname "$0")/daemon_lib.sh"

version=$(sed -n 's/^project(vankien VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
format=$(sed -n 's/^#define IX_FORMAT_VERSION \([0-9]*\)$/\1/p' "$src/indexer/ix_schema.h")
[ -n "$version" ] && [ -n "$format" ] || fail "version '$version' or format '$format' not found"

out=$("$bin" --version)
[[ $out == "vankien $version (index format $format, Xapian "* ]] || fail "vankien --version: $out"
out=$("$searchd" --version)
[ "$out" = "vankien-searchd $version (index format $format)" ] || fail "searchd --version: $out"

"$bin" index --quiet --db "$tmp/db" "$src/corpus/samples" || fail "indexing"
start_daemon --db "$tmp/db" --log-level 0 || fail "start: $(cat "$tmp/daemon.log")"
health=$(api /api/health)
[[ $health == *"\"version\":\"$version\""* ]] || fail "health version: $health"
[[ $health == *"\"index_format\":$format"[,\}]* ]] || fail "health index_format: $health"
stop_daemon

# The index says it is of the previous format.
old=$((format - 1))
xapian-metadata set "$tmp/db" vankien.format "$old" || fail "xapian-metadata set"
expect_refusal() { # WHAT EXIT OUTPUT_FILE
    [ "$2" = 2 ] || fail "$1: exit $2, not 2"
    grep -qF "index of format $old; this vankien reads format $format" "$3" ||
        fail "$1: no format message in: $(cat "$3")"
    grep -qF "vankien index --full --db $tmp/db" "$3" || fail "$1: no rebuild command: $(cat "$3")"
}
for cmd in "search dang" "show 28-NQ/TW" "cite 28-NQ/TW" "cites 28-NQ/TW" "stats"; do
    # shellcheck disable=SC2086
    "$bin" $cmd --db "$tmp/db" >"$tmp/out" 2>&1
    expect_refusal "vankien $cmd" $? "$tmp/out"
done
"$searchd" --db "$tmp/db" --listen 127.0.0.1:1 >"$tmp/out" 2>&1
expect_refusal "vankien-searchd" $? "$tmp/out"
"$bin" index --quiet --db "$tmp/db" "$src/corpus/samples" >"$tmp/out" 2>&1
rc=$?
[ "$rc" != 0 ] || fail "an incremental index run over format $old succeeded"
grep -qF "vankien index --full" "$tmp/out" || fail "index: no rebuild command: $(cat "$tmp/out")"

# The rebuild the messages ask for makes it readable again.
"$bin" index --quiet --full --db "$tmp/db" "$src/corpus/samples" || fail "index --full"
"$bin" search --db "$tmp/db" '"kiểm soát quyền lực"' >/dev/null || fail "search after --full"
[ "$(xapian-metadata get "$tmp/db" vankien.format)" = "$format" ] || fail "format after --full"

finish test_versions
