/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * label.c: section labels as readers cite them (see label.h): kind names,
 * references typed in any form turned into labels, and the marker before a
 * heading.
 */
#include <string.h>

#include "analyzers/an.h"
#include "corpus/label.h"

const char *
cp_sec_kind_name(cp_sec_kind kind)
{
    static const char *const names[] = {
        [CP_SEC_PREAMBLE] = "preamble", [CP_SEC_ROMAN] = "roman",     [CP_SEC_ARABIC] = "arabic",
        [CP_SEC_LETTER] = "letter",     [CP_SEC_PART] = "part",       [CP_SEC_CHAPTER] = "chapter",
        [CP_SEC_DIVISION] = "division", [CP_SEC_ARTICLE] = "article", [CP_SEC_CLAUSE] = "clause",
        [CP_SEC_POINT] = "point"};
    return (size_t)kind < VK_ARRAY_LEN(names) ? names[kind] : "preamble";
}

vk_status
cp_section_marker(const cp_section *sec, vk_buf *out)
{
    switch (sec->kind) {
    case CP_SEC_PART:
    case CP_SEC_CHAPTER:
    case CP_SEC_ARTICLE: return vk_buf_puts(out, sec->display);
    case CP_SEC_DIVISION: return vk_buf_printf(out, "Mục %s", sec->number);
    default: return vk_buf_puts(out, sec->number);
    }
}

/* ---------------------------------------------------------------------- */
/* References as typed                                                    */
/* ---------------------------------------------------------------------- */

/* The parts of a reference, each value normalized (empty when absent). */
typedef struct ref {
    vk_buf dieu, khoan, diem, chuong, muc, phan;
} ref;

enum { KW_NONE, KW_DIEU, KW_KHOAN, KW_DIEM, KW_CHUONG, KW_MUC, KW_PHAN };

static int
keyword_of(const char *w, size_t len)
{
    static const char *const words[] = {"dieu", "khoan", "diem", "chuong", "muc", "phan"};
    vk_buf f = VK_BUF_INIT;
    int k = KW_NONE;
    if (an_fold_text(w, len, &f) == VK_OK && f.data) {
        for (size_t i = 0; i < VK_ARRAY_LEN(words) && k == KW_NONE; i++)
            k = strcmp(f.data, words[i]) == 0 ? (int)i + 1 : KW_NONE;
    }
    vk_buf_free(&f);
    return k;
}

/* Nonzero if every byte of s is in `set` or, for đ, its UTF-8 bytes. */
static int
all_in(const char *s, size_t len, const char *set)
{
    for (size_t i = 0; i < len; i++) {
        if (i + 1 < len && (unsigned char)s[i] == 0xC4 && (unsigned char)s[i + 1] == 0x91) {
            i++; /* đ */
            continue;
        }
        if (!strchr(set, s[i]))
            return 0;
    }
    return len > 0;
}

/* A Roman numeral in capitals, or digits. */
static vk_status
put_numeral(vk_buf *out, const char *v, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = v[i] >= 'a' && v[i] <= 'z' ? (char)(v[i] - 32) : v[i];
        vk_status rc = vk_buf_putc(out, c);
        if (rc != VK_OK)
            return rc;
    }
    return VK_OK;
}

/* "thứ nhất" from "thu nhat" or "THỨ NHẤT": the ordinal words with their
 * diacritics. Returns the words used (1 or 2), 0 if w is not one. */
static size_t
put_ordinal(vk_buf *out, const char *const *w, const size_t *wl, size_t n)
{
    static const char *const folded[] = {"nhat", "hai", "ba",  "tu",   "bon",  "nam",
                                         "sau",  "bay", "tam", "chin", "muoi", "mot"};
    static const char *const spelled[] = {"nhất", "hai", "ba",  "tư",   "bốn",  "năm",
                                          "sáu",  "bảy", "tám", "chín", "mười", "một"};
    size_t used = 0;
    vk_buf f = VK_BUF_INIT;
    for (; used < n && used < 2; used++) {
        vk_buf_clear(&f);
        size_t k = 0;
        if (an_fold_text(w[used], wl[used], &f) != VK_OK || !f.data)
            break;
        while (k < VK_ARRAY_LEN(folded) && strcmp(f.data, folded[k]) != 0)
            k++;
        if (k == VK_ARRAY_LEN(folded))
            break;
        vk_buf_printf(out, " %s", spelled[k]);
    }
    vk_buf_free(&f);
    return used;
}

#define MAX_WORDS 16

/* Splits text into words at spaces and commas. */
static size_t
split_words(const char *text, size_t len, const char **w, size_t *wl)
{
    size_t n = 0, i = 0;
    while (i < len && n < MAX_WORDS) {
        while (i < len && (text[i] == ' ' || text[i] == ','))
            i++;
        size_t s = i;
        while (i < len && text[i] != ' ' && text[i] != ',')
            i++;
        if (i > s) {
            w[n] = text + s;
            wl[n++] = i - s;
        }
    }
    return i < len ? MAX_WORDS + 1 : n;
}

/* A point's letter: a to z, or đ. */
static int
is_letter(const char *s, size_t len)
{
    return (len == 1 && s[0] >= 'a' && s[0] <= 'z') ||
           (len == 2 && (unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91);
}

/* The number of a Phần: a numeral, or "thứ" and its ordinal words. Returns
 * the words taken, 0 if none. */
static size_t
read_part(vk_buf *out, const char *s, size_t len, const char *const *w, const size_t *wl, size_t n)
{
    if (all_in(s, len, "0123456789ivxlc"))
        return put_numeral(out, s, len) == VK_OK ? 1 : 0;
    if (!(strcmp(s, "thu") == 0 || strcmp(s, "thứ") == 0) || vk_buf_puts(out, "thứ") != VK_OK)
        return 0;
    size_t used = put_ordinal(out, w + 1, wl + 1, n - 1);
    return used ? used + 1 : 0;
}

/* Reads the value of keyword kw from the words w[0 .. n) into its place in
 * r; returns the words taken (0 if the value is not one). */
static size_t
read_value(ref *r, int kw, const char *const *w, const size_t *wl, size_t n)
{
    vk_buf *out = kw == KW_DIEU     ? &r->dieu
                  : kw == KW_KHOAN  ? &r->khoan
                  : kw == KW_DIEM   ? &r->diem
                  : kw == KW_CHUONG ? &r->chuong
                  : kw == KW_MUC    ? &r->muc
                                    : &r->phan;
    if (n == 0 || out->len)
        return 0;
    vk_buf v = VK_BUF_INIT;
    size_t len = wl[0], used = 1;
    while (len > 0 && (w[0][len - 1] == '.' || w[0][len - 1] == ')'))
        len--;
    if (an_casefold_text(w[0], len, &v) != VK_OK || !v.data) {
        vk_buf_free(&v);
        return 0;
    }
    const char *s = v.data;
    if (kw == KW_PHAN)
        used = read_part(out, s, v.len, w, wl, n);
    else if (kw == KW_CHUONG || kw == KW_MUC)
        used = all_in(s, v.len, "0123456789ivxlc") && put_numeral(out, s, v.len) == VK_OK;
    else if (kw == KW_DIEU)
        used = s[0] >= '0' && s[0] <= '9' &&
               all_in(s, v.len, "0123456789abcdefghijklmnopqrstuvwxyz.") &&
               vk_buf_append(out, s, v.len) == VK_OK;
    else if (kw == KW_KHOAN)
        used = all_in(s, v.len, "0123456789.") && vk_buf_append(out, s, v.len) == VK_OK;
    else
        used = is_letter(s, v.len) && vk_buf_append(out, s, v.len) == VK_OK;
    vk_buf_free(&v);
    return used;
}

/* Writes the label of a reference read into r; 0 if r names no article,
 * chapter or part. */
static int
ref_label(const ref *r, vk_buf *out)
{
    vk_status rc;
    if (r->dieu.len) {
        rc = vk_buf_printf(out, "Điều %s", r->dieu.data);
        if (rc == VK_OK && r->khoan.len)
            rc = vk_buf_printf(out, ".%s", r->khoan.data);
        if (rc == VK_OK && r->diem.len)
            rc = vk_buf_printf(out, ".%s", r->diem.data);
    } else if (r->khoan.len || r->diem.len) {
        return 0; /* a khoản of no article */
    } else if (r->chuong.len) {
        rc = r->muc.len ? vk_buf_printf(out, "Mục %s ", r->muc.data) : VK_OK;
        if (rc == VK_OK)
            rc = vk_buf_printf(out, "Chương %s", r->chuong.data);
    } else if (r->phan.len && !r->muc.len) {
        rc = vk_buf_printf(out, "Phần %s", r->phan.data);
    } else {
        return 0;
    }
    return rc == VK_OK ? 1 : -1;
}

int
cp_label_canon(const char *text, size_t len, vk_buf *out)
{
    const char *w[MAX_WORDS];
    size_t wl[MAX_WORDS];
    size_t n = split_words(text, len, w, wl);
    if (n == 0 || n > MAX_WORDS)
        return 0;
    ref r = {VK_BUF_INIT, VK_BUF_INIT, VK_BUF_INIT, VK_BUF_INIT, VK_BUF_INIT, VK_BUF_INIT};
    int ok = 1;
    for (size_t i = 0; i < n && ok;) {
        int kw = keyword_of(w[i], wl[i]);
        size_t used = kw == KW_NONE ? 0 : read_value(&r, kw, w + i + 1, wl + i + 1, n - i - 1);
        ok = used > 0;
        i += 1 + used;
    }
    size_t before = out->len;
    int res = ok ? ref_label(&r, out) : 0;
    if (res <= 0 && out->data) {
        out->len = before;
        out->data[before] = '\0';
    }
    vk_buf *parts[] = {&r.dieu, &r.khoan, &r.diem, &r.chuong, &r.muc, &r.phan};
    for (size_t k = 0; k < VK_ARRAY_LEN(parts); k++)
        vk_buf_free(parts[k]);
    return res;
}
