/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * suggest.c: "did you mean" from the index's own vocabulary. The index maps
 * each folded word to the spellings with diacritics seen in the text (its
 * synonym table); a word typed without diacritics among words typed with
 * them, or typed with diacritics the index does not know ("quyêt"), becomes
 * the most frequent of those spellings.
 */
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* The best spelling of a folded word seen so far. */
typedef struct best {
    xc_rdb *db;
    char text[XC_MAX_TERM + 1];
    uint32_t freq;
} best;

static int
spelling_cb(const char *syn, size_t len, void *ud)
{
    best *b = ud;
    uint32_t f = 0;
    if (len <= XC_MAX_TERM && xc_rdb_termfreq(b->db, syn, len, &f) == XC_OK && f > b->freq) {
        memcpy(b->text, syn, len);
        b->text[len] = '\0';
        b->freq = f;
    }
    return 0;
}

/* Appends word, with its first letter in capitals if `cap`. */
static vk_status
put_word(vk_buf *out, const char *w, size_t len, int cap)
{
    uint32_t cp;
    size_t l = len ? vk_utf8_decode(w, len, &cp) : 0;
    char enc[4];
    if (cap && l && an_is_lower(cp) && vk_utf8_encode(an_upper(cp), enc) == l)
        return vk_buf_append(out, enc, l) == VK_OK ? vk_buf_append(out, w + l, len - l)
                                                   : VK_ENOMEM;
    return vk_buf_append(out, w, len);
}

vk_status
qr_suggest(xc_rdb *db, const char *query, size_t len, vk_arena *arena, const char **out)
{
    *out = NULL;
    an_tokens t = AN_TOKENS_INIT;
    if (an_analyze(query, len, 0, &t) != VK_OK)
        return VK_ENOMEM;
    int any_exact = an_has_diacritics(query, len);
    vk_buf s = VK_BUF_INIT;
    size_t at = 0;
    int changed = 0;
    vk_status rc = VK_OK;
    for (size_t i = 0; i < t.n && rc == VK_OK; i++) {
        const an_token *k = &t.v[i];
        if (k->overlay || k->kind != AN_WORD || (k->end < len && query[k->end] == ':'))
            continue;
        int typed_exact = an_has_diacritics(query + k->start, k->end - k->start);
        uint32_t f = 0;
        if (typed_exact && (xc_rdb_termfreq(db, k->exact, k->exact_len, &f) != XC_OK || f > 0))
            continue; /* a known word */
        if (!typed_exact && !any_exact)
            continue; /* a query typed without diacritics matches them all */
        best b = {db, "", 0};
        if (k->folded_len > XC_MAX_TERM ||
            xc_rdb_synonyms(db, k->folded, k->folded_len, spelling_cb, &b) != XC_OK || !b.freq)
            continue;
        uint32_t cp = 0;
        vk_utf8_decode(query + k->start, k->end - k->start, &cp);
        rc = vk_buf_append(&s, query + at, k->start - at);
        if (rc == VK_OK)
            rc = put_word(&s, b.text, strlen(b.text), an_is_upper(cp));
        at = k->end;
        changed = 1;
    }
    if (rc == VK_OK && changed && vk_buf_append(&s, query + at, len - at) == VK_OK)
        *out = vk_arena_strndup(arena, s.data, s.len);
    if (rc == VK_OK && changed && !*out)
        rc = VK_ENOMEM;
    vk_buf_free(&s);
    an_tokens_free(&t);
    return rc;
}
