/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fixture_index.c: a temporary index of a few fixture files (see
 * fixture_index.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/cp.h"
#include "indexer/ix.h"
#include "tests/fixture_index.h"

int
fixture_index_open(fixture_index *x, const char *tag, const char *const *files, size_t n)
{
    const char *base = getenv("VK_TMPDIR"), *src = getenv("VK_SOURCE_DIR");
    x->reader = NULL;
    snprintf(x->dir, sizeof x->dir, "%s/vk-%s-XXXXXX", base ? base : "/tmp", tag);
    if (!mkdtemp(x->dir))
        return -1;
    snprintf(x->db, sizeof x->db, "%s/db", x->dir);
    ix_writer *w = NULL;
    vk_error err = {0};
    if (ix_writer_open(x->db, 1, &w, &err) != VK_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", src ? src : ".", files[i]);
        cp_file *f = NULL;
        if (cp_file_parse(path, &f, &err) != VK_OK ||
            ix_writer_add_file(w, f, NULL, &err) != VK_OK) {
            fprintf(stderr, "%s\n", err.msg);
            cp_file_free(f);
            ix_writer_close(w, &err);
            return -1;
        }
        cp_file_free(f);
    }
    if (ix_writer_close(w, &err) != VK_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    const char *paths[] = {x->db};
    return xc_rdb_open(paths, 1, &x->reader) == XC_OK ? 0 : -1;
}

int
fixture_index_close(fixture_index *x)
{
    xc_rdb_close(x->reader);
    x->reader = NULL;
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
    return system(cmd) == 0 ? 0 : -1;
}
