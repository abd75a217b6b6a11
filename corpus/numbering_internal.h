/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * numbering_internal.h: the numbered headings of a body (numbering.c):
 * Roman parts, Arabic items and letters of resolutions and plans, and the
 * Phần, Chương, Mục and Điều of regulations, charters, decrees and laws;
 * and what the emphasis of a raw line says about where a title ends.
 */
#ifndef VK_CP_NUMBERING_INTERNAL_H
#define VK_CP_NUMBERING_INTERNAL_H

#include <stddef.h>

#include "corpus/cp.h"
#include "corpus/parse_internal.h"

/* A numbered heading line. Whether an Arabic item is a khoản or a letter an
 * điểm depends on the article around it, which the builder knows: the
 * recognisers give CP_SEC_ARABIC and CP_SEC_LETTER. */
typedef struct cp_heading {
    cp_sec_kind kind; /* ROMAN, ARABIC, LETTER, PART, CHAPTER, DIVISION or ARTICLE */
    int depth;        /* Arabic: components of the number ("3.1." 2); else 1 */
    const char *num;  /* the number as written: "III", "3.1", "a", "5", "5a", "thứ nhất" */
    size_t num_len;
    size_t num_words; /* words of the line up to the title: "Điều 5." 2, "1." 1 */
    const char *text; /* the rest of the line after the number and its punctuation;
                         empty when the title is on the next line ("Chương I") */
    size_t text_len;
    int bare; /* a Điều whose number ends the line without a full stop
                 ("Điều 2"): a heading only where a paragraph may start */
} cp_heading;

/* Recognises a heading line; fills *h and returns 1, or returns 0. */
int cp_find_heading(const cline *ln, cp_heading *h);

/* A line that holds only a heading's word ("Chương", "**Điều"), its number
 * on the next line: 1 if lines a and b are such a pair. */
int cp_split_keyword(const cline *a, const cline *b);

/* Nonzero if line a is a numbered heading's label alone in a bold span
 * that the conversion broke before its text ("**II." / "MỤC TIÊU**"): a
 * and b are one heading. */
int cp_split_label(const cline *a, const cline *b);

/* The emphasis of the raw line: 1 if the k-th word (0-based; words are runs
 * of letters and digits) is bold, 0 if not, -1 if the line has fewer words. */
int cp_bold_at_word(const cline *ln, size_t k);

/* 1 if the raw line opens or closes bold once more than it closes or opens
 * it (an odd number of "**"): bold open before the line is closed after
 * it, and the other way round. A title in bold goes on while it is open. */
int cp_bold_toggles(const cline *ln);

#endif /* VK_CP_NUMBERING_INTERNAL_H */
