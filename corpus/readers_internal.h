/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * readers_internal.h: the format readers, one per file (read_docx.c,
 * read_pdf.c, read_html.c, read_doc.c), as the dispatcher (readers.c) calls
 * them once it has named a file's format. What the readers share is in
 * reader_kit_internal.h.
 */
#ifndef VK_CP_READERS_INTERNAL_H
#define VK_CP_READERS_INTERNAL_H

#include <stddef.h>

#include "common/buf.h"
#include "common/vk.h"

/* Each reader appends the text of one file, as readers.h describes, to out
 * (at most max bytes in all), and returns the statuses of cp_read_file
 * with a message naming path. data[0 .. len) are the file's bytes. */
vk_status cp_read_docx(const char *path, const char *data, size_t len, size_t max, vk_buf *out,
                       vk_error *err);
vk_status cp_read_pdf(const char *path, const char *data, size_t len, size_t max, vk_buf *out,
                      vk_error *err);
vk_status cp_read_html(const char *path, const char *data, size_t len, size_t max, vk_buf *out,
                       vk_error *err);
/* The .doc reader runs a tool on the file at path itself. */
vk_status cp_read_doc(const char *path, size_t max, vk_buf *out, vk_error *err);

#endif /* VK_CP_READERS_INTERNAL_H */
