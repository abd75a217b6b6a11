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
#include "common/utf8.h"
#include "corpus/cite.h"
#include "corpus/cp.h"
#include "corpus/parse_internal.h"
#include "corpus/readers.h"

/* Longest heading kept whole; longer numbered items are paragraphs whose
 * heading is their first clause. */
#define HEADING_MAX 160

/* A recognised section heading. */
typedef struct heading {
    int kind;        /* 1 Roman, 2 Arabic (any depth), 4 letter */
    int depth;       /* Arabic: number of components (1 for "3.", 2 for "3.1.") */
    const char *num; /* the number without trailing punctuation */
    size_t num_len;
    const char *text; /* the rest of the line */
    size_t text_len;
} heading;

/* Parser state for one document. */
typedef struct builder {
    cp_file *file;      /* owner of the arena */
    cp_doc *doc;        /* document being built */
    size_t cap;         /* capacity of doc->sections */
    size_t para_cap;    /* capacity of the current section's paras */
    vk_buf para;        /* paragraph being assembled */
    int para_blank;     /* a blank line came after the paragraph's last line */
    int l1, l2, ln;     /* indexes of the current level-1, level-2 and deepest sections, or -1 */
} builder;

/* ---------------------------------------------------------------------- */
/* Headings                                                               */
/* ---------------------------------------------------------------------- */

static size_t
skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

static int
roman_heading(const char *s, size_t len, heading *h)
{
    size_t i = 0;
    while (i < len && i < 6 && s[i] && strchr("IVXL", s[i]))
        i++;
    if (i == 0 || i >= len || (s[i] != '-' && s[i] != '.'))
        return 0;
    size_t t = skip_spaces(s, len, i + 1); /* "I-TÌNH HÌNH" is accepted too */
    if (t >= len || !cp_mostly_upper(s + t, len - t))
        return 0;
    *h = (heading){1, 1, s, i, s + t, len - t};
    return 1;
}

static int
arabic_heading(const char *s, size_t len, heading *h)
{
    size_t i = 0, depth = 0;
    for (;;) {
        size_t d = i;
        while (i < len && i - d < 3 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d || i - d > 2 || i >= len || s[i] != '.')
            break;
        depth++;
        i++; /* the dot */
        if (i < len && (s[i] < '0' || s[i] > '9'))
            break;
    }
    if (depth == 0 || s[i - 1] != '.')
        return 0;
    size_t t = skip_spaces(s, len, i);
    if (t == i || t >= len)
        return 0;
    *h = (heading){2, (int)depth, s, i - 1, s + t, len - t};
    return 1;
}

static int
letter_heading(const char *s, size_t len, heading *h)
{
    uint32_t cp;
    size_t l = vk_utf8_decode(s, len, &cp);
    if (!l || !((cp >= 'a' && cp <= 'z') || cp == 0x0111) || l >= len || s[l] != ')')
        return 0;
    size_t t = skip_spaces(s, len, l + 1);
    if (t == l + 1 || t >= len)
        return 0;
    *h = (heading){4, 1, s, l, s + t, len - t};
    return 1;
}

static int
find_heading(const cline *ln, heading *h)
{
    if (ln->len == 0)
        return 0;
    return roman_heading(ln->s, ln->len, h) || arabic_heading(ln->s, ln->len, h) ||
           letter_heading(ln->s, ln->len, h);
}

int
cp_line_is_heading(const cline *ln)
{
    heading h;
    return find_heading(ln, &h);
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

/* Appends a section and makes it current. The label is made unique. */
static vk_status
open_section(builder *b, const char *label, const char *number, size_t number_len,
             const char *heading_text, size_t heading_len, int level, int parent, size_t lineno)
{
    if (flush_para(b) != VK_OK)
        return VK_ENOMEM;
    cp_doc *doc = b->doc;
    if (doc->n_sections == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 16, bytes;
        if (vk_size_mul(cap, sizeof *doc->sections, &bytes))
            return VK_ENOMEM;
        cp_section *s = realloc(doc->sections, bytes);
        if (!s)
            return VK_ENOMEM;
        doc->sections = s;
        b->cap = cap;
    }
    vk_buf lb = VK_BUF_INIT;
    vk_status rc = vk_buf_puts(&lb, label);
    for (int k = 2; rc == VK_OK && label_taken(doc, lb.data); k++) {
        vk_buf_clear(&lb);
        rc = vk_buf_printf(&lb, "%s~%d", label, k);
    }
    cp_section *sec = &doc->sections[doc->n_sections];
    memset(sec, 0, sizeof *sec);
    sec->label = rc == VK_OK ? vk_arena_strndup(&b->file->arena, lb.data, lb.len) : NULL;
    vk_buf_free(&lb);
    /* The suffix that makes a repeated number unique is never shown. */
    sec->display = vk_arena_strndup(&b->file->arena, label, strcspn(label, "~"));
    sec->number = vk_arena_strndup(&b->file->arena, number, number_len);
    sec->heading = vk_arena_strndup(&b->file->arena, heading_text, heading_len);
    if (!sec->label || !sec->display || !sec->number || !sec->heading)
        return VK_ENOMEM;
    sec->level = level;
    sec->parent = parent;
    sec->line = lineno;
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

static vk_status
start_heading(builder *b, const heading *h, size_t lineno)
{
    vk_buf label = VK_BUF_INIT;
    int level, parent;
    const cp_section *secs = b->doc->sections;
    vk_status rc;
    if (h->kind == 1) {
        level = 1;
        parent = -1;
        rc = vk_buf_append(&label, h->num, h->num_len);
    } else if (h->kind == 2) {
        level = 1 + h->depth;
        parent = h->depth > 1 && b->l2 >= 0 ? b->l2 : b->l1;
        rc = b->l1 >= 0 ? vk_buf_printf(&label, "%s.", secs[b->l1].label) : VK_OK;
        if (rc == VK_OK)
            rc = vk_buf_append(&label, h->num, h->num_len);
    } else {
        parent = b->ln;
        level = parent >= 0 ? secs[parent].level + 1 : 1;
        rc = parent >= 0 ? vk_buf_printf(&label, "%s.", secs[parent].label) : VK_OK;
        if (rc == VK_OK)
            rc = vk_buf_append(&label, h->num, h->num_len);
    }
    size_t hl = heading_part(h->text, h->text_len);
    vk_buf head = VK_BUF_INIT;
    if (rc == VK_OK)
        rc = vk_buf_append(&head, h->text, hl);
    if (rc == VK_OK && hl < h->text_len && h->text[hl] == ' ') {
        /* Cut inside a sentence: say so. */
        while (head.len > 0 && strchr(",;- ", head.data[head.len - 1]))
            head.len--;
        rc = vk_buf_puts(&head, "…");
    }
    if (rc == VK_OK)
        rc = open_section(b, label.data, h->num, h->num_len, head.data, head.len, level, parent,
                          lineno);
    vk_buf_free(&head);
    vk_buf_free(&label);
    if (rc != VK_OK)
        return rc;
    int idx = (int)b->doc->n_sections - 1;
    if (h->kind == 1)
        b->l1 = idx, b->l2 = -1;
    else if (h->kind == 2 && h->depth == 1)
        b->l2 = idx;
    if (h->kind != 4)
        b->ln = idx;
    /* A long numbered item is a paragraph too: keep all of its text. */
    if (hl < h->text_len)
        rc = vk_buf_append(&b->para, h->text, h->text_len);
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

/* Adds a text line to the current paragraph, or starts a new one. A line
 * continues the paragraph when the paragraph stops mid-sentence and the line
 * starts in lower case, or the paragraph ends with a word whose value the
 * line gives ("... khóa" / "XIII và ..."): a break from conversion or a
 * page end. */
static vk_status
add_text(builder *b, const cline *ln)
{
    if (b->para.len > 0) {
        uint32_t end = cp_last_cp(b->para.data, b->para.len);
        int open = !(end < 0x80 && end && strchr(".;:!?\")", (int)end)) && end != 0x2026 &&
                   end != 0x201D;
        int lower = an_is_lower(cp_first_cp(ln->s, ln->len));
        if (open && (lower || wants_value(b->para.data, b->para.len)) &&
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
/* Body                                                                   */
/* ---------------------------------------------------------------------- */

/* Reads the body up to the closing block; returns the index where the
 * closing starts (n if none). */
static size_t
parse_body(builder *b, const cline *lines, size_t from, size_t n, vk_status *rc)
{
    vk_buf fb = VK_BUF_INIT;
    size_t i = from;
    *rc = VK_OK;
    for (; i < n && *rc == VK_OK; i++) {
        const cline *ln = &lines[i];
        heading h;
        if (ln->len == 0) {
            b->para_blank = 1;
            continue;
        }
        if (cp_opens_closing(ln, &fb))
            break;
        if (find_heading(ln, &h))
            *rc = start_heading(b, &h, ln->lineno);
        else
            *rc = add_text(b, ln);
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
    vk_status rc = open_section(b, "noi-nhan", "", 0, "Nơi nhận", strlen("Nơi nhận"), 0, -1,
                                lines[from].lineno);
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
        lines[k] = (cline){buf, cl, k + 1, rule, md_heading(text + start, l)}; /* from 1 */
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

/* Finds where each document of the file starts: a file can hold a plan
 * followed by the resolution it implements. A new document starts after
 * the previous one's "Nơi nhận", at its number or type line, taking along
 * the issuer lines in capitals just above it. Writes up to max starts. */
static size_t
find_documents(const cline *lines, size_t n, size_t *starts, size_t max)
{
    vk_buf fb = VK_BUF_INIT;
    size_t count = 1;
    starts[0] = 0;
    int trailer = 0;
    for (size_t i = 0; i < n && count < max; i++) {
        if (lines[i].len == 0)
            continue;
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
        trailer = 0;
    }
    vk_buf_free(&fb);
    return count;
}

/* Finds the citations of every section's text but the closing block's. */
static vk_status
collect_citations(cp_file *f, cp_doc *doc)
{
    for (size_t s = 0; s < doc->n_sections; s++) {
        const cp_section *sec = &doc->sections[s];
        if (strcmp(sec->label, "noi-nhan") == 0)
            continue;
        for (size_t p = 0; p < sec->n_paras; p++) {
            cp_citation *found = NULL;
            size_t n = 0;
            vk_status rc = cp_cite_find(sec->paras[p], strlen(sec->paras[p]), &f->arena,
                                        &found, &n);
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

/* Parses lines[from .. to) as one document into doc. */
static vk_status
parse_document(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to,
               const cp_evidence *ev)
{
    builder b = {.file = f, .doc = doc, .para = VK_BUF_INIT, .l1 = -1, .l2 = -1, .ln = -1};
    doc->attached_to = -1;
    vk_status rc = open_section(&b, "", "", 0, "", 0, 0, -1, from < to ? lines[from].lineno : 1);
    size_t closing = to;
    if (rc == VK_OK) {
        /* The header's lines stay in the text too, in the preamble: nothing
         * of the file is lost to search. */
        cp_parse_header(f, doc, lines + from, to - from, ev);
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
    /* Without an issuer line, "T/M THÀNH ỦY" says who issued it. */
    if (rc == VK_OK && !doc->issuer && doc->signer.authority &&
        strcmp(doc->signer.authority, "T/M") == 0)
        doc->issuer = doc->signer.on_behalf_of;
    /* A Q&A article, an encyclopedia page or a news story cites numbers
     * but has none of its own: only the file's first text (the one given
     * the page's evidence) can be one, and only without a number of its
     * own or from a portal's table. */
    if (rc == VK_OK && ev && !doc->number && !ev->number) {
        doc->nondoc = cp_web_nondoc(lines + from, to - from);
        if (doc->nondoc)
            doc->type_name = doc->type_code = NULL;
    }
    vk_buf_free(&b.para);
    return rc;
}

/* A document appended to another ("(Kèm theo Nghị quyết số 28-NQ/TW ...)"
 * in the earlier one) is marked attached to it. */
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
    }
    vk_buf_free(&fb);
}

#define MAX_DOCS_PER_FILE 64

vk_status
cp_parse_text(const char *path, const char *text, size_t len, cp_file **out, vk_error *err)
{
    *out = NULL;
    cp_file *f = calloc(1, sizeof *f);
    if (!f)
        return vk_fail(err, VK_ENOMEM, "%s: out of memory", path);
    f->path = vk_arena_strndup(&f->arena, path, strlen(path));
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
        return vk_fail(err, rc, "%s: out of memory while parsing", path);
    }
    link_attachments(f);
    *out = f;
    return VK_OK;
}

vk_status
cp_file_parse(const char *path, cp_file **out, vk_error *err)
{
    *out = NULL;
    char *raw = NULL, *text = NULL;
    size_t raw_len = 0, len = 0;
    const char *encoding = NULL, *format = NULL;
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &raw, &raw_len, &format, err);
    if (rc == VK_OK)
        rc = cp_text_prepare(path, raw, raw_len, &text, &len, &encoding, err);
    free(raw);
    if (rc == VK_OK)
        rc = cp_parse_text(path, text, len, out, err);
    if (rc == VK_OK) {
        (*out)->encoding = encoding;
        (*out)->format = format;
    }
    free(text);
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
    vk_arena_free(&f->arena);
    free(f);
}
