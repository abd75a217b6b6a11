/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * alias_internal.h: which document a draft's short form ("Nghị quyết 57",
 * corpus/cite.h) means, among the candidates of its digits and type
 * (alias.c), for checking a draft. Never included from another module.
 */
#ifndef VK_CT_ALIAS_INTERNAL_H
#define VK_CT_ALIAS_INTERNAL_H

#include <stddef.h>

#include "cite/ct.h"
#include "corpus/cite.h"

/* The candidates of v[0 .. n) a short form c may mean: those whose number
 * has c's digits and a type code that agrees with c's. Returns the one
 * clearly meant: the only one, or the one that agrees with more of the
 * fields the draft gives (date, issuer, term; agreeing counts one,
 * contradicting minus one) than any other; at equal agreement, the one whose
 * issuer code the draft's issuer fits ("Bộ Chính trị": 08-NQ/TW, not
 * 08-NQ/ĐUBTC) and then a document of the corpus before a number only
 * cited; NULL when there is none or no single best. *n_fit receives how many fit. Thread-safe. */
const ct_candidate *ct_short_choose(const cp_citation *c, const ct_candidate *v, size_t n,
                                    size_t *n_fit);

/* Nonzero if candidate x fits short form c (see ct_short_choose). */
int ct_short_fits(const cp_citation *c, const ct_candidate *x);

#endif /* VK_CT_ALIAS_INTERNAL_H */
