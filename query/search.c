/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * search.c: running a parsed query (one result per document, best passage
 * first) and cutting snippets around the matches.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"

/* Bytes of text a snippet aims at. */
#define SNIPPET_BYTES 260

/* ---------------------------------------------------------------------- */
/* Snippets                                                               */
/* ---------------------------------------------------------------------- */

static int
term_matches(const qr_term *qt, const an_token *t)
{
    const char *s = qt->folded ? t->folded : t->exact;
    size_t l = qt->folded ? t->folded_len : t->exact_len;
    return l == qt->len && memcmp(s, qt->text, l) == 0;
}

/* Marks in hit[] (clause index + 1) every token that is part of a match of
 * a clause: any occurrence of a one-term clause, and only complete,
 * adjacent occurrences of a phrase. */
/* Index of the token at position pos, from index `from` on, that matches
 * qt, or SIZE_MAX. Tokens are in position order. */
static size_t
find_at(const an_tokens *t, size_t from, uint32_t pos, const qr_term *qt)
{
    for (size_t j = from; j < t->n && t->v[j].pos <= pos; j++) {
        if (t->v[j].pos == pos && term_matches(qt, &t->v[j]))
            return j;
    }
    return SIZE_MAX;
}

static void
mark_hits(const qr_query *q, const an_tokens *t, size_t *hit)
{
    size_t idx[64];
    for (size_t c = 0; c < q->n_clauses; c++) {
        const qr_clause *cl = &q->clauses[c];
        size_t nt = cl->n_terms < 64 ? cl->n_terms : 64;
        for (size_t i = 0; i < t->n; i++) {
            if (!term_matches(&cl->terms[0], &t->v[i]))
                continue;
            idx[0] = i;
            size_t k = 1;
            uint32_t pos = t->v[i].pos + cl->terms[0].span;
            for (; k < nt; k++) {
                idx[k] = find_at(t, idx[k - 1] + 1, pos, &cl->terms[k]);
                if (idx[k] == SIZE_MAX)
                    break;
                pos += cl->terms[k].span;
            }
            if (k < nt)
                continue;
            for (k = 0; k < nt; k++)
                hit[idx[k]] = c + 1;
        }
    }
}

/* Picks the window [*from, *to) of tokens, at most max_bytes of text long,
 * holding the most distinct matched terms (ties: the earliest). */
static void
best_window(const an_tokens *t, const size_t *hit, size_t max_bytes, size_t *from, size_t *to)
{
    size_t best = 0, best_from = 0, best_to = 0;
    size_t seen[64];
    for (size_t i = 0; i < t->n; i++) {
        if (!hit[i])
            continue;
        size_t n_seen = 0, j = i;
        for (; j < t->n && t->v[j].end - t->v[i].start <= max_bytes; j++) {
            if (!hit[j])
                continue;
            size_t k = 0;
            while (k < n_seen && seen[k] != hit[j])
                k++;
            if (k == n_seen && n_seen < 64)
                seen[n_seen++] = hit[j];
        }
        if (n_seen > best) {
            best = n_seen;
            best_from = i;
            best_to = j;
        }
    }
    if (best == 0) {
        best_to = 0;
        while (best_to < t->n && t->v[best_to].end <= max_bytes)
            best_to++;
    }
    *from = best_from;
    *to = best_to;
}

vk_status
qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes, vk_arena *arena,
           const char **snippet, size_t **marks, size_t *n_marks)
{
    *snippet = "";
    *marks = NULL;
    *n_marks = 0;
    an_tokens t = AN_TOKENS_INIT;
    if (an_analyze(text, len, 0, &t) != VK_OK)
        return VK_ENOMEM;
    size_t *hit = calloc(t.n ? t.n : 1, sizeof *hit);
    if (!hit) {
        an_tokens_free(&t);
        return VK_ENOMEM;
    }
    mark_hits(q, &t, hit);
    size_t from = 0, to = 0;
    best_window(&t, hit, max_bytes, &from, &to);
    if (to > from && hit[from]) {
        /* Give the matches some context: up to a third of the room left
         * before them, the rest after. */
        size_t last = to - 1;
        while (last > from && !hit[last])
            last--;
        size_t core = t.v[last].end - t.v[from].start;
        size_t room = core < max_bytes ? (max_bytes - core) / 3 : 0;
        size_t core_start = t.v[from].start;
        while (from > 0 && core_start - t.v[from - 1].start <= room)
            from--;
        to = last + 1;
        while (to < t.n && t.v[to].end - t.v[from].start <= max_bytes)
            to++;
    }
    size_t start = t.n && from < t.n ? t.v[from].start : 0;
    size_t end = to > 0 && to <= t.n ? t.v[to - 1].end : (len < max_bytes ? len : 0);
    /* Keep the punctuation that closes the last word. */
    while (end < len && end - start < max_bytes + 8 && strchr(".,;:!?)”\"", text[end]) &&
           text[end])
        end++;
    int cut_before = start > 0, cut_after = end < len;
    size_t pre = cut_before ? strlen("… ") : 0;
    size_t out_len = pre + (end - start) + (cut_after ? strlen(" …") : 0);
    char *s = vk_arena_alloc(arena, out_len + 1);
    size_t *m = vk_arena_alloc(arena, 2 * (t.n ? t.n : 1) * sizeof *m);
    vk_status rc = s && m ? VK_OK : VK_ENOMEM;
    if (rc == VK_OK) {
        size_t n = 0;
        if (cut_before)
            memcpy(s, "… ", pre);
        memcpy(s + pre, text + start, end - start);
        n = pre + (end - start);
        if (cut_after)
            memcpy(s + n, " …", strlen(" …"));
        s[out_len] = '\0';
        /* Newlines between paragraphs read as spaces in a snippet. */
        for (size_t i = 0; i < out_len; i++)
            if (s[i] == '\n')
                s[i] = ' ';
        size_t k = 0;
        for (size_t i = from; i < to && i < t.n; i++) {
            if (!hit[i])
                continue;
            m[2 * k] = t.v[i].start - start + pre;
            m[2 * k + 1] = t.v[i].end - start + pre;
            k++;
        }
        *snippet = s;
        *marks = m;
        *n_marks = k;
    }
    free(hit);
    an_tokens_free(&t);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Search                                                                 */
/* ---------------------------------------------------------------------- */

static const char *
jstr(vk_arena *a, json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? vk_arena_strndup(a, json_string_value(v), json_string_length(v))
                             : NULL;
}

/* Fills a hit from the stored data of a passage. */
static vk_status
fill_hit(qr_results *r, const qr_query *q, const char *data, size_t len, qr_hit *h)
{
    json_error_t jerr;
    json_t *o = json_loadb(data, len, 0, &jerr);
    if (!o)
        return VK_EINDEX;
    vk_arena *a = &r->arena;
    h->key = jstr(a, o, "key");
    h->number = jstr(a, o, "number");
    h->type = jstr(a, o, "type");
    h->type_code = jstr(a, o, "type_code");
    h->date = jstr(a, o, "date");
    h->title = jstr(a, o, "title");
    h->path = jstr(a, o, "path");
    h->label = jstr(a, o, "label");
    h->heading = jstr(a, o, "heading");
    json_t *crumbs = json_object_get(o, "breadcrumb");
    size_t nc = json_array_size(crumbs);
    h->crumbs = nc ? vk_arena_alloc(a, nc * sizeof *h->crumbs) : NULL;
    for (size_t i = 0; h->crumbs && i < nc; i++) {
        json_t *c = json_array_get(crumbs, i);
        h->crumbs[h->n_crumbs++] = json_is_string(c) ? vk_arena_strndup(a, json_string_value(c),
                                                                         json_string_length(c))
                                                     : "";
    }
    json_t *text = json_object_get(o, "text");
    vk_status rc = VK_OK;
    if (json_is_string(text))
        rc = qr_snippet(q, json_string_value(text), json_string_length(text), SNIPPET_BYTES, a,
                        &h->snippet, &h->marks, &h->n_marks);
    json_decref(o);
    return rc;
}

vk_status
qr_search(xc_rdb *db, const qr_query *q, const qr_opts *opts, qr_results **out, vk_error *err)
{
    *out = NULL;
    xc_query *xq = NULL;
    vk_status rc = qr_build(q, &xq, err);
    if (rc != VK_OK)
        return rc;
    xc_search_opts so;
    xc_search_opts_init(&so);
    so.offset = opts->offset;
    so.limit = opts->limit ? opts->limit : 10;
    so.collapse_slot = IX_SLOT_KEY;
    so.time_limit = opts->time_limit;
    so.check_at_least = so.offset + so.limit + 100;
    xc_mset *m = NULL;
    xc_status st = xc_rdb_search(db, xq, &so, &m);
    if (st == XC_EMODIFIED && xc_rdb_reopen(db, NULL) == XC_OK)
        st = xc_rdb_search(db, xq, &so, &m);
    xc_query_free(xq);
    if (st != XC_OK)
        return vk_fail(err, st == XC_ENOMEM ? VK_ENOMEM : VK_EINDEX, "search failed: %s",
                       xc_errmsg());
    qr_results *r = calloc(1, sizeof *r);
    size_t n = xc_mset_size(m);
    if (r)
        r->hits = vk_arena_alloc(&r->arena, (n ? n : 1) * sizeof *r->hits);
    if (!r || !r->hits) {
        qr_results_free(r);
        xc_mset_free(m);
        return vk_fail(err, VK_ENOMEM, "out of memory");
    }
    xc_mset_estimate(m, &r->total, NULL, NULL);
    for (size_t i = 0; i < n && rc == VK_OK; i++) {
        xc_match mt;
        const char *data;
        size_t len;
        if (xc_mset_get(m, i, &mt) != XC_OK || xc_mset_data(m, i, &data, &len) != XC_OK) {
            rc = vk_fail(err, VK_EINDEX, "reading a result: %s", xc_errmsg());
            break;
        }
        qr_hit *h = &r->hits[r->n_hits];
        memset(h, 0, sizeof *h);
        rc = fill_hit(r, q, data, len, h);
        if (rc == VK_EINDEX)
            vk_fail(err, rc, "the index holds a passage whose data is not JSON (docid %u)",
                    mt.docid);
        h->score = mt.weight;
        h->percent = mt.percent;
        h->other_sections = mt.collapse_count;
        if (rc == VK_OK)
            r->n_hits++;
    }
    xc_mset_free(m);
    if (rc != VK_OK) {
        if (rc == VK_ENOMEM)
            vk_fail(err, rc, "out of memory");
        qr_results_free(r);
        return rc;
    }
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
