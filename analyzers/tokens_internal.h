/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tokens_internal.h: building token lists inside the analyzer (tokens.c):
 * the plain tokenizer (analyze.c) and the overlay finder (overlays.c) both
 * append to lists with these.
 */
#ifndef VK_AN_TOKENS_INTERNAL_H
#define VK_AN_TOKENS_INTERNAL_H

#include "analyzers/an.h"

/* Appends a token with copies of its strings. Until an_tokens_resolve, the
 * exact/folded fields of appended tokens hold offsets into out->store, not
 * pointers. Returns VK_OK or VK_ENOMEM. */
vk_status an_tokens_push(an_tokens *out, const an_token *tok, const char *exact, size_t exact_len,
                         const char *folded, size_t folded_len);

/* Turns the offsets of tokens [from, n) into pointers into out->store. */
void an_tokens_resolve(an_tokens *out, size_t from);

#endif /* VK_AN_TOKENS_INTERNAL_H */
