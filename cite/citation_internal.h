/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * citation_internal.h: the fields of two citations compared (issuing
 * bodies, types, terms, dates, subjects) and citations written the usual
 * way (citation.c). Never included from another module.
 */
#ifndef VK_CT_CITATION_INTERNAL_H
#define VK_CT_CITATION_INTERNAL_H

#include "cite/ct.h"
#include "common/arena.h"

/* Field comparisons: 1 agree, 0 disagree (callers check presence first).
 * Issuers: ct_issuer_agree, ct_issuer_could_issue (ct.h). */
int ct_type_agree(const char *type_a, const char *code_a, const char *type_b, const char *code_b);
int ct_term_agree(const char *a, const char *b);
int ct_date_equal(const cp_date *a, const cp_date *b);
int ct_subject_agree(const char *subject, int quoted, const char *title);

/* Is the issuer a body that may issue numbers with this issuer code ("TW":
 * Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư)? 1 yes, 0 no, -1 when
 * the code or the body is not one the table knows. */
int ct_issuer_fits_code(const char *issuer, const char *issuer_code);

/* The body an issuer code names by itself ("BTCTW" -> "Ban Tổ chức Trung
 * ương"), or NULL. (ct_issuer_display: ct.h.) */
const char *ct_issuer_of_code(const char *issuer_code);

/* What the last part of a citation is. */
typedef enum ct_title_kind {
    CT_TITLE_DOC = 0, /* a document's title ("về ...", "Thực hiện ...", a name) */
    CT_TITLE_SUBJECT, /* the words a citation writes after "về" */
    CT_TITLE_QUOTED   /* the same, written between quotes */
} ct_title_kind;

/* The parts of a canonical citation; NULL (a zero date) for those not
 * known. */
typedef struct ct_cite_parts {
    const char *type;   /* "Nghị quyết" */
    const char *number; /* "28-NQ/TW" */
    const char *name;   /* without a number: the conference or informal name */
    cp_date date;       /* the date of issue */
    const char *issuer; /* the body as the citation writes it (ct_issuer_display) */
    const char *term;   /* "XIII" */
    const char *title;  /* the title or subject */
    ct_title_kind kind; /* which of the two `title` is */
} ct_cite_parts;

/* Formats a canonical citation (design note of ct.h) into the arena:
 * the type, "số number" (or, without a number, the name), the date, "của
 * issuer", "khóa term" and the title or subject. Returns NULL when out of
 * memory. */
const char *ct_citation_format(vk_arena *a, const ct_cite_parts *p);

/* The section part of a citation: "tiểu mục 3.2, mục 3, phần III" for the
 * label "III.3.2"; "phần mở đầu" for ""; NULL when out of memory. */
const char *ct_section_words(vk_arena *a, const char *label);

#endif /* VK_CT_CITATION_INTERNAL_H */
