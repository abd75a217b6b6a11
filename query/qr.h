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
 * Ranking (BM25 over section passages, then):
 *   - stopwords weigh a third;
 *   - adjacent free words also look up their bigram term (hệ thống), so
 *     passages holding the pair rank above passages holding the words apart;
 *   - words found in the section's heading or its parents' headings add
 *     weight (a numbered item's own title is strong evidence);
 *   - a document number in the query must match, the rest of the query is
 *     soft evidence (a citation typed with its date and issuer still finds a
 *     text that writes the date in words), and the document that *is* that
 *     number ranks above the documents that cite it.
 * Results are collapsed on the group of copies of a document (same type,
 * title and term: one file with a number line and one without are one
 * result that lists both files), keeping the best passage.
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
    qr_node *root;      /* NULL when the query has no words and no fields */
    qr_clause **words;  /* the positive word clauses, in query order (snippets,
                           suggestions) */
    size_t n_words;
    int folded_all;     /* built with every word folded (the fallback) */
    vk_arena arena;     /* owns everything above */
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
    const char *key;        /* document key */
    const char *nondoc;     /* NULL for a document; "qa", "encyclopedia", "news" for a
                               text that only cites documents (cp_doc.nondoc) */
    const char *number;     /* "28-NQ/TW", or NULL */
    const char *type;       /* "Nghị quyết", or NULL */
    const char *type_code;  /* "NQ", or NULL */
    const char *date;       /* ISO date, or NULL */
    const char *title;      /* or NULL */
    const char *issuer;     /* or NULL */
    const char *path;       /* source file */
    const char *label;      /* section label ("" for the preamble), the key of links */
    const char *display;    /* the label as readers cite it ("Điều 5, khoản 2"): what
                               is shown */
    const char *kind;       /* what numbers the section ("article", "clause", "roman";
                               corpus/label.h) */
    const char *heading;    /* section heading */
    const char **crumbs;    /* breadcrumb, top first */
    size_t n_crumbs;
    const char *snippet;    /* plain text around the matches */
    size_t *marks;          /* 2 * n_marks byte offsets into snippet: start, end */
    size_t n_marks;
    double score;           /* relevance weight */
    int percent;            /* relevance as a percentage of the best */
    uint32_t other_sections; /* other matching passages of this document (lower bound) */
    const char **copies;    /* other files holding the same document ("key path") */
    size_t n_copies;
} qr_hit;

/* One facet value and the number of matching documents that have it. */
typedef struct qr_facet {
    const char *value;
    uint32_t count;
} qr_facet;

typedef struct qr_results {
    qr_hit *hits;          /* in rank order */
    size_t n_hits;
    uint32_t total;        /* estimated number of matching documents */
    qr_facet *types, *years, *issuers; /* facets (when asked), by count */
    size_t n_types, n_years, n_issuers;
    qr_facet *kinds; /* facet of kinds: "vanban" (documents), "qa",
                        "encyclopedia", "news" (when asked) */
    size_t n_kinds;
    const char *notice;    /* what the search did differently, or NULL:
                              "any-word" or "folded" fallbacks */
    const char *suggestion; /* "did you mean" query, or NULL */
    double elapsed_ms;     /* time taken */
    vk_arena arena;        /* owns everything above */
} qr_results;

/* Runs a parsed query on db. On success *out is owned by the caller
 * (qr_results_free). When the folded fallback ran, q->folded_all is set (the
 * snippets highlight folded matches). Returns VK_OK (possibly with no hits),
 * VK_EINVAL (a field value, message with its column), VK_EINDEX (database
 * error; message in err), VK_ENOMEM. Not thread-safe for one db handle. */
vk_status qr_search(xc_rdb *db, qr_query *q, const qr_opts *opts, qr_results **out,
                    vk_error *err);

/* Frees results. NULL does nothing. */
void qr_results_free(qr_results *r);

/* Cuts a snippet of at most about `max_bytes` from text around the tokens
 * that match the query's words, writing it to *snippet (arena) and the match
 * offsets to *marks (arena, 2 per match). Returns VK_OK or VK_ENOMEM. */
vk_status qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes,
                     vk_arena *arena, const char **snippet, size_t **marks, size_t *n_marks);

/* A suggestion for the query from the index's vocabulary: words typed
 * without diacritics, or with diacritics the index does not know, become the
 * most frequent spelling of their folded form. Writes a NUL-terminated
 * string in arena to *out, or NULL when there is nothing to suggest.
 * Returns VK_OK or VK_ENOMEM. */
vk_status qr_suggest(xc_rdb *db, const char *query, size_t len, vk_arena *arena,
                     const char **out);

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
    qr_section *sections; /* in document order */
    size_t n_sections;
    vk_arena arena;       /* owns everything above */
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

/* JSON (jansson) of search results, as `vankien search --json` and the
 * daemon's /api/search give them. Returns a new reference, or NULL when out
 * of memory. */
typedef struct json_t json_t;
json_t *qr_results_json(const char *query, const qr_results *r, uint32_t offset,
                        const char *suggestion);

/* JSON of a document: metadata and its sections' outline, or, with `only`,
 * that one section with its text. Returns a new reference, or NULL. */
json_t *qr_document_json(const qr_document *d, const qr_section *only);

/* What the index at db_path (opened as db) holds, as a JSON object:
 * documents, sections (passages), files (with a record for incremental
 * indexing), terms (distinct, every kind), size_bytes (of the index
 * folder), updated (last change, ISO UTC, or null), format, by_type (type
 * code -> documents), by_year (year -> documents); "?" counts documents
 * with no type or year. Walks the term list: seconds on a large index.
 * Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status qr_stats(xc_rdb *db, const char *db_path, json_t **out, vk_error *err);

/* The files the index holds, as a JSON array of {path, passages}, in the
 * order of their records (not by path). Returns VK_OK, VK_EINDEX,
 * VK_ENOMEM. */
vk_status qr_stats_files(xc_rdb *db, json_t **out, vk_error *err);

#endif /* VK_QR_H */
