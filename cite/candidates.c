/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * candidates.c: the documents a reference may mean, found through the
 * index terms of ix_schema.h (XN, XM, XT, XR, XI; XC, XCM, XCP, XCG for
 * numbers the corpus only cites) or, by their subject, through query/'s
 * typed search, merged over copies, and ranked by the fields they share
 * with the reference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "cite/candidates_internal.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"
#include "cite/mention_internal.h"
#include "cite/passage_internal.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"

/* Type codes tried for a number typed without its type ("số 28"). */
static const char *const all_codes[] = {"NQ", "QĐ", "CT", "KL",  "KH", "CTr", "ĐA", "CV",
                                        "HD", "TB", "BC", "TTr", "QC", "TT",  "TC", "QH"};

/* Zeros a number may be written with before its digits ("08-NQ/TW"). */
static const char *const pads[] = {"", "0", "00"};

/* ---------------------------------------------------------------------- */
/* The candidate set                                                      */
/* ---------------------------------------------------------------------- */

/* A candidate and the group of copies it stands for. */
typedef struct item {
    ct_candidate c;
    const char *group; /* IX_SLOT_GROUP (in corpus), or NULL */
    size_t copies_cap; /* capacity of c.copies */
} item;

typedef struct cset {
    xc_rdb *db;
    const ct_ref *ref;
    vk_arena *a;
    vk_error *err;
    item *v;
    size_t n, cap;
} cset;

static void
fill_from_doc(ct_candidate *c, const ct_doc *d)
{
    c->in_corpus = 1;
    c->key = d->key;
    c->number = d->number;
    c->type = d->type;
    c->type_code = d->type_code;
    c->date = d->date;
    c->issuer = d->issuer;
    c->term = d->term;
    c->conference = d->conference;
    c->plenum = d->plenum;
    c->congress = d->congress;
    c->title = d->title;
    c->path = d->path;
}

static vk_status
add_copy(cset *s, size_t i, const char *key)
{
    item *it = &s->v[i];
    return ct_push_str(s->a, &it->c.copies, &it->c.n_copies, &it->copies_cap, key);
}

/* Adds a document, merging copies of one document into one candidate
 * (the copy with a number line first). */
static vk_status
add_doc(cset *s, const ct_doc *d)
{
    for (size_t i = 0; i < s->n; i++) {
        item *it = &s->v[i];
        if (!it->c.in_corpus)
            continue;
        if (strcmp(it->c.key, d->key) == 0)
            return VK_OK;
        for (size_t k = 0; k < it->c.n_copies; k++) {
            if (strcmp(it->c.copies[k], d->key) == 0)
                return VK_OK;
        }
        if (!it->group || !d->group || strcmp(it->group, d->group) != 0)
            continue;
        if (!it->c.number && d->number) {
            vk_status rc = add_copy(s, i, it->c.key);
            fill_from_doc(&it->c, d);
            return rc;
        }
        return add_copy(s, i, d->key);
    }
    item *nv = ct_grow(s->a, s->v, s->n, &s->cap, sizeof *s->v);
    if (!nv)
        return VK_ENOMEM;
    s->v = nv;
    memset(&s->v[s->n], 0, sizeof *s->v);
    fill_from_doc(&s->v[s->n].c, d);
    s->v[s->n].group = d->group;
    s->n++;
    return VK_OK;
}

static vk_status
add_key(cset *s, const char *key)
{
    ct_doc d;
    vk_status rc = ct_doc_read(s->db, key, s->a, &d, s->err);
    if (rc == VK_ENOTFOUND)
        return VK_OK;
    return rc == VK_OK ? add_doc(s, &d) : rc;
}

/* Adds every document indexed by prefix + value. */
static vk_status
add_by_term(cset *s, const char *prefix, const char *value)
{
    vk_buf t = VK_BUF_INIT;
    ct_keys keys = {NULL, 0, 0};
    vk_status rc = vk_buf_printf(&t, "%s%s", prefix, value) == VK_OK
                       ? ct_keys_by_term(s->db, t.data, t.len, s->a, &keys, s->err)
                       : VK_ENOMEM;
    for (size_t i = 0; rc == VK_OK && i < keys.n; i++)
        rc = add_key(s, keys.v[i]);
    vk_buf_free(&t);
    return rc;
}

/* Most state numbers of one short form read ("Quyết định 27": 27/QĐ-UBND
 * of every province and year). */
#define MAX_SHORT_STATE 64

/* The state numbers of a short form gathered from the index's XN terms. */
typedef struct short_scan {
    const char *type; /* the type code, folded ("qd") */
    const char **terms;
    size_t n, cap;
    vk_arena *a;
    int oom;
} short_scan;

/* Keeps an XN term of the state shape ("27/qd-ubnd", "27/2025/qd-ubnd")
 * whose type is the short form's; for a Nghị quyết, the Quốc hội's too
 * ("196/2025/qh15"). */
static int
keep_state_term(const char *term, size_t len, uint32_t freq, void *ud)
{
    short_scan *sc = ud;
    size_t p = strlen(IX_PREFIX_NUMBER), i = p;
    (void)freq;
    while (i < len && term[i] >= '0' && term[i] <= '9')
        i++;
    if (i == p || i >= len || term[i] != '/')
        return 0;
    i++;
    size_t y = i;
    while (y < len && term[y] >= '0' && term[y] <= '9')
        y++;
    int year = y - i == 4 && y < len && term[y] == '/';
    if (year)
        i = y + 1;
    size_t tl = strlen(sc->type);
    /* The Quốc hội's resolutions carry no type code: "196/2025/qh15". */
    int qh = year && strcmp(sc->type, "nq") == 0 && len - i > 2 && memcmp(term + i, "qh", 2) == 0 &&
             !memchr(term + i, '-', len - i);
    if (!qh && (len - i <= tl || memcmp(term + i, sc->type, tl) != 0 || term[i + tl] != '-'))
        return 0;
    const char *t = vk_arena_strndup(sc->a, term + p, len - p);
    if (!t || ct_push_str(sc->a, &sc->terms, &sc->n, &sc->cap, t) != VK_OK)
        sc->oom = 1;
    return sc->oom || sc->n >= MAX_SHORT_STATE;
}

/* A short form's state numbers: "Thông tư 60" is 60/2025/TT-BCT, "Quyết
 * định 2842" 2842/QĐ-UBND (XN terms of its digits and type code; Party
 * numbers are found by XM). */
static vk_status
add_short_state(cset *s)
{
    const ct_ref *r = s->ref;
    vk_buf t = VK_BUF_INIT, type = VK_BUF_INIT;
    short_scan sc = {NULL, NULL, 0, 0, s->a, 0};
    vk_status rc = an_fold_text(r->type_code, strlen(r->type_code), &type);
    sc.type = type.data ? type.data : "";
    size_t nd = strlen(r->num);
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(pads) && sc.n < MAX_SHORT_STATE; k++) {
        if (k > 0 && strlen(pads[k]) + nd > 3)
            break;
        vk_buf_clear(&t);
        rc = vk_buf_printf(&t, "%s%s%s/", IX_PREFIX_NUMBER, pads[k], r->num);
        if (rc == VK_OK && xc_rdb_terms(s->db, t.data, 0, keep_state_term, &sc) != XC_OK)
            rc = vk_fail(s->err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    }
    if (rc == VK_OK && sc.oom)
        rc = VK_ENOMEM;
    for (size_t i = 0; rc == VK_OK && i < sc.n; i++)
        rc = add_by_term(s, IX_PREFIX_NUMBER, sc.terms[i]);
    vk_buf_free(&t);
    vk_buf_free(&type);
    return rc;
}

/* Documents by number: the whole number, and its digits and type. */
static vk_status
add_by_number(cset *s)
{
    const ct_ref *r = s->ref;
    vk_buf v = VK_BUF_INIT;
    vk_status rc = VK_OK;
    if (r->number && (rc = ct_number_term(r->number, &v)) == VK_OK)
        rc = add_by_term(s, IX_PREFIX_NUMBER, v.data);
    for (size_t k = 0; rc == VK_OK && r->num && k < VK_ARRAY_LEN(all_codes); k++) {
        const char *code = r->type_code ? r->type_code : all_codes[k];
        if ((rc = ct_short_term(r->num, code, &v)) == VK_OK)
            rc = add_by_term(s, IX_PREFIX_SHORT_NUMBER, v.data);
        if (r->type_code)
            break;
    }
    if (rc == VK_OK && r->num && !r->number && r->type_code)
        rc = add_short_state(s);
    vk_buf_free(&v);
    return rc;
}

/* A boolean term query prefix + value (value case-folded), appended. */
static vk_status
push_term(xc_query **qs, size_t *n, const char *prefix, const char *value)
{
    vk_buf t = VK_BUF_INIT;
    vk_status rc = vk_buf_puts(&t, prefix);
    if (rc == VK_OK)
        rc = an_casefold_text(value, strlen(value), &t);
    if (rc == VK_OK && xc_query_term(t.data, t.len, 1, 0, &qs[*n]) == XC_OK)
        (*n)++;
    else if (rc == VK_OK)
        rc = VK_ENOMEM;
    vk_buf_free(&t);
    return rc;
}

/* Keeps a matching passage's document (all when NULL). */
typedef int (*keep_passage)(const ct_passage *p, const ct_ref *r);

/* The documents of the AND of qs[0 .. nq) (the queries freed), one per
 * key, at most `limit`, those `keep` keeps (all when NULL), as candidates. */
static vk_status
add_matches(cset *s, xc_query **qs, size_t nq, unsigned limit, keep_passage keep)
{
    xc_query *q = NULL;
    xc_mset *m = NULL;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.collapse_slot = IX_SLOT_KEY;
    o.limit = limit;
    vk_status rc = VK_OK;
    if (xc_query_combine(XC_OP_AND, qs, nq, 0, &q) != XC_OK ||
        xc_rdb_search(s->db, q, &o, &m) != XC_OK)
        rc = vk_fail(s->err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    for (size_t i = 0; rc == VK_OK && i < xc_mset_size(m); i++) {
        xc_match mt;
        ct_passage p;
        vk_arena scratch = VK_ARENA_INIT;
        if (xc_mset_get(m, i, &mt) == XC_OK &&
            (rc = ct_passage_read(s->db, mt.docid, &scratch, &p, s->err)) == VK_OK &&
            (!keep || keep(&p, s->ref)))
            rc = add_key(s, p.doc.key);
        vk_arena_free(&scratch);
    }
    xc_mset_free(m);
    xc_query_free(q);
    for (size_t i = 0; i < nq; i++)
        xc_query_free(qs[i]);
    return rc;
}

/* A passage of a document of the reference's plenum or congress. */
static int
of_conference(const ct_passage *p, const ct_ref *r)
{
    return (r->plenum && p->doc.plenum == r->plenum) ||
           (r->congress && p->doc.congress && ct_term_agree(p->doc.congress, r->congress));
}

/* Documents of the reference's type and term whose conference is its
 * plenum or congress ("Nghị quyết Trung ương 6 khóa XIII"). */
static vk_status
add_by_conference(cset *s)
{
    const ct_ref *r = s->ref;
    xc_query *qs[4] = {NULL};
    size_t nq = 0;
    vk_status rc = VK_OK;
    if (r->type_code)
        rc = push_term(qs, &nq, IX_PREFIX_TYPE, r->type_code);
    if (rc == VK_OK && r->term)
        rc = push_term(qs, &nq, IX_PREFIX_TERM, r->term);
    if (rc == VK_OK && nq == 0 && (rc = push_term(qs, &nq, IX_PREFIX_ISSUER, "trung")) == VK_OK)
        rc = push_term(qs, &nq, IX_PREFIX_ISSUER, "uong");
    if (rc != VK_OK) {
        for (size_t i = 0; i < nq; i++)
            xc_query_free(qs[i]);
        return rc;
    }
    return add_matches(s, qs, nq, 1000, of_conference);
}

/* Copies of a document looked at for its number line, as search results
 * look at them (query/search.c: the first 16). */
#define SHOWN_COPIES 16

/* The key search results show for a document found by its words: the
 * copy with a number line when the passage found is in one without. */
static vk_status
shown_key(cset *s, const char *key, const char **out)
{
    ct_doc d;
    ct_keys copies;
    *out = key;
    vk_status rc = ct_doc_read(s->db, key, s->a, &d, s->err);
    if (rc == VK_ENOTFOUND)
        return VK_OK;
    if (rc != VK_OK || d.number || !d.group)
        return rc;
    rc = ct_copies(s->db, &d, s->a, &copies, s->err);
    for (size_t i = 0; rc == VK_OK && i < copies.n && i < SHOWN_COPIES; i++) {
        ct_doc c;
        rc = ct_doc_read(s->db, copies.v[i], s->a, &c, s->err);
        if (rc == VK_OK && c.number) {
            *out = copies.v[i];
            break;
        }
        if (rc == VK_ENOTFOUND)
            rc = VK_OK;
    }
    return rc;
}

/* Documents whose text holds the subject ("Nghị quyết về tiếp tục đổi
 * mới phương thức lãnh đạo"): its first 12 words as a phrase, in the
 * documents of the reference's type (qr_search_keys). */
static vk_status
add_by_subject(cset *s)
{
    const ct_ref *r = s->ref;
    an_tokens t = AN_TOKENS_INIT;
    vk_arena scratch = VK_ARENA_INIT;
    const char *words[12], **keys = NULL;
    size_t n = 0, n_keys = 0;
    vk_status rc = an_analyze(r->subject, strlen(r->subject), 1, &t);
    for (size_t i = 0; rc == VK_OK && i < t.n && n < VK_ARRAY_LEN(words); i++) {
        if (t.v[i].overlay || t.v[i].kind != AN_WORD)
            continue;
        if (!(words[n++] = vk_arena_strndup(&scratch, t.v[i].exact, t.v[i].exact_len)))
            rc = VK_ENOMEM;
    }
    an_tokens_free(&t);
    qr_keys_query kq = {r->type_code, words, n, 10};
    vk_error e = {0};
    if (rc == VK_OK && n > 0) {
        rc = qr_search_keys(s->db, &kq, &scratch, &keys, &n_keys, &e);
        if (rc == VK_EINVAL) /* a type the query language does not know: nothing */
            rc = VK_OK;
        else if (rc != VK_OK && s->err)
            *s->err = e;
    }
    for (size_t i = 0; rc == VK_OK && i < n_keys; i++) {
        const char *key;
        if ((rc = shown_key(s, keys[i], &key)) == VK_OK)
            rc = add_key(s, key);
    }
    vk_arena_free(&scratch);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Numbers and names the corpus only cites                                */
/* ---------------------------------------------------------------------- */

/* Is a document with this number among the candidates? */
static int
have_number(const cset *s, const char *number)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].c.in_corpus && ct_number_equal(s->v[i].c.number, number))
            return 1;
    }
    return 0;
}

/* Mentions of the reference's number: its digits, and its type and issuer
 * code when given. */
static int
keep_number(const cp_citation *c, const void *ud)
{
    const ct_ref *r = ud;
    an_docnum d;
    if (!c->number)
        return 0;
    if (r->number && !r->num)
        return ct_number_equal(c->number, r->number);
    if (!an_docnum_parse(c->number, strlen(c->number), &d) || d.kind != AN_DOCNUM_PARTY ||
        atoi(d.num) != atoi(r->num))
        return 0;
    if (r->type_code && !ct_code_equal(d.type, r->type_code))
        return 0;
    return !r->issuer_code || ct_code_equal(d.issuer, r->issuer_code);
}

/* Mentions of the reference's plenum or congress, of its type and term. */
static int
keep_informal(const cp_citation *c, const void *ud)
{
    const ct_ref *r = ud;
    if (!c->informal)
        return 0;
    if (r->plenum ? !c->plenum || atoi(c->plenum) != r->plenum
                  : !c->congress || !ct_term_agree(c->congress, r->congress))
        return 0;
    if (r->type_code && !ct_type_agree(c->type_name, c->type_code, r->type_name, r->type_code))
        return 0;
    return !r->term || (c->term && ct_term_agree(c->term, r->term));
}

/* Do two mentions name the same thing (number, or informal name)? */
static int
same_cited(const ct_mention *x, const ct_mention *y)
{
    if (x->cited_number || y->cited_number)
        return ct_number_equal(x->cited_number, y->cited_number);
    return x->plenum == y->plenum && !!x->congress == !!y->congress &&
           (!x->congress || ct_term_agree(x->congress, y->congress)) &&
           ct_type_agree(x->type_name, NULL, y->type_name, NULL) && !!x->term == !!y->term &&
           (!x->term || ct_term_agree(x->term, y->term));
}

/* Is the informal name of a mention a document among the candidates
 * (same plenum or congress, type and term)? */
static int
have_informal(const cset *s, const ct_mention *m)
{
    for (size_t i = 0; !m->cited_number && i < s->n; i++) {
        const ct_candidate *c = &s->v[i].c;
        if (c->in_corpus && m->term && c->term && ct_term_agree(m->term, c->term) &&
            ct_type_agree(m->type_name, NULL, c->type, c->type_code) &&
            ((m->plenum && m->plenum == c->plenum) ||
             (m->congress && c->congress && ct_term_agree(m->congress, c->congress))))
            return 1;
    }
    return 0;
}

/* One candidate per thing the mentions cite that the corpus lacks. */
static vk_status
add_cited(cset *s, ct_mention *v, size_t n)
{
    vk_status rc = VK_OK;
    unsigned char *done = n ? vk_arena_alloc(s->a, n) : NULL;
    if (n && !done)
        return VK_ENOMEM;
    ct_mentions_sort(v, n);
    for (size_t i = 0; rc == VK_OK && i < n; i++) {
        if (done[i] || (v[i].cited_number && have_number(s, v[i].cited_number)) ||
            have_informal(s, &v[i]))
            continue;
        size_t cnt = 0;
        ct_mention *g = vk_arena_alloc(s->a, (n - i) * sizeof *g);
        if (!g)
            return VK_ENOMEM;
        for (size_t j = i; j < n; j++) {
            if (!done[j] && same_cited(&v[i], &v[j])) {
                g[cnt++] = v[j];
                done[j] = 1;
            }
        }
        item *nv = ct_grow(s->a, s->v, s->n, &s->cap, sizeof *s->v);
        if (!nv)
            return VK_ENOMEM;
        s->v = nv;
        memset(&s->v[s->n], 0, sizeof *s->v);
        rc = ct_candidate_from_mentions(s->a, g, cnt, &s->v[s->n].c);
        s->n++;
    }
    return rc;
}

static vk_status
add_cited_numbers(cset *s)
{
    const ct_ref *r = s->ref;
    ct_mention_scan out = {keep_number, r, NULL, NULL, 0, 0};
    vk_buf v = VK_BUF_INIT, t = VK_BUF_INIT;
    vk_status rc = VK_OK;
    if (!r->num && r->number) {
        rc = ct_number_term(r->number, &v);
        if (rc == VK_OK && (rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_CITES, v.data)) == VK_OK)
            rc = ct_mentions(s->db, t.data, t.len, s->a, &out, s->err);
    }
    for (size_t k = 0; rc == VK_OK && r->num && k < VK_ARRAY_LEN(all_codes); k++) {
        const char *code = r->type_code ? r->type_code : all_codes[k];
        vk_buf_clear(&t);
        if ((rc = ct_short_term(r->num, code, &v)) == VK_OK &&
            (rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_CITES_SHORT, v.data)) == VK_OK)
            rc = ct_mentions(s->db, t.data, t.len, s->a, &out, s->err);
        if (r->type_code)
            break;
    }
    if (rc == VK_OK)
        rc = add_cited(s, out.v, out.n);
    vk_buf_free(&v);
    vk_buf_free(&t);
    return rc;
}

static vk_status
add_cited_informal(cset *s)
{
    const ct_ref *r = s->ref;
    ct_mention_scan out = {keep_informal, r, NULL, NULL, 0, 0};
    vk_buf t = VK_BUF_INIT;
    vk_status rc = r->plenum ? vk_buf_printf(&t, "%s%d", IX_PREFIX_CITES_PLENUM, r->plenum)
                             : vk_buf_puts(&t, IX_PREFIX_CITES_CONGRESS);
    if (rc == VK_OK && !r->plenum)
        rc = an_casefold_text(r->congress, strlen(r->congress), &t);
    if (rc == VK_OK)
        rc = ct_mentions(s->db, t.data, t.len, s->a, &out, s->err);
    /* A name written without its term is left out when others give one. */
    size_t with_term = 0, w = 0;
    for (size_t i = 0; rc == VK_OK && i < out.n; i++)
        with_term += out.v[i].term != NULL;
    for (size_t i = 0; with_term > 0 && i < out.n; i++) {
        if (out.v[i].term)
            out.v[w++] = out.v[i];
    }
    if (with_term > 0)
        out.n = w;
    if (rc == VK_OK)
        rc = add_cited(s, out.v, out.n);
    vk_buf_free(&t);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Ranking                                                                */
/* ---------------------------------------------------------------------- */

/* Is the subject found in the title (as its beginning, or inside it)? */
static int
subject_in_title(const char *subject, const char *title)
{
    vk_buf s = VK_BUF_INIT, t = VK_BUF_INIT;
    int in = ct_fold_words(subject, strlen(subject), &s) == VK_OK &&
             ct_fold_words(title, strlen(title), &t) == VK_OK && s.len > 0 &&
             strstr(t.data, s.data) != NULL;
    vk_buf_free(&s);
    vk_buf_free(&t);
    return in || ct_subject_agree(subject, 0, title);
}

/* Records field f as matched (weight w) or contradicted (penalty p). */
static void
mark(ct_candidate *c, ct_field f, int agree, double w, double p)
{
    if (agree) {
        c->matched |= CT_F_BIT(f);
        c->score += w;
    } else {
        c->mismatched |= CT_F_BIT(f);
        c->score -= p;
    }
}

/* Compares a reference with a candidate: sets c->matched, c->mismatched
 * and c->score. */
static void
rank(const ct_ref *r, ct_candidate *c)
{
    an_docnum d;
    c->matched = c->mismatched = 0;
    c->score = c->in_corpus ? 3 : 0;
    if (r->key && c->key && strcmp(r->key, c->key) == 0)
        c->score += 100;
    if ((r->num || r->number) && c->number && an_docnum_parse(c->number, strlen(c->number), &d)) {
        int same = r->num ? atoi(d.num) == atoi(r->num) : ct_number_equal(r->number, c->number);
        if (same && r->issuer_code)
            same = ct_code_equal(d.issuer, r->issuer_code);
        mark(c, CT_F_NUMBER, same, 50, 40);
    }
    if ((r->type_name || r->type_code) && (c->type || c->type_code))
        mark(c, CT_F_TYPE, ct_type_agree(r->type_name, r->type_code, c->type, c->type_code), 12,
             25);
    if (r->date.year && c->date.year)
        mark(c, CT_F_DATE, ct_date_equal(&r->date, &c->date), 15, 15);
    if (r->issuer && c->issuer)
        mark(c, CT_F_ISSUER, ct_issuer_agree(r->issuer, c->issuer), 8, 8);
    if (r->term && c->term)
        mark(c, CT_F_TERM, ct_term_agree(r->term, c->term), 10, 15);
    if (r->plenum && c->plenum)
        mark(c, CT_F_PLENUM, r->plenum == c->plenum, 40, 30);
    if (r->congress && c->congress)
        mark(c, CT_F_CONGRESS, ct_term_agree(r->congress, c->congress), 40, 30);
    if (r->subject && c->title)
        mark(c, CT_F_SUBJECT, subject_in_title(r->subject, c->title), 10, 10);
}

static int
by_score(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->c.score != b->c.score)
        return a->c.score < b->c.score ? 1 : -1;
    if (a->c.in_corpus != b->c.in_corpus)
        return b->c.in_corpus - a->c.in_corpus;
    if (a->c.n_evidence != b->c.n_evidence) /* the more often cited first */
        return a->c.n_evidence < b->c.n_evidence ? 1 : -1;
    char da[11], db[11];
    int cmp = strcmp(cp_date_iso(&b->c.date, db), cp_date_iso(&a->c.date, da));
    if (cmp)
        return cmp;
    return strcmp(a->c.key        ? a->c.key
                  : a->c.citation ? a->c.citation
                                  : "",
                  b->c.key        ? b->c.key
                  : b->c.citation ? b->c.citation
                                  : "");
}

/* The canonical citation of a document of the corpus. */
static const char *
doc_citation(vk_arena *a, const ct_candidate *c)
{
    an_docnum d;
    const char *issuer = c->issuer;
    if (!issuer && c->number && an_docnum_parse(c->number, strlen(c->number), &d))
        issuer = ct_issuer_of_code(d.issuer);
    const char *name = c->number ? NULL : c->conference;
    const char *by = ct_issuer_display(issuer, a);
    ct_cite_parts p = {c->type, c->number, name, c->date, by, c->term, c->title, CT_TITLE_DOC};
    return ct_citation_format(a, &p);
}

/* Lists the copies of each document candidate that no look-up found. */
static vk_status
add_group_copies(cset *s)
{
    vk_status rc = VK_OK;
    for (size_t i = 0; rc == VK_OK && i < s->n; i++) {
        ct_keys keys;
        if (!s->v[i].c.in_corpus || !s->v[i].group)
            continue;
        ct_doc d = {0};
        d.key = s->v[i].c.key;
        d.group = s->v[i].group;
        rc = ct_copies(s->db, &d, s->a, &keys, s->err);
        for (size_t k = 0; rc == VK_OK && k < keys.n; k++) {
            int have = 0;
            for (size_t j = 0; j < s->v[i].c.n_copies && !have; j++)
                have = strcmp(s->v[i].c.copies[j], keys.v[k]) == 0;
            if (!have)
                rc = add_copy(s, i, keys.v[k]);
        }
    }
    return rc;
}

/* Has a document of the corpus matched the informal name? */
static int
informal_found(const cset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].c.in_corpus)
            return 1;
    }
    return 0;
}

vk_status
ct_candidates(xc_rdb *db, const ct_cand_query *q, vk_arena *a, ct_candidate **out, size_t *n_out,
              vk_error *err)
{
    const ct_ref *ref = q->ref;
    size_t limit = q->limit;
    cset s = {db, ref, a, err, NULL, 0, 0};
    vk_status rc = VK_OK;
    *out = NULL;
    *n_out = 0;
    if (ref->key)
        rc = add_key(&s, ref->key);
    if (rc == VK_OK && (ref->number || ref->num))
        rc = add_by_number(&s);
    if (rc == VK_OK && (ref->plenum || ref->congress))
        rc = add_by_conference(&s);
    if (rc == VK_OK && q->subject_search && s.n == 0 && ref->subject && !ref->key)
        rc = add_by_subject(&s);
    if (rc == VK_OK && (ref->number || ref->num))
        rc = add_cited_numbers(&s);
    /* Without its term, an informal name may also mean one the corpus lacks. */
    if (rc == VK_OK && (ref->plenum || ref->congress) && !ref->num && !ref->number &&
        (!ref->term || !informal_found(&s)))
        rc = add_cited_informal(&s);
    if (rc == VK_OK)
        rc = add_group_copies(&s);
    for (size_t i = 0; rc == VK_OK && i < s.n; i++) {
        if (s.v[i].c.in_corpus && !(s.v[i].c.citation = doc_citation(a, &s.v[i].c)))
            rc = VK_ENOMEM;
        rank(ref, &s.v[i].c);
    }
    if (rc != VK_OK)
        return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
    if (s.n)
        qsort(s.v, s.n, sizeof *s.v, by_score);
    size_t n = s.n < limit ? s.n : limit;
    *out = n ? vk_arena_alloc(a, n * sizeof **out) : NULL;
    if (n && !*out)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    for (size_t i = 0; i < n; i++)
        (*out)[i] = s.v[i].c;
    *n_out = n;
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* Documents a number the corpus lacks may have meant                     */
/* ---------------------------------------------------------------------- */

/* Documents of the reference's date (IX_SLOT_DATE, within its year's XY
 * term), of its type when it gives one. */
static vk_status
add_by_date(cset *s)
{
    const ct_ref *r = s->ref;
    char day[16], year[8];
    xc_query *qs[3] = {NULL};
    size_t nq = 0;
    snprintf(day, sizeof day, "%04d%02d%02d", r->date.year % 10000, r->date.month % 100,
             r->date.day % 100);
    snprintf(year, sizeof year, "%04d", r->date.year % 10000);
    vk_status rc = push_term(qs, &nq, IX_PREFIX_YEAR, year);
    if (rc == VK_OK && r->type_code)
        rc = push_term(qs, &nq, IX_PREFIX_TYPE, r->type_code);
    if (rc == VK_OK && xc_query_value_range(IX_SLOT_DATE, day, 8, day, 8, &qs[nq]) == XC_OK)
        nq++;
    else if (rc == VK_OK)
        rc = VK_ENOMEM;
    if (rc != VK_OK) {
        for (size_t i = 0; i < nq; i++)
            xc_query_free(qs[i]);
        return rc;
    }
    return add_matches(s, qs, nq, 50, NULL);
}

/* Keeps the mentions of one number, given as its index term (ud). */
static int
keep_term(const cp_citation *c, const void *ud)
{
    vk_buf t = VK_BUF_INIT;
    int keep =
        c->number && ct_number_term(c->number, &t) == VK_OK && t.data && strcmp(t.data, ud) == 0;
    vk_buf_free(&t);
    return keep;
}

/* Adds the number `digits` + `rest` (the rest of its index term: "/qd-ubnd",
 * "/2025/qd-ubnd", "-kl/tw"), its digits written with or without leading
 * zeros: the documents of the corpus (XN) and, known only from citations,
 * the number the corpus cites (XC). */
static vk_status
add_number(cset *s, const char *digits, const char *rest)
{
    vk_buf t = VK_BUF_INIT;
    vk_status rc = VK_OK;
    size_t nd = strlen(digits);
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(pads); k++) {
        if (k > 0 && strlen(pads[k]) + nd > 3)
            break;
        uint32_t freq = 0;
        for (int cited = 0; rc == VK_OK && cited < 2; cited++) {
            vk_buf_clear(&t);
            rc = vk_buf_printf(&t, "%s%s%s%s", cited ? IX_PREFIX_CITES : IX_PREFIX_NUMBER, pads[k],
                               digits, rest);
            if (rc != VK_OK || xc_rdb_termfreq(s->db, t.data, t.len, &freq) != XC_OK || !freq)
                continue;
            const char *term = t.data + strlen(cited ? IX_PREFIX_CITES : IX_PREFIX_NUMBER);
            if (!cited) {
                rc = add_by_term(s, IX_PREFIX_NUMBER, term);
                continue;
            }
            ct_mention_scan out = {keep_term, term, NULL, NULL, 0, 0};
            rc = ct_mentions(s->db, t.data, t.len, s->a, &out, s->err);
            if (rc == VK_OK)
                rc = add_cited(s, out.v, out.n);
        }
    }
    vk_buf_free(&t);
    return rc;
}

/* Adds the number whose digits are digits[0 .. n) (leading zeros dropped)
 * and whose rest is the reference's, unless they are the reference's own. */
static vk_status
add_variant(cset *s, const char *digits, size_t n, const char *own, const char *rest)
{
    char num[16];
    while (n > 1 && *digits == '0')
        digits++, n--;
    if (n == 0 || n >= sizeof num)
        return VK_OK;
    memcpy(num, digits, n);
    num[n] = '\0';
    return strcmp(num, own) == 0 ? VK_OK : add_number(s, num, rest);
}

/* Documents, and numbers only cited, whose number is the reference's but
 * for a slip of its digits: two neighbours swapped, one digit changed, left
 * out or added. The rest of the number (type, issuer code, year) is the
 * same, for Party and state numbers alike ("5128/QĐ-UBND" for
 * "5182/QĐ-UBND", "137-KL/TW" for "173-KL/TW"). */
static vk_status
add_by_digit_slips(cset *s)
{
    vk_buf t = VK_BUF_INIT;
    char w[16], d[16];
    vk_status rc = ct_number_term(s->ref->number, &t);
    size_t n = 0;
    while (rc == VK_OK && t.data && t.data[n] >= '0' && t.data[n] <= '9')
        n++;
    const char *dg = rc == VK_OK && t.data ? t.data : "";
    while (n > 1 && *dg == '0')
        dg++, n--;
    if (rc != VK_OK || n == 0 || n > 6 || !dg[n]) {
        vk_buf_free(&t);
        return rc;
    }
    memcpy(d, dg, n);
    d[n] = '\0';
    const char *rest = dg + n;
    for (size_t i = 0; rc == VK_OK && i + 1 < n; i++) {
        memcpy(w, d, n);
        w[i] = d[i + 1], w[i + 1] = d[i];
        rc = add_variant(s, w, n, d, rest);
    }
    for (size_t i = 0; rc == VK_OK && i < n; i++) {
        memcpy(w, d, i);
        memcpy(w + i, d + i + 1, n - i - 1);
        rc = add_variant(s, w, n - 1, d, rest);
        for (char c = '0'; rc == VK_OK && c <= '9'; c++) {
            memcpy(w, d, n);
            w[i] = c;
            rc = add_variant(s, w, n, d, rest);
        }
    }
    for (size_t i = 0; rc == VK_OK && i <= n; i++) {
        for (char c = '0'; rc == VK_OK && c <= '9'; c++) {
            memcpy(w, d, i);
            w[i] = c;
            memcpy(w + i + 1, d + i, n - i);
            rc = add_variant(s, w, n + 1, d, rest);
        }
    }
    vk_buf_free(&t);
    return rc;
}

vk_status
ct_candidates_near(xc_rdb *db, const ct_ref *ref, vk_arena *a, ct_candidate **out, size_t *n_out,
                   vk_error *err)
{
    cset s = {db, ref, a, err, NULL, 0, 0};
    vk_status rc = VK_OK;
    *out = NULL;
    *n_out = 0;
    if (ref->date.year)
        rc = add_by_date(&s);
    if (rc == VK_OK && ref->number)
        rc = add_by_digit_slips(&s);
    for (size_t i = 0; rc == VK_OK && i < s.n; i++) {
        if (!(s.v[i].c.citation = doc_citation(a, &s.v[i].c)))
            rc = VK_ENOMEM;
        rank(ref, &s.v[i].c);
    }
    if (rc != VK_OK)
        return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
    if (s.n)
        qsort(s.v, s.n, sizeof *s.v, by_score);
    *out = s.n ? vk_arena_alloc(a, s.n * sizeof **out) : NULL;
    if (s.n && !*out)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    for (size_t i = 0; i < s.n; i++)
        (*out)[i] = s.v[i].c;
    *n_out = s.n;
    return VK_OK;
}
