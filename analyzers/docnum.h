/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * docnum.h: document numbers ("số và ký hiệu") found in running text, in the
 * forms Party and state documents use (../shared/DOMAIN.md §1.3, §1.5):
 *
 *   Party           28-NQ/TW, 04 - KL/BTCTW, 25-CTr/TU, TWĐTN-VPĐOÀN issuers;
 *                   lists "18, 19-NQ/TW", "18 và 19-NQ/TW" give one number each
 *   state, normative 15/2023/NĐ-CP, 55/2005/TTLT-BNV-VPCP
 *   law             45/2019/QH14, 12/2020/UBTVQH14
 *   state, admin    123/QĐ-TTg
 *
 * Spaces around the dash and the slash are allowed; the dash may be any of
 * - U+2010 U+2011 U+2013. The canonical form has no spaces and an ASCII
 * hyphen; case and diacritics are kept as written ("NĐ", "TTg").
 */
#ifndef VK_AN_DOCNUM_H
#define VK_AN_DOCNUM_H

#include <stddef.h>

#include "common/buf.h"

/* Which form a number has. */
typedef enum an_docnum_kind {
    AN_DOCNUM_PARTY = 0, /* n-TYPE/ISSUER */
    AN_DOCNUM_STATE,     /* n/yyyy/TYPE-ISSUER */
    AN_DOCNUM_LAW,       /* n/yyyy/QHk */
    AN_DOCNUM_ADMIN      /* n/TYPE-ISSUER */
} an_docnum_kind;

/* One document number. */
typedef struct an_docnum {
    an_docnum_kind kind;
    size_t start;      /* byte offset of the number's own digits */
    size_t end;        /* byte offset past the code (for a list member other than
                          the last: past its digits) */
    size_t list_start; /* byte offset of the first number of its list (= start alone) */
    size_t list_end;   /* byte offset past the shared code */
    char num[8];       /* "28", as written */
    char year[8];      /* "2023" (state and law forms), else "" */
    char type[24];     /* "NQ", "NĐ", "" for laws */
    char issuer[64];   /* "TW", "CP", "QH14", "TWĐTN-VPĐOÀN" */
    char canon[112];   /* "28-NQ/TW", "15/2023/NĐ-CP", "45/2019/QH14", "123/QĐ-TTg" */
} an_docnum;

/* Finds the document numbers in text[0 .. len), in text order, writing up to
 * `max` of them to out[]. Returns how many were found (at most max).
 * Thread-safe. */
size_t an_docnum_find(const char *text, size_t len, an_docnum *out, size_t max);

/* Parses a whole string as one document number (spaces allowed as above,
 * nothing else around it). Returns 1 and fills *out, or 0. */
int an_docnum_parse(const char *s, size_t len, an_docnum *out);

/* Appends the index term form of a document number: folded (no
 * diacritics, lower case) with spaces removed ("04 - KL/BTCTW" ->
 * "04-kl/btctw", "15/2023/NĐ-CP" -> "15/2023/nd-cp"). Returns VK_OK or
 * VK_ENOMEM. */
vk_status an_docnum_term(const char *number, size_t len, vk_buf *out);

#endif /* VK_AN_DOCNUM_H */
