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

/* The candidates for a parsed reference, ranked, at most `limit`: both
 * documents of the corpus and numbers known only from citations. With
 * `subject_search`, a reference with neither a number nor an informal name
 * is looked up by its subject. Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_candidates(xc_rdb *db, const ct_ref *ref, size_t limit, int subject_search,
                        vk_arena *a, ct_candidate **out, size_t *n_out, vk_error *err);

#endif /* VK_CT_CANDIDATES_INTERNAL_H */
