/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stats.c: what an index holds: documents, sections, files, terms, its size
 * on disk, its last update, and documents by type, by year and by kind
 * (documents, Q&A articles, encyclopedia pages, news stories); and a few
 * example queries drawn from the index for a start page.
 */
#include <dirent.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* A document (kind IX_KIND_DOCUMENT) and its date, for the examples. */
typedef struct dated {
    char date[9]; /* "YYYYMMDD", "" if unknown */
    char *key;
} dated;

typedef struct count_ctx {
    xc_rdb *db;
    json_t *by_type, *by_year, *by_kind;
    json_int_t documents;
    int failed;
    dated *docs; /* the documents proper, for the examples */
    size_t n_docs, cap_docs;
} count_ctx;

/* Keeps the key (XDOC term) and date of a document proper; 0, or -1 when
 * out of memory. */
static int
keep_dated(count_ctx *c, const char *term, size_t len, uint32_t id)
{
    size_t plen = strlen(IX_PREFIX_DOC);
    char *date = NULL;
    size_t dl = 0;
    if (c->n_docs == c->cap_docs) {
        size_t cap = c->cap_docs ? 2 * c->cap_docs : 64;
        dated *v = realloc(c->docs, cap * sizeof *v);
        if (!v)
            return -1;
        c->docs = v;
        c->cap_docs = cap;
    }
    if (xc_rdb_get_value(c->db, id, IX_SLOT_DATE, &date, &dl) != XC_OK)
        return -1;
    dated *d = &c->docs[c->n_docs];
    memset(d->date, 0, sizeof d->date);
    memcpy(d->date, date ? date : "", dl < 8 ? dl : 8);
    free(date);
    d->key = strndup(term + plen, len - plen);
    if (!d->key)
        return -1;
    c->n_docs++;
    return 0;
}

static void
bump(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    json_object_set_new(o, k, json_integer(v ? json_integer_value(v) + 1 : 1));
}

/* xc_rdb_terms callback, one XDOC term per document: counts it under the
 * type, year and kind of its first passage. */
static int
count_doc(const char *term, size_t len, uint32_t freq, void *ud)
{
    (void)freq;
    count_ctx *c = ud;
    uint32_t id = 0;
    size_t n = 0;
    if (xc_rdb_postlist(c->db, term, len, &id, 1, &n) != XC_OK) {
        c->failed = 1;
        return 1;
    }
    if (n == 0)
        return 0;
    c->documents++;
    char *type = NULL, *year = NULL, *kind = NULL;
    size_t tl = 0, yl = 0, kl = 0;
    if (xc_rdb_get_value(c->db, id, IX_SLOT_TYPE, &type, &tl) != XC_OK ||
        xc_rdb_get_value(c->db, id, IX_SLOT_YEAR, &year, &yl) != XC_OK ||
        xc_rdb_get_value(c->db, id, IX_SLOT_KIND, &kind, &kl) != XC_OK) {
        free(type);
        free(year);
        c->failed = 1;
        return 1;
    }
    bump(c->by_type, tl ? type : "?");
    bump(c->by_year, yl ? year : "?");
    bump(c->by_kind, kl ? kind : "?");
    int doc = kl == strlen(IX_KIND_DOCUMENT) && memcmp(kind, IX_KIND_DOCUMENT, kl) == 0;
    if (doc && keep_dated(c, term, len, id) != 0)
        c->failed = 1;
    free(type);
    free(year);
    free(kind);
    return c->failed;
}

static int
count_file(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    (void)key;
    (void)key_len;
    (void)value;
    (void)value_len;
    (*(json_int_t *)ud)++;
    return 0;
}

/* Bytes of the regular files in the index folder. */
static json_int_t
folder_bytes(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return -1;
    json_int_t total = 0;
    vk_buf p = VK_BUF_INIT;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        vk_buf_clear(&p);
        if (vk_buf_printf(&p, "%s/%s", path, e->d_name) == VK_OK && p.data &&
            stat(p.data, &st) == 0 && S_ISREG(st.st_mode))
            total += (json_int_t)st.st_size;
    }
    vk_buf_free(&p);
    closedir(d);
    return total;
}

static void
set_meta(json_t *o, const char *name, xc_rdb *db, const char *key)
{
    char *v = NULL;
    size_t len = 0;
    if (xc_rdb_get_metadata(db, key, &v, &len) == XC_OK && len)
        json_object_set_new(o, name, json_stringn(v, len));
    else
        json_object_set_new(o, name, json_null());
    free(v);
}

/* Newest first, then by key: the examples do not change between runs. */
static int
newest_first(const void *a, const void *b)
{
    const dated *x = a, *y = b;
    int c = strcmp(y->date, x->date);
    return c ? c : strcmp(x->key, y->key);
}

/* The member of counts (value -> count) with the highest count, ties to the
 * smallest name, "?" left out; with `last`, the largest name instead. */
static const char *
top_of(json_t *counts, int last)
{
    const char *best = NULL, *k;
    json_int_t most = 0;
    json_t *v;
    json_object_foreach(counts, k, v)
    {
        json_int_t n = json_integer_value(v);
        if (strcmp(k, "?") == 0)
            continue;
        if (!best ||
            (last ? strcmp(k, best) > 0 : (n > most || (n == most && strcmp(k, best) < 0)))) {
            best = k;
            most = n;
        }
    }
    return best;
}

/* Appends {"query", "label"}, the label made by printf from label_fmt (a
 * label longer than 255 bytes is cut). */
__attribute__((format(printf, 3, 4))) static void
add_example(json_t *a, const char *query, const char *label_fmt, ...)
{
    char label[256];
    va_list ap;
    va_start(ap, label_fmt);
    vsnprintf(label, sizeof label, label_fmt, ap);
    va_end(ap);
    json_array_append_new(a, json_pack("{s:s, s:s}", "query", query, "label", label));
}

/* A phrase of the title: its first words, up to four, stopping at
 * punctuation, after the words that open a subject line ("Về việc", "V/v",
 * "Về"); into out, "" when under two words. */
static void
title_phrase(const char *title, vk_buf *out)
{
    static const char *const openers[] = {"Về việc ", "về việc ", "V/v ", "v/v ", "Về ", "về "};
    const char *p = title;
    int words = 0, stop = 0;
    vk_buf_clear(out);
    for (size_t i = 0; i < VK_ARRAY_LEN(openers); i++) {
        if (strncmp(p, openers[i], strlen(openers[i])) == 0) {
            p += strlen(openers[i]);
            break;
        }
    }
    while (*p && words < 4 && !stop) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        while (n && strchr(",.;:!?\"()", w[n - 1])) {
            n--;
            stop = 1;
        }
        if (n == 0 || strchr("\"(", w[0]))
            break;
        vk_buf_printf(out, "%s%.*s", words ? " " : "", (int)n, w);
        words++;
    }
    if (words < 2)
        vk_buf_clear(out);
}

/* Example queries of this index (its newest document with a number: by
 * that number and by a phrase of its title; its commonest type; its latest
 * year), {"query", "label"} each, the labels in Vietnamese for the page. */
static json_t *
examples(qr_index *ix, count_ctx *c)
{
    json_t *a = json_array();
    qr_document *d = NULL;
    if (c->n_docs > 1)
        qsort(c->docs, c->n_docs, sizeof *c->docs, newest_first);
    for (size_t i = 0; a && i < c->n_docs && i < 32 && !d; i++) {
        vk_error err = {0};
        if (qr_index_document(ix, c->docs[i].key, &d, &err) == VK_OK && !(d->number && d->title))
            d = (qr_document_free(d), NULL);
    }
    char q[512];
    vk_buf phrase = VK_BUF_INIT;
    if (d) {
        snprintf(q, sizeof q, "so:%s", d->number);
        add_example(a, q, _("Document number %s"), d->number);
        title_phrase(d->title, &phrase);
    }
    if (phrase.len) {
        snprintf(q, sizeof q, "\"%s\"", phrase.data);
        add_example(a, q, _("The phrase “%s”"), phrase.data);
    }
    const char *type = top_of(c->by_type, 0), *year = top_of(c->by_year, 1);
    if (type) {
        snprintf(q, sizeof q, "loai:%s", type);
        add_example(a, q, _("Documents of type %s"), type);
    }
    if (year) {
        snprintf(q, sizeof q, "nam:%s", year);
        add_example(a, q, _("Documents of %s"), year);
    }
    vk_buf_free(&phrase);
    qr_document_free(d);
    return a;
}

static void
free_dated(count_ctx *c)
{
    for (size_t i = 0; i < c->n_docs; i++)
        free(c->docs[i].key);
    free(c->docs);
}

vk_status
qr_stats(qr_index *ix, const char *db_path, json_t **out, vk_error *err)
{
    xc_rdb *db = qr_index_rdb(ix);
    *out = NULL;
    json_t *o = json_object();
    count_ctx c = {db, json_object(), json_object(), json_object(), 0, 0, NULL, 0, 0};
    uint64_t sections = 0;
    uint64_t terms = 0;
    json_int_t files = 0;
    if (!o || !c.by_type || !c.by_year || !c.by_kind) {
        json_decref(o);
        json_decref(c.by_type);
        json_decref(c.by_year);
        json_decref(c.by_kind);
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    if (qr_count_sections(db, NULL, 0, &sections) != VK_OK ||
        xc_rdb_terms(db, IX_PREFIX_DOC, 0, count_doc, &c) != XC_OK || c.failed ||
        xc_rdb_term_count(db, "", &terms) != XC_OK ||
        xc_rdb_metadata_list(db, IX_META_FILE_PREFIX, count_file, &files) != XC_OK) {
        json_decref(o);
        json_decref(c.by_type);
        json_decref(c.by_year);
        json_decref(c.by_kind);
        free_dated(&c);
        return vk_fail(err, VK_EINDEX, _("%s: cannot read the index (%s)"), db_path,
                       ix_index_error());
    }
    json_object_set_new(o, "path", json_string(db_path));
    json_object_set_new(o, "documents", json_integer(c.documents));
    json_object_set_new(o, "sections", json_integer((json_int_t)sections));
    json_object_set_new(o, "files", json_integer(files));
    json_object_set_new(o, "terms", json_integer((json_int_t)terms));
    json_int_t bytes = folder_bytes(db_path);
    json_object_set_new(o, "size_bytes", bytes >= 0 ? json_integer(bytes) : json_null());
    set_meta(o, "updated", db, IX_META_UPDATED);
    set_meta(o, "format", db, IX_META_FORMAT);
    json_object_set_new(o, "by_type", c.by_type);
    json_object_set_new(o, "by_year", c.by_year);
    json_object_set_new(o, "by_kind", c.by_kind);
    json_object_set_new(o, "examples", examples(ix, &c));
    free_dated(&c);
    *out = o;
    return VK_OK;
}

typedef struct files_ctx {
    xc_rdb *db;
    json_t *list;
    int failed;
} files_ctx;

/* metadata_list callback: one file record, "vankien.file.<path hash>" ->
 * "<content hash> <path>"; its passages are the sections with text of
 * the documents of XFILE<path hash>. */
static int
list_file(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    files_ctx *c = ud;
    size_t plen = strlen(IX_META_FILE_PREFIX);
    if (key_len <= plen || value_len < 18 || value[16] != ' ')
        return 0;
    vk_buf term = VK_BUF_INIT;
    uint64_t passages = 0;
    if (vk_buf_printf(&term, "%s%.*s", IX_PREFIX_FILE, (int)(key_len - plen), key + plen) !=
            VK_OK ||
        qr_count_sections(c->db, term.data, term.len, &passages) != VK_OK) {
        vk_buf_free(&term);
        c->failed = 1;
        return 1;
    }
    vk_buf_free(&term);
    json_array_append_new(c->list, json_pack("{s:s%, s:I}", "path", value + 17, value_len - 17,
                                             "passages", (json_int_t)passages));
    return 0;
}

vk_status
qr_stats_files(qr_index *ix, json_t **out, vk_error *err)
{
    xc_rdb *db = qr_index_rdb(ix);
    *out = NULL;
    files_ctx c = {db, json_array(), 0};
    if (!c.list)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    if (xc_rdb_metadata_list(db, IX_META_FILE_PREFIX, list_file, &c) != XC_OK || c.failed) {
        json_decref(c.list);
        return vk_fail(err, VK_EINDEX, _("cannot read the index (%s)"), ix_index_error());
    }
    *out = c.list;
    return VK_OK;
}
