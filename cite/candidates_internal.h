/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * candidates_internal.h: the documents a reference may mean, ranked
 * (candidates.c), for resolving a reference and checking a draft. Never
 * included from another module.
 */
#ifndef VK_CT_CANDIDATES_INTERNAL_H
#define VK_CT_CANDIDATES_INTERNAL_H

#include <stddef.h>

#include "cite/ct.h"
#include "common/arena.h"

/* What ct_candidates looks for. */
typedef struct ct_cand_query {
    const ct_ref *ref;  /* the reference, parsed */
    size_t limit;       /* most candidates returned */
    int subject_search; /* a reference with neither a number nor an informal
                           name is looked up by its subject */
} ct_cand_query;

/* The candidates for q->ref, ranked, at most q->limit: both documents of
 * the corpus and numbers known only from citations. On success *out is an
 * array of *n_out candidates in the arena (NULL when none). Returns VK_OK,
 * VK_EINDEX, VK_ENOMEM. */
vk_status ct_candidates(xc_rdb *db, const ct_cand_query *q, vk_arena *a, ct_candidate **out,
                        size_t *n_out, vk_error *err);

/* The documents a reference whose number the corpus lacks may have meant:
 * those of the corpus of its date (IX_SLOT_DATE; of its type when it gives
 * one), and the numbers, held (XN) or only cited (XC, a candidate known by
 * its mentions), that are its own but for one slip of the digits (two
 * neighbours swapped, a digit changed, left out or added; written with or
 * without leading zeros) with the same type, issuer code and year, Party
 * and state numbers alike; each with its citation, ranked as ct_candidates
 * ranks them. On success
 * *out is an array of *n_out candidates in the arena (NULL when none).
 * Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_candidates_near(xc_rdb *db, const ct_ref *ref, vk_arena *a, ct_candidate **out,
                             size_t *n_out, vk_error *err);

#endif /* VK_CT_CANDIDATES_INTERNAL_H */
