/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * label.c: the section label a muc:/dieu: value or a KEY#SECTION link
 * names (see label_internal.h).
 */
#include <string.h>

#include "corpus/label.h"
#include "query/label_internal.h"

vk_status
qr_section_label(qr_field field, const char *value, vk_buf *out)
{
    size_t len = strlen(value);
    if (field == QR_F_ARTICLE) {
        vk_buf v = VK_BUF_INIT;
        vk_status rc = vk_buf_printf(&v, "Điều %s", value);
        int r = rc == VK_OK ? cp_label_canon(v.data, v.len, out) : -1;
        vk_buf_free(&v);
        return r < 0 ? VK_ENOMEM : VK_OK;
    }
    int r = cp_label_canon(value, len, out);
    if (r != 0)
        return r < 0 ? VK_ENOMEM : VK_OK;
    /* Labels are written as numbered: Roman numerals in capitals. */
    size_t start = out->len;
    for (const char *c = value; *c; c++) {
        char u = (char)(*c >= 'a' && *c <= 'z' && strchr("ivxl", *c) ? *c - 32 : *c);
        if (vk_buf_putc(out, u) != VK_OK)
            return VK_ENOMEM;
    }
    while (out->len > start && out->data[out->len - 1] == '.')
        out->data[--out->len] = '\0';
    return VK_OK;
}
