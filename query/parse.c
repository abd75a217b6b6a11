/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse.c: the query language (see qr.h): a hand-written lexer and
 * recursive-descent parser producing a tree of nodes; a request's filters
 * written after its query (qr_request_text) and parsed to hold for all of it.
 *
 *   request := query filters     (filters: and, joined to the query's top)
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := near+
 *   near    := unary ("NEAR" unary)*
 *   unary   := "-" primary | primary
 *   primary := "(" or ")" | FIELD ":" value | "phrase" | word
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/cp.h"
#include "indexer/ix_schema.h"
#include "query/field_internal.h"
#include "query/label_internal.h"
#include "query/parse_internal.h"
#include "query/qr.h"

/* Parser state. */
typedef struct parser {
    const char *q; /* the query */
    size_t len;    /* bytes */
    size_t i;      /* read position */
    int depth;     /* parentheses open */
    qr_query *out; /* the query being built (arena, word list) */
    size_t words_cap;
    vk_error *err;
    vk_status rc; /* first error, VK_OK so far */
} parser;

/* Column (1-based, in characters) of byte offset off in the query. */
static size_t
column(const parser *p, size_t off)
{
    return vk_utf8_count(p->q, off) + 1;
}

static qr_node *
fail(parser *p, size_t off, const char *msg, const char *arg)
{
    if (p->rc == VK_OK)
        p->rc =
            vk_fail(p->err, VK_EINVAL, _("column %zu: %s%s"), column(p, off), msg, arg ? arg : "");
    return NULL;
}

static qr_node *
oom(parser *p)
{
    if (p->rc == VK_OK)
        p->rc = vk_fail(p->err, VK_ENOMEM, _("out of memory"));
    return NULL;
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_ws(parser *p)
{
    while (p->i < p->len && is_space(p->q[p->i]))
        p->i++;
}

/* Nonzero if the operator word `w` (OR, NEAR) stands at the read position. */
static int
at_operator(const parser *p, const char *w)
{
    size_t l = strlen(w);
    return p->len - p->i >= l && memcmp(p->q + p->i, w, l) == 0 &&
           (p->i + l == p->len || is_space(p->q[p->i + l]) || p->q[p->i + l] == '(' ||
            p->q[p->i + l] == '"');
}

static qr_node *
new_node(parser *p, qr_kind kind, size_t off)
{
    qr_node *n = vk_arena_alloc(&p->out->arena, sizeof *n);
    if (!n)
        return oom(p);
    n->kind = kind;
    n->col = column(p, off);
    return n;
}

static int
add_kid(parser *p, qr_node *parent, qr_node *kid, size_t *cap)
{
    if (parent->n_kids == *cap) {
        size_t ncap = *cap ? 2 * *cap : 4;
        qr_node **v = vk_arena_alloc(&p->out->arena, ncap * sizeof *v);
        if (!v)
            return oom(p), 0;
        if (parent->n_kids)
            memcpy(v, parent->kids, parent->n_kids * sizeof *v);
        parent->kids = v;
        *cap = ncap;
    }
    parent->kids[parent->n_kids++] = kid;
    return 1;
}

vk_status
qr_clause_new(vk_arena *a, const char *text, size_t len, int quoted, qr_clause **out)
{
    an_tokens t = AN_TOKENS_INIT;
    *out = NULL;
    if (an_analyze(text, len, 0, &t) != VK_OK) {
        an_tokens_free(&t);
        return VK_ENOMEM;
    }
    qr_clause *cl = t.n ? vk_arena_alloc(a, sizeof *cl) : NULL;
    if (cl)
        cl->terms = vk_arena_alloc(a, t.n * sizeof *cl->terms);
    uint32_t covered_to = 0;
    for (size_t i = 0; cl && cl->terms && i < t.n; i++) {
        const an_token *tok = &t.v[i];
        if (!tok->overlay && tok->pos < covered_to)
            continue;
        if (tok->overlay)
            covered_to = tok->pos + tok->span;
        int folded = !an_has_diacritics(text + tok->start, tok->end - tok->start);
        qr_term *qt = &cl->terms[cl->n_terms++];
        qt->folded = folded;
        qt->span = tok->span;
        qt->kind = (int)tok->kind;
        qt->text = vk_arena_strndup(a, folded ? tok->folded : tok->exact,
                                    folded ? tok->folded_len : tok->exact_len);
        qt->len = folded ? tok->folded_len : tok->exact_len;
        qt->alt = vk_arena_strndup(a, folded ? tok->exact : tok->folded,
                                   folded ? tok->exact_len : tok->folded_len);
        qt->alt_len = folded ? tok->exact_len : tok->folded_len;
        if (!qt->text || !qt->alt)
            cl->terms = NULL;
    }
    size_t n = t.n;
    an_tokens_free(&t);
    if (n == 0)
        return VK_OK;
    if (!cl || !cl->terms)
        return VK_ENOMEM;
    cl->quoted = quoted;
    cl->source = vk_arena_strndup(a, text, len);
    cl->col = 1;
    if (!cl->source)
        return VK_ENOMEM;
    *out = cl;
    return VK_OK;
}

/* Analyzes q[start .. end) into a clause; NULL (and no error) if it holds no
 * token. Overlays stand for the plain tokens they cover. */
static qr_clause *
make_clause(parser *p, size_t start, size_t end, int quoted)
{
    qr_clause *cl = NULL;
    if (qr_clause_new(&p->out->arena, p->q + start, end - start, quoted, &cl) != VK_OK)
        return (qr_clause *)oom(p);
    if (cl)
        cl->col = column(p, start);
    return cl;
}

/* Byte offset past a document number (or a list) starting at i, or 0. */
static size_t
docnum_end(const parser *p, size_t i)
{
    an_docnum d[16];
    size_t n = an_docnum_find(p->q + i, p->len - i, d, 16);
    return n && d[0].list_start == 0 ? i + d[0].list_end : 0;
}

/* End of a plain word starting at i: up to a space, a quote or a
 * parenthesis. */
static size_t
word_end(const parser *p, size_t i)
{
    while (i < p->len && !is_space(p->q[i]) && p->q[i] != '"' && p->q[i] != '(' && p->q[i] != ')')
        i++;
    return i;
}

/* A words node for q[start .. end), remembered as a positive word clause
 * unless negated later. NULL with no error for text without tokens. */
static qr_node *
words_node(parser *p, size_t start, size_t end, int quoted)
{
    qr_clause *cl = make_clause(p, start, end, quoted);
    if (!cl)
        return NULL;
    qr_node *n = new_node(p, QR_WORDS, start);
    if (n)
        n->clause = cl;
    return n;
}

const char *
qr_text_kind(const char *value)
{
    static const struct {
        const char *name; /* folded, without spaces and dashes */
        const char *kind;
    } kinds[] = {
        {"vanban", IX_KIND_DOCUMENT},
        {"document", IX_KIND_DOCUMENT},
        {"khac", IX_KIND_OTHER},
        {"other", IX_KIND_OTHER},
        {"hoidap", "qa"},
        {"qa", "qa"},
        {"bachkhoa", "encyclopedia"},
        {"encyclopedia", "encyclopedia"},
        {"tintuc", "news"},
        {"news", "news"},
    };
    vk_buf f = VK_BUF_INIT;
    const char *kind = NULL;
    if (an_fold_text(value, strlen(value), &f) == VK_OK && f.data) {
        size_t k = 0;
        for (size_t i = 0; i < f.len; i++) {
            if (f.data[i] != '-' && f.data[i] != ' ')
                f.data[k++] = f.data[i];
        }
        f.data[k] = '\0';
        for (size_t i = 0; i < VK_ARRAY_LEN(kinds) && !kind; i++) {
            if (strcmp(f.data, kinds[i].name) == 0)
                kind = kinds[i].kind;
        }
    }
    vk_buf_free(&f);
    return kind;
}

/* Splits a range value "a..b" into lo and hi. */
static int
split_range(parser *p, qr_node *n)
{
    const char *dots = strstr(n->value, "..");
    if (!dots)
        return 1;
    char *lo = vk_arena_strndup(&p->out->arena, n->value, (size_t)(dots - n->value));
    char *hi = vk_arena_strndup(&p->out->arena, dots + 2, strlen(dots + 2));
    if (!lo || !hi)
        return oom(p), 0;
    n->lo = lo;
    n->hi = hi;
    return 1;
}

/* field:value at the read position; `colon` is the offset of the colon. */
static qr_node *
field_node(parser *p, size_t start, size_t colon, qr_field field)
{
    qr_node *n = new_node(p, QR_FIELD, start);
    if (!n)
        return NULL;
    n->field = field;
    size_t v = colon + 1, end;
    int quoted = 0;
    if (v < p->len && p->q[v] == '"') {
        const char *close = memchr(p->q + v + 1, '"', p->len - v - 1);
        if (!close)
            return fail(p, v, _("unterminated quote"), NULL);
        quoted = 1;
        end = (size_t)(close - p->q);
        v++;
    } else if ((end = docnum_end(p, v)) == 0) {
        end = word_end(p, v);
    }
    if (end <= v)
        return fail(p, start, _("the field has no value: "),
                    p->q[colon] ? _("write it after the colon") : NULL);
    n->value = vk_arena_strndup(&p->out->arena, p->q + v, end - v);
    if (!n->value)
        return oom(p);
    p->i = end + (size_t)quoted;
    if (!split_range(p, n))
        return NULL;
    const qr_field_def *def = qr_field_def_of(field);
    if (def->words) {
        n->clause = make_clause(p, v, end, quoted);
        if (!n->clause)
            return p->rc == VK_OK ? fail(p, v, _("the value has no words"), NULL) : NULL;
        return n;
    }
    const char *bad = n->lo || !def->check ? NULL : def->check(n->value);
    if (bad) {
        char msg[160];
        snprintf(msg, sizeof msg, "%.*s: '%s' ", (int)(colon - start), p->q + start, n->value);
        return fail(p, v, msg, bad);
    }
    return n;
}

static qr_node *parse_or(parser *p);

static qr_node *
parse_primary(parser *p)
{
    skip_ws(p);
    size_t start = p->i;
    char c = p->i < p->len ? p->q[p->i] : '\0'; /* the query is not NUL-terminated */
    if (c == '(') {
        if (++p->depth > QR_MAX_DEPTH)
            return fail(p, start, _("parentheses nested too deep"), NULL);
        p->i++;
        qr_node *inner = parse_or(p);
        skip_ws(p);
        if (p->rc != VK_OK)
            return NULL;
        if (p->i >= p->len || p->q[p->i] != ')')
            return fail(p, start, _("this parenthesis is not closed"), NULL);
        p->i++;
        p->depth--;
        return inner;
    }
    if (c == '"') {
        const char *close = memchr(p->q + start + 1, '"', p->len - start - 1);
        if (!close)
            return fail(p, start, _("unterminated quote"), NULL);
        size_t end = (size_t)(close - p->q);
        p->i = end + 1;
        return words_node(p, start + 1, end, 1);
    }
    size_t end = docnum_end(p, start);
    if (end) {
        p->i = end;
        return words_node(p, start, end, 0);
    }
    end = word_end(p, start);
    p->i = end;
    const char *colon = memchr(p->q + start, ':', end - start);
    if (colon && colon > p->q + start) {
        size_t k = (size_t)(colon - p->q);
        const qr_field_def *def = qr_field_def_named(p->q + start, k - start);
        if (def)
            return field_node(p, start, k, def->field);
        int letters = 1;
        for (size_t j = start; j < k; j++)
            letters &= (p->q[j] >= 'a' && p->q[j] <= 'z') || (p->q[j] >= 'A' && p->q[j] <= 'Z');
        if (letters && k + 1 < end) {
            char name[160];
            snprintf(name, sizeof name,
                     _("%.*s:' (fields: so, loai, nam, ngay, muc, dieu, tieude, coquan, khoa, "
                       "trich)"),
                     (int)(k - start < 32 ? k - start : 32), p->q + start);
            return fail(p, start, _("unknown field '"), name);
        }
    }
    return words_node(p, start, end, 0);
}

static qr_node *
parse_unary(parser *p)
{
    skip_ws(p);
    size_t start = p->i;
    if (p->i + 1 < p->len && p->q[p->i] == '-' && !is_space(p->q[p->i + 1]) &&
        p->q[p->i + 1] != '-') {
        p->i++;
        qr_node *kid = parse_primary(p);
        if (!kid)
            return NULL;
        qr_node *n = new_node(p, QR_NOT, start);
        if (n) {
            n->kids = vk_arena_alloc(&p->out->arena, sizeof *n->kids);
            if (!n->kids)
                return oom(p);
            n->kids[0] = kid;
            n->n_kids = 1;
        }
        return n;
    }
    return parse_primary(p);
}

static qr_node *
parse_near(parser *p)
{
    qr_node *first = parse_unary(p);
    skip_ws(p);
    if (!at_operator(p, "NEAR"))
        return first;
    qr_node *n = new_node(p, QR_NEAR, p->i);
    size_t cap = 0;
    if (!n || (first && !add_kid(p, n, first, &cap)))
        return NULL;
    while (p->rc == VK_OK && at_operator(p, "NEAR")) {
        size_t at = p->i;
        p->i += 4;
        qr_node *k = parse_unary(p);
        if (p->rc != VK_OK)
            return NULL;
        if (!k || k->kind != QR_WORDS || (n->n_kids && n->kids[0]->kind != QR_WORDS) ||
            n->n_kids == 0)
            return fail(p, at, _("NEAR joins words or phrases, as in: đổi mới NEAR lãnh đạo"),
                        NULL);
        if (!add_kid(p, n, k, &cap))
            return NULL;
        skip_ws(p);
    }
    return n;
}

static int
at_and_end(parser *p)
{
    skip_ws(p);
    return p->i >= p->len || p->q[p->i] == ')' || at_operator(p, "OR");
}

/* Adds the items of an AND found at the read position to n (cap: its
 * capacity), up to the end, a ")" or an OR. */
static void
parse_and_items(parser *p, qr_node *n, size_t *cap)
{
    while (p->rc == VK_OK && !at_and_end(p)) {
        size_t before = p->i;
        qr_node *k = parse_near(p);
        if (k && !add_kid(p, n, k, cap))
            return;
        if (p->i == before) /* a lone character with no token: skip it */
            p->i++;
    }
}

static qr_node *
parse_and(parser *p)
{
    size_t cap = 0;
    qr_node *n = new_node(p, QR_AND, p->i);
    if (!n)
        return NULL;
    parse_and_items(p, n, &cap);
    if (p->rc != VK_OK)
        return NULL;
    return n->n_kids == 1 ? n->kids[0] : n;
}

/* The OR of `first` and the alternatives that follow it, or first alone. */
static qr_node *
parse_or_rest(parser *p, qr_node *first)
{
    skip_ws(p);
    if (!at_operator(p, "OR") || p->rc != VK_OK)
        return first;
    qr_node *n = new_node(p, QR_OR, p->i);
    size_t cap = 0;
    if (!n || !add_kid(p, n, first, &cap))
        return NULL;
    while (p->rc == VK_OK && at_operator(p, "OR")) {
        size_t at = p->i;
        p->i += 2;
        if (at_and_end(p))
            return fail(p, at, _("OR needs words on both sides"), NULL);
        qr_node *k = parse_and(p);
        if (k && !add_kid(p, n, k, &cap))
            return NULL;
        skip_ws(p);
    }
    return n;
}

static qr_node *
parse_or(parser *p)
{
    skip_ws(p);
    if (at_operator(p, "OR"))
        return fail(p, p->i, _("OR needs words on both sides"), NULL);
    return parse_or_rest(p, parse_and(p));
}

/* A request: the query in the first q_len bytes, then its filters. The
 * filters hold for the whole query: they join the items of its top AND, or,
 * when the query is an OR, stand beside it. */
static qr_node *
parse_request(parser *p, size_t q_len)
{
    size_t len = p->len, cap = 0;
    p->len = q_len;
    skip_ws(p);
    if (at_operator(p, "OR"))
        return fail(p, p->i, _("OR needs words on both sides"), NULL);
    size_t start = p->i;
    qr_node *top = new_node(p, QR_AND, start);
    if (top)
        parse_and_items(p, top, &cap);
    skip_ws(p);
    if (top && p->rc == VK_OK && at_operator(p, "OR")) {
        qr_node *alt = parse_or_rest(p, top->n_kids == 1 ? top->kids[0] : top);
        cap = 0;
        top = alt ? new_node(p, QR_AND, start) : NULL;
        if (top)
            add_kid(p, top, alt, &cap);
    }
    skip_ws(p);
    if (p->rc == VK_OK && p->i < p->len && p->q[p->i] == ')')
        fail(p, p->i, _("this parenthesis was not opened"), NULL);
    p->len = len;
    qr_node *f = p->rc == VK_OK ? parse_or(p) : NULL;
    size_t n = f && f->kind == QR_AND ? f->n_kids : f ? 1 : 0;
    for (size_t k = 0; k < n && p->rc == VK_OK; k++)
        add_kid(p, top, f->kind == QR_AND ? f->kids[k] : f, &cap);
    if (p->rc != VK_OK)
        return NULL;
    return top->n_kids == 1 ? top->kids[0] : top;
}

/* Collects the positive word clauses (not under NOT) for snippets. */
static void
collect_words(parser *p, qr_node *n, int negated)
{
    if (!n || p->rc != VK_OK)
        return;
    if (n->kind == QR_WORDS && !negated) {
        if (p->out->n_words == p->words_cap) {
            size_t cap = p->words_cap ? 2 * p->words_cap : 8;
            qr_clause **v = vk_arena_alloc(&p->out->arena, cap * sizeof *v);
            if (!v) {
                oom(p);
                return;
            }
            if (p->out->n_words)
                memcpy(v, p->out->words, p->out->n_words * sizeof *v);
            p->out->words = v;
            p->words_cap = cap;
        }
        p->out->words[p->out->n_words++] = n->clause;
    }
    for (size_t i = 0; i < n->n_kids; i++)
        collect_words(p, n->kids[i], negated || n->kind == QR_NOT);
}

/* An AND node whose every child is negated has nothing to subtract from. */
static int
only_negations(const qr_node *n)
{
    if (!n)
        return 0;
    if (n->kind == QR_NOT)
        return 1;
    if (n->kind != QR_AND)
        return 0;
    for (size_t i = 0; i < n->n_kids; i++) {
        if (n->kids[i]->kind != QR_NOT)
            return 0;
    }
    return n->n_kids > 0;
}

/* Parses text, whose first q_len bytes are the query and the rest its
 * filters (parse_request). */
static vk_status
parse_text(const char *text, size_t len, size_t q_len, qr_query **out, vk_error *err)
{
    *out = NULL;
    if (len > QR_MAX_QUERY)
        return vk_fail(err, VK_EINVAL, _("query too long: %zu bytes, at most %d"), len,
                       QR_MAX_QUERY);
    parser p = {.q = text, .len = len, .err = err, .rc = VK_OK};
    size_t bad = vk_utf8_validate(text, len);
    if (bad != len)
        return vk_fail(err, VK_EINVAL, _("column %zu: the query is not valid UTF-8"),
                       column(&p, bad));
    if (memchr(text, '\0', len))
        return vk_fail(err, VK_EINVAL, _("the query holds a NUL byte"));
    p.out = calloc(1, sizeof *p.out);
    if (!p.out)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    p.out->text = vk_arena_strndup(&p.out->arena, text, len);
    if (!p.out->text)
        oom(&p);
    else
        p.out->root = parse_request(&p, q_len);
    skip_ws(&p);
    if (p.rc == VK_OK && p.i < p.len && p.q[p.i] == ')')
        fail(&p, p.i, _("this parenthesis was not opened"), NULL);
    if (p.rc == VK_OK && only_negations(p.out->root))
        fail(&p, 0, _("a query cannot only exclude: add a word to search for"), NULL);
    collect_words(&p, p.out->root, 0);
    if (p.rc != VK_OK) {
        qr_query_free(p.out);
        return p.rc;
    }
    *out = p.out;
    return VK_OK;
}

vk_status
qr_parse(const char *query, size_t len, qr_query **out, vk_error *err)
{
    return parse_text(query, len, len, out, err);
}

vk_status
qr_request_text(const qr_request *rq, vk_buf *out)
{
    vk_buf_clear(out);
    vk_status rc = rq->len ? vk_buf_append(out, rq->text, rq->len) : VK_OK;
    for (size_t i = 0; rc == VK_OK && i < rq->n_filters; i++) {
        const qr_filter *f = &rq->filters[i];
        if (!f->value || !*f->value)
            continue;
        /* A document number may be written with spaces (28 - NQ/TW): the
         * parser reads it whole without quotes. */
        const qr_field_def *def = qr_field_def_of(f->field);
        int quote = strchr(f->value, ' ') && def->quote_spaces;
        rc = vk_buf_printf(out, "%s%s:%s%s%s", out->len ? " " : "", def->name, quote ? "\"" : "",
                           f->value, quote ? "\"" : "");
    }
    return rc;
}

vk_status
qr_parse_request(const qr_request *rq, qr_query **out, vk_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < rq->n_filters; i++) {
        if (rq->filters[i].value && strchr(rq->filters[i].value, '"'))
            return vk_fail(err, VK_EINVAL, _("a filter value cannot hold a double quote"));
    }
    vk_buf text = VK_BUF_INIT;
    vk_status rc = qr_request_text(rq, &text);
    if (rc == VK_OK)
        rc = parse_text(text.data ? text.data : "", text.len, rq->len, out, err);
    else
        vk_fail(err, rc, _("out of memory"));
    vk_buf_free(&text);
    return rc;
}

void
qr_query_free(qr_query *q)
{
    if (!q)
        return;
    vk_arena_free(&q->arena);
    free(q);
}
