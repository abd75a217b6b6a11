#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# No file stops a run of `vankien index`. Files whose text once made the
# index refuse a write and abort the whole run (exit 2, the batch lost):
# a word whose exact form grows past Xapian's 245-byte limit under NFC
# (U+FB2C decomposes into three code points), and a tone mark with no letter
# under it (its folded form was empty). Each sits in the middle of a batch
# (--batch 2), beside a file that cannot be parsed (binary). The run goes on,
# in an update and in a rebuild (--full): the odd files are indexed by their
# other words, the binary one is skipped with its reason in the summary,
# and everything else is indexed.
# Usage: test_per_file_failures.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
src=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-per-file-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$here/index_lib.sh"

mkdir -p "$tmp/c"
cp "$src"/corpus/samples/* "$tmp/c/"
# Sorted between the samples, so that each falls inside a batch of two.
# The line is short: its NFC did not fit twice its length and it was left
# as written.
long=$(printf '\357\254\254%.0s' $(seq 1 42)) # U+FB2C x 42: 126 bytes, 252 after NFC
printf '# Ghi chú\n\nMột đoạn văn có từ lạ %s giữa câu.\nRồi tiếp tục bình thường.\n' "$long" \
    >"$tmp/c/ket-luan-1-tu-la.md"
printf '# Lịch sử\n\nCông trình khánh thành rực rỡ* \314\243(2018) tại địa phương.\n' \
    >"$tmp/c/lich-su-dau-le.md"
printf 'Nghị quyết\000\001\002 nhị phân\n' >"$tmp/c/nhi-phan.md"

# index LOG ARGS...: `vankien index`, its summary into LOG; prints the exit status.
index() {
    local log=$1
    shift
    "$bin" index --db "$tmp/db" --batch 2 --jobs 2 "$@" 2>"$log"
    echo $?
}

# check_run NAME LOG RC SUMMARY: exit 0, the summary, the binary file's reason.
check_run() {
    [ "$3" -eq 0 ] || fail "$1: index exited $3: $(cat "$2")"
    grep -q "$4; skipped 1:" "$2" || fail "$1: summary: $(cat "$2")"
    grep -q "nhi-phan.md: .*binary" "$2" || fail "$1: no reason for the binary file: $(cat "$2")"
    grep -q "discarded\|locked\|invalid argument" "$2" && fail "$1: an index error: $(cat "$2")"
}

# found QUERY FILE: the search finds FILE.
found() {
    "$bin" search --db "$tmp/db" --json "$1" | grep -q "\"path\": \".*/$2\"" ||
        fail "'$1' does not find $2"
}

rc=$(index "$tmp/run1.log" "$tmp/c")
check_run update "$tmp/run1.log" "$rc" "6 added, 0 replaced, 0 removed, 0 unchanged"
[ "$(stat_of files)" = 6 ] || fail "files indexed: $(stat_of files)"
found '"từ lạ"' ket-luan-1-tu-la.md
found '"khánh thành rực rỡ"' lich-su-dau-le.md
found '"tuyển dụng nhân tài"' nghi-quyet-hoi-nghi-6-khoa-xiii.txt
"$bin" search --db "$tmp/db" "$long" >/dev/null
[ $? -le 1 ] || fail "searching for the long word failed"

# Changed: replaced in place, the rest unchanged.
printf 'Thêm một dòng %s nữa.\n' "$long" >>"$tmp/c/ket-luan-1-tu-la.md"
rc=$(index "$tmp/run2.log" "$tmp/c")
check_run "update of the odd file" "$tmp/run2.log" "$rc" \
    "0 added, 1 replaced, 0 removed, 5 unchanged"
found '"thêm một dòng"' ket-luan-1-tu-la.md

rc=$(index "$tmp/run3.log" --full "$tmp/c")
check_run rebuild "$tmp/run3.log" "$rc" "6 added, 0 replaced, 0 removed, 0 unchanged"
[ "$(stat_of files)" = 6 ] || fail "files indexed after --full: $(stat_of files)"
found '"từ lạ"' ket-luan-1-tu-la.md
found '"tuyển dụng nhân tài"' nghi-quyet-hoi-nghi-6-khoa-xiii.txt

finish "per-file failures"
