/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check.c: every citation of a draft checked against the corpus (number,
 * type and code, date, issuer, term, subject), and every quoted passage
 * attributed to a document looked for in it, token by token (ct.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "cite/alias_internal.h"
#include "cite/candidates_internal.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"
#include "cite/mention_internal.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/readers.h"
#include "query/qr.h"

/* Quotes with fewer words are names and slogans ("tự diễn biến"), not
 * passages: not looked for. */
#define QUOTE_MIN_WORDS 3

/* Longest quote piece compared, in words. */
#define QUOTE_MAX_WORDS 300

/* A quoted span of the draft. */
typedef struct quote {
    size_t start, end; /* the quote marks included */
    size_t in_s, in_e; /* the text inside */
} quote;

/* A document's words, for looking quotes up. */
typedef struct doc_words {
    const char *key;
    qr_document *doc;
    an_tokens *secs; /* the tokens of each section's text */
} doc_words;

/* The state of one check. */
typedef struct checker {
    xc_rdb *db;
    const char *text;
    size_t len;
    ct_check *out;
    size_t cap;    /* capacity of out->findings */
    size_t *lines; /* byte offset of each line start */
    size_t n_lines;
    cp_citation *cits; /* the draft's citations */
    size_t n_cits;
    const char **target;  /* per citation: the key of the document it names, or NULL */
    const char **article; /* per citation: the label of the article it names, found in
                             the document ("Điều 8.2"), or NULL */
    const char **unknown; /* per citation: the number or name the corpus lacks, or NULL */
    ct_subject *subj;     /* per citation: its subject, and where it is written */
    quote *quotes;
    size_t n_quotes, qcap;
    doc_words *docs; /* documents read for quotes */
    size_t n_docs, dcap;
    vk_error *err;
} checker;

static vk_status doc_words_of(checker *ck, const char *key, doc_words **out);
static int other_term(const char *number, const cp_date *a, const cp_date *b);

/* ---------------------------------------------------------------------- */
/* Findings                                                               */
/* ---------------------------------------------------------------------- */

static void
line_col(const checker *ck, size_t at, size_t *line, size_t *col)
{
    size_t lo = 0, hi = ck->n_lines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (ck->lines[mid] <= at)
            lo = mid;
        else
            hi = mid;
    }
    *line = lo + 1;
    *col = vk_utf8_count(ck->text + ck->lines[lo], at - ck->lines[lo]) + 1;
}

/* What a finding is about, besides its message. */
typedef struct about {
    const char *cited; /* the citation or quote as written */
    const char *key;   /* the document, or NULL */
    const char *number;
    const char *citation;
    /* Quotes: */
    const char *article; /* the article the citation names ("Điều 8.2"), or NULL */
    size_t art_s, art_e; /* where the draft names it */
    int one_piece;       /* the quote has no ellipsis: the document's words replace it whole */
} about;

/* A finding before its message: how sure, about which field, where, and
 * the correction. */
typedef struct verdict {
    ct_severity sev;
    ct_field field;
    size_t start, end;      /* the bytes of the draft it is about */
    const char *suggestion; /* the correction, or NULL */
    size_t rs, re;          /* the words `repl` replaces */
    const char *repl;       /* the right words, or NULL */
} verdict;

static vk_status add_finding(checker *ck, const verdict *v, const about *ab, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static vk_status
add_finding(checker *ck, const verdict *v, const about *ab, const char *fmt, ...)
{
    const char *suggestion = v->suggestion;
    ct_check *c = ck->out;
    vk_arena *a = &c->arena;
    ct_finding *nv = ct_grow(a, c->findings, c->n_findings, &ck->cap, sizeof *nv);
    if (!nv)
        return VK_ENOMEM;
    c->findings = nv;
    ct_finding *f = &nv[c->n_findings];
    vk_buf m = VK_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    vk_status rc = vk_buf_puts(&m, tmp);
    memset(f, 0, sizeof *f);
    f->severity = v->sev;
    f->field = v->field;
    f->start = v->start;
    f->end = v->end;
    line_col(ck, v->start, &f->line, &f->col);
    f->cited = ab->cited;
    f->key = ab->key;
    f->number = ab->number;
    f->citation = ab->citation;
    f->message = rc == VK_OK ? vk_arena_strndup(a, m.data, m.len) : NULL;
    f->suggestion = suggestion ? vk_arena_strndup(a, suggestion, strlen(suggestion)) : NULL;
    f->repl_start = f->repl_end = v->start;
    if (v->repl && v->re >= v->rs && v->re <= ck->len) {
        f->repl_start = v->rs;
        f->repl_end = v->re;
        f->replacement = vk_arena_strndup(a, v->repl, strlen(v->repl));
        f->replaced = vk_arena_strndup(a, ck->text + v->rs, v->re - v->rs);
    }
    vk_buf_free(&m);
    if (!f->message || (suggestion && !f->suggestion) ||
        (v->repl && (!f->replacement || !f->replaced)))
        return VK_ENOMEM;
    c->n_findings++;
    *(v->sev == CT_SEV_OK        ? &c->n_ok
      : v->sev == CT_SEV_WARNING ? &c->n_warnings
                                 : &c->n_errors) += 1;
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* Where a field is written                                               */
/* ---------------------------------------------------------------------- */

/* The bytes of field f inside citation c (the whole citation when it
 * cannot be told). */
static void
field_span(const checker *ck, size_t ci, ct_field f, size_t *s, size_t *e)
{
    const cp_citation *c = &ck->cits[ci];
    an_tokens t = AN_TOKENS_INIT;
    *s = c->start;
    *e = c->end;
    if (f == CT_F_SUBJECT && ck->subj[ci].end > ck->subj[ci].start) {
        *s = ck->subj[ci].start;
        *e = ck->subj[ci].end;
        return;
    }
    if (c->end > ck->len || an_analyze(ck->text + c->start, c->end - c->start, 1, &t) != VK_OK) {
        an_tokens_free(&t);
        return;
    }
    for (size_t k = 0; k < t.n; k++) {
        const an_token *x = &t.v[k], *y = k + 1 < t.n ? &t.v[k + 1] : NULL;
        int hit = (f == CT_F_DATE && x->kind == AN_DATE && x->overlay) ||
                  (f == CT_F_NUMBER && x->kind == AN_DOCNUM && x->overlay);
        if (f == CT_F_TERM && y && x->folded_len == 4 && memcmp(x->folded, "khoa", 4) == 0 &&
            y->kind == AN_ROMAN)
            hit = 1, x = y;
        if (f == CT_F_ISSUER && y && !x->overlay && x->folded_len == 3 &&
            memcmp(x->folded, "cua", 3) == 0) {
            *s = c->start + y->start;
            break;
        }
        if (hit) {
            *s = c->start + x->start;
            *e = c->start + x->end;
            break;
        }
    }
    an_tokens_free(&t);
}

/* Is a plain token's folded form w? */
static int
folded_is(const an_token *x, const char *w)
{
    return !x->overlay && x->folded_len == strlen(w) && memcmp(x->folded, w, x->folded_len) == 0;
}

/* Does a token end the issuer: "khóa", "ngày", "về", "số", a date? */
static int
ends_issuer(const an_token *x)
{
    return (x->overlay && (x->kind == AN_DATE || x->kind == AN_DOCNUM)) || folded_is(x, "khoa") ||
           folded_is(x, "ngay") || folded_is(x, "ve") || folded_is(x, "so");
}

/* The tokens of field f in t (the citation's): [*first, *last]; 0 when
 * the citation does not write it. */
static int
field_tokens(const an_tokens *t, ct_field f, size_t *first, size_t *last)
{
    size_t k = 0;
    switch (f) {
    case CT_F_DATE:
    case CT_F_NUMBER:
        for (; k < t->n; k++) {
            if (t->v[k].overlay && t->v[k].kind == (f == CT_F_DATE ? AN_DATE : AN_DOCNUM))
                return *first = *last = k, 1;
        }
        return 0;
    case CT_F_TERM:
        for (; k + 1 < t->n; k++) {
            if (folded_is(&t->v[k], "khoa") && t->v[k + 1].kind == AN_ROMAN)
                return *first = *last = k + 1, 1;
        }
        return 0;
    case CT_F_ISSUER:
        while (k < t->n && !folded_is(&t->v[k], "cua"))
            k++;
        *first = k + 1;
        break;
    case CT_F_TYPE: *first = 0; break;
    default: return 0;
    }
    /* The issuer after "của", the type word from the start: plain tokens up
     * to the next field (a date or number overlay starts where its first
     * plain token does). */
    size_t stop = (size_t)-1;
    for (k = *first; k < t->n; k++) {
        if (t->v[k].overlay && ends_issuer(&t->v[k]) && t->v[k].start < stop)
            stop = t->v[k].start;
    }
    for (k = *first; k < t->n && t->v[k].start < stop && !ends_issuer(&t->v[k]); k++) {
        if (!t->v[k].overlay)
            *last = k;
    }
    return *first < t->n && k > *first && *last >= *first && !t->v[*first].overlay;
}

/* The words of field f in citation ci that a replacement replaces: the
 * date, the number, the term's numeral, the issuer after "của", the type
 * word. 0 when the citation does not write them. */
static int
repl_span(const checker *ck, size_t ci, ct_field f, size_t *s, size_t *e)
{
    const cp_citation *c = &ck->cits[ci];
    an_tokens t = AN_TOKENS_INIT;
    size_t first = 0, last = 0;
    int ok = c->end <= ck->len &&
             an_analyze(ck->text + c->start, c->end - c->start, 1, &t) == VK_OK &&
             field_tokens(&t, f, &first, &last);
    if (ok) {
        *s = c->start + t.v[first].start;
        *e = c->start + t.v[last].end;
    }
    an_tokens_free(&t);
    return ok;
}

/* The right words for field f over the draft's words text[s .. e): a date
 * keeps a "ngày" its span starts with; a quoted subject keeps "về" and
 * its quotes. NULL when out of memory. */
static const char *
repl_text(checker *ck, ct_field f, const char *right, size_t s, size_t e)
{
    vk_arena *a = &ck->out->arena;
    vk_buf b = VK_BUF_INIT;
    vk_status rc = VK_OK;
    vk_buf w = VK_BUF_INIT;
    rc = ct_fold_words(ck->text + s, e - s, &w);
    int ve = rc == VK_OK && strncmp(w.data, "ve ", 3) == 0;
    if (rc == VK_OK && f == CT_F_DATE)
        rc = vk_buf_printf(&b, "%s%s", strncmp(w.data, "ngay ", 5) == 0 ? "ngày " : "", right);
    else if (rc == VK_OK && f == CT_F_SUBJECT) {
        vk_buf r = VK_BUF_INIT;
        /* The title without its "về". */
        if ((rc = ct_fold_words(right, strlen(right), &r)) == VK_OK &&
            strncmp(r.data, "ve ", 3) == 0)
            right += strcspn(right, " ") + 1;
        vk_buf_free(&r);
        rc = vk_buf_printf(&b, "%s“%s”", ve ? "về " : "", right);
    } else if (rc == VK_OK)
        rc = vk_buf_puts(&b, right);
    const char *out = rc == VK_OK && b.data ? vk_arena_strndup(a, b.data, b.len) : NULL;
    vk_buf_free(&w);
    vk_buf_free(&b);
    return out;
}

/* ---------------------------------------------------------------------- */
/* Citations                                                              */
/* ---------------------------------------------------------------------- */

/* The reference a citation of the draft makes. */
static void
ref_of_citation(vk_arena *a, const cp_citation *c, const ct_subject *sj, ct_ref *r)
{
    an_docnum d;
    memset(r, 0, sizeof *r);
    r->text = c->text;
    r->type_name = c->type_name;
    r->type_code = c->type_code;
    if (!c->number && c->digits)
        r->num = c->digits; /* a short form: its candidates by digits and type */
    if (c->number && an_docnum_parse(c->number, strlen(c->number), &d)) {
        r->number = c->number;
        if (d.kind == AN_DOCNUM_PARTY) {
            const char *digits = d.num;
            while (digits[0] == '0' && digits[1])
                digits++;
            r->num = vk_arena_strndup(a, digits, strlen(digits));
            r->issuer_code = vk_arena_strndup(a, d.issuer, strlen(d.issuer));
        }
    }
    r->date = c->date;
    r->issuer = c->issuer;
    r->term = c->term;
    r->plenum = c->plenum ? atoi(c->plenum) : 0;
    r->congress = c->congress;
    r->subject = sj->text;
    r->subject_quoted = sj->quoted;
}

/* The candidates a citation names: the document (in the corpus) and what
 * the corpus says of it (not in the corpus); "did you mean" for a number
 * of another issuer. */
typedef struct named {
    const ct_candidate *doc;
    const ct_candidate *cited;
    const ct_candidate *near;  /* same digits and type, another issuer code */
    size_t n_informal;         /* documents an informal name without term fits */
    const ct_candidate *meant; /* a number the corpus lacks: the document its other
                                  fields name (did you mean), or NULL */
    int meant_clear;           /* the date and type, or the subject, are the meant one's */
    unsigned meant_gives;      /* CT_F_BIT of the fields the citation shares with it */
} named;

static void
pick(const cp_citation *c, const ct_candidate *v, size_t n, named *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++) {
        const ct_candidate *x = &v[i];
        if (c->number) {
            if (ct_number_equal(x->number, c->number)) {
                if (other_term(c->number, &c->date, &x->date))
                    continue; /* the same number, another term's document */
                if (x->in_corpus && !out->doc)
                    out->doc = x;
                else if (!x->in_corpus && !out->cited)
                    out->cited = x;
            } else if (x->in_corpus && !out->near && x->number &&
                       (!c->type_code || !x->type_code ||
                        ct_code_equal(x->type_code, c->type_code))) {
                out->near = x;
            }
            continue;
        }
        unsigned bad = CT_F_BIT(CT_F_TYPE) | CT_F_BIT(CT_F_TERM);
        unsigned need = c->plenum ? CT_F_BIT(CT_F_PLENUM) : CT_F_BIT(CT_F_CONGRESS);
        if (x->in_corpus && (x->matched & need) && !(x->mismatched & bad)) {
            out->n_informal++;
            if (!out->doc)
                out->doc = x;
        } else if (!x->in_corpus && !out->cited) {
            out->cited = x;
        }
    }
}

/* What a candidate says of a field, as the suggestion writes it. */
static const char *
field_text(vk_arena *a, const ct_candidate *x, ct_field f, char buf[16])
{
    switch (f) {
    case CT_F_DATE: return ct_date_vi(&x->date, buf);
    case CT_F_ISSUER: return ct_issuer_display(x->issuer, a);
    case CT_F_TERM: return x->term;
    case CT_F_TYPE: return x->type;
    default: return x->title;
    }
}

/* What the draft says of a field. */
static const char *
draft_text(const cp_citation *c, const char *subject, ct_field f, char buf[16])
{
    switch (f) {
    case CT_F_DATE: return ct_date_vi(&c->date, buf);
    case CT_F_ISSUER: return c->issuer;
    case CT_F_TERM: return c->term;
    case CT_F_TYPE: return c->type_name;
    default: return subject;
    }
}

/* The suggestion for field f: "ngày 17/11/2022, not 17/11/2021". */
static vk_status
suggestion(vk_buf *b, ct_field f, const char *right, const char *wrong, int quoted)
{
    vk_buf_clear(b);
    switch (f) {
    case CT_F_DATE: return vk_buf_printf(b, _("ngày %s, not %s"), right, wrong);
    case CT_F_ISSUER: return vk_buf_printf(b, _("của %s, not %s"), right, wrong);
    case CT_F_TERM: return vk_buf_printf(b, _("khóa %s, not %s"), right, wrong);
    case CT_F_TYPE: return vk_buf_printf(b, _("%s, not %s"), right, wrong);
    default: return quoted ? vk_buf_printf(b, "“%s”", right) : vk_buf_printf(b, "%s", right);
    }
}

/* Where citing documents say it: "256-KH/TU (V.5.15, V.10.3)". */
static vk_status
evidence_places(const ct_candidate *x, vk_buf *b)
{
    vk_status rc = VK_OK;
    const char *last = NULL;
    size_t docs = 0, labels = 0;
    for (size_t i = 0; rc == VK_OK && i < x->n_evidence; i++) {
        const ct_mention *m = &x->evidence[i];
        const char *label = *m->label ? m->label : "preamble";
        if (!last || strcmp(last, m->key) != 0) {
            if (docs == 3) {
                rc = vk_buf_puts(b, last ? "), …" : "…");
                last = NULL;
                break;
            }
            rc = vk_buf_printf(b, "%s%s (%s", last ? "), " : "", m->number ? m->number : m->key,
                               label);
            last = m->key;
            docs++;
            labels = 1;
        } else if (labels++ < 4) {
            rc = vk_buf_printf(b, ", %s", label);
        }
    }
    return rc == VK_OK && last ? vk_buf_putc(b, ')') : rc;
}

/* Does what the draft's citation c (with its subject) gives of field f
 * differ from what candidate x says? */
static int
field_differs(const cp_citation *c, const ct_subject *sj, const ct_candidate *x, ct_field f)
{
    switch (f) {
    case CT_F_TYPE: return !ct_type_agree(c->type_name, NULL, x->type, NULL);
    case CT_F_DATE: return !ct_date_equal(&c->date, &x->date);
    case CT_F_ISSUER:
        /* A body that issues in the name of the letterhead's (Bộ Chính trị
         * for the Ban Chấp hành Trung ương) could have issued it. */
        return x->in_corpus
                   ? !ct_issuer_could_issue(c->issuer, x->issuer, x->plenum || x->conference)
                   : !ct_issuer_agree(c->issuer, x->issuer);
    case CT_F_TERM: return !ct_term_agree(c->term, x->term);
    default:
        return !ct_subject_agree(sj->text, sj->quoted && (x->in_corpus || x->subject_quoted),
                                 x->title);
    }
}

/* Compares the fields the draft gives with a candidate: the document
 * (contradiction: ERROR), or what the corpus says of it (ERROR when the
 * citing documents agree among themselves, else WARNING). */

static vk_status
compare_fields(checker *ck, size_t ci, const ct_candidate *x, const about *ab, unsigned *reported)
{
    static const ct_field fs[] = {CT_F_TYPE, CT_F_DATE, CT_F_ISSUER, CT_F_TERM, CT_F_SUBJECT};
    const cp_citation *c = &ck->cits[ci];
    const char *subject = ck->subj[ci].text;
    int quoted = ck->subj[ci].quoted;
    vk_arena *a = &ck->out->arena;
    vk_buf sug = VK_BUF_INIT;
    vk_status rc = VK_OK;
    const char *who =
        x->in_corpus ? (x->number ? x->number : x->key) : (x->number ? x->number : "it");
    an_docnum d;
    /* A number with its year ("69/2018/NĐ-CP"): citing documents that date
     * it another year say nothing of its date. */
    int year_bad = !x->in_corpus && x->date.year && c->number &&
                   an_docnum_parse(c->number, strlen(c->number), &d) && d.year[0] &&
                   atoi(d.year) != x->date.year;
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(fs); k++) {
        ct_field f = fs[k];
        char b1[16], b2[16];
        const char *right = field_text(a, x, f, b1), *wrong = draft_text(c, subject, f, b2);
        if (!right || !*right || !wrong || !*wrong || (*reported & CT_F_BIT(f)) ||
            (f == CT_F_DATE && year_bad) || !field_differs(c, &ck->subj[ci], x, f))
            continue;
        int split = 0;
        for (size_t j = 0; j < x->n_conflicts; j++)
            split |= x->conflicts[j].field == f;
        ct_severity sev = x->in_corpus || !split ? CT_SEV_ERROR : CT_SEV_WARNING;
        if (f == CT_F_SUBJECT && !quoted && sev == CT_SEV_ERROR)
            sev = CT_SEV_WARNING; /* an unquoted subject may paraphrase */
        /* "QĐ" is a Quy định or a Quyết định: citing documents confuse them. */
        if (f == CT_F_TYPE && !x->in_corpus && x->type_code && strcmp(x->type_code, "QĐ") == 0)
            sev = CT_SEV_WARNING;
        size_t s, e;
        field_span(ck, ci, f, &s, &e);
        if ((rc = suggestion(&sug, f, right, wrong, quoted)) != VK_OK)
            break;
        verdict v = {.sev = sev, .field = f, .start = s, .end = e, .suggestion = sug.data};
        if (f == CT_F_SUBJECT ? quoted && (v.rs = s, v.re = e, 1)
                              : repl_span(ck, ci, f, &v.rs, &v.re))
            if (!(v.repl = repl_text(ck, f, right, v.rs, v.re))) {
                rc = VK_ENOMEM;
                break;
            }
        const char *src = x->in_corpus ? ""
                          : split      ? _(" for most of the documents that cite it")
                                       : _(" for the documents that cite it");
        if (f == CT_F_SUBJECT)
            rc = add_finding(ck, &v, ab, _("the subject does not match %s, which is about “%s”%s"),
                             who, right, src);
        else
            /* Whole sentences, one per field, for their translations. */
            rc = add_finding(ck, &v, ab,
                             f == CT_F_TYPE     ? _("%s is a %s%s, not %s")
                             : f == CT_F_DATE   ? _("%s is dated %s%s, not %s")
                             : f == CT_F_ISSUER ? _("%s was issued by %s%s, not %s")
                                                : _("%s is of khóa %s%s, not %s"),
                             who, right, src, wrong);
        *reported |= CT_F_BIT(f);
    }
    vk_buf_free(&sug);
    return rc;
}

/* The type word against the number's code: "Chỉ thị số 28-NQ/TW". A
 * Công văn may carry a Kết luận or a Thông báo ("Kết luận số 3135-CV/VPTW"):
 * not a finding. */
static vk_status
check_code(checker *ck, size_t ci, const named *nm, const about *ab, unsigned *reported)
{
    const cp_citation *c = &ck->cits[ci];
    if (!c->number || !c->type_name || !c->type_code || strcmp(c->type_code, "CV") == 0 ||
        ct_type_agree(c->type_name, NULL, NULL, c->type_code))
        return VK_OK;
    /* A state Công văn's number carries its issuer's code, not a type
     * ("Công văn 611/TTg-CN", "348/CT-CS"); a code that names no type
     * ("QĐNS", "UBND") tells nothing. */
    if (strcmp(c->type_name, "Công văn") == 0 ||
        !cp_type_by_code(c->type_code, strlen(c->type_code)))
        return VK_OK;
    const char *right = nm->doc && nm->doc->type       ? nm->doc->type
                        : nm->cited && nm->cited->type ? nm->cited->type
                                                       : NULL;
    const cp_type *t = cp_type_by_code(c->type_code, strlen(c->type_code));
    if (!right)
        right = strcmp(c->type_code, "QĐ") == 0 ? _("Quy định (or Quyết định)") : t ? t->name : "?";
    if (ct_type_agree(right, NULL, c->type_name, NULL))
        return VK_OK;
    vk_buf b = VK_BUF_INIT;
    size_t s, e;
    field_span(ck, ci, CT_F_TYPE, &s, &e);
    vk_status rc = vk_buf_printf(&b, _("%s số %s, not %s"), right, c->number, c->type_name);
    verdict v = {.sev = CT_SEV_ERROR, .field = CT_F_TYPE, .start = s, .end = e};
    /* A type the code leaves open ("QĐ": Quy định or Quyết định) is not
     * pasted. */
    if (!strchr(right, '(') && strcmp(right, "?") != 0 &&
        repl_span(ck, ci, CT_F_TYPE, &v.rs, &v.re))
        v.repl = right;
    v.suggestion = b.data;
    if (rc == VK_OK)
        rc = add_finding(ck, &v, ab, _("the code %s in %s is a %s, not a %s"), c->type_code,
                         c->number, right, c->type_name);
    vk_buf_free(&b);
    *reported |= CT_F_BIT(CT_F_TYPE);
    return rc;
}

/* The issuer against the number's issuer code: "2499-CV/BTCTW ... của Bộ
 * Nội vụ". */
static vk_status
check_issuer_code(checker *ck, size_t ci, const about *ab, unsigned *reported)
{
    const cp_citation *c = &ck->cits[ci];
    an_docnum d;
    if ((*reported & CT_F_BIT(CT_F_ISSUER)) || !c->number || !c->issuer ||
        !an_docnum_parse(c->number, strlen(c->number), &d) || d.kind != AN_DOCNUM_PARTY ||
        ct_issuer_fits_code(c->issuer, d.issuer) != 0)
        return VK_OK;
    size_t s, e;
    field_span(ck, ci, CT_F_ISSUER, &s, &e);
    *reported |= CT_F_BIT(CT_F_ISSUER);
    return add_finding(
        ck,
        &(verdict){
            .sev = CT_SEV_WARNING, .field = CT_F_ISSUER, .start = s, .end = e, .suggestion = NULL},
        ab, _("%s is not a body that issues numbers /%s"), c->issuer, d.issuer);
}

/* Central Committee terms, from the close of each congress (I:
 * 31/3/1935, II: 19/2/1951, III: 10/9/1960, IV: 20/12/1976, V: 31/3/1982,
 * VI: 18/12/1986, VII: 27/6/1991, VIII: 1/7/1996, IX: 22/4/2001, X:
 * 25/4/2006, XI: 19/1/2011, XII: 28/1/2016, XIII: 1/2/2021, XIV:
 * 23/1/2026). */
static const struct {
    const char *term;
    int from; /* yyyymmdd */
} terms[] = {{"I", 19350331},    {"II", 19510219}, {"III", 19600910}, {"IV", 19761220},
             {"V", 19820331},    {"VI", 19861218}, {"VII", 19910627}, {"VIII", 19960701},
             {"IX", 20010422},   {"X", 20060425},  {"XI", 20110119},  {"XII", 20160128},
             {"XIII", 20210201}, {"XIV", 20260123}};

/* Days since year 0, roughly (for a tolerance of a month). */
static long
days(int yyyymmdd)
{
    return (long)(yyyymmdd / 10000) * 372 + (long)(yyyymmdd / 100 % 100) * 31 + yyyymmdd % 100;
}

/* The Central Committee term a date falls in (an index into terms), or
 * -1 before the first. */
static int
term_of(const cp_date *d)
{
    long at = days(d->year * 10000 + d->month * 100 + d->day);
    int k = -1;
    for (size_t j = 0; j < VK_ARRAY_LEN(terms); j++) {
        if (at >= days(terms[j].from))
            k = (int)j;
    }
    return k;
}

/* Do two dates of a Party number fall in two terms, years apart? Party
 * bodies number their documents anew each term: "35-CT/TW" of 1998 and of
 * 2024 are two documents; a year off across a congress ("25/10/2020" for
 * "25/10/2021") is a slip of the date. */
static int
other_term(const char *number, const cp_date *a, const cp_date *b)
{
    an_docnum d;
    return number && a->year && b->year && abs(a->year - b->year) >= 3 &&
           an_docnum_parse(number, strlen(number), &d) && d.kind == AN_DOCNUM_PARTY &&
           term_of(a) != term_of(b);
}

/* A central number's term the congress calendar does not know ("khóa
 * XX"): a WARNING. */
static vk_status
report_unknown_term(checker *ck, size_t ci, const about *ab, unsigned *reported)
{
    const cp_citation *c = &ck->cits[ci];
    size_t s, e;
    field_span(ck, ci, CT_F_TERM, &s, &e);
    *reported |= CT_F_BIT(CT_F_TERM);
    verdict v = {.sev = CT_SEV_WARNING, .field = CT_F_TERM, .start = s, .end = e};
    return add_finding(ck, &v, ab,
                       _("khóa %s is not a term of the Central Committee (the calendar knows "
                         "khóa %s to %s)"),
                       c->term, terms[0].term, terms[VK_ARRAY_LEN(terms) - 1].term);
}

/* The term a date falls in, by the calendar (NULL before the first). */
static const char *
term_at(long at)
{
    const char *right = NULL;
    for (size_t j = 0; j < VK_ARRAY_LEN(terms); j++) {
        if (at >= days(terms[j].from))
            right = terms[j].term;
    }
    return right;
}

/* A central number's term against its date: "ngày 25/10/2017 ... khóa
 * XIII"; a term the calendar does not know is a WARNING too. */
static vk_status
check_term_date(checker *ck, size_t ci, const about *ab, unsigned *reported)
{
    const cp_citation *c = &ck->cits[ci];
    an_docnum d;
    if ((*reported & CT_F_BIT(CT_F_TERM)) || !c->number || !c->term ||
        !an_docnum_parse(c->number, strlen(c->number), &d) || strcmp(d.issuer, "TW") != 0)
        return VK_OK;
    size_t k = 0;
    while (k < VK_ARRAY_LEN(terms) && strcmp(terms[k].term, c->term) != 0)
        k++;
    if (k == VK_ARRAY_LEN(terms))
        return report_unknown_term(ck, ci, ab, reported);
    if (!c->date.year)
        return VK_OK;
    long at = days(c->date.year * 10000 + c->date.month * 100 + c->date.day);
    long from = days(terms[k].from) - 31;
    long to = k + 1 < VK_ARRAY_LEN(terms) ? days(terms[k + 1].from) + 31 : -1;
    if (at >= from && (to < 0 || at <= to))
        return VK_OK;
    const char *right = term_at(at);
    size_t s, e;
    char buf[16], sug[64];
    field_span(ck, ci, CT_F_TERM, &s, &e);
    snprintf(sug, sizeof sug, _("khóa %s, not %s"), right ? right : "?", c->term);
    *reported |= CT_F_BIT(CT_F_TERM);
    verdict v = {.sev = CT_SEV_WARNING, .field = CT_F_TERM, .start = s, .end = e};
    if (right) {
        v.suggestion = sug;
        if (repl_span(ck, ci, CT_F_TERM, &v.rs, &v.re))
            v.repl = right;
    }
    return add_finding(ck, &v, ab, _("a central document of %s falls in khóa %s, not %s"),
                       ct_date_vi(&c->date, buf), right ? right : "?", c->term);
}

/* How far apart two numbers' digits are: 2 two neighbours swapped ("75"
 * and "57"), 1 one digit changed, left out or added, 0 more (or none). */
static int
digit_slip(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0;
    if (la < lb) {
        const char *t = a;
        a = b, b = t;
        size_t n = la;
        la = lb, lb = n;
    }
    while (i < lb && a[i] == b[i])
        i++;
    if (la == lb + 1)
        return strcmp(a + i + 1, b + i) == 0;
    if (la != lb || i == la)
        return 0;
    if (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0)
        return 2;
    return strcmp(a + i + 1, b + i + 1) == 0;
}

/* Do two numbers differ in their digits only (kind, type and issuer code,
 * year)? Their digits without leading zeros into da and db. */
static int
same_but_digits(const char *a, const char *b, const char **da, const char **db, an_docnum *x,
                an_docnum *y)
{
    if (!a || !b || !an_docnum_parse(a, strlen(a), x) || !an_docnum_parse(b, strlen(b), y) ||
        x->kind != y->kind || strcmp(x->year, y->year) != 0 || !ct_code_equal(x->type, y->type) ||
        !ct_code_equal(x->issuer, y->issuer))
        return 0;
    for (*da = x->num; (*da)[0] == '0' && (*da)[1];)
        (*da)++;
    for (*db = y->num; (*db)[0] == '0' && (*db)[1];)
        (*db)++;
    return 1;
}

/* Does a candidate known only from citations say one date, with no citing
 * document giving another? Documents of the corpus always do. */
static int
date_settled(const ct_candidate *x)
{
    for (size_t k = 0; !x->in_corpus && k < x->n_conflicts; k++) {
        if (x->conflicts[k].field == CT_F_DATE)
            return 0;
    }
    return x->date.year != 0;
}

/* How well a document (of the corpus, or a number it only cites) fits a
 * citation whose number the corpus lacks: 0 not at all; 1 its digits are
 * one slip from the number's, nothing contradicts (two digits swapped; one
 * changed, left out or added with the term or the year); 2 clear: the date
 * and type, or the subject, are its own; 3 both. Its number must differ
 * from the citation's in its digits only (Party "137-KL/TW" for
 * "173-KL/TW", state "5128/QĐ-UBND" for "5182/QĐ-UBND"); a state number
 * must be one slip away (many state documents share a date and a type), and
 * a number only cited must fit clearly. The fields they share in *gives. */
static int
meant_fit(const checker *ck, size_t ci, const ct_candidate *x, unsigned *gives)
{
    const cp_citation *c = &ck->cits[ci];
    const ct_subject *sj = &ck->subj[ci];
    an_docnum d, o;
    const char *digits, *own;
    *gives = 0;
    if (!same_but_digits(x->number, c->number, &digits, &own, &d, &o))
        return 0;
    *gives |= CT_F_BIT(CT_F_TYPE);
    int slip = digit_slip(own, digits);
    if (!slip && d.kind != AN_DOCNUM_PARTY)
        return 0;
    int dated = c->date.year && date_settled(x);
    int date_eq = dated && ct_date_equal(&c->date, &x->date);
    int date_bad = dated && !date_eq;
    int subj =
        sj->text && x->title && strlen(sj->text) >= 20 && ct_subject_agree(sj->text, 1, x->title);
    if ((c->issuer && x->issuer &&
         !ct_issuer_could_issue(c->issuer, x->issuer, x->plenum || x->conference)) ||
        (c->term && x->term && !ct_term_agree(c->term, x->term)) || (date_bad && !(subj && slip)))
        return 0;
    *gives |= (date_eq ? CT_F_BIT(CT_F_DATE) : 0) | (subj ? CT_F_BIT(CT_F_SUBJECT) : 0) |
              (c->issuer && x->issuer ? CT_F_BIT(CT_F_ISSUER) : 0) |
              (c->term && x->term ? CT_F_BIT(CT_F_TERM) : 0);
    /* A digit changed, left out or added is common among numbers: alone,
     * with nothing but type and issuer to go by, it names no document; two
     * digits swapped does. */
    int near =
        slip == 2 ||
        (slip == 1 && ((c->term && x->term) || (c->date.year && c->date.year == x->date.year)));
    int fit = (date_eq || subj ? 2 : 0) + (slip && (date_eq || subj || near));
    /* A number only cited is known by what citations say: it is meant
     * only when it is clear. */
    return x->in_corpus || fit >= 2 ? fit : 0;
}

/* Did you mean: for a number the corpus lacks (and does not cite with the
 * draft's date), the one document its other fields name, if one does. */
static vk_status
find_meant(checker *ck, size_t ci, const ct_ref *r, named *nm)
{
    const cp_citation *c = &ck->cits[ci];
    ct_candidate *v = NULL;
    size_t n = 0;
    if (nm->doc || nm->near || !c->number ||
        (nm->cited &&
         (!c->date.year || !nm->cited->date.year || ct_date_equal(&c->date, &nm->cited->date))))
        return VK_OK;
    vk_status rc = ct_candidates_near(ck->db, r, &ck->out->arena, &v, &n, ck->err);
    int best = 0, ties = 0;
    for (size_t i = 0; rc == VK_OK && i < n; i++) {
        unsigned gives;
        int fit = meant_fit(ck, ci, &v[i], &gives);
        if (fit > best) {
            best = fit, ties = 0;
            nm->meant = &v[i];
            nm->meant_gives = gives;
        } else if (fit && fit == best) {
            ties++;
        }
    }
    if (ties) /* two documents fit as well: none is meant */
        nm->meant = NULL;
    nm->meant_clear = best >= 2;
    return rc;
}

/* The fields a citation shares with the document meant: "date, type and
 * issuer". */
static vk_status
gives_words(unsigned gives, vk_buf *b)
{
    static const ct_field order[] = {CT_F_DATE, CT_F_TYPE, CT_F_ISSUER, CT_F_TERM, CT_F_SUBJECT};
    size_t n = 0, total = 0;
    vk_status rc = VK_OK;
    for (size_t k = 0; k < VK_ARRAY_LEN(order); k++)
        total += (gives & CT_F_BIT(order[k])) != 0;
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(order); k++) {
        if (!(gives & CT_F_BIT(order[k])))
            continue;
        n++;
        rc = vk_buf_printf(&b[0], "%s%s",
                           n == 1       ? ""
                           : n == total ? _(" and ")
                                        : ", ",
                           ct_field_label(order[k]));
    }
    return rc;
}

/* "75-NQ/TW is unknown to the corpus; did you mean 57-NQ/TW ...": an
 * ERROR when the meant document is clear, else a WARNING. */
static vk_status
report_meant(checker *ck, size_t ci, const named *nm, const char *name)
{
    const ct_candidate *x = nm->meant;
    vk_buf sug = VK_BUF_INIT, g = VK_BUF_INIT;
    size_t s, e;
    field_span(ck, ci, CT_F_NUMBER, &s, &e);
    verdict v = {.sev = nm->meant_clear ? CT_SEV_ERROR : CT_SEV_WARNING,
                 .field = CT_F_NUMBER,
                 .start = s,
                 .end = e};
    if (repl_span(ck, ci, CT_F_NUMBER, &v.rs, &v.re))
        v.repl = x->number;
    about ab = {vk_arena_strndup(&ck->out->arena, ck->cits[ci].text, strlen(ck->cits[ci].text)),
                x->key,
                x->number,
                x->citation,
                NULL,
                0,
                0,
                0};
    vk_status rc = vk_buf_printf(&sug, _("%s, not %s"), x->number, name);
    if (rc == VK_OK)
        rc = gives_words(nm->meant_gives, &g);
    v.suggestion = sug.data;
    if (rc == VK_OK && nm->meant_clear)
        rc = add_finding(
            ck, &v, &ab,
            _("%s is unknown to the corpus; did you mean %s? The citation gives its %s"), name,
            x->number, g.data);
    else if (rc == VK_OK)
        rc = add_finding(ck, &v, &ab,
                         _("%s is unknown to the corpus; did you mean %s, a number one typing slip "
                           "away? The citation gives its %s"),
                         name, x->number, g.data);
    vk_buf_free(&sug);
    vk_buf_free(&g);
    return rc;
}

static vk_status
report_unknown(checker *ck, size_t ci, const named *nm, const about *ab)
{
    const cp_citation *c = &ck->cits[ci];
    const char *name = c->number ? c->number : c->informal ? c->informal : c->text;
    vk_buf b = VK_BUF_INIT;
    vk_status rc = VK_OK;
    size_t s, e;
    field_span(ck, ci, CT_F_NUMBER, &s, &e);
    if (nm->meant) {
        rc = report_meant(ck, ci, nm, name);
    } else if (nm->cited) {
        rc = vk_buf_printf(&b, _("%s is unknown to the corpus; cited by "), name);
        if (rc == VK_OK)
            rc = evidence_places(nm->cited, &b);
        if (rc == VK_OK)
            rc = vk_buf_printf(&b, _(" as %s"), nm->cited->citation);
        if (rc == VK_OK)
            rc = add_finding(ck,
                             &(verdict){.sev = CT_SEV_WARNING,
                                        .field = CT_F_NUMBER,
                                        .start = s,
                                        .end = e,
                                        .suggestion = NULL},
                             ab, "%s", b.data);
    } else if (nm->near && c->number) {
        rc = vk_buf_printf(&b, "%s?", nm->near->number);
        verdict v = {.sev = CT_SEV_WARNING, .field = CT_F_NUMBER, .start = s, .end = e};
        v.suggestion = b.data;
        if (repl_span(ck, ci, CT_F_NUMBER, &v.rs, &v.re))
            v.repl = nm->near->number;
        if (rc == VK_OK)
            rc = add_finding(ck, &v, ab, _("%s is unknown to the corpus, which has %s: %s"), name,
                             nm->near->number, nm->near->citation);
    } else {
        rc = add_finding(ck,
                         &(verdict){.sev = CT_SEV_WARNING,
                                    .field = CT_F_NUMBER,
                                    .start = s,
                                    .end = e,
                                    .suggestion = NULL},
                         ab, _("%s is unknown to the corpus"), name);
    }
    vk_buf_free(&b);
    return rc;
}

/* An informal name without its term: "Nghị quyết Trung ương 6". */
static vk_status
report_no_term(checker *ck, size_t ci, const named *nm, const about *ab, unsigned *reported)
{
    const cp_citation *c = &ck->cits[ci];
    vk_buf b = VK_BUF_INIT;
    *reported |= CT_F_BIT(CT_F_TERM);
    vk_status rc =
        vk_buf_printf(&b, _("%s khóa %s"), c->informal, nm->doc->term ? nm->doc->term : "?");
    if (rc == VK_OK)
        rc = add_finding(ck,
                         &(verdict){.sev = CT_SEV_WARNING,
                                    .field = CT_F_TERM,
                                    .start = c->start,
                                    .end = c->end,
                                    .suggestion = b.data},
                         ab,
                         vk_ngettext("no term (khóa): the corpus has %zu document of this name, "
                                     "the first %s",
                                     "no term (khóa): the corpus has %zu documents of this name, "
                                     "the first %s",
                                     nm->n_informal),
                         nm->n_informal, nm->doc->citation);
    vk_buf_free(&b);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Articles                                                               */
/* ---------------------------------------------------------------------- */

/* Where the draft names the article before citation ci ("khoản 2 Điều 8"
 * in "khoản 2 Điều 8 Quy định số 22-QĐ/TW"): its bytes, or the citation's
 * when they cannot be told. Returns nonzero when they could. */
static int
article_span(const checker *ck, size_t ci, size_t *s, size_t *e)
{
    const cp_citation *c = &ck->cits[ci];
    size_t from = c->start > 120 ? c->start - 120 : 0;
    an_tokens t = AN_TOKENS_INIT;
    *s = c->start;
    *e = c->end;
    while (from < c->start && (ck->text[from] & 0xc0) == 0x80)
        from++; /* not inside a character */
    if (an_analyze(ck->text + from, c->start - from, 1, &t) != VK_OK) {
        an_tokens_free(&t);
        return 0;
    }
    size_t k = t.n;
    while (k-- > 0 && !(folded_is(&t.v[k], "dieu") && k + 1 < t.n && !t.v[k + 1].overlay))
        ;
    if (k < t.n) {
        size_t first = k;
        /* "[điểm a] [khoản 2] Điều 8": back over the smaller parts. */
        for (int part = 0; part < 2 && first >= 2; part++) {
            const an_token *w = &t.v[first - 2];
            if (folded_is(w, "khoan") || folded_is(w, "diem"))
                first -= 2;
        }
        *s = from + t.v[first].start;
        *e = from + t.v[k + 1].end;
    }
    int found = k < t.n;
    an_tokens_free(&t);
    return found;
}

/* Is section `label` the article (or clause) `art`, or inside it? */
static int
within(const char *label, const char *art)
{
    size_t n = strlen(art);
    return strncmp(label, art, n) == 0 && (label[n] == '\0' || label[n] == '.' || label[n] == '~');
}

/* How many sections lie right under `art` ("Điều 3" -> "Điều 3.1",
 * "Điều 3.2"), and the label of the last. */
static size_t
parts_under(const qr_document *d, const char *art, const char **last)
{
    size_t n = 0, len = strlen(art);
    for (size_t i = 0; i < d->n_sections; i++) {
        const char *l = d->sections[i].label;
        if (strncmp(l, art, len) == 0 && l[len] == '.' && !strchr(l + len + 1, '.'))
            n++, *last = l;
    }
    return n;
}

/* A citation naming an article ("khoản 2 Điều 8 Quy định số 22-QĐ/TW"):
 * the article must be in the document. Missing: an ERROR, or a WARNING
 * when only its clause is missing and the article is not split into
 * clauses (the index may not have told them). Found: kept for the quotes
 * attributed to the citation. */
static vk_status
check_article(checker *ck, size_t ci, const ct_candidate *x, const about *ab, unsigned *reported)
{
    const cp_citation *c = &ck->cits[ci];
    vk_arena *a = &ck->out->arena;
    doc_words *d = NULL;
    vk_status rc = doc_words_of(ck, x->key, &d);
    if (rc == VK_ENOTFOUND || (rc == VK_OK && !d->doc))
        return VK_OK;
    if (rc != VK_OK)
        return rc;
    const qr_section *sec = qr_document_section(d->doc, c->article);
    if (sec) {
        ck->article[ci] = vk_arena_strndup(a, sec->label, strlen(sec->label));
        return ck->article[ci] ? VK_OK : VK_ENOMEM;
    }
    /* The largest part of the label the document has: "Điều 8" of "Điều 8.2". */
    char parent[64];
    snprintf(parent, sizeof parent, "%s", c->article);
    const qr_section *up = NULL;
    for (char *dot = strrchr(parent, '.'); !up && dot; dot = strrchr(parent, '.')) {
        *dot = '\0';
        up = qr_document_section(d->doc, parent);
    }
    const char *name = x->number ? x->number : x->key, *last = NULL;
    const char *want = ct_section_words(a, c->article);
    size_t n_parts = up ? parts_under(d->doc, up->label, &last) : 0;
    verdict v = {.sev = up && !n_parts ? CT_SEV_WARNING : CT_SEV_ERROR, .field = CT_F_SECTION};
    (void)article_span(ck, ci, &v.start, &v.end); /* else on the citation */
    *reported |= CT_F_BIT(CT_F_SECTION);
    if (!want)
        return VK_ENOMEM;
    if (up && n_parts) /* "Điều 3 has 2 khoản" */
        return add_finding(ck, &v, ab, _("there is no %s in %s: %s has %zu %s"), want, name,
                           up->label, n_parts, strchr(up->label, '.') ? "điểm" : "khoản");
    if (up)
        return add_finding(ck, &v, ab, _("there is no %s in %s, whose %s is not split into parts"),
                           want, name, ct_section_words(a, up->label));
    size_t n_art = 0;
    for (size_t i = 0; i < d->doc->n_sections; i++) {
        const char *l = d->doc->sections[i].label;
        if (strncmp(l, "Điều ", strlen("Điều ")) == 0 && !strchr(l, '.'))
            n_art++, last = l;
    }
    /* The article itself is missing: "no Điều 8", whatever its clause. */
    snprintf(parent, sizeof parent, "%.*s", (int)strcspn(c->article, "."), c->article);
    if (n_art)
        return add_finding(ck, &v, ab, _("there is no %s in %s, whose last article is %s"), parent,
                           name, last);
    return add_finding(ck, &v, ab, _("there is no %s in %s, which has no articles"), parent, name);
}

/* A quote right after a citation, without "về", is its subject only if it
 * reads like the title; else it is a quoted passage (the subject is
 * cleared). */
static void
subject_or_quote(checker *ck, size_t ci, const ct_candidate *x)
{
    ct_subject *sj = &ck->subj[ci];
    const char *t = ck->text + sj->start;
    unsigned char q = (unsigned char)*t; /* “ and « start with 0xe2 and 0xc2 */
    int ve = q != 0xe2 && q != '"' && q != 0xc2;
    if (!sj->text || !sj->quoted || ve || !x || !x->title ||
        ct_subject_agree(sj->text, 0, x->title))
        return;
    *sj = (ct_subject){NULL, 0, ck->cits[ci].end, ck->cits[ci].end};
}

static vk_status
check_citation(checker *ck, size_t ci)
{
    const cp_citation *c = &ck->cits[ci];
    vk_arena *a = &ck->out->arena;
    size_t limit = ci + 1 < ck->n_cits ? ck->cits[ci + 1].start : ck->len;
    unsigned reported = 0; /* the fields found wrong so far */
    ct_ref ref;
    ct_candidate *v = NULL;
    size_t n = 0;
    named nm;
    vk_status rc = ct_subject_after(ck->text, ck->len, c->end, limit, a, &ck->subj[ci]);
    if (rc == VK_OK) {
        ref_of_citation(a, c, &ck->subj[ci], &ref);
        ct_cand_query cq = {&ref, 20, 0};
        rc = ct_candidates(ck->db, &cq, a, &v, &n, ck->err);
    }
    if (rc != VK_OK)
        return rc;
    pick(c, v, n, &nm);
    if ((rc = find_meant(ck, ci, &ref, &nm)) != VK_OK)
        return rc;
    const ct_candidate *x = nm.doc ? nm.doc : nm.cited;
    subject_or_quote(ck, ci, x);
    about ab = {vk_arena_strndup(a, c->text, strlen(c->text)),
                nm.doc ? nm.doc->key : NULL,
                x && x->number ? x->number : c->number,
                x ? x->citation : NULL,
                NULL,
                0,
                0,
                0};
    ck->target[ci] = nm.doc ? nm.doc->key : NULL;
    ck->unknown[ci] = nm.doc ? NULL : c->number ? c->number : c->informal;
    rc = check_code(ck, ci, &nm, &ab, &reported);
    if (rc == VK_OK && !nm.doc)
        rc = report_unknown(ck, ci, &nm, &ab);
    if (rc == VK_OK && nm.doc && c->article)
        rc = check_article(ck, ci, nm.doc, &ab, &reported);
    if (rc == VK_OK && x && !other_term(c->number, &c->date, &x->date))
        rc = compare_fields(ck, ci, x, &ab, &reported);
    if (rc == VK_OK)
        rc = check_issuer_code(ck, ci, &ab, &reported);
    if (rc == VK_OK && !nm.doc)
        rc = check_term_date(ck, ci, &ab, &reported);
    if (rc == VK_OK && nm.doc && !c->number && !c->term && !reported)
        rc = report_no_term(ck, ci, &nm, &ab, &reported);
    if (rc == VK_OK && nm.doc && !reported)
        rc = add_finding(ck,
                         &(verdict){.sev = CT_SEV_OK,
                                    .field = CT_F_NUMBER,
                                    .start = c->start,
                                    .end = c->end,
                                    .suggestion = NULL},
                         &ab, _("%s%s%s agrees with the corpus: %s"), c->number ? "" : c->informal,
                         c->number ? c->number : " = ",
                         c->number ? "" : (nm.doc->number ? nm.doc->number : nm.doc->key),
                         nm.doc->citation);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Quotes                                                                 */
/* ---------------------------------------------------------------------- */

/* Finds the quoted spans: “...”, «...», and "..." paired within a line. */
static vk_status
find_quotes(checker *ck)
{
    static const char *open[] = {"\xe2\x80\x9c", "\xc2\xab", "\""};
    static const char *close[] = {"\xe2\x80\x9d", "\xc2\xbb", "\""};
    const char *t = ck->text;
    for (size_t i = 0; i < ck->len; i++) {
        for (size_t k = 0; k < 3; k++) {
            size_t ol = strlen(open[k]), cl = strlen(close[k]), j;
            if (i + ol > ck->len || memcmp(t + i, open[k], ol) != 0)
                continue;
            for (j = i + ol; j + cl <= ck->len && memcmp(t + j, close[k], cl) != 0; j++) {
                if (t[j] == '\n' && (k == 2 || (j + 1 < ck->len && t[j + 1] == '\n')))
                    break; /* straight quotes pair on one line, others in one paragraph */
            }
            if (j + cl > ck->len || memcmp(t + j, close[k], cl) != 0)
                break;
            quote *nv = ct_grow(&ck->out->arena, ck->quotes, ck->n_quotes, &ck->qcap, sizeof *nv);
            if (!nv)
                return VK_ENOMEM;
            ck->quotes = nv;
            nv[ck->n_quotes++] = (quote){i, j + cl, i + ol, j};
            i = j + cl - 1;
            break;
        }
    }
    return VK_OK;
}

/* Is there a blank line between bytes a and b? */
static int
paragraph_break(const checker *ck, size_t a, size_t b)
{
    for (size_t i = a; i + 1 < b; i++) {
        if (ck->text[i] == '\n') {
            size_t j = i + 1;
            while (j < b && (ck->text[j] == ' ' || ck->text[j] == '\t'))
                j++;
            if (j < b && ck->text[j] == '\n')
                return 1;
        }
    }
    return 0;
}

/* The citation a quote is attributed to: the last one before it in its
 * paragraph, else one right after it ("” (Nghị quyết số ...)"); -1 if none
 * or if the quote is a citation's subject. */
static long
attributed(const checker *ck, const quote *q)
{
    long best = -1;
    for (size_t i = 0; i < ck->n_cits; i++) {
        const cp_citation *c = &ck->cits[i];
        const ct_subject *sj = &ck->subj[i];
        if (sj->end > sj->start && q->start < sj->end && q->end > sj->start)
            return -1;
        if (c->end <= q->start && !paragraph_break(ck, c->end, q->start))
            best = (long)i;
        if (best < 0 && c->start >= q->end && c->start - q->end <= 40 &&
            !paragraph_break(ck, q->end, c->start))
            return (long)i;
    }
    return best;
}

/* The words of a document, read once. */
static vk_status
doc_words_of(checker *ck, const char *key, doc_words **out)
{
    for (size_t i = 0; i < ck->n_docs; i++) {
        if (strcmp(ck->docs[i].key, key) == 0) {
            *out = &ck->docs[i];
            return VK_OK;
        }
    }
    doc_words *nv = ct_grow(&ck->out->arena, ck->docs, ck->n_docs, &ck->dcap, sizeof *nv);
    if (!nv)
        return VK_ENOMEM;
    ck->docs = nv;
    doc_words *d = &nv[ck->n_docs];
    memset(d, 0, sizeof *d);
    d->key = key;
    vk_status rc = qr_document_get(ck->db, key, &d->doc, ck->err);
    if (rc == VK_OK && !(d->secs = calloc(d->doc->n_sections, sizeof *d->secs)))
        rc = VK_ENOMEM;
    for (size_t s = 0; rc == VK_OK && s < d->doc->n_sections; s++) {
        const char *text = d->doc->sections[s].text ? d->doc->sections[s].text : "";
        rc = an_analyze(text, strlen(text), 1, &d->secs[s]);
    }
    ck->n_docs++;
    *out = d;
    return rc;
}

/* Plain tokens of one piece of a quote. */
typedef struct words {
    const an_token **v;
    size_t n;
} words;

static vk_status
plain_words(const an_tokens *t, words *w)
{
    w->n = 0;
    w->v = t->n ? malloc(t->n * sizeof *w->v) : NULL;
    if (t->n && !w->v)
        return VK_ENOMEM;
    for (size_t i = 0; i < t->n; i++) {
        if (!t->v[i].overlay)
            w->v[w->n++] = &t->v[i];
    }
    return VK_OK;
}

static int
tok_eq(const an_token *a, const an_token *b, int folded)
{
    return folded
               ? a->folded_len == b->folded_len && memcmp(a->folded, b->folded, a->folded_len) == 0
               : a->exact_len == b->exact_len && memcmp(a->exact, b->exact, a->exact_len) == 0;
}

/* Where a piece occurs in a section: the first and last section words. */
typedef struct place {
    size_t section;
    size_t first, last; /* indexes into the section's plain words */
    size_t matched;     /* words of the piece matched */
} place;

/* Looks for the piece's words in a row in each section. */
static int
find_exact(const words *q, const words *secs, size_t n_secs, int folded, place *at)
{
    for (size_t s = 0; s < n_secs; s++) {
        for (size_t i = 0; i + q->n <= secs[s].n; i++) {
            size_t k = 0;
            while (k < q->n && tok_eq(q->v[k], secs[s].v[i + k], folded))
                k++;
            if (k == q->n) {
                *at = (place){s, i, i + q->n - 1, q->n};
                return 1;
            }
        }
    }
    return 0;
}

/* The words a common subsequence of a quote piece q and a section d uses:
 * the first and last of d, and of q. */
typedef struct span {
    size_t first, last;     /* indexes into d */
    size_t q_first, q_last; /* indexes into q */
} span;

/* The longest common subsequence of q and d[from .. from + w) (tab: room
 * for (q->n + 1) * (w + 1) cells): its length, and in *sp the words it
 * uses. */
static size_t
lcs(const words *q, const words *d, size_t from, size_t w, unsigned short *tab, span *sp)
{
    size_t m = q->n, cols = w + 1;
    for (size_t j = 0; j <= w; j++)
        tab[j] = 0;
    for (size_t i = 1; i <= m; i++) {
        tab[i * cols] = 0;
        for (size_t j = 1; j <= w; j++) {
            unsigned short up = tab[(i - 1) * cols + j], left = tab[i * cols + j - 1];
            tab[i * cols + j] = tok_eq(q->v[i - 1], d->v[from + j - 1], 0)
                                    ? (unsigned short)(tab[(i - 1) * cols + j - 1] + 1)
                                : up > left ? up
                                            : left;
        }
    }
    size_t i = m, j = w, len = tab[m * cols + w];
    *sp = (span){from, from, 0, 0};
    int seen = 0;
    while (i > 0 && j > 0) {
        if (tok_eq(q->v[i - 1], d->v[from + j - 1], 0) &&
            tab[i * cols + j] == tab[(i - 1) * cols + j - 1] + 1) {
            if (!seen) {
                sp->last = from + j - 1;
                sp->q_last = i - 1;
                seen = 1;
            }
            sp->first = from + j - 1;
            sp->q_first = i - 1;
            i--, j--;
        } else if (tab[(i - 1) * cols + j] >= tab[i * cols + j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    return len;
}

/* Is there punctuation that ends a clause in text[a .. b)? */
static int
clause_break(const char *text, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (strchr(".;:!?\n", text[i]))
            return 1;
    }
    return 0;
}

/* Widens [*f, *l] by up to `before` and `after` words, within a clause:
 * the words of the quote that matched nothing at its ends. */
static void
stretch(const char *text, const words *d, size_t *f, size_t *l, size_t before, size_t after)
{
    while (before-- > 0 && *f > 0 && !clause_break(text, d->v[*f - 1]->end, d->v[*f]->start))
        (*f)--;
    while (after-- > 0 && *l + 1 < d->n && !clause_break(text, d->v[*l]->end, d->v[*l + 1]->start))
        (*l)++;
}

/* The best near match of the piece: windows anchored where one of its
 * first three words occurs. */
static vk_status
find_near(const words *q, const qr_document *doc, const words *secs, place *best)
{
    size_t n_secs = doc->n_sections;
    size_t w = q->n + q->n / 2 + 2;
    unsigned short *tab = malloc((q->n + 1) * (w + 1) * sizeof *tab);
    if (!tab)
        return VK_ENOMEM;
    memset(best, 0, sizeof *best);
    for (size_t s = 0; s < n_secs; s++) {
        const words *d = &secs[s];
        size_t prev = (size_t)-1;
        for (size_t i = 0; i < d->n; i++) {
            for (size_t k = 0; k < 3 && k < q->n; k++) {
                if (!tok_eq(q->v[k], d->v[i], 0) || i < k || i - k == prev)
                    continue;
                size_t from = prev = i - k, ww = from + w <= d->n ? w : d->n - from;
                span sp;
                size_t len = lcs(q, d, from, ww, tab, &sp);
                if (len > best->matched) {
                    const char *text = doc->sections[s].text ? doc->sections[s].text : "";
                    stretch(text, d, &sp.first, &sp.last, sp.q_first, q->n - 1 - sp.q_last);
                    *best = (place){s, sp.first, sp.last, len};
                }
            }
        }
    }
    free(tab);
    return VK_OK;
}

/* The text of a place in the document, as the suggestion quotes it. */
static vk_status
place_text(const doc_words *d, const words *secs, const place *p, vk_buf *b)
{
    const qr_section *sec = &d->doc->sections[p->section];
    const an_token *f = secs[p->section].v[p->first], *l = secs[p->section].v[p->last];
    vk_buf_clear(b);
    vk_status rc = vk_buf_puts(b, "“");
    for (size_t i = f->start; rc == VK_OK && i < l->end; i++)
        rc = vk_buf_putc(b, sec->text[i] == '\n' ? ' ' : sec->text[i]);
    if (rc == VK_OK)
        rc = vk_buf_puts(b, "”");
    return rc;
}

/* Splits a quote at its ellipses ("…", "...") into pieces. */
static size_t
pieces(const char *s, size_t len, size_t at[][2], size_t max)
{
    size_t n = 0, from = 0, i = 0;
    while (i <= len && n < max) {
        size_t el =
            i + 3 <= len && (memcmp(s + i, "\xe2\x80\xa6", 3) == 0 || memcmp(s + i, "...", 3) == 0)
                ? 3
                : 0;
        if (i < len && !el) {
            i++;
            continue;
        }
        at[n][0] = from;
        at[n][1] = i;
        n++;
        if (i == len)
            break;
        from = i = i + el;
    }
    return n;
}

/* Looks for the piece's words in a row in the sections inside article
 * `art` only. */
static int
find_in_article(const words *q, const qr_document *doc, const words *secs, const char *art,
                place *at)
{
    for (size_t s = 0; art && s < doc->n_sections; s++) {
        if (within(doc->sections[s].label, art) && find_exact(q, &secs[s], 1, 0, at)) {
            at->section = s;
            return 1;
        }
    }
    return 0;
}

/* The document's words at a place, as a replacement of the quote's: the
 * text of place_text without its quote marks. */
static const char *
place_repl(checker *ck, const vk_buf *b)
{
    size_t mark = strlen("“");
    if (b->len < 2 * mark)
        return NULL;
    return vk_arena_strndup(&ck->out->arena, b->data + mark, b->len - 2 * mark);
}

/* The quote occurs word for word in the document: OK, or, when the
 * citation names an article the quote is not in, a WARNING saying where
 * it is (and the article's words to write instead). */
static vk_status
quote_found(checker *ck, const quote *q, const qr_document *doc, const place *at, const about *ab)
{
    const char *name = ab->number ? ab->number : ab->key;
    vk_arena *a = &ck->out->arena;
    const char *label = doc->sections[at->section].label;
    const char *where = ct_section_words(a, label);
    verdict v = {.sev = CT_SEV_OK, .field = CT_F_QUOTE, .start = q->start, .end = q->end};
    if (!ab->article || within(label, ab->article))
        return add_finding(ck, &v, ab, _("the quote occurs in %s (%s)"), name, where ? where : "");
    const char *art = ct_section_words(a, ab->article);
    v.sev = CT_SEV_WARNING;
    v.suggestion = where;
    if (*label && ab->art_e > ab->art_s)
        v.rs = ab->art_s, v.re = ab->art_e, v.repl = where;
    return add_finding(ck, &v, ab, _("the quote is not in %s of %s but in %s"), art ? art : "",
                       name, where ? where : "");
}

/* Checks one piece of a quote against the document: in the article the
 * citation names first, then anywhere; word for word, then without
 * diacritics, then nearly (more than half its words in order). */
static vk_status
check_piece(checker *ck, const quote *q, const doc_words *d, const words *secs, const words *w,
            const about *ab)
{
    const char *name = ab->number ? ab->number : ab->key; /* the document, as messages name it */
    place at;
    vk_buf b = VK_BUF_INIT;
    vk_status rc = VK_OK;
    const char *where;
    vk_arena *a = &ck->out->arena;
    if (find_in_article(w, d->doc, secs, ab->article, &at) ||
        find_exact(w, secs, d->doc->n_sections, 0, &at))
        return quote_found(ck, q, d->doc, &at, ab);
    verdict v = {.sev = CT_SEV_WARNING, .field = CT_F_QUOTE, .start = q->start, .end = q->end};
    if (find_exact(w, secs, d->doc->n_sections, 1, &at)) {
        where = ct_section_words(a, d->doc->sections[at.section].label);
        rc = place_text(d, secs, &at, &b);
        v.suggestion = b.data;
        if (rc == VK_OK && ab->one_piece && !(v.repl = place_repl(ck, &b)))
            rc = VK_ENOMEM;
        v.rs = q->in_s, v.re = q->in_e;
        if (rc == VK_OK)
            rc = add_finding(ck, &v, ab, _("the quote differs from %s (%s) in its diacritics"),
                             name, where ? where : "");
        vk_buf_free(&b);
        return rc;
    }
    if ((rc = find_near(w, d->doc, secs, &at)) != VK_OK)
        return rc;
    v.sev = CT_SEV_ERROR;
    if (2 * at.matched < w->n)
        return add_finding(ck, &v, ab, _("the quote does not occur in %s"), name);
    where = ct_section_words(a, d->doc->sections[at.section].label);
    rc = place_text(d, secs, &at, &b);
    if (rc == VK_OK && ab->one_piece && !(v.repl = place_repl(ck, &b)))
        rc = VK_ENOMEM;
    v.rs = q->in_s, v.re = q->in_e;
    if (rc == VK_OK)
        rc = vk_buf_printf(&b, " (%s)", where ? where : "");
    v.suggestion = b.data;
    if (rc == VK_OK)
        rc = add_finding(ck, &v, ab,
                         _("the quote does not occur in %s; %zu of its %zu words match %s"), name,
                         at.matched, w->n, where ? where : "");
    vk_buf_free(&b);
    return rc;
}

static vk_status
check_quote(checker *ck, const quote *q)
{
    long ci = attributed(ck, q);
    if (ci < 0 || !ck->target[ci])
        return VK_OK;
    doc_words *d = NULL;
    vk_status rc = doc_words_of(ck, ck->target[ci], &d);
    if (rc == VK_ENOTFOUND || (rc == VK_OK && !d->doc))
        return VK_OK; /* the index changed under us: nothing to compare */
    if (rc != VK_OK)
        return rc;
    const char *inner = ck->text + q->in_s;
    size_t at[16][2], np = pieces(inner, q->in_e - q->in_s, at, 16), total = 0;
    an_tokens pt[16];
    words pw[16], *secs = calloc(d->doc->n_sections, sizeof *secs);
    for (size_t i = 0; i < np; i++)
        pt[i] = (an_tokens)AN_TOKENS_INIT, pw[i] = (words){NULL, 0};
    for (size_t s = 0; secs && rc == VK_OK && s < d->doc->n_sections; s++)
        rc = plain_words(&d->secs[s], &secs[s]);
    for (size_t i = 0; rc == VK_OK && i < np; i++) {
        if ((rc = an_analyze(inner + at[i][0], at[i][1] - at[i][0], 1, &pt[i])) == VK_OK)
            rc = plain_words(&pt[i], &pw[i]);
        total += pw[i].n;
    }
    /* The document is freed before the check is returned: its number is
     * copied into the check. */
    const char *number =
        d->doc->number ? vk_arena_strndup(&ck->out->arena, d->doc->number, strlen(d->doc->number))
                       : NULL;
    about ab = {vk_arena_strndup(&ck->out->arena, inner, q->in_e - q->in_s),
                ck->target[ci],
                number,
                NULL,
                NULL,
                0,
                0,
                0};
    ab.article = ck->article[ci];
    ab.one_piece = np == 1;
    /* Without the article's own words, no replacement: the citation's
     * would be overwritten. */
    if (ab.article && !article_span(ck, (size_t)ci, &ab.art_s, &ab.art_e))
        ab.art_s = ab.art_e = 0;
    if (!secs)
        rc = VK_ENOMEM;
    if (rc == VK_OK && total >= QUOTE_MIN_WORDS)
        ck->out->n_quotes++;
    for (size_t i = 0; rc == VK_OK && total >= QUOTE_MIN_WORDS && i < np; i++) {
        if (pw[i].n > QUOTE_MAX_WORDS)
            pw[i].n = QUOTE_MAX_WORDS;
        if (pw[i].n)
            rc = check_piece(ck, q, d, secs, &pw[i], &ab);
    }
    for (size_t i = 0; i < np; i++) {
        free(pw[i].v);
        an_tokens_free(&pt[i]);
    }
    for (size_t s = 0; secs && s < d->doc->n_sections; s++)
        free(secs[s].v);
    free(secs);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* The check                                                              */
/* ---------------------------------------------------------------------- */

static int
by_position(const void *pa, const void *pb)
{
    const ct_finding *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (int)a->field - (int)b->field;
}

/* Are two strings, either NULL, the same? */
static int
same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Nonzero if two warnings or errors are one problem: the same field, message
 * and suggestion ("... is unknown to the corpus; cited by ..." for each
 * mention of a number the corpus lacks). */
static int
same_problem(const ct_finding *a, const ct_finding *b)
{
    return a->severity != CT_SEV_OK && a->severity == b->severity && a->field == b->field &&
           strcmp(a->message, b->message) == 0 && same_text(a->suggestion, b->suggestion) &&
           same_text(a->replacement, b->replacement);
}

/* One finding per problem: a repeat of an earlier warning or error becomes a
 * place of it (ct_finding.also), and the counts count problems. The
 * findings are in text order. */
static vk_status
collapse_repeats(ct_check *c)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->n_findings; i++) {
        ct_finding *f = &c->findings[i];
        size_t k = 0;
        while (k < kept && !same_problem(&c->findings[k], f))
            k++;
        if (k == kept) {
            c->findings[kept++] = *f;
            continue;
        }
        ct_finding *first = &c->findings[k];
        ct_place *v = vk_arena_alloc(&c->arena, (first->n_also + 1) * sizeof *v);
        if (!v)
            return VK_ENOMEM;
        if (first->n_also)
            memcpy(v, first->also, first->n_also * sizeof *v);
        v[first->n_also] =
            (ct_place){f->line, f->col, f->start, f->end, f->repl_start, f->repl_end};
        first->also = v;
        first->n_also++;
        *(f->severity == CT_SEV_WARNING ? &c->n_warnings : &c->n_errors) -= 1;
    }
    c->n_findings = kept;
    return VK_OK;
}

/* How many distinct strings v[0 .. n) holds, NULLs aside. */
static size_t
distinct(const char *const *v, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < i && !(v[i] && v[j] && strcmp(v[i], v[j]) == 0))
            j++;
        count += v[i] && j == i;
    }
    return count;
}

/* The draft's summary: documents cited, numbers the corpus lacks, and the
 * problems by field. */
static void
summarize(checker *ck)
{
    ct_check *c = ck->out;
    c->n_documents = distinct(ck->target, ck->n_cits);
    c->n_unknown = distinct(ck->unknown, ck->n_cits);
    for (size_t i = 0; i < c->n_findings; i++) {
        const ct_finding *f = &c->findings[i];
        if (f->severity == CT_SEV_ERROR)
            c->field_errors[f->field]++;
        else if (f->severity == CT_SEV_WARNING)
            c->field_warnings[f->field]++;
    }
}

/* ---------------------------------------------------------------------- */
/* Short forms and aliases                                                */
/* ---------------------------------------------------------------------- */

/* "Nghị quyết 57" may be several documents: a warning that names them. */
static vk_status
report_ambiguous(checker *ck, size_t ci, const ct_candidate *v, size_t n, size_t n_fit)
{
    const cp_citation *c = &ck->cits[ci];
    vk_buf b = VK_BUF_INIT;
    vk_status rc = vk_buf_printf(&b, _("%s may be any of %zu documents:"), c->informal, n_fit);
    for (size_t i = 0, k = 0; rc == VK_OK && i < n && k < 3; i++) {
        if (ct_short_fits(c, &v[i]))
            rc = vk_buf_printf(&b, "%s %s", k++ ? ";" : "", v[i].citation);
    }
    if (rc == VK_OK)
        rc = vk_buf_puts(&b, _("; write its number in full"));
    about ab = {vk_arena_strndup(&ck->out->arena, c->text, strlen(c->text)),
                NULL,
                NULL,
                NULL,
                NULL,
                0,
                0,
                0};
    if (rc == VK_OK)
        rc = add_finding(
            ck,
            &(verdict){
                .sev = CT_SEV_WARNING, .field = CT_F_NUMBER, .start = c->start, .end = c->end},
            &ab, "%s", b.data);
    vk_buf_free(&b);
    return rc;
}

/* Gives a short form the number of the document it clearly means (then it
 * is checked as if the draft had written that number); *settled is set
 * when it may mean several, reported here. A short form that fits none
 * stays as it is: "unknown to the corpus". */
static vk_status
resolve_short(checker *ck, size_t ci, int *settled)
{
    cp_citation *c = &ck->cits[ci];
    vk_arena *a = &ck->out->arena;
    ct_subject none = {NULL, 0, c->end, c->end};
    ct_ref ref;
    ct_candidate *v = NULL;
    size_t n = 0, n_fit = 0;
    ref_of_citation(a, c, &none, &ref);
    ct_cand_query cq = {&ref, 20, 0};
    vk_status rc = ct_candidates(ck->db, &cq, a, &v, &n, ck->err);
    if (rc != VK_OK)
        return rc;
    const ct_candidate *x = ct_short_choose(c, v, n, &n_fit);
    if (x)
        c->number = x->number;
    else if (n_fit > 1)
        *settled = 1;
    return x || n_fit < 2 ? VK_OK : report_ambiguous(ck, ci, v, n, n_fit);
}

/* Checks citation ci of a draft, its short form or alias first made to name
 * its document. */
static vk_status
draft_citation(checker *ck, size_t ci)
{
    cp_citation *c = &ck->cits[ci];
    int settled = 0;
    if (c->alias_of >= 0 && (size_t)c->alias_of < ci && !c->number) {
        const cp_citation *def = &ck->cits[c->alias_of];
        c->number = def->number; /* the document the alias was given to */
        c->digits = def->digits;
    }
    vk_status rc = VK_OK;
    if (c->digits && !c->number)
        rc = resolve_short(ck, ci, &settled);
    if (rc != VK_OK || !settled)
        return rc == VK_OK ? check_citation(ck, ci) : rc;
    ck->target[ci] = NULL;
    ck->subj[ci] = (ct_subject){NULL, 0, c->end, c->end};
    return VK_OK;
}

static vk_status
run_check(checker *ck)
{
    vk_arena *a = &ck->out->arena;
    vk_status rc = VK_OK;
    size_t cap = 0;
    for (size_t i = 0; rc == VK_OK && i <= ck->len; i++) {
        if (i == 0 || ck->text[i - 1] == '\n') {
            size_t *nv = ct_grow(a, ck->lines, ck->n_lines, &cap, sizeof *nv);
            if (!nv)
                rc = VK_ENOMEM;
            else
                (ck->lines = nv)[ck->n_lines++] = i;
        }
    }
    if (rc == VK_OK)
        rc = cp_cite_find_opts(ck->text, ck->len, &(cp_cite_opts){.draft = 1}, a, &ck->cits,
                               &ck->n_cits);
    ck->out->n_citations = ck->n_cits;
    size_t n = ck->n_cits + 1;
    ck->target = vk_arena_alloc(a, n * sizeof *ck->target);
    ck->article = vk_arena_alloc(a, n * sizeof *ck->article);
    ck->unknown = vk_arena_alloc(a, n * sizeof *ck->unknown);
    ck->subj = vk_arena_alloc(a, n * sizeof *ck->subj);
    if (rc == VK_OK && (!ck->target || !ck->subj || !ck->article || !ck->unknown))
        rc = VK_ENOMEM;
    if (rc == VK_OK) {
        memset(ck->article, 0, n * sizeof *ck->article);
        memset(ck->unknown, 0, n * sizeof *ck->unknown);
    }
    for (size_t i = 0; rc == VK_OK && i < ck->n_cits; i++)
        rc = draft_citation(ck, i);
    if (rc == VK_OK)
        rc = find_quotes(ck);
    for (size_t i = 0; rc == VK_OK && i < ck->n_quotes; i++)
        rc = check_quote(ck, &ck->quotes[i]);
    if (rc == VK_OK && ck->out->n_findings > 1)
        qsort(ck->out->findings, ck->out->n_findings, sizeof *ck->out->findings, by_position);
    if (rc == VK_OK)
        rc = collapse_repeats(ck->out);
    if (rc == VK_OK)
        summarize(ck);
    return rc;
}

vk_status
ct_check_text(xc_rdb *db, const char *name, const char *text, size_t len, ct_check **out,
              vk_error *err)
{
    *out = NULL;
    ct_check *c = calloc(1, sizeof *c);
    if (!c)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    checker ck = {0};
    ck.db = db;
    ck.text = text ? text : "";
    ck.len = text ? len : 0;
    ck.out = c;
    ck.err = err;
    c->name = vk_arena_strndup(&c->arena, name ? name : "", name ? strlen(name) : 0);
    c->text = vk_arena_strndup(&c->arena, ck.text, ck.len);
    c->text_len = ck.len;
    vk_status rc = c->name && c->text ? run_check(&ck) : VK_ENOMEM;
    for (size_t i = 0; i < ck.n_docs; i++) {
        for (size_t s = 0; ck.docs[i].secs && s < ck.docs[i].doc->n_sections; s++)
            an_tokens_free(&ck.docs[i].secs[s]);
        free(ck.docs[i].secs);
        qr_document_free(ck.docs[i].doc);
    }
    if (rc != VK_OK) {
        ct_check_free(c);
        return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
    }
    *out = c;
    return VK_OK;
}

vk_status
ct_check_file(xc_rdb *db, const char *path, ct_check **out, vk_error *err)
{
    char *raw = NULL;
    size_t len = 0;
    cp_text text = {0};
    *out = NULL;
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &raw, &len, NULL, err);
    if (rc == VK_OK)
        rc = cp_text_prepare(path, raw, len, &text, err);
    free(raw);
    const char *enc = text.encoding;
    if (rc == VK_OK)
        rc = ct_check_text(db, path, text.data, text.len, out, err);
    if (rc == VK_OK && enc &&
        !((*out)->encoding = vk_arena_strndup(&(*out)->arena, enc, strlen(enc)))) {
        ct_check_free(*out);
        *out = NULL;
        rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    free(text.data);
    return rc;
}

void
ct_check_free(ct_check *c)
{
    if (!c)
        return;
    vk_arena_free(&c->arena);
    free(c);
}
