/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * passage.c: what the index stores of a passage and of its document
 * (indexer/ix_passage.h: the stored data; ix_schema.h: the values), read
 * for citations: a passage by its id, a document by its key or its number,
 * the documents a term indexes, the copies of a document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/docnum.h"
#include "cite/field_internal.h"
#include "cite/passage_internal.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_passage.h"
#include "indexer/ix_schema.h"

static cp_date
iso_date(const char *s)
{
    cp_date d = {0, 0, 0};
    if (s && sscanf(s, "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3)
        d = (cp_date){0, 0, 0};
    return d;
}

/* The document's fields of a record, into d (strings in a). */
static vk_status
doc_of(xc_rdb *db, uint32_t docid, const ix_passage *p, vk_arena *a, ct_doc *d, vk_error *err)
{
    d->key = p->key;
    d->number = p->number;
    d->type = p->type;
    d->type_code = p->type_code;
    d->title = p->title;
    d->issuer = p->issuer;
    d->term = p->term;
    d->conference = p->conference;
    d->path = p->path;
    d->date = iso_date(p->date);
    d->plenum = ct_conference_plenum(d->conference);
    char cg[16];
    if (*ct_conference_congress(d->conference, cg))
        d->congress = vk_arena_strndup(a, cg, strlen(cg));
    char *v = NULL;
    size_t vl = 0;
    if (xc_rdb_get_value(db, docid, IX_SLOT_GROUP, &v, &vl) == XC_OK && vl)
        d->group = vk_arena_strndup(a, v, vl);
    free(v);
    if (!d->key)
        return vk_fail(err, VK_EINDEX, _("document %u has no key"), docid);
    return VK_OK;
}

/* Section s of record r (its document already in out->doc) into out. */
static vk_status
section_of(const ix_record *r, size_t s, vk_arena *a, ct_passage *out)
{
    ix_passage p;
    if (ix_record_passage(r, s, a, &p) != VK_OK)
        return VK_ENOMEM;
    out->label = p.label ? p.label : "";
    out->heading = p.heading ? p.heading : "";
    out->text = p.text ? p.text : "";
    out->order = (double)s;
    return VK_OK;
}

/* Section indexes, at most `max`. */
typedef struct sec_list {
    size_t v[64];
    size_t n, max;
} sec_list;

/* The sections whose starts carry term (a citation's mark: ix_schema.h),
 * each once, in order, into out. */
static void
marked_sections(xc_rdb *db, uint32_t docid, const char *term, const ix_record *r, sec_list *out)
{
    uint32_t pos[256];
    size_t np = 0;
    if (xc_rdb_positions(db, docid, term, strlen(term), pos, VK_ARRAY_LEN(pos), &np) != XC_OK)
        return;
    for (size_t i = 0, s = 0; i < np && out->n < out->max; i++) {
        while (s + 1 < r->n_sections && r->sections[s + 1].start <= pos[i])
            s++;
        if (out->n == 0 || out->v[out->n - 1] != s)
            out->v[out->n++] = s;
    }
}

vk_status
ct_passages_read(xc_rdb *db, uint32_t docid, const char *term, vk_arena *a, ct_passages *out,
                 vk_error *err)
{
    char *data = NULL;
    size_t dl = 0;
    out->n = 0;
    if (xc_rdb_get_data(db, docid, &data, &dl) != XC_OK)
        return vk_fail(err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    ix_record r;
    vk_status rc = ix_record_decode(data, dl, a, &r);
    if (rc == VK_EINVAL)
        rc = vk_fail(err, VK_EINDEX, _("document %u: stored data is not a record"), docid);
    else if (rc != VK_OK)
        rc = vk_fail(err, rc, _("out of memory"));
    sec_list secs = {.max = out->max < 64 ? out->max : 64};
    if (rc == VK_OK && term)
        marked_sections(db, docid, term, &r, &secs);
    else if (rc == VK_OK && secs.max && r.n_sections)
        secs.v[secs.n++] = 0;
    ct_doc d;
    memset(&d, 0, sizeof d);
    if (rc == VK_OK)
        rc = doc_of(db, docid, &r.doc, a, &d, err);
    for (size_t i = 0; rc == VK_OK && i < secs.n; i++) {
        ct_passage *p = &out->v[out->n];
        memset(p, 0, sizeof *p);
        p->doc = d;
        if (section_of(&r, secs.v[i], a, p) != VK_OK)
            rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
        else
            out->n++;
    }
    free(data);
    return rc;
}

vk_status
ct_passage_read(xc_rdb *db, uint32_t docid, vk_arena *a, ct_passage *out, vk_error *err)
{
    ct_passages one = {out, 0, 1};
    vk_status rc = ct_passages_read(db, docid, NULL, a, &one, err);
    if (rc == VK_OK && one.n == 0)
        rc = vk_fail(err, VK_EINDEX, _("document %u has no sections"), docid);
    return rc;
}

/* The first posting of a term, or 0. */
static vk_status
first_posting(xc_rdb *db, const char *term, size_t len, uint32_t *id, vk_error *err)
{
    size_t n = 0;
    *id = 0;
    if (len > XC_MAX_TERM)
        return VK_OK;
    if (xc_rdb_postlist(db, term, len, id, 1, &n) != XC_OK)
        return vk_fail(err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    if (n == 0)
        *id = 0;
    return VK_OK;
}

/* Copies a document's strings into a. */
static vk_status
copy_doc(vk_arena *a, const ct_doc *from, ct_doc *to)
{
    const char **to_s[] = {&to->key,   &to->number, &to->type,    &to->type_code,
                           &to->title, &to->issuer, &to->term,    &to->conference,
                           &to->path,  &to->group,  &to->congress};
    *to = *from;
    for (size_t i = 0; i < VK_ARRAY_LEN(to_s); i++) {
        if (*to_s[i] && !(*to_s[i] = vk_arena_strndup(a, *to_s[i], strlen(*to_s[i]))))
            return VK_ENOMEM;
    }
    return VK_OK;
}

vk_status
ct_doc_read(xc_rdb *db, const char *key, vk_arena *a, ct_doc *out, vk_error *err)
{
    vk_buf t = VK_BUF_INIT;
    vk_arena scratch = VK_ARENA_INIT; /* the passage's text is not kept */
    uint32_t id = 0;
    ct_passage p;
    vk_status rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_DOC, key) == VK_OK
                       ? first_posting(db, t.data, t.len, &id, err)
                       : vk_fail(err, VK_ENOMEM, _("out of memory"));
    vk_buf_free(&t);
    if (rc == VK_OK && id == 0)
        rc = vk_fail(err, VK_ENOTFOUND, _("no document %s in the index"), key);
    if (rc == VK_OK && (rc = ct_passage_read(db, id, &scratch, &p, err)) == VK_OK &&
        copy_doc(a, &p.doc, out) != VK_OK)
        rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    vk_arena_free(&scratch);
    return rc;
}

vk_status
ct_keys_by_term(xc_rdb *db, const char *term, size_t len, vk_arena *a, ct_keys *out, vk_error *err)
{
    *out = (ct_keys){NULL, 0, 0};
    if (len > XC_MAX_TERM)
        return VK_OK;
    uint32_t *ids = malloc(CT_MAX_POSTINGS * sizeof *ids);
    size_t np = 0;
    if (!ids)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    vk_status rc = VK_OK;
    if (xc_rdb_postlist(db, term, len, ids, CT_MAX_POSTINGS, &np) != XC_OK)
        rc = vk_fail(err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    for (size_t i = 0; rc == VK_OK && i < np; i++) {
        char *v = NULL;
        size_t vl = 0;
        int seen = 0;
        if (xc_rdb_get_value(db, ids[i], IX_SLOT_KEY, &v, &vl) != XC_OK || !vl) {
            free(v);
            continue;
        }
        for (size_t k = 0; k < out->n && !seen; k++)
            seen = strlen(out->v[k]) == vl && memcmp(out->v[k], v, vl) == 0;
        const char *key = seen ? NULL : vk_arena_strndup(a, v, vl);
        free(v);
        if (!seen && (!key || ct_push_str(a, &out->v, &out->n, &out->cap, key) != VK_OK))
            rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    free(ids);
    return rc;
}

vk_status
ct_key_of_number(xc_rdb *db, const char *number, vk_arena *a, const char **key, vk_error *err)
{
    vk_buf t = VK_BUF_INIT, v = VK_BUF_INIT;
    ct_keys keys = {NULL, 0, 0};
    an_docnum d;
    *key = NULL;
    vk_status rc = ct_number_term(number, &v);
    if (rc == VK_OK)
        rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_NUMBER, v.data);
    if (rc == VK_OK)
        rc = ct_keys_by_term(db, t.data, t.len, a, &keys, err);
    /* "4-KL/BTCTW" for "04-KL/BTCTW": the short form, then the whole. */
    if (rc == VK_OK && keys.n == 0 && an_docnum_parse(number, strlen(number), &d) &&
        d.kind == AN_DOCNUM_PARTY && (rc = ct_short_term(d.num, d.type, &v)) == VK_OK) {
        vk_buf_clear(&t);
        rc = vk_buf_printf(&t, "%s%s", IX_PREFIX_SHORT_NUMBER, v.data);
        ct_keys all = {NULL, 0, 0};
        if (rc == VK_OK)
            rc = ct_keys_by_term(db, t.data, t.len, a, &all, err);
        for (size_t i = 0; rc == VK_OK && i < all.n && !*key; i++) {
            ct_doc doc;
            if ((rc = ct_doc_read(db, all.v[i], a, &doc, err)) == VK_OK &&
                ct_number_equal(doc.number, number))
                *key = all.v[i];
        }
    } else if (rc == VK_OK && keys.n > 0) {
        *key = keys.v[0];
    }
    vk_buf_free(&t);
    vk_buf_free(&v);
    return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
}

vk_status
ct_copies(xc_rdb *db, const ct_doc *d, vk_arena *a, ct_keys *out, vk_error *err)
{
    *out = (ct_keys){NULL, 0, 0};
    if (!d->group)
        return VK_OK;
    xc_query *q = NULL;
    xc_mset *m = NULL;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.collapse_slot = IX_SLOT_KEY;
    o.limit = 100;
    vk_status rc = VK_OK;
    if (xc_query_value_range(IX_SLOT_GROUP, d->group, strlen(d->group), d->group, strlen(d->group),
                             &q) != XC_OK ||
        xc_rdb_search(db, q, &o, &m) != XC_OK)
        rc = vk_fail(err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    for (size_t i = 0; rc == VK_OK && i < xc_mset_size(m); i++) {
        const char *v;
        size_t vl;
        if (xc_mset_value(m, i, IX_SLOT_KEY, &v, &vl) != XC_OK || !vl ||
            (strlen(d->key) == vl && memcmp(d->key, v, vl) == 0))
            continue;
        const char *k = vk_arena_strndup(a, v, vl);
        if (!k || ct_push_str(a, &out->v, &out->n, &out->cap, k) != VK_OK)
            rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    xc_mset_free(m);
    xc_query_free(q);
    return rc;
}
