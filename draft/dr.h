/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dr.h: a drafter's Word document (.docx), read paragraph by paragraph for
 * the citation checker and written back with the findings as Word review
 * comments ("Word in, Word out"), and their replacements as tracked changes.
 *
 * Design note. The checker reads the body's paragraphs (w:p of
 * word/document.xml, those in tables too, in document order) as UTF-8
 * text: the w:t runs concatenated, w:tab as a tab, w:br and w:cr as a line
 * end, w:noBreakHyphen as "-"; deleted and moved-away text, field
 * instructions, properties, the fallback copy of a drawing and text boxes
 * are left out. The text is as stored, not normalized. A finding names a
 * paragraph and a byte span of that text, never a line of extracted text,
 * so a paragraph that wraps or holds a line break is still one place.
 *
 * Annotating works on a copy: every zip entry other than
 * word/document.xml, the comments part (word/comments.xml),
 * word/_rels/document.xml.rels and [Content_Types].xml is copied as it is
 * stored (compressed bytes, CRC, time); in document.xml only the paragraphs
 * that receive a finding are rewritten, every other byte is kept; existing
 * comments are kept byte for byte and the new ones appended after them.
 * A comment (author DR_AUTHOR, initials DR_INITIALS, date in ISO 8601 UTC)
 * is anchored with w:commentRangeStart and w:commentRangeEnd around
 * exactly the span, runs split at its ends (each piece keeps its w:rPr),
 * and a w:commentReference run after it. With suggest_changes, the span
 * becomes w:del (its w:t turned w:delText) followed by w:ins holding the
 * replacement in the formatting of the span's first run, and the comment
 * covers both. A span may cross runs of different formatting and the edge
 * of a hyperlink or a field result; an empty span is a point (a comment
 * there, an insertion); a table cell's paragraphs are paragraphs like the
 * others. Findings may overlap: their comment ranges then overlap or nest,
 * as Word allows, but a change that would overlap or touch an earlier one
 * is left out (its comment is written). A finding that cannot be placed,
 * one that runs past the end of its paragraph among them, is refused with
 * its reason and the others are still written.
 *
 * Offsets: byte offsets in UTF-8 are what the library takes; dr_offset_at
 * converts one to code points and UTF-16 code units (JavaScript's string
 * indices), and to a line and column for text files.
 *
 * Hostile files: the limits of corpus/readers.h (CP_MAX_ZIP_ENTRIES
 * entries, CP_MAX_UNZIPPED bytes of XML inflated, no network, no entity
 * expansion; a document type declaration in document.xml is refused).
 * libxml2 and libzip are loaded on first use, as corpus/ does. Library
 * code: nothing is printed; messages are English, name the file and part.
 */
#ifndef VK_DR_H
#define VK_DR_H

#include <stddef.h>
#include <stdint.h>

#include "common/vk.h"

/* Author and initials of every comment and tracked change written. */
#define DR_AUTHOR "vankien"
#define DR_INITIALS "VK"

/* Largest .docx read, in bytes. */
#define DR_MAX_FILE (64u * 1024u * 1024u)

/* An opened .docx: its bytes and its body's paragraphs. Opaque. */
typedef struct dr_docx dr_docx;

/* Opens the .docx at path (at most DR_MAX_FILE bytes) and reads its body's
 * paragraphs. *out is the handle (dr_docx_close), NULL on failure.
 * Returns VK_OK;
 *   VK_ENOTFOUND  no such file;
 *   VK_EIO        unreadable, or a directory;
 *   VK_ETOOBIG    over DR_MAX_FILE, over CP_MAX_ZIP_ENTRIES entries or
 *                 CP_MAX_UNZIPPED bytes of XML inflated (a zip bomb);
 *   VK_EINVAL     not a Word document: not a zip or a truncated one, no
 *                 word/document.xml, XML that does not parse or is not
 *                 UTF-8, a document type declaration, or libxml2 or libzip
 *                 cannot be loaded;
 *   VK_ENOMEM     out of memory.
 * err gets a message naming the file (and the part at fault). Thread-safe
 * (a handle is not shared until returned). */
vk_status dr_docx_open(const char *path, dr_docx **out, vk_error *err);

/* The same from data[0 .. len), a .docx already in memory (copied: the
 * caller keeps data); name is used in messages (say the file name or
 * "upload"). Returns the statuses of dr_docx_open but VK_ENOTFOUND and
 * VK_EIO. */
vk_status dr_docx_open_memory(const char *name, const void *data, size_t len, dr_docx **out,
                              vk_error *err);

/* Frees the handle and everything it owns; NULL does nothing. */
void dr_docx_close(dr_docx *d);

/* Number of body paragraphs (those in tables included). Never fails. */
size_t dr_docx_paragraphs(const dr_docx *d);

/* The text of paragraph i (0-based, document order), as the design note
 * says: UTF-8 as stored in the file (the file may hold invalid sequences:
 * check before trusting it), NUL-terminated after *len bytes, owned by d
 * and valid until dr_docx_close; "" for an empty paragraph. NULL (and *len
 * 0) when i is out of range. len may be NULL. Thread-safe on a handle
 * shared read-only. */
const char *dr_docx_paragraph(const dr_docx *d, size_t i, size_t *len);

/* Where a byte offset falls in a text, in the units clients count in. */
typedef struct dr_offset {
    size_t code_points;      /* code points in text[0 .. byte) */
    size_t utf16;            /* UTF-16 code units in text[0 .. byte) (JavaScript) */
    size_t line;             /* 1-based line (lines end with "\n") */
    size_t line_bytes;       /* bytes from the start of that line */
    size_t line_code_points; /* code points from the start of that line */
    size_t line_utf16;       /* UTF-16 code units from the start of that line */
} dr_offset;

/* Converts byte, an offset in text[0 .. len) (len itself allowed), into
 * *out. Returns VK_OK; VK_EINVAL when byte is past len or inside a UTF-8
 * sequence (*out then zeroed). An invalid byte before it counts as one code
 * point, one UTF-16 unit (as U+FFFD would). Thread-safe. */
vk_status dr_offset_at(const char *text, size_t len, size_t byte, dr_offset *out);

/* One finding of the checker, to write into the document. */
typedef struct dr_finding {
    size_t paragraph;        /* dr_docx_paragraph's index */
    size_t start;            /* byte offset of the span in that paragraph's text */
    size_t end;              /* one past its last byte; start == end marks a point */
    const char *comment;     /* UTF-8: the finding and its suggestion; "\n" starts a
                                paragraph of the comment, "\t" is a tab */
    const char *replacement; /* UTF-8 text to put in place of the span (tracked), or NULL */
} dr_finding;

/* What became of one finding. */
typedef enum dr_verdict {
    DR_ANNOTATED = 0,     /* the comment is written (and the change, if asked) */
    DR_NO_PARAGRAPH,      /* refused: no paragraph has that index */
    DR_CROSSES_PARAGRAPH, /* refused: the span runs past the end of its paragraph */
    DR_BAD_SPAN,          /* refused: start after end, or an offset inside a UTF-8 sequence */
    DR_BAD_TEXT,          /* refused: comment NULL, or comment or replacement not UTF-8 */
    DR_CHANGE_OVERLAPS    /* the comment is written, not the change: its span overlaps
                             or touches the span of a change written before */
} dr_verdict;

/* A short constant English description of a verdict. Thread-safe. */
const char *dr_verdict_str(dr_verdict v);

/* What to write. */
typedef struct dr_request {
    const dr_finding *findings; /* applied in this order */
    size_t n_findings;
    int suggest_changes; /* nonzero: each replacement as a tracked change */
    int64_t date;        /* w:date of what is written, seconds since 1970 UTC; 0: now */
} dr_request;

/* Writes a copy of the document with the findings of req, as the design
 * note says, into *out: a malloc'd buffer of *out_len bytes owned by the
 * caller (free()), NULL on failure. verdicts (req->n_findings entries, or
 * NULL) gets each finding's verdict. Refused findings do not fail the call:
 * a request whose findings are all refused gives a copy without comments.
 * d is not changed: it may be annotated again. Returns VK_OK;
 *   VK_EINVAL  the document cannot be annotated: [Content_Types].xml
 *              missing, a part that does not parse or is not UTF-8, its
 *              paragraphs not found in the bytes, annotation ids above
 *              2^30, or the archive cannot be written;
 *   VK_ENOMEM  out of memory.
 * err gets a message naming the file. Thread-safe: one handle may be
 * annotated from several threads at once. */
vk_status dr_docx_annotate(const dr_docx *d, const dr_request *req, dr_verdict *verdicts,
                           char **out, size_t *out_len, vk_error *err);

/* dr_docx_annotate, then writes the result to path through a temporary
 * file beside it renamed over path once complete and flushed, so path is
 * never left half written. Returns the statuses of dr_docx_annotate and
 * VK_EIO (the file cannot be written; the temporary is removed), with a
 * message naming path. */
vk_status dr_docx_annotate_file(const dr_docx *d, const dr_request *req, dr_verdict *verdicts,
                                const char *path, vk_error *err);

#endif /* VK_DR_H */
