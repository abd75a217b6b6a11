/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * offset.c: a byte offset in UTF-8 text as code points and UTF-16 code
 * units, from the start of the text and of its line, for clients that
 * count otherwise (JavaScript counts UTF-16 units).
 */
#include <string.h>

#include "common/utf8.h"
#include "draft/dr.h"

/* A UTF-8 continuation byte: 10xxxxxx. */
static int
is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

vk_status
dr_offset_at(const char *text, size_t len, size_t byte, dr_offset *out)
{
    memset(out, 0, sizeof *out);
    if (byte > len || (byte < len && is_continuation((unsigned char)text[byte])))
        return VK_EINVAL;
    out->line = 1;
    size_t i = 0;
    while (i < byte) {
        uint32_t cp;
        size_t n = vk_utf8_decode(text + i, len - i, &cp);
        if (n == 0 || i + n > byte)
            n = 1; /* an invalid byte counts as one, as U+FFFD would */
        size_t units = n == 4 ? 2 : 1;
        out->code_points++;
        out->utf16 += units;
        if (text[i] == '\n') {
            out->line++;
            out->line_bytes = out->line_code_points = out->line_utf16 = 0;
        } else {
            out->line_bytes += n;
            out->line_code_points++;
            out->line_utf16 += units;
        }
        i += n;
    }
    return VK_OK;
}
