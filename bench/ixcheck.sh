#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks that two builds of vankien write the same index content from the
# same files: each indexes CORPUS (`index --full`, JOBS workers), then
# bench/ixdump.cc dumps both (every document's terms, wdf, positions,
# values and stored data, keyed by its unique term, not its document id;
# the synonyms; the metadata but the commit time and the file looks) and
# the dumps are compared.
#
#   bench/ixcheck.sh OLD_VANKIEN NEW_VANKIEN CORPUS [WORKDIR]
#
# Prints "same content" and exits 0, or the first differences and exits 1.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 OLD_VANKIEN NEW_VANKIEN CORPUS [WORKDIR]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
old=$(realpath "$1") new=$(realpath "$2") corpus=$(realpath "$3")
work=${4:-$(mktemp -d)}
mkdir -p "$work"
g++ -std=c++17 -O2 -o "$work/ixdump" "$here/ixdump.cc" -lxapian
for side in old new; do
    bin=$old
    [ "$side" = new ] && bin=$new
    rm -rf "$work/$side.db"
    "$bin" index --full --quiet --jobs "${JOBS:-2}" --db "$work/$side.db" "$corpus" >/dev/null 2>&1 || true
    "$work/ixdump" dump "$work/$side.db" >"$work/$side.txt"
done
if cmp -s "$work/old.txt" "$work/new.txt"; then
    echo "same content: $(grep -c '^doc ' "$work/new.txt") documents, $(wc -c <"$work/new.txt") bytes of dump"
    exit 0
fi
echo "the contents differ:"
diff "$work/old.txt" "$work/new.txt" | head -n 20 | cut -c1-400
exit 1
