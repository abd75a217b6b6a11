/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * text_internal.h: the per-word normalization of text.h on code points, for
 * the tokenizer (analyze.c), which decodes each character once and hands the
 * code points of a token over as they are.
 */
#ifndef VK_AN_TEXT_INTERNAL_H
#define VK_AN_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "analyzers/text.h"

/* Code points of one word under work; NFC never grows a word past twice. */
#define AN_CPS_MAX (2 * AN_MAX_TOKEN)

/* Steps 1-3 of text.h on the word cps[0 .. *n) (at most AN_CPS_MAX), in
 * place: NFC, case folding, tone placement. A word of ASCII digits only is
 * left as it is. Returns 1 if the word is digits only, else 0. */
int an_cps_normalize(uint32_t *cps, size_t *n);

/* Writes cps[0 .. n) as UTF-8 into out (at least 4 * n bytes); returns the
 * bytes written. */
size_t an_cps_encode_exact(const uint32_t *cps, size_t n, char *out);

/* Writes the folded form of cps[0 .. n) into out (at least 4 * n bytes):
 * Latin letters to their ASCII base, combining marks dropped. Returns the
 * bytes written. */
size_t an_cps_encode_folded(const uint32_t *cps, size_t n, char *out);

#endif /* VK_AN_TEXT_INTERNAL_H */
