/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_search_articles.c: searching regulations, decrees and charters by
 * their articles, over an index of tests/data/articles: muc: with a
 * chapter, article or khoản as cited, dieu:, a question answered by one
 * article, and sections looked up as readers cite them. The expected
 * sections were found by reading the excerpts.
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
#include "corpus/cp.h"
#include "indexer/ix.h"
#include "query/qr.h"
#include "tests/fixture_index.h"

static fixture_index fx;
static xc_rdb *reader;

/* The fixture a hit comes from: its file name without ".md". */
static const char *
file_of(const qr_hit *h, char *buf, size_t size)
{
    const char *slash = h->path ? strrchr(h->path, '/') : NULL;
    snprintf(buf, size, "%s", slash ? slash + 1 : "?");
    char *dot = strrchr(buf, '.');
    if (dot)
        *dot = '\0';
    return buf;
}

static qr_results *
run(const char *query)
{
    qr_query *q = NULL;
    vk_error err = {0};
    if (qr_parse(query, strlen(query), &q, &err) != VK_OK)
        fail_msg("'%s': %s", query, err.msg);
    qr_opts o = {.limit = 20};
    qr_results *r = NULL;
    if (qr_search(reader, q, &o, &r, &err) != VK_OK)
        fail_msg("'%s': %s", query, err.msg);
    qr_query_free(q);
    return r;
}

/* The hit of `file` is in section `label` (shown as `display`); with
 * `first`, it is the first result. */
static void
expect_hit(const char *query, const char *file, const char *label, const char *display, int first)
{
    qr_results *r = run(query);
    char name[256];
    for (size_t i = 0; i < r->n_hits; i++) {
        const qr_hit *h = &r->hits[i];
        if (strcmp(file_of(h, name, sizeof name), file) != 0)
            continue;
        if (first && i != 0)
            fail_msg("'%s': %s ranks %zu", query, file, i + 1);
        if (strcmp(h->label, label) != 0)
            fail_msg("'%s': %s in section %s, expected %s", query, file, h->label, label);
        if (display)
            assert_string_equal(h->display, display);
        qr_results_free(r);
        return;
    }
    fail_msg("'%s' does not find %s", query, file);
}

/* The query finds exactly these fixtures (names in any order), each in a
 * section whose label starts with `under`. */
static void
expect_files(const char *query, const char *files, const char *under)
{
    qr_results *r = run(query);
    char got[512] = "", name[256];
    size_t n_got = 0, n_want = 0;
    for (size_t i = 0; i < r->n_hits; i++) {
        const qr_hit *h = &r->hits[i];
        file_of(h, name, sizeof name);
        if (strncmp(h->label, under, strlen(under)) != 0)
            fail_msg("'%s': %s in section %s, not under %s", query, name, h->label, under);
        strncat(got, n_got++ ? " " : "", sizeof got - strlen(got) - 1);
        strncat(got, name, sizeof got - strlen(got) - 1);
    }
    qr_results_free(r);
    char want[512];
    snprintf(want, sizeof want, "%s", files);
    for (char *w = strtok(want, " "); w; w = strtok(NULL, " "), n_want++) {
        if (!strstr(got, w))
            fail_msg("'%s' finds [%s], not %s", query, got, w);
    }
    if (n_got != n_want)
        fail_msg("'%s' finds [%s], expected [%s]", query, got, files);
}

static int
setup(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tests/data/articles/dieu-le-phan-la-ma.md", "tests/data/articles/hoi-dap-dieu-107.md",
        "tests/data/articles/hoi-dap-dieu-152.md",   "tests/data/articles/nghi-dinh-di-san.md",
        "tests/data/articles/quyet-dinh-dieu-le.md", "tests/data/articles/quyet-dinh-ke-hoach.md",
        "tests/data/articles/luat-du-lieu-san.md"};
    if (fixture_index_open(&fx, "articles", files, sizeof files / sizeof *files) != 0)
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

/* muc: with an article, a chapter, a khoản as cited; dieu:. */
static void
test_section_fields(void **state)
{
    (void)state;
    /* Điều 9 is in the decree (Mục 1 of Chương III) and in the charter. */
    expect_files("muc:\"Điều 9\"", "nghi-dinh-di-san dieu-le-phan-la-ma", "Điều 9");
    expect_files("muc:\"điều 9\"", "nghi-dinh-di-san dieu-le-phan-la-ma", "Điều 9");
    expect_files("dieu:9", "nghi-dinh-di-san dieu-le-phan-la-ma", "Điều 9");
    expect_files("article:9", "nghi-dinh-di-san dieu-le-phan-la-ma", "Điều 9");
    /* Only the decree's Điều 9 has a khoản 3, with its điểm a and b. */
    expect_files("dieu:9.3", "nghi-dinh-di-san", "Điều 9.3");
    expect_files("muc:\"khoản 3 Điều 9\"", "nghi-dinh-di-san", "Điều 9.3");
    expect_files("dieu:9.3.b", "nghi-dinh-di-san", "Điều 9.3.b");
    /* A chapter holds its articles: the words are in điểm b of Điều 6,
     * khoản 1 of the charter issued with the decision, under Chương III,
     * not under Chương II. */
    expect_hit("muc:\"Chương III\" \"nhiệm kỳ hoạt động\"", "quyet-dinh-dieu-le", "Điều 6.1.b",
               "Điều 6, khoản 1, điểm b", 1);
    expect_hit("muc:\"chuong iii\" \"nhiệm kỳ hoạt động\"", "quyet-dinh-dieu-le", "Điều 6.1.b",
               NULL, 1);
    expect_files("muc:\"Chương II\" \"nhiệm kỳ hoạt động\"", "", "");
    /* The decision's Điều 1 and the charter's are apart: "Vị trí chức
     * năng" is the charter's. */
    expect_hit("dieu:1 \"vị trí chức năng\"", "quyet-dinh-dieu-le", "Điều 1", "Điều 1", 1);
    /* A repeated number is found as written: both quotes of Điều 152. */
    expect_hit("dieu:152.3 \"thu hồi\"", "hoi-dap-dieu-152", "Điều 152~2.3", "Điều 152, khoản 3",
               1);
    expect_hit("muc:\"Điều 152, khoản 2, điểm d\"", "hoi-dap-dieu-152", "Điều 152.2.d",
               "Điều 152, khoản 2, điểm d", 1);
    /* The plan approved in Điều 1: its parts under the article. */
    expect_hit("dieu:1 \"Mục tiêu tổng thể\"", "quyet-dinh-ke-hoach", "Điều 1.I.1",
               "Điều 1, mục I.1", 1);
}

/* A question answered by one article ranks that article first, in the
 * document that has it. */
static void
test_article_questions(void **state)
{
    (void)state;
    expect_hit("hồ sơ đề nghị hủy bỏ xếp hạng di tích gồm những gì", "nghi-dinh-di-san", "Điều 10",
               "Điều 10", 1);
    expect_hit("điều kiện khởi công xây dựng công trình là gì", "hoi-dap-dieu-107", "Điều 107",
               "Điều 107", 1);
    expect_hit("tên giao dịch quốc tế của quỹ", "quyet-dinh-dieu-le", "Điều 1.2", "Điều 1, khoản 2",
               1);
    expect_hit("nguyên tắc tập trung dân chủ", "dieu-le-phan-la-ma", "Điều 9", "Điều 9", 1);
    /* Heading words weigh: Điều 2's title names the duties, its khoản do
     * not ("Đảng viên có nhiệm vụ:"). */
    expect_hit("nhiệm vụ của đảng viên", "dieu-le-phan-la-ma", "Điều 2", "Điều 2", 1);
    /* A heading typed whole: "Điều 42. Sàn dữ liệu", not Điều 43, whose
     * longer title ends with the same words and whose text says "dữ liệu"
     * more often. */
    expect_hit("sàn dữ liệu", "luat-du-lieu-san", "Điều 42", "Điều 42", 1);
}

/* What a hit shows: display, kind, breadcrumb from the chapter down. */
static void
test_hit_display(void **state)
{
    (void)state;
    qr_results *r = run("dieu:9.3.a");
    assert_int_equal(r->n_hits, 1);
    const qr_hit *h = &r->hits[0];
    assert_string_equal(h->label, "Điều 9.3.a");
    assert_string_equal(h->display, "Điều 9, khoản 3, điểm a");
    assert_string_equal(h->kind, "point");
    assert_int_equal(h->n_crumbs, 5);
    assert_string_equal(h->crumbs[0], "Chương III. BẢO VỆ VÀ PHÁT HUY GIÁ TRỊ DI TÍCH LỊCH SỬ - "
                                      "VĂN HÓA, DANH LAM THẮNG CẢNH");
    assert_true(strncmp(h->crumbs[1], "Mục 1. HỒ SƠ XẾP HẠNG", strlen("Mục 1. HỒ SƠ XẾP HẠNG")) ==
                0);
    assert_true(strncmp(h->crumbs[2], "Điều 9. Hồ sơ khoa học", strlen("Điều 9. Hồ sơ khoa học")) ==
                0);
    assert_true(strncmp(h->crumbs[3], "3. Biên bản", strlen("3. Biên bản")) == 0);
    qr_results_free(r);
}

/* Bad values: a field word without its number, an article that is not. */
static void
test_field_errors(void **state)
{
    (void)state;
    const char *bad[] = {"muc:Điều 8", "dieu:abc", "dieu:\"khoản 2\""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        qr_query *q = NULL;
        vk_error err = {0};
        if (qr_parse(bad[i], strlen(bad[i]), &q, &err) == VK_OK) {
            qr_opts o = {.limit = 5};
            qr_results *r = NULL;
            if (qr_search(reader, q, &o, &r, &err) == VK_OK)
                fail_msg("'%s' is accepted", bad[i]);
            qr_query_free(q);
        }
        assert_non_null(strstr(err.msg, "column"));
    }
}

/* Sections looked up as readers cite them (vankien show KEY#Điều 9). */
static void
test_show_sections(void **state)
{
    (void)state;
    qr_document *d = NULL;
    vk_error err = {0};
    assert_int_equal(qr_document_get(reader, "308/2025/NĐ-CP", &d, &err), VK_OK);
    const char *forms[] = {"Điều 9.3", "điều 9 khoản 3", "Điều 9, khoản 3", "khoản 3 Điều 9"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        const qr_section *s = qr_document_section(d, forms[i]);
        if (!s)
            fail_msg("no section for '%s'", forms[i]);
        assert_string_equal(s->label, "Điều 9.3");
        assert_string_equal(s->display, "Điều 9, khoản 3");
        assert_string_equal(s->kind, "clause");
    }
    const qr_section *s = qr_document_section(d, "Điều 10");
    assert_non_null(s);
    assert_true(strncmp(s->text, "Điều 10. Hồ sơ khoa học đề nghị hủy bỏ",
                        strlen("Điều 10. Hồ sơ khoa học đề nghị hủy bỏ")) == 0);
    assert_non_null(qr_document_section(d, "Chương III"));
    assert_non_null(qr_document_section(d, "Mục 1 Chương III"));
    assert_null(qr_document_section(d, "Điều 11"));
    qr_document_free(d);
}

/* A reference that names an article resolves its document and cites the
 * article: "khoản 2 Điều 9 Nghị định số 308/2025/NĐ-CP" (Điều 9 of the decree
 * on heritage, its khoản 2: "Lý lịch di tích theo Mẫu số 08 ..."), and the
 * Charter cited by name, "Điều 2 Điều lệ Đảng" (its Điều 2 opens "Đảng
 * viên có nhiệm vụ:"). */
static void
test_cite_articles(void **state)
{
    (void)state;
    static const struct {
        const char *ref, *key, *label, *display, *heading_start, *citation_start;
    } cases[] = {
        {"khoản 2 Điều 9 Nghị định số 308/2025/NĐ-CP", "308-2025-nd-cp-2025", "Điều 9.2",
         "Điều 9, khoản 2", "Lý lịch di tích", "khoản 2 Điều 9 Nghị định số 308/2025/NĐ-CP"},
        {"điểm a khoản 3 Điều 9 Nghị định 308/2025/NĐ-CP", "308-2025-nd-cp-2025", "Điều 9.3.a",
         "Điều 9, khoản 3, điểm a", "Trích lục bản đồ", "điểm a, khoản 3 Điều 9 Nghị định"},
        {"Điều 2 Điều lệ Đảng", "dieu-le-phan-la-ma", "Điều 2", "Điều 2", "Đảng viên có nhiệm vụ",
         "Điều 2 Điều lệ Đảng"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ct_resolution *r = NULL;
        vk_error err = {0};
        if (ct_resolve(reader, cases[i].ref, strlen(cases[i].ref), NULL, &r, &err) != VK_OK)
            fail_msg("'%s': %s", cases[i].ref, err.msg);
        assert_true(r->n_cands > 0);
        const ct_candidate *c = &r->cands[0];
        assert_string_equal(c->key, cases[i].key);
        assert_non_null(c->section_label);
        assert_string_equal(c->section_label, cases[i].label);
        assert_string_equal(c->section_display, cases[i].display);
        assert_true(strncmp(c->section_heading, cases[i].heading_start,
                            strlen(cases[i].heading_start)) == 0);
        if (strncmp(c->section_citation, cases[i].citation_start,
                    strlen(cases[i].citation_start)) != 0)
            fail_msg("'%s': cited as '%s'", cases[i].ref, c->section_citation);
        ct_resolution_free(r);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_section_fields), cmocka_unit_test(test_article_questions),
        cmocka_unit_test(test_hit_display),    cmocka_unit_test(test_field_errors),
        cmocka_unit_test(test_show_sections),  cmocka_unit_test(test_cite_articles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
