/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse_internal.h: parsing a request with its filters (parse.c), for the
 * search of the front ends (index.c).
 */
#ifndef VK_QR_PARSE_INTERNAL_H
#define VK_QR_PARSE_INTERNAL_H

#include "query/qr.h"

/* Parses the query a request runs (qr_request_text): its text, then its
 * filters, which hold for the whole query. On success *out is owned by the
 * caller (qr_query_free), its text that of qr_request_text. Returns what
 * qr_parse returns; VK_EINVAL too for a filter value that holds a double
 * quote. Thread-safe. */
vk_status qr_parse_request(const qr_request *rq, qr_query **out, vk_error *err);

#endif /* VK_QR_PARSE_INTERNAL_H */
