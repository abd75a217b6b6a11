#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vankien-searchd's configuration file: its settings apply, $VANKIEN_DB and
# the command line override them in that order, and every kind of bad line
# stops the daemon with exit status 2 and FILE:LINE in the message.
# Usage: test_searchd_config.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-conf-XXXXXX")
trap '[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/daemon_lib.sh
. "$(dirname "$0")/daemon_lib.sh"

# Two indexes told apart by their size: one sample, and all four.
mkdir -p "$tmp/one" "$tmp/all"
cp "$src/corpus/samples/ket-luan-21-KL-TW.md" "$tmp/one/"
cp "$src"/corpus/samples/* "$tmp/all/"
"$bin" index --quiet --db "$tmp/db-one" "$tmp/one" || fail "indexing one sample"
"$bin" index --quiet --db "$tmp/db-all" "$tmp/all" || fail "indexing the samples"
one=$(stat_of sections "$tmp/db-one")
all=$(stat_of sections "$tmp/db-all")
[ -n "$one" ] && [ -n "$all" ] && [ "$one" != "$all" ] || fail "sections: '$one' and '$all'"

passages() {
    api /api/health | sed -n 's/.*"passages":\([0-9]*\).*/\1/p'
}

# The file's settings apply: db, log-level, max-limit (a page over the limit
# is refused).
cat >"$tmp/a.conf" <<CONF
# a comment, then a blank line

db = $tmp/db-one
  log-level=0
max-limit = "5"
CONF
unset VANKIEN_DB
start_daemon --config "$tmp/a.conf" || fail "the daemon did not start: $(cat "$tmp/daemon.log")"
[ "$(passages)" = "$one" ] || fail "db from the file: $(passages) passages, not $one"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/search?q=dang&limit=6")
[ "$code" = 400 ] || fail "limit 6 over max-limit 5 from the file: status $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/search?q=dang&limit=5")
[ "$code" = 200 ] || fail "limit 5 within max-limit 5: status $code"
stop_daemon
grep -q "^GET /api/search" "$tmp/daemon.log" && fail "log-level 0 from the file still logs requests"

# $VANKIEN_DB overrides the file; --db overrides both; --max-limit the file.
VANKIEN_DB=$tmp/db-all start_daemon --config "$tmp/a.conf" || fail "start with VANKIEN_DB"
[ "$(passages)" = "$all" ] || fail "VANKIEN_DB over the file: $(passages) passages, not $all"
stop_daemon
VANKIEN_DB=$tmp/db-one start_daemon --config "$tmp/a.conf" --db "$tmp/db-all" --max-limit 50 ||
    fail "start with --db"
[ "$(passages)" = "$all" ] || fail "--db over VANKIEN_DB and the file: $(passages), not $all"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/search?q=dang&limit=6")
[ "$code" = 200 ] || fail "--max-limit 50 over the file's 5: status $code"
stop_daemon

# The listen address from the file.
lport=$((20000 + RANDOM % 20000))
printf 'db = %s\nlisten = 127.0.0.1:%s\n' "$tmp/db-one" "$lport" >"$tmp/l.conf"
"$searchd" --config "$tmp/l.conf" --log-level 0 2>"$tmp/daemon.log" &
daemon_pid=$!
ok=0
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$lport/api/health" && ok=1 && break
    sleep 0.1
done
[ "$ok" = 1 ] || fail "no answer on the file's listen port $lport: $(cat "$tmp/daemon.log")"
port=$lport
stop_daemon

# Bad files: exit 2, FILE:LINE and what is wrong; the daemon never serves.
bad() { # LINE_NUMBER EXPECTED_TEXT CONTENT
    printf '%b' "$3" >"$tmp/bad.conf"
    "$searchd" --config "$tmp/bad.conf" --listen 127.0.0.1:1 >"$tmp/out" 2>&1
    local rc=$?
    [ "$rc" = 2 ] || fail "bad file ($2): exit $rc, not 2"
    grep -qF "$tmp/bad.conf:$1: " "$tmp/out" || fail "bad file ($2): no FILE:$1 in: $(cat "$tmp/out")"
    grep -qF "$2" "$tmp/out" || fail "bad file: expected '$2' in: $(cat "$tmp/out")"
}
bad 2 "unknown setting 'port'" "# ok\nport = 80\n"
bad 3 "threads wants a number from 1 to 256, not 'many'" "db = x\n\nthreads = many\n"
bad 1 "expected 'key = value'" "listen 127.0.0.1:80\n"
bad 1 "listen wants ADDR:PORT" "listen = localhost\n"
bad 2 "unbalanced quote" "threads = 2\ndb = \"/var/lib\n"
bad 1 "without a key" " = 3\n"
bad 1 "max-body wants a number from 1024" "max-body = 10\n"

# A --config file that does not exist is an error; a missing default is not
# (run from the build tree no default is read: the daemon starts with none).
"$searchd" --config "$tmp/none.conf" >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 2 ] && grep -qF "$tmp/none.conf: No such file" "$tmp/out" ||
    fail "missing --config file: exit $rc, $(cat "$tmp/out")"
# A bad option value names the option.
"$searchd" --db "$tmp/db-one" --timeout 0 >"$tmp/out" 2>&1
rc=$?
[ "$rc" = 2 ] && grep -qF -- "--timeout wants a number" "$tmp/out" ||
    fail "--timeout 0: exit $rc, $(cat "$tmp/out")"

finish test_searchd_config
