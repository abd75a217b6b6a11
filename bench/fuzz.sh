#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fuzzing in one command, from any folder:
#
#   bench/fuzz.sh [SECONDS] [TARGET...]     (default 60 s each; all targets)
#
# Builds the libFuzzer targets of bench/fuzz/ with clang, ASan and UBSan in
# build-fuzz/ (installs clang when missing), seeds each from the samples
# (bench/data/fuzz/<target>/seeds: the documents, their lines, the query
# mix; for http, the requests of bench/fuzz/seeds/http: one or more for every
# endpoint of the daemon), runs each for SECONDS on one core, and prints a table: executions,
# executions per second, corpus size and crashes. The parse and analyzer
# targets also start from bench/fuzz/seeds/text: short excerpts of real
# files (letterheads, tables, articles, encyclopedia pages, Q&A, odd
# characters) that bench/fuzz/seeds_from_crawl.sh picked from the real
# crawl. A crash leaves its input
# in bench/data/fuzz/<target>/ (crash-*); keep it as a regression test
# once fixed.
set -eu

SECONDS_EACH=${1:-60}
case $SECONDS_EACH in '' | *[!0-9]* | 0) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;; esac
shift || true
TARGETS=${*:-analyzer legacy parse query http}

cd "$(dirname "$0")/.."
if ! command -v clang >/dev/null; then
    apt-get install -y -qq clang >/dev/null
fi
BUILD=build-fuzz
DATA=bench/data/fuzz
mkdir -p "$BUILD"
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVK_SANITIZE=ON \
    -DVK_FUZZ=ON -DBUILD_TESTING=OFF >"$BUILD/fuzz-build.log" 2>&1
for t in $TARGETS; do
    cmake --build "$BUILD" -j"$(nproc)" --target "fuzz_$t" >>"$BUILD/fuzz-build.log" 2>&1
done

seed() { # seed TARGET: fills $DATA/TARGET/seeds once
    local dir=$DATA/$1/seeds n=0
    [ -d "$dir" ] && return
    mkdir -p "$dir"
    if [ "$1" = http ]; then
        cp bench/fuzz/seeds/http/* "$dir/"
        return
    fi
    if [ "$1" = query ]; then
        while IFS= read -r q; do
            [ -n "$q" ] && printf '%s' "$q" >"$dir/q$((n += 1))"
        done <bench/queries.txt
        return
    fi
    for f in corpus/samples/*; do
        cp "$f" "$dir/"
        # Short pieces too: libFuzzer mutates small inputs best.
        split -l 8 -a 3 "$f" "$dir/$(basename "$f")."
    done
}

# crawl_seeds TARGET: the excerpts of the real crawl, for the text targets
# (also into a seeds folder made before they existed).
crawl_seeds() {
    case $1 in
    parse | analyzer) cp -n bench/fuzz/seeds/text/*.md "$DATA/$1/seeds/" ;;
    esac
}

printf '%-10s %12s %10s %8s %8s\n' target executions exec/s corpus crashes
for t in $TARGETS; do
    seed "$t"
    crawl_seeds "$t"
    mkdir -p "$DATA/$t/corpus"
    log=$DATA/$t/last.log
    "$BUILD/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$DATA/$t/" -print_final_stats=1 \
        "$DATA/$t/corpus" "$DATA/$t/seeds" >"$log" 2>&1 || true
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    size=$(find "$DATA/$t/corpus" -type f | wc -l)
    crashes=$(find "$DATA/$t" -maxdepth 1 -name 'crash-*' -o -maxdepth 1 -name 'leak-*' \
        -o -maxdepth 1 -name 'timeout-*' -o -maxdepth 1 -name 'oom-*' | wc -l)
    printf '%-10s %12s %10s %8s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$size" "$crashes"
done
