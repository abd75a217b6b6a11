#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the browser test of vankien-searchd's web page: indexes corpus/samples into a
# temporary index, starts the daemon on a free port, runs browser.test.mjs against it, stops
# the daemon and exits with the test's status. It installs nothing: without Chromium, node or
# the npm package playwright-core in tests/web (scripts/install-deps.sh installs all three),
# it exits 77, which ctest reports as a skipped test.
#
# usage: run_browser_test.sh BIN_DIR   (the folder holding vankien and vankien-searchd)
# env:   VK_TMPDIR      where the temporary index and logs go (default: $TMPDIR or /tmp)
#        VK_ARTIFACTS   where the screenshots are kept, the test's artifacts (default:
#                       $VK_TMPDIR/web-artifacts; ctest sets BUILD/tests/web-artifacts):
#                       browser.png (desktop results), browser-home.png, -doc.png, -none.png,
#                       -check.png, -docx.png (a Word draft's findings), and the phone's
#                       (390×844) browser-phone-*.png
#        VK_SCREENSHOT  the first screenshot's path, the others beside it
#                       (default: $VK_ARTIFACTS/browser.png)
#        VK_CHROMIUM    the browser to run (default: /usr/bin/chromium)
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:?usage: run_browser_test.sh BIN_DIR}
base_tmp=${VK_TMPDIR:-${TMPDIR:-/tmp}}
mkdir -p "$base_tmp" || exit 1
work=$(mktemp -d "$base_tmp/browser.XXXXXX") || exit 1
artifacts=${VK_ARTIFACTS:-$base_tmp/web-artifacts}
mkdir -p "$artifacts" || exit 1
export VK_SCREENSHOT="${VK_SCREENSHOT:-$artifacts/browser.png}"
daemon=""

cleanup() {
    if [ -n "$daemon" ]; then
        kill "$daemon" 2>/dev/null
        wait "$daemon" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "run_browser_test: $*" >&2
    exit 1
}

# Something this machine lacks: not a failure of vankien.
skip() {
    echo "run_browser_test: skipped: $*"
    exit 77
}

[ -x "$bin/vankien" ] && [ -x "$bin/vankien-searchd" ] || fail "no vankien binaries in $bin"

chromium=${VK_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "no Chromium at $chromium (scripts/install-deps.sh installs it)"
command -v node >/dev/null 2>&1 || skip "no node on PATH (scripts/install-deps.sh installs it)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' ||
    skip "node $(node --version) is older than 18 (fetch, node:test)"
# Resolved as browser.test.mjs resolves it, from tests/web.
(cd "$here" && node --input-type=module \
    -e 'import("playwright-core").then(() => process.exit(0), () => process.exit(1))') ||
    skip "no playwright-core in $here/node_modules (scripts/install-deps.sh runs npm ci there)"

"$bin/vankien" index --db "$work/db" "$root/corpus/samples" >"$work/index.log" 2>&1 ||
    { cat "$work/index.log" >&2; fail "indexing corpus/samples failed"; }

# Exit status 0 when the URL answers 200 (node is there; curl may not be).
http_ok() {
    node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

# A free port: try a few from one drawn by the process id; a taken one makes the daemon exit.
url=""
try=0
while [ $try -lt 8 ] && [ -z "$url" ]; do
    port=$((20000 + ($$ * 7 + try * 997) % 30000))
    try=$((try + 1))
    "$bin/vankien-searchd" --db "$work/db" --listen "127.0.0.1:$port" >"$work/searchd.log" 2>&1 &
    daemon=$!
    waited=0
    while [ $waited -lt 100 ]; do
        if ! kill -0 "$daemon" 2>/dev/null; then
            wait "$daemon" 2>/dev/null
            daemon=""
            break
        fi
        if http_ok "http://127.0.0.1:$port/api/health"; then
            url="http://127.0.0.1:$port"
            break
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    if [ -z "$url" ] && [ -n "$daemon" ]; then
        kill "$daemon" 2>/dev/null
        wait "$daemon" 2>/dev/null
        daemon=""
    fi
done
[ -n "$url" ] || { cat "$work/searchd.log" >&2; fail "vankien-searchd did not start"; }

VK_BASE_URL="$url" node "$here/browser.test.mjs"
status=$?
if [ $status -ne 0 ]; then
    echo "run_browser_test: daemon log:" >&2
    tail -n 30 "$work/searchd.log" >&2
fi
echo "run_browser_test: screenshots in ${VK_SCREENSHOT%.png}*.png"
exit $status
