#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The language of messages (common/i18n.h): `vankien` speaks Vietnamese by
# default (LANG alone does not change that), English with --lang en,
# LANGUAGE=en, LC_ALL or LC_MESSAGES; --lang wins over the environment; an
# unknown language is a usage error. Xapian's own text never reaches a
# Vietnamese user. And the catalog po/vi.po translates every message the
# code marks (xgettext over the sources, msgcmp against it), with nothing
# fuzzy.
# The daemon answers in the language of ?lang=, else of Accept-Language,
# else Vietnamese, and says which (Content-Language); its own help and
# start-up errors follow the environment as the CLI's do.
# Usage: test_i18n.sh BIN_DIR SOURCE_DIR
set -u
bin=$1/vankien
searchd=$1/vankien-searchd
src=$2
tmp=$(mktemp -d "${VK_TMPDIR:-/tmp}/vk-i18n-XXXXXX")
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"
# shellcheck source=tests/daemon_lib.sh
. "$(dirname "$0")/daemon_lib.sh"
trap 'stop_daemon; rm -rf "$tmp"' EXIT
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=en_US.UTF-8

"$bin" index --quiet --db "$tmp/db" "$src/corpus/samples" || fail "indexing"

# has WHAT TEXT NEEDLE: TEXT holds NEEDLE.
has() { [[ $2 == *"$3"* ]] || fail "$1: no '$3' in: $2"; }
lacks() { [[ $2 != *"$3"* ]] || fail "$1: '$3' in: $2"; }

# Help, by default and on request.
out=$("$bin" --help)
has "help" "$out" "Tra cứu toàn văn các văn kiện của Đảng."
has "help" "$out" "tìm kiếm trong chỉ mục"
out=$("$bin" --lang en --help)
has "help --lang en" "$out" "Full-text search for Vietnamese Party documents."
out=$(LANGUAGE=en "$bin" --help)
has "help LANGUAGE=en" "$out" "Full-text search for Vietnamese Party documents."
out=$(LC_MESSAGES=en_US.UTF-8 "$bin" search --help)
has "search help LC_MESSAGES" "$out" "Every word must match."
out=$(LANGUAGE=en "$bin" --lang vi --help)
has "--lang vi over LANGUAGE=en" "$out" "Tra cứu toàn văn các văn kiện của Đảng."
"$bin" --lang fr --help >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] || fail "--lang fr: not a usage error"
has "--lang fr" "$(cat "$tmp/err")" "fr"

# The daemon's own help and start-up errors, by the environment.
out=$("$searchd" --help)
has "searchd help" "$out" "Dịch vụ tìm kiếm HTTP của vankien"
out=$(LANGUAGE=en "$searchd" --help)
has "searchd help LANGUAGE=en" "$out" "The HTTP search daemon of vankien"
"$searchd" --threads 0 2>"$tmp/err"
[ $? -eq 2 ] || fail "searchd --threads 0: exit status"
has "searchd --threads 0" "$(cat "$tmp/err")" "--threads cần một số từ 1 đến 256, không phải '0'"
"$searchd" --db "$tmp/none" --listen 127.0.0.1:0 2>"$tmp/err"
[ $? -eq 2 ] || fail "searchd, missing index: exit status"
has "searchd, missing index" "$(cat "$tmp/err")" "không có tệp hoặc thư mục này"
LANGUAGE=en "$searchd" --db "$tmp/none" --listen 127.0.0.1:0 2>"$tmp/err"
has "searchd, missing index, English" "$(cat "$tmp/err")" "no such file or folder"

# A missing index, in Vietnamese without Xapian's text; in English with it.
"$bin" search --db "$tmp/none" đảng 2>"$tmp/err"
[ $? -eq 2 ] || fail "missing index: exit status"
err=$(cat "$tmp/err")
has "missing index" "$err" "không có chỉ mục ở vị trí này"
lacks "missing index" "$err" "DatabaseNotFoundError"
lacks "missing index" "$err" "Couldn't stat"
"$bin" --lang en search --db "$tmp/none" đảng 2>"$tmp/err"
has "missing index, English" "$(cat "$tmp/err")" "there is no index there (DatabaseNotFoundError"
# ... and as JSON, the message in Vietnamese.
out=$("$bin" search --json --db "$tmp/none" đảng 2>/dev/null)
has "missing index, JSON" "$out" "\"code\": \"index_unavailable\""
has "missing index, JSON" "$out" "không có chỉ mục ở vị trí này"

# A bad query, and results.
"$bin" search --db "$tmp/db" '"đổi mới' 2>"$tmp/err"
has "bad query" "$(cat "$tmp/err")" "cột 1: dấu ngoặc kép chưa được đóng"
out=$("$bin" search --db "$tmp/db" --limit 1 'kiểm soát quyền lực')
has "results" "$out" "1 trong khoảng"
out=$("$bin" search --db "$tmp/db" 'so:26-NQ/TW')
has "nothing found" "$out" "Không tìm thấy văn bản nào."
has "nothing found" "$out" "trich:26-NQ/TW"

# The daemon, by request.
if start_daemon --db "$tmp/db" --threads 1; then
    q="q=%22%C4%91%E1%BB%95i+m%E1%BB%9Bi" # an unterminated quote: "đổi mới
    out=$(curl -s -D "$tmp/h" "http://127.0.0.1:$port/api/search?$q")
    has "daemon default" "$out" "cột 1: dấu ngoặc kép chưa được đóng"
    has "daemon default" "$(cat "$tmp/h")" "Content-Language: vi"
    out=$(curl -s -D "$tmp/h" -H "Accept-Language: en-GB,en;q=0.9" "http://127.0.0.1:$port/api/search?$q")
    has "Accept-Language en" "$out" "column 1: unterminated quote"
    has "Accept-Language en" "$(cat "$tmp/h")" "Content-Language: en"
    out=$(curl -s -H "Accept-Language: en" "http://127.0.0.1:$port/api/search?$q&lang=vi")
    has "?lang=vi over Accept-Language" "$out" "cột 1: dấu ngoặc kép chưa được đóng"
    out=$(curl -s "http://127.0.0.1:$port/api/documents/khong-co-van-ban-nay?lang=en")
    has "?lang=en" "$out" "\"code\":\"not_found\""
    lacks "?lang=en" "$out" "không"
    # One thread: a request refused before routing (bad percent-encoding)
    # speaks its own language, not the one the thread answered last.
    curl -s -o /dev/null "http://127.0.0.1:$port/api/health?lang=en"
    out=$(curl -s "http://127.0.0.1:$port/api/search?q=%zz")
    has "early error after ?lang=en" "$out" "\"code\":\"bad_encoding\""
    lacks "early error after ?lang=en" "$out" "percent-encoding"
    stop_daemon
else
    fail "the daemon did not start: $(cat "$tmp/daemon.log")"
fi

# The catalog translates every marked message.
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
    (cd "$src" && find . -path ./tests -prune -o -path ./bench -prune -o -path './build*' -prune \
        -o \( -name '*.c' -o -name '*.cpp' \) -print | sort |
        xargs xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
            --keyword=vk_ngettext:1,2 -o "$tmp/now.pot" 2>/dev/null) || fail "xgettext"
    msgcmp "$src/po/vi.po" "$tmp/now.pot" 2>"$tmp/cmp" ||
        fail "po/vi.po lacks messages: $(head -20 "$tmp/cmp")"
    fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$src/po/vi.po")
    [ -z "$fuzzy" ] || fail "fuzzy messages in po/vi.po: $fuzzy"
else
    fail "xgettext and msgcmp (gettext) are needed"
fi
finish i18n
