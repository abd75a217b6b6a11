/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * overlays.c: symbols written with several plain tokens, given also as one
 * token (an overlay, see an.h): document numbers, dates in figures or in
 * words, percentages, year ranges, numbers with thousands separators,
 * section numbers and abbreviations written with a slash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/docnum.h"
#include "analyzers/overlays_internal.h"
#include "analyzers/text.h"
#include "analyzers/tokens_internal.h"

/* Everything an overlay check needs. */
typedef struct scan {
    const char *text;
    size_t len;
    const an_tokens *p; /* plain tokens, resolved */
    an_tokens *ov;      /* overlays found */
    vk_buf a, b;        /* scratch for the exact and folded strings */
} scan;

/* Where an overlay lies: on plain tokens [i, i + span), over the bytes
 * [start, end) of the text. */
typedef struct cover {
    size_t i;     /* first plain token covered */
    size_t span;  /* plain tokens covered */
    size_t start; /* byte offset of the overlay in the text */
    size_t end;   /* byte offset just past it */
} cover;

/* The bytes between plain tokens i and i + 1 equal sep. */
static int
sep_is(const scan *s, size_t i, const char *sep)
{
    if (i + 1 >= s->p->n)
        return 0;
    size_t from = s->p->v[i].end, to = s->p->v[i + 1].start, l = strlen(sep);
    return to - from == l && memcmp(s->text + from, sep, l) == 0;
}

/* Token i is a number of min..max digits; returns its value, or -1. */
static long
num(const scan *s, size_t i, size_t min, size_t max)
{
    if (i >= s->p->n)
        return -1;
    const an_token *t = &s->p->v[i];
    if (t->kind != AN_NUMBER || t->exact_len < min || t->exact_len > max)
        return -1;
    long v = 0;
    for (size_t k = 0; k < t->exact_len; k++)
        v = v * 10 + (t->exact[k] - '0');
    return v;
}

static int
word_is(const scan *s, size_t i, const char *folded)
{
    if (i >= s->p->n)
        return 0;
    const an_token *t = &s->p->v[i];
    return t->folded_len == strlen(folded) && memcmp(t->folded, folded, t->folded_len) == 0;
}

/* Appends an overlay of the given kind at c, with str[0 .. len) case-folded
 * as its exact form and folded as its folded form. */
static vk_status
push(scan *s, an_kind kind, cover c, const char *str, size_t len)
{
    vk_buf_clear(&s->a);
    vk_buf_clear(&s->b);
    if (an_casefold_text(str, len, &s->a) != VK_OK || an_fold_text(str, len, &s->b) != VK_OK ||
        !s->a.data || !s->b.data)
        return VK_ENOMEM;
    an_token t = {.kind = kind,
                  .overlay = 1,
                  .span = (uint32_t)c.span,
                  .pos = s->p->v[c.i].pos,
                  .start = c.start,
                  .end = c.end};
    return an_tokens_push(s->ov, &t, s->a.data, s->a.len, s->b.data, s->b.len);
}

/* 17/11/2022, 17-11-2022, 05.11.2021; ngày 17 tháng 11 năm 2022. */
static vk_status
date_at(scan *s, size_t i, size_t *covered)
{
    char iso[16];
    long d = num(s, i, 1, 2), m = num(s, i + 1, 1, 2), y = num(s, i + 2, 4, 4);
    static const char *const seps[] = {"/", "-", "."};
    for (size_t k = 0; k < 3 && d > 0 && m > 0 && y > 0; k++) {
        if (sep_is(s, i, seps[k]) && sep_is(s, i + 1, seps[k]) && d <= 31 && m <= 12 &&
            y >= 1900 && y <= 2999) {
            snprintf(iso, sizeof iso, "%04ld-%02ld-%02ld", y, m, d);
            *covered = 3;
            return push(s, AN_DATE, (cover){i, 3, s->p->v[i].start, s->p->v[i + 2].end}, iso, 10);
        }
    }
    if (word_is(s, i, "ngay") && word_is(s, i + 2, "thang") && word_is(s, i + 4, "nam")) {
        d = num(s, i + 1, 1, 2), m = num(s, i + 3, 1, 2), y = num(s, i + 5, 4, 4);
        if (d >= 1 && d <= 31 && m >= 1 && m <= 12 && y >= 1900 && y <= 2999) {
            snprintf(iso, sizeof iso, "%04ld-%02ld-%02ld", y, m, d);
            *covered = 6;
            return push(s, AN_DATE, (cover){i, 6, s->p->v[i].start, s->p->v[i + 5].end}, iso, 10);
        }
    }
    return VK_OK;
}

/* 25%, 2025-2030, 4.500 / 1.500.000, and section numbers 2.1 / 3.1.2. */
static vk_status
number_at(scan *s, size_t i, size_t *covered)
{
    const an_token *t = &s->p->v[i];
    char buf[64];
    if (t->kind != AN_NUMBER)
        return VK_OK;
    if (t->end < s->len && s->text[t->end] == '%' && t->exact_len < 20) {
        snprintf(buf, sizeof buf, "%.*s%%", (int)t->exact_len, t->exact);
        vk_status rc = push(s, AN_NUMBER, (cover){i, 1, t->start, t->end + 1}, buf, strlen(buf));
        if (rc != VK_OK)
            return rc;
    }
    if (num(s, i, 4, 4) >= 0 && num(s, i + 1, 4, 4) >= 0 &&
        (sep_is(s, i, "-") || sep_is(s, i, "–"))) {
        snprintf(buf, sizeof buf, "%.*s-%.*s", 4, t->exact, 4, s->p->v[i + 1].exact);
        *covered = 2;
        return push(s, AN_NUMBER, (cover){i, 2, t->start, s->p->v[i + 1].end}, buf, 9);
    }
    /* Groups joined by dots: thousands (groups of 3 after the first) or a
     * section number (groups of 1-2). Dates were taken first. */
    size_t k = i, thousands = 1, section = t->exact_len <= 2;
    while (k + 1 < s->p->n && sep_is(s, k, ".") && num(s, k + 1, 1, 3) >= 0) {
        size_t gl = s->p->v[k + 1].exact_len;
        thousands &= gl == 3 && t->exact_len <= 3;
        section &= gl <= 2;
        k++;
    }
    if (k == i || (!thousands && !section) || (k - i + 1) * 4 >= sizeof buf)
        return VK_OK;
    size_t n = 0;
    for (size_t g = i; g <= k; g++) {
        if (section && g > i)
            buf[n++] = '.';
        memcpy(buf + n, s->p->v[g].exact, s->p->v[g].exact_len);
        n += s->p->v[g].exact_len;
    }
    *covered = k - i + 1;
    return push(s, section ? AN_SECTION : AN_NUMBER,
                (cover){i, k - i + 1, t->start, s->p->v[k].end}, buf, n);
}

/* Đ/c, T/M, K/T, T/L: one or two letters, a slash, one or two letters. */
static vk_status
abbrev_at(scan *s, size_t i)
{
    if (i + 1 >= s->p->n || !sep_is(s, i, "/"))
        return VK_OK;
    const an_token *a = &s->p->v[i], *b = &s->p->v[i + 1];
    if (a->kind != AN_WORD || b->kind != AN_WORD || a->folded_len > 2 || b->folded_len > 2)
        return VK_OK;
    return push(s, AN_ABBREV, (cover){i, 2, a->start, b->end}, s->text + a->start,
                b->end - a->start);
}

/* Document numbers from an_docnum_find, placed on the plain token where each
 * starts. */
static vk_status
docnums(scan *s, size_t *cursor, const an_docnum *d, size_t nd, size_t i, size_t *covered_to)
{
    const an_token *t = &s->p->v[i];
    while (*cursor < nd && d[*cursor].start < t->start)
        (*cursor)++;
    for (; *cursor < nd && d[*cursor].start == t->start; (*cursor)++) {
        const an_docnum *x = &d[*cursor];
        if (x->list_end > *covered_to)
            *covered_to = x->list_end;
        size_t span = 0;
        while (i + span < s->p->n && s->p->v[i + span].start < x->end)
            span++;
        vk_status rc = push(s, AN_DOCNUM, (cover){i, span ? span : 1, x->start, x->end}, x->canon,
                            strlen(x->canon));
        if (rc != VK_OK)
            return rc;
    }
    return VK_OK;
}

/* Runs an_docnum_find over the whole text into a growing array. */
static vk_status
find_all_docnums(const char *text, size_t len, an_docnum **out, size_t *n_out)
{
    size_t n = 0, cap = 0, at = 0;
    an_docnum *d = NULL;
    for (;;) {
        if (cap - n < 16) {
            size_t ncap = cap ? 2 * cap : 32;
            an_docnum *nd = realloc(d, ncap * sizeof *nd);
            if (!nd) {
                free(d);
                return VK_ENOMEM;
            }
            d = nd;
            cap = ncap;
        }
        size_t got = an_docnum_find(text + at, len - at, d + n, cap - n);
        for (size_t k = n; k < n + got; k++) {
            d[k].start += at, d[k].end += at, d[k].list_start += at, d[k].list_end += at;
        }
        n += got;
        if (got < cap - (n - got))
            break; /* the scan reached the end of the text */
        at = d[n - 1].list_end;
    }
    *out = d;
    *n_out = n;
    return VK_OK;
}

vk_status
an_find_overlays(const char *text, size_t len, const an_tokens *plain, an_tokens *ov)
{
    scan s = {text, len, plain, ov, VK_BUF_INIT, VK_BUF_INIT};
    an_docnum *d = NULL;
    size_t nd = 0, cursor = 0;
    vk_status rc = find_all_docnums(text, len, &d, &nd);
    /* Dates and numbers do not overlap: tokens a date or a number covers
     * start no other one ("05.11.2021" is not also section 05.11). */
    size_t free_from = 0, docnum_to = 0;
    for (size_t i = 0; i < plain->n && rc == VK_OK; i++) {
        rc = docnums(&s, &cursor, d, nd, i, &docnum_to);
        size_t covered = 0;
        if (rc == VK_OK && i >= free_from)
            rc = date_at(&s, i, &covered);
        if (rc == VK_OK && i >= free_from && !covered)
            rc = number_at(&s, i, &covered);
        if (covered)
            free_from = i + covered;
        if (rc == VK_OK && plain->v[i].start >= docnum_to) /* not the NQ/TW of 28-NQ/TW */
            rc = abbrev_at(&s, i);
    }
    free(d);
    vk_buf_free(&s.a);
    vk_buf_free(&s.b);
    if (rc == VK_OK)
        an_tokens_resolve(ov, 0);
    return rc;
}
