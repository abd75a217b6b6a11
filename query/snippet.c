/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snippet.c: a passage cut around the densest group of the query's matches,
 * with the byte offsets of every match (for highlighting). The passage is
 * analyzed with the same analyzer as the query, so every matched form is
 * found whatever its tone style or diacritics.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "query/qr.h"

/* ---------------------------------------------------------------------- */
/* Snippets                                                               */
/* ---------------------------------------------------------------------- */

/* Nonzero if token t matches qt: on its folded form when the term was
 * typed without diacritics or the whole query was folded. */
static int
term_matches(const qr_term *qt, const an_token *t, int fold)
{
    if (qt->folded || fold) {
        const char *f = qt->folded ? qt->text : qt->alt;
        size_t fl = qt->folded ? qt->len : qt->alt_len;
        return t->folded_len == fl && memcmp(t->folded, f, fl) == 0;
    }
    return t->exact_len == qt->len && memcmp(t->exact, qt->text, qt->len) == 0;
}

/* Marks in hit[] (clause index + 1) every token that is part of a match of
 * a clause: any occurrence of a one-term clause, and only complete,
 * adjacent occurrences of a phrase. */
/* Index of the token at position pos, from index `from` on, that matches
 * qt, or SIZE_MAX. Tokens are in position order. */
static size_t
find_at(const an_tokens *t, size_t from, uint32_t pos, const qr_term *qt, int fold)
{
    for (size_t j = from; j < t->n && t->v[j].pos <= pos; j++) {
        if (t->v[j].pos == pos && term_matches(qt, &t->v[j], fold))
            return j;
    }
    return SIZE_MAX;
}

static void
mark_hits(const qr_query *q, const an_tokens *t, size_t *hit)
{
    size_t idx[64];
    int fold = q->folded_all;
    for (size_t c = 0; c < q->n_words; c++) {
        const qr_clause *cl = q->words[c];
        size_t nt = cl->n_terms < 64 ? cl->n_terms : 64;
        for (size_t i = 0; i < t->n; i++) {
            if (!term_matches(&cl->terms[0], &t->v[i], fold))
                continue;
            idx[0] = i;
            size_t k = 1;
            uint32_t pos = t->v[i].pos + cl->terms[0].span;
            for (; k < nt; k++) {
                idx[k] = find_at(t, idx[k - 1] + 1, pos, &cl->terms[k], fold);
                if (idx[k] == SIZE_MAX)
                    break;
                pos += cl->terms[k].span;
            }
            if (k < nt)
                continue;
            for (k = 0; k < nt; k++)
                hit[idx[k]] = c + 1;
        }
    }
}

/* Picks the window [*from, *to) of tokens, at most max_bytes of text long,
 * holding the most distinct matched terms (ties: the earliest). */
static void
best_window(const an_tokens *t, const size_t *hit, size_t max_bytes, size_t *from, size_t *to)
{
    size_t best = 0, best_from = 0, best_to = 0;
    size_t seen[64];
    for (size_t i = 0; i < t->n; i++) {
        if (!hit[i])
            continue;
        size_t n_seen = 0, j = i;
        for (; j < t->n && t->v[j].end - t->v[i].start <= max_bytes; j++) {
            if (!hit[j])
                continue;
            size_t k = 0;
            while (k < n_seen && seen[k] != hit[j])
                k++;
            if (k == n_seen && n_seen < 64)
                seen[n_seen++] = hit[j];
        }
        if (n_seen > best) {
            best = n_seen;
            best_from = i;
            best_to = j;
        }
    }
    if (best == 0) {
        best_to = 0;
        while (best_to < t->n && t->v[best_to].end <= max_bytes)
            best_to++;
    }
    *from = best_from;
    *to = best_to;
}

vk_status
qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes, vk_arena *arena,
           qr_snip *out)
{
    *out = (qr_snip){"", NULL, 0};
    /* Without words to find (only fields: trich:, coquan: ...), the snippet
     * is the passage's start: only that much needs analyzing, cut on a
     * character boundary. */
    size_t scan = len;
    if (q->n_words == 0 && len > max_bytes + 256) {
        scan = max_bytes + 256;
        while (scan > 0 && ((unsigned char)text[scan] & 0xC0) == 0x80)
            scan--;
    }
    an_tokens t = AN_TOKENS_INIT;
    if (an_analyze(text, scan, 0, &t) != VK_OK)
        return VK_ENOMEM;
    size_t *hit = calloc(t.n ? t.n : 1, sizeof *hit);
    if (!hit) {
        an_tokens_free(&t);
        return VK_ENOMEM;
    }
    mark_hits(q, &t, hit);
    size_t from = 0, to = 0;
    best_window(&t, hit, max_bytes, &from, &to);
    if (to > from && hit[from]) {
        /* Give the matches some context: up to a third of the room left
         * before them, the rest after. */
        size_t last = to - 1;
        while (last > from && !hit[last])
            last--;
        size_t core = t.v[last].end - t.v[from].start;
        size_t room = core < max_bytes ? (max_bytes - core) / 3 : 0;
        size_t core_start = t.v[from].start;
        while (from > 0 && core_start - t.v[from - 1].start <= room)
            from--;
        to = last + 1;
        while (to < t.n && t.v[to].end - t.v[from].start <= max_bytes)
            to++;
    }
    size_t start = t.n && from < t.n ? t.v[from].start : 0;
    size_t end = to > 0 && to <= t.n ? t.v[to - 1].end : (len < max_bytes ? len : 0);
    /* Keep the punctuation that closes the last word. */
    while (end < len && end - start < max_bytes + 8 && strchr(".,;:!?)”\"", text[end]) && text[end])
        end++;
    int cut_before = start > 0, cut_after = end < len;
    size_t pre = cut_before ? strlen("… ") : 0;
    size_t out_len = pre + (end - start) + (cut_after ? strlen(" …") : 0);
    char *s = vk_arena_alloc(arena, out_len + 1);
    size_t *m = vk_arena_alloc(arena, 2 * (t.n ? t.n : 1) * sizeof *m);
    vk_status rc = s && m ? VK_OK : VK_ENOMEM;
    if (rc == VK_OK) {
        size_t n = 0;
        if (cut_before)
            memcpy(s, "… ", pre);
        memcpy(s + pre, text + start, end - start);
        n = pre + (end - start);
        if (cut_after)
            memcpy(s + n, " …", strlen(" …"));
        s[out_len] = '\0';
        /* Newlines between paragraphs read as spaces in a snippet. */
        for (size_t i = 0; i < out_len; i++)
            if (s[i] == '\n')
                s[i] = ' ';
        size_t k = 0;
        for (size_t i = from; i < to && i < t.n; i++) {
            if (!hit[i])
                continue;
            m[2 * k] = t.v[i].start - start + pre;
            m[2 * k + 1] = t.v[i].end - start + pre;
            k++;
        }
        *out = (qr_snip){s, m, k};
    }
    free(hit);
    an_tokens_free(&t);
    return rc;
}
