/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_formats.c: the document model read from each sample of
 * corpus/samples/ is the same when the sample is converted to .docx, .html
 * and .pdf by tools independent of vankien (pandoc, LibreOffice; the
 * fixtures are tests/data/formats/STEM.{docx,html,pdf}, made by
 * tests/data/formats/make.sh, which says how and why).
 *
 * Compared, for .docx and .html: the number of documents; per document its
 * number, type code, date, place, issuer, conference, term, signer (name,
 * capacity, authority), attachment, footnotes (label, text, section), title
 * (whitespace collapsed), the section labels in order, each heading and each
 * paragraph (whitespace collapsed). Loose on purpose, and only where a
 * conversion cannot keep the text:
 *
 *   - .docx of the markdown samples: their footnotes are raw HTML
 *     ("<sup>1</sup>") and pandoc drops raw HTML from a .docx, so there are
 *     no footnotes (checked: none), the mark is a plain digit ("2025[1]" in
 *     the model of the sample, "20251" in the .docx) and the note lines are
 *     ordinary paragraphs at the end of the section before them. A mark
 *     "[N]" thus matches a bare "N", and the paragraphs after the sample's
 *     may only be its notes, as "N text".
 *
 * (The .txt sample's lines are paragraphs of their own in its .docx and
 * .html; the parser joins a title's paragraphs when the next one starts in
 * lower case, so its title is compared exactly too.)
 *
 * .pdf (read by corpus/read_pdf.c, which rebuilds the paragraphs from the
 * layout): all of the above, loose where the PDF cannot keep the text:
 *
 *   - footnotes: poppler gives the note marks of the markdown samples as
 *     plain digits and the notes as ordinary paragraphs, as in their .docx
 *     (the PDF is made from it): the same looseness as the .docx;
 *   - a paragraph broken across two pages: the reader writes a page break
 *     as a blank line and the parser joins the two parts only when the
 *     second starts in lower case; where it starts with a capital, "(" or
 *     a quote, the PDF has the sample's paragraph as two consecutive
 *     paragraphs (checked: their text joined with a space is the sample's,
 *     and the second does not start with an ASCII lower-case letter). In
 *     the fixtures: ket-luan-04-KL-BTCTW.pdf, one paragraph of II.3 (the
 *     next page starts "(2)"); ke-hoach-256-KH-TU.pdf, one of V.5.11 ("Thành
 *     ủy") and one of V.6.2 (an opening quote). The other two PDFs match
 *     but for the two points above.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "corpus/cp.h"

/* Asserts cond, first printing where it failed. */
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            print_error(__VA_ARGS__);                                                              \
        assert_true(cond);                                                                         \
    } while (0)

/* The samples. */
typedef struct sample {
    const char *file;     /* in corpus/samples/ */
    const char *stem;     /* name of its fixtures in tests/data/formats/ */
} sample;

static const sample samples[] = {
    {"nghi-quyet-hoi-nghi-6-khoa-xiii.txt", "nghi-quyet-hoi-nghi-6-khoa-xiii"},
    {"ke-hoach-256-KH-TU.md", "ke-hoach-256-KH-TU"},
    {"ket-luan-04-KL-BTCTW.md", "ket-luan-04-KL-BTCTW"},
    {"ket-luan-21-KL-TW.md", "ket-luan-21-KL-TW"},
};

static cp_file *
parse(const char *dir, const char *name, const char *ext)
{
    const char *src = getenv("VK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s%s", src ? src : ".", dir, name, ext);
    cp_file *f = NULL;
    vk_error err = {0};
    vk_status st = cp_file_parse(path, &f, &err);
    if (st != VK_OK)
        print_error("%s: %s\n", path, err.msg);
    assert_int_equal(st, VK_OK);
    assert_non_null(f);
    return f;
}

/* s with runs of blanks made one space, trimmed; malloc'd. NULL gives "". */
static char *
collapse(const char *s)
{
    size_t n = s ? strlen(s) : 0, j = 0;
    char *out = malloc(n + 1);
    assert_non_null(out);
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        if (strchr(" \t\n\r\f\v", s[i])) {
            space = j > 0;
            continue;
        }
        if (space)
            out[j++] = ' ';
        space = 0;
        out[j++] = s[i];
    }
    out[j] = '\0';
    return out;
}

/* Nonzero if a (the sample's) and b (a conversion's) are the same text,
 * blanks collapsed; with marks_bare, a note mark "[N]" in a may be a bare
 * "N" in b (see the top of the file). */
static int
same_text(const char *a, const char *b, int marks_bare)
{
    char *x = collapse(a), *y = collapse(b);
    const char *p = x, *q = y;
    while (*p && *q) {
        size_t d = marks_bare && *p == '[' ? strspn(p + 1, "0123456789") : 0;
        if (d > 0 && p[1 + d] == ']' && strncmp(p + 1, q, d) == 0) {
            p += d + 2;
            q += d;
        } else if (*p == *q) {
            p++;
            q++;
        } else {
            break;
        }
    }
    int same = *p == '\0' && *q == '\0';
    free(x);
    free(y);
    return same;
}

/* Nonzero if text is one of doc's footnotes written as "N text". */
static int
is_note(const cp_doc *doc, const char *text)
{
    char *t = collapse(text);
    int found = 0;
    for (size_t i = 0; i < doc->n_footnotes && !found; i++) {
        size_t len = strlen(doc->footnotes[i].label);
        char *note = collapse(doc->footnotes[i].text);
        found = strncmp(t, doc->footnotes[i].label, len) == 0 && t[len] == ' ' &&
                strcmp(t + len + 1, note) == 0;
        free(note);
    }
    free(t);
    return found;
}

static void
assert_same_date(const cp_date *a, const cp_date *b)
{
    char x[11], y[11];
    assert_string_equal(cp_date_iso(a, x), cp_date_iso(b, y));
}

static void
assert_same_string(const char *a, const char *b)
{
    assert_string_equal(a ? a : "(null)", b ? b : "(null)");
}

/* The header and closing fields, compared for every format. */
static void
compare_header(const cp_doc *a, const cp_doc *b)
{
    assert_same_string(a->number, b->number);
    assert_same_string(a->type_code, b->type_code);
    assert_same_date(&a->date, &b->date);
    assert_same_string(a->place, b->place);
    assert_same_string(a->issuer, b->issuer);
    assert_same_string(a->conference, b->conference);
    assert_same_string(a->term, b->term);
    assert_same_string(a->signer.name, b->signer.name);
    assert_same_string(a->signer.capacity, b->signer.capacity);
    assert_same_string(a->signer.authority, b->signer.authority);
    assert_int_equal(a->attached_to, b->attached_to);
}

/* Compares the footnotes of two documents. */
static void
compare_notes(const cp_doc *a, const cp_doc *b)
{
    assert_int_equal(a->n_footnotes, b->n_footnotes);
    for (size_t i = 0; i < a->n_footnotes; i++) {
        assert_string_equal(a->footnotes[i].label, b->footnotes[i].label);
        assert_true(same_text(a->footnotes[i].text, b->footnotes[i].text, 0));
        assert_int_equal(a->footnotes[i].section, b->footnotes[i].section);
    }
}

/* Nonzero if paragraphs q[0 .. n) of a .pdf, joined with a space, are the
 * sample's paragraph p cut by page breaks the parser does not join (see
 * the top of the file): each part after the first starts with no ASCII
 * lower-case letter. */
static int
same_split(const char *p, const char **q, size_t n, int marks_bare)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        char *c = collapse(q[i]);
        int lower = i > 0 && c[0] >= 'a' && c[0] <= 'z';
        len += strlen(c) + 1;
        free(c);
        if (lower)
            return 0;
    }
    char *joined = malloc(len + 1);
    assert_non_null(joined);
    joined[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strcat(joined, " ");
        strcat(joined, q[i]);
    }
    int same = same_text(p, joined, marks_bare);
    free(joined);
    return same;
}

/* Compares a conversion (.docx, .html or .pdf) of sample s with the sample. */
static void
compare_text_format(const sample *s, const char *ext)
{
    cp_file *a = parse("corpus/samples", s->file, "");
    cp_file *b = parse("tests/data/formats", s->stem, ext);
    assert_string_equal(b->format, ext + 1);
    /* Footnote marks lost by pandoc's .docx, and so by its .pdf (see the
     * top of the file). */
    int pdf = strcmp(ext, ".pdf") == 0;
    int marks_bare = (pdf || strcmp(ext, ".docx") == 0) && strstr(s->file, ".md") != NULL;
    CHECK(a->n_docs == b->n_docs, "%s%s: %zu documents, not %zu\n", s->stem, ext, b->n_docs,
          a->n_docs);
    for (size_t d = 0; d < a->n_docs; d++) {
        const cp_doc *x = &a->docs[d], *y = &b->docs[d];
        compare_header(x, y);
        if (marks_bare)
            assert_int_equal(y->n_footnotes, 0); /* lost by pandoc, see the top of the file */
        else
            compare_notes(x, y);
        char *tx = collapse(x->title), *ty = collapse(y->title);
        assert_string_equal(tx, ty);
        free(tx);
        free(ty);
        CHECK(x->n_sections == y->n_sections, "%s%s doc %zu: %zu sections, not %zu\n", s->stem, ext,
              d, y->n_sections, x->n_sections);
        for (size_t i = 0; i < x->n_sections; i++) {
            const cp_section *p = &x->sections[i], *q = &y->sections[i];
            CHECK(strcmp(p->label, q->label) == 0, "%s%s doc %zu: section %s, not %s\n", s->stem,
                  ext, d, q->label, p->label);
            CHECK(same_text(p->heading, q->heading, 0), "%s%s %s: heading %s, not %s\n", s->stem,
                  ext, p->label, q->heading, p->heading);
            /* Paragraph k of the sample is paragraph j of the conversion,
             * or in a .pdf paragraphs j .. j + m cut by page breaks. */
            size_t n = p->n_paras, j = 0;
            for (size_t k = 0; k < n; k++) {
                size_t m = 1;
                while (pdf && j + m < q->n_paras && m < 4 &&
                       !same_text(p->paras[k], q->paras[j], marks_bare) &&
                       !same_split(p->paras[k], q->paras + j, m + 1, marks_bare))
                    m++;
                int same =
                    j < q->n_paras && (same_text(p->paras[k], q->paras[j], marks_bare) ||
                                       (pdf && j + m < q->n_paras &&
                                        same_split(p->paras[k], q->paras + j, m + 1, marks_bare)));
                if (same && !same_text(p->paras[k], q->paras[j], marks_bare))
                    j += m + 1;
                else
                    j++;
                if (!same)
                    print_error("%s%s %s paragraph %zu:\n  %s\n  %s\n", s->stem, ext, p->label, k,
                                p->paras[k], j <= q->n_paras ? q->paras[j - 1] : "(none)");
                assert_true(same);
            }
            if (marks_bare) {
                /* The notes, turned ordinary paragraphs, may follow. */
                for (size_t k = j; k < q->n_paras; k++) {
                    if (!is_note(x, q->paras[k]))
                        print_error("%s%s %s: extra paragraph %s\n", s->stem, ext, p->label,
                                    q->paras[k]);
                    assert_true(is_note(x, q->paras[k]));
                }
            } else {
                CHECK(j == q->n_paras, "%s%s %s: %zu paragraphs, not %zu\n", s->stem, ext, p->label,
                      q->n_paras, n);
            }
        }
    }
    cp_file_free(a);
    cp_file_free(b);
}

static void
test_docx(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        compare_text_format(&samples[i], ".docx");
}

static void
test_html(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        compare_text_format(&samples[i], ".html");
}

static void
test_pdf(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        compare_text_format(&samples[i], ".pdf");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_pdf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
