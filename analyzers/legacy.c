/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * legacy.c: detection of pre-Unicode Vietnamese encodings and their
 * conversion to NFC UTF-8 (see legacy.h). Decoders emit code points into a
 * sink: either ICU's NFC and a vk_buf (an_decode), or a scorer that counts
 * well-formed Vietnamese syllables without allocating (an_detect_encoding).
 */
#include "analyzers/legacy.h"

#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "analyzers/chars_internal.h"
#include "analyzers/text.h"
#include "common/utf8.h"

/* A letter found in no Vietnamese syllable: scoring tables put it where a
 * byte is not a letter of the encoding, so that the word counts as foreign.
 * U+FFFF is a noncharacter; no decoding table holds it. */
#define NOT_VN 0xFFFFu

/* ---------------------------------------------------------------------- */
/* Single-byte tables, read once from glibc iconv and ICU                 */
/* ---------------------------------------------------------------------- */

static struct {
    uint16_t tcvn3[256];        /* VN3; bytes VN3 leaves free keep their VN1 meaning */
    uint16_t tcvn3_strict[256]; /* as tcvn3, NOT_VN for letters VN3 does not have */
    uint16_t viscii[256];       /* VISCII, C0 letters included */
    uint16_t cp1258[256];       /* Windows-1258, tone marks as combining characters */
    uint16_t cp1252[256];       /* Windows-1252 (ICU gives C1 controls for unused bytes) */
    int have_tcvn3, have_viscii, have_cp1258, have_cp1252; /* converter was found */
    const UNormalizer2 *nfc; /* ICU's NFC instance, NULL if ICU has no data */
} tabs;
static pthread_once_t tabs_once = PTHREAD_ONCE_INIT;

/* Fills t from glibc iconv, one byte at a time. Returns 0 if iconv lacks the
 * charset. Bytes it rejects become U+FFFD. */
static int
table_from_iconv(const char *charset, uint16_t t[256])
{
    iconv_t cd = iconv_open("UTF-32LE", charset);
    if (cd == (iconv_t)-1)
        return 0;
    for (int b = 0; b < 256; b++) {
        char in[1] = {(char)b};
        unsigned char got[16];
        char *ip = in, *op = (char *)got;
        size_t il = 1, ol = sizeof got;
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        /* TCVN5712-1 holds a letter back in case a combining mark follows. */
        if (r != (size_t)-1)
            r = iconv(cd, NULL, NULL, &op, &ol);
        uint32_t cp = 0xFFFD;
        if (r != (size_t)-1 && sizeof got - ol == 4)
            cp = got[0] | (uint32_t)got[1] << 8 | (uint32_t)got[2] << 16 | (uint32_t)got[3] << 24;
        t[b] = (uint16_t)(cp <= 0xFFFF && cp != NOT_VN ? cp : 0xFFFD);
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return 1;
}

/* Fills t from an ICU converter. Returns 0 if ICU lacks it. */
static int
table_from_icu(const char *name, uint16_t t[256])
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &err);
    if (U_FAILURE(err))
        return 0;
    for (int b = 0; b < 256; b++) {
        char in = (char)b;
        UChar u[4];
        err = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(cv, u, 4, &in, 1, &err);
        t[b] = (U_SUCCESS(err) && n == 1 && u[0] != NOT_VN) ? u[0] : 0xFFFD;
    }
    ucnv_close(cv);
    return 1;
}

/* TCVN3 (VN3) from glibc's TCVN5712-1 (VN1). VN3 keeps ASCII and the C0 and
 * C1 controls: VN1's capitals at 0x01-0x17 go, and 0x80-0x9F, which Windows
 * documents typed in .Vn fonts fill with Windows-1252 punctuation (smart
 * quotes, dashes), are read as Windows-1252. VN1's upper-case toned letters
 * and combining marks in 0xA0-0xFF are kept for decoding (VN3 leaves those
 * bytes free), but mark a word as foreign when scoring. */
static void
build_tcvn3(void)
{
    tabs.have_tcvn3 = table_from_iconv("TCVN5712-1", tabs.tcvn3);
    for (int b = 0; b < 0xA0; b++)
        tabs.tcvn3[b] = b < 0x80 ? (uint16_t)b : tabs.cp1252[b];
    for (int b = 0; b < 256; b++) {
        uint32_t cp = tabs.tcvn3[b];
        const an_charinfo *ci = an_char(cp);
        int foreign = 0;
        if (b >= 0x80 && b < 0xA0)
            foreign = u_isalpha((UChar32)cp); /* Š Œ Ž š œ ž Ÿ ƒ */
        else if (b >= 0xA0)
            foreign = u_charType((UChar32)cp) == U_NON_SPACING_MARK ||
                      (ci && ci->tone && an_is_upper(cp));
        tabs.tcvn3_strict[b] = foreign ? (uint16_t)NOT_VN : (uint16_t)cp;
    }
}

static void
build_tables(void)
{
    UErrorCode err = U_ZERO_ERROR;
    tabs.nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        tabs.nfc = NULL;
    tabs.have_cp1252 = table_from_icu("windows-1252", tabs.cp1252);
    if (!tabs.have_cp1252) {
        for (int b = 0; b < 256; b++)
            tabs.cp1252[b] = (uint16_t)b; /* Latin-1 */
    }
    tabs.have_cp1258 = table_from_icu("windows-1258", tabs.cp1258);
    tabs.have_viscii = table_from_iconv("VISCII", tabs.viscii);
    build_tcvn3();
}

/* Whether an_decode can read encoding e here. */
static int
available(an_encoding e)
{
    pthread_once(&tabs_once, build_tables);
    if (!tabs.nfc)
        return 0;
    switch (e) {
    case AN_ENC_UTF8: return 1;
    case AN_ENC_TCVN3: return tabs.have_tcvn3;
    case AN_ENC_VNI: return 1;
    case AN_ENC_VISCII: return tabs.have_viscii;
    case AN_ENC_CP1258: return tabs.have_cp1258;
    case AN_ENC_TCVN3_MOJIBAKE: return tabs.have_tcvn3 && tabs.have_cp1252;
    default: return 0;
    }
}

/* The Windows-1252 byte of cp, if it has one: returns 1 and sets *b. */
static int
to_cp1252(uint32_t cp, unsigned char *b)
{
    /* C1 controls too: text extracted as Latin-1 rather than Windows-1252. */
    if ((cp >= 0x80 && cp < 0xA0) || (cp < 0x100 && tabs.cp1252[cp] == cp)) {
        *b = (unsigned char)cp;
        return 1;
    }
    for (int i = 0x80; i < 0xA0; i++) {
        if (tabs.cp1252[i] == cp) {
            *b = (unsigned char)i;
            return 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Decoders                                                               */
/* ---------------------------------------------------------------------- */

/* Where decoders send code points; put returns nonzero to stop decoding. */
typedef struct emitter {
    int (*put)(void *ctx, uint32_t cp);
    void *ctx;
} emitter;

static void
decode_sbcs(const unsigned char *s, size_t len, const uint16_t *t, const emitter *em)
{
    for (size_t i = 0; i < len; i++) {
        if (em->put(em->ctx, t[s[i]]))
            return;
    }
}

/* Strict UTF-8; each invalid byte becomes U+FFFD. */
static void
decode_utf8(const char *s, size_t len, const emitter *em)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        i += l ? l : 1;
        if (em->put(em->ctx, cp))
            return;
    }
}

/* UTF-8 whose characters are Windows-1252 renderings of TCVN3 bytes: each
 * character goes back to its byte and through t; others pass unchanged. */
static void
decode_mojibake(const char *s, size_t len, const uint16_t *t, const emitter *em)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        unsigned char b;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        i += l ? l : 1;
        if (cp >= 0x80 && to_cp1252(cp, &b))
            cp = t[b];
        if (em->put(em->ctx, cp))
            return;
    }
}

/*
 * VNI-Windows. A vowel is a base letter (a e o u y, or ơ ư, which are single
 * bytes) followed by a mark byte; i with a tone, ỵ, ơ, ư and đ are single
 * bytes. Upper case uses the same layout 0x20 lower (Ù for ù). The layout is
 * VNI's published one as in the tables of Unikey and xvnkb (DOMAIN.md §3).
 */
enum { HAT_NONE = 0, HAT_CIRC, HAT_BREVE, HAT_HORN, HAT_STROKE };
enum { VNI_NONE = 0, VNI_MARK, VNI_LETTER };

typedef struct vni_code {
    uint8_t kind; /* VNI_MARK (follows a base letter), VNI_LETTER (a letter alone) */
    uint8_t base; /* VNI_LETTER: its ASCII base letter */
    uint8_t hat;  /* HAT_* added by the mark, or carried by the letter */
    uint8_t tone; /* AN_TONE_* */
} vni_code;

/* Lower-case bytes 0xE0-0xFF; upper case is 0xC0-0xDF. */
static const vni_code vni_codes[32] = {
    [0xE2 - 0xE0] = {VNI_MARK, 0, HAT_CIRC, AN_TONE_NONE},       /* â: aâ = â */
    [0xE1 - 0xE0] = {VNI_MARK, 0, HAT_CIRC, AN_TONE_ACUTE},      /* á: aá = ấ */
    [0xE0 - 0xE0] = {VNI_MARK, 0, HAT_CIRC, AN_TONE_GRAVE},      /* à: aà = ầ */
    [0xE5 - 0xE0] = {VNI_MARK, 0, HAT_CIRC, AN_TONE_HOOK},       /* å: aå = ẩ */
    [0xE3 - 0xE0] = {VNI_MARK, 0, HAT_CIRC, AN_TONE_TILDE},      /* ã: aã = ẫ */
    [0xE4 - 0xE0] = {VNI_MARK, 0, HAT_CIRC, AN_TONE_DOT},        /* ä: aä = ậ */
    [0xEA - 0xE0] = {VNI_MARK, 0, HAT_BREVE, AN_TONE_NONE},      /* ê: aê = ă */
    [0xE9 - 0xE0] = {VNI_MARK, 0, HAT_BREVE, AN_TONE_ACUTE},     /* é: aé = ắ */
    [0xE8 - 0xE0] = {VNI_MARK, 0, HAT_BREVE, AN_TONE_GRAVE},     /* è: aè = ằ */
    [0xFA - 0xE0] = {VNI_MARK, 0, HAT_BREVE, AN_TONE_HOOK},      /* ú: aú = ẳ */
    [0xFC - 0xE0] = {VNI_MARK, 0, HAT_BREVE, AN_TONE_TILDE},     /* ü: aü = ẵ */
    [0xEB - 0xE0] = {VNI_MARK, 0, HAT_BREVE, AN_TONE_DOT},       /* ë: aë = ặ */
    [0xF9 - 0xE0] = {VNI_MARK, 0, HAT_NONE, AN_TONE_ACUTE},      /* ù: aù = á */
    [0xF8 - 0xE0] = {VNI_MARK, 0, HAT_NONE, AN_TONE_GRAVE},      /* ø: aø = à */
    [0xFB - 0xE0] = {VNI_MARK, 0, HAT_NONE, AN_TONE_HOOK},       /* û: aû = ả */
    [0xF5 - 0xE0] = {VNI_MARK, 0, HAT_NONE, AN_TONE_TILDE},      /* õ: aõ = ã */
    [0xEF - 0xE0] = {VNI_MARK, 0, HAT_NONE, AN_TONE_DOT},        /* ï: aï = ạ */
    [0xF4 - 0xE0] = {VNI_LETTER, 'o', HAT_HORN, AN_TONE_NONE},   /* ô = ơ, and a base */
    [0xF6 - 0xE0] = {VNI_LETTER, 'u', HAT_HORN, AN_TONE_NONE},   /* ö = ư, and a base */
    [0xF1 - 0xE0] = {VNI_LETTER, 'd', HAT_STROKE, AN_TONE_NONE}, /* ñ = đ */
    [0xED - 0xE0] = {VNI_LETTER, 'i', HAT_NONE, AN_TONE_ACUTE},  /* í = í */
    [0xEC - 0xE0] = {VNI_LETTER, 'i', HAT_NONE, AN_TONE_GRAVE},  /* ì = ì */
    [0xE6 - 0xE0] = {VNI_LETTER, 'i', HAT_NONE, AN_TONE_HOOK},   /* æ = ỉ */
    [0xF3 - 0xE0] = {VNI_LETTER, 'i', HAT_NONE, AN_TONE_TILDE},  /* ó = ĩ */
    [0xF2 - 0xE0] = {VNI_LETTER, 'i', HAT_NONE, AN_TONE_DOT},    /* ò = ị */
    [0xEE - 0xE0] = {VNI_LETTER, 'y', HAT_NONE, AN_TONE_DOT},    /* î = ỵ */
};

/* The VNI code of byte b (NULL if none); *upper tells its case. */
static const vni_code *
vni_code_of(unsigned char b, int *upper)
{
    if (b < 0xC0)
        return NULL;
    if (upper)
        *upper = b < 0xE0;
    const vni_code *c = &vni_codes[(b | 0x20) - 0xE0];
    return c->kind ? c : NULL;
}

/* The lower-case letter base + hat + tone, or 0 if there is none. */
static uint32_t
compose(uint32_t base, int hat, int tone)
{
    uint32_t c = base;
    switch (hat) {
    case HAT_NONE: break;
    case HAT_CIRC: c = base == 'a' ? 0xE2 : base == 'e' ? 0xEA : base == 'o' ? 0xF4 : 0; break;
    case HAT_BREVE: c = base == 'a' ? 0x0103 : 0; break;
    case HAT_HORN: c = base == 'o' ? 0x01A1 : base == 'u' ? 0x01B0 : 0; break;
    case HAT_STROKE: c = base == 'd' ? 0x0111 : 0; break;
    default: c = 0;
    }
    if (c == 0 || tone == AN_TONE_NONE)
        return c;
    uint32_t t = an_char_with_tone(c, tone);
    return t != c ? t : 0;
}

/* Reads one VNI letter at s[0 .. len), two bytes first: returns the bytes
 * used (0 if s[0] starts no VNI letter) and sets *cp. */
static size_t
vni_letter(const unsigned char *s, size_t len, uint32_t *cp)
{
    int upper = 0;
    uint32_t base = 0;
    int hat = HAT_NONE;
    const vni_code *c = vni_code_of(s[0], &upper);
    if (c && c->kind == VNI_LETTER && c->hat == HAT_HORN) {
        base = c->base, hat = HAT_HORN;
    } else if (!c && s[0] != '\0' && s[0] < 0x80 && strchr("aeouyAEOUY", s[0])) {
        base = s[0] | 0x20, upper = s[0] < 'a';
    }
    const vni_code *m = len >= 2 ? vni_code_of(s[1], NULL) : NULL;
    if (base && m && m->kind == VNI_MARK && (m->hat == HAT_NONE || hat == HAT_NONE)) {
        uint32_t l = compose(base, m->hat != HAT_NONE ? m->hat : hat, m->tone);
        if (l) {
            *cp = upper ? (uint32_t)u_toupper((UChar32)l) : l;
            return 2;
        }
    }
    if (c && c->kind == VNI_LETTER) {
        uint32_t l = compose(c->base, c->hat, c->tone);
        *cp = upper ? (uint32_t)u_toupper((UChar32)l) : l;
        return 1;
    }
    return 0;
}

/* VNI-Windows. A byte that starts no letter is read as Windows-1252 (VNI
 * fonts keep its punctuation); when scoring, a letter there is NOT_VN. */
static void
decode_vni(const unsigned char *s, size_t len, int scoring, const emitter *em)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t used = vni_letter(s + i, len - i, &cp);
        if (used) {
            i += used;
        } else {
            cp = s[i] < 0x80 ? s[i] : tabs.cp1252[s[i]];
            if (scoring && s[i] >= 0x80 && u_isalpha((UChar32)cp))
                cp = NOT_VN;
            i++;
        }
        if (em->put(em->ctx, cp))
            return;
    }
}

/* Runs the decoder of e over data. scoring selects the strict tables. */
static void
run_decoder(an_encoding e, const char *data, size_t len, int scoring, const emitter *em)
{
    const unsigned char *u = (const unsigned char *)data;
    const uint16_t *tcvn3 = scoring ? tabs.tcvn3_strict : tabs.tcvn3;
    switch (e) {
    case AN_ENC_UTF8: decode_utf8(data, len, em); break;
    case AN_ENC_TCVN3: decode_sbcs(u, len, tcvn3, em); break;
    case AN_ENC_VNI: decode_vni(u, len, scoring, em); break;
    case AN_ENC_VISCII: decode_sbcs(u, len, tabs.viscii, em); break;
    case AN_ENC_CP1258: decode_sbcs(u, len, tabs.cp1258, em); break;
    case AN_ENC_TCVN3_MOJIBAKE: decode_mojibake(data, len, tcvn3, em); break;
    default: break;
    }
}

/* ---------------------------------------------------------------------- */
/* NFC output                                                             */
/* ---------------------------------------------------------------------- */

/* UTF-16 units gathered before normalizing; NFC at most triples a string
 * (UAX #15, table of maximum expansion factors), which sizes the output. */
#define NFC_CHUNK 2048

typedef struct nfc_out {
    vk_buf *out;          /* where UTF-8 goes */
    vk_status st;         /* first failure */
    int32_t n;            /* units in src */
    UChar src[NFC_CHUNK]; /* not yet normalized */
} nfc_out;

/* Normalizes src[0 .. n) and appends it to o->out as UTF-8. */
static vk_status
nfc_write(nfc_out *o, const UChar *src, int32_t n)
{
    UChar dst[3 * NFC_CHUNK];
    UErrorCode err = U_ZERO_ERROR;
    int32_t m = unorm2_normalize(tabs.nfc, src, n, dst, (int32_t)VK_ARRAY_LEN(dst), &err);
    if (U_FAILURE(err))
        return err == U_MEMORY_ALLOCATION_ERROR ? VK_ENOMEM : VK_EENCODING;
    vk_buf *b = o->out;
    size_t cap = 3 * (size_t)m; /* UTF-8 bytes per UTF-16 unit, at most */
    if (vk_buf_reserve(b, cap) != VK_OK)
        return VK_ENOMEM;
    int32_t written = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8WithSub(b->data + b->len, (int32_t)cap, &written, dst, m, 0xFFFD, NULL, &err);
    if (U_FAILURE(err))
        return VK_EENCODING;
    b->len += (size_t)written;
    b->data[b->len] = '\0';
    return VK_OK;
}

/* Normalizes what is gathered. Unless final, keeps back the units after the
 * last normalization boundary, which may still compose with what follows. */
static vk_status
nfc_flush(nfc_out *o, int final)
{
    int32_t k = o->n;
    if (!final) {
        for (k = o->n - 1; k > 0; k--) {
            if (!U16_IS_SURROGATE(o->src[k]) && unorm2_hasBoundaryBefore(tabs.nfc, o->src[k]))
                break;
        }
        if (k == 0)
            k = o->n; /* a chunk of marks with no starter: cut it anyway */
    }
    vk_status st = nfc_write(o, o->src, k);
    memmove(o->src, o->src + k, (size_t)(o->n - k) * sizeof o->src[0]);
    o->n -= k;
    return st;
}

static int
nfc_put(void *ctx, uint32_t cp)
{
    nfc_out *o = ctx;
    if (o->n + 2 > NFC_CHUNK) {
        o->st = nfc_flush(o, 0);
        if (o->st == VK_OK && o->n + 2 > NFC_CHUNK)
            o->st = nfc_flush(o, 1); /* the last boundary was too early */
        if (o->st != VK_OK)
            return 1;
    }
    if (cp > 0xFFFF) {
        o->src[o->n++] = U16_LEAD(cp);
        o->src[o->n++] = U16_TRAIL(cp);
    } else {
        o->src[o->n++] = (UChar)cp;
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Vietnamese syllables                                                   */
/* ---------------------------------------------------------------------- */

/* Longest word looked at; longer ones are not syllables. */
#define WORD_MAX 32

/*
 * Vowel nuclei of Vietnamese syllables without their tone, after the onset
 * (qu and gi before a vowel are onsets), with whether the syllable may end
 * there (open) or needs a final consonant (closed). From the rhyme table of
 * Vietnamese (vi.wikipedia, "Vần"). With the spelling rules below, all but 3
 * of the 5952 words with diacritics in hunspell-vi 1:2.2.0 pass is_syllable
 * (HĐND, palăng, têt).
 */
enum { OPEN = 1, CLOSED = 2, BOTH = 3 };

typedef struct nucleus {
    uint16_t v[3]; /* vowels, 0-padded */
    uint8_t ends;  /* OPEN, CLOSED or BOTH */
} nucleus;

#define A_ 'a'
#define AW 0x0103 /* ă */
#define AA 0x00E2 /* â */
#define E_ 'e'
#define EE 0x00EA /* ê */
#define I_ 'i'
#define O_ 'o'
#define OO 0x00F4 /* ô */
#define OW 0x01A1 /* ơ */
#define U_ 'u'
#define UW 0x01B0 /* ư */
#define Y_ 'y'

static const nucleus nuclei[] = {
    {{A_}, BOTH},         {{AW}, CLOSED},       {{AA}, CLOSED},         {{E_}, BOTH},
    {{EE}, BOTH},         {{I_}, BOTH},         {{O_}, BOTH},           {{OO}, BOTH},
    {{OW}, BOTH},         {{U_}, BOTH},         {{UW}, BOTH},           {{Y_}, BOTH},
    {{A_, I_}, OPEN},     {{A_, O_}, OPEN},     {{A_, U_}, OPEN},       {{A_, Y_}, OPEN},
    {{AA, U_}, OPEN},     {{AA, Y_}, OPEN},     {{E_, O_}, OPEN},       {{EE, U_}, OPEN},
    {{I_, A_}, OPEN},     {{I_, U_}, OPEN},     {{O_, I_}, OPEN},       {{OO, I_}, OPEN},
    {{OW, I_}, OPEN},     {{U_, A_}, OPEN},     {{U_, I_}, OPEN},       {{UW, A_}, OPEN},
    {{UW, I_}, OPEN},     {{UW, U_}, OPEN},     {{U_, OW}, OPEN},       {{O_, A_}, BOTH},
    {{O_, E_}, BOTH},     {{U_, EE}, BOTH},     {{U_, Y_}, BOTH},       {{I_, EE}, CLOSED},
    {{Y_, EE}, CLOSED},   {{U_, OO}, CLOSED},   {{UW, OW}, CLOSED},     {{O_, AW}, CLOSED},
    {{U_, AA}, CLOSED},   {{O_, O_}, CLOSED},   {{I_, EE, U_}, OPEN},   {{Y_, EE, U_}, OPEN},
    {{O_, A_, I_}, OPEN}, {{O_, A_, Y_}, OPEN}, {{O_, A_, O_}, OPEN},   {{O_, E_, O_}, OPEN},
    {{U_, AA, Y_}, OPEN}, {{U_, OO, I_}, OPEN}, {{UW, OW, I_}, OPEN},   {{UW, OW, U_}, OPEN},
    {{U_, Y_, A_}, OPEN}, {{U_, Y_, U_}, OPEN}, {{U_, Y_, EE}, CLOSED},
};

static int
is_vowel(uint32_t c)
{
    return c == A_ || c == AW || c == AA || c == E_ || c == EE || c == I_ || c == O_ || c == OO ||
           c == OW || c == U_ || c == UW || c == Y_;
}

/* Whether v[0 .. m) is a nucleus, open (no final consonant) or not. */
static int
nucleus_fits(const uint32_t *v, size_t m, int closed)
{
    for (size_t k = 0; k < VK_ARRAY_LEN(nuclei); k++) {
        const nucleus *nu = &nuclei[k];
        size_t len = nu->v[2] ? 3 : nu->v[1] ? 2 : 1;
        if (len != m || !(nu->ends & (closed ? CLOSED : OPEN)))
            continue;
        size_t j = 0;
        while (j < m && v[j] == nu->v[j])
            j++;
        if (j == m)
            return 1;
    }
    return 0;
}

static int
letters_are(const uint32_t *c, size_t n, const char *s)
{
    size_t j = 0;
    while (j < n && s[j] && c[j] == (unsigned char)s[j])
        j++;
    return j == n && s[j] == '\0';
}

/* Spelling rules between the parts of an untoned syllable c[0 .. n) with
 * onset c[0 .. vs), nucleus c[vs .. ve) and tone: k, gh, ngh before i e ê
 * (y), c, g, ng elsewhere; ch and nh only after a ê i y; and a syllable
 * ending in p t c ch takes only the sắc or nặng tone. */
static int
spelling_fits(const uint32_t *c, size_t vs, size_t ve, size_t n, int tone)
{
    uint32_t v = c[vs], last = c[ve - 1];
    int front = v == I_ || v == E_ || v == EE || v == Y_;
    if (letters_are(c, vs, "k") && !front)
        return 0;
    if ((letters_are(c, vs, "c") || letters_are(c, vs, "ng")) && front)
        return 0;
    if ((letters_are(c, vs, "gh") || letters_are(c, vs, "ngh")) && (!front || v == Y_))
        return 0;
    if (letters_are(c, vs, "g") && (v == E_ || v == EE || v == Y_))
        return 0;
    const uint32_t *coda = c + ve;
    size_t nc = n - ve;
    int ch = letters_are(coda, nc, "ch"), nh = letters_are(coda, nc, "nh");
    if ((ch || nh) && !(last == A_ || last == EE || last == I_ || last == Y_))
        return 0;
    if (ch || letters_are(coda, nc, "p") || letters_are(coda, nc, "t") ||
        letters_are(coda, nc, "c"))
        return tone == AN_TONE_ACUTE || tone == AN_TONE_DOT;
    return 1;
}

/* Whether the lower-case NFC word w[0 .. n) is a well-formed syllable: its
 * tone is on a vowel (canon would move ñ's tilde to the vowel), it parses
 * for an_syllable_canon, its vowels are a nucleus that fits, and its parts
 * are spelled as Vietnamese spells them. */
static int
is_syllable(const uint32_t *w, size_t n)
{
    uint32_t c[16];
    int tone = AN_TONE_NONE;
    if (n == 0 || n > VK_ARRAY_LEN(c))
        return 0;
    for (size_t i = 0; i < n; i++) {
        const an_charinfo *ci = an_char(w[i]);
        if (!ci || (ci->tone && !is_vowel(ci->untoned)))
            return 0;
        if (ci->tone)
            tone = ci->tone;
    }
    memcpy(c, w, n * sizeof c[0]);
    if (!an_syllable_canon(c, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        c[i] = an_char(c[i])->untoned; /* canon accepted only table letters */
    size_t vs = 0;
    if (n >= 3 && ((c[0] == 'q' && c[1] == 'u') || (c[0] == 'g' && c[1] == 'i')) && is_vowel(c[2]))
        vs = 2;
    while (vs < n && !is_vowel(c[vs]))
        vs++;
    size_t ve = vs;
    while (ve < n && is_vowel(c[ve]))
        ve++;
    return nucleus_fits(c + vs, ve - vs, ve < n) && spelling_fits(c, vs, ve, n, tone);
}

/* ---------------------------------------------------------------------- */
/* Restoring TCVN3 capitals                                               */
/* ---------------------------------------------------------------------- */

/* A lower-case toned vowel: TCVN3 has no upper-case code for it. */
static int
is_restorable(uint32_t cp)
{
    const an_charinfo *ci = an_char(cp);
    return ci && ci->tone && an_is_lower(cp);
}

/* Kinds of words, by the case of their letters. */
enum {
    W_NONE = 0, /* no letter with case (a number) */
    W_LOWER,    /* a lower-case letter TCVN3 could have written in upper case */
    W_UPPER,    /* a syllable in upper case but for toned vowels: "NGHị", "ủY" */
    W_ACRONYM,  /* upper case, not a syllable: "NQ", "UBND", "XIII" */
    W_WEAK      /* one capital first, or none, then toned vowels: "Mỹ" ("MỸ"?), "ở", "A" */
};

static int
word_class(const char *s, size_t len)
{
    size_t restorable = 0, upper = 0, lower = 0, i = 0, n = 0;
    int first_upper = 0;
    uint32_t folded[WORD_MAX];
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l)
            l = 1;
        else if (is_restorable(cp))
            restorable++;
        else if (an_is_upper(cp))
            first_upper |= (upper++ == 0 && restorable == 0);
        else if (an_is_lower(cp))
            lower++;
        if (l && n < WORD_MAX)
            folded[n++] = an_char_fold(cp);
        i += l;
    }
    if (lower)
        return W_LOWER;
    if (upper > 1 || (upper == 1 && !first_upper))
        return is_syllable(folded, n) ? W_UPPER : W_ACRONYM;
    return upper || restorable ? W_WEAK : W_NONE;
}

static void
upcase_toned(char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        char enc[4];
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l) {
            i++;
            continue;
        }
        /* Vietnamese case pairs have equal UTF-8 lengths; check anyway. */
        if (is_restorable(cp) && vk_utf8_encode((uint32_t)u_toupper((UChar32)cp), enc) == l)
            memcpy(s + i, enc, l);
        i += l;
    }
}

/* Finds the next word (run of letters, marks, digits) at or after *pos. */
static int
next_word(const char *s, size_t len, size_t *pos, size_t *ws, size_t *we)
{
    size_t i = *pos;
    int in = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        int w = l && an_char_is_word(cp);
        if (w && !in)
            *ws = i, in = 1;
        else if (!w && in)
            break;
        i += l ? l : 1;
    }
    *we = i;
    *pos = i;
    return in;
}

/* Whether a run of weak words between words of classes left and right
 * (W_NONE: the text ends) is upper case: no lower-case word on either side
 * and an upper-case one on at least one. */
static int
bracketed(int left, int right)
{
    return (left == W_UPPER || left == W_NONE) && (right == W_UPPER || right == W_NONE) &&
           (left == W_UPPER || right == W_UPPER);
}

/* Applies the capital heuristic of legacy.h to s[0 .. len) in place: toned
 * vowels of upper-case words are upper-cased, and so are those of runs of
 * weak words that upper-case words bracket ("TRụ Sở ở Hà NộI"). Numbers
 * and acronyms, which mixed-case text has too ("Số 28-NQ/TW"), neither
 * break nor bracket a run. */
static void
restore_capitals(char *s, size_t len)
{
    size_t pos = 0, ws = 0, we = 0, run_start = 0, run_end = 0;
    int left = W_NONE, in_run = 0;
    while (next_word(s, len, &pos, &ws, &we)) {
        int cls = word_class(s + ws, we - ws);
        if (cls == W_ACRONYM)
            upcase_toned(s + ws, we - ws);
        if (cls == W_NONE || cls == W_ACRONYM)
            continue;
        if (cls == W_WEAK) {
            if (!in_run)
                run_start = ws, in_run = 1;
            run_end = we;
            continue;
        }
        if (in_run && bracketed(left, cls))
            upcase_toned(s + run_start, run_end - run_start);
        in_run = 0;
        if (cls == W_UPPER)
            upcase_toned(s + ws, we - ws);
        left = cls;
    }
    if (in_run && bracketed(left, W_NONE))
        upcase_toned(s + run_start, run_end - run_start);
}

/* ---------------------------------------------------------------------- */
/* Decoding                                                               */
/* ---------------------------------------------------------------------- */

/* Valid UTF-8 that NFC leaves alone can be copied as it is. */
static int
utf8_is_nfc(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l || an_char_needs_nfc(cp))
            return 0;
        i += l;
    }
    return 1;
}

const char *
an_encoding_name(an_encoding e)
{
    switch (e) {
    case AN_ENC_UTF8: return "utf-8";
    case AN_ENC_TCVN3: return "tcvn3";
    case AN_ENC_VNI: return "vni";
    case AN_ENC_VISCII: return "viscii";
    case AN_ENC_CP1258: return "windows-1258";
    case AN_ENC_TCVN3_MOJIBAKE: return "tcvn3-mojibake";
    default: return "unknown";
    }
}

vk_status
an_decode(const char *data, size_t len, an_encoding e, vk_buf *out)
{
    if ((!data && len > 0) || (int)e < 0 || e >= AN_ENC_UNKNOWN)
        return VK_EINVAL;
    if (!available(e))
        return VK_EENCODING;
    if (e == AN_ENC_UTF8 && utf8_is_nfc(data, len))
        return vk_buf_append(out, len ? data : "", len);
    size_t start = out->len;
    nfc_out o = {.out = out, .st = VK_OK, .n = 0};
    emitter em = {nfc_put, &o};
    run_decoder(e, data, len, 0, &em);
    if (o.st == VK_OK)
        o.st = nfc_flush(&o, 1);
    if (o.st == VK_OK && out->len > start && (e == AN_ENC_TCVN3 || e == AN_ENC_TCVN3_MOJIBAKE))
        restore_capitals(out->data + start, out->len - start);
    if (o.st != VK_OK && out->data) {
        out->len = start;
        out->data[start] = '\0';
    }
    return o.st;
}

/* ---------------------------------------------------------------------- */
/* Scoring text as Vietnamese                                             */
/* ---------------------------------------------------------------------- */

/* Counts over the words that hold a non-ASCII letter. */
typedef struct vn_score {
    size_t nonascii; /* such words */
    size_t valid;    /* of those, well-formed syllables */
    size_t distinct; /* of the valid ones, with a letter outside Latin-1 (ă đ ơ ư ạ ...) */
} vn_score;

/* Scoring stops after this many non-ASCII words: enough to decide. */
#define EVIDENCE_WORDS 4000

typedef struct scorer {
    vn_score sc;          /* the counts */
    uint32_t w[WORD_MAX]; /* the word being read */
    size_t n;             /* code points in w */
    int overlong;         /* the word went past WORD_MAX */
    int digit;            /* the word holds a digit: not scored */
    int foreign;          /* the word holds NOT_VN */
} scorer;

/* NFC of a short word in place, for Windows-1258 and TCVN combining marks.
 * Leaves the word as it is on any ICU failure. */
static void
word_nfc(uint32_t *w, size_t *n)
{
    UChar src[2 * WORD_MAX], dst[6 * WORD_MAX];
    UChar32 back[WORD_MAX];
    int32_t sl = 0, bl = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF32(src, (int32_t)VK_ARRAY_LEN(src), &sl, (const UChar32 *)w, (int32_t)*n, &err);
    if (U_FAILURE(err))
        return;
    int32_t dl = unorm2_normalize(tabs.nfc, src, sl, dst, (int32_t)VK_ARRAY_LEN(dst), &err);
    if (U_FAILURE(err))
        return;
    u_strToUTF32(back, (int32_t)VK_ARRAY_LEN(back), &bl, dst, dl, &err);
    if (U_FAILURE(err) || bl < 0 || (size_t)bl > *n)
        return;
    for (int32_t i = 0; i < bl; i++)
        w[i] = (uint32_t)back[i];
    *n = (size_t)bl;
}

static void
tally_word(vn_score *sc, uint32_t *w, size_t n)
{
    int nonascii = 0, distinct = 0, nfc = 0;
    for (size_t i = 0; i < n; i++)
        nfc |= an_char_needs_nfc(w[i]);
    if (nfc)
        word_nfc(w, &n);
    for (size_t i = 0; i < n; i++) {
        w[i] = an_char_fold(w[i]);
        nonascii |= w[i] >= 0x80;
        distinct |= w[i] >= 0x100;
    }
    if (!nonascii)
        return;
    sc->nonascii++;
    if (is_syllable(w, n)) {
        sc->valid++;
        sc->distinct += (size_t)distinct;
    }
}

static void
end_word(scorer *s)
{
    if (!s->digit) {
        int nonascii = s->foreign;
        for (size_t i = 0; i < s->n && !nonascii; i++)
            nonascii = s->w[i] >= 0x80;
        if (nonascii && (s->foreign || s->overlong))
            s->sc.nonascii++;
        else if (s->n)
            tally_word(&s->sc, s->w, s->n);
    }
    s->n = 0;
    s->overlong = s->digit = s->foreign = 0;
}

static int
score_put(void *ctx, uint32_t cp)
{
    scorer *s = ctx;
    if (cp == NOT_VN) {
        s->foreign = 1;
    } else if (an_char_is_word(cp)) {
        if (s->n < WORD_MAX)
            s->w[s->n++] = cp;
        else
            s->overlong = 1;
        s->digit |= u_isdigit((UChar32)cp);
    } else if (s->n || s->foreign) {
        end_word(s);
    }
    return s->sc.nonascii >= EVIDENCE_WORDS;
}

/* Scores data read as e. */
static vn_score
score_as(an_encoding e, const char *data, size_t len)
{
    scorer s;
    memset(&s, 0, sizeof s);
    emitter em = {score_put, &s};
    run_decoder(e, data, len, 1, &em);
    end_word(&s);
    return s.sc;
}

/* Thresholds: a legacy reading must give at least MIN_VALID syllables, and
 * MIN_SHARE of its non-ASCII words must be syllables (MIN_SHARE_SMALL when
 * there are fewer than SMALL words: short Latin-1 text can come close, "à
 * là où dû" is 3 in 4 as VISCII), and at least one valid word in
 * DISTINCT_RATIO must have a letter outside Latin-1 (else Latin-1 text that
 * happens to read as Vietnamese would pass: "à là"). The sample documents
 * score 0.999 and over in their own encoding, 0.5 at most in another. */
#define MIN_VALID 2
#define MIN_SHARE 0.7
#define MIN_SHARE_SMALL 0.9
#define SMALL 20
#define DISTINCT_RATIO 4
/* A mojibake reading must beat the text as it is by this share. */
#define MOJIBAKE_GAIN 0.4
/* UTF-8 with one invalid sequence per this many valid multi-byte ones is
 * still taken for UTF-8; legacy text has many more invalid ones. */
#define MOSTLY_UTF8 16

static double
share(const vn_score *s)
{
    return s->nonascii ? (double)s->valid / (double)s->nonascii : 0.0;
}

static int
passes(const vn_score *s)
{
    double min = s->nonascii < SMALL ? MIN_SHARE_SMALL : MIN_SHARE;
    return s->valid >= MIN_VALID && share(s) >= min && s->distinct >= 1 &&
           s->distinct * DISTINCT_RATIO >= s->valid;
}

/* Whether valid UTF-8 text reads far better as TCVN3 mojibake. Tolerates one
 * character in a hundred outside Windows-1252 (a ligature or symbol added by
 * PDF extraction). */
static int
is_mojibake(const char *s, size_t len)
{
    if (!available(AN_ENC_TCVN3_MOJIBAKE))
        return 0;
    size_t nonascii = 0, outside = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        unsigned char b;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        i += l ? l : 1;
        if (cp >= 0x80) {
            nonascii++;
            outside += !to_cp1252(cp, &b);
            /* Too many already, whatever the rest holds (a character
             * past ASCII takes 2 bytes or more): Vietnamese UTF-8 stops
             * here early. */
            if (outside * 100 > nonascii + (len - i) / 2)
                return 0;
        }
    }
    if (outside * 100 > nonascii)
        return 0;
    vn_score as_is = score_as(AN_ENC_UTF8, s, len);
    vn_score re = score_as(AN_ENC_TCVN3_MOJIBAKE, s, len);
    return passes(&re) && share(&re) >= share(&as_is) + MOJIBAKE_GAIN;
}

/* Whether s[0 .. len) is the start of a multi-byte character cut short. */
static int
cut_short(const unsigned char *s, size_t len)
{
    size_t need = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
                  : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                  : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                                 : 0;
    if (len >= need)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    return 1;
}

/* Valid multi-byte UTF-8 sequences, invalid bytes and NUL bytes in s. A
 * character cut short at the end of text that has others (a buffer
 * boundary) is not invalid. */
static void
utf8_stats(const char *s, size_t len, size_t *multi, size_t *bad, size_t *nul)
{
    size_t i = 0;
    *multi = *bad = *nul = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l && *multi && cut_short((const unsigned char *)s + i, len - i))
            break;
        *multi += l > 1;
        *bad += l == 0;
        *nul += s[i] == '\0';
        i += l ? l : 1;
    }
}

an_encoding
an_detect_encoding(const char *data, size_t len)
{
    static const an_encoding candidates[] = {AN_ENC_TCVN3, AN_ENC_VNI, AN_ENC_CP1258,
                                             AN_ENC_VISCII};
    size_t multi, bad, nul;
    if (!data || len == 0)
        return AN_ENC_UTF8;
    utf8_stats(data, len, &multi, &bad, &nul);
    if (bad == 0)
        return multi && is_mojibake(data, len) ? AN_ENC_TCVN3_MOJIBAKE : AN_ENC_UTF8;
    if (multi >= MOSTLY_UTF8 * bad)
        return AN_ENC_UTF8;
    if (nul * 100 > len)
        return AN_ENC_UNKNOWN; /* binary, or UTF-16 */
    an_encoding best = AN_ENC_UNKNOWN;
    vn_score bs = {0, 0, 0};
    for (size_t k = 0; k < VK_ARRAY_LEN(candidates); k++) {
        an_encoding e = candidates[k];
        if (!available(e))
            continue;
        vn_score sc = score_as(e, data, len);
        if (!passes(&sc))
            continue;
        /* Near-equal shares: more letters only Vietnamese has wins, then
         * the order above (TCVN3 is the commonest in Party documents). */
        double d = share(&sc) - share(&bs);
        if (best == AN_ENC_UNKNOWN || d > 0.02 || (d >= -0.02 && sc.distinct > bs.distinct)) {
            best = e;
            bs = sc;
        }
    }
    return best;
}
