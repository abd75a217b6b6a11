/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stored_internal.h: reading the JSON data stored with each passage
 * (indexer/ix_schema.h), shared by the search (search.c) and the document
 * reader (document.c).
 */
#ifndef VK_QR_STORED_INTERNAL_H
#define VK_QR_STORED_INTERNAL_H

#include <jansson.h>

#include "common/arena.h"

/* Copy of the string member k of o in the arena, or NULL if absent. */
const char *qr_stored_str(vk_arena *a, json_t *o, const char *k);

/* The passage's breadcrumb (member "breadcrumb") copied into the arena:
 * *out an array of *n strings (NULL and 0 when empty). */
void qr_stored_crumbs(vk_arena *a, json_t *o, const char ***out, size_t *n);

#endif /* VK_QR_STORED_INTERNAL_H */
