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
 * Đảng bộ thành phố). A local body's remaining words name its place
 * ("Tỉnh ủy Bắc Ninh"), compared when both names give one; a central
 * body's remaining words ("Ban Bí thư Trung ương") are left aside. */
typedef struct body {
    const char *words; /* folded, one space between words */
    const char *id;
    int local;        /* the words after the name are a place */
    const char *name; /* central bodies: the name citations write, else NULL */
} body;

static const body bodies[] = {
    {"ban chap hanh trung uong", "bchtw", 0, "Ban Chấp hành Trung ương Đảng"},
    {"bch trung uong", "bchtw", 0, "Ban Chấp hành Trung ương Đảng"},
    {"hoi nghi trung uong", "bchtw", 0, "Ban Chấp hành Trung ương Đảng"},
    {"trung uong", "bchtw", 0, "Ban Chấp hành Trung ương Đảng"},
    {"bo chinh tri", "bct", 0, "Bộ Chính trị"},
    {"ban bi thu", "bbt", 0, "Ban Bí thư"},
    {"ban to chuc trung uong", "btctw", 0, "Ban Tổ chức Trung ương"},
    {"van phong trung uong", "vptw", 0, "Văn phòng Trung ương Đảng"},
    {"uy ban kiem tra trung uong", "ubkttw", 0, "Ủy ban Kiểm tra Trung ương"},
    {"ban tuyen giao trung uong", "btgtw", 0, NULL},
    {"ban tuyen giao va dan van trung uong", "btgdvtw", 0, NULL},
    {"ban dan van trung uong", "bdvtw", 0, NULL},
    {"ban noi chinh trung uong", "bnctw", 0, NULL},
    {"ban kinh te trung uong", "bkttw", 0, NULL},
    {"ban doi ngoai trung uong", "bdntw", 0, NULL},
    {"ban thuong vu tinh uy", "btv-tinh", 1, NULL},
    {"ban thuong vu thanh uy", "btv-thanh", 1, NULL},
    {"ban thuong vu huyen uy", "btv-huyen", 1, NULL},
    {"ban thuong vu quan uy", "btv-quan", 1, NULL},
    {"ban chap hanh dang bo tinh", "tinh", 1, NULL},
    {"tinh uy", "tinh", 1, NULL},
    {"ban chap hanh dang bo thanh pho", "thanh", 1, NULL},
    {"thanh uy", "thanh", 1, NULL},
    {"ban chap hanh dang bo huyen", "huyen", 1, NULL},
    {"huyen uy", "huyen", 1, NULL},
    {"ban chap hanh dang bo quan", "quan", 1, NULL},
    {"quan uy", "quan", 1, NULL},
    {"uy ban nhan dan", "ubnd", 1, NULL},
    /* The chairman decides in the committee's name (QĐ-CTUBND). */
    {"chu tich uy ban nhan dan", "ubnd", 1, NULL},
    {"hoi dong nhan dan", "hdnd", 1, NULL},
    {"thu tuong chinh phu", "ttg", 0, NULL},
    {"thu tuong", "ttg", 0, NULL},
    {"chinh phu", "cp", 0, NULL},
    {"uy ban thuong vu quoc hoi", "ubtvqh", 0, NULL},
    {"quoc hoi", "qh", 0, NULL},
    {"bo noi vu", "bnv", 0, NULL},
};

/* Abbreviations offices write, as the words they stand for. Those marked
 * `caps` count only as written in capitals ("TU" is a Tỉnh ủy, "tư" a
 * word). */
static const struct {
    const char *abbr; /* folded; with caps, the bytes as written */
    const char *words;
    int caps;
} abbrevs[] = {
    {"ubnd", "uy ban nhan dan", 0},
    {"hdnd", "hoi dong nhan dan", 0},
    {"bchtw", "ban chap hanh trung uong", 0},
    {"bch", "ban chap hanh", 0},
    {"tw", "trung uong", 0},
    {"btv", "ban thuong vu", 0},
    {"bct", "bo chinh tri", 0},
    {"bbt", "ban bi thu", 0},
    {"ttg", "thu tuong chinh phu", 0},
    {"tp", "thanh pho", 0},
    {"dcs", "dang cong san", 0},
    {"dcsvn", "dang cong san viet nam", 0},
    {"TU", "tinh uy", 1},
    {"HU", "huyen uy", 1},
    {"QU", "quan uy", 1},
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

/* Most bodies one issuer names ("Bộ Chính trị, Ban Bí thư": two). */
#define MAX_BODIES 4

/* One body an issuer names. */
typedef struct body_ref {
    const body *b;     /* the body, or NULL when the table does not know it */
    char words[256];   /* its folded words, abbreviations expanded */
    const char *place; /* local bodies: the place in `words` ("bac ninh"), or "" */
    size_t part;       /* which of the issuer's comma-separated parts names it */
} body_ref;

typedef struct issuer_bodies {
    body_ref v[MAX_BODIES];
    size_t n;
} issuer_bodies;

/* Does `words` start with the words of p (whole words)? */
static int
starts_with_words(const char *words, size_t len, const char *p, size_t plen)
{
    return len >= plen && memcmp(words, p, plen) == 0 && (len == plen || words[plen] == ' ');
}

/* Appends a word to w (256 bytes), a space before it. */
static void
put_word(char *w, const char *s, size_t len)
{
    size_t n = strlen(w);
    if (n + 1 + len + 1 > 256)
        return;
    if (n)
        w[n++] = ' ';
    memcpy(w + n, s, len);
    w[n + len] = '\0';
}

/* The folded words of s[0 .. len), abbreviations expanded, without
 * "Đảng Cộng sản Việt Nam" or a final "Đảng", into w (256 bytes). */
static void
folded_words(const char *s, size_t len, char *w)
{
    an_tokens t = AN_TOKENS_INIT;
    w[0] = '\0';
    if (an_analyze(s, len, 1, &t) == VK_OK) {
        for (size_t i = 0; i < t.n; i++) {
            const an_token *x = &t.v[i];
            const char *use = NULL;
            if (x->overlay)
                continue;
            for (size_t k = 0; !use && k < VK_ARRAY_LEN(abbrevs); k++) {
                const char *ab = abbrevs[k].abbr;
                size_t al = strlen(ab);
                if (abbrevs[k].caps ? x->end - x->start == al && memcmp(s + x->start, ab, al) == 0
                                    : x->folded_len == al && memcmp(x->folded, ab, al) == 0)
                    use = abbrevs[k].words;
            }
            if (use)
                put_word(w, use, strlen(use));
            else
                put_word(w, x->folded, x->folded_len);
        }
    }
    an_tokens_free(&t);
    static const char *tails[] = {" dang cong san viet nam", " dang"};
    for (size_t k = 0; k < VK_ARRAY_LEN(tails); k++) {
        size_t n = strlen(w), tl = strlen(tails[k]);
        if (n > tl && strcmp(w + n - tl, tails[k]) == 0)
            w[n - tl] = '\0';
    }
}

/* Finds the body of r->words (longest name first) and its place. */
static void
find_body(body_ref *r)
{
    static const char *levels[] = {"tinh ", "thanh pho ", "huyen ", "quan ", "xa ", "phuong "};
    size_t best = 0, len = strlen(r->words);
    r->b = NULL;
    r->place = "";
    for (size_t k = 0; k < VK_ARRAY_LEN(bodies); k++) {
        size_t l = strlen(bodies[k].words);
        if (l > best && starts_with_words(r->words, len, bodies[k].words, l)) {
            best = l;
            r->b = &bodies[k];
        }
    }
    /* "Trung ương Đoàn", "Ban Bí thư Trung ương Đoàn", "Trung ương Hội Nông
     * dân": another organisation's central bodies, not the Party's. */
    static const char *others[] = {"doan", "hoi", "mat tran", "cong doan", "lien hiep"};
    for (size_t k = 0; r->b && !r->b->local && best < len && k < VK_ARRAY_LEN(others); k++) {
        const char *rest = strstr(r->words + best, others[k]);
        size_t ol = strlen(others[k]);
        if (rest && rest[-1] == ' ' && (!rest[ol] || rest[ol] == ' '))
            r->b = NULL;
    }
    if (!r->b || !r->b->local || best == len)
        return;
    r->place = r->words + best + 1;
    for (size_t k = 0; k < VK_ARRAY_LEN(levels); k++) {
        size_t l = strlen(levels[k]);
        /* "tỉnh Bắc Ninh": "bac ninh"; "Thành phố" alone names no place. */
        if (strncmp(r->place, levels[k], l) == 0)
            r->place += l;
        else if (strncmp(r->place, levels[k], l - 1) == 0 && !r->place[l - 1])
            r->place += l - 1;
    }
}

/* Adds the body s[0 .. len) names; "X và Y" is two bodies when both are
 * known ("Bộ Chính trị và Ban Bí thư"), one otherwise ("Ban Tuyên giáo và
 * Dân vận Trung ương"). */
static void
add_body(issuer_bodies *ib, const char *s, size_t len, size_t part)
{
    if (ib->n == MAX_BODIES)
        return;
    body_ref *r = &ib->v[ib->n];
    r->part = part;
    folded_words(s, len, r->words);
    if (!r->words[0])
        return;
    find_body(r);
    const char *va = strstr(r->words, " va ");
    if (va && (!r->b || strlen(r->b->words) <= (size_t)(va - r->words)) &&
        ib->n + 2 <= MAX_BODIES) {
        body_ref x = {.part = part}, y = {.part = part};
        memcpy(x.words, r->words, (size_t)(va - r->words));
        x.words[va - r->words] = '\0';
        snprintf(y.words, sizeof y.words, "%s", va + 4);
        find_body(&x);
        find_body(&y);
        if (x.b && y.b) {
            ib->v[ib->n] = x;
            ib->v[ib->n + 1] = y;
            /* `place` points into the copies: found again in the array. */
            find_body(&ib->v[ib->n]);
            find_body(&ib->v[ib->n + 1]);
            ib->n += 2;
            return;
        }
    }
    ib->n++;
}

/* The bodies an issuer names, split at commas and semicolons. */
static void
issuer_read(const char *s, issuer_bodies *ib)
{
    ib->n = 0;
    for (size_t part = 0; s && *s; part++) {
        size_t n = strcspn(s, ",;");
        add_body(ib, s, n, part);
        s += n;
        if (*s)
            s++;
    }
}

/* Do two places agree? Either names none, or the words of one begin the
 * other's: a place cut short ("tỉnh Hà tĩnh", read up to its capitalised
 * words, "Thừa Thiên") is not another place. */
static int
same_place(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return !la || !lb || starts_with_words(a, la, b, lb) || starts_with_words(b, lb, a, la);
}

/* Are two names one body? Unknown names agree when one's words begin the
 * other's. */
static int
same_body(const body_ref *a, const body_ref *b)
{
    if (a->b && b->b) {
        if (strcmp(a->b->id, b->b->id) != 0)
            return 0;
        return same_place(a->place, b->place);
    }
    size_t la = strlen(a->words), lb = strlen(b->words);
    return starts_with_words(a->words, la, b->words, lb) ||
           starts_with_words(b->words, lb, a->words, la);
}

/* Is every body of a one of b? */
static int
bodies_within(const issuer_bodies *a, const issuer_bodies *b)
{
    for (size_t i = 0; i < a->n; i++) {
        size_t j = 0;
        while (j < b->n && !same_body(&a->v[i], &b->v[j]))
            j++;
        if (j == b->n)
            return 0;
    }
    return 1;
}

int
ct_issuer_agree(const char *a, const char *b)
{
    issuer_bodies ia, ib;
    issuer_read(a, &ia);
    issuer_read(b, &ib);
    if (!ia.n || !ib.n)
        return 1;
    return bodies_within(&ia, &ib) || bodies_within(&ib, &ia);
}

/* Is body x the standing body that issues in the name of body y (Bộ
 * Chính trị, Ban Bí thư for the Ban Chấp hành Trung ương; a Ban Thường vụ
 * for its Tỉnh ủy, Thành ủy, Huyện ủy, Quận ủy)? */
static int
acts_for(const body_ref *x, const body_ref *y)
{
    if (!x->b || !y->b)
        return 0;
    const char *xi = x->b->id, *yi = y->b->id;
    if (strcmp(yi, "bchtw") == 0)
        return strcmp(xi, "bct") == 0 || strcmp(xi, "bbt") == 0;
    return strncmp(xi, "btv-", 4) == 0 && strcmp(xi + 4, yi) == 0 && same_place(x->place, y->place);
}

int
ct_issuer_could_issue(const char *cited, const char *issuer, int plenary)
{
    if (ct_issuer_agree(cited, issuer))
        return 1;
    issuer_bodies ic, id;
    issuer_read(cited, &ic);
    issuer_read(issuer, &id);
    if (plenary || id.n != 1)
        return 0;
    for (size_t i = 0; i < ic.n; i++) {
        if (!same_body(&ic.v[i], &id.v[0]) && !acts_for(&ic.v[i], &id.v[0]))
            return 0;
    }
    return 1;
}

int
ct_issuer_fits_code(const char *issuer, const char *issuer_code)
{
    vk_buf c = VK_BUF_INIT;
    issuer_bodies ib;
    int fits = -1;
    issuer_read(issuer, &ib);
    if (ib.n && an_fold_text(issuer_code, strlen(issuer_code), &c) == VK_OK && c.data) {
        for (size_t k = 0; k < VK_ARRAY_LEN(code_table); k++) {
            if (strcmp(code_table[k].code, c.data) != 0)
                continue;
            for (size_t i = 0; i < ib.n; i++) {
                int one = 0;
                if (!ib.v[i].b) {
                    fits = -1;
                    break;
                }
                for (size_t j = 0; j < 6 && code_table[k].ids[j]; j++)
                    one |= strcmp(code_table[k].ids[j], ib.v[i].b->id) == 0;
                fits = fits == 0 ? 0 : one;
                if (!one)
                    break;
            }
        }
    }
    vk_buf_free(&c);
    return fits;
}

/* One body as the citation writes it: a central body by its name, any
 * other as written, white space and header dashes tidied. */
static vk_status
put_body(vk_buf *b, const body_ref *r, const char *s, size_t len)
{
    if (r && r->b && r->b->name && !*r->place)
        return vk_buf_puts(b, r->b->name);
    int space = 0;
    vk_status rc = VK_OK;
    while (len > 0 && strchr(" \t\n-", *s))
        s++, len--;
    while (len > 0 && strchr(" \t\n-", s[len - 1]))
        len--;
    for (size_t i = 0; rc == VK_OK && i < len; i++) {
        int sep = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                  (s[i] == '-' && i > 0 && s[i - 1] == ' ');
        if (sep) {
            space = 1;
            continue;
        }
        if (space)
            rc = vk_buf_putc(b, ' ');
        space = 0;
        if (rc == VK_OK)
            rc = vk_buf_putc(b, s[i]);
    }
    return rc;
}

/* The body the issuer's part `part` names alone, or NULL (none, several,
 * or split at "và"). */
static const body_ref *
part_body(const issuer_bodies *ib, size_t part)
{
    const body_ref *r = NULL;
    for (size_t i = 0; i < ib->n; i++) {
        if (ib->v[i].part != part)
            continue;
        if (r)
            return NULL;
        r = &ib->v[i];
    }
    return r;
}

const char *
ct_issuer_display(const char *issuer, vk_arena *a)
{
    if (!issuer)
        return NULL;
    issuer_bodies ib;
    issuer_read(issuer, &ib);
    vk_buf b = VK_BUF_INIT;
    vk_status rc = VK_OK;
    const char *s = issuer;
    for (size_t part = 0; rc == VK_OK && *s; part++) {
        size_t n = strcspn(s, ",;");
        if (b.len)
            rc = vk_buf_puts(&b, ", ");
        if (rc == VK_OK)
            rc = put_body(&b, part_body(&ib, part), s, n);
        s += n;
        if (*s)
            s++;
    }
    const char *out = rc == VK_OK && b.data ? vk_arena_strndup(a, b.data, b.len) : NULL;
    vk_buf_free(&b);
    return out ? out : issuer;
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

/* Are all plain tokens from i on written without diacritics ("quy dinh ve
 * quy trinh")? */
static int
all_bare(const an_tokens *t, size_t i)
{
    for (i = next_plain(t, i); i < t->n; i = next_plain(t, i + 1)) {
        const an_token *x = &t->v[i];
        if (x->exact_len != x->folded_len || memcmp(x->exact, x->folded, x->exact_len) != 0)
            return 0;
    }
    return 1;
}

/* Token a of s and token b of t are one word: the same exact form, or with
 * `folded`, the same folded form. */
static int
same_token(const an_token *a, const an_token *b, int folded)
{
    return folded
               ? a->folded_len == b->folded_len && memcmp(a->folded, b->folded, a->folded_len) == 0
               : a->exact_len == b->exact_len && memcmp(a->exact, b->exact, a->exact_len) == 0;
}

int
ct_subject_agree(const char *subject, int quoted, const char *title)
{
    an_tokens ts = AN_TOKENS_INIT, tt = AN_TOKENS_INIT;
    size_t i, j, common = 0, ns = 0, nt = 0;
    int agree = 1;
    if (subject_tokens(subject, &ts, &i) == VK_OK && subject_tokens(title, &tt, &j) == VK_OK) {
        /* A subject written without any diacritic is compared folded. */
        int folded = all_bare(&ts, i);
        for (size_t k = next_plain(&ts, i); k < ts.n; k = next_plain(&ts, k + 1))
            ns++;
        for (size_t k = next_plain(&tt, j); k < tt.n; k = next_plain(&tt, k + 1))
            nt++;
        i = next_plain(&ts, i);
        j = next_plain(&tt, j);
        while (i < ts.n && j < tt.n && same_token(&ts.v[i], &tt.v[j], folded)) {
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
