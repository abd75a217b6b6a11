/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_cli.c: the `vankien` program end to end: index the sample corpus into
 * a fresh index, then search it and check the JSON answers against what the
 * documents say (expected values found by reading the samples).
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/buf.h"
#include "tests/cli_run.h"

static char tmpdir[4096];
static char db[4200];

/* Runs `vankien ARGS` (args already shell-quoted) and collects the outputs. */
static run
vankien(const char *args)
{
    return vankien_in(tmpdir, args);
}

static json_t *
search_json(const char *query_args, int expect_status)
{
    char args[8192];
    snprintf(args, sizeof args, "search --db '%s' --json %s", db, query_args);
    run r = vankien(args);
    if (r.status != expect_status)
        fail_msg("vankien %s: exit %d, expected %d; stderr: %s", args, r.status, expect_status,
                 r.err);
    json_error_t jerr;
    json_t *o = json_loads(r.out, 0, &jerr);
    if (!o)
        fail_msg("vankien %s: not JSON: %s", args, jerr.text);
    run_free(&r);
    return o;
}

static const char *
result_key(json_t *o, size_t i)
{
    return json_string_value(
        json_object_get(json_array_get(json_object_get(o, "results"), i), "key"));
}

/* Keys of all results and of the copies they list, sorted and joined by
 * spaces. */
static char *
sorted_keys(json_t *o)
{
    json_t *res = json_object_get(o, "results");
    size_t n = 0;
    const char *keys[64];
    for (size_t i = 0; i < json_array_size(res) && n < 63; i++) {
        keys[n++] = result_key(o, i);
        json_t *copies = json_object_get(json_array_get(res, i), "copies");
        for (size_t k = 0; k < json_array_size(copies) && n < 63; k++)
            keys[n++] = json_string_value(json_object_get(json_array_get(copies, k), "key"));
    }
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && strcmp(keys[j - 1], keys[j]) > 0; j--) {
            const char *t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
        }
    }
    vk_buf b = VK_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        vk_buf_printf(&b, "%s%s", i ? " " : "", keys[i]);
    return vk_buf_steal(&b);
}

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/vk-cli-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(db, sizeof db, "%s/db", tmpdir);
    const char *src = getenv("VK_SOURCE_DIR");
    char args[8192];
    snprintf(args, sizeof args, "index --db '%s' '%s/corpus/samples'", db, src ? src : ".");
    run r = vankien(args);
    int ok = r.status == 0 && strstr(r.err, "indexed 4 files (5 documents") != NULL;
    if (!ok)
        fprintf(stderr, "index failed (%d): %s\n", r.status, r.err);
    run_free(&r);
    return ok ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The five documents (the plan file holds two) all speak of a Nghị quyết. */
static const char *all_keys = "04-kl-btctw-2018 21-kl-tw-2021 256-kh-tu 28-nq-tw-2022 "
                              "nghi-quyet-hoi-nghi-6-khoa-xiii";

static void
test_without_diacritics(void **state)
{
    (void)state;
    json_t *a = search_json("'nghi quyet'", 0), *b = search_json("'Nghị quyết'", 0);
    char *ka = sorted_keys(a), *kb = sorted_keys(b);
    assert_string_equal(ka, all_keys);
    assert_string_equal(kb, all_keys);
    /* Four results: the resolution's two files are one document. */
    assert_int_equal(json_integer_value(json_object_get(a, "total")), 4);
    assert_int_equal(json_array_size(json_object_get(a, "results")), 4);
    free(ka);
    free(kb);
    json_decref(a);
    json_decref(b);
}

/* A phrase: every result's snippet shows the four words together, marked. */
static void
test_phrase(void **state)
{
    (void)state;
    json_t *o = search_json("'\"kiểm soát quyền lực\"'", 0);
    char *k = sorted_keys(o);
    assert_string_equal(k, all_keys);
    free(k);
    json_t *res = json_object_get(o, "results");
    for (size_t i = 0; i < json_array_size(res); i++) {
        json_t *x = json_array_get(res, i);
        const char *snip = json_string_value(json_object_get(x, "snippet"));
        json_t *hl = json_object_get(x, "highlights");
        assert_non_null(snip);
        assert_true(json_array_size(hl) >= 4);
        json_int_t s = json_integer_value(json_array_get(json_array_get(hl, 0), 0));
        json_int_t e = json_integer_value(json_array_get(json_array_get(hl, 3), 1));
        assert_true(e > s);
        /* The phrase as the document writes it: a heading's capital. */
        assert_int_equal((size_t)(e - s), strlen("kiểm soát quyền lực"));
        assert_int_equal(strncasecmp(snip + s, "kiểm soát quyền lực", (size_t)(e - s)), 0);
        assert_true(json_is_number(json_object_get(x, "score")));
    }
    json_decref(o);
}

/* Old and new tone placement give the same results in the same order. */
static void
test_tone_styles(void **state)
{
    (void)state;
    json_t *a = search_json("'khoá XIII'", 0), *b = search_json("'khóa XIII'", 0);
    json_t *ra = json_object_get(a, "results"), *rb = json_object_get(b, "results");
    assert_int_equal(json_array_size(ra), json_array_size(rb));
    /* The resolution (two files, one result), the conclusion 21 and the
     * plan; and the conclusion 04, whose sections hold the words between
     * them ("khóa XI, XII" in II.2, "lần thứ XIII" in III.5). */
    assert_int_equal(json_array_size(ra), 4);
    for (size_t i = 0; i < json_array_size(ra); i++)
        assert_string_equal(result_key(a, i), result_key(b, i));
    json_decref(a);
    json_decref(b);
}

/* The hit points at the section: "tuyển dụng nhân tài" is in III.3.2 (Về
 * công tác cán bộ) of the resolution, which two files hold (one with its
 * number line, one without): one result that lists the other file. */
static void
test_section_and_metadata(void **state)
{
    (void)state;
    json_t *o = search_json("'\"tuyển dụng nhân tài\"'", 0);
    char *k = sorted_keys(o);
    assert_string_equal(k, "28-nq-tw-2022 nghi-quyet-hoi-nghi-6-khoa-xiii");
    free(k);
    json_t *res = json_object_get(o, "results");
    assert_int_equal(json_array_size(res), 1);
    json_t *x = json_array_get(res, 0), *sec = json_object_get(x, "section");
    assert_string_equal(json_string_value(json_object_get(sec, "label")), "III.3.2");
    assert_string_equal(json_string_value(json_object_get(sec, "heading")), "Về công tác cán bộ");
    assert_string_equal(json_string_value(json_object_get(x, "type")), "Nghị quyết");
    assert_non_null(
        strstr(json_string_value(json_object_get(x, "title")), "đổi mới phương thức lãnh đạo"));
    json_t *copies = json_object_get(x, "copies");
    assert_int_equal(json_array_size(copies), 1);
    const char *key = json_string_value(json_object_get(x, "key"));
    const char *path = json_string_value(json_object_get(json_array_get(copies, 0), "path"));
    if (strcmp(key, "28-nq-tw-2022") == 0) {
        assert_string_equal(json_string_value(json_object_get(x, "number")), "28-NQ/TW");
        assert_string_equal(json_string_value(json_object_get(x, "date")), "2022-11-17");
        assert_non_null(strstr(path, "nghi-quyet-hoi-nghi-6-khoa-xiii.txt"));
    } else {
        assert_true(json_is_null(json_object_get(x, "number"))); /* no number line */
        assert_non_null(strstr(path, "ke-hoach-256-KH-TU.md"));
    }
    json_decref(o);
}

/* A document number is one term whatever its spacing; a date in figures
 * finds the same date written in words. */
static void
test_numbers_and_dates(void **state)
{
    (void)state;
    /* 28-NQ/TW: the resolution itself (its number line; the file without
     * it is listed as a copy) ranks above the plan that cites it. */
    const char *both = "256-kh-tu 28-nq-tw-2022 nghi-quyet-hoi-nghi-6-khoa-xiii";
    json_t *o = search_json("'28-NQ/TW'", 0);
    char *k = sorted_keys(o);
    assert_string_equal(k, both);
    assert_string_equal(result_key(o, 0), "28-nq-tw-2022");
    assert_string_equal(result_key(o, 1), "256-kh-tu");
    free(k);
    json_decref(o);
    /* A citation typed with its date still needs the number; the date is
     * soft evidence. */
    o = search_json("'Nghị quyết số 28-NQ/TW, ngày 17/11/2022'", 0);
    assert_string_equal(result_key(o, 0), "28-nq-tw-2022");
    assert_int_equal(json_array_size(json_object_get(o, "results")), 2);
    json_decref(o);
    /* Spaced as in 002's header line. */
    o = search_json("'04 - KL/BTCTW'", 0);
    k = sorted_keys(o);
    assert_string_equal(k, "04-kl-btctw-2018");
    free(k);
    json_decref(o);
    /* 17/11/2022: the plan writes it in figures, the resolution's header as
     * "ngày 17 tháng 11 năm 2022". */
    o = search_json("'17/11/2022'", 0);
    k = sorted_keys(o);
    assert_string_equal(k, both);
    free(k);
    json_decref(o);
    /* 18-NQ/TW is written only inside the list "18, 19-NQ/TW" (plan, V.2.1). */
    o = search_json("'18-NQ/TW'", 0);
    json_t *sec = json_object_get(json_array_get(json_object_get(o, "results"), 0), "section");
    k = sorted_keys(o);
    assert_string_equal(k, "256-kh-tu");
    assert_string_equal(json_string_value(json_object_get(sec, "label")), "V.2.1");
    free(k);
    json_decref(o);
}

static void
test_nothing_found_and_errors(void **state)
{
    (void)state;
    json_t *o = search_json("xyzzyqwv", 1);
    assert_int_equal(json_array_size(json_object_get(o, "results")), 0);
    json_decref(o);

    char args[16384];
    snprintf(args, sizeof args, "search --db '%s' '\"đổi mới'", db);
    run r = vankien(args);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "column 1: unterminated quote"));
    run_free(&r);

    /* No index: the same message from every reading command, with the
     * command that builds one. */
    const char *cmds[] = {"search", "show", "stats", "cite"};
    const char *ops[] = {" đảng", " 28-NQ/TW", "", " 28-NQ/TW"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char want[8400];
        snprintf(args, sizeof args, "%s --db '%s/none'%s", cmds[i], tmpdir, ops[i]);
        r = vankien(args);
        assert_int_equal(r.status, 2);
        snprintf(want, sizeof want, "vankien: cannot open the index %s/none: ", tmpdir);
        assert_memory_equal(r.err, want, strlen(want));
        snprintf(want, sizeof want, " (index documents first: vankien index --db %s/none PATH)\n",
                 tmpdir);
        assert_true(strlen(r.err) > strlen(want));
        assert_string_equal(r.err + strlen(r.err) - strlen(want), want);
        run_free(&r);
    }

    snprintf(args, sizeof args, "search --db '%s' --limit 0 đảng", db);
    r = vankien(args);
    assert_int_equal(r.status, 2);
    run_free(&r);

    r = vankien("frobnicate");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown command"));
    run_free(&r);

    r = vankien("--help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "search"));
    run_free(&r);

    /* With --json, an error is JSON on stdout too, as the API gives it. */
    snprintf(args, sizeof args, "search --json --db '%s' '\"đổi mới'", db);
    r = vankien(args);
    assert_int_equal(r.status, 2);
    json_error_t je;
    json_t *e = json_loads(r.out, 0, &je);
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "error"), "code")),
                        "bad_query");
    assert_non_null(strstr(
        json_string_value(json_object_get(json_object_get(e, "error"), "message")), "column 1"));
    json_decref(e);
    run_free(&r);
    snprintf(args, sizeof args, "stats --json --db '%s/none'", tmpdir);
    r = vankien(args);
    assert_int_equal(r.status, 2);
    e = json_loads(r.out, 0, &je);
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "error"), "code")),
                        "index_unavailable");
    json_decref(e);
    run_free(&r);

    /* An empty query is a usage error, not a list of everything. */
    snprintf(args, sizeof args, "search --db '%s' '  '", db);
    r = vankien(args);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "the query is empty"));
    assert_string_equal(r.out, "");
    run_free(&r);

    /* A path that does not exist, for a new index: an error, and no index
     * made. */
    snprintf(args, sizeof args, "index --db '%s/db-typo' '%s/no-such-folder'", tmpdir, tmpdir);
    r = vankien(args);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no-such-folder: no such file or folder"));
    run_free(&r);
    snprintf(args, sizeof args, "%s/db-typo", tmpdir);
    struct stat sb;
    assert_int_not_equal(stat(args, &sb), 0);

    /* A file that is not text is skipped with its reason; the run goes on. */
    char bin[8192];
    snprintf(bin, sizeof bin, "%s/broken.txt", tmpdir);
    FILE *f = fopen(bin, "wb");
    assert_non_null(f);
    fwrite("\x00\x01\x02zip", 1, 6, f);
    fclose(f);
    snprintf(args, sizeof args, "index --db '%s/db2' '%s'", tmpdir, bin);
    r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "binary data"));
    assert_non_null(strstr(r.err, "skipped 1"));
    run_free(&r);
}

/* Plain text output: the breadcrumb and the marked snippet. */
/* A search that finds nothing says what to try: 26-NQ/TW is not among the
 * samples but Kết luận 21-KL/TW cites it (its part II), so so: gives nothing
 * and trich: the one citing document; a phrase in the wrong word order is
 * found without its quotes; a word found nowhere gets advice in words. */
static void
test_hints(void **state)
{
    (void)state;
    json_t *o = search_json("so:26-NQ/TW", 1);
    assert_int_equal(json_array_size(json_object_get(o, "results")), 0);
    json_t *hints = json_object_get(o, "hints");
    assert_int_equal(json_array_size(hints), 1);
    json_t *h = json_array_get(hints, 0);
    assert_string_equal(json_string_value(json_object_get(h, "kind")), "cited");
    assert_string_equal(json_string_value(json_object_get(h, "query")), "trich:26-NQ/TW");
    assert_int_equal(json_integer_value(json_object_get(h, "count")), 1);
    json_decref(o);

    char args[8192];
    snprintf(args, sizeof args, "search --db '%s' '\"quyền lực kiểm soát\"'", db);
    run r = vankien(args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "Nothing found."));
    assert_non_null(strstr(r.out, "Without the quotes (the words need not stand together): "
                                  "'quyền lực kiểm soát'"));
    assert_null(strstr(r.out, "0 of about"));
    run_free(&r);

    snprintf(args, sizeof args, "search --db '%s' xyzzyqwv", db);
    r = vankien(args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "Try fewer words"));
    run_free(&r);
}

static void
test_text_output(void **state)
{
    (void)state;
    char args[8192];
    snprintf(args, sizeof args, "search --db '%s' --limit 1 '\"tuyển dụng nhân tài\"'", db);
    run r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "III. NHIỆM VỤ, GIẢI PHÁP"));
    assert_non_null(strstr(r.out, "3.2. Về công tác cán bộ"));
    assert_non_null(strstr(r.out, "«tuyển» «dụng» «nhân» «tài»"));
    run_free(&r);
}

/* Regulations: sections shown as cited, never by their internal label;
 * `show KEY#Điều 9` and its khoản as readers write it; `parse --json`
 * gives display and kind. */
static void
test_articles(void **state)
{
    (void)state;
    const char *src = getenv("VK_SOURCE_DIR");
    char adb[8192], args[16384];
    snprintf(adb, sizeof adb, "%s/articles-db", tmpdir);
    snprintf(args, sizeof args, "index --db '%s' '%s/tests/data/articles'", adb, src ? src : ".");
    run r = vankien(args);
    assert_int_equal(r.status, 0);
    run_free(&r);
    snprintf(args, sizeof args, "search --db '%s' 'dieu:9.3.a'", adb);
    r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "(Điều 9, khoản 3, điểm a)"));
    assert_non_null(strstr(r.out, "Điều 9. Hồ sơ khoa học"));
    run_free(&r);
    snprintf(args, sizeof args, "show --db '%s' '308/2025/NĐ-CP#Điều 9'", adb);
    r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "[Điều 9]"));
    run_free(&r);
    snprintf(args, sizeof args, "show --db '%s' --json '308/2025/NĐ-CP#khoản 3 Điều 9'", adb);
    r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"display\": \"Điều 9, khoản 3\""));
    run_free(&r);
    /* The Q&A page quotes Điều 152 twice: its outline shows both as written. */
    snprintf(args, sizeof args, "show --db '%s' hoi-dap-dieu-152", adb);
    r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_null(strchr(r.out, '~'));
    run_free(&r);
    snprintf(args, sizeof args, "parse --json '%s/tests/data/articles/hoi-dap-dieu-152.md'",
             src ? src : ".");
    r = vankien(args);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"label\": \"Điều 152~2\""));
    assert_non_null(strstr(r.out, "\"kind\": \"article\""));
    assert_non_null(strstr(r.out, "\"display\": \"Điều 152, khoản 3, điểm đ\""));
    run_free(&r);
}

static void
test_analyze(void **state)
{
    (void)state;
    run r = vankien("analyze --json 'Khóa XIII'");
    assert_int_equal(r.status, 0);
    json_error_t jerr;
    json_t *o = json_loads(r.out, 0, &jerr);
    assert_non_null(o);
    json_t *t = json_object_get(o, "tokens");
    assert_int_equal(json_array_size(t), 2);
    json_t *first = json_array_get(t, 0);
    assert_string_equal(json_string_value(json_object_get(first, "exact")), "khoá");
    assert_string_equal(json_string_value(json_object_get(first, "folded")), "khoa");
    assert_string_equal(json_string_value(json_object_get(first, "text")), "Khóa");
    assert_int_equal(json_integer_value(json_object_get(json_array_get(t, 1), "position")), 1);
    json_decref(o);
    run_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_diacritics),
        cmocka_unit_test(test_phrase),
        cmocka_unit_test(test_tone_styles),
        cmocka_unit_test(test_section_and_metadata),
        cmocka_unit_test(test_numbers_and_dates),
        cmocka_unit_test(test_nothing_found_and_errors),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_text_output),
        cmocka_unit_test(test_articles),
        cmocka_unit_test(test_analyze),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
