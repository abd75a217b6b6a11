/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_issuer_real.c: who issued a document, as real copies give it
 * (tests/data/headers/: short excerpts written in the style of real
 * documents): a province whose name holds a level's word ("TỈNH HÀ TĨNH"),
 * a telegram's authority line ("THỦ TƯỚNG CHÍNH PHỦ điện:"), an enacting
 * authority whose name folds to the word "tại" ("BỘ TÀI CHÍNH"), a
 * circular copied without its letterhead that names itself in its effect
 * clause, a Q&A page that quotes such a clause (no document of its own), a
 * letter copied from "Kính gửi" on, and a portal's table that names a
 * place or writes a ministry in lower case, a news page carrying a full
 * text, an attached rule's heading, a service centre. Expected values
 * written by reading the excerpts.
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

/* Checks type, number, date and issuer of the file's first document; NULL
 * expects none. */
static void
check(const char *name, const char *type, const char *number, const char *date, const char *issuer)
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
    check("ubnd-ha-tinh.md", "Quyết định", "58/2025/QĐ-UBND", "2025-11-12",
          "Ủy ban nhân dân tỉnh Hà Tĩnh");
}

/* A telegram: the authority line ends in "điện:", in lower case. */
static void
test_telegram_authority(void **state)
{
    (void)state;
    check("cong-dien-dien.md", "Công điện", NULL, NULL, "Thủ tướng Chính phủ");
}

/* "BỘ TRƯỞNG BỘ TÀI CHÍNH" under a title: "TÀI" folds as "TẠI" does, but
 * the line names the ministry. */
static void
test_authority_tai_chinh(void **state)
{
    (void)state;
    check("quyet-dinh-bo-tai-chinh.md", "Quyết định", NULL, NULL, "Bộ Tài chính");
}

/* No letterhead: "Thông tư số 7/2025/TT-BNV có hiệu lực thi hành kể từ
 * ngày ký (20/3/2025)" in its last article gives the number, the day it
 * was signed, and by the number's code the ministry. */
static void
test_effect_clause(void **state)
{
    (void)state;
    check("thong-tu-effect-clause.md", "Thông tư", "7/2025/TT-BNV", "2025-03-20", "Bộ Nội vụ");
}

/* A Q&A page quotes "Điều 5" and says when the circular took effect: no
 * document of its own, so neither number, type nor issuer. */
static void
test_effect_clause_quoted(void **state)
{
    (void)state;
    check("qa-effect-clause.md", NULL, NULL, NULL, NULL);
}

/* A letter from "Kính gửi" on, signed "TL. CỤC TRƯỞNG": the office that
 * "nhận được" the company's letter wrote it. */
static void
test_letter_without_letterhead(void **state)
{
    (void)state;
    check("letter-no-letterhead.md", "Công văn", NULL, NULL, "Cục Hải quan");
}

/* A portal's "Nơi ban hành" names the city; the number's code "UBND" says
 * its people's committee wrote the letter. */
static void
test_portal_place(void **state)
{
    (void)state;
    check("portal-place-issuer.md", "Công văn", "3120/UBND-KT", "2025-11-14",
          "Ủy ban nhân dân Thành phố Hồ Chí Minh");
}

/* A portal's "Bộ Văn hoá, Thể thao và du lịch": the ministry's name as a
 * letterhead gives it, each part of its field capitalized. */
static void
test_portal_ministry_case(void **state)
{
    (void)state;
    check("portal-ministry-case.md", "Công văn", "5012/BVHTTDL-VP", "2025-11-10",
          "Bộ Văn hoá, Thể thao và Du lịch");
}

/* A news page that carries a decree's full text under "TOÀN VĂN: Nghị
 * định số ..., ngày ...": the decree is the page's document, its date the
 * one after the number (not the story's), its subject the title. */
static void
test_full_text_headline(void **state)
{
    (void)state;
    check("full-text-headline.md", "Nghị định", "118/2025/NĐ-CP", "2025-06-09", "Chính phủ");
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
    check("news-full-text-link.md", NULL, NULL, NULL, NULL);
}

/* "Toàn văn: ... ở đâu?": a reader's question, no document. */
static void
test_full_text_question(void **state)
{
    (void)state;
    check("qa-full-text-question.md", NULL, NULL, NULL, NULL);
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
    check("trung-tam-letterhead.md", "Quyết định", "215/QĐ-TTPVHCC", "2025-07-03",
          "Trung tâm Phục vụ hành chính công thành phố Đà Nẵng");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
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
