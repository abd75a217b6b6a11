/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Status names, error messages and hashing shared by every module. */
#include "common/vk.h"

#include "common/i18n.h"

#include <stdarg.h>
#include <stdio.h>

const char *
vk_status_str(vk_status st)
{
    switch (st) {
    case VK_OK: return _("success");
    case VK_ENOMEM: return _("out of memory");
    case VK_EINVAL: return _("invalid input");
    case VK_EIO: return _("input/output error");
    case VK_ENOTFOUND: return _("not found");
    case VK_EENCODING: return _("not valid text");
    case VK_ETOOBIG: return _("too big");
    case VK_EINDEX: return _("index error");
    case VK_ELOCKED: return _("index locked");
    case VK_EFORMAT: return _("incompatible index format");
    }
    return _("unknown status");
}

vk_status
vk_fail(vk_error *err, vk_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

uint64_t
vk_hash64(const void *data, size_t len)
{
    return vk_hash64_update(VK_HASH64_INIT, data, len);
}

uint64_t
vk_hash64_update(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
