/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_index.c: the index as the front ends hold it (query/qr.h: qr_index)
 * and their one search call: opening a missing index or one of another
 * format says so, as `vankien` and the daemon print it; a refresh sees new
 * commits and an index put in the place of the old; qr_index_search parses,
 * searches and suggests, and a request's filters hold for the whole query.
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
#include <jansson.h>

#include "corpus/cp.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

static char dir[4096], db[4200];

/* Indexes the samples named (corpus/samples) into the index at path. */
static int
write_index(const char *path, int overwrite, const char *const *files, size_t n)
{
    const char *src = getenv("VK_SOURCE_DIR");
    ix_writer *w = NULL;
    vk_error err = {0};
    if (ix_writer_open(path, overwrite, &w, &err) != VK_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char file[8192];
        snprintf(file, sizeof file, "%s/corpus/samples/%s", src ? src : ".", files[i]);
        cp_file *f = NULL;
        vk_status st = cp_file_parse(file, &f, &err);
        if (st == VK_OK)
            st = ix_writer_add_file(w, f, NULL, &err);
        cp_file_free(f);
        if (st != VK_OK) {
            fprintf(stderr, "%s\n", err.msg);
            ix_writer_close(w, &err);
            return -1;
        }
    }
    return ix_writer_close(w, &err) == VK_OK ? 0 : -1;
}

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    snprintf(dir, sizeof dir, "%s/vk-index-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/db", dir);
    const char *files[] = {"ke-hoach-256-KH-TU.md", "ket-luan-04-KL-BTCTW.md",
                           "ket-luan-21-KL-TW.md", "nghi-quyet-hoi-nghi-6-khoa-xiii.txt"};
    return write_index(db, 1, files, VK_ARRAY_LEN(files));
}

static int
teardown(void **state)
{
    (void)state;
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static qr_index *
open_ok(const char *path)
{
    qr_index *ix = NULL;
    vk_error err = {0};
    if (qr_index_open(path, &ix, &err) != VK_OK)
        fail_msg("%s: %s", path, err.msg);
    return ix;
}

static uint32_t
passages(qr_index *ix)
{
    qr_index_info info;
    vk_error err = {0};
    assert_int_equal(qr_index_stat(ix, &info, &err), VK_OK);
    return info.passages;
}

/* A file put twice by one writer is there once, whichever way the writer
 * opened its index: over an old one, a new one (no document yet, so the
 * writer skips deleting files it has not put), or a rebuild's scratch part. */
static void
test_same_file_twice(void **state)
{
    (void)state;
    const char *once[] = {"ket-luan-04-KL-BTCTW.md"};
    const char *twice[] = {"ket-luan-04-KL-BTCTW.md", "ke-hoach-256-KH-TU.md",
                           "ket-luan-04-KL-BTCTW.md"};
    const char *other[] = {"ke-hoach-256-KH-TU.md"};
    char path[4300];
    uint32_t expect[2];
    for (int k = 0; k < 2; k++) {
        snprintf(path, sizeof path, "%s/once%d", dir, k);
        assert_int_equal(write_index(path, 1, k ? other : once, 1), 0);
        qr_index *ix = open_ok(path);
        expect[k] = passages(ix);
        qr_index_close(ix);
        assert_true(expect[k] > 1);
    }
    int modes[] = {0, 1, IX_OVERWRITE_SCRATCH};
    for (size_t m = 0; m < VK_ARRAY_LEN(modes); m++) {
        snprintf(path, sizeof path, "%s/twice%zu", dir, m);
        assert_int_equal(write_index(path, modes[m], twice, VK_ARRAY_LEN(twice)), 0);
        qr_index *ix = open_ok(path);
        assert_int_equal(passages(ix), expect[0] + expect[1]);
        qr_index_close(ix);
    }
}

/* A word whose exact term passes XC_MAX_TERM is left out and counted, the
 * file prepared all the same: text not brought to NFC by a reader (as
 * tests/test_writer.c makes it), 42 x U+FB2C (3 bytes each, 126 in all,
 * under the analyser's 128) become 126 code points of 2 bytes under the
 * analyser's NFC (U+05E9 U+05BC U+05C1 each), a 252-byte exact term; its
 * folded form, without the two marks, is 84 bytes and stays. The word is
 * in the text once, outside the heading. */
/* Keys: a Party number with its year; a local people's committee's number
 * with its place too, since two provinces each issue an 82/2025/QĐ-UBND
 * (tests/data/keys: Đà Nẵng's on trees, Bắc Ninh's on school fees). */
static void
test_keys(void **state)
{
    (void)state;
    static const struct {
        const char *file, *key;
    } cases[] = {
        {"tests/data/keys/qd-82-da-nang.md", "82-2025-qd-ubnd-da-nang-2025"},
        {"tests/data/keys/qd-82-bac-ninh.md", "82-2025-qd-ubnd-bac-ninh-2025"},
        {"corpus/samples/ket-luan-21-KL-TW.md", "21-kl-tw-2021"},
    };
    const char *src = getenv("VK_SOURCE_DIR");
    for (size_t i = 0; i < VK_ARRAY_LEN(cases); i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", src ? src : ".", cases[i].file);
        cp_file *f = NULL;
        vk_error err = {0};
        assert_int_equal(cp_file_parse(path, &f, &err), VK_OK);
        vk_buf key = VK_BUF_INIT;
        assert_int_equal(ix_doc_key(f, 0, &key), VK_OK);
        assert_string_equal(key.data, cases[i].key);
        vk_buf_free(&key);
        cp_file_free(f);
    }
}

static void
test_long_terms_counted(void **state)
{
    (void)state;
    char text[512] = "# Ghi chú\n\nMột đoạn văn có từ lạ ";
    for (int i = 0; i < 42; i++)
        strcat(text, "\xef\xac\xac");
    strcat(text, " giữa câu.\n");
    cp_file *f = NULL;
    ix_prepared *p = NULL;
    vk_error err = {0};
    assert_int_equal(cp_parse_text("/odd.md", text, strlen(text), &f, &err), VK_OK);
    assert_int_equal(ix_prepare_file(f, &p, &err), VK_OK);
    assert_true(ix_prepared_passages(p) >= 1);
    assert_int_equal(ix_prepared_long_terms(p), 1);
    ix_prepared_free(p);
    cp_file_free(f);

    /* Ordinary text: nothing left out. */
    const char *plain = "# Ghi chú\n\nMột đoạn văn bình thường.\n";
    assert_int_equal(cp_parse_text("/plain.md", plain, strlen(plain), &f, &err), VK_OK);
    assert_int_equal(ix_prepare_file(f, &p, &err), VK_OK);
    assert_int_equal(ix_prepared_long_terms(p), 0);
    ix_prepared_free(p);
    cp_file_free(f);
}

/* No index there: VK_ENOTFOUND and "cannot open the index PATH: why", the
 * message `vankien` and the daemon print before their hint. */
static void
test_open_missing(void **state)
{
    (void)state;
    char path[4300], prefix[4400];
    const char *what[] = {"none", "empty", "file.txt"};
    snprintf(path, sizeof path, "%s/empty", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/file.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("Nghị quyết\n", f);
    fclose(f);
    for (size_t i = 0; i < VK_ARRAY_LEN(what); i++) {
        snprintf(path, sizeof path, "%s/%s", dir, what[i]);
        snprintf(prefix, sizeof prefix, "cannot open the index %s: ", path);
        qr_index *ix = (qr_index *)1;
        vk_error err = {0};
        assert_int_equal(qr_index_open(path, &ix, &err), VK_ENOTFOUND);
        assert_null(ix);
        if (strncmp(err.msg, prefix, strlen(prefix)) != 0 || !err.msg[strlen(prefix)])
            fail_msg("%s: '%s'", what[i], err.msg);
        /* The reader the citation commands open says the same. */
        xc_rdb *r = NULL;
        vk_error err2 = {0};
        assert_int_equal(ix_reader_open(path, &r, &err2), VK_ENOTFOUND);
        assert_string_equal(err2.msg, err.msg);
    }
}

/* An index of another format: VK_EFORMAT, with both versions and the
 * command that rebuilds it. */
static void
test_open_other_format(void **state)
{
    (void)state;
    char old[4300], want[9000];
    snprintf(old, sizeof old, "%s/old", dir);
    const char *files[] = {"ket-luan-04-KL-BTCTW.md"};
    assert_int_equal(write_index(old, 1, files, 1), 0);
    xc_wdb *w = NULL;
    assert_int_equal(xc_wdb_open(old, XC_OPEN_EXISTING, &w), XC_OK);
    assert_int_equal(xc_wdb_set_metadata(w, IX_META_FORMAT, "8", 1), XC_OK);
    assert_int_equal(xc_wdb_close(w), XC_OK);
    qr_index *ix = NULL;
    vk_error err = {0};
    assert_int_equal(qr_index_open(old, &ix, &err), VK_EFORMAT);
    assert_null(ix);
    snprintf(want, sizeof want,
             "%s is an index of format 8; this vankien reads format %d: rebuild it with "
             "`vankien index --full --db %s PATH...`",
             old, IX_FORMAT_VERSION, old);
    assert_string_equal(err.msg, want);
}

/* A refresh sees what was committed since, and another index put in the
 * place of the old one (as `vankien index --full` exchanges the folders). */
static void
test_refresh(void **state)
{
    (void)state;
    char a[4300], b[4300], aside[4300];
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/b", dir);
    snprintf(aside, sizeof aside, "%s/a.old", dir);
    const char *kl04[] = {"ket-luan-04-KL-BTCTW.md"}, *kl21[] = {"ket-luan-21-KL-TW.md"};
    const char *both[] = {"ket-luan-04-KL-BTCTW.md", "ket-luan-21-KL-TW.md"};
    assert_int_equal(write_index(a, 1, kl04, 1), 0);
    assert_int_equal(write_index(b, 1, both, 2), 0);
    qr_index *ix = open_ok(a), *bx = open_ok(b);
    uint32_t n04 = passages(ix), n_both = passages(bx);
    qr_index_close(bx);
    vk_error err = {0};
    assert_int_equal(qr_index_refresh(ix, &err), VK_OK); /* nothing new */
    assert_int_equal(passages(ix), n04);

    /* A commit: seen after the refresh only. */
    assert_int_equal(write_index(a, 0, kl21, 1), 0);
    assert_int_equal(passages(ix), n04);
    assert_int_equal(qr_index_refresh(ix, &err), VK_OK);
    uint32_t n_a = passages(ix);
    assert_true(n_a > n04);

    /* Another index in its place, with a revision number of its own. */
    assert_int_equal(rename(a, aside), 0);
    assert_int_equal(rename(b, a), 0);
    assert_int_equal(write_index(aside, 1, kl04, 1), 0);
    assert_int_equal(qr_index_refresh(ix, &err), VK_OK);
    assert_int_equal(passages(ix), n_both);
    qr_request rq = {
        .text = "kiểm soát quyền lực", .len = strlen("kiểm soát quyền lực"), .opts = {.limit = 5}};
    qr_results *r = NULL;
    assert_int_equal(qr_index_search(ix, &rq, &r, &err), VK_OK);
    assert_true(r->n_hits > 0);
    qr_results_free(r);

    /* Nothing there any more: whatever the refresh says, the index it had
     * still answers. */
    assert_int_equal(rename(a, b), 0);
    vk_status st = qr_index_refresh(ix, &err);
    assert_true(st == VK_OK || st == VK_ENOTFOUND);
    assert_int_equal(passages(ix), n_both);
    qr_index_close(ix);
    qr_index_close(NULL);
}

static qr_results *
search(qr_index *ix, const char *text, const qr_filter *f, size_t n_f, uint32_t offset)
{
    qr_request rq = {.text = text,
                     .len = text ? strlen(text) : 0,
                     .filters = f,
                     .n_filters = n_f,
                     .opts = {.limit = 20, .offset = offset}};
    qr_results *r = NULL;
    vk_error err = {0};
    if (qr_index_search(ix, &rq, &r, &err) != VK_OK)
        fail_msg("'%s': %s", text ? text : "", err.msg);
    return r;
}

/* One call parses, searches and suggests: the suggestion is filled in, and
 * the JSON gives it with the query as run and the offset. */
static void
test_search_suggests(void **state)
{
    (void)state;
    qr_index *ix = open_ok(db);
    qr_results *r = search(ix, "nghị quyêt", NULL, 0, 0);
    assert_null(r->suggestion); /* finds as much: NQ */
    assert_string_equal(r->query, "nghị quyêt");
    assert_int_equal(r->offset, 0);
    qr_results_free(r);
    r = search(ix, "kịp thơi", NULL, 0, 1);
    assert_string_equal(r->suggestion, "kịp thời");
    assert_int_equal(r->offset, 1);
    json_t *o = NULL;
    assert_int_equal(qr_results_json(r, &o), VK_OK);
    assert_string_equal(json_string_value(json_object_get(o, "suggestion")), "kịp thời");
    assert_string_equal(json_string_value(json_object_get(o, "query")), "kịp thơi");
    assert_int_equal(json_integer_value(json_object_get(o, "offset")), 1);
    json_t *first = json_array_get(json_object_get(o, "results"), 0);
    if (first)
        assert_int_equal(json_integer_value(json_object_get(first, "rank")), 2);
    json_decref(o);
    qr_results_free(r);
    r = search(ix, "Nghị quyết", NULL, 0, 0);
    assert_null(r->suggestion);
    assert_true(r->n_hits > 0);
    qr_results_free(r);
    qr_index_close(ix);
}

/* Filters as the daemon passes them: written after the query (what the
 * results echo, and where error columns count), holding for all of it. */
static void
test_filters(void **state)
{
    (void)state;
    qr_index *ix = open_ok(db);
    qr_filter nq[] = {{QR_F_TYPE, "NQ"}, {QR_F_YEAR, ""}};
    qr_results *r = search(ix, "cán bộ OR đảng", nq, 2, 0);
    assert_string_equal(r->query, "cán bộ OR đảng loai:NQ");
    assert_true(r->n_hits > 0);
    for (size_t i = 0; i < r->n_hits; i++)
        assert_string_equal(r->hits[i].type_code, "NQ");
    qr_results_free(r);

    qr_filter f[] = {{QR_F_ISSUER, "Ban Chấp hành Trung ương"}, {QR_F_NUMBER, "28 - NQ/TW"}};
    qr_request rq = {.text = "đảng", .len = strlen("đảng"), .filters = f, .n_filters = 2};
    vk_buf text = VK_BUF_INIT;
    assert_int_equal(qr_request_text(&rq, &text), VK_OK);
    assert_string_equal(text.data, "đảng coquan:\"Ban Chấp hành Trung ương\" so:28 - NQ/TW");
    vk_buf_free(&text);

    /* Only filters; a query that only excludes, with a filter. */
    qr_filter kl[] = {{QR_F_TYPE, "KL"}};
    r = search(ix, NULL, kl, 1, 0);
    assert_string_equal(r->query, "loai:KL");
    assert_int_equal(r->n_hits, 2);
    qr_results_free(r);
    r = search(ix, "-xyzzyq", kl, 1, 0);
    assert_int_equal(r->n_hits, 2);
    qr_results_free(r);

    /* A bad value: its column in the query as run. */
    qr_filter bad[] = {{QR_F_TYPE, "xyz"}};
    rq = (qr_request){.text = "a", .len = 1, .filters = bad, .n_filters = 1};
    vk_error err = {0};
    assert_int_equal(qr_index_search(ix, &rq, &r, &err), VK_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.msg, "column 8: loai: 'xyz' is not a document type"));
    qr_filter quote[] = {{QR_F_ISSUER, "Bộ \"Chính trị"}};
    rq.filters = quote;
    assert_int_equal(qr_index_search(ix, &rq, &r, &err), VK_EINVAL);
    assert_string_equal(err.msg, "a filter value cannot hold a double quote");
    qr_index_close(ix);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_missing),
        cmocka_unit_test(test_open_other_format),
        cmocka_unit_test(test_refresh),
        cmocka_unit_test(test_search_suggests),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_same_file_twice),
        cmocka_unit_test(test_long_terms_counted),
        cmocka_unit_test(test_keys),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
