/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * citedby.c: the passages of the corpus that cite a document (ct_cited_by):
 * by its number, and, for a document of the corpus, by its informal name;
 * grouped by citing document.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"
#include "cite/mention_internal.h"
#include "cite/passage_internal.h"
#include "common/i18n.h"
#include "indexer/ix_schema.h"

/* What the cited document is: its number, plenum, congress, type, term. */
typedef struct cited {
    const char *number;
    const ct_doc *doc; /* NULL when not in the corpus */
} cited;

static int
keep_cited_number(const cp_citation *c, const void *ud)
{
    const cited *t = ud;
    return c->number && ct_number_equal(c->number, t->number);
}

static int
keep_cited_name(const cp_citation *c, const void *ud)
{
    const ct_doc *d = ((const cited *)ud)->doc;
    if (!c->informal || !c->term || !d->term || !ct_term_agree(c->term, d->term) ||
        !ct_type_agree(c->type_name, NULL, d->type, d->type_code))
        return 0;
    if (d->plenum)
        return c->plenum && atoi(c->plenum) == d->plenum;
    return d->congress && c->congress && ct_term_agree(c->congress, d->congress);
}

/* The document `key` names (a key, a number of the corpus), or only its
 * number (a number the corpus lacks). */
static vk_status
find_cited(xc_rdb *db, const char *key, ct_citedby *r, ct_doc *d, int *in_corpus, vk_error *err)
{
    vk_arena *a = &r->arena;
    an_docnum dn;
    const char *k = NULL;
    vk_status rc = ct_doc_read(db, key, a, d, err);
    *in_corpus = rc == VK_OK;
    if (rc != VK_ENOTFOUND)
        return rc;
    if (!an_docnum_parse(key, strlen(key), &dn))
        return vk_fail(err, VK_ENOTFOUND, _("%s is neither a document key nor a number"), key);
    if ((rc = ct_key_of_number(db, dn.canon, a, &k, err)) != VK_OK)
        return rc;
    if (k) {
        *in_corpus = 1;
        return ct_doc_read(db, k, a, d, err);
    }
    r->number = vk_arena_strndup(a, dn.canon, strlen(dn.canon));
    return r->number ? VK_OK : vk_fail(err, VK_ENOMEM, _("out of memory"));
}

/* A document without a number line is cited as its copy with one, if
 * any (*d is then that copy). */
static vk_status
numbered_copy(xc_rdb *db, ct_citedby *r, ct_doc *d, vk_error *err)
{
    ct_keys keys;
    vk_status rc = ct_copies(db, d, &r->arena, &keys, err);
    for (size_t i = 0; rc == VK_OK && i < keys.n; i++) {
        ct_doc c;
        if ((rc = ct_doc_read(db, keys.v[i], &r->arena, &c, err)) == VK_OK && c.number) {
            *d = c;
            break;
        }
    }
    return rc;
}

/* Groups the sorted mentions by citing document. */
static vk_status
group_docs(ct_citedby *r)
{
    size_t cap = 0;
    for (size_t i = 0; i < r->n_mentions; i++) {
        const ct_mention *m = &r->mentions[i];
        if (r->n_docs && strcmp(r->docs[r->n_docs - 1].key, m->key) == 0) {
            r->docs[r->n_docs - 1].count++;
            continue;
        }
        ct_citing_doc *nv = ct_grow(&r->arena, r->docs, r->n_docs, &cap, sizeof *nv);
        if (!nv)
            return VK_ENOMEM;
        r->docs = nv;
        r->docs[r->n_docs++] =
            (ct_citing_doc){m->key, m->number, m->type, m->title, m->doc_date, i, 1};
    }
    return VK_OK;
}

static vk_status
cited_by(xc_rdb *db, const char *key, ct_citedby *r, vk_error *err)
{
    vk_arena *a = &r->arena;
    ct_doc d;
    int in_corpus = 0;
    vk_buf t = VK_BUF_INIT, v = VK_BUF_INIT;
    vk_status rc = find_cited(db, key, r, &d, &in_corpus, err);
    if (rc == VK_OK && in_corpus) {
        r->key = d.key;
        if (!d.number)
            rc = numbered_copy(db, r, &d, err);
        r->number = d.number;
        const char *name = r->number ? NULL : d.conference;
        const char *by = ct_issuer_display(d.issuer, a);
        ct_cite_parts p = {d.type, r->number, name, d.date, by, d.term, d.title, CT_TITLE_DOC};
        r->citation = ct_citation_format(a, &p);
    }
    cited target = {r->number, in_corpus ? &d : NULL};
    ct_mention_scan out = {keep_cited_number, &target, in_corpus ? d.group : NULL, NULL, 0, 0};
    an_docnum dn;
    if (rc == VK_OK && r->number && an_docnum_parse(r->number, strlen(r->number), &dn)) {
        if (dn.kind == AN_DOCNUM_PARTY && (rc = ct_short_term(dn.num, dn.type, &v)) == VK_OK)
            rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_CITES_SHORT, v.data);
        else if (rc == VK_OK && (rc = ct_number_term(r->number, &v)) == VK_OK)
            rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_CITES, v.data);
        if (rc == VK_OK)
            rc = ct_mentions(db, t.data, t.len, a, &out, err);
    }
    if (rc == VK_OK && in_corpus && (d.plenum || d.congress)) {
        vk_buf_clear(&t);
        if (d.plenum)
            rc = vk_buf_printf(&t, "%s%d", IX_PREFIX_CITES_PLENUM, d.plenum);
        else if ((rc = vk_buf_puts(&t, IX_PREFIX_CITES_CONGRESS)) == VK_OK)
            rc = an_casefold_text(d.congress, strlen(d.congress), &t);
        out.keep = keep_cited_name;
        if (rc == VK_OK)
            rc = ct_mentions(db, t.data, t.len, a, &out, err);
    }
    vk_buf_free(&t);
    vk_buf_free(&v);
    if (rc != VK_OK)
        return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
    ct_mentions_sort(out.v, out.n);
    r->mentions = out.v;
    r->n_mentions = out.n;
    return group_docs(r) == VK_OK ? VK_OK : vk_fail(err, VK_ENOMEM, _("out of memory"));
}

vk_status
ct_cited_by(xc_rdb *db, const char *key, ct_citedby **out, vk_error *err)
{
    *out = NULL;
    ct_citedby *r = calloc(1, sizeof *r);
    if (!r)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    vk_status rc = key && *key ? cited_by(db, key, r, err)
                               : vk_fail(err, VK_ENOTFOUND, _("no document key or number given"));
    if (rc != VK_OK) {
        ct_citedby_free(r);
        return rc;
    }
    *out = r;
    return VK_OK;
}

void
ct_citedby_free(ct_citedby *c)
{
    if (!c)
        return;
    vk_arena_free(&c->arena);
    free(c);
}
