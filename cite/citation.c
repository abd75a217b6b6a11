/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * citation.c: the fields of two citations compared (issuing bodies, types,
 * terms, dates, subjects) and citations written the usual way (canonical
 * citations, sections smallest unit first), on the values of field.c.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyzers/an.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"
#include "common/utf8.h"

/* ---------------------------------------------------------------------- */
/* Issuing bodies                                                         */
/* ---------------------------------------------------------------------- */

/* Bodies by the folded words their names start with; the longest match
 * wins. Names that mean one body share an id (Thành ủy = Ban Chấp hành
 * Đảng bộ thành phố). */
typedef struct body {
    const char *words; /* folded, one space between words */
    const char *id;
} body;

static const body bodies[] = {
    {"ban chap hanh trung uong", "bchtw"},
    {"bch trung uong", "bchtw"},
    {"bchtw", "bchtw"},
    {"hoi nghi trung uong", "bchtw"},
    {"trung uong", "bchtw"},
    {"bo chinh tri", "bct"},
    {"bct", "bct"},
    {"ban bi thu", "bbt"},
    {"bbt", "bbt"},
    {"ban to chuc trung uong", "btctw"},
    {"van phong trung uong", "vptw"},
    {"uy ban kiem tra trung uong", "ubkttw"},
    {"ban tuyen giao trung uong", "btgtw"},
    {"ban dan van trung uong", "bdvtw"},
    {"ban noi chinh trung uong", "bnctw"},
    {"ban kinh te trung uong", "bkttw"},
    {"ban doi ngoai trung uong", "bdntw"},
    {"ban thuong vu tinh uy", "btv-tinh"},
    {"ban thuong vu thanh uy", "btv-thanh"},
    {"ban thuong vu huyen uy", "btv-huyen"},
    {"ban thuong vu quan uy", "btv-quan"},
    {"ban chap hanh dang bo tinh", "tinh"},
    {"tinh uy", "tinh"},
    {"ban chap hanh dang bo thanh pho", "thanh"},
    {"thanh uy", "thanh"},
    {"ban chap hanh dang bo huyen", "huyen"},
    {"huyen uy", "huyen"},
    {"ban chap hanh dang bo quan", "quan"},
    {"quan uy", "quan"},
    {"chinh phu", "cp"},
    {"quoc hoi", "qh"},
    {"bo noi vu", "bnv"},
};

/* The bodies an issuer code allows (DOMAIN.md §1.3), as body ids. */
typedef struct code_bodies {
    const char *code; /* folded */
    const char *ids[6];
} code_bodies;

static const code_bodies code_table[] = {
    {"tw", {"bchtw", "bct", "bbt"}},
    {"btctw", {"btctw"}},
    {"vptw", {"vptw", "bchtw", "bct", "bbt"}},
    {"ubkttw", {"ubkttw"}},
    {"btgtw", {"btgtw"}},
    {"bdvtw", {"bdvtw"}},
    {"tu", {"tinh", "thanh", "btv-tinh", "btv-thanh"}},
    {"hu", {"huyen", "btv-huyen"}},
    {"qu", {"quan", "btv-quan"}},
};

/* Bodies an issuer code names by itself. */
static const struct {
    const char *code;
    const char *name;
} code_names[] = {
    {"BTCTW", "Ban Tổ chức Trung ương"},      {"VPTW", "Văn phòng Trung ương Đảng"},
    {"UBKTTW", "Ủy ban Kiểm tra Trung ương"}, {"BTGTW", "Ban Tuyên giáo Trung ương"},
    {"BDVTW", "Ban Dân vận Trung ương"},      {"BNCTW", "Ban Nội chính Trung ương"},
    {"BKTTW", "Ban Kinh tế Trung ương"},
};

/* The folded words of an issuer, without "Đảng Cộng sản Việt Nam" or a
 * final "Đảng". */
static vk_status
issuer_words(const char *s, vk_buf *out)
{
    vk_status rc = ct_fold_words(s, strlen(s), out);
    static const char *tails[] = {" dang cong san viet nam", " dang"};
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(tails); k++) {
        size_t tl = strlen(tails[k]);
        if (out->len > tl && strcmp(out->data + out->len - tl, tails[k]) == 0) {
            out->len -= tl;
            out->data[out->len] = '\0';
        }
    }
    return rc;
}

/* Does `words` start with the words of p (whole words)? */
static int
starts_with_words(const char *words, size_t len, const char *p, size_t plen)
{
    return len >= plen && memcmp(words, p, plen) == 0 && (len == plen || words[plen] == ' ');
}

static const char *
body_id(const vk_buf *w)
{
    const char *id = NULL;
    size_t best = 0;
    for (size_t k = 0; w->data && k < VK_ARRAY_LEN(bodies); k++) {
        size_t l = strlen(bodies[k].words);
        if (l > best && starts_with_words(w->data, w->len, bodies[k].words, l)) {
            best = l;
            id = bodies[k].id;
        }
    }
    return id;
}

int
ct_issuer_agree(const char *a, const char *b)
{
    vk_buf wa = VK_BUF_INIT, wb = VK_BUF_INIT;
    int agree = 1;
    if (issuer_words(a, &wa) == VK_OK && issuer_words(b, &wb) == VK_OK) {
        const char *ia = body_id(&wa), *ib = body_id(&wb);
        if (ia && ib)
            agree = strcmp(ia, ib) == 0;
        else
            agree = starts_with_words(wa.data, wa.len, wb.data, wb.len) ||
                    starts_with_words(wb.data, wb.len, wa.data, wa.len);
    }
    vk_buf_free(&wa);
    vk_buf_free(&wb);
    return agree;
}

int
ct_issuer_fits_code(const char *issuer, const char *issuer_code)
{
    vk_buf w = VK_BUF_INIT, c = VK_BUF_INIT;
    int fits = -1;
    if (issuer_words(issuer, &w) == VK_OK &&
        an_fold_text(issuer_code, strlen(issuer_code), &c) == VK_OK && c.data) {
        const char *id = body_id(&w);
        for (size_t k = 0; id && k < VK_ARRAY_LEN(code_table); k++) {
            if (strcmp(code_table[k].code, c.data) != 0)
                continue;
            fits = 0;
            for (size_t j = 0; j < 6 && code_table[k].ids[j]; j++)
                fits |= strcmp(code_table[k].ids[j], id) == 0;
        }
    }
    vk_buf_free(&w);
    vk_buf_free(&c);
    return fits;
}

const char *
ct_issuer_display(const char *issuer, vk_arena *a)
{
    if (!issuer)
        return NULL;
    vk_buf w = VK_BUF_INIT;
    const char *out = issuer;
    if (ct_fold_words(issuer, strlen(issuer), &w) == VK_OK &&
        strcmp(w.data, "ban chap hanh trung uong") == 0) {
        size_t n = strlen(issuer);
        char *s = vk_arena_alloc(a, n + sizeof " Đảng");
        if (s)
            snprintf(s, n + sizeof " Đảng", "%s Đảng", issuer);
        out = s;
    }
    vk_buf_free(&w);
    return out;
}

const char *
ct_issuer_of_code(const char *issuer_code)
{
    for (size_t k = 0; issuer_code && k < VK_ARRAY_LEN(code_names); k++) {
        if (strcmp(code_names[k].code, issuer_code) == 0)
            return code_names[k].name;
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Types, terms, dates, subjects                                          */
/* ---------------------------------------------------------------------- */

/* The type of a type word; "Chương trình hành động" is a Chương trình,
 * "Thông báo kết luận" a Thông báo. */
static const cp_type *
type_of_name(const char *name)
{
    const cp_type *t = cp_type_by_name(name, strlen(name));
    if (t)
        return t;
    /* The first two words. */
    const char *sp = strchr(name, ' ');
    sp = sp ? strchr(sp + 1, ' ') : NULL;
    return sp ? cp_type_by_name(name, (size_t)(sp - name)) : NULL;
}

int
ct_type_agree(const char *type_a, const char *code_a, const char *type_b, const char *code_b)
{
    const cp_type *ta = type_a ? type_of_name(type_a) : NULL;
    const cp_type *tb = type_b ? type_of_name(type_b) : NULL;
    if (ta && tb)
        return ta == tb;
    const char *ca = ta ? ta->code : code_a, *cb = tb ? tb->code : code_b;
    return !ca || !cb || ct_code_equal(ca, cb);
}

int
ct_term_agree(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

int
ct_date_equal(const cp_date *a, const cp_date *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* The exact forms of the plain tokens of s, without a first "về". */
static vk_status
subject_tokens(const char *s, an_tokens *t, size_t *first)
{
    vk_status rc = an_analyze(s, strlen(s), 1, t);
    *first = 0;
    while (*first < t->n && t->v[*first].overlay)
        (*first)++;
    if (*first < t->n && t->v[*first].folded_len == 2 && memcmp(t->v[*first].folded, "ve", 2) == 0)
        (*first)++;
    return rc;
}

/* The next plain token from i on (t->n if none). */
static size_t
next_plain(const an_tokens *t, size_t i)
{
    while (i < t->n && t->v[i].overlay)
        i++;
    return i;
}

int
ct_subject_agree(const char *subject, int quoted, const char *title)
{
    an_tokens ts = AN_TOKENS_INIT, tt = AN_TOKENS_INIT;
    size_t i, j, common = 0, ns = 0, nt = 0;
    int agree = 1;
    if (subject_tokens(subject, &ts, &i) == VK_OK && subject_tokens(title, &tt, &j) == VK_OK) {
        for (size_t k = next_plain(&ts, i); k < ts.n; k = next_plain(&ts, k + 1))
            ns++;
        for (size_t k = next_plain(&tt, j); k < tt.n; k = next_plain(&tt, k + 1))
            nt++;
        i = next_plain(&ts, i);
        j = next_plain(&tt, j);
        while (i < ts.n && j < tt.n && ts.v[i].exact_len == tt.v[j].exact_len &&
               memcmp(ts.v[i].exact, tt.v[j].exact, ts.v[i].exact_len) == 0) {
            common++;
            i = next_plain(&ts, i + 1);
            j = next_plain(&tt, j + 1);
        }
        /* One is the other's beginning; an unquoted subject may run on
         * into the sentence, or stop early. */
        agree = common == ns || common == nt || (!quoted && common >= 4);
    }
    an_tokens_free(&ts);
    an_tokens_free(&tt);
    return agree;
}

/* ---------------------------------------------------------------------- */
/* Writing citations                                                      */
/* ---------------------------------------------------------------------- */

/* Appends the title as a citation ends with it: "về ..." as it is; a
 * subject (the words after "về" in a citation) after "về", between quotes
 * if it was quoted; a title that starts with a verb ("Thực hiện ...") in
 * lower case; any other title between quotes. */
static vk_status
put_title(vk_buf *b, const char *title, ct_title_kind kind)
{
    static const char *verbs[] = {"thuc hien", "trien khai", "tong ket",  "so ket",
                                  "tiep tuc",  "quan triet", "cu the hoa"};
    vk_buf w = VK_BUF_INIT;
    vk_status rc = ct_fold_words(title, strlen(title), &w);
    int ve = rc == VK_OK && starts_with_words(w.data, w.len, "ve", 2), verb = 0;
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(verbs); k++)
        verb |= starts_with_words(w.data, w.len, verbs[k], strlen(verbs[k]));
    vk_buf_free(&w);
    if (rc != VK_OK)
        return rc;
    if (kind == CT_TITLE_QUOTED)
        return vk_buf_printf(b, ve ? " “%s”" : " về “%s”", title);
    if (ve)
        return vk_buf_printf(b, " %s", title);
    if (kind == CT_TITLE_SUBJECT)
        return vk_buf_printf(b, " về %s", title);
    if (!verb)
        return vk_buf_printf(b, " “%s”", title);
    vk_buf low = VK_BUF_INIT;
    const char *sp = strchr(title, ' ');
    size_t first = sp ? (size_t)(sp - title) : strlen(title);
    rc = an_casefold_text(title, first, &low);
    if (rc == VK_OK)
        rc = vk_buf_printf(b, " %.*s%s", (int)low.len, low.data, title + first);
    vk_buf_free(&low);
    return rc;
}

/* "Luật" and "ĐẤT ĐAI" -> "Luật Đất đai": a name written in capitals in the
 * header, in sentence case after its type. */
static vk_status
put_name(vk_buf *b, const char *type, const char *title)
{
    uint32_t cp;
    size_t l = vk_utf8_decode(title, strlen(title), &cp);
    vk_status rc = vk_buf_printf(b, "%s %.*s", type, (int)l, title);
    int upper = 1;
    for (const char *p = title; *p && upper; p++)
        upper = !(*p >= 'a' && *p <= 'z');
    if (rc == VK_OK && l)
        rc = upper ? an_casefold_text(title + l, strlen(title) - l, b) : vk_buf_puts(b, title + l);
    return rc;
}

const char *
ct_citation_format(vk_arena *a, const ct_cite_parts *p)
{
    const char *type = p->type, *number = p->number, *name = p->name, *title = p->title;
    vk_buf b = VK_BUF_INIT;
    char d[16];
    vk_status rc;
    if (type && title && *title && cp_type_is_named(type)) {
        /* "Luật Đất đai số 31/2024/QH15", "Điều lệ Đảng": the name is the title. */
        rc = put_name(&b, type, title);
        if (rc == VK_OK && number)
            rc = vk_buf_printf(&b, " số %s", number);
        title = NULL;
    } else if (number)
        rc = vk_buf_printf(&b, "%s số %s", type ? type : "Văn bản", number);
    else
        rc = vk_buf_printf(&b, "%s%s%s", type ? type : "", type && name ? " " : "",
                           name ? name : "");
    if (rc == VK_OK && p->date.year)
        rc = vk_buf_printf(&b, ", ngày %s", ct_date_vi(&p->date, d));
    if (rc == VK_OK && p->issuer)
        rc = vk_buf_printf(&b, "%s%s", number || !name ? " của " : " ", p->issuer);
    if (rc == VK_OK && p->term)
        rc = vk_buf_printf(&b, " khóa %s", p->term);
    if (rc == VK_OK && title && *title)
        rc = put_title(&b, title, p->kind);
    const char *out = rc == VK_OK && b.data ? vk_arena_strndup(a, b.data, b.len) : NULL;
    vk_buf_free(&b);
    return out;
}

static int
is_roman_part(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!strchr("IVXLCDM", s[i]))
            return 0;
    }
    return 1;
}

static int
is_digit_part(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

/* The words of an article's label as a citation says them, smallest part
 * first: "Điều 5.2.a" -> "điểm a, khoản 2 Điều 5"; a chapter's or part's
 * label as it is ("Chương II"); the suffix of a repeated number left out.
 * NULL if the label is not one of those. */
static const char *
article_words(vk_arena *a, const char *label)
{
    static const char *const words[] = {"Điều ", "Chương ", "Phần ", "Mục "};
    size_t w = 0;
    while (w < VK_ARRAY_LEN(words) && strncmp(label, words[w], strlen(words[w])) != 0)
        w++;
    if (w == VK_ARRAY_LEN(words))
        return NULL;
    char plain[256];
    size_t n = 0;
    for (const char *p = label; *p && n + 1 < sizeof plain; p++) {
        if (*p == '~')
            while (p[1] >= '0' && p[1] <= '9')
                p++;
        else
            plain[n++] = *p;
    }
    plain[n] = '\0';
    char *dot = w == 0 ? strchr(plain, '.') : NULL;
    if (!dot)
        return vk_arena_strndup(a, plain, n);
    *dot = '\0';
    /* The point is the last part when it is a letter ("5.2.a", "5.a"). */
    char *last = strrchr(dot + 1, '.');
    char *point = last ? last + 1 : dot + 1;
    if (*point >= '0' && *point <= '9')
        point = NULL;
    else if (last)
        *last = '\0';
    vk_buf b = VK_BUF_INIT;
    vk_status rc =
        point ? vk_buf_printf(&b, "điểm %s%s", point, point == dot + 1 ? " " : ", ") : VK_OK;
    if (rc == VK_OK && point != dot + 1)
        rc = vk_buf_printf(&b, "khoản %s ", dot + 1);
    if (rc == VK_OK)
        rc = vk_buf_puts(&b, plain);
    const char *out = rc == VK_OK && b.data ? vk_arena_strndup(a, b.data, b.len) : NULL;
    vk_buf_free(&b);
    return out;
}

const char *
ct_section_words(vk_arena *a, const char *label)
{
    if (!*label)
        return vk_arena_strndup(a, "phần mở đầu", strlen("phần mở đầu"));
    if (strcmp(label, "noi-nhan") == 0)
        return vk_arena_strndup(a, "phần Nơi nhận", strlen("phần Nơi nhận"));
    const char *art = article_words(a, label);
    if (art)
        return art;
    /* Each part of the label, top first, with its word; written back to
     * front. A dotted number ("3.2") runs from the first Arabic part. */
    struct {
        const char *word, *s;
        size_t len;
    } parts[16];
    size_t n = 0;
    const char *p = label, *digits = NULL;
    while (*p && n < 16) {
        size_t len = strcspn(p, ".~");
        const char *word = is_roman_part(p, len)    ? "phần"
                           : !is_digit_part(p, len) ? "điểm"
                           : digits                 ? "tiểu mục"
                                                    : "mục";
        if (is_digit_part(p, len) && !digits)
            digits = p;
        if (len > 0) {
            const char *from = strcmp(word, "tiểu mục") == 0 ? digits : p;
            parts[n].word = word;
            parts[n].s = from;
            parts[n++].len = (size_t)(p + len - from);
        }
        p += len;
        if (*p == '~')
            break; /* a repeated number's suffix */
        if (*p == '.')
            p++;
    }
    vk_buf b = VK_BUF_INIT;
    vk_status rc = VK_OK;
    for (size_t k = n; rc == VK_OK && k-- > 0;)
        rc = vk_buf_printf(&b, "%s %.*s%s", parts[k].word, (int)parts[k].len, parts[k].s,
                           k ? ", " : "");
    const char *out = rc == VK_OK && b.data ? vk_arena_strndup(a, b.data, b.len) : NULL;
    vk_buf_free(&b);
    return out;
}
