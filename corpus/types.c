/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * types.c: the document types of Party and state documents with their codes
 * (Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW; see ../shared/DOMAIN.md §1.2,
 * §1.3). Quy định and Quyết định share the code QĐ.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyzers/an.h"
#include "corpus/cp.h"

static const cp_type types[] = {
    {"Nghị quyết", "NQ", "nghi-quyet"},
    {"Quyết định", "QĐ", "quyet-dinh"},
    {"Quy định", "QĐ", "quy-dinh"},
    {"Chỉ thị", "CT", "chi-thi"},
    {"Kết luận", "KL", "ket-luan"},
    {"Kế hoạch", "KH", "ke-hoach"},
    {"Chương trình", "CTr", "chuong-trinh"},
    {"Đề án", "ĐA", "de-an"},
    {"Công văn", "CV", "cong-van"},
    {"Hướng dẫn", "HD", "huong-dan"},
    {"Thông báo", "TB", "thong-bao"},
    {"Báo cáo", "BC", "bao-cao"},
    {"Tờ trình", "TTr", "to-trinh"},
    {"Quy chế", "QC", "quy-che"},
    {"Thông tri", "TT", "thong-tri"},
    {"Thông cáo", "TC", "thong-cao"},
    {"Biên bản", "BB", "bien-ban"},
    {"Quy hoạch", "QH", "quy-hoach"},
    {"Bản sao", "BS", "ban-sao"},
    /* State documents (Luật Ban hành văn bản quy phạm pháp luật, Nghị định
     * 30/2020/NĐ-CP). Thông tư shares TT with Thông tri: a state number
     * ("01/2023/TT-BTC") names the first, a Party one the second. */
    {"Nghị định", "NĐ", "nghi-dinh"},
    {"Thông tư", "TT", "thong-tu"},
    {"Thông tư liên tịch", "TTLT", "thong-tu-lien-tich"},
    {"Nghị quyết liên tịch", "NQLT", "nghi-quyet-lien-tich"},
    {"Luật", "L", "luat"},
    {"Bộ luật", "BL", "bo-luat"},
    {"Pháp lệnh", "PL", "phap-lenh"},
    {"Lệnh", "LT", "lenh"},
    {"Hiến pháp", "HP", "hien-phap"},
    {"Điều lệ", "ĐL", "dieu-le"},
    {"Công điện", "CĐ", "cong-dien"},
    {"Văn bản hợp nhất", "VBHN", "van-ban-hop-nhat"},
};

/* Compares the folded forms of two strings, ignoring runs of spaces. */
static int
folded_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    vk_buf fa = VK_BUF_INIT, fb = VK_BUF_INIT;
    int eq = an_fold_text(a, alen, &fa) == VK_OK && an_fold_text(b, blen, &fb) == VK_OK &&
             fa.len == fb.len && (fa.len == 0 || memcmp(fa.data, fb.data, fa.len) == 0);
    vk_buf_free(&fa);
    vk_buf_free(&fb);
    return eq;
}

const cp_type *
cp_type_by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(types); i++) {
        if (folded_equal(name, len, types[i].name, strlen(types[i].name)))
            return &types[i];
    }
    return NULL;
}

const cp_type *
cp_type_by_code(const char *code, size_t len)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(types); i++) {
        const char *c = types[i].code;
        if (strlen(c) == len && strncmp(c, code, len) == 0)
            return &types[i];
    }
    for (size_t i = 0; i < VK_ARRAY_LEN(types); i++) {
        if (folded_equal(code, len, types[i].code, strlen(types[i].code)))
            return &types[i];
    }
    return NULL;
}

char *
cp_date_iso(const cp_date *d, char buf[11])
{
    if (d->year <= 0 || d->year > 9999 || d->month <= 0 || d->month > 12 || d->day <= 0 ||
        d->day > 31)
        buf[0] = '\0';
    else
        snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year, (unsigned)d->month % 13u,
                 (unsigned)d->day % 32u);
    return buf;
}

int
cp_type_is_named(const char *name)
{
    static const char *const named[] = {"Điều lệ", "Bộ luật", "Luật", "Hiến pháp", "Pháp lệnh"};
    for (size_t i = 0; name && i < VK_ARRAY_LEN(named); i++) {
        if (strcmp(name, named[i]) == 0)
            return 1;
    }
    return 0;
}
