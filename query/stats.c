/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stats.c: what an index holds: documents, sections, files, terms, its size
 * on disk, its last update, and documents by type, by year and by kind
 * (documents, Q&A articles, encyclopedia pages, news stories).
 */
#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

typedef struct count_ctx {
    xc_rdb *db;
    json_t *by_type, *by_year, *by_kind;
    json_int_t documents;
    int failed;
} count_ctx;

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
    free(type);
    free(year);
    free(kind);
    return 0;
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

vk_status
qr_stats(qr_index *ix, const char *db_path, json_t **out, vk_error *err)
{
    xc_rdb *db = qr_index_rdb(ix);
    *out = NULL;
    json_t *o = json_object();
    count_ctx c = {db, json_object(), json_object(), json_object(), 0, 0};
    uint32_t sections = 0;
    uint64_t terms = 0;
    json_int_t files = 0;
    if (!o || !c.by_type || !c.by_year || !c.by_kind) {
        json_decref(o);
        json_decref(c.by_type);
        json_decref(c.by_year);
        json_decref(c.by_kind);
        return vk_fail(err, VK_ENOMEM, "out of memory");
    }
    if (xc_rdb_doccount(db, &sections) != XC_OK ||
        xc_rdb_terms(db, IX_PREFIX_DOC, 0, count_doc, &c) != XC_OK || c.failed ||
        xc_rdb_term_count(db, "", &terms) != XC_OK ||
        xc_rdb_metadata_list(db, IX_META_FILE_PREFIX, count_file, &files) != XC_OK) {
        json_decref(o);
        json_decref(c.by_type);
        json_decref(c.by_year);
        json_decref(c.by_kind);
        return vk_fail(err, VK_EINDEX, "%s: cannot read the index (%s)", db_path, xc_errmsg());
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
    *out = o;
    return VK_OK;
}

typedef struct files_ctx {
    xc_rdb *db;
    json_t *list;
    int failed;
} files_ctx;

/* metadata_list callback: one file record, "vankien.file.<path hash>" ->
 * "<content hash> <path>"; its passages are those of XFILE<path hash>. */
static int
list_file(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    files_ctx *c = ud;
    size_t plen = strlen(IX_META_FILE_PREFIX);
    if (key_len <= plen || value_len < 18 || value[16] != ' ')
        return 0;
    vk_buf term = VK_BUF_INIT;
    uint32_t passages = 0;
    if (vk_buf_printf(&term, "%s%.*s", IX_PREFIX_FILE, (int)(key_len - plen), key + plen) !=
            VK_OK ||
        xc_rdb_termfreq(c->db, term.data, term.len, &passages) != XC_OK) {
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
        return vk_fail(err, VK_ENOMEM, "out of memory");
    if (xc_rdb_metadata_list(db, IX_META_FILE_PREFIX, list_file, &c) != XC_OK || c.failed) {
        json_decref(c.list);
        return vk_fail(err, VK_EINDEX, "cannot read the index (%s)", xc_errmsg());
    }
    *out = c.list;
    return VK_OK;
}
