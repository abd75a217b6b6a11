/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse.c: the structure parser: header metadata, the section tree from the
 * numbering, and paragraphs joined across broken lines (see cp.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/cite.h"
#include "corpus/cp.h"
#include "corpus/numbering_internal.h"
#include "corpus/parse_internal.h"
#include "corpus/readers.h"

/* Longest heading kept whole; longer numbered items are paragraphs whose
 * heading is their first clause. */
#define HEADING_MAX 160

/* Longest title of a Chương, Phần or Mục in bytes (capitals take two or
 * three): a title goes on over its lines up to there. */
#define TITLE_MAX 600

/* Parser state for one document. */
typedef struct builder {
    cp_file *file;               /* owner of the arena */
    cp_doc *doc;                 /* document being built */
    size_t cap;                  /* capacity of doc->sections */
    size_t para_cap;             /* capacity of the current section's paras */
    vk_buf para;                 /* paragraph being assembled */
    int para_blank;              /* a blank line came after the paragraph's last line */
    int wrapped;                 /* paragraphs are the runs of lines between blank lines: lines
                                    are hard-wrapped, a line that starts in capitals can go on
                                    the sentence above it */
    int l1, l2, ln;              /* indexes of the current level-1 (Roman part, or the Chương,
                                    Mục or Phần that holds the items), level-2 and deepest
                                    sections but letters, or -1; inside an article: the
                                    article, its current khoản "1." and its deepest khoản */
    int part, chapter, division; /* the current Phần, Chương, Mục, or -1 */
    int holder;                  /* the innermost of those: what holds a Roman part */
    int box;                     /* the innermost of those and of a Roman part: what holds an
                                    article */
    int article;                 /* the current Điều, or -1: its items are khoản and điểm */
    int inner;                   /* a Roman part inside that article ("Điều 1. Phê duyệt Kế
                                    hoạch ... :" / "I. MỤC TIÊU"), or -1: its items are the
                                    plan's, not khoản */
} builder;

/* A line of the body being read: lines[i] of lines[0 .. n), and ln its text
 * (&lines[i], or it joined with the next line by joined_keyword). */
typedef struct line_at {
    const cline *lines; /* the body's lines */
    size_t i;           /* index of the line */
    size_t n;           /* number of lines */
    const cline *ln;    /* the line's text */
} line_at;

/* What a new section is. */
typedef struct sec_spec {
    cp_sec_kind kind;
    const char *label;   /* before a suffix makes it unique */
    const char *display; /* NULL: the label without suffixes */
    const char *number;
    size_t number_len;
    const char *heading;
    size_t heading_len;
    int parent; /* -1 at the top */
    size_t line;
} sec_spec;

int
cp_line_is_heading(const cline *ln)
{
    cp_heading h;
    return cp_find_heading(ln, &h);
}

/* ---------------------------------------------------------------------- */
/* Building sections and paragraphs                                       */
/* ---------------------------------------------------------------------- */

static vk_status
flush_para(builder *b)
{
    if (b->para.len == 0)
        return VK_OK;
    cp_section *sec = &b->doc->sections[b->doc->n_sections - 1];
    if (sec->n_paras == b->para_cap) {
        size_t cap = b->para_cap ? 2 * b->para_cap : 8, bytes;
        if (vk_size_mul(cap, sizeof *sec->paras, &bytes))
            return VK_ENOMEM;
        const char **p = realloc(sec->paras, bytes);
        if (!p)
            return VK_ENOMEM;
        sec->paras = p;
        b->para_cap = cap;
    }
    char *copy = vk_arena_strndup(&b->file->arena, b->para.data, b->para.len);
    if (!copy)
        return VK_ENOMEM;
    sec->paras[sec->n_paras++] = copy;
    vk_buf_clear(&b->para);
    return VK_OK;
}

static int
label_taken(const cp_doc *doc, const char *label)
{
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (strcmp(doc->sections[i].label, label) == 0)
            return 1;
    }
    return 0;
}

/* The label as readers see it: without the suffixes ("~2") that make
 * repeated numbers unique, wherever they are ("1~2.a" -> "1.a"). */
static char *
strip_suffixes(vk_arena *a, const char *label)
{
    vk_buf out = VK_BUF_INIT;
    vk_status rc = VK_OK;
    for (const char *p = label; *p && rc == VK_OK; p++) {
        if (*p == '~' && p[1] >= '0' && p[1] <= '9') {
            while (p[1] >= '0' && p[1] <= '9')
                p++;
            continue;
        }
        rc = vk_buf_putc(&out, *p);
    }
    char *s = rc == VK_OK ? vk_arena_strndup(a, out.data ? out.data : "", out.len) : NULL;
    vk_buf_free(&out);
    return s;
}

/* Makes room for one more section. */
static vk_status
grow_sections(builder *b)
{
    cp_doc *doc = b->doc;
    if (doc->n_sections < b->cap)
        return VK_OK;
    size_t cap = b->cap ? 2 * b->cap : 16, bytes;
    if (vk_size_mul(cap, sizeof *doc->sections, &bytes))
        return VK_ENOMEM;
    cp_section *s = realloc(doc->sections, bytes);
    if (!s)
        return VK_ENOMEM;
    doc->sections = s;
    b->cap = cap;
    return VK_OK;
}

/* Appends a section and makes it current. The label is made unique. */
static vk_status
open_section(builder *b, const sec_spec *sp)
{
    if (flush_para(b) != VK_OK || grow_sections(b) != VK_OK)
        return VK_ENOMEM;
    cp_doc *doc = b->doc;
    vk_arena *a = &b->file->arena;
    vk_buf lb = VK_BUF_INIT;
    vk_status rc = vk_buf_puts(&lb, sp->label);
    for (int k = 2; rc == VK_OK && label_taken(doc, lb.data); k++) {
        vk_buf_clear(&lb);
        rc = vk_buf_printf(&lb, "%s~%d", sp->label, k);
    }
    cp_section *sec = &doc->sections[doc->n_sections];
    memset(sec, 0, sizeof *sec);
    sec->label = rc == VK_OK ? vk_arena_strndup(a, lb.data, lb.len) : NULL;
    vk_buf_free(&lb);
    /* The suffix that makes a repeated number unique is never shown. */
    sec->display = sp->display ? vk_arena_strndup(a, sp->display, strlen(sp->display))
                               : strip_suffixes(a, sp->label);
    sec->number = vk_arena_strndup(a, sp->number, sp->number_len);
    sec->heading = vk_arena_strndup(a, sp->heading, sp->heading_len);
    if (!sec->label || !sec->display || !sec->number || !sec->heading)
        return VK_ENOMEM;
    sec->kind = sp->kind;
    sec->parent = sp->parent;
    sec->level = sp->parent >= 0 ? doc->sections[sp->parent].level + 1 : sp->kind ? 1 : 0;
    sec->line = sp->line;
    doc->n_sections++;
    b->para_cap = 0;
    b->para_blank = 0;
    return VK_OK;
}

/* Length of the heading part of a numbered item's text: all of it when
 * short, else its first sentence or clause (up to . : ;), else a cut at a
 * space. */
static size_t
heading_part(const char *t, size_t len)
{
    if (len <= HEADING_MAX) {
        int inner_stop = 0;
        for (size_t i = 0; i + 1 < len; i++)
            inner_stop |= (t[i] == '.' || t[i] == ':' || t[i] == ';') && t[i + 1] == ' ';
        if (!inner_stop)
            return len;
    }
    for (size_t i = 0; i < len && i < HEADING_MAX; i++) {
        if ((t[i] == '.' || t[i] == ':' || t[i] == ';') && (i + 1 == len || t[i + 1] == ' '))
            return i;
    }
    size_t cut = HEADING_MAX < len ? HEADING_MAX : len;
    while (cut > 0 && t[cut] != ' ')
        cut--;
    return cut ? cut : (HEADING_MAX < len ? HEADING_MAX : len);
}

/* ---------------------------------------------------------------------- */
/* Placing a heading in the tree                                          */
/* ---------------------------------------------------------------------- */

static const cp_section *
sec_at(const builder *b, int i)
{
    return &b->doc->sections[i];
}

/* Roman parts of resolutions and plans (label "III"), below the Chương
 * or Phần that holds them; parts of a charter or regulation hold its
 * articles ("I" / "Điều 1"), each part after the last article of the one
 * before. After an article that no Roman part holds, the parts are the
 * article's: the plan a decision approves ("Điều 1.I", shown "Điều 1, mục
 * I"). */
static vk_status
place_roman(builder *b, const cp_heading *h, sec_spec *sp, vk_buf *label, vk_buf *display)
{
    sp->kind = CP_SEC_ROMAN;
    const cp_section *art = b->article >= 0 ? sec_at(b, b->article) : NULL;
    if (art && (art->parent < 0 || sec_at(b, art->parent)->kind != CP_SEC_ROMAN)) {
        sp->parent = b->article;
        vk_status rc = vk_buf_printf(label, "%s.%.*s", art->label, (int)h->num_len, h->num);
        if (rc == VK_OK)
            rc = vk_buf_printf(display, "%s, mục %.*s", art->display, (int)h->num_len, h->num);
        sp->display = display->data;
        return rc;
    }
    sp->parent = b->holder;
    return vk_buf_append(label, h->num, h->num_len);
}

/* Arabic items: "III.3", "III.3.2"; inside an article its khoản "Điều
 * 5.2", shown "Điều 5, khoản 2". */
static vk_status
place_arabic(builder *b, const cp_heading *h, sec_spec *sp, vk_buf *label, vk_buf *display)
{
    int clause = b->article >= 0 && b->inner < 0;
    int top = clause ? b->article : b->l1;
    sp->kind = clause ? CP_SEC_CLAUSE : CP_SEC_ARABIC;
    sp->parent = h->depth > 1 && b->l2 >= 0 ? b->l2 : top;
    vk_status rc = top >= 0 ? vk_buf_printf(label, "%s.", sec_at(b, top)->label) : VK_OK;
    if (rc == VK_OK)
        rc = vk_buf_append(label, h->num, h->num_len);
    if (rc == VK_OK && (clause || b->inner >= 0)) {
        rc = vk_buf_printf(display, clause ? "%s, khoản %.*s" : "%s.%.*s", sec_at(b, top)->display,
                           (int)h->num_len, h->num);
        sp->display = display->data;
    }
    return rc;
}

/* Letters: "III.3.2.a"; inside an article its điểm "Điều 5.2.a", shown
 * "Điều 5, khoản 2, điểm a". */
static vk_status
place_letter(builder *b, const cp_heading *h, sec_spec *sp, vk_buf *label, vk_buf *display)
{
    int point = b->article >= 0 && b->inner < 0;
    sp->kind = point ? CP_SEC_POINT : CP_SEC_LETTER;
    sp->parent = b->ln;
    vk_status rc = b->ln >= 0 ? vk_buf_printf(label, "%s.", sec_at(b, b->ln)->label) : VK_OK;
    if (rc == VK_OK)
        rc = vk_buf_append(label, h->num, h->num_len);
    if (rc == VK_OK && (point || b->inner >= 0)) {
        rc = vk_buf_printf(display, point ? "%s, điểm %.*s" : "%s.%.*s", sec_at(b, b->ln)->display,
                           (int)h->num_len, h->num);
        sp->display = display->data;
    }
    return rc;
}

/* The number of a Phần, Chương or Mục as readers cite it: Roman numerals
 * and digits as written, "thứ nhất" in lower case. */
static vk_status
put_number(vk_buf *out, const cp_heading *h)
{
    if (h->num_len && !strchr("IVXLC0123456789", h->num[0]))
        return an_casefold_text(h->num, h->num_len, out);
    return vk_buf_append(out, h->num, h->num_len);
}

/* Phần, Chương, Mục and Điều: "Phần I", "Chương II", "Mục 1 Chương II",
 * "Điều 5" (an article is cited by its number alone, whatever holds it). */
static vk_status
place_keyword(builder *b, const cp_heading *h, sec_spec *sp, vk_buf *label)
{
    static const char *const words[] = {[CP_SEC_PART] = "Phần",
                                        [CP_SEC_CHAPTER] = "Chương",
                                        [CP_SEC_DIVISION] = "Mục",
                                        [CP_SEC_ARTICLE] = "Điều"};
    sp->kind = h->kind;
    sp->parent = h->kind == CP_SEC_PART       ? -1
                 : h->kind == CP_SEC_CHAPTER  ? b->part
                 : h->kind == CP_SEC_DIVISION ? b->chapter
                                              : b->box;
    vk_status rc = vk_buf_printf(label, "%s ", words[h->kind]);
    if (rc == VK_OK)
        rc = h->kind == CP_SEC_ARTICLE ? vk_buf_append(label, h->num, h->num_len)
                                       : put_number(label, h);
    if (rc == VK_OK && h->kind == CP_SEC_DIVISION)
        rc = vk_buf_printf(label, " %s", sec_at(b, b->chapter)->display);
    return rc;
}

/* Moves the builder's pointers to the section just opened. */
static void
track(builder *b, cp_sec_kind kind, int depth)
{
    int idx = (int)b->doc->n_sections - 1;
    switch (kind) {
    case CP_SEC_PART: b->part = idx, b->chapter = b->division = -1; break;
    case CP_SEC_CHAPTER: b->chapter = idx, b->division = -1; break;
    case CP_SEC_DIVISION: b->division = idx; break;
    case CP_SEC_ARTICLE: b->article = b->ln = idx, b->l2 = b->inner = -1; return;
    case CP_SEC_ROMAN:
        if (b->article >= 0 && b->doc->sections[idx].parent == b->article)
            b->inner = idx; /* the article goes on */
        else
            b->box = idx, b->article = b->inner = -1;
        b->l1 = b->ln = idx, b->l2 = -1;
        return;
    case CP_SEC_ARABIC:
    case CP_SEC_CLAUSE:
        if (depth == 1)
            b->l2 = idx;
        b->ln = idx;
        return;
    default: return;
    }
    /* A Phần, Chương or Mục holds what follows, and closes the article. */
    b->holder = b->box = b->l1 = b->ln = idx;
    b->l2 = b->article = b->inner = -1;
}

/* Length of a title without the footnote marker at its end ("... Cam
 * Ranh[5]"): the note is the reader's, not the title's. */
static size_t
without_note(const char *t, size_t len)
{
    size_t i = len;
    if (i < 3 || t[i - 1] != ']')
        return len;
    i--;
    while (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9')
        i--;
    if (i == len - 1 || i == 0 || t[i - 1] != '[')
        return len;
    i--;
    while (i > 0 && t[i - 1] == ' ')
        i--;
    return i;
}

/* Opens the section of heading h with its heading text; `text` is the
 * item's first paragraph, `title` set when it is a title (in bold, or a
 * Chương's line in capitals) rather than a sentence. */
static vk_status
place_heading(builder *b, const cp_heading *h, const vk_buf *text, int title, size_t lineno)
{
    vk_buf label = VK_BUF_INIT, display = VK_BUF_INIT, head = VK_BUF_INIT;
    sec_spec sp = {.number = h->num, .number_len = h->num_len, .line = lineno};
    vk_status rc;
    if (h->kind == CP_SEC_ROMAN)
        rc = place_roman(b, h, &sp, &label, &display);
    else if (h->kind == CP_SEC_ARABIC)
        rc = place_arabic(b, h, &sp, &label, &display);
    else if (h->kind == CP_SEC_LETTER)
        rc = place_letter(b, h, &sp, &label, &display);
    else
        rc = place_keyword(b, h, &sp, &label);
    const char *t = text->data ? text->data : "";
    size_t tl = text->len, hl = title ? tl : heading_part(t, tl);
    if (h->kind >= CP_SEC_PART && hl == tl)
        hl = tl = without_note(t, tl);
    if (rc == VK_OK)
        rc = vk_buf_append(&head, t, hl);
    if (rc == VK_OK && hl < tl && t[hl] == ' ') {
        /* Cut inside a sentence: say so. */
        while (head.len > 0 && strchr(",;- ", head.data[head.len - 1]))
            head.len--;
        rc = vk_buf_puts(&head, "…");
    }
    sp.label = label.data ? label.data : "";
    sp.heading = head.data ? head.data : "";
    sp.heading_len = head.len;
    if (rc == VK_OK)
        rc = open_section(b, &sp);
    if (rc == VK_OK)
        track(b, sp.kind, h->depth);
    /* A long numbered item is a paragraph too: keep all of its text. */
    if (rc == VK_OK && hl < tl)
        rc = vk_buf_append(&b->para, t, tl);
    vk_buf_free(&head);
    vk_buf_free(&display);
    vk_buf_free(&label);
    return rc;
}

static int
is_bullet(const char *s, size_t len)
{
    if (len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ')
        return 1;
    uint32_t cp = cp_first_cp(s, len);
    return cp == 0x2022 || cp == 0x2013 || cp == 0x2014 || cp == 0x25CF;
}

/* Nonzero if the text ends with a word that cannot end a sentence because
 * its value follows: "khóa" (XIII), "số" (28-NQ/TW), "ngày", "năm",
 * "tháng", "lần thứ". */
static int
wants_value(const char *s, size_t len)
{
    /* Exact forms (with diacritics): "Nam" of Việt Nam is not "năm". */
    static const char *const words[] = {"khoá", "số", "ngày", "tháng", "năm", "thứ"};
    size_t i = len;
    while (i > 0 && s[i - 1] != ' ')
        i--;
    vk_buf w = VK_BUF_INIT;
    int yes = 0;
    if (an_normalize_word(s + i, len - i, &w, NULL) == VK_OK && w.data) {
        for (size_t k = 0; k < VK_ARRAY_LEN(words) && !yes; k++)
            yes = strcmp(w.data, words[k]) == 0;
    }
    vk_buf_free(&w);
    return yes;
}

/* Nonzero if the text stops mid-sentence. */
static int
is_open(const char *s, size_t len)
{
    uint32_t end = cp_last_cp(s, len);
    return len > 0 && !(end < 0x80 && end && strchr(".;:!?\")", (int)end)) && end != 0x2026 &&
           end != 0x201D;
}

/* Adds a text line to the current paragraph, or starts a new one. A line
 * continues the paragraph when the paragraph stops mid-sentence and the line
 * starts in lower case, or the paragraph ends with a word whose value the
 * line gives ("... khóa" / "XIII và ..."): a break from conversion or a
 * page end. In a hard-wrapped body, a line right below (no blank line
 * between) goes on too, whatever its first letter. */
static vk_status
add_text(builder *b, const cline *ln)
{
    if (b->para.len > 0) {
        int lower = an_is_lower(cp_first_cp(ln->s, ln->len));
        int wrap = b->wrapped && !b->para_blank && b->doc->n_sections > 1;
        if (is_open(b->para.data, b->para.len) &&
            (lower || wrap || wants_value(b->para.data, b->para.len)) &&
            !is_bullet(ln->s, ln->len)) {
            b->para_blank = 0;
            if (vk_buf_putc(&b->para, ' ') != VK_OK)
                return VK_ENOMEM;
            return vk_buf_append(&b->para, ln->s, ln->len);
        }
        if (flush_para(b) != VK_OK)
            return VK_ENOMEM;
    }
    b->para_blank = 0;
    return vk_buf_append(&b->para, ln->s, ln->len);
}

/* ---------------------------------------------------------------------- */
/* Headings across lines                                                  */
/* ---------------------------------------------------------------------- */

/* Nonzero if a line stops the first paragraph of a numbered item. */
static int
stops_item(const cline *ln, vk_buf *scratch)
{
    return ln->len == 0 || ln->rule || cp_line_is_heading(ln) || is_bullet(ln->s, ln->len) ||
           cp_opens_closing(ln, scratch);
}

/* Nonzero if line `next` goes on the text of an item: a bold span is
 * still open (bold), or the sentence goes on (see add_text). */
static int
goes_on(const builder *b, const vk_buf *text, int bold, const cline *next, vk_buf *scratch)
{
    if (next->len == 0 || next->rule || cp_line_is_heading(next) || is_bullet(next->s, next->len))
        return 0;
    int open = is_open(text->data, text->len);
    /* "đã ký số." going on a sentence is not the "Đã ký" of a signature. */
    if (open && an_is_lower(cp_first_cp(next->s, next->len)))
        return 1;
    if (cp_opens_closing(next, scratch))
        return 0;
    return bold || (open && (b->wrapped || wants_value(text->data, text->len)));
}

static vk_status
join_line(vk_buf *text, const cline *ln)
{
    vk_status rc = text->len ? vk_buf_putc(text, ' ') : VK_OK;
    return rc == VK_OK ? vk_buf_append(text, ln->s, ln->len) : rc;
}

/* A title in bold runs to where the bold ends, across lines. Returns the
 * last line taken; *title is cleared when text follows the bold on its last
 * line ("**Điều 2. Hiệu lực.** Quyết định này ..."). */
static size_t
bold_title(const cline *lines, size_t i, size_t n, vk_buf *text, int *title, vk_buf *scratch)
{
    size_t last = i;
    int open = cp_bold_toggles(&lines[i]);
    while (last + 1 < n && last - i < 6 && open && !stops_item(&lines[last + 1], scratch)) {
        if (join_line(text, &lines[++last]) != VK_OK)
            break;
        open ^= cp_bold_toggles(&lines[last]);
    }
    const cline *ln = &lines[last];
    size_t e = ln->raw_len;
    while (e > 0 && (ln->raw[e - 1] == ' ' || ln->raw[e - 1] == '\t'))
        e--;
    *title = e >= 2 && ln->raw[e - 1] == '*' && ln->raw[e - 2] == '*';
    return last;
}

/* A Chương, Phần or Mục with its title on the next line(s): "Chương I" /
 * "QUY ĐỊNH CHUNG", in capitals or in bold. Returns the last line taken, or
 * i when there is no title. */
static size_t
title_below(const cline *lines, size_t i, size_t n, vk_buf *text, vk_buf *scratch)
{
    size_t j = i + 1;
    while (j < n && j - i <= 3 && lines[j].len == 0 && !lines[j].rule)
        j++;
    if (j >= n || stops_item(&lines[j], scratch))
        return i;
    int bold = cp_bold_at_word(&lines[j], 0) == 1;
    if (!bold && !cp_mostly_upper(lines[j].s, lines[j].len))
        return i;
    if (join_line(text, &lines[j]) != VK_OK)
        return i;
    for (;;) {
        int open = cp_bold_toggles(&lines[j]);
        while (j + 1 < n && text->len < TITLE_MAX && !stops_item(&lines[j + 1], scratch) &&
               (bold ? open : cp_mostly_upper(lines[j + 1].s, lines[j + 1].len))) {
            if (join_line(text, &lines[++j]) != VK_OK)
                return j;
            open ^= cp_bold_toggles(&lines[j]);
        }
        /* A title typed as two paragraphs in capitals: "CÁC HÀNH VI VI
         * PHẠM VÀ HÌNH THỨC KỶ LUẬT" / "ĐỐI VỚI CÁN BỘ, CÔNG CHỨC". */
        size_t k = j + 1 < n && lines[j + 1].len == 0 ? j + 2 : j + 1;
        if (k >= n || k == j + 1 || text->len >= TITLE_MAX || stops_item(&lines[k], scratch) ||
            !cp_mostly_upper(lines[k].s, lines[k].len) || !is_open(text->data, text->len) ||
            join_line(text, &lines[k]) != VK_OK)
            return j;
        j = k;
        bold = cp_bold_at_word(&lines[j], 0) == 1;
    }
}

/* The lines that go on a sentence started on line at.i (at.ln: that line, or
 * a joined pair), appended to text. Returns the last line taken. */
static size_t
sentence_lines(const builder *b, line_at at, vk_buf *text, vk_buf *scratch)
{
    const cline *lines = at.lines;
    size_t i = at.i, n = at.n;
    int bold = cp_bold_toggles(at.ln);
    while (i + 1 < n && goes_on(b, text, bold, &lines[i + 1], scratch)) {
        if (join_line(text, &lines[++i]) != VK_OK)
            break;
        bold ^= cp_bold_toggles(&lines[i]);
    }
    return i;
}

/* Gathers the first paragraph of the item whose heading h is on line at.i
 * (at.ln: that line, or the two lines of "Chương" / "III" joined) into text:
 * a title wrapped over several lines is one heading. Returns the last line
 * taken; *title is set when the text is a title rather than a sentence. */
static size_t
item_text(const builder *b, line_at at, const cp_heading *h, vk_buf *text, int *title)
{
    const cline *lines = at.lines;
    size_t i = at.i, n = at.n;
    vk_buf scratch = VK_BUF_INIT;
    int keyword = h->kind >= CP_SEC_PART && h->kind <= CP_SEC_ARTICLE;
    size_t last = i;
    *title = 0;
    vk_buf_append(text, h->text, h->text_len);
    if (keyword && h->text_len == 0 && h->kind != CP_SEC_ARTICLE) {
        last = title_below(lines, i, n, text, &scratch);
        *title = 1;
    } else if (h->kind == CP_SEC_ARTICLE && h->text_len == 0) {
        /* "**Điều 1.**" alone: its title or its text starts below. */
        size_t j = i + 1 < n && lines[i + 1].len == 0 ? i + 2 : i + 1;
        if (j < n && !stops_item(&lines[j], &scratch) && join_line(text, &lines[j]) == VK_OK)
            last = cp_bold_at_word(&lines[j], 0) == 1
                       ? bold_title(lines, j, n, text, title, &scratch)
                       : sentence_lines(b, (line_at){lines, j, n, &lines[j]}, text, &scratch);
    } else if (keyword && h->text_len && cp_bold_at_word(at.ln, h->num_words) == 1) {
        last = bold_title(lines, i, n, text, title, &scratch);
    } else {
        last = sentence_lines(b, at, text, &scratch);
    }
    vk_buf_free(&scratch);
    return last;
}

/* Nonzero if the heading h found on a line can open a section here: a Mục
 * only inside a Chương; in a hard-wrapped body, or for "Điều 2" with nothing
 * after it, not on a line that goes on a sentence left open above it. */
static int
heading_fits(const builder *b, const cp_heading *h)
{
    if (h->kind == CP_SEC_DIVISION && b->chapter < 0)
        return 0;
    if (!(b->wrapped || h->bare) || b->para_blank || b->para.len == 0)
        return 1;
    return !is_open(b->para.data, b->para.len);
}

/* "Chương" on one line and "III" on the next, or "**II." and "MỤC TIÊU**":
 * one line, in the arena. */
static int
joined_keyword(builder *b, const cline *lines, size_t i, size_t n, cline *out)
{
    if (i + 1 >= n ||
        !(cp_split_keyword(&lines[i], &lines[i + 1]) || cp_split_label(&lines[i], &lines[i + 1])))
        return 0;
    size_t len = lines[i].len + 1 + lines[i + 1].len;
    char *s = vk_arena_alloc(&b->file->arena, len + 1);
    if (!s)
        return 0;
    memcpy(s, lines[i].s, lines[i].len);
    s[lines[i].len] = ' ';
    memcpy(s + lines[i].len + 1, lines[i + 1].s, lines[i + 1].len);
    s[len] = '\0';
    *out = lines[i + 1];
    out->s = s;
    out->len = len;
    out->lineno = lines[i].lineno;
    return 1;
}

/* Opens the section of the heading h on line at.i; returns the last line its
 * heading took. */
static size_t
start_heading(builder *b, line_at at, const cp_heading *h, vk_status *rc)
{
    vk_buf text = VK_BUF_INIT;
    int title = 0;
    size_t last = item_text(b, at, h, &text, &title);
    *rc = place_heading(b, h, &text, title, at.ln->lineno);
    vk_buf_free(&text);
    return last;
}

/* ---------------------------------------------------------------------- */
/* Body                                                                   */
/* ---------------------------------------------------------------------- */

/* Nonzero if the body is hard-wrapped: its paragraphs are separated by
 * blank lines (nearly every numbered heading has one above it) and its
 * lines are short (fewer than one in ten over 100 characters; a text with
 * a paragraph per line has half of them longer). A line is then a piece
 * of a paragraph, whatever its first letter. */
static int
hard_wrapped(const cline *lines, size_t from, size_t to)
{
    size_t headings = 0, blank = 0, text = 0, long_lines = 0;
    for (size_t i = from; i < to; i++) {
        if (lines[i].len == 0 || lines[i].s[0] == '|')
            continue;
        text++;
        long_lines += vk_utf8_count(lines[i].s, lines[i].len) > 100;
        /* "**Điều" / "1.** Thông qua ...": one heading, on two lines. */
        int split = i + 1 < to && cp_split_keyword(&lines[i], &lines[i + 1]);
        if (i > from && (split || cp_line_is_heading(&lines[i]))) {
            headings++;
            blank += lines[i - 1].len == 0;
        }
        i += (size_t)split;
    }
    return headings >= 3 && blank * 10 >= headings * 8 && long_lines * 10 < text;
}

/* Reads the body up to the closing block; returns the index where the
 * closing starts (n if none). */
static size_t
parse_body(builder *b, const cline *lines, size_t from, size_t n, vk_status *rc)
{
    vk_buf fb = VK_BUF_INIT;
    size_t i = from;
    *rc = VK_OK;
    b->wrapped = hard_wrapped(lines, from, n);
    for (; i < n && *rc == VK_OK; i++) {
        const cline *ln = &lines[i];
        cline two;
        cp_heading h;
        if (ln->len == 0) {
            b->para_blank = 1;
            continue;
        }
        int goes_on_para = b->para.len && !b->para_blank && is_open(b->para.data, b->para.len) &&
                           an_is_lower(cp_first_cp(ln->s, ln->len));
        if (!goes_on_para && cp_opens_closing(ln, &fb))
            break;
        int split = joined_keyword(b, lines, i, n, &two);
        if (split)
            ln = &two;
        if (cp_find_heading(ln, &h) && heading_fits(b, &h))
            i = start_heading(b, (line_at){lines, i + (size_t)split, n, ln}, &h, rc);
        else
            *rc = add_text(b, &lines[i]);
    }
    if (*rc == VK_OK)
        *rc = flush_para(b);
    vk_buf_free(&fb);
    return i;
}

/* The closing block's lines are kept as the text of a last section,
 * "noi-nhan", so that recipients and signers stay searchable. */
static vk_status
closing_section(builder *b, const cline *lines, size_t from, size_t to)
{
    if (from >= to)
        return VK_OK;
    sec_spec sp = {CP_SEC_PREAMBLE,    "noi-nhan", "Nơi nhận",        "", 0, "Nơi nhận",
                   strlen("Nơi nhận"), -1,         lines[from].lineno};
    vk_status rc = open_section(b, &sp);
    for (size_t i = from; i < to && rc == VK_OK; i++) {
        if (lines[i].len == 0)
            continue;
        rc = flush_para(b);
        if (rc == VK_OK)
            rc = vk_buf_append(&b->para, lines[i].s, lines[i].len);
    }
    return rc == VK_OK ? flush_para(b) : rc;
}

/* A paragraph "[1] text" is the note of footnote 1: it leaves the text and
 * joins the document's footnotes, attached to the section whose text holds
 * the marker "[1]" (or where the note stood). */
static vk_status
collect_footnotes(builder *b)
{
    cp_doc *doc = b->doc;
    for (size_t s = 0; s < doc->n_sections; s++) {
        cp_section *sec = &doc->sections[s];
        size_t kept = 0;
        for (size_t p = 0; p < sec->n_paras; p++) {
            const char *t = sec->paras[p];
            size_t d = t[0] == '[' ? strspn(t + 1, "0123456789") : 0;
            if (!d || d > 3 || t[1 + d] != ']' || t[2 + d] != ' ') {
                sec->paras[kept++] = t;
                continue;
            }
            cp_footnote *v = vk_arena_alloc(&b->file->arena, (doc->n_footnotes + 1) * sizeof *v);
            if (!v)
                return VK_ENOMEM;
            if (doc->n_footnotes)
                memcpy(v, doc->footnotes, doc->n_footnotes * sizeof *v);
            cp_footnote *fn = &v[doc->n_footnotes];
            fn->label = vk_arena_strndup(&b->file->arena, t + 1, d);
            fn->text = t + 3 + d;
            fn->section = (int)s;
            doc->footnotes = v;
            doc->n_footnotes++;
        }
        sec->n_paras = kept;
    }
    /* Attach each note to the section that cites it. */
    for (size_t k = 0; k < doc->n_footnotes; k++) {
        char marker[16];
        snprintf(marker, sizeof marker, "[%s]", doc->footnotes[k].label);
        for (size_t s = 0; s < doc->n_sections; s++) {
            for (size_t p = 0; p < doc->sections[s].n_paras; p++) {
                if (strstr(doc->sections[s].paras[p], marker))
                    doc->footnotes[k].section = (int)s;
            }
        }
    }
    return VK_OK;
}

/* Markdown heading level of a raw line ("## KẾ HOẠCH" -> 2), 0 if none:
 * web copies mark the page's own title so (web.c). */
static int
md_heading(const char *s, size_t len)
{
    size_t i = 0, level;
    while (i < len && s[i] == ' ')
        i++;
    for (level = 0; i < len && s[i] == '#' && level < 7; i++)
        level++;
    return level <= 6 && (i == len || s[i] == ' ') ? (int)level : 0;
}

/* Splits text into cleaned lines stored in the file's arena. */
static vk_status
split_lines(cp_file *f, const char *text, size_t len, cline **out, size_t *n_out)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    size_t bytes;
    if (vk_size_mul(n, sizeof(cline), &bytes))
        return VK_ENOMEM;
    cline *lines = vk_arena_alloc(&f->arena, bytes);
    if (!lines)
        return VK_ENOMEM;
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        size_t l = i - start, cap;
        if (vk_size_add(l, 16, &cap))
            return VK_ENOMEM;
        char *buf = vk_arena_alloc(&f->arena, cap);
        if (!buf)
            return VK_ENOMEM;
        size_t cl = cp_clean_line(text + start, l, buf);
        int rule = cl == 0 && l >= 3;
        if (rule) {
            size_t j = start, dashes = 0;
            while (j < i && (text[j] == ' ' || text[j] == '-' || text[j] == '\t'))
                dashes += text[j++] == '-';
            rule = j == i && dashes >= 3;
        }
        int markup = cl == 0 && !rule && strspn(text + start, " \t") < l;
        /* lines count from 1 */
        lines[k] =
            (cline){buf, cl, k + 1, rule, markup, text + start, l, md_heading(text + start, l)};
        k++;
        start = i + 1;
    }
    *out = lines;
    *n_out = k;
    return VK_OK;
}

/* Nonzero if the line opens another document: a Party number line whose
 * code is not BS (a certified copy's own number), or a type name alone. */
static int
opens_document(const cline *ln)
{
    an_docnum d;
    if (ln->len == 0 || ln->len > 60)
        return 0;
    if (cp_type_by_name(ln->s, ln->len))
        return 1;
    return cp_number_line(ln->s, ln->len, &d) && strcmp(d.type, "BS") != 0;
}

/* Nonzero if line i is the "(Ban hành kèm theo Quyết định số ...)" of a
 * text attached to a decision (perhaps wrapped: "(Ban" / "hành kèm theo"). */
static int
attached_line(const cline *lines, size_t i, size_t n, vk_buf *scratch)
{
    const cline *ln = &lines[i];
    if (ln->len == 0 || ln->s[0] != '(')
        return 0;
    vk_buf two = VK_BUF_INIT;
    vk_buf_append(&two, ln->s, ln->len);
    if (i + 1 < n && lines[i + 1].len) {
        vk_buf_putc(&two, ' ');
        vk_buf_append(&two, lines[i + 1].s, lines[i + 1].len);
    }
    const char *f = two.data ? cp_folded(two.data, two.len, scratch) : "";
    vk_buf_free(&two);
    return cp_starts_with(f, "(kem theo") || cp_starts_with(f, "(ban hanh kem theo");
}

/* Nonzero if the first article after line i, if any, is a "Điều 1": the
 * attached text starts its own numbering. */
static int
articles_restart(const cline *lines, size_t i, size_t n)
{
    cp_heading h;
    for (size_t k = i + 1; k < n; k++) {
        if (cp_find_heading(&lines[k], &h) && h.kind == CP_SEC_ARTICLE)
            return h.num_len == 1 && h.num[0] == '1';
    }
    return 0;
}

/* Where the text attached at line `at` starts: its type and title lines
 * just above ("QUY ĐỊNH" / "VỀ TIÊU CHÍ ..."), in capitals or going on a
 * title ("về ..."), not the decision's signature above them. */
static size_t
attachment_start(const cline *lines, size_t lo, size_t at, vk_buf *scratch)
{
    size_t start = at, taken = 0;
    for (size_t k = at; k-- > lo && taken < 8;) {
        const cline *ln = &lines[k];
        if (ln->len == 0)
            continue;
        int title = cp_mostly_upper(ln->s, ln->len) || an_is_lower(cp_first_cp(ln->s, ln->len)) ||
                    cp_starts_with(cp_folded(ln->s, ln->len, scratch), "ve ");
        if (!title || ln->s[0] == '|' || memchr(ln->s, '/', ln->len) ||
            cp_opens_closing(ln, scratch))
            break;
        start = k;
        taken++;
        if (cp_type_by_name(ln->s, ln->len))
            break;
    }
    return start;
}

/* Finds where each document of the file starts: a file can hold a plan
 * followed by the resolution it implements, or a decision followed by the
 * regulation it issues. A new document starts after the previous one's
 * "Nơi nhận", at its number or type line, taking along the issuer lines in
 * capitals just above it; or, after a document with articles, at the title
 * of a text "(Ban hành kèm theo ...)" whose articles count from "Điều 1"
 * again. Writes up to max starts. */
static size_t
find_documents(const cline *lines, size_t n, size_t *starts, size_t max)
{
    vk_buf fb = VK_BUF_INIT;
    size_t count = 1;
    starts[0] = 0;
    int trailer = 0, articles = 0;
    for (size_t i = 0; i < n && count < max; i++) {
        cp_heading h;
        if (lines[i].len == 0)
            continue;
        articles |= cp_find_heading(&lines[i], &h) && h.kind == CP_SEC_ARTICLE;
        if (articles && attached_line(lines, i, n, &fb) && articles_restart(lines, i, n)) {
            size_t b = attachment_start(lines, starts[count - 1] + 1, i, &fb);
            if (b > starts[count - 1]) {
                starts[count++] = b;
                trailer = articles = 0;
                continue;
            }
        }
        if (!trailer) {
            trailer = cp_starts_with(cp_folded(lines[i].s, lines[i].len, &fb), "noi nhan");
            continue;
        }
        if (!opens_document(&lines[i]))
            continue;
        size_t b = i;
        for (size_t k = i; k-- > starts[count - 1];) {
            const cline *ln = &lines[k];
            if (ln->len == 0)
                continue;
            if (!cp_mostly_upper(ln->s, ln->len) || opens_document(ln) ||
                memchr(ln->s, '/', ln->len))
                break; /* a signer's name, or "T/M ..." */
            b = k;
        }
        starts[count++] = b;
        trailer = articles = 0;
    }
    vk_buf_free(&fb);
    return count;
}

/* Finds the citations of every section's text but the closing block's. */
static vk_status
collect_citations(cp_file *f, cp_doc *doc)
{
    const cp_cite_opts opts = {.memo = f->memo};
    for (size_t s = 0; s < doc->n_sections; s++) {
        const cp_section *sec = &doc->sections[s];
        if (strcmp(sec->label, "noi-nhan") == 0)
            continue;
        for (size_t p = 0; p < sec->n_paras; p++) {
            cp_citation *found = NULL;
            size_t n = 0;
            vk_status rc = cp_cite_find_opts(sec->paras[p], strlen(sec->paras[p]), &opts,
                                             &f->arena, &found, &n);
            if (rc != VK_OK)
                return rc;
            if (n == 0)
                continue;
            cp_citation *v = vk_arena_alloc(&f->arena, (doc->n_citations + n) * sizeof *v);
            if (!v)
                return VK_ENOMEM;
            if (doc->n_citations)
                memcpy(v, doc->citations, doc->n_citations * sizeof *v);
            for (size_t k = 0; k < n; k++) {
                v[doc->n_citations + k] = found[k];
                v[doc->n_citations + k].section = (int)s;
            }
            doc->citations = v;
            doc->n_citations += n;
        }
    }
    return VK_OK;
}

/* Nonzero if the document is built of articles. */
static int
has_articles(const cp_doc *doc)
{
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (doc->sections[i].kind == CP_SEC_ARTICLE)
            return 1;
    }
    return 0;
}

/* Parses lines[from .. to) as one document into doc. */
static vk_status
parse_document(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to,
               const cp_evidence *ev)
{
    builder b = {.file = f,
                 .doc = doc,
                 .para = VK_BUF_INIT,
                 .l1 = -1,
                 .l2 = -1,
                 .ln = -1,
                 .part = -1,
                 .chapter = -1,
                 .division = -1,
                 .holder = -1,
                 .box = -1,
                 .article = -1,
                 .inner = -1};
    doc->attached_to = -1;
    sec_spec sp = {CP_SEC_PREAMBLE, "", "", "", 0, "", 0, -1, from < to ? lines[from].lineno : 1};
    vk_status rc = open_section(&b, &sp);
    size_t closing = to;
    int party = 0;
    if (rc == VK_OK) {
        /* The header's lines stay in the text too, in the preamble: nothing
         * of the file is lost to search. */
        party = cp_parse_header(f, doc, lines + from, to - from, ev);
        rc = cp_parse_stamp(f, doc, lines, from, to);
    }
    if (rc == VK_OK)
        closing = parse_body(&b, lines, from, to, &rc);
    if (rc == VK_OK)
        rc = closing_section(&b, lines, closing, to);
    if (rc == VK_OK)
        rc = cp_parse_closing(f, doc, lines, closing, to);
    if (rc == VK_OK)
        rc = collect_footnotes(&b);
    if (rc == VK_OK)
        rc = collect_citations(f, doc);
    /* A Q&A article, an encyclopedia page or a news story cites numbers
     * but has none of its own: only the file's first text (the one given
     * the page's evidence) can be one, and only without a number of its
     * own or from a portal's table. */
    if (rc == VK_OK && ev && !doc->number && !ev->number) {
        doc->nondoc = cp_web_nondoc(lines + from, to - from);
        if (doc->nondoc)
            doc->type_name = doc->type_code = NULL;
    }
    if (rc == VK_OK && !doc->nondoc)
        cp_header_finish(f, doc, party);
    /* Nor is a text with nothing of a document's identity: no number, no
     * type, no articles, no signer (a page of some other site, whose dates
     * and bodies are those it speaks of). */
    if (rc == VK_OK && ev && !doc->nondoc && !doc->number && !doc->type_name && !doc->signer.name &&
        !has_articles(doc))
        doc->nondoc = "other";
    if (rc == VK_OK && ev && !doc->signer.name && ev->signer)
        doc->signer.name = ev->signer;
    /* What such a text says of dates and bodies is about the documents it
     * speaks of ("ngày 19 tháng 5 năm 1890" of a biography): no date of
     * issue, issuer or signer of its own. */
    if (rc == VK_OK && doc->nondoc) {
        memset(&doc->date, 0, sizeof doc->date);
        doc->place = doc->issuer = NULL;
        memset(&doc->signer, 0, sizeof doc->signer);
    }
    vk_buf_free(&b.para);
    return rc;
}

/* Nonzero if a paragraph of doc's preamble says it is issued with
 * document x: "(Ban hành kèm theo Quyết định số 2696/QĐ-UBND ...)" naming
 * x's number, or x's type when x's number is not known. */
static int
issued_with(const cp_doc *doc, const cp_doc *x, vk_buf *scratch)
{
    const cp_section *pre = &doc->sections[0];
    vk_buf type = VK_BUF_INIT;
    if (x->type_name)
        cp_folded(x->type_name, strlen(x->type_name), &type);
    int yes = 0;
    for (size_t p = 0; p < pre->n_paras && !yes; p++) {
        const char *t = pre->paras[p];
        const char *f = cp_folded(t, strlen(t), scratch);
        if (t[0] != '(' || !strstr(f, "kem theo"))
            continue;
        yes = x->number ? strstr(t, x->number) != NULL
                        : type.data && strstr(f + strlen("(kem theo"), type.data) != NULL;
    }
    vk_buf_free(&type);
    return yes;
}

/* A document appended to another is marked attached to it: the earlier one
 * says "(Kèm theo Nghị quyết số 28-NQ/TW ...)" of it, or it says
 * "(Ban hành kèm theo Quyết định số ...)" of the earlier one. */
static void
link_attachments(cp_file *f)
{
    vk_buf fb = VK_BUF_INIT;
    for (size_t d = 1; d < f->n_docs; d++) {
        const char *num = f->docs[d].number;
        for (size_t e = 0; num && e < d && f->docs[d].attached_to < 0; e++) {
            const cp_doc *x = &f->docs[e];
            for (size_t s = 0; s < x->n_sections; s++) {
                for (size_t p = 0; p < x->sections[s].n_paras; p++) {
                    const char *t = x->sections[s].paras[p];
                    if (strstr(t, num) && strstr(cp_folded(t, strlen(t), &fb), "kem theo"))
                        f->docs[d].attached_to = (int)e;
                }
            }
        }
        for (size_t e = d; e-- > 0 && f->docs[d].attached_to < 0;) {
            if (issued_with(&f->docs[d], &f->docs[e], &fb))
                f->docs[d].attached_to = (int)e;
        }
    }
    vk_buf_free(&fb);
}

/* A decision whose own header lost its number, as web copies often have
 * it: the regulation attached to it names it, "(Kèm theo Quyết định số
 * 172/QĐ-BCĐPTCNBD ngày 25 tháng 11 năm 2025 ...)". The number (and date)
 * of the first such citation of the file's first type. */
static void
number_from_attachments(cp_file *f)
{
    cp_doc *d0 = f->n_docs > 1 ? &f->docs[0] : NULL;
    if (!d0 || d0->number || !d0->type_name || d0->nondoc)
        return;
    for (size_t d = 1; d < f->n_docs; d++) {
        const cp_doc *x = &f->docs[d];
        for (size_t k = 0; k < x->n_citations; k++) {
            const cp_citation *c = &x->citations[k];
            if (!c->number || !c->relation || strcmp(c->relation, "kèm theo") != 0 ||
                !c->type_name || strcmp(c->type_name, d0->type_name) != 0)
                continue;
            d0->number = c->number;
            if (!d0->date.year)
                d0->date = c->date;
            return;
        }
    }
}

/* The same for a document whose appendix stays in it: its caption
 * "(Ban hành kèm theo Nghị quyết số 197/2025/QH15 ngày 17/5/2025)" names
 * the document itself when the type is its own and the year agrees. */
static void
number_from_appendix(cp_file *f, cp_doc *d0)
{
    if (d0->number || !d0->type_name || d0->nondoc)
        return;
    vk_buf fb = VK_BUF_INIT, type = VK_BUF_INIT;
    an_tokens toks = AN_TOKENS_INIT;
    const char *tf = cp_folded(d0->type_name, strlen(d0->type_name), &type);
    for (size_t s = 1; s < d0->n_sections && !d0->number; s++) {
        const cp_section *sec = &d0->sections[s];
        for (size_t p = 0; p < sec->n_paras && !d0->number; p++) {
            const char *t = sec->paras[p];
            size_t len = strlen(t);
            const char *fo = cp_folded(t, len, &fb);
            size_t at = cp_starts_with(fo, "(kem theo ")            ? strlen("(kem theo ")
                        : cp_starts_with(fo, "(ban hanh kem theo ") ? strlen("(ban hanh kem theo ")
                                                                    : 0;
            an_docnum d;
            if (!at || !cp_starts_with(fo + at, tf) || an_docnum_find(t, len, &d, 1) != 1)
                continue;
            if (d0->date.year && d.year[0] && atoi(d.year) != d0->date.year)
                continue;
            d0->number = vk_arena_strndup(&f->arena, d.canon, strlen(d.canon));
            cp_date dt;
            size_t place_len, rest = len - d.end < 40 ? len - d.end : 40;
            if (!d0->date.year && cp_date_in(t + d.end, rest, &toks, &dt, &place_len))
                d0->date = dt;
        }
    }
    an_tokens_free(&toks);
    vk_buf_free(&type);
    vk_buf_free(&fb);
}

#define MAX_DOCS_PER_FILE 64

vk_status
cp_parse_text(const char *path, const char *text, size_t len, cp_file **out, vk_error *err)
{
    *out = NULL;
    cp_file *f = calloc(1, sizeof *f);
    if (!f)
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    f->path = vk_arena_strndup(&f->arena, path, strlen(path));
    f->memo = an_memo_new(CP_MEMO_BYTES);
    cline *lines = NULL;
    size_t n = 0, starts[MAX_DOCS_PER_FILE];
    vk_status rc = f->path ? split_lines(f, text, len, &lines, &n) : VK_ENOMEM;
    cp_evidence ev;
    memset(&ev, 0, sizeof ev);
    if (rc == VK_OK)
        rc = cp_web_clean(f, lines, &n, &ev);
    size_t n_docs = rc == VK_OK ? find_documents(lines, n, starts, MAX_DOCS_PER_FILE) : 0;
    if (rc == VK_OK) {
        f->docs = vk_arena_alloc(&f->arena, n_docs * sizeof *f->docs);
        rc = f->docs ? VK_OK : VK_ENOMEM;
    }
    for (size_t d = 0; d < n_docs && rc == VK_OK; d++) {
        f->n_docs = d + 1;
        rc = parse_document(f, &f->docs[d], lines, starts[d], d + 1 < n_docs ? starts[d + 1] : n,
                            d == 0 ? &ev : NULL);
    }
    if (rc != VK_OK) {
        cp_file_free(f);
        return vk_fail(err, rc, _("%s: out of memory while parsing"), path);
    }
    link_attachments(f);
    number_from_attachments(f);
    if (f->n_docs > 0)
        number_from_appendix(f, &f->docs[0]);
    *out = f;
    return VK_OK;
}

vk_status
cp_file_parse(const char *path, cp_file **out, vk_error *err)
{
    *out = NULL;
    char *raw = NULL;
    size_t raw_len = 0;
    const char *format = NULL;
    cp_text text = {0};
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &raw, &raw_len, &format, err);
    if (rc == VK_OK)
        rc = cp_text_prepare(path, raw, raw_len, &text, err);
    free(raw);
    if (rc == VK_OK)
        rc = cp_parse_text(path, text.data, text.len, out, err);
    if (rc == VK_OK) {
        (*out)->encoding = text.encoding;
        (*out)->format = format;
    }
    free(text.data);
    return rc;
}

void
cp_file_free(cp_file *f)
{
    if (!f)
        return;
    for (size_t d = 0; d < f->n_docs; d++) {
        for (size_t s = 0; s < f->docs[d].n_sections; s++)
            free((void *)f->docs[d].sections[s].paras);
        free(f->docs[d].sections);
    }
    an_memo_free(f->memo);
    vk_arena_free(&f->arena);
    free(f);
}
