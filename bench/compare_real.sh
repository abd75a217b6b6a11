#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vankien on real documents against Xapian's own ceiling and omindex, on the
# same corpus, in one run (also `bench/compare.sh --real ...`):
#
#   bench/compare_real.sh [--limit-mb N] [--jobs J] [--rounds R] [--before BIN] DIR
#
# DIR is a folder of real documents (the crawl). --limit-mb N takes the
# files in name order until N MB (copied once into bench/data/real-<N>mb),
# so that a run takes minutes. Prints, for that corpus:
#   indexing   seconds, MB/s, peak RSS (/usr/bin/time -v), index size and
#              size / text, for vankien (`index --full --jobs J`), omindex
#              (Debian xapian-omega, .md as text/plain, one thread: it has
#              no other) and the bare-Xapian ceiling (layout_probe/floor.cc:
#              one document per file, bare tokens with positions, J
#              threads, no stored text);
#   the size of each table of vankien's index (glass files);
#              and SQLite FTS5 (bench/fts5.sh);
#   queries    median / p95 / p99 in ms, warm, in process, over the mix of
#              bench/queries.txt: vankien (bench_query), with facets
#              (--facets), as the daemon serves it (--served: "did you
#              mean" and JSON too), plain Xapian on the same index and words
#              (bench_query --plain) and FTS5 on the same words;
#   HTTP       requests per second of vankien-searchd with wrk
#              (bench/bench_http.sh, 16 connections, 2 worker threads,
#              HTTP_SECONDS, default 60; 0 skips it), against what the
#              served time allows on those 2 threads;
# then the ratios against the targets of the performance issue.
# --before BIN also indexes the corpus with another vankien program (an
# older build), in the same run, and prints its line and the speed-up.
#
# Environment: BUILD (default build-release), HTTP_SECONDS, KEEP=1 keeps
# the indexes in bench/data/real-compare/.
set -eu

usage() { echo "usage: $0 [--limit-mb N] [--jobs J] [--rounds R] [--before BIN] DIR" >&2; exit 2; }
LIMIT=0 JOBS=$(nproc) ROUNDS=20 SRC= BEFORE=
while [ $# -gt 0 ]; do
    case $1 in
    --limit-mb) LIMIT=${2:-}; shift 2 ;;
    --jobs) JOBS=${2:-}; shift 2 ;;
    --rounds) ROUNDS=${2:-}; shift 2 ;;
    --before) BEFORE=$(realpath "${2:-}"); [ -x "$BEFORE" ] || usage; shift 2 ;;
    -h | --help) usage ;;
    -*) usage ;;
    *) [ -z "$SRC" ] || usage; SRC=$1; shift ;;
    esac
done
[ -n "$SRC" ] && [ -d "$SRC" ] || usage
for n in "$LIMIT" "$JOBS" "$ROUNDS"; do
    case $n in '' | *[!0-9]*) usage ;; esac
done
SRC=$(cd "$SRC" && pwd)

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${BUILD:-build-release}
DATA=bench/data
OUT=$DATA/real-compare
mkdir -p "$DATA"
rm -rf "$OUT"
mkdir -p "$OUT"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$OUT"' EXIT

say() { printf '\n== %s\n' "$*"; }

need() { # COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "$0: $1 is missing (apt-get install $2, as root)" >&2
        return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    }
}
HAVE_OMINDEX=1
need omindex xapian-omega || HAVE_OMINDEX=0
HAVE_FTS=1
need sqlite3 sqlite3 || HAVE_FTS=0
[ -x /usr/bin/time ] || need /usr/bin/time time
HTTP_SECONDS=${HTTP_SECONDS:-60}

# Runs a command under /usr/bin/time -v; sets SECS and PEAK_MB.
measure() {
    /usr/bin/time -v -o "$OUT/time.txt" "$@" >"$OUT/cmd.log" 2>&1 || {
        tail -n 20 "$OUT/cmd.log" >&2
        echo "$0: failed: $*" >&2
        exit 1
    }
    SECS=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/time.txt" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
    PEAK_MB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time.txt" |
        awk '{ printf "%.0f", $1 / 1024 }')
}
size_mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
rate() { awk -v b="$CORPUS_BYTES" -v s="$1" 'BEGIN { if (s > 0) printf "%.2f", b / 1e6 / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-" }'; }
verdict() { # VALUE OP LIMIT
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { if (v == "-") { print "?"; exit }
        ok = (op == ">=") ? v >= l : (op == "<=") ? v <= l : v < l; print ok ? "met" : "not met" }'
}

# --- build ----------------------------------------------------------------------
say "building $BUILD (Release), floor.cc"
{ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$BUILD" -j"$JOBS" --target vankien vankien-searchd bench_query &&
    g++ -std=c++17 -O2 -pthread -o "$BUILD/bench/floor" bench/layout_probe/floor.cc -lxapian; } \
    >"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; exit 1; }
echo ok

# --- corpus -----------------------------------------------------------------------
CORPUS=$SRC
if [ "$LIMIT" -gt 0 ]; then
    CORPUS=$DATA/real-${LIMIT}mb
    (cd "$SRC" && find . -type f -printf '%s %P\n' | LC_ALL=C sort -k2 |
        awk -v max="$LIMIT" '{ s += $1; if (s > max * 1e6) exit; print $2 }') >"$OUT/files.txt"
    if [ ! -d "$CORPUS" ] || ! (cd "$CORPUS" && find . -type f -printf '%P\n' | LC_ALL=C sort |
        cmp -s - "$ROOT/$OUT/files.txt"); then
        rm -rf "$CORPUS" "$CORPUS.tmp"
        mkdir -p "$CORPUS.tmp"
        (cd "$SRC" && tr '\n' '\0' <"$ROOT/$OUT/files.txt" | xargs -0 cp --parents -t "$ROOT/$CORPUS.tmp")
        mv "$CORPUS.tmp" "$CORPUS"
    fi
fi
CORPUS_BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
CORPUS_MB=$(awk -v b="$CORPUS_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
CORPUS_FILES=$(find "$CORPUS" -type f | wc -l)
echo "$CORPUS: $CORPUS_FILES files, $CORPUS_MB MB; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
sync

# --- indexing -----------------------------------------------------------------------
say "indexing: vankien index --full --jobs $JOBS"
measure "$BUILD"/bin/vankien index --full --quiet --jobs "$JOBS" --db "$OUT/vankien.db" "$CORPUS"
VK_S=$SECS VK_MEM=$PEAK_MB VK_SIZE=$(size_mb "$OUT/vankien.db")
echo "$VK_S s, $(rate "$VK_S") MB/s, peak $VK_MEM MiB, index $VK_SIZE MB"

BF_S=- BF_MEM=- BF_SIZE=-
if [ -n "$BEFORE" ]; then
    say "indexing: $BEFORE index --full --jobs $JOBS (before)"
    measure "$BEFORE" index --full --quiet --jobs "$JOBS" --db "$OUT/before.db" "$CORPUS"
    BF_S=$SECS BF_MEM=$PEAK_MB BF_SIZE=$(size_mb "$OUT/before.db")
    echo "$BF_S s, $(rate "$BF_S") MB/s, peak $BF_MEM MiB, index $BF_SIZE MB"
fi

OM_S=- OM_MEM=- OM_SIZE=-
if [ "$HAVE_OMINDEX" = 1 ]; then
    say "indexing: omindex (.md read as text/plain)"
    measure omindex --db "$OUT/omega.db" --url / -M md:text/plain -M txt:text/plain "$CORPUS"
    OM_S=$SECS OM_MEM=$PEAK_MB OM_SIZE=$(size_mb "$OUT/omega.db")
    echo "$OM_S s, $(rate "$OM_S") MB/s, peak $OM_MEM MiB, index $OM_SIZE MB"
else
    say "omindex: not available (xapian-omega could not be installed); its column stays empty"
fi

say "indexing: bare Xapian with positions, $JOBS threads (floor.cc)"
mkdir -p "$OUT/floor"
measure "$BUILD"/bench/floor "$CORPUS" "$OUT/floor" pos "$JOBS"
FL_S=$SECS FL_MEM=$PEAK_MB FL_SIZE=$(size_mb "$OUT/floor")
cat "$OUT/cmd.log"

FT_S=- FT_MEM=- FT_SIZE=- FT_MED=- FT_P95=- FT_P99=-
if [ "$HAVE_FTS" = 1 ]; then
    . bench/fts5.sh
    say "indexing: SQLite FTS5 (unicode61 remove_diacritics 2)"
    fts5_index "$CORPUS"
    echo "$FT_S s, $(rate "$FT_S") MB/s, peak $FT_MEM MiB, index $FT_SIZE MB"
fi

say "vankien's tables (MB)"
for t in "$OUT"/vankien.db/*.glass; do
    printf '  %-10s %8s\n' "$(basename "$t" .glass)" "$(size_mb "$t")"
done

# --- queries --------------------------------------------------------------------------
say "queries in-process: vankien and plain Xapian on the same index and words ($ROUNDS rounds)"
QUERIES=bench/queries.txt
"$BUILD"/bench/bench_query --db "$OUT/vankien.db" --rounds "$ROUNDS" "$QUERIES" >"$OUT/bq.txt"
"$BUILD"/bench/bench_query --db "$OUT/vankien.db" --rounds "$ROUNDS" --plain "$QUERIES" >"$OUT/bqp.txt"
field() { sed -n 's/^bench_query: //p' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
BQ_MED=- BQ_P95=- BQ_P99=-
if [ -n "$BEFORE" ]; then
    # The index the other build wrote, read by this build's query side.
    "$BUILD"/bench/bench_query --db "$OUT/before.db" --rounds "$ROUNDS" "$QUERIES" >"$OUT/bqb.txt"
    BQ_MED=$(field "$OUT/bqb.txt" median_ms) BQ_P95=$(field "$OUT/bqb.txt" p95_ms) BQ_P99=$(field "$OUT/bqb.txt" p99_ms)
fi
VK_MED=$(field "$OUT/bq.txt" median_ms) VK_P95=$(field "$OUT/bq.txt" p95_ms) VK_P99=$(field "$OUT/bq.txt" p99_ms)
XP_MED=$(field "$OUT/bqp.txt" median_ms) XP_P95=$(field "$OUT/bqp.txt" p95_ms) XP_P99=$(field "$OUT/bqp.txt" p99_ms)
"$BUILD"/bench/bench_query --db "$OUT/vankien.db" --rounds "$ROUNDS" --facets "$QUERIES" >"$OUT/bqf.txt"
"$BUILD"/bench/bench_query --db "$OUT/vankien.db" --rounds "$ROUNDS" --served "$QUERIES" >"$OUT/bqs.txt"
FC_MED=$(field "$OUT/bqf.txt" median_ms) FC_P95=$(field "$OUT/bqf.txt" p95_ms) FC_P99=$(field "$OUT/bqf.txt" p99_ms)
SV_MED=$(field "$OUT/bqs.txt" median_ms) SV_P95=$(field "$OUT/bqs.txt" p95_ms) SV_P99=$(field "$OUT/bqs.txt" p99_ms)
SV_MEAN=$(field "$OUT/bqs.txt" mean_ms)
if [ "$HAVE_FTS" = 1 ]; then
    say "queries in-process: FTS5 (the same words, all required, 10 rows with their text)"
    fts5_queries "$QUERIES" "$ROUNDS"
    echo "latency ms: median $FT_MED  p95 $FT_P95  p99 $FT_P99"
fi

# --- HTTP -------------------------------------------------------------------------------
RPS=- HTTP_ERRORS=- ALLOWED=-
if [ "$HTTP_SECONDS" != 0 ]; then
    say "HTTP: wrk for $HTTP_SECONDS s, 16 connections, 2 worker threads (bench/bench_http.sh)"
    [ "$BUILD" = build-release ] || echo "(bench_http.sh runs build-release's daemon)"
    bench/bench_http.sh "$OUT/vankien.db" "$HTTP_SECONDS" 16 2 >"$OUT/http.txt" 2>&1 || true
    grep -E '^(requests/s|latency|errors|daemon memory)' "$OUT/http.txt" || tail -n 5 "$OUT/http.txt"
    RPS=$(sed -n 's/^requests\/s: *\([0-9.]*\).*/\1/p' "$OUT/http.txt")
    HTTP_ERRORS=$(sed -n 's/^errors: //p' "$OUT/http.txt" | tr -c '0-9\n' ' ' |
        awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; print s }')
    # Two worker threads, each serving one request in the served mean.
    ALLOWED=$(awk -v m="$SV_MEAN" 'BEGIN { if (m > 0) printf "%.1f", 2 * 1000 / m; else print "-" }')
    RPS=${RPS:--} HTTP_ERRORS=${HTTP_ERRORS:--}
fi

# --- summary ----------------------------------------------------------------------------
say "summary: $CORPUS_MB MB, $CORPUS_FILES files, $(nproc) cores, jobs $JOBS, $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n  %-26s %9s %9s %10s %10s %9s\n' "indexing" "seconds" "MB/s" "peak MiB" "index MB" "x text"
ROWS=("vankien:$VK_S:$VK_MEM:$VK_SIZE")
[ -z "$BEFORE" ] || ROWS+=("vankien before:$BF_S:$BF_MEM:$BF_SIZE")
for t in "${ROWS[@]}" "omindex:$OM_S:$OM_MEM:$OM_SIZE" \
    "bare Xapian (floor.cc):$FL_S:$FL_MEM:$FL_SIZE" "FTS5:$FT_S:$FT_MEM:$FT_SIZE"; do
    IFS=: read -r name s m z <<<"$t"
    printf '  %-26s %9s %9s %10s %10s %9s\n' "$name" "$s" "$(rate "$s")" "$m" "$z" "$(ratio "$z" "$CORPUS_MB")"
done
printf '\n  %-26s %9s %9s %9s\n' "query latency (ms)" "median" "p95" "p99"
printf '  %-26s %9s %9s %9s\n' "vankien" "$VK_MED" "$VK_P95" "$VK_P99"
printf '  %-26s %9s %9s %9s\n' "vankien, facets" "$FC_MED" "$FC_P95" "$FC_P99"
printf '  %-26s %9s %9s %9s\n' "vankien, as served" "$SV_MED" "$SV_P95" "$SV_P99"
printf '  %-26s %9s %9s %9s\n' "plain Xapian" "$XP_MED" "$XP_P95" "$XP_P99"
printf '  %-26s %9s %9s %9s\n' "FTS5" "$FT_MED" "$FT_P95" "$FT_P99"
printf '\n  %-26s %s requests/s, %s errors; %s allowed (2 threads / served mean %s ms)\n' \
    "HTTP (wrk, ${HTTP_SECONDS} s)" "$RPS" "$HTTP_ERRORS" "$ALLOWED" "$SV_MEAN"
[ -z "$BEFORE" ] || printf '  %-26s %9s %9s %9s\n' "vankien, index before" "$BQ_MED" "$BQ_P95" "$BQ_P99"

VS_FLOOR=$(ratio "$FL_S" "$VK_S") VS_OM=$(ratio "$OM_S" "$VK_S")
SIZE_X=$(ratio "$VK_SIZE" "$CORPUS_MB") Q_X=$(ratio "$VK_MED" "$XP_MED")
printf '\n  %-46s %8s   %-12s %s\n' "ratio" "value" "target" ""
printf '  %-46s %8s   %-12s %s\n' "indexing speed vankien / bare Xapian" "$VS_FLOOR" ">= 0.50" "$(verdict "$VS_FLOOR" ">=" 0.5)"
printf '  %-46s %8s   %-12s %s\n' "indexing speed vankien / omindex" "$VS_OM" ">= 2.00" "$(verdict "$VS_OM" ">=" 2)"
printf '  %-46s %8s   %-12s %s\n' "peak RSS vankien (MiB)" "$VK_MEM" "< 256" "$(verdict "$VK_MEM" "<" 256)"
printf '  %-46s %8s   %-12s %s\n' "index size vankien / text" "$SIZE_X" "<= 2.00" "$(verdict "$SIZE_X" "<=" 2)"
printf '  %-46s %8s   %-12s %s\n' "index size omindex / text" "$(ratio "$OM_SIZE" "$CORPUS_MB")" "" ""
printf '  %-46s %8s   %-12s %s\n' "query median vankien / plain Xapian" "$Q_X" "<= 1.50" "$(verdict "$Q_X" "<=" 1.5)"
printf '  %-46s %8s   %-12s %s\n' "query p99 vankien (ms)" "$VK_P99" "< 10" "$(verdict "$VK_P99" "<" 10)"
FC_X=$(ratio "$FC_MED" "$VK_MED") HTTP_X=$(ratio "$RPS" "$ALLOWED")
printf '  %-46s %8s   %-12s %s\n' "query median with facets / without" "$FC_X" "< 1.50" "$(verdict "$FC_X" "<" 1.5)"
printf '  %-46s %8s   %-12s %s\n' "query median vankien / FTS5" "$(ratio "$VK_MED" "$FT_MED")" "" ""
printf '  %-46s %8s   %-12s %s\n' "HTTP requests/s / allowed" "$HTTP_X" ">= 0.80" "$(verdict "$HTTP_X" ">=" 0.8)"
printf '  %-46s %8s   %-12s %s\n' "HTTP errors" "$HTTP_ERRORS" "0" "$(verdict "$HTTP_ERRORS" "<=" 0)"
if [ -n "$BEFORE" ]; then
    printf '  %-46s %8s\n' "indexing speed vankien / before" "$(ratio "$BF_S" "$VK_S")"
    printf '  %-46s %8s\n' "index size vankien / before" "$(ratio "$VK_SIZE" "$BF_SIZE")"
fi
