/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * closing.c: the end of a document (signature, "Nơi nhận", a certified copy
 * stamped after it) and the digital-signature stamp at its top.
 *
 * The closing is read line by line. An authority line (T/M, K/T, T/L and the
 * state's TM., KT., TL.) names who the signer acts for; the capitals that
 * follow are the signer's capacity; a line that reads as a personal name,
 * or "Đã ký: NAME", is the signer. "Nơi nhận" opens a dash list of
 * recipients whose entries may run over several lines. A certified copy
 * (a number with the code BS, or a label SAO LỤC / SAO Y / TRÍCH SAO, with
 * the issuer lines in capitals above it) starts a second block with its own
 * number, issuer, place, date, recipients and signer.
 */
#include <stdio.h>
#include <string.h>

#include "common/utf8.h"
#include "corpus/parse_internal.h"

/* Where the fields of one block go. */
typedef struct block {
    cp_file *f;
    cp_signer *signer;
    const char ***recipients; /* the block's recipient array */
    size_t *n_recipients;
    size_t cap;           /* capacity of *recipients */
    cp_copy *copy;        /* the copy being read, or NULL for the document */
    int in_recipients;    /* after "Nơi nhận", before the signature */
    int signing;          /* after an authority or capacity line */
    const cline *surname; /* a line of one capitalized word while signing: the
                             start of a name broken over two lines ("Dương" /
                             "Đức Tuấn"), or NULL */
} block;

/* Authority words at the start of a line, and their canonical form. */
static const struct {
    const char *prefix, *canon;
} authorities[] = {
    {"T/M ", "T/M"}, {"K/T ", "K/T"}, {"T/L ", "T/L"},  {"TM. ", "T/M"},
    {"KT. ", "K/T"}, {"TL. ", "T/L"}, {"TUQ. ", "TUQ"},
};

static int
authority_of(const char *s, size_t len, const char **canon, size_t *rest)
{
    for (size_t k = 0; k < VK_ARRAY_LEN(authorities); k++) {
        size_t l = strlen(authorities[k].prefix);
        if (len > l && strncmp(s, authorities[k].prefix, l) == 0) {
            *canon = authorities[k].canon;
            *rest = l;
            return 1;
        }
    }
    return 0;
}

/* The copy label: "Sao lục", "Sao y bản chính", "Trích sao", or NULL. */
static const char *
copy_label(const char *s, size_t len, vk_buf *scratch)
{
    const char *f = cp_folded(s, len, scratch);
    if (strcmp(f, "sao luc") == 0)
        return "Sao lục";
    if (cp_starts_with(f, "sao y"))
        return "Sao y bản chính";
    if (strcmp(f, "trich sao") == 0)
        return "Trích sao";
    return NULL;
}

static int
copy_number(const char *s, size_t len, an_docnum *d)
{
    return cp_number_line(s, len, d) && strcmp(d->type, "BS") == 0;
}

int
cp_opens_closing(const cline *ln, vk_buf *scratch)
{
    const char *canon;
    size_t rest;
    an_docnum d;
    if (ln->len == 0)
        return 0;
    /* The prefixes sought are short: the line's first bytes are folded,
     * cut where a character starts. */
    size_t head = ln->len < 64 ? ln->len : 64;
    while (head < ln->len && head > 0 && ((unsigned char)ln->s[head] & 0xC0) == 0x80)
        head--;
    const char *f = cp_folded(ln->s, head, scratch);
    return cp_starts_with(f, "noi nhan") || cp_starts_with(f, "da ky") ||
           authority_of(ln->s, ln->len, &canon, &rest) || copy_label(ln->s, ln->len, scratch) ||
           (ln->len < 40 && copy_number(ln->s, ln->len, &d));
}

/* Number of syllables if the line reads as a personal name, each a capital
 * followed by small letters; else 0. */
static size_t
name_words(const char *s, size_t len)
{
    size_t words = 0, i = 0;
    int start = 1;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l)
            return 0;
        if (cp == ' ') {
            start = 1;
        } else if (start) {
            if (!an_is_upper(cp))
                return 0;
            words++;
            start = 0;
        } else if (!an_is_lower(cp)) {
            return 0;
        }
        i += l;
    }
    return words;
}

/* Nonzero if the line reads as a personal name: two to six syllables, each
 * a capital followed by small letters. */
static int
is_name(const char *s, size_t len)
{
    size_t w = name_words(s, len);
    return w >= 2 && w <= 6;
}

/* Trims a leading dash and spaces, and trailing spaces, from s[0 .. *len). */
static const char *
trim_lead(const char *s, size_t *len)
{
    while (*len > 0 && (s[0] == ' ' || s[0] == '-' || s[0] == '+'))
        s++, (*len)--;
    while (*len > 0 && s[*len - 1] == ' ')
        (*len)--;
    return s;
}

/* trim_lead, and a trailing , ; . too. */
static const char *
trim_entry(const char *s, size_t *len)
{
    s = trim_lead(s, len);
    while (*len > 0 && strchr(" ,;.", s[*len - 1]))
        (*len)--;
    return s;
}

static vk_status
add_recipient(block *b, const char *s, size_t len)
{
    s = trim_lead(s, &len);
    if (len == 0)
        return VK_OK;
    if (*b->n_recipients == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16;
        const char **v = vk_arena_alloc(&b->f->arena, cap * sizeof *v);
        if (!v)
            return VK_ENOMEM;
        if (*b->n_recipients)
            memcpy(v, *b->recipients, *b->n_recipients * sizeof *v);
        *b->recipients = v;
        b->cap = cap;
    }
    const char *copy = vk_arena_strndup(&b->f->arena, s, len);
    if (!copy)
        return VK_ENOMEM;
    (*b->recipients)[(*b->n_recipients)++] = copy;
    return VK_OK;
}

/* Appends a continuation line to the last recipient (a name broken over
 * two lines: "- Ban Bí thư Trung ương" / "Đoàn Thanh niên ..."). */
static vk_status
continue_recipient(block *b, const char *s, size_t len)
{
    if (*b->n_recipients == 0)
        return add_recipient(b, s, len);
    const char *last = (*b->recipients)[*b->n_recipients - 1];
    s = trim_lead(s, &len);
    vk_buf j = VK_BUF_INIT;
    vk_status rc = vk_buf_printf(&j, "%s %.*s", last, (int)len, s);
    const char *r = rc == VK_OK ? vk_arena_strndup(&b->f->arena, j.data, j.len) : NULL;
    vk_buf_free(&j);
    if (!r)
        return VK_ENOMEM;
    (*b->recipients)[*b->n_recipients - 1] = r;
    return VK_OK;
}

/* Reads one line of a closing block. */
static vk_status
closing_line(block *b, const cline *ln, vk_buf *scratch, an_tokens *toks)
{
    vk_arena *a = &b->f->arena;
    const char *canon, *f = cp_folded(ln->s, ln->len, scratch);
    size_t rest;
    if (cp_starts_with(f, "noi nhan")) {
        b->in_recipients = 1;
        b->signing = 0;
        const char *colon = memchr(ln->s, ':', ln->len);
        return colon ? add_recipient(b, colon + 1, (size_t)(ln->s + ln->len - colon - 1)) : VK_OK;
    }
    if (cp_starts_with(f, "da ky")) {
        const char *colon = memchr(ln->s, ':', ln->len);
        size_t l = colon ? (size_t)(ln->s + ln->len - colon - 1) : 0;
        const char *n = colon ? trim_entry(colon + 1, &l) : NULL;
        if (n && l)
            b->signer->name = vk_arena_strndup(a, n, l);
        b->in_recipients = 0;
        return VK_OK;
    }
    if (authority_of(ln->s, ln->len, &canon, &rest)) {
        b->signer->authority = canon;
        b->signer->on_behalf_of = cp_proper_case(a, ln->s + rest, ln->len - rest);
        b->in_recipients = 0;
        b->signing = 1;
        return VK_OK;
    }
    if (b->in_recipients && (ln->s[0] == '-' || ln->s[0] == '+'))
        return add_recipient(b, ln->s, ln->len);
    if (cp_mostly_upper(ln->s, ln->len)) {
        if (!b->signer->capacity && (b->signing || !b->in_recipients || ln->len < 40))
            b->signer->capacity = cp_proper_case(a, ln->s, ln->len);
        b->in_recipients = 0;
        b->signing = 1;
        return VK_OK;
    }
    if (b->signing && !b->signer->name && b->surname && name_words(ln->s, ln->len) >= 1 &&
        name_words(ln->s, ln->len) <= 5) {
        /* "Dương" / "Đức Tuấn": one name broken by the conversion. */
        vk_buf n = VK_BUF_INIT;
        vk_buf_append(&n, b->surname->s, b->surname->len);
        vk_buf_putc(&n, ' ');
        vk_buf_append(&n, ln->s, ln->len);
        b->signer->name = n.data ? vk_arena_strndup(a, n.data, n.len) : NULL;
        vk_buf_free(&n);
        return VK_OK;
    }
    if (b->signing && !b->signer->name && name_words(ln->s, ln->len) == 1 && ln->len < 16) {
        b->surname = ln;
        return VK_OK;
    }
    if (b->signing && !b->signer->name && is_name(ln->s, ln->len)) {
        b->signer->name = vk_arena_strndup(a, ln->s, ln->len);
        return VK_OK;
    }
    if (b->in_recipients)
        return continue_recipient(b, ln->s, ln->len);
    if (b->copy) {
        size_t place_len = 0;
        cp_date d;
        if (b->copy->date.year == 0 && cp_date_in(ln->s, ln->len, toks, &d, &place_len)) {
            b->copy->date = d;
            if (place_len)
                b->copy->place = vk_arena_strndup(a, ln->s, place_len);
        }
    }
    return VK_OK;
}

/* Where a certified copy starts in lines[from .. to): its issuer lines in
 * capitals above its number or label; `to` if there is none. */
static size_t
copy_start(const cline *lines, size_t from, size_t to, vk_buf *scratch)
{
    an_docnum d;
    for (size_t i = from; i < to; i++) {
        const cline *ln = &lines[i];
        if (!copy_number(ln->s, ln->len, &d) && !copy_label(ln->s, ln->len, scratch))
            continue;
        size_t start = i;
        const char *canon;
        size_t rest;
        for (size_t k = i; k-- > from;) {
            if (lines[k].len == 0)
                continue;
            if (!cp_mostly_upper(lines[k].s, lines[k].len) ||
                authority_of(lines[k].s, lines[k].len, &canon, &rest) ||
                cp_starts_with(cp_folded(lines[k].s, lines[k].len, scratch), "noi nhan"))
                break;
            start = k;
        }
        return start;
    }
    return to;
}

/* Reads the head of a copy block: issuer lines, number, label. Returns the
 * index of the first line after them. */
static size_t
copy_head(block *b, const cline *lines, size_t from, size_t to, vk_buf *scratch)
{
    vk_buf issuer = VK_BUF_INIT;
    an_docnum d;
    size_t i = from;
    for (; i < to; i++) {
        const cline *ln = &lines[i];
        const char *label;
        if (ln->len == 0)
            continue;
        if (copy_number(ln->s, ln->len, &d)) {
            b->copy->number = vk_arena_strndup(&b->f->arena, d.canon, strlen(d.canon));
        } else if ((label = copy_label(ln->s, ln->len, scratch)) != NULL) {
            b->copy->kind = label;
        } else if (!b->copy->number && cp_mostly_upper(ln->s, ln->len)) {
            const char *p = cp_proper_case(&b->f->arena, ln->s, ln->len);
            if (p && issuer.len)
                vk_buf_puts(&issuer, " - ");
            if (p)
                vk_buf_puts(&issuer, p);
        } else {
            break;
        }
    }
    if (issuer.len)
        b->copy->issuer = vk_arena_strndup(&b->f->arena, issuer.data, issuer.len);
    vk_buf_free(&issuer);
    return i;
}

static vk_status
read_block(block *b, const cline *lines, size_t from, size_t to, vk_buf *scratch, an_tokens *toks)
{
    vk_status rc = VK_OK;
    for (size_t i = from; i < to && rc == VK_OK; i++) {
        if (lines[i].len)
            rc = closing_line(b, &lines[i], scratch, toks);
    }
    /* Entries end in "," or ";" or "." in the list: not part of the name. */
    for (size_t k = 0; rc == VK_OK && k < *b->n_recipients; k++) {
        const char *r = (*b->recipients)[k];
        size_t len = strlen(r);
        r = trim_entry(r, &len);
        (*b->recipients)[k] = vk_arena_strndup(&b->f->arena, r, len);
        if (!(*b->recipients)[k])
            rc = VK_ENOMEM;
    }
    return rc;
}

vk_status
cp_parse_closing(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to)
{
    vk_buf scratch = VK_BUF_INIT;
    an_tokens toks = AN_TOKENS_INIT;
    size_t c = copy_start(lines, from, to, &scratch);
    block own = {f, &doc->signer, &doc->recipients, &doc->n_recipients, 0, NULL, 0, 0, NULL};
    vk_status rc = read_block(&own, lines, from, c, &scratch, &toks);
    if (rc == VK_OK && c < to) {
        doc->copy = vk_arena_alloc(&f->arena, sizeof *doc->copy);
        if (!doc->copy) {
            rc = VK_ENOMEM;
        } else {
            block cb = {f,
                        &doc->copy->signer,
                        &doc->copy->recipients,
                        &doc->copy->n_recipients,
                        0,
                        doc->copy,
                        0,
                        0,
                        NULL};
            size_t body = copy_head(&cb, lines, c, to, &scratch);
            rc = read_block(&cb, lines, body, to, &scratch, &toks);
        }
    }
    vk_buf_free(&scratch);
    an_tokens_free(&toks);
    return rc;
}

/* "05.11.2021 15:00:30" and an optional "+07:00" -> ISO 8601. */
static const char *
stamp_time(vk_arena *a, const char *s, size_t len, const char *tz, size_t tz_len)
{
    int d, m, y, hh, mm, ss;
    char buf[64], in[64];
    if (len >= sizeof in)
        return NULL;
    memcpy(in, s, len);
    in[len] = '\0';
    if (sscanf(in, "%d.%d.%d %d:%d:%d", &d, &m, &y, &hh, &mm, &ss) != 6 || d < 1 || d > 31 ||
        m < 1 || m > 12 || y < 1900 || y > 2999 || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
        ss < 0 || ss > 60)
        return NULL;
    int n = snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%.*s", y, m, d, hh, mm, ss,
                     tz_len == 6 ? 6 : 0, tz);
    return n > 0 ? vk_arena_strndup(a, buf, (size_t)n) : NULL;
}

/* The value after "Key:" on a line, trimmed. */
static const char *
value_after(const cline *ln, size_t *len)
{
    const char *colon = memchr(ln->s, ':', ln->len);
    if (!colon)
        return NULL;
    *len = (size_t)(ln->s + ln->len - colon - 1);
    return trim_entry(colon + 1, len);
}

vk_status
cp_parse_stamp(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to)
{
    vk_buf scratch = VK_BUF_INIT;
    cp_stamp st = {NULL, NULL, NULL};
    for (size_t i = from; i < to && i < from + 24; i++) {
        const cline *ln = &lines[i];
        size_t vl = 0;
        const char *v = ln->len ? value_after(ln, &vl) : NULL;
        if (!v || !vl)
            continue;
        const char *key = cp_folded(ln->s, ln->len, &scratch);
        if (cp_starts_with(key, "ky boi"))
            st.signed_by = vk_arena_strndup(&f->arena, v, vl);
        else if (cp_starts_with(key, "co quan"))
            st.agency = vk_arena_strndup(&f->arena, v, vl);
        else if (cp_starts_with(key, "ngay ky")) {
            /* The zone may sit alone on the next line ("+07:00"). */
            const char *tz = "";
            size_t tzl = 0;
            if (vl > 20 && (v[vl - 6] == '+' || v[vl - 6] == '-')) {
                tz = v + vl - 6, tzl = 6, vl -= 7;
            } else if (i + 1 < to && lines[i + 1].len == 6 &&
                       (lines[i + 1].s[0] == '+' || lines[i + 1].s[0] == '-')) {
                tz = lines[i + 1].s, tzl = 6;
            }
            st.signed_at = stamp_time(&f->arena, v, vl, tz, tzl);
        }
    }
    vk_buf_free(&scratch);
    if (!st.signed_by && !st.signed_at)
        return VK_OK;
    doc->stamp = vk_arena_alloc(&f->arena, sizeof *doc->stamp);
    if (!doc->stamp)
        return VK_ENOMEM;
    *doc->stamp = st;
    return VK_OK;
}
