/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tokens.c: token lists (an.h): kinds' names, appending a token with copies
 * of its strings, and freeing a list.
 */
#include "analyzers/an.h"

#include <stdint.h>
#include <stdlib.h>

#include "analyzers/tokens_internal.h"

const char *
an_kind_name(an_kind k)
{
    switch (k) {
    case AN_WORD: return "word";
    case AN_NUMBER: return "number";
    case AN_ROMAN: return "roman";
    case AN_DOCNUM: return "docnum";
    case AN_DATE: return "date";
    case AN_SECTION: return "section";
    case AN_ABBREV: return "abbrev";
    }
    return "unknown";
}

vk_status
an_tokens_push(an_tokens *out, const an_token *tok, const char *exact, size_t exact_len,
               const char *folded, size_t folded_len)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64, bytes;
        if (vk_size_mul(cap, sizeof *out->v, &bytes))
            return VK_ENOMEM;
        an_token *v = realloc(out->v, bytes);
        if (!v)
            return VK_ENOMEM;
        out->v = v;
        out->cap = cap;
    }
    /* Strings are kept as offsets into the store until an_tokens_resolve. */
    an_token t = *tok;
    t.exact = (const char *)(uintptr_t)out->store.len;
    t.exact_len = exact_len;
    if (vk_buf_append(&out->store, exact, exact_len) != VK_OK)
        return VK_ENOMEM;
    t.folded = (const char *)(uintptr_t)out->store.len;
    t.folded_len = folded_len;
    if (vk_buf_append(&out->store, folded, folded_len) != VK_OK)
        return VK_ENOMEM;
    out->v[out->n++] = t;
    return VK_OK;
}

void
an_tokens_resolve(an_tokens *out, size_t from)
{
    for (size_t i = from; i < out->n; i++) {
        out->v[i].exact = out->store.data + (uintptr_t)out->v[i].exact;
        out->v[i].folded = out->store.data + (uintptr_t)out->v[i].folded;
    }
}

void
an_tokens_free(an_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
    vk_buf_free(&t->store);
}
