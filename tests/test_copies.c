/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_copies.c: two files are one document (a result and its copies) only
 * when their text agrees. tests/data/copies holds three resolutions of one
 * title (33 and 35/2025/NQ-HĐND of Huế, 59/2025/NQ-HĐND of Hà Nội: other
 * subjects, another city) and a copy of 33 laid out as a portal has it
 * (lines wrapped, the other tone-mark style). Expected values by reading
 * the files.
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
#include "indexer/ix.h"
#include "query/qr.h"
#include "tests/fixture_index.h"

static fixture_index fx;
static xc_rdb *reader;

static int
setup(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tests/data/copies/nq-33-hue.md", "tests/data/copies/nq-35-hue.md",
        "tests/data/copies/nq-59-ha-noi.md", "tests/data/copies/nq-33-hue-ban-sao.md"};
    if (fixture_index_open(&fx, "copies", files, sizeof files / sizeof *files) != 0)
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

/* The title of all four files finds three documents, none shown as a copy
 * of another (before, one title made them one result "also in" the two
 * others); the two files of 33 have one key, one document, which names
 * the council's place (Huế): every province's council issues a 33/2025. */
static void
test_one_title_three_documents(void **state)
{
    (void)state;
    const char *text = "\"mức chi hỗ trợ cho lực lượng tham gia bảo vệ an ninh\"";
    qr_query *q = NULL;
    vk_error err = {0};
    assert_int_equal(qr_parse(text, strlen(text), &q, &err), VK_OK);
    qr_opts o = {.limit = 10};
    qr_results *r = NULL;
    assert_int_equal(qr_search(reader, q, &o, &r, &err), VK_OK);
    assert_int_equal(r->n_hits, 3);
    int seen33 = 0, seen35 = 0, seen59 = 0;
    for (size_t i = 0; i < r->n_hits; i++) {
        const qr_hit *h = &r->hits[i];
        assert_int_equal(h->n_copies, 0);
        if (strcmp(h->number, "33/2025/NQ-HĐND") == 0) {
            seen33 = 1;
            assert_string_equal(h->key, "33-2025-nq-hdnd-hue-2025");
        } else if (strcmp(h->number, "35/2025/NQ-HĐND") == 0) {
            seen35 = 1;
        } else if (strcmp(h->number, "59/2025/NQ-HĐND") == 0) {
            seen59 = 1;
        }
    }
    assert_true(seen33 && seen35 && seen59);
    qr_results_free(r);
    qr_query_free(q);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_title_three_documents),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
