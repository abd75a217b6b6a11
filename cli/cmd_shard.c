/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_shard.c: `vankien shard`: split an index into shards, one per year of
 * issue or a given number of about equal size, and write a stub database
 * listing them. The CLI and the daemon search the stub as one index; a
 * shard can be served from another machine by Xapian's xapian-tcpsrv and
 * listed in the stub as "remote HOST:PORT".
 *
 * Each passage is copied whole (terms, positions, values, stored data).
 * Every shard gets the index format, the time of the last update, the whole
 * synonym table (the vocabulary behind "did you mean") and the records of
 * the files whose passages it holds. Xapian's remote backend does not serve
 * synonyms, so the vocabulary is also written alone to vocabulary.db (no
 * documents), which the stub lists first: kept local, it gives suggestions
 * over remote shards.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/buf.h"
#include "indexer/ix_schema.h"

#define MAX_SHARDS 256
#define VOCABULARY "vocabulary.db"

static void
shard_usage(FILE *out)
{
    fprintf(out,
            "usage: vankien shard [--db DIR] (--by-year | --count N) OUTDIR\n\n"
            "Splits the index into shards in OUTDIR (a new or empty folder): one per\n"
            "year of issue (year-2022.db ..., undated.db for documents without a\n"
            "date), or N shards of about equal size, each file whole\n"
            "(shard-1.db ...); the copies of one document stay together. Writes\n"
            "OUTDIR/vankien.stub, a Xapian stub database listing them: search it\n"
            "with --db OUTDIR/vankien.stub. To serve a shard from another machine,\n"
            "run `xapian-tcpsrv --port PORT SHARD` there and replace its line in\n"
            "the stub with `remote HOST:PORT`.\n\n"
            "  --db DIR    the index to split (default: $VANKIEN_DB, else ./vankien.db)\n"
            "  --by-year   one shard per year of issue\n"
            "  --count N   N shards (2 to %d) of about equal numbers of passages\n"
            "  --help      this help\n",
            MAX_SHARDS);
}

/* An indexed file: its record, and its passages. */
typedef struct file_rec {
    char *key;     /* metadata key of its record */
    char *value;   /* "<hash> <path>" */
    uint32_t *ids; /* its passages in the source */
    size_t n_ids;
} file_rec;

typedef struct shard {
    char name[32];
    xc_wdb *w;
    size_t passages, files;
    size_t last_file; /* index + 1 of the last file recorded in it */
} shard;

typedef struct split {
    xc_rdb *src;
    file_rec *files;
    size_t n_files, cap_files;
    shard shards[MAX_SHARDS + 1]; /* and the vocabulary */
    size_t n_shards;
    const char *outdir;
    int failed;
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

/* Reads the passages of every file (the XFILE term of its record). */
static int
load_passages(split *s)
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
    if (s->n_shards == MAX_SHARDS + 1) {
        cli_error("shard: more than %d shards", MAX_SHARDS);
        return NULL;
    }
    shard *sh = &s->shards[s->n_shards];
    memset(sh, 0, sizeof *sh);
    snprintf(sh->name, sizeof sh->name, "%s", name);
    vk_buf path = VK_BUF_INIT;
    vk_buf_printf(&path, "%s/%s", s->outdir, name);
    if (!path.data || xc_wdb_open(path.data, XC_OPEN_CREATE_OR_OVERWRITE, &sh->w) != XC_OK) {
        cli_error("shard: cannot create %s: %s", path.data ? path.data : name, xc_errmsg());
        vk_buf_free(&path);
        return NULL;
    }
    vk_buf_free(&path);
    s->n_shards++;
    return sh;
}

/* Copies passage `id` of file number fi into sh, recording the file there
 * once. */
static int
copy_passage(split *s, shard *sh, size_t fi, uint32_t id)
{
    if (xc_wdb_add_copy(sh->w, s->src, id, NULL) != XC_OK) {
        cli_error("shard: copying passage %u: %s", id, xc_errmsg());
        return -1;
    }
    sh->passages++;
    if (sh->last_file != fi + 1) {
        const file_rec *f = &s->files[fi];
        if (xc_wdb_set_metadata(sh->w, f->key, f->value, strlen(f->value)) != XC_OK) {
            cli_error("shard: %s", xc_errmsg());
            return -1;
        }
        sh->last_file = fi + 1;
        sh->files++;
    }
    return 0;
}

/* Where the passages of one group of copies go. The copies of a document
 * weigh the same, and in one shard Xapian adds their weights in one order,
 * so their ties are broken by the tie value as in one index; across shards
 * the last bits could differ and pick another copy (ix_schema.h). */
typedef struct place {
    char *group;
    char name[32];
    size_t order; /* the passage's rank in the walk: the first one decides */
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

/* The group value of a passage (malloc'd; "" when it has none), or NULL. */
static char *
group_of(split *s, uint32_t id)
{
    char *g = NULL;
    size_t len = 0;
    if (xc_rdb_get_value(s->src, id, IX_SLOT_GROUP, &g, &len) != XC_OK) {
        cli_error("shard: %s", xc_errmsg());
        return NULL;
    }
    return g;
}

static int
places_add(places *p, char *group, const char *name, size_t order)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 1024;
        place *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            free(group);
            cli_error("shard: out of memory");
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

/* The shard name of passage id's group, or `fallback` (a passage without
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

/* The shard name of a passage's year of issue. */
static int
year_name(split *s, uint32_t id, char name[32])
{
    char *year = NULL;
    size_t len = 0;
    if (xc_rdb_get_value(s->src, id, IX_SLOT_YEAR, &year, &len) != XC_OK) {
        cli_error("shard: %s", xc_errmsg());
        return -1;
    }
    int ok = len == 4 && strspn(year, "0123456789") == 4;
    snprintf(name, 32, ok ? "year-%s.db" : "undated.db", year);
    free(year);
    return 0;
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
                rc = places_add(&p, g, name, order);
            else
                free(g);
        }
    }
    if (rc == 0)
        places_settle(&p);
    for (size_t i = 0; i < s->n_files && rc == 0; i++) {
        for (size_t k = 0; k < s->files[i].n_ids && rc == 0; k++) {
            char own[32];
            const char *name = year_name(s, s->files[i].ids[k], own) == 0
                                   ? place_of(s, &p, s->files[i].ids[k], own)
                                   : NULL;
            shard *sh = name ? shard_named(s, name) : NULL;
            if (!sh || copy_passage(s, sh, i, s->files[i].ids[k]) != 0)
                rc = -1;
        }
    }
    places_free(&p);
    return rc;
}

/* N shards of about equal numbers of passages, in the order of the files'
 * paths; a group of copies goes where its first copy does. */
static int
by_count(split *s, size_t n)
{
    /* Each file's own shard: the next shard starts when this one has its
     * share of the passages. */
    size_t total = 0, done = 0, k = 0, order = 0;
    size_t *home = malloc((s->n_files ? s->n_files : 1) * sizeof *home);
    if (!home) {
        cli_error("shard: out of memory");
        return -1;
    }
    for (size_t i = 0; i < s->n_files; i++)
        total += s->files[i].n_ids;
    for (size_t i = 0; i < s->n_files; i++) {
        if (k + 1 < n && done >= total * (k + 1) / n)
            k++;
        home[i] = k;
        done += s->files[i].n_ids;
    }
    places p = {0};
    int rc = 0;
    for (size_t i = 0; i < s->n_files && rc == 0; i++) {
        char name[32];
        snprintf(name, sizeof name, "shard-%zu.db", home[i] + 1);
        for (size_t j = 0; j < s->files[i].n_ids && rc == 0; j++) {
            char *g = group_of(s, s->files[i].ids[j]);
            if (!g)
                rc = -1;
            else if (*g)
                rc = places_add(&p, g, name, order++);
            else
                free(g);
        }
    }
    if (rc == 0)
        places_settle(&p);
    for (size_t i = 0; i < s->n_files && rc == 0; i++) {
        char own[32];
        snprintf(own, sizeof own, "shard-%zu.db", home[i] + 1);
        for (size_t j = 0; j < s->files[i].n_ids && rc == 0; j++) {
            const char *name = place_of(s, &p, s->files[i].ids[j], own);
            shard *sh = name ? shard_named(s, name) : NULL;
            if (!sh || copy_passage(s, sh, i, s->files[i].ids[j]) != 0)
                rc = -1;
        }
    }
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
    int vx = strcmp(x, VOCABULARY) == 0, vy = strcmp(y, VOCABULARY) == 0;
    return vx != vy ? vy - vx : strcmp(x, y);
}

/* Commits and closes the shards, and writes the stub listing them. */
static int
finish(split *s)
{
    int rc = 0;
    for (size_t i = 0; i < s->n_shards; i++) {
        if (xc_wdb_commit(s->shards[i].w) != XC_OK && rc == 0) {
            cli_error("shard: committing %s: %s", s->shards[i].name, xc_errmsg());
            rc = -1;
        }
        xc_wdb_close(s->shards[i].w);
        s->shards[i].w = NULL;
    }
    if (rc != 0)
        return rc;
    qsort(s->shards, s->n_shards, sizeof *s->shards, name_cmp);
    vk_buf path = VK_BUF_INIT;
    vk_buf_printf(&path, "%s/vankien.stub", s->outdir);
    FILE *f = path.data ? fopen(path.data, "w") : NULL;
    if (!f) {
        cli_error("shard: cannot write %s: %s", path.data ? path.data : "the stub",
                  strerror(errno));
        vk_buf_free(&path);
        return -1;
    }
    fputs("# vankien shards: one line per shard (\"auto PATH\" or \"remote HOST:PORT\");\n"
          "# " VOCABULARY " holds the vocabulary for suggestions and no documents:\n"
          "# keep it local when the shards are remote\n",
          f);
    for (size_t i = 0; i < s->n_shards; i++)
        fprintf(f, "auto %s\n", s->shards[i].name);
    if (fclose(f) != 0) {
        cli_error("shard: cannot write %s: %s", path.data, strerror(errno));
        rc = -1;
    }
    if (rc == 0) {
        for (size_t i = 0; i < s->n_shards; i++) {
            if (strcmp(s->shards[i].name, VOCABULARY) == 0)
                continue;
            printf("%-16s %zu passage%s, %zu file%s\n", s->shards[i].name, s->shards[i].passages,
                   s->shards[i].passages == 1 ? "" : "s", s->shards[i].files,
                   s->shards[i].files == 1 ? "" : "s");
        }
        printf("%zu shards in %s, and the vocabulary in %s; search them with --db %s\n",
               s->n_shards - 1, s->outdir, VOCABULARY, path.data);
    }
    vk_buf_free(&path);
    return rc;
}

/* OUTDIR must be new or empty: shards never overwrite anything else. */
static int
prepare_outdir(const char *dir)
{
    if (mkdir(dir, 0777) == 0)
        return 0;
    struct stat st;
    if (errno != EEXIST || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error("shard: cannot create the folder %s: %s", dir, strerror(errno));
        return -1;
    }
    if (rmdir(dir) != 0) {
        cli_error("shard: %s is not empty (the shards go in a new or empty folder)", dir);
        return -1;
    }
    if (mkdir(dir, 0777) != 0) {
        cli_error("shard: cannot create the folder %s: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

int
cmd_shard(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"by-year", no_argument, NULL, 'y'},
        {"count", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    int year = 0;
    long count = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:yn:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'y': year = 1; break;
        case 'n':
            if ((count = cli_parse_count(optarg, MAX_SHARDS)) < 2) {
                cli_error("shard: --count wants a number of shards from 2 to %d", MAX_SHARDS);
                return CLI_USAGE;
            }
            break;
        case 'h': shard_usage(stdout); return CLI_OK;
        default: shard_usage(stderr); return CLI_USAGE;
        }
    }
    if (year == (count > 0) || optind + 1 != argc) {
        cli_error("shard: give --by-year or --count N, and one OUTDIR");
        shard_usage(stderr);
        return CLI_USAGE;
    }
    split s = {0};
    s.outdir = argv[optind];
    const char *dbp = cli_db_path(db);
    if (!(s.src = cli_open_index(dbp)))
        return CLI_USAGE;
    int rc = -1;
    if (xc_rdb_metadata_list(s.src, IX_META_FILE_PREFIX, collect_file, &s) != XC_OK || s.failed) {
        cli_error("shard: reading the file records of %s: %s", dbp, xc_errmsg());
    } else if (s.n_files == 0) {
        cli_error("shard: %s holds no indexed file", dbp);
    } else if (load_passages(&s) != 0) {
        cli_error("shard: reading %s: %s", dbp, xc_errmsg());
    } else if (prepare_outdir(s.outdir) == 0) {
        qsort(s.files, s.n_files, sizeof *s.files, file_cmp);
        rc = shard_named(&s, VOCABULARY) ? 0 : -1;
        if (rc == 0)
            rc = year ? by_year(&s) : by_count(&s, (size_t)count);
        if (rc == 0 && copy_shared(&s) != 0) {
            cli_error("shard: copying the synonyms and metadata: %s", xc_errmsg());
            rc = -1;
        }
        if (rc == 0 && finish(&s) != 0)
            rc = -1;
    }
    for (size_t i = 0; i < s.n_shards; i++)
        xc_wdb_close(s.shards[i].w);
    for (size_t i = 0; i < s.n_files; i++) {
        free(s.files[i].key);
        free(s.files[i].value);
        free(s.files[i].ids);
    }
    free(s.files);
    xc_rdb_close(s.src);
    return rc == 0 ? CLI_OK : CLI_USAGE;
}
