/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ix_passage.c: the codec of the data stored with each passage (see
 * ix_passage.h): the one place that names the stored fields.
 */
#include <jansson.h>
#include <stddef.h>
#include <string.h>

#include "indexer/ix_passage.h"

/* Marks the breadcrumb in the table below: an array, not a string. */
#define CRUMBS ((size_t)-1)

/* The stored members, in the order they are written: the stored bytes
 * depend on it. */
static const struct {
    const char *name;
    size_t offset; /* of the string in ix_passage, or CRUMBS */
} fields[] = {
    {"key", offsetof(ix_passage, key)},
    {"path", offsetof(ix_passage, path)},
    {"nondoc", offsetof(ix_passage, nondoc)},
    {"number", offsetof(ix_passage, number)},
    {"type", offsetof(ix_passage, type)},
    {"type_code", offsetof(ix_passage, type_code)},
    {"date", offsetof(ix_passage, date)},
    {"title", offsetof(ix_passage, title)},
    {"issuer", offsetof(ix_passage, issuer)},
    {"term", offsetof(ix_passage, term)},
    {"conference", offsetof(ix_passage, conference)},
    {"place", offsetof(ix_passage, place)},
    {"signer", offsetof(ix_passage, signer)},
    {"label", offsetof(ix_passage, label)},
    {"display", offsetof(ix_passage, display)},
    {"kind", offsetof(ix_passage, kind)},
    {"heading", offsetof(ix_passage, heading)},
    {"breadcrumb", CRUMBS},
    {"text", offsetof(ix_passage, text)},
};

static const char *
get_str(const ix_passage *p, size_t offset)
{
    const char *const *s = (const char *const *)(const void *)((const char *)p + offset);
    return *s;
}

static const char **
str_at(ix_passage *p, size_t offset)
{
    return (const char **)(void *)((char *)p + offset);
}

static json_t *
crumbs_json(const ix_passage *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < p->n_crumbs; i++)
        json_array_append_new(arr, json_string(p->crumbs[i]));
    return arr;
}

/* json_dump_callback's sink: appends to a vk_buf. */
static int
put_bytes(const char *buffer, size_t size, void *data)
{
    return vk_buf_append(data, buffer, size) == VK_OK ? 0 : -1;
}

vk_status
ix_passage_encode(const ix_passage *p, vk_buf *out)
{
    json_t *o = json_object();
    if (!o)
        return VK_ENOMEM;
    for (size_t i = 0; i < VK_ARRAY_LEN(fields); i++) {
        const char *s = fields[i].offset == CRUMBS ? NULL : get_str(p, fields[i].offset);
        json_t *v = fields[i].offset == CRUMBS ? crumbs_json(p) : s ? json_string(s) : json_null();
        /* A string that is not UTF-8 (v NULL) is left out, as the
         * decoder's NULL says. */
        json_object_set_new(o, fields[i].name, v);
    }
    int rc = json_dump_callback(o, put_bytes, out, JSON_COMPACT);
    json_decref(o);
    return rc == 0 ? VK_OK : VK_ENOMEM;
}

/* The breadcrumb of o copied into arena; its members that are not strings
 * are skipped. */
static vk_status
crumbs_read(json_t *o, vk_arena *arena, ix_passage *out)
{
    json_t *arr = json_object_get(o, "breadcrumb");
    size_t n = json_array_size(arr);
    if (n == 0)
        return VK_OK;
    out->crumbs = vk_arena_alloc(arena, n * sizeof *out->crumbs);
    if (!out->crumbs)
        return VK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(arr, i);
        if (!json_is_string(c))
            continue;
        out->crumbs[out->n_crumbs] =
            vk_arena_strndup(arena, json_string_value(c), json_string_length(c));
        if (!out->crumbs[out->n_crumbs++])
            return VK_ENOMEM;
    }
    return VK_OK;
}

vk_status
ix_passage_decode(const char *data, size_t len, vk_arena *arena, ix_passage *out)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *o = data ? json_loadb(data, len, 0, &jerr) : NULL;
    if (!json_is_object(o)) {
        json_decref(o);
        return VK_EINVAL;
    }
    vk_status rc = VK_OK;
    for (size_t i = 0; rc == VK_OK && i < VK_ARRAY_LEN(fields); i++) {
        json_t *v = json_object_get(o, fields[i].name);
        if (fields[i].offset == CRUMBS) {
            rc = crumbs_read(o, arena, out);
        } else if (json_is_string(v)) {
            const char **s = str_at(out, fields[i].offset);
            *s = vk_arena_strndup(arena, json_string_value(v), json_string_length(v));
            rc = *s ? VK_OK : VK_ENOMEM;
        }
    }
    json_decref(o);
    return rc;
}
