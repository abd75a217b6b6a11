/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_cite.c: citations found in body text (corpus/cite.h): one test per
 * form with strings from the sample documents, the full text of each sample
 * against a list of its citations written by reading the document, and odd
 * input (empty, invalid UTF-8, NUL bytes, random bytes, large passages).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/file.h"
#include "corpus/cite.h"

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

/* What one citation should hold; NULL means the field must be NULL. */
typedef struct want {
    const char *number;
    const char *type_name;
    const char *type_code;
    const char *date; /* ISO 8601, or NULL for no date */
    const char *issuer;
    const char *term;
    const char *relation;
    const char *informal;
    const char *plenum;
    const char *congress;
} want;

static vk_arena arena = VK_ARENA_INIT;
static char *sample_data; /* the sample being checked, freed by teardown */

/* Runs cp_cite_find on a C string; fails the test on an error. */
static cp_citation *
find(const char *s, size_t *n)
{
    cp_citation *c = NULL;
    assert_int_equal(cp_cite_find(s, strlen(s), &arena, &c, n), VK_OK);
    return c;
}

static void
check_str(const char *got, const char *exp, size_t i, const char *field)
{
    if (!exp && got)
        fail_msg("citation %zu: %s is \"%s\", expected NULL", i, field, got);
    if (exp && !got)
        fail_msg("citation %zu: %s is NULL, expected \"%s\"", i, field, exp);
    if (exp && strcmp(got, exp) != 0)
        fail_msg("citation %zu: %s is \"%s\", expected \"%s\"", i, field, got, exp);
}

static void
check_one(const cp_citation *c, const want *w, size_t i)
{
    char iso[11];
    check_str(c->number, w->number, i, "number");
    check_str(c->type_name, w->type_name, i, "type_name");
    check_str(c->type_code, w->type_code, i, "type_code");
    check_str(cp_date_iso(&c->date, iso)[0] ? iso : NULL, w->date, i, "date");
    check_str(c->issuer, w->issuer, i, "issuer");
    check_str(c->term, w->term, i, "term");
    check_str(c->relation, w->relation, i, "relation");
    check_str(c->informal, w->informal, i, "informal");
    check_str(c->plenum, w->plenum, i, "plenum");
    check_str(c->congress, w->congress, i, "congress");
}

/* Checks every citation against the list, and that each text is the passage's
 * bytes at its offsets (the passages here are NFC). */
static void
check_all(const char *text, size_t len, const cp_citation *c, size_t n, const want *w,
          size_t n_want)
{
    for (size_t i = 0; i < n && i < n_want; i++) {
        check_one(&c[i], &w[i], i);
        assert_true(c[i].start < c[i].end && c[i].end <= len);
        assert_int_equal(strlen(c[i].text), c[i].end - c[i].start);
        assert_memory_equal(c[i].text, text + c[i].start, c[i].end - c[i].start);
        if (i > 0)
            assert_true(c[i - 1].start <= c[i].start);
    }
    if (n != n_want)
        fail_msg("%zu citations, expected %zu", n, n_want);
}

static void
check_text(const char *passage, size_t n_want, const want *w)
{
    size_t n = 0;
    cp_citation *c = find(passage, &n);
    check_all(passage, strlen(passage), c, n, w, n_want);
}

static int
teardown(void **state)
{
    (void)state;
    vk_arena_free(&arena);
    free(sample_data);
    sample_data = NULL;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* One form at a time                                                         */
/* ------------------------------------------------------------------------ */

/* ke-hoach-256-KH-TU.md, its opening paragraph: the full form, twice. */
static void
test_full_form(void **state)
{
    (void)state;
    const char *s = "Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung "
                    "ương Đảng khóa XIII; Kế hoạch số 12-KH/TW, ngày 28/11/2022 của Bộ Chính trị";
    const want w[] = {
        {"28-NQ/TW", "Nghị quyết", "NQ", "2022-11-17", "Ban Chấp hành Trung ương Đảng", "XIII",
         "thực hiện", NULL, NULL, NULL},
        {"12-KH/TW", "Kế hoạch", "KH", "2022-11-28", "Bộ Chính trị", NULL, NULL, NULL, NULL, NULL},
    };
    check_text(s, 2, w);
    size_t n;
    cp_citation *c = find(s, &n);
    assert_string_equal(c[0].text, "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành "
                                   "Trung ương Đảng khóa XIII");
    assert_int_equal(c[0].start, strlen("Thực hiện "));
}

/* 7.3 of the Kế hoạch: no "số". */
static void
test_without_so(void **state)
{
    (void)state;
    const want w[] = {{"21-KL/TW", "Kết luận", "KL", NULL, "Ban Chấp hành Trung ương", "XIII",
                       "thực hiện", NULL, NULL, NULL}};
    check_text("gắn với thực hiện Kết luận 21-KL/TW của Ban Chấp hành Trung ương khóa XIII.", 1, w);
    check_text("Nghị quyết Trung ương 4 khóa XI, XII và Chỉ thị 05-CT/TW về học tập", 3,
               (const want[]){
                   {NULL, "Nghị quyết", NULL, NULL, NULL, "XI", NULL,
                    "Nghị quyết Trung ương 4 khóa XI, XII", "4", NULL},
                   {NULL, "Nghị quyết", NULL, NULL, NULL, "XII", NULL,
                    "Nghị quyết Trung ương 4 khóa XI, XII", "4", NULL},
                   {"05-CT/TW", "Chỉ thị", "CT", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
               });
}

/* 2.1 of the Kế hoạch: one list, two citations sharing everything else. */
static void
test_list(void **state)
{
    (void)state;
    const char *s = "công tác cán bộ theo Nghị quyết số 18, 19-NQ/TW, ngày 25/10/2017 của Ban "
                    "Chấp hành Trung ương khóa XII.";
    const want w[] = {
        {"18-NQ/TW", "Nghị quyết", "NQ", "2017-10-25", "Ban Chấp hành Trung ương", "XII", "theo",
         NULL, NULL, NULL},
        {"19-NQ/TW", "Nghị quyết", "NQ", "2017-10-25", "Ban Chấp hành Trung ương", "XII", "theo",
         NULL, NULL, NULL},
    };
    check_text(s, 2, w);
    size_t n;
    cp_citation *c = find(s, &n);
    assert_string_equal(c[0].text, c[1].text);
    assert_int_equal(c[0].start, c[1].start);
    check_text("Kế hoạch số 12 và 13-KH/TW", 2,
               (const want[]){
                   {"12-KH/TW", "Kế hoạch", "KH", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
                   {"13-KH/TW", "Kế hoạch", "KH", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
               });
}

/* Spaces around the dash (the number of ket-luan-04-KL-BTCTW.md), the date in
 * words of its header, and other dashes. */
static void
test_spaced_dash(void **state)
{
    (void)state;
    const want w[] = {{"04-KL/BTCTW", "Kết luận", "KL", "2018-01-22", "Ban Tổ chức Trung ương",
                       NULL, "căn cứ", NULL, NULL, NULL}};
    check_text("Căn cứ Kết luận số 04 - KL/BTCTW, ngày 22 tháng 01 năm 2018 của Ban Tổ chức "
               "Trung ương",
               1, w);
    const want w2[] = {{"28-NQ/TW", NULL, "NQ", "1997-10-01", NULL, NULL, NULL, NULL, NULL, NULL}};
    check_text("số 28\xe2\x80\x93NQ/TW ngày 01-10-1997", 1, w2);
}

/* State documents and laws (DOMAIN §1.5). */
static void
test_state(void **state)
{
    (void)state;
    const want w[] = {
        {"15/2023/NĐ-CP", "Nghị định", "NĐ", NULL, "Chính phủ", NULL, "căn cứ", NULL, NULL, NULL},
        {"123/QĐ-TTg", "Quyết định", "QĐ", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
        {"45/2019/QH14", "Luật", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL},
    };
    check_text("Căn cứ Nghị định số 15/2023/NĐ-CP của Chính phủ; Quyết định số 123/QĐ-TTg; "
               "Luật số 45/2019/QH14.",
               3, w);
}

/* The type word disagrees with the code (ket-luan-04-KL-BTCTW.md): both are
 * kept, and the issuer is what the text says. */
static void
test_type_disagrees(void **state)
{
    (void)state;
    const want w[] = {
        {"3135-CV/VPTW", "Kết luận", "CV", "2017-01-16", "Ban Bí thư", NULL, "theo tinh thần", NULL,
         NULL, NULL},
        {"2499-CV/BTCTW", "Hướng dẫn", "CV", "2017-03-31", "Bộ Nội vụ", NULL, NULL, NULL, NULL,
         NULL},
    };
    check_text("theo tinh thần Kết luận số 3135-CV/VPTW ngày 16/01/2017 của Ban Bí thư và "
               "Hướng dẫn số 2499-CV/BTCTW ngày 31/3/2017 của Bộ Nội vụ; (3) Nghiên cứu",
               2, w);
}

/* A number without a type word: the type comes from the code only. */
static void
test_bare_number(void **state)
{
    (void)state;
    const want w[] = {
        {"12-KH/TW", NULL, "KH", NULL, "Bộ Chính trị", NULL, "theo", NULL, NULL, NULL}};
    check_text("theo 12-KH/TW của Bộ Chính trị", 1, w);
    check_text(
        "theo số: 58-QĐ/TW", 1,
        (const want[]){{"58-QĐ/TW", NULL, "QĐ", NULL, NULL, NULL, "theo", NULL, NULL, NULL}});
}

/* The informal names of ket-luan-04 and ket-luan-21. */
static void
test_informal(void **state)
{
    (void)state;
    check_text("tổ chức đảng, Nghị quyết Trung ương 4 khoá XII về xây dựng Đảng (gọi tắt là Nghị "
               "quyết Trung ương 4) đã được triển khai",
               2,
               (const want[]){
                   {NULL, "Nghị quyết", NULL, NULL, NULL, "XII", NULL,
                    "Nghị quyết Trung ương 4 khoá XII", "4", NULL},
                   {NULL, "Nghị quyết", NULL, NULL, NULL, NULL, NULL, "Nghị quyết Trung ương 4",
                    "4", NULL},
               });
    check_text("(2) Tham mưu ban hành Nghị quyết Trung ương 6 về tiếp tục đổi mới", 1,
               (const want[]){{NULL, "Nghị quyết", NULL, NULL, NULL, NULL, NULL,
                               "Nghị quyết Trung ương 6", "6", NULL}});
    check_text("trong việc tổ chức thực hiện Nghị quyết 18,19 của Hội nghị Trung ương 6 khóa XII; "
               "sớm đưa",
               1,
               (const want[]){{NULL, "Nghị quyết", NULL, NULL, NULL, "XII", "thực hiện",
                               "Nghị quyết 18,19 của Hội nghị Trung ương 6 khóa XII", "6", NULL}});
    check_text("đã bám sát Nghị quyết Đại hội XII của Đảng, nghị quyết đại hội đảng bộ các cấp", 1,
               (const want[]){{NULL, "Nghị quyết", NULL, NULL, NULL, NULL, "bám sát",
                               "Nghị quyết Đại hội XII", NULL, "XII"}});
    check_text("Tiếp tục cụ thể hóa và tổ chức thực hiện Nghị quyết Đại hội lần thứ XII và", 1,
               (const want[]){{NULL, "Nghị quyết", NULL, NULL, NULL, NULL, "thực hiện",
                               "Nghị quyết Đại hội lần thứ XII", NULL, "XII"}});
    check_text("Tập trung tổng kết nghiêm túc, hiệu quả Nghị quyết Trung ương 3, khóa VIII làm", 1,
               (const want[]){{NULL, "Nghị quyết", NULL, NULL, NULL, "VIII", NULL,
                               "Nghị quyết Trung ương 3, khóa VIII", "3", NULL}});
    /* "lần thứ" with an ordinal word; not in the samples. */
    check_text("theo Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khoá XIII", 1,
               (const want[]){{NULL, "Nghị quyết", NULL, NULL, NULL, "XIII", "theo",
                               "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng "
                               "khoá XIII",
                               "6", NULL}});
    /* Not citations: no plenum, no congress numeral, a plain "Nghị quyết". */
    size_t n;
    find("Bám sát Cương lĩnh, Điều lệ, Nghị quyết Đại hội toàn quốc của Đảng, nghị quyết đại "
         "hội đảng bộ các cấp; Bộ Chính trị ban hành Kế hoạch thực hiện Nghị quyết; Hội nghị "
         "Trung ương 7 khóa XII; Nghị quyết của Ban Chấp hành Trung ương",
         &n);
    assert_int_equal(n, 0);
}

/* Type words in any case, both tone placements, old and new "uỷ". */
static void
test_case_and_tones(void **state)
{
    (void)state;
    const want w[] = {
        {"28-NQ/TW", "Nghị quyết", "NQ", NULL, "Ban Thường vụ Thành ủy", "XIII", "thực hiện", NULL,
         NULL, NULL},
        {"28-NQ/TW", "Nghị quyết", "NQ", NULL, "Ban Thường vụ Thành uỷ", "XIII", "thực hiện", NULL,
         NULL, NULL},
        {"12-CT/TU", "Chỉ thị", "CT", NULL, "Thành uỷ Hà Nội", NULL, "căn cứ", NULL, NULL, NULL},
    };
    check_text("THỰC HIỆN NGHỊ QUYẾT SỐ 28-NQ/TW CỦA Ban Thường vụ Thành ủy KHÓA XIII; thực hiện "
               "nghị quyết số 28-NQ/TW của Ban Thường vụ Thành uỷ khoá XIII; căn cứ vào Chỉ thị "
               "số 12-CT/TU của Thành uỷ Hà Nội về",
               3, w);
    check_text("các Nghị quyết Trung ương 4 khoá XI, XII, gắn với", 2,
               (const want[]){
                   {NULL, "Nghị quyết", NULL, NULL, NULL, "XI", NULL,
                    "Nghị quyết Trung ương 4 khoá XI, XII", "4", NULL},
                   {NULL, "Nghị quyết", NULL, NULL, NULL, "XII", NULL,
                    "Nghị quyết Trung ương 4 khoá XI, XII", "4", NULL},
               });
}

/* A document's own number line is not a citation; the same number in a
 * sentence is. */
static void
test_own_number(void **state)
{
    (void)state;
    const char *own[] = {
        "Số 28-NQ/TW",
        "**BAN CHẤP HÀNH TRUNG ƯƠNG**\n\n\\*\n\nSố 28-NQ/TW\n\n**ĐẢNG CỘNG SẢN VIỆT NAM**",
        "\\*  \nSố 256-KH/TU\n\n",
        "Hà Nội, ngày 22 tháng 01 năm 2018\n\nSố 04 - KL/BTCTW\n",
        "  **Số: 130-BS/VPQU**  ",
    };
    for (size_t i = 0; i < VK_ARRAY_LEN(own); i++) {
        size_t n = 1;
        find(own[i], &n);
        if (n != 0)
            fail_msg("\"%s\" gave %zu citations", own[i], n);
    }
    check_text(
        "Căn cứ số 28-NQ/TW.", 1,
        (const want[]){{"28-NQ/TW", NULL, "NQ", NULL, NULL, NULL, "căn cứ", NULL, NULL, NULL}});
}

/* Nothing is guessed; a blank line ends a citation, except inside "khóa XIII"
 * (split by a page break in ke-hoach-256-KH-TU.md). */
static void
test_fields_from_text(void **state)
{
    (void)state;
    check_text(
        "Nghị quyết số 28-NQ/TW về tiếp tục đổi mới", 1,
        (const want[]){{"28-NQ/TW", "Nghị quyết", "NQ", NULL, NULL, NULL, NULL, NULL, NULL, NULL}});
    check_text("thực hiện Nghị quyết số 28-NQ/TW\n\nNgày 19/01/2018, Hội nghị toàn quốc", 1,
               (const want[]){{"28-NQ/TW", "Nghị quyết", "NQ", NULL, NULL, NULL, "thực hiện", NULL,
                               NULL, NULL}});
    check_text("Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương khóa\n\nXIII "
               "và các nghị quyết",
               1,
               (const want[]){{"21-NQ/TW", "Nghị quyết", "NQ", "2022-06-16",
                               "Ban Chấp hành Trung ương", "XIII", NULL, NULL, NULL, NULL}});
    /* A wrapped line inside a citation is one space in the fields. */
    check_text("Kế hoạch số 158-KH/TU, ngày 27/6/2022 của Ban Thường vụ\nThành ủy", 1,
               (const want[]){{"158-KH/TU", "Kế hoạch", "KH", "2022-06-27",
                               "Ban Thường vụ Thành ủy", NULL, NULL, NULL, NULL, NULL}});
    /* The year of a date in words is not a number of the list that follows. */
    check_text("ngày 17 tháng 11 năm 2022 và 12-KH/TW", 1,
               (const want[]){{"12-KH/TW", NULL, "KH", NULL, NULL, NULL, NULL, NULL, NULL, NULL}});
}

/* The article a citation names before it: "khoản 2 Điều 8 Quy định ...",
 * "điểm a khoản 1 Điều 5 Điều lệ Đảng", "Điều 3 của Nghị quyết ..."; the
 * Charter named without an article is no citation. */
static void
test_articles(void **state)
{
    (void)state;
    const char *s = "Theo khoản 2 Điều 8 Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành "
                    "Trung ương, điểm a khoản 1 Điều 5 Điều lệ Đảng và Điều 3 của Nghị quyết số "
                    "57-NQ/TW; đảng viên chấp hành nghiêm Điều lệ Đảng.";
    size_t n;
    cp_citation *c = find(s, &n);
    assert_int_equal(n, 3);
    assert_string_equal(c[0].number, "22-QĐ/TW");
    assert_string_equal(c[0].article, "Điều 8.2");
    assert_string_equal(c[0].text, "Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành "
                                   "Trung ương");
    assert_null(c[1].number);
    assert_string_equal(c[1].type_name, "Điều lệ");
    assert_string_equal(c[1].informal, "Điều lệ Đảng");
    assert_string_equal(c[1].article, "Điều 5.1.a");
    assert_string_equal(c[2].number, "57-NQ/TW");
    assert_string_equal(c[2].article, "Điều 3");
    /* Without an article, nothing. */
    c = find("Nghị quyết số 28-NQ/TW", &n);
    assert_int_equal(n, 1);
    assert_null(c[0].article);
}

/* Decomposed input still matches; the strings come out NFC. */
static void
test_nfd(void **state)
{
    (void)state;
    /* "Nghị quyết số 28-NQ/TW của Bộ Chính trị" with combining marks. */
    const char *s = "Nghi\xcc\xa3 quye\xcc\x82\xcc\x81t so\xcc\x82\xcc\x81 28-NQ/TW cu\xcc\x89"
                    "a Bo\xcc\x82\xcc\xa3 Chi\xcc\x81nh tri\xcc\xa3";
    size_t n;
    cp_citation *c = find(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].text, "Nghị quyết số 28-NQ/TW của Bộ Chính trị");
    assert_string_equal(c[0].issuer, "Bộ Chính trị");
    assert_string_equal(c[0].type_name, "Nghị quyết");
    assert_int_equal(c[0].start, 0);
    assert_int_equal(c[0].end, strlen(s));
}

/* ------------------------------------------------------------------------ */
/* The sample documents, whole                                                */
/* ------------------------------------------------------------------------ */

static char *
read_sample(const char *name, size_t *len)
{
    char path[4096];
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/corpus/samples/%s", src ? src : ".", name);
    char *data = NULL;
    vk_error err = {0};
    if (vk_file_read(path, 1u << 24, &data, len, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return data;
}

static void
check_sample(const char *name, const want *w, size_t n_want)
{
    size_t len = 0, n = 0;
    char *data = sample_data = read_sample(name, &len);
    cp_citation *c = NULL;
    assert_int_equal(cp_cite_find(data, len, &arena, &c, &n), VK_OK);
    check_all(data, len, c, n, w, n_want);
}

#define BCHTW "Ban Chấp hành Trung ương"
#define BCHTWD "Ban Chấp hành Trung ương Đảng"
#define BCT "Bộ Chính trị"
#define BBT "Ban Bí thư"
#define BTVTP "Ban Thường vụ Thành ủy"
#define BTVT "Ban Thường vụ Tỉnh ủy"
#define TH "thực hiện"
#define NQ "Nghị quyết"

/* The resolution alone: 15-NQ/TW is its only citation. */
static void
test_sample_nghi_quyet(void **state)
{
    (void)state;
    const want w[] = {{"15-NQ/TW", NQ, "NQ", NULL, BCHTWD, "X", TH, NULL, NULL, NULL}};
    check_sample("nghi-quyet-hoi-nghi-6-khoa-xiii.txt", w, VK_ARRAY_LEN(w));
}

/* The plan and the resolution attached to it. Its own number (256-KH/TU) and
 * the attached resolution's (28-NQ/TW) stand alone on their lines. */
static void
test_sample_ke_hoach(void **state)
{
    (void)state;
    const want w[] = {
        /* The title, then the opening paragraph: the same four citations. */
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTWD, "XIII", TH, NULL, NULL, NULL},
        {"12-KH/TW", "Kế hoạch", "KH", "2022-11-28", BCT, NULL, NULL, NULL, NULL, NULL},
        {"25-CTr/TU", "Chương trình hành động", "CTr", "2023-03-15", "Ban Chấp hành Đảng bộ tỉnh",
         NULL, NULL, NULL, NULL, NULL},
        {"28-NQ/TW", NQ, "NQ", NULL, NULL, NULL, TH, NULL, NULL, NULL},
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTWD, "XIII", TH, NULL, NULL, NULL},
        {"12-KH/TW", "Kế hoạch", "KH", "2022-11-28", BCT, NULL, NULL, NULL, NULL, NULL},
        {"25-CTr/TU", "Chương trình hành động", "CTr", "2023-03-15", "Ban Chấp hành Đảng bộ tỉnh",
         NULL, NULL, NULL, NULL, NULL},
        {"28-NQ/TW", NQ, "NQ", NULL, NULL, NULL, TH, NULL, NULL, NULL},
        /* I.1 Mục đích ("thực hiện nghiêm túc Nghị quyết": no relation). */
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTW, "XIII", NULL, NULL, NULL, NULL},
        {"12-KH/TW", "Kế hoạch", "KH", "2022-11-28", BCT, NULL, NULL, NULL, NULL, NULL},
        {"25-CTr/TU", "Chương trình hành động", "CTr", "2023-03-15", "Ban Chấp hành Đảng bộ tỉnh",
         NULL, NULL, NULL, NULL, NULL},
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTW, "XIII", TH, NULL, NULL, NULL},
        /* I.2 Yêu cầu; "khóa" and "XIII" of 21-NQ/TW are split by blank lines. */
        {"21-KL/TW", "Kết luận", "KL", "2021-10-25", BCHTW, "XIII", TH, NULL, NULL, NULL},
        {"21-NQ/TW", NQ, "NQ", "2022-06-16", BCHTW, "XIII", NULL, NULL, NULL, NULL},
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTW, "XIII", NULL, NULL, NULL, NULL},
        /* IV */
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTW, "XIII", "căn cứ", NULL, NULL, NULL},
        /* Footnote 1 */
        {"158-KH/TU", "Kế hoạch", "KH", "2022-06-27", BTVTP, NULL, NULL, NULL, NULL, NULL},
        /* V.2.1, one list */
        {"18-NQ/TW", NQ, "NQ", "2017-10-25", BCHTW, "XII", "theo", NULL, NULL, NULL},
        {"19-NQ/TW", NQ, "NQ", "2017-10-25", BCHTW, "XII", "theo", NULL, NULL, NULL},
        /* V.2.2, V.2.7 */
        {"19-NQ/TW", NQ, "NQ", NULL, BCHTW, "XII", TH, NULL, NULL, NULL},
        {"09-NQ/TU", NQ, "NQ", "2022-05-16", "Thành ủy", NULL, NULL, NULL, NULL, NULL},
        /* V.3.2: Quyết định and Quy định both coded QĐ */
        {"217-QĐ/TW", "Quyết định", "QĐ", "2013-12-12", BCT, NULL, TH, NULL, NULL, NULL},
        {"218-QĐ/TW", "Quyết định", "QĐ", "2013-12-12", BCT, NULL, NULL, NULL, NULL, NULL},
        {"124-QĐ/TW", "Quy định", "QĐ", "2018-02-02", BBT, NULL, TH, NULL, NULL, NULL},
        /* V.5.3, V.5.15 */
        {"214-KH/TU", "Kế hoạch", "KH", "2022-12-26", BTVTP, NULL, NULL, NULL, NULL, NULL},
        {"04-ĐA/TU", "Đề án", "ĐA", "2022-09-30", BTVT, NULL, TH, NULL, NULL, NULL},
        {"58-QĐ/TW", "Quy định", "QĐ", NULL, BCT, NULL, "theo", NULL, NULL, NULL},
        /* V.6.1 */
        {"74-KH/TU", "Kế hoạch", "KH", "2021-06-28", BTVTP, NULL, NULL, NULL, NULL, NULL},
        {"12-CT/TU", "Chỉ thị", "CT", "2021-04-12", BTVT, NULL, TH, NULL, NULL, NULL},
        {"175-KH/TU", "Kế hoạch", "KH", "2022-08-23", BTVTP, NULL, NULL, NULL, NULL, NULL},
        {"34-KL/TW", "Kết luận", "KL", "2022-04-18", BCT, NULL, TH, NULL, NULL, NULL},
        /* V.6.3, V.6.4, V.6.5, V.6.9 */
        {"1599-QĐ/TU", "Quy định", "QĐ", "2017-10-27", BTVTP, NULL, TH, NULL, NULL, NULL},
        {"1797-QĐ/TU", "Quy định", "QĐ", "2018-03-01", BTVTP, NULL, NULL, NULL, NULL, NULL},
        {"179-QĐ/TW", "Quy định", "QĐ", "2019-02-25", BCT, NULL, TH, NULL, NULL, NULL},
        {"27-CT/TW", "Chỉ thị", "CT", "2019-01-10", BCT, NULL, "theo", NULL, NULL, NULL},
        {"158-QĐ/TW", "Quyết định", "QĐ", "2008-05-12", BCT, NULL, "kèm theo", NULL, NULL, NULL},
        /* V.7.2 to V.7.5 */
        {"37-NQ/TW", NQ, "NQ", "2014-10-09", BCT, "XI", TH, NULL, NULL, NULL},
        {"01-KL/TW", "Kết luận", "KL", "2021-05-18", BCT, NULL, TH, NULL, NULL, NULL},
        {"21-KL/TW", "Kết luận", "KL", NULL, BCHTW, "XIII", TH, NULL, NULL, NULL},
        {"05-CT/TW", "Chỉ thị", "CT", "2016-05-15", BCT, NULL, TH, NULL, NULL, NULL},
        {"23-CT/TW", "Chỉ thị", "CT", "2018-02-09", BBT, NULL, TH, NULL, NULL, NULL},
        {"07-ĐA/TU", "Đề án", "ĐA", "2019-06-10", BTVT, NULL, NULL, NULL, NULL, NULL},
        {"23-CT/TW", "Chỉ thị", "CT", NULL, BBT, NULL, TH, NULL, NULL, NULL},
        {"35-NQ/TW", NQ, "NQ", "2018-10-22", BCT, NULL, TH, NULL, NULL, NULL},
        /* V.8.3 */
        {"217-QĐ/TW", "Quyết định", "QĐ", "2013-12-12", BCT, NULL, TH, NULL, NULL, NULL},
        {"218-QĐ/TW", "Quyết định", "QĐ", "2013-12-12", BCT, NULL, NULL, NULL, NULL, NULL},
        {"124-QĐ/TW", "Quy định", "QĐ", "2018-02-02", BBT, NULL, TH, NULL, NULL, NULL},
        /* V.9.1, V.10.3, V.11.1 */
        {"82-KL/TW", "Kết luận", "KL", "2010-08-16", BCT, NULL, TH, NULL, NULL, NULL},
        {"58-QĐ/TW", "Quy định", "QĐ", "2022-02-08", BCT, NULL, NULL, NULL, NULL, NULL},
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTW, "XIII", "căn cứ", NULL, NULL, NULL},
        /* "(Kèm theo Nghị quyết ...)" before the signature */
        {"28-NQ/TW", NQ, "NQ", "2022-11-17", BCHTW, NULL, "kèm theo", NULL, NULL, NULL},
        /* The attached resolution */
        {"15-NQ/TW", NQ, "NQ", NULL, BCHTWD, "X", TH, NULL, NULL, NULL},
    };
    check_sample("ke-hoach-256-KH-TU.md", w, VK_ARRAY_LEN(w));
}

#define INF(rel, name, term, plenum, congress)                                                     \
    {                                                                                              \
        NULL, NQ, NULL, NULL, NULL, term, rel, name, plenum, congress                              \
    }

/* The conclusion of the Ban Tổ chức: informal names, lists of terms, and the
 * two numbers whose type word disagrees with their code. */
static void
test_sample_ket_luan_04(void **state)
{
    (void)state;
    const want w[] = {
        /* I.1 */
        INF("bám sát", "Nghị quyết Đại hội XII", NULL, NULL, "XII"),
        INF("cụ thể hoá", "Nghị quyết Đại hội XII", NULL, NULL, "XII"),
        INF(TH, "Nghị quyết Trung ương 4 khoá XI, XII", "XI", "4", NULL),
        INF(TH, "Nghị quyết Trung ương 4 khoá XI, XII", "XII", "4", NULL),
        {"05-CT/TW", "Chỉ thị", "CT", NULL, BCT, NULL, NULL, NULL, NULL, NULL},
        INF(NULL, "Nghị quyết Trung ương 6", NULL, "6", NULL),
        /* II */
        INF(TH, "Nghị quyết Đại hội XII", NULL, NULL, "XII"),
        INF("bám sát", "Nghị quyết Đại hội XII", NULL, NULL, "XII"),
        /* II.1: its heading, then its text */
        INF(TH, "Nghị quyết Đại hội lần thứ XII", NULL, NULL, "XII"),
        INF("tổng kết", "Nghị quyết Trung ương 3 khóa VIII", "VIII", "3", NULL),
        INF(NULL, "Nghị quyết Đại hội XII", NULL, NULL, "XII"),
        INF(NULL, "Nghị quyết Trung ương 3, khóa VIII", "VIII", "3", NULL),
        /* II.2: its heading, then its text */
        INF(NULL, "nghị quyết Trung ương 4 khóa XI, XII", "XI", "4", NULL),
        INF(NULL, "nghị quyết Trung ương 4 khóa XI, XII", "XII", "4", NULL),
        INF(NULL, "nghị quyết Trung ương 6 khóa XII", "XII", "6", NULL),
        INF(TH, "Nghị quyết Trung ương 4 khóa XI, XII", "XI", "4", NULL),
        INF(TH, "Nghị quyết Trung ương 4 khóa XI, XII", "XII", "4", NULL),
        {"05-CT/TW", "Chỉ thị", "CT", NULL, NULL, NULL, NULL, NULL, NULL, NULL},
        INF(TH, "Nghị quyết 18,19 của Hội nghị Trung ương 6 khóa XII", "XII", "6", NULL),
        /* II.3 */
        {"3135-CV/VPTW", "Kết luận", "CV", "2017-01-16", BBT, NULL, "theo tinh thần", NULL, NULL,
         NULL},
        {"2499-CV/BTCTW", "Hướng dẫn", "CV", "2017-03-31", "Bộ Nội vụ", NULL, NULL, NULL, NULL,
         NULL},
        /* II.5, II.8 */
        {"36-CT/TW", "Chỉ thị", "CT", NULL, BCT, NULL, "tổng kết", NULL, NULL, NULL},
        INF("bám sát", "Nghị quyết Đại hội XII", NULL, NULL, "XII"),
    };
    check_sample("ket-luan-04-KL-BTCTW.md", w, VK_ARRAY_LEN(w));
}

/* The conclusion of the 4th plenum: "Nghị quyết Trung ương 4 khoá XII
 * (gọi tắt là Nghị quyết Trung ương 4)"; its own number and the copy's
 * (130-BS/VPQU) stand alone on their lines. */
static void
test_sample_ket_luan_21(void **state)
{
    (void)state;
    const want w[] = {
        INF(NULL, "Nghị quyết Trung ương 4 khoá XII", "XII", "4", NULL),
        INF(NULL, "Nghị quyết Trung ương 4", NULL, "4", NULL),
        INF(TH, "Nghị quyết Trung ương 4", NULL, "4", NULL),
        INF(TH, "Nghị quyết Trung ương 4", NULL, "4", NULL),
        INF(NULL, "Nghị quyết Đại hội XIII", NULL, NULL, "XIII"),
        {"26-NQ/TW", NQ, "NQ", NULL, BCHTW, "XII", NULL, NULL, NULL, NULL},
        INF(TH, "Nghị quyết Trung ương 4 khoá XII", "XII", "4", NULL),
        INF(NULL, "Nghị quyết Trung ương 4 khoá XII", "XII", "4", NULL),
    };
    check_sample("ket-luan-21-KL-TW.md", w, VK_ARRAY_LEN(w));
}

/* ------------------------------------------------------------------------ */
/* Odd input                                                                  */
/* ------------------------------------------------------------------------ */

static void
test_bad_arguments(void **state)
{
    (void)state;
    cp_citation *c = (cp_citation *)&c;
    size_t n = 7;
    assert_int_equal(cp_cite_find("x", 1, NULL, &c, &n), VK_EINVAL);
    assert_null(c);
    assert_int_equal(n, 0);
    assert_int_equal(cp_cite_find("x", 1, &arena, NULL, &n), VK_EINVAL);
    assert_int_equal(cp_cite_find("x", 1, &arena, &c, NULL), VK_EINVAL);
    assert_int_equal(cp_cite_find(NULL, 3, &arena, &c, &n), VK_EINVAL);
    assert_int_equal(cp_cite_find(NULL, 0, &arena, &c, &n), VK_OK);
    assert_int_equal(n, 0);
    assert_null(c);
    assert_int_equal(cp_cite_find("", 0, &arena, &c, &n), VK_OK);
    assert_int_equal(n, 0);
    find("   \n\n ** khoá XIII của Bộ Chính trị, ngày 17/11/2022 Nghị quyết số", &n);
    assert_int_equal(n, 0);
}

/* Invalid UTF-8 and NUL bytes separate words: they end a citation. */
static void
test_invalid_bytes(void **state)
{
    (void)state;
    const char s[] = "Nghị quyết số 28-NQ/TW\xff\xfe của Bộ Chính trị; \x80Kết luận\xc3 21-KL/TW\0"
                     "của Bộ Chính trị khoá XIII";
    cp_citation *c = NULL;
    size_t n = 0;
    assert_int_equal(cp_cite_find(s, sizeof s - 1, &arena, &c, &n), VK_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].text, "Nghị quyết số 28-NQ/TW");
    assert_null(c[0].issuer);
    assert_string_equal(c[1].text, "21-KL/TW");
    assert_null(c[1].type_name);
    assert_null(c[1].issuer);
    assert_null(c[1].term);
}

/* Random bytes mixed with pieces of citations: no crash, sane offsets. */
static void
test_random_bytes(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "Nghị quyết",  " số ",   "28-NQ/TW", ", ngày ", "17/11/2022", " của ",   "Ban Chấp hành",
        " Trung ương", " khoá ", "XIII",     " 18, 19", "-NQ/TW",     "Đại hội", "lần thứ",
        " mười ",      "\n\n",   "Số ",      "ủy",      "\xcc\x81",   "\xff",    ",",
        " và ",        "4",      "Thành uỷ", " Hà Nội",
    };
    uint32_t seed = 12345;
    char buf[4096];
    for (int round = 0; round < 300; round++) {
        size_t len = 0;
        while (len < sizeof buf - 64) {
            seed = seed * 1103515245u + 12345u;
            uint32_t r = seed >> 8;
            if (r % 3 == 0) {
                buf[len++] = (char)(r >> 8);
            } else {
                const char *p = pieces[(r >> 8) % VK_ARRAY_LEN(pieces)];
                memcpy(buf + len, p, strlen(p));
                len += strlen(p);
            }
        }
        cp_citation *c = NULL;
        size_t n = 0;
        assert_int_equal(cp_cite_find(buf, len, &arena, &c, &n), VK_OK);
        for (size_t i = 0; i < n; i++) {
            assert_true(c[i].start < c[i].end && c[i].end <= len);
            assert_non_null(c[i].text);
            assert_true(c[i].number || c[i].informal);
        }
        vk_arena_free(&arena);
    }
}

/* More numbers than an_docnum_find returns at once (lists across chunks),
 * and a large passage. */
static void
test_large(void **state)
{
    (void)state;
    const char *unit = "theo Nghị quyết số 18, 19-NQ/TW, ngày 25/10/2017 của Ban Chấp hành "
                       "Trung ương khóa XII; Nghị quyết Trung ương 4 khoá XII. ";
    size_t ul = strlen(unit), reps = 5000;
    size_t inf = (size_t)(strstr(unit, "Nghị quyết Trung ương") - unit);
    char *big = sample_data = malloc(ul * reps + 1);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ul, unit, ul);
    big[ul * reps] = '\0';
    cp_citation *c = NULL;
    size_t n = 0;
    assert_int_equal(cp_cite_find(big, ul * reps, &arena, &c, &n), VK_OK);
    assert_int_equal(n, 3 * reps);
    for (size_t i = 0; i < n; i++) {
        const char *exp = i % 3 == 0 ? "18-NQ/TW" : i % 3 == 1 ? "19-NQ/TW" : NULL;
        check_str(c[i].number, exp, i, "number");
        check_str(c[i].term, "XII", i, "term");
        assert_int_equal(c[i].start, (i / 3) * ul + (i % 3 == 2 ? inf : strlen("theo ")));
    }
}

/* Runs cp_cite_find_opts for a draft on a C string. */
static cp_citation *
find_draft(const char *s, size_t *n)
{
    cp_citation *c = NULL;
    cp_cite_opts o = {.draft = 1};
    assert_int_equal(cp_cite_find_opts(s, strlen(s), &o, &arena, &c, n), VK_OK);
    return c;
}

static void
test_draft_forms(void **state)
{
    (void)state;
    size_t n = 0;
    const char *t = "Theo Kết luận số 221 ngày 20/11/2025 của Bộ Chính trị, Điều 5 Quy định 22 "
                    "và Kế hoạch 5 năm, Nghị quyết 66.10/2025/NQ-CP.";
    /* The corpus parse leaves short forms alone. */
    cp_citation *c = find(t, &n);
    assert_int_equal(n, 0);
    /* "5 năm" is a quantity, "66.10/2025" the start of a number. */
    c = find_draft(t, &n);
    assert_int_equal(n, 2);
    assert_null(c[0].number);
    assert_string_equal(c[0].digits, "221");
    assert_string_equal(c[0].type_code, "KL");
    assert_string_equal(c[0].informal, "Kết luận số 221");
    assert_string_equal(c[0].issuer, "Bộ Chính trị");
    assert_int_equal(c[0].date.year * 10000 + c[0].date.month * 100 + c[0].date.day, 20251120);
    assert_string_equal(c[0].relation, "theo");
    assert_string_equal(c[1].digits, "22");
    assert_string_equal(c[1].article, "Điều 5");
    /* Measure words make quantities too. */
    c = find_draft("Hướng dẫn 10 bước triển khai, Đề án 2 giai đoạn, Quy định 3 điều cấm, Công "
                   "văn 15 trang, Chương trình 4 đợt.",
                   &n);
    assert_int_equal(n, 0);
    /* Without diacritics, with an article. */
    c = find_draft("khoan 2 Dieu 8 Quy dinh 22 va Nghi quyet so 20 ngay 01/11/2012 cua Ban Chap "
                   "hanh Trung uong khoa XII",
                   &n);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].article, "Điều 8.2");
    assert_string_equal(c[0].type_name, "Quy định");
    assert_string_equal(c[1].digits, "20");
    assert_string_equal(c[1].term, "XII");
    assert_string_equal(c[1].issuer, "Ban Chap hanh Trung uong");
}

static void
test_draft_aliases(void **state)
{
    (void)state;
    size_t n = 0;
    cp_citation *c = find_draft(
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá (sau đây gọi tắt là "
        "Nghị quyết 57). Nghị quyết 57 ngày 22/12/2023 và Nghị quyết 68; Nghị quyết số 28-NQ/TW "
        "(gọi tắt là Nghị quyết). Điều 3 Nghị quyết khóa XII, Nghị quyết này.",
        &n);
    assert_int_equal(n, 5);
    assert_string_equal(c[0].alias, "Nghị quyết 57");
    assert_int_equal(c[1].alias_of, 0);
    assert_string_equal(c[1].number, "57-NQ/TW");
    assert_int_equal(c[1].date.year, 2023);
    assert_string_equal(c[2].digits, "68");
    assert_int_equal(c[2].alias_of, -1);
    assert_string_equal(c[3].alias, "Nghị quyết");
    assert_int_equal(c[4].alias_of, 3);
    assert_string_equal(c[4].number, "28-NQ/TW");
    assert_string_equal(c[4].term, "XII");
    assert_string_equal(c[4].article, "Điều 3");
    /* A name given again names the second document from there on. */
    c = find_draft("Nghị quyết số 57-NQ/TW (gọi tắt là Nghị quyết). Nghị quyết ngày 01/01/2020. "
                   "Nghị quyết số 28-NQ/TW (gọi tắt là Nghị quyết). Nghị quyết khóa XII.",
                   &n);
    assert_int_equal(n, 4);
    assert_int_equal(c[1].alias_of, 0);
    assert_string_equal(c[1].number, "57-NQ/TW");
    assert_int_equal(c[3].alias_of, 2);
    assert_string_equal(c[3].number, "28-NQ/TW");
}

static void
test_line_breaks_and_bare(void **state)
{
    (void)state;
    size_t n = 0;
    cp_citation *c =
        find("Kết luận số 212-KL/TW, ngày\r\n   18/11/2024 của\nBộ Chính\ntrị khóa\nXIII", &n);
    assert_int_equal(n, 1);
    assert_int_equal(c[0].date.year * 10000 + c[0].date.month * 100 + c[0].date.day, 20241118);
    assert_string_equal(c[0].issuer, "Bộ Chính trị");
    assert_string_equal(c[0].term, "XIII");
    c = find("NGHI QUYET SO 20-NQ/TW NGAY 01/11/2012 CUA BAN CHAP HANH TRUNG UONG KHOA XII", &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].type_name, "Nghị quyết");
    assert_string_equal(c[0].term, "XII");
    assert_int_equal(c[0].date.year, 2012);
    /* A word with diacritics is not a table word: "đang" is not "Đảng". */
    c = find("Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương đang khoa", &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].issuer, "Ban Chấp hành Trung ương");
}

/* A place name after "tỉnh", "thành phố", "huyện" ... is part of the
 * issuer: one to four capitalised words, up to punctuation or a word in
 * lower case, the first possibly on the next line. */
static void
test_issuer_place(void **state)
{
    (void)state;
    size_t n = 0;
    cp_citation *c = find("Quyết định số 211/2025/QĐ-UBND ngày 18/11/2025 của Ủy ban nhân dân "
                          "tỉnh Phú Thọ, các đơn vị đã hoàn thành.",
                          &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].issuer, "Ủy ban nhân dân tỉnh Phú Thọ");
    /* The place ends at a lower-case word; the date after the issuer is read. */
    c = find("Kế hoạch số 7306/KH-UBND của Ủy ban nhân dân Thành phố Hồ Chí Minh ngày "
             "19/11/2025 về chuyển đổi số",
             &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].issuer, "Ủy ban nhân dân Thành phố Hồ Chí Minh");
    assert_int_equal(c[0].date.year * 10000 + c[0].date.month * 100 + c[0].date.day, 20251119);
    /* Four words at most: "Bà Rịa - Vũng Tàu"; the fifth is not read. */
    c = find("Chỉ thị số 05-CT/TU của Ban Thường vụ Tỉnh ủy tỉnh Bà Rịa - Vũng Tàu Mới", &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].issuer, "Ban Thường vụ Tỉnh ủy tỉnh Bà Rịa - Vũng Tàu");
    /* Wrapped after "tỉnh"; without diacritics; a locality alone stays alone. */
    c = find("Quyết định số 2696/QĐ-UBND của Ủy ban nhân dân tỉnh\nNghệ An; Quyet dinh so "
             "5182/QD-UBND cua Uy ban nhan dan tinh Bac Ninh ve viec; Nghị quyết số 12-NQ/HU "
             "của Huyện ủy huyện về",
             &n);
    assert_int_equal(n, 3);
    assert_string_equal(c[0].issuer, "Ủy ban nhân dân tỉnh Nghệ An");
    assert_string_equal(c[1].issuer, "Uy ban nhan dan tinh Bac Ninh");
    assert_string_equal(c[2].issuer, "Huyện ủy huyện");
    /* A title starting with a capital after the issuer is not the place. */
    c = find("Quyết định số 77/2021/QĐ-UBND ngày 27 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh "
             "Bắc Giang Ban hành Quy định quản lý; Quyết định số 15/2014/QĐ-UBND của Ủy ban nhân "
             "dân tỉnh Quy định thực hiện nếp sống văn minh; Kế hoạch 59/KH-UBND của Tỉnh ủy Sơn "
             "La Tải về",
             &n);
    assert_int_equal(n, 3);
    assert_string_equal(c[0].issuer, "Ủy ban nhân dân tỉnh Bắc Giang");
    assert_string_equal(c[1].issuer, "Ủy ban nhân dân tỉnh");
    assert_string_equal(c[2].issuer, "Tỉnh ủy Sơn La");
    /* A committee's chairman. */
    c = find("Quyết định số 144/2025/QĐ-CTUBND ngày 02/12/2025 của Chủ tịch Ủy ban nhân dân tỉnh "
             "Gia Lai về ban hành quy chế",
             &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].issuer, "Chủ tịch Ủy ban nhân dân tỉnh Gia Lai");
    /* A name cut by a lower-case word keeps its capitalised words. */
    c = find("Quyết định số 74/2025/QĐ-UBND của Ủy ban nhân dân tỉnh Hà tĩnh", &n);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].issuer, "Ủy ban nhân dân tỉnh Hà");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_full_form, teardown),
        cmocka_unit_test_teardown(test_without_so, teardown),
        cmocka_unit_test_teardown(test_list, teardown),
        cmocka_unit_test_teardown(test_spaced_dash, teardown),
        cmocka_unit_test_teardown(test_state, teardown),
        cmocka_unit_test_teardown(test_type_disagrees, teardown),
        cmocka_unit_test_teardown(test_bare_number, teardown),
        cmocka_unit_test_teardown(test_informal, teardown),
        cmocka_unit_test_teardown(test_case_and_tones, teardown),
        cmocka_unit_test_teardown(test_own_number, teardown),
        cmocka_unit_test_teardown(test_fields_from_text, teardown),
        cmocka_unit_test_teardown(test_nfd, teardown),
        cmocka_unit_test_teardown(test_sample_nghi_quyet, teardown),
        cmocka_unit_test_teardown(test_sample_ke_hoach, teardown),
        cmocka_unit_test_teardown(test_sample_ket_luan_04, teardown),
        cmocka_unit_test_teardown(test_sample_ket_luan_21, teardown),
        cmocka_unit_test_teardown(test_bad_arguments, teardown),
        cmocka_unit_test_teardown(test_invalid_bytes, teardown),
        cmocka_unit_test_teardown(test_random_bytes, teardown),
        cmocka_unit_test_teardown(test_large, teardown),
        cmocka_unit_test_teardown(test_articles, teardown),
        cmocka_unit_test_teardown(test_draft_forms, teardown),
        cmocka_unit_test_teardown(test_draft_aliases, teardown),
        cmocka_unit_test_teardown(test_line_breaks_and_bare, teardown),
        cmocka_unit_test_teardown(test_issuer_place, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
