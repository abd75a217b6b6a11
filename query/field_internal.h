/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * field_internal.h: the fields of the query language in one table
 * (fields.c): each field's names, what its value is, how a value is
 * checked when parsed (parse.c) and how it becomes a query (build.c).
 * Adding a field is one row here and its two functions.
 */
#ifndef VK_QR_FIELD_INTERNAL_H
#define VK_QR_FIELD_INTERNAL_H

#include "query/qr.h"
#include "xapian-c/xc.h"

struct builder; /* build.c */

typedef struct qr_field_def {
    qr_field field;
    const char *name;  /* Vietnamese, folded, the name queries are written with: "so" */
    const char *alias; /* English: "number"; also the daemon's parameter */
    int words;         /* the value is words analysed as text (tieude:, coquan:) */
    int quote_spaces;  /* a value with spaces is quoted when written into a query */
    /* The value's error when parsed ("wants a document number such as
     * 28-NQ/TW"), or NULL when it may stand. NULL: any value. */
    const char *(*check)(const char *value);
    /* The filter of a field node; NULL with the builder's error set. */
    xc_query *(*build)(struct builder *b, const qr_node *n);
} qr_field_def;

/* The definition of a field; never NULL for a qr_field value. */
const qr_field_def *qr_field_def_of(qr_field f);

/* The field named name[0 .. len) (folded: "loại" = "loai"), Vietnamese or
 * English, or NULL. */
const qr_field_def *qr_field_def_named(const char *name, size_t len);

/* The builders of build.c, one per field (fields.c names them). */
xc_query *qr_build_number(struct builder *b, const qr_node *n);
xc_query *qr_build_type(struct builder *b, const qr_node *n);
xc_query *qr_build_year(struct builder *b, const qr_node *n);
xc_query *qr_build_date(struct builder *b, const qr_node *n);
xc_query *qr_build_section(struct builder *b, const qr_node *n);
xc_query *qr_build_heading(struct builder *b, const qr_node *n);
xc_query *qr_build_issuer(struct builder *b, const qr_node *n);
xc_query *qr_build_term(struct builder *b, const qr_node *n);

#endif /* VK_QR_FIELD_INTERNAL_H */
