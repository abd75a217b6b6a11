#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the Word drafts of tests/test_draft.c from their sources, with
# LibreOffice (as packaged by Debian: libreoffice-writer-nogui), a tool
# independent of vankien:
#
#   ke-hoach-du-thao.fodt -> ke-hoach-du-thao.docx   a draft plan: header,
#       table, footnote, a citation in two runs (its number bold), one in a
#       hyperlink, a tab and a line break;
#   ke-hoach-gop-y.fodt   -> ke-hoach-gop-y.docx     a draft that already has
#       a reviewer's comment;
#   bao-cao-trich-dan.fodt -> bao-cao-trich-dan.docx  a draft report citing
#       two documents of corpus/samples, one with a wrong year
#       (tests/test_check_docx.c).
#
# The sources are flat OpenDocument (.fodt), not .txt or .md: LibreOffice
# imports text files as paragraphs only, without a table, a note or a
# header. Their text is what the test expects to read from the .docx.
#
# Usage: tests/data/drafts/make.sh   (needs soffice on PATH)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile: no interference with a running instance.
lo="soffice -env:UserInstallation=file://$work/profile --headless"

for stem in ke-hoach-du-thao ke-hoach-gop-y bao-cao-trich-dan; do
    cp "$here/$stem.fodt" "$work/"
    $lo --convert-to docx:"MS Word 2007 XML" --outdir "$work" "$work/$stem.fodt" >/dev/null 2>&1
    cp "$work/$stem.docx" "$here/$stem.docx"
done
