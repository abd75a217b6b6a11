/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bump allocator. */
#include "common/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/vk.h"

struct vk_arena_block {
    vk_arena_block *next; /* older block */
    size_t used;          /* bytes handed out from mem */
    size_t cap;           /* bytes in mem */
    alignas(max_align_t) unsigned char mem[];
};

void *
vk_arena_alloc(vk_arena *a, size_t size)
{
    const size_t align = alignof(max_align_t);
    size_t rounded;
    if (vk_size_add(size, align - 1, &rounded))
        return NULL;
    rounded &= ~(align - 1);
    if (rounded == 0)
        rounded = align;
    vk_arena_block *b = a->head;
    if (!b || b->cap - b->used < rounded) {
        size_t cap = a->block_size ? a->block_size : 16384;
        if (cap < rounded)
            cap = rounded;
        size_t total;
        if (vk_size_add(sizeof(vk_arena_block), cap, &total))
            return NULL;
        b = malloc(total);
        if (!b)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    void *p = b->mem + b->used;
    b->used += rounded;
    memset(p, 0, size);
    return p;
}

char *
vk_arena_strndup(vk_arena *a, const char *s, size_t len)
{
    size_t total;
    if (vk_size_add(len, 1, &total))
        return NULL;
    char *p = vk_arena_alloc(a, total);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void
vk_arena_free(vk_arena *a)
{
    vk_arena_block *b = a->head;
    while (b) {
        vk_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
