/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mention_internal.h: what the corpus says of a document it cites
 * (mention.c): the citations of the passages a citation term indexes, read
 * again with the subject after them, and the candidate they describe when
 * the corpus lacks the document. Never included from another module.
 */
#ifndef VK_CT_MENTION_INTERNAL_H
#define VK_CT_MENTION_INTERNAL_H

#include <stddef.h>

#include "cite/ct.h"
#include "common/arena.h"
#include "corpus/cite.h"

/* The subject written after a citation, and where. */
typedef struct ct_subject {
    const char *text;  /* without "về", quotes and markdown marks, or NULL */
    int quoted;        /* written between quotes */
    size_t start, end; /* the bytes it spans, from "về" or the quote (both the
                          citation's end when there is none) */
} ct_subject;

/* The subject written right after a citation that ends at text[end]: "về"
 * and a quoted string, or "về" and words up to the end of the sentence
 * (";", ".", a line break) or `limit`; a quoted string right after the
 * citation counts too. Fills *out (its text in the arena). Returns VK_OK
 * or VK_ENOMEM. */
vk_status ct_subject_after(const char *text, size_t len, size_t end, size_t limit, vk_arena *a,
                           ct_subject *out);

/* Passages that cite something: which citations of a passage to keep. */
typedef int (*ct_mention_filter)(const cp_citation *c, const void *ud);

/* A gathering of mentions over one or more citation terms: which to keep,
 * and those kept so far. */
typedef struct ct_mention_scan {
    ct_mention_filter keep;    /* the citations to keep */
    const void *ud;            /* passed to keep */
    const char *exclude_group; /* skip passages of this group of copies, or NULL */
    ct_mention *v;             /* the mentions kept: an arena-grown array */
    size_t n, cap;
} ct_mention_scan;

/* Reads the passages indexed by `term` (a citation term: XC, XCM, XCP,
 * XCG), finds their citations again (cp_cite_find over the stored text) and
 * appends one mention per citation scan->keep accepts to scan->v (arena
 * a). Copies of one citing document count once (the copy with a number
 * line is kept). Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_mentions(xc_rdb *db, const char *term, size_t term_len, vk_arena *a,
                      ct_mention_scan *scan, vk_error *err);

/* Sorts mentions by citing document (most recent first), then by their
 * place in it. */
void ct_mentions_sort(ct_mention *v, size_t n);

/* Fills a candidate known only from mentions: the fields most mentions
 * give, the evidence and the conflicts. Returns VK_OK or VK_ENOMEM. */
vk_status ct_candidate_from_mentions(vk_arena *a, ct_mention *v, size_t n, ct_candidate *c);

#endif /* VK_CT_MENTION_INTERNAL_H */
