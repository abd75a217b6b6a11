#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vankien against what users would pick instead, on the same corpus, in one
# command, from any folder:
#
#   bench/compare.sh [MB]        (default 100; the corpus is made once)
#   bench/compare.sh --real [--limit-mb N] DIR
#                                (real documents against the Xapian ceiling
#                                and omindex: bench/compare_real.sh)
#
# Measures and prints side by side:
#   indexing  MB/s, peak memory (RSS) and index size of vankien (`vankien
#             index --full`), Xapian's omindex (Debian xapian-omega) and
#             SQLite FTS5 (tokenizer unicode61 remove_diacritics 2, the
#             text stored in the table as vankien stores it);
#   queries   latency (median, p95, p99, warm, in-process) over the mix of
#             bench/queries.txt: vankien (bench_query), plain Xapian on the
#             same index and words (bench_query --plain), FTS5 (the sqlite3
#             shell's .timer over the same words, all of them required);
#             and one process per query, vankien search against quest;
#   HTTP      requests per second of vankien-searchd with wrk
#             (bench/bench_http.sh, HTTP_SECONDS, default 20);
# then the ratios, which stay fair on a noisy machine.
#
# Environment: ROUNDS (default 20), JOBS (vankien index --jobs; default the
# processors), HTTP_SECONDS (0 skips wrk), KEEP=1 keeps the indexes in
# bench/data/compare-<MB>mb/.
set -eu

if [ "${1:-}" = --real ]; then
    shift
    exec "$(dirname "$0")/compare_real.sh" "$@"
fi
MB=${1:-100}
case $MB in '' | *[!0-9]* | 0) echo "usage: $0 [MB]  (a whole number of megabytes)" >&2; exit 2 ;; esac
ROUNDS=${ROUNDS:-20}
HTTP_SECONDS=${HTTP_SECONDS:-20}
JOBS=${JOBS:-$(nproc)}

cd "$(dirname "$0")/.."
BUILD=build-release
DATA=bench/data
CORPUS=$DATA/corpus-${MB}mb
OUT=$DATA/compare-${MB}mb
QUERIES=bench/queries.txt
mkdir -p "$DATA"
rm -rf "$OUT"
mkdir -p "$OUT"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$OUT"' EXIT

say() { printf '\n== %s\n' "$*"; }

need() { # COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "$0: $1 is missing (apt-get install $2, as root)" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    }
}
need omindex xapian-omega
need quest xapian-tools
need sqlite3 sqlite3
need wrk wrk
need curl curl
[ -x /usr/bin/time ] || need /usr/bin/time time

# Runs a command under /usr/bin/time; sets SECS and PEAK_MB.
measure() {
    /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" >"$OUT/cmd.log" 2>&1 || {
        tail -n 20 "$OUT/cmd.log" >&2
        echo "$0: failed: $*" >&2
        exit 1
    }
    read -r SECS KB <"$OUT/time.txt"
    PEAK_MB=$(awk -v k="$KB" 'BEGIN { printf "%.0f", k / 1024 }')
}
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
rate() { awk -v b="$CORPUS_BYTES" -v s="$1" 'BEGIN { printf "%.2f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

. bench/fts5.sh

# --- build and corpus ---------------------------------------------------------
say "building $BUILD (Release)"
{ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$BUILD" -j"$(nproc)" --target vankien vankien-searchd bench_query scale_corpus; } \
    >"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; exit 1; }
echo ok
if [ ! -d "$CORPUS" ]; then
    say "generating a ${MB} MB corpus into $CORPUS"
    "$BUILD"/bench/scale_corpus --seed 1 --mb "$MB" corpus/samples "$CORPUS.tmp.$$"
    mv "$CORPUS.tmp.$$" "$CORPUS"
fi
CORPUS_BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
CORPUS_MB=$(awk -v b="$CORPUS_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
CORPUS_FILES=$(find "$CORPUS" -type f | wc -l)
echo "$CORPUS: $CORPUS_FILES files, $CORPUS_MB MB; $(nproc) cores"
sync

# --- indexing -----------------------------------------------------------------
say "indexing: vankien index --full --jobs $JOBS"
measure "$BUILD"/bin/vankien index --full --quiet --jobs "$JOBS" --db "$OUT/vankien.db" "$CORPUS"
VK_S=$SECS VK_MEM=$PEAK_MB VK_SIZE=$(size_mb "$OUT/vankien.db")
echo "$VK_S s, $(rate "$VK_S") MB/s, peak $VK_MEM MiB, index $VK_SIZE MB"

say "indexing: omindex (.md read as text/plain)"
measure omindex --db "$OUT/omega.db" --url / -M md:text/plain -M txt:text/plain "$CORPUS"
OM_S=$SECS OM_MEM=$PEAK_MB OM_SIZE=$(size_mb "$OUT/omega.db")
echo "$OM_S s, $(rate "$OM_S") MB/s, peak $OM_MEM MiB, index $OM_SIZE MB"

say "indexing: SQLite FTS5 (unicode61 remove_diacritics 2)"
fts5_index "$CORPUS"
echo "$FT_S s, $(rate "$FT_S") MB/s, peak $FT_MEM MiB, index $FT_SIZE MB"

# --- queries ------------------------------------------------------------------
say "queries in-process: vankien (bench_query, $ROUNDS rounds)"
"$BUILD"/bench/bench_query --db "$OUT/vankien.db" --rounds "$ROUNDS" "$QUERIES" >"$OUT/bq.txt"
sed -n 2p "$OUT/bq.txt"
say "queries in-process: plain Xapian on the same index and words (bench_query --plain)"
"$BUILD"/bench/bench_query --db "$OUT/vankien.db" --rounds "$ROUNDS" --plain "$QUERIES" >"$OUT/bqp.txt"
sed -n 2p "$OUT/bqp.txt"
field() { sed -n 's/^bench_query: //p' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

say "queries in-process: FTS5 (the same words, all required, 10 rows with their text)"
fts5_queries "$QUERIES" "$ROUNDS"
echo "latency ms: median $FT_MED  p95 $FT_P95  p99 $FT_P99 ($(wc -l <"$OUT/fts_ms.txt") timed runs)"

say "one process per query: vankien search vs quest (plain-word queries)"
grep -v '^[[:space:]]*#' "$QUERIES" | grep -v '^[[:space:]]*$' |
    grep -Ev '(^|[[:space:](])-?[a-z]+:' >"$OUT/plain.txt" || true
: >"$OUT/vk_proc" && : >"$OUT/q_proc"
while IFS= read -r q; do
    qq=$(printf '%s\n' "$q" | perl -CSD -ne 'chomp; my @t = split / /;
        for (@t) { next if /^(OR|AND|NOT|NEAR)$/; $_ = lc; $_ = "f:$_" if /^[a-z]+$/ }
        print join(" ", @t)')
    for _ in 1 2 3 4 5; do
        t0=$EPOCHREALTIME
        "$BUILD"/bin/vankien search --db "$OUT/vankien.db" --limit 10 "$q" >/dev/null 2>&1 || true
        t1=$EPOCHREALTIME
        quest -d "$OUT/vankien.db" -s none -o and -m 10 -p f:F "$qq" >/dev/null 2>&1 || true
        t2=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$OUT/vk_proc"
        awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f\n", (b - a) * 1000 }' >>"$OUT/q_proc"
    done
done <"$OUT/plain.txt"
VKP_MED=$(pct 50 "$OUT/vk_proc") QP_MED=$(pct 50 "$OUT/q_proc")
echo "vankien search median $VKP_MED ms, quest median $QP_MED ms"

# --- HTTP -----------------------------------------------------------------------
RPS=- HTTP_LINE="skipped (HTTP_SECONDS=0)"
if [ "$HTTP_SECONDS" != 0 ]; then
    say "HTTP: wrk for $HTTP_SECONDS s (bench/bench_http.sh)"
    bench/bench_http.sh "$OUT/vankien.db" "$HTTP_SECONDS" >"$OUT/http.txt" 2>&1 || true
    grep -E '^(requests/s|latency|errors|daemon memory|bench_http)' "$OUT/http.txt" || tail -n 5 "$OUT/http.txt"
    RPS=$(sed -n 's/^requests\/s: *\([0-9.]*\).*/\1/p' "$OUT/http.txt")
    HTTP_LINE="${RPS:-?} requests/s"
fi

# --- summary ----------------------------------------------------------------------
VK_MED=$(field "$OUT/bq.txt" median_ms) VK_P95=$(field "$OUT/bq.txt" p95_ms) VK_P99=$(field "$OUT/bq.txt" p99_ms)
XP_MED=$(field "$OUT/bqp.txt" median_ms) XP_P95=$(field "$OUT/bqp.txt" p95_ms) XP_P99=$(field "$OUT/bqp.txt" p99_ms)
say "summary: $CORPUS_MB MB, $CORPUS_FILES files, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '\n  %-22s %9s %9s %10s %11s %9s\n' "indexing" "seconds" "MB/s" "peak MiB" "index MB" "x corpus"
for t in "vankien:$VK_S:$VK_MEM:$VK_SIZE" "omindex:$OM_S:$OM_MEM:$OM_SIZE" "FTS5:$FT_S:$FT_MEM:$FT_SIZE"; do
    IFS=: read -r name s m z <<<"$t"
    printf '  %-22s %9s %9s %10s %11s %9s\n' "$name" "$s" "$(rate "$s")" "$m" "$z" "$(ratio "$z" "$CORPUS_MB")"
done
printf '\n  %-22s %9s %9s %9s\n' "query latency (ms)" "median" "p95" "p99"
printf '  %-22s %9s %9s %9s\n' "vankien" "$VK_MED" "$VK_P95" "$VK_P99"
printf '  %-22s %9s %9s %9s\n' "plain Xapian" "$XP_MED" "$XP_P95" "$XP_P99"
printf '  %-22s %9s %9s %9s\n' "FTS5" "$FT_MED" "$FT_P95" "$FT_P99"
printf '  %-22s %9s\n' "vankien, per process" "$VKP_MED"
printf '  %-22s %9s\n' "quest, per process" "$QP_MED"
printf '\n  %-44s %s\n' "HTTP (vankien-searchd, wrk)" "$HTTP_LINE"
printf '\n  ratios\n'
printf '  %-44s %s\n' "indexing speed vankien / FTS5" "$(ratio "$FT_S" "$VK_S")"
printf '  %-44s %s\n' "indexing speed vankien / omindex" "$(ratio "$OM_S" "$VK_S")"
printf '  %-44s %s\n' "peak memory vankien / omindex" "$(ratio "$VK_MEM" "$OM_MEM")"
printf '  %-44s %s\n' "index size vankien / corpus" "$(ratio "$VK_SIZE" "$CORPUS_MB")"
printf '  %-44s %s\n' "index size vankien / omindex" "$(ratio "$VK_SIZE" "$OM_SIZE")"
printf '  %-44s %s\n' "query median vankien / plain Xapian" "$(ratio "$VK_MED" "$XP_MED")"
printf '  %-44s %s\n' "query median vankien / FTS5" "$(ratio "$VK_MED" "$FT_MED")"
printf '  %-44s %s\n' "per process vankien / quest" "$(ratio "$VKP_MED" "$QP_MED")"
