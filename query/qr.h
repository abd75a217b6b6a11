/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qr.h: the query side, shared by the CLI and the daemon: the query language,
 * its translation to a Xapian query, the search with one result per
 * document, facets, suggestions and snippets.
 *
 * Design note.
 *
 * Language. Free words (all must match), "exact phrases", -word (must not
 * match), OR, NEAR (within 10 words), parentheses, and fields with a
 * Vietnamese name and an English alias: so:/number:, loai:/type:,
 * nam:/year: (2022, 2018..2022), ngay:/date: (2022-11-17, 17/11/2022, ranges
 * with ..), muc:/section: (label prefix: III.3, "Chương II", "Điều 5",
 * "khoản 2 Điều 5"; corpus/label.h), dieu:/article: (an article and what is
 * in it: 5, 5.2, 5.2.a), tieude:/heading:, coquan:/issuer:, khoa:/term:,
 * trich:/cites:. A field's value is a word, a "phrase" or a range. loai:
 * also names a kind of text: vanban (documents), khac (texts that only
 * cite documents), hoidap, bachkhoa, tintuc (Q&A articles, encyclopedia
 * pages, news stories). Syntax errors are reported with their column.
 *
 * Matching unit. Documents are indexed per section passage: the words of a
 * query must all occur in one section (then the result points at it); a
 * document whose words are spread over several sections is found by the
 * any-word fallback. -word excludes the whole document.
 *
 * Words. Each clause is cut into tokens by the same analyzer as the index
 * (analyzers/an.h); an overlay (a document number such as 28-NQ/TW, written
 * with or without spaces around the dash; a date) stands for the plain
 * tokens under it. A token typed without diacritics looks up the folded
 * term, so `nghi quyet` finds every accented form; a token typed with
 * diacritics looks up its exact term (either tone style gives the same), so
 * `bảo` never matches báo or bão. When such a query finds nothing, the
 * search runs again with every word folded and says so (notice), and
 * suggests the spelling the index knows. When all words together find
 * nothing, any word may match, ranked, and the results say so.
 *
 * Abbreviations. A word that is an abbreviation of the table
 * (analyzers/lexicon.h) also matches its full form as a phrase, and a
 * sequence of words that spells a full form also matches the abbreviation:
 * HĐND <-> Hội đồng nhân dân.
 *
 * Ranking (BM25 over documents, then):
 *   - stopwords weigh a third;
 *   - adjacent free words also look up their bigram term (hệ thống), so
 *     documents holding the pair rank above documents holding the words
 *     apart;
 *   - words found in headings add weight (a numbered item's own title is
 *     strong evidence);
 *   - a document number in the query must match, the rest of the query is
 *     soft evidence (a citation typed with its date and issuer still finds a
 *     text that writes the date in words), and the document that *is* that
 *     number ranks above the documents that cite it.
 * Results are collapsed on the group of copies of a document (same type,
 * title and term: one file with a number line and one without are one
 * result that lists both files), keeping the best copy. A result points at
 * the section of its document that holds the most of the query's words
 * (then the most side by side, then in its own title; pick.c), and the
 * section, heading and citation filters hold for that section.
 *
 * Front ends. The CLI and the daemon open the index as a qr_index (opened
 * and checked in one place, moved to the newest revision by
 * qr_index_refresh) and search with one call, qr_index_search, that parses,
 * searches and suggests; filters given apart from the query text (the
 * daemon's parameters) are a list of qr_filter that hold for the whole
 * query. They never see the Xapian wrapper: the calls that take an xc_rdb
 * (qr_build, qr_search, qr_suggest, qr_document_get) are for cite/, the
 * benchmarks and the tests.
 */
#ifndef VK_QR_H
#define VK_QR_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/vk.h"

/* The Xapian wrapper's reader and query (xapian-c/xc.h), named for the calls
 * that take them; a front end holds a qr_index instead. */
typedef struct xc_rdb xc_rdb;
typedef struct xc_query xc_query;

/* Longest query accepted, in bytes. */
#define QR_MAX_QUERY 4096

/* Deepest nesting of parentheses accepted. */
#define QR_MAX_DEPTH 32

/* One unit of a parsed query: a term as looked up in the index. */
typedef struct qr_term {
    const char *text; /* exact form, or folded form when `folded` */
    size_t len;       /* bytes */
    int folded;       /* looked up as a folded term (typed without diacritics) */
    uint32_t span;    /* positions it covers in the text (an overlay: more than 1) */
    int kind;         /* an_kind of the token */
    const char *alt;  /* the other form (folded when exact, exact when folded) */
    size_t alt_len;
} qr_term;

/* One clause: a word (possibly several tokens, then matched as a phrase) or
 * a quoted phrase. */
typedef struct qr_clause {
    qr_term *terms;     /* tokens in order */
    size_t n_terms;     /* at least 1 */
    int quoted;         /* written between double quotes */
    const char *source; /* the clause as typed */
    size_t col;         /* 1-based column in the query */
} qr_clause;

/* Fields of the query language. */
typedef enum qr_field {
    QR_F_NUMBER = 0, /* so:, number: */
    QR_F_TYPE,       /* loai:, type: */
    QR_F_YEAR,       /* nam:, year: */
    QR_F_DATE,       /* ngay:, date: */
    QR_F_SECTION,    /* muc:, section: */
    QR_F_HEADING,    /* tieude:, heading: */
    QR_F_ISSUER,     /* coquan:, issuer: */
    QR_F_TERM,       /* khoa:, term: */
    QR_F_CITES,      /* trich:, cites: */
    QR_F_ARTICLE     /* dieu:, article: */
} qr_field;

/* The fields in the order a request writes its filters into its query: the
 * i-th field and its English name, which is also the daemon's parameter
 * ("type", "number"). Returns 0 past the last one. */
int qr_field_at(size_t i, qr_field *field, const char **alias);

/* The kind of text a loai: value names ("vanban", "van-bản", "document";
 * "khac", "other"; "hoidap", "qa"; "bachkhoa", "encyclopedia"; "tintuc",
 * "news"): the value of its XL term (indexer/ix_schema.h), a constant
 * string, or NULL when the value names no kind (then it may name a
 * document type). Thread-safe. */
const char *qr_text_kind(const char *value);

/* Kinds of query nodes. */
typedef enum qr_kind {
    QR_WORDS = 0, /* a clause */
    QR_AND,       /* all children */
    QR_OR,        /* any child */
    QR_NOT,       /* its one child must not match (only under AND) */
    QR_NEAR,      /* children within QR_NEAR_WINDOW positions */
    QR_FIELD      /* a field filter */
} qr_kind;

#define QR_NEAR_WINDOW 10

typedef struct qr_node qr_node;

/* A node of the parsed query. */
struct qr_node {
    qr_kind kind;
    size_t col;          /* 1-based column where it starts */
    qr_clause *clause;   /* QR_WORDS; QR_FIELD with a text value (heading, issuer) */
    qr_field field;      /* QR_FIELD */
    const char *value;   /* QR_FIELD: the value as typed (NUL-terminated) */
    const char *lo, *hi; /* QR_FIELD ranges "a..b": either may be "" for an open end,
                            both NULL when the value is not a range */
    qr_node **kids;      /* children */
    size_t n_kids;
};

/* A parsed query. Owns its memory (arena). */
typedef struct qr_query {
    qr_node *root;     /* NULL when the query has no words and no fields */
    qr_clause **words; /* the positive word clauses, in query order (snippets,
                          suggestions) */
    size_t n_words;
    int folded_all;   /* built with every word folded (the fallback) */
    const char *text; /* the query as parsed: as typed, then its filters
                         (qr_request_text); NUL-terminated */
    vk_arena arena;   /* owns everything above */
} qr_query;

/* Parses a query string. On success *out is owned by the caller
 * (qr_query_free). Returns VK_OK; VK_EINVAL with the position in the message
 * ("column 7: unterminated quote") for bad syntax, an unknown field, a bad
 * value, invalid UTF-8, nesting deeper than QR_MAX_DEPTH, or a query longer
 * than QR_MAX_QUERY; VK_ENOMEM. Thread-safe. */
vk_status qr_parse(const char *query, size_t len, qr_query **out, vk_error *err);

/* Frees a parsed query. NULL does nothing. */
void qr_query_free(qr_query *q);

/* Builds the Xapian query (an empty query gives one that matches nothing).
 * With any_word, free words are OR'd instead of AND'd (the fallback). With
 * fold, every word looks up its folded term. With db, -word excludes every
 * document that has a passage matching it (looked up in db); without,
 * only the passages that match it. On success *out is owned by the caller
 * (xc_query_free). Returns VK_OK, VK_EINVAL (a field value that cannot be
 * used, message with its column), VK_ENOMEM. */
vk_status qr_build(const qr_query *q, xc_rdb *db, int any_word, int fold, xc_query **out,
                   vk_error *err);

/* Search options. */
typedef struct qr_opts {
    uint32_t limit;    /* results wanted (default 10) */
    uint32_t offset;   /* results to skip */
    int sort_by_date;  /* newest first instead of by relevance */
    double time_limit; /* seconds; 0 for none */
    int facets;        /* count results by type, year, issuer and kind */
} qr_opts;

/* One result: a document with its best passage. Strings live in the
 * results' arena. */
typedef struct qr_hit {
    const char *key;       /* document key */
    const char *nondoc;    /* NULL for a document; "qa", "encyclopedia", "news" for a
                              text that only cites documents (cp_doc.nondoc) */
    const char *number;    /* "28-NQ/TW", or NULL */
    const char *type;      /* "Nghị quyết", or NULL */
    const char *type_code; /* "NQ", or NULL */
    const char *date;      /* ISO date, or NULL */
    const char *title;     /* or NULL */
    const char *issuer;    /* or NULL */
    const char *path;      /* source file */
    const char *label;     /* section label ("" for the preamble), the key of links */
    const char *display;   /* the label as readers cite it ("Điều 5, khoản 2"): what
                              is shown */
    const char *kind;      /* what numbers the section ("article", "clause", "roman";
                              corpus/label.h) */
    const char *heading;   /* section heading */
    const char **crumbs;   /* breadcrumb, top first */
    size_t n_crumbs;
    const char *snippet; /* plain text around the matches */
    size_t *marks;       /* 2 * n_marks byte offsets into snippet: start, end */
    size_t n_marks;
    double score;            /* relevance weight */
    int percent;             /* relevance as a percentage of the best */
    uint32_t other_sections; /* other sections of this document holding as many of
                                the words (and meeting the section filters) */
    const char **copies;     /* other files holding the same document ("key path") */
    size_t n_copies;
} qr_hit;

/* One facet value and the number of matching documents that have it. */
typedef struct qr_facet {
    const char *value;
    uint32_t count;
} qr_facet;

typedef struct qr_results {
    qr_hit *hits; /* in rank order */
    size_t n_hits;
    uint32_t total;                    /* estimated number of matching documents */
    size_t whole_hits;                 /* hits with a section that holds every
                                          word the query requires (the rest
                                          hold them across sections) */
    qr_facet *types, *years, *issuers; /* facets (when asked), by count */
    size_t n_types, n_years, n_issuers;
    qr_facet *kinds; /* facet of kinds: "vanban" (documents), "qa",
                        "encyclopedia", "news" (when asked) */
    size_t n_kinds;
    const char *notice;     /* what the search did differently, or NULL:
                               "any-word" or "folded" fallbacks */
    const char *suggestion; /* "did you mean" query, or NULL (set by
                               qr_index_search; qr_search leaves it NULL) */
    const char *query;      /* the query as run (qr_query.text), as echoed */
    uint32_t offset;        /* results skipped (qr_opts.offset): hits[0] ranks
                               offset + 1 */
    double elapsed_ms;      /* time taken */
    vk_arena arena;         /* owns everything above */
} qr_results;

/* Runs a parsed query on db. On success *out is owned by the caller
 * (qr_results_free). When the folded fallback ran, q->folded_all is set (the
 * snippets highlight folded matches). Returns VK_OK (possibly with no hits),
 * VK_EINVAL (a field value, message with its column), VK_EINDEX (database
 * error; message in err), VK_ENOMEM. Not thread-safe for one db handle. */
vk_status qr_search(xc_rdb *db, qr_query *q, const qr_opts *opts, qr_results **out, vk_error *err);

/* Frees results. NULL does nothing. */
void qr_results_free(qr_results *r);

/* A typed search, for the modules above query/ (cite/): the documents of
 * one type whose passages hold a phrase, asked for by its parts instead of
 * query text. */
typedef struct qr_keys_query {
    const char *type_code;    /* "NQ", "QĐ" ... (cp_type_by_code), or NULL for any type */
    const char *const *words; /* the phrase, one word a string, in order */
    size_t n_words;           /* at least 1 */
    uint32_t limit;           /* most keys (0: 10) */
} qr_keys_query;

/* Finds the documents of kq->type_code whose passages hold kq->words as a
 * phrase, as qr_search finds `loai:CODE "w1 w2 ..."`: a word written with
 * diacritics matches as written, one written without matches every
 * accented form, and when nothing matches and some word has diacritics,
 * every word is tried folded. One document per group of copies, ranked as
 * qr_search ranks; its key is that of the passage found, which may be a
 * copy without a number line (qr_search's hit then shows a copy with one).
 * No snippet is cut and no copy looked up. On success *keys is an array of
 * *n_keys keys in `arena` (NULL when none), valid until vk_arena_free.
 * Returns VK_OK (possibly with no key); VK_EINVAL when there is no word or
 * the type code is not one cp_type_by_code knows (message in err);
 * VK_EINDEX (database error); VK_ENOMEM. Not thread-safe for one db
 * handle. */
vk_status qr_search_keys(xc_rdb *db, const qr_keys_query *kq, vk_arena *arena, const char ***keys,
                         size_t *n_keys, vk_error *err);

/* A snippet and where the query's words are in it. */
typedef struct qr_snip {
    const char *text; /* the snippet (arena); "" when none */
    size_t *marks;    /* byte offsets in text, 2 per match, start and end (arena) */
    size_t n_marks;   /* matches */
} qr_snip;

/* Cuts a snippet of at most about `max_bytes` from text around the tokens
 * that match the query's words into *out (its strings in arena). Returns
 * VK_OK or VK_ENOMEM. */
vk_status qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes,
                     vk_arena *arena, qr_snip *out);

/* A suggestion for the query from the index's vocabulary: words typed
 * without diacritics, or with diacritics the index does not know, become the
 * most frequent spelling of their folded form. Writes a NUL-terminated
 * string in arena to *out, or NULL when there is nothing to suggest.
 * Returns VK_OK or VK_ENOMEM. */
vk_status qr_suggest(xc_rdb *db, const char *query, size_t len, vk_arena *arena, const char **out);

/* One section of a stored document. */
typedef struct qr_section {
    const char *label;   /* "III.3.2", "Điều 5.2", "" for the preamble */
    const char *display; /* as readers cite it: "III.3.2", "Điều 5, khoản 2" */
    const char *kind;    /* "roman", "article", "clause" ... (corpus/label.h) */
    const char *heading; /* its heading */
    const char *text;    /* its text as indexed (heading and paragraphs, "\n" between) */
    const char **crumbs; /* breadcrumb, top first */
    size_t n_crumbs;
} qr_section;

/* A document as the index holds it: its metadata and sections in order. */
typedef struct qr_document {
    const char *key, *nondoc, *number, *type, *type_code, *date, *title, *issuer, *term;
    const char *conference, *place, *signer, *path; /* NULL when not known */
    qr_section *sections;                           /* in document order */
    size_t n_sections;
    vk_arena arena; /* owns everything above */
} qr_document;

/* Reads a document from the index by its key ("28-nq-tw-2022"), or by its
 * number as written ("28-NQ/TW": the first document with that number). On
 * success *out is owned by the caller (qr_document_free). Returns VK_OK,
 * VK_ENOTFOUND (no such document), VK_EINDEX, VK_ENOMEM. */
vk_status qr_document_get(xc_rdb *db, const char *key, qr_document **out, vk_error *err);

/* Frees a document. NULL does nothing. */
void qr_document_free(qr_document *d);

/* The section with this label (case-insensitive for Roman numerals), or
 * the one it names as readers cite it ("Điều 8", "điều 5 khoản 2", "Điều 5,
 * khoản 2"), or NULL. */
const qr_section *qr_document_section(const qr_document *d, const char *label);

/* ---------------------------------------------------------------------- */
/* The index as the front ends hold it                                    */
/* ---------------------------------------------------------------------- */

/* An index open for reading: its Xapian reader, and the path and identity
 * (device, inode) of what it was opened on. Opaque. A handle is used by one
 * thread at a time; threads each open their own. */
typedef struct qr_index qr_index;

/* Opens the index at path (a folder, or a stub file listing shards) for
 * reading and checks that it is in this version's format. On success *out
 * is owned by the caller (qr_index_close). Returns VK_OK; VK_ENOTFOUND when
 * no index opens there (none, unreadable, a shard that does not answer),
 * with "cannot open the index PATH: why" in err, to which the front ends add
 * how to build one; VK_EFORMAT (made by another version: the message names
 * both formats and the command that rebuilds the index); VK_EINDEX;
 * VK_ENOMEM. Thread-safe. */
vk_status qr_index_open(const char *path, qr_index **out, vk_error *err);

/* Moves ix to the newest committed revision of its index. When another
 * index was put at its path (`vankien index --full` exchanges the folders;
 * a stub file rewritten), which a reader cannot tell by itself, or when the
 * reader cannot move on, the index there is opened afresh (and its format
 * checked). Returns VK_OK; else what qr_index_open returns, and ix still
 * reads the revision it had. Pointers from qr_index_rdb are invalid
 * afterwards. */
vk_status qr_index_refresh(qr_index *ix, vk_error *err);

/* Closes the index. NULL does nothing. */
void qr_index_close(qr_index *ix);

/* What the reader of an index sees. */
typedef struct qr_index_info {
    uint32_t documents; /* Xapian documents: one per document */
    uint32_t passages;  /* their sections with text */
    uint64_t revision;  /* revision of the (first) database */
} qr_index_info;

/* The sections with text of the documents indexed by term[0 .. len) (all
 * documents when term is NULL), summed from IX_SLOT_SECTIONS into *out.
 * Returns VK_OK or VK_EINDEX (ix_index_error() says why). */
vk_status qr_count_sections(xc_rdb *db, const char *term, size_t len, uint64_t *out);

/* Fills *out. Returns VK_OK, or VK_EINDEX with the reason in err. */
vk_status qr_index_stat(qr_index *ix, qr_index_info *out, vk_error *err);

/* The Xapian reader of ix, for the calls on an xc_rdb (the citation calls of
 * cite/ct.h, until they take a handle). Owned by ix; valid until
 * qr_index_refresh or qr_index_close. */
xc_rdb *qr_index_rdb(qr_index *ix);

/* A filter given apart from the query text (the daemon's parameters): a
 * field of the query language and its value, as it would be written after
 * the colon but without quotes. */
typedef struct qr_filter {
    qr_field field;
    const char *value; /* UTF-8, NUL-terminated; "" leaves the filter out */
} qr_filter;

/* A search as a front end asks for it. */
typedef struct qr_request {
    const char *text;         /* the query as typed (UTF-8); may be NULL when len is 0 */
    size_t len;               /* bytes of text */
    const qr_filter *filters; /* each must hold, whatever the query says */
    size_t n_filters;
    qr_opts opts;
} qr_request;

/* Writes the query a request runs, as text, to out (replacing what it held):
 * its text, then each filter as "field:value" (the Vietnamese name; the
 * value in double quotes when it holds a space, but for so: and trich:,
 * whose numbers may be written with spaces), separated by spaces. It is what
 * the results echo (qr_results.query), what "did you mean" rewrites, and
 * what a front end's limits on a query's length apply to; error columns
 * count in it. Returns VK_OK or VK_ENOMEM. Thread-safe. */
vk_status qr_request_text(const qr_request *rq, vk_buf *out);

/* Parses the request (its text, and its filters as if written after it, but
 * holding for the whole query, even one whose top is an OR), searches ix and
 * suggests a spelling: the one search of the front ends. On success *out is
 * owned by the caller (qr_results_free), with query, offset and suggestion
 * set. Returns VK_OK (possibly with no hits); VK_EINVAL for bad syntax or a
 * bad value (the message gives its column in qr_request_text), or a filter
 * value that holds a double quote; VK_EINDEX (message in err); VK_ENOMEM.
 * Not thread-safe for one ix. */
vk_status qr_index_search(qr_index *ix, const qr_request *rq, qr_results **out, vk_error *err);

/* A query to try when a search found nothing, and what it finds. */
typedef struct qr_hint {
    const char *kind;  /* "cited": so:NUMBER written trich:NUMBER (the index holds no
                          document of that number, but documents that cite it);
                          "unquoted": the phrase's words without their quotes;
                          "without_fields": the words without the fields that narrow them */
    const char *query; /* the query to run */
    uint32_t count;    /* the documents it finds (estimated) */
} qr_hint;

/* The queries worth trying instead of a request that found nothing: each
 * rewriting of it (qr_hint.kind) that finds something, run on ix with the
 * request's options, in that order; none when no rewriting helps (the front
 * end then says what to try in words). The array and its strings are in
 * arena. Returns VK_OK; VK_EINDEX; VK_ENOMEM. Not thread-safe for one ix. */
vk_status qr_hints(qr_index *ix, const qr_request *rq, vk_arena *arena, qr_hint **out,
                   size_t *n_out, vk_error *err);

/* qr_document_get on ix. */
vk_status qr_index_document(qr_index *ix, const char *key, qr_document **out, vk_error *err);

/* JSON (jansson) of search results, as `vankien search --json` and the
 * daemon's /api/search give them: the query as run, the hits ranked from
 * offset + 1, facets, suggestion and notice. On success *out is a new
 * reference (json_decref). Returns VK_OK or VK_ENOMEM. */
typedef struct json_t json_t;
vk_status qr_results_json(const qr_results *r, json_t **out);

/* JSON of a document: metadata and its sections' outline, or, with `only`,
 * that one section with its text. On success *out is a new reference.
 * Returns VK_OK or VK_ENOMEM. */
vk_status qr_document_json(const qr_document *d, const qr_section *only, json_t **out);

/* What the index ix holds, as a JSON object: path (db_path, the index as
 * the user named it), documents, sections (passages), files (with a record
 * for incremental indexing), terms (distinct, every kind), size_bytes (of
 * the folder at db_path), updated (last change, ISO UTC, or null), format,
 * by_type (type code -> documents), by_year (year -> documents), by_kind;
 * "?" counts documents with no type or year. Walks the term list: seconds
 * on a large index. Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status qr_stats(qr_index *ix, const char *db_path, json_t **out, vk_error *err);

/* The files the index holds, as a JSON array of {path, passages}, in the
 * order of their records (not by path). Returns VK_OK, VK_EINDEX,
 * VK_ENOMEM. */
vk_status qr_stats_files(qr_index *ix, json_t **out, vk_error *err);

#endif /* VK_QR_H */
