/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snippet.c: a passage cut around the densest group of the query's matches,
 * with the byte offsets of every match (for highlighting). The passage is
 * analyzed with the same analyzer as the query, so every matched form is
 * found whatever its tone style or diacritics.
 *
 * A long passage is analyzed first up to a line's end past its first
 * PREFIX_BYTES; when a window there holds every clause the query can show,
 * far enough from that end, it is the window of the whole passage (see
 * prefix_len), and the rest is never analyzed. Else the whole passage is.
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
 * holding the most distinct matched terms (ties: the earliest); returns how
 * many it holds. */
static size_t
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
    return best;
}

/* Moves [*from, *to), a best window, to give its matches some context: up
 * to a third of the room left before them, the rest after. */
static void
add_context(const an_tokens *t, const size_t *hit, size_t max_bytes, size_t *from, size_t *to)
{
    size_t f = *from, last = *to - 1;
    while (last > f && !hit[last])
        last--;
    size_t core = t->v[last].end - t->v[f].start;
    size_t room = core < max_bytes ? (max_bytes - core) / 3 : 0;
    size_t core_start = t->v[f].start;
    while (f > 0 && core_start - t->v[f - 1].start <= room)
        f--;
    size_t e = last + 1;
    while (e < t->n && t->v[e].end - t->v[f].start <= max_bytes)
        e++;
    *from = f;
    *to = e;
}

/* The tokens of a passage, which of them match (hit[], clause + 1), and
 * the snippet's tokens [from, to); best_to ends the best window before its
 * context was added. */
typedef struct snip_scan {
    an_tokens t;
    size_t *hit;
    size_t from, to, best_to;
} snip_scan;

static void
scan_free(snip_scan *s)
{
    free(s->hit);
    s->hit = NULL;
    an_tokens_free(&s->t);
}

/* Analyzes text[0 .. scan), marks the matches and picks the window; returns
 * the number of distinct clauses in it, or (size_t)-1 when out of memory. */
static size_t
scan_text(const qr_query *q, const char *text, size_t scan, size_t max_bytes, snip_scan *s)
{
    if (an_analyze(text, scan, 0, &s->t) != VK_OK)
        return (size_t)-1;
    s->hit = calloc(s->t.n ? s->t.n : 1, sizeof *s->hit);
    if (!s->hit)
        return (size_t)-1;
    mark_hits(q, &s->t, s->hit);
    size_t best = best_window(&s->t, s->hit, max_bytes, &s->from, &s->to);
    s->best_to = s->to;
    if (s->to > s->from && s->hit[s->from])
        add_context(&s->t, s->hit, max_bytes, &s->from, &s->to);
    return best;
}

/* Bytes of a long passage analyzed first (then up to the next newline). */
#define PREFIX_BYTES 2048

/* Positions, at the end of a prefix, whose tokens may differ from those of
 * the whole text: an overlay reads at most the 6 plain tokens of "ngày 17
 * tháng 11 năm 2022" (analyzers/overlays.c), and a phrase the query's
 * positions. */
#define PREFIX_MARGIN 8

/* The early stop. The snippet's window is the earliest one holding the
 * most distinct clauses; no window holds more than all of them. So when a
 * prefix of the text ending at a newline already has a window with every
 * clause, and every token that choice and its context read lies well
 * before the prefix's end, the rest of the text cannot change it: the
 * prefix's tokens are the text's (a token, a document number or a number
 * never runs over a newline; a date in words or a phrase runs over at most
 * PREFIX_MARGIN and the query's positions). Returns the prefix's length to
 * analyze, or 0 to analyze the whole text. */
static size_t
prefix_len(const qr_query *q, const char *text, size_t len)
{
    if (q->n_words == 0 || q->n_words > 64 || len < 2 * PREFIX_BYTES)
        return 0;
    const char *nl = memchr(text + PREFIX_BYTES, '\n', len - PREFIX_BYTES);
    size_t cut = nl ? (size_t)(nl - text) + 1 : len;
    return cut < len - len / 4 ? cut : 0;
}

static int
same_term(const qr_term *a, const qr_term *b)
{
    return a->len == b->len && a->folded == b->folded && a->span == b->span &&
           a->alt_len == b->alt_len && memcmp(a->text, b->text, a->len) == 0 &&
           (a->alt_len == 0 || memcmp(a->alt, b->alt, a->alt_len) == 0);
}

/* The most distinct clauses a window can hold: a clause written again
 * later in the query ("chạy chức, chạy quyền") marks the same tokens as
 * its repetition, which marks them last (mark_hits): it never shows. */
static size_t
clauses_markable(const qr_query *q)
{
    size_t n = q->n_words;
    for (size_t c = 0; c < q->n_words; c++) {
        const qr_clause *a = q->words[c];
        for (size_t d = c + 1; d < q->n_words; d++) {
            const qr_clause *b = q->words[d];
            size_t i = 0;
            while (a->n_terms == b->n_terms && i < a->n_terms &&
                   same_term(&a->terms[i], &b->terms[i]))
                i++;
            if (a->n_terms == b->n_terms && i == a->n_terms) {
                n--;
                break;
            }
        }
    }
    return n;
}

/* Nonzero if the window picked in the prefix scan s is the whole text's:
 * it holds every clause, and the tokens read to pick it and its context
 * (up to best_to, the first token past the best window: add_context stops
 * there at the latest) and to mark their matches lie before the margin. */
static int
prefix_enough(const qr_query *q, const snip_scan *s, size_t n_seen)
{
    if (n_seen < clauses_markable(q) || s->best_to >= s->t.n)
        return 0;
    uint64_t span = 0;
    for (size_t c = 0; c < q->n_words; c++) {
        uint64_t sp = 0;
        for (size_t i = 0; i < q->words[c]->n_terms; i++)
            sp += q->words[c]->terms[i].span;
        span = sp > span ? sp : span;
    }
    uint64_t reach = (uint64_t)s->t.v[s->best_to].pos + span + PREFIX_MARGIN;
    return reach < s->t.v[s->t.n - 1].pos;
}

/* The window and where the matches are: from a prefix when it is enough
 * (prefix_len), else from the whole text. */
static vk_status
find_window(const qr_query *q, const char *text, size_t len, size_t max_bytes, snip_scan *s)
{
    /* Without words to find (only fields: trich:, coquan: ...), the snippet
     * is the passage's start: only that much needs analyzing, cut on a
     * character boundary. */
    size_t scan = len;
    if (q->n_words == 0 && len > max_bytes + 256) {
        scan = max_bytes + 256;
        while (scan > 0 && ((unsigned char)text[scan] & 0xC0) == 0x80)
            scan--;
    }
    size_t pre = prefix_len(q, text, len);
    if (pre) {
        size_t n_seen = scan_text(q, text, pre, max_bytes, s);
        if (n_seen == (size_t)-1)
            return VK_ENOMEM;
        if (prefix_enough(q, s, n_seen))
            return VK_OK;
        scan_free(s);
    }
    return scan_text(q, text, scan, max_bytes, s) == (size_t)-1 ? VK_ENOMEM : VK_OK;
}

vk_status
qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes, vk_arena *arena,
           qr_snip *out)
{
    *out = (qr_snip){"", NULL, 0};
    snip_scan sc = {AN_TOKENS_INIT, NULL, 0, 0, 0};
    if (find_window(q, text, len, max_bytes, &sc) != VK_OK) {
        scan_free(&sc);
        return VK_ENOMEM;
    }
    const an_tokens t = sc.t;
    const size_t *hit = sc.hit;
    size_t from = sc.from, to = sc.to;
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
    scan_free(&sc);
    return rc;
}
