/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_xc.c: unit tests of the C API over Xapian (xapian-c/xc.h). Each test
 * works in its own database under a private directory made with mkdtemp in
 * $VK_TMPDIR (or /tmp), removed when the group ends. Most query tests share
 * one small corpus whose matches were worked out by hand.
 */

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "xapian-c/xc.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */
/* ---------------------------------------------------------------------- */

static char tmproot[PATH_MAX]; /* the mkdtemp directory of this run */
static int dbcounter;          /* makes each test's database path unique */

/* Fails the test, naming the call, its status and xc_errmsg(). */
static void
check_ok(xc_status st, const char *expr, const char *file, int line)
{
    if (st != XC_OK) {
        print_error("%s -> %s: %s\n", expr, xc_status_str(st), xc_errmsg());
        _fail(file, line);
    }
}

#define OK(expr) check_ok((expr), #expr, __FILE__, __LINE__)

/* Writes a fresh database path under tmproot into buf. */
static void
new_path(char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/db%d", tmproot, ++dbcounter);
    assert_true(n > 0 && (size_t)n < size);
}

/* Removes a file or a directory tree. Returns 0 or -1. */
static int
rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char child[PATH_MAX];
        int n = snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (n < 0 || (size_t)n >= sizeof child || rm_rf(child) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) == 0 ? rc : -1;
}

static int
group_setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    int n = snprintf(tmproot, sizeof tmproot, "%s/test_xc.XXXXXX", base);
    if (n < 0 || (size_t)n >= sizeof tmproot)
        return -1;
    return mkdtemp(tmproot) ? 0 : -1;
}

static int
group_teardown(void **state)
{
    (void)state;
    return rm_rf(tmproot);
}

/* Queries made during a test, freed together at its end. */
struct qpool {
    xc_query *q[64]; /* every query built so far */
    size_t n;        /* how many */
};

static xc_query *
keep(struct qpool *p, xc_query *q)
{
    assert_non_null(q);
    assert_true(p->n < sizeof p->q / sizeof p->q[0]);
    p->q[p->n++] = q;
    return q;
}

static void
qpool_free(struct qpool *p)
{
    for (size_t i = 0; i < p->n; i++)
        xc_query_free(p->q[i]);
    p->n = 0;
}

static xc_query *
term(struct qpool *p, const char *t)
{
    xc_query *q = NULL;
    OK(xc_query_term(t, strlen(t), 1, 0, &q));
    return keep(p, q);
}

static xc_query *
combine(struct qpool *p, xc_op op, uint32_t window, xc_query *const *subs, size_t n)
{
    xc_query *q = NULL;
    OK(xc_query_combine(op, subs, n, window, &q));
    return keep(p, q);
}

#define COMBINE(p, op, window, ...)                                                                \
    combine((p), (op), (window), (xc_query *[]){__VA_ARGS__},                                      \
            sizeof((xc_query *[]){__VA_ARGS__}) / sizeof(xc_query *))

static xc_query *
scale(struct qpool *p, const xc_query *sub, double factor)
{
    xc_query *q = NULL;
    OK(xc_query_scale(sub, factor, &q));
    return keep(p, q);
}

/* Runs q and writes the docids in rank order to ids; returns how many. */
static size_t
search_ids(xc_rdb *r, const xc_query *q, const xc_search_opts *opts, uint32_t *ids, size_t max)
{
    xc_mset *m = NULL;
    OK(xc_rdb_search(r, q, opts, &m));
    size_t n = xc_mset_size(m);
    assert_true(n <= max);
    for (size_t i = 0; i < n; i++) {
        xc_match match;
        OK(xc_mset_get(m, i, &match));
        ids[i] = match.docid;
    }
    xc_mset_free(m);
    return n;
}

static int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Checks that q (default options) matches exactly the documents in want. */
static void
expect_set(xc_rdb *r, const xc_query *q, const uint32_t *want, size_t nwant)
{
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.limit = 100;
    uint32_t got[100] = {0};
    size_t n = search_ids(r, q, &o, got, 100);
    qsort(got, n, sizeof got[0], cmp_u32);
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n && i < nwant; i++)
        assert_int_equal(got[i], want[i]);
}

#define EXPECT_SET(r, q, ...)                                                                      \
    expect_set((r), (q), (const uint32_t[]){__VA_ARGS__},                                          \
               sizeof((const uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t))

/* One corpus document: words get positions 1, 2, ...; uid and kind are
 * boolean terms; cat goes to value slot 0, year (sortable) to slot 1. */
struct spec {
    const char *uid;  /* unique boolean term */
    const char *text; /* space-separated words */
    const char *cat;  /* value slot 0 */
    double year;      /* value slot 1, sortable-serialised */
    const char *kind; /* boolean term */
    const char *data; /* stored data */
};

enum { SLOT_CAT = 0, SLOT_YEAR = 1, SLOT_PAIR = 2 };

/* Adds the words of text as positional terms, from position 1. */
static void
add_words(xc_doc *d, const char *text)
{
    uint32_t pos = 0;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, " ");
        if (len > 0)
            OK(xc_doc_add_posting(d, p, len, ++pos, 1));
        p += len;
        p += strspn(p, " ");
    }
}

static uint32_t
add_spec(xc_wdb *w, const struct spec *s)
{
    xc_doc *d = NULL;
    OK(xc_doc_new(&d));
    add_words(d, s->text);
    OK(xc_doc_add_boolean_term(d, s->uid, strlen(s->uid)));
    OK(xc_doc_add_boolean_term(d, s->kind, strlen(s->kind)));
    OK(xc_doc_set_value(d, SLOT_CAT, s->cat, strlen(s->cat)));
    char buf[XC_SORTABLE_MAX];
    size_t n = xc_sortable_serialise(s->year, buf);
    OK(xc_doc_set_value(d, SLOT_YEAR, buf, n));
    /* The category paired with itself, "a\x1fa": one per category. */
    char pair[64];
    int pn = snprintf(pair, sizeof pair, "%s\x1f%s", s->cat, s->cat);
    assert_true(pn > 0 && (size_t)pn < sizeof pair);
    OK(xc_doc_set_value(d, SLOT_PAIR, pair, (size_t)pn));
    OK(xc_doc_set_data(d, s->data, strlen(s->data)));
    uint32_t id = 0;
    OK(xc_wdb_replace(w, s->uid, strlen(s->uid), d, &id));
    xc_doc_free(d);
    return id;
}

/*
 * The shared corpus. Positions of viet/nam: doc 1 at 1,2 and doc 2 at 4,5
 * (a phrase); doc 3 reversed at 2,1; doc 4 three apart at 1,4.
 */
static const struct spec corpus[] = {
    {"Qd1", "viet nam dang cong san", "a", 2001, "Kvb", "doc one"},
    {"Qd2", "dang cong san viet nam", "b", 1999, "Kvb", "doc two"},
    {"Qd3", "nam viet", "a", 2010, "Knq", "doc three"},
    {"Qd4", "viet xx yy nam", "c", 2005, "Knq", "doc four"},
    {"Qd5", "hoi nghi trung uong", "b", 1995, "Kvb", "doc five"},
};
enum { NCORPUS = sizeof corpus / sizeof corpus[0] };

/* Per-test state of the corpus tests. */
struct fixture {
    char path[PATH_MAX]; /* the corpus database */
    xc_rdb *r;           /* a reader on it */
    struct qpool qp;     /* queries to free */
};

static int
corpus_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    new_path(f->path, sizeof f->path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(f->path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    for (size_t i = 0; i < NCORPUS; i++)
        assert_int_equal(add_spec(w, &corpus[i]), i + 1);
    OK(xc_wdb_commit(w));
    OK(xc_wdb_close(w));
    const char *paths[] = {f->path};
    OK(xc_rdb_open(paths, 1, &f->r));
    *state = f;
    return 0;
}

static int
corpus_teardown(void **state)
{
    struct fixture *f = *state;
    qpool_free(&f->qp);
    xc_rdb_close(f->r);
    free(f);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Writing and reading back                                               */
/* ---------------------------------------------------------------------- */

static void
test_create_add_read(void **state)
{
    struct fixture *f = *state;
    uint32_t n = 0;
    OK(xc_rdb_doccount(f->r, &n));
    assert_int_equal(n, NCORPUS);
    OK(xc_rdb_termfreq(f->r, "viet", 4, &n));
    assert_int_equal(n, 4);
    OK(xc_rdb_termfreq(f->r, "Kvb", 3, &n));
    assert_int_equal(n, 3);
    OK(xc_rdb_termfreq(f->r, "absent", 6, &n));
    assert_int_equal(n, 0);

    char *s = NULL;
    size_t len = 0;
    OK(xc_rdb_get_data(f->r, 3, &s, &len));
    assert_int_equal(len, strlen("doc three"));
    assert_string_equal(s, "doc three");
    free(s);

    OK(xc_rdb_get_value(f->r, 1, SLOT_CAT, &s, &len));
    assert_int_equal(len, 1);
    assert_string_equal(s, "a");
    free(s);
    OK(xc_rdb_get_value(f->r, 4, SLOT_YEAR, &s, &len));
    assert_true(xc_sortable_unserialise(s, len) == 2005.0);
    free(s);
    OK(xc_rdb_get_value(f->r, 1, 7, &s, &len));
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    free(s);

    assert_int_equal(xc_rdb_get_data(f->r, 99, &s, &len), XC_ENOTFOUND);
    assert_null(s);
    assert_int_equal(len, 0);
    assert_true(strlen(xc_errmsg()) > 0);
}

static void
test_postlist(void **state)
{
    struct fixture *f = *state;
    uint32_t ids[8] = {0};
    size_t n = 0;
    OK(xc_rdb_postlist(f->r, "viet", 4, ids, 8, &n));
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ids[i], i + 1);
    OK(xc_rdb_postlist(f->r, "Knq", 3, ids, 1, &n));
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], 3);
    OK(xc_rdb_postlist(f->r, "absent", 6, ids, 8, &n));
    assert_int_equal(n, 0);
}

static int
collect_query_term(const char *t, size_t len, void *ud)
{
    char *out = ud;
    size_t l = strlen(out);
    snprintf(out + l, 64 - l, "%s%.*s", l ? " " : "", (int)len, t);
    return 0;
}

/* The distinct terms of a query, in term order, each once. */
static void
test_query_terms(void **state)
{
    (void)state;
    struct qpool p = {0};
    xc_query *q = COMBINE(&p, XC_OP_AND, 0, term(&p, "viet"),
                          COMBINE(&p, XC_OP_OR, 0, term(&p, "nam"), term(&p, "viet")),
                          scale(&p, term(&p, "Kvb"), 0.0));
    char got[64] = "";
    OK(xc_query_terms(q, collect_query_term, got));
    assert_string_equal(got, "Kvb nam viet");
    assert_int_equal(xc_query_terms(NULL, collect_query_term, got), XC_EINVAL);
    qpool_free(&p);
}

/* Positions as the corpus comment above gives them. */
static void
test_positions(void **state)
{
    struct fixture *f = *state;
    uint32_t pos[8] = {0};
    size_t n = 9;
    OK(xc_rdb_positions(f->r, 4, "nam", 3, pos, 8, &n));
    assert_int_equal(n, 1);
    assert_int_equal(pos[0], 4);
    OK(xc_rdb_positions(f->r, 2, "viet", 4, pos, 8, &n));
    assert_int_equal(n, 1);
    assert_int_equal(pos[0], 4);
    OK(xc_rdb_positions(f->r, 3, "nam", 3, pos, 8, &n));
    assert_int_equal(n, 1);
    assert_int_equal(pos[0], 1);
    /* A term the document lacks, a boolean term, a document not there. */
    OK(xc_rdb_positions(f->r, 5, "viet", 4, pos, 8, &n));
    assert_int_equal(n, 0);
    OK(xc_rdb_positions(f->r, 1, "Qd1", 3, pos, 8, &n));
    assert_int_equal(n, 0);
    OK(xc_rdb_positions(f->r, 99, "viet", 4, pos, 8, &n));
    assert_int_equal(n, 0);
    assert_int_equal(xc_rdb_positions(f->r, 0, "viet", 4, pos, 8, &n), XC_EINVAL);
}

static void
test_replace_keeps_count(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OPEN, &w));
    struct spec s = {"Quid", "first text", "a", 1, "Kx", "version 1"};
    uint32_t id1 = add_spec(w, &s);
    s.text = "second text";
    s.data = "version 2";
    uint32_t id2 = add_spec(w, &s);
    assert_int_equal(id1, id2);
    uint32_t n = 0;
    OK(xc_wdb_doccount(w, &n));
    assert_int_equal(n, 1);
    OK(xc_wdb_close(w));

    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    char *data = NULL;
    size_t len = 0;
    OK(xc_rdb_get_data(r, id1, &data, &len));
    assert_string_equal(data, "version 2");
    free(data);
    OK(xc_rdb_termfreq(r, "first", 5, &n));
    assert_int_equal(n, 0);
    OK(xc_rdb_termfreq(r, "second", 6, &n));
    assert_int_equal(n, 1);
    xc_rdb_close(r);
}

static void
test_delete(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    for (size_t i = 0; i < NCORPUS; i++)
        add_spec(w, &corpus[i]);
    OK(xc_wdb_delete_term(w, "Qd2", 3));
    uint32_t n = 0;
    OK(xc_wdb_doccount(w, &n));
    assert_int_equal(n, NCORPUS - 1);
    OK(xc_wdb_delete_term(w, "Knq", 3)); /* docs 3 and 4 */
    OK(xc_wdb_doccount(w, &n));
    assert_int_equal(n, NCORPUS - 3);
    OK(xc_wdb_delete_term(w, "absent", 6)); /* not an error */
    OK(xc_wdb_delete_docid(w, 5));
    OK(xc_wdb_doccount(w, &n));
    assert_int_equal(n, 1);
    assert_int_equal(xc_wdb_delete_docid(w, 5), XC_ENOTFOUND);
    assert_true(strlen(xc_errmsg()) > 0);
    OK(xc_wdb_close(w));

    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    OK(xc_rdb_termfreq(r, "Qd2", 3, &n));
    assert_int_equal(n, 0);
    OK(xc_rdb_termfreq(r, "Qd1", 3, &n));
    assert_int_equal(n, 1);
    xc_rdb_close(r);
}

static void
test_commit_and_reopen(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    add_spec(w, &corpus[0]);
    OK(xc_wdb_commit(w));

    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    uint64_t rev1 = 0, rev2 = 0;
    uint32_t n = 0;
    OK(xc_rdb_revision(r, &rev1));
    assert_true(rev1 > 0);
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 1);

    /* Not committed: invisible even after a reopen. */
    add_spec(w, &corpus[1]);
    int changed = -1;
    OK(xc_rdb_reopen(r, &changed));
    assert_int_equal(changed, 0);
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 1);

    /* Committed: invisible until the reader reopens. */
    OK(xc_wdb_commit(w));
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 1);
    OK(xc_rdb_reopen(r, &changed));
    assert_int_equal(changed, 1);
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 2);
    OK(xc_rdb_revision(r, &rev2));
    assert_true(rev2 > rev1);

    /* Closing commits what is pending. */
    add_spec(w, &corpus[2]);
    OK(xc_wdb_close(w));
    OK(xc_rdb_reopen(r, NULL));
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 3);
    xc_rdb_close(r);
}

/* A scratch database starts empty, even over an existing one, and what it
 * committed is there for a reader (only syncing to disk is skipped). */
static void
test_scratch(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    add_spec(w, &corpus[0]);
    add_spec(w, &corpus[1]);
    OK(xc_wdb_close(w));
    OK(xc_wdb_open(path, XC_OPEN_SCRATCH, &w));
    uint32_t n = 99;
    OK(xc_wdb_doccount(w, &n));
    assert_int_equal(n, 0);
    add_spec(w, &corpus[2]);
    OK(xc_wdb_commit(w));

    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 1);
    OK(xc_rdb_termfreq(r, corpus[2].uid, strlen(corpus[2].uid), &n));
    assert_int_equal(n, 1);
    OK(xc_rdb_termfreq(r, corpus[0].uid, strlen(corpus[0].uid), &n));
    assert_int_equal(n, 0);
    xc_rdb_close(r);
    OK(xc_wdb_close(w));
}

/* A writer that fails halfway through a unit of work throws the half away:
 * documents, metadata and synonyms since the last commit go, the committed
 * ones stay, and the writer goes on. */
static int syn_cb(const char *syn, size_t len, void *ud);

static void
test_discard(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    add_spec(w, &corpus[0]);
    OK(xc_wdb_set_metadata(w, "kept", "1", 1));
    OK(xc_wdb_commit(w));
    add_spec(w, &corpus[1]);
    OK(xc_wdb_delete_term(w, corpus[0].uid, strlen(corpus[0].uid)));
    OK(xc_wdb_set_metadata(w, "dropped", "1", 1));
    OK(xc_wdb_add_synonym(w, "khoa", 4, "khoá", strlen("khoá")));
    OK(xc_wdb_discard(w));
    uint32_t n = 0;
    OK(xc_wdb_doccount(w, &n));
    assert_int_equal(n, 1);
    char *v = NULL;
    size_t len = 0;
    OK(xc_wdb_get_metadata(w, "dropped", &v, &len));
    assert_int_equal(len, 0);
    free(v);
    add_spec(w, &corpus[2]);
    OK(xc_wdb_close(w));
    assert_int_equal(xc_wdb_discard(NULL), XC_EINVAL);

    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 2);
    OK(xc_rdb_termfreq(r, corpus[0].uid, strlen(corpus[0].uid), &n));
    assert_int_equal(n, 1);
    OK(xc_rdb_termfreq(r, corpus[1].uid, strlen(corpus[1].uid), &n));
    assert_int_equal(n, 0);
    char buf[64] = "";
    OK(xc_rdb_synonyms(r, "khoa", 4, syn_cb, buf));
    assert_string_equal(buf, "");
    OK(xc_rdb_get_metadata(r, "kept", &v, &len));
    assert_string_equal(v, "1");
    free(v);
    xc_rdb_close(r);
}

static void
test_two_databases(void **state)
{
    (void)state;
    char a[PATH_MAX], b[PATH_MAX];
    new_path(a, sizeof a);
    new_path(b, sizeof b);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(a, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    add_spec(w, &corpus[0]);
    add_spec(w, &corpus[1]);
    OK(xc_wdb_close(w));
    OK(xc_wdb_open(b, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    add_spec(w, &corpus[2]);
    add_spec(w, &corpus[3]);
    add_spec(w, &corpus[4]);
    OK(xc_wdb_close(w));

    const char *paths[] = {a, b};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 2, &r));
    uint32_t n = 0;
    OK(xc_rdb_doccount(r, &n));
    assert_int_equal(n, 5);
    OK(xc_rdb_termfreq(r, "viet", 4, &n));
    assert_int_equal(n, 4);
    uint64_t rev = 0;
    OK(xc_rdb_revision(r, &rev)); /* of the first shard, even with two */
    assert_true(rev > 0);

    /* Results come from both shards, each doc's data intact. */
    struct qpool qp = {0};
    xc_search_opts o;
    xc_search_opts_init(&o);
    xc_mset *m = NULL;
    OK(xc_rdb_search(r, term(&qp, "nam"), &o, &m));
    assert_int_equal(xc_mset_size(m), 4);
    int seen = 0;
    for (size_t i = 0; i < xc_mset_size(m); i++) {
        const char *d = NULL;
        size_t len = 0;
        OK(xc_mset_data(m, i, &d, &len));
        if (strcmp(d, "doc one") == 0)
            seen |= 1;
        if (strcmp(d, "doc four") == 0)
            seen |= 2;
    }
    assert_int_equal(seen, 3);
    xc_mset_free(m);
    qpool_free(&qp);
    xc_rdb_close(r);
}

/* Metadata entries gathered as "key=value;". */
typedef struct mlist {
    char text[256];
    int stop_after; /* stop after this many (0: never) */
    int seen;
} mlist;

static int
collect_meta(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    mlist *m = ud;
    size_t used = strlen(m->text);
    snprintf(m->text + used, sizeof m->text - used, "%.*s=%.*s;", (int)key_len, key, (int)value_len,
             value);
    return m->stop_after && ++m->seen >= m->stop_after;
}

static int
collect_term(const char *term, size_t len, uint32_t freq, void *ud)
{
    mlist *m = ud;
    size_t used = strlen(m->text);
    snprintf(m->text + used, sizeof m->text - used, "%.*s:%u;", (int)len, term, freq);
    return 0;
}

static void
test_terms(void **state)
{
    struct fixture *f = *state;
    uint64_t n = 0;
    OK(xc_rdb_term_count(f->r, "K", &n));
    assert_int_equal(n, 2); /* Knq, Kvb */
    uint64_t all = 0;
    OK(xc_rdb_term_count(f->r, "", &all));
    assert_true(all > n);
    OK(xc_rdb_term_count(f->r, "Knothing", &n));
    assert_int_equal(n, 0);
    mlist m = {0};
    OK(xc_rdb_terms(f->r, "Kvb", 0, collect_term, &m));
    assert_string_equal(m.text, "Kvb:3;");
    m.text[0] = '\0';
    OK(xc_rdb_terms(f->r, "K", 1, collect_term, &m));
    assert_int_equal(strchr(m.text, ';') - m.text + 1, (long)strlen(m.text)); /* one term */
}

static void
test_metadata(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    static const char value[] = "v\0with nul"; /* any bytes */
    OK(xc_wdb_set_metadata(w, "schema", value, sizeof value - 1));
    OK(xc_wdb_set_metadata(w, "gone", "x", 1));
    OK(xc_wdb_set_metadata(w, "gone", NULL, 0));
    OK(xc_wdb_set_metadata(w, "f.b", "2", 1));
    OK(xc_wdb_set_metadata(w, "f.a", "1", 1));
    /* The writer sees its own uncommitted entries. */
    char *s = NULL;
    size_t len = 0;
    OK(xc_wdb_get_metadata(w, "f.a", &s, &len));
    assert_string_equal(s, "1");
    free(s);
    mlist ml = {0};
    OK(xc_wdb_metadata_list(w, "f.", collect_meta, &ml));
    assert_string_equal(ml.text, "f.a=1;f.b=2;");
    OK(xc_wdb_close(w));

    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    ml.text[0] = '\0';
    ml.stop_after = 1;
    OK(xc_rdb_metadata_list(r, "f.", collect_meta, &ml));
    assert_string_equal(ml.text, "f.a=1;");
    OK(xc_rdb_get_metadata(r, "schema", &s, &len));
    assert_int_equal(len, sizeof value - 1);
    assert_memory_equal(s, value, len);
    assert_int_equal(s[len], '\0');
    free(s);
    OK(xc_rdb_get_metadata(r, "gone", &s, &len));
    assert_int_equal(len, 0);
    assert_string_equal(s, "");
    free(s);
    OK(xc_rdb_get_metadata(r, "never", &s, &len));
    assert_int_equal(len, 0);
    free(s);
    xc_rdb_close(r);
}

/* ---------------------------------------------------------------------- */
/* Queries                                                                */
/* ---------------------------------------------------------------------- */

static void
test_boolean_operators(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    EXPECT_SET(f->r, term(p, "viet"), 1, 2, 3, 4);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND, 0, term(p, "dang"), term(p, "viet")), 1, 2);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_OR, 0, term(p, "hoi"), term(p, "cong")), 1, 2, 5);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND_NOT, 0, term(p, "viet"), term(p, "dang")), 3, 4);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), term(p, "Knq")), 3, 4);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_SYNONYM, 0, term(p, "xx"), term(p, "hoi")), 4, 5);

    xc_query *all = NULL, *none = NULL;
    OK(xc_query_match_all(&all));
    OK(xc_query_match_nothing(&none));
    EXPECT_SET(f->r, keep(p, all), 1, 2, 3, 4, 5);
    xc_search_opts o;
    xc_search_opts_init(&o);
    uint32_t ids[8] = {0};
    assert_int_equal(search_ids(f->r, keep(p, none), &o, ids, 8), 0);
}

/* Queries made in two threads at once, as the daemon's workers make them:
 * Xapian's reference counts are not atomic, so a query object shared by the
 * threads (Xapian::Query::MatchAll, copied) was counted wrong and freed while
 * in use. Each thread makes and frees match-all queries and searches with
 * them; none may fail, and match-all still matches every document. */
struct thread_job {
    xc_rdb *r;
    int failures;
};

static void *
match_all_job(void *arg)
{
    struct thread_job *job = arg;
    for (int i = 0; i < 20000; i++) {
        xc_query *all = NULL;
        if (xc_query_match_all(&all) != XC_OK) {
            job->failures++;
            continue;
        }
        if (i % 1000 == 0) {
            xc_search_opts o;
            xc_search_opts_init(&o);
            xc_mset *m = NULL;
            if (xc_rdb_search(job->r, all, &o, &m) != XC_OK || xc_mset_size(m) != 5)
                job->failures++;
            xc_mset_free(m);
        }
        xc_query_free(all);
    }
    return NULL;
}

static void
test_queries_in_threads(void **state)
{
    struct fixture *f = *state;
    const char *paths[] = {f->path};
    struct thread_job jobs[2] = {{0}, {0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        OK(xc_rdb_open(paths, 1, &jobs[i].r));
        assert_int_equal(pthread_create(&t[i], NULL, match_all_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        xc_rdb_close(jobs[i].r);
        assert_int_equal(jobs[i].failures, 0);
    }
    xc_query *all = NULL;
    OK(xc_query_match_all(&all));
    EXPECT_SET(f->r, keep(&f->qp, all), 1, 2, 3, 4, 5);
}

/* FILTER restricts without adding weight: same weights as the plain term.
 * Likewise a boolean term alone matches with weight 0. */
static void
test_filter_adds_no_weight(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    xc_query *plain = term(p, "viet");
    xc_query *filtered = COMBINE(p, XC_OP_FILTER, 0, plain, term(p, "Kvb"));
    xc_search_opts o;
    xc_search_opts_init(&o);
    xc_mset *a = NULL, *b = NULL;
    OK(xc_rdb_search(f->r, plain, &o, &a));
    OK(xc_rdb_search(f->r, filtered, &o, &b));
    assert_int_equal(xc_mset_size(b), 2);
    for (size_t i = 0; i < xc_mset_size(b); i++) {
        xc_match mb, ma;
        OK(xc_mset_get(b, i, &mb));
        int found = 0;
        for (size_t j = 0; j < xc_mset_size(a); j++) {
            OK(xc_mset_get(a, j, &ma));
            if (ma.docid == mb.docid) {
                assert_true(ma.weight == mb.weight);
                found = 1;
            }
        }
        assert_true(found);
    }
    xc_mset_free(a);
    xc_mset_free(b);

    /* Boolean terms have wdf 0, so on their own they give no weight. */
    OK(xc_rdb_search(f->r, term(p, "Kvb"), &o, &a));
    assert_int_equal(xc_mset_size(a), 3);
    xc_match ma;
    OK(xc_mset_get(a, 0, &ma));
    assert_true(ma.weight == 0.0);
    xc_mset_free(a);
}

static void
test_phrase_and_near(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    xc_query *viet = term(p, "viet"), *nam = term(p, "nam");
    /* Adjacent and in order: docs 1 and 2, not 3 (reversed) or 4 (apart). */
    EXPECT_SET(f->r, COMBINE(p, XC_OP_PHRASE, 0, viet, nam), 1, 2);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_PHRASE, 0, nam, viet), 3);
    /* A wider phrase window lets doc 4 (viet at 1, nam at 4) in. */
    EXPECT_SET(f->r, COMBINE(p, XC_OP_PHRASE, 4, viet, nam), 1, 2, 4);
    /* NEAR ignores order; the window bounds the distance. */
    EXPECT_SET(f->r, COMBINE(p, XC_OP_NEAR, 2, viet, nam), 1, 2, 3);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_NEAR, 4, viet, nam), 1, 2, 3, 4);
    /* Whether a query checks positions, at any depth. */
    xc_query *ph = COMBINE(p, XC_OP_PHRASE, 0, viet, nam);
    assert_int_equal(xc_query_positional(ph), 1);
    assert_int_equal(xc_query_positional(COMBINE(p, XC_OP_NEAR, 2, viet, nam)), 1);
    assert_int_equal(
        xc_query_positional(COMBINE(p, XC_OP_OR, 0, term(p, "hoi"),
                                    scale(p, COMBINE(p, XC_OP_AND, 0, term(p, "dang"), ph), 1))),
        1);
    assert_int_equal(xc_query_positional(COMBINE(p, XC_OP_AND_MAYBE, 0, viet, nam)), 0);
    assert_int_equal(xc_query_positional(viet), 0);
    assert_int_equal(xc_query_positional(NULL), 0);
}

static void
test_value_range(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    char lo[XC_SORTABLE_MAX], hi[XC_SORTABLE_MAX];
    size_t nlo = xc_sortable_serialise(2000, lo);
    size_t nhi = xc_sortable_serialise(2005, hi);
    xc_query *q = NULL;
    OK(xc_query_value_range(SLOT_YEAR, lo, nlo, hi, nhi, &q));
    EXPECT_SET(f->r, keep(p, q), 1, 4); /* 2001, 2005: bounds inclusive */
    OK(xc_query_value_range(SLOT_YEAR, hi, nhi, NULL, 0, &q));
    EXPECT_SET(f->r, keep(p, q), 3, 4); /* >= 2005 */
    OK(xc_query_value_range(SLOT_YEAR, NULL, 0, lo, nlo, &q));
    EXPECT_SET(f->r, keep(p, q), 2, 5); /* <= 2000 */
    OK(xc_query_value_range(SLOT_CAT, "b", 1, "b", 1, &q));
    EXPECT_SET(f->r, keep(p, q), 2, 5);
    /* Combined with a term, as a filter. */
    EXPECT_SET(f->r, COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), q), 2);
}

/* Documents by a set of values, read from the value stream: in the set, or
 * outside it; alone (next/skip_to) and inside an AND, where it is asked
 * about the documents the other side proposes (check), including the
 * first one, before it ever moved. */
static void
test_value_in(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    const char *b[] = {"b"}, *ac[] = {"a", "c", "zz"};
    size_t bl[] = {1}, acl[] = {1, 1, 2};
    xc_query *in_b = NULL, *out_b = NULL, *in_ac = NULL, *none = NULL;
    /* slot, values, lens, n, outside, est */
    OK(xc_query_value_in(&(xc_value_test){SLOT_CAT, b, bl, 1, 0, 2}, &in_b));
    OK(xc_query_value_in(&(xc_value_test){SLOT_CAT, b, bl, 1, 1, 3}, &out_b));
    OK(xc_query_value_in(&(xc_value_test){SLOT_CAT, ac, acl, 3, 0, 3}, &in_ac));
    OK(xc_query_value_in(&(xc_value_test){SLOT_CAT, NULL, NULL, 0, 0, 0}, &none));
    keep(p, in_b), keep(p, out_b), keep(p, in_ac), keep(p, none);
    EXPECT_SET(f->r, in_b, 2, 5);
    EXPECT_SET(f->r, out_b, 1, 3, 4);
    EXPECT_SET(f->r, in_ac, 1, 3, 4);
    xc_search_opts o;
    xc_search_opts_init(&o);
    uint32_t ids[8];
    assert_int_equal(search_ids(f->r, none, &o, ids, 8), 0);
    /* viet: 1, 2, 3, 4 */
    EXPECT_SET(f->r, COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), out_b), 1, 3, 4);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), in_b), 2);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND_NOT, 0, term(p, "viet"), in_ac), 2);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND, 0, term(p, "nam"), in_ac, term(p, "viet")), 1, 3, 4);
    /* A FILTER's value restriction is checked apart from the posting lists
     * when the whole query requires it, and inside them when it does not:
     * the same documents either way. */
    xc_query *viet_not_b = COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), out_b);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_OR, 0, viet_not_b, term(p, "hoi")), 1, 3, 4, 5);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND_MAYBE, 0, viet_not_b, term(p, "dang")), 1, 3, 4);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND_MAYBE, 0, term(p, "viet"), viet_not_b), 1, 2, 3, 4);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_AND_NOT, 0, term(p, "viet"), viet_not_b), 2);
    EXPECT_SET(f->r, scale(p, COMBINE(p, XC_OP_AND, 0, viet_not_b, term(p, "dang")), 1), 1);
    EXPECT_SET(f->r, COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), out_b, in_ac), 1, 3, 4);
    EXPECT_SET(
        f->r,
        COMBINE(p, XC_OP_FILTER, 0, term(p, "viet"), out_b, COMBINE(p, XC_OP_OR, 0, in_b, in_ac)),
        1, 3, 4);
    char *d = NULL;
    OK(xc_query_describe(viet_not_b, &d));
    assert_non_null(strstr(d, "ValueNotInSet"));
    free(d);
    assert_int_equal(xc_rdb_has_remote(f->r), 0);
    xc_query *q = NULL;
    assert_int_equal(xc_query_value_in(&(xc_value_test){SLOT_CAT, NULL, bl, 1, 0, 0}, &q),
                     XC_EINVAL);
    assert_null(q);
    assert_int_equal(xc_query_value_in(NULL, &q), XC_EINVAL);
}

/* Scaling one side of an OR moves its documents to the top. */
static void
test_scale(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    xc_query *hoi = term(p, "hoi"), *dang = term(p, "dang");
    xc_search_opts o;
    xc_search_opts_init(&o);
    uint32_t ids[8] = {0};
    size_t n = search_ids(f->r, COMBINE(p, XC_OP_OR, 0, scale(p, hoi, 10), dang), &o, ids, 8);
    assert_int_equal(n, 3);
    assert_int_equal(ids[0], 5);
    n = search_ids(f->r, COMBINE(p, XC_OP_OR, 0, hoi, scale(p, dang, 10)), &o, ids, 8);
    assert_int_equal(n, 3);
    assert_int_equal(ids[2], 5);
    /* Scale 0 keeps the matches but drops the weight. */
    xc_mset *m = NULL;
    OK(xc_rdb_search(f->r, scale(p, dang, 0), &o, &m));
    assert_int_equal(xc_mset_size(m), 2);
    xc_match match;
    OK(xc_mset_get(m, 0, &match));
    assert_true(match.weight == 0.0);
    xc_mset_free(m);
}

static void
test_collapse(void **state)
{
    struct fixture *f = *state;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.collapse_slot = SLOT_CAT;
    xc_mset *m = NULL;
    /* viet: docs 1 (a), 2 (b), 3 (a), 4 (c): one result per category. */
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    assert_int_equal(xc_mset_size(m), 3);
    int seen[3] = {0, 0, 0};
    for (size_t i = 0; i < xc_mset_size(m); i++) {
        xc_match match;
        const char *cat = NULL;
        size_t len = 0;
        OK(xc_mset_get(m, i, &match));
        OK(xc_mset_value(m, i, SLOT_CAT, &cat, &len));
        assert_int_equal(len, 1);
        assert_true(cat[0] >= 'a' && cat[0] <= 'c');
        seen[cat[0] - 'a']++;
        if (cat[0] == 'a')
            assert_true(match.collapse_count >= 1);
        else
            assert_int_equal(match.collapse_count, 0);
    }
    assert_int_equal(seen[0], 1);
    assert_int_equal(seen[1], 1);
    assert_int_equal(seen[2], 1);
    xc_mset_free(m);

    /* Two per key: all four come back. */
    o.collapse_max = 2;
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    assert_int_equal(xc_mset_size(m), 4);
    xc_mset_free(m);
}

static void
test_sort_by_value(void **state)
{
    struct fixture *f = *state;
    xc_query *all = NULL;
    OK(xc_query_match_all(&all));
    keep(&f->qp, all);
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.sort_slot = SLOT_YEAR;
    uint32_t ids[8] = {0};
    /* Years: 5=1995, 2=1999, 1=2001, 4=2005, 3=2010. */
    static const uint32_t asc[] = {5, 2, 1, 4, 3};
    assert_int_equal(search_ids(f->r, all, &o, ids, 8), 5);
    assert_memory_equal(ids, asc, sizeof asc);
    o.sort_descending = 1;
    assert_int_equal(search_ids(f->r, all, &o, ids, 8), 5);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(ids[i], asc[4 - i]);

    /* A page: ranks count from the start of the whole match. */
    o.sort_descending = 0;
    o.offset = 2;
    o.limit = 2;
    xc_mset *m = NULL;
    OK(xc_rdb_search(f->r, all, &o, &m));
    assert_int_equal(xc_mset_size(m), 2);
    xc_match match;
    OK(xc_mset_get(m, 1, &match));
    assert_int_equal(match.docid, 4);
    assert_int_equal(match.rank, 3);
    uint32_t est = 0, lower = 0, upper = 0;
    xc_mset_estimate(m, &est, &lower, &upper);
    assert_int_equal(est, 5);
    assert_true(lower <= est && est <= upper);
    assert_int_equal(xc_mset_get(m, 2, &match), XC_EINVAL);
    xc_mset_free(m);

    /* Past the end, even where offset + limit would overflow: no matches. */
    o.offset = UINT32_MAX - 1;
    o.limit = 10;
    OK(xc_rdb_search(f->r, all, &o, &m));
    assert_int_equal(xc_mset_size(m), 0);
    xc_mset_free(m);
}

/* Collects callback output into a string: "term,term,". */
struct collect {
    char buf[256]; /* the text so far */
    int calls;     /* callback calls */
    int stop_at;   /* stop after this many calls, or 0 */
};

static void
append(struct collect *c, const char *s, size_t len)
{
    size_t used = strlen(c->buf);
    assert_true(used + len + 1 < sizeof c->buf);
    memcpy(c->buf + used, s, len);
    c->buf[used + len] = ',';
    c->buf[used + len + 1] = '\0';
}

static int
term_cb(const char *t, size_t len, void *ud)
{
    struct collect *c = ud;
    append(c, t, len);
    return ++c->calls == c->stop_at;
}

static void
test_matching_terms(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    xc_query *q = COMBINE(p, XC_OP_OR, 0, term(p, "nam"), term(p, "dang"), term(p, "hoi"));
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.sort_slot = SLOT_YEAR; /* so index 0 is doc 5, index 2 is doc 1 */
    xc_mset *m = NULL;
    OK(xc_rdb_search(f->r, q, &o, &m));
    assert_int_equal(xc_mset_size(m), 5);

    struct collect c = {.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_matching_terms(m, 0, term_cb, &c));
    assert_string_equal(c.buf, "hoi,");
    c = (struct collect){.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_matching_terms(m, 2, term_cb, &c));
    assert_string_equal(c.buf, "dang,nam,");
    c = (struct collect){.buf = "", .calls = 0, .stop_at = 1};
    OK(xc_mset_matching_terms(m, 2, term_cb, &c));
    assert_string_equal(c.buf, "dang,");
    assert_int_equal(xc_mset_matching_terms(m, 5, term_cb, &c), XC_EINVAL);
    xc_mset_free(m);
}

static int
count_cb(const char *value, size_t len, uint32_t count, void *ud)
{
    struct collect *c = ud;
    char num[16];
    int n = snprintf(num, sizeof num, "=%u", (unsigned)count);
    assert_true(n > 0 && (size_t)n < sizeof num);
    append(c, value, len);
    c->buf[strlen(c->buf) - 1] = '\0'; /* drop the comma */
    append(c, num, (size_t)n);
    return ++c->calls == c->stop_at;
}

static void
test_value_counts(void **state)
{
    struct fixture *f = *state;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.count_slot = SLOT_CAT;
    o.limit = 1; /* counts still cover the whole match */
    xc_mset *m = NULL;
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    assert_int_equal(xc_mset_size(m), 1);
    struct collect c = {.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_counts(m, count_cb, &c));
    assert_string_equal(c.buf, "a=2,b=1,c=1,");
    xc_mset_free(m);

    /* Without count_slot: no calls, no error. */
    xc_search_opts_init(&o);
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    c = (struct collect){.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_counts(m, count_cb, &c));
    assert_int_equal(c.calls, 0);
    xc_mset_free(m);
}

/* Counts of further slots, and counts of distinct pairs (vankien counts
 * documents, not passages: "<value>\x1f<document>"). */
static void
test_distinct_counts(void **state)
{
    struct fixture *f = *state;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.count_slots[0] = SLOT_PAIR;
    o.pair_counts = 1;
    o.pair_sep = '\x1f';
    xc_mset *m = NULL;
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    struct collect c = {.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_slot_counts(m, SLOT_PAIR, count_cb, &c));
    assert_string_equal(c.buf, "a=1,b=1,c=1,");
    /* A slot that was not counted gives nothing. */
    c = (struct collect){.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_slot_counts(m, SLOT_YEAR, count_cb, &c));
    assert_int_equal(c.calls, 0);
    xc_mset_free(m);
    /* The same slot counted plainly: one per match. */
    xc_search_opts_init(&o);
    o.count_slots[0] = SLOT_CAT;
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    c = (struct collect){.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_slot_counts(m, SLOT_CAT, count_cb, &c));
    assert_string_equal(c.buf, "a=2,b=1,c=1,");
    xc_mset_free(m);
}

/* A new index of n documents, opened for reading: each has the term "x"
 * and, for k below n_slots, the value vals[i * n_slots + k] in slot
 * first_slot + k unless it is empty. */
static xc_rdb *
values_index(const char *const *vals, size_t n, size_t n_slots, uint32_t first_slot)
{
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    for (size_t i = 0; i < n; i++) {
        xc_doc *d = NULL;
        OK(xc_doc_new(&d));
        OK(xc_doc_add_term(d, "x", 1, 1));
        for (size_t k = 0; k < n_slots; k++) {
            const char *v = vals[i * n_slots + k];
            if (*v)
                OK(xc_doc_set_value(d, first_slot + (uint32_t)k, v, strlen(v)));
        }
        OK(xc_wdb_add(w, d, NULL));
        xc_doc_free(d);
    }
    OK(xc_wdb_close(w));
    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    return r;
}

/* Facet counts of slot 0 over all documents of a new index, as
 * "value=count," in byte order: of its whole values (field -1), or of one
 * field of them (xc_mset_field_counts). */
static void
facet_counts(xc_rdb *r, const xc_search_opts *o, int field, char *out, size_t size)
{
    xc_query *all = NULL;
    xc_mset *m = NULL;
    OK(xc_query_match_all(&all));
    OK(xc_rdb_search(r, all, o, &m));
    struct collect c = {.buf = "", .calls = 0, .stop_at = 0};
    if (field < 0)
        OK(xc_mset_slot_counts(m, 0, count_cb, &c));
    else
        OK(xc_mset_field_counts(m, 0, (unsigned)field, count_cb, &c));
    assert_true(strlen(c.buf) < size);
    strcpy(out, c.buf);
    xc_mset_free(m);
    xc_query_free(all);
}

/* The separator of pair counts is the caller's. Slot 0 of seven documents
 * holds "red|d1" twice, "red|d2", "blue|d2", "blue|d3", "green" and
 * "a\037b|d4" ('\037' is '\x1f'). With '|' each value counts its distinct
 * keys: red d1, d2 (2), blue d2, d3 (2), green none (a pair without the
 * separator is all value: 1), "a\037b" d4 (1). With '\x1f' only the last
 * is split, under "a"; every other distinct string counts once, the
 * twice-seen "red|d1" too. Plainly, "red|d1" counts 2. */
static void
test_pair_separator(void **state)
{
    (void)state;
    static const char *const vals[] = {"red|d1",  "red|d1", "red|d2",   "blue|d2",
                                       "blue|d3", "green",  "a\037b|d4"};
    xc_rdb *r = values_index(vals, sizeof vals / sizeof *vals, 1, 0);
    char got[256];
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.count_slot = 0;
    o.pair_counts = 1;
    o.pair_sep = '|';
    facet_counts(r, &o, -1, got, sizeof got);
    assert_string_equal(got, "a\037b=1,blue=2,green=1,red=2,");
    o.pair_sep = '\x1f';
    facet_counts(r, &o, -1, got, sizeof got);
    assert_string_equal(got, "a=1,blue|d2=1,blue|d3=1,green=1,red|d1=1,red|d2=1,");
    /* Without pair_counts the separator is ignored: documents per string. */
    o.pair_counts = 0;
    o.pair_sep = '|';
    facet_counts(r, &o, -1, got, sizeof got);
    assert_string_equal(got, "a\037b|d4=1,blue|d2=1,blue|d3=1,green=1,red|d1=2,red|d2=1,");
    /* Pair counts want a separator, one byte. */
    xc_query *all = NULL;
    xc_mset *m = NULL;
    OK(xc_query_match_all(&all));
    xc_search_opts_init(&o);
    o.count_slot = 0;
    o.pair_counts = 1;
    assert_int_equal(xc_rdb_search(r, all, &o, &m), XC_EINVAL);
    assert_null(m);
    o.pair_sep = 256;
    assert_int_equal(xc_rdb_search(r, all, &o, &m), XC_EINVAL);
    assert_null(m);
    xc_query_free(all);
    xc_rdb_close(r);
}

/* One slot, several facets (field_sep ';', pair_sep '|'): d1 two passages
 * "NQ;2022;Ban;vb", d2 "KH;2022;;vb" (no issuer), d3 "NQ;2021;Ban;qa", d4
 * no type, year or issuer, d6 two copies of two years "NQ;2020;Tinh;vb"
 * and "NQ;2019;Tinh;vb", and "NQ" alone (no key: the empty one). Each field
 * counts its distinct keys: types NQ d1 d3 d6 "" (4), KH d2; years 2022 d1
 * d2 (2), 2021, 2020 and 2019 one each; issuers Ban d1 d3 (2), Tinh d6 once
 * for its two values; kinds vb d1 d2 d4 d6 (4), qa d3. A fifth field, and
 * any field without a field_sep, count nothing. */
static void
test_field_counts(void **state)
{
    (void)state;
    static const char *const vals[] = {
        "NQ;2022;Ban;vb|d1", "NQ;2022;Ban;vb|d1",  "KH;2022;;vb|d2",     "NQ;2021;Ban;qa|d3",
        ";;;vb|d4",          "NQ;2020;Tinh;vb|d6", "NQ;2019;Tinh;vb|d6", "NQ"};
    xc_rdb *r = values_index(vals, sizeof vals / sizeof *vals, 1, 0);
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.count_slot = 0;
    o.pair_counts = 1;
    o.pair_sep = '|';
    o.field_sep = ';';
    static const char *const want[] = {"KH=1,NQ=4,", "2019=1,2020=1,2021=1,2022=2,",
                                       "Ban=2,Tinh=1,", "qa=1,vb=4,", ""};
    char got[256];
    for (unsigned f = 0; f < sizeof want / sizeof *want; f++) {
        facet_counts(r, &o, (int)f, got, sizeof got);
        assert_string_equal(got, want[f]);
    }
    o.field_sep = -1;
    facet_counts(r, &o, 0, got, sizeof got);
    assert_string_equal(got, "");
    /* A field separator is one byte. */
    xc_query *all = NULL;
    xc_mset *m = NULL;
    OK(xc_query_match_all(&all));
    o.field_sep = 256;
    assert_int_equal(xc_rdb_search(r, all, &o, &m), XC_EINVAL);
    assert_null(m);
    xc_query_free(all);
    xc_rdb_close(r);
}

/* Searches the keyed index of test_keyed_counts: the term "x", collapsed
 * on slot 1, 2 matches, slots 0 and 2 counted as '|' pairs; keyed: slot 0
 * keyed (counted apart, checking no more than asked), else every match
 * checked in one pass. Writes the total, each match's collapse count and
 * the counts into out. */
static void
keyed_search(xc_rdb *r, int keyed, char *out, size_t size)
{
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.limit = 2;
    o.collapse_slot = 1;
    o.count_slots[0] = 0;
    o.count_slots[1] = 2;
    o.pair_counts = 1;
    o.pair_sep = '|';
    o.keyed_slot = keyed ? 0 : -1;
    o.check_at_least = keyed ? 0 : 100;
    xc_query *x = NULL;
    xc_mset *m = NULL;
    OK(xc_query_term("x", 1, 1, 0, &x));
    OK(xc_rdb_search(r, x, &o, &m));
    uint32_t est = 0, lo = 0, hi = 0;
    xc_mset_estimate(m, &est, &lo, &hi);
    int n = snprintf(out, size, "total %u %u %u;", est, lo, hi);
    for (size_t i = 0; i < xc_mset_size(m); i++) {
        xc_match mt;
        OK(xc_mset_get(m, i, &mt));
        n += snprintf(out + n, size - (size_t)n, " doc %u +%u;", mt.docid, mt.collapse_count);
    }
    struct collect c = {.buf = "", .calls = 0, .stop_at = 0};
    OK(xc_mset_slot_counts(m, 0, count_cb, &c));
    OK(xc_mset_slot_counts(m, 2, count_cb, &c));
    snprintf(out + n, size - (size_t)n, " %s", c.buf);
    xc_mset_free(m);
    xc_query_free(x);
}

/* Counts apart (keyed_slot): seven passages of four documents, each
 * passage with its kind paired with its document in slot 0, its document
 * in slot 1 (the collapse key) and, for some, a type pair in slot 2: d1
 * three passages of kind vb and type NQ, d2 two of vb and KH, d3 one of qa
 * without a type, d4 one of vb and NQ. The first two documents are d1
 * (docid 1, 2 passages collapsed) and d2 (docid 4, 1 collapsed); the total
 * is 4 documents; vb counts 3 documents, qa 1, NQ 2 and KH 1. Counted
 * apart, the search gives what checking every match in one pass gives. */
static void
test_keyed_counts(void **state)
{
    (void)state;
    static const char *const rows[][3] = {{"vb|d1", "d1", "NQ|d1"}, {"vb|d1", "d1", "NQ|d1"},
                                          {"vb|d1", "d1", "NQ|d1"}, {"vb|d2", "d2", "KH|d2"},
                                          {"vb|d2", "d2", "KH|d2"}, {"qa|d3", "d3", ""},
                                          {"vb|d4", "d4", "NQ|d4"}};
    xc_rdb *r = values_index(&rows[0][0], sizeof rows / sizeof *rows, 3, 0);
    char apart[256], one[256];
    keyed_search(r, 1, apart, sizeof apart);
    keyed_search(r, 0, one, sizeof one);
    assert_string_equal(apart, "total 4 4 4; doc 1 +2; doc 4 +1; qa=1,vb=3,KH=1,NQ=2,");
    assert_string_equal(apart, one);
    xc_rdb_close(r);
}

/* A prior by value: three documents with the same one term, their values
 * "vanban", "news" and none. Alone the weighted values match the two with
 * a value, weighing 5 and 1 (any other value); beside the term (AND_MAYBE)
 * each adds its weight to the term's equal one: "vanban" first, "news" 4
 * below it, the one without a value 1 below that. Weights below 0 are
 * refused. */
static void
test_value_weight(void **state)
{
    (void)state;
    static const char *const vals[] = {"news", "", "vanban"};
    xc_rdb *r = values_index(vals, sizeof vals / sizeof *vals, 1, 13);
    static const char *const kinds[] = {"vanban"};
    const size_t lens[] = {6};
    double weights[] = {5.0};
    xc_value_weights vw = {13, kinds, lens, weights, 1, 1.0};
    xc_query *prior = NULL, *x = NULL, *q = NULL;
    OK(xc_query_value_weight(&vw, &prior));
    OK(xc_query_term("x", 1, 1, 0, &x));
    xc_search_opts o;
    xc_search_opts_init(&o);
    xc_mset *m = NULL;
    OK(xc_rdb_search(r, prior, &o, &m));
    assert_int_equal(xc_mset_size(m), 2);
    xc_match mt;
    OK(xc_mset_get(m, 0, &mt));
    assert_int_equal(mt.docid, 3);
    assert_true(fabs(mt.weight - 5.0) < 1e-9);
    OK(xc_mset_get(m, 1, &mt));
    assert_int_equal(mt.docid, 1);
    assert_true(fabs(mt.weight - 1.0) < 1e-9);
    xc_mset_free(m);
    xc_query *pair[2] = {x, prior};
    OK(xc_query_combine(XC_OP_AND_MAYBE, pair, 2, 0, &q));
    OK(xc_rdb_search(r, q, &o, &m));
    assert_int_equal(xc_mset_size(m), 3);
    xc_match first, second, third;
    OK(xc_mset_get(m, 0, &first));
    OK(xc_mset_get(m, 1, &second));
    OK(xc_mset_get(m, 2, &third));
    assert_int_equal(first.docid, 3);
    assert_int_equal(second.docid, 1);
    assert_int_equal(third.docid, 2);
    assert_true(fabs(first.weight - second.weight - 4.0) < 1e-9);
    assert_true(fabs(second.weight - third.weight - 1.0) < 1e-9);
    xc_mset_free(m);
    weights[0] = -1.0;
    xc_query *bad = NULL;
    assert_int_equal(xc_query_value_weight(&vw, &bad), XC_EINVAL);
    assert_null(bad);
    assert_int_equal(xc_query_value_weight(NULL, &bad), XC_EINVAL);
    xc_query_free(q);
    xc_query_free(x);
    xc_query_free(prior);
    xc_rdb_close(r);
}

static int
syn_cb(const char *syn, size_t len, void *ud)
{
    char *buf = ud;
    strncat(buf, syn, len);
    strcat(buf, ",");
    return 0;
}

static void
test_synonyms(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    xc_wdb *w = NULL;
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OVERWRITE, &w));
    OK(xc_wdb_add_synonym(w, "khoa", 4, "khoá", strlen("khoá")));
    OK(xc_wdb_add_synonym(w, "khoa", 4, "khoa", 4));
    OK(xc_wdb_add_synonym(w, "khoa", 4, "khoá", strlen("khoá"))); /* twice: kept once */
    assert_int_equal(xc_wdb_add_synonym(w, "", 0, "x", 1), XC_EINVAL);
    OK(xc_wdb_commit(w));
    OK(xc_wdb_close(w));
    const char *paths[] = {path};
    xc_rdb *r = NULL;
    OK(xc_rdb_open(paths, 1, &r));
    char buf[64] = "";
    OK(xc_rdb_synonyms(r, "khoa", 4, syn_cb, buf));
    assert_string_equal(buf, "khoa,khoá,");
    buf[0] = '\0';
    OK(xc_rdb_synonyms(r, "none", 4, syn_cb, buf));
    assert_string_equal(buf, "");
    xc_rdb_close(r);
}

static void
test_mset_data_and_values(void **state)
{
    struct fixture *f = *state;
    xc_search_opts o;
    xc_search_opts_init(&o);
    o.sort_slot = SLOT_YEAR;
    o.time_limit = 5.0;
    xc_mset *m = NULL;
    OK(xc_rdb_search(f->r, term(&f->qp, "viet"), &o, &m));
    assert_int_equal(xc_mset_size(m), 4); /* 2 (1999), 1, 4, 3 (2010) */
    const char *d1 = NULL, *d2 = NULL, *v = NULL;
    size_t len = 0;
    OK(xc_mset_data(m, 0, &d1, &len));
    assert_string_equal(d1, "doc two");
    OK(xc_mset_value(m, 3, SLOT_YEAR, &v, &len));
    assert_true(xc_sortable_unserialise(v, len) == 2010.0);
    OK(xc_mset_value(m, 3, 9, &v, &len));
    assert_int_equal(len, 0);
    assert_string_equal(v, "");
    /* Earlier pointers stay valid, and repeated calls give the same one. */
    OK(xc_mset_data(m, 0, &d2, &len));
    assert_ptr_equal(d1, d2);
    assert_string_equal(d1, "doc two");
    assert_int_equal(xc_mset_data(m, 4, &d2, &len), XC_EINVAL);
    assert_null(d2);
    xc_mset_free(m);
}

static void
test_describe(void **state)
{
    struct fixture *f = *state;
    struct qpool *p = &f->qp;
    char *s = NULL;
    OK(xc_query_describe(COMBINE(p, XC_OP_AND, 0, term(p, "dang"), term(p, "viet")), &s));
    assert_string_equal(s, "Query((dang AND viet))");
    free(s);
}

/* ---------------------------------------------------------------------- */
/* Errors                                                                 */
/* ---------------------------------------------------------------------- */

static void
test_second_writer_locked(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    static char dummy;
    void *sentinel = &dummy;
    xc_wdb *w1 = NULL, *w2 = sentinel; /* a failed open must reset it to NULL */
    OK(xc_wdb_open(path, XC_OPEN_CREATE_OR_OPEN, &w1));
    assert_int_equal(xc_wdb_open(path, XC_OPEN_CREATE_OR_OPEN, &w2), XC_ELOCKED);
    assert_null(w2);
    assert_non_null(strstr(xc_errmsg(), "DatabaseLockError"));
    OK(xc_wdb_close(w1));
    /* Once closed, the lock is free. */
    OK(xc_wdb_open(path, XC_OPEN_EXISTING, &w2));
    OK(xc_wdb_close(w2));
}

static void
test_open_missing(void **state)
{
    (void)state;
    char path[PATH_MAX];
    new_path(path, sizeof path);
    const char *paths[] = {path};
    xc_rdb *r = NULL;
    xc_status st = xc_rdb_open(paths, 1, &r);
    assert_int_equal(st, XC_ENOTFOUND);
    assert_null(r);
    assert_true(strlen(xc_errmsg()) > 0);

    xc_wdb *w = NULL;
    st = xc_wdb_open(path, XC_OPEN_EXISTING, &w);
    assert_int_equal(st, XC_ENOTFOUND);
    assert_null(w);
    assert_true(strlen(xc_errmsg()) > 0);
    OK(xc_wdb_close(NULL));
}

static void
test_invalid_arguments(void **state)
{
    struct fixture *f = *state;
    char longterm[300];
    memset(longterm, 'x', sizeof longterm);
    xc_doc *d = NULL;
    OK(xc_doc_new(&d));
    assert_int_equal(xc_doc_new(NULL), XC_EINVAL);
    assert_int_equal(xc_doc_add_term(NULL, "a", 1, 1), XC_EINVAL);
    assert_int_equal(xc_doc_add_term(d, NULL, 1, 1), XC_EINVAL);
    assert_int_equal(xc_doc_add_term(d, "", 0, 1), XC_EINVAL);
    assert_true(strlen(xc_errmsg()) > 0);
    assert_int_equal(xc_doc_add_posting(d, longterm, sizeof longterm, 1, 1), XC_EINVAL);
    assert_non_null(strstr(xc_errmsg(), "xc_doc_add_posting"));
    OK(xc_doc_add_posting(d, longterm, XC_MAX_TERM, 1, 1));
    assert_int_equal(xc_doc_add_boolean_term(d, longterm, XC_MAX_TERM + 1), XC_EINVAL);
    assert_int_equal(xc_doc_set_value(d, 0xffffffffu, "x", 1), XC_EINVAL);
    assert_int_equal(xc_doc_set_data(d, NULL, 3), XC_EINVAL);
    xc_doc_free(d);
    xc_doc_free(NULL);

    xc_wdb *w = NULL;
    assert_int_equal(xc_wdb_open(NULL, XC_OPEN_CREATE_OR_OPEN, &w), XC_EINVAL);
    assert_int_equal(xc_wdb_open(f->path, (xc_open_mode)42, &w), XC_EINVAL);
    assert_int_equal(xc_wdb_commit(NULL), XC_EINVAL);
    assert_int_equal(xc_wdb_add(NULL, NULL, NULL), XC_EINVAL);
    assert_int_equal(xc_wdb_delete_term(NULL, "a", 1), XC_EINVAL);
    assert_int_equal(xc_wdb_set_metadata(NULL, "k", "v", 1), XC_EINVAL);

    xc_rdb *r = NULL;
    assert_int_equal(xc_rdb_open(NULL, 1, &r), XC_EINVAL);
    const char *paths[] = {f->path};
    assert_int_equal(xc_rdb_open(paths, 0, &r), XC_EINVAL);
    uint32_t n = 7;
    assert_int_equal(xc_rdb_termfreq(f->r, "", 0, &n), XC_EINVAL);
    assert_int_equal(n, 0);
    assert_int_equal(xc_rdb_termfreq(f->r, longterm, sizeof longterm, &n), XC_EINVAL);
    assert_int_equal(xc_rdb_doccount(NULL, &n), XC_EINVAL);
    char *s = NULL;
    size_t len = 0;
    assert_int_equal(xc_rdb_get_metadata(f->r, "", &s, &len), XC_EINVAL);
    assert_int_equal(xc_rdb_get_data(f->r, 0, &s, &len), XC_EINVAL);
    assert_null(s);

    xc_query *q = NULL;
    assert_int_equal(xc_query_term("", 0, 1, 0, &q), XC_EINVAL);
    assert_int_equal(xc_query_term(longterm, sizeof longterm, 1, 0, &q), XC_EINVAL);
    assert_null(q);
    assert_int_equal(xc_query_combine(XC_OP_AND, NULL, 0, 0, &q), XC_EINVAL);
    xc_query *subs[] = {term(&f->qp, "viet"), NULL};
    assert_int_equal(xc_query_combine(XC_OP_AND, subs, 2, 0, &q), XC_EINVAL);
    assert_int_equal(xc_query_combine((xc_op)99, subs, 1, 0, &q), XC_EINVAL);
    assert_int_equal(xc_query_scale(subs[0], -1.0, &q), XC_EINVAL);
    assert_int_equal(xc_query_scale(NULL, 1.0, &q), XC_EINVAL);

    xc_search_opts o;
    xc_search_opts_init(&o);
    xc_mset *m = NULL;
    assert_int_equal(xc_rdb_search(NULL, subs[0], &o, &m), XC_EINVAL);
    assert_int_equal(xc_rdb_search(f->r, NULL, &o, &m), XC_EINVAL);
    assert_int_equal(xc_rdb_search(f->r, subs[0], NULL, &m), XC_EINVAL);
    o.time_limit = -1.0;
    assert_int_equal(xc_rdb_search(f->r, subs[0], &o, &m), XC_EINVAL);
    assert_null(m);
    assert_int_equal(xc_mset_size(NULL), 0);
    xc_mset_free(NULL);
    xc_query_free(NULL);
    xc_rdb_close(NULL);
}

/* ---------------------------------------------------------------------- */
/* Values and statuses                                                    */
/* ---------------------------------------------------------------------- */

static void
test_sortable(void **state)
{
    (void)state;
    static const double v[] = {-1e300, -1000.5, -1, -0.25, 0, 1e-10, 0.25, 1, 2, 1999, 2001, 1e300};
    enum { N = sizeof v / sizeof v[0] };
    char buf[N][XC_SORTABLE_MAX];
    size_t len[N];
    for (size_t i = 0; i < N; i++) {
        len[i] = xc_sortable_serialise(v[i], buf[i]);
        assert_true(len[i] >= 1 && len[i] <= XC_SORTABLE_MAX);
        assert_true(xc_sortable_unserialise(buf[i], len[i]) == v[i]);
    }
    /* Byte order follows numeric order. */
    for (size_t i = 1; i < N; i++) {
        size_t n = len[i - 1] < len[i] ? len[i - 1] : len[i];
        int c = memcmp(buf[i - 1], buf[i], n);
        assert_true(c < 0 || (c == 0 && len[i - 1] < len[i]));
    }
}

static void
test_status_str(void **state)
{
    (void)state;
    const char *seen[XC_EINTERNAL + 1] = {0};
    for (int s = XC_OK; s <= XC_EINTERNAL; s++) {
        const char *str = xc_status_str((xc_status)s);
        assert_non_null(str);
        assert_true(strlen(str) > 0);
        for (int t = XC_OK; t < s; t++)
            assert_string_not_equal(seen[t], str);
        seen[s] = str;
    }
    assert_string_equal(xc_status_str(XC_ELOCKED), "locked");
    assert_non_null(xc_status_str((xc_status)1000));
    assert_non_null(strstr(xc_xapian_version(), "1."));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_add_read, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_postlist, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_positions, corpus_setup, corpus_teardown),
        cmocka_unit_test(test_query_terms),
        cmocka_unit_test(test_replace_keeps_count),
        cmocka_unit_test(test_delete),
        cmocka_unit_test(test_commit_and_reopen),
        cmocka_unit_test(test_scratch),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_two_databases),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test_setup_teardown(test_terms, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_boolean_operators, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_queries_in_threads, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_filter_adds_no_weight, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_phrase_and_near, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_value_range, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_value_in, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_scale, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_collapse, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_sort_by_value, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_matching_terms, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_value_counts, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_distinct_counts, corpus_setup, corpus_teardown),
        cmocka_unit_test(test_pair_separator),
        cmocka_unit_test(test_keyed_counts),
        cmocka_unit_test(test_field_counts),
        cmocka_unit_test(test_value_weight),
        cmocka_unit_test(test_synonyms),
        cmocka_unit_test_setup_teardown(test_mset_data_and_values, corpus_setup, corpus_teardown),
        cmocka_unit_test_setup_teardown(test_describe, corpus_setup, corpus_teardown),
        cmocka_unit_test(test_second_writer_locked),
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test_setup_teardown(test_invalid_arguments, corpus_setup, corpus_teardown),
        cmocka_unit_test(test_sortable),
        cmocka_unit_test(test_status_str),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
