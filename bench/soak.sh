#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Soak test of vankien-searchd: wrk with the query mix (bench/wrk_mix.lua,
# bench/queries.txt) for a long time, the daemon's memory watched:
#
#   bench/soak.sh [SECONDS] [DB_DIR]     (default 300 s; bench/data/db-100mb,
#                                          else an index of corpus/samples)
#
# The daemon (the Release build in build-release/) is only read from: DB_DIR
# may be another worktree's. Its RSS (from /proc) is printed at the start,
# after a warm-up (a tenth of the time, at least 10 s: Xapian's and the
# kernel's caches, the per-thread readers, malloc's arenas fill up), every
# tenth of the run, and at the end, with the requests per second and the
# errors. Verdict: the daemon must still be up, every answer a 2xx, and the
# RSS at the end no more than 10% + 16 MiB above the RSS at mid-run (growth
# that goes on after the caches are warm is a leak). Exit status 0 when so.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-300}
case $secs in '' | *[!0-9]* | 0) echo "usage: $0 [SECONDS] [DB_DIR]" >&2; exit 2 ;; esac
db=${2:-}
work=$(mktemp -d /tmp/vk-soak-XXXXXX)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "soak: wrk is missing (apt-get install wrk)" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
[ -x build-release/bin/vankien-searchd ] && [ -x build-release/bin/vankien ] || {
    cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
    cmake --build build-release -j"$(nproc)" --target vankien-searchd vankien >/dev/null
}
if [ -z "$db" ]; then
    if [ -d bench/data/db-100mb ]; then
        db=bench/data/db-100mb
    else
        db=$work/db
        build-release/bin/vankien index --quiet --db "$db" corpus/samples 2>/dev/null
    fi
fi

build-release/bin/vankien-searchd --db "$db" --listen 127.0.0.1:0 --threads 2 --log-level 0 \
    2>"$work/searchd.log" &
pid=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's/.* on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/searchd.log")
    [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/searchd.log" >&2; echo "soak: the daemon did not start" >&2; exit 1; }

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

echo "vankien-searchd on $db: wrk, 16 connections, 2 threads, ${secs} s"
rss_start=$(rss)
VK_QUERIES=bench/queries.txt wrk -t2 -c16 -d"${secs}s" --latency -s bench/wrk_mix.lua \
    "http://127.0.0.1:$port" >"$work/wrk.txt" 2>&1 &
wrk_pid=$!
warm=$((secs / 10 < 10 ? 10 : secs / 10))
step=$((secs / 10 < 1 ? 1 : secs / 10))
t=0
rss_warm="" rss_mid=""
printf '%8s %14s\n' seconds RSS
printf '%8s %14s\n' 0 "$(mib "$rss_start")"
while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 1
    t=$((t + 1))
    [ "$t" -eq "$warm" ] && rss_warm=$(rss)
    [ "$t" -eq $((secs / 2)) ] && rss_mid=$(rss)
    if [ $((t % step)) -eq 0 ] || [ "$t" -eq "$warm" ]; then
        printf '%8s %14s\n' "$t" "$(mib "$(rss)")"
    fi
done
wait "$wrk_pid" || true
rss_end=$(rss)
rss_peak=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
[ "$rss_peak" -ge "$rss_end" ] || rss_peak=$rss_end # VmHWM lags behind VmRSS
grep -E "requests/s|latency ms|errors|Non-2xx" "$work/wrk.txt" || cat "$work/wrk.txt"
: "${rss_warm:=$rss_start}" "${rss_mid:=$rss_warm}"
echo "daemon RSS: start $(mib "$rss_start"), after warm-up $(mib "$rss_warm"), mid-run $(mib "$rss_mid"), end $(mib "$rss_end"), peak $(mib "$rss_peak")"

verdict=0
kill -0 "$pid" 2>/dev/null || { echo "verdict: FAIL: the daemon died" >&2; verdict=1; }
if grep -q "Non-2xx" "$work/wrk.txt"; then
    echo "verdict: FAIL: answers that are not 2xx" >&2
    verdict=1
fi
if grep -Eq "errors: connect [1-9]|read [1-9]|write [1-9]|status [1-9]|timeout [1-9]" "$work/wrk.txt"; then
    echo "verdict: FAIL: wrk counted errors" >&2
    verdict=1
fi
limit=$((rss_mid + rss_mid / 10 + 16 * 1024))
if [ "$rss_end" -gt "$limit" ]; then
    echo "verdict: FAIL: RSS grew from $(mib "$rss_mid") at mid-run to $(mib "$rss_end") at the end (bound $(mib "$limit"))" >&2
    verdict=1
fi
[ "$verdict" -eq 0 ] && echo "verdict: OK: RSS stable once warm ($(mib "$rss_mid") at mid-run, $(mib "$rss_end") at the end; bound $(mib "$limit")), no errors"
exit "$verdict"
