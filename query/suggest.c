/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * suggest.c: "did you mean", offered only when it helps.
 *
 * The index knows the spellings with diacritics of each folded word (its
 * synonym table, indexer/ix_schema.h) and, through positions, how often two
 * spellings stand side by side: the pair count of two spellings is the
 * number of passages holding them as a phrase (none when the folded bigram,
 * BF, is absent). The words of the query's free clauses (never a field's
 * value, never a -word) are weighed in runs of adjacent words, each against
 * the spellings its neighbours have; a pair with a stopword is weak
 * evidence, since a stopword stands beside anything. Each word is:
 *
 *   unknown  typed with diacritics the index does not hold ("quyêt",
 *            "đoi"): it becomes the spelling of its folded form that stands
 *            most often beside its neighbours ("chuyển đổi", not "chuyển
 *            đối"), the most frequent one when none does;
 *   known    typed with diacritics the index holds ("mấy"): kept if it is a
 *            stopword, or if it stands beside its neighbours in KNOWN_KEEP
 *            passages (the phrase as typed is in the index); else it gives
 *            way to a spelling that stands there KNOWN_MIN times, KNOWN_RATIO
 *            times as often, and no less often on either side ("bộ mấy":
 *            "bộ máy");
 *   bare     typed without diacritics ("chuyen", "tinh"): it matches every
 *            spelling already. Left as typed if it is a stopword ("cho",
 *            "trong") or if, as typed, it is a word that stands beside its
 *            neighbours in KNOWN_KEEP passages and no other spelling does
 *            KNOWN_RATIO times as often ("tinh gọn", "quy định chung");
 *            else it takes the spelling that stands beside its neighbours,
 *            twice as often as any other, if there is one.
 *            Bare words are respelled only along with another word: alone,
 *            the query would find the same.
 *
 * Words left alone keep the user's bytes, diacritics and tone style; a
 * respelled word keeps its capitals (first letter, or all).
 *
 * The rule. A query with no word typed with diacritics gets nothing (it
 * matches every spelling). Otherwise a suggestion is offered only when the
 * query as typed found "almost nothing" and the suggestion, run the same
 * way (all words, no fallback, one result per group of copies), finds
 * clearly more documents:
 *   - the query found at most FEW (3) documents, and the suggestion more
 *     than twice as many: at least 1 when it found none, 3 for 1, 7 for 3;
 *   - or it found at most RELATIVE_MAX (100), and the suggestion at least
 *     SHARE (20) times as many.
 * A query that found more than RELATIVE_MAX documents is never corrected.
 */
#include <stdint.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/lexicon.h"
#include "analyzers/text.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "indexer/ix_schema.h"
#include "query/pick_internal.h"
#include "query/qr.h"
#include "query/suggest_internal.h"
#include "xapian-c/xc.h"

/* Spellings of one word weighed: the most frequent ones. */
#define MAX_CAND 8
/* Spellings read from the synonym table at most. */
#define MAX_SPELLINGS 32
/* A known word that stands beside its neighbours in KNOWN_KEEP passages
 * is kept; else it gives way only to a spelling that stands there at least
 * KNOWN_MIN times and KNOWN_RATIO times as often. */
#define KNOWN_KEEP 3
#define KNOWN_MIN 1
#define KNOWN_RATIO 4
/* A pair with a stopword weighs 1/WEAK_SHARE of a pair without. */
#define WEAK_SHARE 8
/* A query found "almost nothing" as typed: at most FEW documents, or at
 * most RELATIVE_MAX and less than 1/SHARE of what the suggestion finds. */
#define FEW 3
#define RELATIVE_MAX 100
#define SHARE 20
/* Matches checked: passages holding a pair (counted exactly up to this),
 * and documents, as the search checks them for its first page (qr_search:
 * offset + limit + 100): beyond, both are Xapian's estimate, as
 * qr_results.total is. */
#define PAIR_CHECK 1000
#define DOC_CHECK 110
/* Documents looked at most for their sections when counting (pick.c): the
 * rest are estimated in proportion. */
#define TOGETHER_CHECK 300
/* Each word's choice depends on its neighbours': rounds until none moves. */
#define MAX_ROUNDS 4
/* A word's pick when it stands for any spelling (typed without diacritics,
 * or not chosen yet). */
#define ANY (-1)
#define NOT_COUNTED UINT32_MAX

typedef enum wclass {
    W_FIXED = 0, /* not weighed: a number, a document number, no spelling known */
    W_UNKNOWN,   /* typed with diacritics the index does not hold */
    W_KNOWN,     /* typed with diacritics the index holds */
    W_BARE       /* typed without diacritics */
} wclass;

/* One word of the query. */
typedef struct sword {
    size_t start, end;  /* its bytes in the query */
    int linked;         /* right after the previous word (spaces or
                           punctuation between) */
    wclass cls;         /* what it is */
    const char *folded; /* folded form (scratch) */
    size_t folded_len;
    const char *cand[MAX_CAND]; /* spellings the index holds, most frequent
                                   first (scratch) */
    size_t cand_len[MAX_CAND];
    uint32_t freq[MAX_CAND]; /* passages holding each spelling */
    size_t n_cand;
    int typed;             /* index in cand of the spelling typed, or ANY */
    int pick;              /* index in cand of the spelling chosen, or ANY */
    uint32_t *right;       /* pair counts with the next word, n_cand times
                              its n_cand, NOT_COUNTED until asked; NULL
                              until the first */
    uint32_t *right_check; /* matches checked for each count: a count
                              below it is exact, else at least that */
    int no_bigram;         /* the folded pair with the next word is in no
                              passage (BF term absent, a word of
                              Vietnamese shape in it) */
    const char *bigram;    /* that BF term when the index has it, else
                              NULL (scratch) */
    size_t bigram_len;
} sword;

/* The state of one suggestion. */
typedef struct sugg {
    xc_rdb *db;
    const char *query; /* as typed */
    size_t len;
    sword *w; /* the words in query order (scratch) */
    size_t n, cap;
    vk_arena scratch; /* everything above */
    vk_status rc;     /* VK_ENOMEM once memory ran out */
    int broken;       /* the index could not be read: suggest nothing */
    uint32_t check;   /* pair matches to check: PAIR_CHECK, or fewer when
                         only "at least so many" is asked */
} sugg;

/* Spellings of one folded word, as read. */
typedef struct spellings {
    sugg *s;
    const char *text[MAX_SPELLINGS];
    size_t len[MAX_SPELLINGS];
    uint32_t freq[MAX_SPELLINGS];
    size_t n;
} spellings;

static void
note_xc(sugg *s, xc_status st)
{
    if (st == XC_ENOMEM)
        s->rc = VK_ENOMEM;
    else if (st != XC_OK)
        s->broken = 1;
}

/* Adds a spelling the index holds (passages > 0), once. */
static void
add_spelling(spellings *sp, const char *t, size_t len)
{
    if (sp->n == MAX_SPELLINGS || len == 0 || len > XC_MAX_TERM)
        return;
    for (size_t i = 0; i < sp->n; i++) {
        if (sp->len[i] == len && memcmp(sp->text[i], t, len) == 0)
            return;
    }
    uint32_t f = 0;
    xc_status st = xc_rdb_termfreq(sp->s->db, t, len, &f);
    note_xc(sp->s, st);
    if (st != XC_OK || f == 0)
        return;
    const char *c = vk_arena_strndup(&sp->s->scratch, t, len);
    if (!c) {
        sp->s->rc = VK_ENOMEM;
        return;
    }
    sp->text[sp->n] = c;
    sp->len[sp->n] = len;
    sp->freq[sp->n++] = f;
}

static int
spelling_cb(const char *syn, size_t len, void *ud)
{
    add_spelling(ud, syn, len);
    return 0;
}

/* Index in w's candidates of the spelling t, or ANY. */
static int
find_cand(const sword *w, const char *t, size_t len)
{
    for (size_t i = 0; i < w->n_cand; i++) {
        if (w->cand_len[i] == len && memcmp(w->cand[i], t, len) == 0)
            return (int)i;
    }
    return ANY;
}

/* Keeps the MAX_CAND most frequent spellings in w, most frequent first,
 * and the one typed (t) among them when the index holds it. */
static void
keep_spellings(sword *w, const spellings *sp, const char *t, size_t tlen)
{
    int used[MAX_SPELLINGS] = {0};
    while (w->n_cand < MAX_CAND) {
        size_t best = MAX_SPELLINGS;
        for (size_t i = 0; i < sp->n; i++) {
            if (!used[i] && (best == MAX_SPELLINGS || sp->freq[i] > sp->freq[best]))
                best = i;
        }
        if (best == MAX_SPELLINGS)
            break;
        used[best] = 1;
        w->cand[w->n_cand] = sp->text[best];
        w->cand_len[w->n_cand] = sp->len[best];
        w->freq[w->n_cand++] = sp->freq[best];
    }
    w->typed = find_cand(w, t, tlen);
    for (size_t i = 0; i < sp->n && w->typed == ANY && w->n_cand == MAX_CAND; i++) {
        if (sp->len[i] == tlen && memcmp(sp->text[i], t, tlen) == 0) {
            w->cand[MAX_CAND - 1] = sp->text[i];
            w->cand_len[MAX_CAND - 1] = sp->len[i];
            w->freq[MAX_CAND - 1] = sp->freq[i];
            w->typed = MAX_CAND - 1;
        }
    }
}

/* Nonzero if the bytes between two words join them: no letter, digit,
 * quote, parenthesis or colon (an operator, a field, a -word, a phrase's
 * end lie between words that are not adjacent). */
static int
joins(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
            c == '"' || c == '(' || c == ')' || c == ':')
            return 0;
    }
    return 1;
}

/* Reads the spellings of token k into w and classes it. */
static void
weigh_word(sugg *s, sword *w, const an_token *k)
{
    int typed_exact = an_has_diacritics(s->query + w->start, w->end - w->start);
    spellings sp = {.s = s};
    w->folded = vk_arena_strndup(&s->scratch, k->folded, k->folded_len);
    if (!w->folded) {
        s->rc = VK_ENOMEM;
        return;
    }
    w->folded_len = k->folded_len;
    if (k->folded_len <= XC_MAX_TERM)
        note_xc(s, xc_rdb_synonyms(s->db, k->folded, k->folded_len, spelling_cb, &sp));
    add_spelling(&sp, k->folded, k->folded_len);
    if (typed_exact)
        add_spelling(&sp, k->exact, k->exact_len);
    if (typed_exact)
        keep_spellings(w, &sp, k->exact, k->exact_len);
    else
        keep_spellings(w, &sp, k->folded, k->folded_len);
    if (w->n_cand == 0)
        w->cls = W_FIXED;
    else if (!typed_exact)
        w->cls = W_BARE;
    else
        w->cls = w->typed == ANY ? W_UNKNOWN : W_KNOWN;
    w->pick = w->cls == W_KNOWN ? w->typed : ANY;
}

/* Adds token k of a clause that starts at byte `at` of the query. */
static void
add_word(sugg *s, const an_token *k, size_t at)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        sword *v = vk_arena_alloc(&s->scratch, cap * sizeof *v);
        if (!v) {
            s->rc = VK_ENOMEM;
            return;
        }
        if (s->n)
            memcpy(v, s->w, s->n * sizeof *v);
        s->w = v;
        s->cap = cap;
    }
    sword *w = &s->w[s->n];
    memset(w, 0, sizeof *w);
    w->start = at + k->start;
    w->end = at + k->end;
    w->typed = w->pick = ANY;
    if (!k->overlay && k->kind == AN_WORD)
        weigh_word(s, w, k);
    const sword *prev = s->n ? &s->w[s->n - 1] : NULL;
    w->linked =
        prev && prev->cls != W_FIXED && w->cls != W_FIXED && joins(s->query, prev->end, w->start);
    s->n++;
}

/* Byte offset of the 1-based character column col in the query. */
static size_t
byte_at(const char *q, size_t len, size_t col)
{
    size_t i = 0;
    for (size_t c = 1; c < col && i < len; c++) {
        uint32_t cp;
        size_t l = vk_utf8_decode(q + i, len - i, &cp);
        i += l ? l : 1;
    }
    return i;
}

/* Collects the words of the query's positive free clauses, in order. */
static void
collect(sugg *s, const qr_query *q)
{
    an_tokens t = AN_TOKENS_INIT;
    for (size_t c = 0; c < q->n_words && s->rc == VK_OK && !s->broken; c++) {
        const qr_clause *cl = q->words[c];
        size_t at = byte_at(s->query, s->len, cl->col);
        size_t slen = strlen(cl->source);
        if (at + slen > s->len || memcmp(s->query + at, cl->source, slen) != 0)
            continue; /* not where the parser says: leave it */
        if (an_analyze(cl->source, slen, 0, &t) != VK_OK) {
            s->rc = VK_ENOMEM;
            break;
        }
        uint32_t covered_to = 0;
        for (size_t i = 0; i < t.n && s->rc == VK_OK && !s->broken; i++) {
            const an_token *k = &t.v[i];
            if (!k->overlay && k->pos < covered_to)
                continue;
            if (k->overlay)
                covered_to = k->pos + k->span;
            add_word(s, k, at);
        }
    }
    an_tokens_free(&t);
}

/* Matches of xq in db: passages, or groups of copies with collapse;
 * exact up to `check`, estimated beyond. *lower gets Xapian's lower bound
 * (may be NULL). */
static xc_status
count_matches(xc_rdb *db, const xc_query *xq, int collapse, uint32_t check, uint32_t *out,
              uint32_t *lower)
{
    xc_search_opts so;
    xc_search_opts_init(&so);
    so.limit = 1;
    so.check_at_least = check;
    if (collapse)
        so.collapse_slot = IX_SLOT_GROUP;
    xc_mset *m = NULL;
    xc_status st = xc_rdb_search(db, xq, &so, &m);
    if (st == XC_EMODIFIED && xc_rdb_reopen(db, NULL) == XC_OK)
        st = xc_rdb_search(db, xq, &so, &m);
    if (st == XC_OK)
        xc_mset_estimate(m, out, lower, NULL);
    xc_mset_free(m);
    return st;
}

/* Documents q (built as xq) finds with its words in one section, one per
 * group of copies: those among the first `check` (at most TOGETHER_CHECK)
 * counted (qr_count_together), the rest estimated in proportion; *lower
 * (may be NULL) likewise from Xapian's lower bound. */
static vk_status
count_together(sugg *s, const qr_query *q, const xc_query *xq, uint32_t check, uint32_t *out,
               uint32_t *lower)
{
    xc_search_opts so;
    xc_search_opts_init(&so);
    so.limit = check < TOGETHER_CHECK ? check : TOGETHER_CHECK;
    so.check_at_least = check;
    so.collapse_slot = IX_SLOT_GROUP;
    xc_mset *m = NULL;
    xc_status st = xc_rdb_search(s->db, xq, &so, &m);
    if (st == XC_EMODIFIED && xc_rdb_reopen(s->db, NULL) == XC_OK)
        st = xc_rdb_search(s->db, xq, &so, &m);
    size_t n = 0, checked = 0;
    qr_terms *ts = NULL;
    vk_status rc = st == XC_OK       ? qr_terms_new(s->db, xq, &ts)
                   : st == XC_ENOMEM ? VK_ENOMEM
                                     : VK_EINDEX;
    qr_pick_ctx pc = {s->db, q, ts, 1};
    if (rc == VK_OK)
        rc = qr_count_together(&pc, m, so.limit, &n, &checked);
    qr_terms_free(ts);
    uint32_t est = 0, low = 0;
    if (rc == VK_OK)
        xc_mset_estimate(m, &est, &low, NULL);
    xc_mset_free(m);
    if (rc == VK_EINDEX)
        s->broken = 1;
    if (rc != VK_OK)
        return rc == VK_ENOMEM ? rc : VK_OK;
    *out = checked && est > checked ? (uint32_t)((uint64_t)est * n / checked) : (uint32_t)n;
    if (lower)
        *lower = checked && low > checked ? (uint32_t)((uint64_t)low * n / checked) : (uint32_t)n;
    return VK_OK;
}

/* Documents query[0 .. len) finds as typed (all words, no fallback, one
 * per group of copies, the words in one section), checking at least
 * `check`: the estimate to *out, the lower bound to *lower (may be NULL).
 * A query that cannot run finds none. */
static void
count_docs(sugg *s, const char *query, size_t len, uint32_t check, uint32_t *out, uint32_t *lower)
{
    *out = 0;
    if (lower)
        *lower = 0;
    qr_query *q = NULL;
    xc_query *xq = NULL;
    vk_error err = {0};
    vk_status rc = qr_parse(query, len, &q, &err);
    if (rc == VK_OK)
        rc = qr_build(q, s->db, 0, 0, &xq, &err);
    if (rc == VK_OK)
        rc = count_together(s, q, xq, check, out, lower);
    if (rc == VK_ENOMEM)
        s->rc = rc;
    else if (rc != VK_OK && rc != VK_EINVAL)
        s->broken = 1;
    xc_query_free(xq);
    qr_query_free(q);
}

/* Passages holding spelling a of word i and spelling b of word i + 1 side
 * by side, checked `check` deep. Unless one is a stopword, the phrase
 * stands behind the filter of their folded bigram (BF), which a match then
 * implies: its short posting list spares the position checks of most
 * passages holding both words. */
static uint32_t
phrase_count(sugg *s, size_t i, int a, int b, uint32_t check)
{
    const sword *l = &s->w[i], *r = &s->w[i + 1];
    int stop =
        an_is_stopword(l->cand[a], l->cand_len[a]) || an_is_stopword(r->cand[b], r->cand_len[b]);
    if (l->no_bigram && !stop)
        return 0; /* every such pair has its BF term */
    xc_query *t[2] = {NULL, NULL}, *f[2] = {NULL, NULL}, *p = NULL;
    uint32_t n = 0;
    xc_status st = xc_query_term(l->cand[a], l->cand_len[a], 1, 1, &t[0]);
    if (st == XC_OK)
        st = xc_query_term(r->cand[b], r->cand_len[b], 1, 2, &t[1]);
    if (st == XC_OK)
        st = xc_query_combine(XC_OP_PHRASE, t, 2, 2, &f[0]);
    if (st == XC_OK && l->bigram && !stop)
        st = xc_query_term(l->bigram, l->bigram_len, 1, 0, &f[1]);
    if (st == XC_OK)
        st = f[1] ? xc_query_combine(XC_OP_FILTER, f, 2, 0, &p) : XC_OK;
    if (st == XC_OK)
        st = count_matches(s->db, p ? p : f[0], 0, check, &n, NULL);
    note_xc(s, st);
    xc_query_free(t[0]);
    xc_query_free(t[1]);
    xc_query_free(f[0]);
    xc_query_free(f[1]);
    xc_query_free(p);
    return n;
}

/* Sets up the pair counts of word i with word i + 1. Returns 0 when out of
 * memory. */
static int
pairs_new(sugg *s, size_t i)
{
    sword *l = &s->w[i];
    const sword *r = &s->w[i + 1];
    size_t n = l->n_cand * r->n_cand;
    l->right = vk_arena_alloc(&s->scratch, n * sizeof *l->right);
    l->right_check = vk_arena_alloc(&s->scratch, n * sizeof *l->right_check);
    if (!l->right || !l->right_check) {
        s->rc = VK_ENOMEM;
        return 0;
    }
    for (size_t k = 0; k < n; k++)
        l->right[k] = NOT_COUNTED;
    vk_buf bf = VK_BUF_INIT;
    uint32_t f = 1;
    if (vk_buf_puts(&bf, IX_PREFIX_BIGRAM_FOLDED) != VK_OK ||
        vk_buf_append(&bf, l->folded, l->folded_len) != VK_OK || vk_buf_putc(&bf, ' ') != VK_OK ||
        vk_buf_append(&bf, r->folded, r->folded_len) != VK_OK) {
        s->rc = VK_ENOMEM;
    } else if (bf.len <= XC_MAX_TERM && (an_is_vi_syllable(l->folded, l->folded_len) ||
                                         an_is_vi_syllable(r->folded, r->folded_len))) {
        /* (A pair of words of other shapes has no BF term, or a Roman
         * numeral's: its phrases are counted without one.) */
        note_xc(s, xc_rdb_termfreq(s->db, bf.data, bf.len, &f));
        if (f > 0 && !(l->bigram = vk_arena_strndup(&s->scratch, bf.data, bf.len)))
            s->rc = VK_ENOMEM;
        l->bigram_len = bf.len;
    }
    l->no_bigram = f == 0;
    vk_buf_free(&bf);
    return s->rc == VK_OK;
}

/* The pair count of spelling a of word i and spelling b of word i + 1,
 * checked s->check matches deep: exact below that. A count kept from a
 * shallower check is counted again when it reached its depth. */
static uint32_t
pair(sugg *s, size_t i, int a, int b)
{
    sword *l = &s->w[i];
    size_t nr = s->w[i + 1].n_cand;
    if (!l->right && !pairs_new(s, i))
        return 0;
    size_t k = (size_t)a * nr + (size_t)b;
    uint32_t *c = &l->right[k];
    int stale = *c == NOT_COUNTED || (*c >= l->right_check[k] && l->right_check[k] < s->check);
    if (stale && s->rc == VK_OK && !s->broken) {
        *c = phrase_count(s, i, a, b, s->check);
        l->right_check[k] = s->check;
    }
    return *c == NOT_COUNTED ? 0 : *c;
}

/* The evidence for a spelling of a word: how often it stands beside its
 * neighbours' spellings, as points. A pair of two words weighs WEAK_SHARE
 * points; a pair with a stopword 1 point, or none when only pairs of words
 * are asked for: a stopword stands beside anything ("về quy" is "về quy
 * định", "về quy hoạch" ...; "nội dung trong" is everywhere), as the
 * index's bigrams leave them out (ix_schema.h). */
typedef struct evid {
    uint64_t left, right;    /* points beside the left and right neighbours */
    int has_left, has_right; /* a pair was weighed on that side */
} evid;

/* The points of spelling c of word i beside its neighbour j (i - 1 or
 * i + 1, linked): beside j's pick, or beside each of its spellings when it
 * has none; a pair with a stopword weighs `weak` points (0: not weighed). */
static uint64_t
side(sugg *s, size_t i, int c, size_t j, unsigned weak, int *weighed)
{
    const sword *n = &s->w[j];
    int stop_c = an_is_stopword(s->w[i].cand[c], s->w[i].cand_len[c]);
    uint64_t e = 0;
    for (size_t k = 0; k < n->n_cand && s->rc == VK_OK && !s->broken; k++) {
        if (n->pick != ANY && (int)k != n->pick)
            continue;
        int stop = stop_c || an_is_stopword(n->cand[k], n->cand_len[k]);
        if (stop && !weak)
            continue;
        *weighed = 1;
        uint32_t pc = j < i ? pair(s, j, (int)k, c) : pair(s, i, c, (int)k);
        e += (uint64_t)(stop ? weak : WEAK_SHARE) * pc;
    }
    return e;
}

static evid
evidence(sugg *s, size_t i, int c, unsigned weak)
{
    evid e = {0, 0, 0, 0};
    if (s->w[i].linked)
        e.left = side(s, i, c, i - 1, weak, &e.has_left);
    if (i + 1 < s->n && s->w[i + 1].linked)
        e.right = side(s, i, c, i + 1, weak, &e.has_right);
    return e;
}

/* Nonzero if spelling e of a known word may replace the one typed (t):
 * it stands beside each neighbour weighed, no less often than t, and
 * KNOWN_MIN times and KNOWN_RATIO times as often in all. */
static int
beats(evid e, evid t)
{
    uint64_t ee = e.left + e.right, et = t.left + t.right;
    return e.left >= t.left && e.right >= t.right && (!e.has_left || e.left > 0) &&
           (!e.has_right || e.right > 0) && ee >= (uint64_t)KNOWN_MIN * WEAK_SHARE &&
           ee >= KNOWN_RATIO * et;
}

/* The spelling of a known word: the one typed if it is a stopword (typed
 * with its diacritics, a common word is meant), or if it stands beside its
 * neighbours KNOWN_KEEP times (the phrase is in the index); else the one
 * with the most evidence among those that beat it. */
static int
choose_known(sugg *s, size_t i)
{
    const sword *w = &s->w[i];
    if (an_is_stopword(w->cand[w->typed], w->cand_len[w->typed]))
        return w->typed;
    /* Kept or not is known from pairs checked KNOWN_KEEP * WEAK_SHARE
     * deep (a pair weighs at least a point): when it is not kept, every
     * pair counted is below that and exact. */
    s->check = KNOWN_KEEP * WEAK_SHARE;
    evid t = evidence(s, i, w->typed, 1);
    s->check = PAIR_CHECK;
    if (t.left + t.right >= (uint64_t)KNOWN_KEEP * WEAK_SHARE)
        return w->typed;
    int best = w->typed;
    uint64_t eb = 0;
    for (size_t c = 0; c < w->n_cand; c++) {
        evid e = (int)c == w->typed ? t : evidence(s, i, (int)c, 1);
        if ((int)c != w->typed && beats(e, t) && e.left + e.right > eb) {
            best = (int)c;
            eb = e.left + e.right;
        }
    }
    return best;
}

/* The spelling of an unknown word: the most evidence, pairs with a
 * stopword weighing as much as the others (they tell "tài khoản tại" from
 * "tài khoản tài"), then the most frequent. */
static int
choose_unknown(sugg *s, size_t i)
{
    const sword *w = &s->w[i];
    int best = 0;
    uint64_t eb = 0;
    for (size_t c = 0; c < w->n_cand; c++) {
        evid e = evidence(s, i, (int)c, WEAK_SHARE);
        if (e.left + e.right > eb) {
            best = (int)c;
            eb = e.left + e.right;
        }
    }
    return best;
}

/* The spelling of a bare word, from pairs of words only: none if the
 * spelling without diacritics is a stopword (cho, trong, khi: the word is
 * meant); that one if the index holds it beside its neighbours KNOWN_KEEP
 * times and no other spelling KNOWN_RATIO times as often ("tinh gọn",
 * "đánh giá chung"; but "chuyển đổi số", not "so" as in "đổi so với");
 * else the one with evidence, twice as much as any other; else any
 * spelling. */
static int
choose_bare(sugg *s, size_t i)
{
    const sword *w = &s->w[i];
    if (w->typed != ANY && an_is_stopword(w->cand[w->typed], w->cand_len[w->typed]))
        return ANY;
    int best = 0;
    uint64_t ev[MAX_CAND] = {0}, second = 0;
    for (size_t c = 0; c < w->n_cand; c++) {
        evid e = evidence(s, i, (int)c, 0);
        ev[c] = e.left + e.right;
        if (ev[c] > ev[best])
            best = (int)c;
    }
    if (w->typed != ANY && ev[w->typed] >= (uint64_t)KNOWN_KEEP * WEAK_SHARE &&
        ev[best] < KNOWN_RATIO * ev[w->typed])
        return w->typed;
    for (size_t c = 0; c < w->n_cand; c++) {
        if ((int)c != best && ev[c] > second)
            second = ev[c];
    }
    return ev[best] > 0 && ev[best] >= 2 * second ? best : ANY;
}

/* One round over the words of class k; nonzero if a pick moved. */
static int
choose_class(sugg *s, wclass k)
{
    int moved = 0;
    for (size_t i = 0; i < s->n && s->rc == VK_OK && !s->broken; i++) {
        if (s->w[i].cls != k)
            continue;
        int p = k == W_KNOWN     ? choose_known(s, i)
                : k == W_UNKNOWN ? choose_unknown(s, i)
                                 : choose_bare(s, i);
        moved |= p != s->w[i].pick;
        s->w[i].pick = p;
    }
    return moved;
}

/* Nonzero if a word typed with diacritics has another spelling now. */
static int
respelled(const sugg *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const sword *w = &s->w[i];
        if ((w->cls == W_UNKNOWN || w->cls == W_KNOWN) && w->pick != w->typed)
            return 1;
    }
    return 0;
}

/* Chooses every word's spelling: unknown words first, then known, then
 * bare ones (only when another word changed: alone, they change nothing
 * of what the query finds), in rounds until none moves. */
static void
choose(sugg *s)
{
    for (int round = 0; round < MAX_ROUNDS; round++) {
        int moved = choose_class(s, W_UNKNOWN);
        moved |= choose_class(s, W_KNOWN);
        if (!respelled(s))
            return;
        moved |= choose_class(s, W_BARE);
        if (!moved)
            return;
    }
}

/* 0: lower case as typed; 1: first letter capital; 2: all capitals. */
static int
case_of(const char *w, size_t len)
{
    size_t letters = 0, upper = 0;
    int first = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = vk_utf8_decode(w + i, len - i, &cp);
        if (an_is_upper(cp) || an_is_lower(cp)) {
            if (letters == 0)
                first = an_is_upper(cp);
            letters++;
            upper += an_is_upper(cp) != 0;
        }
        i += l ? l : 1;
    }
    if (letters > 1 && upper == letters)
        return 2;
    return first;
}

/* Appends spelling w (lower case) with the capitals of style (case_of). */
static vk_status
put_word(vk_buf *out, const char *w, size_t len, int style)
{
    vk_status rc = VK_OK;
    for (size_t i = 0; i < len && rc == VK_OK;) {
        uint32_t cp;
        size_t l = vk_utf8_decode(w + i, len - i, &cp);
        char enc[4];
        size_t el;
        if (l && (style == 2 || (style == 1 && i == 0)) && an_is_lower(cp) &&
            (el = vk_utf8_encode(an_upper(cp), enc)) > 0)
            rc = vk_buf_append(out, enc, el);
        else
            rc = vk_buf_append(out, w + i, l ? l : 1);
        i += l ? l : 1;
    }
    return rc;
}

/* Writes the query with the words respelled to out; *changed is nonzero if
 * one was. */
static vk_status
rewrite(const sugg *s, vk_buf *out, int *changed)
{
    size_t at = 0;
    vk_status rc = VK_OK;
    *changed = 0;
    for (size_t i = 0; i < s->n && rc == VK_OK; i++) {
        const sword *w = &s->w[i];
        if (w->pick == ANY || w->pick == w->typed)
            continue;
        rc = vk_buf_append(out, s->query + at, w->start - at);
        if (rc == VK_OK)
            rc = put_word(out, w->cand[w->pick], w->cand_len[w->pick],
                          case_of(s->query + w->start, w->end - w->start));
        at = w->end;
        *changed = 1;
    }
    if (rc == VK_OK)
        rc = vk_buf_append(out, s->query + at, s->len - at);
    return rc;
}

/* Nonzero if a word was typed with diacritics and the query may need
 * another spelling: an unknown word, or a known one with a neighbour. */
static int
worth_a_look(const sugg *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const sword *w = &s->w[i];
        int neighbour = w->linked || (i + 1 < s->n && s->w[i + 1].linked);
        if (w->cls == W_UNKNOWN || (w->cls == W_KNOWN && neighbour))
            return 1;
    }
    return 0;
}

/* Documents the suggestion must find when the query found `found`: more
 * than twice as many when that is at most FEW, SHARE times as many when it
 * is at most RELATIVE_MAX; 0 when no suggestion may be made. */
static uint32_t
needed(uint32_t found)
{
    if (found <= FEW)
        return 2 * found + 1;
    return found <= RELATIVE_MAX ? SHARE * found : 0;
}

/* Chooses the spellings and keeps the suggestion in arena if it finds
 * clearly more than the query (rule at the top of the file). */
static void
respell(sugg *s, uint32_t found, vk_arena *arena, const char **out)
{
    if (found == QR_SUGGEST_NOT_COUNTED)
        count_docs(s, s->query, s->len, DOC_CHECK, &found, NULL);
    /* Found plenty (estimated from the search's hits): never corrected. */
    if (needed(found) == 0 || s->rc != VK_OK || s->broken)
        return;
    /* The spellings, then: most queries keep theirs, and then nothing
     * more needs counting. */
    choose(s);
    vk_buf b = VK_BUF_INIT;
    int changed = 0;
    if (s->rc == VK_OK && !s->broken && rewrite(s, &b, &changed) != VK_OK)
        s->rc = VK_ENOMEM;
    /* The estimate counted, where it decides. None is none. */
    if (changed && found != 0 && s->rc == VK_OK && !s->broken)
        count_docs(s, s->query, s->len, DOC_CHECK, &found, NULL);
    uint32_t need = needed(found), more = 0, lower = 0;
    /* Checked `need` matches deep, the estimate is close; the lower bound
     * counts the groups of copies among the documents checked, a few less. */
    if (changed && need && s->rc == VK_OK && !s->broken)
        count_docs(s, b.data, b.len, need > DOC_CHECK ? need : DOC_CHECK, &more, &lower);
    if (changed && need && s->rc == VK_OK && !s->broken && more >= need &&
        2 * (uint64_t)lower >= need) {
        *out = vk_arena_strndup(arena, b.data, b.len);
        if (!*out)
            s->rc = VK_ENOMEM;
    }
    vk_buf_free(&b);
}

vk_status
qr_suggest_found(xc_rdb *db, const char *query, size_t len, uint32_t found, vk_arena *arena,
                 const char **out)
{
    *out = NULL;
    qr_query *q = NULL;
    vk_error err = {0};
    vk_status rc = qr_parse(query, len, &q, &err);
    if (rc != VK_OK)
        return rc == VK_ENOMEM ? rc : VK_OK; /* bad syntax: nothing to suggest */
    sugg s = {.db = db,
              .query = query,
              .len = len,
              .rc = VK_OK,
              .scratch = VK_ARENA_INIT,
              .check = PAIR_CHECK};
    collect(&s, q);
    qr_query_free(q);
    if (s.rc == VK_OK && !s.broken && worth_a_look(&s))
        respell(&s, found, arena, out);
    vk_arena_free(&s.scratch);
    if (s.rc != VK_OK)
        *out = NULL;
    return s.rc;
}

vk_status
qr_suggest(xc_rdb *db, const char *query, size_t len, vk_arena *arena, const char **out)
{
    return qr_suggest_found(db, query, len, QR_SUGGEST_NOT_COUNTED, arena, out);
}
