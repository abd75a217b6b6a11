/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qr.h: the query side, shared by the CLI and the daemon: the query language,
 * its translation to a Xapian query, the search with one result per
 * document, and snippets.
 *
 * Design note. A query string is parsed into clauses: free words and
 * "quoted phrases" (this version; fields come later). Each clause is cut
 * into tokens by the same analyzer as the index (analyzers/an.h); where the
 * analyzer gives an overlay (a document number such as 28-NQ/TW, written
 * with or without spaces around the dash, a date, ...), the clause looks up
 * that one term instead of the plain tokens under it. A
 * token typed with diacritics looks up its exact term (any tone style gives
 * the same term), a token typed without them looks up the folded term, so
 * `nghi quyet` finds every accented form and `bảo` finds only bảo. All
 * clauses must match. Ranking is Xapian's BM25 over the passages; results
 * are collapsed on the document key so that each document appears once,
 * with its best passage. Snippets are cut from the passage text stored in
 * the index, around the densest group of matched tokens, with the byte
 * offsets of every match.
 */
#ifndef VK_QR_H
#define VK_QR_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/vk.h"
#include "xapian-c/xc.h"

/* Longest query accepted, in bytes. */
#define QR_MAX_QUERY 4096

/* One unit of a parsed query: a term as looked up in the index. */
typedef struct qr_term {
    const char *text; /* exact form, or folded form when `folded` */
    size_t len;       /* bytes */
    int folded;       /* looked up as a folded term (typed without diacritics) */
    uint32_t span;    /* positions it covers in the text (an overlay: more than 1) */
} qr_term;

/* One clause: a word (possibly several tokens, then matched as a phrase) or
 * a quoted phrase. */
typedef struct qr_clause {
    qr_term *terms;  /* tokens in order */
    size_t n_terms;  /* at least 1 */
    int quoted;      /* written between double quotes */
} qr_clause;

/* A parsed query. Owns its memory (arena). */
typedef struct qr_query {
    qr_clause *clauses; /* in query order */
    size_t n_clauses;   /* number of clauses (0: the query has no words) */
    vk_arena arena;     /* owns everything above */
} qr_query;

/* Parses a query string. On success *out is owned by the caller
 * (qr_query_free). Returns VK_OK; VK_EINVAL with the position in the message
 * ("column 7: unterminated quote") for bad syntax, invalid UTF-8, or a query
 * longer than QR_MAX_QUERY; VK_ENOMEM. Thread-safe. */
vk_status qr_parse(const char *query, size_t len, qr_query **out, vk_error *err);

/* Frees a parsed query. NULL does nothing. */
void qr_query_free(qr_query *q);

/* Builds the Xapian query of a parsed query (NULL-free: an empty query gives
 * a query that matches nothing). On success *out is owned by the caller
 * (xc_query_free). Returns VK_OK or VK_ENOMEM. */
vk_status qr_build(const qr_query *q, xc_query **out, vk_error *err);

/* Search options. */
typedef struct qr_opts {
    uint32_t limit;    /* results wanted (default 10) */
    uint32_t offset;   /* results to skip */
    double time_limit; /* seconds; 0 for none */
} qr_opts;

/* One result: a document with its best passage. Strings live in the
 * results' arena. */
typedef struct qr_hit {
    const char *key;        /* document key */
    const char *number;     /* "28-NQ/TW", or NULL */
    const char *type;       /* "Nghị quyết", or NULL */
    const char *type_code;  /* "NQ", or NULL */
    const char *date;       /* ISO date, or NULL */
    const char *title;      /* or NULL */
    const char *path;       /* source file */
    const char *label;      /* section label ("" for the preamble) */
    const char *heading;    /* section heading */
    const char **crumbs;    /* breadcrumb, top first */
    size_t n_crumbs;
    const char *snippet;    /* plain text around the matches */
    size_t *marks;          /* 2 * n_marks byte offsets into snippet: start, end */
    size_t n_marks;
    double score;           /* relevance weight */
    int percent;            /* relevance as a percentage of the best */
    uint32_t other_sections; /* other passages of this document that matched */
} qr_hit;

typedef struct qr_results {
    qr_hit *hits;       /* in rank order */
    size_t n_hits;
    uint32_t total;     /* estimated number of matching documents */
    vk_arena arena;     /* owns everything above */
} qr_results;

/* Runs a parsed query on db. On success *out is owned by the caller
 * (qr_results_free). Returns VK_OK (possibly with no hits), VK_EINDEX
 * (database error; message in err), VK_ENOMEM. Not thread-safe for one db
 * handle. */
vk_status qr_search(xc_rdb *db, const qr_query *q, const qr_opts *opts, qr_results **out,
                    vk_error *err);

/* Frees results. NULL does nothing. */
void qr_results_free(qr_results *r);

/* Cuts a snippet of at most about `max_bytes` from text around the tokens
 * that match q, writing it to *snippet (arena) and the match offsets to
 * *marks (arena, 2 per match). Returns VK_OK or VK_ENOMEM. Exposed for the
 * tests and the daemon. */
vk_status qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes,
                     vk_arena *arena, const char **snippet, size_t **marks, size_t *n_marks);

#endif /* VK_QR_H */
