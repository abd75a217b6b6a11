#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The ceiling Xapian puts on indexing speed, beside SQLite FTS5, on one
# corpus in one run: floor.cc (one document per file, bare tokens, no
# analysis, with and without positions, in 1 and 2 threads) and FTS5 with
# the tokenizer bench/compare.sh uses. An experiment, not part of the build.
#
#   bench/layout_probe/floor.sh [CORPUS] [WORKDIR]
#
# CORPUS defaults to bench/data/corpus-100mb (bench/scale_corpus makes it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=$(cd "${1:-$root/bench/data/corpus-100mb}" && pwd)
work=${2:-/tmp/vankien-floor}
command -v sqlite3 >/dev/null || { echo "floor.sh: needs sqlite3" >&2; exit 1; }
mkdir -p "$work"
cd "$work"
g++ -std=c++17 -O2 -pthread -o floor "$here/floor.cc" -lxapian
for mode in pos nopos; do
    for t in 1 2; do
        rm -rf "db-$mode-$t" && mkdir "db-$mode-$t"
        ./floor "$corpus" "db-$mode-$t" "$mode" "$t"
    done
done
rm -f fts.db
cat >fts.sql <<EOF
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE VIRTUAL TABLE docs USING fts5(path, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO docs SELECT name, CAST(data AS TEXT) FROM fsdir('$corpus') WHERE (mode & 61440) = 32768;
EOF
mb=$(du -sb "$corpus" | awk '{print $1 / 1e6}')
start=$(date +%s.%N)
sqlite3 fts.db ".read fts.sql" >/dev/null
end=$(date +%s.%N)
awk -v mb="$mb" -v s="$start" -v e="$end" \
    'BEGIN {printf "FTS5: 1 thread: %.1f MB in %.1f s = %.2f MB/s\n", mb, e - s, mb / (e - s)}'
