#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Web and news copies on the real crawl (../shared/corpora): what the parser
# leaves out and what it marks as not a document, then what the index still
# holds of the portals' banners and letters.
#
#   bench/real/web.sh [BIN_DIR [CRAWL_DIR [DB]]]
#
# BIN_DIR holds `vankien` (default build-rel/bin); CRAWL_DIR the crawl's
# Markdown files (default /work/crawl; unpack it with
# ../shared/corpora/unpack.sh DIR); DB the index it builds (default
# /tmp/webcheck.db, rebuilt with --full, about two minutes). A `vankien`
# from before this work prints no "nondoc" or "boilerplate": those figures
# then read 0, and the rest compare.
#
# Prints: files and documents, documents by kind (document, qa,
# encyclopedia, news), files cut into more than one document, lines of
# boilerplate left out, and for each phrase of the portals' wrappers the
# documents (and passages, a lower bound) of the index that hold it, and
# the index's own count by kind (vankien stats). Needs jq.
set -eu

BIN=${1:-build-rel/bin}
CRAWL=${2:-/work/crawl}
DB=${3:-/tmp/webcheck.db}
VK="$BIN/vankien"
[ -x "$VK" ] || { echo "$0: no $VK" >&2; exit 2; }
[ -d "$CRAWL" ] || { echo "$0: no folder $CRAWL" >&2; exit 2; }
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The parser, file by file (in batches), one line per document:
# file, kind, type, boilerplate.
find "$CRAWL" -maxdepth 1 -type f -name '*.md' -print0 |
    xargs -0 -n 400 "$VK" parse --json 2>/dev/null |
    jq -r '.documents[] | [.file, (.nondoc // "document"), (.type // "-"),
           (.boilerplate // 0)] | @tsv' >"$tmp/docs.tsv" || true

files=$(cut -f1 "$tmp/docs.tsv" | sort -u | wc -l)
docs=$(wc -l <"$tmp/docs.tsv")
echo "parse ($VK, $CRAWL)"
printf '  files %s, documents %s\n' "$files" "$docs"
echo "  texts by kind:"
cut -f2 "$tmp/docs.tsv" | sort | uniq -c | sort -rn | sed 's/^/    /'
split=$(cut -f1 "$tmp/docs.tsv" | sort | uniq -c | awk '$1 > 1' | wc -l)
extra=$(cut -f1 "$tmp/docs.tsv" | sort | uniq -c | awk '$1 > 1 { n += $1 - 1 } END { print n + 0 }')
printf '  files cut into several documents: %s (%s documents beyond the first)\n' "$split" "$extra"
# Boilerplate is counted per file: take it once per file.
awk -F'\t' '!seen[$1]++ { n += $4; if ($4 > 0) f++ } END {
    printf "  boilerplate lines left out: %d, in %d files\n", n, f }' "$tmp/docs.tsv"

echo "index ($DB)"
"$VK" index --db "$DB" --full "$CRAWL" >/dev/null 2>&1 || echo "  (index reported errors)"
for phrase in "thư viện pháp luật" "Quý Thành viên" "Đang tải văn bản" "Bản dịch này thuộc quyền sở hữu" \
    "sửa mã nguồn" "Quý khách cần hỏi thêm thông tin"; do
    "$VK" search --db "$DB" --json --limit 1000 "\"$phrase\"" >"$tmp/q.json" 2>/dev/null || true
    jq -r --arg p "$phrase" '"  \"" + $p + "\": " + (.total | tostring) + " documents, "
        + ([.results[] | .other_sections + 1] | add // 0 | tostring) + " passages, of which "
        + ([.results[] | select(.nondoc == null)] | length | tostring) + " documents proper"' \
        "$tmp/q.json" 2>/dev/null || echo "  \"$phrase\": 0"
done
"$VK" stats --db "$DB" --json | jq -r '"  by kind: " + ((.by_kind // {}) | tostring)'
