#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what vankien needs to build and test, from Debian 12's packages.
# Idempotent and quiet: does nothing when everything is installed already.
set -eu

PACKAGES="build-essential cmake pkg-config git
libxapian-dev libicu-dev libmicrohttpd-dev libjansson-dev libcmocka-dev
libzip-dev libxml2-dev libpoppler-glib-dev antiword catdoc libcairo2-dev fonts-dejavu-core
hunspell-vi xapian-tools curl time util-linux
scdoc man-db dpkg-dev file systemd
chromium nodejs"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

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
