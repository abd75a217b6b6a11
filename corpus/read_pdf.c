/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * read_pdf.c: the text of a PDF through poppler's glib API, in reading
 * order, with its paragraphs rebuilt from the layout: poppler gives the
 * visual lines of each page and a rectangle per character
 * (poppler_page_get_text_layout) and the font sizes
 * (poppler_page_get_text_attributes). Pieces of text on the same baseline
 * are one line ("•" or "4." and the text after a tab, even when poppler
 * gives a column of bullets before the column of their text), with a space
 * where the tab was ("1.Tạo" is "1. Tạo"). A line continues the paragraph
 * of the line above unless
 *
 *   - it is on another page (a blank line: the parser joins a sentence
 *     broken across pages), above the line before (a new column), or in
 *     another font size (a heading): a new paragraph;
 *   - the pitch from the line above, over the line's height, is more than
 *     1.3 times the document's median (the gap between paragraphs), or it
 *     starts with a bullet glyph: a new paragraph;
 *   - the line above ended short, with room for this line's first word:
 *     a new paragraph if it starts with a list mark ("- ", "1.", "II-",
 *     "a)"), else a line of its own (a line break in the paragraph, as the
 *     .docx reader writes one);
 *   - either line holds pieces far apart (a row of table cells): a line of
 *     its own.
 *
 * Each paragraph is written as one line, a blank line between paragraphs;
 * lines are joined with a space, or none after a hyphen glued to its word
 * ("2026-" "2031"). A bullet glyph that starts a paragraph is written "- ",
 * as the other readers write bullets. Pages whose layout poppler cannot
 * give are written as before, a paragraph per line. The work is linear in
 * the text (and a sort of the line pitches), without recursion. TCVN3
 * mojibake from .VnTime PDFs is left as poppler gives it: cp_text_prepare
 * detects and converts it.
 *
 * poppler-glib is loaded when the first PDF is read (dlopen), not when a
 * program starts: it brings some forty libraries (cairo, NSS, X11, ...)
 * that searching never needs, and loading them was most of the start-up
 * time of `vankien search`. Without it, PDFs are skipped with the reason.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <poppler.h>

#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/reader_kit_internal.h"
#include "corpus/readers.h"
#include "corpus/readers_internal.h"

/* The functions of poppler-glib and GLib used here, found in the loaded
 * library (dlsym also searches the libraries it depends on). */
#define PDF_FUNCTIONS(X)                                                                           \
    X(g_bytes_new_static)                                                                          \
    X(g_bytes_unref)                                                                               \
    X(g_error_free)                                                                                \
    X(g_free)                                                                                      \
    X(g_log_set_handler)                                                                           \
    X(g_object_unref)                                                                              \
    X(poppler_document_get_n_pages)                                                                \
    X(poppler_document_get_page)                                                                   \
    X(poppler_document_new_from_bytes)                                                             \
    X(poppler_error_quark)                                                                         \
    X(poppler_page_free_text_attributes)                                                           \
    X(poppler_page_get_text)                                                                       \
    X(poppler_page_get_text_attributes)                                                            \
    X(poppler_page_get_text_layout)

static struct {
#define PDF_POINTER(f) __typeof__(&f) f;
    PDF_FUNCTIONS(PDF_POINTER)
#undef PDF_POINTER
    char error[256]; /* why the library could not be loaded, or "" */
} pp;

static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

/* poppler-glib sends the parser's complaints about damaged files to GLib's
 * log under the "Poppler" domain: library code prints nothing. */
static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
    (void)domain;
    (void)level;
    (void)message;
    (void)data;
}

/* Loads poppler-glib (VK_POPPLER_SONAME, from the build) and silences it;
 * on failure leaves the reason in pp.error. Runs once. */
static void
load_poppler(void)
{
#define PDF_NAME(f) #f,
#define PDF_SLOT(f) &pp.f,
    static const char *const names[] = {PDF_FUNCTIONS(PDF_NAME)};
    void *const slots[] = {PDF_FUNCTIONS(PDF_SLOT)};
#undef PDF_NAME
#undef PDF_SLOT
    if (!cp_load_lib(VK_POPPLER_SONAME, names, slots, VK_ARRAY_LEN(names), pp.error,
                     sizeof pp.error))
        return;
    pp.g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL),
                         quiet_log, NULL);
}

/* Nonzero if the text holds a letter or digit (ASCII or not). */
static int
has_text(const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 1;
    }
    return 0;
}

/* One line of a page as laid out (pieces on the same baseline joined). */
typedef struct pdf_line {
    size_t off, len;    /* its text in the text buffer */
    size_t mark_off;    /* a bare list mark ("•", "4.") poppler gave apart, */
    size_t mark_len;    /* on the same baseline to the left: written first */
    double top, bottom; /* vertical extent of its characters (y grows down) */
    double left, right; /* horizontal extent */
    double first_w;     /* width of its first word */
    double edge;        /* right end of the page's longest line */
    double size;        /* largest font size in the line, 0 if unknown */
    int page;
    int layout;    /* geometry known (else the line is a paragraph) */
    int has_left;  /* left and first_w are set */
    int word_done; /* the first word is over */
    int skip;      /* a bare mark moved to the line it belongs to */
    int cells;     /* pieces far apart (table cells): a line of its own */
} pdf_line;

/* What the layout pass builds: the lines of all pages and their text. */
typedef struct pdf_text {
    vk_buf text;
    pdf_line *lines;
    size_t n, cap;
    size_t max; /* past this much text, reading stops (the sink reports it) */
    int nomem;
} pdf_text;

/* How far ahead on a page a bare list mark looks for its text. */
#define PDF_MARK_WINDOW 64

static double
absd(double x)
{
    return x < 0 ? -x : x;
}

/* Nonzero if byte c is an ASCII blank. */
static int
blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int
is_blank(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0;
}

static void
put_text(pdf_text *pt, const char *s, size_t len)
{
    if (!pt->nomem && vk_buf_append(&pt->text, s, len) != VK_OK)
        pt->nomem = 1;
}

/* A new line at the end of the list, or NULL out of memory. */
static pdf_line *
new_line(pdf_text *pt, int page, int layout)
{
    if (pt->nomem)
        return NULL;
    if (pt->n == pt->cap) {
        size_t cap = pt->cap ? pt->cap * 2 : 256;
        pdf_line *l = realloc(pt->lines, cap * sizeof *l);
        if (!l) {
            pt->nomem = 1;
            return NULL;
        }
        pt->lines = l;
        pt->cap = cap;
    }
    pdf_line *l = &pt->lines[pt->n++];
    memset(l, 0, sizeof *l);
    l->off = pt->text.len;
    l->page = page;
    l->layout = layout;
    return l;
}

/* s[0 .. len) without blanks at either end. */
static const char *
trim(const char *s, size_t *len)
{
    while (*len > 0 && blank_byte(*s)) {
        s++;
        (*len)--;
    }
    while (*len > 0 && blank_byte(s[*len - 1]))
        (*len)--;
    return s;
}

/* Length of a bullet glyph at s[0 .. len) ("•" and its kin), else 0. */
static size_t
bullet_len(const char *s, size_t len)
{
    static const char *const bullets[] = {"\u2022", "\u25e6", "\u25aa", "\u25cf", "\u2023",
                                          "\u2043", "\uf0b7", "\uf0a7", "\u00b7"};
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++) {
        size_t n = strlen(bullets[i]);
        if (n <= len && memcmp(s, bullets[i], n) == 0)
            return n;
    }
    return 0;
}

/* Length of the list mark that starts s[0 .. len) (s trimmed): a bullet,
 * "-" or "+" before a blank, "1." "1)" "1.2.", "II." "II-", "a)"; else 0. */
static size_t
mark_len(const char *s, size_t len)
{
    size_t b = bullet_len(s, len);
    if (b > 0)
        return b;
    if (len >= 1 && (s[0] == '-' || s[0] == '+') && (len == 1 || s[1] == ' '))
        return 1;
    size_t j = 0;
    while (j < len && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
        j++;
    if (j > 0 && s[0] != '.' && s[j - 1] == '.')
        return j;
    if (j > 0 && s[0] != '.' && j < len && s[j] == ')')
        return j + 1;
    j = 0;
    while (j < len && strchr("IVXLC", s[j]))
        j++;
    if (j > 0 && j < len && (s[j] == '.' || s[j] == '-'))
        return j + 1;
    if (len >= 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')')
        return 2;
    return 0;
}

/* The line a text line of poppler's starts: the line before when the piece
 * stands on its baseline to its right (text after a tab), else a new one.
 * NULL when out of memory. */
static pdf_line *
open_line(pdf_text *pt, int page, int layout, const PopplerRectangle *rc, size_t first)
{
    pdf_line *prev = pt->n > first ? &pt->lines[pt->n - 1] : NULL;
    double h = prev ? prev->bottom - prev->top : 0;
    if (rc && prev && prev->layout && h > 0 && absd(rc->y1 - prev->top) < 0.5 * h &&
        rc->x1 >= prev->right - 1) {
        prev->word_done = 1;
        prev->cells |= rc->x1 - prev->right > 2 * h;
        put_text(pt, " ", 1);
        return prev;
    }
    pdf_line *cur = new_line(pt, page, layout);
    if (cur && rc) {
        cur->top = rc->y1;
        cur->bottom = rc->y2;
        cur->right = rc->x2;
    }
    return cur;
}

/* Where the glyphs of the line being built stand. */
typedef struct glyph_state {
    int gap_ok;     /* the last character was not a blank */
    double last_x2; /* right end of the last non-blank character */
} glyph_state;

/* Takes the box of a non-blank character into its line: a wide gap before
 * it with no blank in the text is a tab poppler dropped. */
static void
measure_glyph(pdf_text *pt, pdf_line *cur, const PopplerRectangle *rc, GList *attrs, guint ci,
              glyph_state *g)
{
    double h = rc->y2 - rc->y1;
    if (g->gap_ok && h > 0 && rc->x1 - g->last_x2 > 0.3 * h) {
        put_text(pt, " ", 1);
        cur->word_done = 1;
        cur->cells |= rc->x1 - g->last_x2 > 2 * h;
    }
    if (!cur->has_left) {
        cur->has_left = 1;
        cur->left = rc->x1;
    }
    if (!cur->word_done)
        cur->first_w = rc->x2 - cur->left;
    if (rc->y1 < cur->top)
        cur->top = rc->y1;
    if (rc->y2 > cur->bottom)
        cur->bottom = rc->y2;
    if (rc->x2 > cur->right)
        cur->right = rc->x2;
    g->last_x2 = rc->x2;
    if (attrs) {
        const PopplerTextAttributes *a = attrs->data;
        if (a->start_index <= (gint)ci && a->font_size > cur->size)
            cur->size = a->font_size;
    }
}

/* The page's lines from `first` on: the right edge of the page's text, and
 * a bare list mark ("•" or "4." alone) whose text poppler gave later, on
 * the same baseline to its right (a column of bullets read before the
 * column of their text), joined to that text. */
static void
finish_page(pdf_text *pt, size_t first)
{
    double edge = 0;
    for (size_t i = first; i < pt->n; i++)
        if (pt->lines[i].right > edge)
            edge = pt->lines[i].right;
    for (size_t i = first; i < pt->n; i++) {
        pdf_line *m = &pt->lines[i];
        m->edge = edge;
        size_t len = m->len;
        const char *s = trim(pt->text.data + m->off, &len);
        double h = m->bottom - m->top;
        if (!m->layout || m->skip || h <= 0 || len == 0 || mark_len(s, len) != len)
            continue;
        for (size_t j = i + 1; j < pt->n && j <= i + PDF_MARK_WINDOW; j++) {
            pdf_line *l = &pt->lines[j];
            if (!l->skip && l->mark_len == 0 && absd(l->top - m->top) < 0.5 * h &&
                l->left >= m->right - 1) {
                l->mark_off = (size_t)(s - pt->text.data);
                l->mark_len = len;
                m->skip = 1;
                break;
            }
        }
    }
}

/* Adds the lines of one page: t its text, r[0 .. nr) a rectangle per
 * character of t (or NULL), attrs its text attributes. */
static void
add_page(pdf_text *pt, int page, const char *t, const PopplerRectangle *r, guint nr, GList *attrs)
{
    size_t first = pt->n;
    size_t tlen = strlen(t);
    int layout = r != NULL && vk_utf8_count(t, tlen) == nr;
    pdf_line *cur = NULL; /* the line being built */
    int started = 0;      /* a character of this text line was seen */
    glyph_state g = {0, 0};
    guint ci = 0;
    for (const char *p = t; *p && !pt->nomem && pt->text.len <= pt->max; ci++) {
        uint32_t c;
        size_t clen = vk_utf8_decode(p, tlen - (size_t)(p - t), &c);
        const char *next = p + (clen ? clen : 1);
        while (attrs && ((PopplerTextAttributes *)attrs->data)->end_index < (gint)ci)
            attrs = attrs->next;
        if (c == '\n') {
            started = 0;
            p = next;
            continue;
        }
        const PopplerRectangle *rc = layout ? &r[ci] : NULL;
        if (!started) {
            started = 1;
            g.gap_ok = 0;
            cur = open_line(pt, page, layout, rc, first);
            if (!cur)
                break;
        }
        if (!is_blank(c) && rc)
            measure_glyph(pt, cur, rc, attrs, ci, &g);
        else if (is_blank(c) && cur->has_left)
            cur->word_done = 1;
        g.gap_ok = !is_blank(c);
        put_text(pt, p, (size_t)(next - p));
        cur->len = pt->text.len - cur->off;
        p = next;
    }
    finish_page(pt, first);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nonzero if b can follow a in one paragraph as far as page, geometry and
 * font go; *ratio gets the pitch from a to b over b's height. */
static int
same_block(const pdf_line *a, const pdf_line *b, double *ratio)
{
    double h = b->bottom - b->top, pitch = b->top - a->top;
    if (a->page != b->page || !a->layout || !b->layout || h <= 0 || pitch <= 0 ||
        absd(a->size - b->size) > 0.5)
        return 0;
    *ratio = pitch / h;
    return 1;
}

/* The median of the pitches between lines of the same font (over the
 * height of the line), 0 if there are none. */
static double
median_ratio(const pdf_text *pt, int *nomem)
{
    if (pt->n < 2)
        return 0;
    double *v = malloc((pt->n - 1) * sizeof *v);
    if (!v) {
        *nomem = 1;
        return 0;
    }
    size_t k = 0;
    const pdf_line *prev = NULL;
    for (size_t i = 0; i < pt->n; i++) {
        double ratio;
        if (pt->lines[i].skip)
            continue;
        if (prev && same_block(prev, &pt->lines[i], &ratio))
            v[k++] = ratio;
        prev = &pt->lines[i];
    }
    double m = 0;
    if (k > 0) {
        qsort(v, k, sizeof *v, cmp_double);
        m = v[k / 2];
    }
    free(v);
    return m;
}

/* How line l follows line a (NULL: none): 0 in the same paragraph, 1 on
 * a line of its own (a line break in the paragraph), 2 in a new paragraph. */
static int
line_break(const pdf_text *pt, const pdf_line *a, const pdf_line *l, double median)
{
    double ratio = 0;
    if (!a || !same_block(a, l, &ratio))
        return 2;
    if (median > 0 && ratio > 1.3 * median)
        return 2; /* the gap between paragraphs */
    if (a->cells || l->cells)
        return 1; /* a row of table cells */
    size_t len = l->len;
    const char *s = trim(pt->text.data + l->off, &len);
    if (l->mark_len > 0 ? bullet_len(pt->text.data + l->mark_off, l->mark_len) > 0
                        : bullet_len(s, len) > 0)
        return 2; /* a bullet glyph never starts a wrapped line */
    /* The line above ended short: the first word of this one would have
     * fitted there, so the line was broken on purpose: a list item (a
     * paragraph), else a line break. */
    double h = l->bottom - l->top;
    if (l->has_left && a->edge - a->right > l->first_w + 0.5 * h)
        return l->mark_len > 0 || mark_len(s, len) > 0 ? 2 : 1;
    return 0;
}

/* Writes the lines as paragraphs into the sink. */
static void
write_paragraphs(const pdf_text *pt, double median, cp_sink *sink)
{
    const pdf_line *prev = NULL;
    for (size_t i = 0; i < pt->n && !sink->over && !sink->nomem; i++) {
        const pdf_line *l = &pt->lines[i];
        if (l->skip)
            continue;
        size_t len = l->len;
        const char *s = trim(pt->text.data + l->off, &len);
        int brk = line_break(pt, prev, l, median);
        if (brk > 0) {
            cp_sink_break(sink, brk);
            const char *m = l->mark_len > 0 ? pt->text.data + l->mark_off : s;
            size_t ml = l->mark_len > 0 ? l->mark_len : len;
            size_t b = bullet_len(m, ml);
            if (b > 0) {
                /* Bullets are written "- ", as the other readers do. */
                cp_sink_text(sink, "- ", 2);
                if (l->mark_len == 0) {
                    s += b;
                    len -= b;
                }
            } else if (l->mark_len > 0) {
                cp_sink_text(sink, m, ml);
                cp_sink_text(sink, " ", 1);
            }
        } else {
            /* A hyphen glued to its word at the end of the line above
             * joins this line without a space ("2026-" "2031"). */
            size_t n = prev->len;
            const char *e = trim(pt->text.data + prev->off, &n);
            if (l->mark_len > 0) {
                cp_sink_text(sink, " ", 1);
                cp_sink_text(sink, pt->text.data + l->mark_off, l->mark_len);
            }
            if (l->mark_len > 0 ||
                !(n >= 2 && e[n - 1] == '-' && !blank_byte(e[n - 2]) && e[n - 2] != '-'))
                cp_sink_text(sink, " ", 1);
        }
        cp_sink_text(sink, s, len);
        prev = l;
    }
}

vk_status
cp_read_pdf(const char *path, const char *data, size_t len, size_t max, vk_buf *out, vk_error *err)
{
    pthread_once(&pp_once, load_poppler);
    if (pp.error[0])
        return vk_fail(err, VK_EINVAL,
                       _("%s: a PDF, but the PDF reader (poppler-glib) cannot be loaded: %s"), path,
                       pp.error);
    GBytes *bytes = pp.g_bytes_new_static(data, len);
    GError *gerr = NULL;
    PopplerDocument *doc = pp.poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!doc) {
        int encrypted = gerr && gerr->domain == pp.poppler_error_quark() &&
                        gerr->code == POPPLER_ERROR_ENCRYPTED;
        vk_status rc = vk_fail(err, VK_EINVAL, "%s: %s: %s", path,
                               encrypted ? "encrypted PDF (a password is needed)" : "broken PDF",
                               gerr && gerr->message ? gerr->message : "cannot be read");
        if (gerr)
            pp.g_error_free(gerr);
        pp.g_bytes_unref(bytes);
        return rc;
    }
    pdf_text pt = {.max = max};
    int pages = pp.poppler_document_get_n_pages(doc), text = 0;
    for (int i = 0; i < pages && !pt.nomem && pt.text.len <= max; i++) {
        PopplerPage *page = pp.poppler_document_get_page(doc, i);
        char *t = page ? pp.poppler_page_get_text(page) : NULL;
        if (t) {
            text |= has_text(t);
            PopplerRectangle *r = NULL;
            guint nr = 0;
            if (!pp.poppler_page_get_text_layout(page, &r, &nr)) {
                pp.g_free(r);
                r = NULL;
            }
            GList *attrs = pp.poppler_page_get_text_attributes(page);
            add_page(&pt, i, t, r, nr, attrs);
            pp.poppler_page_free_text_attributes(attrs);
            pp.g_free(r);
        }
        pp.g_free(t);
        if (page)
            pp.g_object_unref(page);
    }
    pp.g_object_unref(doc);
    pp.g_bytes_unref(bytes);
    cp_sink sink = {.out = out, .max = max, .nomem = pt.nomem};
    double median = median_ratio(&pt, &sink.nomem);
    if (!sink.nomem)
        write_paragraphs(&pt, median, &sink);
    free(pt.lines);
    vk_buf_free(&pt.text);
    vk_status rc = cp_sink_status(&sink, path, err);
    if (rc == VK_OK && !text)
        rc = vk_fail(err, VK_EINVAL,
                     vk_ngettext("%s: PDF without a text layer (%d page of images, scanned?): "
                                 "nothing to index",
                                 "%s: PDF without a text layer (%d pages of images, scanned?): "
                                 "nothing to index",
                                 (unsigned long)pages),
                     path, pages);
    return rc;
}
