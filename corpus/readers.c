/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * readers.c: the dispatcher of readers.h: a file's format named from its
 * first bytes, and the file handed to the reader of that format
 * (readers_internal.h), or kept as it is when it is text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/file.h"
#include "common/i18n.h"
#include "corpus/readers.h"
#include "corpus/readers_internal.h"

/* ---------------------------------------------------------------------- */
/* Format detection                                                       */
/* ---------------------------------------------------------------------- */

/* The first occurrence of needle in s[0 .. len), or NULL (memmem is not
 * POSIX). */
static const char *
find_bytes(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = s; n <= len && (p = memchr(p, needle[0], len - n + 1 - (size_t)(p - s)));
         p++) {
        if (memcmp(p, needle, n) == 0)
            return p;
    }
    return NULL;
}

/* Skips a UTF-8 byte-order mark, blanks, an XML declaration and comments:
 * what may stand before an HTML page's first tag. */
static size_t
skip_prolog(const char *s, size_t len)
{
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (;;) {
        while (i < len && strchr(" \t\r\n\f", s[i]) && s[i])
            i++;
        const char *end = NULL;
        if (len - i >= 5 && memcmp(s + i, "<?xml", 5) == 0)
            end = find_bytes(s + i, len - i, "?>");
        else if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
            end = find_bytes(s + i, len - i, "-->");
        if (!end)
            return i;
        i = (size_t)(end - s) + (end[1] == '>' ? 2 : 3);
    }
}

static int
starts_nocase(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && strncasecmp(s, prefix, n) == 0;
}

const char *
cp_detect_format(const char *data, size_t len)
{
    if (len == 0)
        return "text";
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0 && find_bytes(data, len, "word/document.xml"))
        return "docx";
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return "pdf";
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return "doc";
    size_t i = skip_prolog(data, len);
    if (starts_nocase(data + i, len - i, "<!doctype html") ||
        (starts_nocase(data + i, len - i, "<html") &&
         (len - i == 5 || strchr(" \t\r\n>", data[i + 5]))))
        return "html";
    return "text";
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                */
/* ---------------------------------------------------------------------- */

/* A form feed (a page break in .doc and pdftotext output) becomes a space:
 * alone on its line, it leaves the blank line the parser reads as a break
 * (cp_clean_line keeps a form feed as text), and line numbers stay those of
 * the file. */
static void
form_feeds_to_spaces(char *s, size_t len)
{
    for (char *p = memchr(s, '\f', len); p; p = memchr(p, '\f', len - (size_t)(p - s)))
        *p = ' ';
}

vk_status
cp_read_file(const char *path, size_t max_bytes, char **out, size_t *out_len, const char **format,
             vk_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (format)
        *format = NULL;
    char *data = NULL;
    size_t len = 0;
    vk_status rc = vk_file_read(path, max_bytes, &data, &len, err);
    if (rc != VK_OK)
        return rc;
    const char *fmt = cp_detect_format(data, len);
    if (format)
        *format = fmt;
    if (strcmp(fmt, "text") == 0) {
        form_feeds_to_spaces(data, len);
        *out = data;
        *out_len = len;
        return VK_OK;
    }
    vk_buf text = VK_BUF_INIT;
    if (strcmp(fmt, "docx") == 0)
        rc = cp_read_docx(path, data, len, max_bytes, &text, err);
    else if (strcmp(fmt, "pdf") == 0)
        rc = cp_read_pdf(path, data, len, max_bytes, &text, err);
    else if (strcmp(fmt, "html") == 0)
        rc = cp_read_html(path, data, len, max_bytes, &text, err);
    else
        rc = cp_read_doc(path, max_bytes, &text, err);
    free(data);
    if (rc == VK_OK) {
        size_t n = text.len; /* a tool's output may hold NUL bytes: not strlen */
        *out = vk_buf_steal(&text);
        if (!*out)
            return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
        *out_len = n;
        form_feeds_to_spaces(*out, n);
        return VK_OK;
    }
    vk_buf_free(&text);
    return rc;
}
