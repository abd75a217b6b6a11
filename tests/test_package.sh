#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package. Builds it as it is meant to be built, in its own tree
# (Release, prefix /usr, no sanitizers: BUILD_DIR/tests/pkg, reused between
# runs), with `cpack -G DEB`; checks its control fields (Package, Version,
# Architecture, Depends naming the Debian package of every shared library the
# programs load, as ldd and dpkg -S find them), its conffiles and scripts, its
# file list; unpacks it (dpkg-deb -x) and runs the unpacked programs: --version,
# an index and a search of the samples, the daemon with the packaged
# configuration; and verifies its systemd units.
# Usage: test_package.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-deb-XXXXXX")
daemon_pid=""
trap '[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/units_lib.sh
. "$(dirname "$0")/units_lib.sh"
# shellcheck source=tests/daemon_lib.sh
. "$(dirname "$0")/daemon_lib.sh"

pkg=$build/tests/pkg
version=$(sed -n 's/^project(vankien VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
arch=$(dpkg --print-architecture)
deb=$pkg/vankien_${version}_$arch.deb

# The sanitizers' options of the test run do not belong in this build.
start=$(date +%s)
(
    unset ASAN_OPTIONS UBSAN_OPTIONS
    cmake -S "$src" -B "$pkg" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
        -DVK_SANITIZE=OFF -DBUILD_TESTING=OFF &&
        cmake --build "$pkg" -j2 && cd "$pkg" && rm -f ./*.deb && cpack -G DEB
) >"$tmp/build.log" 2>&1 || {
    tail -30 "$tmp/build.log" >&2
    fail "building the package"
    finish test_package
}
echo "package built in $(($(date +%s) - start)) s: $(stat -c %s "$deb") bytes"
[ -f "$deb" ] || { fail "no $deb"; finish test_package; }

# Control fields.
dpkg-deb -f "$deb" >"$tmp/control" || fail "dpkg-deb -f"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = vankien ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version), not $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture)"
[ -n "$(field Maintainer)" ] && [ -n "$(field Description)" ] || fail "no Maintainer/Description"
depends=$(field Depends)
depends_names=$(echo "$depends" | tr ',' '\n' | sed 's/^ *\([^ (]*\).*/\1/' | sort -u)

# Unpacked, the programs' libraries are found; the Debian package of each
# library a program links directly (NEEDED, objdump -p; its path from ldd,
# its package from dpkg -S) is a dependency, and those named in the design
# are among them.
root=$tmp/root
dpkg-deb -x "$deb" "$root" || fail "dpkg-deb -x"
: >"$tmp/libs"
for exe in "$root/usr/bin/vankien" "$root/usr/sbin/vankien-searchd"; do
    ldd "$exe" >"$tmp/ldd" || fail "ldd $exe"
    grep -q "not found" "$tmp/ldd" && fail "$exe: libraries not found: $(grep 'not found' "$tmp/ldd")"
    grep -q "libasan\|libubsan" "$tmp/ldd" && fail "$exe is built with the sanitizers"
    for lib in $(objdump -p "$exe" | awk '$1 == "NEEDED" {print $2}'); do
        awk -v l="$lib" '$1 == l && $2 == "=>" {print $3}' "$tmp/ldd" >>"$tmp/libs"
    done
done
libpkgs=""
while read -r lib; do
    # dpkg -S knows a library by the path its package installs (/lib or /usr/lib).
    p=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null ||
        dpkg -S "/usr$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null)
    [ -n "$p" ] || { fail "no Debian package holds $lib"; continue; }
    libpkgs="$libpkgs ${p%%:*}"
done < <(sort -u "$tmp/libs")
libpkgs=$(echo "$libpkgs" | tr ' ' '\n' | sed '/^$/d' | sort -u)
echo "linked directly, from:" $libpkgs
[ "$(echo "$libpkgs" | wc -l)" -ge 6 ] || fail "too few libraries found: $libpkgs"
for p in $libpkgs; do
    echo "$depends_names" | grep -qxF "$p" || fail "Depends lacks $p: $depends"
done
for p in libxapian30 libicu72 libmicrohttpd12 libjansson4; do
    echo "$libpkgs" | grep -qx "$p" || fail "the programs do not link $p"
done
# The readers' libraries (poppler-glib, libzip, libxml2) are loaded when a
# file needs them, not linked: their packages must be named all the same,
# and the unpacked vankien must read a PDF, a .docx and an HTML page with them.
for p in libpoppler-glib8 libzip4 libxml2; do
    echo "$depends_names" | grep -qxF "$p" || fail "Depends lacks $p: $depends"
done
for l in poppler libzip libxml2; do
    for exe in "$root/usr/bin/vankien" "$root/usr/sbin/vankien-searchd"; do
        objdump -p "$exe" | grep -q "NEEDED.*$l" && fail "$exe links $l at start-up"
    done
done
for ext in pdf docx html; do
    f=$src/tests/data/formats/ket-luan-21-KL-TW.$ext
    if [ -f "$f" ]; then
        "$root/usr/bin/vankien" parse --json "$f" >"$tmp/$ext.json" 2>"$tmp/$ext.err" ||
            fail "the packaged vankien does not read $f: $(cat "$tmp/$ext.err")"
        grep -q '"21-KL/TW"' "$tmp/$ext.json" || fail "the packaged vankien misreads $f"
    else
        fail "no sample $f"
    fi
done
echo "Depends: $depends"

# Control files: the configuration is a conffile; the scripts run.
dpkg-deb -e "$deb" "$tmp/ctl" || fail "dpkg-deb -e"
grep -qx /etc/vankien/searchd.conf "$tmp/ctl/conffiles" || fail "conffiles: $(cat "$tmp/ctl/conffiles")"
[ -x "$tmp/ctl/postinst" ] && sh -n "$tmp/ctl/postinst" || fail "postinst"
dpkg-deb -I "$deb" >"$tmp/info" || fail "dpkg-deb -I"
grep -q "postinst" "$tmp/info" || fail "dpkg-deb -I does not list postinst"

# The file list: Debian's places, nothing under /usr/local, no test programs.
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\.||' >"$tmp/list"
for f in /usr/bin/vankien /usr/sbin/vankien-searchd /usr/share/man/man1/vankien.1.gz \
    /usr/share/man/man8/vankien-searchd.8.gz /usr/share/bash-completion/completions/vankien \
    /usr/share/doc/vankien/README.md /usr/share/doc/vankien/copyright \
    /usr/share/doc/vankien/examples/searchd.conf /etc/vankien/searchd.conf \
    /lib/systemd/system/vankien-searchd.service /lib/systemd/system/vankien-index.timer \
    /usr/lib/sysusers.d/vankien.conf /usr/lib/tmpfiles.d/vankien.conf; do
    grep -qxF "$f" "$tmp/list" || fail "not in the package: $f"
done
grep -q '^/usr/local\|/test_\|/bench_\|scale_corpus' "$tmp/list" &&
    fail "unexpected files: $(grep '^/usr/local\|/test_\|/bench_\|scale_corpus' "$tmp/list")"

# The unpacked programs work.
out=$("$root/usr/bin/vankien" --version)
[[ $out == "vankien $version (index format "* ]] || fail "unpacked vankien --version: $out"
"$root/usr/bin/vankien" index --quiet --db "$tmp/db" "$src/corpus/samples" ||
    fail "unpacked vankien index"
"$root/usr/bin/vankien" search --db "$tmp/db" '"kiểm soát quyền lực"' >"$tmp/found" ||
    fail "unpacked vankien search"
grep -q "21-kl-tw-2021" "$tmp/found" || fail "search result: $(head -3 "$tmp/found")"
searchd=$root/usr/sbin/vankien-searchd
start_daemon --config "$root/etc/vankien/searchd.conf" --db "$tmp/db" --log-level 0 ||
    fail "the unpacked daemon did not start: $(cat "$tmp/daemon.log")"
[[ $(api /api/health) == *"\"version\":\"$version\""* ]] || fail "health: $(api /api/health)"
stop_daemon

check_units "$root" /usr /lib/systemd/system
check_user "$root" /usr /var/lib/vankien

finish test_package
