/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * search.c: running a parsed query: one result per document (the group of
 * its copies), best passage first; the fallbacks when nothing matches;
 * facets; "did you mean"; the other files holding a result's document.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzers/an.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_passage.h"
#include "indexer/ix_schema.h"
#include "query/parse_internal.h"
#include "query/pick_internal.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* Bytes of text a snippet aims at. */
#define SNIPPET_BYTES 260

/* Documents fetched beyond a page when sections are filtered, for those
 * whose words lie outside the sections asked for. */
#define SECTION_SPARE 40

/* Most files listed as copies of one result. */
#define MAX_COPIES 16

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Copies s (or NULL) into the arena as *out; VK_ENOMEM if it cannot. */
static vk_status
keep(vk_arena *a, const char *s, const char **out)
{
    *out = s ? vk_arena_strndup(a, s, strlen(s)) : NULL;
    return s && !*out ? VK_ENOMEM : VK_OK;
}

/* Copies what a hit shows of a passage into the results' arena. */
static vk_status
hit_from_passage(vk_arena *a, const ix_passage *p, qr_hit *h)
{
    const char **to[] = {&h->key,     &h->nondoc, &h->number, &h->type, &h->type_code,
                         &h->date,    &h->title,  &h->issuer, &h->path, &h->label,
                         &h->display, &h->kind,   &h->heading};
    const char *from[] = {p->key,     p->nondoc, p->number, p->type, p->type_code,
                          p->date,    p->title,  p->issuer, p->path, p->label,
                          p->display, p->kind,   p->heading};
    vk_status rc = VK_OK;
    for (size_t i = 0; rc == VK_OK && i < VK_ARRAY_LEN(to); i++)
        rc = keep(a, from[i], to[i]);
    h->crumbs =
        rc == VK_OK && p->n_crumbs ? vk_arena_alloc(a, p->n_crumbs * sizeof *h->crumbs) : NULL;
    if (p->n_crumbs && !h->crumbs)
        return VK_ENOMEM;
    for (size_t k = 0; rc == VK_OK && k < p->n_crumbs; k++)
        rc = keep(a, p->crumbs[k], &h->crumbs[h->n_crumbs++]);
    return rc;
}

/* What the hits of one search are read with. */
typedef struct hits_ctx {
    xc_rdb *db;
    qr_results *r;
    const qr_query *q;
    const qr_terms *ts;
    xc_mset *m;
} hits_ctx;

/* Fills a hit from the stored record of its document (match i of c->m):
 * the section the query points at (pick.c) and its snippet. *found is 0
 * when no section of the document meets the query's section filters.
 * Returns VK_OK, VK_EINVAL (data that is not a document's record),
 * VK_EINDEX, VK_ENOMEM. */

static vk_status
fill_hit(const hits_ctx *c, size_t i, uint32_t docid, qr_hit *h, int *found)
{
    xc_mset *m = c->m;
    qr_results *r = c->r;
    const qr_query *q = c->q;
    const char *data;
    size_t len;
    if (xc_mset_data(m, i, &data, &len) != XC_OK)
        return VK_EINDEX;
    vk_arena scratch = VK_ARENA_INIT; /* the decoded record: its text is not kept */
    ix_record rec;
    ix_passage p;
    qr_pick pk = {0};
    vk_status rc = ix_record_decode(data, len, &scratch, &rec);
    if (rc == VK_OK)
        rc = qr_pick_section(&(qr_pick_ctx){c->db, q, c->ts, 0}, docid, &rec, &pk);
    *found = pk.found;
    if (rc == VK_OK && pk.found)
        rc = ix_record_passage(&rec, pk.section, &scratch, &p);
    if (rc == VK_OK && pk.found)
        rc = hit_from_passage(&r->arena, &p, h);
    qr_snip sn;
    if (rc == VK_OK && pk.found && p.text &&
        (rc = qr_snippet(q, p.text, strlen(p.text), SNIPPET_BYTES, &r->arena, &sn)) == VK_OK) {
        h->snippet = sn.text;
        h->marks = sn.marks;
        h->n_marks = sn.n_marks;
    }
    h->other_sections = (uint32_t)pk.others;
    r->whole_hits += pk.found && pk.whole;
    vk_arena_free(&scratch);
    return rc;
}

/* The other files that hold the document of hit i (same group, other key
 * or path): "key path" strings. */
static void
find_copies(xc_rdb *db, xc_mset *m, size_t i, qr_results *r, qr_hit *h)
{
    const char *group;
    size_t glen;
    if (xc_mset_value(m, i, IX_SLOT_GROUP, &group, &glen) != XC_OK || glen == 0 || !h->path)
        return;
    xc_query *q = NULL;
    xc_mset *all = NULL;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.limit = 4 * MAX_COPIES;
    o.collapse_slot = IX_SLOT_KEY;
    char term[XC_MAX_TERM + 1];
    int tl = snprintf(term, sizeof term, "%s%.*s", IX_PREFIX_GROUP, (int)glen, group);
    if (tl <= 0 || (size_t)tl > XC_MAX_TERM || xc_query_term(term, (size_t)tl, 1, 0, &q) != XC_OK ||
        xc_rdb_search(db, q, &o, &all) != XC_OK) {
        xc_query_free(q);
        return;
    }
    size_t n = xc_mset_size(all);
    const char *first_key = h->key, *first_path = h->path; /* the hit as found */
    vk_arena scratch = VK_ARENA_INIT;                      /* the record decoded */
    h->copies = vk_arena_alloc(&r->arena, (n ? n : 1) * sizeof *h->copies);
    for (size_t k = 0; h->copies && k < n && h->n_copies < MAX_COPIES; k++) {
        const char *data, *kv;
        size_t len, kl;
        /* The hit's own document (the usual, and often the only, entry):
         * known by its key value, without reading the stored data. */
        if (first_key && xc_mset_value(all, k, IX_SLOT_KEY, &kv, &kl) == XC_OK &&
            kl == strlen(first_key) && memcmp(kv, first_key, kl) == 0)
            continue;
        ix_record rec;
        vk_arena_free(&scratch);
        if (xc_mset_data(all, k, &data, &len) != XC_OK ||
            ix_record_decode(data, len, &scratch, &rec) != VK_OK)
            continue;
        const ix_passage d = rec.doc;
        const char *key = d.key, *path = d.path;
        int is_first = key && path && first_key && strcmp(key, first_key) == 0 &&
                       strcmp(path, first_path) == 0;
        if (key && path && !is_first) {
            /* The copy with its number line says more: show it first. */
            if (!h->number && d.number) {
                key = h->key;
                path = h->path;
                keep(&r->arena, d.key, &h->key);
                keep(&r->arena, d.path, &h->path);
                keep(&r->arena, d.number, &h->number);
                keep(&r->arena, d.date, &h->date);
                keep(&r->arena, d.issuer, &h->issuer);
                keep(&r->arena, d.type, &h->type);
                keep(&r->arena, d.type_code, &h->type_code);
            }
            size_t l = strlen(key) + strlen(path) + 2;
            char *s = vk_arena_alloc(&r->arena, l);
            if (s) {
                snprintf(s, l, "%s %s", key, path);
                h->copies[h->n_copies++] = s;
            }
        }
    }
    vk_arena_free(&scratch);
    xc_mset_free(all);
    xc_query_free(q);
}

/* The counts of one facet, as they are collected. */
typedef struct facet_acc {
    qr_results *r;
    qr_facet *v;
    size_t n, cap;
} facet_acc;

static int
facet_cb(const char *value, size_t len, uint32_t count, void *ud)
{
    facet_acc *f = ud;
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        qr_facet *v = vk_arena_alloc(&f->r->arena, cap * sizeof *v);
        if (!v)
            return 1;
        if (f->n)
            memcpy(v, f->v, f->n * sizeof *v);
        f->v = v;
        f->cap = cap;
    }
    f->v[f->n].value = vk_arena_strndup(&f->r->arena, value, len);
    f->v[f->n++].count = count;
    return 0;
}

static int
facet_cmp(const void *a, const void *b)
{
    const qr_facet *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* Collects the counts of one field of IX_SLOT_FACETS, largest first. */
static void
facet(xc_mset *m, unsigned field, qr_results *r, qr_facet **out, size_t *n)
{
    facet_acc f = {r, NULL, 0, 0};
    xc_mset_field_counts(m, IX_SLOT_FACETS, field, facet_cb, &f);
    if (f.n)
        qsort(f.v, f.n, sizeof *f.v, facet_cmp);
    *out = f.v;
    *n = f.n;
}

/* How a run reads the query's words (qr_build): any of them rather than
 * all, folded rather than as typed. */
enum { RUN_ANY_WORD = 1, RUN_FOLD = 2 };

/* One run of the query; *m receives the match set, *ts the query's
 * terms (for the hits' sections). */
static vk_status
run(xc_rdb *db, const qr_query *q, const qr_opts *opts, int how, xc_mset **m, qr_terms **ts,
    vk_error *err)
{
    int any_word = (how & RUN_ANY_WORD) != 0, fold = (how & RUN_FOLD) != 0;
    xc_query *xq = NULL;
    qr_terms_free(*ts);
    *ts = NULL;
    vk_status rc = qr_build(q, db, any_word, fold, &xq, err);
    if (rc == VK_OK && qr_terms_new(db, xq, ts) != VK_OK)
        rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    if (rc != VK_OK) {
        xc_query_free(xq);
        return rc;
    }
    xc_search_opts so;
    xc_search_opts_init(&so);
    so.offset = opts->offset;
    so.limit = opts->limit ? opts->limit : 10;
    /* A document meeting a section filter may hold the words in other
     * sections (pick.c): the hits are counted from the first, with room
     * for those left out. */
    if (qr_filters_sections(q)) {
        so.limit += so.offset + SECTION_SPARE;
        so.offset = 0;
    }
    so.collapse_slot = IX_SLOT_GROUP;
    /* Equal scores: newer documents first, then by key, whatever the
     * order of the documents in the index or its shards. */
    so.tie_slot = IX_SLOT_TIE;
    so.time_limit = opts->time_limit;
    so.check_at_least = so.offset + so.limit + 100;
    if (opts->sort_by_date) {
        so.sort_slot = IX_SLOT_DATE;
        so.sort_descending = 1;
    }
    if (opts->facets) {
        so.count_slots[0] = IX_SLOT_FACETS;
        so.pair_counts = 1;
        so.pair_sep = IX_PAIR_SEP;
        so.field_sep = IX_FIELD_SEP;
        /* Every passage has its facets, paired with its group. */
        so.keyed_slot = IX_SLOT_FACETS;
    }
    return qr_run_search(db, xq, &so, m, err);
}

int
qr_index_moved_on(xc_rdb *db)
{
    xc_status st = xc_errstatus();
    int changed = 0;
    if (st != XC_EMODIFIED && st != XC_ECORRUPT)
        return 0;
    /* A writer's commits can overwrite the blocks a long read was still
     * going through: Xapian then sees them as damaged. */
    return xc_rdb_reopen(db, &changed) == XC_OK && (changed || st == XC_EMODIFIED);
}

vk_status
qr_run_search(xc_rdb *db, xc_query *xq, const xc_search_opts *so, xc_mset **m, vk_error *err)
{
    xc_status st = xc_rdb_search(db, xq, so, m);
    for (int attempt = 0; st != XC_OK && attempt < 2 && qr_index_moved_on(db); attempt++)
        st = xc_rdb_search(db, xq, so, m);
    xc_query_free(xq);
    if (st != XC_OK)
        return vk_fail(err, st == XC_ENOMEM ? VK_ENOMEM : VK_EINDEX, _("search failed: %s"),
                       ix_index_error());
    return VK_OK;
}

int
qr_has_exact_words(const qr_query *q)
{
    for (size_t c = 0; c < q->n_words; c++) {
        for (size_t i = 0; i < q->words[c]->n_terms; i++) {
            if (!q->words[c]->terms[i].folded)
                return 1;
        }
    }
    return 0;
}

/* Runs the query, then its fallbacks while nothing matches: every word
 * folded (when some were typed with diacritics), then any word. */
static vk_status
run_with_fallbacks(xc_rdb *db, qr_query *q, const qr_opts *opts, qr_results *r, xc_mset **m,
                   qr_terms **ts, vk_error *err)
{
    vk_status rc = run(db, q, opts, 0, m, ts, err);
    uint32_t total = 0;
    if (rc == VK_OK)
        xc_mset_estimate(*m, &total, NULL, NULL);
    if (rc == VK_OK && total == 0 && qr_has_exact_words(q)) {
        xc_mset_free(*m);
        *m = NULL;
        q->folded_all = 1;
        rc = run(db, q, opts, RUN_FOLD, m, ts, err);
        if (rc == VK_OK)
            xc_mset_estimate(*m, &total, NULL, NULL);
        if (rc == VK_OK && total > 0)
            r->notice = "folded";
        else
            q->folded_all = 0;
    }
    if (rc == VK_OK && total == 0 && q->n_words > 1) {
        xc_mset_free(*m);
        *m = NULL;
        rc = run(db, q, opts, RUN_ANY_WORD, m, ts, err);
        if (rc == VK_OK)
            xc_mset_estimate(*m, &total, NULL, NULL);
        if (rc == VK_OK && total > 0)
            r->notice = "any-word";
    }
    return rc;
}

static vk_status
fill_hits(const hits_ctx *c, const qr_opts *opts, vk_error *err)
{
    xc_rdb *db = c->db;
    xc_mset *m = c->m;
    qr_results *r = c->r;
    const qr_query *q = c->q;
    size_t n = xc_mset_size(m), limit = opts->limit ? opts->limit : 10;
    /* Fetched from the first when sections are filtered (run): the first
     * `offset` hits that meet the filters are skipped here. */
    size_t skip = qr_filters_sections(q) ? opts->offset : 0, kept = 0;
    r->hits = vk_arena_alloc(&r->arena, (n ? n : 1) * sizeof *r->hits);
    if (!r->hits)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    for (size_t i = 0; i < n && r->n_hits < limit; i++) {
        xc_match mt;
        if (xc_mset_get(m, i, &mt) != XC_OK)
            return vk_fail(err, VK_EINDEX, _("reading a result: %s"), ix_index_error());
        qr_hit *h = &r->hits[r->n_hits];
        memset(h, 0, sizeof *h);
        int found = 0;
        vk_status rc = fill_hit(c, i, mt.docid, h, &found);
        if (rc == VK_EINVAL)
            return vk_fail(err, VK_EINDEX,
                           _("the index holds a document whose data is not a record (docid %u)"),
                           mt.docid);
        if (rc == VK_EINDEX)
            return vk_fail(err, VK_EINDEX, _("reading a result: %s"), ix_index_error());
        if (rc != VK_OK)
            return vk_fail(err, rc, _("out of memory"));
        if (!found || kept++ < skip)
            continue;
        h->score = mt.weight;
        h->percent = mt.percent;
        find_copies(db, m, i, r, h);
        r->n_hits++;
    }
    /* Every document matching was looked at: the total is exact. */
    if (qr_filters_sections(q)) {
        uint32_t est = 0, lower = 0, upper = 0;
        xc_mset_estimate(m, &est, &lower, &upper);
        if (upper == n)
            r->total = (uint32_t)kept;
    }
    return VK_OK;
}

vk_status
qr_search(xc_rdb *db, qr_query *q, const qr_opts *opts, qr_results **out, vk_error *err)
{
    *out = NULL;
    double t0 = now_ms();
    qr_results *r = calloc(1, sizeof *r);
    if (!r)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    r->offset = opts->offset;
    r->query = q->text ? vk_arena_strndup(&r->arena, q->text, strlen(q->text)) : NULL;
    xc_mset *m = NULL;
    vk_status rc = q->text && !r->query ? vk_fail(err, VK_ENOMEM, _("out of memory")) : VK_OK;
    /* Reading the hits' positions and records may meet an index changed
     * since the search (a writer committed): the search runs again on the
     * new revision. */
    qr_terms *ts = NULL;
    for (int attempt = 0; rc == VK_OK; attempt++) {
        rc = run_with_fallbacks(db, q, opts, r, &m, &ts, err);
        if (rc == VK_OK) {
            xc_mset_estimate(m, &r->total, NULL, NULL);
            rc = fill_hits(&(hits_ctx){db, r, q, ts, m}, opts, err);
        }
        if (rc != VK_EINDEX || attempt == 2 || !qr_index_moved_on(db))
            break;
        xc_mset_free(m);
        m = NULL;
        r->n_hits = 0;
        r->whole_hits = 0;
        r->notice = NULL;
        q->folded_all = 0;
        rc = VK_OK;
    }
    if (rc == VK_OK && opts->facets) {
        facet(m, IX_FACET_TYPE, r, &r->types, &r->n_types);
        facet(m, IX_FACET_YEAR, r, &r->years, &r->n_years);
        facet(m, IX_FACET_ISSUER, r, &r->issuers, &r->n_issuers);
        facet(m, IX_FACET_KIND, r, &r->kinds, &r->n_kinds);
    }
    xc_mset_free(m);
    qr_terms_free(ts);
    if (rc != VK_OK) {
        qr_results_free(r);
        return rc;
    }
    r->elapsed_ms = now_ms() - t0;
    *out = r;
    return VK_OK;
}

void
qr_results_free(qr_results *r)
{
    if (!r)
        return;
    vk_arena_free(&r->arena);
    free(r);
}
