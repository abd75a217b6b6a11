/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * alias.c: the document a draft's short form means (alias_internal.h). The
 * digits and type of "Nghị quyết 57" fit 57-NQ/TW and 57-NQ/TU alike; the
 * date, issuer and term written with it choose between them.
 */
#include <string.h>

#include "analyzers/docnum.h"
#include "cite/alias_internal.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"

int
ct_short_fits(const cp_citation *c, const ct_candidate *x)
{
    an_docnum d;
    if (!c->digits || !x->number || !an_docnum_parse(x->number, strlen(x->number), &d))
        return 0;
    const char *digits = d.num;
    while (digits[0] == '0' && digits[1])
        digits++;
    if (strcmp(digits, c->digits) != 0)
        return 0;
    const char *code = x->type_code ? x->type_code : d.type[0] ? d.type : NULL;
    return !c->type_code || !code || ct_code_equal(code, c->type_code);
}

/* Fields agreed with minus fields contradicted, among date, issuer, term. */
static int
agreement(const ct_candidate *x)
{
    unsigned m = CT_F_BIT(CT_F_DATE) | CT_F_BIT(CT_F_ISSUER) | CT_F_BIT(CT_F_TERM);
    int s = 0;
    for (unsigned b = 1; b; b <<= 1) {
        s += (x->matched & m & b) != 0;
        s -= (x->mismatched & m & b) != 0;
    }
    return s;
}

/* Does the issuer the draft gives fit the candidate's issuer code ("Bộ
 * Chính trị" and TW)? 1 yes, -1 no, 0 when either is missing or the code
 * is not one the table knows. */
static int
code_fit(const cp_citation *c, const ct_candidate *x)
{
    an_docnum d;
    if (!c->issuer || !x->number || !an_docnum_parse(x->number, strlen(x->number), &d) ||
        !d.issuer[0])
        return 0;
    int fits = ct_issuer_fits_code(c->issuer, d.issuer);
    return fits == 1 ? 1 : fits == 0 ? -1 : 0;
}

const ct_candidate *
ct_short_choose(const cp_citation *c, const ct_candidate *v, size_t n, size_t *n_fit)
{
    const ct_candidate *best = NULL;
    int best_key = 0, tie = 0;
    *n_fit = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ct_short_fits(c, &v[i]))
            continue;
        (*n_fit)++;
        /* Agreement first; then an issuer that fits the number's code; then
         * a document of the corpus. */
        int key = agreement(&v[i]) * 4 + code_fit(c, &v[i]) * 2 + (v[i].in_corpus != 0);
        if (!best || key > best_key) {
            best = &v[i];
            best_key = key;
            tie = 0;
        } else if (key == best_key && !ct_number_equal(v[i].number, best->number)) {
            tie = 1;
        }
    }
    return tie ? NULL : best;
}
