/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * an.h: Vietnamese text analysis, shared by the indexer, the query parser and
 * the snippet highlighter so that the same text always gives the same terms.
 *
 * Design note. The analyzer walks the original bytes and cuts tokens (runs of
 * letters, combining marks and digits; a zero-width space, joiner or soft
 * hyphen inside a run is skipped, a non-breaking space separates, like any
 * space); every token keeps its byte offsets in
 * the original text, so highlighting never has to map normalized text back.
 * Each token is then normalized on its own, in the four steps analyzers/text.h
 * describes (NFC, case folding, tone canonicalization giving the *exact*
 * term, diacritic folding giving the *folded* term); symbols written with
 * several tokens (document numbers, dates) are added as overlays (below).
 *
 * The text transforms (text.h) are included here for the callers that use
 * both; they do not depend on the tokenizer.
 *
 * Thread safety: every function here is thread-safe; the character tables
 * are built once, on first use.
 */
#ifndef VK_AN_H
#define VK_AN_H

#include <stddef.h>
#include <stdint.h>

#include "analyzers/text.h"
#include "common/buf.h"
#include "common/vk.h"

/* What a token is. */
typedef enum an_kind {
    AN_WORD = 0, /* a syllable or other run of letters (letters and digits mixed too) */
    AN_NUMBER,   /* a run of digits; as an overlay, a number written with separators:
                    "4.500" -> "4500", "25%", "2025-2030" */
    AN_ROMAN,    /* a Roman numeral written in capitals: "XIII" -> "xiii" */
    AN_DOCNUM,   /* overlay: a document number, "28-NQ/TW" -> "28-nq/tw" */
    AN_DATE,     /* overlay: a date, "17/11/2022" or "ngày 17 tháng 11 năm 2022"
                    -> "2022-11-17" */
    AN_SECTION,  /* overlay: a section number, "2.1." -> "2.1" */
    AN_ABBREV    /* overlay: an abbreviation with a slash, "Đ/c" -> "đ/c" */
} an_kind;

/* Returns the kind's name ("word", "docnum", ...). */
const char *an_kind_name(an_kind k);

/* One token. Strings point into the an_tokens storage; valid until the next
 * an_analyze or an_tokens_free on the same list; not NUL-terminated.
 *
 * Overlays. Symbols made of several plain tokens (a document number, a
 * date) are also given as one token that sits on top of them: it takes the
 * position of the first plain token it covers, `span` is the number of
 * positions it covers, and `overlay` is set. An overlay comes just before
 * the plain token at its position. Indexing every token then lets both
 * "28-NQ/TW" (one term) and the phrase 28 nq tw match. */
typedef struct an_token {
    an_kind kind;      /* what the token is */
    int overlay;       /* 1 for an overlay token, 0 for a plain one */
    uint32_t span;     /* positions covered (1 for plain tokens) */
    uint32_t pos;      /* position: first_pos, first_pos + 1, ... */
    size_t start;      /* byte offset of the token in the analyzed text */
    size_t end;        /* byte offset just past the token */
    const char *exact; /* NFC, case-folded, canonical tone */
    size_t exact_len;
    const char *folded; /* exact without diacritics (đ -> d) */
    size_t folded_len;
} an_token;

/* A list of tokens and the storage of their strings. Zero-initialise it or
 * use AN_TOKENS_INIT; free with an_tokens_free. */
typedef struct an_tokens {
    an_token *v;  /* tokens, in text order */
    size_t n;     /* tokens in v */
    size_t cap;   /* capacity of v */
    vk_buf store; /* bytes of the exact and folded strings */
} an_tokens;

#define AN_TOKENS_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, VK_BUF_INIT                                                                    \
    }

/* Tokenizes and normalizes text[0 .. len), replacing the contents of `out`.
 * Positions start at first_pos. Bytes that are not valid UTF-8 separate
 * tokens and are otherwise ignored; a run longer than AN_MAX_TOKEN bytes
 * (text.h) is cut into pieces of that size. Returns VK_OK or VK_ENOMEM (then out is
 * empty). */
vk_status an_analyze(const char *text, size_t len, uint32_t first_pos, an_tokens *out);

/* Frees the list's memory; the list is empty and reusable afterwards. */
void an_tokens_free(an_tokens *t);

/* Analyses kept for reuse: the tokens of a text from position 0, made once
 * and found again by the text's bytes (the same bytes anywhere else find
 * them). A file's parse keeps those of its paragraphs, which the citation
 * finder makes, for the indexer. Not thread-safe: one memo per thread. */
typedef struct an_memo an_memo;

/* A memo whose entries (their text, tokens and strings) hold at most
 * `budget` bytes; past it, analyses are no longer kept. NULL when out of
 * memory. */
an_memo *an_memo_new(size_t budget);

/* Frees a memo and every token list it holds. NULL does nothing. */
void an_memo_free(an_memo *m);

/* The tokens of text[0 .. len) from position 0 (an_analyze's): those kept
 * in m when the same bytes went through it before, else made now and kept
 * while the budget lasts, else made now into *spare (freed first; the
 * caller frees it). m may be NULL: always *spare. *out is valid until m is
 * freed or spare is used again. Returns VK_OK, VK_EINVAL (text NULL with
 * len > 0) or VK_ENOMEM. */
vk_status an_memo_analyze(an_memo *m, const char *text, size_t len, an_tokens *spare,
                          const an_tokens **out);

/* The tokens kept in m for the bytes text[0 .. len), or NULL (m may be
 * NULL). Valid until m is freed. */
const an_tokens *an_memo_find(const an_memo *m, const char *text, size_t len);

#endif /* VK_AN_H */
