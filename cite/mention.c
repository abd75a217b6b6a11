/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mention.c: what the corpus says of a document it cites: the citations of
 * the passages indexed by a citation term, read again from the stored text
 * (cp_cite_find) with the subject that follows them and a snippet; what
 * most of them say of a number the corpus lacks, and where they disagree.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "cite/citation_internal.h"
#include "cite/field_internal.h"
#include "cite/mention_internal.h"
#include "cite/passage_internal.h"
#include "common/i18n.h"
#include "indexer/ix.h"

/* Most sections of one document read for the mentions of one citation. */
#define MAX_CITING_SECTIONS 32

/* Bytes of passage text shown before and after a citation. */
#define SNIPPET_BEFORE 120
#define SNIPPET_AFTER 200

/* Longest subject read after a citation, in bytes. */
#define MAX_SUBJECT 600

/* ---------------------------------------------------------------------- */
/* The subject after a citation                                           */
/* ---------------------------------------------------------------------- */

static const char *const open_quotes[] = {"\xe2\x80\x9c", "\"", "\xc2\xab"};  /* “ " « */
static const char *const close_quotes[] = {"\xe2\x80\x9d", "\"", "\xc2\xbb"}; /* ” " » */

/* The quote that opens at text[i]: its index, or -1. */
static int
quote_at(const char *text, size_t len, size_t i)
{
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(open_quotes[k]);
        if (i + n <= len && memcmp(text + i, open_quotes[k], n) == 0)
            return k;
    }
    return -1;
}

/* Skips spaces and markdown emphasis. */
static size_t
skip_blank(const char *text, size_t len, size_t i)
{
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '*' || text[i] == '_'))
        i++;
    return i;
}

/* Is the word at text[i] "về" (any case)? Sets *next past it. */
static int
is_ve(const char *text, size_t len, size_t i, size_t *next)
{
    size_t e = i;
    while (e < len && !strchr(" \t\n,;.*_\"", text[e]) && quote_at(text, len, e) < 0)
        e++;
    vk_buf f = VK_BUF_INIT;
    int ve = e > i && an_fold_text(text + i, e - i, &f) == VK_OK && f.len == 2 &&
             memcmp(f.data, "ve", 2) == 0;
    vk_buf_free(&f);
    *next = e;
    return ve;
}

vk_status
ct_subject_after(const char *text, size_t len, size_t end, size_t limit, vk_arena *a,
                 ct_subject *out)
{
    size_t i = skip_blank(text, len, end), next, from, to;
    int q;
    *out = (ct_subject){NULL, 0, end, end};
    if (limit > len)
        limit = len;
    int ve = is_ve(text, len, i, &next);
    size_t start = i;
    if (ve)
        i = skip_blank(text, len, next);
    if ((q = quote_at(text, len, i)) >= 0) {
        from = i + strlen(open_quotes[q]);
        to = from;
        while (to < len && to - from < MAX_SUBJECT && text[to] != '\n' &&
               memcmp(text + to, close_quotes[q], strlen(close_quotes[q])) != 0)
            to++;
        if (to >= len || text[to] == '\n' || to - from >= MAX_SUBJECT)
            return VK_OK; /* unclosed */
        out->quoted = 1;
        out->end = to + strlen(close_quotes[q]);
    } else if (ve) {
        from = i;
        for (to = from; to < limit && to - from < MAX_SUBJECT && !strchr(";.(\n", text[to]); to++)
            ;
        while (to > from && strchr(" ,*_", text[to - 1]))
            to--;
        out->end = to;
    } else {
        return VK_OK;
    }
    out->start = start;
    const char *s = ct_clean_copy(a, text + from, to - from);
    if (!s)
        return VK_ENOMEM;
    out->text = *s ? s : NULL;
    if (!out->text)
        out->quoted = 0;
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* Mentions                                                               */
/* ---------------------------------------------------------------------- */

/* Is byte i of s inside a UTF-8 sequence (not its first byte)? */
static int
continuation(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xc0) == 0x80;
}

/* A snippet of text around [start, end): whole words, line breaks made
 * spaces, "…" where cut; the citation's offsets in it. */
static vk_status
snippet(vk_arena *a, const char *text, size_t len, size_t start, size_t end, ct_mention *m)
{
    size_t from = start > SNIPPET_BEFORE ? start - SNIPPET_BEFORE : 0;
    size_t to = end + SNIPPET_AFTER < len ? end + SNIPPET_AFTER : len;
    if (from > 0) {
        while (from < start && text[from] != ' ' && text[from] != '\n')
            from++;
        while (from < start && (text[from] == ' ' || text[from] == '\n'))
            from++;
    }
    if (to < len) {
        while (to > end && text[to] != ' ' && text[to] != '\n')
            to--;
    }
    while (from > 0 && continuation(text, from))
        from--;
    while (to < len && continuation(text, to))
        to++;
    vk_buf b = VK_BUF_INIT;
    vk_status rc = from > 0 ? vk_buf_puts(&b, "… ") : VK_OK;
    size_t lead = b.len;
    if (rc == VK_OK)
        rc = vk_buf_append(&b, text + from, to - from);
    if (rc == VK_OK && to < len)
        rc = vk_buf_puts(&b, " …");
    for (size_t i = 0; rc == VK_OK && i < b.len; i++) {
        if (b.data[i] == '\n')
            b.data[i] = ' ';
    }
    m->snippet = rc == VK_OK ? vk_arena_strndup(a, b.data, b.len) : NULL;
    m->mark_start = lead + (start - from);
    m->mark_end = lead + (end - from);
    vk_buf_free(&b);
    return m->snippet ? VK_OK : VK_ENOMEM;
}

static const char *
copy(vk_arena *a, const char *s, int *fail)
{
    const char *c = s ? vk_arena_strndup(a, s, strlen(s)) : NULL;
    if (s && !c)
        *fail = 1;
    return c;
}

/* Fills mention m for citation c of passage p (strings copied into a). */
static vk_status
make_mention(vk_arena *a, const ct_passage *p, const cp_citation *c, size_t limit, ct_mention *m)
{
    int fail = 0;
    char iso[11];
    const char *text = p->text;
    size_t len = strlen(text);
    memset(m, 0, sizeof *m);
    m->key = copy(a, p->doc.key, &fail);
    m->number = copy(a, p->doc.number, &fail);
    m->type = copy(a, p->doc.type, &fail);
    m->title = copy(a, p->doc.title, &fail);
    m->doc_date = p->doc.date.year ? copy(a, cp_date_iso(&p->doc.date, iso), &fail) : NULL;
    m->label = copy(a, p->label, &fail);
    m->heading = copy(a, p->heading, &fail);
    m->order = p->order;
    m->text = copy(a, c->text, &fail);
    m->relation = c->relation;
    m->cited_number = copy(a, c->number, &fail);
    m->informal = copy(a, c->informal, &fail);
    m->type_name = c->type_name;
    m->type_code = copy(a, c->type_code, &fail);
    m->date = c->date;
    m->issuer = copy(a, c->issuer, &fail);
    m->term = copy(a, c->term, &fail);
    m->plenum = c->plenum ? atoi(c->plenum) : 0;
    m->congress = copy(a, c->congress, &fail);
    if (fail)
        return VK_ENOMEM;
    ct_subject sj;
    vk_status rc = ct_subject_after(text, len, c->end, limit, a, &sj);
    m->subject = sj.text;
    m->subject_quoted = sj.quoted;
    return rc == VK_OK ? snippet(a, text, len, c->start, c->end, m) : rc;
}

/* The copy of each citing document kept: per group, the first key seen,
 * or the first with a number line. */
typedef struct group_rep {
    const char *group, *key;
    int numbered;
} group_rep;

static vk_status
note_rep(vk_arena *a, group_rep **reps, size_t *n, size_t *cap, const ct_passage *p)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp((*reps)[i].group, p->doc.group) != 0)
            continue;
        if (!(*reps)[i].numbered && p->doc.number && strcmp((*reps)[i].key, p->doc.key) != 0) {
            (*reps)[i].key = vk_arena_strndup(a, p->doc.key, strlen(p->doc.key));
            (*reps)[i].numbered = 1;
        }
        return (*reps)[i].key ? VK_OK : VK_ENOMEM;
    }
    group_rep *nv = ct_grow(a, *reps, *n, cap, sizeof **reps);
    if (!nv)
        return VK_ENOMEM;
    *reps = nv;
    nv[*n].group = vk_arena_strndup(a, p->doc.group, strlen(p->doc.group));
    nv[*n].key = vk_arena_strndup(a, p->doc.key, strlen(p->doc.key));
    nv[*n].numbered = p->doc.number != NULL;
    (*n)++;
    return nv[*n - 1].group && nv[*n - 1].key ? VK_OK : VK_ENOMEM;
}

static int
same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Is c the same citation as one of the passage's mentions so far (a title
 * repeated in the text: same words, same relation, same thing cited)? */
static int
repeated(const ct_mention *v, size_t n, const cp_citation *c)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i].relation == c->relation && same_str(v[i].text, c->text) &&
            same_str(v[i].cited_number, c->number) && same_str(v[i].term, c->term) &&
            same_str(v[i].congress, c->congress) &&
            v[i].plenum == (c->plenum ? atoi(c->plenum) : 0))
            return 1;
    }
    return 0;
}

/* The group of each mention added by one ct_mentions call. */
typedef struct groups {
    const char **v;
    size_t n, cap;
} groups;

/* Finds the citations of one passage and keeps the wanted ones. */
static vk_status
passage_mentions(vk_arena *a, const ct_passage *p, ct_mention_scan *out, groups *g)
{
    vk_arena scratch = VK_ARENA_INIT;
    cp_citation *c = NULL;
    size_t n = 0;
    vk_status rc = cp_cite_find(p->text, strlen(p->text), &scratch, &c, &n);
    size_t first = out->n;
    for (size_t k = 0; rc == VK_OK && k < n; k++) {
        /* out->v is NULL before the first mention: no pointer arithmetic on it. */
        if (!out->keep(&c[k], out->ud) ||
            (out->n > first && repeated(out->v + first, out->n - first, &c[k])))
            continue;
        ct_mention *nv = ct_grow(a, out->v, out->n, &out->cap, sizeof *out->v);
        if (!nv) {
            rc = VK_ENOMEM;
            break;
        }
        out->v = nv;
        size_t limit = k + 1 < n ? c[k + 1].start : strlen(p->text);
        rc = make_mention(a, p, &c[k], limit, &out->v[out->n]);
        const char *grp =
            p->doc.group ? vk_arena_strndup(a, p->doc.group, strlen(p->doc.group)) : "";
        if (rc == VK_OK)
            rc = grp ? ct_push_str(a, &g->v, &g->n, &g->cap, grp) : VK_ENOMEM;
        out->n++;
    }
    vk_arena_free(&scratch);
    return rc;
}

vk_status
ct_mentions(xc_rdb *db, const char *term, size_t term_len, vk_arena *a, ct_mention_scan *out,
            vk_error *err)
{
    if (term_len > XC_MAX_TERM)
        return VK_OK;
    char mark[XC_MAX_TERM + 1]; /* the term, NUL-terminated */
    memcpy(mark, term, term_len);
    mark[term_len] = '\0';
    uint32_t *ids = malloc(CT_MAX_POSTINGS * sizeof *ids);
    size_t np = 0, first = out->n, nreps = 0, rcap = 0;
    group_rep *reps = NULL;
    groups g = {NULL, 0, 0}; /* group of each mention from `first` on */
    if (!ids)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    vk_status rc = VK_OK;
    if (xc_rdb_postlist(db, term, term_len, ids, CT_MAX_POSTINGS, &np) != XC_OK)
        rc = vk_fail(err, VK_EINDEX, _("reading the index: %s"), ix_index_error());
    for (size_t i = 0; rc == VK_OK && i < np; i++) {
        vk_arena scratch = VK_ARENA_INIT;
        ct_passage p[MAX_CITING_SECTIONS];
        ct_passages ps = {p, 0, VK_ARRAY_LEN(p)};
        /* The sections that cite it: the term marks their starts. */
        rc = ct_passages_read(db, ids[i], mark, &scratch, &ps, err);
        size_t ns = ps.n;
        if (rc == VK_OK && ns && p[0].doc.group && out->exclude_group &&
            strcmp(p[0].doc.group, out->exclude_group) == 0) {
            vk_arena_free(&scratch);
            continue;
        }
        if (rc == VK_OK && ns && p[0].doc.group)
            rc = note_rep(a, &reps, &nreps, &rcap, &p[0]);
        for (size_t k = 0; rc == VK_OK && k < ns; k++)
            rc = passage_mentions(a, &p[k], out, &g);
        vk_arena_free(&scratch);
    }
    free(ids);
    /* One copy of each citing document. */
    size_t w = first;
    for (size_t i = first; rc == VK_OK && i < out->n; i++) {
        int kept = 1;
        const char *grp = g.v[i - first];
        for (size_t r = 0; r < nreps && *grp; r++) {
            if (strcmp(reps[r].group, grp) == 0)
                kept = strcmp(reps[r].key, out->v[i].key) == 0;
        }
        if (kept)
            out->v[w++] = out->v[i];
    }
    if (rc == VK_OK)
        out->n = w;
    return rc == VK_ENOMEM ? vk_fail(err, rc, _("out of memory")) : rc;
}

static int
by_place(const void *pa, const void *pb)
{
    const ct_mention *a = pa, *b = pb;
    const char *da = a->doc_date ? a->doc_date : "", *db = b->doc_date ? b->doc_date : "";
    int cmp = strcmp(db, da); /* newest first, undated last */
    if (!cmp)
        cmp = strcmp(a->key, b->key);
    if (!cmp && a->order != b->order)
        cmp = a->order < b->order ? -1 : 1;
    if (!cmp)
        cmp = a->mark_start < b->mark_start ? -1 : a->mark_start > b->mark_start;
    return cmp;
}

void
ct_mentions_sort(ct_mention *v, size_t n)
{
    if (n > 1)
        qsort(v, n, sizeof *v, by_place);
}

/* ---------------------------------------------------------------------- */
/* What the mentions agree on                                             */
/* ---------------------------------------------------------------------- */

/* How two values of a string field agree. */
typedef int (*agree_fn)(const char *x, const char *y);

static int
type_agree(const char *x, const char *y)
{
    return ct_type_agree(x, NULL, y, NULL);
}

static int
quoted_subject_agree(const char *x, const char *y)
{
    return ct_subject_agree(x, 1, y);
}

/* Where a mention gives one field and how two of its values agree. */
typedef struct mention_field {
    int date;        /* the value is the mention's date (a cp_date) */
    size_t member;   /* else: offsetof the string in ct_mention */
    agree_fn agree;  /* ... and when two strings agree */
    int quoted_only; /* only two quoted values can disagree: unquoted
                        subjects paraphrase */
} mention_field;

/* The fields on which mentions of one thing may disagree, indexed by
 * field; the others have no entry. */
static const mention_field mfields[CT_F_COUNT] = {
    [CT_F_TYPE] = {0, offsetof(ct_mention, type_name), type_agree, 0},
    [CT_F_DATE] = {1, 0, NULL, 0},
    [CT_F_ISSUER] = {0, offsetof(ct_mention, issuer), ct_issuer_agree, 0},
    [CT_F_TERM] = {0, offsetof(ct_mention, term), ct_term_agree, 0},
    [CT_F_SUBJECT] = {0, offsetof(ct_mention, subject), quoted_subject_agree, 1},
};

/* Those fields, in the order their conflicts are listed. */
static const ct_field clustered[] = {CT_F_TYPE, CT_F_DATE, CT_F_ISSUER, CT_F_TERM, CT_F_SUBJECT};

/* The string field f of m (not the date), or NULL. */
static const char *
mention_str(const ct_mention *m, ct_field f)
{
    return *(const char *const *)((const char *)m + mfields[f].member);
}

/* Does m give field f? */
static int
mention_has(const ct_mention *m, ct_field f)
{
    return mfields[f].date ? m->date.year != 0 : mention_str(m, f) != NULL;
}

/* Do x and y, which both give field f, agree on it? */
static int
mention_same(const ct_mention *x, const ct_mention *y, ct_field f)
{
    if (mfields[f].date)
        return ct_date_equal(&x->date, &y->date);
    if (mfields[f].quoted_only && (!x->subject_quoted || !y->subject_quoted))
        return 1;
    return mfields[f].agree(mention_str(x, f), mention_str(y, f));
}

/* What m says of field f, as a conflict lists it ("28/11/2022"). */
static const char *
mention_text(vk_arena *a, const ct_mention *m, ct_field f)
{
    char buf[16];
    if (!mfields[f].date)
        return mention_str(m, f);
    ct_date_vi(&m->date, buf);
    return vk_arena_strndup(a, buf, strlen(buf));
}

/* Sorts k clusters by their count, most frequent first (insertion sort:
 * k is small), their representatives with them. */
static void
by_count(size_t *rep, size_t *count, size_t k)
{
    for (size_t i = 1; i < k; i++) {
        for (size_t j = i; j > 0 && count[j] > count[j - 1]; j--) {
            size_t t = count[j];
            count[j] = count[j - 1];
            count[j - 1] = t;
            t = rep[j];
            rep[j] = rep[j - 1];
            rep[j - 1] = t;
        }
    }
}

/* Clusters the mentions that give field f by agreement: *best receives a
 * mention of the largest cluster (n when none gives it) and, with two
 * clusters or more, conf lists them (else conf->n_values is 0). Returns
 * VK_OK or VK_ENOMEM. */
static vk_status
cluster(vk_arena *a, const ct_mention *v, size_t n, ct_field f, ct_conflict *conf, size_t *best)
{
    size_t *rep = vk_arena_alloc(a, (n + 1) * sizeof *rep);
    size_t *count = vk_arena_alloc(a, (n + 1) * sizeof *count), k = 0, bestc = 0;
    *best = n;
    conf->n_values = 0;
    if (!rep || !count)
        return VK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (!mention_has(&v[i], f))
            continue;
        size_t j = 0;
        while (j < k && !mention_same(&v[rep[j]], &v[i], f))
            j++;
        if (j == k) {
            rep[k] = i;
            count[k++] = 0;
        }
        if (++count[j] > bestc) {
            bestc = count[j];
            *best = rep[j];
        }
    }
    if (k < 2)
        return VK_OK;
    by_count(rep, count, k);
    *best = rep[0];
    if (!(conf->values = vk_arena_alloc(a, k * sizeof *conf->values)))
        return VK_ENOMEM;
    conf->field = f;
    conf->counts = count;
    conf->n_values = k;
    for (size_t i = 0; i < k; i++)
        conf->values[i] = mention_text(a, &v[rep[i]], f);
    return VK_OK;
}

/* The subject most mentions agree on: a quoted one if any, else the
 * shortest (an unquoted subject may run on into the sentence). */
static size_t
best_subject(const ct_mention *v, size_t n, size_t best)
{
    size_t pick = best;
    for (size_t i = 0; best < n && i < n; i++) {
        if (!v[i].subject || !mention_same(&v[i], &v[best], CT_F_SUBJECT))
            continue;
        if (v[i].subject_quoted > v[pick].subject_quoted ||
            (v[i].subject_quoted == v[pick].subject_quoted &&
             strlen(v[i].subject) < strlen(v[pick].subject)))
            pick = i;
    }
    return pick;
}

vk_status
ct_candidate_from_mentions(vk_arena *a, ct_mention *v, size_t n, ct_candidate *c)
{
    vk_status rc = VK_OK;
    memset(c, 0, sizeof *c);
    c->evidence = v;
    c->n_evidence = n;
    c->conflicts = vk_arena_alloc(a, VK_ARRAY_LEN(clustered) * sizeof *c->conflicts);
    if (!c->conflicts || n == 0)
        return c->conflicts ? VK_OK : VK_ENOMEM;
    size_t pick[CT_F_COUNT];
    for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(clustered); k++) {
        ct_conflict *conf = &c->conflicts[c->n_conflicts];
        rc = cluster(a, v, n, clustered[k], conf, &pick[clustered[k]]);
        c->n_conflicts += rc == VK_OK && conf->n_values > 0;
    }
    if (rc != VK_OK)
        return rc;
    c->number = v[0].cited_number;
    c->type_code = v[0].type_code;
    c->type = pick[CT_F_TYPE] < n ? v[pick[CT_F_TYPE]].type_name : NULL;
    if (!c->type && c->type_code && strcmp(c->type_code, "QĐ") != 0) {
        const cp_type *t = cp_type_by_code(c->type_code, strlen(c->type_code));
        c->type = t ? t->name : NULL;
    }
    if (pick[CT_F_DATE] < n)
        c->date = v[pick[CT_F_DATE]].date;
    c->issuer = pick[CT_F_ISSUER] < n ? v[pick[CT_F_ISSUER]].issuer : NULL;
    c->term = pick[CT_F_TERM] < n ? v[pick[CT_F_TERM]].term : NULL;
    size_t s = best_subject(v, n, pick[CT_F_SUBJECT]);
    c->title = s < n ? v[s].subject : NULL;
    c->subject_quoted = s < n && v[s].subject_quoted;
    c->plenum = v[0].plenum;
    c->congress = v[0].congress;
    vk_buf name = VK_BUF_INIT;
    if (!c->number && c->plenum)
        rc = vk_buf_printf(&name, "Trung ương %d", c->plenum);
    else if (!c->number && c->congress)
        rc = vk_buf_printf(&name, "Đại hội %s", c->congress);
    ct_title_kind kind = c->subject_quoted ? CT_TITLE_QUOTED : CT_TITLE_SUBJECT;
    const char *by = ct_issuer_display(c->issuer, a);
    ct_cite_parts p = {c->type, c->number, name.data, c->date, by, c->term, c->title, kind};
    if (rc == VK_OK)
        c->citation = ct_citation_format(a, &p);
    vk_buf_free(&name);
    return rc == VK_OK && !c->citation ? VK_ENOMEM : rc;
}
