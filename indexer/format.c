/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * format.c: opening an index for reading, and the readers' check of its
 * format version (ix_schema.h), so that an index made by another version of
 * vankien is refused with a message that says how to rebuild it, instead of
 * answering wrongly.
 */
#include <stdlib.h>

#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"

vk_status
ix_format_check(xc_rdb *r, const char *db_path, vk_error *err)
{
    uint32_t count = 0;
    if (xc_rdb_doccount(r, &count) != XC_OK)
        return vk_fail(err, VK_EINDEX, "%s: %s", db_path, ix_index_error());
    char *fmt = NULL;
    size_t fmt_len = 0;
    if (xc_rdb_get_metadata(r, IX_META_FORMAT, &fmt, &fmt_len) != XC_OK)
        return vk_fail(err, VK_EINDEX, "%s: %s", db_path, ix_index_error());
    /* An empty index has nothing to misread, whatever wrote it. */
    int other = count > 0 && (fmt_len == 0 || atoi(fmt) != IX_FORMAT_VERSION);
    if (other)
        vk_fail(err, VK_EFORMAT,
                _("%s is an index of format %s; this vankien reads format %d: rebuild it with "
                "`vankien index --full --db %s PATH...`"),
                db_path, fmt_len ? fmt : "unknown (older than format 1)", IX_FORMAT_VERSION,
                db_path);
    free(fmt);
    return other ? VK_EFORMAT : VK_OK;
}

vk_status
ix_reader_open(const char *db_path, xc_rdb **out, vk_error *err)
{
    const char *paths[] = {db_path};
    *out = NULL;
    xc_rdb *r = NULL;
    xc_status st = xc_rdb_open(paths, 1, &r);
    if (st == XC_ENOMEM)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    if (st != XC_OK)
        return vk_fail(err, VK_ENOTFOUND, _("cannot open the index %s: %s"), db_path, ix_index_error());
    vk_status rc = ix_format_check(r, db_path, err);
    if (rc != VK_OK) {
        xc_rdb_close(r);
        return rc;
    }
    *out = r;
    return VK_OK;
}
