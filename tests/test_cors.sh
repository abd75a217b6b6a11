#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# CORS in vankien-searchd: off by default (no Access-Control header, a
# preflight OPTIONS gets 405); with --cors-origin (repeatable) an allowed
# Origin is echoed with Vary: Origin, a preflight from it gets 204 with the
# methods, headers and max age, another origin gets no Allow-Origin (and 403
# to a preflight); `cors-origin = *` in the configuration file allows any;
# a bad origin stops the daemon with exit status 2.
# Usage: test_cors.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-cors-XXXXXX")
trap '[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/daemon_lib.sh
. "$(dirname "$0")/daemon_lib.sh"

"$bin" index --quiet --db "$tmp/db" "$src/corpus/samples" || fail "indexing the samples"

# head_of [CURL ARGS...]: the status line and headers of an answer, CRs removed.
head_of() {
    curl -s -o /dev/null -D - "$@" | tr -d '\r'
}

# has HEADERS LINE WHAT: HEADERS holds LINE (case-insensitive, whole line).
has() {
    grep -qix -- "$2" <<<"$1" || fail "$3: no '$2' in: $1"
}

# lacks HEADERS PATTERN WHAT
lacks() {
    if grep -qi -- "$2" <<<"$1"; then fail "$3: '$2' in: $1"; fi
}

app=https://app.example.org
preflight=(-X OPTIONS -H "Access-Control-Request-Method: GET")

# Off by default.
start_daemon --db "$tmp/db" --log-level 0 || fail "the daemon does not start: $(cat "$tmp/daemon.log")"
h=$(head_of -H "Origin: $app" "http://127.0.0.1:$port/api/health")
has "$h" "HTTP/1.1 200 OK" "GET without CORS"
lacks "$h" "^access-control-" "GET without CORS"
lacks "$h" "^vary: origin" "GET without CORS" # (Vary: Accept-Language stays: messages follow it)
h=$(head_of "${preflight[@]}" -H "Origin: $app" "http://127.0.0.1:$port/api/search")
has "$h" "HTTP/1.1 405 Method Not Allowed" "preflight without CORS"
lacks "$h" "^access-control-" "preflight without CORS"
stop_daemon

# Two origins on the command line.
start_daemon --db "$tmp/db" --log-level 0 --cors-origin "$app" --cors-origin http://localhost:3000 ||
    fail "the daemon does not start with --cors-origin: $(cat "$tmp/daemon.log")"
for o in "$app" http://localhost:3000; do
    h=$(head_of -H "Origin: $o" "http://127.0.0.1:$port/api/search?q=loai:KL")
    has "$h" "HTTP/1.1 200 OK" "GET from $o"
    has "$h" "Access-Control-Allow-Origin: $o" "GET from $o"
    has "$h" "Vary: Origin" "GET from $o"
done
# Errors too carry it, so that a page can read them.
h=$(head_of -H "Origin: $app" "http://127.0.0.1:$port/api/search")
has "$h" "HTTP/1.1 400 Bad Request" "an error from $app"
has "$h" "Access-Control-Allow-Origin: $app" "an error from $app"
h=$(head_of "${preflight[@]}" -H "Origin: $app" -H "Access-Control-Request-Headers: content-type" \
    "http://127.0.0.1:$port/api/check")
has "$h" "HTTP/1.1 204 No Content" "preflight from $app"
has "$h" "Access-Control-Allow-Origin: $app" "preflight from $app"
has "$h" "Access-Control-Allow-Methods: GET, HEAD, POST" "preflight from $app"
has "$h" "Access-Control-Allow-Headers: Content-Type, Accept, Accept-Language" "preflight from $app"
has "$h" "Access-Control-Max-Age: 86400" "preflight from $app"
has "$h" "Vary: Origin" "preflight from $app"
# Another origin: nothing allowed, but the answer still varies by Origin.
h=$(head_of -H "Origin: https://evil.example" "http://127.0.0.1:$port/api/health")
has "$h" "HTTP/1.1 200 OK" "GET from another origin"
lacks "$h" "^access-control-allow-origin" "GET from another origin"
has "$h" "Vary: Origin" "GET from another origin"
h=$(head_of "${preflight[@]}" -H "Origin: https://evil.example" "http://127.0.0.1:$port/api/search")
has "$h" "HTTP/1.1 403 Forbidden" "preflight from another origin"
lacks "$h" "^access-control-allow-origin" "preflight from another origin"
# An OPTIONS that is no preflight is still not allowed.
h=$(head_of -X OPTIONS -H "Origin: $app" "http://127.0.0.1:$port/api/search")
has "$h" "HTTP/1.1 405 Method Not Allowed" "OPTIONS without Access-Control-Request-Method"
stop_daemon

# Any origin, from the configuration file.
printf 'cors-origin = "*"\nlog-level = 0\n' >"$tmp/searchd.conf"
start_daemon --config "$tmp/searchd.conf" --db "$tmp/db" ||
    fail "the daemon does not start with cors-origin = *: $(cat "$tmp/daemon.log")"
h=$(head_of -H "Origin: https://anyone.example" "http://127.0.0.1:$port/api/health")
has "$h" "Access-Control-Allow-Origin: \*" "GET with cors-origin = *"
h=$(head_of "${preflight[@]}" -H "Origin: https://anyone.example" "http://127.0.0.1:$port/api/stats")
has "$h" "HTTP/1.1 204 No Content" "preflight with cors-origin = *"
stop_daemon

# Bad origins: exit status 2, the value named.
for bad in "https://app.example.org/" "app.example.org" "https://a b" "ftp://x"; do
    timeout 20 "$searchd" --db "$tmp/db" --listen 127.0.0.1:0 --cors-origin "$bad" 2>"$tmp/err" &&
        fail "--cors-origin '$bad' was accepted"
    rc=$?
    [ "$rc" -eq 2 ] || fail "--cors-origin '$bad': exit status $rc, expected 2"
    grep -qF "'$bad'" "$tmp/err" || fail "--cors-origin '$bad': message $(cat "$tmp/err")"
done

finish test_cors
