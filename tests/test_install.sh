#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `cmake --install` of this build into a scratch root (DESTDIR): the programs
# (vankien in bin, the daemon in sbin), the manual pages, the bash
# completion, the configuration file, the documentation and the systemd
# units, the system user and the folders in the usual places under the
# prefix; the installed programs run; the units pass systemd-analyze verify.
# The word lists and the web page are compiled in: no data file is installed.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-inst-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/units_lib.sh
. "$(dirname "$0")/units_lib.sh"

cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
prefix=$(cache CMAKE_INSTALL_PREFIX)
unitdir=$(cache VK_SYSTEMD_UNITDIR)
[ -n "$prefix" ] && [ -n "$unitdir" ] || fail "prefix '$prefix' or unit dir '$unitdir' unknown"
if [ "$prefix" = /usr ]; then sysconf=/etc statedir=/var/lib/vankien; else
    sysconf=$prefix/etc statedir=$prefix/var/lib/vankien; fi

root=$tmp/root
DESTDIR=$root cmake --install "$build" >"$tmp/install.log" 2>&1 ||
    fail "cmake --install: $(cat "$tmp/install.log")"
(cd "$root" && find . -type f | sed 's|^\.||' | sort) >"$tmp/files"
for f in "$prefix/bin/vankien" "$prefix/sbin/vankien-searchd" \
    "$prefix/share/man/man1/vankien.1.gz" "$prefix/share/man/man8/vankien-searchd.8.gz" \
    "$prefix/share/bash-completion/completions/vankien" \
    "$prefix/share/bash-completion/completions/vankien-searchd" \
    "$prefix/share/doc/vankien/README.md" "$prefix/share/doc/vankien/copyright" \
    "$prefix/share/doc/vankien/examples/searchd.conf" "$sysconf/vankien/searchd.conf" \
    "$prefix/lib/sysusers.d/vankien.conf" "$prefix/lib/tmpfiles.d/vankien.conf" \
    "$unitdir/vankien-searchd.service" "$unitdir/vankien-index.service" \
    "$unitdir/vankien-index.timer" "$unitdir/vankien-index.path"; do
    grep -qxF "$f" "$tmp/files" || fail "not installed: $f"
done
n=$(wc -l <"$tmp/files")
[ "$n" = 16 ] || fail "$n files installed, not 16: $(cat "$tmp/files")"
grep -q 'stopwords\|abbreviations\|\.html$\|\.js$\|\.css$' "$tmp/files" &&
    fail "data or web files installed, though compiled in"
[ -x "$root$prefix/bin/vankien" ] && [ -x "$root$prefix/sbin/vankien-searchd" ] ||
    fail "the programs are not executable"
gzip -t "$root$prefix/share/man/man1/vankien.1.gz" || fail "vankien.1.gz is not gzip"
cmp -s "$root$prefix/share/bash-completion/completions/vankien" "$src/packaging/vankien.bash" ||
    fail "the installed completion is not packaging/vankien.bash"

# The installed programs run, and the installed configuration file is one the
# daemon reads (it names the index the services use).
"$root$prefix/bin/vankien" --version | grep -q "^vankien .*index format" ||
    fail "installed vankien --version"
grep -q "^db = $statedir/vankien.db$" "$root$sysconf/vankien/searchd.conf" ||
    fail "searchd.conf does not name $statedir/vankien.db"
"$root$prefix/sbin/vankien-searchd" --config "$root$sysconf/vankien/searchd.conf" \
    --db "$tmp/none" >"$tmp/out" 2>&1
grep -q "cannot open the index $tmp/none" "$tmp/out" ||
    fail "the daemon did not read the installed configuration: $(cat "$tmp/out")"

check_units "$root" "$prefix" "$unitdir"
check_user "$root" "$prefix" "$statedir"

finish test_install
