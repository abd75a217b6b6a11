#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Incremental indexing end to end with the `vankien` program: a second run
# over an unchanged folder writes nothing; a changed, deleted, renamed or
# unreadable file is handled; a run killed with SIGKILL leaves an index that
# opens, and the next run completes it to what a full rebuild gives.
# Usage: test_incremental.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-inc-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"

# index ARGS...: runs `vankien index`, keeps its summary in $tmp/summary.
index() {
    "$bin" index --db "$tmp/db" "$@" 2>"$tmp/summary"
    local rc=$?
    [ "$rc" -eq 0 ] || fail "index $* exited $rc: $(cat "$tmp/summary")"
}

expect_summary() {
    grep -q -- "$1" "$tmp/summary" || fail "expected '$1' in: $(cat "$tmp/summary")"
}


# Hash of the index's files, the lock file left out.
db_sum() {
    (cd "$tmp/db" && find . -type f ! -name flintlock -print0 | sort -z | xargs -0 md5sum)
}

found() {
    "$bin" search --db "$tmp/db" --json "$1" >/dev/null 2>&1
}

mkdir -p "$tmp/c"
cp "$src"/corpus/samples/* "$tmp/c/"

# First run: everything is new.
index "$tmp/c"
expect_summary "4 added, 0 replaced, 0 removed, 0 unchanged"
[ "$(stat_of documents)" = 5 ] || fail "documents after the first run: $(stat_of documents)"
[ "$(stat_of files)" = 4 ] || fail "files after the first run: $(stat_of files)"

# Second run over the same folder: nothing to do, nothing written.
before=$(db_sum)
index "$tmp/c"
expect_summary "0 added, 0 replaced, 0 removed, 4 unchanged"
[ "$before" = "$(db_sum)" ] || fail "an unchanged run wrote to the index"

# A changed file is replaced: the new words are found, the count stays.
printf '\nĐoạn bổ sung về chuyển đổi số trong công tác lưu trữ văn kiện.\n' \
    >>"$tmp/c/ket-luan-21-KL-TW.md"
found '"lưu trữ văn kiện"' && fail "the phrase is found before it is indexed"
index "$tmp/c"
expect_summary "0 added, 1 replaced, 0 removed, 3 unchanged"
found '"lưu trữ văn kiện"' || fail "the changed file's new text is not found"
[ "$(stat_of documents)" = 5 ] || fail "documents after a change: $(stat_of documents)"

# A file that looks as it did (size, time, inode) is not read again; one
# touched with the same bytes is read, hashed, and left alone; one changed
# in place at the same size (same inode) is seen by its new time.
touch "$tmp/c/ket-luan-21-KL-TW.md"
before=$(db_sum)
index "$tmp/c"
expect_summary "0 added, 0 replaced, 0 removed, 4 unchanged"
[ "$before" = "$(db_sum)" ] || fail "a touched file with the same bytes was written"
found '"tăng cường củng cố"' && fail "the same-size change is found before it is made"
off=$(grep -bo 'chuyển đổi số trong' "$tmp/c/ket-luan-21-KL-TW.md" | tail -1 | cut -d: -f1)
printf 'tăng cường củng cố' | dd of="$tmp/c/ket-luan-21-KL-TW.md" bs=1 seek="$off" conv=notrunc 2>/dev/null
index "$tmp/c"
expect_summary "0 added, 1 replaced, 0 removed, 3 unchanged"
found '"tăng cường củng cố"' || fail "a file changed in place at the same size was not read again"

# A deleted file is removed, with its documents.
found '"tuyển dụng nhân tài"' || fail "KH 256 not found before its deletion"
rm "$tmp/c/ke-hoach-256-KH-TU.md"
index "$tmp/c"
expect_summary "0 added, 0 replaced, 1 removed, 3 unchanged"
[ "$(stat_of documents)" = 3 ] || fail "documents after a deletion: $(stat_of documents)"

# A renamed file: the old path removed, the new one added.
mv "$tmp/c/ket-luan-04-KL-BTCTW.md" "$tmp/c/kl-04.md"
index "$tmp/c"
expect_summary "1 added, 0 replaced, 1 removed, 2 unchanged"
"$bin" show --db "$tmp/db" --json 04-KL/BTCTW | grep -q '"path": ".*/kl-04.md"' ||
    fail "the renamed file's documents do not carry the new path"
[ "$(stat_of files)" = 3 ] || fail "files after a rename: $(stat_of files)"

# An unreadable file is skipped with its reason; a file that was indexed and
# turns unreadable keeps its earlier version.
printf 'PK\003\004\000\000binary' >"$tmp/c/hu.txt"
cp "$tmp/c/kl-04.md" "$tmp/kl-04.md.orig"
printf '\000\001\002' >"$tmp/c/kl-04.md"
index "$tmp/c"
expect_summary "skipped 2"
grep -q "hu.txt: .*binary" "$tmp/summary" || fail "no reason for hu.txt: $(cat "$tmp/summary")"
grep -q "keeps its earlier version" "$tmp/summary" || fail "kl-04.md: $(cat "$tmp/summary")"
[ "$(stat_of documents)" = 3 ] || fail "documents after bad files: $(stat_of documents)"
cp "$tmp/kl-04.md.orig" "$tmp/c/kl-04.md"
rm "$tmp/c/hu.txt"

# A file given by name: only it is in scope; the folder's other files stay.
index "$tmp/c/kl-04.md"
expect_summary "0 removed, 1 unchanged"
[ "$(stat_of files)" = 3 ] || fail "files after indexing one file: $(stat_of files)"

# Symbolic links that loop back: each folder is read once, each file once.
mkdir "$tmp/c/sub"
ln -s .. "$tmp/c/sub/up"
ln -s . "$tmp/c/sub/self"
ln -s "$tmp/c/kl-04.md" "$tmp/c/sub/link.md"
index "$tmp/c"
expect_summary "0 added, 0 replaced, 0 removed, 3 unchanged; skipped 0"
rm -r "$tmp/c/sub"

# --full rebuilds: every file written again.
index --full "$tmp/c"
expect_summary "3 added, 0 replaced, 0 removed, 0 unchanged"

# Killed in the middle: 48 files, a commit every 2; SIGKILL once the first
# commits are visible.
copies 12 "$tmp/k"
rm -rf "$tmp/db"
"$bin" index --db "$tmp/db" --batch 2 "$tmp/k" 2>"$tmp/killed.log" &
pid=$!
files=0
for _ in $(seq 1 600); do
    files=$(stat_of files 2>/dev/null)
    [ -n "$files" ] && [ "$files" -ge 4 ] && break
    sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
files=$(stat_of files)
if [ -z "$files" ]; then
    fail "the index does not open after SIGKILL"
elif [ "$files" -ge 48 ]; then
    fail "the run finished before it could be killed (make the folder bigger)"
else
    echo "killed with $files of 48 files committed"
    index "$tmp/k"
    expect_summary "$((48 - files)) added, 0 replaced, 0 removed, $files unchanged"
    "$bin" index --db "$tmp/full" "$tmp/k" 2>/dev/null
    for s in files sections documents terms; do
        [ "$(stat_of $s)" = "$(stat_of $s "$tmp/full")" ] ||
            fail "$s after resuming: $(stat_of $s), a full run: $(stat_of $s "$tmp/full")"
    done
fi

# --full is built aside (.db.full-PID next to the index, one part per
# thread, compacted) and put in place at the end: killed in the middle, the
# index is the one it had; the next --full clears what it left and gives
# what an update gives.
"$bin" index --db "$tmp/db" --full --batch 2 --jobs 2 "$tmp/k" 2>/dev/null &
pid=$!
for _ in $(seq 1 600); do
    compgen -G "$tmp/.db.full-*/0-0" >/dev/null && break
    sleep 0.02
done
sleep 0.2
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[ "$(stat_of files)" = 48 ] || fail "a --full killed in the middle changed the index: $(stat_of files) files"
compgen -G "$tmp/.db.full-*" >/dev/null || echo "(the --full ended before it was killed)"
index --full --jobs 2 "$tmp/k"
expect_summary "48 added, 0 replaced, 0 removed, 0 unchanged"
compgen -G "$tmp/.db.full-*" >/dev/null && fail "a --full left its parts behind: $(ls -d "$tmp"/.db.full-*)"
for s in files sections documents terms; do
    [ "$(stat_of $s)" = "$(stat_of $s "$tmp/full")" ] ||
        fail "$s after --full: $(stat_of $s), an update: $(stat_of $s "$tmp/full")"
done
# An update after a --full finds nothing to do.
index "$tmp/k"
expect_summary "0 added, 0 replaced, 0 removed, 48 unchanged"

# A folder that is gone: what was indexed from it is removed.
rm -rf "$tmp/k"
"$bin" index --db "$tmp/db" "$tmp/k" 2>"$tmp/summary"
expect_summary "48 removed"
grep -q "no such file or folder" "$tmp/summary" || fail "no reason for the missing folder"
[ "$(stat_of sections)" = 0 ] || fail "sections left after removing the folder"

# The index's own folder inside the indexed one is left out.
mkdir -p "$tmp/in"
cp "$tmp/c/kl-04.md" "$tmp/in/"
"$bin" index --db "$tmp/in/db" "$tmp/in" 2>"$tmp/summary"
"$bin" index --db "$tmp/in/db" "$tmp/in" 2>"$tmp/summary"
expect_summary "0 removed, 1 unchanged; skipped 0"

# Formats are known by content: a Word file without an extension is read;
# a text file that is not named as a document is left out, with its reason.
mkdir "$tmp/f"
cp "$src/tests/data/readers/ke-hoach.docx" "$tmp/f/"
cp "$src/tests/data/readers/ke-hoach.doc" "$tmp/f/old.doc"
cp "$src/tests/data/readers/ke-hoach.docx" "$tmp/f/no-extension"
echo '{"a": 1}' >"$tmp/f/data.json"
"$bin" index --db "$tmp/fdb" "$tmp/f" 2>"$tmp/summary"
expect_summary "3 added, 0 replaced, 0 removed, 0 unchanged; skipped 1"
grep -q "data.json: not a document" "$tmp/summary" || fail "no reason for data.json"
"$bin" stats --db "$tmp/fdb" --files | grep -q "no-extension" || fail "no-extension not indexed"

# stats in text form names the parts.
"$bin" stats --db "$tmp/full" | grep -q "^by year" || fail "stats text output"
"$bin" stats --db "$tmp/nothing-here" 2>/dev/null && fail "stats on a missing index succeeds"

finish "incremental indexing"
