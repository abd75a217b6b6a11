/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_writer.c: the index writer (indexer/ix.h) on text that once made it
 * fail: a file is written whole, beside the others of its batch, whatever
 * its words.
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
#include "xapian-c/xc.h"

static char dir[4096], db[4200];

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    snprintf(dir, sizeof dir, "%s/vk-writer-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/db", dir);
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Parses text as the file `name` and writes it: prepare, put, record. */
static void
write_text(ix_writer *w, const char *name, const char *text)
{
    cp_file *f = NULL;
    ix_prepared *p = NULL;
    vk_error err = {0};
    assert_int_equal(cp_parse_text(name, text, strlen(text), &f, &err), VK_OK);
    if (ix_prepare_file(f, &p, &err) != VK_OK || ix_writer_put(w, p, &err) != VK_OK ||
        ix_writer_record_file(w, name, vk_hash64(text, strlen(text)), NULL, &err) != VK_OK)
        fail_msg("%s: %s", name, err.msg);
    ix_prepared_free(p);
    cp_file_free(f);
}

static int
add_syn(const char *syn, size_t len, void *ud)
{
    (void)syn;
    *(size_t *)ud += len;
    return 0;
}

/* A word whose exact form is longer than Xapian's terms may be (text the
 * reader did not bring to NFC: 42 x U+FB2C, 126 bytes, 252 after the
 * analyzer's NFC) is left out of the synonym table, as its term is left out
 * of the passage: the file is written with its other words, and so is the
 * rest of the batch. The synonym table once refused it and the run
 * stopped. */
static void
test_long_spelling(void **state)
{
    (void)state;
    char text[512] = "# Ghi chú\n\nMột đoạn văn có từ lạ ";
    for (int i = 0; i < 42; i++)
        strcat(text, "\xef\xac\xac");
    strcat(text, " giữa câu.\n");
    ix_writer *w = NULL;
    vk_error err = {0};
    assert_int_equal(ix_writer_open(db, 1, &w, &err), VK_OK);
    write_text(w, "/before.md", "# Trước\n\nMột văn bản bình thường ở trước.\n");
    write_text(w, "/odd.md", text);
    write_text(w, "/after.md", "# Sau\n\nMột văn bản bình thường ở sau.\n");
    assert_int_equal(ix_writer_close(w, &err), VK_OK);

    const char *paths[] = {db};
    xc_rdb *r = NULL;
    assert_int_equal(xc_rdb_open(paths, 1, &r), XC_OK);
    uint32_t n = 0;
    assert_int_equal(xc_rdb_doccount(r, &n), XC_OK);
    assert_int_equal(n, 3);
    assert_int_equal(xc_rdb_termfreq(r, "lạ", strlen("lạ"), &n), XC_OK);
    assert_int_equal(n, 1);
    assert_int_equal(xc_rdb_termfreq(r, "bình", strlen("bình"), &n), XC_OK);
    assert_int_equal(n, 2);
    /* The folded form (the marks dropped: 42 x U+05E9) has no spelling. */
    char folded[128] = "";
    for (int i = 0; i < 42; i++)
        strcat(folded, "\xd7\xa9");
    size_t total = 0;
    assert_int_equal(xc_rdb_synonyms(r, folded, strlen(folded), add_syn, &total), XC_OK);
    assert_int_equal(total, 0);
    xc_rdb_close(r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_long_spelling, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
