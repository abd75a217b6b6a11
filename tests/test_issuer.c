/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_issuer.c: issuing bodies as offices write them (cite/ct.h:
 * ct_issuer_agree, ct_issuer_could_issue, ct_issuer_display): the names of
 * one body agree in any case, tone style, with or without diacritics, by
 * their usual short forms; a body of a joint issuer agrees with it; two
 * bodies do not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cite/ct.h"

static void
expect_agree(const char *a, const char *b, int want)
{
    if (ct_issuer_agree(a, b) != want)
        fail_msg("'%s' and '%s': expected %s", a, b, want ? "one body" : "two bodies");
    if (ct_issuer_agree(b, a) != want)
        fail_msg("'%s' and '%s' (reversed): expected %s", b, a, want ? "one body" : "two bodies");
}

/* Every form of the Central Committee names one body. */
static void
test_central_committee(void **state)
{
    (void)state;
    static const char *const forms[] = {
        "Ban Chấp hành Trung ương",
        "Ban Chấp hành Trung ương Đảng",
        "Trung ương",
        "BCH TW",
        "BCHTW",
        "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam",
        "Ban Chấp hành - Trung ương - Đảng cộng sản - Việt nam",
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG",
        "ban chap hanh trung uong dang",
        "Trung ương Đảng",
        "BCH Trung ương",
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        for (size_t j = 0; j < sizeof forms / sizeof *forms; j++)
            expect_agree(forms[i], forms[j], 1);
        expect_agree(forms[i], "Bộ Chính trị", 0);
        expect_agree(forms[i], "Ban Bí thư", 0);
    }
}

static void
test_central_bodies(void **state)
{
    (void)state;
    expect_agree("Ban Bí thư Trung ương Đảng", "Ban Bí thư", 1);
    expect_agree("BBT", "Ban Bí thư", 1);
    expect_agree("BCT", "Bộ Chính trị", 1);
    expect_agree("bộ chính trị", "BỘ CHÍNH TRỊ", 1);
    expect_agree("Bo Chinh tri", "Bộ Chính trị", 1);
    expect_agree("Bộ Chính trị", "Ban Bí thư", 0);
    /* A body of a joint issuer. */
    expect_agree("Bộ Chính trị", "Bộ Chính trị, Ban Bí thư", 1);
    expect_agree("Ban Bí thư", "Bộ Chính trị, Ban Bí thư", 1);
    expect_agree("Bộ Chính trị và Ban Bí thư", "Bộ Chính trị, Ban Bí thư", 1);
    expect_agree("Ban Tổ chức Trung ương", "Bộ Chính trị, Ban Bí thư", 0);
    /* "và" inside one body's name. */
    expect_agree("Ban Tuyên giáo và Dân vận Trung ương", "Ban Tuyên giáo và Dân vận Trung ương", 1);
    expect_agree("Ban Tuyên giáo và Dân vận Trung ương", "Ban Dân vận Trung ương", 0);
    /* Another organisation's central bodies are not the Party's. */
    expect_agree("Trung ương Đoàn", "Ban Chấp hành Trung ương Đảng", 0);
    expect_agree("Trung ương Hội Nông dân Việt Nam", "Ban Chấp hành Trung ương", 0);
}

static void
test_state_organs(void **state)
{
    (void)state;
    expect_agree("UBND tỉnh Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị", 1);
    expect_agree("Uỷ ban nhân dân tỉnh Quảng Trị", "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", 1);
    expect_agree("UBND Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị", 1);
    expect_agree("UBND tỉnh Quảng Trị", "Ủy ban nhân dân tỉnh Bắc Ninh", 0);
    /* "Thành phố" alone names no place (a real draft's "của Ủy ban nhân dân
     * Thành phố" for the Ủy ban nhân dân Thành phố Hồ Chí Minh). */
    expect_agree("Ủy ban nhân dân Thành phố", "Ủy ban nhân dân Thành phố Hồ Chí Minh", 1);
    expect_agree("Hội đồng nhân dân Thành phố", "Hội đồng nhân dân thành phố Hà Nội", 1);
    expect_agree("UBND tỉnh", "Ủy ban nhân dân tỉnh Đồng Tháp", 1);
    expect_agree("HĐND tỉnh Bắc Ninh", "Hội đồng nhân dân tỉnh Bắc Ninh", 1);
    expect_agree("HĐND tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh", 0);
    /* Places as the citation reader gives them after "tỉnh", "thành phố": a
     * place cut short at a word in lower case is not another place. */
    expect_agree("Ủy ban nhân dân tỉnh Phú Thọ", "Ủy ban nhân dân thành phố Hải Phòng", 0);
    expect_agree("Uy ban nhan dan tinh Nghe An", "Ủy ban nhân dân tỉnh Quảng Trị", 0);
    expect_agree("Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND TP. Hồ Chí Minh", 1);
    expect_agree("Ủy ban nhân dân tỉnh Hà", "Ủy ban nhân dân tỉnh Hà Tĩnh", 1);
    expect_agree("Ủy ban nhân dân tỉnh Hà Nam", "Ủy ban nhân dân tỉnh Hà Tĩnh", 0);
    expect_agree("Ủy ban nhân dân tỉnh Thừa Thiên", "UBND tỉnh Thừa Thiên Huế", 1);
    /* The chairman of a province's committee decides in its name. */
    expect_agree("Chủ tịch Ủy ban nhân dân tỉnh Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai", 1);
    expect_agree("Chủ tịch Ủy ban nhân dân tỉnh Gia Lai", "Chủ tịch UBND tỉnh Đồng Tháp", 0);
    expect_agree("Thủ tướng", "Thủ tướng Chính phủ", 1);
    expect_agree("Thu tuong Chinh phu", "Thủ tướng Chính phủ", 1);
    expect_agree("Thủ tướng Chính phủ", "Chính phủ", 0);
}

static void
test_local_party(void **state)
{
    (void)state;
    expect_agree("TU Bắc Ninh", "Tỉnh ủy Bắc Ninh", 1);
    expect_agree("Tỉnh uỷ Bắc Ninh", "Tỉnh ủy Bắc Ninh", 1);
    expect_agree("Ban Chấp hành Đảng bộ tỉnh Bắc Ninh", "Tỉnh ủy Bắc Ninh", 1);
    expect_agree("Tỉnh ủy", "Tỉnh ủy Bắc Ninh", 1);
    expect_agree("Tỉnh ủy Hà Nam", "Tỉnh ủy Bắc Ninh", 0);
    expect_agree("BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", 1);
    expect_agree("BTV TU Bắc Ninh", "Ban Thường vụ Tỉnh uỷ Bắc Ninh", 1);
    expect_agree("Thành ủy Hà Nội", "Tỉnh ủy Hà Nội", 0);
    /* "tư" is a word, "TU" a Tỉnh ủy only in capitals. */
    expect_agree("Bộ Tư pháp", "Tỉnh ủy", 0);
}

/* Who could have issued: a body that issues in another's name. */
static void
test_could_issue(void **state)
{
    (void)state;
    assert_int_equal(ct_issuer_could_issue("Bộ Chính trị", "Ban Chấp hành Trung ương", 0), 1);
    assert_int_equal(ct_issuer_could_issue("Ban Bí thư", "Ban Chấp hành Trung ương", 0), 1);
    /* A plenum's resolution is the Central Committee's own. */
    assert_int_equal(ct_issuer_could_issue("Bộ Chính trị", "Ban Chấp hành Trung ương", 1), 0);
    assert_int_equal(ct_issuer_could_issue("Ban Chấp hành Trung ương", "Bộ Chính trị", 0), 0);
    assert_int_equal(ct_issuer_could_issue("Quốc hội", "Ban Chấp hành Trung ương", 0), 0);
    assert_int_equal(ct_issuer_could_issue("Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Bắc Ninh", 0), 1);
    assert_int_equal(ct_issuer_could_issue("Tỉnh ủy Bắc Ninh", "Ban Thường vụ Tỉnh ủy", 0), 0);
    assert_int_equal(ct_issuer_could_issue("BCH TW", "Ban Chấp hành Trung ương Đảng", 1), 1);
}

static void
expect_display(const char *issuer, const char *want)
{
    vk_arena a = VK_ARENA_INIT;
    const char *got = ct_issuer_display(issuer, &a);
    if (!got || strcmp(got, want) != 0)
        fail_msg("'%s' displayed '%s', expected '%s'", issuer, got ? got : "(null)", want);
    vk_arena_free(&a);
}

static void
test_display(void **state)
{
    (void)state;
    expect_display("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng");
    expect_display("Ban Chấp hành - Trung ương - Đảng cộng sản - Việt nam",
                   "Ban Chấp hành Trung ương Đảng");
    expect_display("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM",
                   "Ban Chấp hành Trung ương Đảng");
    expect_display("Bộ Chính trị, Ban Bí thư", "Bộ Chính trị, Ban Bí thư");
    expect_display("Ban Bí thư Trung ương Đảng", "Ban Bí thư");
    expect_display("Tỉnh uỷ Bắc Ninh", "Tỉnh uỷ Bắc Ninh");
    expect_display("Trung ương Đoàn", "Trung ương Đoàn");
    expect_display("Ban Bí thư Trung ương Đoàn", "Ban Bí thư Trung ương Đoàn");
    expect_display("Ủy ban nhân dân  tỉnh Quảng Trị", "Ủy ban nhân dân tỉnh Quảng Trị");
    assert_null(ct_issuer_display(NULL, NULL));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_central_committee), cmocka_unit_test(test_central_bodies),
        cmocka_unit_test(test_state_organs),      cmocka_unit_test(test_local_party),
        cmocka_unit_test(test_could_issue),       cmocka_unit_test(test_display),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
