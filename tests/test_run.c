/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_run.c: the index pipelines (indexer/ix_run.h) in-process, on a
 * temporary folder of fixture files: a first run, a run with nothing to do,
 * an incremental run after a file changed, one came, one went and one
 * turned to binary, a rebuild, and the index split into shards. The tests
 * run in order on one folder, each from where the last left it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "indexer/ix_run.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

static char dir[4096], db[4200], docs[4200], missing[4300];

/* What the callback was told in one run. */
typedef struct seen {
    size_t listed, progress, skipped, errors;
    size_t files_total, last_done; /* as told at the listing, and at the last progress */
} seen;

static void
on_progress(const ix_progress *p, void *ud)
{
    seen *s = ud;
    switch (p->event) {
    case IX_EVENT_LISTED:
        s->listed++;
        s->files_total = p->files_total;
        break;
    case IX_EVENT_PROGRESS:
        s->progress++;
        s->last_done = p->files_done;
        break;
    case IX_EVENT_SKIPPED: s->skipped++; break;
    case IX_EVENT_ERROR:
        s->errors++;
        print_error("%s\n", p->error);
        break;
    }
}

/* dir/rel, in buf. */
static const char *
in_dir(const char *rel, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", dir, rel);
    return buf;
}

static void
write_file(const char *rel, const char *data, size_t len, const char *mode)
{
    char path[4400];
    FILE *f = fopen(in_dir(rel, path, sizeof path), mode);
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Copies a file of the source tree ($VK_SOURCE_DIR/src) to dir/rel. */
static void
copy_file(const char *src, const char *rel)
{
    const char *root = getenv("VK_SOURCE_DIR");
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", src);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char data[1 << 20];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    write_file(rel, data, n, "wb");
}

/* Indexes the folder (and the missing path, with `with_missing`). */
static vk_status
index_docs(const ix_index_opts *opts, int with_missing, ix_index_summary *sum, seen *s)
{
    const char *paths[] = {docs, missing};
    ix_index_opts o = *opts;
    o.db_path = db;
    o.paths = paths;
    o.n_paths = with_missing ? 2 : 1;
    memset(s, 0, sizeof *s);
    vk_error err = {0};
    vk_status st = ix_index_run(&o, on_progress, s, sum, &err);
    if (st != VK_OK)
        print_error("%s\n", err.msg);
    return st;
}

/* The callback was told of the listing, every skip and the last file. */
static void
check_told(const seen *s, const ix_index_summary *sum, size_t listed)
{
    assert_int_equal(s->listed, 1);
    assert_int_equal(s->files_total, listed);
    assert_int_equal(s->last_done, listed);
    assert_int_equal(s->skipped, sum->skipped);
    assert_int_equal(s->errors, 0);
    assert_int_equal(sum->n_skips, sum->skipped);
}

/* The skip of the path ending in `name`, or NULL. */
static const ix_skip *
skip_of(const ix_index_summary *sum, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < sum->n_skips; i++) {
        size_t len = strlen(sum->skips[i].path);
        if (len >= n && strcmp(sum->skips[i].path + len - n, name) == 0)
            return &sum->skips[i];
    }
    return NULL;
}

static void
check_skip(const ix_index_summary *sum, const char *name, ix_skip_stage stage, const char *reason)
{
    const ix_skip *s = skip_of(sum, name);
    if (!s)
        fail_msg("%s was not skipped", name);
    assert_int_equal(s->stage, stage);
    if (strcmp(s->reason, reason) != 0)
        fail_msg("%s: reason \"%s\", not \"%s\"", name, s->reason, reason);
}

/* The documents (Xapian documents) of the index at path, or with
 * `passages` its passages (sections with text). */
static uint32_t
count_of(const char *path, int passages)
{
    const char *paths[] = {path};
    xc_rdb *r = NULL;
    uint32_t count = 0;
    uint64_t n = 0;
    assert_int_equal(xc_rdb_open(paths, 1, &r), XC_OK);
    if (passages)
        assert_int_equal(qr_count_sections(r, NULL, 0, &n), VK_OK);
    else
        assert_int_equal(xc_rdb_doccount(r, &count), XC_OK);
    xc_rdb_close(r);
    return passages ? (uint32_t)n : count;
}

static uint32_t
documents_of(const char *path)
{
    return count_of(path, 0);
}

static uint32_t
passages_of(const char *path)
{
    return count_of(path, 1);
}

#define NOT_TEXT "not a document (text is read from .txt and .md files)"
#define EMPTY "empty document (no text to index)"
#define BINARY "binary data (NUL byte at offset 14), not text"
#define KEEPS " (the index keeps its earlier version)"
static const char binary[] = "Nghị quyết\0\1\2 nhị phân\n";

/* Six documents (two in a subfolder), three files to skip, a hidden one
 * left out. */
static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    snprintf(dir, sizeof dir, "%s/vk-run-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/db", dir);
    snprintf(docs, sizeof docs, "%s/c", dir);
    snprintf(missing, sizeof missing, "%s/c/khong-co.md", dir);
    char sub[4300];
    if (mkdir(docs, 0777) != 0 || mkdir(in_dir("c/dieu", sub, sizeof sub), 0777) != 0)
        return -1;
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A first run: six files added (seven documents: the decision of
 * quyet-dinh-dieu-le.md has its charter attached), three skipped with their
 * reasons, the path that is not there skipped while listing, the hidden
 * file not listed. */
static void
test_first_run(void **state)
{
    (void)state;
    copy_file("tests/data/copies/nq-33-hue.md", "c/nq-33-hue.md");
    copy_file("tests/data/copies/nq-33-hue-ban-sao.md", "c/nq-33-hue-ban-sao.md");
    copy_file("tests/data/copies/nq-35-hue.md", "c/nq-35-hue.md");
    copy_file("tests/data/copies/nq-59-ha-noi.md", "c/nq-59-ha-noi.md");
    copy_file("tests/data/articles/nghi-dinh-di-san.md", "c/dieu/nghi-dinh-di-san.md");
    copy_file("tests/data/articles/quyet-dinh-dieu-le.md", "c/dieu/quyet-dinh-dieu-le.md");
    copy_file("tests/data/copies/nq-35-hue.md", "c/.an.md");
    write_file("c/rong.txt", "", 0, "wb");
    write_file("c/nhi-phan.md", binary, sizeof binary - 1, "wb");
    write_file("c/ghi-chu.csv", "a,b\n1,2\n", 8, "wb");
    ix_index_opts o = {.jobs = 2};
    ix_index_summary sum;
    seen s;
    assert_int_equal(index_docs(&o, 1, &sum, &s), VK_OK);
    assert_true(sum.started);
    assert_int_equal(sum.added, 6);
    assert_int_equal(sum.replaced, 0);
    assert_int_equal(sum.removed, 0);
    assert_int_equal(sum.unchanged, 0);
    assert_int_equal(sum.skipped, 4);
    assert_int_equal(sum.docs, 7);
    assert_int_equal(sum.passages, passages_of(db));
    check_told(&s, &sum, 9);
    /* The path given first, then the files in the order of their paths. */
    assert_string_equal(sum.skips[0].path, missing);
    check_skip(&sum, "c/khong-co.md", IX_SKIP_LISTING, "no such file or folder");
    check_skip(&sum, "c/ghi-chu.csv", IX_SKIP_FILE, NOT_TEXT);
    check_skip(&sum, "c/nhi-phan.md", IX_SKIP_FILE, BINARY);
    check_skip(&sum, "c/rong.txt", IX_SKIP_FILE, EMPTY);
    ix_index_summary_free(&sum);
}

/* Nothing changed: nothing written; the files skipped are tried again. */
static void
test_nothing_changed(void **state)
{
    (void)state;
    uint32_t before = passages_of(db);
    ix_index_opts o = {.jobs = 1};
    ix_index_summary sum;
    seen s;
    assert_int_equal(index_docs(&o, 0, &sum, &s), VK_OK);
    assert_int_equal(sum.added + sum.replaced + sum.removed, 0);
    assert_int_equal(sum.unchanged, 6);
    assert_int_equal(sum.skipped, 3);
    assert_int_equal(sum.docs + sum.passages, 0);
    check_told(&s, &sum, 9);
    assert_int_equal(passages_of(db), before);
    ix_index_summary_free(&sum);
}

/* One file changed, one new, one gone, one indexed file turned to binary
 * (skipped, its earlier version kept): committed a file at a time. */
static void
test_changes(void **state)
{
    (void)state;
    const char more[] = "\nThêm một đoạn mới về công tác cán bộ.\n";
    char path[4400];
    write_file("c/nq-35-hue.md", more, sizeof more - 1, "ab");
    copy_file("tests/data/articles/quyet-dinh-ke-hoach.md", "c/dieu/quyet-dinh-ke-hoach.md");
    assert_int_equal(remove(in_dir("c/nq-59-ha-noi.md", path, sizeof path)), 0);
    write_file("c/nq-33-hue-ban-sao.md", binary, sizeof binary - 1, "wb");
    ix_index_opts o = {.jobs = 2, .batch = 1};
    ix_index_summary sum;
    seen s;
    assert_int_equal(index_docs(&o, 0, &sum, &s), VK_OK);
    assert_int_equal(sum.added, 1);
    assert_int_equal(sum.replaced, 1);
    assert_int_equal(sum.removed, 1);
    assert_int_equal(sum.unchanged, 3);
    assert_int_equal(sum.skipped, 4);
    assert_int_equal(sum.docs, 2);
    check_told(&s, &sum, 9);
    check_skip(&sum, "c/nq-33-hue-ban-sao.md", IX_SKIP_FILE, BINARY KEEPS);
    check_skip(&sum, "c/rong.txt", IX_SKIP_FILE, EMPTY);
    ix_index_summary_free(&sum);
}

/* A rebuild reads everything again: the binary file's earlier version goes,
 * and the index holds what the files written hold. Parts of two files. */
static void
test_rebuild(void **state)
{
    (void)state;
    ix_index_opts o = {.full = 1, .jobs = 2, .batch = 2};
    ix_index_summary sum;
    seen s;
    assert_int_equal(index_docs(&o, 0, &sum, &s), VK_OK);
    assert_int_equal(sum.added, 5);
    assert_int_equal(sum.replaced + sum.removed + sum.unchanged, 0);
    assert_int_equal(sum.skipped, 4);
    assert_int_equal(sum.docs, 6);
    assert_int_equal(sum.passages, passages_of(db));
    check_told(&s, &sum, 9);
    check_skip(&sum, "c/nq-33-hue-ban-sao.md", IX_SKIP_FILE, BINARY);
    ix_index_summary_free(&sum);
}

/* The shards of a split hold every document and passage once, and every
 * file: once
 * when files stay whole (by count, with no document copied in two files,
 * as here), in each shard of its passages' years
 * when they do not (by year: the charter attached to quyet-dinh-dieu-le.md
 * has no date of its own, its decision is of 2025), which `whole` says. */
static void
check_shards(const ix_shard_summary *sum, const char *outdir, size_t files, int whole)
{
    size_t passages = 0, documents = 0, n_files = 0;
    for (size_t i = 0; i < sum->n_shards; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", outdir, sum->shards[i].name);
        assert_int_equal(documents_of(path), sum->shards[i].documents);
        documents += sum->shards[i].documents;
        passages += passages_of(path);
        n_files += sum->shards[i].files;
    }
    assert_int_equal(passages, passages_of(db));
    assert_int_equal(documents, documents_of(db));
    if (whole)
        assert_int_equal(n_files, files);
    else
        assert_true(n_files >= files);
    /* The stub: the vocabulary first, then the shards. */
    FILE *f = fopen(sum->stub, "r");
    assert_non_null(f);
    char line[256];
    while (fgets(line, sizeof line, f) && line[0] == '#')
        ;
    fclose(f);
    assert_string_equal(line, "auto " IX_SHARD_VOCABULARY "\n");
}

static void
test_shard_count(void **state)
{
    (void)state;
    char out[4400];
    ix_shard_opts o = {db, in_dir("count", out, sizeof out), 0, 2};
    ix_shard_summary sum;
    vk_error err = {0};
    if (ix_shard_run(&o, &sum, &err) != VK_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(sum.n_shards, 2);
    assert_string_equal(sum.shards[0].name, "shard-1.db");
    assert_string_equal(sum.shards[1].name, "shard-2.db");
    assert_true(sum.shards[0].documents > 0 && sum.shards[1].documents > 0);
    check_shards(&sum, out, 5, 1);
    ix_shard_summary_free(&sum);
    /* Never into a folder that is not empty. */
    assert_int_equal(ix_shard_run(&o, &sum, &err), VK_EIO);
    assert_true(sum.started);
    assert_non_null(strstr(err.msg, "is not empty"));
    ix_shard_summary_free(&sum);
}

static void
test_shard_year(void **state)
{
    (void)state;
    char out[4400];
    ix_shard_opts o = {db, in_dir("year", out, sizeof out), 1, 0};
    ix_shard_summary sum;
    vk_error err = {0};
    if (ix_shard_run(&o, &sum, &err) != VK_OK)
        fail_msg("%s", err.msg);
    assert_true(sum.n_shards >= 1);
    for (size_t i = 0; i < sum.n_shards; i++)
        assert_true(strncmp(sum.shards[i].name, "year-", 5) == 0 ||
                    strcmp(sum.shards[i].name, "undated.db") == 0);
    check_shards(&sum, out, 5, 0);
    ix_shard_summary_free(&sum);
}

/* Refused before anything starts: a stub database is not an index folder
 * to write (nothing told), an index that is not there cannot be split. */
static void
test_refusals(void **state)
{
    (void)state;
    char stub[4400], out[4400];
    ix_index_summary sum;
    seen s;
    vk_error err = {0};
    const char *paths[] = {docs};
    ix_index_opts o = {in_dir("count/" IX_SHARD_STUB, stub, sizeof stub), paths, 1, 0, 0, 1};
    memset(&s, 0, sizeof s);
    assert_int_equal(ix_index_run(&o, on_progress, &s, &sum, &err), VK_EINVAL);
    assert_false(sum.started);
    assert_non_null(strstr(err.msg, "is not an index folder"));
    assert_int_equal(s.listed + s.progress + s.skipped + s.errors, 0);
    ix_index_summary_free(&sum);
    ix_shard_summary ssum;
    ix_shard_opts so = {in_dir("none.db", stub, sizeof stub), in_dir("x", out, sizeof out), 0, 2};
    assert_int_equal(ix_shard_run(&so, &ssum, &err), VK_EINDEX);
    assert_false(ssum.started);
    ix_shard_summary_free(&ssum);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_run),   cmocka_unit_test(test_nothing_changed),
        cmocka_unit_test(test_changes),     cmocka_unit_test(test_rebuild),
        cmocka_unit_test(test_shard_count), cmocka_unit_test(test_shard_year),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
