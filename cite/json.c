/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json.c: the JSON of citation look-ups, cited-by lists and draft
 * checks, shared by `vankien cite|cites|check --json` and the daemon so
 * that both say the same thing.
 */
#include <jansson.h>
#include <string.h>

#include "cite/ct.h"
#include "common/utf8.h"

static json_t *
jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* A text whose byte offsets are converted to UTF-16 units, and where the
 * last conversion stopped (offsets in increasing order cost one pass). */
typedef struct utf16_text {
    const char *s;
    size_t len;
    vk_utf16_pos pos;
} utf16_text;

/* Adds the UTF-16 equivalents (JavaScript's string indices) of the byte
 * offsets start and end into t: "start16" and "end16" in o, or, with
 * `pair` set, o[pair] = [start16, end16]. */
static void
add_utf16(json_t *o, const char *pair, utf16_text *t, size_t start, size_t end)
{
    json_int_t s = (json_int_t)vk_utf16_offset_next(t->s, t->len, start, &t->pos);
    json_int_t e = (json_int_t)vk_utf16_offset_next(t->s, t->len, end, &t->pos);
    if (pair) {
        json_object_set_new(o, pair, json_pack("[I,I]", s, e));
        return;
    }
    json_object_set_new(o, "start16", json_integer(s));
    json_object_set_new(o, "end16", json_integer(e));
}

static json_t *
jdate(const cp_date *d)
{
    char iso[11];
    return d->year ? json_string(cp_date_iso(d, iso)) : json_null();
}

static json_t *
fields(unsigned bits)
{
    json_t *a = json_array();
    for (int f = 0; f < CT_F_COUNT; f++) {
        if (bits & CT_F_BIT(f))
            json_array_append_new(a, json_string(ct_field_name((ct_field)f)));
    }
    return a;
}

static json_t *
ref_json(const ct_ref *r)
{
    json_t *o = json_object();
    json_object_set_new(o, "key", jstr(r->key));
    json_object_set_new(o, "type", jstr(r->type_name));
    json_object_set_new(o, "type_code", jstr(r->type_code));
    json_object_set_new(o, "number", jstr(r->number));
    json_object_set_new(o, "num", jstr(r->num));
    json_object_set_new(o, "issuer_code", jstr(r->issuer_code));
    json_object_set_new(o, "date", jdate(&r->date));
    json_object_set_new(o, "issuer", jstr(r->issuer));
    json_object_set_new(o, "term", jstr(r->term));
    json_object_set_new(o, "plenum", r->plenum ? json_integer(r->plenum) : json_null());
    json_object_set_new(o, "congress", jstr(r->congress));
    json_object_set_new(o, "subject", jstr(r->subject));
    json_object_set_new(o, "section", jstr(r->section));
    return o;
}

/* One mention: where, what it says, and a snippet. */
static json_t *
mention_json(const ct_mention *m, int with_doc)
{
    json_t *o = json_object(), *says = json_object();
    if (with_doc) {
        json_object_set_new(o, "key", jstr(m->key));
        json_object_set_new(o, "number", jstr(m->number));
        json_object_set_new(o, "type", jstr(m->type));
    }
    json_object_set_new(o, "section", jstr(m->label));
    json_object_set_new(o, "heading", jstr(m->heading));
    json_object_set_new(o, "relation", jstr(m->relation));
    json_object_set_new(o, "text", jstr(m->text));
    json_object_set_new(o, "cited_number", jstr(m->cited_number));
    json_object_set_new(o, "informal", jstr(m->informal));
    json_object_set_new(says, "type", jstr(m->type_name));
    json_object_set_new(says, "date", jdate(&m->date));
    json_object_set_new(says, "issuer", jstr(m->issuer));
    json_object_set_new(says, "term", jstr(m->term));
    json_object_set_new(says, "subject", jstr(m->subject));
    json_object_set_new(o, "says", says);
    json_object_set_new(o, "snippet", jstr(m->snippet));
    json_object_set_new(o, "highlight",
                        json_pack("[I,I]", (json_int_t)m->mark_start, (json_int_t)m->mark_end));
    add_utf16(o, "highlight16",
              &(utf16_text){m->snippet, m->snippet ? strlen(m->snippet) : 0, {0, 0}}, m->mark_start,
              m->mark_end);
    return o;
}

static json_t *
conflicts_json(const ct_candidate *c)
{
    json_t *a = json_array();
    for (size_t i = 0; i < c->n_conflicts; i++) {
        const ct_conflict *x = &c->conflicts[i];
        json_t *vals = json_array();
        for (size_t k = 0; k < x->n_values; k++)
            json_array_append_new(vals, json_pack("{s:s?, s:I}", "value", x->values[k], "count",
                                                  (json_int_t)x->counts[k]));
        json_array_append_new(
            a, json_pack("{s:s, s:o}", "field", ct_field_name(x->field), "values", vals));
    }
    return a;
}

static json_t *
candidate_json(const ct_candidate *c, size_t rank)
{
    json_t *o = json_object(), *copies = json_array();
    json_object_set_new(o, "rank", json_integer((json_int_t)rank));
    json_object_set_new(o, "in_corpus", json_boolean(c->in_corpus));
    json_object_set_new(o, "key", jstr(c->key));
    for (size_t k = 0; k < c->n_copies; k++)
        json_array_append_new(copies, json_string(c->copies[k]));
    json_object_set_new(o, "copies", copies);
    json_object_set_new(o, "number", jstr(c->number));
    json_object_set_new(o, "type", jstr(c->type));
    json_object_set_new(o, "type_code", jstr(c->type_code));
    json_object_set_new(o, "date", jdate(&c->date));
    json_object_set_new(o, "issuer", jstr(c->issuer));
    json_object_set_new(o, "term", jstr(c->term));
    json_object_set_new(o, "conference", jstr(c->conference));
    json_object_set_new(o, "plenum", c->plenum ? json_integer(c->plenum) : json_null());
    json_object_set_new(o, "congress", jstr(c->congress));
    json_object_set_new(o, "title", jstr(c->title));
    json_object_set_new(o, "path", jstr(c->path));
    json_object_set_new(o, "citation", jstr(c->citation));
    json_object_set_new(o, "matched", fields(c->matched));
    json_object_set_new(o, "mismatched", fields(c->mismatched));
    json_object_set_new(o, "score", json_real(c->score));
    json_object_set_new(o, "section",
                        c->section_citation
                            ? json_pack("{s:s?, s:s?, s:s?, s:s}", "label", c->section_label,
                                        "display", c->section_display, "heading",
                                        c->section_heading, "citation", c->section_citation)
                            : json_null());
    json_t *ev = json_array();
    for (size_t k = 0; k < c->n_evidence; k++)
        json_array_append_new(ev, mention_json(&c->evidence[k], 1));
    json_object_set_new(o, "evidence", ev);
    json_object_set_new(o, "conflicts", conflicts_json(c));
    return o;
}

json_t *
ct_resolution_json(const ct_resolution *r)
{
    json_t *o = json_object(), *a = json_array();
    if (!o || !a) {
        json_decref(o);
        json_decref(a);
        return NULL;
    }
    json_object_set_new(o, "query", jstr(r->ref.text));
    json_object_set_new(o, "parsed", ref_json(&r->ref));
    for (size_t i = 0; i < r->n_cands; i++)
        json_array_append_new(a, candidate_json(&r->cands[i], i + 1));
    json_object_set_new(o, "candidates", a);
    json_object_set_new(o, "notice", jstr(r->notice));
    return o;
}

json_t *
ct_citedby_json(const ct_citedby *c)
{
    json_t *o = json_object(), *docs = json_array();
    if (!o || !docs) {
        json_decref(o);
        json_decref(docs);
        return NULL;
    }
    json_object_set_new(o, "key", jstr(c->key));
    json_object_set_new(o, "number", jstr(c->number));
    json_object_set_new(o, "citation", jstr(c->citation));
    json_object_set_new(o, "in_corpus", json_boolean(c->key != NULL));
    json_object_set_new(o, "passages", json_integer((json_int_t)c->n_mentions));
    for (size_t i = 0; i < c->n_docs; i++) {
        const ct_citing_doc *d = &c->docs[i];
        json_t *x = json_object(), *ms = json_array();
        json_object_set_new(x, "key", jstr(d->key));
        json_object_set_new(x, "number", jstr(d->number));
        json_object_set_new(x, "type", jstr(d->type));
        json_object_set_new(x, "title", jstr(d->title));
        json_object_set_new(x, "date", jstr(d->date));
        for (size_t k = d->first; k < d->first + d->count; k++)
            json_array_append_new(ms, mention_json(&c->mentions[k], 0));
        json_object_set_new(x, "mentions", ms);
        json_array_append_new(docs, x);
    }
    json_object_set_new(o, "documents", docs);
    return o;
}

/* {"start", "end", "start16", "end16", "replaced", "text"}: the bytes (and
 * UTF-16 units) of the checked text finding f's replacement replaces at one
 * of its places, the words there, and what to write instead. */
static json_t *
replace_json(utf16_text *t, size_t start, size_t end, const ct_finding *f)
{
    json_t *r = json_object();
    json_object_set_new(r, "start", json_integer((json_int_t)start));
    json_object_set_new(r, "end", json_integer((json_int_t)end));
    add_utf16(r, NULL, t, start, end);
    /* The words at this place, as written (a repeat may write them
     * otherwise: "20/11/2022", "ngày 20 tháng 11 năm 2022"). */
    json_object_set_new(r, "replaced",
                        t->s && end <= t->len && start <= end
                            ? json_stringn(t->s + start, end - start)
                            : jstr(f->replaced));
    json_object_set_new(r, "text", jstr(f->replacement));
    return r;
}

/* The draft's summary: documents and citations, quotes, and the problems
 * by field ({"date": {"errors": 1, "warnings": 0}, ...}: fields with one). */
static json_t *
summary_json(const ct_check *c)
{
    json_t *o = json_object(), *by = json_object();
    json_object_set_new(o, "documents", json_integer((json_int_t)c->n_documents));
    json_object_set_new(o, "unknown", json_integer((json_int_t)c->n_unknown));
    json_object_set_new(o, "citations", json_integer((json_int_t)c->n_citations));
    json_object_set_new(o, "quotes", json_integer((json_int_t)c->n_quotes));
    json_object_set_new(o, "ok", json_integer((json_int_t)c->n_ok));
    json_object_set_new(o, "warnings", json_integer((json_int_t)c->n_warnings));
    json_object_set_new(o, "errors", json_integer((json_int_t)c->n_errors));
    for (int f = 0; f < CT_F_COUNT; f++) {
        if (!c->field_errors[f] && !c->field_warnings[f])
            continue;
        json_t *x = json_object();
        json_object_set_new(x, "errors", json_integer((json_int_t)c->field_errors[f]));
        json_object_set_new(x, "warnings", json_integer((json_int_t)c->field_warnings[f]));
        json_object_set_new(by, ct_field_name((ct_field)f), x);
    }
    json_object_set_new(o, "by_field", by);
    return o;
}

json_t *
ct_check_json(const ct_check *c)
{
    json_t *o = json_object(), *a = json_array();
    if (!o || !a) {
        json_decref(o);
        json_decref(a);
        return NULL;
    }
    utf16_text text = {c->text, c->text_len, {0, 0}};
    json_object_set_new(o, "file", jstr(c->name));
    json_object_set_new(o, "encoding", jstr(c->encoding));
    json_object_set_new(o, "citations", json_integer((json_int_t)c->n_citations));
    json_object_set_new(o, "quotes", json_integer((json_int_t)c->n_quotes));
    json_object_set_new(o, "ok", json_integer((json_int_t)c->n_ok));
    json_object_set_new(o, "warnings", json_integer((json_int_t)c->n_warnings));
    json_object_set_new(o, "errors", json_integer((json_int_t)c->n_errors));
    for (size_t i = 0; i < c->n_findings; i++) {
        const ct_finding *f = &c->findings[i];
        json_t *x = json_object();
        json_object_set_new(x, "severity", json_string(ct_severity_name(f->severity)));
        json_object_set_new(x, "field", json_string(ct_field_name(f->field)));
        json_object_set_new(x, "line", json_integer((json_int_t)f->line));
        json_object_set_new(x, "column", json_integer((json_int_t)f->col));
        json_object_set_new(x, "start", json_integer((json_int_t)f->start));
        json_object_set_new(x, "end", json_integer((json_int_t)f->end));
        add_utf16(x, NULL, &text, f->start, f->end);
        json_object_set_new(x, "cited", jstr(f->cited));
        json_object_set_new(x, "message", jstr(f->message));
        json_object_set_new(x, "suggestion", jstr(f->suggestion));
        json_object_set_new(x, "key", jstr(f->key));
        json_object_set_new(x, "number", jstr(f->number));
        json_object_set_new(x, "citation", jstr(f->citation));
        if (f->replacement)
            json_object_set_new(x, "replace", replace_json(&text, f->repl_start, f->repl_end, f));
        if (f->n_also) {
            json_t *also = json_array();
            for (size_t k = 0; k < f->n_also; k++) {
                const ct_place *p = &f->also[k];
                json_t *y = json_object();
                json_object_set_new(y, "line", json_integer((json_int_t)p->line));
                json_object_set_new(y, "column", json_integer((json_int_t)p->col));
                json_object_set_new(y, "start", json_integer((json_int_t)p->start));
                json_object_set_new(y, "end", json_integer((json_int_t)p->end));
                add_utf16(y, NULL, &text, p->start, p->end);
                if (f->replacement)
                    json_object_set_new(y, "replace",
                                        replace_json(&text, p->repl_start, p->repl_end, f));
                json_array_append_new(also, y);
            }
            json_object_set_new(x, "also", also);
        }
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "findings", a);
    json_object_set_new(o, "summary", summary_json(c));
    return o;
}
