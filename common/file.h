/* SPDX-License-Identifier: GPL-2.0-or-later */
/* file.h: reading a whole file into memory, with a size limit. */
#ifndef VK_FILE_H
#define VK_FILE_H

#include <stddef.h>

#include "common/vk.h"

/* Reads the file at `path` (at most max_bytes) into a malloc'd buffer that is
 * NUL-terminated after *len bytes; *out is owned by the caller (free()).
 * Returns VK_OK; VK_ENOTFOUND (no such file), VK_EIO (unreadable, or a
 * directory), VK_ETOOBIG (over max_bytes), VK_ENOMEM; err gets a message that
 * names the file. */
vk_status vk_file_read(const char *path, size_t max_bytes, char **out, size_t *len,
                       vk_error *err);

#endif /* VK_FILE_H */
