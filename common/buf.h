/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * buf.h: a growable byte buffer for building output and scratch strings.
 * The bytes are always NUL-terminated after `len` (when `data` is not NULL), so
 * a buffer can be handed to functions that want a C string.
 */
#ifndef VK_BUF_H
#define VK_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "common/vk.h"

typedef struct vk_buf {
    char *data;   /* heap bytes, NULL until the first append; owned by the buffer */
    size_t len;   /* bytes in use, not counting the terminating NUL */
    size_t cap;   /* bytes allocated */
} vk_buf;

#define VK_BUF_INIT {NULL, 0, 0}

/* Makes sure `extra` more bytes (plus the NUL) fit. Returns VK_OK or VK_ENOMEM
 * (also on size overflow); the buffer is unchanged on failure. */
vk_status vk_buf_reserve(vk_buf *b, size_t extra);

/* Appends bytes. Returns VK_OK or VK_ENOMEM. */
vk_status vk_buf_append(vk_buf *b, const void *data, size_t len);

/* Appends a NUL-terminated string. Returns VK_OK or VK_ENOMEM. */
vk_status vk_buf_puts(vk_buf *b, const char *s);

/* Appends one byte. Returns VK_OK or VK_ENOMEM. */
vk_status vk_buf_putc(vk_buf *b, char c);

/* Appends printf-style text. Returns VK_OK or VK_ENOMEM. */
vk_status vk_buf_printf(vk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Empties the buffer, keeping its memory. */
void vk_buf_clear(vk_buf *b);

/* Frees the memory and resets the buffer to empty. */
void vk_buf_free(vk_buf *b);

/* Hands the bytes to the caller (free() them; never NULL: an empty buffer
 * gives ""), and resets the buffer. Returns NULL only when out of memory. */
char *vk_buf_steal(vk_buf *b);

#endif /* VK_BUF_H */
