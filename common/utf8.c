/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Strict UTF-8 decoding and encoding. */
#include "common/utf8.h"

size_t
vk_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    *cp = 0xFFFD;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t
vk_utf8_encode(uint32_t cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        o[0] = (unsigned char)(0xF0 | (cp >> 18));
        o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[3] = (unsigned char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

size_t
vk_utf8_validate(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = vk_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

size_t
vk_utf8_count(const char *s, size_t len)
{
    size_t i = 0, count = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = vk_utf8_decode(s + i, len - i, &cp);
        i += n ? n : 1;
        count++;
    }
    return count;
}

size_t
vk_utf16_offset_next(const char *s, size_t len, size_t byte_off, vk_utf16_pos *pos)
{
    size_t end = byte_off < len ? byte_off : len;
    if (pos->byte > end)
        *pos = (vk_utf16_pos){0, 0};
    size_t i = pos->byte, units = pos->units;
    while (i < end) {
        uint32_t cp;
        size_t n = (unsigned char)s[i] < 0x80 ? 1 : vk_utf8_decode(s + i, len - i, &cp);
        if (n > 0 && i + n > end) {
            /* A sequence that end cuts: its bytes before end, one unit
             * each, and pos stays at its start. */
            pos->byte = i;
            pos->units = units;
            return units + (end - i);
        }
        units += n == 4 ? 2 : 1; /* an invalid byte: one unit, as U+FFFD */
        i += n ? n : 1;
    }
    pos->byte = i;
    pos->units = units;
    return units;
}

size_t
vk_utf16_offset(const char *s, size_t len, size_t byte_off)
{
    vk_utf16_pos pos = {0, 0};
    return vk_utf16_offset_next(s, len, byte_off, &pos);
}
