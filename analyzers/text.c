/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * text.c: the text transforms of text.h: tone placement on one syllable, the
 * per-word normalization (NFC, case folding, tone canonicalization,
 * diacritic folding) and its whole-text forms.
 */
#include "analyzers/text.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "analyzers/chars_internal.h"
#include "analyzers/text_internal.h"
#include "common/utf8.h"

/* ---------------------------------------------------------------------- */
/* Syllable structure and tone placement                                  */
/* ---------------------------------------------------------------------- */

static int
is_vowel(uint32_t c)
{
    switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
    case 0x0103: /* ă */
    case 0x00E2: /* â */
    case 0x00EA: /* ê */
    case 0x00F4: /* ô */
    case 0x01A1: /* ơ */
    case 0x01B0: /* ư */ return 1;
    default: return 0;
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
    if (n >= 1 && is_vowel(b[0]))
        return 0;
    if (n < 2)
        return -1;
    /* qu and gi are onsets when a vowel follows them: quý, già, giữa. */
    if (n >= 3 && ((b[0] == 'q' && b[1] == 'u') || (b[0] == 'g' && b[1] == 'i')) && is_vowel(b[2]))
        return 2;
    size_t l = 1;
    switch (b[0]) {
    case 'n':
        if (b[1] == 'g')
            l = n >= 3 && b[2] == 'h' ? 3 : 2; /* ngh, ng */
        else if (b[1] == 'h')
            l = 2;
        break;
    case 'c':
    case 'g':
    case 'k':
    case 'p':
    case 't':
        if (b[1] == 'h' || (b[0] == 't' && b[1] == 'r'))
            l = 2; /* ch gh kh ph th tr */
        break;
    default: break;
    }
    if (l < n && is_vowel(b[l]) && (l > 1 || (is_consonant(b[0]) && b[0] != 'q')))
        return (int)l;
    return -1;
}

static int
is_coda(const uint32_t *b, size_t n)
{
    if (n == 0)
        return 1;
    if (n == 1)
        return b[0] == 'c' || b[0] == 'm' || b[0] == 'n' || b[0] == 'p' || b[0] == 't';
    if (n == 2)
        return (b[0] == 'c' && b[1] == 'h') || (b[0] == 'n' && (b[1] == 'g' || b[1] == 'h'));
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
            if (!is_vowel(base[i]))
                return 0; /* ñ, ǹ: not a Vietnamese tone mark */
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
    /* After h, k, l, m, s, t and qu, a lone final i and y are two spellings
     * of one syllable (lí/lý, kĩ/kỹ, tỉ/tỷ, qui/quy): keep y. */
    if (ve - vs == 1 && ve == n && base[vs] == 'i' &&
        ((on == 1 && strchr("hklmst", (int)base[0])) || (on == 2 && base[0] == 'q'))) {
        base[vs] = 'y';
        cps[vs] = 'y';
    }
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
    UChar src[2 * AN_CPS_MAX], dst[2 * AN_CPS_MAX];
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
    UChar32 out[AN_CPS_MAX];
    int32_t out_len = 0;
    err = U_ZERO_ERROR;
    u_strToUTF32(out, (int32_t)VK_ARRAY_LEN(out), &out_len, dst, dst_len, &err);
    if (U_FAILURE(err) || out_len < 0 || (size_t)out_len > AN_CPS_MAX)
        return;
    for (int32_t i = 0; i < out_len; i++)
        cps[i] = (uint32_t)out[i];
    *n = (size_t)out_len;
}

int
an_cps_normalize(uint32_t *cps, size_t *n)
{
    int need_nfc = 0, digits = 1;
    for (size_t i = 0; i < *n; i++) {
        need_nfc |= an_char_needs_nfc(cps[i]);
        if (cps[i] < '0' || cps[i] > '9')
            digits = 0;
    }
    if (digits)
        return 1;
    if (need_nfc)
        nfc_in_place(cps, n);
    for (size_t i = 0; i < *n; i++)
        cps[i] = an_char_fold(cps[i]);
    an_syllable_canon(cps, *n);
    return 0;
}

static vk_status
put_cp(vk_buf *b, uint32_t cp)
{
    char enc[4];
    size_t l = vk_utf8_encode(cp, enc);
    return l ? vk_buf_append(b, enc, l) : VK_OK;
}

size_t
an_cps_encode_exact(const uint32_t *cps, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] < 0x80)
            out[k++] = (char)cps[i];
        else
            k += vk_utf8_encode(cps[i], out + k);
    }
    return k;
}

size_t
an_cps_encode_folded(const uint32_t *cps, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (cp < 0x80) {
            out[k++] = (char)cp;
            continue;
        }
        const an_charinfo *ci = an_char(cp);
        if (ci && ci->ascii)
            out[k++] = (char)ci->ascii;
        else if (u_charType((UChar32)cp) != U_NON_SPACING_MARK)
            k += vk_utf8_encode(cp, out + k);
    }
    return k;
}

/* Appends cps as UTF-8 to exact and their folded form to folded (either may
 * be NULL). */
static vk_status
put_forms(const uint32_t *cps, size_t n, vk_buf *exact, vk_buf *folded)
{
    char buf[4 * AN_CPS_MAX];
    if (n > AN_CPS_MAX)
        n = AN_CPS_MAX;
    if (exact && vk_buf_append(exact, buf, an_cps_encode_exact(cps, n, buf)) != VK_OK)
        return VK_ENOMEM;
    if (folded && vk_buf_append(folded, buf, an_cps_encode_folded(cps, n, buf)) != VK_OK)
        return VK_ENOMEM;
    return VK_OK;
}

/* Decodes s[0 .. len) into cps (at most AN_CPS_MAX; invalid bytes become
 * U+FFFD). Returns the number of code points. */
static size_t
decode_all(const char *s, size_t len, uint32_t *cps)
{
    size_t i = 0, n = 0;
    while (i < len && n < AN_CPS_MAX) {
        size_t l = vk_utf8_decode(s + i, len - i, &cps[n]);
        i += l ? l : 1;
        n++;
    }
    return n;
}

vk_status
an_normalize_word(const char *word, size_t len, vk_buf *exact, vk_buf *folded)
{
    uint32_t cps[AN_CPS_MAX];
    size_t n = decode_all(word, len < AN_MAX_TOKEN ? len : AN_MAX_TOKEN, cps);
    an_cps_normalize(cps, &n);
    return put_forms(cps, n, exact, folded);
}

/* Code points below this bound have their folded form in fold_fast: the
 * Latin blocks, Vietnamese letters and general punctuation (quotes, dashes,
 * the ellipsis). */
#define FOLD_FAST_END 0x2100u

/* The folded form of one code point: an_char_fold, then the folded encoding
 * of put_forms (0 to 4 bytes). */
typedef struct fold_form {
    uint8_t len;
    char s[4];
} fold_form;

static fold_form fold_fast[FOLD_FAST_END];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void
build_fold_fast(void)
{
    for (uint32_t cp = 0; cp < FOLD_FAST_END; cp++) {
        uint32_t f = an_char_fold(cp);
        fold_fast[cp].len = (uint8_t)an_cps_encode_folded(&f, 1, fold_fast[cp].s);
    }
}

/* an_fold_char, the table built. */
static size_t
fold_one(uint32_t cp, char out[4])
{
    if (cp < FOLD_FAST_END) {
        memcpy(out, fold_fast[cp].s, 4);
        return fold_fast[cp].len;
    }
    cp = an_char_fold(cp);
    return an_cps_encode_folded(&cp, 1, out);
}

size_t
an_fold_char(uint32_t cp, char out[4])
{
    pthread_once(&fold_once, build_fold_fast);
    return fold_one(cp, out);
}

/* Folds text a code point at a time (an_fold_char), into a local buffer
 * appended to out when nearly full: ASCII, most of the text, takes the
 * short way (an_char_fold of ASCII is its lower case, encoded as
 * itself). */
vk_status
an_fold_text(const char *text, size_t len, vk_buf *out)
{
    char buf[1024];
    size_t k = 0, i = 0;
    pthread_once(&fold_once, build_fold_fast);
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            buf[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
        } else {
            uint32_t cp;
            size_t l = vk_utf8_decode_short(text + i, len - i, &cp);
            if (!l)
                l = vk_utf8_decode(text + i, len - i, &cp);
            i += l ? l : 1;
            if (l)
                k += fold_one(cp, buf + k);
        }
        if (k > sizeof buf - 8) {
            if (vk_buf_append(out, buf, k) != VK_OK)
                return VK_ENOMEM;
            k = 0;
        }
    }
    return k && vk_buf_append(out, buf, k) != VK_OK ? VK_ENOMEM : VK_OK;
}

/* NFC of n16 UTF-16 units of src into *dst (malloc'd, *dst_len units).
 * NFC can lengthen text threefold (U+FB2C is three code points; U+1D160
 * three pairs of surrogates): the output is sized by ICU's own count when a
 * first guess is short. Returns VK_OK, VK_ENOMEM, or VK_EINVAL (ICU failed). */
static vk_status
nfc_utf16(const UChar *src, int32_t n16, UChar **dst, int32_t *dst_len)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    int32_t cap = n16 < INT32_MAX / 2 ? 2 * n16 + 1 : INT32_MAX;
    *dst = NULL;
    for (int attempt = 0; attempt < 2 && !U_FAILURE(err); attempt++) {
        UChar *p = realloc(*dst, (size_t)cap * sizeof *p);
        if (!p) {
            free(*dst);
            *dst = NULL;
            return VK_ENOMEM;
        }
        *dst = p;
        *dst_len = unorm2_normalize(nfc, src, n16, *dst, cap, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR && !U_FAILURE(err))
            return VK_OK;
        if (err == U_BUFFER_OVERFLOW_ERROR && *dst_len < INT32_MAX) {
            err = U_ZERO_ERROR;
            cap = *dst_len + 1;
        }
    }
    free(*dst);
    *dst = NULL;
    return VK_EINVAL;
}

/* NFC of one line that needs it, through UTF-16; the line as it is if ICU
 * cannot read it (invalid UTF-8). */
static vk_status
nfc_line(const char *s, size_t len, vk_buf *out)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t n16 = 0;
    if (len > INT32_MAX / 2)
        return vk_buf_append(out, s, len);
    u_strFromUTF8(NULL, 0, &n16, s, (int32_t)len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return vk_buf_append(out, s, len); /* not valid UTF-8: leave it alone */
    size_t cap16 = (size_t)n16 + 1;
    UChar *src = malloc(cap16 * sizeof *src), *dst = NULL;
    if (!src)
        return VK_ENOMEM;
    err = U_ZERO_ERROR;
    u_strFromUTF8(src, (int32_t)cap16, &n16, s, (int32_t)len, &err);
    int32_t m = 0;
    vk_status rc = U_FAILURE(err) ? VK_EINVAL : nfc_utf16(src, n16, &dst, &m);
    int32_t n8 = 0;
    UErrorCode e2 = U_ZERO_ERROR;
    if (rc == VK_OK)
        u_strToUTF8(NULL, 0, &n8, dst, m, &e2);
    if (rc == VK_EINVAL || (rc == VK_OK && U_FAILURE(e2) && e2 != U_BUFFER_OVERFLOW_ERROR)) {
        rc = vk_buf_append(out, s, len);
    } else if (rc == VK_OK && (rc = vk_buf_reserve(out, (size_t)n8)) == VK_OK) {
        e2 = U_ZERO_ERROR;
        u_strToUTF8(out->data + out->len, n8 + 1, NULL, dst, m, &e2);
        out->len += (size_t)n8;
        out->data[out->len] = '\0';
    }
    free(src);
    free(dst);
    return rc;
}

vk_status
an_nfc_text(const char *text, size_t len, vk_buf *out)
{
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) + 1 : len, k = i;
        int need = 0;
        while (k < end && !need) {
            uint32_t cp;
            size_t l = (unsigned char)text[k] < 0x80 ? (cp = (unsigned char)text[k], 1)
                                                     : vk_utf8_decode(text + k, end - k, &cp);
            need = l && an_char_needs_nfc(cp);
            k += l ? l : 1;
        }
        vk_status rc =
            need ? nfc_line(text + i, end - i, out) : vk_buf_append(out, text + i, end - i);
        if (rc != VK_OK)
            return rc;
        i = end;
    }
    return VK_OK;
}

/* The syllable cps[0 .. n) with its tone placed by rule, case kept;
 * returns 1 if anything changed. */
static int
recanon(uint32_t *cps, size_t n)
{
    uint32_t low[AN_CPS_MAX];
    int upper[AN_CPS_MAX];
    if (n > AN_CPS_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        upper[i] = an_is_upper(cps[i]) != 0;
        low[i] = an_char_fold(cps[i]);
    }
    uint32_t before[AN_CPS_MAX];
    memcpy(before, low, n * sizeof *low);
    if (!an_syllable_canon(low, n) || memcmp(before, low, n * sizeof *low) == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        cps[i] = upper[i] ? an_upper(low[i]) : low[i];
    return 1;
}

vk_status
an_canon_text(const char *text, size_t len, vk_buf *out)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cps[AN_CPS_MAX], cp;
        size_t start = i, n = 0, l;
        while (i < len && n < AN_CPS_MAX && (l = vk_utf8_decode(text + i, len - i, &cp)) > 0 &&
               an_char_is_word(cp)) {
            cps[n++] = cp;
            i += l;
        }
        if (n == 0) { /* not a word character: copied */
            l = vk_utf8_decode(text + i, len - i, &cp);
            i += l ? l : 1;
            if (vk_buf_append(out, text + start, i - start) != VK_OK)
                return VK_ENOMEM;
            continue;
        }
        char enc[4 * AN_CPS_MAX];
        vk_status rc = recanon(cps, n) ? vk_buf_append(out, enc, an_cps_encode_exact(cps, n, enc))
                                       : vk_buf_append(out, text + start, i - start);
        if (rc != VK_OK)
            return rc;
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

int
an_is_vi_syllable(const char *folded, size_t len)
{
    uint32_t b[16];
    if (len == 0 || len > VK_ARRAY_LEN(b))
        return 0;
    for (size_t i = 0; i < len; i++) {
        b[i] = (unsigned char)folded[i];
        /* Vietnamese writes no f, j, w or z. */
        if (b[i] < 'a' || b[i] > 'z' || b[i] == 'f' || b[i] == 'j' || b[i] == 'w' || b[i] == 'z')
            return 0;
    }
    int on = onset_len(b, len);
    if (on < 0)
        return 0;
    size_t e = (size_t)on;
    while (e < len && is_vowel(b[e]))
        e++;
    /* k ends the names of the Central Highlands: Đắk Lắk. */
    return e - (size_t)on <= 3 && (is_coda(b + e, len - e) || (e + 1 == len && b[e] == 'k'));
}
