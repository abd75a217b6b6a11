#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The terminal's escapes: on a terminal, `vankien search` marks the matched
# words in bold; with NO_COLOR set (no-color.org) or TERM=dumb it marks
# them with « » as when its output goes to a file or a pipe. The terminal is
# a pseudo-terminal made by script(1) (util-linux); without it, 77.
# Usage: test_terminal.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
src=$2
command -v script >/dev/null || exit 77
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-term-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"

"$bin" index --quiet --db "$tmp/db" "$src/corpus/samples" || fail "indexing"
# Runs a search on a pseudo-terminal with the environment given; its output.
on_tty() {
    script -qec "env $1 '$bin' search --db '$tmp/db' --limit 1 'kiểm soát'" /dev/null
}
esc=$(printf '\033[1m')
out=$(on_tty "TERM=xterm")
[[ $out == *"$esc"* ]] || fail "no bold on a terminal: $out"
for e in "NO_COLOR=1 TERM=xterm" "TERM=dumb"; do
    out=$(on_tty "$e")
    [[ $out == *"$esc"* ]] && fail "bold with $e"
    [[ $out == *"«"* ]] || fail "no « » marks with $e: $out"
done
# NO_COLOR set but empty does not count.
out=$(on_tty "NO_COLOR= TERM=xterm")
[[ $out == *"$esc"* ]] || fail "no bold with an empty NO_COLOR"
out=$("$bin" search --db "$tmp/db" --limit 1 'kiểm soát' | cat)
[[ $out == *"$esc"* ]] && fail "bold into a pipe"
exit $((failures > 0))
