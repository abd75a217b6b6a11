/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * index.c: the index as the front ends hold it (qr_index): opened and
 * checked in one place, moved to the newest revision or to another index
 * put in its place; and the one search of the front ends: parse, search,
 * suggest.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "query/parse_internal.h"
#include "query/qr.h"
#include "query/suggest_internal.h"
#include "xapian-c/xc.h"

struct qr_index {
    xc_rdb *db; /* the reader */
    char *path; /* what it was opened on, as given */
    dev_t dev;  /* the folder or stub file at path when the reader was opened */
    ino_t ino;  /* (both 0 when it could not be read) */
};

/* The identity of the folder or stub file at path; zero if it cannot be
 * read. */
static void
path_id(const char *path, dev_t *dev, ino_t *ino)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        *dev = 0;
        *ino = 0;
        return;
    }
    *dev = st.st_dev;
    *ino = st.st_ino;
}

vk_status
qr_index_open(const char *path, qr_index **out, vk_error *err)
{
    *out = NULL;
    qr_index *ix = calloc(1, sizeof *ix);
    if (!ix || !(ix->path = strdup(path))) {
        free(ix);
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    /* The identity first: an index put there meanwhile is taken at the
     * next refresh. */
    path_id(path, &ix->dev, &ix->ino);
    vk_status rc = ix_reader_open(path, &ix->db, err);
    if (rc != VK_OK) {
        qr_index_close(ix);
        return rc;
    }
    *out = ix;
    return VK_OK;
}

/* Opens the index at ix's path, whose identity is now (dev, ino), in place
 * of ix's reader. */
static vk_status
open_again(qr_index *ix, dev_t dev, ino_t ino, vk_error *err)
{
    xc_rdb *fresh = NULL;
    vk_status rc = ix_reader_open(ix->path, &fresh, err);
    if (rc != VK_OK)
        return rc;
    xc_rdb_close(ix->db);
    ix->db = fresh;
    ix->dev = dev;
    ix->ino = ino;
    return VK_OK;
}

vk_status
qr_index_refresh(qr_index *ix, vk_error *err)
{
    dev_t dev;
    ino_t ino;
    path_id(ix->path, &dev, &ino);
    /* Another index there: the new one may even have the old one's
     * revision number. If it does not open, the old one still answers. */
    if ((dev != ix->dev || ino != ix->ino) && open_again(ix, dev, ino, err) == VK_OK)
        return VK_OK;
    if (xc_rdb_reopen(ix->db, NULL) == XC_OK)
        return VK_OK;
    /* A reader that cannot move on is opened anew. */
    return open_again(ix, dev, ino, err);
}

void
qr_index_close(qr_index *ix)
{
    if (!ix)
        return;
    xc_rdb_close(ix->db);
    free(ix->path);
    free(ix);
}

/* Adds a value of IX_SLOT_SECTIONS times the documents that have it. */
static int
add_sections(const char *value, size_t len, uint32_t count, void *ud)
{
    char n[24];
    if (len && len < sizeof n) {
        memcpy(n, value, len);
        n[len] = '\0';
        *(uint64_t *)ud += strtoull(n, NULL, 10) * count;
    }
    return 0;
}

vk_status
qr_count_sections(xc_rdb *db, const char *term, size_t len, uint64_t *out)
{
    uint32_t docs = 0;
    xc_query *q = NULL;
    xc_mset *m = NULL;
    *out = 0;
    xc_status st = xc_rdb_doccount(db, &docs);
    if (st == XC_OK)
        st = term ? xc_query_term(term, len, 1, 0, &q) : xc_query_match_all(&q);
    xc_search_opts so;
    xc_search_opts_init(&so);
    so.limit = 1;
    so.check_at_least = docs;
    so.count_slot = IX_SLOT_SECTIONS;
    if (st == XC_OK && docs)
        st = xc_rdb_search(db, q, &so, &m);
    if (st == XC_OK && m)
        st = xc_mset_slot_counts(m, IX_SLOT_SECTIONS, add_sections, out);
    xc_mset_free(m);
    xc_query_free(q);
    return st == XC_OK ? VK_OK : VK_EINDEX;
}

vk_status
qr_index_stat(qr_index *ix, qr_index_info *out, vk_error *err)
{
    memset(out, 0, sizeof *out);
    uint64_t n = 0;
    if (xc_rdb_doccount(ix->db, &out->documents) != XC_OK ||
        qr_count_sections(ix->db, NULL, 0, &n) != VK_OK ||
        xc_rdb_revision(ix->db, &out->revision) != XC_OK)
        return vk_fail(err, VK_EINDEX, "%s", ix_index_error());
    out->passages = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    return VK_OK;
}

xc_rdb *
qr_index_rdb(qr_index *ix)
{
    return ix->db;
}

vk_status
qr_index_search(qr_index *ix, const qr_request *rq, qr_results **out, vk_error *err)
{
    *out = NULL;
    qr_query *q = NULL;
    qr_results *r = NULL;
    vk_status rc = qr_parse_request(rq, &q, err);
    if (rc == VK_OK)
        rc = qr_search(ix->db, q, &rq->opts, &r, err);
    /* While a writer changes the index, Xapian can report damage (or a
     * change) to a reader (the samples, one phrase query asked 300 times
     * by new processes during six updates each followed by a rebuild: 130
     * failed so, none asked again): the reader is opened anew and asked
     * again, a moment later (20 ms, then twice as long each time, 5.1 s in
     * all, which a load test under ASan needed). */
    for (int attempt = 0;
         rc == VK_EINDEX && (xc_errstatus() == XC_ECORRUPT || xc_errstatus() == XC_EMODIFIED) &&
         attempt < 8;
         attempt++) {
        dev_t dev;
        ino_t ino;
        long ms = 20L << attempt;
        struct timespec pause = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&pause, NULL);
        path_id(ix->path, &dev, &ino);
        if (open_again(ix, dev, ino, err) == VK_OK)
            rc = qr_search(ix->db, q, &rq->opts, &r, err);
    }
    /* "Did you mean" rewrites the query as run, filters and all. */
    /* The documents found with the words in one section, estimated from
     * the hits (a fallback found none as typed). */
    uint64_t together = r && r->n_hits ? (uint64_t)r->total * r->whole_hits / r->n_hits : 0;
    if (rc == VK_OK &&
        qr_suggest_found(ix->db, q->text, strlen(q->text), r->notice ? 0 : (uint32_t)together,
                         &r->arena, &r->suggestion) != VK_OK)
        rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    qr_query_free(q);
    if (rc != VK_OK) {
        qr_results_free(r);
        return rc;
    }
    *out = r;
    return VK_OK;
}

vk_status
qr_index_document(qr_index *ix, const char *key, qr_document **out, vk_error *err)
{
    return qr_document_get(ix->db, key, out, err);
}
