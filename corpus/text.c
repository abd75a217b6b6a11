/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * text.c: turning raw bytes into clean lines: encoding checks, line ends,
 * byte-order mark, and the markdown and typographic noise of converted files.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/legacy.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/cp.h"

/* Line number (1-based) of byte offset `off`. */
static size_t
line_of(const char *data, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        line += data[i] == '\n';
    return line;
}

/* Nonzero if the text holds a letter or a digit anywhere. */
static int
has_letter(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (l && ((cp >= '0' && cp <= '9') || an_is_lower(cp) || an_is_upper(cp)))
            return 1;
        i += l ? l : 1;
    }
    return 0;
}

static int
has_high_bytes(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    }
    return 0;
}

vk_status
cp_text_prepare(const char *name, const char *data, size_t len, cp_text *out, vk_error *err)
{
    *out = (cp_text){0};
    const void *nul = memchr(data, '\0', len);
    if (nul) {
        size_t off = (size_t)((const char *)nul - data);
        return vk_fail(err, VK_EENCODING, _("%s: binary data (NUL byte at offset %zu), not text"),
                       name, off);
    }
    /* Files in the old Vietnamese encodings (and TCVN3 bytes read as
     * Windows-1252, as PDF extraction gives) are converted first. */
    vk_buf conv = VK_BUF_INIT;
    size_t bad = vk_utf8_validate(data, len);
    an_encoding enc = bad != len || has_high_bytes(data, len) ? an_detect_encoding(data, len)
                                                              : AN_ENC_UTF8;
    if (enc != AN_ENC_UTF8 && enc != AN_ENC_UNKNOWN) {
        vk_status rc = an_decode(data, len, enc, &conv);
        if (rc != VK_OK) {
            vk_buf_free(&conv);
            return vk_fail(err, rc, _("%s: converting from %s failed"), name, an_encoding_name(enc));
        }
        out->encoding = an_encoding_name(enc);
        data = conv.data ? conv.data : "";
        len = conv.len;
    } else if (bad != len) {
        return vk_fail(err, VK_EENCODING,
                       _("%s:%zu: invalid UTF-8 at byte offset %zu (and not TCVN3, VNI, VISCII or "
                       "Windows-1258 either)"),
                       name, line_of(data, bad), bad);
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    char *t = malloc(len + 1);
    if (!t) {
        vk_buf_free(&conv);
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), name);
    }
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '\r') {
            t[n++] = '\n';
            if (i + 1 < len && data[i + 1] == '\n')
                i++;
        } else {
            t[n++] = data[i];
        }
    }
    t[n] = '\0';
    vk_buf_free(&conv);
    if (!has_letter(t, n)) {
        free(t);
        return vk_fail(err, VK_EINVAL, _("%s: empty document (no text to index)"), name);
    }
    /* Decomposed input (copy-paste, old tools) becomes NFC. */
    vk_buf nfc = VK_BUF_INIT;
    if (an_nfc_text(t, n, &nfc) != VK_OK) {
        free(t);
        vk_buf_free(&nfc);
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), name);
    }
    free(t);
    out->len = nfc.len;
    out->data = vk_buf_steal(&nfc);
    return out->data ? VK_OK : vk_fail(err, VK_ENOMEM, _("%s: out of memory"), name);
}

/* Width in bytes of a space-like character at s (ASCII space or tab, NBSP,
 * the Unicode spaces U+2000-U+200B, U+202F, U+3000, BOM), or 0. */
static size_t
space_width(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t')
        return 1;
    if (c < 0x80)
        return 0;
    uint32_t cp;
    size_t l = vk_utf8_decode(s, len, &cp);
    if (l && (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x3000 ||
              cp == 0xFEFF))
        return l;
    return 0;
}

/* Length of "<sup>…</sup>" at s, with the digits in num and num_len, or 0. */
static size_t
sup_tag(const char *s, size_t len, const char **num, size_t *num_len)
{
    if (len < 11 || memcmp(s, "<sup>", 5) != 0)
        return 0;
    const char *end = NULL;
    for (size_t k = 5; k + 6 <= len && k < 32; k++) {
        if (memcmp(s + k, "</sup>", 6) == 0) {
            end = s + k;
            break;
        }
    }
    if (!end)
        return 0;
    *num = s + 5;
    *num_len = (size_t)(end - (s + 5));
    return (size_t)(end - s) + 6;
}

size_t
cp_clean_line(const char *line, size_t len, char *out)
{
    size_t i = 0, n = 0;
    /* Leading markdown heading marks and quote marks. */
    while (i < len && (line[i] == '#' || line[i] == '>' || space_width(line + i, len - i)))
        i += line[i] == '#' || line[i] == '>' ? 1 : space_width(line + i, len - i);
    int at_start = 1;
    while (i < len) {
        const char *num;
        size_t num_len, w;
        if (line[i] == '\\' && i + 1 < len && strchr("*-._#[]()\\`", line[i + 1])) {
            out[n++] = line[i + 1]; /* an escaped character is literal */
            i += 2;
        } else if (line[i] == '*') {
            i++; /* emphasis marks: noise */
            continue;
        } else if (line[i] == '_' && i + 1 < len && line[i + 1] == '_') {
            i += 2;
            continue;
        } else if ((w = sup_tag(line + i, len - i, &num, &num_len)) > 0) {
            /* A footnote: "[1] ..." at the start of its note, "[1]" where
             * the text refers to it. */
            out[n++] = '[';
            memcpy(out + n, num, num_len);
            n += num_len;
            out[n++] = ']';
            if (at_start)
                out[n++] = ' ';
            i += w;
        } else if ((w = space_width(line + i, len - i)) > 0) {
            if (n > 0 && out[n - 1] != ' ')
                out[n++] = ' ';
            i += w;
        } else {
            out[n++] = line[i++];
        }
        at_start = 0;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    /* A rule (-----), or the star under an issuer's name, carries no text. */
    size_t marks = 0;
    while (marks < n && strchr("-=_*", out[marks]))
        marks++;
    if (marks == n && (n >= 3 || (n > 0 && out[0] == '*')))
        n = 0;
    out[n] = '\0';
    return n;
}
