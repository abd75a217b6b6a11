/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_query.c: the query parser (clauses, exact or folded lookup, errors
 * with positions) and snippets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "query/qr.h"

static qr_query *
parse_ok(const char *s)
{
    qr_query *q = NULL;
    vk_error err = {0};
    if (qr_parse(s, strlen(s), &q, &err) != VK_OK)
        fail_msg("'%s': %s", s, err.msg);
    return q;
}

static void
assert_term(const qr_term *t, const char *text, int folded)
{
    assert_int_equal(t->len, strlen(text));
    assert_memory_equal(t->text, text, t->len);
    assert_int_equal(t->folded, folded);
}

static void
test_words_and_phrases(void **state)
{
    (void)state;
    qr_query *q = parse_ok("nghi quyết \"kiểm soát quyền lực\" 28-NQ/TW khóa");
    assert_int_equal(q->n_clauses, 5);
    assert_term(&q->clauses[0].terms[0], "nghi", 1); /* typed without diacritics */
    assert_term(&q->clauses[1].terms[0], "quyết", 0);
    assert_int_equal(q->clauses[2].n_terms, 4);
    assert_true(q->clauses[2].quoted);
    assert_term(&q->clauses[2].terms[3], "lực", 0);
    /* A document number is one term, the overlay over its three tokens. */
    assert_int_equal(q->clauses[3].n_terms, 1);
    assert_false(q->clauses[3].quoted);
    assert_term(&q->clauses[3].terms[0], "28-nq/tw", 1);
    assert_int_equal(q->clauses[3].terms[0].span, 3);
    /* Old-style tone placement looks up the canonical term. */
    assert_term(&q->clauses[4].terms[0], "khoá", 0);
    qr_query_free(q);

    /* Spaces around the dash and a list stay one clause. */
    q = parse_ok("04 - KL/BTCTW 18, 19-NQ/TW");
    assert_int_equal(q->n_clauses, 2);
    assert_term(&q->clauses[0].terms[0], "04-kl/btctw", 1);
    assert_int_equal(q->clauses[1].n_terms, 2);
    assert_term(&q->clauses[1].terms[1], "19-nq/tw", 1);
    qr_query_free(q);

    q = parse_ok("   ");
    assert_int_equal(q->n_clauses, 0);
    qr_query_free(q);
    q = parse_ok("\"\" ,,, đ");
    assert_int_equal(q->n_clauses, 1);
    assert_term(&q->clauses[0].terms[0], "đ", 0);
    qr_query_free(q);
}

static void
test_errors(void **state)
{
    (void)state;
    qr_query *q = NULL;
    vk_error err = {0};
    const char *s = "đổi mới \"phương thức";
    assert_int_equal(qr_parse(s, strlen(s), &q, &err), VK_EINVAL);
    assert_null(q);
    /* The quote is the 9th character (đ, ổ count as one each). */
    assert_string_equal(err.msg, "column 9: unterminated quote");
    const char bad[] = "ab \xff";
    assert_int_equal(qr_parse(bad, 4, &q, &err), VK_EINVAL);
    assert_non_null(strstr(err.msg, "column 4"));
    char big[QR_MAX_QUERY + 2];
    memset(big, 'a', sizeof big);
    assert_int_equal(qr_parse(big, sizeof big, &q, &err), VK_EINVAL);
    assert_non_null(strstr(err.msg, "too long"));
}

static void
test_snippet(void **state)
{
    (void)state;
    qr_query *q = parse_ok("\"kiểm soát quyền lực\" cán bộ");
    const char *text = "Hoàn thiện cơ chế kiểm soát quyền lực trong công tác cán bộ; "
                       "quyền lực phải được kiểm soát.";
    vk_arena a = VK_ARENA_INIT;
    const char *snip;
    size_t *marks, n;
    assert_int_equal(qr_snippet(q, text, strlen(text), 200, &a, &snip, &marks, &n), VK_OK);
    assert_string_equal(snip, text); /* short enough to show whole */
    /* The phrase's four words and "cán", "bộ"; the lone later "quyền lực"
     * and "kiểm soát" are not a phrase match and stay plain. */
    assert_int_equal(n, 6);
    assert_memory_equal(snip + marks[0], "kiểm", marks[1] - marks[0]);
    assert_memory_equal(snip + marks[6], "lực", marks[7] - marks[6]);
    assert_memory_equal(snip + marks[8], "cán", marks[9] - marks[8]);
    vk_arena_free(&a);
    qr_query_free(q);

    /* A long text is cut around the match, with ellipses. */
    q = parse_ok("giam sat");
    char longtext[2000];
    size_t n0 = 0;
    while (n0 + 20 < 900)
        n0 += (size_t)sprintf(longtext + n0, "lorem ipsum dolor. ");
    n0 += (size_t)sprintf(longtext + n0, "công tác kiểm tra, giám sát của Đảng. ");
    while (n0 + 20 < sizeof longtext)
        n0 += (size_t)sprintf(longtext + n0, "lorem ipsum dolor. ");
    assert_int_equal(qr_snippet(q, longtext, n0, 120, &a, &snip, &marks, &n), VK_OK);
    assert_true(strncmp(snip, "… ", strlen("… ")) == 0);
    assert_non_null(strstr(snip, "giám sát"));
    assert_true(strlen(snip) < 200);
    assert_int_equal(n, 2);
    assert_memory_equal(snip + marks[0], "giám", marks[1] - marks[0]);
    vk_arena_free(&a);
    qr_query_free(q);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_phrases),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_snippet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
