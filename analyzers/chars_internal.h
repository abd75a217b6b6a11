/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chars_internal.h: per-character facts the analyzer needs, derived once from
 * ICU's normalization data (no hand-typed tables of accented letters).
 */
#ifndef VK_AN_CHARS_INTERNAL_H
#define VK_AN_CHARS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Characters below this bound have a table entry (Latin blocks included). */
#define AN_TABLE_END 0x1F00u

/* The five tone marks, indexed 1..5; 0 means no tone. */
enum { AN_TONE_NONE = 0, AN_TONE_GRAVE, AN_TONE_ACUTE, AN_TONE_TILDE, AN_TONE_HOOK, AN_TONE_DOT };

typedef struct an_charinfo {
    uint16_t untoned; /* the letter without its tone mark (hats, breve, horn kept) */
    uint8_t tone;     /* AN_TONE_* carried by the letter */
    uint8_t ascii;    /* ASCII base letter (đ -> d), or 0 if none */
} an_charinfo;

/* Builds the tables on first use (thread-safe) and returns the entry of cp,
 * or NULL if cp >= AN_TABLE_END. */
const an_charinfo *an_char(uint32_t cp);

/* The letter `untoned` carrying `tone`, or untoned itself if tone is 0 or no
 * such precomposed letter exists. */
uint32_t an_char_with_tone(uint32_t untoned, int tone);

/* Simple case folding of one code point, with Ð/ð mapped to đ. */
uint32_t an_char_fold(uint32_t cp);

/* Nonzero if cp belongs inside a token: a letter, a digit or a combining mark. */
int an_char_is_word(uint32_t cp);

/* Nonzero if cp may need NFC work (combining marks, or outside the blocks
 * where every character is already NFC). */
int an_char_needs_nfc(uint32_t cp);

#endif /* VK_AN_CHARS_INTERNAL_H */
