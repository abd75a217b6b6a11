/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * web.c: what a web or news copy wraps around a document: boilerplate to
 * leave out, a metadata table that is evidence for the header, and the
 * signs of a text that is not a document at all.
 *
 * The rules compare folded lines (no diacritics, lower case) with phrases
 * seen on the portals, news sites, the legal Q&A site and the encyclopedia
 * the corpus was crawled from. A phrase that could also stand in a
 * document's own text ("Hướng dẫn", "Đọc") counts only where the page is
 * plainly chrome: inside a run of menu items, or in a page known as a
 * portal copy by its banner or metadata table.
 */
#include "corpus/web.h"

#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "corpus/parse_internal.h"

/* Lines from the top of a portal copy within which its metadata table
 * starts; a table further down is part of the text. */
#define PORTAL_HEAD 120

/* Menu items in a row make a menu; fewer may be a document's own lines. */
#define NAV_RUN 3

/* Longest line a link or byline rule looks at, in bytes. */
#define LINK_MAX 300

typedef enum match_kind { M_EXACT, M_PREFIX, M_CONTAINS } match_kind;

/* A folded phrase and how a line must hold it. */
typedef struct phrase {
    match_kind kind;
    const char *text;
} phrase;

/* Lines that are boilerplate wherever they stand: copyright and consent
 * notices, loading and member messages, the encyclopedia's interface,
 * upkeep banners and broken citation templates, archive toolbars, app
 * badges, comment counters. */
static const phrase boiler[] = {
    {M_PREFIX, "ban dich nay thuoc quyen so huu cua"},
    {M_CONTAINS, "moi hanh vi sao chep, dang tai lai"},
    {M_CONTAINS, "has the copyright on this translation"},
    {M_CONTAINS, "a violation against the law on intellectual property"},
    {M_CONTAINS, "all rights reserved"},
    {M_PREFIX, "ban quyen thuoc ve"},
    {M_PREFIX, "copyright ©"},
    {M_PREFIX, "copyright (c)"},
    {M_PREFIX, "© "},
    {M_CONTAINS, "khi phat hanh lai thong tin tu website nay"},
    {M_CONTAINS, "chung toi su dung cookie"},
    {M_CONTAINS, "trang web nay su dung cookie"},
    {M_CONTAINS, "website nay su dung cookie"},
    {M_CONTAINS, "we use cookies"},
    {M_CONTAINS, "this website uses cookies"},
    {M_CONTAINS, "chinh sach cookie"},
    {M_CONTAINS, "chap nhan cookie"},
    {M_PREFIX, "dang tai van ban"},
    {M_PREFIX, "click vao phan boi vang"},
    {M_PREFIX, "van ban nay chua cap nhat noi dung tieng anh"},
    {M_PREFIX, "toi da doc va dong y"},
    {M_PREFIX, "quy khach can hoi them thong tin"},
    {M_PREFIX, "chuyen vien phap ly:"},
    {M_PREFIX, "tham van boi luat su:"},
    {M_PREFIX, "wikimedia commons co them hinh anh"},
    {M_PREFIX, "neu noi dung ban them vao vi pham ban quyen"},
    {M_PREFIX, "bai viet nay can "},
    {M_PREFIX, "bai viet nay co nhieu van de"},
    {M_PREFIX, "bai viet nay co mot danh sach cac nguon"},
    {M_PREFIX, "bai viet nay hien dang"},
    {M_PREFIX, "bai viet nay la mot ban dich"},
    {M_PREFIX, "bai viet nay dang dung"},
    {M_PREFIX, "bai viet nay thuoc loat bai"},
    {M_PREFIX, "bai viet nay nam trong"},
    {M_PREFIX, "bai nay khong co nguon"},
    {M_PREFIX, "bai nay co liet ke"},
    {M_PREFIX, "bai nay dang "},
    {M_PREFIX, "cac vi du va quan diem trong bai"},
    {M_PREFIX, "cac trich dan trong bai nay"},
    {M_PREFIX, "xin hay phat trien bai viet nay"},
    {M_PREFIX, "co nguoi de nghi bai viet nay"},
    {M_PREFIX, "ban co the mo rong bai nay"},
    {M_PREFIX, "bai viet hoac doan nay can"},
    {M_PREFIX, "(doi huong tu "},
    {M_PREFIX, "the wayback machine - http"},
    {M_PREFIX, "binh luan ("},
    {M_PREFIX, "xem them:"},
    {M_EXACT, "(tro giup)"},
    {M_EXACT, ": lien ket ngoai trong"},
    {M_EXACT, "cac noi dung duoc sua doi, huong dan"},
    {M_EXACT, "download on the"},
    {M_EXACT, "app store"},
    {M_EXACT, "google play"},
    {M_EXACT, "giao dien"},
    {M_EXACT, "buoc toi noi dung"},
    {M_EXACT, "trinh don chinh"},
    {M_EXACT, "chuyen sang thanh ben"},
    {M_EXACT, "tao tai khoan"},
    {M_EXACT, "cong cu ca nhan"},
    {M_EXACT, "xem lich su"},
    {M_EXACT, "sua ma nguon"},
    {M_EXACT, "sua lien ket"},
    {M_EXACT, "lien ket thuong truc"},
    {M_EXACT, "trich dan trang nay"},
    {M_EXACT, "tao url rut gon"},
    {M_EXACT, "tai ma qr"},
    {M_EXACT, "tai duoi dang pdf"},
    {M_EXACT, "tai ve pdf"},
    {M_EXACT, "ban de in ra"},
    {M_EXACT, "in/xuat ra"},
    {M_EXACT, "in va xuat"},
    {M_EXACT, "tao mot quyen sach"},
    {M_EXACT, "khoan muc wikidata"},
    {M_EXACT, "bach khoa toan thu mo wikipedia"},
    {M_EXACT, "them ngon ngu"},
    {M_EXACT, "them lien ket"},
    {M_EXACT, "them de tai"},
    {M_EXACT, "cac lien ket den day"},
    {M_EXACT, "thay doi lien quan"},
    {M_EXACT, "thong tin trang"},
    {M_EXACT, "bai viet ngau nhien"},
    {M_EXACT, "thay doi gan day"},
    {M_EXACT, "bao loi noi dung"},
    {M_EXACT, "gioi thieu wikipedia"},
    {M_EXACT, "thao luan chung"},
    {M_EXACT, "giup su dung"},
    {M_EXACT, "tai len tap tin"},
    {M_EXACT, "noi dung chon loc"},
    {M_EXACT, "quyen gop"},
    {M_EXACT, "tai du an khac"},
    {M_EXACT, "about this capture"},
    {M_EXACT, "collected by"},
    {M_EXACT, "timestamps"},
};

/* Menu items that a document could also hold as a line of its own: they
 * count only in a run of menu items. */
static const char *const nav_weak[] = {
    "doc",
    "sua doi",
    "chung",
    "tieng viet",
    "an",
    "cong cu",
    "tuong tac",
    "huong dan",
    "cong dong",
    "lien lac",
    "tim kiem",
    "dieu huong",
    "thao luan",
    "ban mau",
    "tac vu",
    "trang chinh",
    "dang nhap",
    "dang ky",
    "the loai",
    "the loai an:",
    "trang chu",
    "chia se",
    "in bai",
    "gui bai",
    "lien he",
    "quay lai",
    "len dau trang",
    "x",
    "t",
    "s",
    "v",
    ":",
    "bai viet",
    "tin lien quan",
    "bai lien quan",
};

/* Lines that open the trailer of a portal copy: related documents, the
 * comparison legend, attached files, the portal's letters to its members.
 * Nothing of the document follows them. */
static const phrase trailer[] = {
    {M_EXACT, "van ban lien quan"},
    {M_EXACT, "noi dung sua doi, huong dan"},
    {M_PREFIX, "file duoc dinh kem theo van ban"},
    {M_EXACT, "thua quy khach,"},
    {M_PREFIX, "kinh gui: quy thanh vien"},
    {M_PREFIX, "cam on da dung thuvienphapluat"},
};

/* Fields of a portal's metadata table. */
typedef enum meta_field {
    META_NUMBER,
    META_TYPE,
    META_ISSUER,
    META_SIGNER,
    META_DATE,
    META_OTHER /* a label whose value is not evidence (status, gazette) */
} meta_field;

static const struct {
    const char *label; /* folded, without the colon */
    meta_field field;
} meta_labels[] = {
    {"so hieu", META_NUMBER},
    {"so ky hieu", META_NUMBER},
    {"loai van ban", META_TYPE},
    {"noi ban hanh", META_ISSUER},
    {"co quan ban hanh", META_ISSUER},
    {"nguoi ky", META_SIGNER},
    {"ngay ban hanh", META_DATE},
    {"ngay hieu luc", META_OTHER},
    {"ngay het hieu luc", META_OTHER},
    {"ngay cong bao", META_OTHER},
    {"so cong bao", META_OTHER},
    {"tinh trang", META_OTHER},
    {"tinh trang hieu luc", META_OTHER},
    {"linh vuc", META_OTHER},
    {"nguon thu thap", META_OTHER},
};

/* Values a portal shows for what it does not know. */
static const char *const meta_unknown[] = {"da biet", "dang cap nhat", "khong xac dinh", "khong co",
                                           "..."};

/* A line as folded_line last folded it. */
typedef struct folded_memo {
    const char *s; /* the line folded (NULL: not yet) */
    size_t len;    /* its length */
    size_t off;    /* its folded text in scan.fb */
    size_t flen;   /* the folded text's length */
} folded_memo;

/* State of one cleaning pass. */
typedef struct scan {
    cp_file *f;          /* owner of the arena for rewritten lines */
    cline *lines;        /* the lines being cleaned */
    size_t n;            /* their number */
    unsigned char *drop; /* per line: 1 boilerplate, 2 only table pipes (emptied) */
    vk_buf fb;           /* folded lines looked at ("text\0" each) */
    folded_memo *memo;   /* per line: each is folded once, passes look again */
    int portal;          /* the page is a portal copy (banner or metadata table) */
    size_t table_from;   /* the metadata table's lines [table_from, table_to), or n */
    size_t table_to;     /* see table_from */
    size_t emptied;      /* lines that held only marks (edit marks) */
} scan;

/* ---------------------------------------------------------------------- */
/* Folded lines                                                           */
/* ---------------------------------------------------------------------- */

/* The folded text of line i without table pipes and spaces around it;
 * valid until the next call. *len gets its length. A line is folded once
 * while it stays as it is (a rewritten line has other bytes). */
static const char *
folded_line(scan *s, size_t i, size_t *len)
{
    folded_memo *m = &s->memo[i];
    const cline *ln = &s->lines[i];
    if (!m->s || m->s != ln->s || m->len != ln->len) {
        size_t off = s->fb.len;
        if (an_fold_text(ln->s, ln->len, &s->fb) != VK_OK || vk_buf_putc(&s->fb, '\0') != VK_OK) {
            s->fb.len = off;
            if (s->fb.data)
                s->fb.data[off] = '\0';
            *len = 0;
            return "";
        }
        const char *fo = s->fb.data + off;
        size_t l = s->fb.len - off - 1;
        while (l > 0 && (fo[l - 1] == '|' || fo[l - 1] == ' '))
            l--;
        size_t b = 0;
        while (b < l && (fo[b] == '|' || fo[b] == ' '))
            b++;
        /* The buffer is ours: cut the tail in place. */
        s->fb.data[off + l] = '\0';
        *m = (folded_memo){ln->s, ln->len, off + b, l - b};
    }
    *len = m->flen;
    return s->fb.data + m->off;
}

static int
phrase_in(const char *fo, size_t len, const phrase *p)
{
    size_t pl = strlen(p->text);
    switch (p->kind) {
    case M_EXACT: return len == pl && memcmp(fo, p->text, pl) == 0;
    case M_PREFIX: return len >= pl && memcmp(fo, p->text, pl) == 0;
    case M_CONTAINS: return strstr(fo, p->text) != NULL;
    }
    return 0;
}

static int
any_phrase(const char *fo, size_t len, const phrase *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        if (phrase_in(fo, len, &v[k]))
            return 1;
    }
    return 0;
}

static int
any_word(const char *fo, const char *const *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        if (strcmp(fo, v[k]) == 0)
            return 1;
    }
    return 0;
}

/* Nonzero if the line holds nothing but table pipes (and the dashes,
 * colons and spaces of a separator row: "|---|---|"). */
static int
pipes_only(const char *s, size_t len)
{
    int pipe = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '|')
            pipe = 1;
        else if (s[i] != '-' && s[i] != ':' && s[i] != ' ')
            return 0;
    }
    return pipe;
}

/* ---------------------------------------------------------------------- */
/* Marks inside lines                                                     */
/* ---------------------------------------------------------------------- */

/* Replaces line i's text by s[0 .. len) in the arena. */
static vk_status
set_text(scan *s, size_t i, const char *t, size_t len)
{
    char *copy = vk_arena_strndup(&s->f->arena, t, len);
    if (!copy)
        return VK_ENOMEM;
    s->lines[i].s = copy;
    s->lines[i].len = len;
    return VK_OK;
}

/* Length of an encyclopedia edit mark at s ("[sửa | sửa mã nguồn]",
 * "[ sửa | sửa mã nguồn ]", "[sửa mã nguồn]", "[sửa]"), or 0. */
static size_t
edit_mark(const char *s)
{
    static const char *const words[] = {"sửa | sửa mã nguồn", "sửa mã nguồn", "sửa"};
    if (*s != '[')
        return 0;
    size_t p = 1 + strspn(s + 1, " ");
    for (size_t k = 0; k < VK_ARRAY_LEN(words); k++) {
        if (cp_starts_with(s + p, words[k])) {
            size_t q = p + strlen(words[k]);
            q += strspn(s + q, " ");
            return s[q] == ']' ? q + 1 : 0;
        }
    }
    return 0;
}

/* Removes every encyclopedia edit mark from line i, with the heading marks
 * that follow one ("[sửa | sửa mã nguồn]## Tham khảo" -> "Tham khảo"). */
static vk_status
strip_edit_marks(scan *s, size_t i)
{
    const cline *ln = &s->lines[i];
    if (!memchr(ln->s, '[', ln->len) || !strstr(ln->s, "sửa"))
        return VK_OK;
    vk_buf out = VK_BUF_INIT;
    vk_status rc = VK_OK;
    size_t p = 0;
    while (p < ln->len && rc == VK_OK) {
        size_t ml = edit_mark(ln->s + p);
        if (!ml) {
            rc = vk_buf_putc(&out, ln->s[p++]);
            continue;
        }
        p += ml;
        while (p < ln->len && (ln->s[p] == '#' || ln->s[p] == ' '))
            p++;
        if (out.len && out.data[out.len - 1] != ' ' && p < ln->len)
            rc = vk_buf_putc(&out, ' ');
    }
    if (rc == VK_OK && out.len != ln->len)
        rc = set_text(s, i, out.data ? out.data : "", out.len);
    vk_buf_free(&out);
    return rc;
}

/* Cuts from line i a portal's sign-up prompt or a quote's credit, which
 * run to the end of the line ("... Hãy đăng nhập hoặc đăng ký Thành viên
 * Pro tại đây để xem toàn bộ văn bản", "\"...\" - Đây là chia sẻ của Luật
 * gia ..."). */
static vk_status
strip_tails(scan *s, size_t i)
{
    static const char *const tails[] = {"Hãy đăng nhập hoặc đăng ký", "- Đây là chia sẻ của",
                                        "Đây là chia sẻ của"};
    const cline *ln = &s->lines[i];
    for (size_t k = 0; k < VK_ARRAY_LEN(tails); k++) {
        const char *at = strstr(ln->s, tails[k]);
        if (!at)
            continue;
        size_t len = (size_t)(at - ln->s);
        /* The elision dots and spaces before the prompt go too. */
        while (len > 0 && (ln->s[len - 1] == ' ' || ln->s[len - 1] == '.'))
            len--;
        if (len > 0 && k == 0)
            len += ln->s[len] == '.'; /* keep a sentence's own full stop */
        return set_text(s, i, ln->s, len);
    }
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* The metadata table                                                     */
/* ---------------------------------------------------------------------- */

/* If the folded cell fo[0 .. len) is a table label ("số hiệu:"), returns
 * 1 and sets *field. */
static int
meta_label(const char *fo, size_t len, meta_field *field)
{
    while (len > 0 && fo[len - 1] == ' ')
        len--;
    if (len < 2 || fo[len - 1] != ':')
        return 0;
    len--;
    while (len > 0 && fo[len - 1] == ' ')
        len--;
    for (size_t k = 0; k < VK_ARRAY_LEN(meta_labels); k++) {
        if (strlen(meta_labels[k].label) == len && memcmp(fo, meta_labels[k].label, len) == 0) {
            *field = meta_labels[k].field;
            return 1;
        }
    }
    return 0;
}

/* Trims spaces and pipes from both ends of s[0 .. *len); returns the new
 * start. */
static const char *
trim_cell(const char *s, size_t *len)
{
    size_t b = 0, e = *len;
    while (b < e && (s[b] == ' ' || s[b] == '|'))
        b++;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '|'))
        e--;
    *len = e - b;
    return s + b;
}

/* Stores one value of the table in *ev (the first value of a field wins). */
static vk_status
meta_store(scan *s, cp_evidence *ev, meta_field field, const char *v, size_t len)
{
    vk_buf fb = VK_BUF_INIT;
    const char *fo = cp_folded(v, len, &fb);
    int unknown = len == 0 || any_word(fo, meta_unknown, VK_ARRAY_LEN(meta_unknown));
    vk_buf_free(&fb);
    if (unknown)
        return VK_OK;
    vk_arena *a = &s->f->arena;
    const char **slot = field == META_NUMBER   ? &ev->number
                        : field == META_TYPE   ? &ev->type
                        : field == META_ISSUER ? &ev->issuer
                        : field == META_SIGNER ? &ev->signer
                                               : NULL;
    if (field == META_DATE && ev->date.year == 0) {
        an_tokens toks = AN_TOKENS_INIT;
        size_t place = 0;
        cp_date d;
        if (cp_date_in(v, len, &toks, &d, &place))
            ev->date = d;
        an_tokens_free(&toks);
    }
    if (!slot || *slot)
        return VK_OK;
    char *copy = vk_arena_alloc(a, len + 1);
    if (!copy)
        return VK_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (field != META_NUMBER || v[i] != ' ')
            copy[k++] = v[i];
    }
    copy[k] = '\0';
    *slot = copy;
    return VK_OK;
}

/* The value of a label that stands alone on line i: the next line that is
 * neither empty, nor pipes, nor another label, joined with the lines that
 * continue it. Returns the index after the value (i + 1 if none). */
static size_t
meta_value_lines(scan *s, size_t i, vk_buf *val)
{
    size_t j = i + 1, end = i + 1;
    meta_field fld;
    while (j < s->n && j < i + 4 &&
           (s->lines[j].len == 0 || pipes_only(s->lines[j].s, s->lines[j].len)))
        j++;
    for (; j < s->n && s->lines[j].len > 0 && !pipes_only(s->lines[j].s, s->lines[j].len); j++) {
        size_t fl;
        const char *fo = folded_line(s, j, &fl);
        if (meta_label(fo, fl, &fld))
            break;
        size_t cl = s->lines[j].len;
        const char *c = trim_cell(s->lines[j].s, &cl);
        if (val->len)
            vk_buf_putc(val, ' ');
        vk_buf_append(val, c, cl);
        end = j + 1;
    }
    return end;
}

/* Reads the labels and values of line i (a row "| Số hiệu: | 39693/TB-CHQ
 * | Loại văn bản: | Thông báo |", or a label alone with its value on the
 * lines below). Returns the number of labels found; *end gets the index
 * after the last line used. */
static int
meta_row(scan *s, size_t i, cp_evidence *ev, size_t *end, vk_status *rc)
{
    const cline *ln = &s->lines[i];
    int labels = 0;
    size_t p = 0;
    *end = i + 1;
    while (p < ln->len && *rc == VK_OK) {
        size_t q = p;
        while (q < ln->len && ln->s[q] != '|')
            q++;
        size_t cl = q - p;
        const char *c = trim_cell(ln->s + p, &cl);
        vk_buf fb = VK_BUF_INIT;
        meta_field fld;
        const char *fo = cl > 0 ? cp_folded(c, cl, &fb) : "";
        int is_label = meta_label(fo, strlen(fo), &fld);
        vk_buf_free(&fb);
        p = q + 1;
        if (!is_label)
            continue;
        labels++;
        /* The value: the next cell of the row, else the lines below. */
        size_t r = p;
        while (r < ln->len && ln->s[r] != '|')
            r++;
        size_t vl = r > p ? r - p : 0;
        const char *v = trim_cell(ln->s + (p < ln->len ? p : ln->len), &vl);
        vk_buf val = VK_BUF_INIT;
        if (vl > 0)
            p = r + 1;
        else
            *end = meta_value_lines(s, i, &val);
        *rc = meta_store(s, ev, fld, vl > 0 ? v : val.data, vl > 0 ? vl : val.len);
        vk_buf_free(&val);
    }
    return labels;
}

/* Finds the portal's metadata table near the top of the page: at least
 * three labels, each within a few lines of the last. Fills *ev and marks
 * the table's lines. */
static vk_status
read_table(scan *s, cp_evidence *ev)
{
    vk_status rc = VK_OK;
    size_t first = s->n, last = 0, count = 0;
    cp_evidence tmp;
    memset(&tmp, 0, sizeof tmp);
    for (size_t i = 0; i < s->n && i < PORTAL_HEAD + 40 && rc == VK_OK; i++) {
        if (s->lines[i].len == 0 || s->lines[i].len > 400)
            continue;
        if ((count && i > last + 8) || (!count && i > PORTAL_HEAD))
            break; /* the table ended, or there is none near the top */
        size_t end;
        int k = meta_row(s, i, &tmp, &end, &rc);
        if (!k)
            continue;
        first = count ? first : i;
        count += (size_t)k;
        last = end - 1;
        i = end - 1;
    }
    if (rc != VK_OK || count < 3)
        return rc;
    *ev = tmp;
    s->portal = 1;
    s->table_from = first;
    /* The pipes closing the table belong to it. */
    while (last + 1 < s->n && (s->lines[last + 1].len == 0 ||
                               pipes_only(s->lines[last + 1].s, s->lines[last + 1].len)))
        last++;
    s->table_to = last + 1;
    for (size_t i = first; i <= last; i++)
        s->drop[i] = 1;
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* Portal copies                                                          */
/* ---------------------------------------------------------------------- */

/* Nonzero if line i could open a document's own header: a number line, a
 * type alone, the national or the Party motto. */
static int
document_line(scan *s, size_t i)
{
    const cline *ln = &s->lines[i];
    an_docnum d;
    if (ln->len == 0 || ln->len > 80)
        return 0;
    if (cp_type_by_name(ln->s, ln->len) || cp_number_line(ln->s, ln->len, &d))
        return 1;
    size_t fl;
    const char *fo = folded_line(s, i, &fl);
    return strstr(fo, "cong hoa xa hoi chu nghia viet nam") || strstr(fo, "dang cong san viet nam");
}

/* A portal copy shows its banner, legend and loading message above the
 * metadata table: all of it goes when one line there is known boilerplate
 * and none could belong to the document. */
static void
drop_banner(scan *s)
{
    int known = 0;
    for (size_t i = 0; i < s->table_from && i < s->n; i++) {
        if (document_line(s, i))
            return;
        size_t fl;
        const char *fo = folded_line(s, i, &fl);
        known |= any_phrase(fo, fl, boiler, VK_ARRAY_LEN(boiler));
    }
    for (size_t i = 0; known && i < s->table_from && i < s->n; i++)
        s->drop[i] = 1;
}

/* The portal's own title for the page, "Thông báo 39693/TB-CHQ năm 2025
 * về ..." or "... ngày 02/12/2025 ...", printed again after the document:
 * a headline, not text. */
static int
portal_title(const cline *ln, const cp_evidence *ev)
{
    if (!ev->type || !ev->number)
        return 0;
    size_t tl = strlen(ev->type), nl = strlen(ev->number);
    if (ln->len < tl + nl + 6 || memcmp(ln->s, ev->type, tl) != 0 || ln->s[tl] != ' ' ||
        memcmp(ln->s + tl + 1, ev->number, nl) != 0)
        return 0;
    const char *rest = ln->s + tl + 1 + nl;
    return cp_starts_with(rest, " năm ") || cp_starts_with(rest, " ngày ");
}

/* In a portal copy: the page titles, and the trailer from its first line
 * to the end of the page. */
static vk_status
drop_portal_trailer(scan *s, cp_evidence *ev)
{
    size_t from = s->table_to < s->n ? s->table_to : 0;
    for (size_t i = from; i < s->n; i++) {
        if (portal_title(&s->lines[i], ev)) {
            if (!ev->headline)
                ev->headline = s->lines[i].s;
            s->drop[i] = 1;
            continue;
        }
        size_t fl;
        const char *fo = folded_line(s, i, &fl);
        if (!any_phrase(fo, fl, trailer, VK_ARRAY_LEN(trailer)))
            continue;
        for (size_t k = i; k < s->n; k++)
            s->drop[k] = 1;
        break;
    }
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* Menus, toolbars and links                                              */
/* ---------------------------------------------------------------------- */

/* 1 for a menu item that is boilerplate anywhere, 2 for one that counts
 * only among others, 0 for anything else. */
static int
nav_item(scan *s, size_t i)
{
    size_t fl;
    const char *fo = folded_line(s, i, &fl);
    for (size_t k = 0; k < VK_ARRAY_LEN(boiler); k++) {
        if (boiler[k].kind == M_EXACT && phrase_in(fo, fl, &boiler[k]))
            return 1;
    }
    return fl < 24 && any_word(fo, nav_weak, VK_ARRAY_LEN(nav_weak)) ? 2 : 0;
}

/* Drops the ambiguous items of every run of at least NAV_RUN menu items
 * that holds an unambiguous one (the encyclopedia's side bar, a portal's
 * share and print buttons). */
static void
drop_menus(scan *s)
{
    size_t i = 0;
    while (i < s->n) {
        size_t j = i, items = 0;
        int strong = 0;
        for (; j < s->n; j++) {
            int k = s->lines[j].len ? nav_item(s, j) : -1;
            if (k == 0)
                break;
            items += k > 0;
            strong |= k == 1;
        }
        for (size_t k = i; strong && items >= NAV_RUN && k < j; k++)
            s->drop[k] |= s->lines[k].len > 0;
        i = j > i ? j : i + 1;
    }
}

/* An archive's toolbar: "67 captures", dates, months, "TIMESTAMPS", down
 * to "The Wayback Machine - https://...". */
static void
drop_archive_bar(scan *s, size_t i)
{
    const cline *ln = &s->lines[i];
    size_t d = strspn(ln->s, "0123456789,.");
    if (d == 0 || ln->len != d + strlen(" captures") || strcmp(ln->s + d, " captures") != 0)
        return;
    for (size_t j = i; j < s->n && j < i + 40; j++) {
        size_t fl;
        const char *fo = folded_line(s, j, &fl);
        if (cp_starts_with(fo, "the wayback machine - ")) {
            for (size_t k = i; k <= j; k++)
                s->drop[k] = 1;
            return;
        }
    }
    s->drop[i] = 1;
}

/* Nonzero for the debris of a broken citation template: parameters in
 * code marks ("`|url=`") with a few words of complaint around them (": Kiểm
 * tra giá trị`|url=`", "và`|title=`"). A help page that explains the
 * parameters in sentences keeps them. */
static int
template_error(const char *s, size_t len)
{
    const char *p = strstr(s, "`|");
    if (!p || len > 160)
        return 0;
    size_t words = (size_t)(p - s);
    while ((p = strchr(p + 1, '`')) != NULL) {
        const char *next = strstr(p + 1, "`|");
        if (!next) {
            words += strlen(p + 1);
            break;
        }
        words += (size_t)(next - p - 1);
        p = next;
    }
    return words < 48 || strstr(s, "(trợ giúp)") || strstr(s, "Kiểm tra giá trị");
}

/* Links to related pages and downloads (">> ...", "Tải về ...", "Xem toàn
 * văn ... tại đây"), a table of contents' label, an advertisement's
 * heading, broken citation templates ("Kiểm tra giá trị`|url=`"). The
 * page's own headings stay. */
static int
link_line(scan *s, size_t i)
{
    static const phrase links[] = {
        {M_PREFIX, "tai ve"},     {M_PREFIX, "tai file"},     {M_PREFIX, "xem toan van"},
        {M_PREFIX, "xem va tai"}, {M_PREFIX, "tai toan van"}, {M_PREFIX, "xem chi tiet the le"},
    };
    const cline *ln = &s->lines[i];
    if (ln->len == 0 || ln->len > LINK_MAX)
        return 0;
    if (template_error(ln->s, ln->len))
        return 1;
    size_t fl;
    const char *fo = folded_line(s, i, &fl);
    if (ln->heading) /* a table of contents' label, an estate agent's banner */
        return strcmp(fo, "noi dung chinh") == 0 ||
               (cp_starts_with(fo, "mua ban ") && strstr(fo, " tai ") && fl < 80);
    size_t d = strspn(fo, "0123456789");
    if (d > 0 && strcmp(fo + d, " ngon ngu") == 0)
        return 1; /* the encyclopedia's count of other languages */
    return cp_starts_with(ln->s, ">>") || any_phrase(fo, fl, links, VK_ARRAY_LEN(links));
}

/* ---------------------------------------------------------------------- */
/* Cleaning                                                               */
/* ---------------------------------------------------------------------- */

/* The page's first "# " title, when it opens the page. */
static void
find_headline(scan *s, cp_evidence *ev)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->drop[i] || s->lines[i].len == 0)
            continue;
        if (s->lines[i].heading > 0 && s->lines[i].heading <= 2)
            ev->headline = s->lines[i].s;
        return;
    }
}

/* Marks the lines that are boilerplate wherever they stand; blanks the
 * lines that hold only table pipes; strips marks inside lines. */
static vk_status
mark_lines(scan *s)
{
    vk_status rc = VK_OK;
    for (size_t i = 0; i < s->n && rc == VK_OK; i++) {
        cline *ln = &s->lines[i];
        if (ln->len == 0 || s->drop[i])
            continue;
        rc = strip_edit_marks(s, i);
        if (rc == VK_OK)
            rc = strip_tails(s, i);
        if (rc != VK_OK)
            break;
        if (ln->len == 0) {
            s->drop[i] = 1;
            s->emptied++; /* it held only an edit mark */
            continue;
        }
        if (pipes_only(ln->s, ln->len)) {
            s->drop[i] = 2; /* left as an empty line: it parted two cells */
            continue;
        }
        size_t fl;
        const char *fo = folded_line(s, i, &fl);
        if (any_phrase(fo, fl, boiler, VK_ARRAY_LEN(boiler)) || link_line(s, i))
            s->drop[i] = 1;
        else
            drop_archive_bar(s, i);
    }
    return rc;
}

/* Removes the marked lines, keeping the order and line numbers of the rest,
 * and empties the lines of pipes; returns how many lines of boilerplate
 * left the text. */
static size_t
compact(scan *s)
{
    size_t k = 0, gone = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->drop[i] == 1 && s->lines[i].len > 0) {
            gone++;
            continue;
        }
        if (s->drop[i] == 1)
            continue; /* an empty line inside boilerplate */
        s->lines[k] = s->lines[i];
        if (s->drop[i] == 2) {
            /* Table debris, as common in converted documents as on the
             * web: not counted as boilerplate. */
            s->lines[k].len = 0;
            s->lines[k].s = "";
        }
        k++;
    }
    s->n = k;
    return gone;
}

vk_status
cp_web_clean(cp_file *f, cline *lines, size_t *n, cp_evidence *ev)
{
    memset(ev, 0, sizeof *ev);
    if (*n == 0)
        return VK_OK;
    scan s = {.f = f, .lines = lines, .n = *n, .fb = VK_BUF_INIT};
    s.table_from = s.table_to = *n;
    s.drop = calloc(*n, 1);
    s.memo = calloc(*n, sizeof *s.memo);
    if (!s.drop || !s.memo) {
        free(s.drop);
        free(s.memo);
        return VK_ENOMEM;
    }
    vk_status rc = read_table(&s, ev);
    if (rc == VK_OK && s.portal)
        drop_banner(&s);
    for (size_t i = 0; rc == VK_OK && !s.portal && i < s.n && i < PORTAL_HEAD; i++) {
        size_t fl;
        const char *fo = folded_line(&s, i, &fl);
        s.portal = cp_starts_with(fo, "dang tai van ban") ||
                   cp_starts_with(fo, "ban dich nay thuoc quyen so huu cua");
    }
    if (rc == VK_OK)
        rc = mark_lines(&s);
    if (rc == VK_OK) {
        drop_menus(&s);
        find_headline(&s, ev);
    }
    if (rc == VK_OK && s.portal)
        rc = drop_portal_trailer(&s, ev);
    if (rc == VK_OK) {
        f->boilerplate += compact(&s) + s.emptied;
        *n = s.n;
    }
    free(s.drop);
    free(s.memo);
    vk_buf_free(&s.fb);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Texts that are not documents                                           */
/* ---------------------------------------------------------------------- */

/* Lines from the top that a document's own header stands in. */
#define HEAD_TEXT_LINES 20

/* What a text shows of its kind. */
typedef struct signals {
    int doc_head;    /* a number line, a type alone, a motto or "Kính gửi" in the head */
    int articles;    /* bit k - 1 set: a line opens "Điều k" (k = 1, 2, 3) */
    int closing;     /* a line of a closing block: "Nơi nhận", "T/M ...", "Đã ký" */
    int question;    /* the title or a heading of the head is a question */
    int questions;   /* lines that are questions (short, ending in "?") */
    int answers;     /* answer openers: "Căn cứ theo ...", "Như vậy, ...", captions */
    int wiki_page;   /* a namespace title ("Bản mẫu:..."), a disambiguation, an infobox */
    int wiki_box;    /* infobox rows: "| Sinh | ... |", "| Quốc tịch | ... |" */
    int wiki_heads;  /* encyclopedia section headings: "Tham khảo", "Liên kết ngoài" */
    int wiki_refs;   /* reference lines: "Truy cập ngày", "Lưu trữ bản gốc", "^..." */
    int wiki_lead;   /* a defining first sentence: "X (sinh 1955) là một ..." */
    int news_lead;   /* an agency tag, or a lead that reports an act */
    int news_byline; /* the last line is a short name under the story's text */
    int asks;        /* the first line is a question: a Q&A page's title */
    int repeat;      /* the first line comes again below it: a web article's title */
    char title[320]; /* the first line, folded, when it is not too long */
} signals;

static int
starts_any(const char *fo, const char *const *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        if (cp_starts_with(fo, v[k]))
            return 1;
    }
    return 0;
}

static int
contains_any(const char *fo, const char *const *v, size_t nv)
{
    for (size_t k = 0; k < nv; k++) {
        if (strstr(fo, v[k]))
            return 1;
    }
    return 0;
}

/* Nonzero if the line could open a document's header: a number line, a
 * type alone, a motto (Vietnamese or English), an addressee line. */
static int
header_line(const cline *ln, const char *fo)
{
    static const char *const mottos[] = {"cong hoa xa hoi chu nghia viet nam",
                                         "dang cong san viet nam", "socialist republic of viet"};
    an_docnum d;
    if (ln->len > 80)
        return 0;
    if (cp_type_by_name(ln->s, ln->len) || cp_number_line(ln->s, ln->len, &d))
        return 1;
    return (cp_mostly_upper(ln->s, ln->len) && contains_any(fo, mottos, VK_ARRAY_LEN(mottos))) ||
           cp_starts_with(fo, "kinh gui:");
}

/* "Điều 1." / "Điều 2 ..." opening the line: bit 0, 1 or 2. */
static int
article_bit(const char *fo)
{
    if (!cp_starts_with(fo, "dieu ") || fo[5] < '1' || fo[5] > '3')
        return 0;
    char c = fo[6];
    return c == '.' || c == ' ' || c == ':' || c == '\0' ? 1 << (fo[5] - '1') : 0;
}

/* Nonzero if the text cites a document by its number ("120/2025/NĐ-CP",
 * "71-NQ/TW"): digits, then "/" or "-", then more. */
static int
cites_number(const char *s)
{
    for (const char *p = s; (p = strpbrk(p, "/-")) != NULL; p++) {
        if (p > s && p[-1] >= '0' && p[-1] <= '9' && p[1] && p[1] != ' ')
            return 1;
    }
    return 0;
}

/* A news lead: an agency's tag ("(Chinhphu.vn) - ", "(TTXVN)"), a source
 * line ("Nguồn Quochoi.vn"), or a first sentence that reports an act on a
 * document it cites ("Chính phủ vừa ban hành Nghị định ...", "Ngày
 * 20/02/2025, Bộ Quốc phòng ban hành Văn bản hợp nhất số 02/VBHN-BQP ..."). */
static int
news_lead(const char *s, size_t len, const char *fo)
{
    static const char *const acts[] = {"ban hanh",      "vua ky",      "bieu quyet thong qua",
                                       "vua thong qua", "co hieu luc", "vua co "};
    if (s[0] == '(') {
        const char *close = memchr(s, ')', len < 32 ? len : 32);
        if (close && !memchr(s, ' ', (size_t)(close - s)) &&
            (cp_starts_with(close + 1, " -") || cp_starts_with(close + 1, "-") ||
             cp_starts_with(close + 1, " –")))
            return 1;
    }
    if (cp_starts_with(fo, "nguon ") && strstr(fo, ".vn"))
        return 1;
    return len > 60 && contains_any(fo, acts, VK_ARRAY_LEN(acts)) &&
           (cites_number(s) || strstr(fo, "vua ") != NULL);
}

/* A byline: a short line of two to four capitalized words ("LÊ KIÊN",
 * "Vân Trang"), "PV" or "Theo ...", under a paragraph of the story (not
 * under a signer's title in capitals). */
static int
byline(const cline *ln, const char *fo, const cline *above)
{
    if (ln->len == 0 || ln->len > 40 || memchr(ln->s, '.', ln->len) ||
        memchr(ln->s, ':', ln->len) || !above || above->len < 80 ||
        cp_mostly_upper(above->s, above->len))
        return 0;
    if (strcmp(fo, "pv") == 0 || cp_starts_with(fo, "theo "))
        return 1;
    size_t words = 0;
    for (size_t i = 0; i < ln->len; i++) {
        if (i == 0 || ln->s[i - 1] == ' ') {
            uint32_t cp;
            vk_utf8_decode(ln->s + i, ln->len - i, &cp);
            if (!an_is_upper(cp))
                return 0;
            words++;
        }
    }
    return words >= 2 && words <= 4;
}

/* Encyclopedia pages that say so themselves: a title in a namespace
 * ("Bản mẫu:Chủ nghĩa xã hội", "Thảo luận:..."), a disambiguation page. */
static int
wiki_page(const char *fo, size_t k)
{
    static const char *const spaces[] = {
        "ban mau:",   "wikipedia:", "tro giup:", "dac biet:", "the loai:",   "sua doi ban mau:",
        "thao luan:", "tap tin:",   "chu de:",   "module:",   "thanh vien:", "tim kiem sach"};
    if (k == 0 && starts_any(fo, spaces, VK_ARRAY_LEN(spaces)))
        return 1;
    if (cp_starts_with(fo, "the loai an:") || cp_starts_with(fo, "trang trong the loai") ||
        strstr(fo, "trang dinh huong"))
        return 1; /* the footer of a page as the encyclopedia renders it */
    return k < 8 && (cp_starts_with(fo, "co the la") || strstr(fo, " co the la:") ||
                     strstr(fo, " co the chi ") || strstr(fo, "wikipedia"));
}

/* An infobox row: "| Sinh | 1926 ... |", "| Quốc tịch | Việt Nam |". */
static int
infobox_row(const char *fo)
{
    static const char *const keys[] = {
        "sinh",          "mat",        "quoc tich",   "dan toc",    "ton giao",  "dang chinh tri",
        "quoc gia",      "vung",       "thu do",      "dien tich",  "dan so",    "vo",
        "chong",         "con cai",    "nghe nghiep", "website",    "tru so",    "thanh lap",
        "phuc vu",       "cap bac",    "thuoc",       "hoc van",    "que quan",  "nhiem ky",
        "tien nhiem",    "ke nhiem",   "loai hinh",   "nganh nghe", "mui gio",   "ma buu chinh",
        "but danh",      "tham chien", "chi huy",     "lanh tu",    "khau hieu", "gioi tinh",
        "thien nien ky", "the ky",     "thap nien",   "nam",        "cn",
    };
    while (*fo == '|' || *fo == ' ')
        fo++;
    const char *bar = strchr(fo, '|');
    if (!bar)
        return 0;
    size_t l = (size_t)(bar - fo);
    while (l > 0 && (fo[l - 1] == ' ' || fo[l - 1] == ':'))
        l--;
    for (size_t k = 0; k < VK_ARRAY_LEN(keys); k++) {
        if (strlen(keys[k]) == l && memcmp(fo, keys[k], l) == 0)
            return 1;
    }
    return 0;
}

/* An encyclopedia's first sentence defines its short title: "Hàng hóa là
 * sản phẩm ...", "Chuẩn đô đốc (tiếng Anh: ...) là ...", "Ngày 20 tháng 8
 * là ngày thứ 232 ...". */
static int
title_lead(const signals *g, const char *fo)
{
    size_t tl = strlen(g->title);
    if (tl == 0 || tl > 60)
        return 0;
    if (cp_starts_with(fo, "ngay ") && strncmp(fo + 5, g->title, tl) == 0)
        fo += 5;
    if (strncmp(fo, g->title, tl) != 0)
        return 0;
    return cp_starts_with(fo + tl, " la ") || cp_starts_with(fo + tl, " (") ||
           cp_starts_with(fo + tl, ", ");
}

/* Reads the signals of one non-empty line; k counts the text's non-empty
 * lines so far. */
static void
line_signals(signals *g, const cline *ln, const char *fo, size_t k, vk_buf *scratch)
{
    static const char *const answer[] = {"can cu theo", "can cu tai",  "can cu khoan",
                                         "can cu diem", "can cu dieu", "theo quy dinh tai",
                                         "nhu vay,",    "nhu vay ",    "tren day la"};
    static const char *const wiki_h[] = {"tham khao", "lien ket ngoai", "chu thich",
                                         "xem them",  "doc them",       "ghi chu",
                                         "thu muc",   "tieu su",        "nguon"};
    static const char *const refs[] = {"truy cap ngay", "luu tru ban goc", "ban goc luu tru"};
    size_t fl = strlen(fo);
    int head = k < HEAD_TEXT_LINES;
    if (k == 0 && fl < sizeof g->title)
        memcpy(g->title, fo, fl + 1); /* a short title, for title_lead */
    g->doc_head |= head && header_line(ln, fo);
    g->articles |= article_bit(fo);
    int q = fl > 8 && fl < 300 && fo[fl - 1] == '?';
    g->questions += q;
    g->question |= q && (k < 3 || (head && ln->heading));
    g->asks |= q && k == 0;
    g->repeat |= k > 0 && k < 5 && fl && strcmp(fo, g->title) == 0;
    g->answers += starts_any(fo, answer, VK_ARRAY_LEN(answer)) || strstr(fo, "(hinh tu internet)");
    g->wiki_page |= wiki_page(fo, k);
    g->wiki_box += k < 80 && ln->s[0] == '|' && infobox_row(fo);
    g->wiki_heads += fl < 20 && any_word(fo, wiki_h, VK_ARRAY_LEN(wiki_h));
    g->wiki_refs += fo[0] == '^' || contains_any(fo, refs, VK_ARRAY_LEN(refs));
    g->wiki_lead |= k < 3 && (strstr(fo, ") la mot ") || strstr(fo, ") la ") != NULL);
    g->wiki_page |= k > 0 && k < 4 && title_lead(g, fo);
    g->news_lead |= k < 3 && news_lead(ln->s, ln->len, fo);
    g->closing |= ln->len < 80 && cp_opens_closing(ln, scratch);
}

/* The kind the signals add up to (see cp_web_nondoc). */
static const char *
weigh(const signals *g)
{
    int wiki = g->wiki_heads + (g->wiki_refs > 0) + g->wiki_lead;
    /* A document's own header, or its articles in order: a document, or a
     * copy that carries one. */
    if (g->asks && g->answers + g->questions >= 2)
        return "qa"; /* a document never opens with a question */
    if (g->doc_head || g->articles == 7)
        return NULL;
    if (g->wiki_page || g->wiki_box >= 2)
        return "encyclopedia";
    if (g->question && g->answers + g->questions >= 2)
        return "qa";
    if (wiki >= 2)
        return "encyclopedia";
    if (g->closing)
        return NULL; /* a signature or recipients: a letter, not a story */
    if (g->news_lead || g->repeat || (g->news_byline && g->answers == 0 && wiki == 0))
        return "news";
    if (g->answers >= 3)
        return "qa";
    return NULL;
}

const char *
cp_web_nondoc(const cline *lines, size_t n)
{
    signals g;
    memset(&g, 0, sizeof g);
    vk_buf fb = VK_BUF_INIT, scratch = VK_BUF_INIT;
    size_t k = 0, last = n, above = n;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].len == 0)
            continue;
        line_signals(&g, &lines[i], cp_folded(lines[i].s, lines[i].len, &fb), k++, &scratch);
        above = last;
        last = i;
    }
    if (last < n)
        g.news_byline = byline(&lines[last], cp_folded(lines[last].s, lines[last].len, &fb),
                               above < n ? &lines[above] : NULL);
    vk_buf_free(&fb);
    vk_buf_free(&scratch);
    return weigh(&g);
}
