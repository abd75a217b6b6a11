#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The section tree of regulations, decrees and charters on a folder of real
# documents: which files hold articles ("Điều 1." at the start of a line),
# how many of their documents the parser gives articles, sections of each
# kind, and how many labels still carry the "~2" suffix of a repeated number
# (and whether any display does: none may).
#
#   bench/real/sections.sh DIR [VANKIEN]
#
# DIR holds the documents (*.md, *.txt); VANKIEN is the program to run
# (default build/bin/vankien). Never part of the test run: it reads a corpus
# that is not in the repository.
set -eu

dir=${1:?usage: $0 DIR [VANKIEN]}
vankien=${2:-$(dirname "$0")/../../build/bin/vankien}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -lE '^[#*_> ]*(Điều|ĐIỀU) [0-9]+[a-z]? ?[.:]' "$dir"/*.md "$dir"/*.txt 2>/dev/null \
    >"$tmp/files" || true
echo "files with articles: $(wc -l <"$tmp/files")"

# One JSON document per line; a file the parser rejects is counted apart.
xargs -d '\n' -n 100 "$vankien" parse --json <"$tmp/files" 2>"$tmp/errors" |
    jq -c '.documents[]' >"$tmp/docs" || true
echo "files not read: $(grep -c . "$tmp/errors" || true)"

jq -s -r '
  def secs: .sections[] | recurse(.children[]);
  def kindof: (.kind // "unknown");
  "documents: \(length)",
  "documents with articles: \([.[] | select([secs | select(kindof == "article")] | length > 0)] | length)",
  "documents attached to another: \([.[] | select(.attached_to != null)] | length)",
  "sections: \([.[] | secs] | length)",
  "labels with a ~ suffix: \([.[] | secs | select(.label | contains("~"))] | length)",
  "displays with a ~: \([.[] | secs | select((.display // "") | contains("~"))] | length)",
  "articles without heading: \([.[] | secs | select(kindof == "article" and .heading == "")] | length)",
  "chapters without heading: \([.[] | secs | select(kindof == "chapter" and .heading == "")] | length)",
  "by kind:",
  ([.[] | secs | kindof] | group_by(.) | map("  \(.[0]): \(length)")[])
' "$tmp/docs"
