/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * label_internal.h: the section label a muc:/dieu: value or a KEY#SECTION
 * link names (label.c), shared by the query parser and builder and the
 * document reader.
 */
#ifndef VK_QR_LABEL_INTERNAL_H
#define VK_QR_LABEL_INTERNAL_H

#include "common/buf.h"
#include "query/qr.h"

/* Appends to out the label that value names for field (QR_F_SECTION or
 * QR_F_ARTICLE): "Điều 8" for muc:"điều 8" and dieu:8, "Điều 5.2" for
 * dieu:5.2 and muc:"khoản 2 Điều 5", "Chương II" for muc:"chuong ii"
 * (corpus/label.h); other muc: values as numbered, Roman numerals in
 * capitals and without a final dot ("iii.3." -> "III.3"). A dieu: value
 * that names no article leaves out unchanged. Returns VK_OK or VK_ENOMEM. */
vk_status qr_section_label(qr_field field, const char *value, vk_buf *out);

#endif /* VK_QR_LABEL_INTERNAL_H */
