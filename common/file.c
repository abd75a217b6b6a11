/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whole-file reading with a size limit. */
#include "common/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/i18n.h"

vk_status
vk_file_read(const char *path, size_t max_bytes, char **out, size_t *len, vk_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        return vk_fail(err, e == ENOENT ? VK_ENOTFOUND : VK_EIO, "%s: %s", path, strerror(e));
    }
    struct stat st;
    int have_st = fstat(fileno(f), &st) == 0;
    if (have_st && S_ISDIR(st.st_mode)) {
        fclose(f);
        return vk_fail(err, VK_EIO, _("%s: is a directory"), path);
    }
    /* A regular file over the limit is refused before a byte is read. */
    if (have_st && S_ISREG(st.st_mode) && (uint64_t)st.st_size > (uint64_t)max_bytes) {
        fclose(f);
        return vk_fail(err, VK_ETOOBIG, _("%s: larger than the limit of %zu bytes"), path,
                       max_bytes);
    }
    vk_buf b = VK_BUF_INIT;
    char chunk[65536];
    size_t n;
    vk_status rc = VK_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max_bytes) {
            rc = vk_fail(err, VK_ETOOBIG, _("%s: larger than the limit of %zu bytes"), path,
                         max_bytes);
            break;
        }
        if (vk_buf_append(&b, chunk, n) != VK_OK) {
            rc = vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
            break;
        }
    }
    if (rc == VK_OK && ferror(f))
        rc = vk_fail(err, VK_EIO, _("%s: read error: %s"), path, strerror(errno));
    fclose(f);
    if (rc != VK_OK) {
        vk_buf_free(&b);
        return rc;
    }
    *len = b.len;
    *out = vk_buf_steal(&b);
    if (!*out)
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    return VK_OK;
}
