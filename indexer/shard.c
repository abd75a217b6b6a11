/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * shard.c: ix_shard_run (ix_run.h): an index split into shards, one per
 * year of issue or a given number of about equal size, and a stub database
 * listing them. The CLI and the daemon search the stub as one index; a
 * shard can be served from another machine by Xapian's xapian-tcpsrv and
 * listed in the stub as "remote HOST:PORT".
 *
 * Each document is copied whole (terms, positions, values, stored data).
 * Every shard gets the index format, the time of the last update, the whole
 * synonym table (the vocabulary behind "did you mean") and the records of
 * the files whose documents it holds. Xapian's remote backend does not serve
 * synonyms, so the vocabulary is also written alone to vocabulary.db (no
 * documents), which the stub lists first: kept local, it gives suggestions
 * over remote shards.
 */
#define _GNU_SOURCE /* strndup */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_run.h"
#include "indexer/ix_schema.h"

/* An indexed file: its record, and its documents. */
typedef struct file_rec {
    char *key;     /* metadata key of its record */
    char *value;   /* "<hash> <path>" */
    uint32_t *ids; /* its documents in the source */
    size_t n_ids;
} file_rec;

typedef struct shard {
    char name[32];
    xc_wdb *w;
    size_t documents, files;
    size_t last_file; /* index + 1 of the last file recorded in it */
} shard;

typedef struct split {
    xc_rdb *src;
    file_rec *files;
    size_t n_files, cap_files;
    shard shards[IX_SHARD_MAX + 1]; /* and the vocabulary */
    size_t n_shards;
    const char *outdir;
    int failed;    /* out of memory while listing the files */
    vk_error *err; /* the failure */
} split;

static int
collect_file(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    split *s = ud;
    if (value_len < 18 || value[16] != ' ')
        return 0;
    if (s->n_files == s->cap_files) {
        size_t cap = s->cap_files ? 2 * s->cap_files : 256;
        file_rec *v = realloc(s->files, cap * sizeof *v);
        if (!v)
            return s->failed = 1;
        s->files = v;
        s->cap_files = cap;
    }
    file_rec *f = &s->files[s->n_files];
    memset(f, 0, sizeof *f);
    f->key = strndup(key, key_len);
    f->value = strndup(value, value_len);
    if (!f->key || !f->value) {
        free(f->key);
        free(f->value);
        return s->failed = 1;
    }
    s->n_files++;
    return 0;
}

static int
file_cmp(const void *a, const void *b)
{
    return strcmp(((const file_rec *)a)->value + 17, ((const file_rec *)b)->value + 17);
}

/* Reads the documents of every file (the XFILE term of its record). */
static int
load_documents(split *s)
{
    size_t plen = strlen(IX_META_FILE_PREFIX);
    for (size_t i = 0; i < s->n_files; i++) {
        file_rec *f = &s->files[i];
        char term[64];
        snprintf(term, sizeof term, "%s%s", IX_PREFIX_FILE, f->key + plen);
        uint32_t freq = 0;
        if (xc_rdb_termfreq(s->src, term, strlen(term), &freq) != XC_OK)
            return -1;
        f->ids = malloc((freq ? freq : 1) * sizeof *f->ids);
        if (!f->ids ||
            xc_rdb_postlist(s->src, term, strlen(term), f->ids, freq, &f->n_ids) != XC_OK)
            return -1;
    }
    return 0;
}

/* The shard named `name`, opened (created) on first use. */
static shard *
shard_named(split *s, const char *name)
{
    for (size_t i = 0; i < s->n_shards; i++) {
        if (strcmp(s->shards[i].name, name) == 0)
            return &s->shards[i];
    }
    if (s->n_shards == IX_SHARD_MAX + 1) {
        vk_fail(s->err, VK_EINVAL, _("more than %d shards"), IX_SHARD_MAX);
        return NULL;
    }
    shard *sh = &s->shards[s->n_shards];
    memset(sh, 0, sizeof *sh);
    snprintf(sh->name, sizeof sh->name, "%s", name);
    vk_buf path = VK_BUF_INIT;
    vk_buf_printf(&path, "%s/%s", s->outdir, name);
    if (!path.data || xc_wdb_open(path.data, XC_OPEN_CREATE_OR_OVERWRITE, &sh->w) != XC_OK) {
        vk_fail(s->err, VK_EINDEX, _("cannot create %s: %s"), path.data ? path.data : name,
                ix_index_error());
        vk_buf_free(&path);
        return NULL;
    }
    vk_buf_free(&path);
    s->n_shards++;
    return sh;
}

/* Copies document `id` of file number fi into sh, recording the file there
 * once. */
static int
copy_document(split *s, shard *sh, size_t fi, uint32_t id)
{
    if (xc_wdb_add_copy(sh->w, s->src, id, NULL) != XC_OK) {
        vk_fail(s->err, VK_EINDEX, _("copying document %u: %s"), id, ix_index_error());
        return -1;
    }
    sh->documents++;
    if (sh->last_file != fi + 1) {
        const file_rec *f = &s->files[fi];
        if (xc_wdb_set_metadata(sh->w, f->key, f->value, strlen(f->value)) != XC_OK) {
            vk_fail(s->err, VK_EINDEX, "%s", ix_index_error());
            return -1;
        }
        sh->last_file = fi + 1;
        sh->files++;
    }
    return 0;
}

/* Where the documents of one group of copies go. The copies of a document
 * weigh the same, and in one shard Xapian adds their weights in one order,
 * so their ties are broken by the tie value as in one index; across shards
 * the last bits could differ and pick another copy (ix_schema.h). */
typedef struct place {
    char *group;
    char name[32];
    size_t order; /* the document's rank in the walk: the first one decides */
} place;

typedef struct places {
    place *v;
    size_t n, cap;
} places;

static int
place_cmp(const void *a, const void *b)
{
    const place *x = a, *y = b;
    int c = strcmp(x->group, y->group);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int
place_cmp_group(const void *a, const void *b)
{
    return strcmp(((const place *)a)->group, ((const place *)b)->group);
}

static void
places_free(places *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].group);
    free(p->v);
}

/* The group value of a document (malloc'd; "" when it has none), or NULL. */
static char *
group_of(split *s, uint32_t id)
{
    char *g = NULL;
    size_t len = 0;
    if (xc_rdb_get_value(s->src, id, IX_SLOT_GROUP, &g, &len) != XC_OK) {
        vk_fail(s->err, VK_EINDEX, "%s", ix_index_error());
        return NULL;
    }
    return g;
}

static int
places_add(split *s, places *p, char *group, const char *name, size_t order)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 1024;
        place *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            free(group);
            vk_fail(s->err, VK_ENOMEM, _("out of memory"));
            return -1;
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n].group = group;
    snprintf(p->v[p->n].name, sizeof p->v[p->n].name, "%s", name);
    p->v[p->n++].order = order;
    return 0;
}

/* Sorts p and keeps, for each group, the entry of lowest order. */
static void
places_settle(places *p)
{
    qsort(p->v, p->n, sizeof *p->v, place_cmp);
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (k && strcmp(p->v[k - 1].group, p->v[i].group) == 0) {
            free(p->v[i].group);
            continue;
        }
        p->v[k++] = p->v[i];
    }
    p->n = k;
}

/* The shard name of document id's group, or `fallback` (a document without
 * a group); NULL on error. */
static const char *
place_of(split *s, const places *p, uint32_t id, const char *fallback)
{
    char *g = group_of(s, id);
    if (!g)
        return NULL;
    place key = {.group = g};
    const place *hit = *g && p->n ? bsearch(&key, p->v, p->n, sizeof *p->v, place_cmp_group) : NULL;
    free(g);
    return hit ? hit->name : fallback;
}

/* The shard name of a document's year of issue. */
static int
year_name(split *s, uint32_t id, char name[32])
{
    char *year = NULL;
    size_t len = 0;
    if (xc_rdb_get_value(s->src, id, IX_SLOT_YEAR, &year, &len) != XC_OK) {
        vk_fail(s->err, VK_EINDEX, "%s", ix_index_error());
        return -1;
    }
    int ok = len == 4 && strspn(year, "0123456789") == 4;
    snprintf(name, 32, ok ? "year-%s.db" : "undated.db", year);
    free(year);
    return 0;
}

/* A shard for every document: own_name gives the shard of a document by
 * itself, and the places of the groups override it. */
typedef int (*own_name_fn)(split *s, size_t file, uint32_t id, char name[32], void *ud);

/* Copies every document into its shard: its group's place, or its own. */
static int
copy_all(split *s, const places *p, own_name_fn own_name, void *ud)
{
    for (size_t i = 0; i < s->n_files; i++) {
        for (size_t k = 0; k < s->files[i].n_ids; k++) {
            char own[32];
            uint32_t id = s->files[i].ids[k];
            const char *name = own_name(s, i, id, own, ud) == 0 ? place_of(s, p, id, own) : NULL;
            shard *sh = name ? shard_named(s, name) : NULL;
            if (!sh || copy_document(s, sh, i, id) != 0)
                return -1;
        }
    }
    return 0;
}

static int
own_year(split *s, size_t file, uint32_t id, char name[32], void *ud)
{
    (void)file;
    (void)ud;
    return year_name(s, id, name);
}

/* One shard per year. A group of copies goes where its latest dated copy
 * does: a copy without its number line may lack the date. */
static int
by_year(split *s)
{
    places p = {0};
    int rc = 0;
    for (size_t i = 0; i < s->n_files && rc == 0; i++) {
        for (size_t k = 0; k < s->files[i].n_ids && rc == 0; k++) {
            char name[32], *g = NULL;
            if (year_name(s, s->files[i].ids[k], name) != 0 ||
                !(g = group_of(s, s->files[i].ids[k]))) {
                rc = -1;
                break;
            }
            /* The latest year comes first; undated last. */
            size_t order = strncmp(name, "year-", 5) == 0 ? 10000 - (size_t)atoi(name + 5) : 10000;
            if (*g)
                rc = places_add(s, &p, g, name, order);
            else
                free(g);
        }
    }
    if (rc == 0)
        places_settle(&p);
    if (rc == 0)
        rc = copy_all(s, &p, own_year, NULL);
    places_free(&p);
    return rc;
}

/* Each file's own shard when there are n: the next shard starts when this
 * one has its share of the documents. Malloc'd; NULL when out of memory. */
static size_t *
homes(const split *s, size_t n)
{
    size_t total = 0, done = 0, k = 0;
    size_t *home = malloc((s->n_files ? s->n_files : 1) * sizeof *home);
    if (!home)
        return NULL;
    for (size_t i = 0; i < s->n_files; i++)
        total += s->files[i].n_ids;
    for (size_t i = 0; i < s->n_files; i++) {
        if (k + 1 < n && done >= total * (k + 1) / n)
            k++;
        home[i] = k;
        done += s->files[i].n_ids;
    }
    return home;
}

static int
own_home(split *s, size_t file, uint32_t id, char name[32], void *ud)
{
    (void)s;
    (void)id;
    const size_t *home = ud;
    snprintf(name, 32, "shard-%zu.db", home[file] + 1);
    return 0;
}

/* The place of each group of copies: the home of its first copy. */
static int
place_groups_by_home(split *s, const size_t *home, places *p)
{
    size_t order = 0;
    for (size_t i = 0; i < s->n_files; i++) {
        char name[32];
        snprintf(name, sizeof name, "shard-%zu.db", home[i] + 1);
        for (size_t j = 0; j < s->files[i].n_ids; j++) {
            char *g = group_of(s, s->files[i].ids[j]);
            if (!g)
                return -1;
            if (!*g)
                free(g);
            else if (places_add(s, p, g, name, order++) != 0)
                return -1;
        }
    }
    places_settle(p);
    return 0;
}

/* N shards of about equal numbers of documents, in the order of the files'
 * paths; a group of copies goes where its first copy does. */
static int
by_count(split *s, size_t n)
{
    size_t *home = homes(s, n);
    if (!home) {
        vk_fail(s->err, VK_ENOMEM, _("out of memory"));
        return -1;
    }
    places p = {0};
    int rc = place_groups_by_home(s, home, &p);
    if (rc == 0)
        rc = copy_all(s, &p, own_home, home);
    free(home);
    places_free(&p);
    if (rc != 0)
        return -1;
    /* N shards even if there were fewer files: the stub lists N (and the
     * vocabulary). */
    for (size_t j = 0; j < n; j++) {
        char name[32];
        snprintf(name, sizeof name, "shard-%zu.db", j + 1);
        if (!shard_named(s, name))
            return -1;
    }
    return 0;
}

typedef struct syn_ctx {
    split *s;
    const char *key;
    size_t key_len;
    int failed;
} syn_ctx;

static int
put_synonym(const char *syn, size_t len, void *ud)
{
    syn_ctx *c = ud;
    for (size_t i = 0; i < c->s->n_shards; i++) {
        if (xc_wdb_add_synonym(c->s->shards[i].w, c->key, c->key_len, syn, len) != XC_OK)
            return c->failed = 1;
    }
    return 0;
}

static int
copy_synonyms_of(const char *key, size_t len, void *ud)
{
    syn_ctx *c = ud;
    c->key = key;
    c->key_len = len;
    return xc_rdb_synonyms(c->s->src, key, len, put_synonym, c) != XC_OK || c->failed;
}

/* The index format, the last update and the synonym table, into every
 * shard. */
static int
copy_shared(split *s)
{
    static const char *const keys[] = {IX_META_FORMAT, IX_META_UPDATED};
    for (size_t k = 0; k < VK_ARRAY_LEN(keys); k++) {
        char *v = NULL;
        size_t len = 0;
        if (xc_rdb_get_metadata(s->src, keys[k], &v, &len) != XC_OK)
            return -1;
        for (size_t i = 0; i < s->n_shards && len; i++) {
            if (xc_wdb_set_metadata(s->shards[i].w, keys[k], v, len) != XC_OK) {
                free(v);
                return -1;
            }
        }
        free(v);
    }
    syn_ctx c = {s, NULL, 0, 0};
    if (xc_rdb_synonym_keys(s->src, copy_synonyms_of, &c) != XC_OK || c.failed)
        return -1;
    return 0;
}

/* The vocabulary first, then the shards by name. */
static int
name_cmp(const void *a, const void *b)
{
    const char *x = ((const shard *)a)->name, *y = ((const shard *)b)->name;
    int vx = strcmp(x, IX_SHARD_VOCABULARY) == 0, vy = strcmp(y, IX_SHARD_VOCABULARY) == 0;
    return vx != vy ? vy - vx : strcmp(x, y);
}

/* Commits and closes the shards. */
static int
commit_shards(split *s)
{
    int rc = 0;
    for (size_t i = 0; i < s->n_shards; i++) {
        if (xc_wdb_commit(s->shards[i].w) != XC_OK && rc == 0) {
            vk_fail(s->err, VK_EINDEX, _("committing %s: %s"), s->shards[i].name, ix_index_error());
            rc = -1;
        }
        xc_wdb_close(s->shards[i].w);
        s->shards[i].w = NULL;
    }
    return rc;
}

/* Writes the stub listing the shards, sorted, at `path`. */
static int
write_stub(split *s, const char *path)
{
    FILE *f = path ? fopen(path, "w") : NULL;
    if (!f) {
        vk_fail(s->err, path ? VK_EIO : VK_ENOMEM, _("cannot write %s: %s"), path ? path : "the stub",
                strerror(errno));
        return -1;
    }
    fputs("# vankien shards: one line per shard (\"auto PATH\" or \"remote HOST:PORT\");\n"
          "# " IX_SHARD_VOCABULARY " holds the vocabulary for suggestions and no documents:\n"
          "# keep it local when the shards are remote\n",
          f);
    for (size_t i = 0; i < s->n_shards; i++)
        fprintf(f, "auto %s\n", s->shards[i].name);
    if (fclose(f) != 0) {
        vk_fail(s->err, VK_EIO, _("cannot write %s: %s"), path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The shards (without the vocabulary) and the stub into the summary. */
static int
summarize(const split *s, char *stub, ix_shard_summary *sum)
{
    sum->shards = calloc(s->n_shards ? s->n_shards : 1, sizeof *sum->shards);
    if (!sum->shards) {
        free(stub);
        vk_fail(s->err, VK_ENOMEM, _("out of memory"));
        return -1;
    }
    sum->stub = stub;
    for (size_t i = 0; i < s->n_shards; i++) {
        if (strcmp(s->shards[i].name, IX_SHARD_VOCABULARY) == 0)
            continue;
        ix_shard_info *in = &sum->shards[sum->n_shards++];
        snprintf(in->name, sizeof in->name, "%s", s->shards[i].name);
        in->documents = s->shards[i].documents;
        in->files = s->shards[i].files;
    }
    return 0;
}

/* Commits and closes the shards, and writes the stub listing them. */
static int
finish(split *s, ix_shard_summary *sum)
{
    if (commit_shards(s) != 0)
        return -1;
    qsort(s->shards, s->n_shards, sizeof *s->shards, name_cmp);
    vk_buf path = VK_BUF_INIT;
    vk_buf_printf(&path, "%s/%s", s->outdir, IX_SHARD_STUB);
    if (write_stub(s, path.data) != 0) {
        vk_buf_free(&path);
        return -1;
    }
    return summarize(s, vk_buf_steal(&path), sum);
}

/* OUTDIR must be new or empty: shards never overwrite anything else. */
static int
prepare_outdir(const char *dir, vk_error *err)
{
    if (mkdir(dir, 0777) == 0)
        return 0;
    struct stat st;
    if (errno != EEXIST || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        vk_fail(err, VK_EIO, _("cannot create the folder %s: %s"), dir, strerror(errno));
        return -1;
    }
    if (rmdir(dir) != 0) {
        vk_fail(err, VK_EIO, _("%s is not empty (the shards go in a new or empty folder)"), dir);
        return -1;
    }
    if (mkdir(dir, 0777) != 0) {
        vk_fail(err, VK_EIO, _("cannot create the folder %s: %s"), dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* Opens the index to split and checks its format (ix_reader_open). */
static vk_status
open_source(const char *db_path, xc_rdb **out, vk_error *err)
{
    vk_status st = ix_reader_open(db_path, out, err);
    if (st != VK_ENOTFOUND)
        return st;
    char why[VK_ERROR_MAX];
    snprintf(why, sizeof why, "%s", err ? err->msg : "");
    return vk_fail(err, VK_EINDEX, _("%s (index documents first: vankien index --db %s PATH)"), why,
                   db_path);
}

/* Lists the indexed files of the source, sorted by path, with their
 * documents. */
static vk_status
load_files(split *s, const char *db_path)
{
    if (xc_rdb_metadata_list(s->src, IX_META_FILE_PREFIX, collect_file, s) != XC_OK || s->failed)
        return vk_fail(s->err, s->failed ? VK_ENOMEM : VK_EINDEX,
                       _("reading the file records of %s: %s"), db_path, ix_index_error());
    if (s->n_files == 0)
        return vk_fail(s->err, VK_ENOTFOUND, _("%s holds no indexed file"), db_path);
    if (load_documents(s) != 0)
        return vk_fail(s->err, VK_EINDEX, _("reading %s: %s"), db_path, ix_index_error());
    qsort(s->files, s->n_files, sizeof *s->files, file_cmp);
    return VK_OK;
}

/* The split itself, once the source is open. */
static int
split_index(split *s, const ix_shard_opts *o, ix_shard_summary *sum)
{
    if (load_files(s, o->db_path) != VK_OK || prepare_outdir(s->outdir, s->err) != 0)
        return -1;
    if (!shard_named(s, IX_SHARD_VOCABULARY))
        return -1;
    if ((o->by_year ? by_year(s) : by_count(s, o->count)) != 0)
        return -1;
    if (copy_shared(s) != 0) {
        vk_fail(s->err, VK_EINDEX, _("copying the synonyms and metadata: %s"), ix_index_error());
        return -1;
    }
    return finish(s, sum);
}

vk_status
ix_shard_run(const ix_shard_opts *o, ix_shard_summary *sum, vk_error *err)
{
    memset(sum, 0, sizeof *sum);
    vk_error own = {0};
    if (!err)
        err = &own;
    if (!o->db_path || !o->outdir || (!o->by_year && (o->count < 2 || o->count > IX_SHARD_MAX)))
        return vk_fail(err, VK_EINVAL, _("give --by-year or --count N (2 to %d), and one OUTDIR"),
                       IX_SHARD_MAX);
    split *s = calloc(1, sizeof *s);
    if (!s)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    s->outdir = o->outdir;
    s->err = err;
    vk_status st = open_source(o->db_path, &s->src, err);
    if (st == VK_OK) {
        sum->started = 1;
        st = split_index(s, o, sum) == 0 ? VK_OK : err->status;
    }
    for (size_t i = 0; i < s->n_shards; i++)
        xc_wdb_close(s->shards[i].w);
    for (size_t i = 0; i < s->n_files; i++) {
        free(s->files[i].key);
        free(s->files[i].value);
        free(s->files[i].ids);
    }
    free(s->files);
    xc_rdb_close(s->src);
    free(s);
    if (st != VK_OK) {
        int started = sum->started;
        ix_shard_summary_free(sum);
        sum->started = started;
    }
    return st;
}

void
ix_shard_summary_free(ix_shard_summary *sum)
{
    if (!sum)
        return;
    free(sum->shards);
    free(sum->stub);
    memset(sum, 0, sizeof *sum);
}
