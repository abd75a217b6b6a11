#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what vankien needs to build and test: Debian 12's packages (LibreOffice Writer,
# without its GUI, for the draft_pdf test), and the npm packages of the browser test
# (tests/web/package-lock.json) in tests/web/node_modules.
# Idempotent and quiet: does nothing when everything is installed already.
set -eu

PACKAGES="build-essential cmake pkg-config git
libxapian-dev libicu-dev libmicrohttpd-dev libjansson-dev libcmocka-dev
libzip-dev zlib1g-dev libxml2-dev libpoppler-glib-dev antiword catdoc libcairo2-dev fonts-dejavu-core
hunspell-vi xapian-tools curl time util-linux gettext python3
scdoc man-db dpkg-dev file systemd
chromium nodejs
libreoffice-writer-nogui"

web=$(cd "$(dirname "$0")/../tests/web" && pwd)

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# npm is Debian's package of that name, or comes with a nodejs from elsewhere (NodeSource).
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            SUDO=sudo
        else
            echo "install-deps: these packages are missing and I am not root:$missing" >&2
            exit 1
        fi
    else
        SUDO=
    fi
    echo "install-deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
        $SUDO apt-get update -qq >/dev/null
        $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
fi

# The browser test's npm packages, at the versions of the lock file: npm ci (as the user
# running this script, never through sudo) only when one is missing or at another version.
if ! (cd "$web" && node -e '
    const lock = require("./package-lock.json").packages;
    for (const [dir, pkg] of Object.entries(lock)) {
        if (!dir) continue;
        let version;
        try { version = require("./" + dir + "/package.json").version; } catch { process.exit(1); }
        if (version !== pkg.version) process.exit(1);
    }') >/dev/null 2>&1; then
    echo "install-deps: installing the npm packages of tests/web" >&2
    log=$(mktemp)
    if ! (cd "$web" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "install-deps: npm ci failed in $web" >&2
        exit 1
    fi
    rm -f "$log"
fi
