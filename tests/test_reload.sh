#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SIGHUP makes vankien-searchd open its index afresh. The index is replaced
# the way an operator does it: a new index built aside (`index --full`, so
# at the same revision as the old one) and a symbolic link switched to it.
# A reader that only moves to the newest revision keeps reading the old
# tables; after SIGHUP the new documents are found. Then SIGHUPs in a burst
# while requests run: none of them fails and the daemon stays up; and a
# SIGHUP while the index is unusable keeps the daemon serving the old one.
# Usage: test_reload.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-hup-XXXXXX")
trap '[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/daemon_lib.sh
. "$(dirname "$0")/daemon_lib.sh"

mkdir -p "$tmp/v1" "$tmp/v2"
cp "$src/corpus/samples/ke-hoach-256-KH-TU.md" "$tmp/v1/"
cp "$src"/corpus/samples/* "$tmp/v2/"
"$bin" index --quiet --full --db "$tmp/db-v1" "$tmp/v1" || fail "indexing v1"
"$bin" index --quiet --full --db "$tmp/db-v2" "$tmp/v2" || fail "indexing v2"
ln -s db-v1 "$tmp/current"

# One worker thread, so that the request after the switch meets the reader
# opened before it.
start_daemon --db "$tmp/current" --threads 1 --log-level 0 || fail "start: $(cat "$tmp/daemon.log")"
q='so:21-KL/TW' # only in v2
[ "$(search_total "$q")" = 0 ] || fail "v1 finds $q"
ln -sfn db-v2 "$tmp/current"
before=$(search_total "$q")
[ "$before" = 0 ] || fail "the new index is seen before SIGHUP ($before): readers must hold the resolved path"
kill -HUP "$daemon_pid"
for _ in $(seq 1 50); do
    grep -q "SIGHUP: index reopened" "$tmp/daemon.log" && break
    sleep 0.1
done
grep -q "SIGHUP: index reopened, .*: [0-9]* passages" "$tmp/daemon.log" ||
    fail "no reload message: $(cat "$tmp/daemon.log")"
[ "$(search_total "$q")" = 1 ] || fail "after SIGHUP: $q finds '$(search_total "$q")', not 1"
kill -0 "$daemon_pid" || fail "the daemon died on SIGHUP"

# An index that cannot be opened: the SIGHUP is refused, the old one serves.
ln -sfn nowhere "$tmp/current"
kill -HUP "$daemon_pid"
for _ in $(seq 1 50); do
    grep -q "serving on from the index as it was" "$tmp/daemon.log" && break
    sleep 0.1
done
grep -q "SIGHUP: cannot open the index .*serving on from the index as it was" \
    "$tmp/daemon.log" || fail "no refusal message: $(cat "$tmp/daemon.log")"
[ "$(search_total "$q")" = 1 ] || fail "after a refused SIGHUP: '$(search_total "$q")', not 1"
stop_daemon

# Requests in flight while SIGHUPs arrive: every answer is a 200 with the
# results, whichever index it came from.
ln -sfn db-v2 "$tmp/current"
start_daemon --db "$tmp/current" --threads 4 --log-level 0 || fail "restart"
(
    for i in $(seq 1 60); do
        curl -s -o /dev/null -w '%{http_code}\n' -G "http://127.0.0.1:$port/api/search" \
            --data-urlencode "q=\"kiểm soát quyền lực\" $i" &
        curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/api/documents/21-kl-tw-2021" &
        wait
    done
) >"$tmp/codes" &
load=$!
for i in $(seq 1 30); do
    if [ $((i % 2)) = 0 ]; then ln -sfn db-v1 "$tmp/current"; else ln -sfn db-v2 "$tmp/current"; fi
    kill -HUP "$daemon_pid" || fail "the daemon is gone after $i SIGHUPs"
    sleep 0.05
done
wait "$load"
n=$(wc -l <"$tmp/codes")
bad=$(grep -vc '^\(200\|404\)$' "$tmp/codes")
[ "$n" = 120 ] || fail "$n answers of 120"
[ "$bad" = 0 ] || fail "$bad answers not 200/404 during SIGHUPs: $(sort "$tmp/codes" | uniq -c)"
# The documents request finds 21-KL/TW in v2 only: both answers occur, so
# the readers really changed under the requests.
grep -q '^200$' "$tmp/codes" || fail "no 200 during SIGHUPs"
ln -sfn db-v2 "$tmp/current"
kill -HUP "$daemon_pid"
sleep 0.3
[ "$(search_total "$q")" = 1 ] || fail "after the burst: $q finds '$(search_total "$q")'"
stop_daemon

finish test_reload
