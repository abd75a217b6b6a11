/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * suggest_internal.h: "did you mean" with the count of what the query found,
 * for the search entry point of query/ that has just run it (qr_suggest in
 * qr.h counts it itself). The rule is described at the top of suggest.c.
 */
#ifndef VK_QUERY_SUGGEST_INTERNAL_H
#define VK_QUERY_SUGGEST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/vk.h"
#include "xapian-c/xc.h"

/* `found` not known: qr_suggest_found counts it. */
#define QR_SUGGEST_NOT_COUNTED UINT32_MAX

/* A suggestion for the query (query[0 .. len), as typed), given `found`,
 * the number of documents the query found as typed with its words in one
 * section: estimated from the search (qr_results.total in the share of
 * qr_results.whole_hits among the hits) when qr_results.notice is NULL, 0
 * when a fallback ran (the query as typed found nothing), or
 * QR_SUGGEST_NOT_COUNTED. Writes a NUL-terminated string in
 * arena to *out, or NULL when there is nothing to suggest (the rule: top of
 * suggest.c). An index that cannot be read gives no suggestion. Returns
 * VK_OK or VK_ENOMEM (then *out is NULL). Not thread-safe for one db
 * handle. */
vk_status qr_suggest_found(xc_rdb *db, const char *query, size_t len, uint32_t found,
                           vk_arena *arena, const char **out);

#endif /* VK_QUERY_SUGGEST_INTERNAL_H */
