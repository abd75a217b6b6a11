/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_articles.c: the section tree of regulations, decrees and charters
 * (Phần, Chương, Mục, Điều, khoản, điểm) on short real excerpts in
 * tests/data/articles/: a charter's Roman parts holding articles, a decree
 * hard-wrapped at 80 columns, a decision with the regulation it issues, a
 * plan approved inside an article, legal Q&A quoting articles (a repeated
 * number, points right under an article), an encyclopedia's "Phần thứ
 * hai", a plan whose bold headings were broken after their number; and
 * references typed as readers cite them. Expected values written by reading the excerpts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/buf.h"
#include "corpus/cp.h"
#include "corpus/label.h"

static cp_file *
parse_fixture(const char *name)
{
    char path[4096];
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/data/articles/%s", src ? src : ".", name);
    cp_file *f = NULL;
    vk_error err = {0};
    if (cp_file_parse(path, &f, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return f;
}

static const cp_section *
sec(const cp_doc *d, const char *label)
{
    for (size_t i = 0; i < d->n_sections; i++) {
        if (strcmp(d->sections[i].label, label) == 0)
            return &d->sections[i];
    }
    fail_msg("no section %s", label);
    return NULL;
}

static const char *
parent_label(const cp_doc *d, const cp_section *s)
{
    return s->parent >= 0 ? d->sections[s->parent].label : "(top)";
}

/* Every display is as readers cite it: no "~2" of a repeated number. */
static void
assert_displays_clean(const cp_doc *d)
{
    for (size_t i = 0; i < d->n_sections; i++) {
        if (strchr(d->sections[i].display, '~'))
            fail_msg("section %s is shown as %s", d->sections[i].label, d->sections[i].display);
    }
}

/* The charter: "I- ĐẢNG VIÊN" holds "Điều 1." (no title; its khoản below)
 * and "Điều 2."; "II-" holds "Điều 9" and "Điều 10". */
static void
test_roman_parts_hold_articles(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("dieu-le-phan-la-ma.md");
    assert_int_equal(f->n_docs, 1);
    const cp_doc *d = &f->docs[0];
    const cp_section *s = sec(d, "I");
    assert_int_equal(s->kind, CP_SEC_ROMAN);
    assert_string_equal(s->heading, "ĐẢNG VIÊN");
    s = sec(d, "Điều 1");
    assert_int_equal(s->kind, CP_SEC_ARTICLE);
    assert_string_equal(s->display, "Điều 1");
    assert_string_equal(s->heading, "");
    assert_string_equal(parent_label(d, s), "I");
    assert_int_equal(s->level, 2);
    s = sec(d, "Điều 1.2");
    assert_int_equal(s->kind, CP_SEC_CLAUSE);
    assert_string_equal(s->display, "Điều 1, khoản 2");
    assert_string_equal(s->number, "2");
    assert_string_equal(s->heading, "Công dân Việt Nam từ mười tám tuổi trở lên");
    assert_int_equal(s->level, 3);
    assert_string_equal(sec(d, "Điều 2")->heading, "Đảng viên có nhiệm vụ:");
    s = sec(d, "Điều 2.3");
    assert_string_equal(s->heading, "Liên hệ chặt chẽ với nhân dân, tôn trọng và phát huy quyền "
                                    "làm chủ của nhân dân");
    s = sec(d, "II");
    assert_int_equal(s->parent, -1);
    assert_int_equal(s->level, 1);
    s = sec(d, "Điều 9");
    assert_string_equal(parent_label(d, s), "II");
    /* Its text is a sentence: the heading is its first clause, the
     * paragraph all of it. */
    assert_string_equal(s->heading, "Đảng Cộng sản Việt Nam tổ chức theo nguyên tắc tập trung dân "
                                    "chủ");
    assert_int_equal(s->n_paras, 1);
    assert_string_equal(sec(d, "Điều 9.2")->display, "Điều 9, khoản 2");
    assert_string_equal(parent_label(d, sec(d, "Điều 10")), "II");
    /* Nothing left numbered "1", "1~2" as before articles were known. */
    for (size_t i = 0; i < d->n_sections; i++)
        assert_null(strchr(d->sections[i].label, '~'));
    cp_file_free(f);
}

/* A decree hard-wrapped at 80 columns, titles in bold over two or three
 * lines, a Mục inside a Chương. */
static void
test_decree_wrapped(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("nghi-dinh-di-san.md");
    assert_int_equal(f->n_docs, 1);
    const cp_doc *d = &f->docs[0];
    const cp_section *s = sec(d, "Chương I");
    assert_int_equal(s->kind, CP_SEC_CHAPTER);
    assert_string_equal(s->heading, "NHỮNG QUY ĐỊNH CHUNG"); /* "**NHỮNG" / "QUY ĐỊNH CHUNG**" */
    assert_int_equal(s->level, 1);
    s = sec(d, "Điều 1");
    assert_string_equal(s->heading,
                        "Phạm vi điều chỉnh"); /* "**Điều 1. Phạm" / "vi điều chỉnh**" */
    assert_string_equal(parent_label(d, s), "Chương I");
    assert_string_equal(sec(d, "Điều 1.1")->heading,
                        "Nghị định này quy định chi tiết thi hành một số điều của Luật Di sản văn "
                        "hóa số 45/2024/QH15.");
    assert_string_equal(
        sec(d, "Chương III")->heading,
        "BẢO VỆ VÀ PHÁT HUY GIÁ TRỊ DI TÍCH LỊCH SỬ - VĂN HÓA, DANH LAM THẮNG CẢNH");
    s = sec(d, "Mục 1 Chương III");
    assert_int_equal(s->kind, CP_SEC_DIVISION);
    assert_string_equal(s->display, "Mục 1 Chương III");
    assert_string_equal(s->heading, "HỒ SƠ XẾP HẠNG, XẾP HẠNG BỔ SUNG; BỔ SUNG, CHỈNH SỬA HỒ SƠ "
                                    "KHOA HỌC DI TÍCH; HỦY BỎ QUYẾT ĐỊNH XẾP HẠNG DI TÍCH VÀ ĐIỀU "
                                    "CHỈNH KHU VỰC BẢO VỆ DI TÍCH");
    assert_string_equal(parent_label(d, s), "Chương III");
    s = sec(d, "Điều 9");
    assert_string_equal(parent_label(d, s), "Mục 1 Chương III");
    assert_int_equal(s->level, 3);
    assert_string_equal(s->heading, "Hồ sơ khoa học đề nghị xếp hạng, xếp hạng bổ sung di tích; "
                                    "bổ sung, chỉnh sửa hồ sơ khoa học di tích lịch sử - văn hóa, "
                                    "danh lam thắng cảnh");
    assert_int_equal(s->n_paras, 1); /* the sentence before its khoản, joined */
    assert_string_equal(s->paras[0],
                        "Hồ sơ khoa học đề nghị xếp hạng, xếp hạng bổ sung di tích lịch sử - văn "
                        "hóa, danh lam thắng cảnh (sau đây gọi chung là di tích); bổ sung, chỉnh "
                        "sửa hồ sơ khoa học di tích được lập thành văn bản và định dạng số, bao "
                        "gồm:");
    s = sec(d, "Điều 9.3.a");
    assert_int_equal(s->kind, CP_SEC_POINT);
    assert_string_equal(s->display, "Điều 9, khoản 3, điểm a");
    assert_int_equal(s->level, 5);
    assert_string_equal(s->heading, "Trích lục bản đồ địa chính ở địa phương có di tích để thể "
                                    "hiện việc khoanh vùng bảo vệ di tích.");
    assert_int_equal(s->n_paras, 2);
    assert_non_null(strstr(s->paras[0], "Đối với những diện tích thuộc khu vực bảo vệ di tích"));
    s = sec(d, "Điều 9.3.b");
    assert_non_null(strstr(s->paras[0], "màu đỏ, đường bao quanh toàn bộ khu vực bảo vệ II"));
    s = sec(d, "Điều 10");
    assert_string_equal(s->heading, "Hồ sơ khoa học đề nghị hủy bỏ quyết định xếp hạng di tích");
    assert_string_equal(parent_label(d, s), "Mục 1 Chương III");
    assert_string_equal(sec(d, "Điều 10.1")->heading, "Bản thuyết minh");
    assert_displays_clean(d);
    cp_file_free(f);
}

/* A decision and the charter it issues ("(Ban hành kèm theo Quyết định
 * số 2696/QĐ-UBND ...)") after its signature, with no "Nơi nhận" between:
 * two documents, each with its own "Điều 1". */
static void
test_attached_regulation(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("quyet-dinh-dieu-le.md");
    assert_int_equal(f->n_docs, 2);
    const cp_doc *dec = &f->docs[0], *reg = &f->docs[1];
    assert_int_equal(dec->attached_to, -1);
    assert_int_equal(reg->attached_to, 0);
    const cp_section *s = sec(dec, "Điều 1");
    assert_int_equal(s->parent, -1);
    assert_int_equal(s->level, 1);
    assert_string_equal(s->heading, "Ban hành kèm theo Quyết định này Điều lệ tổ chức và hoạt "
                                    "động của Quỹ Bảo vệ môi trường tỉnh Quảng Trị.");
    sec(dec, "Điều 3");
    for (size_t i = 0; i < dec->n_sections; i++)
        assert_int_not_equal(dec->sections[i].kind, CP_SEC_CHAPTER);
    assert_string_equal(sec(reg, "Chương I")->heading, "QUY ĐỊNH CHUNG");
    s = sec(reg, "Điều 1");
    assert_string_equal(s->heading, "Vị trí chức năng");
    assert_string_equal(parent_label(reg, s), "Chương I");
    /* "tỉnh" / "Quảng Trị là ...": a wrapped line goes on whatever its
     * first letter. */
    assert_string_equal(sec(reg, "Điều 1.1")->heading,
                        "Quỹ Bảo vệ môi trường tỉnh Quảng Trị là quỹ tài chính nhà nước thuộc Sở "
                        "Nông nghiệp và Môi trường");
    assert_string_equal(sec(reg, "Điều 2")->heading, "Nguyên tắc hoạt động");
    /* "**Chương" / "III**": one heading, at the first line. */
    s = sec(reg, "Chương III");
    assert_string_equal(s->heading, "TỔ CHỨC BỘ MÁY");
    assert_int_equal(s->line, 119);
    s = sec(reg, "Điều 6.1.b");
    assert_string_equal(s->display, "Điều 6, khoản 1, điểm b");
    assert_string_equal(s->heading, "Nhiệm kỳ hoạt động của Hội đồng Quản lý Quỹ là 05 năm");
    assert_string_equal(parent_label(reg, s), "Điều 6.1");
    for (size_t k = 0; k < 2; k++) {
        for (size_t i = 0; i < f->docs[k].n_sections; i++)
            assert_null(strchr(f->docs[k].sections[i].label, '~'));
    }
    cp_file_free(f);
}

/* "Điều 1. Phê duyệt Kế hoạch ... với các nội dung chủ yếu sau:" / "I. MỤC
 * TIÊU" / "1. ...": the plan's parts are the article's, then "Điều 2". */
static void
test_plan_inside_article(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("quyet-dinh-ke-hoach.md");
    const cp_doc *d = &f->docs[0];
    const cp_section *s = sec(d, "Điều 1.I");
    assert_int_equal(s->kind, CP_SEC_ROMAN);
    assert_string_equal(s->display, "Điều 1, mục I");
    assert_string_equal(s->heading, "MỤC TIÊU");
    assert_string_equal(parent_label(d, s), "Điều 1");
    s = sec(d, "Điều 1.I.1");
    assert_int_equal(s->kind, CP_SEC_ARABIC);
    assert_string_equal(s->display, "Điều 1, mục I.1");
    assert_string_equal(s->heading, "Mục tiêu tổng thể giai đoạn 2026 - 2030");
    assert_string_equal(sec(d, "Điều 1.I.2.a")->display, "Điều 1, mục I.2.a");
    assert_string_equal(parent_label(d, sec(d, "Điều 1.II.1")), "Điều 1.II");
    s = sec(d, "Điều 2");
    assert_int_equal(s->parent, -1);
    assert_string_equal(s->heading, "Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.");
    cp_file_free(f);
}

/* A Q&A page quotes "Điều 152" twice: both shown as written. */
static void
test_repeated_article(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("hoi-dap-dieu-152.md");
    const cp_doc *d = &f->docs[0];
    const cp_section *a = sec(d, "Điều 152"), *b = sec(d, "Điều 152~2");
    assert_string_equal(a->display, "Điều 152");
    assert_string_equal(b->display, "Điều 152");
    assert_string_equal(b->heading, "Đính chính, thu hồi, hủy giấy chứng nhận đã cấp");
    assert_string_equal(sec(d, "Điều 152.2.d")->display, "Điều 152, khoản 2, điểm d");
    assert_string_equal(sec(d, "Điều 152~2.3")->display, "Điều 152, khoản 3");
    const cp_section *p = sec(d, "Điều 152~2.3.đ");
    assert_string_equal(p->display, "Điều 152, khoản 3, điểm đ");
    assert_string_equal(parent_label(d, p), "Điều 152~2.3");
    assert_displays_clean(d);
    cp_file_free(f);
}

/* "Điều 107." then "a)" ... "e)" with no khoản between. */
static void
test_points_under_article(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("hoi-dap-dieu-107.md");
    const cp_doc *d = &f->docs[0];
    const cp_section *s = sec(d, "Điều 107");
    assert_string_equal(s->heading, "Điều kiện khởi công xây dựng công trình");
    assert_int_equal(s->n_paras, 1);
    assert_string_equal(s->paras[0], "Việc khởi công xây dựng công trình phải bảo đảm các điều "
                                     "kiện sau:");
    s = sec(d, "Điều 107.a");
    assert_int_equal(s->kind, CP_SEC_POINT);
    assert_string_equal(s->display, "Điều 107, điểm a");
    assert_string_equal(parent_label(d, s), "Điều 107");
    assert_string_equal(sec(d, "Điều 107.đ")->display, "Điều 107, điểm đ");
    sec(d, "Điều 107.e");
    cp_file_free(f);
}

/* "**Điều" on one line, "1.** Thông qua ..." on the next: one article,
 * at the first line; its khoản wrapped at 80 columns, "và" / "Công nghệ". */
static void
test_article_word_alone(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("quyet-dinh-so-dieu-xuong-dong.md");
    const cp_doc *d = &f->docs[0];
    const cp_section *s = sec(d, "Điều 1");
    assert_int_equal(s->line, 3);
    assert_true(strncmp(s->heading, "Thông qua phương án đơn giản hóa 43 thủ tục hành chính",
                        strlen("Thông qua phương án đơn giản hóa 43 thủ tục hành chính")) == 0);
    assert_string_equal(sec(d, "Điều 2")->heading, "Tổ chức thực hiện");
    assert_string_equal(sec(d, "Điều 2.2")->heading,
                        "Giao Văn phòng Ủy ban nhân dân Thành phố kiểm tra, đôn đốc các cơ quan, "
                        "đơn vị có liên quan thực hiện Quyết định này");
    assert_true(strncmp(sec(d, "Điều 2.1")->heading, "Giao Sở Khoa học và Công nghệ triển khai",
                        strlen("Giao Sở Khoa học và Công nghệ triển khai")) == 0);
    assert_string_equal(sec(d, "Điều 3")->heading, "Hiệu lực thi hành");
    assert_int_equal(d->n_sections, 6); /* the preamble, 1, 2, 2.1, 2.2, 3 */
    cp_file_free(f);
}

/* "### Phần thứ hai": a part numbered in words, cited as written. */
static void
test_part_in_words(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("bach-khoa-phan-thu.md");
    const cp_doc *d = &f->docs[0];
    assert_int_equal(d->n_sections, 3);
    const cp_section *s = sec(d, "Phần thứ hai");
    assert_int_equal(s->kind, CP_SEC_PART);
    assert_string_equal(s->display, "Phần thứ hai");
    assert_string_equal(s->number, "thứ hai");
    assert_int_equal(s->level, 1);
    assert_int_equal(sec(d, "Phần thứ ba")->parent, -1);
    cp_file_free(f);
}

static void
expect_canon(const char *typed, const char *label)
{
    vk_buf b = VK_BUF_INIT;
    int r = cp_label_canon(typed, strlen(typed), &b);
    if (label) {
        if (r != 1)
            fail_msg("'%s' is not read as %s", typed, label);
        assert_string_equal(b.data, label);
    } else if (r != 0) {
        fail_msg("'%s' is read as %s", typed, b.data ? b.data : "");
    }
    vk_buf_free(&b);
}

static void
test_label_canon(void **state)
{
    (void)state;
    expect_canon("Điều 8", "Điều 8");
    expect_canon("điều 8", "Điều 8");
    expect_canon("ĐIỀU 8.", "Điều 8");
    expect_canon("dieu 5 khoan 2", "Điều 5.2");
    expect_canon("Điều 5.2", "Điều 5.2");
    expect_canon("Điều 5, khoản 2", "Điều 5.2");
    expect_canon("khoản 2 Điều 5", "Điều 5.2");
    expect_canon("Điều 5, khoản 2, điểm a", "Điều 5.2.a");
    expect_canon("điểm đ khoản 3 Điều 152", "Điều 152.3.đ");
    expect_canon("điểm a Điều 107", "Điều 107.a");
    expect_canon("Điều 10a", "Điều 10a");
    expect_canon("chuong ii", "Chương II");
    expect_canon("Chương III", "Chương III");
    expect_canon("Mục 1 Chương III", "Mục 1 Chương III");
    expect_canon("muc 1, chuong iii", "Mục 1 Chương III");
    expect_canon("PHẦN I", "Phần I");
    expect_canon("phan thu nhat", "Phần thứ nhất");
    expect_canon("Phần thứ hai", "Phần thứ hai");
    expect_canon("III.3.2", NULL);
    expect_canon("khoản 2", NULL);
    expect_canon("Điều", NULL);
    expect_canon("Điều 5 Nghị định", NULL);
    assert_string_equal(cp_sec_kind_name(CP_SEC_CLAUSE), "clause");
    assert_string_equal(cp_sec_kind_name(CP_SEC_ARTICLE), "article");
}

/* A plan whose bold headings the conversion broke after their number
 * ("**I." / "ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI**", "**2." / "Xác định ...**"):
 * each is one heading with its text, under the right part. */
static void
test_number_broken_from_heading(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("ke-hoach-so-tach-dong.md");
    const cp_doc *d = &f->docs[0];
    assert_string_equal(sec(d, "I")->heading, "ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI");
    assert_string_equal(sec(d, "II")->heading, "MỤC TIÊU");
    assert_string_equal(sec(d, "III")->heading, "PHẠM VI, ĐỐI TƯỢNG, NHU CẦU, PHƯƠNG ÁN HỖ TRỢ");
    const cp_section *s = sec(d, "III.2");
    assert_string_equal(s->heading, "Xác định khu vực ưu tiên cứu trợ");
    assert_string_equal(parent_label(d, s), "III");
    s = sec(d, "III.3");
    assert_string_equal(s->heading, "Nhu cầu hỗ trợ cấp bách");
    assert_string_equal(parent_label(d, s), "III");
    assert_displays_clean(d);
    cp_file_free(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roman_parts_hold_articles),
        cmocka_unit_test(test_decree_wrapped),
        cmocka_unit_test(test_attached_regulation),
        cmocka_unit_test(test_plan_inside_article),
        cmocka_unit_test(test_repeated_article),
        cmocka_unit_test(test_points_under_article),
        cmocka_unit_test(test_article_word_alone),
        cmocka_unit_test(test_part_in_words),
        cmocka_unit_test(test_label_canon),
        cmocka_unit_test(test_number_broken_from_heading),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
