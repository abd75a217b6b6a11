#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Crash safety of `vankien index`: kills the indexer with SIGKILL at random
# moments (seeded: VK_SEED, default 1) while it indexes a folder, at least 20
# times in the middle of a run. After each kill the index must open and hold
# exactly the files of its committed batches: every file it lists has the
# passages a full index gives that file, and no passage belongs to a file it
# does not list. Each run resumes the last; at the end a run completes the
# index, which must then equal a full index of the folder (no duplicates).
# Usage: test_crash.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
src=$2
seed=${VK_SEED:-1}
RANDOM=$seed
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-crash-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"


copies 12 "$tmp/k"
total=48

# The reference: a full index, and its files with their passages; how
# long it took sets when the kills come.
t0=$(date +%s%N)
"$bin" index --db "$tmp/ref" --quiet "$tmp/k" || { echo "FAIL: reference index" >&2; exit 1; }
run_ms=$((($(date +%s%N) - t0) / 1000000))
"$bin" stats --db "$tmp/ref" --files >"$tmp/ref.files"
[ "$(wc -l <"$tmp/ref.files")" -eq "$total" ] || fail "reference lists $(wc -l <"$tmp/ref.files") files"

kills=0
attempts=0
while [ "$kills" -lt 20 ] && [ "$attempts" -lt 80 ]; do
    attempts=$((attempts + 1))
    "$bin" index --db "$tmp/db" --batch 3 --quiet "$tmp/k" 2>/dev/null &
    pid=$!
    # Anywhere in a run of the length the reference took, a third longer
    # (a resumed run has less to do, a first one as much and a start).
    ms=$((RANDOM % (run_ms * 4 / 3 + 1)))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null
        mid=1
    else
        mid=0
    fi
    wait "$pid" 2>/dev/null
    if ! "$bin" stats --db "$tmp/db" --files >"$tmp/now.files" 2>"$tmp/stats.err"; then
        # Killed before the index was first created: nothing to open yet.
        [ -e "$tmp/db/iamglass" ] && fail "the index does not open after SIGKILL: $(cat "$tmp/stats.err")"
        continue
    fi
    [ "$mid" -eq 1 ] && kills=$((kills + 1))
    # Every listed file has exactly its passages, and nothing else is there.
    extra=$(sort "$tmp/now.files" | comm -23 - <(sort "$tmp/ref.files"))
    [ -z "$extra" ] || fail "kill $kills: files that differ from the reference: $extra"
    listed=$(awk '{ s += $1 } END { print s + 0 }' "$tmp/now.files")
    sections=$(stat_of sections "$tmp/db")
    [ "$listed" = "$sections" ] ||
        fail "kill $kills: $sections passages in the index, $listed in its listed files"
    # A finished run: start over, so that the next kills land mid-run.
    if [ "$(wc -l <"$tmp/now.files")" -eq "$total" ]; then
        rm -rf "$tmp/db"
    fi
done
echo "seed $seed: $kills kills in the middle of a run ($attempts runs)"
[ "$kills" -ge 20 ] || fail "only $kills kills landed in the middle of a run"

# A last run completes the index: the same as the reference.
"$bin" index --db "$tmp/db" --quiet "$tmp/k" || fail "the completing run failed"
"$bin" stats --db "$tmp/db" --files >"$tmp/now.files"
cmp -s "$tmp/now.files" "$tmp/ref.files" || fail "completed index lists other files than a full one"
for s in files sections documents terms; do
    [ "$(stat_of $s "$tmp/db")" = "$(stat_of $s "$tmp/ref")" ] ||
        fail "$s: $(stat_of $s "$tmp/db") after the kills, $(stat_of $s "$tmp/ref") in a full index"
done

finish "crash safety"
