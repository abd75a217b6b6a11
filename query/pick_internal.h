/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pick_internal.h: the section a hit points at (pick.c). Never included
 * from another module.
 */
#ifndef VK_QR_PICK_INTERNAL_H
#define VK_QR_PICK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/vk.h"
#include "indexer/ix_passage.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* The section of a hit. */
typedef struct qr_pick {
    int found;      /* 0: no section of the document meets the query's section,
                       heading and citation filters (the document is no hit) */
    size_t section; /* the section: the most of the query's words, then the
                       most of them in its own heading, then in its parents' */
    size_t others;  /* the other sections that meet the filters and hold as
                       many of the words */
    int whole;      /* a section of the document holds every word the query
                       requires */
} qr_pick;

/* Nonzero when q filters sections (muc:, dieu:, tieude:, trich:), which
 * a document can meet while its words lie in other sections. */
int qr_filters_sections(const qr_query *q);

/* The terms of a built query (xc_query_terms), with the spellings of its
 * folded words (the synonym table), read once for all the hits. */
typedef struct qr_terms qr_terms;

/* Reads the terms of xq into *out (qr_terms_free). Returns VK_OK or
 * VK_ENOMEM (the synonym table unreadable too). */
vk_status qr_terms_new(xc_rdb *db, const xc_query *xq, qr_terms **out);

void qr_terms_free(qr_terms *ts);

/* What a pick reads: the index, the query as parsed and built into its
 * terms, and whether a section must hold every word the query requires
 * (those the document shows), as when q filters sections. */
typedef struct qr_pick_ctx {
    xc_rdb *db;
    const qr_query *q;
    const qr_terms *ts;
    int together;
} qr_pick_ctx;

/* Picks the section of document docid, whose record is r. Returns VK_OK,
 * VK_EINDEX (the index could not be read), VK_ENOMEM. */
vk_status qr_pick_section(const qr_pick_ctx *c, uint32_t docid, const ix_record *r,
                          qr_pick *out);

/* Counts, among the first `check` matches of m (documents, for c->q),
 * those with a section holding every word the query requires (c's
 * `together` taken as set), into *n; *checked gets the matches looked at.
 * Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status qr_count_together(const qr_pick_ctx *c, xc_mset *m, size_t check, size_t *n,
                            size_t *checked);

#endif /* VK_QR_PICK_INTERNAL_H */
