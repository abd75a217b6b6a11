#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the fixtures of tests/test_formats.c from corpus/samples/:
# for each sample STEM, STEM.docx, STEM.html and STEM.pdf, made by tools
# independent of vankien (pandoc and LibreOffice, as packaged by Debian).
#
#   markdown samples (.md): pandoc -f markdown-smart-fancy_lists -> .docx
#     and standalone .html (no <h1> title: only <title>, via pagetitle).
#     -smart: no curly quotes or ellipsis characters that the sample does
#     not have. -fancy_lists: "(1)" and "a)" paragraphs stay text, as the
#     sample means them; as lists, HTML would renumber them "1.", "2.".
#     Footnotes are raw HTML (<sup>1</sup>) in the samples, which pandoc
#     keeps in .html but drops from .docx (the mark becomes a plain digit);
#   the plain-text sample (.txt): it is not markdown (its first line starts
#     with a tab, which markdown reads as a code block, and single newlines
#     separate its paragraphs, which markdown would join), so LibreOffice
#     imports it as UTF-8 text, one paragraph per line, and writes a .docx,
#     which pandoc rewrites (-f docx -t docx) with its default styles, as
#     for the other samples: LibreOffice sets DejaVu Sans Mono for imported
#     text, and poppler reads a PDF in that font with words split after
#     precomposed letters ("QUYẾ T", "CHẤ P"); pandoc then converts the
#     .docx to .html;
#   every .pdf: LibreOffice converts the .docx (Writer's PDF export).
#
# Usage: tests/data/formats/make.sh   (needs pandoc and soffice on PATH)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
samples=$(cd "$here/../../../corpus/samples" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private LibreOffice profile: no interference with a running instance.
lo="soffice -env:UserInstallation=file://$work/profile --headless"

for src in "$samples"/*.md "$samples"/*.txt; do
    name=$(basename "$src")
    stem=${name%.*}
    case "$name" in
    *.md)
        pandoc -f markdown-smart-fancy_lists -t docx -o "$here/$stem.docx" "$src"
        pandoc -f markdown-smart-fancy_lists -t html -s --metadata pagetitle="$stem" \
            -o "$here/$stem.html" "$src"
        ;;
    *.txt)
        cp "$src" "$work/$stem.txt"
        $lo --infilter="Text (encoded):UTF8,LF,,," --convert-to docx:"MS Word 2007 XML" \
            --outdir "$work" "$work/$stem.txt" >/dev/null
        pandoc -f docx -t docx -o "$here/$stem.docx" "$work/$stem.docx"
        pandoc -f docx -t html -s --metadata pagetitle="$stem" -o "$here/$stem.html" \
            "$here/$stem.docx"
        ;;
    esac
    $lo --convert-to pdf --outdir "$work" "$here/$stem.docx" >/dev/null
    mv "$work/$stem.pdf" "$here/$stem.pdf"
done
ls -l "$here"
