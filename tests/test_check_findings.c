/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_check_findings.c: the findings of `vankien check` a drafter trusts
 * and applies (cite/ct.h: ct_check_text, ct_check_json), over a fixture
 * index of the sample corpus and two documents written for these tests
 * (tests/data/findings). Expected values were found by reading them:
 *
 *   28-NQ/TW   Nghị quyết, 17/11/2022, Ban Chấp hành Trung ương, Hội nghị
 *              lần thứ sáu (a plenum's), khoá XIII (corpus/samples).
 *   57-NQ/TW   Nghị quyết, 22/12/2024, "CỦA BỘ CHÍNH TRỊ": Bộ Chính trị,
 *              "về đột phá phát triển khoa học, công nghệ, đổi mới sáng
 *              tạo và chuyển đổi số quốc gia".
 *   22-QĐ/TW   Quy định, 28/7/2021, Ban Chấp hành Trung ương (its
 *              letterhead; no plenum), "về công tác kiểm tra, giám sát và
 *              kỷ luật của Đảng"; Điều 1 to Điều 4; Điều 2 and Điều 3 have
 *              khoản 1 and 2; khoản 2 Điều 3 reads "Cấp ủy chỉ đạo các tổ
 *              chức đảng cấp dưới xây dựng và thực hiện chương trình kiểm
 *              tra, giám sát hằng năm."
 *
 *   5182/QĐ-UBND  Quyết định, 30/11/2025, Ủy ban nhân dân tỉnh Bắc Ninh.
 *   2842/QĐ-UBND  Quyết định, 14/10/2025, Ủy ban nhân dân tỉnh Nghệ An.
 *   60/2025/TT-BCT  Thông tư, 02/12/2025, Bộ Công Thương, "Quy định về
 *              quy trình kiểm tra chuyên ngành công thương".
 *   196/2025/QH15  Nghị quyết of the Quốc hội, 17/5/2025 (no type code).
 *   45-KH/TU   a Kế hoạch that cites 137-KL/TW (28/3/2025, Bộ Chính trị;
 *              twice with that date, once without), 08-NQ/TW (01/4/1978,
 *              Bộ Chính trị) and 08-NQ/ĐUBTC (nothing else), none of
 *              which the corpus holds.
 *
 * The drafts tests/data/drafts/findings-*.md were written for these tests:
 * findings-issuers.md names the issuers in many forms (one line each),
 * findings-fixes.md makes one mistake a line, findings-articles.md cites
 * articles of 22-QĐ/TW and quotes them, findings-state.md cites state
 * numbers and numbers known only from citations, one mistake a line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "cite/ct.h"
#include "tests/fixture_index.h"

static fixture_index fx;

static const char *const NQ57 =
    "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia";
static const char *const NQ28 =
    "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về "
    "tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị "
    "trong giai đoạn mới";

static int
setup(void **state)
{
    (void)state;
    static const char *const files[] = {"corpus/samples/ke-hoach-256-KH-TU.md",
                                        "corpus/samples/ket-luan-04-KL-BTCTW.md",
                                        "corpus/samples/ket-luan-21-KL-TW.md",
                                        "corpus/samples/nghi-quyet-hoi-nghi-6-khoa-xiii.txt",
                                        "tests/data/findings/nghi-quyet-57-NQ-TW.md",
                                        "tests/data/findings/quy-dinh-22-QD-TW.md",
                                        "tests/data/findings/quyet-dinh-5182-QD-UBND.md",
                                        "tests/data/findings/quyet-dinh-2842-QD-UBND.md",
                                        "tests/data/findings/thong-tu-60-2025-TT-BCT.md",
                                        "tests/data/findings/ke-hoach-45-KH-TU.md",
                                        "tests/data/findings/nghi-quyet-196-2025-QH15.md"};
    return fixture_index_open(&fx, "findings", files, sizeof files / sizeof *files);
}

static int
teardown(void **state)
{
    (void)state;
    return fixture_index_close(&fx);
}

/* A draft's text, read whole (the drafts are NFC UTF-8 with LF line ends,
 * as ct_check_file would prepare them), and its check. */
typedef struct draft {
    char *text;
    size_t len;
    ct_check *c;
} draft;

static void
draft_check(draft *d, const char *name)
{
    const char *src = getenv("VK_SOURCE_DIR");
    char path[8192];
    snprintf(path, sizeof path, "%s/tests/data/drafts/%s", src ? src : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    d->text = malloc((size_t)n + 1);
    assert_non_null(d->text);
    d->len = fread(d->text, 1, (size_t)n, f);
    d->text[d->len] = '\0';
    fclose(f);
    vk_error err = {0};
    d->c = NULL;
    if (ct_check_text(fx.reader, name, d->text, d->len, &d->c, &err) != VK_OK)
        fail_msg("check %s: %s", name, err.msg);
}

static void
draft_free(draft *d)
{
    ct_check_free(d->c);
    free(d->text);
}

/* The finding of `field` on `line`, or NULL. */
static const ct_finding *
finding(const ct_check *c, size_t line, ct_field field)
{
    for (size_t i = 0; i < c->n_findings; i++) {
        if (c->findings[i].line == line && c->findings[i].field == field)
            return &c->findings[i];
    }
    return NULL;
}

static const ct_finding *
expect(const ct_check *c, size_t line, ct_field field, ct_severity sev)
{
    const ct_finding *f = finding(c, line, field);
    if (!f)
        fail_msg("%s: no %s finding on line %zu", c->name, ct_field_name(field), line);
    if (f->severity != sev)
        fail_msg("%s:%zu: %s %s, expected %s", c->name, line, ct_severity_name(f->severity),
                 f->message, ct_severity_name(sev));
    return f;
}

/* The text the finding's replacement replaces is `wrong`, as the draft
 * writes it, and the replacement is `right`. */
static void
expect_repl(const draft *d, const ct_finding *f, const char *wrong, const char *right)
{
    if (!f->replacement)
        fail_msg("%s:%zu: no replacement (%s)", d->c->name, f->line, f->message);
    assert_true(f->repl_start < f->repl_end && f->repl_end <= d->len);
    size_t n = f->repl_end - f->repl_start;
    if (n != strlen(wrong) || memcmp(d->text + f->repl_start, wrong, n) != 0)
        fail_msg("%s:%zu: replaces '%.*s', expected '%s'", d->c->name, f->line, (int)n,
                 d->text + f->repl_start, wrong);
    assert_string_equal(f->replaced, wrong);
    assert_string_equal(f->replacement, right);
}

/* Twelve ways of naming the right issuer stay quiet; a body that could not
 * have issued the document is an error, its replacement the issuer's name
 * as citations write it. */
static void
test_issuers(void **state)
{
    (void)state;
    draft d;
    draft_check(&d, "findings-issuers.md");
    for (size_t line = 3; line <= 25; line += 2) {
        expect(d.c, line, CT_F_NUMBER, CT_SEV_OK);
        for (size_t i = 0; i < d.c->n_findings; i++) {
            const ct_finding *g = &d.c->findings[i];
            if (g->line == line && g->severity != CT_SEV_OK)
                fail_msg("line %zu: %s %s", line, ct_severity_name(g->severity), g->message);
        }
    }
    /* 57-NQ/TW is the Bộ Chính trị's, not the Quốc hội's. */
    const ct_finding *f = expect(d.c, 27, CT_F_ISSUER, CT_SEV_ERROR);
    expect_repl(&d, f, "Quốc hội", "Bộ Chính trị");
    assert_string_equal(f->citation, NQ57);
    /* 28-NQ/TW is a plenum's: the Bộ Chính trị did not issue it. */
    f = expect(d.c, 29, CT_F_ISSUER, CT_SEV_ERROR);
    expect_repl(&d, f, "Bộ Chính trị", "Ban Chấp hành Trung ương Đảng");
    assert_int_equal(d.c->n_errors, 2);
    assert_int_equal(d.c->n_warnings, 0);
    assert_int_equal(d.c->n_ok, 12); /* the wrong lines have no OK finding */
    draft_free(&d);
}

/* Each mistake with the span of its wrong words and the right ones. */
static void
test_replacements(void **state)
{
    (void)state;
    draft d;
    draft_check(&d, "findings-fixes.md");
    expect_repl(&d, expect(d.c, 3, CT_F_DATE, CT_SEV_ERROR), "20/11/2022", "17/11/2022");
    expect_repl(&d, expect(d.c, 5, CT_F_ISSUER, CT_SEV_ERROR), "Quốc hội",
                "Ban Chấp hành Trung ương Đảng");
    const ct_finding *f = expect(d.c, 7, CT_F_TERM, CT_SEV_ERROR);
    expect_repl(&d, f, "XII", "XIII");
    assert_string_equal(f->citation, NQ28);
    f = expect(d.c, 9, CT_F_TYPE, CT_SEV_ERROR);
    expect_repl(&d, f, "Chỉ thị", "Nghị quyết");
    assert_string_equal(f->citation, NQ57);
    draft_free(&d);
}

/* A number the corpus lacks, written with the date, issuer and subject of
 * one it holds: that one, as an error; its digits swapped without a date:
 * a warning; a number nothing names: a warning, once for its two places. */
static void
test_did_you_mean(void **state)
{
    (void)state;
    draft d;
    draft_check(&d, "findings-fixes.md");
    const ct_finding *f = expect(d.c, 11, CT_F_NUMBER, CT_SEV_ERROR);
    expect_repl(&d, f, "75-NQ/TW", "57-NQ/TW");
    assert_non_null(strstr(f->message, "did you mean 57-NQ/TW"));
    assert_string_equal(f->key, "57-nq-tw-2024");
    assert_string_equal(f->citation, NQ57);
    /* Line 13 repeats it: one finding, its place with its own span. */
    assert_int_equal(f->n_also, 1);
    assert_int_equal(f->also[0].line, 13);
    assert_int_equal(f->also[0].repl_end - f->also[0].repl_start, strlen("75-NQ/TW"));
    assert_memory_equal(d.text + f->also[0].repl_start, "75-NQ/TW", strlen("75-NQ/TW"));
    assert_null(finding(d.c, 13, CT_F_NUMBER));
    f = expect(d.c, 15, CT_F_NUMBER, CT_SEV_WARNING);
    expect_repl(&d, f, "75-NQ/TW", "57-NQ/TW");
    assert_non_null(strstr(f->message, "a number one typing slip away"));
    /* 82 for 28, with the plenum resolution's date, issuer and term. */
    f = expect(d.c, 17, CT_F_NUMBER, CT_SEV_ERROR);
    expect_repl(&d, f, "82-NQ/TW", "28-NQ/TW");
    assert_string_equal(f->citation, NQ28);
    f = expect(d.c, 19, CT_F_NUMBER, CT_SEV_WARNING);
    assert_string_equal(f->message, "999-NQ/TW is unknown to the corpus");
    assert_null(f->replacement);
    assert_int_equal(f->n_also, 1);
    assert_int_equal(f->also[0].line, 21);
    draft_free(&d);
}

/* Articles must be in the document; a quote is looked for in the article
 * cited first, and said where it really is. */
static void
test_articles(void **state)
{
    (void)state;
    draft d;
    draft_check(&d, "findings-articles.md");
    const ct_finding *f = expect(d.c, 3, CT_F_SECTION, CT_SEV_ERROR);
    assert_non_null(strstr(f->message, "no Điều 8 in 22-QĐ/TW"));
    assert_memory_equal(d.text + f->start, "khoản 2 Điều 8", strlen("khoản 2 Điều 8"));
    assert_null(finding(d.c, 3, CT_F_NUMBER));
    f = expect(d.c, 5, CT_F_SECTION, CT_SEV_ERROR);
    assert_non_null(strstr(f->message, "no khoản 5 Điều 3 in 22-QĐ/TW"));
    expect(d.c, 7, CT_F_QUOTE, CT_SEV_OK);
    f = expect(d.c, 9, CT_F_QUOTE, CT_SEV_WARNING);
    expect_repl(&d, f, "khoản 1 Điều 3", "khoản 2 Điều 3");
    /* Khoản 2 is inside Điều 2. */
    expect(d.c, 11, CT_F_QUOTE, CT_SEV_OK);
    assert_int_equal(d.c->n_quotes, 3);
    draft_free(&d);
}

/* The summary: documents, citations, quotes, problems by field; and the
 * JSON. */
static void
test_summary(void **state)
{
    (void)state;
    draft d;
    draft_check(&d, "findings-fixes.md");
    const ct_check *c = d.c;
    assert_int_equal(c->n_citations, 10);
    assert_int_equal(c->n_documents, 3); /* 28-NQ/TW, 22-QĐ/TW, 57-NQ/TW */
    assert_int_equal(c->n_unknown, 3);   /* 75-NQ/TW, 82-NQ/TW, 999-NQ/TW */
    assert_int_equal(c->n_errors, 6);
    assert_int_equal(c->n_warnings, 2);
    assert_int_equal(c->field_errors[CT_F_NUMBER], 2);
    assert_int_equal(c->field_errors[CT_F_DATE], 1);
    assert_int_equal(c->field_errors[CT_F_ISSUER], 1);
    assert_int_equal(c->field_errors[CT_F_TERM], 1);
    assert_int_equal(c->field_errors[CT_F_TYPE], 1);
    assert_int_equal(c->field_warnings[CT_F_NUMBER], 2);
    json_t *j = ct_check_json(c);
    assert_non_null(j);
    json_t *s = json_object_get(j, "summary");
    assert_int_equal(json_integer_value(json_object_get(s, "documents")), 3);
    assert_int_equal(json_integer_value(json_object_get(s, "citations")), 10);
    json_t *date = json_object_get(json_object_get(s, "by_field"), "date");
    assert_int_equal(json_integer_value(json_object_get(date, "errors")), 1);
    assert_null(json_object_get(json_object_get(s, "by_field"), "quote"));
    json_t *first = json_array_get(json_object_get(j, "findings"), 0);
    json_t *r = json_object_get(first, "replace");
    assert_string_equal(json_string_value(json_object_get(r, "text")), "17/11/2022");
    assert_string_equal(json_string_value(json_object_get(r, "replaced")), "20/11/2022");
    /* Line 3 is ASCII up to the date but for "Thực hiện Nghị quyết số":
     * UTF-16 units count characters there. */
    assert_true(json_integer_value(json_object_get(r, "start16")) <
                json_integer_value(json_object_get(r, "start")));
    size_t at = (size_t)json_integer_value(json_object_get(r, "start"));
    assert_memory_equal(d.text + at, "20/11/2022", 10);
    assert_int_equal(json_integer_value(json_object_get(r, "end")), (json_int_t)at + 10);
    json_decref(j);
    draft_free(&d);

    draft_check(&d, "findings-articles.md");
    assert_int_equal(d.c->n_documents, 1);
    assert_int_equal(d.c->n_unknown, 0);
    assert_int_equal(d.c->n_quotes, 3);
    assert_int_equal(d.c->field_errors[CT_F_SECTION], 2);
    assert_int_equal(d.c->field_warnings[CT_F_QUOTE], 1);
    draft_free(&d);
}

/* What the real crawl showed: a state Công văn's number carries its
 * issuer's code, not a type; a Party number restarts each term (the same
 * number six years and a congress apart is another document), but a date a
 * year off across a congress is a slip. */
static void
test_not_findings(void **state)
{
    (void)state;
    const char *t = "Thực hiện Công văn 611/TTg-CN ngày 28/5/2025 của Thủ tướng Chính phủ.\n\n"
                    "Theo Nghị quyết số 28-NQ/TW, ngày 17/11/2016 của Ban Chấp hành Trung ương.\n\n"
                    "Theo Kết luận số 21-KL/TW, ngày 25/10/2020 của Ban Chấp hành Trung ương.\n";
    ct_check *c = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_text(fx.reader, "t", t, strlen(t), &c, &err), VK_OK);
    assert_null(finding(c, 1, CT_F_TYPE));
    assert_null(finding(c, 3, CT_F_DATE));
    expect(c, 3, CT_F_NUMBER, CT_SEV_WARNING);
    const ct_finding *f = expect(c, 5, CT_F_DATE, CT_SEV_ERROR);
    assert_string_equal(f->replacement, "25/10/2021");
    ct_check_free(c);

    /* One digit changed, with nothing but type and issuer to go by: no
     * document meant (numbers are dense); with the term too: 28-NQ/TW. */
    t = "Theo Nghị quyết số 27-NQ/TW của Ban Chấp hành Trung ương.\n\n"
        "Theo Nghị quyết số 27-NQ/TW của Ban Chấp hành Trung ương khóa XIII.\n";
    assert_int_equal(ct_check_text(fx.reader, "t", t, strlen(t), &c, &err), VK_OK);
    f = expect(c, 1, CT_F_NUMBER, CT_SEV_WARNING);
    assert_null(f->replacement);
    f = expect(c, 3, CT_F_NUMBER, CT_SEV_WARNING);
    assert_non_null(f->replacement);
    assert_string_equal(f->replacement, "28-NQ/TW");
    ct_check_free(c);
}

/* State numbers and numbers only cited: a digit slip names the document
 * meant (its date and issuer are the citation's); the province after
 * "tỉnh" is compared; a short form of a state type resolves by its digits,
 * type and the fields written with it. */
static void
test_state_numbers(void **state)
{
    (void)state;
    draft d;
    draft_check(&d, "findings-state.md");
    /* 5128 for 5182, the same date and issuer: an error. */
    const ct_finding *f = expect(d.c, 3, CT_F_NUMBER, CT_SEV_ERROR);
    expect_repl(&d, f, "5128/QĐ-UBND", "5182/QĐ-UBND");
    assert_non_null(strstr(f->message, "did you mean 5182/QĐ-UBND"));
    assert_non_null(f->key);
    /* 173 for 137, a number the corpus only cites, with its date. */
    f = expect(d.c, 5, CT_F_NUMBER, CT_SEV_ERROR);
    expect_repl(&d, f, "173-KL/TW", "137-KL/TW");
    assert_null(f->key);
    /* 2842/QĐ-UBND is Nghệ An's, not Phú Thọ's. */
    f = expect(d.c, 7, CT_F_ISSUER, CT_SEV_ERROR);
    expect_repl(&d, f, "Ủy ban nhân dân tỉnh Phú Thọ", "Ủy ban nhân dân tỉnh Nghệ An");
    /* Short forms of state numbers. */
    f = expect(d.c, 9, CT_F_NUMBER, CT_SEV_OK);
    assert_string_equal(f->number, "60/2025/TT-BCT");
    f = expect(d.c, 11, CT_F_NUMBER, CT_SEV_OK);
    assert_string_equal(f->number, "2842/QĐ-UBND");
    f = expect(d.c, 13, CT_F_DATE, CT_SEV_ERROR);
    expect_repl(&d, f, "20/11/2025", "30/11/2025");
    /* A subject without diacritics agrees with its title; another one does
     * not. */
    expect(d.c, 15, CT_F_NUMBER, CT_SEV_OK);
    assert_null(finding(d.c, 15, CT_F_SUBJECT));
    expect(d.c, 17, CT_F_SUBJECT, CT_SEV_WARNING);
    /* "Nghị quyết số 8 ... của Bộ Chính trị": 08-NQ/TW (TW fits the Bộ
     * Chính trị; 08-NQ/ĐUBTC says nothing), whose date is another. */
    f = expect(d.c, 19, CT_F_DATE, CT_SEV_ERROR);
    expect_repl(&d, f, "01/03/1978", "01/4/1978");
    /* A document of 7/3/2025 falls in khóa XIII; khóa XX is no term. */
    f = expect(d.c, 21, CT_F_TERM, CT_SEV_WARNING);
    expect_repl(&d, f, "XIV", "XIII");
    f = expect(d.c, 23, CT_F_TERM, CT_SEV_WARNING);
    assert_non_null(strstr(f->message, "khóa XX is not a term"));
    assert_null(f->replacement);
    /* One digit changed and another date: no document meant. */
    f = expect(d.c, 25, CT_F_NUMBER, CT_SEV_WARNING);
    assert_null(f->replacement);
    /* "Nghị quyết 196 ... của Quốc hội": 196/2025/QH15, dated 17/5/2025. */
    f = expect(d.c, 27, CT_F_DATE, CT_SEV_ERROR);
    expect_repl(&d, f, "17/05/2024", "17/5/2025");
    assert_string_equal(f->number, "196/2025/QH15");
    draft_free(&d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issuers),       cmocka_unit_test(test_replacements),
        cmocka_unit_test(test_did_you_mean),  cmocka_unit_test(test_articles),
        cmocka_unit_test(test_summary),       cmocka_unit_test(test_not_findings),
        cmocka_unit_test(test_state_numbers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
