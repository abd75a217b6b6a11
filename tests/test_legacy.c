/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_legacy.c: detection and decoding of pre-Unicode Vietnamese encodings.
 * Text is encoded here with tables written for the test from the published
 * charts (RFC 1456 for VISCII, TCVN 5712:1993 for VN3, the VNI-Windows
 * layout, Microsoft's Windows-1258 and Windows-1252 charts), never with the
 * decoder, then detected and decoded, and compared with the original.
 * Byte strings use octal escapes where a hex digit follows ("T\364C").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "analyzers/an.h"
#include "analyzers/legacy.h"
#include "common/file.h"
#include "common/utf8.h"
#include "corpus/cp.h"

/* ---------------------------------------------------------------------- */
/* Letters spelled as VIQR (RFC 1456): base, then ( ^ + , then ' ` ? ~ .   */
/* ---------------------------------------------------------------------- */

typedef struct viqr {
    char base; /* ASCII base letter, in the letter's case */
    char hat;  /* '(' breve, '^' circumflex, '+' horn, 'd' for đ, or 0 */
    char tone; /* '\'' acute, '`' grave, '?' hook, '~' tilde, '.' dot, or 0 */
} viqr;

static const UNormalizer2 *
nfd_instance(void)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFDInstance(&err);
    assert_false(U_FAILURE(err));
    return n;
}

/* Spells cp in VIQR from ICU's canonical decomposition. Returns 0 if cp is
 * not a vowel with Vietnamese diacritics, or đ. */
static int
to_viqr(uint32_t cp, viqr *v)
{
    memset(v, 0, sizeof *v);
    if (cp == 0x0111 || cp == 0x0110) {
        v->base = cp == 0x0111 ? 'd' : 'D';
        v->hat = 'd';
        return 1;
    }
    UChar dec[8];
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = unorm2_getDecomposition(nfd_instance(), (UChar32)cp, dec, 8, &err);
    if (U_FAILURE(err) || n < 2 || dec[0] >= 0x80 || !strchr("aeiouyAEIOUY", (char)dec[0]))
        return 0;
    v->base = (char)dec[0];
    for (int32_t i = 1; i < n; i++) {
        switch (dec[i]) {
        case 0x0306: v->hat = '('; break;
        case 0x0302: v->hat = '^'; break;
        case 0x031B: v->hat = '+'; break;
        case 0x0301: v->tone = '\''; break;
        case 0x0300: v->tone = '`'; break;
        case 0x0309: v->tone = '?'; break;
        case 0x0303: v->tone = '~'; break;
        case 0x0323: v->tone = '.'; break;
        default: return 0;
        }
    }
    return 1;
}

/* The VIQR mnemonic, e.g. "a(~", "O+", "DD". */
static void
viqr_str(const viqr *v, char out[5])
{
    size_t n = 0;
    out[n++] = v->base;
    if (v->hat)
        out[n++] = v->hat == 'd' ? v->base : v->hat;
    if (v->tone)
        out[n++] = v->tone;
    out[n] = '\0';
}

static int
is_lower_ascii(char c)
{
    return c >= 'a' && c <= 'z';
}

/* Index of a tone in "'`?~." (5 for none). */
static int
tone_index(char tone)
{
    static const char tones[] = "'`?~.";
    const char *p = tone ? strchr(tones, tone) : NULL;
    return p ? (int)(p - tones) : 5;
}

/* ---------------------------------------------------------------------- */
/* Charts                                                                 */
/* ---------------------------------------------------------------------- */

/* Windows-1252 0x80-0x9F (Microsoft's chart; 0 where unassigned). */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The Windows-1252 byte of a non-ASCII cp, or 0. */
static unsigned char
cp1252_byte(uint32_t cp)
{
    if (cp >= 0xA0 && cp <= 0xFF)
        return (unsigned char)cp;
    for (int i = 0; i < 32; i++) {
        if (cp1252_c1[i] == cp)
            return (unsigned char)(0x80 + i);
    }
    return 0;
}

/* VISCII, RFC 1456 Table 1, columns 8x to Fx, rows x0 to xF. */
static const char *const viscii_rows[16] = {
    "A. O^` O~ o^` A` DD a` dd",     "A(' O^? a(' o^? A' u+' a' u+.",
    "A(` O^~ a(` o^~ A^ O` a^ o`",   "A(. O^. a(. O+~ A~ O' a~ o'",
    "A^' O+. a^' O+ A? O^ a? o^",    "A^` O+' a^` o^. A( a. a( o~",
    "A^? O+` a^? o+` a(? y? u+~ o?", "A^. O+? a^. o+? a(~ u+` a^~ o.",
    "E~ I. e~ i. E` u+? e` u.",      "E. O? e. U+. E' U` e' u`",
    "E^' O. e^' U+' E^ U' e^ u'",    "E^` I? e^` U+` E? y~ e? u~",
    "E^? U? e^? U+? I` y. i` u?",    "E^~ U~ e^~ o+ I' Y' i' y'",
    "E^. U. e^. o+' I~ o+~ i~ o+.",  "O^' Y` o^' U+ y` u+ i? U+~",
};
/* ... and the six letters RFC 1456 puts among the C0 controls. */
static const struct {
    unsigned char byte;
    const char *m;
} viscii_c0[] = {{0x02, "A(?"}, {0x05, "A(~"}, {0x06, "A^~"},
                 {0x14, "Y?"},  {0x19, "Y~"},  {0x1E, "Y."}};

static char viscii_m[256][5];

static void
build_viscii_chart(void)
{
    if (viscii_m[0x80][0])
        return;
    for (int row = 0; row < 16; row++) {
        char line[64];
        snprintf(line, sizeof line, "%s", viscii_rows[row]);
        int col = 0;
        for (char *tok = strtok(line, " "); tok; tok = strtok(NULL, " "), col++) {
            assert_true(col < 8 && strlen(tok) < 5);
            strcpy(viscii_m[0x80 + 16 * col + row], tok);
        }
        assert_int_equal(col, 8);
    }
    for (size_t i = 0; i < sizeof viscii_c0 / sizeof viscii_c0[0]; i++)
        strcpy(viscii_m[viscii_c0[i].byte], viscii_c0[i].m);
}

/* TCVN3 (VN3): the lower-case vowels, untoned byte and the bytes with tone
 * ' ` ? ~ . (TCVN 5712:1993 chart). Upper case has only Ă Â Ê Ô Ơ Ư Đ. */
static const struct {
    const char *m;
    unsigned char plain, toned[5];
} tcvn3_rows[] = {
    {"a", 'a', {0xB8, 0xB5, 0xB6, 0xB7, 0xB9}},   {"a(", 0xA8, {0xBE, 0xBB, 0xBC, 0xBD, 0xC6}},
    {"a^", 0xA9, {0xCA, 0xC7, 0xC8, 0xC9, 0xCB}}, {"e", 'e', {0xD0, 0xCC, 0xCE, 0xCF, 0xD1}},
    {"e^", 0xAA, {0xD5, 0xD2, 0xD3, 0xD4, 0xD6}}, {"i", 'i', {0xDD, 0xD7, 0xD8, 0xDC, 0xDE}},
    {"o", 'o', {0xE3, 0xDF, 0xE1, 0xE2, 0xE4}},   {"o^", 0xAB, {0xE8, 0xE5, 0xE6, 0xE7, 0xE9}},
    {"o+", 0xAC, {0xED, 0xEA, 0xEB, 0xEC, 0xEE}}, {"u", 'u', {0xF3, 0xEF, 0xF1, 0xF2, 0xF4}},
    {"u+", 0xAD, {0xF8, 0xF5, 0xF6, 0xF7, 0xF9}}, {"y", 'y', {0xFD, 0xFA, 0xFB, 0xFC, 0xFE}},
};
static const struct {
    const char *m;
    unsigned char byte;
} tcvn3_caps[] = {{"A(", 0xA1}, {"A^", 0xA2}, {"E^", 0xA3}, {"O^", 0xA4},
                  {"O+", 0xA5}, {"U+", 0xA6}, {"DD", 0xA7}, {"dd", 0xAE}};

/* Windows-1258 0x80-0xFF: Latin-1 but for these (Microsoft's chart). */
static const struct {
    unsigned char byte;
    uint16_t cp;
} cp1258_diff[] = {
    {0xC3, 0x0102},
    {0xCC, 0x0300},
    {0xD0, 0x0110},
    {0xD2, 0x0309},
    {0xD5, 0x01A0},
    {0xDD, 0x01AF},
    {0xDE, 0x0303},
    {0xE3, 0x0103},
    {0xEC, 0x0301},
    {0xF0, 0x0111},
    {0xF2, 0x0323},
    {0xF5, 0x01A1},
    {0xFD, 0x01B0},
    {0xFE, 0x20AB},
    /* 0x80-0x9F as in 1252, without Š Ž š ž */
    {0x8A, 0},
    {0x8E, 0},
    {0x9A, 0},
    {0x9E, 0},
};
/* Combining tones of Windows-1258, in the order ' ` ? ~ . */
static const unsigned char cp1258_tones[5] = {0xEC, 0xCC, 0xD2, 0xDE, 0xF2};

static unsigned char
cp1258_byte(uint32_t cp)
{
    if (cp < 0x80)
        return (unsigned char)cp;
    for (size_t i = 0; i < sizeof cp1258_diff / sizeof cp1258_diff[0]; i++) {
        if (cp1258_diff[i].cp == cp)
            return cp1258_diff[i].byte;
    }
    unsigned char b = cp1252_byte(cp);
    for (size_t i = 0; b && i < sizeof cp1258_diff / sizeof cp1258_diff[0]; i++) {
        if (cp1258_diff[i].byte == b)
            return 0; /* that byte means something else in 1258 */
    }
    return b;
}

/* ---------------------------------------------------------------------- */
/* Encoders: one letter each, returning the bytes (0 if not encodable)     */
/* ---------------------------------------------------------------------- */

static size_t
enc_viscii(uint32_t cp, const viqr *v, unsigned char *out)
{
    (void)cp;
    char m[5];
    viqr_str(v, m);
    build_viscii_chart();
    for (int b = 0; b < 256; b++) {
        if (strcmp(viscii_m[b], m) == 0) {
            out[0] = (unsigned char)b;
            return 1;
        }
    }
    return 0;
}

/* TCVN3 writes a toned capital with the lower-case code: the loss the
 * decoder's heuristic makes up for. */
static size_t
enc_tcvn3(uint32_t cp, const viqr *v, unsigned char *out)
{
    (void)cp;
    char m[5] = {v->base, v->hat == 'd' ? v->base : v->hat, 0, 0, 0};
    for (size_t i = 0; !v->tone && i < sizeof tcvn3_caps / sizeof tcvn3_caps[0]; i++) {
        if (strcmp(tcvn3_caps[i].m, m) == 0) {
            out[0] = tcvn3_caps[i].byte;
            return 1;
        }
    }
    m[0] = (char)(v->base | 0x20);
    for (size_t i = 0; i < sizeof tcvn3_rows / sizeof tcvn3_rows[0]; i++) {
        if (strcmp(tcvn3_rows[i].m, m) != 0)
            continue;
        int t = tone_index(v->tone);
        out[0] = t < 5 ? tcvn3_rows[i].toned[t] : tcvn3_rows[i].plain;
        return 1;
    }
    return 0;
}

/* VNI-Windows: base letter, then a mark byte; ơ ư đ, i with a tone and ỵ
 * are single bytes. Upper-case bytes are 0x20 below the lower-case ones. */
static size_t
enc_vni(uint32_t cp, const viqr *v, unsigned char *out)
{
    (void)cp;
    static const unsigned char tone[5] = {0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
    static const unsigned char circ[6] = {0xE1, 0xE0, 0xE5, 0xE3, 0xE4, 0xE2};
    static const unsigned char breve[6] = {0xE9, 0xE8, 0xFA, 0xFC, 0xEB, 0xEA};
    static const unsigned char itone[5] = {0xED, 0xEC, 0xE6, 0xF3, 0xF2};
    unsigned char up = is_lower_ascii(v->base) ? 0 : 0x20;
    char b = (char)(v->base | 0x20);
    int t = tone_index(v->tone);
    size_t n = 0;
    if (v->hat == 'd') {
        out[n++] = (unsigned char)(0xF1 - up);
    } else if (b == 'i' && t < 5) {
        out[n++] = (unsigned char)(itone[t] - up);
    } else if (b == 'y' && v->tone == '.') {
        out[n++] = (unsigned char)(0xEE - up);
    } else if (v->hat == '+' && (b == 'o' || b == 'u')) {
        out[n++] = (unsigned char)((b == 'o' ? 0xF4 : 0xF6) - up);
        if (t < 5)
            out[n++] = (unsigned char)(tone[t] - up);
    } else if (v->hat == '^' && (b == 'a' || b == 'e' || b == 'o')) {
        out[n++] = (unsigned char)v->base;
        out[n++] = (unsigned char)(circ[t] - up);
    } else if (v->hat == '(' && b == 'a') {
        out[n++] = (unsigned char)v->base;
        out[n++] = (unsigned char)(breve[t] - up);
    } else if (!v->hat && t < 5 && b != 'i') {
        out[n++] = (unsigned char)v->base;
        out[n++] = (unsigned char)(tone[t] - up);
    }
    return n;
}

/* Windows-1258: a precomposed letter if the chart has it, else the letter
 * without its tone and a combining tone byte. */
static size_t
enc_cp1258(uint32_t cp, const viqr *v, unsigned char *out)
{
    unsigned char b = cp1258_byte(cp);
    if (b) {
        out[0] = b;
        return 1;
    }
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    assert_false(U_FAILURE(err));
    UChar32 letter = (UChar32)v->base;
    UChar32 hat = v->hat == '^' ? 0x0302 : v->hat == '(' ? 0x0306 : v->hat == '+' ? 0x031B : 0;
    if (hat)
        letter = unorm2_composePair(nfc, letter, hat);
    int t = tone_index(v->tone);
    if (letter < 0 || t == 5 || !(b = cp1258_byte((uint32_t)letter)))
        return 0;
    out[0] = b;
    out[1] = cp1258_tones[t];
    return 2;
}

/* Non-letters: TCVN3, VNI and 1258 take Windows-1252 punctuation and
 * symbols (1258 and VNI also Latin-1 letters, but those are read as marks
 * in VNI, so not there); VISCII has no room for any. */
static size_t
enc_other(an_encoding e, uint32_t cp, unsigned char *out)
{
    unsigned char b = cp1252_byte(cp);
    switch (e) {
    case AN_ENC_TCVN3: b = (b && b < 0xA0) || cp == 0xA0 ? b : 0; break;
    case AN_ENC_VNI: b = (b && b < 0xC0) || cp == 0xD7 || cp == 0xF7 ? b : 0; break;
    case AN_ENC_CP1258: b = cp1258_byte(cp); break;
    default: b = 0;
    }
    out[0] = b;
    return b != 0;
}

/* Encodes NFC UTF-8 text into `bytes`, appending to `expect` what a perfect
 * decoder gives back: the text, with '?' where a character has no code. */
static void
encode(an_encoding e, const char *text, size_t len, vk_buf *bytes, vk_buf *expect)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(text + i, len - i, &cp);
        assert_true(l > 0);
        unsigned char out[4];
        size_t n = 0;
        viqr v;
        if (cp < 0x80) {
            out[0] = (unsigned char)cp;
            n = 1;
        } else if (to_viqr(cp, &v)) {
            n = e == AN_ENC_TCVN3    ? enc_tcvn3(cp, &v, out)
                : e == AN_ENC_VNI    ? enc_vni(cp, &v, out)
                : e == AN_ENC_VISCII ? enc_viscii(cp, &v, out)
                                     : enc_cp1258(cp, &v, out);
        } else {
            n = enc_other(e, cp, out);
        }
        if (n) {
            vk_buf_append(bytes, out, n);
            vk_buf_append(expect, text + i, l);
        } else {
            vk_buf_putc(bytes, '?');
            vk_buf_putc(expect, '?');
        }
        i += l;
    }
}

/* TCVN3 bytes shown through Windows-1252 and saved as UTF-8, as PDF text
 * extraction of .VnTime documents gives ("Uû ban nh©n d©n"). */
static void
to_mojibake(const vk_buf *bytes, vk_buf *out)
{
    for (size_t i = 0; i < bytes->len; i++) {
        unsigned char b = (unsigned char)bytes->data[i];
        uint32_t cp = b < 0x80 || b >= 0xA0 ? b : cp1252_c1[b - 0x80] ? cp1252_c1[b - 0x80] : b;
        char enc[4];
        vk_buf_append(out, enc, vk_utf8_encode(cp, enc));
    }
}

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */
/* ---------------------------------------------------------------------- */

static const an_encoding legacy[] = {AN_ENC_TCVN3, AN_ENC_VNI, AN_ENC_VISCII, AN_ENC_CP1258};

/* NFC of text, as a NUL-terminated malloc'd string (the samples are NFC
 * already; this makes sure). */
static char *
nfc_copy(const char *text, size_t len, size_t *out_len)
{
    int32_t ul = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(NULL, 0, &ul, text, (int32_t)len, &err);
    UChar *u = malloc(((size_t)ul + 1) * sizeof *u), *n = malloc(((size_t)ul * 3 + 1) * sizeof *n);
    assert_non_null(u);
    assert_non_null(n);
    err = U_ZERO_ERROR;
    u_strFromUTF8(u, ul + 1, &ul, text, (int32_t)len, &err);
    assert_false(U_FAILURE(err));
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    int32_t nl = unorm2_normalize(nfc, u, ul, n, ul * 3 + 1, &err);
    assert_false(U_FAILURE(err));
    int32_t bl = 0;
    u_strToUTF8(NULL, 0, &bl, n, nl, &err);
    err = U_ZERO_ERROR;
    char *out = malloc((size_t)bl + 1);
    assert_non_null(out);
    u_strToUTF8(out, bl + 1, &bl, n, nl, &err);
    assert_false(U_FAILURE(err));
    free(u);
    free(n);
    *out_len = (size_t)bl;
    return out;
}

static char *
read_sample(const char *name, size_t *len)
{
    char path[4096], *data = NULL;
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/corpus/samples/%s", src ? src : ".", name);
    vk_error err = {0};
    if (vk_file_read(path, 1 << 24, &data, len, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return data;
}

static const char *const samples[] = {
    "ke-hoach-256-KH-TU.md",
    "ket-luan-04-KL-BTCTW.md",
    "ket-luan-21-KL-TW.md",
    "nghi-quyet-hoi-nghi-6-khoa-xiii.txt",
};

/* Decodes and checks that the result is what was expected; case-blind if
 * fold (TCVN3 on whole documents, where some capitals are lost). */
static void
assert_decodes(const char *data, size_t len, an_encoding e, const char *expect, size_t expect_len,
               int fold)
{
    vk_buf got = VK_BUF_INIT, a = VK_BUF_INIT, b = VK_BUF_INIT;
    assert_int_equal(an_decode(data, len, e, &got), VK_OK);
    if (fold) {
        assert_int_equal(an_casefold_text(got.data, got.len, &a), VK_OK);
        assert_int_equal(an_casefold_text(expect, expect_len, &b), VK_OK);
    } else {
        vk_buf_append(&a, got.data ? got.data : "", got.len);
        vk_buf_append(&b, expect, expect_len);
    }
    if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
        size_t k = 0;
        while (k < a.len && k < b.len && a.data[k] == b.data[k])
            k++;
        size_t from = k > 40 ? k - 40 : 0;
        fail_msg("%s: differs at byte %zu:\n got: %.80s\nwant: %.80s", an_encoding_name(e), k,
                 a.data + from, b.data + from);
    }
    vk_buf_free(&got);
    vk_buf_free(&a);
    vk_buf_free(&b);
}

/* Encodes text in e, checks that it is detected as e and decodes to
 * `expect` (NULL: the text itself, '?' for characters e lacks). */
static void
roundtrip(an_encoding e, const char *text, const char *expect)
{
    vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT;
    encode(e, text, strlen(text), &bytes, &want);
    an_encoding got = an_detect_encoding(bytes.data, bytes.len);
    if (got != e)
        fail_msg("'%s' in %s detected as %s", text, an_encoding_name(e), an_encoding_name(got));
    if (expect)
        assert_decodes(bytes.data, bytes.len, e, expect, strlen(expect), 0);
    else
        assert_decodes(bytes.data, bytes.len, e, want.data, want.len, 0);
    vk_buf_free(&bytes);
    vk_buf_free(&want);
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */
/* ---------------------------------------------------------------------- */

static void
test_names(void **state)
{
    (void)state;
    assert_string_equal(an_encoding_name(AN_ENC_UTF8), "utf-8");
    assert_string_equal(an_encoding_name(AN_ENC_TCVN3), "tcvn3");
    assert_string_equal(an_encoding_name(AN_ENC_VNI), "vni");
    assert_string_equal(an_encoding_name(AN_ENC_VISCII), "viscii");
    assert_string_equal(an_encoding_name(AN_ENC_CP1258), "windows-1258");
    assert_string_equal(an_encoding_name(AN_ENC_TCVN3_MOJIBAKE), "tcvn3-mojibake");
    assert_string_equal(an_encoding_name(AN_ENC_UNKNOWN), "unknown");
    assert_string_equal(an_encoding_name((an_encoding)99), "unknown");
}

/* Sentences from the samples, with capitals and every tone; for TCVN3 the
 * text after the capital heuristic. */
static const struct {
    const char *text;
    const char *tcvn3; /* NULL: same as text */
} sentences[] = {
    {"Nghị quyết số 28-NQ/TW về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng", NULL},
    {"ỦY BAN NHÂN DÂN", NULL},
    {"Người đứng đầu", NULL},
    {"khuỷu tay, thuở ấy, giữa", NULL},
    {"NGHỊ QUYẾT HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII", NULL},
    {"Sau 15 năm thực hiện, phương thức lãnh đạo của Đảng đối với hoạt động của hệ thống "
     "chính trị đã có nhiều đổi mới, đạt được nhiều kết quả quan trọng",
     NULL},
    {"Nhận thức, trách nhiệm của cấp uỷ, tính tiên phong, gương mẫu của cán bộ, đảng viên", NULL},
    /* Words that could be title case ("Sở", "Hà", "Mỹ") take their case from
     * the upper-case words around them. */
    {"TRỤ SỞ Ở HÀ NỘI, ĐÀ NẴNG VÀ MỸ", NULL},
    /* A toned capital starting a mixed-case word has no TCVN3 code and
     * cannot come back: Ủ, Ấ (and Ở, which stands alone among lower-case
     * words). Title-case words with an untoned capital are fine. */
    {"Ủy ban Mặt trận Tổ quốc Việt Nam Ở Hà Nội, Ấn Độ",
     "ủy ban Mặt trận Tổ quốc Việt Nam ở Hà Nội, ấn Độ"},
};

static void
test_roundtrip_sentences(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
        roundtrip(AN_ENC_TCVN3, sentences[i].text,
                  sentences[i].tcvn3 ? sentences[i].tcvn3 : sentences[i].text);
        roundtrip(AN_ENC_VNI, sentences[i].text, sentences[i].text);
        roundtrip(AN_ENC_VISCII, sentences[i].text, sentences[i].text);
        roundtrip(AN_ENC_CP1258, sentences[i].text, sentences[i].text);
    }
}

/* All 134 letters with diacritics, each alone, through every encoder and
 * decoder (no detection: a list of letters is not text). */
static void
test_all_letters(void **state)
{
    (void)state;
    vk_buf text = VK_BUF_INIT;
    size_t letters = 0;
    for (uint32_t cp = 0xC0; cp < 0x1EFA; cp++) {
        viqr v;
        char enc[4];
        if (cp == 0x1B1)
            cp = 0x1EA0;
        if (!to_viqr(cp, &v) || !enc_viscii(cp, &v, (unsigned char *)enc))
            continue;
        vk_buf_append(&text, enc, vk_utf8_encode(cp, enc));
        vk_buf_putc(&text, ' ');
        letters++;
    }
    assert_int_equal(letters, 134);
    for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
        vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT;
        encode(legacy[k], text.data, text.len, &bytes, &want);
        assert_null(memchr(want.data, '?', want.len));
        /* TCVN3: each toned capital, alone, comes back in lower case. */
        assert_decodes(bytes.data, bytes.len, legacy[k], want.data, want.len,
                       legacy[k] == AN_ENC_TCVN3);
        vk_buf_free(&bytes);
        vk_buf_free(&want);
    }
    vk_buf_free(&text);
}

/* The example of DOMAIN.md §3, and capitals around numbers and acronyms. */
static void
test_tcvn3_capitals(void **state)
{
    (void)state;
    static const struct {
        const char *bytes, *text;
    } cases[] = {
        {"NGH\xde QUY\xd5T", "NGHỊ QUYẾT"},
        {"U\xfb ban nh\xa9n d\xa9n", "Uỷ ban nhân dân"},
        /* Acronyms are no evidence of an upper-case line. */
        {"S\xe8 28-NQ/TW ng\xb5y 17", "Số 28-NQ/TW ngày 17"},
        {"S\xe8 28-NQ/TW V\xd2 TI\xd5P T\364C", "SỐ 28-NQ/TW VỀ TIẾP TỤC"},
        {"TR\xf4 S\xeb UBND \xeb H\xb5 N\xe9I", "TRỤ SỞ UBND Ở HÀ NỘI"},
        {"H\xb5 N\xe9i", "Hà Nội"},
        {"\xa7\xb5 N\xbdNG", "ĐÀ NẴNG"},
        {"UBND \xeb x\xb7", "UBND ở xã"},
        {"t\xb9i M\xfc.", "tại Mỹ."},
        {"\xa4ng A \xeb M\xfc", "Ông A ở Mỹ"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_decodes(cases[i].bytes, strlen(cases[i].bytes), AN_ENC_TCVN3, cases[i].text,
                       strlen(cases[i].text), 0);
}

/* VNI is read two bytes first: 0xF4 is ơ alone and the base of ớ ờ ở ỡ ợ;
 * ư (0xF6) before ơ stays ư. */
static void
test_vni_greedy(void **state)
{
    (void)state;
    static const struct {
        const char *bytes, *text;
    } cases[] = {
        {"c\xf4", "cơ"},
        {"m\xf4\xf9i", "mới"},
        {"th\xf6\xf4\371c", "thước"},
        {"\xf1\xf6\xf4\xf8ng", "đường"},
        {"ch\xe0o", "chào"}, /* à alone is no VNI letter: Windows-1252 */
        {"cha\xf8o ca\371c ba\xefn", "chào các bạn"},
        {"\321A\xdbNG", "ĐẢNG"},
        {"Ho\xe0 Ch\xed Minh", "Hồ Chí Minh"},
        {"qu\xf4\xfb", "quở"},
        {"a", "a"},
        {"\xf4", "ơ"},
        {"A\xf9", "Á"}, /* a capital base with a lower-case mark */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_decodes(cases[i].bytes, strlen(cases[i].bytes), AN_ENC_VNI, cases[i].text,
                       strlen(cases[i].text), 0);
}

/* Windows-1258 tones are combining bytes: the output is NFC. */
static void
test_cp1258_nfc(void **state)
{
    (void)state;
    const char *bytes = "Nghi\xf2 quy\xea\xect, \320a\xd2ng";
    assert_decodes(bytes, strlen(bytes), AN_ENC_CP1258, "Nghị quyết, Đảng",
                   strlen("Nghị quyết, Đảng"), 0);
    /* A tone mark with no letter before it stays a combining mark. */
    assert_decodes("\xec", 1, AN_ENC_CP1258, "\xcc\x81", 2, 0);
}

/* Whole documents in every encoding: detected, and decoded back. */
static void
test_roundtrip_samples(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        size_t raw_len, len;
        char *raw = read_sample(samples[s], &raw_len);
        char *text = nfc_copy(raw, raw_len, &len);
        for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
            an_encoding e = legacy[k];
            vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT;
            encode(e, text, len, &bytes, &want);
            an_encoding got = an_detect_encoding(bytes.data, bytes.len);
            if (got != e)
                fail_msg("%s in %s detected as %s", samples[s], an_encoding_name(e),
                         an_encoding_name(got));
            assert_decodes(bytes.data, bytes.len, e, want.data, want.len, e == AN_ENC_TCVN3);
            vk_buf_free(&bytes);
            vk_buf_free(&want);
        }
        free(text);
        free(raw);
    }
}

/* Case-folded copy of s, for comparing text that went through TCVN3 (which
 * loses some capitals); "" for NULL. */
static char *
folded(const char *s)
{
    vk_buf b = VK_BUF_INIT;
    s = s ? s : "";
    assert_int_equal(an_casefold_text(s, strlen(s), &b), VK_OK);
    char *out = vk_buf_steal(&b);
    return out ? out : strdup("");
}

static void
assert_same_folded(const char *what, const char *a, const char *b)
{
    char *x = folded(a), *y = folded(b);
    if (strcmp(x, y) != 0)
        fail_msg("%s: '%s' vs '%s'", what, x, y);
    free(x);
    free(y);
}

/* Files written in TCVN3 and VNI: each sample, encoded and saved, is
 * detected and parsed into the model of its UTF-8 original (text compared
 * case-blind: TCVN3 has no capitals for some letters). */
static void
test_legacy_files(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    const an_encoding encs[] = {AN_ENC_TCVN3, AN_ENC_VNI};
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        char src[4096];
        const char *dir = getenv("VK_SOURCE_DIR");
        snprintf(src, sizeof src, "%s/corpus/samples/%s", dir ? dir : ".", samples[s]);
        cp_file *want = NULL;
        vk_error err = {0};
        if (cp_file_parse(src, &want, &err) != VK_OK)
            fail_msg("%s", err.msg);
        size_t raw_len, len;
        char *raw = read_sample(samples[s], &raw_len);
        char *text = nfc_copy(raw, raw_len, &len);
        for (size_t k = 0; k < sizeof encs / sizeof encs[0]; k++) {
            vk_buf bytes = VK_BUF_INIT, ignored = VK_BUF_INIT;
            encode(encs[k], text, len, &bytes, &ignored);
            char path[4200];
            snprintf(path, sizeof path, "%s/legacy-%s-%s", base ? base : "/tmp",
                     an_encoding_name(encs[k]), samples[s]);
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            assert_int_equal(fwrite(bytes.data, 1, bytes.len, f), bytes.len);
            fclose(f);
            cp_file *got = NULL;
            if (cp_file_parse(path, &got, &err) != VK_OK)
                fail_msg("%s", err.msg);
            assert_non_null(got->encoding);
            assert_string_equal(got->encoding, an_encoding_name(encs[k]));
            assert_int_equal(got->n_docs, want->n_docs);
            for (size_t d = 0; d < want->n_docs; d++) {
                const cp_doc *a = &got->docs[d], *b = &want->docs[d];
                assert_same_folded("number", a->number, b->number);
                assert_same_folded("type", a->type_code, b->type_code);
                assert_same_folded("title", a->title, b->title);
                assert_same_folded("issuer", a->issuer, b->issuer);
                assert_int_equal(a->n_sections, b->n_sections);
                for (size_t i = 0; i < b->n_sections; i++) {
                    assert_string_equal(a->sections[i].label, b->sections[i].label);
                    assert_same_folded("heading", a->sections[i].heading,
                                       b->sections[i].heading);
                }
                assert_int_equal(a->n_citations, b->n_citations);
            }
            cp_file_free(got);
            remove(path);
            vk_buf_free(&bytes);
            vk_buf_free(&ignored);
        }
        free(text);
        free(raw);
        cp_file_free(want);
    }
}

/* The all-capital heading of the resolution comes back exactly from TCVN3. */
static void
test_tcvn3_heading(void **state)
{
    (void)state;
    size_t raw_len, len;
    char *raw = read_sample("nghi-quyet-hoi-nghi-6-khoa-xiii.txt", &raw_len);
    char *text = nfc_copy(raw, raw_len, &len);
    vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT, got = VK_BUF_INIT;
    encode(AN_ENC_TCVN3, text, len, &bytes, &want);
    assert_int_equal(an_decode(bytes.data, bytes.len, AN_ENC_TCVN3, &got), VK_OK);
    const char *heading = "NGHỊ QUYẾT\nHỘI NGHỊ LẦN THỨ SÁU\n"
                          "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII\n";
    assert_non_null(strstr(text, heading));
    assert_non_null(strstr(got.data, heading));
    vk_buf_free(&bytes);
    vk_buf_free(&want);
    vk_buf_free(&got);
    free(text);
    free(raw);
}

/* PDF extraction of .VnTime documents: TCVN3 bytes read as Windows-1252. */
static void
test_mojibake(void **state)
{
    (void)state;
    const char *seen = "Uû ban nh©n d©n"; /* as DOMAIN.md §3 quotes it */
    assert_int_equal(an_detect_encoding(seen, strlen(seen)), AN_ENC_TCVN3_MOJIBAKE);
    assert_decodes(seen, strlen(seen), AN_ENC_TCVN3_MOJIBAKE, "Uỷ ban nhân dân",
                   strlen("Uỷ ban nhân dân"), 0);
    for (size_t i = 0; i < sizeof sentences / sizeof sentences[0]; i++) {
        vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT, moji = VK_BUF_INIT;
        encode(AN_ENC_TCVN3, sentences[i].text, strlen(sentences[i].text), &bytes, &want);
        to_mojibake(&bytes, &moji);
        an_encoding got = an_detect_encoding(moji.data, moji.len);
        if (got != AN_ENC_TCVN3_MOJIBAKE)
            fail_msg("'%s' as mojibake detected as %s", moji.data, an_encoding_name(got));
        const char *expect = sentences[i].tcvn3 ? sentences[i].tcvn3 : sentences[i].text;
        assert_decodes(moji.data, moji.len, AN_ENC_TCVN3_MOJIBAKE, expect, strlen(expect), 0);
        vk_buf_free(&bytes);
        vk_buf_free(&want);
        vk_buf_free(&moji);
    }
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        size_t raw_len, len;
        char *raw = read_sample(samples[s], &raw_len);
        char *text = nfc_copy(raw, raw_len, &len);
        vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT, moji = VK_BUF_INIT;
        encode(AN_ENC_TCVN3, text, len, &bytes, &want);
        to_mojibake(&bytes, &moji);
        assert_int_equal(an_detect_encoding(moji.data, moji.len), AN_ENC_TCVN3_MOJIBAKE);
        assert_decodes(moji.data, moji.len, AN_ENC_TCVN3_MOJIBAKE, want.data, want.len, 1);
        vk_buf_free(&bytes);
        vk_buf_free(&want);
        vk_buf_free(&moji);
        free(text);
        free(raw);
    }
}

/* The samples as they are, and plain ASCII, are UTF-8; decoding UTF-8 gives
 * the same NFC text back. */
static void
test_utf8_no_misfire(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        size_t len;
        char *text = read_sample(samples[s], &len);
        assert_int_equal(an_detect_encoding(text, len), AN_ENC_UTF8);
        size_t nlen;
        char *n = nfc_copy(text, len, &nlen);
        assert_decodes(text, len, AN_ENC_UTF8, n, nlen, 0);
        free(n);
        free(text);
    }
    static const char *const plain[] = {
        "",
        "Nghi quyet so 28-NQ/TW",
        "The quick brown fox jumps over the lazy dog.\n",
        "Le president a declare a la reunion",
        "\t\r\n 12345 !@#$%^&*()",
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        assert_int_equal(an_detect_encoding(plain[i], strlen(plain[i])), AN_ENC_UTF8);
    assert_int_equal(an_detect_encoding(NULL, 0), AN_ENC_UTF8);
    /* Valid UTF-8 French, German and Vietnamese with only Latin-1 letters:
     * not mojibake. */
    static const char *const utf8[] = {
        "Le président a déclaré à la réunion",
        "Größe und Übersicht",
        "Il est déjà là, où il a dû aller à l'été",
        "Tôi là ai? Bà có về không?",
    };
    for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
        assert_int_equal(an_detect_encoding(utf8[i], strlen(utf8[i])), AN_ENC_UTF8);
}

/* Latin-1 / Windows-1252 French, German, Spanish and Portuguese are not
 * taken for a Vietnamese encoding. */
static void
test_latin1_no_misfire(void **state)
{
    (void)state;
    static const char *const latin1[] = {
        "Le pr\xe9sident a d\351clar\xe9 \xe0 la r\xe9union",
        "Gr\xf6\337e und \334bersicht",
        "Il est d\xe9j\xe0 l\xe0, o\xf9 il a d\xfb aller \xe0 l'\xe9t\xe9",
        "Voil\xe0 \xe0 c\xf4t\xe9 du ch\xe2teau, pr\xe8s de la for\xeat, o\xf9 l'on a vu \347a.",
        "\307a a \xe9t\xe9 un \xe9t\xe9 tr\xe8s chaud \xe0 Paris, o\xf9 l'on a vu des gens \xe0 la "
        "plage. Le ma\xeftre a re\xe7u une le\xe7on, d\xe9j\xe0 \xe0 No\xebl.",
        "\334ber die Gr\xf6\337e der M\xe4rkte f\xfcr \xd6l und Gem\xfcse, sch\xf6n und "
        "m\374de, \204Anf\xfchrung\x93.",
        "El ni\xf1o comi\xf3 pi\361a en la monta\361a; S\xe3o Paulo n\xe3o \xe9 aqui.",
        "\xe0 l\xe0 o\xf9 d\xfb",
    };
    for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++) {
        an_encoding e = an_detect_encoding(latin1[i], strlen(latin1[i]));
        if (e != AN_ENC_UNKNOWN)
            fail_msg("Latin-1 text %zu detected as %s", i, an_encoding_name(e));
    }
}

/* UTF-8 with one damaged byte among many good characters stays UTF-8. */
static void
test_mostly_utf8(void **state)
{
    (void)state;
    size_t len;
    char *text = read_sample("ket-luan-04-KL-BTCTW.md", &len);
    char *lead = strstr(text, "Hà Nội");
    assert_non_null(lead);
    lead[1] = '\xff'; /* the first byte of à */
    assert_int_equal(an_detect_encoding(text, len), AN_ENC_UTF8);
    vk_buf out = VK_BUF_INIT;
    assert_int_equal(an_decode(text, len, AN_ENC_UTF8, &out), VK_OK);
    assert_int_equal(vk_utf8_validate(out.data, out.len), out.len);
    assert_non_null(strstr(out.data, "H\xef\xbf\xbd\xef\xbf\xbd N\xe1\xbb\x99i"));
    vk_buf_free(&out);
    free(text);
    /* Cut in the middle of a character, as a buffer boundary does. */
    const char cut[] = "Người đứng đầu \xe1\xba";
    assert_int_equal(an_detect_encoding(cut, sizeof cut - 1), AN_ENC_UTF8);
}

/* Decodes data in every encoding: it must succeed with valid UTF-8. */
static void
decode_everywhere(const char *data, size_t len)
{
    for (int e = AN_ENC_UTF8; e < AN_ENC_UNKNOWN; e++) {
        vk_buf out = VK_BUF_INIT;
        assert_int_equal(an_decode(data, len, (an_encoding)e, &out), VK_OK);
        assert_int_equal(vk_utf8_validate(out.data, out.len), out.len);
        vk_buf_free(&out);
    }
}

/* Any bytes: empty, binary, NULs, truncated sequences, long runs of
 * combining marks, invalid arguments. */
static void
test_junk(void **state)
{
    (void)state;
    vk_buf out = VK_BUF_INIT;
    for (int e = AN_ENC_UTF8; e < AN_ENC_UNKNOWN; e++) {
        assert_int_equal(an_decode(NULL, 0, (an_encoding)e, &out), VK_OK);
        assert_int_equal(out.len, 0);
    }
    assert_int_equal(an_decode("x", 1, AN_ENC_UNKNOWN, &out), VK_EINVAL);
    assert_int_equal(an_decode("x", 1, (an_encoding)42, &out), VK_EINVAL);
    assert_int_equal(an_decode("x", 1, (an_encoding)-1, &out), VK_EINVAL);
    assert_int_equal(an_decode(NULL, 1, AN_ENC_UTF8, &out), VK_EINVAL);
    assert_int_equal(out.len, 0);
    vk_buf_free(&out);

    unsigned char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (unsigned char)i;
    an_detect_encoding((const char *)all, sizeof all);
    decode_everywhere((const char *)all, sizeof all);

    size_t n = 1 << 16;
    char *junk = malloc(n);
    assert_non_null(junk);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    assert_int_equal(an_detect_encoding(junk, n), AN_ENC_UNKNOWN);
    decode_everywhere(junk, n);
    for (size_t cut = 1; cut < 40; cut++) {
        an_detect_encoding(junk, cut);
        decode_everywhere(junk, cut);
    }
    /* NULs everywhere, and high bytes only */
    memset(junk, 0, n);
    assert_int_equal(an_detect_encoding(junk, n), AN_ENC_UTF8);
    decode_everywhere(junk, n);
    memset(junk, 0xB8, n);
    an_detect_encoding(junk, n);
    decode_everywhere(junk, n);
    /* A letter followed by thousands of combining marks, in UTF-8 and 1258. */
    junk[0] = 'a';
    for (size_t i = 1; i + 1 < n; i += 2)
        junk[i] = '\xcc', junk[i + 1] = '\x81';
    decode_everywhere(junk, n - 1);
    memset(junk + 1, 0xEC, n - 1);
    decode_everywhere(junk, n);
    free(junk);

#define BITS(s)                                                                                    \
    {                                                                                              \
        s, sizeof s - 1                                                                            \
    }
    static const struct {
        const char *s;
        size_t len;
    } bits[] = {
        BITS("\xe1"),         BITS("\xe1\xba"),  BITS("\xf0\x9f\x98"),
        BITS("\xed\xa0\x80"), BITS("\xc0\xaf"),  BITS("a\xf4"),
        BITS("\xf4"),         BITS("\x00"),      BITS("Nguy\xd6n\x00 V\xa8n \x00\x00"),
        BITS("\xd1"),         BITS("o\xf4\xf9"), BITS("\xff\xfeN\x00g\x00h\x00\xcb\x1e"),
    };
#undef BITS
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        an_detect_encoding(bits[i].s, bits[i].len);
        decode_everywhere(bits[i].s, bits[i].len);
    }
}

/* Every syllable of Debian's hunspell-vi, as one text, in every encoding. */
static void
test_hunspell_roundtrip(void **state)
{
    (void)state;
    FILE *f = fopen("/usr/share/hunspell/vi_VN.dic", "r");
    if (!f)
        fail_msg("hunspell-vi is not installed (scripts/install-deps.sh installs it)");
    char line[256];
    vk_buf text = VK_BUF_INIT;
    assert_non_null(fgets(line, sizeof line, f)); /* the count */
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n/")] = '\0';
        vk_buf_puts(&text, line);
        vk_buf_putc(&text, '\n');
    }
    fclose(f);
    for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
        vk_buf bytes = VK_BUF_INIT, want = VK_BUF_INIT;
        encode(legacy[k], text.data, text.len, &bytes, &want);
        assert_null(memchr(want.data, '?', want.len));
        assert_int_equal(an_detect_encoding(bytes.data, bytes.len), legacy[k]);
        assert_decodes(bytes.data, bytes.len, legacy[k], want.data, want.len, 0);
        vk_buf_free(&bytes);
        vk_buf_free(&want);
    }
    vk_buf_free(&text);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_roundtrip_sentences),
        cmocka_unit_test(test_all_letters),
        cmocka_unit_test(test_tcvn3_capitals),
        cmocka_unit_test(test_vni_greedy),
        cmocka_unit_test(test_cp1258_nfc),
        cmocka_unit_test(test_roundtrip_samples),
        cmocka_unit_test(test_tcvn3_heading),
        cmocka_unit_test(test_legacy_files),
        cmocka_unit_test(test_mojibake),
        cmocka_unit_test(test_utf8_no_misfire),
        cmocka_unit_test(test_latin1_no_misfire),
        cmocka_unit_test(test_mostly_utf8),
        cmocka_unit_test(test_junk),
        cmocka_unit_test(test_hunspell_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
