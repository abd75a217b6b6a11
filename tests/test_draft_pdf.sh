#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The annotated drafts test_draft writes (draft-annotated.docx: review
# comments; draft-suggested.docx: tracked changes too) and the checked draft
# test_check_docx writes with --suggest-changes (draft-check-suggested.docx:
# a comment and a tracked change on the wrong date) are packages LibreOffice
# opens: converted headless to PDF, each gives a PDF that is not empty.
# Skipped (77) when soffice is not installed (libreoffice-writer-nogui,
# scripts/install-deps.sh).
# Usage: test_draft_pdf.sh   (VK_TMPDIR: where test_draft and test_check_docx
# wrote them)
set -u
command -v soffice >/dev/null 2>&1 || { echo "SKIP: soffice not on PATH" >&2; exit 77; }
dir=${VK_TMPDIR:-/tmp}
tmp=$(mktemp -d "$dir/vk-draft-pdf-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/index_lib.sh
. "$(dirname "$0")/index_lib.sh"

for name in annotated suggested check-suggested; do
    docx=$dir/draft-$name.docx
    if [ ! -s "$docx" ]; then
        fail "$docx: missing (test_draft or test_check_docx writes it)"
        continue
    fi
    cp "$docx" "$tmp/"
    # A private profile: no interference with a running LibreOffice.
    soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf \
        --outdir "$tmp" "$tmp/draft-$name.docx" >"$tmp/$name.log" 2>&1 ||
        fail "$name: soffice failed: $(cat "$tmp/$name.log")"
    pdf=$tmp/draft-$name.pdf
    if [ ! -s "$pdf" ]; then
        fail "$name: no PDF, or an empty one: $(cat "$tmp/$name.log")"
    elif [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
        fail "$name: $pdf is not a PDF"
    fi
done

finish test_draft_pdf
