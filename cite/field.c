/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * field.c: the fields of a citation as values, for every other file of
 * cite/ and depending on none: their names, dates as citations write them,
 * Vietnamese ordinals and Roman numerals, the conference a plenum or a
 * congress is named by, document numbers as index terms and their
 * equality; and the arena arrays and folded or cleaned copies of text
 * they all use.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "cite/field_internal.h"
#include "common/i18n.h"
#include "common/utf8.h"

static const char *const field_names[CT_F_COUNT] = {
    "number", "type", "date", "issuer", "term", "plenum", "congress", "subject", "quote", "section",
};

const char *
ct_field_name(ct_field f)
{
    return (unsigned)f < CT_F_COUNT ? field_names[f] : "?";
}

const char *
ct_field_label(ct_field f)
{
    static const char *const labels[CT_F_COUNT] = {
        N_("number"), N_("type"),     N_("date"),    N_("issuer"), N_("term"),
        N_("plenum"), N_("congress"), N_("subject"), N_("quote"),  N_("section"),
    };
    return (unsigned)f < CT_F_COUNT ? _(labels[f]) : "?";
}

const char *
ct_severity_label(ct_severity s)
{
    return s == CT_SEV_ERROR ? _("ERROR") : s == CT_SEV_WARNING ? _("WARNING") : _("OK");
}

const char *
ct_severity_name(ct_severity s)
{
    return s == CT_SEV_ERROR ? "ERROR" : s == CT_SEV_WARNING ? "WARNING" : "OK";
}

char *
ct_date_vi(const cp_date *d, char buf[16])
{
    if (d->year <= 0 || d->year > 9999 || d->month < 1 || d->month > 12 || d->day < 1 ||
        d->day > 31)
        buf[0] = '\0';
    else if (d->month <= 2)
        snprintf(buf, 16, "%02d/%02d/%d", d->day, d->month, d->year);
    else
        snprintf(buf, 16, "%02d/%d/%d", d->day, d->month, d->year);
    return buf;
}

/* ---------------------------------------------------------------------- */
/* Arrays and text                                                        */
/* ---------------------------------------------------------------------- */

void *
ct_grow(vk_arena *a, void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    size_t nc = *cap ? 2 * *cap : 8, bytes;
    if (vk_size_mul(nc, size, &bytes))
        return NULL;
    void *nv = vk_arena_alloc(a, bytes);
    if (!nv)
        return NULL;
    if (n)
        memcpy(nv, v, n * size);
    *cap = nc;
    return nv;
}

vk_status
ct_push_str(vk_arena *a, const char ***v, size_t *n, size_t *cap, const char *s)
{
    const char **nv = ct_grow(a, *v, *n, cap, sizeof **v);
    if (!nv)
        return VK_ENOMEM;
    nv[(*n)++] = s;
    *v = nv;
    return VK_OK;
}

vk_status
ct_fold_words(const char *s, size_t len, vk_buf *out)
{
    an_tokens t = AN_TOKENS_INIT;
    vk_buf_clear(out);
    vk_status rc = an_analyze(s, len, 1, &t);
    for (size_t i = 0; rc == VK_OK && i < t.n; i++) {
        if (t.v[i].overlay)
            continue;
        if (out->len)
            rc = vk_buf_putc(out, ' ');
        if (rc == VK_OK)
            rc = vk_buf_append(out, t.v[i].folded, t.v[i].folded_len);
    }
    if (rc == VK_OK && !out->data)
        rc = vk_buf_puts(out, "");
    an_tokens_free(&t);
    return rc;
}

const char *
ct_clean_copy(vk_arena *a, const char *s, size_t len)
{
    char *o = vk_arena_alloc(a, len + 1);
    if (!o)
        return NULL;
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '*' || c == '_')
            continue;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (space)
            o[n++] = ' ';
        space = 0;
        o[n++] = c;
    }
    o[n] = '\0';
    return o;
}

/* ---------------------------------------------------------------------- */
/* Ordinals and Roman numerals                                            */
/* ---------------------------------------------------------------------- */

/* Is the code point at s[i] part of a word (a letter, a combining mark, an
 * ASCII digit)? *n receives its length. */
static int
word_char(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp;
    *n = vk_utf8_decode(s + i, len - i, &cp);
    if (*n == 0) {
        *n = 1;
        return 0;
    }
    if (cp < 0x80)
        return isalnum((int)cp);
    return an_is_lower(cp) || an_is_upper(cp) || (cp >= 0x300 && cp <= 0x36f);
}

/* The word of s from i on (white space skipped): its bytes [*ws, *we) and
 * its folded form in w ("" when longer than w holds). Returns 0 at the end
 * or before a character that is not part of a word. */
static int
word_at(const char *s, size_t len, size_t i, size_t *ws, size_t *we, char w[16])
{
    size_t n;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
    size_t e = i;
    while (e < len && word_char(s, len, e, &n))
        e += n;
    if (e == i)
        return 0;
    *ws = i;
    *we = e;
    vk_buf f = VK_BUF_INIT;
    w[0] = '\0';
    if (an_fold_text(s + i, e - i, &f) == VK_OK && f.len < 16) {
        memcpy(w, f.data, f.len);
        w[f.len] = '\0';
    }
    vk_buf_free(&f);
    return 1;
}

/* The value of a unit word (folded); after "mươi"/"mười", "lăm" and
 * "nhăm" are 5 and "mốt" 1 too. 0 if none. */
static int
unit_value(const char *w, int after_ten)
{
    static const struct {
        const char *w;
        int v;
    } units[] = {{"mot", 1}, {"hai", 2}, {"ba", 3},  {"tu", 4},  {"bon", 4},
                 {"nam", 5}, {"sau", 6}, {"bay", 7}, {"tam", 8}, {"chin", 9}};
    for (size_t k = 0; k < VK_ARRAY_LEN(units); k++) {
        if (strcmp(w, units[k].w) == 0)
            return units[k].v;
    }
    if (after_ten && (strcmp(w, "lam") == 0 || strcmp(w, "nham") == 0))
        return 5;
    return 0;
}

/* A Roman numeral written in capitals (I .. XCIX), or 0. */
static int
roman_value(const char *s, size_t n)
{
    int v = 0, prev = 0;
    if (n == 0 || n > 8)
        return 0;
    for (size_t i = n; i-- > 0;) {
        const char *p = strchr("IVXLC", s[i]);
        static const int val[] = {1, 5, 10, 50, 100};
        if (!p || !s[i])
            return 0;
        int x = val[p - "IVXLC"];
        v += x < prev ? -x : x;
        prev = x > prev ? x : prev;
    }
    char back[16];
    ct_roman(v, back);
    return strlen(back) == n && memcmp(back, s, n) == 0 ? v : 0;
}

int
ct_digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 99)
            return 0;
        v = 10 * v + (s[i] - '0');
    }
    return v <= 99 ? v : 0;
}

int
ct_ordinal_parse(const char *s, size_t len, size_t *used)
{
    size_t ws, we, ws2, we2, end;
    char w[16], w2[16];
    int v = 0, u;
    if (used)
        *used = 0;
    if (!s || !word_at(s, len, 0, &ws, &we, w))
        return 0;
    end = we;
    if ((v = ct_digits_value(s + ws, we - ws)) > 0 || (v = roman_value(s + ws, we - ws)) > 0) {
        /* digits or a Roman numeral */
    } else if (strcmp(w, "nhat") == 0) {
        v = 1;
    } else if (strcmp(w, "muoi") == 0) {
        v = 10;
        if (word_at(s, len, we, &ws2, &we2, w2) && (u = unit_value(w2, 1)) > 0) {
            v += u;
            end = we2;
        }
    } else if ((v = unit_value(w, 0)) > 1 && word_at(s, len, we, &ws2, &we2, w2) &&
               strcmp(w2, "muoi") == 0) {
        v *= 10;
        end = we2;
        if (word_at(s, len, we2, &ws2, &we2, w2) && (u = unit_value(w2, 1)) > 0) {
            v += u;
            end = we2;
        }
    }
    if (v > 0 && used)
        *used = end;
    return v;
}

char *
ct_roman(int n, char buf[16])
{
    static const char *tens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
    static const char *ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    if (n < 1 || n > 99)
        buf[0] = '\0';
    else
        snprintf(buf, 16, "%s%s", tens[n / 10], ones[n % 10]);
    return buf;
}

/* ---------------------------------------------------------------------- */
/* Conferences                                                            */
/* ---------------------------------------------------------------------- */

int
ct_conference_plenum(const char *conference)
{
    an_tokens t = AN_TOKENS_INIT;
    int plenum = 0, congress = 0;
    if (!conference || an_analyze(conference, strlen(conference), 1, &t) != VK_OK) {
        an_tokens_free(&t);
        return 0;
    }
    for (size_t k = 0; k + 1 < t.n && !plenum; k++) {
        const an_token *a = &t.v[k], *b = &t.v[k + 1];
        if (a->overlay || b->overlay)
            continue;
        if (a->folded_len == 3 && memcmp(a->folded, "dai", 3) == 0 && b->folded_len == 3 &&
            memcmp(b->folded, "hoi", 3) == 0)
            congress = 1;
        if (!congress && a->folded_len == 3 && memcmp(a->folded, "lan", 3) == 0 &&
            b->folded_len == 3 && memcmp(b->folded, "thu", 3) == 0)
            plenum = ct_ordinal_parse(conference + b->end, strlen(conference) - b->end, NULL);
        if (a->folded_len == 5 && memcmp(a->folded, "trung", 5) == 0 && b->folded_len == 4 &&
            memcmp(b->folded, "uong", 4) == 0 && k + 2 < t.n && t.v[k + 2].kind == AN_NUMBER)
            plenum = atoi(t.v[k + 2].exact);
    }
    an_tokens_free(&t);
    return plenum >= 1 && plenum <= 99 ? plenum : 0;
}

char *
ct_conference_congress(const char *conference, char buf[16])
{
    an_tokens t = AN_TOKENS_INIT;
    buf[0] = '\0';
    if (!conference || an_analyze(conference, strlen(conference), 1, &t) != VK_OK) {
        an_tokens_free(&t);
        return buf;
    }
    int congress = 0;
    for (size_t k = 0; k < t.n && !buf[0]; k++) {
        const an_token *a = &t.v[k], *b = k + 1 < t.n ? &t.v[k + 1] : NULL;
        if (a->overlay)
            continue;
        if (b && a->folded_len == 3 && memcmp(a->folded, "dai", 3) == 0 && b->folded_len == 3 &&
            memcmp(b->folded, "hoi", 3) == 0)
            congress = 1;
        else if (congress && b && a->folded_len == 3 && memcmp(a->folded, "lan", 3) == 0 &&
                 b->folded_len == 3 && memcmp(b->folded, "thu", 3) == 0)
            ct_roman(ct_ordinal_parse(conference + b->end, strlen(conference) - b->end, NULL), buf);
        else if (congress && a->kind == AN_ROMAN)
            ct_roman(ct_ordinal_parse(conference + a->start, a->end - a->start, NULL), buf);
    }
    an_tokens_free(&t);
    return buf;
}

/* ---------------------------------------------------------------------- */
/* Numbers                                                                */
/* ---------------------------------------------------------------------- */

vk_status
ct_number_term(const char *number, vk_buf *out)
{
    vk_buf_clear(out);
    vk_status rc = an_docnum_term(number, strlen(number), out);
    return rc == VK_OK && !out->data ? vk_buf_puts(out, "") : rc;
}

vk_status
ct_short_term(const char *num, const char *type_code, vk_buf *out)
{
    vk_buf_clear(out);
    while (num[0] == '0' && num[1])
        num++;
    vk_status rc = vk_buf_printf(out, "%s-", num);
    return rc == VK_OK ? an_fold_text(type_code, strlen(type_code), out) : rc;
}

int
ct_number_equal(const char *a, const char *b)
{
    an_docnum x, y;
    if (!a || !b)
        return 0;
    if (!an_docnum_parse(a, strlen(a), &x) || !an_docnum_parse(b, strlen(b), &y))
        return strcasecmp(a, b) == 0;
    if (x.kind != y.kind || atoi(x.num) != atoi(y.num) || strcmp(x.year, y.year) != 0)
        return 0;
    vk_buf fa = VK_BUF_INIT, fb = VK_BUF_INIT;
    int eq = an_fold_text(x.type, strlen(x.type), &fa) == VK_OK &&
             an_fold_text(y.type, strlen(y.type), &fb) == VK_OK && vk_buf_putc(&fa, '/') == VK_OK &&
             vk_buf_putc(&fb, '/') == VK_OK &&
             an_fold_text(x.issuer, strlen(x.issuer), &fa) == VK_OK &&
             an_fold_text(y.issuer, strlen(y.issuer), &fb) == VK_OK && fa.len == fb.len &&
             (fa.len == 0 || memcmp(fa.data, fb.data, fa.len) == 0);
    vk_buf_free(&fa);
    vk_buf_free(&fb);
    return eq;
}

int
ct_code_equal(const char *a, const char *b)
{
    vk_buf fa = VK_BUF_INIT, fb = VK_BUF_INIT;
    int eq = an_fold_text(a, strlen(a), &fa) == VK_OK && an_fold_text(b, strlen(b), &fb) == VK_OK &&
             fa.len == fb.len && (fa.len == 0 || memcmp(fa.data, fb.data, fa.len) == 0);
    vk_buf_free(&fa);
    vk_buf_free(&fb);
    return eq;
}
