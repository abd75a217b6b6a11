/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * types.c: the document types of Party and state documents with their codes
 * (Quy định 66-QĐ/TW and Hướng dẫn 36-HD/VPTW; see ../shared/DOMAIN.md §1.2,
 * §1.3). Quy định and Quyết định share the code QĐ.
 */
#include <pthread.h>
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

/* The folded names and codes of the types (an_fold_text), made once: a
 * name is looked up for every line a header might start with. */
static char folded_names[VK_ARRAY_LEN(types)][32];
static char folded_codes[VK_ARRAY_LEN(types)][8];
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static void
fold_into(const char *s, char *out, size_t size)
{
    vk_buf f = VK_BUF_INIT;
    if (an_fold_text(s, strlen(s), &f) == VK_OK && f.len < size)
        memcpy(out, f.data ? f.data : "", f.len + 1);
    vk_buf_free(&f);
}

static void
fold_types(void)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(types); i++) {
        fold_into(types[i].name, folded_names[i], sizeof folded_names[i]);
        fold_into(types[i].code, folded_codes[i], sizeof folded_codes[i]);
    }
}

/* The type whose folded name (names, else codes) is that of s[0 .. len). */
static const cp_type *
by_folded(const char *s, size_t len, int codes)
{
    pthread_once(&folded_once, fold_types);
    vk_buf f = VK_BUF_INIT;
    const cp_type *t = NULL;
    if (an_fold_text(s, len, &f) == VK_OK) {
        for (size_t i = 0; i < VK_ARRAY_LEN(types) && !t; i++) {
            const char *want = codes ? folded_codes[i] : folded_names[i];
            if (f.len > 0 && strlen(want) == f.len && memcmp(f.data, want, f.len) == 0)
                t = &types[i];
        }
    }
    vk_buf_free(&f);
    return t;
}

const cp_type *
cp_type_by_name(const char *name, size_t len)
{
    return by_folded(name, len, 0);
}

const cp_type *
cp_type_by_code(const char *code, size_t len)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(types); i++) {
        const char *c = types[i].code;
        if (strlen(c) == len && strncmp(c, code, len) == 0)
            return &types[i];
    }
    return by_folded(code, len, 1);
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
