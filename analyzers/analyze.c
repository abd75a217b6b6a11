/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze.c: the tokenizer described in an.h: cutting text into plain
 * tokens, normalizing each (text_internal.h), and merging in the overlays
 * (overlays.c).
 */
#include "analyzers/an.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/chars_internal.h"
#include "analyzers/overlays_internal.h"
#include "analyzers/text_internal.h"
#include "analyzers/tokens_internal.h"
#include "common/utf8.h"

/* A Roman numeral of I, V, X, L in capitals, 1 to 89 (terms, sections). */
static int
is_roman(const char *s, size_t len)
{
    static const char *const valid[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    size_t i = 0;
    while (i < len && s[i] == 'L')
        i++;
    if (i > 1)
        return 0;
    size_t x = i;
    while (i < len && s[i] == 'X')
        i++;
    if (i - x > 3)
        return 0;
    if (i == len)
        return len > 0;
    for (size_t k = 0; k < VK_ARRAY_LEN(valid); k++) {
        if (strlen(valid[k]) == len - i && memcmp(valid[k], s + i, len - i) == 0)
            return 1;
    }
    return 0;
}

/* A plain token's kind and forms are a function of its bytes alone, and a
 * text says the same few thousand syllables over and over: each thread
 * keeps the last tokens it normalized, one per slot of a table indexed by
 * a hash of their bytes, and a token met again is copied, not worked out.
 * Tokens longer than CACHE_RAW bytes, or whose forms are longer than their
 * slot holds, are not kept. */
#define CACHE_SLOTS 2048
#define CACHE_RAW 24
#define CACHE_FORM 32
typedef struct cached_token {
    uint8_t raw_len; /* 0: the slot is empty */
    uint8_t kind, exact_len, folded_len;
    char raw[CACHE_RAW];
    char exact[CACHE_FORM], folded[CACHE_FORM];
} cached_token;
static _Thread_local cached_token token_cache[CACHE_SLOTS];

static cached_token *
cache_slot(const char *raw, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)raw[i]) * 16777619u;
    return &token_cache[(h ^ (h >> 15)) & (CACHE_SLOTS - 1)];
}

/* Normalizes the plain token tok, text[tok.start .. tok.end) at tok.pos, whose
 * code points are cps[0 .. n), sets its kind and appends it. */
static vk_status
emit(an_tokens *out, const char *text, an_token tok, uint32_t *cps, size_t n)
{
    const char *raw = text + tok.start;
    size_t raw_len = tok.end - tok.start;
    cached_token *c = raw_len <= CACHE_RAW ? cache_slot(raw, raw_len) : NULL;
    if (c && c->raw_len == raw_len && memcmp(c->raw, raw, raw_len) == 0) {
        tok.kind = (an_kind)c->kind;
        if (c->exact_len == 0 || c->folded_len == 0)
            return VK_OK;
        return an_tokens_push(out, &tok, c->exact, c->exact_len, c->folded, c->folded_len);
    }
    tok.kind = an_cps_normalize(cps, &n) ? AN_NUMBER : AN_WORD;
    if (tok.kind == AN_WORD && is_roman(raw, raw_len))
        tok.kind = AN_ROMAN;
    char exact[4 * AN_CPS_MAX], folded[4 * AN_CPS_MAX];
    size_t el = an_cps_encode_exact(cps, n, exact), fl = an_cps_encode_folded(cps, n, folded);
    if (c && el <= CACHE_FORM && fl <= CACHE_FORM) {
        *c = (cached_token){
            (uint8_t)raw_len, (uint8_t)tok.kind, (uint8_t)el, (uint8_t)fl, {0}, {0}, {0}};
        memcpy(c->raw, raw, raw_len);
        memcpy(c->exact, exact, el);
        memcpy(c->folded, folded, fl);
    }
    /* A run of combining marks with no letter under them (a stray tone
     * mark, as in "rực rỡ* \u0323(2018)") folds to nothing: not a word. */
    if (el == 0 || fl == 0)
        return VK_OK;
    return an_tokens_push(out, &tok, exact, el, folded, fl);
}

/* Invisible characters that real files carry inside words: zero-width
 * space, non-joiner and joiner, word joiner, BOM, soft hyphen. */
static int
is_ignorable(uint32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF ||
           cp == 0x00AD;
}

/* Nonzero if a word character starts at byte i. */
static int
joins_word(const char *text, size_t len, size_t i)
{
    uint32_t cp;
    size_t l = i < len ? vk_utf8_decode(text + i, len - i, &cp) : 0;
    return l && an_char_is_word(cp);
}

/* Cuts text into plain tokens (runs of letters, marks and digits), decoding
 * each character once; invisible characters inside a word are skipped. */
static vk_status
plain_tokens(const char *text, size_t len, uint32_t first_pos, an_tokens *out)
{
    uint32_t cps[AN_CPS_MAX];
    uint32_t pos = first_pos;
    size_t i = 0;
    vk_status rc = VK_OK;
    while (i < len && rc == VK_OK) {
        uint32_t cp;
        unsigned char c = (unsigned char)text[i];
        size_t l = c < 0x80 ? (cp = c, 1) : vk_utf8_decode(text + i, len - i, &cp);
        if (!l || !an_char_is_word(cp)) {
            i += l ? l : 1;
            continue;
        }
        size_t start = i, n = 0;
        while (i < len && n < AN_MAX_TOKEN) {
            c = (unsigned char)text[i];
            l = c < 0x80 ? (cp = c, 1) : vk_utf8_decode(text + i, len - i, &cp);
            if (l && is_ignorable(cp) && joins_word(text, len, i + l)) {
                i += l; /* "Đả\u200bng" is one word */
                continue;
            }
            if (!l || !an_char_is_word(cp) || i + l - start > AN_MAX_TOKEN)
                break;
            cps[n++] = cp;
            i += l;
        }
        size_t before = out->n;
        an_token tok = {.pos = pos, .span = 1, .start = start, .end = i};
        rc = emit(out, text, tok, cps, n);
        if (rc == VK_OK && out->n > before)
            pos++;
    }
    return rc;
}

/* Merges the overlays ov (sorted by position) into the plain tokens of out,
 * each overlay just before the plain token at its position. */
static vk_status
merge_overlays(an_tokens *out, const an_tokens *ov)
{
    size_t total;
    if (vk_size_add(out->n, ov->n, &total) || vk_size_mul(total, sizeof(an_token), &total))
        return VK_ENOMEM;
    an_token *v = malloc(total ? total : 1);
    if (!v)
        return VK_ENOMEM;
    /* Strings become offsets into out's store, to which the overlays'
     * strings are appended. */
    for (size_t i = 0; i < out->n; i++) {
        out->v[i].exact = (const char *)(uintptr_t)(size_t)(out->v[i].exact - out->store.data);
        out->v[i].folded = (const char *)(uintptr_t)(size_t)(out->v[i].folded - out->store.data);
    }
    size_t base = out->store.len;
    if (vk_buf_append(&out->store, ov->store.data, ov->store.len) != VK_OK) {
        an_tokens_resolve(out, 0);
        free(v);
        return VK_ENOMEM;
    }
    size_t i = 0, j = 0, k = 0;
    while (i < out->n || j < ov->n) {
        an_token t;
        if (j < ov->n && (i == out->n || ov->v[j].pos <= out->v[i].pos)) {
            t = ov->v[j++];
            t.exact = (const char *)(uintptr_t)(base + (size_t)(t.exact - ov->store.data));
            t.folded = (const char *)(uintptr_t)(base + (size_t)(t.folded - ov->store.data));
        } else {
            t = out->v[i++];
        }
        v[k++] = t;
    }
    free(out->v);
    out->v = v;
    out->n = out->cap = k;
    an_tokens_resolve(out, 0);
    return VK_OK;
}

vk_status
an_analyze(const char *text, size_t len, uint32_t first_pos, an_tokens *out)
{
    out->n = 0;
    vk_buf_clear(&out->store);
    vk_status rc = plain_tokens(text, len, first_pos, out);
    if (rc == VK_OK)
        an_tokens_resolve(out, 0);
    an_tokens ov = AN_TOKENS_INIT;
    if (rc == VK_OK)
        rc = an_find_overlays(text, len, out, &ov);
    if (rc == VK_OK && ov.n)
        rc = merge_overlays(out, &ov);
    an_tokens_free(&ov);
    if (rc != VK_OK)
        out->n = 0;
    return rc;
}
