/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_suggest.c: "did you mean" only when it helps (query/suggest.c), over
 * an index of the four samples and short excerpts of real documents
 * (tests/data/suggest: on chuyển đổi số, tinh gọn bộ máy, khoa học và công
 * nghệ, Ban Chỉ đạo Trung ương, hiệu lực thi hành, quy định chung, and a
 * legal Q&A where "mấy" is a word of its own). Correct queries an office
 * worker types get no suggestion; misspelled or mis-accented ones get the
 * spelling worked out by reading the excerpts; queries the search already
 * serves get none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "query/qr.h"
#include "tests/fixture_index.h"

static fixture_index fx;

static const char *const files[] = {
    "corpus/samples/nghi-quyet-hoi-nghi-6-khoa-xiii.txt",
    "corpus/samples/ke-hoach-256-KH-TU.md",
    "corpus/samples/ket-luan-04-KL-BTCTW.md",
    "corpus/samples/ket-luan-21-KL-TW.md",
    "tests/data/suggest/ke-hoach-552-KH-UBND-dong-thap.md",
    "tests/data/suggest/thong-bao-624-TB-VPCP.md",
    "tests/data/suggest/thong-tu-23-2025-TT-BTP.md",
    "tests/data/suggest/quyet-dinh-2639-QD-TTg.md",
    "tests/data/suggest/luat-60-2024-QH15-du-lieu.md",
    "tests/data/suggest/hoi-dap-nhiem-ky-hoi-cong-chung-vien.md",
};

static int
setup(void **state)
{
    (void)state;
    return fixture_index_open(&fx, "suggest", files, sizeof files / sizeof *files);
}

static int
teardown(void **state)
{
    (void)state;
    return fixture_index_close(&fx);
}

/* The suggestion for query (arena), or NULL; fails on an error. */
static const char *
suggest(const char *query, vk_arena *a)
{
    const char *s = NULL;
    vk_status rc = qr_suggest(fx.reader, query, strlen(query), a, &s);
    if (rc != VK_OK)
        fail_msg("'%s': %s", query, vk_status_str(rc));
    return s;
}

/* Correct queries, as a clerk types them: with diacritics, some partly
 * without, with fields, phrases and operators; some find a single document
 * or none at all, and still their words are not replaced. The first ones
 * are those of the issue: each got a misleading suggestion. */
static const char *const correct[] = {
    "muc:IV Ban Chỉ đạo Trung ương",
    "hợp tác quốc tế về khoa học và công nghệ",
    "tinh gọn bộ máy",
    "quy định chung",
    "hiệu lực thi hành",
    "chuyển đổi số",
    "tinh gọn bộ máy của hệ thống chính trị",
    "khoa học và công nghệ",
    "đổi mới sáng tạo",
    "Ban Chỉ đạo Trung ương về phát triển khoa học",
    "đổi mới phương thức lãnh đạo",
    "hệ thống chính trị",
    "Nghị quyết 28-NQ/TW",
    "so:28-NQ/TW",
    "phương thức lãnh đạo cầm quyền của Đảng",
    "tổ chức thực hiện",
    "kịp thời",
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "cán bộ, đảng viên",
    "công tác cán bộ",
    "tổ chức bộ máy",
    "sắp xếp đơn vị hành chính",
    "chính quyền địa phương 02 cấp",
    "ngân sách trung ương",
    "phạm vi điều chỉnh",
    "đối tượng áp dụng",
    "nguyên tắc phân cấp",
    "phân cấp quản lý tổ chức cán bộ",
    "thẩm quyền về tổ chức bộ máy",
    "điều khoản chuyển tiếp",
    "hạ tầng số",
    "cải cách hành chính",
    "nhiệm kỳ mấy năm",
    "mấy năm",
    "Đại hội Hội công chứng viên",
    "dữ liệu số",
    "hợp tác quốc tế về dữ liệu",
    "trung tâm dữ liệu quốc gia",
    "đột phá phát triển khoa học, công nghệ",
    "kiểm tra, giám sát",
    "tập trung dân chủ",
    "loai:KH chuyển đổi số",
    "nam:2025 tinh gọn bộ máy",
    "coquan:\"Bộ Tư pháp\" hiệu lực thi hành",
    "tieude:\"quy định chung\"",
    "\"Ban Chỉ đạo Trung ương\"",
    "thực hiện nghiêm chỉ đạo",
    "chuyển đổi số -\"tham nhũng\"",
    "dữ liệu OR số hoá",
    "Nghị quyết số 57-NQ/TW",
    "bổ sung có mục tiêu",
    "lãnh đạo, chỉ đạo",
    "thi hành án dân sự",
    "nâng cao năng lực đổi mới sáng tạo",
    "đổi mới công nghệ",
    "ngành kinh tế mũi nhọn",
    "hợp tác xã",
    "\"khoa học và công nghệ\" hợp tác",
    "Quy định chung",
    "QUY ĐỊNH CHUNG",
    /* Words from several documents: few or no results, words kept. */
    "chuyển đổi số hợp tác xã tinh gọn",
    "hiệu lực thi hành công chứng viên",
    "tinh gọn bộ máy công chứng viên",
    "bảo vệ dữ liệu trong tình hình mới",
    "hợp tác quốc tế NEAR khoa học",
    "tieude:\"quy đinh chung\" hiệu lực thí hành",
};

static void
test_correct(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    int bad = 0;
    assert_true(sizeof correct / sizeof *correct >= 50);
    for (size_t i = 0; i < sizeof correct / sizeof *correct; i++) {
        const char *s = suggest(correct[i], &a);
        if (s) {
            print_error("'%s': suggests '%s'\n", correct[i], s);
            bad++;
        }
    }
    vk_arena_free(&a);
    assert_int_equal(bad, 0);
}

/* Misspelled and mis-accented queries, and the suggestion each must get:
 * a tone on the wrong word, a mark missing, a word typed without marks
 * among words typed with them; fields, phrases and capitals kept. */
static const struct {
    const char *query, *want;
} damaged[] = {
    {"chuyen đoi so", "chuyển đổi số"},
    {"tinh gọn bộ mấy", "tinh gọn bộ máy"},
    {"tinh gon bộ mấy", "tinh gọn bộ máy"},
    {"bộ mấy", "bộ máy"},
    {"Tinh gọn Bộ mấy", "Tinh gọn Bộ máy"},
    {"kịp thơi", "kịp thời"},
    {"chuyển đôi số", "chuyển đổi số"},
    {"chuyen đôi so", "chuyển đổi số"},
    {"CHUYỂN ĐỔI SÔ", "CHUYỂN ĐỔI SỐ"},
    {"loai:KH chuyen đôi số", "loai:KH chuyển đổi số"},
    {"\"chuyển đôi số\"", "\"chuyển đổi số\""},
    {"khoa hoc và công nghê", "khoa học và công nghệ"},
    {"khoá học và công nghệ", "khoa học và công nghệ"},
    {"đổi mới công nghê", "đổi mới công nghệ"},
    {"hiệu lực thí hành", "hiệu lực thi hành"},
    {"Hiệu Lực Thí Hành", "Hiệu Lực Thi Hành"},
    {"coquan:\"Bộ Tư pháp\" hiệu lực thí hành", "coquan:\"Bộ Tư pháp\" hiệu lực thi hành"},
    {"coquan:\"Bộ Tư phap\" hiệu lực thí hành", "coquan:\"Bộ Tư phap\" hiệu lực thi hành"},
    {"quỹ định chung", "quy định chung"},
    {"quy đinh chung", "quy định chung"},
    {"muc:I Ban Chỉ đạo Trung ướng", "muc:I Ban Chỉ đạo Trung ương"},
    {"phương thưc lãnh đạo", "phương thức lãnh đạo"},
    {"đổi mơi sáng tạo", "đổi mới sáng tạo"},
    {"cải cách hãnh chính", "cải cách hành chính"},
    {"sắp xêp đơn vị hành chính", "sắp xếp đơn vị hành chính"},
    {"tổ chưc bộ máy", "tổ chức bộ máy"},
    {"thẩm quyền về tổ chức bộ mây", "thẩm quyền về tổ chức bộ máy"},
    {"cán bộ đảng viến", "cán bộ đảng viên"},
    {"phạm vi điêu chỉnh", "phạm vi điều chỉnh"},
    {"đối tượng áp dũng", "đối tượng áp dụng"},
    {"nguyên tắc phân câp", "nguyên tắc phân cấp"},
    {"điều khoản chuyển tiêp", "điều khoản chuyển tiếp"},
    {"hạ tâng số", "hạ tầng số"},
    {"dữ liêu số", "dữ liệu số"},
    {"dữ liêu OR chuyển đôi số", "dữ liệu OR chuyển đổi số"},
    {"trung tâm dữ liệu quốc giá", "trung tâm dữ liệu quốc gia"},
    {"hợp tác quốc tê", "hợp tác quốc tế"},
    {"hợp tác xả", "hợp tác xã"},
    {"Đại hội Hội công chứng viện", "Đại hội Hội công chứng viên"},
    {"bổ sung có mục tiếu", "bổ sung có mục tiêu"},
    {"kiểm tra, giám sắt", "kiểm tra, giám sát"},
    {"thực hiện nghiêm chỉ đao", "thực hiện nghiêm chỉ đạo"},
    {"đột phà phát triển khoa học", "đột phá phát triển khoa học"},
    {"ngành kinh tế mủi nhọn", "ngành kinh tế mũi nhọn"},
    {"nâng cao năng lưc", "nâng cao năng lực"},
    {"tổ chức thực hiên", "tổ chức thực hiện"},
};

static void
test_damaged(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    int bad = 0;
    assert_true(sizeof damaged / sizeof *damaged >= 30);
    for (size_t i = 0; i < sizeof damaged / sizeof *damaged; i++) {
        const char *s = suggest(damaged[i].query, &a);
        if (!s || strcmp(s, damaged[i].want) != 0) {
            print_error("'%s': suggests '%s', expected '%s'\n", damaged[i].query,
                        s ? s : "(nothing)", damaged[i].want);
            bad++;
        }
    }
    vk_arena_free(&a);
    assert_int_equal(bad, 0);
}

/* Queries not quite right that the search serves as well as the right
 * spelling would, or nearly: nothing to suggest. */
static const char *const served[] = {
    /* Words typed without diacritics match every spelling. */
    "kip thời",
    "hiệu lực thi hanh",
    "hợp tác quoc tế",
    "khoa hoc cong nghe",
    "chuyen doi so",
    "tinh gon bo may",
    /* The abbreviations match: NQ for "nghi quyêt", TW for "Trung ướng". */
    "nghị quyêt",
    "Ban Chỉ đạo Trung ướng",
    /* The words are in the same sections: as many documents. */
    "hệ thông chính trị",
    /* 3 documents as typed, 5 respelled: not clearly more. */
    "nâng cao năng lực đôi mới",
    /* A stopword typed with its diacritics is meant. */
    "hiệu lực thì hành",
};

static void
test_served(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    int bad = 0;
    for (size_t i = 0; i < sizeof served / sizeof *served; i++) {
        const char *s = suggest(served[i], &a);
        if (s) {
            print_error("'%s': suggests '%s'\n", served[i], s);
            bad++;
        }
    }
    vk_arena_free(&a);
    assert_int_equal(bad, 0);
}

/* Queries without words to weigh, or that do not parse: nothing. */
static void
test_nothing_to_weigh(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    const char *none[] = {"",         "   ",      "\"unterminated", "so:28-NQ/TW", "muc:IV",
                          "nam:2025", "28-NQ/TW", "xyzzyq",         "quyêtt"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        if (suggest(none[i], &a))
            fail_msg("'%s': a suggestion", none[i]);
    }
    vk_arena_free(&a);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_correct),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_served),
        cmocka_unit_test(test_nothing_to_weigh),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
