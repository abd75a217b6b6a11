/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memo.c: analyses kept for reuse (an.h, an_memo). An open-addressing table
 * of entries, each a copy of the text analysed and its tokens from
 * position 0; a text is found again by its bytes, so a copy of it made
 * elsewhere (the indexer's passage text) finds the tokens too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"

/* One text and its tokens. */
typedef struct memo_entry {
    uint64_t h;  /* memo_hash of the text */
    char *text;  /* a copy of the text analysed */
    size_t len;  /* its bytes */
    an_tokens t; /* its tokens from position 0 */
} memo_entry;

struct an_memo {
    memo_entry *v; /* entries, in the order they were made */
    size_t n, cap; /* entries, and room for them */
    size_t *slots; /* entry index + 1 (0: free), n_slots a power of two */
    size_t n_slots;
    size_t bytes;  /* bytes the entries hold */
    size_t budget; /* most bytes the entries may hold */
};

/* A hash of a text's length and of some of its bytes (the first, middle and
 * last 8): enough to tell paragraphs apart, the bytes compared on a find. */
static uint64_t
memo_hash(const char *text, size_t len)
{
    uint64_t h = vk_hash64_update(VK_HASH64_INIT, &len, sizeof len);
    if (len == 0)
        return h;
    size_t k = len < 8 ? len : 8;
    h = vk_hash64_update(h, text, k);
    h = vk_hash64_update(h, text + len / 2 - (len / 2 < k ? len / 2 : k / 2), k);
    return vk_hash64_update(h, text + len - k, k);
}

an_memo *
an_memo_new(size_t budget)
{
    an_memo *m = calloc(1, sizeof *m);
    if (m)
        m->budget = budget;
    return m;
}

void
an_memo_free(an_memo *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].text);
        an_tokens_free(&m->v[i].t);
    }
    free(m->v);
    free(m->slots);
    free(m);
}

/* The slot of text (an entry's, or the free one where it would go). */
static size_t
slot_of(const an_memo *m, uint64_t h, const char *text, size_t len)
{
    size_t mask = m->n_slots - 1, i = (size_t)h & mask;
    while (m->slots[i]) {
        const memo_entry *e = &m->v[m->slots[i] - 1];
        if (e->h == h && e->len == len && (len == 0 || memcmp(e->text, text, len) == 0))
            break;
        i = (i + 1) & mask;
    }
    return i;
}

const an_tokens *
an_memo_find(const an_memo *m, const char *text, size_t len)
{
    if (!m || !m->n_slots || (!text && len))
        return NULL;
    size_t i = slot_of(m, memo_hash(text, len), text, len);
    return m->slots[i] ? &m->v[m->slots[i] - 1].t : NULL;
}

/* Room for one more entry, the table at most half full. VK_OK or
 * VK_ENOMEM (m unchanged). */
static vk_status
grow(an_memo *m)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        memo_entry *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return VK_ENOMEM;
        m->v = v;
        m->cap = cap;
    }
    if (2 * (m->n + 1) <= m->n_slots)
        return VK_OK;
    size_t n_slots = m->n_slots ? 2 * m->n_slots : 128;
    size_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return VK_ENOMEM;
    free(m->slots);
    m->slots = slots;
    m->n_slots = n_slots;
    for (size_t k = 0; k < m->n; k++)
        m->slots[slot_of(m, m->v[k].h, m->v[k].text, m->v[k].len)] = k + 1;
    return VK_OK;
}

/* Bytes an entry of len bytes and tokens t holds. */
static size_t
entry_bytes(size_t len, const an_tokens *t)
{
    return sizeof(memo_entry) + len + t->cap * sizeof *t->v + t->store.cap;
}

vk_status
an_memo_analyze(an_memo *m, const char *text, size_t len, an_tokens *spare, const an_tokens **out)
{
    *out = NULL;
    if (!text && len)
        return VK_EINVAL;
    uint64_t h = m ? memo_hash(text, len) : 0;
    size_t i = 0;
    if (m && m->n_slots) {
        i = slot_of(m, h, text, len);
        if (m->slots[i]) {
            *out = &m->v[m->slots[i] - 1].t;
            return VK_OK;
        }
    }
    an_tokens t = AN_TOKENS_INIT;
    vk_status rc = an_analyze(text, len, 0, &t);
    char *copy = NULL;
    if (rc == VK_OK && m && m->bytes + entry_bytes(len, &t) <= m->budget && grow(m) == VK_OK &&
        (copy = malloc(len ? len : 1)) != NULL) {
        if (len)
            memcpy(copy, text, len);
        m->v[m->n] = (memo_entry){h, copy, len, t};
        m->bytes += entry_bytes(len, &t);
        m->slots[slot_of(m, h, text, len)] = ++m->n;
        *out = &m->v[m->n - 1].t;
        return VK_OK;
    }
    /* No memo, or no room in it: the spare list holds them. */
    if (rc == VK_OK) {
        an_tokens_free(spare);
        *spare = t;
        *out = spare;
    }
    return rc;
}
