/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pick.c: the section a hit points at. A hit is a whole document
 * (ix_schema.h); the positions of the query's terms in it say which of its
 * sections hold which words, and the section filters (muc:, dieu:),
 * heading filters (tieude:) and citation filters (trich:) which sections
 * may be the hit at all.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "indexer/ix_schema.h"
#include "query/parse_internal.h"
#include "query/pick_internal.h"
#include "xapian-c/xc.h"

/* Most distinct words told apart; a longer query's others are not. */
#define MAX_WORDS 64

/* Most positions of one term read in one document. */
#define MAX_POSITIONS 65536

/* Most matching terms looked at for one hit. */
#define MAX_TERMS 256

/* What a section holds of the query. */
typedef struct held {
    uint64_t words;   /* the words in its text */
    uint64_t heading; /* the words of its own heading */
    uint8_t section;  /* a section filter's mark (XS) */
    uint8_t cites;    /* a citation filter's mark (XC...) */
} held;

/* The state of one pick. */
typedef struct picker {
    xc_rdb *db;
    uint32_t docid;
    const ix_record *r;
    held *h;                   /* one per section */
    char *keys[MAX_WORDS];     /* the words told apart, folded */
    size_t n_keys;
    uint32_t *pos;             /* scratch: positions of one term */
    int has_section, has_cites; /* the query's filters that matched */
    vk_buf fold;               /* scratch */
} picker;

/* The section that position p falls in: the last one starting at or
 * before it. */
static size_t
section_at(const ix_record *r, uint32_t p)
{
    size_t lo = 0, hi = r->n_sections;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->sections[mid].start <= p)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The bit of a word (folded form f[0 .. fl)), added when new; 0 when the
 * table is full or memory is short. */
static uint64_t
word_bit(picker *k, const char *f, size_t fl)
{
    for (size_t i = 0; i < k->n_keys; i++) {
        if (strlen(k->keys[i]) == fl && memcmp(k->keys[i], f, fl) == 0)
            return (uint64_t)1 << i;
    }
    if (k->n_keys == MAX_WORDS || !(k->keys[k->n_keys] = malloc(fl + 1)))
        return 0;
    memcpy(k->keys[k->n_keys], f, fl);
    k->keys[k->n_keys][fl] = '\0';
    return (uint64_t)1 << k->n_keys++;
}

/* What a term's positions mark in the sections. */
enum mark { MARK_WORD, MARK_HEADING, MARK_SECTION, MARK_CITES };

/* Reads the positions of term t in the document and marks the sections
 * that hold them. Returns the number of positions. */
static size_t
mark_positions(picker *k, const char *t, size_t tl, enum mark how, uint64_t bit)
{
    size_t n = 0;
    if (xc_rdb_positions(k->db, k->docid, t, tl, k->pos, MAX_POSITIONS, &n) != XC_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        held *h = &k->h[section_at(k->r, k->pos[i])];
        switch (how) {
        case MARK_WORD: h->words |= bit; break;
        case MARK_HEADING: h->heading |= bit; break;
        case MARK_SECTION: h->section = 1; break;
        case MARK_CITES: h->cites = 1; break;
        }
    }
    return n;
}

/* A spelling of a word typed without diacritics: its positions. */
typedef struct spelling_ctx {
    picker *k;
    uint64_t bit;
} spelling_ctx;

static int
spelling_cb(const char *syn, size_t len, void *ud)
{
    spelling_ctx *c = ud;
    mark_positions(c->k, syn, len, MARK_WORD, c->bit);
    return 0;
}

/* One matching term: its positions marked by what it is (ix_schema.h). */
static int
term_cb(const char *t, size_t tl, void *ud)
{
    picker *k = ud;
    if (tl >= 3 && memcmp(t, IX_PREFIX_HEADING_FOLDED, 3) == 0) {
        mark_positions(k, t, tl, MARK_HEADING, word_bit(k, t + 3, tl - 3));
    } else if (tl >= 2 && memcmp(t, IX_PREFIX_HEADING, 2) == 0) {
        vk_buf_clear(&k->fold);
        if (an_fold_text(t + 2, tl - 2, &k->fold) == VK_OK && k->fold.data)
            mark_positions(k, t, tl, MARK_HEADING, word_bit(k, k->fold.data, k->fold.len));
    } else if (tl >= 2 && memcmp(t, IX_PREFIX_SECTION, 2) == 0) {
        k->has_section |= mark_positions(k, t, tl, MARK_SECTION, 0) > 0;
    } else if (tl >= 2 && memcmp(t, IX_PREFIX_CITES, 2) == 0) {
        k->has_cites |= mark_positions(k, t, tl, MARK_CITES, 0) > 0;
    } else if (tl >= 1 && t[0] == IX_PREFIX_FOLDED[0]) {
        uint64_t bit = word_bit(k, t + 1, tl - 1);
        /* A syllable's folded term has no positions: its spellings do. */
        spelling_ctx c = {k, bit};
        if (bit && mark_positions(k, t, tl, MARK_WORD, bit) == 0)
            xc_rdb_synonyms(k->db, t + 1, tl - 1, spelling_cb, &c);
    } else if (tl >= 1 && !(t[0] >= 'A' && t[0] <= 'Z')) {
        vk_buf_clear(&k->fold);
        if (an_fold_text(t, tl, &k->fold) == VK_OK && k->fold.data)
            mark_positions(k, t, tl, MARK_WORD, word_bit(k, k->fold.data, k->fold.len));
    }
    return 0;
}

/* The bits of the words a heading filter (tieude:) asks for, found in the
 * query under n. */
static uint64_t
heading_words(picker *k, const qr_node *n)
{
    if (!n)
        return 0;
    uint64_t bits = 0;
    if (n->kind == QR_FIELD && n->field == QR_F_HEADING && n->clause) {
        for (size_t i = 0; i < n->clause->n_terms; i++) {
            const qr_term *t = &n->clause->terms[i];
            const char *f = t->folded ? t->text : t->alt;
            size_t fl = t->folded ? t->len : t->alt_len;
            if (f && fl)
                bits |= word_bit(k, f, fl);
        }
    }
    if (n->kind == QR_NOT)
        return 0;
    for (size_t i = 0; i < n->n_kids; i++)
        bits |= heading_words(k, n->kids[i]);
    return bits;
}

/* The bits of the words that the query requires: those of its word
 * clauses that are ANDed at its top. */
static uint64_t
required_words(picker *k, const qr_node *root)
{
    qr_node *const one[1] = {(qr_node *)(uintptr_t)root};
    qr_node *const *kids = root && root->kind == QR_AND ? root->kids : one;
    size_t n = root && root->kind == QR_AND ? root->n_kids : root ? 1 : 0;
    uint64_t bits = 0;
    for (size_t i = 0; i < n; i++) {
        if (kids[i]->kind != QR_WORDS || !kids[i]->clause)
            continue;
        for (size_t w = 0; w < kids[i]->clause->n_terms; w++) {
            const qr_term *t = &kids[i]->clause->terms[w];
            const char *f = t->folded ? t->text : t->alt;
            size_t fl = t->folded ? t->len : t->alt_len;
            if (f && fl)
                bits |= word_bit(k, f, fl);
        }
    }
    return bits;
}

static int
filters_sections(const qr_node *n)
{
    if (!n || n->kind == QR_NOT)
        return 0;
    if (n->kind == QR_FIELD)
        return n->field == QR_F_SECTION || n->field == QR_F_ARTICLE ||
               n->field == QR_F_HEADING || n->field == QR_F_CITES;
    for (size_t i = 0; i < n->n_kids; i++) {
        if (filters_sections(n->kids[i]))
            return 1;
    }
    return 0;
}

int
qr_filters_sections(const qr_query *q)
{
    return filters_sections(q->root);
}

static int
popcount(uint64_t v)
{
    return __builtin_popcountll(v);
}

/* Compares sections a and b as hits: more words, then more of them in its
 * own heading, then more in its headings and its parents'. */
static int
better(const held *a, uint64_t a_chain, const held *b, uint64_t b_chain)
{
    int d = popcount(a->words) - popcount(b->words);
    if (d == 0)
        d = popcount(a->heading & a->words) - popcount(b->heading & b->words);
    if (d == 0)
        d = popcount(a_chain) - popcount(b_chain);
    return d > 0;
}

/* Nonzero when section s may be the hit: it has text, and, when the query
 * filters sections, it meets the filters and holds the words required. */
static int
may_be_hit(const picker *k, size_t s, uint64_t chain, uint64_t need_heading, uint64_t need)
{
    const held *h = &k->h[s];
    return k->r->sections[s].text_len > 0 && (!k->has_section || h->section) &&
           (!k->has_cites || h->cites) && (chain & need_heading) == need_heading &&
           (h->words & need) == need;
}

/* Chooses among the sections that may be the hit; need: the words every
 * such section must hold. */
static void
choose(picker *k, uint64_t need_heading, uint64_t need, qr_pick *out)
{
    const ix_record *r = k->r;
    uint64_t *chain = calloc(r->n_sections, sizeof *chain);
    if (!chain)
        return;
    size_t best = SIZE_MAX;
    for (size_t s = 0; s < r->n_sections; s++) {
        int p = r->sections[s].parent;
        chain[s] = k->h[s].heading | (p >= 0 ? chain[p] : 0);
        if (!may_be_hit(k, s, chain[s], need_heading, need))
            continue;
        if (best == SIZE_MAX || better(&k->h[s], chain[s], &k->h[best], chain[best]))
            best = s;
    }
    if (best != SIZE_MAX) {
        out->found = 1;
        out->section = best;
        int words = popcount(k->h[best].words);
        for (size_t s = 0; s < r->n_sections; s++) {
            out->others += s != best && may_be_hit(k, s, chain[s], need_heading, need) &&
                           popcount(k->h[s].words) == words;
        }
        /* Without words or section filters every section would do: the
         * first is the hit, and no other is worth naming. */
        if (words == 0 && !k->has_section && !k->has_cites && !need_heading)
            out->others = 0;
    }
    free(chain);
}

vk_status
qr_pick_section(xc_rdb *db, const qr_query *q, xc_mset *m, size_t i, uint32_t docid,
                const ix_record *r, qr_pick *out)
{
    memset(out, 0, sizeof *out);
    if (r->n_sections == 0)
        return VK_OK;
    picker k = {.db = db, .docid = docid, .r = r};
    k.h = calloc(r->n_sections, sizeof *k.h);
    k.pos = malloc(MAX_POSITIONS * sizeof *k.pos);
    vk_status rc = k.h && k.pos ? VK_OK : VK_ENOMEM;
    uint64_t need_heading = rc == VK_OK ? heading_words(&k, q->root) : 0;
    int filtering = qr_filters_sections(q);
    uint64_t need = rc == VK_OK && filtering ? required_words(&k, q->root) : 0;
    if (rc == VK_OK && xc_mset_matching_terms(m, i, term_cb, &k) != XC_OK)
        rc = VK_EINDEX;
    /* A required word the document never shows (found through an
     * abbreviation's expansion, say) cannot be asked of a section. */
    uint64_t seen = 0;
    for (size_t s = 0; rc == VK_OK && s < r->n_sections; s++)
        seen |= k.h[s].words;
    if (rc == VK_OK)
        choose(&k, need_heading, need & seen, out);
    for (size_t w = 0; w < k.n_keys; w++)
        free(k.keys[w]);
    vk_buf_free(&k.fold);
    free(k.pos);
    free(k.h);
    return rc;
}
