/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * web.h: web and news copies of documents (web.c): the boilerplate a portal,
 * an encyclopedia or a news site puts around a text, taken out of its lines
 * as evidence for the header, and the signs that a text is not a document
 * but only cites some. The structure parser runs both on a file's cleaned
 * lines (lines.h) before reading its header.
 */
#ifndef VK_CP_WEB_H
#define VK_CP_WEB_H

#include <stddef.h>

#include "common/vk.h"
#include "corpus/cp.h"
#include "corpus/lines.h"

/* What a web or news copy says of the document it carries, outside the
 * document's own text: a portal's metadata table ("| Số hiệu: | 39693/TB-CHQ
 * |", "Loại văn bản", "Nơi ban hành", "Người ký", "Ngày ban hành"), a
 * headline. Evidence for the header, never text. Strings in the file's
 * arena; NULL (date: 0) when not given. */
typedef struct cp_evidence {
    const char *number;   /* "39693/TB-CHQ", spaces removed */
    const char *type;     /* "Thông báo" as the table writes it */
    const char *issuer;   /* "Cục Hải quan" */
    const char *signer;   /* "Đào Thu Hương" */
    cp_date date;         /* date of issue */
    const char *headline; /* the page's own title line, as written ("# ..."), or NULL */
} cp_evidence;

/* Removes the web boilerplate of a portal or news copy from lines[0 .. *n)
 * in place (banners, copyright and consent notices, "[sửa | sửa mã
 * nguồn]" and navigation, the metadata table), keeping the order and the
 * line numbers of the rest; adds the count of lines removed to
 * f->boilerplate and fills *ev from the metadata table and headline (web.c).
 * Returns VK_OK or VK_ENOMEM. */
vk_status cp_web_clean(cp_file *f, cline *lines, size_t *n, cp_evidence *ev);

/* Why the text of lines[0 .. n) is not a document but only cites some:
 * "qa", "encyclopedia", "news"; NULL when it may be one (web.c). Looks at
 * the text's own signals only; the caller weighs them against a header. */
const char *cp_web_nondoc(const cline *lines, size_t n);

#endif /* VK_CP_WEB_H */
