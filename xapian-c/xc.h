/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * xc.h: the thin C API over libxapian, the only door to Xapian in vankien.
 *
 * Design note. Every handle is opaque and owned by whoever created it; each has a
 * _new/_free or _open/_close pair and every _free/_close accepts NULL. Every
 * function that can fail returns an xc_status and writes its results through
 * trailing out parameters (set to NULL/0 on failure). No C++ exception ever
 * crosses this header: the implementation catches everything and maps it to a
 * status; the text of the last error is kept per thread and read with
 * xc_errmsg(). Strings are (pointer, length) pairs and may hold any bytes;
 * Xapian terms are limited to XC_MAX_TERM bytes.
 *
 * Threads: a handle must not be used by two threads at once; different handles
 * may be used concurrently (Xapian's own rule). xc_errmsg() is per thread.
 *
 * This header is pure C and compiles as C and as C++.
 */
#ifndef VK_XC_H
#define VK_XC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__cplusplus)
#define XC_NOEXCEPT noexcept
#else
#define XC_NOEXCEPT
#endif

/* Longest term Xapian's glass backend accepts, in bytes. */
#define XC_MAX_TERM 245

/* Outcome of every fallible call. */
typedef enum xc_status {
    XC_OK = 0,
    XC_EINVAL,    /* bad argument (NULL handle, empty or too long term, bad slot) */
    XC_ENOMEM,    /* out of memory (std::bad_alloc) */
    XC_ENOTFOUND, /* no such document, or no database at the path */
    XC_ELOCKED,   /* the database is locked by another writer */
    XC_EMODIFIED, /* the database changed under a reader: reopen and retry */
    XC_ECORRUPT,  /* the database is corrupt */
    XC_EVERSION,  /* the database format is not one this Xapian reads */
    XC_EBADQUERY, /* the query cannot be run (Xapian::QueryParserError, InvalidOperation) */
    XC_EOPENING,  /* the database could not be opened (permissions, not a database) */
    XC_EIO,       /* a read or write on disk failed (Xapian::DatabaseError, e.g. disk full) */
    XC_EXAPIAN,   /* any other Xapian::Error */
    XC_EINTERNAL  /* anything else thrown; a bug */
} xc_status;

/* Returns a short constant English name of a status ("locked"). Thread-safe. */
const char *xc_status_str(xc_status st) XC_NOEXCEPT;

/* Returns the message of the last call in this thread that did not return
 * XC_OK (Xapian's own text, prefixed with its error class), or "" if none.
 * The string is owned by the library and valid until the next xc_ call in
 * this thread. */
const char *xc_errmsg(void) XC_NOEXCEPT;

/* Returns the status of the last call in this thread that did not return
 * XC_OK (the one xc_errmsg describes), or XC_OK if none. */
xc_status xc_errstatus(void) XC_NOEXCEPT;

/* The Xapian library version in use ("1.4.22"). Constant string. */
const char *xc_xapian_version(void) XC_NOEXCEPT;

/* ---------------------------------------------------------------------- */
/* Documents under construction                                           */
/* ---------------------------------------------------------------------- */

typedef struct xc_doc xc_doc;

/* Creates an empty document. On success *out is owned by the caller and freed
 * with xc_doc_free(). Returns XC_OK or XC_ENOMEM. */
xc_status xc_doc_new(xc_doc **out) XC_NOEXCEPT;

/* Frees a document. NULL does nothing. */
void xc_doc_free(xc_doc *doc) XC_NOEXCEPT;

/* Adds one occurrence of a term at a position (positions start at 1 by
 * Xapian convention; 0 is accepted), raising its wdf by wdf_inc (usually 1).
 * Returns XC_OK, XC_EINVAL (empty or too long term), XC_ENOMEM. */
xc_status xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, uint32_t pos,
                             uint32_t wdf_inc) XC_NOEXCEPT;

/* Adds a term without a position, raising its wdf by wdf_inc.
 * Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_doc_add_term(xc_doc *doc, const char *term, size_t len, uint32_t wdf_inc) XC_NOEXCEPT;

/* Adds a boolean (filter) term: no position, wdf 0, so it never affects
 * ranking. Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_doc_add_boolean_term(xc_doc *doc, const char *term, size_t len) XC_NOEXCEPT;

/* Sets value slot `slot` (0 .. 0xfffffffe) to the given bytes; an empty value
 * clears the slot. Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_doc_set_value(xc_doc *doc, uint32_t slot, const char *data, size_t len) XC_NOEXCEPT;

/* Sets the stored data (opaque bytes returned with every match).
 * Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_doc_set_data(xc_doc *doc, const char *data, size_t len) XC_NOEXCEPT;

/* Encodes a double so that byte order sorts as numeric order
 * (Xapian::sortable_serialise). Writes at most XC_SORTABLE_MAX bytes to buf
 * and returns the number written. Thread-safe; never fails. */
#define XC_SORTABLE_MAX 18
size_t xc_sortable_serialise(double value, char buf[XC_SORTABLE_MAX]) XC_NOEXCEPT;

/* Decodes a value made by xc_sortable_serialise. */
double xc_sortable_unserialise(const char *data, size_t len) XC_NOEXCEPT;

/* ---------------------------------------------------------------------- */
/* Writable database                                                      */
/* ---------------------------------------------------------------------- */

typedef struct xc_wdb xc_wdb;

/* How xc_wdb_open treats the path. */
typedef enum xc_open_mode {
    XC_OPEN_CREATE_OR_OPEN = 0,  /* open, creating the database if absent */
    XC_OPEN_CREATE_OR_OVERWRITE, /* start from an empty database */
    XC_OPEN_EXISTING,            /* fail with XC_ENOTFOUND/XC_EOPENING if absent */
    XC_OPEN_SCRATCH              /* start from an empty database that is only a step
                                  * (a part to be compacted): commits are not synced to
                                  * disk, as a crash loses the step anyway */
} xc_open_mode;

/* Opens the database at `path` for writing (glass backend). Only one writer may
 * hold a database at a time: a second one gets XC_ELOCKED at once.
 * On success *out is owned by the caller; close with xc_wdb_close().
 * Returns XC_OK, XC_EINVAL, XC_ELOCKED, XC_ENOTFOUND, XC_EOPENING, XC_EVERSION,
 * XC_ECORRUPT, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_open(const char *path, xc_open_mode mode, xc_wdb **out) XC_NOEXCEPT;

/* Closes the database. Changes not committed are committed first (Xapian's
 * behaviour on close); a failure there is reported as the status, and the
 * handle is freed whatever happens. NULL returns XC_OK. */
xc_status xc_wdb_close(xc_wdb *db) XC_NOEXCEPT;

/* Adds `doc`, or replaces every document indexed by the unique term
 * `uid_term` with it (the term must also be in doc, as a boolean term, for
 * later replacement to find it). The caller keeps ownership of doc.
 * Writes the document id to *docid if docid is not NULL.
 * Returns XC_OK, XC_EINVAL, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_replace(xc_wdb *db, const char *uid_term, size_t uid_len, const xc_doc *doc,
                         uint32_t *docid) XC_NOEXCEPT;

/* Adds `doc` as a new document. Writes its id to *docid if not NULL.
 * Returns XC_OK, XC_EINVAL, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_add(xc_wdb *db, const xc_doc *doc, uint32_t *docid) XC_NOEXCEPT;

/* Deletes every document indexed by `term` (none is not an error).
 * Returns XC_OK, XC_EINVAL, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_delete_term(xc_wdb *db, const char *term, size_t len) XC_NOEXCEPT;

/* Deletes every document. Like every change, invisible to readers until
 * the next commit: a rebuild that deletes all, adds all and commits once
 * never shows readers an empty database. Returns XC_OK or an error. */
xc_status xc_wdb_delete_all(xc_wdb *db) XC_NOEXCEPT;

/* Deletes the document with this id. Returns XC_OK, XC_ENOTFOUND, XC_EIO, ... */
xc_status xc_wdb_delete_docid(xc_wdb *db, uint32_t docid) XC_NOEXCEPT;

/* Makes every change so far durable and visible to readers that reopen.
 * Returns XC_OK, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_commit(xc_wdb *db) XC_NOEXCEPT;

/* Discards every change made since the last commit (documents, metadata,
 * synonyms): the database is again as it was at that commit, and stays open
 * for writing. For a writer that failed halfway through a unit of work and
 * must not commit the half. Returns XC_OK, XC_EINVAL, or an error. */
xc_status xc_wdb_discard(xc_wdb *db) XC_NOEXCEPT;

/* Number of documents, including uncommitted changes. Returns XC_OK or an error. */
xc_status xc_wdb_doccount(xc_wdb *db, uint32_t *out) XC_NOEXCEPT;

/* Sets a user metadata entry (key at most XC_MAX_TERM bytes; empty value
 * deletes it). Committed with the next commit.
 * Returns XC_OK, XC_EINVAL, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value,
                              size_t value_len) XC_NOEXCEPT;

/* Reads a user metadata entry, uncommitted changes included; same ownership
 * as xc_rdb_get_metadata. Returns XC_OK, XC_EINVAL, XC_ENOMEM, or an error. */
xc_status xc_wdb_get_metadata(xc_wdb *db, const char *key, char **out, size_t *out_len) XC_NOEXCEPT;

/* Calls cb with each user metadata key that starts with `prefix` (and its
 * value), in key order, uncommitted changes included; a nonzero return from
 * cb stops. The callback runs outside any try block and must not change the
 * database. Returns XC_OK or an error. */
xc_status xc_wdb_metadata_list(xc_wdb *db, const char *prefix,
                               int (*cb)(const char *key, size_t key_len, const char *value,
                                         size_t value_len, void *ud),
                               void *ud) XC_NOEXCEPT;

/* Records `synonym` as a synonym of `term` (Xapian's synonym table: one
 * term, many synonyms). Committed with the next commit. Used by vankien as a
 * vocabulary map from a folded word to its spellings with diacritics.
 * Returns XC_OK, XC_EINVAL, XC_EIO, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_wdb_add_synonym(xc_wdb *db, const char *term, size_t len, const char *synonym,
                             size_t syn_len) XC_NOEXCEPT;

typedef struct xc_rdb xc_rdb;

/* Compacts the `n` databases at srcs into a new database at dest (which
 * must not exist): their documents in order, renumbered, every table in
 * full blocks; metadata keys found in several take the first's value;
 * synonyms are merged. Returns XC_OK, XC_EINVAL, or an error. */
xc_status xc_compact(const char *const *srcs, size_t n, const char *dest) XC_NOEXCEPT;

/* Adds a copy of document `docid` of `src` (terms with positions, values,
 * data) to db; *docid_out (if not NULL) receives its new id. Used to split
 * an index into shards. Returns XC_OK, XC_ENOTFOUND, XC_EINVAL, or an
 * error. */
xc_status xc_wdb_add_copy(xc_wdb *db, xc_rdb *src, uint32_t docid, uint32_t *docid_out) XC_NOEXCEPT;

/* ---------------------------------------------------------------------- */
/* Reading: databases, queries, matches                                   */
/* ---------------------------------------------------------------------- */

/* Opens `n` (>= 1) databases for reading, searched as one (a path may also be
 * a stub database file listing shards). On success *out is owned by the caller;
 * close with xc_rdb_close(). Returns XC_OK, XC_EINVAL, XC_ENOTFOUND,
 * XC_EOPENING, XC_EVERSION, XC_ECORRUPT, XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_rdb_open(const char *const *paths, size_t n, xc_rdb **out) XC_NOEXCEPT;

/* Closes a reader. NULL does nothing. */
void xc_rdb_close(xc_rdb *db) XC_NOEXCEPT;

/* Moves the reader to the latest committed revision. *changed (if not NULL) is
 * set to 1 if the revision moved, else 0. Returns XC_OK or an error. */
xc_status xc_rdb_reopen(xc_rdb *db, int *changed) XC_NOEXCEPT;

/* Number of documents. Returns XC_OK or an error. */
xc_status xc_rdb_doccount(xc_rdb *db, uint32_t *out) XC_NOEXCEPT;

/* Nonzero if some shard of db is served by xapian-tcpsrv (which runs only
 * Xapian's own query classes). */
int xc_rdb_has_remote(const xc_rdb *db) XC_NOEXCEPT;

/* Revision of the first database (0 for a new one). Returns XC_OK or an error. */
xc_status xc_rdb_revision(xc_rdb *db, uint64_t *out) XC_NOEXCEPT;

/* Number of documents indexed by `term` (0 if none). Returns XC_OK or an error. */
xc_status xc_rdb_termfreq(xc_rdb *db, const char *term, size_t len, uint32_t *out) XC_NOEXCEPT;

/* Reads a user metadata entry. On success *out is a NUL-terminated malloc'd
 * copy owned by the caller (free()), "" if the key is unset, and *out_len its
 * length. Returns XC_OK, XC_EINVAL, XC_ENOMEM, or an error. */
xc_status xc_rdb_get_metadata(xc_rdb *db, const char *key, char **out, size_t *out_len) XC_NOEXCEPT;

/* Same as xc_wdb_metadata_list, for a reader. */
xc_status xc_rdb_metadata_list(xc_rdb *db, const char *prefix,
                               int (*cb)(const char *key, size_t key_len, const char *value,
                                         size_t value_len, void *ud),
                               void *ud) XC_NOEXCEPT;

/* Counts the distinct terms that start with `prefix` ("" for all) into *out.
 * Walks the term list: linear in the number of terms. Returns XC_OK or an
 * error. */
xc_status xc_rdb_term_count(xc_rdb *db, const char *prefix, uint64_t *out) XC_NOEXCEPT;

/* Calls cb with each term that starts with `prefix` and its document
 * frequency, in term order, at most `max` terms (0: no limit); a nonzero
 * return from cb stops. Terms are gathered first, then passed on outside any
 * try block. Returns XC_OK or an error. */
xc_status xc_rdb_terms(xc_rdb *db, const char *prefix, size_t max,
                       int (*cb)(const char *term, size_t len, uint32_t freq, void *ud),
                       void *ud) XC_NOEXCEPT;

/* Calls cb with each synonym recorded for `term`, in term order (the
 * callback runs outside any try block). Returns XC_OK or an error. */
xc_status xc_rdb_synonyms(xc_rdb *db, const char *term, size_t len,
                          int (*cb)(const char *syn, size_t syn_len, void *ud),
                          void *ud) XC_NOEXCEPT;

/* Calls cb with each term that has synonyms, in term order (gathered first;
 * the callback runs outside any try block). Returns XC_OK or an error. */
xc_status xc_rdb_synonym_keys(xc_rdb *db, int (*cb)(const char *term, size_t len, void *ud),
                              void *ud) XC_NOEXCEPT;

/* Lists up to `max` document ids indexed by `term`, in increasing order, into
 * ids[]; *n_out receives the number written. Returns XC_OK or an error. */
xc_status xc_rdb_postlist(xc_rdb *db, const char *term, size_t len, uint32_t *ids, size_t max,
                          size_t *n_out) XC_NOEXCEPT;

/* Lists up to `max` positions of `term` in document `docid`, in increasing
 * order, into pos[]; *n_out receives the number written (0 when the
 * document lacks the term or its positions). Returns XC_OK or an error. */
xc_status xc_rdb_positions(xc_rdb *db, uint32_t docid, const char *term, size_t len,
                           uint32_t *pos, size_t max, size_t *n_out) XC_NOEXCEPT;

/* Reads a document's stored data. On success *out is a malloc'd copy owned by
 * the caller (free(); NUL-terminated for convenience) and *out_len its length.
 * Returns XC_OK, XC_ENOTFOUND, XC_ENOMEM, or an error. */
xc_status xc_rdb_get_data(xc_rdb *db, uint32_t docid, char **out, size_t *out_len) XC_NOEXCEPT;

/* Reads value `slot` of a document; same ownership as xc_rdb_get_data
 * ("" if the slot is empty). */
xc_status xc_rdb_get_value(xc_rdb *db, uint32_t docid, uint32_t slot, char **out,
                           size_t *out_len) XC_NOEXCEPT;

/* Query trees. A query is immutable once built; combining copies the
 * children (Xapian queries are reference-counted), so the caller frees every
 * query it built, children included, whenever convenient. */
typedef struct xc_query xc_query;

/* Operators for xc_query_combine. */
typedef enum xc_op {
    XC_OP_AND,       /* all must match; weights add */
    XC_OP_OR,        /* any may match; weights add */
    XC_OP_AND_NOT,   /* first, without the others */
    XC_OP_FILTER,    /* first, restricted to the others, which add no weight */
    XC_OP_AND_MAYBE, /* first; the others only add weight */
    XC_OP_SYNONYM,   /* any, weighted as one term */
    XC_OP_PHRASE,    /* subqueries adjacent, in order, within `window` positions */
    XC_OP_NEAR,      /* subqueries within `window` positions, any order */
    XC_OP_MAX        /* any; weight is the maximum, not the sum */
} xc_op;

/* A term with a within-query frequency (use 1) and a query position (use 0 if
 * unknown). On success *out is owned by the caller (xc_query_free).
 * Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos,
                        xc_query **out) XC_NOEXCEPT;

/* Combines n >= 1 subqueries with `op`. `window` is used by PHRASE and NEAR
 * (0 means the number of subqueries). A FILTER's restrictions made by
 * xc_query_value_in are kept apart while every match of the query must
 * pass them (inside AND, FILTER, SCALE, and the first subquery of AND_NOT
 * and AND_MAYBE); any other operator takes them in. Returns XC_OK,
 * XC_EINVAL, XC_ENOMEM. */
xc_status xc_query_combine(xc_op op, xc_query *const *subs, size_t n, uint32_t window,
                           xc_query **out) XC_NOEXCEPT;

/* Matches documents whose value in `slot` lies in [lo, hi] (byte order);
 * lo or hi may be NULL for an open end. Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_query_value_range(uint32_t slot, const char *lo, size_t lo_len, const char *hi,
                               size_t hi_len, xc_query **out) XC_NOEXCEPT;

/* A test of the value in one slot against a set of values, for
 * xc_query_value_in. The caller keeps the arrays and the values; the query
 * copies them. */
typedef struct xc_value_test {
    uint32_t slot;             /* value slot read (0 .. 0xfffffffe) */
    const char *const *values; /* the values, n of them (NULL if n is 0) */
    const size_t *lens;        /* lens[i]: bytes of values[i] (NULL if n is 0) */
    size_t n;                  /* number of values */
    int outside;               /* nonzero: match the values not in the set */
    uint32_t est;              /* how many documents match, estimated */
} xc_value_test;

/* Matches, with no weight, the documents whose value in t->slot is one of
 * t->values[0 .. t->n) (t->lens[i] bytes each), or with t->outside those
 * whose value is none of them (documents without a value in the slot match
 * neither), by reading the slot's values in document order. Inside an AND
 * each document the AND proposes costs one value lookup: far cheaper than
 * an OR of as many terms, which opens as many posting lists. As a
 * restriction of a FILTER that the whole searched query requires (see
 * xc_query_combine), a local search checks it after the weight, only on the
 * documents that could make the page. t->est estimates how many documents
 * match. A remote shard (xapian-tcpsrv) cannot run it: see
 * xc_rdb_has_remote. Returns XC_OK, XC_EINVAL (t or out NULL, slot
 * 0xffffffff, values or lens NULL with n > 0), XC_ENOMEM. */
xc_status xc_query_value_in(const xc_value_test *t, xc_query **out) XC_NOEXCEPT;

/* Weights by the value in one slot, for xc_query_value_weight. The caller
 * keeps the arrays; the query copies them. */
typedef struct xc_value_weights {
    uint32_t slot;             /* value slot read (0 .. 0xfffffffe) */
    const char *const *values; /* the values, n of them (NULL if n is 0) */
    const size_t *lens;        /* lens[i]: bytes of values[i] */
    const double *weights;     /* weights[i] (finite, >= 0) for values[i] */
    size_t n;                  /* number of values */
    double other;              /* weight of any other value (>= 0) */
} xc_value_weights;

/* Matches the documents that have a value in w->slot, with the weight
 * their value is given (Xapian's ValueMapPostingSource, which remote shards
 * also run): as the optional side of AND_MAYBE, a prior that raises some
 * kinds of documents over others among the matches of the words. Returns XC_OK, XC_EINVAL (w
 * or out NULL, a weight not finite or below 0), XC_ENOMEM. */
xc_status xc_query_value_weight(const xc_value_weights *w, xc_query **out) XC_NOEXCEPT;

/* Multiplies the weight of `q` by factor (>= 0; 0 makes it a pure filter).
 * Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_query_scale(const xc_query *q, double factor, xc_query **out) XC_NOEXCEPT;

/* 1 when q checks positions anywhere (a PHRASE or NEAR), else 0 (also for
 * NULL). Xapian checks positions below the optional side of an AND_MAYBE
 * found in the same AND, so callers that want the boosts to prune the
 * checks keep positional parts apart (query/build.c). Should walking the
 * query fail (out of memory), returns 0 and keeps the message for
 * xc_errmsg(). */
int xc_query_positional(const xc_query *q) XC_NOEXCEPT;

/* Calls cb with each distinct term of the query, in term order (gathered
 * first; the callback runs outside any try block), until it returns
 * nonzero. Returns XC_OK, XC_EINVAL, XC_ENOMEM. */
xc_status xc_query_terms(const xc_query *q, int (*cb)(const char *term, size_t len, void *ud),
                         void *ud) XC_NOEXCEPT;

/* Matches every document, with no weight. Returns XC_OK or XC_ENOMEM. */
xc_status xc_query_match_all(xc_query **out) XC_NOEXCEPT;

/* Matches nothing. Returns XC_OK or XC_ENOMEM. */
xc_status xc_query_match_nothing(xc_query **out) XC_NOEXCEPT;

/* Frees a query. NULL does nothing. */
void xc_query_free(xc_query *q) XC_NOEXCEPT;

/* Writes Xapian's description of the query ("Query((a AND b))") as a malloc'd
 * NUL-terminated string owned by the caller. Returns XC_OK or XC_ENOMEM. */
xc_status xc_query_describe(const xc_query *q, char **out) XC_NOEXCEPT;

/* How to run a search. Zero-initialise, then set what is needed. */
typedef struct xc_search_opts {
    uint32_t offset;         /* first match to return (0-based rank) */
    uint32_t limit;          /* most matches to return */
    uint32_t check_at_least; /* matches to examine at least, for honest estimates */
    int collapse_slot;       /* value slot to collapse on, or -1 (0 means slot 0!) */
    uint32_t collapse_max;   /* matches kept per collapse key (1 if 0) */
    int sort_slot;           /* value slot to sort by before relevance, or -1 */
    int sort_descending;     /* nonzero: larger values first */
    double time_limit;       /* seconds after which Xapian stops checking more than
                                needed (not a hard deadline); 0 = none */
    int count_slot;          /* value slot whose values are counted over the whole
                                match (facets), or -1 */
    int count_slots[4];      /* further slots counted the same way, -1 for none */
    int tie_slot;            /* value slot that orders matches of equal relevance,
                                larger values first, or -1 (ties then go by
                                document id, which depends on how the index
                                is laid out in shards); not with sort_slot */
    int pair_counts;         /* nonzero: the counted slots hold pairs
                                "<value><pair_sep><key>" and each value is
                                reported with the number of distinct keys it
                                was seen with (e.g. documents rather than
                                their passages); a pair without the separator
                                is all value */
    int pair_sep;            /* with pair_counts: the byte that ends the value
                                in a pair, 0 .. 255 (pass a char as unsigned
                                char); -1, the default, is none, and a search
                                with pair_counts but no separator fails with
                                XC_EINVAL. Ignored without pair_counts.
                                vankien passes IX_PAIR_SEP (indexer/ix_schema.h) */
    int field_sep;           /* with pair_counts: the byte that parts the value
                                of a pair into fields, 0 .. 255, so that one
                                slot holds several facets
                                ("<f0><field_sep><f1>...<pair_sep><key>",
                                read by xc_mset_field_counts): a match's
                                counted values are then one value read, where
                                a slot per facet takes one read each; -1, the
                                default, is none */
    int keyed_slot;          /* with pair_counts and collapse_slot: a counted
                                slot whose pair every match carries, its key
                                being the match's collapse key (vankien: the
                                kind of text). The counts then run on a pass
                                of their own, without weights or collapsing,
                                and the ranked search checks no more than
                                check_at_least; the total and each match's
                                collapse count come from that slot's pairs,
                                exact as a search that checks every match
                                gives them. -1, the default: one pass. */
} xc_search_opts;

/* Fills opts with defaults: offset 0, limit 10, no collapse, no sort, no
 * counting (no pair or field separator), no time limit. */
void xc_search_opts_init(xc_search_opts *opts) XC_NOEXCEPT;

typedef struct xc_mset xc_mset;

/* Runs `q` on `db`. On success *out is owned by the caller (xc_mset_free);
 * it stays valid after the database is reopened but not after it is closed.
 * Returns XC_OK, XC_EINVAL (also for a negative or infinite time_limit, for
 * pair_counts without a pair_sep in 0 .. 255, and for a field_sep past 255), XC_EBADQUERY,
 * XC_EMODIFIED (reopen and retry), XC_ENOMEM, XC_EXAPIAN. */
xc_status xc_rdb_search(xc_rdb *db, const xc_query *q, const xc_search_opts *opts,
                        xc_mset **out) XC_NOEXCEPT;

/* Frees a match set. NULL does nothing. */
void xc_mset_free(xc_mset *m) XC_NOEXCEPT;

/* Number of matches held (at most opts->limit). */
size_t xc_mset_size(const xc_mset *m) XC_NOEXCEPT;

/* Estimated total matches, with Xapian's lower and upper bounds (any pointer
 * may be NULL). After collapsing these count collapsed results. */
void xc_mset_estimate(const xc_mset *m, uint32_t *estimated, uint32_t *lower,
                      uint32_t *upper) XC_NOEXCEPT;

/* One match, i in [0, size). */
typedef struct xc_match {
    uint32_t docid;          /* document id */
    uint32_t rank;           /* 0-based rank in the whole match */
    double weight;           /* relevance weight */
    int percent;             /* Xapian's percentage score */
    uint32_t collapse_count; /* matches collapsed into this one (lower bound) */
} xc_match;

/* Reads match i into *out. Returns XC_OK, XC_EINVAL (i out of range). */
xc_status xc_mset_get(const xc_mset *m, size_t i, xc_match *out) XC_NOEXCEPT;

/* Stored data of match i. *data points into memory owned by the match set,
 * valid until xc_mset_free (NUL-terminated). Returns XC_OK, XC_EINVAL,
 * XC_EMODIFIED, XC_ENOMEM, or an error. */
xc_status xc_mset_data(xc_mset *m, size_t i, const char **data, size_t *len) XC_NOEXCEPT;

/* Value `slot` of match i; ownership as for xc_mset_data ("" if empty). */
xc_status xc_mset_value(xc_mset *m, size_t i, uint32_t slot, const char **data,
                        size_t *len) XC_NOEXCEPT;

/* Callback for terms: returns 0 to go on, nonzero to stop. The term is not
 * NUL-terminated and is valid only during the call. */
typedef int (*xc_term_cb)(const char *term, size_t len, void *ud);

/* Calls cb for each query term that matched document i, in term order.
 * The callback runs outside any try block; it must not longjmp.
 * Returns XC_OK, XC_EINVAL, XC_EMODIFIED, XC_ENOMEM, or an error. */
xc_status xc_mset_matching_terms(xc_mset *m, size_t i, xc_term_cb cb, void *ud) XC_NOEXCEPT;

/* Calls cb with each distinct value counted over the whole match in
 * opts->count_slot and its count (the callback gets the value bytes and
 * count); values in byte order. Returns XC_OK (nothing if no count_slot was
 * set), XC_ENOMEM, or an error. */
typedef int (*xc_count_cb)(const char *value, size_t len, uint32_t count, void *ud);
xc_status xc_mset_counts(const xc_mset *m, xc_count_cb cb, void *ud) XC_NOEXCEPT;

/* The same for any counted slot (count_slot or one of count_slots); a slot
 * that was not counted gives no calls. */
xc_status xc_mset_slot_counts(const xc_mset *m, uint32_t slot, xc_count_cb cb,
                              void *ud) XC_NOEXCEPT;

/* With pair_counts and a field_sep: calls cb with each distinct value of
 * field `field` (0 for the first) of the pairs counted in `slot`, and the
 * number of distinct keys it was seen with (a pair without the pair
 * separator has the empty key); values in byte order. An empty field, and
 * a field past a pair's last, are not counted. Without a field_sep, or for
 * a slot that was not counted, no calls. Returns XC_OK, XC_EINVAL,
 * XC_ENOMEM, or an error. */
xc_status xc_mset_field_counts(const xc_mset *m, uint32_t slot, unsigned field, xc_count_cb cb,
                               void *ud) XC_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* VK_XC_H */
