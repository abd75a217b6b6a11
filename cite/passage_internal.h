/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * passage_internal.h: passages and documents as the index stores them,
 * read for citations (passage.c). Never included from another module.
 */
#ifndef VK_CT_PASSAGE_INTERNAL_H
#define VK_CT_PASSAGE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cite/ct.h"
#include "common/arena.h"

/* Most passages or documents read for one look-up. */
#define CT_MAX_POSTINGS 5000

/* A document's metadata as its passages store it. Strings in the arena
 * given to ct_doc_read, NULL when unknown. */
typedef struct ct_doc {
    const char *key, *number, *type, *type_code, *title, *issuer, *term, *conference, *path;
    const char *group; /* IX_SLOT_GROUP: copies of one document share it */
    cp_date date;
    int plenum;           /* from the conference ("Hội nghị lần thứ sáu"), else 0 */
    const char *congress; /* from a conference "Đại hội ... lần thứ XII", else NULL */
} ct_doc;

/* A section of a document as the index stores it, with its document. */
typedef struct ct_passage {
    ct_doc doc;
    const char *label, *heading, *text; /* "" when absent */
    double order;                       /* section index in the document */
} ct_passage;

/* Reads the stored record and values of document `docid`, as the passage
 * of its first section. Strings in a. Returns VK_OK, VK_EINDEX
 * (unreadable, or not a record), VK_ENOMEM. */
vk_status ct_passage_read(xc_rdb *db, uint32_t docid, vk_arena *a, ct_passage *out, vk_error *err);

/* Passages read into the caller's array: v[0 .. n), room for max. */
typedef struct ct_passages {
    ct_passage *v;
    size_t n, max;
} ct_passages;

/* Reads the sections of document `docid` marked by `term` (a citation
 * term: ix_schema.h; NUL-terminated), in order, into out (as many as it
 * has room for, 64 at most); with term NULL, its first section. Strings in
 * a. Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_passages_read(xc_rdb *db, uint32_t docid, const char *term, vk_arena *a,
                           ct_passages *out, vk_error *err);

/* Reads the metadata of the document with this key. Returns VK_OK,
 * VK_ENOTFOUND (no such key), VK_EINDEX, VK_ENOMEM. */
vk_status ct_doc_read(xc_rdb *db, const char *key, vk_arena *a, ct_doc *out, vk_error *err);

/* The key of a document whose own number is `number` (zeros of the digits
 * aside), or NULL. Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_key_of_number(xc_rdb *db, const char *number, vk_arena *a, const char **key,
                           vk_error *err);

/* Document keys: an arena-grown array. */
typedef struct ct_keys {
    const char **v; /* the keys, strings in the arena */
    size_t n, cap;  /* keys in v, and room for */
} ct_keys;

/* The keys of the documents indexed by `term` (a boolean term of every
 * passage), without repeats, into *out (emptied first; arena a). Returns
 * VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_keys_by_term(xc_rdb *db, const char *term, size_t len, vk_arena *a, ct_keys *out,
                          vk_error *err);

/* The keys of the other copies of a document (same IX_SLOT_GROUP), into
 * *out (emptied first; arena a). Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_copies(xc_rdb *db, const ct_doc *d, vk_arena *a, ct_keys *out, vk_error *err);

#endif /* VK_CT_PASSAGE_INTERNAL_H */
