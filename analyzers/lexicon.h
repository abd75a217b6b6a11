/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lexicon.h: the word lists of the analyzer, read from data files compiled
 * into the program (data/stopwords-vi.txt, data/abbreviations-vi.tsv):
 * stopwords, which only lose weight in ranking, and the abbreviations of
 * Party and state bodies, usable in both directions (HĐND <-> Hội đồng nhân
 * dân).
 *
 * The lists are parsed on first use; every function here is thread-safe.
 */
#ifndef VK_AN_LEXICON_H
#define VK_AN_LEXICON_H

#include <stddef.h>

#include "analyzers/an.h"

/* Nonzero if the exact term (as an_analyze gives it) is a stopword. */
int an_is_stopword(const char *exact, size_t len);

/* Nonzero if some stopword has this folded term (typed without
 * diacritics, "co" may be the stopword "có", or "cờ"). */
int an_may_be_stopword(const char *folded, size_t len);

/* Number of stopwords in the list (for tests and `vankien analyze`). */
size_t an_stopword_count(void);

/* One line of the abbreviation table. */
typedef struct an_abbrev {
    const char *abbr; /* as written in the table: "HĐND", "Đ/c", "TTg" */
    const char *full; /* "Hội đồng nhân dân" */
} an_abbrev;

/* Which side of the table to match. */
typedef enum an_abbrev_side {
    AN_ABBREV_SHORT, /* tokens spelling an abbreviation: "HĐND", "HDND" */
    AN_ABBREV_FULL   /* tokens spelling a full form: "hội đồng nhân dân", "hoi dong nhan dan" */
} an_abbrev_side;

/* A table entry found by an_abbrev_match and how many tokens spell it. */
typedef struct an_abbrev_hit {
    const an_abbrev *entry; /* the line of the table, static */
    size_t ntoks;           /* entries of toks->v it covers from i (overlays between included) */
} an_abbrev_hit;

/* Finds the table entries spelled by the plain tokens of text (toks, from
 * an_analyze over text) that start at toks->v[i] (overlays are skipped). An
 * abbreviation matches when the letters agree without diacritics and in case
 * (so "TU" is Tỉnh ủy but "tu" is not); a full form matches in any case, with
 * or without diacritics. Writes up to max hits to out[], longest matches
 * first. Returns the number written. */
size_t an_abbrev_match(const char *text, const an_tokens *toks, size_t i, an_abbrev_side side,
                       an_abbrev_hit *out, size_t max);

/* Number of lines in the abbreviation table. */
size_t an_abbrev_count(void);

#endif /* VK_AN_LEXICON_H */
