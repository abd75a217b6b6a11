/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * keys.c: the typed search of the modules above query/ (qr_search_keys):
 * the documents of one type whose passages hold a phrase, ranked as
 * qr_search ranks them, and only their keys: the query is built from its
 * parts rather than written as text for the parser, and no snippet is cut
 * and no copy looked up.
 */
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "corpus/cp.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "query/parse_internal.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* A node of q, zero-filled, in its arena. */
static qr_node *
new_node(qr_query *q, qr_kind kind)
{
    qr_node *n = vk_arena_alloc(&q->arena, sizeof *n);
    if (n) {
        n->kind = kind;
        n->col = 1;
    }
    return n;
}

/* The tree `loai:CODE "w1 w2 ..."` parses into: the quoted phrase, AND'd
 * with the type's filter when there is a type. A phrase without a token
 * leaves the root NULL (nothing matches). */
static vk_status
phrase_tree(const qr_keys_query *kq, qr_query *q)
{
    vk_buf text = VK_BUF_INIT;
    qr_clause *cl = NULL;
    vk_status rc = VK_OK;
    for (size_t i = 0; rc == VK_OK && i < kq->n_words; i++)
        rc = vk_buf_printf(&text, "%s%s", i ? " " : "", kq->words[i]);
    if (rc == VK_OK)
        rc = qr_clause_new(&q->arena, text.data, text.len, 1, &cl);
    vk_buf_free(&text);
    if (rc != VK_OK || !cl)
        return rc;
    qr_node *words = new_node(q, QR_WORDS);
    q->words = vk_arena_alloc(&q->arena, sizeof *q->words);
    if (!words || !q->words)
        return VK_ENOMEM;
    words->clause = cl;
    q->words[q->n_words++] = cl;
    if (!kq->type_code) {
        q->root = words;
        return VK_OK;
    }
    qr_node *type = new_node(q, QR_FIELD), *all = new_node(q, QR_AND);
    qr_node **kids = vk_arena_alloc(&q->arena, 2 * sizeof *kids);
    if (!type || !all || !kids)
        return VK_ENOMEM;
    type->field = QR_F_TYPE;
    if (!(type->value = vk_arena_strndup(&q->arena, kq->type_code, strlen(kq->type_code))))
        return VK_ENOMEM;
    kids[0] = type;
    kids[1] = words;
    all->kids = kids;
    all->n_kids = 2;
    q->root = all;
    return VK_OK;
}

/* One run of q (every word folded with `fold`), with the match options of
 * qr_search (search.c): one result per group of copies, equal weights by
 * IX_SLOT_TIE. */
static vk_status
run(xc_rdb *db, const qr_query *q, uint32_t limit, int fold, xc_mset **m, vk_error *err)
{
    xc_query *xq = NULL;
    vk_status rc = qr_build(q, db, 0, fold, &xq, err);
    if (rc != VK_OK)
        return rc;
    xc_search_opts so;
    xc_search_opts_init(&so);
    so.limit = limit;
    so.collapse_slot = IX_SLOT_GROUP;
    so.tie_slot = IX_SLOT_TIE;
    so.check_at_least = limit + 100;
    return qr_run_search(db, xq, &so, m, err);
}

/* Runs q, and again with every word folded when nothing matches and some
 * word was written with diacritics (qr_search's first fallback; a phrase
 * is one clause, so its any-word fallback never applies). */
static vk_status
run_folding(xc_rdb *db, qr_query *q, uint32_t limit, xc_mset **m, vk_error *err)
{
    uint32_t total = 0;
    vk_status rc = run(db, q, limit, 0, m, err);
    if (rc == VK_OK)
        xc_mset_estimate(*m, &total, NULL, NULL);
    if (rc == VK_OK && total == 0 && qr_has_exact_words(q)) {
        xc_mset_free(*m);
        *m = NULL;
        q->folded_all = 1;
        rc = run(db, q, limit, 1, m, err);
    }
    return rc;
}

/* The key of each match of m, in rank order, into the arena. */
static vk_status
match_keys(xc_mset *m, vk_arena *arena, const char ***keys, size_t *n_keys)
{
    size_t n = xc_mset_size(m);
    *keys = n ? vk_arena_alloc(arena, n * sizeof **keys) : NULL;
    if (n && !*keys)
        return VK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *v;
        size_t vl;
        if (xc_mset_value(m, i, IX_SLOT_KEY, &v, &vl) != XC_OK || vl == 0)
            continue;
        if (!((*keys)[*n_keys] = vk_arena_strndup(arena, v, vl)))
            return VK_ENOMEM;
        (*n_keys)++;
    }
    if (*n_keys == 0)
        *keys = NULL;
    return VK_OK;
}

vk_status
qr_search_keys(xc_rdb *db, const qr_keys_query *kq, vk_arena *arena, const char ***keys,
               size_t *n_keys, vk_error *err)
{
    *keys = NULL;
    *n_keys = 0;
    if (!kq || kq->n_words == 0)
        return vk_fail(err, VK_EINVAL, _("no words to look for"));
    if (kq->type_code && !cp_type_by_code(kq->type_code, strlen(kq->type_code)))
        return vk_fail(err, VK_EINVAL, _("'%s' is not a document type code"), kq->type_code);
    qr_query *q = calloc(1, sizeof *q);
    if (!q)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    xc_mset *m = NULL;
    vk_status rc = phrase_tree(kq, q);
    if (rc != VK_OK)
        rc = vk_fail(err, rc, _("out of memory"));
    if (rc == VK_OK && q->root)
        rc = run_folding(db, q, kq->limit ? kq->limit : 10, &m, err);
    if (rc == VK_OK && m && match_keys(m, arena, keys, n_keys) != VK_OK) {
        *keys = NULL;
        *n_keys = 0;
        rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    xc_mset_free(m);
    qr_query_free(q);
    return rc;
}
