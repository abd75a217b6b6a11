#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile files in a folder given to `vankien index`: a file of 1 GB on one
# line, a file that cannot be read (EACCES for real: when the test runs as
# root, the indexer runs as an unprivileged user, since chmod 000 does not
# stop root), and PDFs nested deep (a page tree 20000 levels deep, 100000
# nested arrays). The big and the unreadable files are skipped with their
# reasons in the summary; the 1 GB file in bounded memory (peak RSS under
# 256 MiB) and time, without being read; a deep PDF is read or skipped with
# its reason, never a crash; the rest of the folder is indexed.
# Usage: test_hostile_files.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
src=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-hostile-files-XXXXXX")
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$here/index_lib.sh"

[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }

mkdir -p "$tmp/c"
cp "$src"/corpus/samples/* "$tmp/c/"
# 1 GiB of text on one line.
head -c 1073741824 /dev/zero | tr '\0' 'a' >"$tmp/c/mot-dong.txt"
[ "$(stat -c %s "$tmp/c/mot-dong.txt")" -eq 1073741824 ] || fail "could not write the 1 GiB file"
cp "$src/corpus/samples/ket-luan-21-KL-TW.md" "$tmp/c/khong-doc-duoc.md"
chmod 000 "$tmp/c/khong-doc-duoc.md"

# As an unprivileged user when root: the folder is theirs, the unreadable
# file too (mode 000 stops its owner).
as_user=()
unreadable=1
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null 2>&1; then
        chown -R 65534:65534 "$tmp"
        chmod 755 "$tmp"
        as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        echo "SKIP (unreadable file): running as root without setpriv, EACCES cannot be produced" >&2
        unreadable=0
        rm -f "$tmp/c/khong-doc-duoc.md"
    fi
fi

# index LOG ARGS...: `vankien index` (as the user), summary into LOG, peak
# RSS (kB) and seconds into LOG.time.
index() {
    local log=$1
    shift
    "${as_user[@]}" /usr/bin/time -f '%M %e' -o "$log.time" \
        "$bin" index --db "$tmp/db" "$@" 2>"$log"
}

index "$tmp/run1.log" "$tmp/c"
rc=$?
[ "$rc" -eq 0 ] || fail "index exited $rc: $(cat "$tmp/run1.log")"
rm -f "$tmp/c/mot-dong.txt" # 1 GiB less on the disk as soon as possible
read -r rss secs <"$tmp/run1.log.time"
echo "1 GiB file and unreadable file: peak RSS ${rss} kB, ${secs} s"
[ "$rss" -lt $((256 * 1024)) ] || fail "peak RSS ${rss} kB with a 1 GiB file (bound: 256 MiB)"
# Not read at all: far less time than reading 1 GiB would take under the sanitizers.
awk -v s="$secs" 'BEGIN { exit !(s < 120) }' || fail "the run took ${secs} s"
grep -q "mot-dong.txt: larger than the limit of [0-9]* bytes" "$tmp/run1.log" ||
    fail "no reason for the 1 GiB file: $(cat "$tmp/run1.log")"
if [ "$unreadable" -eq 1 ]; then
    grep -q "khong-doc-duoc.md: Permission denied" "$tmp/run1.log" ||
        fail "no reason for the unreadable file: $(cat "$tmp/run1.log")"
    grep -q "4 added, 0 replaced, 0 removed, 0 unchanged; skipped 2" "$tmp/run1.log" ||
        fail "summary: $(cat "$tmp/run1.log")"
fi
# The rest is indexed.
[ "$(stat_of files)" = 4 ] || fail "files indexed: $(stat_of files)"
[ "$(stat_of documents)" = 5 ] || fail "documents indexed: $(stat_of documents)"
"$bin" search --db "$tmp/db" '"tuyển dụng nhân tài"' >/dev/null || fail "the samples are not searchable"

# Deep PDFs, added to the folder: each read or skipped with its reason.
awk -v depth=20000 -v kind=tree -f "$here/make_deep_pdf.awk" >"$tmp/c/cay-sau.pdf"
awk -v depth=100000 -v kind=arrays -f "$here/make_deep_pdf.awk" >"$tmp/c/mang-sau.pdf"
[ "$(id -u)" -eq 0 ] && [ ${#as_user[@]} -gt 0 ] && chown 65534:65534 "$tmp"/c/*.pdf
index "$tmp/run2.log" "$tmp/c"
rc=$?
[ "$rc" -eq 0 ] || fail "index with deep PDFs exited $rc: $(cat "$tmp/run2.log")"
read -r rss secs <"$tmp/run2.log.time"
echo "deep PDFs: peak RSS ${rss} kB, ${secs} s"
for pdf in cay-sau.pdf mang-sau.pdf; do
    if "$bin" stats --db "$tmp/db" --files | grep -q "/$pdf\$"; then
        echo "$pdf: read"
    elif grep -q "$pdf: ." "$tmp/run2.log"; then
        echo "$pdf: skipped: $(grep "$pdf: " "$tmp/run2.log")"
    else
        fail "$pdf neither indexed nor skipped with a reason: $(cat "$tmp/run2.log")"
    fi
done
grep -q "0 replaced, 0 removed, 4 unchanged" "$tmp/run2.log" || fail "summary: $(cat "$tmp/run2.log")"
[ "$unreadable" -eq 0 ] || grep -q "khong-doc-duoc.md: Permission denied" "$tmp/run2.log" ||
    fail "the unreadable file is not reported again: $(cat "$tmp/run2.log")"

finish "hostile files"
