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

/* Most positions of one term read in one document (a buffer below
 * malloc's threshold for a mapping of its own: one per hit). */
#define MAX_POSITIONS 16384

/* What a section holds of the query. */
typedef struct held {
    uint64_t words;   /* the words in its text */
    uint64_t heading; /* the words of its own heading */
    uint64_t pairs;   /* word i followed by word i + 1 of the query: bit i */
    uint8_t section;  /* a section filter's mark (XS) */
    uint8_t cites;    /* a citation filter's mark (XC...) */
    uint8_t alt;      /* a matching term that is none of the query's words
                         (an abbreviation's other form, say) */
} held;

/* The state of one pick. */
typedef struct picker {
    xc_rdb *db;
    uint32_t docid;
    const ix_record *r;
    int failed;            /* a read of the index failed */
    held *h;               /* one per section */
    char *keys[MAX_WORDS]; /* the words told apart, folded, in query order */
    size_t n_keys;
    uint32_t *wpos[MAX_WORDS]; /* each word's positions in the text */
    size_t n_wpos[MAX_WORDS], cap_wpos[MAX_WORDS];
    uint32_t *pos;              /* scratch: positions of one term */
    int has_section, has_cites; /* the query's filters that matched */
    const qr_node *root;        /* the query */
    const qr_node *together;    /* the query, when a section must meet it
                                   whole (holds), else NULL */
    uint64_t seen;              /* the words the document shows */
    uint64_t need_heading;      /* the words a heading filter asks for */
    vk_buf fold;                /* scratch */
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

/* The bit of a word of the query (folded form f[0 .. fl)), or 0. */
static uint64_t
word_find(const picker *k, const char *f, size_t fl)
{
    for (size_t i = 0; i < k->n_keys; i++) {
        if (strlen(k->keys[i]) == fl && memcmp(k->keys[i], f, fl) == 0)
            return (uint64_t)1 << i;
    }
    return 0;
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
enum mark { MARK_WORD, MARK_HEADING, MARK_SECTION, MARK_CITES, MARK_ALT };

/* Adds the n positions just read (k->pos) to word w's. */
static void
keep_positions(picker *k, size_t w, size_t n)
{
    if (n == 0)
        return;
    if (k->n_wpos[w] + n > k->cap_wpos[w]) {
        size_t cap = 2 * (k->n_wpos[w] + n);
        uint32_t *v = realloc(k->wpos[w], cap * sizeof *v);
        if (!v) {
            k->failed = 1;
            return;
        }
        k->wpos[w] = v;
        k->cap_wpos[w] = cap;
    }
    memcpy(k->wpos[w] + k->n_wpos[w], k->pos, n * sizeof *k->pos);
    k->n_wpos[w] += n;
}

static int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Marks the sections where word i stands right before word i + 1 (the
 * query's words in order: a phrase, or words typed side by side). */
static void
mark_pairs(picker *k)
{
    for (size_t w = 0; w < k->n_keys; w++) {
        if (k->n_wpos[w] > 1)
            qsort(k->wpos[w], k->n_wpos[w], sizeof *k->wpos[w], cmp_u32);
    }
    for (size_t w = 0; w + 1 < k->n_keys; w++) {
        const uint32_t *a = k->wpos[w], *b = k->wpos[w + 1];
        size_t i = 0, j = 0;
        while (i < k->n_wpos[w] && j < k->n_wpos[w + 1]) {
            if ((uint64_t)a[i] + 1 < b[j]) {
                i++;
            } else if ((uint64_t)a[i] + 1 > b[j]) {
                j++;
            } else {
                k->h[section_at(k->r, b[j])].pairs |= (uint64_t)1 << w;
                i++;
                j++;
            }
        }
    }
}

/* Reads the positions of term t in the document and marks the sections
 * that hold them. Returns the number of positions. */
static size_t
mark_positions(picker *k, const char *t, size_t tl, enum mark how, uint64_t bit)
{
    size_t n = 0;
    if (xc_rdb_positions(k->db, k->docid, t, tl, k->pos, MAX_POSITIONS, &n) != XC_OK) {
        k->failed = 1;
        return 0;
    }
    if (how == MARK_WORD && bit)
        keep_positions(k, (size_t)__builtin_ctzll(bit), n);
    for (size_t i = 0; i < n; i++) {
        size_t s = section_at(k->r, k->pos[i]);
        held *h = &k->h[s];
        switch (how) {
        case MARK_WORD:
            h->words |= bit;
            if (k->pos[i] < k->r->sections[s].heading_end)
                h->heading |= bit;
            break;
        case MARK_HEADING:
            if (k->pos[i] < k->r->sections[s].heading_end)
                h->heading |= bit;
            break;
        case MARK_SECTION: h->section = 1; break;
        case MARK_CITES: h->cites = 1; break;
        case MARK_ALT: h->alt = 1; break;
        }
    }
    return n;
}

/* The positions of a word's term t, whose folded form is f[0 .. fl): as
 * the word's when it is one of the query's, else as another form's. */
static void
mark_word(picker *k, const char *t, size_t tl, const char *f, size_t fl)
{
    uint64_t bit = word_find(k, f, fl);
    mark_positions(k, t, tl, bit ? MARK_WORD : MARK_ALT, bit);
}

/* One term of the query (spellings: those of a folded word, n_alts of
 * them): its positions in the document marked by what it is
 * (ix_schema.h). */
static void
mark_term(picker *k, const char *t, size_t tl, const char *const *alts, const size_t *alt_lens,
          size_t n_alts)
{
    /* A heading word (no positions: ix_schema.h) stands where its text
     * terms do, before the end of a section's heading. */
    if (tl >= 3 && memcmp(t, IX_PREFIX_HEADING_FOLDED, 3) == 0) {
        uint64_t bit = word_find(k, t + 3, tl - 3);
        /* Only a heading filter's words: a query's own words have their
         * text terms read anyway. */
        if (!(bit & k->need_heading))
            return;
        vk_buf_clear(&k->fold);
        if (vk_buf_puts(&k->fold, IX_PREFIX_FOLDED) == VK_OK &&
            vk_buf_append(&k->fold, t + 3, tl - 3) == VK_OK &&
            mark_positions(k, k->fold.data, k->fold.len, MARK_HEADING, bit) == 0) {
            mark_positions(k, t + 3, tl - 3, MARK_HEADING, bit);
            for (size_t i = 0; i < n_alts; i++)
                mark_positions(k, alts[i], alt_lens[i], MARK_HEADING, bit);
        }
    } else if (tl >= 2 && memcmp(t, IX_PREFIX_HEADING, 2) == 0) {
        vk_buf_clear(&k->fold);
        uint64_t bit = an_fold_text(t + 2, tl - 2, &k->fold) == VK_OK && k->fold.data
                           ? word_find(k, k->fold.data, k->fold.len)
                           : 0;
        if (bit & k->need_heading)
            mark_positions(k, t + 2, tl - 2, MARK_HEADING, bit);
    } else if (tl >= 2 && memcmp(t, IX_PREFIX_SECTION, 2) == 0) {
        k->has_section |= mark_positions(k, t, tl, MARK_SECTION, 0) > 0;
    } else if (tl >= 2 && memcmp(t, IX_PREFIX_CITES, 2) == 0) {
        k->has_cites |= mark_positions(k, t, tl, MARK_CITES, 0) > 0;
    } else if (tl >= 1 && t[0] == IX_PREFIX_FOLDED[0]) {
        uint64_t bit = word_find(k, t + 1, tl - 1);
        /* A syllable's folded term has no positions: its spellings do, the
         * one without diacritics among them. */
        if (mark_positions(k, t, tl, bit ? MARK_WORD : MARK_ALT, bit) == 0) {
            mark_word(k, t + 1, tl - 1, t + 1, tl - 1);
            for (size_t i = 0; i < n_alts; i++)
                mark_positions(k, alts[i], alt_lens[i], bit ? MARK_WORD : MARK_ALT, bit);
        }
    } else if (tl >= 1 && !(t[0] >= 'A' && t[0] <= 'Z')) {
        vk_buf_clear(&k->fold);
        if (an_fold_text(t, tl, &k->fold) == VK_OK && k->fold.data)
            mark_word(k, t, tl, k->fold.data, k->fold.len);
    }
}

/* The bit of a query term's word (told apart when new), or 0. */
static uint64_t
term_bit(picker *k, const qr_term *t)
{
    size_t fl;
    const char *f = qr_term_folded(t, &fl);
    return f && fl ? word_bit(k, f, fl) : 0;
}

/* The bits of the words of a clause. */
static uint64_t
clause_bits(picker *k, const qr_clause *c)
{
    uint64_t bits = 0;
    for (size_t i = 0; c && i < c->n_terms; i++)
        bits |= term_bit(k, &c->terms[i]);
    return bits;
}

/* Tells the query's words apart (their bits), and returns the bits of
 * the words a heading filter (tieude:) asks for, found in the query under
 * n. */
static uint64_t
heading_words(picker *k, const qr_node *n)
{
    if (!n)
        return 0;
    uint64_t bits = 0;
    if (n->kind == QR_WORDS)
        clause_bits(k, n->clause); /* the query's words, told apart */
    if (n->kind == QR_FIELD && n->field == QR_F_HEADING)
        bits |= clause_bits(k, n->clause);
    if (n->kind == QR_NOT)
        return 0;
    for (size_t i = 0; i < n->n_kids; i++)
        bits |= heading_words(k, n->kids[i]);
    return bits;
}

/* Nonzero if a section holding what h says meets node n of the query:
 * all of an AND's children, one of an OR's, every word of a clause; fields
 * and exclusions are the document's (or the marks') to meet. */
static int
holds(picker *k, const qr_node *n, const held *h, int lenient)
{
    uint64_t have = h->words;
    switch (n->kind) {
    case QR_WORDS:
        for (size_t w = 0; n->clause && w < n->clause->n_terms; w++) {
            uint64_t bit = term_bit(k, &n->clause->terms[w]);
            /* A word that the document, matching, never shows was found
             * in another form (an abbreviation's, say): the section must
             * hold one, where the word must be found (no OR above it). */
            if (bit && !(have & bit) && !(lenient && !(k->seen & bit) && h->alt))
                return 0;
        }
        return 1;
    case QR_OR:
        for (size_t i = 0; i < n->n_kids; i++) {
            if (holds(k, n->kids[i], h, 0))
                return 1;
        }
        return n->n_kids == 0;
    case QR_AND:
    case QR_NEAR:
        for (size_t i = 0; i < n->n_kids; i++) {
            if (!holds(k, n->kids[i], h, lenient))
                return 0;
        }
        return 1;
    case QR_FIELD:
    case QR_NOT: return 1;
    }
    return 1;
}

/* The terms of a query as the pick reads them. */
struct qr_terms {
    vk_arena arena;
    const char **t; /* the terms */
    size_t *len;
    size_t n, cap;
    size_t *first_alt; /* each term's spellings (a folded word's), from */
    size_t *n_alts;    /* alts[first_alt] on */
    const char **alts;
    size_t *alt_lens;
    size_t n_all, cap_all;
    xc_rdb *db;
    int failed;
};

/* Grows a's array at *v (n used, *cap room) for one more of `size`. */
static void *
grow(vk_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    size_t c = *cap ? 2 * *cap : 32;
    void *w = vk_arena_alloc(a, c * size);
    if (w && n)
        memcpy(w, v, n * size);
    if (w)
        *cap = c;
    return w;
}

static int
alt_cb(const char *syn, size_t len, void *ud)
{
    qr_terms *ts = ud;
    size_t cap = ts->cap_all;
    const char **a = grow(&ts->arena, ts->alts, ts->n_all, &cap, sizeof *ts->alts);
    size_t *l = a ? grow(&ts->arena, ts->alt_lens, ts->n_all, &ts->cap_all, sizeof *l) : NULL;
    const char *c = l ? vk_arena_strndup(&ts->arena, syn, len) : NULL;
    if (!c) {
        ts->failed = 1;
        return 1;
    }
    ts->alts = a;
    ts->alt_lens = l;
    ts->alts[ts->n_all] = c;
    ts->alt_lens[ts->n_all++] = len;
    return 0;
}

static int
add_term_cb(const char *t, size_t len, void *ud)
{
    qr_terms *ts = ud;
    size_t c1 = ts->cap, c2 = ts->cap, c3 = ts->cap, c4 = ts->cap;
    const char **v = grow(&ts->arena, ts->t, ts->n, &c1, sizeof *v);
    size_t *l = v ? grow(&ts->arena, ts->len, ts->n, &c2, sizeof *l) : NULL;
    size_t *f = l ? grow(&ts->arena, ts->first_alt, ts->n, &c3, sizeof *f) : NULL;
    size_t *na = f ? grow(&ts->arena, ts->n_alts, ts->n, &c4, sizeof *na) : NULL;
    const char *c = na ? vk_arena_strndup(&ts->arena, t, len) : NULL;
    if (!c) {
        ts->failed = 1;
        return 1;
    }
    ts->t = v;
    ts->len = l;
    ts->first_alt = f;
    ts->n_alts = na;
    ts->cap = c1;
    ts->t[ts->n] = c;
    ts->len[ts->n] = len;
    ts->first_alt[ts->n] = ts->n_all;
    /* A folded word's spellings, read once for every hit: of the text's
     * (F) or of a heading's (XHF). */
    size_t pl = len > 1 && t[0] == IX_PREFIX_FOLDED[0]                   ? 1
                : len > 3 && memcmp(t, IX_PREFIX_HEADING_FOLDED, 3) == 0 ? 3
                                                                         : 0;
    if (pl && xc_rdb_synonyms(ts->db, t + pl, len - pl, alt_cb, ts) != XC_OK)
        ts->failed = 1;
    ts->n_alts[ts->n] = ts->n_all - ts->first_alt[ts->n];
    ts->n++;
    return ts->failed;
}

vk_status
qr_terms_new(xc_rdb *db, const xc_query *xq, qr_terms **out)
{
    qr_terms *ts = calloc(1, sizeof *ts);
    *out = NULL;
    if (!ts)
        return VK_ENOMEM;
    ts->db = db;
    if (xc_query_terms(xq, add_term_cb, ts) != XC_OK || ts->failed) {
        qr_terms_free(ts);
        return VK_ENOMEM;
    }
    *out = ts;
    return VK_OK;
}

void
qr_terms_free(qr_terms *ts)
{
    if (!ts)
        return;
    vk_arena_free(&ts->arena);
    free(ts);
}

static int
filters_sections(const qr_node *n)
{
    if (!n || n->kind == QR_NOT)
        return 0;
    if (n->kind == QR_FIELD)
        return n->field == QR_F_SECTION || n->field == QR_F_ARTICLE || n->field == QR_F_HEADING ||
               n->field == QR_F_CITES;
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

/* Nonzero if the section has a title of its own ("Điều 5. Các hành vi bị
 * nghiêm cấm", "II. NHIỆM VỤ"), not the first clause of a khoản, a điểm
 * or a lettered item, which only opens its text. */
static int
titled(const ix_section *x)
{
    return strcmp(x->kind, "clause") != 0 && strcmp(x->kind, "point") != 0 &&
           strcmp(x->kind, "letter") != 0;
}

/* The words of the query in section s's own title, when it has one. */
static int
title_words(const picker *k, size_t s)
{
    return titled(&k->r->sections[s]) ? popcount(k->h[s].heading & k->h[s].words) : 0;
}

/* Compares sections a and b as hits: more words, then more of them side
 * by side as in the query, then more of them in its own title, then a
 * title that is nothing but the query's words ("Mục đích" before "MỤC
 * ĐÍCH, YÊU CẦU"), then more in its headings and its parents'. */
static int
better(const picker *k, size_t a, uint64_t a_chain, size_t b, uint64_t b_chain)
{
    const held *x = &k->h[a], *y = &k->h[b];
    int d = popcount(x->words) - popcount(y->words);
    if (d == 0)
        d = popcount(x->pairs) - popcount(y->pairs);
    int ta = title_words(k, a), tb = title_words(k, b);
    if (d == 0)
        d = ta - tb;
    if (d == 0 && ta)
        d = (ta >= (int)k->r->sections[a].words) - (tb >= (int)k->r->sections[b].words);
    if (d == 0)
        d = popcount(a_chain) - popcount(b_chain);
    return d > 0;
}

/* Nonzero when section s may be the hit: it has text, and, when the query
 * filters sections, it meets the filters and holds the words required. */
static int
may_be_hit(picker *k, size_t s, uint64_t chain, uint64_t need_heading)
{
    const held *h = &k->h[s];
    return k->r->sections[s].text_len > 0 && (!k->has_section || h->section) &&
           (!k->has_cites || h->cites) && (chain & need_heading) == need_heading &&
           (!k->together || holds(k, k->together, h, 1));
}

/* Chooses among the sections that may be the hit. Returns VK_OK or
 * VK_ENOMEM. */
static vk_status
choose(picker *k, uint64_t need_heading, qr_pick *out)
{
    const ix_record *r = k->r;
    uint64_t *chain = calloc(r->n_sections, sizeof *chain);
    if (!chain)
        return VK_ENOMEM;
    size_t best = SIZE_MAX;
    for (size_t s = 0; s < r->n_sections; s++) {
        int p = r->sections[s].parent;
        chain[s] = k->h[s].heading | (p >= 0 ? chain[p] : 0);
        if (!may_be_hit(k, s, chain[s], need_heading))
            continue;
        if (best == SIZE_MAX || better(k, s, chain[s], best, chain[best]))
            best = s;
    }
    if (best != SIZE_MAX) {
        out->found = 1;
        out->section = best;
        for (size_t s = 0; s < r->n_sections && !out->whole; s++)
            out->whole =
                r->sections[s].text_len > 0 && (!k->root || holds(k, k->root, &k->h[s], 1));
        int words = popcount(k->h[best].words);
        for (size_t s = 0; s < r->n_sections; s++) {
            out->others += s != best && may_be_hit(k, s, chain[s], need_heading) &&
                           popcount(k->h[s].words) == words;
        }
        /* Without words or section filters every section would do: the
         * first is the hit, and no other is worth naming. */
        if (words == 0 && !k->has_section && !k->has_cites && !need_heading)
            out->others = 0;
    }
    free(chain);
    return VK_OK;
}

vk_status
qr_pick_section(const qr_pick_ctx *c, uint32_t docid, const ix_record *r, qr_pick *out)
{
    xc_rdb *db = c->db;
    const qr_query *q = c->q;
    const qr_terms *ts = c->ts;
    int together = c->together;
    memset(out, 0, sizeof *out);
    if (r->n_sections == 0)
        return VK_OK;
    picker k = {.db = db, .docid = docid, .r = r};
    k.h = calloc(r->n_sections, sizeof *k.h);
    k.pos = malloc(MAX_POSITIONS * sizeof *k.pos);
    vk_status rc = k.h && k.pos ? VK_OK : VK_ENOMEM;
    uint64_t need_heading = rc == VK_OK ? heading_words(&k, q->root) : 0;
    k.need_heading = need_heading;
    for (size_t t = 0; rc == VK_OK && t < ts->n; t++)
        mark_term(&k, ts->t[t], ts->len[t], ts->alts + ts->first_alt[t],
                  ts->alt_lens + ts->first_alt[t], ts->n_alts[t]);
    if (rc == VK_OK && k.failed)
        rc = VK_EINDEX;
    if (rc == VK_OK)
        mark_pairs(&k);
    for (size_t s = 0; rc == VK_OK && s < r->n_sections; s++)
        k.seen |= k.h[s].words;
    k.root = q->root;
    if (q->root && (together || qr_filters_sections(q)))
        k.together = q->root;
    if (rc == VK_OK)
        rc = choose(&k, need_heading, out);
    for (size_t w = 0; w < k.n_keys; w++) {
        free(k.keys[w]);
        free(k.wpos[w]);
    }
    vk_buf_free(&k.fold);
    free(k.pos);
    free(k.h);
    return rc;
}

vk_status
qr_count_together(const qr_pick_ctx *c, xc_mset *m, size_t check, size_t *n, size_t *checked)
{
    qr_pick_ctx all = *c;
    all.together = 1;
    size_t size = xc_mset_size(m);
    vk_status rc = VK_OK;
    *n = *checked = 0;
    for (size_t i = 0; rc == VK_OK && i < size && i < check; i++) {
        xc_match mt;
        const char *data;
        size_t len;
        vk_arena scratch = VK_ARENA_INIT;
        ix_record rec;
        qr_pick pk;
        if (xc_mset_get(m, i, &mt) != XC_OK || xc_mset_data(m, i, &data, &len) != XC_OK)
            rc = VK_EINDEX;
        if (rc == VK_OK && (rc = ix_record_decode(data, len, &scratch, &rec)) == VK_OK)
            rc = qr_pick_section(&all, mt.docid, &rec, &pk);
        if (rc == VK_OK) {
            *n += pk.found;
            (*checked)++;
        }
        vk_arena_free(&scratch);
    }
    return rc == VK_EINVAL ? VK_EINDEX : rc;
}
