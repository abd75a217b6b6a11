/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * docx.c: a Word draft checked paragraph by paragraph, and written back with
 * the findings as review comments (ct_check_docx, `vankien check
 * --annotate`), and their replacements as tracked changes
 * (--suggest-changes).
 *
 * The draft's paragraphs (draft/dr.h) are checked as one text, a line each
 * (a line break inside a paragraph counts as a space, one byte for one), so
 * that a finding's line is its paragraph and its offsets, those of its
 * replacement too, fall in that paragraph's text; a finding that runs past
 * its paragraph is anchored on the part in it. A suggested change replaces
 * exactly the wrong words (ct_finding.repl_start .. repl_end), so its
 * comment is anchored on them, around the deletion and the insertion; a
 * replacement whose words are not all in the finding's paragraph stays in
 * the comment only.
 */
#include <stdlib.h>
#include <string.h>

#include "cite/ct.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "draft/dr.h"

/* The draft's text: its paragraphs one per line; starts[p] is where
 * paragraph p begins in it, starts[n] one past the end. */
typedef struct draft_text {
    vk_buf text;
    size_t *starts;
    size_t n;
} draft_text;

static vk_status
join_paragraphs(const dr_docx *d, draft_text *t)
{
    t->n = dr_docx_paragraphs(d);
    t->starts = calloc(t->n + 1, sizeof *t->starts);
    if (!t->starts)
        return VK_ENOMEM;
    for (size_t p = 0; p < t->n; p++) {
        size_t len;
        const char *s = dr_docx_paragraph(d, p, &len);
        t->starts[p] = t->text.len;
        if (vk_buf_append(&t->text, s, len) != VK_OK || vk_buf_putc(&t->text, '\n') != VK_OK)
            return VK_ENOMEM;
        for (size_t i = t->starts[p]; i < t->text.len - 1; i++)
            t->text.data[i] = t->text.data[i] == '\n' ? ' ' : t->text.data[i];
    }
    t->starts[t->n] = t->text.len;
    return VK_OK;
}

/* The paragraph that holds byte `at` of the joined text. */
static size_t
paragraph_of(const draft_text *t, size_t at)
{
    size_t lo = 0, hi = t->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->starts[mid] <= at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* What a finding is about, as the drafter calls it. */
static const char *
field_words(ct_field f)
{
    static const char *const names[CT_F_COUNT] = {
        [CT_F_NUMBER] = N_("document number"), [CT_F_TYPE] = N_("type of document"),
        [CT_F_DATE] = N_("date of issue"),     [CT_F_ISSUER] = N_("issuing body"),
        [CT_F_TERM] = N_("term (khóa)"),       [CT_F_PLENUM] = N_("Central Committee plenum"),
        [CT_F_CONGRESS] = N_("congress"),      [CT_F_SUBJECT] = N_("subject"),
        [CT_F_QUOTE] = N_("quotation"),        [CT_F_SECTION] = N_("article, clause, section"),
    };
    return f < CT_F_COUNT && names[f] ? _(names[f]) : ct_field_label(f);
}

/* The comment a finding makes: what is wrong, the fix, the citation. */
static char *
comment_of(const ct_finding *f)
{
    vk_buf c = VK_BUF_INIT;
    vk_buf_printf(&c, "%s (%s): %s",
                  f->severity == CT_SEV_ERROR     ? _("Error")
                  : f->severity == CT_SEV_WARNING ? _("Warning")
                                                  : _("Correct"),
                  field_words(f->field), f->message);
    if (f->suggestion)
        vk_buf_printf(&c, _("\nSuggestion: %s"), f->suggestion);
    if (f->replacement)
        vk_buf_printf(&c, _("\nReplace “%s” with “%s”"), f->replaced ? f->replaced : "",
                      f->replacement);
    if (f->citation)
        vk_buf_printf(&c, _("\nFull citation: %s"), f->citation);
    for (size_t k = 0; k < f->n_also; k++)
        vk_buf_printf(&c, "%s %zu", k ? "," : _("\nAlso in paragraph"), f->also[k].line);
    return vk_buf_steal(&c);
}

/* Whether a replacement of the words [rs, re) can be a change in
 * paragraph p of t: its words all in that paragraph's text. */
static int
change_fits(const ct_finding *f, size_t rs, size_t re, const draft_text *t, size_t p)
{
    return f->replacement && rs <= re && rs >= t->starts[p] && re < t->starts[p + 1];
}

/* One place of finding f, the words [fs, fe) and the replaced ones [rs,
 * re), as out->v[out->n] with its comment; with suggest, the replacement goes with
 * it when it fits its paragraph (on the words it replaces), else it is
 * counted in ck->n_unchanged. Returns 0, or -1 when out of memory. */
typedef struct placed {
    dr_finding *v; /* the findings placed so far */
    size_t n;
} placed;

static int
place_one(ct_check *ck, const draft_text *t, int suggest, const ct_finding *f, const size_t at[4],
          placed *out)
{
    dr_finding *v = out->v;
    size_t *n = &out->n;
    size_t fs = at[0], fe = at[1], rs = at[2], re = at[3];
    if (fs >= t->text.len)
        return 0;
    size_t p = paragraph_of(t, fs);
    size_t start = fs, end = fe < t->starts[p + 1] - 1 ? fe : t->starts[p + 1] - 1;
    const char *repl = NULL;
    if (suggest && change_fits(f, rs, re, t, p)) {
        start = rs;
        end = re;
        repl = f->replacement;
    } else if (suggest && f->replacement) {
        ck->n_unchanged++;
    }
    char *comment = comment_of(f);
    if (!comment)
        return -1;
    v[(*n)++] = (dr_finding){p, start - t->starts[p], end - t->starts[p], comment, repl};
    return 0;
}

/* The findings worth a comment (warnings and errors), each at its every
 * place in the draft (a repeated problem is one finding with other places:
 * each gets its comment, and with suggest its change), placed in their
 * paragraphs. *n set. NULL when out of memory. */
static dr_finding *
place_findings(ct_check *ck, const draft_text *t, int suggest, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < ck->n_findings; i++)
        total += 1 + ck->findings[i].n_also;
    placed out = {calloc(total ? total : 1, sizeof *out.v), 0};
    int failed = 0;
    for (size_t i = 0; out.v && !failed && i < ck->n_findings; i++) {
        const ct_finding *f = &ck->findings[i];
        if (f->severity == CT_SEV_OK)
            continue;
        size_t at[4] = {f->start, f->end, f->repl_start, f->repl_end};
        failed = place_one(ck, t, suggest, f, at, &out);
        for (size_t k = 0; !failed && k < f->n_also; k++) {
            const ct_place *a = &f->also[k];
            size_t ap[4] = {a->start, a->end, a->repl_start, a->repl_end};
            failed = place_one(ck, t, suggest, f, ap, &out);
        }
    }
    *n = out.n;
    if (failed) {
        for (size_t i = 0; i < out.n; i++) {
            void *c;
            memcpy(&c, &out.v[i].comment, sizeof c);
            free(c);
        }
        free(out.v);
        *n = 0;
        return NULL;
    }
    return out.v;
}

/* Frees the findings and their comments (made by comment_of, which the
 * const of dr_finding.comment only hides). */
static void
free_findings(dr_finding *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        void *c;
        memcpy(&c, &v[i].comment, sizeof c);
        free(c);
    }
    free(v);
}

/* Counts what became of the findings v[0 .. n) written with verdicts. */
static void
count_verdicts(ct_check *ck, const dr_finding *v, const dr_verdict *verdicts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (verdicts[i] == DR_ANNOTATED || verdicts[i] == DR_CHANGE_OVERLAPS)
            ck->n_comments++;
        else
            ck->n_unanchored++;
        if (v[i].replacement && verdicts[i] == DR_ANNOTATED)
            ck->n_changes++;
        else if (v[i].replacement)
            ck->n_unchanged++;
    }
}

/* Writes the annotated copy (with suggest, the replacements as tracked
 * changes); counts what was written and refused. */
static vk_status
annotate(const dr_docx *d, ct_check *ck, const draft_text *t, const char *out, int suggest,
         vk_error *err)
{
    size_t n;
    dr_finding *v = place_findings(ck, t, suggest, &n);
    dr_verdict *verdicts = calloc(n ? n : 1, sizeof *verdicts);
    if (!v || !verdicts) {
        free_findings(v, v ? n : 0);
        free(verdicts);
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    dr_request rq = {v, n, suggest != 0, 0};
    vk_status st = dr_docx_annotate_file(d, &rq, verdicts, out, err);
    if (st == VK_OK)
        count_verdicts(ck, v, verdicts, n);
    free_findings(v, n);
    free(verdicts);
    return st;
}

vk_status
ct_check_docx(xc_rdb *db, const char *path, const char *annotate_to, int suggest_changes,
              ct_check **out, vk_error *err)
{
    *out = NULL;
    dr_docx *d = NULL;
    vk_status st = dr_docx_open(path, &d, err);
    if (st != VK_OK)
        return st;
    draft_text t = {VK_BUF_INIT, NULL, 0};
    st = join_paragraphs(d, &t);
    if (st != VK_OK)
        vk_fail(err, st, _("out of memory"));
    if (st == VK_OK)
        st = ct_check_text(db, path, t.text.data ? t.text.data : "", t.text.len, out, err);
    if (st == VK_OK && annotate_to)
        st = annotate(d, *out, &t, annotate_to, suggest_changes, err);
    vk_buf_free(&t.text);
    free(t.starts);
    dr_docx_close(d);
    return st;
}
