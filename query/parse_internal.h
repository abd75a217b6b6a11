/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse_internal.h: parsing a request with its filters (parse.c), for the
 * search of the front ends (index.c); and a clause of the query language
 * made from text without parsing it, for the typed search (keys.c).
 */
#ifndef VK_QR_PARSE_INTERNAL_H
#define VK_QR_PARSE_INTERNAL_H

#include "query/qr.h"
#include "xapian-c/xc.h"

/* Parses the query a request runs (qr_request_text): its text, then its
 * filters, which hold for the whole query. On success *out is owned by the
 * caller (qr_query_free), its text that of qr_request_text. Returns what
 * qr_parse returns; VK_EINVAL too for a filter value that holds a double
 * quote. Thread-safe. */
vk_status qr_parse_request(const qr_request *rq, qr_query **out, vk_error *err);

/* Analyzes text[0 .. len) into a clause of the terms a query looks up (as
 * the parser does for a word or a "phrase": overlays stand for the plain
 * tokens they cover; a token written without diacritics looks up its
 * folded term), its strings in a; col is 1. *out is NULL, with VK_OK, when
 * the text holds no token. Returns VK_OK or VK_ENOMEM. */
vk_status qr_clause_new(vk_arena *a, const char *text, size_t len, int quoted, qr_clause **out);

/* Nonzero if some word of q was typed with diacritics (the folded
 * fallback may then find what the exact words did not). Thread-safe. */
int qr_has_exact_words(const qr_query *q);

/* The folded form of a query term, whichever way it was typed (its
 * length in *len). */
const char *qr_term_folded(const qr_term *t, size_t *len);

/* After a read of db failed: nonzero if the index moved on under it (a
 * writer committed, which can also show as damage to a long read) and db
 * now reads the new revision, so that the read may be tried again. */
int qr_index_moved_on(xc_rdb *db);

/* Runs xq on db with so into *m, again (twice at most) after reopening db
 * when the index moved on under it; xq is freed. Returns VK_OK, VK_ENOMEM,
 * VK_EINDEX (message in err). Not thread-safe for one db (search.c). */
vk_status qr_run_search(xc_rdb *db, xc_query *xq, const xc_search_opts *so, xc_mset **m,
                        vk_error *err);

#endif /* VK_QR_PARSE_INTERNAL_H */
