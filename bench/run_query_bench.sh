#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Query benchmark in one command, from any folder:
#
#   bench/run_query_bench.sh [MB]        (default 100)
#
# Builds a Release tree in build-release/, generates a scaled corpus of MB
# megabytes into bench/data/corpus-<MB>mb/ (once; bench/scale_corpus, seed
# 1), indexes it into bench/data/db-<MB>mb (timed), runs bench/bench_query
# over bench/queries.txt (in-process latency), then times `vankien search`
# and Xapian's `quest` one process per query on the same index (quest comes
# from the Debian package xapian-tools, installed when missing). Ends with a
# summary table.
#
# Environment: ROUNDS (bench_query rounds, default 20), PROC_RUNS (timed
# processes per query and tool, default 10), REINDEX=0 (keep an existing
# index).
set -eu

MB=${1:-100}
case $MB in '' | *[!0-9]* | 0) echo "usage: $0 [MB]  (a whole number of megabytes)" >&2; exit 2 ;; esac
ROUNDS=${ROUNDS:-20}
PROC_RUNS=${PROC_RUNS:-10}
REINDEX=${REINDEX:-1}

cd "$(dirname "$0")/.."
BUILD=build-release
DATA=bench/data
CORPUS=$DATA/corpus-${MB}mb
DB=$DATA/db-${MB}mb
QUERIES=bench/queries.txt
VANKIEN=$BUILD/bin/vankien
mkdir -p "$DATA"
WORK=$(mktemp -d "$DATA/.run.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

say() { printf '\n== %s\n' "$*"; }

# Milliseconds between two $EPOCHREALTIME readings.
elapsed_ms() {
    local a=${1/./} b=${2/./}
    local us=$((10#$b - 10#$a))
    printf '%d.%03d' $((us / 1000)) $((us % 1000))
}

# Median (nearest rank) of the numbers in a file, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "nan" }'; }

# --- build -------------------------------------------------------------------
say "building $BUILD (Release)"
if ! { cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$BUILD" -j"$(nproc)" --target vankien bench_query scale_corpus; } >"$WORK/build.log" 2>&1; then
    tail -n 30 "$WORK/build.log" >&2
    echo "$0: the build failed (log above)" >&2
    exit 1
fi
echo "ok"

# --- corpus ------------------------------------------------------------------
if [ ! -d "$CORPUS" ]; then
    say "generating a ${MB} MB corpus into $CORPUS"
    rm -rf "$CORPUS".tmp.*
    "$BUILD"/bench/scale_corpus --seed 1 --mb "$MB" corpus/samples "$CORPUS.tmp.$$"
    mv "$CORPUS.tmp.$$" "$CORPUS"
else
    say "corpus $CORPUS already there"
fi
CORPUS_BYTES=$(find "$CORPUS" -type f -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
CORPUS_FILES=$(find "$CORPUS" -type f -name '*.md' | wc -l)
CORPUS_MB=$(awk -v b="$CORPUS_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "$CORPUS_FILES files, $CORPUS_MB MB"

# --- index -------------------------------------------------------------------
if [ "$REINDEX" != 0 ] || [ ! -d "$DB" ]; then
    say "indexing into $DB"
    rm -rf "$DB"
    t0=$EPOCHREALTIME
    "$VANKIEN" index --db "$DB" "$CORPUS" 2>"$WORK/index.log" || { cat "$WORK/index.log" >&2; exit 1; }
    t1=$EPOCHREALTIME
    grep -v 'skipped:' "$WORK/index.log" | tail -n 3
    INDEX_S=$(awk -v ms="$(elapsed_ms "$t0" "$t1")" 'BEGIN { printf "%.1f", ms / 1000 }')
    INDEX_RATE=$(awk -v b="$CORPUS_BYTES" -v s="$INDEX_S" 'BEGIN { printf "%.2f", b / 1e6 / s }')
    echo "indexed $CORPUS_MB MB in $INDEX_S s: $INDEX_RATE MB/s"
else
    say "index $DB kept (REINDEX=0)"
    INDEX_S=- INDEX_RATE=-
fi
INDEX_MB=$(du -sb "$DB" | awk '{ printf "%.1f", $1 / 1e6 }')
echo "index size $INDEX_MB MB"

# --- in-process latency --------------------------------------------------------
say "bench_query: $ROUNDS rounds of $QUERIES, in-process"
"$BUILD"/bench/bench_query --db "$DB" --rounds "$ROUNDS" "$QUERIES" | tee "$WORK/bq.txt"
BQ=$(grep '^bench_query: median_ms=' "$WORK/bq.txt")
field() { printf '%s\n' "$BQ" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# --- per-process: vankien search vs quest ---------------------------------------
if ! command -v quest >/dev/null 2>&1; then
    say "installing xapian-tools (quest)"
    if [ "$(id -u)" -eq 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq xapian-tools >/dev/null
    elif command -v sudo >/dev/null 2>&1; then
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xapian-tools >/dev/null
    fi
fi
if ! command -v quest >/dev/null 2>&1; then
    echo "$0: quest is not installed (apt-get install xapian-tools, as root); no comparison" >&2
    exit 1
fi

# The quest mix: the plain-word queries (lines with a field such as loai:
# are left out: QueryParser does not know our fields), lower-cased but for
# the operators; a word typed without diacritics becomes f:word, our folded
# term F<word>, since QueryParser knows nothing of folding either.
grep -v '^[[:space:]]*#' "$QUERIES" | grep -v '^[[:space:]]*$' >"$WORK/all.txt"
grep -Ev '(^|[[:space:](])-?[a-z]+:' "$WORK/all.txt" >"$WORK/plain.txt" || true
perl -CSD -ne 'chomp; my @t = split / /;
    for (@t) { next if /^(OR|AND|NOT|NEAR)$/; $_ = lc; $_ = "f:$_" if /^[a-z]+$/ }
    print join(" ", @t), "\n"' "$WORK/plain.txt" >"$WORK/quest.txt"
N_ALL=$(wc -l <"$WORK/all.txt")
N_PLAIN=$(wc -l <"$WORK/plain.txt")

# Times one process: appends its milliseconds to the file $1.
time_once() {
    local out=$1 t0 t1
    shift
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || true # vankien exits 1 when nothing is found
    t1=$EPOCHREALTIME
    printf '%s\n' "$(elapsed_ms "$t0" "$t1")" >>"$out"
}

# Times a command PROC_RUNS times after one untimed run (hyperfine when
# installed); appends each run's milliseconds to $1.
time_runs() {
    local out=$1
    shift
    if command -v hyperfine >/dev/null 2>&1; then
        local cmd
        cmd=$(printf "'%s' " "$@")
        hyperfine -N -i --style none --warmup 1 --runs "$PROC_RUNS" --export-json "$WORK/hf.json" \
            "$cmd" >/dev/null 2>&1
        awk '/"times"/ { t = 1; next } t && /\]/ { t = 0 } t { gsub(/[ ,]/, ""); printf "%.3f\n", $0 * 1000 }' \
            "$WORK/hf.json" >>"$out"
    else
        "$@" >/dev/null 2>&1 || true
        for _ in $(seq "$PROC_RUNS"); do time_once "$out" "$@"; done
    fi
}

say "per process: vankien search vs quest, $N_PLAIN of $N_ALL queries x $PROC_RUNS runs each"
TIMER=$(command -v hyperfine >/dev/null 2>&1 && echo hyperfine || echo 'bash EPOCHREALTIME loop')
echo "timer: $TIMER; quest -s none -o and -m 10 -p f:F (no stemming, all words, as vankien)"
printf '\n  %10s %10s %9s %9s  %s\n' "vankien ms" "quest ms" "vk total" "q estim." "query (as given to quest)"
: >"$WORK/vk_all" && : >"$WORK/q_all"
exec 3<"$WORK/plain.txt" 4<"$WORK/quest.txt"
while IFS= read -r q <&3 && IFS= read -r qq <&4; do
    : >"$WORK/vk" && : >"$WORK/q"
    time_runs "$WORK/vk" "$VANKIEN" search --db "$DB" --limit 10 "$q"
    time_runs "$WORK/q" quest -d "$DB" -s none -o and -m 10 -p f:F "$qq"
    cat "$WORK/vk" >>"$WORK/vk_all"
    cat "$WORK/q" >>"$WORK/q_all"
    vt=$("$VANKIEN" search --db "$DB" --json --limit 10 "$q" 2>/dev/null | grep -o '"total": *[0-9]*' | grep -o '[0-9]*$' || true)
    qt=$(quest -d "$DB" -s none -o and -m 10 -p f:F "$qq" 2>/dev/null |
        sed -n 's/^Exactly \([0-9]*\) match.*/\1/p; s/.*best estimate is \([0-9]*\).*/\1/p' | head -n 1)
    printf '  %10s %10s %9s %9s  %s\n' "$(median "$WORK/vk")" "$(median "$WORK/q")" \
        "${vt:-?}" "${qt:-?}" "$qq"
done
exec 3<&- 4<&-
VK_MED=$(median "$WORK/vk_all")
Q_MED=$(median "$WORK/q_all")
RATIO=$(awk -v a="$VK_MED" -v b="$Q_MED" 'BEGIN { printf "%.2f", a / b }')
echo "vk total: documents found by vankien (one result per document);"
echo "q estim.: quest's estimate of matching passages (quest does not collapse per document)"

# --- summary -------------------------------------------------------------------
say "summary: ${MB} MB ($CORPUS_FILES files, $CORPUS_MB MB), index $INDEX_MB MB, $(nproc) cores"
printf '  %-34s %s\n' "indexing (vankien index)" "$INDEX_S s, $INDEX_RATE MB/s"
printf '  %-34s median %s ms, p95 %s ms, p99 %s ms, mean %s ms (%s queries x %s rounds)\n' \
    "in-process (bench_query)" "$(field median_ms)" "$(field p95_ms)" "$(field p99_ms)" \
    "$(field mean_ms)" "$(field queries)" "$ROUNDS"
printf '  %-34s median %s ms\n' "per process: vankien search" "$VK_MED"
printf '  %-34s median %s ms\n' "per process: quest" "$Q_MED"
printf '  %-34s %s (%s plain-word queries x %s runs; %s field queries not run by quest)\n' \
    "per process: vankien / quest" "$RATIO" "$N_PLAIN" "$PROC_RUNS" "$((N_ALL - N_PLAIN))"
