/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ix_passage.c: the codec of the data stored with each passage (see
 * ix_passage.h): the one place that names the stored fields.
 */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

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

/* ---------------------------------------------------------------------- */
/* Reading the compact form without a JSON tree                           */
/* ---------------------------------------------------------------------- */

/* The bytes as ix_passage_encode writes them (jansson, JSON_COMPACT: no
 * spaces, members of the table above, strings with the short escapes) are
 * read in one pass, each string copied once into the arena: a passage's
 * text is read for every result, and a JSON tree of it cost more than
 * cutting its snippet. Anything else (a \u escape, a space, an unknown or
 * repeated member, a value of another type, bytes that are not UTF-8 as
 * jansson checks them) is left to jansson (fast_decode returns 0), which
 * then gives the same fields or the same error. */

/* Bytes of the UTF-8 sequence at s[0 .. n) (s[0] >= 0x80), or 0 when it is
 * not one jansson accepts: no overlong form, no surrogate, <= U+10FFFF
 * (the ranges of the second byte that the lead byte allows, RFC 3629). */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t l = c >= 0xC2 && c <= 0xDF   ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (l == 0 || l > n)
        return 0;
    unsigned lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < l; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    }
    return l;
}

/* Nonzero for a byte that stands for itself in a JSON string: ASCII, not
 * a quote, a backslash or a control character. */
static int
is_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The JSON string at d[*i] (its opening quote) copied, unescaped, into the
 * arena as *out; *i moves past it. Returns 1, 0 (not for the fast path) or
 * -1 (out of memory). */
static int
fast_string(const char *d, size_t len, size_t *i, vk_arena *arena, const char **out)
{
    const unsigned char *s = (const unsigned char *)d;
    size_t k = *i + 1, escapes = 0;
    for (;;) {
        while (k < len && is_plain(s[k]))
            k++;
        if (k >= len || s[k] < 0x20)
            return 0;
        if (s[k] == '"')
            break;
        if (s[k] == '\\') {
            if (k + 1 >= len || !strchr("\"\\/bfnrt", d[k + 1]) || !d[k + 1])
                return 0;
            k += 2;
            escapes++;
        } else {
            size_t l = utf8_seq(s + k, len - k);
            if (!l)
                return 0;
            k += l;
        }
    }
    char *o = vk_arena_alloc(arena, k - *i);
    if (!o)
        return -1;
    size_t n = 0, j = *i + 1;
    while (escapes) {
        const char *b = memchr(d + j, '\\', k - j);
        size_t run = (size_t)(b - (d + j));
        memcpy(o + n, d + j, run);
        n += run;
        j += run + 1;
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        o[n++] = to[strchr(from, d[j++]) - from];
        escapes--;
    }
    memcpy(o + n, d + j, k - j);
    n += k - j;
    o[n] = '\0';
    *out = o;
    *i = k + 1;
    return 1;
}

/* The breadcrumb's array at d[*i] ('['), strings only. */
static int
fast_crumbs(const char *d, size_t len, size_t *i, vk_arena *arena, ix_passage *out)
{
    const char *v[64];
    size_t n = 0, k = *i + 1;
    while (k < len && d[k] != ']') {
        if (n == VK_ARRAY_LEN(v) || d[k] != '"')
            return 0;
        int rc = fast_string(d, len, &k, arena, &v[n++]);
        if (rc != 1)
            return rc;
        if (k + 1 < len && d[k] == ',' && d[k + 1] == '"')
            k++;
        else if (k >= len || d[k] != ']')
            return 0;
    }
    if (k >= len)
        return 0;
    if (n) {
        out->crumbs = vk_arena_alloc(arena, n * sizeof *out->crumbs);
        if (!out->crumbs)
            return -1;
        memcpy(out->crumbs, v, n * sizeof *v);
        out->n_crumbs = n;
    }
    *i = k + 1;
    return 1;
}

/* The member of the table named d[from .. to), or -1. */
static int
field_named(const char *d, size_t from, size_t to)
{
    for (size_t f = 0; f < VK_ARRAY_LEN(fields); f++) {
        if (strlen(fields[f].name) == to - from && memcmp(fields[f].name, d + from, to - from) == 0)
            return (int)f;
    }
    return -1;
}

/* One member at d[*i] (its name's quote): its value read into out. */
static int
fast_member(const char *d, size_t len, size_t *i, uint32_t *seen, vk_arena *arena, ix_passage *out)
{
    size_t k = *i + 1, name = k;
    while (k < len && d[k] != '"' && d[k] != '\\')
        k++;
    int f = k < len && d[k] == '"' ? field_named(d, name, k) : -1;
    if (f < 0 || (*seen & (1u << f)) || k + 2 >= len || d[k + 1] != ':')
        return 0;
    *seen |= 1u << f;
    k += 2;
    int rc = 1;
    if (len - k >= 4 && memcmp(d + k, "null", 4) == 0)
        k += 4;
    else if (fields[f].offset == CRUMBS && d[k] == '[')
        rc = fast_crumbs(d, len, &k, arena, out);
    else if (fields[f].offset != CRUMBS && d[k] == '"')
        rc = fast_string(d, len, &k, arena, str_at(out, fields[f].offset));
    else
        rc = 0;
    *i = k;
    return rc;
}

/* Returns 1 (read), 0 (left to jansson) or -1 (out of memory). */
static int
fast_decode(const char *d, size_t len, vk_arena *arena, ix_passage *out)
{
    if (len < 2 || d[0] != '{')
        return 0;
    uint32_t seen = 0;
    size_t i = 1;
    while (i < len && d[i] == '"') {
        int rc = fast_member(d, len, &i, &seen, arena, out);
        if (rc != 1)
            return rc;
        if (i + 1 < len && d[i] == ',' && d[i + 1] == '"')
            i++;
        else if (i >= len || d[i] != '}')
            return 0;
    }
    return i + 1 == len && d[i] == '}';
}

vk_status
ix_passage_decode(const char *data, size_t len, vk_arena *arena, ix_passage *out)
{
    memset(out, 0, sizeof *out);
    int fast = data ? fast_decode(data, len, arena, out) : 0;
    if (fast != 0)
        return fast == 1 ? VK_OK : VK_ENOMEM;
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

/* ---------------------------------------------------------------------- */
/* A document's record                                                    */
/* ---------------------------------------------------------------------- */

/* Appends s with its tabs and line breaks as spaces, then `end`. */
static vk_status
put_field(vk_buf *out, const char *s, char end)
{
    size_t from = out->len;
    vk_status rc = vk_buf_puts(out, s ? s : "");
    for (size_t i = from; rc == VK_OK && i < out->len; i++) {
        if (out->data[i] == '\t' || out->data[i] == '\n' || out->data[i] == '\r')
            out->data[i] = ' ';
    }
    return rc == VK_OK ? vk_buf_putc(out, end) : rc;
}

/* zlib's level for the stored texts: its fast matcher (levels 1 to 3).
 * On 42 MB of the real crawl, against the default (6): 2.4 % fewer
 * instructions indexing (cachegrind, 3.8 MB), the docdata table 7.5 %
 * larger and the index 1.3 % (level 1: the same instructions, the
 * docdata table 15 % larger). */
#define DEFLATE_LEVEL 3

/* Appends text[0 .. len) deflated to out. */
static vk_status
put_deflated(vk_buf *out, const char *text, size_t len)
{
    uLongf zl = compressBound((uLong)len);
    if (vk_buf_reserve(out, zl) != VK_OK)
        return VK_ENOMEM;
    int z = compress2((Bytef *)out->data + out->len, &zl, (const Bytef *)text, (uLong)len,
                      DEFLATE_LEVEL);
    if (z != Z_OK)
        return VK_ENOMEM;
    out->len += zl;
    return VK_OK;
}

/* The texts of r in chunks, each section's strings line ("label display
 * heading crumb", tab-separated) before its text, deflated one after the
 * other into z; each chunk's "stored plain" line into lines; each
 * section's chunk and offset in it into at[] (two per section). */
static vk_status
put_chunks(const ix_record *r, vk_buf *z, vk_buf *lines, size_t *at, size_t *n_chunks)
{
    vk_status rc = VK_OK;
    vk_buf chunk = VK_BUF_INIT;
    size_t from = 0; /* the next section's text in body */
    *n_chunks = 0;
    for (size_t i = 0; rc == VK_OK && i <= r->n_sections; i++) {
        const ix_section *s = i < r->n_sections ? &r->sections[i] : NULL;
        size_t len = s ? s->text_len : 0;
        if (chunk.len && (!s || chunk.len + len > IX_CHUNK_BYTES)) {
            size_t before = z->len;
            rc = put_deflated(z, chunk.data, chunk.len);
            if (rc == VK_OK)
                rc = vk_buf_printf(lines, "%zu\t%zu\n", z->len - before, chunk.len);
            (*n_chunks)++;
            vk_buf_clear(&chunk);
        }
        if (!s || rc != VK_OK)
            continue;
        at[2 * i] = *n_chunks;
        at[2 * i + 1] = chunk.len;
        const char *f[] = {s->label, s->display, s->heading, s->crumb};
        for (size_t k = 0; rc == VK_OK && k < VK_ARRAY_LEN(f); k++)
            rc = put_field(&chunk, f[k], k + 1 < VK_ARRAY_LEN(f) ? '\t' : '\n');
        if (rc == VK_OK && len)
            rc = vk_buf_append(&chunk, r->body + from, len);
        from += len;
    }
    vk_buf_free(&chunk);
    return rc;
}

vk_status
ix_record_encode(const ix_record *r, vk_buf *out)
{
    ix_passage p = r->doc;
    p.label = p.display = p.kind = p.heading = p.text = NULL;
    p.crumbs = NULL;
    p.n_crumbs = 0;
    vk_buf head = VK_BUF_INIT, chunks = VK_BUF_INIT, lines = VK_BUF_INIT;
    size_t n_chunks = 0, *at = malloc((r->n_sections ? r->n_sections : 1) * 2 * sizeof *at);
    vk_status rc = at ? put_chunks(r, &chunks, &lines, at, &n_chunks) : VK_ENOMEM;
    if (rc == VK_OK)
        rc = ix_passage_encode(&p, &head);
    if (rc == VK_OK)
        rc = vk_buf_printf(&head, "\n%zu\n", r->n_sections);
    for (size_t i = 0; rc == VK_OK && i < r->n_sections; i++) {
        const ix_section *s = &r->sections[i];
        rc = vk_buf_printf(&head, "%u\t%d\t%u\t%u\t%zu\t%zu\t%zu\t", (unsigned)s->start, s->parent,
                           s->words, (unsigned)s->heading_end, at[2 * i], at[2 * i + 1],
                           s->text_len);
        if (rc == VK_OK)
            rc = put_field(&head, s->kind, '\n');
    }
    if (rc == VK_OK)
        rc = vk_buf_printf(&head, "%zu\n", n_chunks);
    if (rc == VK_OK && lines.len)
        rc = vk_buf_append(&head, lines.data, lines.len);
    size_t mark = out->len;
    if (rc == VK_OK)
        rc = vk_buf_printf(out, "%23s\n", "");
    size_t zfrom = out->len;
    if (rc == VK_OK)
        rc = put_deflated(out, head.data, head.len);
    if (rc == VK_OK) {
        /* The header's lengths, in the line kept for them. */
        char line[48];
        int n = snprintf(line, sizeof line, "%zu %zu", out->len - zfrom, head.len);
        if (n <= 0 || n > 23)
            rc = VK_ENOMEM; /* a header of more than 2^32 bytes */
        else
            memcpy(out->data + mark, line, (size_t)n);
    }
    if (rc == VK_OK && chunks.len)
        rc = vk_buf_append(out, chunks.data, chunks.len);
    free(at);
    vk_buf_free(&head);
    vk_buf_free(&chunks);
    vk_buf_free(&lines);
    return rc;
}

/* The unsigned decimal number at d[*i .. end), up to a tab, a space or a
 * line break, which *i moves past. Returns 1, or 0 when there is none or
 * it is above max. */
static int
read_number(const char *d, size_t end, size_t *i, unsigned long long max, unsigned long long *v)
{
    size_t k = *i;
    *v = 0;
    while (k < end && d[k] >= '0' && d[k] <= '9') {
        *v = *v * 10 + (unsigned)(d[k] - '0');
        if (*v > max)
            return 0;
        k++;
    }
    if (k == *i || k >= end || (d[k] != '\t' && d[k] != '\n' && d[k] != ' '))
        return 0;
    *i = k + 1;
    return 1;
}

/* The field at d[*i] up to `stop`, copied into arena; *i moves past stop. */
static int
read_field(const char *d, size_t len, size_t *i, char stop, vk_arena *arena, const char **out)
{
    const char *e = memchr(d + *i, stop, len - *i);
    if (!e || (stop == '\t' && memchr(d + *i, '\n', (size_t)(e - d) - *i)))
        return 0;
    *out = vk_arena_strndup(arena, d + *i, (size_t)(e - d) - *i);
    *i = (size_t)(e - d) + 1;
    return *out ? 1 : -1;
}

/* One section's line at d[*i], the index-th. */
static int
read_section(const char *d, size_t len, size_t *i, size_t index, vk_arena *arena, ix_section *s)
{
    unsigned long long v[7] = {0};
    int top = 0;
    for (size_t k = 0; k < VK_ARRAY_LEN(v); k++) {
        if (k == 1 && (top = len - *i > 3 && memcmp(d + *i, "-1\t", 3) == 0)) {
            *i += 3;
            continue;
        }
        unsigned long long max = k == 1   ? (index ? index - 1 : 0)
                                 : k <= 3 ? UINT32_MAX
                                          : SIZE_MAX / 2;
        if ((k == 1 && index == 0) || !read_number(d, len, i, max, &v[k]) || d[*i - 1] != '\t')
            return 0;
    }
    s->start = (uint32_t)v[0];
    s->parent = top ? -1 : (int)v[1];
    s->words = (unsigned)v[2];
    s->heading_end = (uint32_t)v[3];
    s->chunk = (size_t)v[4];
    s->text_off = (size_t)v[5];
    s->text_len = (size_t)v[6];
    s->label = s->display = s->heading = s->crumb = NULL; /* in its chunk */
    return read_field(d, len, i, '\n', arena, &s->kind);
}

/* The stored bytes being decoded, and where they go. */
typedef struct decoding {
    const char *data;
    size_t len;
    vk_arena *arena;
    ix_record *out;
} decoding;

/* The chunk table of the header h[*i ..], the chunks from data[at] on. */
static vk_status
read_chunks(const char *h, size_t hl, size_t *i, size_t at, const decoding *d)
{
    const char *data = d->data;
    size_t len = d->len;
    ix_record *out = d->out;
    unsigned long long n, stored, plain;
    if (!read_number(h, hl, i, hl, &n) || h[*i - 1] != '\n')
        return VK_EINVAL;
    out->chunks = n ? vk_arena_alloc(d->arena, (size_t)n * sizeof *out->chunks) : NULL;
    if (n && !out->chunks)
        return VK_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        if (!read_number(h, hl, i, len, &stored) || h[*i - 1] != '\t' ||
            !read_number(h, hl, i, SIZE_MAX / 2, &plain) || h[*i - 1] != '\n' || stored > len - at)
            return VK_EINVAL;
        out->chunks[k] = (ix_chunk){data + at, (size_t)stored, (size_t)plain};
        at += (size_t)stored;
    }
    out->n_chunks = (size_t)n;
    return at == len && *i == hl ? VK_OK : VK_EINVAL;
}

/* Reads the inflated header h[0 .. hl), whose chunks start at d->data[at]. */
static vk_status
read_header(const char *h, size_t hl, size_t at, const decoding *d)
{
    vk_arena *arena = d->arena;
    ix_record *out = d->out;
    const char *nl = memchr(h, '\n', hl);
    if (!nl)
        return VK_EINVAL;
    vk_status rc = ix_passage_decode(h, (size_t)(nl - h), arena, &out->doc);
    if (rc != VK_OK)
        return rc;
    size_t i = (size_t)(nl - h) + 1;
    unsigned long long n;
    if (!read_number(h, hl, &i, hl, &n) || h[i - 1] != '\n')
        return VK_EINVAL;
    out->sections = n ? vk_arena_alloc(arena, (size_t)n * sizeof *out->sections) : NULL;
    if (n && !out->sections)
        return VK_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        int r = read_section(h, hl, &i, k, arena, &out->sections[k]);
        if (r != 1)
            return r < 0 ? VK_ENOMEM : VK_EINVAL;
        if (k && out->sections[k].start <= out->sections[k - 1].start)
            return VK_EINVAL;
    }
    out->n_sections = (size_t)n;
    rc = read_chunks(h, hl, &i, at, d);
    for (size_t k = 0; rc == VK_OK && k < out->n_sections; k++) {
        const ix_section *s = &out->sections[k];
        if (s->chunk >= out->n_chunks || s->text_off >= out->chunks[s->chunk].plain ||
            s->text_len > out->chunks[s->chunk].plain - s->text_off)
            rc = VK_EINVAL;
    }
    return rc;
}

/* Inflates `stored` bytes at z into a NUL-terminated copy of `plain`
 * bytes in arena. Returns VK_OK, VK_EINVAL, VK_ENOMEM. */
static vk_status
inflate_into(const char *z, size_t stored, size_t plain, vk_arena *arena, char **out)
{
    char *t = vk_arena_alloc(arena, plain + 1);
    uLongf tl = (uLongf)plain;
    if (!t)
        return VK_ENOMEM;
    int rc = uncompress((Bytef *)t, &tl, (const Bytef *)z, (uLong)stored);
    if (rc == Z_MEM_ERROR)
        return VK_ENOMEM;
    if (rc != Z_OK || tl != plain)
        return VK_EINVAL;
    t[tl] = '\0';
    *out = t;
    return VK_OK;
}

vk_status
ix_record_decode(const char *data, size_t len, vk_arena *arena, ix_record *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    unsigned long long stored, plain;
    if (!data || !read_number(data, len, &i, len, &stored) || data[i - 1] != ' ' ||
        !read_number(data, len, &i, 1ull << 31, &plain))
        return VK_EINVAL;
    while (data[i - 1] == ' ' && i < len)
        i++;
    if (data[i - 1] != '\n' || stored > len - i)
        return VK_EINVAL;
    char *h = NULL;
    vk_status rc = inflate_into(data + i, (size_t)stored, (size_t)plain, arena, &h);
    decoding d = {data, len, arena, out};
    return rc == VK_OK ? read_header(h, (size_t)plain, i + (size_t)stored, &d) : rc;
}

/* The chunk last inflated: which one (SIZE_MAX for none) and its text. */
typedef struct open_chunk {
    size_t at;
    char *plain;
} open_chunk;

/* The strings of section s from its chunk (inflated into oc unless it is
 * the one there): label, display, heading, crumb; *text points at its
 * text. Returns VK_OK, VK_EINVAL, VK_ENOMEM. */
static vk_status
section_strings(const ix_record *r, size_t s, vk_arena *arena, open_chunk *oc, const char *f[4],
                const char **text)
{
    const ix_section *sec = &r->sections[s];
    const ix_chunk *c = &r->chunks[sec->chunk];
    if (oc->at != sec->chunk) {
        vk_status rc = inflate_into(c->data, c->stored, c->plain, arena, &oc->plain);
        if (rc != VK_OK)
            return rc;
        oc->at = sec->chunk;
    }
    char *p = oc->plain + sec->text_off, *end = oc->plain + c->plain;
    for (size_t k = 0; k < 4; k++) {
        char *e = memchr(p, k < 3 ? '\t' : '\n', (size_t)(end - p));
        if (!e || (k < 3 && memchr(p, '\n', (size_t)(e - p))))
            return VK_EINVAL;
        *e = '\0';
        f[k] = p;
        p = e + 1;
    }
    if ((size_t)(end - p) < sec->text_len)
        return VK_EINVAL;
    *text = p;
    return VK_OK;
}

vk_status
ix_record_passage(const ix_record *r, size_t s, vk_arena *arena, ix_passage *out)
{
    *out = r->doc;
    out->kind = r->sections[s].kind;
    out->crumbs = NULL;
    out->n_crumbs = 0;
    size_t depth = 0, n = 0;
    for (int k = (int)s; k >= 0; k = r->sections[k].parent)
        depth++;
    const char **crumbs = vk_arena_alloc(arena, depth * sizeof *crumbs);
    open_chunk oc = {SIZE_MAX, NULL};
    vk_status rc = crumbs ? VK_OK : VK_ENOMEM;
    /* The section itself first, then up through its ancestors (whose chunk
     * may be another, inflated then), the crumbs put from the end. */
    for (int k = (int)s; rc == VK_OK && k >= 0; k = r->sections[k].parent) {
        const char *f[4], *text = NULL;
        rc = section_strings(r, (size_t)k, arena, &oc, f, &text);
        if (rc == VK_OK && k == (int)s) {
            out->label = f[0];
            out->display = f[1];
            out->heading = f[2];
            /* The text ends where the next section's strings begin. */
            if (!(out->text = vk_arena_strndup(arena, text, r->sections[s].text_len)))
                rc = VK_ENOMEM;
        }
        if (rc == VK_OK && *f[3] &&
            !(crumbs[depth - 1 - n++] = vk_arena_strndup(arena, f[3], strlen(f[3]))))
            rc = VK_ENOMEM;
    }
    if (rc != VK_OK)
        return rc;
    out->crumbs = crumbs + (depth - n);
    out->n_crumbs = n;
    return VK_OK;
}
