/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_check_docx.c: a Word draft checked by its paragraphs and written back
 * with review comments (ct_check_docx), against an index of corpus/samples.
 * The draft (tests/data/drafts/bao-cao-trich-dan.docx, made by LibreOffice
 * from its .fodt) cites "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 ..." as
 * the resolution has it (paragraph 3) and "Kết luận số 21-KL/TW, ngày
 * 25/10/2020 ..." for a conclusion of 25/10/2021 (paragraph 4). Expected
 * places found by reading the draft; the copy is read back with libzip.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cite/ct.h"
#include "tests/fixture_index.h"
#include "tests/zip_entry.h"

static fixture_index fx;

static int
setup(void **state)
{
    (void)state;
    static const char *const files[] = {"corpus/samples/ke-hoach-256-KH-TU.md",
                                        "corpus/samples/ket-luan-21-KL-TW.md"};
    return fixture_index_open(&fx, "checkdocx", files, sizeof files / sizeof *files) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    return fixture_index_close(&fx);
}

static void
draft_path(char *buf, size_t size)
{
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(buf, size, "%s/tests/data/drafts/bao-cao-trich-dan.docx", src ? src : ".");
}

/* The bytes of entry `name` of the zip at path, or NULL. */
static char *
read_entry(const char *path, const char *name)
{
    size_t len;
    return zip_entry_read(path, name, &len, NULL);
}

/* Findings by paragraph: the right citation is OK, the wrong date is an
 * ERROR on line 4 (the fourth paragraph) at column 56, where "25/10/2020"
 * starts ("Đảng ủy tiếp tục quán triệt Kết luận số 21-KL/TW, ngày " is 55
 * characters: columns count characters, not bytes). */
static void
test_findings_by_paragraph(void **state)
{
    (void)state;
    char path[4096];
    draft_path(path, sizeof path);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, path, NULL, 0, &ck, &err), VK_OK);
    assert_int_equal(ck->n_citations, 2);
    assert_int_equal(ck->n_ok, 1);
    assert_int_equal(ck->n_errors, 1);
    int seen_error = 0;
    for (size_t i = 0; i < ck->n_findings; i++) {
        const ct_finding *f = &ck->findings[i];
        if (f->severity != CT_SEV_ERROR)
            continue;
        seen_error = 1;
        assert_int_equal(f->line, 4);
        assert_int_equal(f->col, 56);
        assert_int_equal(f->field, CT_F_DATE);
        assert_non_null(strstr(f->message, "25/10/2021"));
    }
    assert_true(seen_error);
    ct_check_free(ck);
}

/* --annotate: one comment by vankien, on the wrong date, with the fix; the
 * draft's other parts unchanged. */
static void
test_annotated_copy(void **state)
{
    (void)state;
    char path[4096], out[4400];
    draft_path(path, sizeof path);
    snprintf(out, sizeof out, "%s/bao-cao.checked.docx", fx.dir);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, path, out, 0, &ck, &err), VK_OK);
    assert_int_equal(ck->n_comments, 1);
    assert_int_equal(ck->n_unanchored, 0);
    ct_check_free(ck);
    char *comments = read_entry(out, "word/comments.xml");
    assert_non_null(comments);
    assert_non_null(strstr(comments, "w:author=\"vankien\""));
    assert_non_null(strstr(comments, "25/10/2021"));
    assert_null(strstr(comments, "28-NQ/TW")); /* no comment on what is right */
    char *doc = read_entry(out, "word/document.xml");
    assert_non_null(doc);
    /* One range, on the date as written; the number before it stays
     * outside. */
    const char *start = strstr(doc, "commentRangeStart");
    const char *end = strstr(doc, "commentRangeEnd");
    assert_non_null(start);
    assert_non_null(end);
    assert_null(strstr(end + 1, "commentRangeStart"));
    const char *date = strstr(start, "25/10/2020");
    assert_non_null(date);
    assert_true(date < end);
    const char *kl = strstr(doc, "21-KL/TW");
    assert_non_null(kl);
    assert_true(kl < start);
    free(doc);
    free(comments);
    /* The styles are the draft's, byte for byte. */
    char *a = read_entry(path, "word/styles.xml"), *b = read_entry(out, "word/styles.xml");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a);
    free(b);
}

/* A file that is not Word: a clear error, no copy written. */
static void
test_not_a_docx(void **state)
{
    (void)state;
    char path[4096], out[4400];
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/corpus/samples/ket-luan-21-KL-TW.md", src ? src : ".");
    snprintf(out, sizeof out, "%s/not.checked.docx", fx.dir);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_not_equal(ct_check_docx(fx.reader, path, out, 0, &ck, &err), VK_OK);
    assert_null(ck);
    assert_true(err.msg[0] != '\0');
    FILE *f = fopen(out, "rb");
    assert_null(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings_by_paragraph),
        cmocka_unit_test(test_annotated_copy),
        cmocka_unit_test(test_not_a_docx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
