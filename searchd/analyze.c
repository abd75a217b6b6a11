/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze.c: GET /api/analyze: the tokens the analyzer makes of a text, as
 * `vankien analyze --json` prints them (cli/cmd_analyze.c), each token's
 * byte offsets also in UTF-16 code units for browsers.
 */
#include <jansson.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/lexicon.h"
#include "common/utf8.h"
#include "searchd/sd_internal.h"

/* One token, or NULL when out of memory. */
static json_t *
token_json(const char *text, size_t len, const an_token *k)
{
    return json_pack("{s:I, s:s, s:b, s:I, s:s#, s:s#, s:s#, s:I, s:I, s:I, s:I, s:b}", "position",
                     (json_int_t)k->pos, "kind", an_kind_name(k->kind), "overlay", k->overlay,
                     "span", (json_int_t)k->span, "text", text + k->start, (int)(k->end - k->start),
                     "exact", k->exact, (int)k->exact_len, "folded", k->folded, (int)k->folded_len,
                     "start", (json_int_t)k->start, "end", (json_int_t)k->end, "start16",
                     (json_int_t)vk_utf16_offset(text, len, k->start), "end16",
                     (json_int_t)vk_utf16_offset(text, len, k->end), "stopword",
                     an_is_stopword(k->exact, k->exact_len));
}

/* The abbreviations the plain tokens start, or NULL when out of memory. */
static json_t *
abbreviations_json(const char *text, const an_tokens *t)
{
    json_t *ab = json_array();
    for (size_t i = 0; ab && i < t->n; i++) {
        an_abbrev_hit m[4];
        for (int side = 0; side < 2 && !t->v[i].overlay; side++) {
            size_t n = an_abbrev_match(text, t, i, side ? AN_ABBREV_FULL : AN_ABBREV_SHORT, m, 4);
            for (size_t k = 0; k < n; k++)
                json_array_append_new(ab, json_pack("{s:I, s:s, s:s}", "position",
                                                    (json_int_t)t->v[i].pos, "abbreviation",
                                                    m[k].entry->abbr, "full", m[k].entry->full));
        }
    }
    return ab;
}

json_t *
sd_analyze_json(const char *text, size_t len)
{
    an_tokens t = AN_TOKENS_INIT;
    if (an_analyze(text, len, 0, &t) != VK_OK)
        return NULL;
    json_t *o = json_object(), *arr = json_array();
    int ok = o && arr;
    json_object_set_new(o, "text", json_stringn(text, len));
    for (size_t i = 0; ok && i < t.n; i++) {
        json_t *x = token_json(text, len, &t.v[i]);
        ok = x && json_array_append_new(arr, x) == 0;
    }
    json_object_set_new(o, "tokens", arr);
    json_t *ab = ok ? abbreviations_json(text, &t) : NULL;
    ok = ok && ab && json_object_set_new(o, "abbreviations", ab) == 0;
    an_tokens_free(&t);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}
