/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * docnum.c: recognizing document numbers in text (see docnum.h). A small
 * hand-written scanner over UTF-8: at each run of digits that does not
 * continue a word, try the state forms (slash first), then the Party form
 * with its optional list of numbers.
 */
#include "analyzers/docnum.h"

#include <stdio.h>
#include <string.h>

#include "analyzers/text.h"
#include "common/utf8.h"

/* A read position in the text. */
typedef struct cur {
    const char *s; /* text */
    size_t len;    /* bytes */
    size_t i;      /* position */
} cur;

static uint32_t
peek(const cur *c, size_t *l)
{
    uint32_t cp = 0;
    *l = c->i < c->len ? vk_utf8_decode(c->s + c->i, c->len - c->i, &cp) : 0;
    return *l ? cp : 0;
}

static int
is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int
is_letter(uint32_t cp)
{
    return an_is_lower(cp) || an_is_upper(cp);
}

static void
skip_spaces(cur *c)
{
    while (c->i < c->len && c->s[c->i] == ' ')
        c->i++;
}

/* Reads 1..max digits; returns the count (0: none, or too many). */
static size_t
digits(cur *c, size_t max)
{
    size_t start = c->i;
    while (c->i < c->len && is_digit((unsigned char)c->s[c->i]))
        c->i++;
    size_t n = c->i - start;
    if (n == 0 || n > max) {
        c->i = start;
        return 0;
    }
    return n;
}

/* Reads a dash: - U+2010 U+2011 U+2013, with spaces around if `spaced`. */
static int
dash(cur *c, int spaced)
{
    size_t save = c->i, l;
    if (spaced)
        skip_spaces(c);
    uint32_t cp = peek(c, &l);
    if (cp != '-' && cp != 0x2010 && cp != 0x2011 && cp != 0x2013) {
        c->i = save;
        return 0;
    }
    c->i += l;
    if (spaced)
        skip_spaces(c);
    return 1;
}

static int
slash(cur *c, int spaced)
{
    size_t save = c->i;
    if (spaced)
        skip_spaces(c);
    if (c->i >= c->len || c->s[c->i] != '/') {
        c->i = save;
        return 0;
    }
    c->i++;
    if (spaced)
        skip_spaces(c);
    return 1;
}

/* Reads a code: an upper-case letter (or digit if `digit_first`) then up to
 * `max_more` letters or digits (digits only if `digits_ok`). Returns bytes. */
static size_t
code(cur *c, size_t max_more, int digit_first, int digits_ok)
{
    size_t start = c->i, l, n = 0;
    uint32_t cp = peek(c, &l);
    if (!(an_is_upper(cp) || (digit_first && is_digit(cp))))
        return 0;
    c->i += l;
    while ((cp = peek(c, &l)) != 0 && (is_letter(cp) || (digits_ok && is_digit(cp)))) {
        if (++n > max_more) {
            c->i = start;
            return 0;
        }
        c->i += l;
    }
    return c->i - start;
}

/* Reads an issuer: codes joined by hyphens (TWĐTN-VPĐOÀN, BNV-VPCP). */
static size_t
issuer(cur *c, int digits_ok)
{
    size_t start = c->i;
    if (!code(c, 11, digits_ok, digits_ok))
        return 0;
    for (;;) {
        size_t save = c->i;
        if (c->i < c->len && c->s[c->i] == '-') {
            c->i++;
            if (code(c, 11, digits_ok, digits_ok))
                continue;
        }
        c->i = save;
        break;
    }
    return c->i - start;
}

/* The text after a number must not continue a word or a number. */
static int
ends_cleanly(const cur *c)
{
    size_t l;
    cur t = *c;
    uint32_t cp = peek(&t, &l);
    return !(is_letter(cp) || is_digit(cp) || cp == '/');
}

static void
copy(char *dst, size_t cap, const char *src, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* State forms at c (digits already checked): n/yyyy/TYPE-ISSUER,
 * n/yyyy/QHk, n/TYPE-ISSUER. */
static int
state_form(cur *c, an_docnum *d)
{
    size_t n0 = c->i, nl = digits(c, 5);
    if (!nl || !slash(c, 0))
        return 0;
    size_t y0 = c->i, yl = digits(c, 4);
    if (yl == 4 && slash(c, 0)) {
        size_t t0 = c->i, tl = code(c, 5, 0, 0);
        if (tl && c->i < c->len && c->s[c->i] == '-') {
            c->i++;
            size_t i0 = c->i, il = issuer(c, 1);
            if (il && ends_cleanly(c)) {
                d->kind = AN_DOCNUM_STATE;
                copy(d->num, sizeof d->num, c->s + n0, nl);
                copy(d->year, sizeof d->year, c->s + y0, 4);
                copy(d->type, sizeof d->type, c->s + t0, tl);
                copy(d->issuer, sizeof d->issuer, c->s + i0, il);
                return 1;
            }
        }
        c->i = t0;
        size_t i0 = c->i, il = code(c, 8, 0, 1);
        if (il >= 3 && ends_cleanly(c)) {
            cur q = {c->s + i0, il, 0};
            size_t k = 0;
            while (k < il && !is_digit((unsigned char)q.s[k]))
                k++;
            if ((k == 2 && memcmp(q.s, "QH", 2) == 0) ||
                (k == 6 && memcmp(q.s, "UBTVQH", 6) == 0)) {
                d->kind = AN_DOCNUM_LAW;
                copy(d->num, sizeof d->num, c->s + n0, nl);
                copy(d->year, sizeof d->year, c->s + y0, 4);
                d->type[0] = '\0';
                copy(d->issuer, sizeof d->issuer, c->s + i0, il);
                return 1;
            }
        }
        return 0;
    }
    c->i = y0;
    size_t t0 = c->i, tl = code(c, 5, 0, 0);
    if (!tl || c->i >= c->len || c->s[c->i] != '-')
        return 0;
    c->i++;
    size_t i0 = c->i, il = issuer(c, 1);
    if (!il || !ends_cleanly(c))
        return 0;
    d->kind = AN_DOCNUM_ADMIN;
    copy(d->num, sizeof d->num, c->s + n0, nl);
    d->year[0] = '\0';
    copy(d->type, sizeof d->type, c->s + t0, tl);
    copy(d->issuer, sizeof d->issuer, c->s + i0, il);
    return 1;
}

static void
canon(an_docnum *d)
{
    switch (d->kind) {
    case AN_DOCNUM_PARTY:
        snprintf(d->canon, sizeof d->canon, "%s-%s/%s", d->num, d->type, d->issuer);
        break;
    case AN_DOCNUM_STATE:
        snprintf(d->canon, sizeof d->canon, "%s/%s/%s-%s", d->num, d->year, d->type, d->issuer);
        break;
    case AN_DOCNUM_LAW:
        snprintf(d->canon, sizeof d->canon, "%s/%s/%s", d->num, d->year, d->issuer);
        break;
    case AN_DOCNUM_ADMIN:
        snprintf(d->canon, sizeof d->canon, "%s/%s-%s", d->num, d->type, d->issuer);
        break;
    }
}

/* A list separator: "," or "và" with spaces. */
static int
list_sep(cur *c)
{
    size_t save = c->i;
    skip_spaces(c);
    if (c->i < c->len && c->s[c->i] == ',') {
        c->i++;
    } else if (c->len - c->i >= 3 && memcmp(c->s + c->i, "và", 3) == 0) {
        c->i += 3;
    } else {
        c->i = save;
        return 0;
    }
    skip_spaces(c);
    if (c->i < c->len && is_digit((unsigned char)c->s[c->i]))
        return 1;
    c->i = save;
    return 0;
}

/* The Party form at c, with its list: "18, 19-NQ/TW". Writes one entry per
 * number (up to max) and returns the count, or 0. */
static size_t
party_form(cur *c, an_docnum *out, size_t max)
{
    size_t starts[16], lens[16], n = 0;
    size_t list_start = c->i;
    for (;;) {
        size_t s = c->i, l = digits(c, 5);
        if (!l || n == 16)
            return 0;
        starts[n] = s;
        lens[n++] = l;
        if (!list_sep(c))
            break;
    }
    if (!dash(c, 1))
        return 0;
    size_t t0 = c->i, tl = code(c, 4, 0, 0);
    if (!tl || !slash(c, 1))
        return 0;
    size_t i0 = c->i, il = issuer(c, 0);
    if (!il || !ends_cleanly(c))
        return 0;
    /* "năm 2022 và 12-KH/TW": a year that ends a date is not a list member. */
    size_t first = 0;
    while (first + 1 < n && lens[first] == 4 &&
           (c->s[starts[first]] == '1' || c->s[starts[first]] == '2') &&
           (c->s[starts[first] + 1] == '9' || c->s[starts[first] + 1] == '0'))
        first++;
    list_start = starts[first];
    size_t k = 0;
    for (; first + k < n && k < max; k++) {
        an_docnum *d = &out[k];
        memset(d, 0, sizeof *d);
        d->kind = AN_DOCNUM_PARTY;
        size_t e = first + k;
        d->start = starts[e];
        d->end = e + 1 == n ? c->i : starts[e] + lens[e];
        d->list_start = list_start;
        d->list_end = c->i;
        copy(d->num, sizeof d->num, c->s + starts[e], lens[e]);
        copy(d->type, sizeof d->type, c->s + t0, tl);
        copy(d->issuer, sizeof d->issuer, c->s + i0, il);
        canon(d);
    }
    return k;
}

/* Tries every form at position i (the start of a digit run). */
static size_t
match_at(const char *text, size_t len, size_t i, an_docnum *out, size_t max, size_t *next)
{
    cur c = {text, len, i};
    an_docnum d;
    memset(&d, 0, sizeof d);
    if (state_form(&c, &d)) {
        d.start = d.list_start = i;
        d.end = d.list_end = c.i;
        canon(&d);
        out[0] = d;
        *next = c.i;
        return 1;
    }
    c.i = i;
    size_t n = party_form(&c, out, max);
    if (n)
        *next = c.i;
    return n;
}

/* The character that ends just before byte i (0 at the start). */
static uint32_t
prev_char(const char *text, size_t i)
{
    if (i == 0)
        return 0;
    if ((unsigned char)text[i - 1] < 0x80)
        return (unsigned char)text[i - 1];
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    uint32_t cp = 0;
    return vk_utf8_decode(text + k, i - k, &cp) == i - k ? cp : 0;
}

size_t
an_docnum_find(const char *text, size_t len, an_docnum *out, size_t max)
{
    size_t found = 0, i = 0;
    while (i < len && found < max) {
        if (!is_digit((unsigned char)text[i])) {
            i++;
            continue;
        }
        /* A number starts a document number only if it does not continue a
         * word, a number or a date ("17/11/2022", "QH14"). */
        uint32_t prev = prev_char(text, i);
        if (!is_letter(prev) && prev != '/' && prev != '.' && prev != '-') {
            size_t next = i;
            size_t n = match_at(text, len, i, out + found, max - found, &next);
            if (n) {
                found += n;
                i = next;
                continue;
            }
        }
        while (i < len && is_digit((unsigned char)text[i]))
            i++;
    }
    return found;
}

int
an_docnum_parse(const char *s, size_t len, an_docnum *out)
{
    while (len > 0 && s[0] == ' ')
        s++, len--;
    while (len > 0 && s[len - 1] == ' ')
        len--;
    an_docnum d[2];
    size_t n = an_docnum_find(s, len, d, 2);
    if (n != 1 || d[0].list_start != 0 || d[0].list_end != len)
        return 0;
    *out = d[0];
    return 1;
}

vk_status
an_docnum_term(const char *number, size_t len, vk_buf *out)
{
    vk_buf f = VK_BUF_INIT;
    vk_status rc = an_fold_text(number, len, &f);
    for (size_t i = 0; rc == VK_OK && i < f.len; i++) {
        if (f.data[i] != ' ')
            rc = vk_buf_putc(out, f.data[i]);
    }
    vk_buf_free(&f);
    return rc;
}
