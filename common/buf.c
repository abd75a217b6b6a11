/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growable byte buffer. */
#include "common/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

vk_status
vk_buf_reserve(vk_buf *b, size_t extra)
{
    size_t need;
    if (vk_size_add(b->len, extra, &need) || vk_size_add(need, 1, &need))
        return VK_ENOMEM;
    if (need <= b->cap)
        return VK_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (vk_size_mul(cap, 2, &cap))
            return VK_ENOMEM;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return VK_ENOMEM;
    b->data = p;
    b->cap = cap;
    return VK_OK;
}

vk_status
vk_buf_append(vk_buf *b, const void *data, size_t len)
{
    if (vk_buf_reserve(b, len) != VK_OK)
        return VK_ENOMEM;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return VK_OK;
}

vk_status
vk_buf_puts(vk_buf *b, const char *s)
{
    return vk_buf_append(b, s, strlen(s));
}

vk_status
vk_buf_putc(vk_buf *b, char c)
{
    return vk_buf_append(b, &c, 1);
}

vk_status
vk_buf_printf(vk_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return VK_EINVAL;
    if ((size_t)n < sizeof small)
        return vk_buf_append(b, small, (size_t)n);
    if (vk_buf_reserve(b, (size_t)n) != VK_OK)
        return VK_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return VK_OK;
}

void
vk_buf_clear(vk_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
vk_buf_free(vk_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *
vk_buf_steal(vk_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
