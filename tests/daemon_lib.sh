# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by the shell tests that run vankien-searchd (sourced, after
# index_lib.sh): $searchd is the daemon, $tmp a scratch folder.

daemon_pid=""

# start_daemon ARGS...: starts the daemon on a free port ($port) with ARGS,
# its stderr in $tmp/daemon.log, and waits until it answers; 1 if it does not.
start_daemon() {
    for _ in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 20000))
        "$searchd" --listen "127.0.0.1:$port" "$@" 2>"$tmp/daemon.log" &
        daemon_pid=$!
        for _ in $(seq 1 100); do
            curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && return 0
            kill -0 "$daemon_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill "$daemon_pid" 2>/dev/null
        wait "$daemon_pid" 2>/dev/null
        daemon_pid=""
        grep -q "cannot listen" "$tmp/daemon.log" || return 1
    done
    return 1
}

# stop_daemon: SIGTERM, and the exit status must be 0.
stop_daemon() {
    [ -n "$daemon_pid" ] || return 0
    kill -TERM "$daemon_pid"
    wait "$daemon_pid"
    local rc=$?
    daemon_pid=""
    [ "$rc" -eq 0 ] || fail "the daemon exited $rc on SIGTERM: $(cat "$tmp/daemon.log")"
}

# api PATH: the body of GET PATH.
api() {
    curl -s "http://127.0.0.1:$port$1"
}

# search_total QUERY: "total" of GET /api/search?q=QUERY.
search_total() {
    curl -s -G "http://127.0.0.1:$port/api/search" --data-urlencode "q=$1" |
        sed -n 's/^{"query":"[^"]*","total":\([0-9]*\),.*/\1/p'
}
