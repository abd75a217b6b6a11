/* SPDX-License-Identifier: GPL-2.0-or-later */
/* common/i18n: language names, the environment, Accept-Language, and the
 * Vietnamese catalog (po/vi.po, embedded). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/i18n.h"

static void
test_parse(void **state)
{
    (void)state;
    vk_lang l = VK_LANG_EN;
    assert_int_equal(vk_lang_parse("vi", &l), 0);
    assert_int_equal(l, VK_LANG_VI);
    assert_int_equal(vk_lang_parse("en_US.UTF-8", &l), 0);
    assert_int_equal(l, VK_LANG_EN);
    assert_int_equal(vk_lang_parse("vi-VN", &l), 0);
    assert_int_equal(l, VK_LANG_VI);
    assert_int_equal(vk_lang_parse("EN", &l), 0);
    assert_int_equal(l, VK_LANG_EN);
    /* Other languages and names that only start like one. */
    l = VK_LANG_VI;
    assert_int_equal(vk_lang_parse("fr", &l), -1);
    assert_int_equal(vk_lang_parse("eng", &l), -1);
    assert_int_equal(vk_lang_parse("C.UTF-8", &l), -1);
    assert_int_equal(vk_lang_parse("", &l), -1);
    assert_int_equal(vk_lang_parse(NULL, &l), -1);
    assert_int_equal(l, VK_LANG_VI);
    assert_string_equal(vk_lang_code(VK_LANG_VI), "vi");
    assert_string_equal(vk_lang_code(VK_LANG_EN), "en");
}

static void
test_accept_language(void **state)
{
    (void)state;
    assert_int_equal(vk_lang_accept("en-US,en;q=0.9", VK_LANG_VI), VK_LANG_EN);
    assert_int_equal(vk_lang_accept("vi-VN,vi;q=0.9,en;q=0.8", VK_LANG_EN), VK_LANG_VI);
    /* By quality, not order. */
    assert_int_equal(vk_lang_accept("en;q=0.3, vi;q=0.7", VK_LANG_EN), VK_LANG_VI);
    assert_int_equal(vk_lang_accept("vi;q=0.2,en;q=0.9", VK_LANG_VI), VK_LANG_EN);
    /* Neither named, "*", q=0, nothing, garbage: the default. */
    assert_int_equal(vk_lang_accept("fr-FR,de;q=0.5", VK_LANG_VI), VK_LANG_VI);
    assert_int_equal(vk_lang_accept("fr-FR,de;q=0.5", VK_LANG_EN), VK_LANG_EN);
    assert_int_equal(vk_lang_accept("*", VK_LANG_VI), VK_LANG_VI);
    assert_int_equal(vk_lang_accept("en;q=0", VK_LANG_VI), VK_LANG_VI);
    assert_int_equal(vk_lang_accept("", VK_LANG_EN), VK_LANG_EN);
    assert_int_equal(vk_lang_accept(NULL, VK_LANG_VI), VK_LANG_VI);
    assert_int_equal(vk_lang_accept(";;;,,,q=", VK_LANG_VI), VK_LANG_VI);
}

static void
test_environment(void **state)
{
    (void)state;
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "en_US.UTF-8", 1); /* not read: systems set it by default */
    assert_int_equal(vk_lang_from_env(), VK_LANG_VI);
    setenv("LC_MESSAGES", "en_GB.UTF-8", 1);
    assert_int_equal(vk_lang_from_env(), VK_LANG_EN);
    setenv("LC_ALL", "vi_VN.UTF-8", 1); /* LC_ALL before LC_MESSAGES */
    assert_int_equal(vk_lang_from_env(), VK_LANG_VI);
    setenv("LANGUAGE", "fr:en:vi", 1); /* its first entry naming vi or en */
    assert_int_equal(vk_lang_from_env(), VK_LANG_EN);
    setenv("LANGUAGE", "fr:de", 1); /* naming neither: the next variable */
    assert_int_equal(vk_lang_from_env(), VK_LANG_VI);
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

/* Messages whose Vietnamese po/vi.po gives (read there). */
static void
test_catalog(void **state)
{
    (void)state;
    assert_true(vk_catalog_size() > 200);
    vk_set_default_lang(VK_LANG_EN);
    assert_string_equal(_("out of memory"), "out of memory");
    vk_set_lang(VK_LANG_VI);
    assert_string_equal(_("out of memory"), "không đủ bộ nhớ");
    assert_string_equal(_("there is no index there"), "không có chỉ mục ở vị trí này");
    /* One form for every count in Vietnamese; English has two. */
    assert_string_equal(vk_ngettext("%zu file", "%zu files", 1), "%zu tệp");
    assert_string_equal(vk_ngettext("%zu file", "%zu files", 7), "%zu tệp");
    /* A message the catalog lacks is shown as written. */
    assert_string_equal(_("no such message in the catalog"), "no such message in the catalog");
    assert_string_equal(_(""), "");
    vk_set_lang(VK_LANG_EN);
    assert_string_equal(vk_ngettext("%zu file", "%zu files", 1), "%zu file");
    assert_string_equal(vk_ngettext("%zu file", "%zu files", 7), "%zu files");
    assert_int_equal(vk_get_lang(), VK_LANG_EN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_accept_language),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_catalog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
