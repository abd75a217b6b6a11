/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What to try when a search finds nothing (qr.h, qr_hints). */
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "query/field_internal.h"
#include "query/qr.h"

/* One word of a query as written: a "phrase", a field:value (its value maybe
 * quoted) or a bare word, with where its field name ends (0: no field). */
typedef struct piece {
    size_t start, end, colon;
    const qr_field_def *field;
} piece;

#define MAX_PIECES 64

/* Splits text into pieces at white space outside double quotes. Returns
 * their number (at most MAX_PIECES; more are left out). */
static size_t
split(const char *text, size_t len, piece *v)
{
    size_t n = 0, i = 0;
    while (i < len && n < MAX_PIECES) {
        while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
            i++;
        if (i >= len)
            break;
        piece p = {i, i, 0, NULL};
        int quoted = 0;
        while (i < len && (quoted || (text[i] != ' ' && text[i] != '\t' && text[i] != '\n'))) {
            if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == ':' && !quoted && !p.colon && i > p.start)
                p.colon = i;
            i++;
        }
        p.end = i;
        if (p.colon)
            p.field = qr_field_def_named(text + p.start, p.colon - p.start);
        if (!p.field)
            p.colon = 0;
        v[n++] = p;
    }
    return n;
}

typedef struct hinter {
    qr_index *ix;
    const qr_request *rq;
    vk_arena *arena;
    qr_hint *out;
    size_t n, cap;
    vk_error *err;
} hinter;

/* Runs `query` with the request's options (one result); when it finds
 * something, adds it as a hint of `kind`. Returns VK_OK (found or not),
 * VK_ENOMEM, or the status of a search that failed other than by syntax. */
static vk_status
try_query(hinter *h, const char *kind, const char *query, size_t len)
{
    if (len == 0 || h->n == h->cap)
        return VK_OK;
    qr_request rq = {.text = query, .len = len, .opts = h->rq->opts};
    rq.opts.limit = 1;
    rq.opts.offset = 0;
    rq.opts.facets = 0;
    qr_results *r = NULL;
    vk_error e = {0};
    vk_status st = qr_index_search(h->ix, &rq, &r, &e);
    if (st == VK_EINVAL)
        return VK_OK; /* a rewritten query that no longer parses: no hint */
    if (st != VK_OK) {
        if (h->err)
            *h->err = e;
        return st;
    }
    if (r->n_hits) {
        qr_hint *x = &h->out[h->n];
        x->kind = kind;
        x->count = r->total ? r->total : (uint32_t)r->n_hits;
        x->query = vk_arena_strndup(h->arena, query, len);
        if (!x->query)
            st = VK_ENOMEM;
        else
            h->n++;
    }
    qr_results_free(r);
    return st;
}

/* How rewrite writes the pieces it keeps. */
enum { AS_CITED = 1, UNQUOTED = 2 };

/* The query with each piece kept (keep[i]) or dropped, with so: written
 * trich: with AS_CITED in how, without quotes with UNQUOTED. */
static vk_status
rewrite(const char *text, const piece *v, size_t n, const int *keep, int how, vk_buf *b)
{
    int cited = how & AS_CITED, unquote = how & UNQUOTED;
    vk_buf_clear(b);
    for (size_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        if (b->len && vk_buf_append(b, " ", 1) != VK_OK)
            return VK_ENOMEM;
        size_t from = v[i].start;
        if (cited && v[i].field && v[i].field->field == QR_F_NUMBER) {
            if (vk_buf_append(b, "trich", 5) != VK_OK)
                return VK_ENOMEM;
            from = v[i].colon;
        }
        for (size_t k = from; k < v[i].end; k++) {
            if (unquote && !v[i].field && text[k] == '"')
                continue;
            if (vk_buf_append(b, text + k, 1) != VK_OK)
                return VK_ENOMEM;
        }
    }
    return VK_OK;
}

/* The hints of the query text[0 .. len) split into v[0 .. n). */
static vk_status
hints_of(hinter *h, const char *text, size_t len, const piece *v, size_t n)
{
    int keep[MAX_PIECES], any_number = 0, any_field = 0, any_word = 0, any_quote = 0;
    for (size_t i = 0; i < n; i++) {
        keep[i] = 1;
        any_number |= v[i].field && v[i].field->field == QR_F_NUMBER;
        any_field |= v[i].field != NULL;
        any_word |= !v[i].field && text[v[i].start] != '-';
        any_quote |= !v[i].field && memchr(text + v[i].start, '"', v[i].end - v[i].start);
    }
    vk_buf b = VK_BUF_INIT;
    vk_status st = VK_OK;
    /* A number the index holds no document of may be cited by some. */
    if (any_number && (st = rewrite(text, v, n, keep, AS_CITED, &b)) == VK_OK)
        st = try_query(h, "cited", b.data, b.len);
    /* The words without the phrase's quotes. */
    if (st == VK_OK && any_quote && (st = rewrite(text, v, n, keep, UNQUOTED, &b)) == VK_OK)
        st = try_query(h, "unquoted", b.data, b.len);
    /* The words without the fields that narrow them. */
    if (st == VK_OK && any_field && any_word) {
        for (size_t i = 0; i < n; i++)
            keep[i] = !v[i].field;
        if ((st = rewrite(text, v, n, keep, 0, &b)) == VK_OK)
            st = try_query(h, "without_fields", b.data, b.len);
    }
    (void)len;
    vk_buf_free(&b);
    return st;
}

vk_status
qr_hints(qr_index *ix, const qr_request *rq, vk_arena *arena, qr_hint **out, size_t *n_out,
         vk_error *err)
{
    *out = NULL;
    *n_out = 0;
    vk_buf text = VK_BUF_INIT;
    if (qr_request_text(rq, &text) != VK_OK)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    hinter h = {ix, rq, arena, NULL, 0, 3, err};
    h.out = vk_arena_alloc(arena, h.cap * sizeof *h.out);
    vk_status st = h.out ? VK_OK : VK_ENOMEM;
    if (st == VK_OK && text.len) {
        piece v[MAX_PIECES];
        size_t n = split(text.data, text.len, v);
        st = hints_of(&h, text.data, text.len, v, n);
    }
    vk_buf_free(&text);
    if (st == VK_ENOMEM)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    if (st == VK_OK) {
        *out = h.out;
        *n_out = h.n;
    }
    return st;
}
