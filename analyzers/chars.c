/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * chars.c: character tables for the analyzer, computed at first use from ICU's
 * canonical decompositions: for every code point below AN_TABLE_END, its tone
 * mark, its letter without the tone, and its ASCII base letter.
 */
#include "analyzers/chars_internal.h"

#include "analyzers/text.h"

#include <pthread.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

static an_charinfo table[AN_TABLE_END];
/* toned[c][t]: the letter c carrying tone t, or 0 (the inverse of table). */
static uint16_t toned[AN_TABLE_END][AN_TONE_DOT + 1];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static const UNormalizer2 *nfc;

static int
tone_of_mark(UChar32 m)
{
    switch (m) {
    case 0x0300: return AN_TONE_GRAVE;
    case 0x0301: return AN_TONE_ACUTE;
    case 0x0303: return AN_TONE_TILDE;
    case 0x0309: return AN_TONE_HOOK;
    case 0x0323: return AN_TONE_DOT;
    default: return AN_TONE_NONE;
    }
}

/* Fills the entry of one code point from its full canonical decomposition. */
static void
fill_entry(const UNormalizer2 *nfd, UChar32 cp)
{
    an_charinfo *e = &table[cp];
    e->untoned = (uint16_t)cp;
    if (cp < 0x80) {
        e->ascii = u_isalpha(cp) ? (uint8_t)u_tolower(cp) : 0;
        return;
    }
    UChar dec[8];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = unorm2_getDecomposition(nfd, cp, dec, 8, &err);
    if (U_FAILURE(err) || n <= 0 || U16_IS_SURROGATE(dec[0]))
        return;
    UChar32 base = dec[0];
    if (base < 0x80 && u_isalpha(base))
        e->ascii = (uint8_t)u_tolower(base);
    /* Rebuild the letter from its base and every mark but the tone. */
    UChar32 untoned = base;
    int tone = AN_TONE_NONE;
    for (int32_t i = 1; i < n; i++) {
        int t = tone_of_mark(dec[i]);
        if (t != AN_TONE_NONE && tone == AN_TONE_NONE) {
            tone = t;
            continue;
        }
        UChar32 c = unorm2_composePair(nfc, untoned, dec[i]);
        if (c < 0)
            return; /* not a plain letter-plus-marks character: leave it alone */
        untoned = c;
    }
    if (tone != AN_TONE_NONE && untoned < (UChar32)AN_TABLE_END) {
        e->untoned = (uint16_t)untoned;
        e->tone = (uint8_t)tone;
        toned[untoned][tone] = (uint16_t)cp;
    }
}

static void
build_tables(void)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err))
        return;
    err = U_ZERO_ERROR;
    nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err)) {
        nfc = NULL;
        return;
    }
    for (UChar32 cp = 0; cp < (UChar32)AN_TABLE_END; cp++)
        fill_entry(nfd, cp);
    /* đ and Đ have no decomposition: they are letters of their own. */
    table[0x0111].ascii = 'd';
    table[0x0110].ascii = 'd';
}

/* Set once the tables are built, so that the hot path skips pthread_once. */
static int tables_ready;

static void
ensure_tables(void)
{
    if (!__atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE)) {
        pthread_once(&table_once, build_tables);
        __atomic_store_n(&tables_ready, 1, __ATOMIC_RELEASE);
    }
}

const an_charinfo *
an_char(uint32_t cp)
{
    ensure_tables();
    return cp < AN_TABLE_END ? &table[cp] : NULL;
}

uint32_t
an_char_with_tone(uint32_t untoned, int tone)
{
    ensure_tables();
    if (tone <= AN_TONE_NONE || tone > AN_TONE_DOT || untoned >= AN_TABLE_END)
        return untoned;
    uint16_t c = toned[untoned][tone];
    return c ? c : untoned;
}

uint32_t
an_char_fold(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp == 0x00D0 || cp == 0x00F0 || cp == 0x0110)
        return 0x0111;
    return (uint32_t)u_foldCase((UChar32)cp, U_FOLD_CASE_DEFAULT);
}

int
an_char_is_word(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    int8_t t = u_charType((UChar32)cp);
    switch (t) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_DECIMAL_DIGIT_NUMBER:
        return 1;
    default:
        return 0;
    }
}

int
an_char_needs_nfc(uint32_t cp)
{
    /* Latin-1, Latin Extended-A/B and Latin Extended Additional hold only
     * characters that NFC leaves alone; combining marks start at U+0300. */
    return !(cp < 0x0300 || (cp >= 0x1E00 && cp < 0x1F00));
}

int
an_is_lower(uint32_t cp)
{
    return u_islower((UChar32)cp);
}

int
an_is_upper(uint32_t cp)
{
    return u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
}

uint32_t
an_upper(uint32_t cp)
{
    return (uint32_t)u_toupper((UChar32)cp);
}
