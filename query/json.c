/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * json.c: the JSON of search results and documents, shared by `vankien
 * --json` and the daemon's API, so that both say the same thing.
 */
#include <jansson.h>
#include <string.h>

#include "common/utf8.h"
#include "query/qr.h"

static json_t *
jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* The highlights of a snippet as [start, end] pairs of byte offsets
 * ("highlights") or of UTF-16 code units ("highlights16", JavaScript's
 * string indices), or NULL when out of memory. */
static json_t *
marks_json(const qr_hit *h, int utf16)
{
    json_t *a = json_array();
    size_t len = h->snippet ? strlen(h->snippet) : 0;
    for (size_t k = 0; a && k < h->n_marks; k++) {
        size_t s = h->marks[2 * k], e = h->marks[2 * k + 1];
        if (utf16) {
            s = vk_utf16_offset(h->snippet, len, s);
            e = vk_utf16_offset(h->snippet, len, e);
        }
        json_array_append_new(a, json_pack("[I,I]", (json_int_t)s, (json_int_t)e));
    }
    return a;
}

/* A hit, or NULL when out of memory. */
static json_t *
hit_json(const qr_hit *h, json_int_t rank)
{
    json_t *x = json_object(), *crumbs = json_array(), *marks = marks_json(h, 0);
    json_t *marks16 = marks_json(h, 1);
    json_t *sec = json_object(), *copies = json_array();
    /* Each container goes into x, or is freed if x cannot take it. */
    int ok = x && crumbs && marks && marks16 && sec && copies;
    json_object_set_new(x, "rank", json_integer(rank));
    json_object_set_new(x, "key", jstr_or_null(h->key));
    json_object_set_new(x, "nondoc", jstr_or_null(h->nondoc));
    json_object_set_new(x, "number", jstr_or_null(h->number));
    json_object_set_new(x, "type", jstr_or_null(h->type));
    json_object_set_new(x, "type_code", jstr_or_null(h->type_code));
    json_object_set_new(x, "date", jstr_or_null(h->date));
    json_object_set_new(x, "title", jstr_or_null(h->title));
    json_object_set_new(x, "path", jstr_or_null(h->path));
    json_object_set_new(sec, "label", jstr_or_null(h->label));
    json_object_set_new(sec, "display", jstr_or_null(h->display ? h->display : h->label));
    json_object_set_new(sec, "kind", jstr_or_null(h->kind));
    json_object_set_new(sec, "heading", jstr_or_null(h->heading));
    for (size_t k = 0; k < h->n_crumbs; k++)
        json_array_append_new(crumbs, json_string(h->crumbs[k]));
    json_object_set_new(sec, "breadcrumb", crumbs);
    json_object_set_new(x, "section", sec);
    json_object_set_new(x, "snippet", jstr_or_null(h->snippet));
    json_object_set_new(x, "highlights", marks);
    json_object_set_new(x, "highlights16", marks16);
    json_object_set_new(x, "score", json_real(h->score));
    json_object_set_new(x, "percent", json_integer(h->percent));
    json_object_set_new(x, "other_sections", json_integer(h->other_sections));
    json_object_set_new(x, "issuer", jstr_or_null(h->issuer));
    for (size_t k = 0; k < h->n_copies; k++) {
        const char *sp = strchr(h->copies[k], ' ');
        json_array_append_new(copies, json_pack("{s:s#, s:s}", "key", h->copies[k],
                                                (int)(sp ? sp - h->copies[k] : 0), "path",
                                                sp ? sp + 1 : ""));
    }
    json_object_set_new(x, "copies", copies);
    if (!ok) {
        json_decref(x);
        return NULL;
    }
    return x;
}

vk_status
qr_results_json(const qr_results *r, json_t **out)
{
    json_t *o = json_object(), *arr = json_array(), *facets = json_object();
    int ok = o && arr && facets;
    json_object_set_new(o, "query", jstr_or_null(r->query));
    json_object_set_new(o, "total", json_integer(r->total));
    json_object_set_new(o, "offset", json_integer(r->offset));
    for (size_t i = 0; i < r->n_hits; i++) {
        json_t *x = hit_json(&r->hits[i], (json_int_t)(r->offset + i + 1));
        ok = ok && x;
        json_array_append_new(arr, x);
    }
    json_object_set_new(o, "results", arr);
    const struct {
        const char *name;
        const qr_facet *v;
        size_t n;
    } fs[] = {{"type", r->types, r->n_types},
              {"year", r->years, r->n_years},
              {"issuer", r->issuers, r->n_issuers},
              {"kind", r->kinds, r->n_kinds}};
    for (size_t k = 0; k < VK_ARRAY_LEN(fs); k++) {
        json_t *a = json_array();
        ok = ok && a;
        for (size_t i = 0; i < fs[k].n; i++)
            json_array_append_new(a, json_pack("{s:s, s:i}", "value", fs[k].v[i].value, "count",
                                               (int)fs[k].v[i].count));
        json_object_set_new(facets, fs[k].name, a);
    }
    json_object_set_new(o, "facets", facets);
    json_object_set_new(o, "suggestion", jstr_or_null(r->suggestion));
    json_object_set_new(o, "notice", jstr_or_null(r->notice));
    json_object_set_new(o, "took_ms", json_real(r->elapsed_ms));
    *out = ok ? o : NULL;
    if (!ok)
        json_decref(o);
    return ok ? VK_OK : VK_ENOMEM;
}

/* A section, or NULL when out of memory. */
static json_t *
section_json(const qr_section *s, int with_text)
{
    json_t *o = json_object(), *crumbs = json_array();
    if (!o || !crumbs) {
        json_decref(o);
        json_decref(crumbs);
        return NULL;
    }
    json_object_set_new(o, "label", json_string(s->label));
    json_object_set_new(o, "display", json_string(s->display));
    json_object_set_new(o, "kind", json_string(s->kind));
    json_object_set_new(o, "heading", json_string(s->heading));
    for (size_t k = 0; k < s->n_crumbs; k++)
        json_array_append_new(crumbs, json_string(s->crumbs[k]));
    json_object_set_new(o, "breadcrumb", crumbs);
    if (with_text)
        json_object_set_new(o, "text", jstr_or_null(s->text));
    return o;
}

vk_status
qr_document_json(const qr_document *d, const qr_section *only, json_t **out)
{
    json_t *o = json_object();
    int ok = o != NULL;
    json_object_set_new(o, "key", jstr_or_null(d->key));
    json_object_set_new(o, "nondoc", jstr_or_null(d->nondoc));
    json_object_set_new(o, "number", jstr_or_null(d->number));
    json_object_set_new(o, "type", jstr_or_null(d->type));
    json_object_set_new(o, "type_code", jstr_or_null(d->type_code));
    json_object_set_new(o, "date", jstr_or_null(d->date));
    json_object_set_new(o, "place", jstr_or_null(d->place));
    json_object_set_new(o, "issuer", jstr_or_null(d->issuer));
    json_object_set_new(o, "title", jstr_or_null(d->title));
    json_object_set_new(o, "conference", jstr_or_null(d->conference));
    json_object_set_new(o, "term", jstr_or_null(d->term));
    json_object_set_new(o, "signer", jstr_or_null(d->signer));
    json_object_set_new(o, "path", jstr_or_null(d->path));
    if (only) {
        json_t *sec = section_json(only, 1);
        ok = ok && sec;
        json_object_set_new(o, "section", sec);
    } else {
        json_t *a = json_array();
        ok = ok && a;
        for (size_t i = 0; ok && i < d->n_sections; i++) {
            json_t *sec = section_json(&d->sections[i], 0);
            ok = sec != NULL;
            json_array_append_new(a, sec);
        }
        json_object_set_new(o, "sections", a);
    }
    *out = ok ? o : NULL;
    if (!ok)
        json_decref(o);
    return ok ? VK_OK : VK_ENOMEM;
}
