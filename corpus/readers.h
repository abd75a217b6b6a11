/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * readers.h: the raw text of the files offices keep: plain text and
 * markdown, Word (.docx, and old .doc through an external tool), PDF and
 * HTML.
 *
 * Design note. A file's format is read from its first bytes, not its name
 * (a ".txt" that is a PDF is read as a PDF):
 *
 *   "PK\3\4" holding word/document.xml   docx   libzip + libxml2
 *   "%PDF-"                              pdf    poppler (glib API)
 *   D0 CF 11 E0 A1 B1 1A E1 (OLE2)       doc    antiword, else catdoc
 *   "<html", "<!DOCTYPE html" after a
 *   BOM, blanks, <?xml ?> and comments   html   libxml2's HTML parser
 *   anything else                        text   the bytes as they are
 *
 * Every reader gives lines of text as the structure parser wants them: one
 * line per paragraph, a blank line between paragraphs, each table cell's
 * paragraphs on lines of their own (cells and rows in order), footnotes as
 * "<sup>N</sup> note" lines after the body with "<sup>N</sup>" where the
 * text refers to them, and a blank line between the pages of a PDF (the
 * parser joins a sentence broken across pages; a form feed, the page break
 * of .doc and pdftotext output, becomes a space, as cp_clean_line does not
 * read it as a blank). Word's automatic numbering is written out ("I- ",
 * "1. ", "1.1. ", with a space even when Word shows none), bullets as "- ";
 * so are HTML's <ol> and <ul> items. A zip that is not Word (.xlsx, .odt)
 * is "text", and so rejected as binary data.
 *
 * The bytes returned are not checked: they are UTF-8, or bytes in a legacy
 * Vietnamese encoding (an HTML page whose bytes are not UTF-8 and that does
 * not declare a charset libxml2 converts, a .doc whose tool passed the
 * bytes through, a PDF made from .VnTime fonts giving TCVN3 read as
 * Windows-1252), for cp_text_prepare to check, detect and convert.
 *
 * Hostile files: a .docx may hold at most CP_MAX_ZIP_ENTRIES entries, and
 * the XML read from it at most CP_MAX_UNZIPPED bytes (counted as inflated,
 * whatever the archive claims); XML is parsed without network access or
 * entity expansion; HTML trees are walked without recursion; the .doc tool
 * runs without a shell, with its output capped and a time limit
 * (CP_DOC_TIMEOUT_MS). Library code: nothing is printed (libxml2's and
 * poppler's messages are silenced).
 */
#ifndef VK_CP_READERS_H
#define VK_CP_READERS_H

#include <stddef.h>

#include "common/vk.h"

/* Most bytes of XML read out of one .docx (inflated, all entries together). */
#define CP_MAX_UNZIPPED (64u * 1024u * 1024u)

/* Most entries a .docx archive may have. */
#define CP_MAX_ZIP_ENTRIES 10000u

/* Time the .doc tool (antiword or catdoc) may run, in milliseconds. */
#define CP_DOC_TIMEOUT_MS 30000

/* Names the format of a file from its first bytes, as in the design note:
 * "docx", "pdf", "doc", "html" or "text" (a constant string). data may be
 * NULL when len is 0. Never fails; thread-safe. */
const char *cp_detect_format(const char *data, size_t len);

/* Reads the file at `path` (at most max_bytes, which also caps the text
 * extracted) and returns its raw text as described in the design note:
 * *out is a malloc'd buffer, NUL-terminated after *out_len bytes, owned by
 * the caller (free()); *format (if not NULL) is set to the constant name of
 * the format read ("text", "docx", "pdf", "html", "doc"), also on failure
 * once the format is known, else NULL. On failure *out is NULL. Returns:
 *   VK_OK;
 *   VK_ENOTFOUND  no such file;
 *   VK_EIO        unreadable, or a directory; the .doc tool could not be
 *                 started, failed, or ran past its time limit;
 *   VK_ETOOBIG    the file or its text is over max_bytes, a .docx has over
 *                 CP_MAX_ZIP_ENTRIES entries or CP_MAX_UNZIPPED bytes of XML;
 *   VK_EINVAL     a broken or encrypted file (bad zip, no word/document.xml,
 *                 XML or PDF that does not parse, a PDF without a text
 *                 layer), or a .doc while neither antiword nor catdoc is on
 *                 PATH ("skipped: .doc needs antiword or catdoc ...");
 *   VK_ENOMEM     out of memory.
 * err gets a message that names the file. The text is not checked or
 * converted: pass it to cp_text_prepare. Thread-safe (libxml2 is set up
 * once, on first use).
 */
vk_status cp_read_file(const char *path, size_t max_bytes, char **out, size_t *out_len,
                       const char **format, vk_error *err);

#endif /* VK_CP_READERS_H */
