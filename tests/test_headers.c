/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_headers.c: the header parser on real headers as offices and portals
 * have them (tests/data/headers/: short excerpts of real documents): two
 * letterhead columns flattened into lines or table cells, a number on the
 * line after "Số:", a place and date broken over two lines, an organ under
 * its parent, a type glued to its title, a law dated by its closing line, a
 * news copy whose number stands in its lead, a Party directive whose
 * issuer is the body it is "of", an enacting sentence broken over lines, a
 * department named with its province, an appendix that names its
 * circular; and who issued a document as real copies give it: a province
 * whose name holds a level's word ("TỈNH HÀ TĨNH"), a telegram's authority
 * line ("THỦ TƯỚNG CHÍNH PHỦ điện:"), an enacting authority whose name
 * folds to the word "tại" ("BỘ TÀI CHÍNH"), a circular copied without its
 * letterhead that names itself in its effect clause, a Q&A page that
 * quotes such a clause, a letter copied from "Kính gửi" on, a portal's
 * table that names a place or writes a ministry in lower case, a news page
 * carrying a full text or only a link to it, an attached rule's heading, a
 * service centre. Expected values written by reading the excerpts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "corpus/cp.h"

static cp_file *
parse_fixture(const char *name)
{
    char path[4096];
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/tests/data/headers/%s", src ? src : ".", name);
    cp_file *f = NULL;
    vk_error err = {0};
    if (cp_file_parse(path, &f, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return f;
}

/* Checks the header fields of the file's first document; NULL expects none. */
static void
check(const char *name, const char *type, const char *number, const char *date, const char *place,
      const char *issuer, const char *title)
{
    cp_file *f = parse_fixture(name);
    const cp_doc *d = &f->docs[0];
    char iso[11];
    const char *got[] = {d->type_name, d->number, *cp_date_iso(&d->date, iso) ? iso : NULL,
                         d->place,     d->issuer, d->title};
    const char *want[] = {type, number, date, place, issuer, title};
    static const char *const what[] = {"type", "number", "date", "place", "issuer", "title"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!want[i] && !got[i])
            continue;
        if (!want[i] || !got[i] || strcmp(want[i], got[i]) != 0)
            fail_msg("%s: %s is \"%s\", expected \"%s\"", name, what[i], got[i] ? got[i] : "(none)",
                     want[i] ? want[i] : "(none)");
    }
    assert_null(d->nondoc);
    cp_file_free(f);
}

/* UBND letterhead in lines: organ over its province, the motto in two
 * lines, "Số:" alone, "Đồng Tháp, ngày" / "19 tháng 11 năm 2025", a title
 * in capitals over three lines. */
static void
test_state_letterhead_lines(void **state)
{
    (void)state;
    check("ubnd-lines.md", "Quyết định", "137/2025/QĐ-UBND", "2025-11-19", "Đồng Tháp",
          "Ủy ban nhân dân tỉnh Đồng Tháp",
          "QUY ĐỊNH GIỜ BÁN HÀNG, CÁC TRƯỜNG HỢP DỪNG BÁN HÀNG VÀ QUY TRÌNH THÔNG BÁO TRƯỚC "
          "KHI DỪNG BÁN HÀNG TẠI CÁC CỬA HÀNG BÁN LẺ XĂNG DẦU TRÊN ĐỊA BÀN TỈNH ĐỒNG THÁP");
}

/* Both columns glued into one table row, rules of underscores between
 * the cells' lines, the motto glued to "Độc lập". */
static void
test_letterhead_glued(void **state)
{
    (void)state;
    check("chinh-phu-glued.md", "Nghị định", "171/2025/NĐ-CP", "2025-06-30", "Hà Nội", "Chính phủ",
          "Quy định về đào tạo, bồi dưỡng công chức");
}

/* A letter: the tax office of the province under the national one, its
 * subject "V/v ..." under the number. */
static void
test_letter_subject(void **state)
{
    (void)state;
    check("cong-van-vv.md", "Công văn", "1539/VLO-QLDN3", "2025-12-02", "Vĩnh Long",
          "Thuế tỉnh Vĩnh Long", "V/v trả lãi tiền vay cho cổ đông");
}

/* A law: its date only in the closing line ("thông qua ngày ..."), the
 * type glued to the name, the National Assembly as issuer. */
static void
test_law_passed(void **state)
{
    (void)state;
    check("luat-passed.md", "Luật", "60/2024/QH15", "2024-11-30", NULL, "Quốc hội", "DỮ LIỆU");
}

/* A news copy: the document's own header has no number; the lead says
 * "ký ban hành Nghị quyết số 196/2025/QH15 của Quốc hội". */
static void
test_news_lead(void **state)
{
    (void)state;
    check("news-lead.md", "Nghị quyết", "196/2025/QH15", "2025-05-17", NULL, "Quốc hội",
          "Về điều chỉnh, bổ sung dự toán ngân sách nhà nước năm 2025");
}

/* A Party directive: the letterhead names the Central Committee, but the
 * directive is "CỦA BỘ CHÍNH TRỊ"; the title is joined across its lines. */
static void
test_party_directive(void **state)
{
    (void)state;
    check("chi-thi-party.md", "Chỉ thị", "35-CT/TW", "2024-06-14", "Hà Nội", "Bộ Chính trị",
          "về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng");
}

/* The type broken over two lines ("QUYẾT" / "ĐỊNH"), a title whose second
 * line opens with a quotation mark, and a signer whose name the conversion
 * broke after the family name ("Dương" / "Đức Tuấn"). */
static void
test_broken_lines(void **state)
{
    (void)state;
    check("signer-broken.md", "Quyết định", "71/2025/QĐ-UBND", "2025-11-26", "Hà Nội",
          "Ủy ban nhân dân thành phố Hà Nội",
          "VỀ VIỆC BAN HÀNH QUY CHẾ XÉT TẶNG DANH HIỆU “CÔNG DÂN THỦ ĐÔ ƯU TÚ”");
    cp_file *f = parse_fixture("signer-broken.md");
    const cp_signer *s = &f->docs[0].signer;
    assert_string_equal(s->name, "Dương Đức Tuấn");
    assert_string_equal(s->authority, "K/T");
    assert_string_equal(s->capacity, "Phó Chủ tịch");
    cp_file_free(f);
}

/* A resolution of the Government without its letterhead: the issuer from
 * its enacting sentence ("Chính phủ ban hành Nghị quyết ..."); the title in
 * capitals goes on past "ĐÃ ĐƯỢC" into a line that starts like an
 * authority ("QUỐC HỘI QUYẾT ĐỊNH ..."). */
static void
test_enacting_sentence(void **state)
{
    (void)state;
    check("nghi-quyet-chinh-phu.md", "Nghị quyết", NULL, NULL, NULL, "Chính phủ",
          "VỀ TÁCH NỘI DUNG BỒI THƯỜNG, HỖ TRỢ, TÁI ĐỊNH CƯ THUỘC DỰ ÁN ĐIỆN HẠT NHÂN ĐÃ ĐƯỢC "
          "QUỐC HỘI QUYẾT ĐỊNH CHỦ TRƯƠNG ĐẦU TƯ THÀNH DỰ ÁN ĐỘC LẬP");
}

/* A decision whose copy lost its letterhead: its number and date from the
 * regulation attached to it ("(Kèm theo Quyết định số 172/QĐ-BCĐPTCNBD ngày
 * 25 tháng 11 năm 2025 ...)"), its issuer from the enacting authority under
 * the title, broken over two lines ("TRƯỞNG BAN CHỈ ĐẠO ... NGÀNH CÔNG" /
 * "NGHIỆP BÁN DẪN"); the regulation is a document of its own. */
static void
test_number_from_attachment(void **state)
{
    (void)state;
    check("quyet-dinh-kem-theo.md", "Quyết định", "172/QĐ-BCĐPTCNBD", "2025-11-25", NULL,
          "Ban Chỉ đạo quốc gia về phát triển ngành công nghiệp bán dẫn",
          "BAN HÀNH QUY CHẾ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BAN CHỈ ĐẠO QUỐC GIA VỀ PHÁT TRIỂN "
          "NGÀNH CÔNG NGHIỆP BÁN DẪN");
    cp_file *f = parse_fixture("quyet-dinh-kem-theo.md");
    assert_int_equal(f->n_docs, 2);
    assert_string_equal(f->docs[1].type_name, "Quy chế");
    assert_null(f->docs[1].number);
    cp_file_free(f);
}

/* A circular with no letterhead: its issuer from the enacting sentence
 * that the conversion broke over two lines ("Bộ trưởng Bộ" / "Giáo dục và
 * Đào tạo ban hành Thông tư ..."), the minister's title left out. */
static void
test_enacting_sentence_broken(void **state)
{
    (void)state;
    check("thong-tu-enacting-broken.md", "Thông tư", NULL, NULL, NULL, "Bộ Giáo dục và Đào tạo",
          "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA QUY CHẾ CUỘC THI NGHIÊN CỨU KHOA HỌC, KỸ THUẬT CẤP "
          "QUỐC GIA DÀNH CHO HỌC SINH TRUNG HỌC");
}

/* A Party guide without its letterhead: the body that guides opens the
 * sentence after the grounds ("Ban Tuyên giáo và Dân vận Trung ương" /
 * "hướng dẫn việc ..."). */
static void
test_guiding_body(void **state)
{
    (void)state;
    check("huong-dan-body.md", "Hướng dẫn", NULL, NULL, NULL,
          "Ban Tuyên giáo và Dân vận Trung ương",
          "XÂY DỰNG, KIỆN TOÀN ĐỘI NGŨ BÁO CÁO VIÊN CÁC CẤP");
}

/* A news copy whose lead is one long paragraph above the resolution's own
 * header: the type line below it is still found; the number from the lead,
 * the date it opens with ("Ngày 9/9/2025, ... đã ký ban hành ..."). */
static void
test_news_long_lead(void **state)
{
    (void)state;
    check("news-long-lead.md", "Nghị quyết", "05/2025/NQ-CP", "2025-09-09", NULL, "Chính phủ",
          "Về việc triển khai thí điểm thị trường tài sản mã hóa tại Việt Nam");
}

/* A department under its province's people's committee: the department,
 * named with the province as a citation names it. */
static void
test_department_place(void **state)
{
    (void)state;
    check("so-under-ubnd.md", "Quyết định", "2154/QĐ-SYT", "2025-10-03", "Đồng Tháp",
          "Sở Y tế tỉnh Đồng Tháp",
          "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC KHÁM BỆNH, CHỮA BỆNH");
}

/* A news story whose sentences open with ministries ("Bộ Tài chính chủ
 * trì, ...") has no issuer and is no document. */
static void
test_news_story_no_issuer(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("news-story.md");
    assert_int_equal(f->n_docs, 1);
    assert_null(f->docs[0].issuer);
    assert_null(f->docs[0].type_name);
    assert_non_null(f->docs[0].nondoc);
    cp_file_free(f);
}

/* A circular whose copy lost its number: its appendix's caption names it,
 * "(Ban hành kèm theo Thông tư số 44/2025/TT-NHNN ngày 17 tháng 11 năm
 * 2025 ...)"; the circular it amends, named in its title and in a quoted
 * clause ("ban hành kèm theo Thông tư số 07/2024/TT-NHNN"), is not its
 * own. */
static void
test_number_from_appendix(void **state)
{
    (void)state;
    check("thong-tu-appendix.md", "Thông tư", "44/2025/TT-NHNN", "2025-11-17", NULL,
          "Ngân hàng Nhà nước Việt Nam",
          "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 07/2024/TT-NHNN QUY ĐỊNH VỀ HOẠT ĐỘNG ĐẠI "
          "LÝ THANH TOÁN");
}

/* A resolution copied without its letterhead: its closing formula
 * ("Nghị quyết này phổ biến đến chi bộ.") says what it is, its enacting
 * sentence ("Bộ Chính trị yêu cầu ...") who issued it; a news summary that
 * quotes the formula but speaks of the resolution ("Theo Nghị quyết, ...",
 * "Nghị quyết đề ra 5 nhiệm vụ") is none. */
static void
test_closing_formula(void **state)
{
    (void)state;
    check("nghi-quyet-no-letterhead.md", "Nghị quyết", NULL, NULL, NULL, "Bộ Chính trị", NULL);
    cp_file *f = parse_fixture("nghi-quyet-news-summary.md");
    assert_null(f->docs[0].type_name);
    assert_non_null(f->docs[0].nondoc);
    cp_file_free(f);
}

/* A letterhead in capitals gives the issuer's words, the text its case:
 * "BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH" is written "Ban Chỉ đạo Nhà nước về Du
 * lịch" in the first paragraph and again in the second. */
static void
test_issuer_as_written(void **state)
{
    (void)state;
    check("ban-chi-dao-caps.md", "Thông báo", "12/TB-BCĐDL", "2025-03-05", "Hà Nội",
          "Ban Chỉ đạo Nhà nước về Du lịch",
          "Kết luận của Trưởng ban tại phiên họp thứ nhất năm 2025");
}

/* Who issued a document, as real copies give it. */

/* Checks type, number, date and issuer of the file's first document; NULL
 * expects none. */
static void
check_issuer(const char *name, const char *type, const char *number, const char *date,
             const char *issuer)
{
    cp_file *f = parse_fixture(name);
    const cp_doc *d = &f->docs[0];
    char iso[11];
    const char *got[] = {d->type_name, d->number, *cp_date_iso(&d->date, iso) ? iso : NULL,
                         d->issuer};
    const char *want[] = {type, number, date, issuer};
    static const char *const what[] = {"type", "number", "date", "issuer"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        if (!want[i] && !got[i])
            continue;
        if (!want[i] || !got[i] || strcmp(want[i], got[i]) != 0)
            fail_msg("%s: %s is \"%s\", expected \"%s\"", name, what[i], got[i] ? got[i] : "(none)",
                     want[i] ? want[i] : "(none)");
    }
    cp_file_free(f);
}

/* "TỈNH HÀ TĨNH": "tĩnh" is the place's, not a level's word. */
static void
test_place_with_level_word(void **state)
{
    (void)state;
    check_issuer("ubnd-ha-tinh.md", "Quyết định", "58/2025/QĐ-UBND", "2025-11-12",
                 "Ủy ban nhân dân tỉnh Hà Tĩnh");
}

/* A telegram: the authority line ends in "điện:", in lower case. */
static void
test_telegram_authority(void **state)
{
    (void)state;
    check_issuer("cong-dien-dien.md", "Công điện", NULL, NULL, "Thủ tướng Chính phủ");
}

/* "BỘ TRƯỞNG BỘ TÀI CHÍNH" under a title: "TÀI" folds as "TẠI" does, but
 * the line names the ministry. */
static void
test_authority_tai_chinh(void **state)
{
    (void)state;
    check_issuer("quyet-dinh-bo-tai-chinh.md", "Quyết định", NULL, NULL, "Bộ Tài chính");
}

/* No letterhead: "Thông tư số 7/2025/TT-BNV có hiệu lực thi hành kể từ
 * ngày ký (20/3/2025)" in its last article gives the number, the day it
 * was signed, and by the number's code the ministry. */
static void
test_effect_clause(void **state)
{
    (void)state;
    check_issuer("thong-tu-effect-clause.md", "Thông tư", "7/2025/TT-BNV", "2025-03-20",
                 "Bộ Nội vụ");
}

/* A Q&A page quotes "Điều 5" and says when the circular took effect: no
 * document of its own, so neither number, type nor issuer. */
static void
test_effect_clause_quoted(void **state)
{
    (void)state;
    check_issuer("qa-effect-clause.md", NULL, NULL, NULL, NULL);
}

/* A letter from "Kính gửi" on, signed "TL. CỤC TRƯỞNG": the office that
 * "nhận được" the company's letter wrote it. */
static void
test_letter_without_letterhead(void **state)
{
    (void)state;
    check_issuer("letter-no-letterhead.md", "Công văn", NULL, NULL, "Cục Hải quan");
}

/* A portal's "Nơi ban hành" names the city; the number's code "UBND" says
 * its people's committee wrote the letter. */
static void
test_portal_place(void **state)
{
    (void)state;
    check_issuer("portal-place-issuer.md", "Công văn", "3120/UBND-KT", "2025-11-14",
                 "Ủy ban nhân dân Thành phố Hồ Chí Minh");
}

/* A portal's "Bộ Văn hoá, Thể thao và du lịch": the ministry's name as a
 * letterhead gives it, each part of its field capitalized. */
static void
test_portal_ministry_case(void **state)
{
    (void)state;
    check_issuer("portal-ministry-case.md", "Công văn", "5012/BVHTTDL-VP", "2025-11-10",
                 "Bộ Văn hoá, Thể thao và Du lịch");
}

/* A news page that carries a decree's full text under "TOÀN VĂN: Nghị
 * định số ..., ngày ...": the decree is the page's document, its date the
 * one after the number (not the story's), its subject the title. */
static void
test_full_text_headline(void **state)
{
    (void)state;
    check_issuer("full-text-headline.md", "Nghị định", "118/2025/NĐ-CP", "2025-06-09", "Chính phủ");
    cp_file *f = parse_fixture("full-text-headline.md");
    assert_string_equal(f->docs[0].title,
                        "quy định về thực hiện thủ tục hành chính theo cơ chế một cửa");
    cp_file_free(f);
}

/* A story about a decree that ends with a link "Toàn văn: Nghị định số
 * ..." and no text after it: a story, no document. */
static void
test_full_text_link(void **state)
{
    (void)state;
    check_issuer("news-full-text-link.md", NULL, NULL, NULL, NULL);
}

/* "Toàn văn: ... ở đâu?": a reader's question, no document. */
static void
test_full_text_question(void **state)
{
    (void)state;
    check_issuer("qa-full-text-question.md", NULL, NULL, NULL, NULL);
}

/* A rule attached to a decision under its heading in capitals ("QUY CHẾ
 * TIẾP NHẬN ..."): the heading names what is attached, not who issued it. */
static void
test_attached_heading_no_organ(void **state)
{
    (void)state;
    cp_file *f = parse_fixture("appendix-heading.md");
    assert_int_equal(f->n_docs, 2);
    assert_string_equal(f->docs[0].issuer, "Bộ Xây dựng");
    assert_null(f->docs[1].issuer);
    cp_file_free(f);
}

/* "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" under the city's committee: a
 * centre's field is capitalized as a ministry's is, the city added. */
static void
test_centre_case(void **state)
{
    (void)state;
    check_issuer("trung-tam-letterhead.md", "Quyết định", "215/QĐ-TTPVHCC", "2025-07-03",
                 "Trung tâm Phục vụ hành chính công thành phố Đà Nẵng");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_state_letterhead_lines),
        cmocka_unit_test(test_letterhead_glued),
        cmocka_unit_test(test_letter_subject),
        cmocka_unit_test(test_law_passed),
        cmocka_unit_test(test_news_lead),
        cmocka_unit_test(test_party_directive),
        cmocka_unit_test(test_broken_lines),
        cmocka_unit_test(test_enacting_sentence),
        cmocka_unit_test(test_number_from_attachment),
        cmocka_unit_test(test_enacting_sentence_broken),
        cmocka_unit_test(test_guiding_body),
        cmocka_unit_test(test_news_long_lead),
        cmocka_unit_test(test_department_place),
        cmocka_unit_test(test_news_story_no_issuer),
        cmocka_unit_test(test_number_from_appendix),
        cmocka_unit_test(test_closing_formula),
        cmocka_unit_test(test_issuer_as_written),
        cmocka_unit_test(test_place_with_level_word),
        cmocka_unit_test(test_telegram_authority),
        cmocka_unit_test(test_authority_tai_chinh),
        cmocka_unit_test(test_effect_clause),
        cmocka_unit_test(test_effect_clause_quoted),
        cmocka_unit_test(test_letter_without_letterhead),
        cmocka_unit_test(test_portal_place),
        cmocka_unit_test(test_portal_ministry_case),
        cmocka_unit_test(test_full_text_headline),
        cmocka_unit_test(test_full_text_question),
        cmocka_unit_test(test_full_text_link),
        cmocka_unit_test(test_attached_heading_no_organ),
        cmocka_unit_test(test_centre_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
