#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# HTTP throughput of vankien-searchd with wrk over a query mix:
#   bench/bench_http.sh DB_DIR [SECONDS] [CONNECTIONS] [THREADS]
# VK_FACETS=1 asks every search for its facets too.
# DB_DIR is an index (bench/run_query_bench.sh builds one from a scaled
# corpus). Uses the Release build in build-release/ and bench/queries.txt.
set -eu
cd "$(dirname "$0")/.."
db=${1:?usage: bench/bench_http.sh DB_DIR [SECONDS] [CONNECTIONS] [THREADS]}
secs=${2:-30}
conns=${3:-16}
threads=${4:-2}
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "bench_http: wrk is missing (apt-get install wrk)" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
[ -x build-release/bin/vankien-searchd ] || {
    cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build-release -j"$(nproc)" --target vankien-searchd >/dev/null
}
port=$((20000 + $$ % 20000))
build-release/bin/vankien-searchd --db "$db" --listen 127.0.0.1:$port --threads 2 \
    --log-level 0 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for i in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    sleep 0.1
done
rss_start=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "vankien-searchd on $db: $conns connections, $threads wrk threads, ${secs}s"
VK_FACETS=${VK_FACETS:-0} VK_QUERIES=bench/queries.txt wrk -t"$threads" -c"$conns" -d"${secs}s" --latency \
    -s bench/wrk_mix.lua "http://127.0.0.1:$port" | grep -E "requests/s|latency ms|errors|Non-2xx"
if ! kill -0 "$pid" 2>/dev/null; then
    st=0
    wait "$pid" || st=$?
    echo "bench_http: vankien-searchd died during the run (exit status $st)" >&2
    exit 1
fi
rss_end=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
echo "daemon memory (RSS): ${rss_start} kB at the start, ${rss_end} kB at the end"
