/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze.c: the tokenizer and the per-token normalization described in an.h
 * (NFC, case folding, tone canonicalization, diacritic folding).
 */
#include "analyzers/an.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "analyzers/chars_internal.h"
#include "common/utf8.h"

/* Code points of one token under work; NFC never grows a token past twice. */
#define CPS_MAX (2 * AN_MAX_TOKEN)

/* ---------------------------------------------------------------------- */
/* Syllable structure and tone placement                                  */
/* ---------------------------------------------------------------------- */

static int
is_vowel(uint32_t c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case 0x0103: /* ă */
    case 0x00E2: /* â */
    case 0x00EA: /* ê */
    case 0x00F4: /* ô */
    case 0x01A1: /* ơ */
    case 0x01B0: /* ư */
        return 1;
    default:
        return 0;
    }
}

/* A vowel with a circumflex, breve or horn: it takes the tone first. */
static int
has_hat(uint32_t c)
{
    return is_vowel(c) && c >= 0x80;
}

static int
is_consonant(uint32_t c)
{
    return (c == 0x0111 || (c >= 'a' && c <= 'z')) && !is_vowel(c);
}

/* Length of the onset starting the syllable b[0 .. n), or -1 if the letters
 * before the first vowel are not a Vietnamese onset. */
static int
onset_len(const uint32_t *b, size_t n)
{
    static const char *const clusters[] = {"ngh", "ng", "nh", "ch", "gh", "kh", "ph", "th", "tr"};
    /* qu and gi are onsets when a vowel follows them: quý, già, giữa. */
    if (n >= 3 && ((b[0] == 'q' && b[1] == 'u') || (b[0] == 'g' && b[1] == 'i')) && is_vowel(b[2]))
        return 2;
    for (size_t k = 0; k < VK_ARRAY_LEN(clusters); k++) {
        size_t l = strlen(clusters[k]);
        if (l > n)
            continue;
        size_t j = 0;
        while (j < l && b[j] == (unsigned char)clusters[k][j])
            j++;
        if (j == l && l < n && is_vowel(b[l]))
            return (int)l;
    }
    if (n >= 1 && is_vowel(b[0]))
        return 0;
    if (n >= 2 && is_consonant(b[0]) && b[0] != 'q' && is_vowel(b[1]))
        return 1;
    return -1;
}

static int
is_coda(const uint32_t *b, size_t n)
{
    static const char *const codas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
    for (size_t k = 0; k < VK_ARRAY_LEN(codas); k++) {
        size_t l = strlen(codas[k]);
        if (l != n)
            continue;
        size_t j = 0;
        while (j < l && b[j] == (unsigned char)codas[k][j])
            j++;
        if (j == l)
            return 1;
    }
    return 0;
}

/* Index, within the nucleus v[0 .. nv), of the vowel that carries the tone. */
static size_t
tone_slot(const uint32_t *v, size_t nv, int has_coda)
{
    for (size_t k = nv; k-- > 0;) {
        if (has_hat(v[k]))
            return k;
    }
    if (has_coda || nv == 1)
        return nv - 1;
    if (nv == 3)
        return 1;
    if ((v[0] == 'o' && (v[1] == 'a' || v[1] == 'e')) || (v[0] == 'u' && v[1] == 'y'))
        return 1; /* new style: hoà, khoẻ, thuỷ */
    return 0;
}

int
an_syllable_canon(uint32_t *cps, size_t n)
{
    uint32_t base[16];
    if (n == 0 || n > VK_ARRAY_LEN(base))
        return 0;
    int tone = AN_TONE_NONE, tones = 0;
    for (size_t i = 0; i < n; i++) {
        const an_charinfo *ci = an_char(cps[i]);
        if (!ci)
            return 0;
        base[i] = ci->tone ? ci->untoned : cps[i];
        if (ci->tone) {
            tone = ci->tone;
            tones++;
        }
        if (!is_vowel(base[i]) && !is_consonant(base[i]))
            return 0;
    }
    int on = onset_len(base, n);
    if (on < 0 || tones > 1)
        return 0;
    size_t vs = (size_t)on, ve = vs;
    while (ve < n && is_vowel(base[ve]))
        ve++;
    if (ve == vs || ve - vs > 3 || !is_coda(base + ve, n - ve))
        return 0;
    if (tones == 0)
        return 1;
    size_t k = vs + tone_slot(base + vs, ve - vs, ve < n);
    for (size_t i = 0; i < n; i++)
        cps[i] = base[i];
    cps[k] = an_char_with_tone(base[k], tone);
    return 1;
}

/* ---------------------------------------------------------------------- */
/* Normalizing one token                                                  */
/* ---------------------------------------------------------------------- */

/* Runs ICU's NFC over cps[0 .. *n) in place. Leaves cps alone on any ICU
 * failure (the token is then kept as written). */
static void
nfc_in_place(uint32_t *cps, size_t *n)
{
    UChar src[2 * CPS_MAX], dst[2 * CPS_MAX];
    int32_t src_len = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF32(src, (int32_t)VK_ARRAY_LEN(src), &src_len, (const UChar32 *)cps, (int32_t)*n,
                   &err);
    if (U_FAILURE(err))
        return;
    err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return;
    err = U_ZERO_ERROR;
    int32_t dst_len = unorm2_normalize(nfc, src, src_len, dst, (int32_t)VK_ARRAY_LEN(dst), &err);
    if (U_FAILURE(err))
        return;
    UChar32 out[CPS_MAX];
    int32_t out_len = 0;
    err = U_ZERO_ERROR;
    u_strToUTF32(out, (int32_t)VK_ARRAY_LEN(out), &out_len, dst, dst_len, &err);
    if (U_FAILURE(err) || out_len < 0 || (size_t)out_len > CPS_MAX)
        return;
    for (int32_t i = 0; i < out_len; i++)
        cps[i] = (uint32_t)out[i];
    *n = (size_t)out_len;
}

/* Steps 1-3 of an.h on one token: NFC, case folding, tone placement.
 * Returns the token's kind. */
static an_kind
normalize_cps(uint32_t *cps, size_t *n)
{
    int need_nfc = 0, digits = 1;
    for (size_t i = 0; i < *n; i++) {
        need_nfc |= an_char_needs_nfc(cps[i]);
        if (cps[i] < '0' || cps[i] > '9')
            digits = 0;
    }
    if (digits)
        return AN_NUMBER;
    if (need_nfc)
        nfc_in_place(cps, n);
    for (size_t i = 0; i < *n; i++)
        cps[i] = an_char_fold(cps[i]);
    an_syllable_canon(cps, *n);
    return AN_WORD;
}

static vk_status
put_cp(vk_buf *b, uint32_t cp)
{
    char enc[4];
    size_t l = vk_utf8_encode(cp, enc);
    return l ? vk_buf_append(b, enc, l) : VK_OK;
}

/* Appends cps as UTF-8 to exact and their folded form to folded (either may
 * be NULL). */
static vk_status
put_forms(const uint32_t *cps, size_t n, vk_buf *exact, vk_buf *folded)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (exact && put_cp(exact, cp) != VK_OK)
            return VK_ENOMEM;
        if (!folded)
            continue;
        const an_charinfo *ci = an_char(cp);
        if (ci && ci->ascii) {
            if (vk_buf_putc(folded, (char)ci->ascii) != VK_OK)
                return VK_ENOMEM;
        } else if (u_charType((UChar32)cp) != U_NON_SPACING_MARK) {
            if (put_cp(folded, cp) != VK_OK)
                return VK_ENOMEM;
        }
    }
    return VK_OK;
}

/* Decodes s[0 .. len) into cps (at most CPS_MAX; invalid bytes become
 * U+FFFD). Returns the number of code points. */
static size_t
decode_all(const char *s, size_t len, uint32_t *cps)
{
    size_t i = 0, n = 0;
    while (i < len && n < CPS_MAX) {
        size_t l = vk_utf8_decode(s + i, len - i, &cps[n]);
        i += l ? l : 1;
        n++;
    }
    return n;
}

vk_status
an_normalize_word(const char *word, size_t len, vk_buf *exact, vk_buf *folded)
{
    uint32_t cps[CPS_MAX];
    size_t n = decode_all(word, len < AN_MAX_TOKEN ? len : AN_MAX_TOKEN, cps);
    normalize_cps(cps, &n);
    return put_forms(cps, n, exact, folded);
}

vk_status
an_fold_text(const char *text, size_t len, vk_buf *out)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(text + i, len - i, &cp);
        i += l ? l : 1;
        if (!l)
            continue;
        cp = an_char_fold(cp);
        if (put_forms(&cp, 1, NULL, out) != VK_OK)
            return VK_ENOMEM;
    }
    return VK_OK;
}

vk_status
an_casefold_text(const char *text, size_t len, vk_buf *out)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(text + i, len - i, &cp);
        i += l ? l : 1;
        if (l && put_cp(out, an_char_fold(cp)) != VK_OK)
            return VK_ENOMEM;
    }
    return VK_OK;
}

int
an_has_diacritics(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(text + i, len - i, &cp);
        i += l ? l : 1;
        if (!l || cp < 0x80)
            continue;
        if (u_charType((UChar32)cp) == U_NON_SPACING_MARK)
            return 1;
        const an_charinfo *ci = an_char(an_char_fold(cp));
        if (ci && ci->ascii)
            return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Tokenizer                                                              */
/* ---------------------------------------------------------------------- */

/* Byte offsets of a token's strings in the store while the store may still
 * move; turned into pointers once the text is done. */
typedef struct str_offs {
    size_t exact, exact_len, folded, folded_len;
} str_offs;

static vk_status
push_token(an_tokens *out, vk_buf *offs, const an_token *tok, const str_offs *so)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64, bytes;
        if (vk_size_mul(cap, sizeof *out->v, &bytes))
            return VK_ENOMEM;
        an_token *v = realloc(out->v, bytes);
        if (!v)
            return VK_ENOMEM;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = *tok;
    return vk_buf_append(offs, so, sizeof *so);
}

static vk_status
emit(an_tokens *out, vk_buf *offs, const char *text, size_t start, size_t end, uint32_t pos)
{
    uint32_t cps[CPS_MAX];
    size_t n = decode_all(text + start, end - start, cps);
    an_token tok = {.pos = pos, .start = start, .end = end};
    tok.kind = normalize_cps(cps, &n);
    str_offs so;
    so.exact = out->store.len;
    if (put_forms(cps, n, &out->store, NULL) != VK_OK)
        return VK_ENOMEM;
    so.exact_len = out->store.len - so.exact;
    so.folded = out->store.len;
    if (put_forms(cps, n, NULL, &out->store) != VK_OK)
        return VK_ENOMEM;
    so.folded_len = out->store.len - so.folded;
    if (so.exact_len == 0)
        return VK_OK;
    return push_token(out, offs, &tok, &so);
}

static void
resolve(an_tokens *out, const vk_buf *offs)
{
    const str_offs *so = (const str_offs *)(const void *)offs->data;
    for (size_t i = 0; i < out->n; i++) {
        out->v[i].exact = out->store.data + so[i].exact;
        out->v[i].exact_len = so[i].exact_len;
        out->v[i].folded = out->store.data + so[i].folded;
        out->v[i].folded_len = so[i].folded_len;
    }
}

vk_status
an_analyze(const char *text, size_t len, uint32_t first_pos, an_tokens *out)
{
    out->n = 0;
    vk_buf_clear(&out->store);
    vk_buf offs = VK_BUF_INIT;
    uint32_t pos = first_pos;
    size_t i = 0;
    vk_status rc = VK_OK;
    while (i < len && rc == VK_OK) {
        uint32_t cp;
        size_t l = vk_utf8_decode(text + i, len - i, &cp);
        if (!l || !an_char_is_word(cp)) {
            i += l ? l : 1;
            continue;
        }
        size_t start = i;
        while (i < len && i - start < AN_MAX_TOKEN) {
            l = vk_utf8_decode(text + i, len - i, &cp);
            if (!l || !an_char_is_word(cp) || i + l - start > AN_MAX_TOKEN)
                break;
            i += l;
        }
        rc = emit(out, &offs, text, start, i, pos);
        if (rc == VK_OK && out->n && out->v[out->n - 1].pos == pos)
            pos++;
    }
    if (rc == VK_OK)
        resolve(out, &offs);
    else
        out->n = 0;
    vk_buf_free(&offs);
    return rc;
}

void
an_tokens_free(an_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
    vk_buf_free(&t->store);
}
