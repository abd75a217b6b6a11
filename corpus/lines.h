/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lines.h: a file as the structure parser reads it: cleaned lines (markdown
 * marks and invisible characters gone, cp_clean_line in cp.h), each with its
 * line number in the file and what its raw form told. The steps of the
 * parser pass lines to one another, among them the web copy cleaner (web.h).
 */
#ifndef VK_CP_LINES_H
#define VK_CP_LINES_H

#include <stddef.h>

/* A cleaned line of the file. */
typedef struct cline {
    const char *s;   /* cleaned text, in the file's arena */
    size_t len;      /* bytes */
    size_t lineno;   /* 1-based line in the file */
    int rule;        /* the raw line was a rule (-----) */
    int markup;      /* the raw line held only marks ("**", "* *"): empty, but no
                        blank line of the source */
    const char *raw; /* the line as read, markdown marks and all: where a bold
                        span ends tells a wrapped title from the text after
                        it (numbering.c); valid while the file is parsed */
    size_t raw_len;  /* bytes */
    int heading;     /* markdown heading level of the raw line ("## " -> 2), 0 if none */
} cline;

#endif /* VK_CP_LINES_H */
