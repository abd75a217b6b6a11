/* SPDX-License-Identifier: GPL-2.0-or-later */
/* zip_entry.c: see zip_entry.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "tests/zip_entry.h"

char *
zip_entry_read(const char *path, const char *name, size_t *len, zip_stat_t *st)
{
    int ze = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t s;
    zip_stat_init(&s);
    char *data = NULL;
    if (zip_stat(z, name, 0, &s) == 0) {
        data = malloc(s.size + 1);
        assert_non_null(data);
        zip_file_t *f = zip_fopen(z, name, 0);
        assert_non_null(f);
        assert_int_equal(zip_fread(f, data, s.size), (zip_int64_t)s.size);
        zip_fclose(f);
        data[s.size] = '\0';
        *len = s.size;
    }
    if (st)
        *st = s;
    zip_discard(z);
    return data;
}
