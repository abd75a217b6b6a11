/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * utf8.h: strict UTF-8 decoding and encoding (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). Text is (pointer, length) everywhere.
 */
#ifndef VK_UTF8_H
#define VK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[0 .. len). Returns its length in bytes (1-4)
 * and sets *cp, or returns 0 for an invalid or truncated sequence (then *cp is
 * U+FFFD). len must be at least 1. Thread-safe. */
size_t vk_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* vk_utf8_decode of the 2- and 3-byte sequences that need no overlong or
 * surrogate check (leads C2..DF, E1..EC, EE..EF: the Latin blocks,
 * Vietnamese letters with their tones, punctuation), inline for loops over
 * text; 0 for any other sequence, which vk_utf8_decode then reads. */
static inline size_t
vk_utf8_decode_short(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 2 && u[0] >= 0xC2 && u[0] <= 0xDF && (u[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (len >= 3 && ((u[0] >= 0xE1 && u[0] <= 0xEC) || u[0] == 0xEE || u[0] == 0xEF) &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    return 0;
}

/* Encodes cp (a valid scalar value) into out, returns 1-4 bytes written, or 0
 * if cp is not a Unicode scalar value. */
size_t vk_utf8_encode(uint32_t cp, char out[4]);

/* Checks that s[0 .. len) is valid UTF-8. Returns len if it is, else the byte
 * offset of the first invalid sequence. */
size_t vk_utf8_validate(const char *s, size_t len);

/* Counts code points in valid UTF-8 (invalid bytes count one each). */
size_t vk_utf8_count(const char *s, size_t len);

/* The UTF-16 code units (JavaScript's string indices) in s[0 .. byte_off),
 * for clients that count in them: byte offsets into UTF-8 text converted
 * for the JSON (the "start16"/"end16" of the API). A code point of four
 * bytes counts two units, every other one; an invalid byte, or a byte of a
 * sequence that byte_off cuts, counts one (as U+FFFD would, and as
 * draft/dr.h's dr_offset_at counts). byte_off past len counts up to len.
 * s may be NULL when len is 0. Thread-safe. */
size_t vk_utf16_offset(const char *s, size_t len, size_t byte_off);

/* Where vk_utf16_offset_next stopped: a byte offset at a code point's
 * boundary and the UTF-16 units before it. Start from {0, 0}. */
typedef struct vk_utf16_pos {
    size_t byte;  /* bytes counted */
    size_t units; /* UTF-16 units in them */
} vk_utf16_pos;

/* vk_utf16_offset for many offsets into one text, each counted from *pos
 * (the previous one) when it is not before it, else from the start: offsets
 * in increasing order cost one pass over the text. Returns what
 * vk_utf16_offset returns and moves *pos. Thread-safe (pos aside). */
size_t vk_utf16_offset_next(const char *s, size_t len, size_t byte_off, vk_utf16_pos *pos);

#endif /* VK_UTF8_H */
