/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sd_internal.h: what the daemon's server (server.c) and API (api.c) share.
 */
#ifndef VK_SD_INTERNAL_H
#define VK_SD_INTERNAL_H

#include <jansson.h>
#include <microhttpd.h>

#include "query/qr.h"
#include "searchd/sd.h"

/* This thread's index, moved to the latest revision (or to the index the
 * last reload named); NULL with *failed set when the index cannot be
 * opened. Owned by the thread. */
qr_index *sd_index(const sd_config *cfg, int *failed);

/* Queues `o` (reference taken) as the JSON response. rq is the request. */
enum MHD_Result sd_send_json(struct MHD_Connection *c, void *rq, unsigned status, json_t *o);

/* Queues {"error": {"code", "message"}} with the status. */
enum MHD_Result sd_send_error(struct MHD_Connection *c, void *rq, unsigned status, const char *code,
                              const char *message);

/* Queues a 200 whose body is the file open at fd, `size` bytes from its
 * start (fd taken over: closed once sent, or on failure), with Content-Type
 * `type` and, unless NULL, Content-Disposition `disposition`. */
enum MHD_Result sd_send_fd(struct MHD_Connection *c, void *rq, int fd, size_t size,
                           const char *type, const char *disposition);

/* The JSON of `vankien analyze --json` for text[0 .. len) (valid UTF-8),
 * with each token's offsets also in UTF-16 code units ("start16",
 * "end16"); a new reference, or NULL when out of memory (analyze.c). */
json_t *sd_analyze_json(const char *text, size_t len);

/* Queues a 405 with the Allow header `allow` (a constant string). */
enum MHD_Result sd_send_not_allowed(struct MHD_Connection *c, void *rq, const char *allow,
                                    const char *message);

/* What a request sent: whether it is a POST, and its body. */
typedef struct sd_body {
    int post;
    const char *data; /* the body, "" when none */
    size_t len;
} sd_body;

/* Answers a request under /api/. */
enum MHD_Result sd_api(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *url,
                       const sd_body *body);

#endif /* VK_SD_INTERNAL_H */
