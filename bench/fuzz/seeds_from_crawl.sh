#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Picks fuzzing seeds for the parse and analyzer targets from a folder of
# real documents: short excerpts (at most 4 KB, most far less) of each kind
# the real crawl holds, so that libFuzzer starts from what files really look
# like rather than from the four samples alone.
#
#   bench/fuzz/seeds_from_crawl.sh [CRAWL_DIR] [OUT_DIR]
#
# CRAWL_DIR: a folder of Markdown files (default: the real crawl of
# ../shared/corpora, unpacked once into bench/data/real-crawl; this script
# reads it, the tests never do). OUT_DIR: where the seeds go (default
# bench/fuzz/seeds/text, which bench/fuzz.sh gives to both targets).
#
# Kinds, by pattern (as ../shared/corpora/README.md counts them): state
# letterheads with their Số line (the crawl has next to no Party
# letterheads: the samples are the seeds for those), news citing Party
# resolutions, articles (Điều 1.), Markdown tables,
# encyclopedia pages, legal Q&A, portal copyright banners, and lines with odd
# characters (CJK, Hebrew and Arabic, other scripts, a combining mark with no
# letter, U+FFFD, mathematical letters). For each kind the files that match
# are sorted by name and taken at even steps, so that a run on the same
# folder picks the same files; each excerpt is the window of bytes around
# the first match, started at a line when one starts near, and cut on
# character boundaries (iconv -c drops the pieces of a cut character).
set -eu
export LC_ALL=C.UTF-8

cd "$(dirname "$0")/../.."
LIMIT=4000
crawl=${1:-}
out=${2:-bench/fuzz/seeds/text}
if [ -z "$crawl" ]; then
    crawl=bench/data/real-crawl
    if [ ! -d "$crawl" ]; then
        [ -x ../shared/corpora/unpack.sh ] || {
            echo "$0: no CRAWL_DIR given and no ../shared/corpora to unpack" >&2
            exit 2
        }
        ../shared/corpora/unpack.sh "$crawl"
    fi
fi
[ -d "$crawl" ] || { echo "$0: $crawl: not a folder" >&2; exit 2; }
mkdir -p "$out"

# pick KIND COUNT PATTERN [FILTER]: the names of COUNT files matching the
# Perl PATTERN (and, if given, whose first 40 lines match FILTER), at even
# steps through the sorted list.
pick() {
    local kind=$1 count=$2 pattern=$3 filter=${4:-}
    find "$crawl" -maxdepth 1 -type f -name '*.md' -print0 | sort -z |
        xargs -0 grep -lP -m1 -- "$pattern" 2>/dev/null |
        while IFS= read -r f; do
            if [ -z "$filter" ] || head -40 "$f" | grep -qP -- "$filter"; then
                echo "$f"
            fi
        done >"$out/.list.$kind"
    local n
    n=$(wc -l <"$out/.list.$kind")
    if [ "$n" -eq 0 ]; then
        echo "$0: no file of kind $kind" >&2
        rm -f "$out/.list.$kind"
        return
    fi
    awk -v n="$n" -v k="$count" 'BEGIN { if (k > n) k = n
        for (i = 0; i < k; i++) want[int((i + 0.5) * n / k) + 1] = 1 }
        want[NR]' "$out/.list.$kind"
    rm -f "$out/.list.$kind"
}

# Valid UTF-8 of what comes in, the pieces of a cut character dropped.
utf8() {
    iconv -c -f UTF-8 -t UTF-8 2>/dev/null || true
}

# excerpt FILE PATTERN BEFORE AFTER: the bytes from BEFORE before the first
# match of PATTERN (the start of the file with an empty PATTERN) to AFTER
# after it, from the first line start in the window if there is one near.
excerpt() {
    local f=$1 pattern=$2 before=$3 after=$4 at=0 start
    if [ -n "$pattern" ]; then
        at=$(grep -boP -m1 -- "$pattern" "$f" | head -1 | cut -d: -f1)
    fi
    start=$((at > before ? at - before : 0))
    tail -c +$((start + 1)) "$f" | head -c $((at - start + after)) |
        if [ "$start" -gt 0 ]; then
            # Drop the partial line in front unless it is all there is.
            awk -v lim="$before" 'NR == 1 && length($0) < lim { next } { print }'
        else
            cat
        fi | utf8 | head -c "$LIMIT" | utf8
}

# seeds KIND COUNT PATTERN BEFORE AFTER [FILTER]: writes KIND-<i>.md.
seeds() {
    local kind=$1 count=$2 pattern=$3 before=$4 after=$5 filter=${6:-} i=0 f
    for f in $(pick "$kind" "$count" "$pattern" "$filter"); do
        i=$((i + 1))
        # BEFORE 0: from the start of the file (a header, a page's top).
        excerpt "$f" "$([ "$before" -eq 0 ] || echo "$pattern")" "$before" "$after" \
            >"$out/$kind-$i.md"
        echo "    $kind-$i.md <- $(basename "$f")" | tee -a "$out/SOURCES"
    done
}

rm -f "$out"/*.md
cat >"$out/SOURCES" <<'EOF'
Fuzzing seeds for the parse and analyzer targets (bench/fuzz.sh copies the
*.md files): short excerpts, at most 4 KB each, of real files, picked and
cut by bench/fuzz/seeds_from_crawl.sh from the real crawl described in
../shared/corpora/README.md (a third party's crawl of public legal and news
sites and encyclopedia pages, published as tnt305/tai_lieu_noi_bo,
src/etl/dataset/, commit 94c5034). Nobody on this project wrote their text;
they are here only as inputs for the fuzzers.

Each seed and the crawl file it was cut from:

EOF
letterhead='CỘNG H[OÒ][AÀ] XÃ|HỘI CHỦ NGHĨA VIỆT NAM'
seeds letterhead 4 '^\**Số:' 0 3000 "$letterhead"
seeds party-cite 2 'Nghị quyết số [0-9]+-NQ/TW' 600 1200
seeds articles 3 '^\**Điều [0-9]+\.' 300 2200
seeds table 3 '^\|\s*-{3}' 600 1600
seeds encyclopedia 3 '\[sửa \| sửa mã nguồn\]' 0 2400
seeds qa 3 'phải không\?' 1400 600
seeds banner 2 'Bản quyền|©' 1200 500
seeds odd-cjk 1 '[\x{4E00}-\x{9FFF}]' 400 900
seeds odd-rtl 1 '[\x{0590}-\x{06FF}]' 400 900
seeds odd-script 2 '[\x{0E00}-\x{0E7F}\x{1780}-\x{17FF}\x{0900}-\x{097F}\x{0400}-\x{04FF}]' 400 900
seeds odd-mark 1 '(^|[\s(])[\x{0300}-\x{036F}]' 400 900
seeds odd-replacement 1 '\x{FFFD}' 400 900
seeds odd-math 1 '[\x{1D400}-\x{1D7FF}]' 400 900
echo "$(find "$out" -name '*.md' | wc -l) seeds in $out, the largest $(
    find "$out" -name '*.md' -printf '%s\n' | sort -n | tail -1) bytes"
