/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arena.h: a bump allocator for scratch memory that dies all at once (one
 * document while indexing, one request in the daemon). Allocation is cheap,
 * there is no per-object free; vk_arena_free releases everything.
 */
#ifndef VK_ARENA_H
#define VK_ARENA_H

#include <stddef.h>

typedef struct vk_arena_block vk_arena_block;

typedef struct vk_arena {
    vk_arena_block *head; /* most recent block, or NULL; owned by the arena */
    size_t block_size;    /* default size of new blocks */
} vk_arena;

#define VK_ARENA_INIT {NULL, 0}

/* Returns `size` bytes aligned for any type, zero-filled, owned by the arena
 * until vk_arena_free. NULL when out of memory or on size overflow. */
void *vk_arena_alloc(vk_arena *a, size_t size);

/* Copies `len` bytes into the arena and NUL-terminates them. NULL when out of
 * memory. s may be NULL only if len is 0. */
char *vk_arena_strndup(vk_arena *a, const char *s, size_t len);

/* Releases every block; the arena is empty and reusable afterwards. */
void vk_arena_free(vk_arena *a);

#endif /* VK_ARENA_H */
