/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_cite_cli.c: `vankien cite`, `cites` and `check` end to end over the
 * sample corpus: exit statuses, the text and the JSON they print (expected
 * values found by reading the samples; see test_cite_lookup.c).
 */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

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

/* Runs a command with --db and checks its exit status. */
static run
expect_status(const char *command, const char *args, int status)
{
    char all[24576]; /* command, db (< 4096) and args (< 16384) */
    snprintf(all, sizeof all, "%s --db '%s' %s", command, db, args);
    run r = vankien(all);
    if (r.status != status)
        fail_msg("vankien %s: exit %d, expected %d; stderr: %s", all, r.status, status, r.err);
    return r;
}

static json_t *
expect_json(const char *command, const char *args, int status)
{
    char all[16384];
    snprintf(all, sizeof all, "--json %s", args);
    run r = expect_status(command, all, status);
    json_error_t jerr;
    json_t *o = json_loads(r.out, 0, &jerr);
    if (!o)
        fail_msg("vankien %s %s: not JSON: %s", command, args, jerr.text);
    run_free(&r);
    return o;
}

/* A draft of tests/data/drafts, quoted for the shell. */
static const char *
draft(const char *name)
{
    static char path[8192];
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "'%s/tests/data/drafts/%s'", src ? src : ".", name);
    return path;
}

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/vk-cite-cli-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(db, sizeof db, "%s/db", tmpdir);
    const char *src = getenv("VK_SOURCE_DIR");
    char args[8192];
    snprintf(args, sizeof args, "index --db '%s' '%s/corpus/samples'", db, src ? src : ".");
    run r = vankien(args);
    int ok = r.status == 0;
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

static const char *
jget(json_t *o, const char *path)
{
    /* "a.0.b": keys and array indexes */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *v = o;
    for (char *tok = strtok(buf, "."); v && tok; tok = strtok(NULL, "."))
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(tok)) : json_object_get(v, tok);
    return json_string_value(v);
}

static void
test_cite(void **state)
{
    (void)state;
    json_t *o = expect_json("cite", "'Nghị quyết 28'", 0);
    assert_string_equal(jget(o, "candidates.0.key"), "28-nq-tw-2022");
    assert_string_equal(jget(o, "candidates.0.number"), "28-NQ/TW");
    assert_string_equal(jget(o, "candidates.0.date"), "2022-11-17");
    assert_string_equal(jget(o, "candidates.0.matched.0"), "number");
    assert_string_equal(jget(o, "parsed.type"), "Nghị quyết");
    json_decref(o);

    o = expect_json("cite", "--section III.3.2 'NQ 28/TW'", 0);
    assert_string_equal(jget(o, "candidates.0.section.label"), "III.3.2");
    assert_non_null(strstr(jget(o, "candidates.0.section.citation"), "tiểu mục 3.2, mục 3, "
                                                                     "phần III Nghị quyết số"));
    json_decref(o);

    o = expect_json("cite", "58-QĐ/TW", 0);
    assert_true(json_is_false(
        json_object_get(json_array_get(json_object_get(o, "candidates"), 0), "in_corpus")));
    assert_string_equal(jget(o, "candidates.0.evidence.0.key"), "256-kh-tu");
    assert_string_equal(jget(o, "candidates.0.evidence.0.section"), "V.5.15");
    json_decref(o);

    run r = expect_status("cite", "'Kết luận 21 khóa XIII'", 0);
    assert_non_null(strstr(r.out, "1. Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành "
                                  "Trung ương Đảng khóa XIII về đẩy mạnh"));
    assert_non_null(strstr(r.out, "matched: number, type, term"));
    run_free(&r);

    r = expect_status("cite", "'Nghị quyết 777'", 1);
    run_free(&r);
    r = expect_status("cite", "'khóa XIII'", 2);
    assert_non_null(strstr(r.err, "no document number"));
    run_free(&r);
    r = expect_status("cite", "", 2);
    run_free(&r);
}

static void
test_cites(void **state)
{
    (void)state;
    json_t *o = expect_json("cites", "21-KL/TW", 0);
    assert_string_equal(jget(o, "key"), "21-kl-tw-2021");
    assert_string_equal(jget(o, "documents.0.key"), "256-kh-tu");
    assert_string_equal(jget(o, "documents.0.mentions.0.section"), "I.2");
    assert_string_equal(jget(o, "documents.0.mentions.0.relation"), "thực hiện");
    assert_string_equal(jget(o, "documents.0.mentions.1.section"), "V.7.3");
    json_decref(o);

    /* In Vietnamese (the tests run in English: LANGUAGE=en), places are "mục". */
    run r = expect_status("cites", "--lang vi 28-nq-tw-2022", 0);
    assert_non_null(strstr(r.out, "Kế hoạch 256-KH/TU  [256-kh-tu]"));
    assert_non_null(strstr(r.out, "mục IV, căn cứ"));
    assert_non_null(strstr(r.out, "mục VI.3, kèm theo"));
    run_free(&r);
    r = expect_status("cites", "28-nq-tw-2022", 0);
    assert_non_null(strstr(r.out, "item IV, căn cứ"));
    run_free(&r);

    r = expect_status("cites", "12-KH/TW", 0);
    assert_non_null(strstr(r.out, "12-KH/TW is not in the corpus."));
    run_free(&r);

    r = expect_status("cites", "khong-co-van-ban-nay", 1);
    run_free(&r);
    r = expect_status("cites", "", 2);
    run_free(&r);
}

static void
test_check(void **state)
{
    (void)state;
    run r = expect_status("check", draft("dung.md"), 0);
    assert_non_null(strstr(r.out, "6 citations and 3 quotes checked: 9 OK, 0 warnings, 0 errors"));
    run_free(&r);

    r = expect_status("check", draft("sai.md"), 1);
    assert_non_null(strstr(r.out, "sai.md:3:40: ERROR date: 28-NQ/TW is dated 17/11/2022, not "
                                  "17/11/2021\n    suggestion: ngày 17/11/2022, not 17/11/2021"));
    assert_non_null(strstr(r.out, "sai.md:7:22: WARNING number: 99-NQ/TW is unknown"));
    run_free(&r);

    /* The same draft saved as Word by LibreOffice: the same findings. */
    r = expect_status("check", draft("sai.docx"), 1);
    assert_non_null(strstr(r.out, "ERROR date: 28-NQ/TW is dated 17/11/2022, not 17/11/2021"));
    assert_non_null(strstr(r.out, "ERROR type: the code KL in 21-KL/TW is a Kết luận"));
    assert_non_null(strstr(r.out, "WARNING number: 99-NQ/TW is unknown"));
    assert_non_null(strstr(r.out, "ERROR issuer: 28-NQ/TW was issued by"));
    run_free(&r);

    /* The JSON of the same check: the misquote names the document it is
     * attributed to (a regression: its number outlived the document read). */
    char sai[8300];
    snprintf(sai, sizeof sai, "%s", draft("sai.md"));
    json_t *j = expect_json("check", sai, 1);
    json_t *fs = json_object_get(j, "findings");
    int quote_seen = 0;
    for (size_t i = 0; i < json_array_size(fs); i++) {
        json_t *f = json_array_get(fs, i);
        if (strcmp(json_string_value(json_object_get(f, "field")), "quote") == 0) {
            quote_seen = 1;
            assert_string_equal(json_string_value(json_object_get(f, "severity")), "ERROR");
            assert_string_equal(json_string_value(json_object_get(f, "number")), "28-NQ/TW");
        }
    }
    assert_true(quote_seen);
    assert_int_equal(json_integer_value(json_object_get(j, "errors")), 5);
    json_decref(j);

    char args[8300];
    snprintf(args, sizeof args, "%s", draft("chua-co.md"));
    json_t *o = expect_json("check", args, 1);
    assert_int_equal(json_integer_value(json_object_get(o, "errors")), 1);
    assert_int_equal(json_integer_value(json_object_get(o, "warnings")), 3);
    assert_string_equal(jget(o, "findings.0.severity"), "WARNING");
    assert_string_equal(jget(o, "findings.0.number"), "58-QĐ/TW");
    json_decref(o);

    r = expect_status("check", "/nonexistent/du-thao.md", 2);
    assert_non_null(strstr(r.err, "du-thao.md"));
    run_free(&r);
    r = expect_status("check", "", 2);
    run_free(&r);
}

/* check --annotate --suggest-changes on sai.docx (sai.md saved by
 * LibreOffice): six comments, one per warning and error, and five tracked
 * changes, one per error, each of which writes wrong words (the date
 * 17/11/2021, "Chỉ thị", "XII", the misquote, "Bộ Chính trị"); the warning
 * on the unknown 99-NQ/TW has nothing to replace. The option goes with
 * --annotate only. */
static void
test_check_suggest_changes(void **state)
{
    (void)state;
    char args[16384], out[4300];
    snprintf(out, sizeof out, "%s/sai.checked.docx", tmpdir);
    snprintf(args, sizeof args, "--annotate --suggest-changes -o '%s' %s", out, draft("sai.docx"));
    run r = expect_status("check", args, 1);
    assert_non_null(strstr(r.err, "6 comments written into"));
    assert_non_null(strstr(r.err, "5 replacements written as tracked changes\n"));
    assert_null(strstr(r.err, "left in")); /* none stays a comment only */
    run_free(&r);
    FILE *f = fopen(out, "rb");
    assert_non_null(f);
    assert_int_equal(fgetc(f), 'P'); /* a zip */
    fclose(f);

    /* Without --annotate: a usage error that says so, nothing written. */
    r = expect_status("check", "--suggest-changes " /* on a Word draft */, 2);
    run_free(&r);
    snprintf(args, sizeof args, "--suggest-changes %s", draft("sai.docx"));
    r = expect_status("check", args, 2);
    assert_non_null(strstr(r.err, "--suggest-changes goes with --annotate"));
    assert_string_equal(r.out, "");
    run_free(&r);
    snprintf(args, sizeof args, "--suggest-changes %s", draft("sai.md"));
    r = expect_status("check", args, 2);
    assert_non_null(strstr(r.err, "--suggest-changes goes with --annotate"));
    run_free(&r);
    /* With --annotate, on a draft that is not Word: the .docx error. */
    snprintf(args, sizeof args, "--annotate --suggest-changes %s", draft("sai.md"));
    r = expect_status("check", args, 2);
    assert_non_null(strstr(r.err, "give a .docx FILE"));
    run_free(&r);
    /* In the help. */
    r = expect_status("check", "--help", 0);
    assert_non_null(strstr(r.out, "--suggest-changes"));
    run_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cite),
        cmocka_unit_test(test_cites),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_check_suggest_changes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
