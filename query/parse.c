/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse.c: the query language (this version: free words and "phrases") and
 * its translation to a Xapian query.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"

/* Column (1-based, in characters) of byte offset off in the query. */
static size_t
column(const char *q, size_t off)
{
    return vk_utf8_count(q, off) + 1;
}

/* Appends a clause made of the tokens of q[start .. end). Tokens typed with
 * diacritics look up exact terms, the others folded terms. */
static vk_status
add_clause(qr_query *out, size_t *cap, const char *q, size_t start, size_t end, int quoted)
{
    an_tokens t = AN_TOKENS_INIT;
    vk_status rc = an_analyze(q + start, end - start, 0, &t);
    if (rc != VK_OK || t.n == 0) {
        an_tokens_free(&t);
        return rc;
    }
    if (out->n_clauses == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        qr_clause *c = vk_arena_alloc(&out->arena, ncap * sizeof *c);
        if (!c) {
            an_tokens_free(&t);
            return VK_ENOMEM;
        }
        if (out->n_clauses)
            memcpy(c, out->clauses, out->n_clauses * sizeof *c);
        out->clauses = c;
        *cap = ncap;
    }
    qr_clause *cl = &out->clauses[out->n_clauses];
    cl->terms = vk_arena_alloc(&out->arena, t.n * sizeof *cl->terms);
    cl->n_terms = 0;
    cl->quoted = quoted;
    /* An overlay stands for the plain tokens it covers. */
    uint32_t covered_to = 0;
    for (size_t i = 0; i < t.n && cl->terms; i++) {
        const an_token *tok = &t.v[i];
        if (!tok->overlay && tok->pos < covered_to)
            continue;
        if (tok->overlay)
            covered_to = tok->pos + tok->span;
        int folded = !an_has_diacritics(q + start + tok->start, tok->end - tok->start);
        const char *s = folded ? tok->folded : tok->exact;
        size_t len = folded ? tok->folded_len : tok->exact_len;
        qr_term *qt = &cl->terms[cl->n_terms++];
        *qt = (qr_term){vk_arena_strndup(&out->arena, s, len), len, folded, tok->span};
        if (!qt->text)
            cl->terms = NULL;
    }
    an_tokens_free(&t);
    if (!cl->terms)
        return VK_ENOMEM;
    out->n_clauses++;
    return VK_OK;
}

/* Nonzero if a document number (or a list of them) starts at query[i];
 * *end gets the byte offset past it. */
static int
docnum_at(const char *query, size_t len, size_t i, size_t *end)
{
    an_docnum d[16];
    size_t n = an_docnum_find(query + i, len - i, d, 16);
    if (n == 0 || d[0].list_start != 0)
        return 0;
    *end = i + d[0].list_end;
    return 1;
}

vk_status
qr_parse(const char *query, size_t len, qr_query **out, vk_error *err)
{
    *out = NULL;
    if (len > QR_MAX_QUERY)
        return vk_fail(err, VK_EINVAL, "query too long: %zu bytes, at most %d", len,
                       QR_MAX_QUERY);
    size_t bad = vk_utf8_validate(query, len);
    if (bad != len)
        return vk_fail(err, VK_EINVAL, "column %zu: the query is not valid UTF-8",
                       column(query, bad));
    qr_query *q = calloc(1, sizeof *q);
    if (!q)
        return vk_fail(err, VK_ENOMEM, "out of memory");
    size_t cap = 0, i = 0, dn_end = 0;
    vk_status rc = VK_OK;
    while (i < len && rc == VK_OK) {
        if (query[i] == ' ' || query[i] == '\t' || query[i] == '\n') {
            i++;
        } else if (query[i] == '"') {
            const char *close = memchr(query + i + 1, '"', len - i - 1);
            if (!close) {
                rc = vk_fail(err, VK_EINVAL, "column %zu: unterminated quote",
                             column(query, i));
                break;
            }
            size_t end = (size_t)(close - query);
            rc = add_clause(q, &cap, query, i + 1, end, 1);
            i = end + 1;
        } else if (docnum_at(query, len, i, &dn_end)) {
            /* "04 - KL/BTCTW", "18, 19-NQ/TW": one clause despite the spaces. */
            rc = add_clause(q, &cap, query, i, dn_end, 0);
            i = dn_end;
        } else {
            size_t start = i;
            while (i < len && query[i] != ' ' && query[i] != '\t' && query[i] != '\n' &&
                   query[i] != '"')
                i++;
            rc = add_clause(q, &cap, query, start, i, 0);
        }
    }
    if (rc != VK_OK) {
        if (rc == VK_ENOMEM)
            vk_fail(err, rc, "out of memory");
        qr_query_free(q);
        return rc;
    }
    *out = q;
    return VK_OK;
}

void
qr_query_free(qr_query *q)
{
    if (!q)
        return;
    vk_arena_free(&q->arena);
    free(q);
}

static xc_status
term_query(const qr_term *t, uint32_t pos, xc_query **out)
{
    vk_buf b = VK_BUF_INIT;
    if ((t->folded && vk_buf_puts(&b, IX_PREFIX_FOLDED) != VK_OK) ||
        vk_buf_append(&b, t->text, t->len) != VK_OK) {
        vk_buf_free(&b);
        return XC_ENOMEM;
    }
    size_t n = b.len < XC_MAX_TERM ? b.len : XC_MAX_TERM;
    xc_status st = xc_query_term(b.data, n, 1, pos, out);
    vk_buf_free(&b);
    return st;
}

/* The query of one clause: a term, or a phrase of its terms. */
static xc_status
clause_query(const qr_clause *c, uint32_t *pos, xc_query **out)
{
    xc_query *subs[64];
    size_t n = c->n_terms < 64 ? c->n_terms : 64;
    xc_status st = XC_OK;
    size_t built = 0;
    for (; built < n && st == XC_OK; built++)
        st = term_query(&c->terms[built], ++*pos, &subs[built]);
    if (st != XC_OK)
        built--;
    if (st == XC_OK && n == 1) {
        *out = subs[0];
        return XC_OK;
    }
    uint32_t window = 0;
    for (size_t i = 0; i < n; i++)
        window += c->terms[i].span;
    if (st == XC_OK)
        st = xc_query_combine(XC_OP_PHRASE, subs, n, window, out);
    for (size_t i = 0; i < built; i++)
        xc_query_free(subs[i]);
    return st;
}

vk_status
qr_build(const qr_query *q, xc_query **out, vk_error *err)
{
    *out = NULL;
    if (q->n_clauses == 0)
        return xc_query_match_nothing(out) == XC_OK ? VK_OK
                                                     : vk_fail(err, VK_ENOMEM, "out of memory");
    xc_query **subs = calloc(q->n_clauses, sizeof *subs);
    if (!subs)
        return vk_fail(err, VK_ENOMEM, "out of memory");
    xc_status st = XC_OK;
    uint32_t pos = 0;
    for (size_t i = 0; i < q->n_clauses && st == XC_OK; i++)
        st = clause_query(&q->clauses[i], &pos, &subs[i]);
    if (st == XC_OK)
        st = xc_query_combine(XC_OP_AND, subs, q->n_clauses, 0, out);
    for (size_t i = 0; i < q->n_clauses; i++)
        xc_query_free(subs[i]);
    free(subs);
    return st == XC_OK ? VK_OK : vk_fail(err, VK_ENOMEM, "building the query: %s", xc_errmsg());
}
