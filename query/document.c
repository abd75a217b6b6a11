/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * document.c: a document read back from the index: its sections with text,
 * in order, from the record stored with it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzers/docnum.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_passage.h"
#include "indexer/ix_schema.h"
#include "query/label_internal.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* The id of the document with this key, 0 when there is none. */
static vk_status
doc_id(xc_rdb *db, const char *key, uint32_t *id, vk_error *err)
{
    vk_buf term = VK_BUF_INIT;
    size_t n = 0;
    *id = 0;
    vk_status rc = vk_buf_printf(&term, "%s%s", IX_PREFIX_DOC, key) == VK_OK ? VK_OK : VK_ENOMEM;
    if (rc == VK_OK && term.len <= XC_MAX_TERM &&
        xc_rdb_postlist(db, term.data, term.len, id, 1, &n) != XC_OK)
        rc = vk_fail(err, VK_EINDEX, _("reading document %s: %s"), key, ix_index_error());
    if (rc == VK_ENOMEM)
        rc = vk_fail(err, rc, _("out of memory"));
    if (n == 0)
        *id = 0;
    vk_buf_free(&term);
    return rc;
}

/* The key of the first document whose own number is `number`, in a. */
static const char *
key_of_number(xc_rdb *db, const char *number, vk_arena *a)
{
    an_docnum d;
    if (!an_docnum_parse(number, strlen(number), &d))
        return NULL;
    vk_buf t = VK_BUF_INIT;
    vk_buf_puts(&t, IX_PREFIX_NUMBER);
    an_docnum_term(d.canon, strlen(d.canon), &t);
    uint32_t id = 0;
    size_t n = 0;
    const char *key = NULL;
    char *v = NULL;
    size_t vl = 0;
    if (t.data && t.len <= XC_MAX_TERM && xc_rdb_postlist(db, t.data, t.len, &id, 1, &n) == XC_OK &&
        n == 1 && xc_rdb_get_value(db, id, IX_SLOT_KEY, &v, &vl) == XC_OK && vl)
        key = vk_arena_strndup(a, v, vl);
    free(v);
    vk_buf_free(&t);
    return key;
}

/* The document's metadata, from its first passage. */
static void
fill_meta(qr_document *d, const ix_passage *p)
{
    d->nondoc = p->nondoc;
    d->number = p->number;
    d->type = p->type;
    d->type_code = p->type_code;
    d->date = p->date;
    d->title = p->title;
    d->issuer = p->issuer;
    d->term = p->term;
    d->conference = p->conference;
    d->place = p->place;
    d->signer = p->signer;
    d->path = p->path;
}

static void
fill_section(const ix_passage *p, qr_section *s)
{
    s->label = p->label ? p->label : "";
    s->display = p->display ? p->display : s->label;
    s->kind = p->kind ? p->kind : "preamble";
    s->heading = p->heading ? p->heading : "";
    s->text = p->text;
    s->crumbs = p->crumbs;
    s->n_crumbs = p->n_crumbs;
}

/* Reads the record of document id into d: its fields and its sections
 * with text. */
static vk_status
read_record(xc_rdb *db, uint32_t id, const char *key, qr_document *d, vk_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (xc_rdb_get_data(db, id, &data, &len) != XC_OK)
        return vk_fail(err, VK_EINDEX, _("reading document %s: %s"), key, ix_index_error());
    ix_record r;
    vk_status rc = ix_record_decode(data, len, &d->arena, &r);
    if (rc == VK_EINVAL)
        rc = vk_fail(err, VK_EINDEX, _("document %s: stored data is not a record"), key);
    if (rc == VK_OK && r.n_sections &&
        !(d->sections = vk_arena_alloc(&d->arena, r.n_sections * sizeof *d->sections)))
        rc = VK_ENOMEM;
    if (rc == VK_OK)
        fill_meta(d, &r.doc);
    for (size_t s = 0; rc == VK_OK && s < r.n_sections; s++) {
        ix_passage p;
        if (r.sections[s].text_len == 0)
            continue;
        if ((rc = ix_record_passage(&r, s, &d->arena, &p)) == VK_OK)
            fill_section(&p, &d->sections[d->n_sections++]);
    }
    free(data);
    return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
}

vk_status
qr_document_get(xc_rdb *db, const char *key, qr_document **out, vk_error *err)
{
    *out = NULL;
    qr_document *d = calloc(1, sizeof *d);
    if (!d)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    uint32_t id = 0;
    vk_status rc = doc_id(db, key, &id, err);
    if (rc == VK_OK && id == 0) {
        const char *k = key_of_number(db, key, &d->arena);
        if (k)
            rc = doc_id(db, k, &id, err);
        key = k ? k : key;
    }
    if (rc == VK_OK && id == 0)
        rc = vk_fail(err, VK_ENOTFOUND, _("no document %s in the index"), key);
    d->key = rc == VK_OK ? vk_arena_strndup(&d->arena, key, strlen(key)) : NULL;
    if (rc == VK_OK)
        rc = read_record(db, id, key, d, err);
    if (rc != VK_OK) {
        qr_document_free(d);
        return rc;
    }
    *out = d;
    return VK_OK;
}

void
qr_document_free(qr_document *d)
{
    if (!d)
        return;
    vk_arena_free(&d->arena);
    free(d);
}

/* The section whose label is exactly label, or NULL. */
static const qr_section *
by_label(const qr_document *d, const char *label)
{
    for (size_t i = 0; i < d->n_sections; i++) {
        if (strcmp(d->sections[i].label, label) == 0)
            return &d->sections[i];
    }
    return NULL;
}

const qr_section *
qr_document_section(const qr_document *d, const char *label)
{
    for (size_t i = 0; i < d->n_sections; i++) {
        if (strcasecmp(d->sections[i].label, label) == 0)
            return &d->sections[i];
    }
    /* As cited: "Điều 8", "điều 5 khoản 2", "Điều 5, khoản 2". */
    vk_buf l = VK_BUF_INIT;
    const qr_section *s = NULL;
    if (qr_section_label(QR_F_SECTION, label, &l) == VK_OK && l.data)
        s = by_label(d, l.data);
    for (size_t i = 0; !s && i < d->n_sections; i++) {
        if (strcmp(d->sections[i].display, label) == 0)
            s = &d->sections[i];
    }
    vk_buf_free(&l);
    return s;
}
