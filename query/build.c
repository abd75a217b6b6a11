/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * build.c: a parsed query to a Xapian query, with the ranking scheme of
 * qr.h: words (exact or folded terms, phrases), abbreviations both ways,
 * fields as filters, and the boosts (bigrams, headings, a document's own
 * number) added as optional evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "analyzers/lexicon.h"
#include "analyzers/text.h"
#include "common/i18n.h"
#include "corpus/cp.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "query/field_internal.h"
#include "query/label_internal.h"
#include "query/parse_internal.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* Weight of a stopword relative to other words. */
#define STOPWORD_WEIGHT 0.33
/* Weight of the words found in headings, as extra evidence. */
#define HEADING_WEIGHT 0.5
/* Weight added to a passage of a document (not a news story, a Q&A or an
 * encyclopedia page) that the words match: about what one more rare word
 * adds (BM25 gives a word found in one passage of a thousand at most
 * (k1 + 1) ln 1000, near 14). Measured on the real crawl (bench/real/
 * search_eval.py), titles typed as queries: 89.9 % right at rank 1 without
 * it, 91.3 % at 1, 92.8 % at 3 to 10. */
#define DOCUMENT_PRIOR 10.0
/* Weight of a section whose own title is the query's words, whole (XE). */
#define WHOLE_HEADING_WEIGHT 2.0
/* Weight of a query's word pair found in a section's own title (XJ). */
#define OWN_HEADING_WEIGHT 2.0
/* Weight of "this document is the number asked for": enough to put the
 * document above every text that only cites it. */
#define OWN_NUMBER_WEIGHT 20.0

/* Translation state: every query made is kept in a pool and freed at the
 * end (combining copies, see xc.h). */
typedef struct builder {
    const qr_query *q;
    xc_rdb *db;      /* for document-level exclusions, or NULL */
    int any_word;    /* OR the free words */
    int fold;        /* every word as its folded term */
    int relax;       /* phrases and NEAR without their positions (and_query) */
    uint32_t n_docs; /* passages in db, once looked up (boost_term) */
    vk_error *err;
    vk_status rc; /* first error */
    xc_query **pool;
    size_t n_pool, cap;
} builder;

static xc_query *
keep(builder *b, xc_status st, xc_query *q)
{
    if (st != XC_OK || !q) {
        if (b->rc == VK_OK)
            b->rc = vk_fail(b->err, st == XC_ENOMEM ? VK_ENOMEM : VK_EINVAL,
                            _("building the query: %s"), ix_index_error());
        xc_query_free(q);
        return NULL;
    }
    if (b->n_pool == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        xc_query **v = realloc(b->pool, cap * sizeof *v);
        if (!v) {
            xc_query_free(q);
            if (b->rc == VK_OK)
                b->rc = vk_fail(b->err, VK_ENOMEM, _("out of memory"));
            return NULL;
        }
        b->pool = v;
        b->cap = cap;
    }
    b->pool[b->n_pool++] = q;
    return q;
}

/* A term "prefix + a + ' ' + c" (a bigram), or "prefix + a" when c is NULL,
 * without position. */
static xc_query *
term2(builder *b, const char *prefix, const char *a, size_t alen, const char *c, size_t clen)
{
    char buf[XC_MAX_TERM + 1];
    int n = snprintf(buf, sizeof buf, "%s%.*s%s%.*s", prefix, (int)alen, a, c ? " " : "", (int)clen,
                     c ? c : "");
    if (n <= 0 || (size_t)n > XC_MAX_TERM)
        n = XC_MAX_TERM;
    xc_query *q = NULL;
    xc_status st = xc_query_term(buf, (size_t)n, 1, 0, &q);
    return keep(b, st, q);
}

/* A term "prefix + a" at position pos (0: none). */
static xc_query *
term(builder *b, const char *prefix, const char *a, size_t alen, uint32_t pos)
{
    char buf[XC_MAX_TERM + 1];
    int n = snprintf(buf, sizeof buf, "%s%.*s", prefix, (int)alen, a);
    if (n <= 0 || (size_t)n > XC_MAX_TERM)
        n = XC_MAX_TERM;
    xc_query *q = NULL;
    xc_status st = xc_query_term(buf, (size_t)n, 1, pos, &q);
    return keep(b, st, q);
}

static xc_query *
combine(builder *b, xc_op op, xc_query **subs, size_t n, uint32_t window)
{
    for (size_t i = 0; i < n; i++) {
        if (!subs[i])
            return NULL;
    }
    if (n == 1 && op != XC_OP_PHRASE && op != XC_OP_NEAR)
        return subs[0];
    xc_query *q = NULL;
    xc_status st = xc_query_combine(op, subs, n, window, &q);
    return keep(b, st, q);
}

static xc_query *
scale(builder *b, xc_query *in, double f)
{
    xc_query *q = NULL;
    if (!in)
        return NULL;
    xc_status st = xc_query_scale(in, f, &q);
    return keep(b, st, q);
}

const char *
qr_term_folded(const qr_term *t, size_t *len)
{
    *len = t->folded ? t->len : t->alt_len;
    return t->folded ? t->text : t->alt;
}

/* The term query of one token: exact, or folded (F...). */
static xc_query *
token_query(builder *b, const qr_term *t)
{
    if (t->folded || b->fold) {
        size_t fl;
        const char *f = qr_term_folded(t, &fl);
        return term(b, IX_PREFIX_FOLDED, f, fl, 0);
    }
    return term(b, "", t->text, t->len, 0);
}

/* One word of a phrase: its folded form, and its exact form when it must
 * match with its diacritics (x NULL otherwise). `word`: a syllable, whose
 * folded term has no positions (ix_schema.h); `syllable`: a word or Roman
 * numeral (`roman`) covering one position, which the index pairs with the
 * next one in a folded bigram unless neither has a Vietnamese shape. */
typedef struct pword {
    const char *f, *x;
    size_t fl, xl;
    int word, syllable, roman;
} pword;

/* Nonzero if a word, typed exact (x) or folded (f), may be a stopword. */
static int
maybe_stopword(const char *x, size_t xl, const char *f, size_t fl)
{
    return x ? an_is_stopword(x, xl) : an_may_be_stopword(f, fl);
}

/* Nonzero if word w has a Vietnamese shape (or is a Roman numeral). */
static int
vi_shaped(const pword *w)
{
    return w->roman || an_is_vi_syllable(w->f, w->fl);
}

/* Nonzero if the index has a folded bigram for words u and v next to each
 * other: two syllables, neither a stopword, one at least of Vietnamese
 * shape (ix_schema.h; the writer's pair_of). */
static int
bigram_indexed(const pword *u, const pword *v)
{
    return u->syllable && v->syllable && !maybe_stopword(u->x, u->xl, u->f, u->fl) &&
           !maybe_stopword(v->x, v->xl, v->f, v->fl) && (vi_shaped(u) || vi_shaped(v)) &&
           strlen(IX_PREFIX_BIGRAM_FOLDED) + u->fl + 1 + v->fl <= XC_MAX_TERM;
}

static pword
pword_of(int fold, const qr_term *t)
{
    pword w = {.word = t->kind == AN_WORD,
               .syllable = t->span == 1 && (t->kind == AN_WORD || t->kind == AN_ROMAN),
               .roman = t->kind == AN_ROMAN};
    w.f = qr_term_folded(t, &w.fl);
    if (!t->folded && !fold) {
        w.x = t->text;
        w.xl = t->len;
    }
    return w;
}

/* Spellings of one folded word, gathered from the synonym table. */
#define MAX_SPELLINGS 64 /* at most 8 seen on 1 GB of text ("doi") */
typedef struct spellings {
    char v[MAX_SPELLINGS][XC_MAX_TERM + 1];
    size_t len[MAX_SPELLINGS];
    size_t n;
} spellings;

static int
add_spelling_cb(const char *syn, size_t len, void *ud)
{
    spellings *sp = ud;
    if (len > XC_MAX_TERM)
        return 0;
    memcpy(sp->v[sp->n], syn, len);
    sp->len[sp->n++] = len;
    return sp->n == MAX_SPELLINGS; /* enough */
}

/* The positional query of one word of a phrase, at pos: its exact term
 * (prefix xp) when typed with diacritics; else its folded term (prefix fp)
 * when that has positions; else any of its spellings' exact terms (the
 * word as typed, and those of the synonym table). *as_typed is cleared
 * when the query is not the word's own term. */
static xc_query *
word_at(builder *b, const pword *w, uint32_t pos, const char *fp, const char *xp, int *as_typed)
{
    if (w->x)
        return term(b, xp, w->x, w->xl, pos);
    if (!w->word || !b->db)
        return term(b, fp, w->f, w->fl, pos);
    *as_typed = 0;
    static _Thread_local spellings sp;
    sp.n = 0;
    if (xc_rdb_synonyms(b->db, w->f, w->fl, add_spelling_cb, &sp) != XC_OK)
        sp.n = 0;
    xc_query *alt[MAX_SPELLINGS + 1];
    size_t n = 0;
    alt[n++] = term(b, xp, w->f, w->fl, pos);
    for (size_t i = 0; i < sp.n; i++)
        alt[n++] = term(b, xp, sp.v[i], sp.len[i], pos);
    return combine(b, XC_OP_OR, alt, n, 0);
}

/* How phrase_query checks the order of its words. */
enum {
    PH_POSITIONS = 0, /* by positions only */
    PH_BIGRAMS = 1,   /* by positions, behind the filter of the folded bigrams */
    PH_ADJACENT = 2,  /* by the folded bigrams alone, where every pair has one */
};

/* The phrase of words w[0 .. n) within `window` positions (prefixes px:
 * folded and exact). Words weigh as their terms as typed; the positions of
 * words typed without diacritics are their spellings'. With PH_BIGRAMS,
 * each pair of adjacent syllables must also have its folded bigram, which
 * a match implies: short posting lists that spare the position checks of
 * most passages. PH_ADJACENT (phrases the user did not type: the other
 * form of an abbreviation) and the builder's `relax` mode take the words
 * and their bigrams without positions: the words as typed, each adjacent
 * to the next when folded. */
/* The prefixes a phrase's words are looked up under: the text's. */
typedef struct prefixes {
    const char *folded, *exact;
} prefixes;
static const prefixes TEXT_PREFIXES = {IX_PREFIX_FOLDED, ""};

static xc_query *
phrase_query(builder *b, const pword *w, size_t n, uint32_t window, const prefixes *px, int how)
{
    const char *fp = px->folded, *xp = px->exact;
    xc_query *pos[64], *weights[64], *filter[65];
    size_t nb = 0;
    int as_typed = 1;
    n = n < 64 ? n : 64;
    if (n == 0)
        return NULL;
    int body = window == n && !strcmp(fp, IX_PREFIX_FOLDED), all_pairs = body && n > 1;
    for (size_t i = 0; body && i + 1 < n; i++) {
        const pword *u = &w[i], *v = &w[i + 1];
        if (bigram_indexed(u, v))
            filter[1 + nb++] = term2(b, IX_PREFIX_BIGRAM_FOLDED, u->f, u->fl, v->f, v->fl);
        else
            all_pairs = 0;
    }
    if (b->relax || (how == PH_ADJACENT && all_pairs)) {
        for (size_t i = 0; i < n; i++)
            weights[i] = w[i].x ? term(b, xp, w[i].x, w[i].xl, 0) : term(b, fp, w[i].f, w[i].fl, 0);
        filter[0] = combine(b, XC_OP_AND, weights, n, 0);
        return combine(b, XC_OP_FILTER, filter, nb + 1, 0);
    }
    if (how != PH_BIGRAMS)
        nb = 0;
    for (size_t i = 0; i < n; i++)
        pos[i] = word_at(b, &w[i], (uint32_t)i + 1, fp, xp, &as_typed);
    xc_query *q = combine(b, XC_OP_PHRASE, pos, n, window);
    if (!as_typed && q) {
        /* The positions only check (a filter); the words weigh as typed. */
        for (size_t i = 0; i < n; i++)
            weights[i] = w[i].x ? term(b, xp, w[i].x, w[i].xl, 0) : term(b, fp, w[i].f, w[i].fl, 0);
        filter[1 + nb++] = q;
        q = combine(b, XC_OP_AND, weights, n, 0);
    }
    if (nb && q) {
        filter[0] = q;
        q = combine(b, XC_OP_FILTER, filter, nb + 1, 0);
    }
    return q;
}

/* The query of a clause: a term, or the phrase of its terms. Stopwords
 * alone weigh less. */
static xc_query *
clause_query(builder *b, const qr_clause *c)
{
    if (c->n_terms == 1) {
        const qr_term *t = &c->terms[0];
        xc_query *q = token_query(b, t);
        if (!t->folded && !b->fold && an_is_stopword(t->text, t->len))
            return scale(b, q, STOPWORD_WEIGHT);
        return q;
    }
    pword w[64];
    size_t n = c->n_terms < 64 ? c->n_terms : 64;
    uint32_t window = 0;
    for (size_t i = 0; i < n; i++) {
        w[i] = pword_of(b->fold, &c->terms[i]);
        window += c->terms[i].span;
    }
    return phrase_query(b, w, n, window, &TEXT_PREFIXES, PH_BIGRAMS);
}

/* The phrase of the tokens of a text (an abbreviation's other form, as the
 * table writes it, with its diacritics; folded when every word is), matched
 * by adjacency (PH_ADJACENT). */
static xc_query *
text_phrase(builder *b, const char *text)
{
    an_tokens t = AN_TOKENS_INIT;
    pword w[32];
    size_t n = 0;
    xc_query *q = NULL;
    if (an_analyze(text, strlen(text), 0, &t) == VK_OK) {
        for (size_t i = 0; i < t.n && n < 32; i++) {
            const an_token *k = &t.v[i];
            if (!k->overlay)
                w[n++] = (pword){.f = k->folded,
                                 .fl = k->folded_len,
                                 .x = b->fold ? NULL : k->exact,
                                 .xl = k->exact_len,
                                 .word = k->kind == AN_WORD,
                                 .syllable = k->kind == AN_WORD || k->kind == AN_ROMAN,
                                 .roman = k->kind == AN_ROMAN};
        }
        if (n == 1)
            q = w[0].x ? term(b, "", w[0].x, w[0].xl, 0)
                       : term(b, IX_PREFIX_FOLDED, w[0].f, w[0].fl, 0);
        else if (n > 1)
            q = phrase_query(b, w, n, (uint32_t)n, &TEXT_PREFIXES, PH_ADJACENT);
    }
    an_tokens_free(&t);
    return q;
}

static int
is_plain_word(const qr_node *n)
{
    return n->kind == QR_WORDS && !n->clause->quoted && n->clause->n_terms == 1 &&
           n->clause->terms[0].kind == AN_WORD;
}

static int
is_docnum(const qr_node *n)
{
    if (n->kind != QR_WORDS)
        return 0;
    for (size_t i = 0; i < n->clause->n_terms; i++) {
        if (n->clause->terms[i].kind == AN_DOCNUM)
            return 1;
    }
    return 0;
}

/* Queries of the word children kids[0 .. n) of an AND, with abbreviations
 * expanded both ways over runs of plain words. Writes one query per kid
 * (NULL for kids that a full form swallowed) to out[]. */
static void
words_with_abbrevs(builder *b, qr_node *const *kids, size_t n, xc_query **out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = kids[i]->kind == QR_WORDS ? clause_query(b, kids[i]->clause) : NULL;
    /* The run's text, one token per plain word, to match the table. */
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        vk_buf text = VK_BUF_INIT;
        while (j < n && is_plain_word(kids[j])) {
            if (text.len)
                vk_buf_putc(&text, ' ');
            vk_buf_puts(&text, kids[j]->clause->source);
            j++;
        }
        an_tokens t = AN_TOKENS_INIT;
        if (j > i && an_analyze(text.data, text.len, 0, &t) == VK_OK) {
            for (size_t k = 0; k < t.n && i + k < j; k++) {
                an_abbrev_hit m[4];
                size_t nf = an_abbrev_match(text.data, &t, k, AN_ABBREV_FULL, m, 4);
                if (nf && m[0].ntoks > 1 && m[0].ntoks <= j - i - k) {
                    /* "hội đồng nhân dân" -> also HĐND */
                    xc_query *alt[5] = {NULL};
                    pword parts[16];
                    size_t np = 0;
                    for (size_t x = 0; x < m[0].ntoks && np < 16; x++)
                        parts[np++] = pword_of(b->fold, &kids[i + k + x]->clause->terms[0]);
                    alt[0] = phrase_query(b, parts, np, (uint32_t)np, &TEXT_PREFIXES, PH_ADJACENT);
                    for (size_t x = 0; x < nf && x < 4; x++)
                        alt[x + 1] = text_phrase(b, m[x].entry->abbr);
                    out[i + k] = combine(b, XC_OP_OR, alt, nf < 4 ? nf + 1 : 5, 0);
                    for (size_t x = 1; x < m[0].ntoks; x++)
                        out[i + k + x] = NULL;
                    k += m[0].ntoks - 1;
                    continue;
                }
                size_t ns = an_abbrev_match(text.data, &t, k, AN_ABBREV_SHORT, m, 4);
                if (ns && m[0].ntoks == 1) {
                    /* HĐND -> also "hội đồng nhân dân" */
                    xc_query *alt[5] = {out[i + k]};
                    for (size_t x = 0; x < ns && x < 4; x++)
                        alt[x + 1] = text_phrase(b, m[x].entry->full);
                    out[i + k] = combine(b, XC_OP_OR, alt, ns < 4 ? ns + 1 : 5, 0);
                }
            }
        }
        an_tokens_free(&t);
        vk_buf_free(&text);
        if (j > i)
            i = j - 1;
    }
}

/* Converts a date value (2022-11-17, 17/11/2022, 17.11.2022, 2022) to
 * YYYYMMDD, the lowest (or highest, with `high`) day it stands for. */
static int
date_key(const char *v, int high, char out[16])
{
    int y = 0, m = 0, d = 0;
    char tail;
    if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
        sscanf(v, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3 ||
        sscanf(v, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3) {
        if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999)
            return 0;
    } else if (sscanf(v, "%4d%c", &y, &tail) == 1 && y >= 1000 && y <= 9999) {
        m = high ? 12 : 1;
        d = high ? 31 : 1;
    } else {
        return 0;
    }
    snprintf(out, 16, "%04d%02d%02d", y, m, d);
    return 1;
}

/* A value range query on slot from strings lo..hi (either may be empty). */
static xc_query *
range(builder *b, uint32_t slot, const char *lo, const char *hi)
{
    xc_query *q = NULL;
    xc_status st =
        xc_query_value_range(slot, *lo ? lo : NULL, strlen(lo), *hi ? hi : NULL, strlen(hi), &q);
    return keep(b, st, q);
}

static xc_query *
bad_value(builder *b, const qr_node *n, const char *what)
{
    if (b->rc == VK_OK)
        b->rc = vk_fail(b->err, VK_EINVAL, _("column %zu: '%s' %s"), n->col, n->value, what);
    return NULL;
}

/* "XIII", "xiii" or "13" to lower-case Roman numerals. */
static int
roman_of(const char *v, char out[16])
{
    static const char *const r[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    static const char *const x[] = {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"};
    if (v[0] >= '0' && v[0] <= '9') {
        int n = atoi(v);
        if (n < 1 || n > 99)
            return 0;
        snprintf(out, 16, "%s%s", x[n / 10], r[n % 10]);
        return 1;
    }
    size_t k = 0;
    for (; v[k] && k < 15; k++)
        out[k] = (char)(v[k] >= 'A' && v[k] <= 'Z' ? v[k] + 32 : v[k]);
    out[k] = '\0';
    return k > 0;
}

/* The builders of the fields (field_internal.h): each the filter of one
 * field node, NULL with the builder's error set. */

xc_query *
qr_build_number(builder *b, const qr_node *n)
{
    an_docnum d;
    if (!an_docnum_parse(n->value, strlen(n->value), &d))
        return bad_value(b, n, _("is not a document number"));
    vk_buf t = VK_BUF_INIT;
    an_docnum_term(d.canon, strlen(d.canon), &t);
    xc_query *q = term(b, n->field == QR_F_NUMBER ? IX_PREFIX_NUMBER : IX_PREFIX_CITES,
                       t.data ? t.data : "", t.len, 0);
    vk_buf_free(&t);
    return q;
}

xc_query *
qr_build_type(builder *b, const qr_node *n)
{
    const char *kind = qr_text_kind(n->value);
    if (kind) /* loai:vanban, loai:khac, loai:hoidap ... */
        return term(b, IX_PREFIX_KIND, kind, strlen(kind), 0);
    const cp_type *ty = cp_type_by_code(n->value, strlen(n->value));
    if (ty) { /* QĐ: both Quyết định and Quy định */
        vk_buf t = VK_BUF_INIT;
        an_casefold_text(ty->code, strlen(ty->code), &t);
        xc_query *q = term(b, IX_PREFIX_TYPE, t.data, t.len, 0);
        vk_buf_free(&t);
        return q;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%s", n->value);
    for (char *c = buf; *c; c++)
        *c = *c == '-' ? ' ' : *c;
    ty = cp_type_by_name(buf, strlen(buf));
    if (!ty)
        return bad_value(b, n, _("is not a document type"));
    return term(b, IX_PREFIX_TYPE_SLUG, ty->slug, strlen(ty->slug), 0);
}

xc_query *
qr_build_year(builder *b, const qr_node *n)
{
    if (n->lo) {
        int lo = *n->lo ? atoi(n->lo) : 0, hi = *n->hi ? atoi(n->hi) : 0;
        if ((*n->lo && (lo < 1000 || lo > 9999)) || (*n->hi && (hi < 1000 || hi > 9999)))
            return bad_value(b, n, _("is not a range of years such as 2018..2022"));
        return range(b, IX_SLOT_YEAR, n->lo, n->hi);
    }
    int y = atoi(n->value);
    if (y < 1000 || y > 9999 || strlen(n->value) != 4)
        return bad_value(b, n, _("is not a year such as 2022"));
    return term(b, IX_PREFIX_YEAR, n->value, 4, 0);
}

xc_query *
qr_build_date(builder *b, const qr_node *n)
{
    char k1[16], k2[16];
    if (!n->lo) {
        if (!date_key(n->value, 0, k1) || !date_key(n->value, 1, k2))
            return bad_value(b, n, _("is not a date such as 2022-11-17 or 17/11/2022"));
    } else {
        k1[0] = k2[0] = '\0';
        if ((*n->lo && !date_key(n->lo, 0, k1)) || (*n->hi && !date_key(n->hi, 1, k2)))
            return bad_value(b, n, _("is not a range of dates such as 2022-01-01..2022-12-31"));
    }
    return range(b, IX_SLOT_DATE, k1, k2);
}

/* muc: and dieu:: a section and every section under it, which the label
 * names all (ix_schema.h). */
xc_query *
qr_build_section(builder *b, const qr_node *n)
{
    vk_buf t = VK_BUF_INIT;
    if (qr_section_label(n->field, n->value, &t) != VK_OK) {
        vk_buf_free(&t);
        return keep(b, XC_ENOMEM, NULL);
    }
    xc_query *q = t.len ? term(b, IX_PREFIX_SECTION, t.data, t.len, 0)
                        : bad_value(b, n, _("is not an article such as 5, 5.2 or 5.2.a"));
    vk_buf_free(&t);
    return q;
}

xc_query *
qr_build_heading(builder *b, const qr_node *n)
{
    xc_query *subs[32];
    pword w[32];
    size_t m = n->clause->n_terms < 32 ? n->clause->n_terms : 32;
    for (size_t i = 0; i < m; i++) {
        const qr_term *x = &n->clause->terms[i];
        w[i] = pword_of(0, x);
        subs[i] = w[i].x ? term(b, IX_PREFIX_HEADING, w[i].x, w[i].xl, 0)
                         : term(b, IX_PREFIX_HEADING_FOLDED, w[i].f, w[i].fl, 0);
    }
    /* Heading terms have no positions (ix_schema.h): a quoted heading
     * asks for its words, which the hit's section (query/pick.c) must
     * have in its heading or its parents'. */
    return combine(b, XC_OP_AND, subs, m, 0);
}

xc_query *
qr_build_issuer(builder *b, const qr_node *n)
{
    xc_query *subs[32];
    size_t m = n->clause->n_terms < 32 ? n->clause->n_terms : 32;
    for (size_t i = 0; i < m; i++) {
        size_t fl;
        const char *f = qr_term_folded(&n->clause->terms[i], &fl);
        subs[i] = term(b, IX_PREFIX_ISSUER, f, fl, 0);
    }
    return combine(b, XC_OP_AND, subs, m, 0);
}

xc_query *
qr_build_term(builder *b, const qr_node *n)
{
    char roman[16];
    if (!roman_of(n->value, roman))
        return bad_value(b, n, _("is not a term such as XIII"));
    return term(b, IX_PREFIX_TERM, roman, strlen(roman), 0);
}

/* The query of a field node. */
static xc_query *
field_query(builder *b, const qr_node *n)
{
    return qr_field_def_of(n->field)->build(b, n);
}

static xc_query *node_query(builder *b, const qr_node *n);

/* Most documents one exclusion (-word) can name. */
#define MAX_EXCLUDED 10000

/* -word excludes documents, not only passages: the groups of copies whose
 * passages match the negated query are looked up (their values come with
 * the collapsed matches). The passages to keep are then those whose group
 * value is none of theirs, a filter (*as_filter set). Where the whole query
 * requires it, the wrapper checks it only on the passages that could make
 * the page (xc_query_combine); inside an OR, on every passage proposed.
 * Where a remote shard cannot run that, the groups' terms are excluded (an
 * OR of thousands of terms opens as many posting lists: 6 times slower,
 * measured on 1 GB). */
static xc_query *
exclusion(builder *b, xc_query *neg, int *as_filter)
{
    *as_filter = 0;
    if (!neg || !b->db)
        return neg;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.limit = MAX_EXCLUDED;
    o.collapse_slot = IX_SLOT_GROUP;
    xc_mset *m = NULL;
    xc_status st = xc_rdb_search(b->db, neg, &o, &m);
    if (st != XC_OK)
        return keep(b, st, NULL);
    size_t n = xc_mset_size(m), ng = 0;
    const char **vals = calloc(n ? n : 1, sizeof *vals);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    for (size_t i = 0; vals && lens && i < n; i++) {
        if (xc_mset_value(m, i, IX_SLOT_GROUP, &vals[ng], &lens[ng]) == XC_OK && lens[ng])
            ng++;
    }
    xc_query *r = NULL;
    if (!vals || !lens) {
        if (b->rc == VK_OK)
            b->rc = vk_fail(b->err, VK_ENOMEM, _("out of memory"));
    } else if (ng == 0) {
        xc_query *none = NULL;
        xc_status nst = xc_query_match_nothing(&none);
        r = keep(b, nst, none);
    } else if (!xc_rdb_has_remote(b->db)) {
        /* Estimate of the passages kept: all but the excluded groups', at
         * the mean size of a sample of them (their XG terms' frequencies). */
        uint32_t total = 0, sampled = 0;
        size_t k = 0, step = ng / 64 + 1;
        xc_rdb_doccount(b->db, &total);
        for (size_t i = 0; i < ng; i += step, k++) {
            char t[XC_MAX_TERM + 1];
            uint32_t f = 0;
            int tl = snprintf(t, sizeof t, "%s%.*s", IX_PREFIX_GROUP, (int)lens[i], vals[i]);
            if (tl > 0 && (size_t)tl <= XC_MAX_TERM &&
                xc_rdb_termfreq(b->db, t, (size_t)tl, &f) == XC_OK)
                sampled += f;
        }
        double excluded = (double)sampled / (double)k * (double)ng;
        xc_value_test vt = {.slot = IX_SLOT_GROUP,
                            .values = vals,
                            .lens = lens,
                            .n = ng,
                            .outside = 1,
                            .est = excluded < total ? (uint32_t)(total - excluded) : 0};
        xc_query *q = NULL;
        xc_status vst = xc_query_value_in(&vt, &q);
        r = keep(b, vst, q);
        *as_filter = 1;
    } else {
        xc_query **groups = calloc(ng, sizeof *groups);
        for (size_t i = 0; groups && i < ng; i++)
            groups[i] = term(b, IX_PREFIX_GROUP, vals[i], lens[i], 0);
        r = groups ? combine(b, XC_OP_OR, groups, ng, 0) : NULL;
        if (!groups && b->rc == VK_OK)
            b->rc = vk_fail(b->err, VK_ENOMEM, _("out of memory"));
        free(groups);
    }
    xc_mset_free(m);
    free(vals);
    free(lens);
    return r;
}

/* The term prefix + a (+ " " + c) as optional evidence, or NULL when more
 * than a third of the passages have it: Xapian's BM25 then gives it less
 * than log 2 of weight, which reorders little, while its long posting list
 * is read for every candidate (1 GB, "công tác cán bộ": the bigrams "cong
 * tac" and "can bo", in 54 % of the passages, took 60 ms to 41). */
static xc_query *
boost_term(builder *b, const char *prefix, const char *a, size_t alen, const char *c, size_t clen)
{
    char buf[XC_MAX_TERM + 1];
    int len = snprintf(buf, sizeof buf, "%s%.*s%s%.*s", prefix, (int)alen, a, c ? " " : "",
                       (int)clen, c ? c : "");
    uint32_t freq = 0;
    if (b->db && len > 0 && (size_t)len <= XC_MAX_TERM) {
        if (!b->n_docs)
            xc_rdb_doccount(b->db, &b->n_docs);
        if (b->n_docs && xc_rdb_termfreq(b->db, buf, (size_t)len, &freq) == XC_OK &&
            (uint64_t)freq * 3 > b->n_docs)
            return NULL;
    }
    return term2(b, prefix, a, alen, c, clen);
}

/* The documents before what is written about them: a news story or a
 * legal Q&A that restates a document's title holds its words as densely
 * as the document does, and the one who types the title wants the
 * document. */
static xc_query *
document_prior(builder *b)
{
    static const char *const kinds[] = {IX_KIND_DOCUMENT};
    const size_t lens[] = {strlen(IX_KIND_DOCUMENT)};
    const double weights[] = {DOCUMENT_PRIOR};
    xc_value_weights w = {IX_SLOT_KIND, kinds, lens, weights, 1, 0.0};
    xc_query *q = NULL;
    xc_status st = xc_query_value_weight(&w, &q);
    return keep(b, st, q);
}

/* The query's words as one short heading (XE, ix_schema.h): when every
 * word child, quoted or not, is syllables only, 2 to
 * IX_OWN_HEADING_WHOLE_MAX of them in all, the term of a section titled
 * exactly so; NULL otherwise. */
static xc_query *
whole_heading(builder *b, qr_node *const *kids, size_t n)
{
    char buf[XC_MAX_TERM + 1];
    size_t len = 0, words = 0;
    for (size_t i = 0; i < n; i++) {
        if (kids[i]->kind != QR_WORDS)
            continue;
        const qr_clause *c = kids[i]->clause;
        for (size_t k = 0; k < c->n_terms; k++) {
            pword p = pword_of(1, &c->terms[k]);
            if (!p.syllable || ++words > IX_OWN_HEADING_WHOLE_MAX || len + 1 + p.fl >= sizeof buf)
                return NULL;
            if (words > 1)
                buf[len++] = ' ';
            memcpy(buf + len, p.f, p.fl);
            len += p.fl;
        }
    }
    if (words < 2)
        return NULL;
    return term(b, IX_PREFIX_OWN_HEADING_WHOLE, buf, len, 0);
}

/* Optional evidence for the word children: bigrams of adjacent plain words,
 * the words in headings, and "is this number" for document numbers. */
static xc_query *
boosts(builder *b, qr_node *const *kids, size_t n)
{
    xc_query *v[96];
    size_t nv = 0;
    /* A citation typed as a query names a document, not a section: no
     * boost for titles of sections then. */
    int cites = 0;
    for (size_t i = 0; i < n; i++) {
        const qr_clause *c = kids[i]->kind == QR_WORDS ? kids[i]->clause : NULL;
        cites |= c && c->n_terms && c->terms[0].kind == AN_DOCNUM;
    }
    for (size_t i = 0; i < n && nv + 4 < VK_ARRAY_LEN(v) && b->rc == VK_OK; i++) {
        if (kids[i]->kind != QR_WORDS)
            continue;
        const qr_clause *c = kids[i]->clause;
        for (size_t k = 0; k < c->n_terms && c->terms[k].kind == AN_DOCNUM; k++) {
            size_t fl;
            const char *f = qr_term_folded(&c->terms[k], &fl);
            v[nv++] = scale(b, term(b, IX_PREFIX_OWN_NUMBER, f, fl, 0), OWN_NUMBER_WEIGHT);
        }
        if (!is_plain_word(kids[i]))
            continue;
        const qr_term *t = &c->terms[0];
        size_t fl;
        const char *f = qr_term_folded(t, &fl);
        xc_query *h = t->folded || b->fold
                          ? boost_term(b, IX_PREFIX_HEADING_FOLDED, f, fl, NULL, 0)
                          : boost_term(b, IX_PREFIX_HEADING, t->text, t->len, NULL, 0);
        if (h)
            v[nv++] = scale(b, h, HEADING_WEIGHT);
        if (i + 1 < n && is_plain_word(kids[i + 1])) {
            /* Bigrams are indexed folded (ix_schema.h). */
            pword p = pword_of(b->fold, t), q = pword_of(b->fold, &kids[i + 1]->clause->terms[0]);
            xc_query *bg = bigram_indexed(&p, &q)
                               ? boost_term(b, IX_PREFIX_BIGRAM_FOLDED, p.f, p.fl, q.f, q.fl)
                               : NULL;
            if (bg)
                v[nv++] = bg;
            /* The pair in the section's own title: the article that a
             * question names comes before the passages under it. */
            xc_query *oh = !cites && bigram_indexed(&p, &q)
                               ? boost_term(b, IX_PREFIX_OWN_HEADING, p.f, p.fl, q.f, q.fl)
                               : NULL;
            if (oh)
                v[nv++] = scale(b, oh, OWN_HEADING_WEIGHT);
        }
    }
    xc_query *whole = !cites && b->rc == VK_OK ? whole_heading(b, kids, n) : NULL;
    if (whole)
        v[nv++] = scale(b, whole, WHOLE_HEADING_WEIGHT);
    int words = 0;
    for (size_t i = 0; i < n; i++)
        words |= kids[i]->kind == QR_WORDS;
    if (words && b->rc == VK_OK)
        v[nv++] = document_prior(b);
    return nv && b->rc == VK_OK ? combine(b, XC_OP_OR, v, nv, 0) : NULL;
}

/* The parts of an AND of children, before they are put together. */
typedef struct and_parts {
    xc_query *req[64], *opt[64], *filters[64], *weighted[64], *neg[64];
    size_t nreq, nopt, nf, nw, nn;
} and_parts;

/* Sorts the children into p: words (required, or optional in any-word
 * mode and beside a document number), fields (filters or, for headings,
 * weighted), negations. With `weighed_only`, the filters and negations of
 * this level are left out (the caller has them already). */
static void
collect(builder *b, qr_node *const *kids, size_t n, int weighed_only, and_parts *p)
{
    xc_query **words = calloc(n ? n : 1, sizeof *words);
    if (!words) {
        b->rc = vk_fail(b->err, VK_ENOMEM, _("out of memory"));
        return;
    }
    words_with_abbrevs(b, kids, n, words);
    int docnum_mode = 0;
    for (size_t i = 0; i < n; i++)
        docnum_mode |= is_docnum(kids[i]);
    for (size_t i = 0;
         i < n && b->rc == VK_OK && p->nreq < 64 && p->nopt < 64 && p->nf < 64 && p->nw < 64; i++) {
        const qr_node *k = kids[i];
        if (k->kind == QR_WORDS) {
            if (!words[i])
                continue;
            if (b->any_word || (docnum_mode && !is_docnum(k)))
                p->opt[p->nopt++] = words[i];
            else
                p->req[p->nreq++] = words[i];
        } else if (k->kind == QR_FIELD && k->field == QR_F_HEADING) {
            p->weighted[p->nw++] = field_query(b, k);
        } else if (weighed_only && (k->kind == QR_NOT || k->kind == QR_FIELD)) {
            continue;
        } else if (k->kind == QR_NOT) {
            int as_filter = 0;
            xc_query *x = exclusion(b, node_query(b, k->kids[0]), &as_filter);
            if (as_filter)
                p->filters[p->nf++] = x;
            else if (p->nn < 64)
                p->neg[p->nn++] = x;
        } else if (k->kind == QR_FIELD) {
            p->filters[p->nf++] = field_query(b, k);
        } else {
            p->req[p->nreq++] = node_query(b, k);
        }
    }
    free(words);
}

/* The AND of p's parts: required AND_MAYBE optional, AND weighted, FILTER
 * filters, AND_NOT negations. */
static xc_query *
assemble(builder *b, and_parts *p)
{
    xc_query *base = NULL;
    if (p->nreq)
        base = combine(b, XC_OP_AND, p->req, p->nreq, 0);
    if (p->nopt) {
        xc_query *any = combine(b, XC_OP_OR, p->opt, p->nopt, 0);
        xc_query *pair[2] = {base, any};
        base = base ? combine(b, XC_OP_AND_MAYBE, pair, 2, 0) : any;
    }
    for (size_t i = 0; i < p->nw; i++) {
        xc_query *pair[2] = {base, p->weighted[i]};
        base = base ? combine(b, XC_OP_AND, pair, 2, 0) : p->weighted[i];
    }
    if (!base) {
        xc_query *all = NULL;
        xc_status st = xc_query_match_all(&all);
        base = keep(b, st, all);
    }
    if (p->nf) {
        xc_query *v[65] = {base};
        memcpy(v + 1, p->filters, p->nf * sizeof *p->filters);
        base = combine(b, XC_OP_FILTER, v, p->nf + 1, 0);
    }
    if (p->nn) {
        xc_query *pair[2] = {base, combine(b, XC_OP_OR, p->neg, p->nn, 0)};
        base = combine(b, XC_OP_AND_NOT, pair, 2, 0);
    }
    return base;
}

/* An AND of children, with optional evidence (boosts). Xapian checks the
 * positions of a phrase under the AND_MAYBE that adds the optional weight,
 * so it cannot skip the checks of passages that would not make the page:
 * every candidate was checked (1 GB, "ủy ban kiểm tra": 139 ms against 37
 * without boosts). When the required parts check positions, the weighed
 * query is built again without positions (relax mode: words and bigrams),
 * and the positional parts filter it from outside, where the whole weight
 * is known (55 ms). */
static xc_query *
and_query(builder *b, qr_node *const *kids, size_t n)
{
    and_parts p = {0};
    collect(b, kids, n, 0, &p);
    if (b->rc != VK_OK)
        return NULL;
    xc_query *extra = boosts(b, kids, n);
    xc_query *pos[65];
    size_t np = 0;
    for (size_t i = 0; !b->relax && (extra || p.nopt) && i < p.nreq + p.nw && np < 64; i++) {
        xc_query *q = i < p.nreq ? p.req[i] : p.weighted[i - p.nreq];
        if (xc_query_positional(q))
            pos[1 + np++] = q;
    }
    xc_query *base;
    if (np) {
        and_parts r = {0};
        /* Nested ANDs (in groups) keep their exclusions: only the
         * positional checks are relaxed. */
        b->relax = 1;
        collect(b, kids, n, 1, &r);
        b->relax = 0;
        memcpy(r.filters, p.filters, p.nf * sizeof *p.filters);
        memcpy(r.neg, p.neg, p.nn * sizeof *p.neg);
        r.nf = p.nf;
        r.nn = p.nn;
        base = assemble(b, &r);
    } else {
        base = assemble(b, &p);
    }
    if (extra && base) {
        xc_query *pair[2] = {base, extra};
        base = combine(b, XC_OP_AND_MAYBE, pair, 2, 0);
    }
    if (np && base) {
        /* Scaled by 1 so that Xapian does not merge it into this AND. */
        pos[0] = scale(b, base, 1.0);
        base = combine(b, XC_OP_FILTER, pos, np + 1, 0);
    }
    return base;
}

/* a NEAR b: Xapian's NEAR takes single terms, so phrases are required on
 * their own and all their terms must lie within the window (widened by the
 * phrases' lengths). */
static xc_query *
near_query(builder *b, const qr_node *n)
{
    xc_query *leaves[64], *whole[64];
    size_t nl = 0, nw = 0;
    uint32_t span = 0;
    int as_typed = 1;
    for (size_t i = 0; i < n->n_kids && nw < 64; i++) {
        const qr_clause *c = n->kids[i]->clause;
        whole[nw++] = clause_query(b, c);
        for (size_t k = 0; !b->relax && k < c->n_terms && nl < 64; k++) {
            pword w = pword_of(b->fold, &c->terms[k]);
            leaves[nl++] = word_at(b, &w, 0, IX_PREFIX_FOLDED, "", &as_typed);
            span += c->terms[k].span;
        }
    }
    if (b->relax)
        return combine(b, XC_OP_AND, whole, nw, 0);
    xc_query *near = combine(b, XC_OP_NEAR, leaves, nl, QR_NEAR_WINDOW + span);
    if (nl == nw && as_typed)
        return near;
    if (!as_typed) /* the words weigh as typed, in `whole` */
        near = scale(b, near, 0.0);
    xc_query *all[65];
    memcpy(all, whole, nw * sizeof *whole);
    all[nw] = near;
    return combine(b, XC_OP_AND, all, nw + 1, 0);
}

static xc_query *
node_query(builder *b, const qr_node *n)
{
    if (!n || b->rc != VK_OK)
        return NULL;
    switch (n->kind) {
    case QR_WORDS:
    case QR_FIELD:
    case QR_NOT: {
        qr_node *const one[1] = {(qr_node *)(uintptr_t)n};
        return and_query(b, one, 1);
    }
    case QR_AND: return and_query(b, n->kids, n->n_kids);
    case QR_OR: {
        xc_query *v[64];
        size_t m = n->n_kids < 64 ? n->n_kids : 64;
        for (size_t i = 0; i < m; i++)
            v[i] = node_query(b, n->kids[i]);
        return combine(b, XC_OP_OR, v, m, 0);
    }
    case QR_NEAR: return near_query(b, n);
    }
    return NULL;
}

vk_status
qr_build(const qr_query *q, xc_rdb *db, int any_word, int fold, xc_query **out, vk_error *err)
{
    *out = NULL;
    builder b = {.q = q, .db = db, .any_word = any_word, .fold = fold, .err = err, .rc = VK_OK};
    xc_query *root = q->root ? node_query(&b, q->root) : NULL;
    xc_status st = XC_OK;
    if (b.rc == VK_OK)
        st = root ? xc_query_combine(XC_OP_AND, &root, 1, 0, out) : xc_query_match_nothing(out);
    for (size_t i = 0; i < b.n_pool; i++)
        xc_query_free(b.pool[i]);
    free(b.pool);
    if (b.rc != VK_OK)
        return b.rc;
    return st == XC_OK ? VK_OK
                       : vk_fail(err, VK_ENOMEM, _("building the query: %s"), ix_index_error());
}
