/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * overlays_internal.h: the overlay finder (overlays.c), called by the
 * tokenizer (analyze.c) once the plain tokens of a text are cut.
 */
#ifndef VK_AN_OVERLAYS_INTERNAL_H
#define VK_AN_OVERLAYS_INTERNAL_H

#include <stddef.h>

#include "analyzers/an.h"

/* Finds the overlay tokens of text, whose plain tokens (resolved) are in
 * plain, and appends them to ov (resolved, sorted by position).
 * Returns VK_OK or VK_ENOMEM. */
vk_status an_find_overlays(const char *text, size_t len, const an_tokens *plain, an_tokens *ov);

#endif /* VK_AN_OVERLAYS_INTERNAL_H */
