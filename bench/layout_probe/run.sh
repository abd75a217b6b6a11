#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# An experiment, not part of the build: how big and how fast would the index
# be with one Xapian document per *document* instead of one per section
# passage? Rebuilds the text of a vankien index in several layouts with a
# rough tokenizer of its own (tok.h), compacts each, and times the query mix
# on each with plain Xapian. See README.md for the layouts and the figures.
#
#   bench/layout_probe/run.sh [SRC_DB] [WORKDIR]
#
# SRC_DB defaults to bench/data/db-100mb (made by bench/compare.sh with
# KEEP=1, or `vankien index --full --db bench/data/db-100mb
# bench/data/corpus-100mb`); WORKDIR (default /tmp/vankien-layout-probe)
# takes about 2.5 GB for 100 MB of text.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${1:-$root/bench/data/db-100mb}
work=${2:-/tmp/vankien-layout-probe}
[ -d "$src" ] || { echo "run.sh: no index at $src" >&2; exit 1; }
command -v xapian-compact >/dev/null ||
    { echo "run.sh: needs xapian-compact (apt-get install xapian-tools)" >&2; exit 1; }
mkdir -p "$work"
cd "$work"
g++ -std=c++17 -O2 -o probe "$here/probe.cc" -lxapian -ljansson -licuuc
g++ -std=c++17 -O2 -o qbench "$here/qbench.cc" -lxapian -licuuc
export XAPIAN_FLUSH_THRESHOLD=10000000
for l in P1 D1 D2 D3 D3s S; do
    rm -rf "$l" "$l-c"
    /usr/bin/time -f "$l: %e s, peak %M KB" ./probe "$src" "$l" "$l" >"build-$l.log"
    xapian-compact "$l" "$l-c" >/dev/null
done
rm -rf REAL-c
xapian-compact "$src" REAL-c >/dev/null
echo "== sizes (KB), compacted"
for l in REAL P1 D1 D2 D3 D3s S; do
    printf '%-5s %s\n' "$l" "$(du -sk "$l-c"/*.glass | awk '{s += $1; printf "%s=%s ", $2, $1} END {printf "total=%d", s}' | sed "s|$l-c/||g; s|\.glass||g")"
done
q=$root/bench/queries.txt
echo "== queries"
./qbench P1-c P1 "$q" 10 collapse
./qbench D1-c D1 "$q" 10
./qbench D3-c D3 "$q" 10
./qbench D3s-c D3s "$q" 10 sections S-c
./qbench REAL-c REAL "$q" 10 collapse
