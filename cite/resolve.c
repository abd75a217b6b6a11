/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * resolve.c: a reference typed by a drafter read field by field (the
 * ordinals of "Hội nghị lần thứ sáu" are read by field.c), resolved to
 * ranked candidates (candidates.c), and the section asked for cited (ct.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "cite/candidates_internal.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/cite.h"
#include "query/qr.h"

/* ---------------------------------------------------------------------- */
/* Reading a reference                                                    */
/* ---------------------------------------------------------------------- */

/* The state of reading one reference. */
typedef struct reader {
    const char *s; /* the reference, without "#section" */
    size_t len;
    an_tokens t;         /* its tokens */
    unsigned char *used; /* per token: taken by a field */
    vk_arena *a;         /* where the fields go */
    ct_ref *r;           /* the fields */
} reader;

static int
is_word(const an_token *t, const char *folded)
{
    size_t n = strlen(folded);
    return !t->overlay && t->folded_len == n && memcmp(t->folded, folded, n) == 0;
}

/* The next plain token after i, or t.n. */
static size_t
next_tok(const reader *rd, size_t i)
{
    for (i++; i < rd->t.n && rd->t.v[i].overlay; i++)
        ;
    return i;
}

/* Marks the plain tokens inside bytes [start, end) as used. */
static void
use_bytes(reader *rd, size_t start, size_t end)
{
    for (size_t k = 0; k < rd->t.n; k++) {
        if (rd->t.v[k].start >= start && rd->t.v[k].end <= end)
            rd->used[k] = 1;
    }
}

static const char *
dup(reader *rd, const char *s, size_t n)
{
    return vk_arena_strndup(rd->a, s, n);
}

/* Sets the number fields from a canonical number. */
static vk_status
set_number(reader *rd, const char *canon)
{
    an_docnum d;
    ct_ref *r = rd->r;
    if (!an_docnum_parse(canon, strlen(canon), &d))
        return VK_OK;
    if (!(r->number = dup(rd, d.canon, strlen(d.canon))))
        return VK_ENOMEM;
    if (d.kind != AN_DOCNUM_PARTY)
        return VK_OK;
    const char *digits = d.num;
    while (digits[0] == '0' && digits[1])
        digits++;
    r->num = dup(rd, digits, strlen(digits));
    r->type_code = dup(rd, d.type, strlen(d.type));
    r->issuer_code = dup(rd, d.issuer, strlen(d.issuer));
    return r->num && r->type_code && r->issuer_code ? VK_OK : VK_ENOMEM;
}

/* Takes what the citation finder reads in the text: the fields of its
 * first citation. */
static vk_status
read_citation(reader *rd)
{
    vk_arena scratch = VK_ARENA_INIT;
    cp_citation *c = NULL;
    size_t n = 0;
    ct_ref *r = rd->r;
    vk_status rc = cp_cite_find(rd->s, rd->len, &scratch, &c, &n);
    if (rc == VK_OK && n > 0) {
        if (c->number)
            rc = set_number(rd, c->number);
        r->type_name = c->type_name;
        if (!r->type_code && c->type_code)
            r->type_code = dup(rd, c->type_code, strlen(c->type_code));
        r->date = c->date;
        if (c->issuer)
            r->issuer = dup(rd, c->issuer, strlen(c->issuer));
        if (c->term)
            r->term = dup(rd, c->term, strlen(c->term));
        if (c->plenum)
            r->plenum = atoi(c->plenum);
        if (c->congress)
            r->congress = dup(rd, c->congress, strlen(c->congress));
        if ((c->issuer && !r->issuer) || (c->term && !r->term) || (c->congress && !r->congress))
            rc = VK_ENOMEM;
    }
    vk_arena_free(&scratch);
    return rc;
}

/* Overlays: a full number, a date. */
static vk_status
read_overlays(reader *rd)
{
    vk_status rc = VK_OK;
    for (size_t k = 0; rc == VK_OK && k < rd->t.n; k++) {
        const an_token *t = &rd->t.v[k];
        if (!t->overlay)
            continue;
        if (t->kind == AN_DOCNUM) {
            an_docnum d;
            if (!rd->r->number && an_docnum_parse(rd->s + t->start, t->end - t->start, &d))
                rc = set_number(rd, d.canon);
            use_bytes(rd, t->start, t->end);
        } else if (t->kind == AN_DATE) {
            int y, m, d;
            if (!rd->r->date.year && t->exact_len == 10 &&
                sscanf(t->exact, "%4d-%2d-%2d", &y, &m, &d) == 3)
                rd->r->date = (cp_date){y, m, d};
            use_bytes(rd, t->start, t->end);
        }
    }
    return rc;
}

/* A term or congress numeral from token t: "XIII", or digits made Roman. */
static const char *
numeral(reader *rd, const an_token *t)
{
    char buf[16];
    if (t->kind == AN_ROMAN) {
        size_t n = t->end - t->start < 15 ? t->end - t->start : 15;
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)toupper((unsigned char)rd->s[t->start + i]);
        buf[n] = '\0';
    } else {
        ct_roman(ct_digits_value(rd->s + t->start, t->end - t->start), buf);
    }
    return *buf ? dup(rd, buf, strlen(buf)) : NULL;
}

/* "Đại hội [Đảng] [đại biểu] [toàn quốc] [lần thứ] XII" from token k on
 * ("đại"). */
static size_t
read_congress(reader *rd, size_t k)
{
    static const char *skip[] = {"dai", "hoi", "dang", "bieu", "toan", "quoc"};
    size_t i = k;
    for (;;) {
        int skipped = 0;
        for (size_t j = 0; i < rd->t.n && j < VK_ARRAY_LEN(skip); j++)
            skipped |= is_word(&rd->t.v[i], skip[j]);
        if (!skipped)
            break;
        rd->used[i] = 1;
        i = next_tok(rd, i);
    }
    size_t i2 = i < rd->t.n ? next_tok(rd, i) : i;
    if (i2 < rd->t.n && is_word(&rd->t.v[i], "lan") && is_word(&rd->t.v[i2], "thu")) {
        size_t used = 0, at = rd->t.v[i2].end;
        int v = ct_ordinal_parse(rd->s + at, rd->len - at, &used);
        char buf[16];
        ct_roman(v, buf);
        if (*buf && !rd->r->congress)
            rd->r->congress = dup(rd, buf, strlen(buf));
        use_bytes(rd, rd->t.v[i].start, at + used);
        return i2;
    }
    if (i < rd->t.n && (rd->t.v[i].kind == AN_ROMAN || rd->t.v[i].kind == AN_NUMBER)) {
        if (!rd->r->congress)
            rd->r->congress = numeral(rd, &rd->t.v[i]);
        rd->used[i] = 1;
    }
    return i;
}

/* Is the byte before token t (spaces skipped) a slash, as in "28/TW"? */
static int
slash_before(const reader *rd, const an_token *t)
{
    size_t i = t->start;
    while (i > 0 && rd->s[i - 1] == ' ')
        i--;
    return i > 0 && rd->s[i - 1] == '/';
}

/* Term, plenum and congress: "khóa XIII", "Trung ương 6", "TW 6",
 * "lần thứ sáu", "Đại hội XII". */
static void
read_numbered_words(reader *rd)
{
    ct_ref *r = rd->r;
    const an_token *v = rd->t.v;
    for (size_t k = next_tok(rd, (size_t)-1); k < rd->t.n; k = next_tok(rd, k)) {
        size_t k2 = next_tok(rd, k), k3 = k2 < rd->t.n ? next_tok(rd, k2) : k2;
        const an_token *t2 = k2 < rd->t.n ? &v[k2] : NULL;
        if (is_word(&v[k], "khoa") && t2 && (t2->kind == AN_ROMAN || t2->kind == AN_NUMBER)) {
            if (!r->term)
                r->term = numeral(rd, t2);
            rd->used[k] = rd->used[k2] = 1;
            k = k2;
        } else if (is_word(&v[k], "dai") && t2 && is_word(t2, "hoi")) {
            k = read_congress(rd, k);
        } else if (is_word(&v[k], "lan") && t2 && is_word(t2, "thu")) {
            size_t used = 0;
            int p = ct_ordinal_parse(rd->s + t2->end, rd->len - t2->end, &used);
            if (p && !r->plenum)
                r->plenum = p;
            if (p)
                use_bytes(rd, v[k].start, t2->end + used);
            k = k2;
        } else if (is_word(&v[k], "trung") && t2 && is_word(t2, "uong") && k3 < rd->t.n &&
                   v[k3].kind == AN_NUMBER && v[k3].pos == t2->pos + 1) {
            if (!r->plenum)
                r->plenum = ct_digits_value(rd->s + v[k3].start, v[k3].end - v[k3].start);
            rd->used[k3] = 1;
            k = k3;
        } else if (is_word(&v[k], "tw") && t2 && t2->kind == AN_NUMBER && t2->pos == v[k].pos + 1 &&
                   !slash_before(rd, &v[k])) {
            if (!r->plenum)
                r->plenum = ct_digits_value(rd->s + t2->start, t2->end - t2->start);
            rd->used[k] = rd->used[k2] = 1;
            k = k2;
        }
    }
}

/* Does the text between two tokens hold punctuation that ends a field? */
static int
field_break(const reader *rd, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (strchr(",;()#\"", rd->s[i]) || (unsigned char)rd->s[i] == 0xe2) /* “ ” – */
            return 1;
    }
    return 0;
}

/* "của ISSUER": the words after "của" up to "khóa", "về", "ngày", a
 * number or punctuation. */
static vk_status
read_issuer(reader *rd, size_t k)
{
    const an_token *v = rd->t.v;
    size_t first = next_tok(rd, k), last = rd->t.n;
    rd->used[k] = 1;
    for (size_t i = first; i < rd->t.n; i = next_tok(rd, i)) {
        if (is_word(&v[i], "khoa") || is_word(&v[i], "ve") || is_word(&v[i], "ngay") ||
            v[i].kind == AN_NUMBER || (i > first && field_break(rd, v[last].end, v[i].start)))
            break;
        last = i;
        rd->used[i] = 1;
    }
    if (last == rd->t.n || rd->r->issuer)
        return VK_OK;
    rd->r->issuer = ct_clean_copy(rd->a, rd->s + v[first].start, v[last].end - v[first].start);
    return rd->r->issuer ? VK_OK : VK_ENOMEM;
}

/* The text between the first pair of quotes in s[from .. len): “...”,
 * "..." or «...»; sets *qs, *qe to the inside. */
static int
find_quoted(const char *s, size_t len, size_t from, size_t *qs, size_t *qe)
{
    static const char *open[] = {"\xe2\x80\x9c", "\"", "\xc2\xab"};
    static const char *close[] = {"\xe2\x80\x9d", "\"", "\xc2\xbb"};
    for (size_t i = from; i < len; i++) {
        for (size_t k = 0; k < 3; k++) {
            size_t ol = strlen(open[k]);
            if (i + ol > len || memcmp(s + i, open[k], ol) != 0)
                continue;
            const char *e = NULL;
            for (size_t j = i + ol; j + strlen(close[k]) <= len && !e; j++) {
                if (memcmp(s + j, close[k], strlen(close[k])) == 0)
                    e = s + j;
            }
            if (!e)
                return 0;
            *qs = i + ol;
            *qe = (size_t)(e - s);
            return 1;
        }
    }
    return 0;
}

/* "về SUBJECT" to the end, or a quoted subject. */
static vk_status
read_subject(reader *rd)
{
    size_t from = rd->len, qs, qe;
    for (size_t k = next_tok(rd, (size_t)-1); k < rd->t.n; k = next_tok(rd, k)) {
        if (!rd->used[k] && is_word(&rd->t.v[k], "ve")) {
            from = rd->t.v[k].end;
            break;
        }
    }
    int quoted = find_quoted(rd->s, rd->len, from < rd->len ? from : 0, &qs, &qe);
    if (!quoted && from == rd->len)
        return VK_OK;
    if (!quoted) {
        qs = from;
        qe = rd->len;
    }
    const char *subj = ct_clean_copy(rd->a, rd->s + qs, qe - qs);
    if (!subj)
        return VK_ENOMEM;
    use_bytes(rd, from < qs ? from : qs, rd->len);
    if (*subj) {
        rd->r->subject = subj;
        rd->r->subject_quoted = quoted;
    }
    return VK_OK;
}

/* A type word ("Nghị quyết", "quy dinh") at token k, or a type code
 * written in capitals ("NQ", "QĐ", "CTr"). */
static const cp_type *
type_at(reader *rd, size_t k, size_t *last)
{
    const an_token *v = rd->t.v;
    size_t ends[4], n = 0;
    for (size_t i = k; i < rd->t.n && n < 4 && !rd->used[i]; i = next_tok(rd, i))
        ends[n++] = i;
    for (size_t l = n; l > 0; l--) {
        const cp_type *t = cp_type_by_name(rd->s + v[k].start, v[ends[l - 1]].end - v[k].start);
        if (t) {
            *last = ends[l - 1];
            return t;
        }
    }
    const char *w = rd->s + v[k].start;
    size_t wl = v[k].end - v[k].start;
    int upper = 1;
    for (size_t i = 0; i < wl; i++)
        upper &= !((unsigned char)w[i] < 0x80 && islower((unsigned char)w[i]));
    const cp_type *t = cp_type_by_code(w, wl);
    if (t && (strlen(t->code) == wl && memcmp(t->code, w, wl) == 0 ? 1 : upper) &&
        !slash_before(rd, &v[k])) {
        *last = k;
        return t;
    }
    return NULL;
}

/* The type, and a number given by its digits ("Nghị quyết 28", "NQ 28/TW"). */
static vk_status
read_type_and_digits(reader *rd)
{
    ct_ref *r = rd->r;
    const an_token *v = rd->t.v;
    for (size_t k = next_tok(rd, (size_t)-1); k < rd->t.n; k = next_tok(rd, k)) {
        size_t last;
        const cp_type *t;
        if (rd->used[k])
            continue;
        if (!r->type_name && (t = type_at(rd, k, &last)) != NULL) {
            if (last > k || strcmp(t->code, "QĐ") != 0) /* "QĐ" alone names no one type */
                r->type_name = t->name;
            if (!r->type_code)
                r->type_code = t->code;
            for (size_t i = k; i <= last; i++)
                rd->used[i] = 1;
            k = last;
        } else if (!r->num && v[k].kind == AN_NUMBER) {
            const char *d = rd->s + v[k].start;
            size_t dl = v[k].end - v[k].start;
            while (dl > 1 && *d == '0')
                d++, dl--;
            if (!(r->num = dup(rd, d, dl)))
                return VK_ENOMEM;
            rd->used[k] = 1;
            size_t i = v[k].end;
            while (i < rd->len && rd->s[i] == ' ')
                i++;
            if (i < rd->len && rd->s[i] == '/') {
                size_t s0 = ++i, e;
                while (s0 < rd->len && rd->s[s0] == ' ')
                    s0++;
                for (e = s0; e < rd->len && !strchr(" ,;#", rd->s[e]); e++)
                    ;
                if (e > s0 && !(r->issuer_code = dup(rd, rd->s + s0, e - s0)))
                    return VK_ENOMEM;
                use_bytes(rd, s0, e);
            }
        }
    }
    return VK_OK;
}

/* A document key: lower-case letters, digits and '-', with a '-'. */
static int
looks_like_key(const char *s, size_t len)
{
    int dash = 0, letter = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '-')
            dash = 1;
        else if (s[i] >= 'a' && s[i] <= 'z')
            letter = 1;
        else if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return dash && letter;
}

/* A document cited by its name rather than a number: "Điều lệ Đảng",
 * "Luật Đất đai", "Bộ luật Hình sự". The words after the type word are its
 * subject, searched in the documents of that type. */
static vk_status
read_name(reader *rd)
{
    ct_ref *r = rd->r;
    if (!cp_type_is_named(r->type_name))
        return VK_OK;
    size_t from = rd->len, to = 0;
    for (size_t k = next_tok(rd, (size_t)-1); k < rd->t.n; k = next_tok(rd, k)) {
        if (rd->used[k] || rd->t.v[k].kind != AN_WORD)
            continue;
        from = rd->t.v[k].start < from ? rd->t.v[k].start : from;
        to = rd->t.v[k].end > to ? rd->t.v[k].end : to;
    }
    if (from >= to)
        return VK_OK;
    const char *subj = ct_clean_copy(rd->a, rd->s + from, to - from);
    if (!subj)
        return VK_ENOMEM;
    use_bytes(rd, from, to);
    r->subject = *subj ? subj : NULL;
    return VK_OK;
}

static vk_status
read_fields(reader *rd, vk_error *err)
{
    ct_ref *r = rd->r;
    vk_status rc = read_citation(rd);
    if (rc == VK_OK)
        rc = an_analyze(rd->s, rd->len, 1, &rd->t);
    if (rc == VK_OK && !(rd->used = vk_arena_alloc(rd->a, rd->t.n + 1)))
        rc = VK_ENOMEM;
    if (rc == VK_OK)
        rc = read_overlays(rd);
    if (rc == VK_OK)
        read_numbered_words(rd);
    for (size_t k = next_tok(rd, (size_t)-1); rc == VK_OK && k < rd->t.n; k = next_tok(rd, k)) {
        if (!rd->used[k] && is_word(&rd->t.v[k], "cua"))
            rc = read_issuer(rd, k);
    }
    if (rc == VK_OK)
        rc = read_subject(rd);
    if (rc == VK_OK)
        rc = read_type_and_digits(rd);
    if (rc == VK_OK && r->type_name && !r->type_code) {
        const cp_type *t = cp_type_by_name(r->type_name, strlen(r->type_name));
        r->type_code = t ? t->code : NULL;
    }
    if (rc == VK_OK && r->num && r->type_code && r->issuer_code && !r->number) {
        vk_buf b = VK_BUF_INIT;
        an_docnum d;
        if (vk_buf_printf(&b, "%s-%s/%s", r->num, r->type_code, r->issuer_code) != VK_OK)
            rc = VK_ENOMEM;
        else if (an_docnum_parse(b.data, b.len, &d) &&
                 !(r->number = dup(rd, d.canon, strlen(d.canon))))
            rc = VK_ENOMEM;
        vk_buf_free(&b);
    }
    if (rc == VK_OK && !r->number && !r->num && !r->plenum && !r->congress && !r->subject)
        rc = read_name(rd);
    if (rc == VK_ENOMEM)
        return vk_fail(err, rc, _("out of memory"));
    if (rc == VK_OK && !r->number && !r->num && !r->plenum && !r->congress && !r->subject)
        return vk_fail(err, VK_EINVAL,
                       _("'%s': no document number (28-NQ/TW, Nghị quyết 28), informal name "
                         "(Nghị quyết Trung ương 6 khóa XIII) or subject (về ...) in it"),
                       r->text);
    return rc;
}

/* Reads the next word of s[*i .. len) folded into w (64 bytes); returns
 * its length, 0 at the end. */
static size_t
next_word(const char *s, size_t len, size_t *i, char w[64])
{
    while (*i < len && s[*i] == ' ')
        (*i)++;
    size_t b = *i;
    while (*i < len && s[*i] != ' ')
        (*i)++;
    vk_buf f = VK_BUF_INIT;
    size_t n = 0;
    if (*i > b && an_fold_text(s + b, *i - b, &f) == VK_OK && f.data && f.len < 64) {
        n = f.len;
        while (n > 0 && strchr(",.:;", f.data[n - 1]))
            n--;
        memcpy(w, f.data, n);
    }
    w[n] = '\0';
    vk_buf_free(&f);
    return n;
}

/* The article a reference starts with, "[điểm a] [khoản 2] Điều 8 [của]
 * Quy định 22-QĐ/TW", "Điều 5 Điều lệ Đảng": writes its section label
 * ("Điều 8.2.a") into label and returns the bytes it takes, or 0. */
static size_t
leading_article(const char *s, size_t len, char label[64])
{
    char w[64], point[8] = "";
    size_t i = 0, at;
    long khoan = 0, dieu = 0;
    size_t n = next_word(s, len, &i, w);
    if (n && strcmp(w, "diem") == 0) {
        if (next_word(s, len, &i, w) == 0 || strlen(w) > 2)
            return 0;
        memcpy(point, w, strlen(w) + 1); /* at most 2 bytes and the NUL */
        n = next_word(s, len, &i, w);
    }
    if (n && strcmp(w, "khoan") == 0) {
        khoan = next_word(s, len, &i, w) ? strtol(w, NULL, 10) : 0;
        if (khoan <= 0)
            return 0;
        n = next_word(s, len, &i, w);
    }
    if (!n || strcmp(w, "dieu") != 0 || !next_word(s, len, &i, w) ||
        (dieu = strtol(w, NULL, 10)) <= 0 || strspn(w, "0123456789") != strlen(w))
        return 0;
    at = i;
    if (next_word(s, len, &i, w) && (strcmp(w, "cua") == 0 || strcmp(w, "tai") == 0))
        at = i;
    if (dieu > 9999 || khoan > 999)
        return 0;
    /* "Điều 9999.999.đ": 27 bytes at most. */
    snprintf(label, 64, "Điều %d%s%.0d%s%.2s", (int)dieu, khoan ? "." : "", (int)khoan,
             *point ? "." : "", point);
    while (at < len && s[at] == ' ')
        at++;
    return at < len ? at : 0; /* "Điều 8" alone names no document */
}

vk_status
ct_ref_parse(const char *text, size_t len, vk_arena *arena, ct_ref *out, vk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!text || !arena)
        return vk_fail(err, VK_EINVAL, _("no reference given"));
    if (len > CT_MAX_REF)
        return vk_fail(err, VK_EINVAL, _("the reference is longer than %d bytes"), CT_MAX_REF);
    if (vk_utf8_validate(text, len) != len)
        return vk_fail(err, VK_EINVAL, _("the reference is not UTF-8 text"));
    const char *hash = memchr(text, '#', len);
    size_t body = hash ? (size_t)(hash - text) : len;
    while (body > 0 && strchr(" \t\n", text[body - 1]))
        body--;
    while (body > 0 && strchr(" \t\n", *text))
        text++, body--, len--;
    if (hash) {
        const char *sec = ct_clean_copy(arena, hash + 1, len - (size_t)(hash + 1 - text));
        size_t sl = sec ? strlen(sec) : 0;
        while (sl > 0 && sec[sl - 1] == '.')
            sl--;
        if (!sec || !(sec = vk_arena_strndup(arena, sec, sl)))
            return vk_fail(err, VK_ENOMEM, _("out of memory"));
        out->section = *sec ? sec : NULL;
    }
    char article[64];
    size_t skip = body ? leading_article(text, body, article) : 0;
    if (skip) {
        /* "khoản 2 Điều 8 Quy định ...": the document, and in it the section
         * (unless "#..." names one). */
        if (!out->section && !(out->section = vk_arena_strndup(arena, article, strlen(article))))
            return vk_fail(err, VK_ENOMEM, _("out of memory"));
        text += skip;
        body -= skip;
        len -= skip;
    }
    if (body == 0)
        return vk_fail(err, VK_EINVAL, _("empty reference"));
    if (!(out->text = vk_arena_strndup(arena, text, body)))
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    if (looks_like_key(text, body)) {
        out->key = out->text;
        return VK_OK;
    }
    reader rd = {out->text, body, AN_TOKENS_INIT, NULL, arena, out};
    vk_status rc = read_fields(&rd, err);
    an_tokens_free(&rd.t);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Resolving                                                              */
/* ---------------------------------------------------------------------- */

/* Cites the section `label` of each candidate of the corpus; sets the
 * notice when the best one has no such section. */
static vk_status
cite_sections(xc_rdb *db, ct_resolution *r, const char *label, vk_error *err)
{
    vk_arena *a = &r->arena;
    const char *words = ct_section_words(a, label);
    if (!words)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    for (size_t i = 0; i < r->n_cands; i++) {
        ct_candidate *c = &r->cands[i];
        const qr_section *s = NULL;
        qr_document *d = NULL;
        if (c->in_corpus) {
            vk_status rc = qr_document_get(db, c->key, &d, err);
            if (rc != VK_OK && rc != VK_ENOTFOUND)
                return rc;
            if (d)
                s = qr_document_section(d, label);
        }
        if (s || !c->in_corpus) {
            vk_buf b = VK_BUF_INIT;
            const char *w = s ? ct_section_words(a, s->label) : words;
            c->section_label =
                vk_arena_strndup(a, s ? s->label : label, strlen(s ? s->label : label));
            c->section_heading = s ? vk_arena_strndup(a, s->heading, strlen(s->heading)) : NULL;
            c->section_display = s && s->display
                                     ? vk_arena_strndup(a, s->display, strlen(s->display))
                                     : c->section_label;
            if (w && vk_buf_printf(&b, "%s %s", w, c->citation) == VK_OK)
                c->section_citation = vk_arena_strndup(a, b.data, b.len);
            vk_buf_free(&b);
        }
        if (i == 0 && !s) {
            vk_buf b = VK_BUF_INIT;
            const char *name = c->number ? c->number : c->key ? c->key : c->citation;
            if (c->in_corpus)
                vk_buf_printf(&b, _("no section %s in %s (vankien show %s lists them)"), label,
                              name, c->key);
            else
                vk_buf_printf(&b, _("section %s not checked: %s is not in the corpus"), label,
                              name);
            r->notice = b.data ? vk_arena_strndup(a, b.data, b.len) : NULL;
            vk_buf_free(&b);
        }
        qr_document_free(d);
    }
    return VK_OK;
}

vk_status
ct_resolve(xc_rdb *db, const char *text, size_t len, const ct_resolve_opts *opts,
           ct_resolution **out, vk_error *err)
{
    *out = NULL;
    ct_resolution *r = calloc(1, sizeof *r);
    if (!r)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    vk_status rc = ct_ref_parse(text, len, &r->arena, &r->ref, err);
    size_t limit = opts && opts->limit ? opts->limit : 10;
    if (rc == VK_OK)
        rc = ct_candidates(db, &(ct_cand_query){&r->ref, limit, 1}, &r->arena, &r->cands,
                           &r->n_cands, err);
    const char *section = opts && opts->section ? opts->section : r->ref.section;
    if (rc == VK_OK && section && r->n_cands)
        rc = cite_sections(db, r, section, err);
    if (rc != VK_OK) {
        ct_resolution_free(r);
        return rc;
    }
    *out = r;
    return VK_OK;
}

void
ct_resolution_free(ct_resolution *r)
{
    if (!r)
        return;
    vk_arena_free(&r->arena);
    free(r);
}
