/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_search_keys.c: the typed search (qr_search_keys, query/qr.h) over an
 * index of the sample corpus: a type code and words in, document keys out,
 * the same documents in the same order as the query `loai:CODE "words"`
 * finds with qr_search. Expected documents by reading the samples:
 * 28-NQ/TW "về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng
 * ..." is held twice, appended to the plan 256-KH/TU (28-nq-tw-2022) and
 * alone without its number line (nghi-quyet-hoi-nghi-6-khoa-xiii): one
 * group of copies; the plan cites it, and 21-KL/TW is a Kết luận.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "query/qr.h"
#include "tests/fixture_index.h"

static fixture_index fx;
static xc_rdb *reader;

/* The two keys of the copies of 28-NQ/TW. */
static const char *const NQ28 = "28-nq-tw-2022";
static const char *const NQ28_COPY = "nghi-quyet-hoi-nghi-6-khoa-xiii";

static int
setup(void **state)
{
    (void)state;
    static const char *const files[] = {"corpus/samples/ke-hoach-256-KH-TU.md",
                                        "corpus/samples/ket-luan-04-KL-BTCTW.md",
                                        "corpus/samples/ket-luan-21-KL-TW.md",
                                        "corpus/samples/nghi-quyet-hoi-nghi-6-khoa-xiii.txt"};
    if (fixture_index_open(&fx, "keys", files, sizeof files / sizeof *files) != 0)
        return -1;
    reader = fx.reader;
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    return fixture_index_close(&fx);
}

/* The words of a phrase, split at spaces (at most 16), into w. */
static size_t
split(char *phrase, const char *w[16])
{
    size_t n = 0;
    for (char *s = strtok(phrase, " "); s && n < 16; s = strtok(NULL, " "))
        w[n++] = s;
    return n;
}

/* Runs the typed search; *n receives the number of keys. */
static const char **
keys_of(const char *type, const char *phrase, uint32_t limit, vk_arena *a, size_t *n)
{
    char buf[512];
    const char *w[16];
    snprintf(buf, sizeof buf, "%s", phrase);
    qr_keys_query kq = {type, w, split(buf, w), limit};
    const char **keys = NULL;
    vk_error err = {0};
    if (qr_search_keys(reader, &kq, a, &keys, n, &err) != VK_OK)
        fail_msg("%s \"%s\": %s", type ? type : "-", phrase, err.msg);
    return keys;
}

/* Is key the hit's key, or that of one of its copies ("key path")? */
static int
same_document(const qr_hit *h, const char *key)
{
    if (strcmp(h->key, key) == 0)
        return 1;
    for (size_t i = 0; i < h->n_copies; i++) {
        size_t kl = strlen(key);
        if (strncmp(h->copies[i], key, kl) == 0 && h->copies[i][kl] == ' ')
            return 1;
    }
    return 0;
}

/* The typed search finds the documents that the query text finds, in the
 * same order; returns how many. */
static size_t
expect_as_query(const char *type, const char *phrase)
{
    char text[600];
    snprintf(text, sizeof text, "%s%s%s\"%s\"", type ? "loai:" : "", type ? type : "",
             type ? " " : "", phrase);
    qr_query *q = NULL;
    qr_results *r = NULL;
    qr_opts o = {.limit = 10};
    vk_error err = {0};
    if (qr_parse(text, strlen(text), &q, &err) != VK_OK || qr_search(reader, q, &o, &r, &err))
        fail_msg("'%s': %s", text, err.msg);
    vk_arena a = VK_ARENA_INIT;
    size_t n = 0;
    const char **keys = keys_of(type, phrase, 10, &a, &n);
    if (n != r->n_hits)
        fail_msg("'%s': %zu keys, %zu hits", text, n, r->n_hits);
    for (size_t i = 0; i < n; i++) {
        if (!same_document(&r->hits[i], keys[i]))
            fail_msg("'%s': key %zu is %s, hit %s", text, i + 1, keys[i], r->hits[i].key);
    }
    vk_arena_free(&a);
    qr_results_free(r);
    qr_query_free(q);
    return n;
}

/* The documents of a type that hold the phrase; one key per group of
 * copies. */
static void
test_type_and_words(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    size_t n = 0;
    const char **k = keys_of("NQ", "tiếp tục đổi mới phương thức lãnh đạo", 0, &a, &n);
    assert_int_equal(n, 1);
    if (strcmp(k[0], NQ28) != 0 && strcmp(k[0], NQ28_COPY) != 0)
        fail_msg("found %s, not 28-NQ/TW", k[0]);
    /* The plan cites the resolution in its words: it is found without a
     * type, after or before it, never twice. */
    k = keys_of(NULL, "đổi mới phương thức lãnh đạo", 0, &a, &n);
    assert_true(n >= 2);
    int plan = 0;
    for (size_t i = 0; i < n; i++)
        plan += strcmp(k[i], "256-kh-tu") == 0;
    assert_int_equal(plan, 1);
    /* A Kết luận does not hold it; the words of none: nothing. */
    keys_of("KL", "tiếp tục đổi mới phương thức lãnh đạo", 0, &a, &n);
    assert_int_equal(n, 0);
    keys_of("NQ", "không có ở đâu cả xyzw", 0, &a, &n);
    assert_int_equal(n, 0);
    /* At most `limit`. */
    keys_of(NULL, "đổi mới phương thức lãnh đạo", 1, &a, &n);
    assert_int_equal(n, 1);
    vk_arena_free(&a);
}

/* Words without diacritics match every accented form; words whose
 * diacritics match nothing are tried folded. */
static void
test_folded(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    size_t n = 0;
    const char **k = keys_of("NQ", "tiep tuc doi moi phuong thuc lanh dao", 0, &a, &n);
    assert_int_equal(n, 1);
    assert_true(strcmp(k[0], NQ28) == 0 || strcmp(k[0], NQ28_COPY) == 0);
    k = keys_of("NQ", "tiếp tục đổi mới phương thúc lãnh đạo", 0, &a, &n);
    assert_int_equal(n, 1);
    assert_true(strcmp(k[0], NQ28) == 0 || strcmp(k[0], NQ28_COPY) == 0);
    vk_arena_free(&a);
}

/* The same documents, in the same order, as the query text. */
static void
test_as_query(void **state)
{
    (void)state;
    assert_int_equal(expect_as_query("NQ", "tiếp tục đổi mới phương thức lãnh đạo"), 1);
    assert_true(expect_as_query(NULL, "đổi mới phương thức lãnh đạo") >= 2);
    assert_true(expect_as_query(NULL, "Ban Chấp hành Trung ương") >= 3);
    assert_true(expect_as_query("KL", "ban chap hanh trung uong") >= 1);
    assert_int_equal(expect_as_query("KH", "phương thúc lãnh đạo"), 1);
    assert_int_equal(expect_as_query("QĐ", "công tác cán bộ"), 0);
}

/* No word, or a type code that names no type: VK_EINVAL, no key. */
static void
test_errors(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    const char *w[] = {"đổi", "mới"};
    const char **keys = (const char **)w;
    size_t n = 7;
    vk_error err = {0};
    qr_keys_query none = {"NQ", w, 0, 0}, bad = {"XYZ", w, 2, 0};
    assert_int_equal(qr_search_keys(reader, &none, &a, &keys, &n, &err), VK_EINVAL);
    assert_null(keys);
    assert_int_equal(n, 0);
    assert_int_equal(qr_search_keys(reader, &bad, &a, &keys, &n, &err), VK_EINVAL);
    assert_non_null(strstr(err.msg, "XYZ"));
    assert_null(keys);
    vk_arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_and_words),
        cmocka_unit_test(test_folded),
        cmocka_unit_test(test_as_query),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
