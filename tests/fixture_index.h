/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fixture_index.h: a temporary index of a few fixture files, for the C tests
 * that search (test_search_articles, test_web, test_copies).
 */
#ifndef VK_TESTS_FIXTURE_INDEX_H
#define VK_TESTS_FIXTURE_INDEX_H

#include <stddef.h>

#include "xapian-c/xc.h"

/* A temporary index and its reader. */
typedef struct fixture_index {
    char dir[4096]; /* the temporary folder ($VK_TMPDIR/vk-TAG-XXXXXX) */
    char db[4200];  /* the index in it */
    xc_rdb *reader; /* open on db */
} fixture_index;

/* Indexes files[0 .. n) (paths under the source tree, $VK_SOURCE_DIR) into
 * a new index in a new temporary folder named after tag, and opens it for
 * reading into *x. Prints why on failure. Returns 0, or -1. */
int fixture_index_open(fixture_index *x, const char *tag, const char *const *files, size_t n);

/* Closes the reader and removes the folder. Returns 0, or -1. */
int fixture_index_close(fixture_index *x);

#endif /* VK_TESTS_FIXTURE_INDEX_H */
