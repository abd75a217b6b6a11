/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cite.c: finding citations in body text (see cite.h). Document numbers come
 * from an_docnum_find and words from an_analyze; the grammar around them is
 * matched word by word against small tables whose words are put once, on
 * first use, into the analyzer's exact form (case-folded, NFC, one tone
 * placement), so that "NGHỊ QUYẾT", "khóa" and "khoá" need no special cases.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "corpus/cite.h"

/* ------------------------------------------------------------------------ */
/* Word tables                                                               */
/* ------------------------------------------------------------------------ */

#define MAX_WORDS 8
#define POOL_SIZE 16384

/* A phrase of the tables. `w` and `wl` are filled once by prepare(). */
typedef struct phrase {
    const char *src;          /* the phrase as written here, words separated by one space */
    const char *name;         /* what a match gives (a constant), or NULL */
    int value;                /* ordinal words: the number */
    size_t nw;                /* number of words */
    const char *w[MAX_WORDS]; /* each word in exact form, in the pool */
    size_t wl[MAX_WORDS];
} phrase;

/* Type words, with the canonical name a match gives; value 1: a draft may
 * cite one by its digits alone ("Nghị quyết 57", cp_cite_opts.draft). */
static phrase types[] = {
    {"nghị quyết", "Nghị quyết", 1, 0, {0}, {0}},
    {"quyết định", "Quyết định", 1, 0, {0}, {0}},
    {"quy định", "Quy định", 1, 0, {0}, {0}},
    {"chỉ thị", "Chỉ thị", 1, 0, {0}, {0}},
    {"kết luận", "Kết luận", 1, 0, {0}, {0}},
    {"thông báo kết luận", "Thông báo kết luận", 1, 0, {0}, {0}},
    {"thông báo", "Thông báo", 1, 0, {0}, {0}},
    {"quy chế", "Quy chế", 1, 0, {0}, {0}},
    {"thông tri", "Thông tri", 1, 0, {0}, {0}},
    {"hướng dẫn", "Hướng dẫn", 1, 0, {0}, {0}},
    {"thông cáo", "Thông cáo", 0, 0, {0}, {0}},
    {"báo cáo", "Báo cáo", 0, 0, {0}, {0}},
    {"kế hoạch", "Kế hoạch", 1, 0, {0}, {0}},
    {"chương trình hành động", "Chương trình hành động", 1, 0, {0}, {0}},
    {"chương trình", "Chương trình", 0, 0, {0}, {0}},
    {"đề án", "Đề án", 1, 0, {0}, {0}},
    {"tờ trình", "Tờ trình", 0, 0, {0}, {0}},
    {"công văn", "Công văn", 1, 0, {0}, {0}},
    {"quy hoạch", "Quy hoạch", 0, 0, {0}, {0}},
    {"biên bản", "Biên bản", 0, 0, {0}, {0}},
    {"nghị định", "Nghị định", 1, 0, {0}, {0}},
    {"thông tư liên tịch", "Thông tư liên tịch", 0, 0, {0}, {0}},
    {"thông tư", "Thông tư", 1, 0, {0}, {0}},
    {"luật", "Luật", 0, 0, {0}, {0}},
    {"pháp lệnh", "Pháp lệnh", 0, 0, {0}, {0}},
    {"lệnh", "Lệnh", 0, 0, {0}, {0}},
    {"điều lệ", "Điều lệ", 0, 0, {0}, {0}},
};

/* Words just before a citation that say how the text uses it. */
static phrase relations[] = {
    {"thực hiện", "thực hiện", 0, 0, {0}, {0}},
    {"căn cứ", "căn cứ", 0, 0, {0}, {0}},
    {"căn cứ vào", "căn cứ", 0, 0, {0}, {0}},
    {"theo", "theo", 0, 0, {0}, {0}},
    {"theo tinh thần", "theo tinh thần", 0, 0, {0}, {0}},
    {"kèm theo", "kèm theo", 0, 0, {0}, {0}},
    {"triển khai", "triển khai", 0, 0, {0}, {0}},
    {"tổng kết", "tổng kết", 0, 0, {0}, {0}},
    {"sơ kết", "sơ kết", 0, 0, {0}, {0}},
    {"quán triệt", "quán triệt", 0, 0, {0}, {0}},
    {"cụ thể hoá", "cụ thể hoá", 0, 0, {0}, {0}},
    {"bám sát", "bám sát", 0, 0, {0}, {0}},
};

/* Central issuers, matched whole. */
static phrase central[] = {
    {"ban chấp hành trung ương đảng", 0, 0, 0, {0}, {0}},
    {"ban chấp hành trung ương", 0, 0, 0, {0}, {0}},
    {"bộ chính trị", 0, 0, 0, {0}, {0}},
    {"ban bí thư", 0, 0, 0, {0}, {0}},
    {"ban tổ chức trung ương", 0, 0, 0, {0}, {0}},
    {"ban tuyên giáo trung ương", 0, 0, 0, {0}, {0}},
    {"ban dân vận trung ương", 0, 0, 0, {0}, {0}},
    {"ban tuyên giáo và dân vận trung ương", 0, 0, 0, {0}, {0}},
    {"ban nội chính trung ương", 0, 0, 0, {0}, {0}},
    {"ban kinh tế trung ương", 0, 0, 0, {0}, {0}},
    {"ban đối ngoại trung ương", 0, 0, 0, {0}, {0}},
    {"ban chỉ đạo trung ương", 0, 0, 0, {0}, {0}},
    {"văn phòng trung ương đảng", 0, 0, 0, {0}, {0}},
    {"văn phòng trung ương", 0, 0, 0, {0}, {0}},
    {"uỷ ban kiểm tra trung ương", 0, 0, 0, {0}, {0}},
    {"hội đồng lý luận trung ương", 0, 0, 0, {0}, {0}},
    {"chính phủ", 0, 0, 0, {0}, {0}},
    {"thủ tướng chính phủ", 0, 0, 0, {0}, {0}},
    {"quốc hội", 0, 0, 0, {0}, {0}},
    {"uỷ ban thường vụ quốc hội", 0, 0, 0, {0}, {0}},
    {"bộ nội vụ", 0, 0, 0, {0}, {0}},
    {"bộ tài chính", 0, 0, 0, {0}, {0}},
    {"bộ quốc phòng", 0, 0, 0, {0}, {0}},
    {"bộ công an", 0, 0, 0, {0}, {0}},
    {"bộ tư pháp", 0, 0, 0, {0}, {0}},
    {"bộ ngoại giao", 0, 0, 0, {0}, {0}},
    {"bộ y tế", 0, 0, 0, {0}, {0}},
    {"bộ công thương", 0, 0, 0, {0}, {0}},
    {"bộ xây dựng", 0, 0, 0, {0}, {0}},
    {"bộ giao thông vận tải", 0, 0, 0, {0}, {0}},
    {"bộ giáo dục và đào tạo", 0, 0, 0, {0}, {0}},
    {"bộ kế hoạch và đầu tư", 0, 0, 0, {0}, {0}},
    {"bộ tài nguyên và môi trường", 0, 0, 0, {0}, {0}},
    {"bộ thông tin và truyền thông", 0, 0, 0, {0}, {0}},
    {"bộ khoa học và công nghệ", 0, 0, 0, {0}, {0}},
    {"bộ nông nghiệp và phát triển nông thôn", 0, 0, 0, {0}, {0}},
};

/* Local issuers: [prefix] committee [locality] [Place Name]. */
static phrase prefixes[] = {
    {"ban thường vụ", 0, 0, 0, {0}, {0}},   {"ban chấp hành", 0, 0, 0, {0}, {0}},
    {"ban tổ chức", 0, 0, 0, {0}, {0}},     {"ban tuyên giáo", 0, 0, 0, {0}, {0}},
    {"ban dân vận", 0, 0, 0, {0}, {0}},     {"ban nội chính", 0, 0, 0, {0}, {0}},
    {"uỷ ban kiểm tra", 0, 0, 0, {0}, {0}}, {"văn phòng", 0, 0, 0, {0}, {0}},
    {"thường trực", 0, 0, 0, {0}, {0}},     {"chủ tịch", 0, 0, 0, {0}, {0}},
};
static phrase committees[] = {
    {"tỉnh uỷ", 0, 0, 0, {0}, {0}},         {"thành uỷ", 0, 0, 0, {0}, {0}},
    {"huyện uỷ", 0, 0, 0, {0}, {0}},        {"quận uỷ", 0, 0, 0, {0}, {0}},
    {"thị uỷ", 0, 0, 0, {0}, {0}},          {"đảng uỷ", 0, 0, 0, {0}, {0}},
    {"đảng bộ", 0, 0, 0, {0}, {0}},         {"hội đồng nhân dân", 0, 0, 0, {0}, {0}},
    {"uỷ ban nhân dân", 0, 0, 0, {0}, {0}},
};
static phrase localities[] = {
    {"tỉnh", 0, 0, 0, {0}, {0}},   {"thành phố", 0, 0, 0, {0}, {0}}, {"huyện", 0, 0, 0, {0}, {0}},
    {"quận", 0, 0, 0, {0}, {0}},   {"thị xã", 0, 0, 0, {0}, {0}},    {"xã", 0, 0, 0, {0}, {0}},
    {"phường", 0, 0, 0, {0}, {0}}, {"thị trấn", 0, 0, 0, {0}, {0}},  {"khối", 0, 0, 0, {0}, {0}},
};

/* Words that start a title or a sentence, not a place, though capitalised
 * after an issuer: "của Ủy ban nhân dân tỉnh Bắc Giang Ban hành Quy định
 * ...", "tỉnh Sơn La Tải về". A type word (types[]) ends a place too. */
static phrase title_starts[] = {
    {"ban hành", 0, 0, 0, {0}, {0}},   {"sửa đổi", 0, 0, 0, {0}, {0}},
    {"bổ sung", 0, 0, 0, {0}, {0}},    {"bãi bỏ", 0, 0, 0, {0}, {0}},
    {"phê duyệt", 0, 0, 0, {0}, {0}},  {"công bố", 0, 0, 0, {0}, {0}},
    {"thành lập", 0, 0, 0, {0}, {0}},  {"tải về", 0, 0, 0, {0}, {0}},
    {"về", 0, 0, 0, {0}, {0}},         {"triển khai", 0, 0, 0, {0}, {0}},
    {"thực hiện", 0, 0, 0, {0}, {0}},  {"tổ chức", 0, 0, 0, {0}, {0}},
    {"điều chỉnh", 0, 0, 0, {0}, {0}}, {"giao", 0, 0, 0, {0}, {0}},
};

/* Ordinals of "lần thứ sáu"; after "mười", the units of the teens. */
static phrase ordinals[] = {
    {"nhất", 0, 1, 0, {0}, {0}}, {"hai", 0, 2, 0, {0}, {0}},   {"ba", 0, 3, 0, {0}, {0}},
    {"tư", 0, 4, 0, {0}, {0}},   {"bốn", 0, 4, 0, {0}, {0}},   {"năm", 0, 5, 0, {0}, {0}},
    {"sáu", 0, 6, 0, {0}, {0}},  {"bảy", 0, 7, 0, {0}, {0}},   {"tám", 0, 8, 0, {0}, {0}},
    {"chín", 0, 9, 0, {0}, {0}}, {"mười", 0, 10, 0, {0}, {0}},
};
static phrase teens[] = {
    {"một", 0, 1, 0, {0}, {0}},  {"hai", 0, 2, 0, {0}, {0}}, {"ba", 0, 3, 0, {0}, {0}},
    {"bốn", 0, 4, 0, {0}, {0}},  {"tư", 0, 4, 0, {0}, {0}},  {"lăm", 0, 5, 0, {0}, {0}},
    {"sáu", 0, 6, 0, {0}, {0}},  {"bảy", 0, 7, 0, {0}, {0}}, {"tám", 0, 8, 0, {0}, {0}},
    {"chín", 0, 9, 0, {0}, {0}},
};

/* Words of the grammar itself. */
enum {
    G_NGHI_QUYET,
    G_SO,
    G_CUA,
    G_NGAY,
    G_KHOA,
    G_VA,
    G_CAC,
    G_NHUNG,
    G_HOI_NGHI,
    G_LAN_THU,
    G_BCH,
    G_TRUNG_UONG,
    G_DANG,
    G_DAI_HOI,
    G_DAI_BIEU,
    G_TOAN_QUOC,
    G_NAM,
    G_DIEU,
    G_KHOAN,
    G_DIEM,
    G_DIEU_LE_DANG,
    G_NAY,
    G_COUNT
};
static phrase grammar[G_COUNT] = {
    [G_NGHI_QUYET] = {"nghị quyết", 0, 0, 0, {0}, {0}},
    [G_SO] = {"số", 0, 0, 0, {0}, {0}},
    [G_CUA] = {"của", 0, 0, 0, {0}, {0}},
    [G_NGAY] = {"ngày", 0, 0, 0, {0}, {0}},
    [G_KHOA] = {"khoá", 0, 0, 0, {0}, {0}},
    [G_VA] = {"và", 0, 0, 0, {0}, {0}},
    [G_CAC] = {"các", 0, 0, 0, {0}, {0}},
    [G_NHUNG] = {"những", 0, 0, 0, {0}, {0}},
    [G_HOI_NGHI] = {"hội nghị", 0, 0, 0, {0}, {0}},
    [G_LAN_THU] = {"lần thứ", 0, 0, 0, {0}, {0}},
    [G_BCH] = {"ban chấp hành", 0, 0, 0, {0}, {0}},
    [G_TRUNG_UONG] = {"trung ương", 0, 0, 0, {0}, {0}},
    [G_DANG] = {"đảng", 0, 0, 0, {0}, {0}},
    [G_DAI_HOI] = {"đại hội", 0, 0, 0, {0}, {0}},
    [G_DAI_BIEU] = {"đại biểu", 0, 0, 0, {0}, {0}},
    [G_TOAN_QUOC] = {"toàn quốc", 0, 0, 0, {0}, {0}},
    [G_NAM] = {"năm", 0, 0, 0, {0}, {0}},
    [G_DIEU] = {"điều", 0, 0, 0, {0}, {0}},
    [G_KHOAN] = {"khoản", 0, 0, 0, {0}, {0}},
    [G_DIEM] = {"điểm", 0, 0, 0, {0}, {0}},
    [G_DIEU_LE_DANG] = {"điều lệ đảng", 0, 0, 0, {0}, {0}},
    [G_NAY] = {"này", 0, 0, 0, {0}, {0}},
};

/* How a draft introduces a short name for the document it has just cited:
 * "(sau đây gọi tắt là Nghị quyết 57)". */
static phrase alias_intros[] = {
    {"sau đây gọi tắt là", 0, 0, 0, {0}, {0}},  {"sau đây gọi là", 0, 0, 0, {0}, {0}},
    {"sau đây viết tắt là", 0, 0, 0, {0}, {0}}, {"gọi tắt là", 0, 0, 0, {0}, {0}},
    {"viết tắt là", 0, 0, 0, {0}, {0}},
};

/* Words after digits that make them a quantity, not a document: "Kế hoạch
 * 5 năm", "kế hoạch 60 ngày cao điểm" ("năm 2017" and "ngày 22/12/2024"
 * after the digits are fields, not quantities). */
static phrase quantities[] = {
    {"năm", 0, 0, 0, {0}, {0}},
    {"tháng", 0, 0, 0, {0}, {0}},
    {"tuần", 0, 0, 0, {0}, {0}},
    {"ngày", 0, 0, 0, {0}, {0}},
    {"giờ", 0, 0, 0, {0}, {0}},
    {"lần", 0, 0, 0, {0}, {0}},
    {"người", 0, 0, 0, {0}, {0}},
    {"mẫu", 0, 0, 0, {0}, {0}},
    {"nội dung", 0, 0, 0, {0}, {0}},
    {"nhiệm vụ", 0, 0, 0, {0}, {0}},
    {"nhóm", 0, 0, 0, {0}, {0}},
    {"loại", 0, 0, 0, {0}, {0}},
    /* Measure words: "Hướng dẫn 10 bước", "Đề án 2 giai đoạn", "Quy định 3
     * điều cấm", "Công văn 15 trang". */
    {"bước", 0, 0, 0, {0}, {0}},
    {"giai đoạn", 0, 0, 0, {0}, {0}},
    {"điều", 0, 0, 0, {0}, {0}},
    {"điểm", 0, 0, 0, {0}, {0}},
    {"khoản", 0, 0, 0, {0}, {0}},
    {"trang", 0, 0, 0, {0}, {0}},
    {"bản", 0, 0, 0, {0}, {0}},
    {"tỷ", 0, 0, 0, {0}, {0}},
    {"triệu", 0, 0, 0, {0}, {0}},
    {"nghìn", 0, 0, 0, {0}, {0}},
    {"ngàn", 0, 0, 0, {0}, {0}},
    {"đợt", 0, 0, 0, {0}, {0}},
    {"cấp", 0, 0, 0, {0}, {0}},
    {"lĩnh vực", 0, 0, 0, {0}, {0}},
    {"chỉ tiêu", 0, 0, 0, {0}, {0}},
    {"giải pháp", 0, 0, 0, {0}, {0}},
    {"đơn vị", 0, 0, 0, {0}, {0}},
    {"văn bản", 0, 0, 0, {0}, {0}},
    {"trường hợp", 0, 0, 0, {0}, {0}},
    {"chương", 0, 0, 0, {0}, {0}},
    {"phần", 0, 0, 0, {0}, {0}},
};

static char pool[POOL_SIZE];
static size_t pool_used;
static int tables_ok;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Splits one phrase into words and stores their exact forms in the pool.
 * Returns 1, or 0 when out of memory or room. */
static int
prepare(phrase *p, vk_buf *ex, vk_buf *fo)
{
    const char *s = p->src;
    p->nw = 0;
    while (*s) {
        const char *e = strchr(s, ' ');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        vk_buf_clear(ex);
        vk_buf_clear(fo);
        if (p->nw == MAX_WORDS || an_normalize_word(s, n, ex, fo) != VK_OK || ex->len == 0 ||
            !fo->data || ex->len + fo->len + 2 > POOL_SIZE - pool_used)
            return 0;
        /* The exact form, NUL, the folded form, NUL: fold_of() finds the
         * folded form after the exact one. */
        memcpy(pool + pool_used, ex->data, ex->len);
        pool[pool_used + ex->len] = '\0';
        memcpy(pool + pool_used + ex->len + 1, fo->data, fo->len);
        pool[pool_used + ex->len + 1 + fo->len] = '\0';
        p->w[p->nw] = pool + pool_used;
        p->wl[p->nw++] = ex->len;
        pool_used += ex->len + fo->len + 2;
        s += n + (e != NULL);
    }
    return p->nw > 0;
}

static int
prepare_set(phrase *set, size_t n, vk_buf *ex)
{
    vk_buf fo = VK_BUF_INIT;
    int ok = 1;
    for (size_t i = 0; ok && i < n; i++)
        ok = prepare(&set[i], ex, &fo);
    vk_buf_free(&fo);
    return ok;
}

static void
build_tables(void)
{
    vk_buf ex = VK_BUF_INIT;
    tables_ok = prepare_set(types, VK_ARRAY_LEN(types), &ex) &&
                prepare_set(relations, VK_ARRAY_LEN(relations), &ex) &&
                prepare_set(central, VK_ARRAY_LEN(central), &ex) &&
                prepare_set(prefixes, VK_ARRAY_LEN(prefixes), &ex) &&
                prepare_set(committees, VK_ARRAY_LEN(committees), &ex) &&
                prepare_set(localities, VK_ARRAY_LEN(localities), &ex) &&
                prepare_set(ordinals, VK_ARRAY_LEN(ordinals), &ex) &&
                prepare_set(teens, VK_ARRAY_LEN(teens), &ex) &&
                prepare_set(grammar, VK_ARRAY_LEN(grammar), &ex) &&
                prepare_set(alias_intros, VK_ARRAY_LEN(alias_intros), &ex) &&
                prepare_set(quantities, VK_ARRAY_LEN(quantities), &ex) &&
                prepare_set(title_starts, VK_ARRAY_LEN(title_starts), &ex);
    vk_buf_free(&ex);
}

/* ------------------------------------------------------------------------ */
/* The passage as words                                                      */
/* ------------------------------------------------------------------------ */

/* One plain token of the passage. */
typedef struct word {
    size_t start, end; /* byte offsets in the passage */
    const char *ex;    /* exact form (analyzer storage) */
    size_t exl;
    const char *fo; /* folded form */
    size_t fol;
    int bare; /* written without diacritics (exact form = folded form) */
    an_kind kind;
    cp_date date;      /* a date overlay that starts at this word, else 0 */
    size_t date_end;   /* byte end of that date */
    size_t date_words; /* plain words the date covers (3 or 6) */
    int in_date;       /* the word is part of a date */
} word;

/* The passage being searched. */
typedef struct scan {
    const char *s;       /* passage */
    size_t len;          /* its bytes */
    word *w;             /* plain words in text order */
    size_t n;            /* number of words */
    unsigned char *used; /* per word: already part of a citation */
} scan;

#define NONE ((size_t)-1)
#define ANY_NL 1000

/* Value of n ASCII digits (the caller checked that they are digits). */
static int
digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Reads "2022-11-17" (an AN_DATE overlay's exact form) into a date. */
static cp_date
iso_date(const char *s, size_t len)
{
    cp_date d = {0, 0, 0};
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return d;
    for (size_t i = 0; i < len; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return d;
    }
    d.year = digits_value(s, 4);
    d.month = digits_value(s + 5, 2);
    d.day = digits_value(s + 8, 2);
    return d;
}

/* Keeps the plain tokens, attaching each date overlay to the word it starts
 * at. Returns VK_OK or VK_ENOMEM. */
static vk_status
load_words(scan *sc, const an_tokens *t)
{
    size_t cnt = 0;
    for (size_t i = 0; i < t->n; i++)
        cnt += !t->v[i].overlay;
    sc->w = calloc(cnt ? cnt : 1, sizeof *sc->w);
    sc->used = calloc(cnt ? cnt : 1, 1);
    if (!sc->w || !sc->used)
        return VK_ENOMEM;
    const an_token *date = NULL;
    size_t date_end = 0;
    for (size_t i = 0; i < t->n; i++) {
        const an_token *k = &t->v[i];
        if (k->overlay) {
            if (k->kind == AN_DATE)
                date = k;
            continue;
        }
        word *w = &sc->w[sc->n++];
        int bare = k->exact_len == k->folded_len && memcmp(k->exact, k->folded, k->exact_len) == 0;
        *w = (word){k->start,  k->end,
                    k->exact,  k->exact_len,
                    k->folded, k->folded_len,
                    bare,      k->kind,
                    {0, 0, 0}, 0,
                    0,         0};
        if (date && date->start == k->start) {
            w->date = iso_date(date->exact, date->exact_len);
            w->date_end = date->end;
            w->date_words = date->span;
        }
        w->in_date = date_end > k->start;
        if (w->date_words)
            date_end = w->date_end;
        date = NULL;
    }
    return VK_OK;
}

/* First word starting at or after byte b (n if none). */
static size_t
word_at(const scan *sc, size_t b)
{
    size_t lo = 0, hi = sc->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sc->w[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Last word ending at or before byte b, or NONE. */
static size_t
word_before(const scan *sc, size_t b)
{
    size_t i = word_at(sc, b);
    while (i > 0 && sc->w[i - 1].end > b)
        i--;
    return i > 0 ? i - 1 : NONE;
}

/* Nonzero if bytes [a, b) only separate words of one citation: spaces,
 * markdown emphasis, at most max_nl line breaks, and `punct` (if not 0) at
 * most once. */
static int
gap_ok(const scan *sc, size_t a, size_t b, int max_nl, char punct)
{
    int nl = 0, p = 0;
    if (a > b)
        return 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)sc->s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '*' || c == '_')
            continue;
        if (c == 0xC2 && i + 1 < b && (unsigned char)sc->s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        if (c == '\n' && ++nl <= max_nl)
            continue;
        if (punct && c == (unsigned char)punct && !p++)
            continue;
        return 0;
    }
    return 1;
}

/* Nonzero if word i follows byte e across an acceptable gap. */
static int
after(const scan *sc, size_t i, size_t e, int max_nl, char punct)
{
    return i < sc->n && gap_ok(sc, e, sc->w[i].start, max_nl, punct);
}

/* Nonzero if word i is word k of phrase p: the same exact form, or, for a
 * word written without diacritics ("Nghi quyet", "khoa"), the same folded
 * form. A word with diacritics must match exactly ("đang" is not "đảng"). */
static int
word_eq(const scan *sc, size_t i, const phrase *p, size_t k)
{
    if (i >= sc->n)
        return 0;
    const word *w = &sc->w[i];
    if (w->exl == p->wl[k] && memcmp(w->ex, p->w[k], p->wl[k]) == 0)
        return 1;
    const char *f = p->w[k] + p->wl[k] + 1; /* the folded form (prepare) */
    return w->bare && w->exl == strlen(f) && memcmp(w->ex, f, w->exl) == 0;
}

/* Nonzero if the words from i on spell phrase p (gaps of at most max_nl line
 * breaks between them). */
static int
match_at(const scan *sc, size_t i, const phrase *p, int max_nl)
{
    if (i > sc->n || p->nw > sc->n - i)
        return 0;
    for (size_t k = 0; k < p->nw; k++) {
        if (!word_eq(sc, i + k, p, k))
            return 0;
        if (k > 0 && !gap_ok(sc, sc->w[i + k - 1].end, sc->w[i + k].start, max_nl, 0))
            return 0;
    }
    return 1;
}

/* The longest phrase of the set starting at word i, or NULL. */
static const phrase *
longest_at(const scan *sc, size_t i, const phrase *set, size_t n, int max_nl)
{
    const phrase *best = NULL;
    for (size_t k = 0; k < n; k++) {
        if ((!best || set[k].nw > best->nw) && match_at(sc, i, &set[k], max_nl))
            best = &set[k];
    }
    return best;
}

/* The longest phrase of the set ending at word j, or NULL. */
static const phrase *
longest_ending(const scan *sc, size_t j, const phrase *set, size_t n, int max_nl)
{
    const phrase *best = NULL;
    for (size_t k = 0; k < n; k++) {
        if (j == NONE || set[k].nw > j + 1 || (best && set[k].nw <= best->nw))
            continue;
        if (match_at(sc, j + 1 - set[k].nw, &set[k], max_nl))
            best = &set[k];
    }
    return best;
}

static int
is_g(const scan *sc, size_t i, int g)
{
    return match_at(sc, i, &grammar[g], 1);
}

/* First code point of word i is a capital letter. */
static int
capitalised(const scan *sc, size_t i)
{
    uint32_t cp = 0;
    const word *w = &sc->w[i];
    return vk_utf8_decode(sc->s + w->start, w->end - w->start, &cp) && an_is_upper(cp);
}

/* Word i is a Roman numeral written in capitals ("XIII"). */
static int
roman(const scan *sc, size_t i)
{
    if (i >= sc->n)
        return 0;
    const word *w = &sc->w[i];
    size_t n = w->end - w->start;
    if (n == 0 || n > 8)
        return 0;
    for (size_t k = 0; k < n; k++) {
        if (!strchr("IVXLCDM", sc->s[w->start + k]) || sc->s[w->start + k] == '\0')
            return 0;
    }
    return 1;
}

/* Word i is a number of 1..maxd digits; returns its value, or -1. */
static long
small_number(const scan *sc, size_t i, size_t maxd)
{
    if (i >= sc->n || sc->w[i].kind != AN_NUMBER || sc->w[i].exl > maxd)
        return -1;
    for (size_t k = 0; k < sc->w[i].exl; k++) {
        if (sc->w[i].ex[k] < '0' || sc->w[i].ex[k] > '9')
            return -1;
    }
    return digits_value(sc->w[i].ex, sc->w[i].exl);
}

/* ------------------------------------------------------------------------ */
/* The parts of a citation                                                    */
/* ------------------------------------------------------------------------ */

#define MAX_TERMS 8

/* What was found around one anchor. */
typedef struct parts {
    size_t start, end;     /* bytes of the citation text */
    const char *type_name; /* constant, or NULL */
    const char *relation;  /* constant, or NULL */
    cp_date date;
    size_t iss_a, iss_b;      /* issuer bytes (iss_b == 0: none) */
    size_t term_a[MAX_TERMS]; /* term bytes */
    size_t term_b[MAX_TERMS];
    size_t n_terms;
    size_t inf_a, inf_b;   /* informal name bytes (inf_b == 0: none) */
    int plenum;            /* 0: none */
    size_t cong_a, cong_b; /* congress numeral bytes (cong_b == 0: none) */
    size_t next;           /* first word after the citation */
    char article[48];      /* "Điều 8.2" named before it, or "" */
} parts;

/* A point letter ("a", "đ") at word i: its bytes, or 0. */
static size_t
point_letter(const scan *sc, size_t i)
{
    if (i >= sc->n || sc->w[i].kind != AN_WORD)
        return 0;
    const word *w = &sc->w[i];
    size_t n = w->end - w->start;
    return (n == 1 && sc->s[w->start] >= 'a' && sc->s[w->start] <= 'z') ||
                   (n == 2 && memcmp(sc->s + w->start, "đ", 2) == 0)
               ? n
               : 0;
}

/* The article the citation after word j names: "[điểm a] [khoản 2] Điều 8
 * [của]" ending at word j. Writes its label ("Điều 8.2.a") into p->article
 * and returns the first word of the phrase, or returns j + 1 and leaves it
 * "" when there is none. */
static size_t
article_before(const scan *sc, size_t j, parts *p)
{
    size_t k = j;
    p->article[0] = '\0';
    if (k != NONE && is_g(sc, k, G_CUA))
        k = k > 0 ? k - 1 : NONE;
    long dieu = k != NONE && k > 0 ? small_number(sc, k, 3) : -1;
    if (dieu <= 0 || !is_g(sc, k - 1, G_DIEU))
        return j + 1;
    size_t first = k - 1;
    long khoan = -1;
    size_t pl = 0, pw = 0;
    if (first >= 2 && is_g(sc, first - 2, G_KHOAN) && (khoan = small_number(sc, first - 1, 2)) > 0)
        first -= 2;
    if (first >= 2 && is_g(sc, first - 2, G_DIEM) && (pl = point_letter(sc, first - 1)) > 0) {
        pw = first - 1;
        first -= 2;
    }
    int n = snprintf(p->article, sizeof p->article, "Điều %ld", dieu);
    if (khoan > 0)
        n += snprintf(p->article + n, sizeof p->article - (size_t)n, ".%ld", khoan);
    if (pl)
        snprintf(p->article + n, sizeof p->article - (size_t)n, ".%.*s", (int)pl,
                 sc->s + sc->w[pw].start);
    return first;
}

/* The relation ending at word j ("các"/"những" may follow it). */
static const char *
relation_before(const scan *sc, size_t j, size_t start)
{
    if (j != NONE && (is_g(sc, j, G_CAC) || is_g(sc, j, G_NHUNG)) &&
        gap_ok(sc, sc->w[j].end, start, 1, 0)) {
        start = sc->w[j].start;
        j = j > 0 ? j - 1 : NONE;
    }
    const phrase *r = longest_ending(sc, j, relations, VK_ARRAY_LEN(relations), 1);
    return r && gap_ok(sc, sc->w[j].end, start, 1, 0) ? r->name : NULL;
}

/* The article and the relation before the citation whose words before it
 * end at word j ("thực hiện khoản 2 Điều 8 Quy định ..."): p->article and
 * p->relation. */
static void
article_and_relation(const scan *sc, size_t j, parts *p)
{
    size_t first = article_before(sc, j, p);
    if (p->article[0])
        j = first > 0 ? first - 1 : NONE;
    p->relation = relation_before(sc, j, p->article[0] ? sc->w[first].start : p->start);
}

/* ", ngày 17/11/2022" or "ngày 17 tháng 11 năm 2022" after the citation so
 * far (the date overlays of an_analyze). */
static void
take_date(const scan *sc, parts *p)
{
    size_t i = p->next;
    if (!after(sc, i, p->end, 1, ',') || !is_g(sc, i, G_NGAY))
        return;
    const word *w = &sc->w[i];
    if (w->date_words == 6 && w->date.year) {
        p->date = w->date;
        p->end = w->date_end;
        p->next = i + 6;
    } else if (i + 1 < sc->n && sc->w[i + 1].date_words == 3 && sc->w[i + 1].date.year &&
               gap_ok(sc, w->end, sc->w[i + 1].start, 1, 0)) {
        p->date = sc->w[i + 1].date;
        p->end = sc->w[i + 1].date_end;
        p->next = i + 4;
    }
}

/* Word k may be part of a place name: a capitalised word, not a Roman
 * numeral, "khoá", nor the start of a title ("Ban hành", "Quyết định"). */
static int
place_word(const scan *sc, size_t k)
{
    return k < sc->n && sc->w[k].kind == AN_WORD && capitalised(sc, k) && !roman(sc, k) &&
           !is_g(sc, k, G_KHOA) &&
           !longest_at(sc, k, title_starts, VK_ARRAY_LEN(title_starts), 1) &&
           !longest_at(sc, k, types, VK_ARRAY_LEN(types), 1);
}

/* A capitalised place name after a local committee: "Hà Nội", "Bà Rịa -
 * Vũng Tàu", ending at punctuation or a word in lower case. After a locality
 * word (`max` > 0: at most max words) the name may start on the next line
 * ("tỉnh\nPhú Thọ"), as in hard-wrapped text. Returns the first word after
 * it. */
static size_t
place_name(const scan *sc, size_t k, size_t max)
{
    size_t k0 = k;
    while ((!max || k - k0 < max) && place_word(sc, k)) {
        size_t a = sc->w[k - 1].end, b = sc->w[k].start;
        int dash = b - a == 3 && memcmp(sc->s + a, " - ", 3) == 0;
        int wrap = max && k == k0 && gap_ok(sc, a, b, 1, 0);
        if (!(b - a == 1 && sc->s[a] == ' ') && !dash && !wrap)
            break;
        k++;
    }
    return k;
}

/* Most words of a place name after "tỉnh", "thành phố", "huyện" ...
 * ("Bà Rịa - Vũng Tàu"). */
#define MAX_PLACE_WORDS 4

/* An issuer starting at word i; returns the first word after it, or NONE. */
static size_t
issuer_at(const scan *sc, size_t i)
{
    const phrase *p = longest_at(sc, i, central, VK_ARRAY_LEN(central), 1);
    if (p)
        return i + p->nw;
    size_t k = i;
    p = longest_at(sc, k, prefixes, VK_ARRAY_LEN(prefixes), 1);
    if (p &&
        !(k + p->nw < sc->n && gap_ok(sc, sc->w[k + p->nw - 1].end, sc->w[k + p->nw].start, 1, 0)))
        return NONE;
    k += p ? p->nw : 0;
    p = longest_at(sc, k, committees, VK_ARRAY_LEN(committees), 1);
    if (!p)
        return NONE;
    k += p->nw;
    p = longest_at(sc, k, localities, VK_ARRAY_LEN(localities), 1);
    if (p && gap_ok(sc, sc->w[k - 1].end, sc->w[k].start, 1, 0))
        return place_name(sc, k + p->nw, MAX_PLACE_WORDS); /* "tỉnh Phú Thọ" */
    return place_name(sc, k, 0);
}

/* ", của ISSUER" after the citation so far. */
static void
take_issuer(const scan *sc, parts *p)
{
    size_t i = p->next;
    if (!after(sc, i, p->end, 1, ',') || !is_g(sc, i, G_CUA) ||
        !after(sc, i + 1, sc->w[i].end, 1, 0))
        return;
    size_t k = issuer_at(sc, i + 1);
    if (k == NONE)
        return;
    p->iss_a = sc->w[i + 1].start;
    p->iss_b = p->end = sc->w[k - 1].end;
    p->next = k;
}

/* ", khoá XIII" (with `list`, also "khoá XI, XII" and "khoá XI và XII"). */
static void
take_terms(const scan *sc, parts *p, int list)
{
    size_t i = p->next;
    if (p->n_terms || !after(sc, i, p->end, 1, ',') || !is_g(sc, i, G_KHOA) || !roman(sc, i + 1) ||
        !gap_ok(sc, sc->w[i].end, sc->w[i + 1].start, ANY_NL, 0))
        return;
    for (i++;; i++) {
        p->term_a[p->n_terms] = sc->w[i].start;
        p->term_b[p->n_terms++] = p->end = sc->w[i].end;
        p->next = i + 1;
        if (!list || p->n_terms == MAX_TERMS)
            return;
        if (roman(sc, i + 1) && gap_ok(sc, sc->w[i].end, sc->w[i + 1].start, 0, ','))
            continue;
        if (is_g(sc, i + 1, G_VA) && roman(sc, i + 2) &&
            gap_ok(sc, sc->w[i].end, sc->w[i + 1].start, 0, 0) &&
            gap_ok(sc, sc->w[i + 1].end, sc->w[i + 2].start, 0, 0)) {
            i++;
            continue;
        }
        return;
    }
}

/* The fields after the name or number: date, issuer (the date may also
 * follow the issuer: "của Bộ Chính trị ngày 24/5/2011"), term. */
static void
take_fields(const scan *sc, parts *p, int list)
{
    take_date(sc, p);
    take_issuer(sc, p);
    if (!p->date.year)
        take_date(sc, p);
    take_terms(sc, p, list);
}

/* Marks the words of bytes [a, b) as used. */
static void
mark_used(scan *sc, size_t a, size_t b)
{
    for (size_t i = word_at(sc, a); i < sc->n && sc->w[i].start < b; i++)
        sc->used[i] = 1;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                     */
/* ------------------------------------------------------------------------ */

/* A growable array of citations. */
typedef struct cvec {
    cp_citation *v;
    size_t n, cap;
} cvec;

static vk_status
cvec_push(cvec *c, const cp_citation *x)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16, bytes;
        if (vk_size_mul(cap, sizeof *c->v, &bytes))
            return VK_ENOMEM;
        cp_citation *v = realloc(c->v, bytes);
        if (!v)
            return VK_ENOMEM;
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = *x;
    return VK_OK;
}

/* Copies passage bytes into the arena in NFC; with `clean`, runs of white
 * space become one space and markdown emphasis marks go. NULL when out of
 * memory. */
static char *
copy_text(vk_arena *a, const char *s, size_t len, int clean)
{
    vk_buf nfc = VK_BUF_INIT;
    char *out = NULL;
    if (an_nfc_text(s, len, &nfc) == VK_OK && (out = vk_arena_alloc(a, nfc.len + 1)) != NULL) {
        size_t n = 0;
        int space = 0;
        for (size_t i = 0; i < nfc.len; i++) {
            unsigned char c = (unsigned char)nfc.data[i];
            int nbsp = c == 0xC2 && i + 1 < nfc.len && (unsigned char)nfc.data[i + 1] == 0xA0;
            if (clean && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || nbsp)) {
                space = 1;
                i += (size_t)nbsp;
            } else if (!(clean && (c == '*' || c == '_'))) {
                if (space && n > 0)
                    out[n++] = ' ';
                space = 0;
                out[n++] = (char)c;
            }
        }
        out[n] = '\0';
    }
    vk_buf_free(&nfc);
    return out;
}

/* Fills the fields shared by the citations of one anchor. Returns VK_OK or
 * VK_ENOMEM. */
static vk_status
shared_fields(const scan *sc, vk_arena *a, const parts *p, cp_citation *c)
{
    memset(c, 0, sizeof *c);
    c->section = -1;
    c->alias_of = -1;
    c->type_name = p->type_name;
    c->relation = p->relation;
    c->date = p->date;
    c->start = p->start;
    c->end = p->end;
    c->text = copy_text(a, sc->s + p->start, p->end - p->start, 0);
    if (!c->text)
        return VK_ENOMEM;
    if (p->iss_b && !(c->issuer = copy_text(a, sc->s + p->iss_a, p->iss_b - p->iss_a, 1)))
        return VK_ENOMEM;
    if (p->inf_b && !(c->informal = copy_text(a, sc->s + p->inf_a, p->inf_b - p->inf_a, 1)))
        return VK_ENOMEM;
    if (p->article[0] && !(c->article = vk_arena_strndup(a, p->article, strlen(p->article))))
        return VK_ENOMEM;
    if (p->cong_b && !(c->congress = vk_arena_strndup(a, sc->s + p->cong_a, p->cong_b - p->cong_a)))
        return VK_ENOMEM;
    if (p->plenum) {
        char num[16];
        size_t n = (size_t)snprintf(num, sizeof num, "%d", p->plenum);
        if (!(c->plenum = vk_arena_strndup(a, num, n)))
            return VK_ENOMEM;
    }
    return VK_OK;
}

/* Pushes one citation per term (or one without a term). */
static vk_status
push_terms(const scan *sc, vk_arena *a, const parts *p, const cp_citation *base, cvec *out)
{
    for (size_t t = 0; t < (p->n_terms ? p->n_terms : 1); t++) {
        cp_citation c = *base;
        if (p->n_terms &&
            !(c.term = vk_arena_strndup(a, sc->s + p->term_a[t], p->term_b[t] - p->term_a[t])))
            return VK_ENOMEM;
        if (cvec_push(out, &c) != VK_OK)
            return VK_ENOMEM;
    }
    return VK_OK;
}

/* ------------------------------------------------------------------------ */
/* Numbered citations                                                         */
/* ------------------------------------------------------------------------ */

/* Nonzero if byte c is layout around a number line: spaces, markdown marks. */
static int
layout(char c)
{
    return c != '\0' && strchr(" \t\r*#_\\>\xC2\xA0", c) != NULL;
}

/* Nonzero if bytes [a, b) are alone on their line but for layout. */
static int
alone_on_line(const scan *sc, size_t a, size_t b)
{
    while (a > 0 && layout(sc->s[a - 1]))
        a--;
    while (b < sc->len && layout(sc->s[b]))
        b++;
    return (a == 0 || sc->s[a - 1] == '\n') && (b == sc->len || sc->s[b] == '\n');
}

/* Type word, "số" and relation before the number at byte b. Returns 0 if the
 * number is a document's own number line ("Số 28-NQ/TW" alone). */
static int
lead_of_number(const scan *sc, size_t b, parts *p)
{
    size_t j = word_before(sc, b);
    p->start = b;
    if (j != NONE && is_g(sc, j, G_SO) && gap_ok(sc, sc->w[j].end, b, 1, ':')) {
        p->start = sc->w[j].start;
        j = j > 0 ? j - 1 : NONE;
        if (alone_on_line(sc, p->start, p->end))
            return 0;
    }
    const phrase *t = longest_ending(sc, j, types, VK_ARRAY_LEN(types), 1);
    if (t && gap_ok(sc, sc->w[j].end, p->start, 1, 0)) {
        p->type_name = t->name;
        j = j + 1 - t->nw;
        p->start = sc->w[j].start;
        j = j > 0 ? j - 1 : NONE;
    }
    article_and_relation(sc, j, p);
    return 1;
}

/* Nonzero if the list member at byte b is the year of a date before the list
 * ("ngày 17 tháng 11 năm 2022 và 12-KH/TW", "năm 2023, 12-KH/TW"), which
 * an_docnum_find reads as one more number of the list. */
static int
year_not_number(const scan *sc, size_t b)
{
    size_t i = word_at(sc, b);
    if (i >= sc->n || sc->w[i].start != b)
        return 0;
    return sc->w[i].in_date || (i > 0 && is_g(sc, i - 1, G_NAM));
}

/* The citations of one list of numbers d[0 .. n). */
static vk_status
numbered(scan *sc, vk_arena *a, const an_docnum *d, size_t n, cvec *out)
{
    while (n > 1 && year_not_number(sc, d[0].start))
        d++, n--;
    parts p;
    memset(&p, 0, sizeof p);
    p.end = d[0].list_end;
    p.next = word_at(sc, p.end);
    if (!lead_of_number(sc, d[0].start, &p))
        return VK_OK;
    take_fields(sc, &p, 0);
    mark_used(sc, p.start, p.end);
    cp_citation base;
    if (shared_fields(sc, a, &p, &base) != VK_OK)
        return VK_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        cp_citation c = base;
        if (!(c.number = vk_arena_strndup(a, d[k].canon, strlen(d[k].canon))))
            return VK_ENOMEM;
        if (d[k].type[0] && !(c.type_code = vk_arena_strndup(a, d[k].type, strlen(d[k].type))))
            return VK_ENOMEM;
        if (push_terms(sc, a, &p, &c, out) != VK_OK)
            return VK_ENOMEM;
    }
    return VK_OK;
}

#define DN_CHUNK 64

/* Every numbered citation of the passage, through an_docnum_find in chunks.
 * A chunk that fills up may have cut its last list: that list is read again
 * with the next chunk. */
static vk_status
all_numbered(scan *sc, vk_arena *a, cvec *out)
{
    an_docnum d[DN_CHUNK];
    size_t pos = 0;
    while (pos < sc->len) {
        size_t n = an_docnum_find(sc->s + pos, sc->len - pos, d, DN_CHUNK);
        if (n == 0)
            break;
        for (size_t k = 0; k < n; k++) {
            d[k].start += pos, d[k].end += pos;
            d[k].list_start += pos, d[k].list_end += pos;
        }
        size_t keep = n;
        while (n == DN_CHUNK && keep > 1 && d[keep - 1].list_start == d[n - 1].list_start)
            keep--;
        for (size_t k = 0; k < keep;) {
            size_t m = k + 1;
            while (m < keep && d[m].list_start == d[k].list_start)
                m++;
            if (numbered(sc, a, d + k, m - k, out) != VK_OK)
                return VK_ENOMEM;
            k = m;
        }
        pos = n == DN_CHUNK ? d[keep].list_start : sc->len;
    }
    return VK_OK;
}

/* ------------------------------------------------------------------------ */
/* Informal names                                                             */
/* ------------------------------------------------------------------------ */

/* Steps over grammar word g at word *k if it follows the previous word on the
 * same line. */
static int
opt(const scan *sc, size_t *k, int g)
{
    if (*k == 0 || !after(sc, *k, sc->w[*k - 1].end, 0, 0) || !match_at(sc, *k, &grammar[g], 0))
        return 0;
    *k += grammar[g].nw;
    return 1;
}

/* "Đại hội [Đảng] [đại biểu] [toàn quốc] [lần thứ] XII" at word k. */
static int
congress_at(const scan *sc, size_t k, parts *p)
{
    if (!opt(sc, &k, G_DAI_HOI))
        return 0;
    opt(sc, &k, G_DANG);
    opt(sc, &k, G_DAI_BIEU);
    opt(sc, &k, G_TOAN_QUOC);
    opt(sc, &k, G_LAN_THU);
    if (!roman(sc, k) || !after(sc, k, sc->w[k - 1].end, 0, 0))
        return 0;
    p->cong_a = sc->w[k].start;
    p->cong_b = p->end = sc->w[k].end;
    p->next = k + 1;
    return 1;
}

/* An ordinal after "lần thứ": digits or words ("sáu", "mười hai"). Returns
 * its value (0: none) and steps over it. */
static int
ordinal(const scan *sc, size_t *k)
{
    if (!after(sc, *k, sc->w[*k - 1].end, 0, 0))
        return 0;
    long v = small_number(sc, *k, 2);
    if (v > 0) {
        (*k)++;
        return (int)v;
    }
    const phrase *o = longest_at(sc, *k, ordinals, VK_ARRAY_LEN(ordinals), 0);
    if (!o)
        return 0;
    (*k)++;
    if (o->value == 10 && after(sc, *k, sc->w[*k - 1].end, 0, 0)) {
        const phrase *u = longest_at(sc, *k, teens, VK_ARRAY_LEN(teens), 0);
        if (u) {
            (*k)++;
            return 10 + u->value;
        }
    }
    return o->value;
}

/* Numbers of an informal list: "18,19", "18, 19", "18 và 19". */
static void
number_list(const scan *sc, size_t *k)
{
    if (small_number(sc, *k, 3) < 0 || !after(sc, *k, sc->w[*k - 1].end, 0, 0))
        return;
    for ((*k)++;;) {
        size_t i = *k;
        if (small_number(sc, i, 3) >= 0 && gap_ok(sc, sc->w[i - 1].end, sc->w[i].start, 0, ','))
            *k = i + 1;
        else if (is_g(sc, i, G_VA) && small_number(sc, i + 1, 3) >= 0 &&
                 gap_ok(sc, sc->w[i - 1].end, sc->w[i].start, 0, 0) &&
                 gap_ok(sc, sc->w[i].end, sc->w[i + 1].start, 0, 0))
            *k = i + 2;
        else
            return;
    }
}

/* "[số] [18,19] [của] [Hội nghị] [lần thứ sáu] [Ban Chấp hành] Trung ương
 * [Đảng] [6]" at word k. */
static int
plenum_at(const scan *sc, size_t k, parts *p)
{
    opt(sc, &k, G_SO);
    number_list(sc, &k);
    opt(sc, &k, G_CUA);
    opt(sc, &k, G_HOI_NGHI);
    int plenum = 0;
    if (opt(sc, &k, G_LAN_THU) && (plenum = ordinal(sc, &k)) == 0)
        return 0;
    opt(sc, &k, G_BCH);
    if (!opt(sc, &k, G_TRUNG_UONG))
        return 0;
    opt(sc, &k, G_DANG);
    if (!plenum) {
        long v = small_number(sc, k, 2);
        if (v <= 0 || !after(sc, k, sc->w[k - 1].end, 0, 0))
            return 0;
        plenum = (int)v;
        k++;
    }
    p->plenum = plenum;
    p->end = sc->w[k - 1].end;
    p->next = k;
    return 1;
}

/* An informal name starting with "Nghị quyết" at word i. */
static vk_status
informal(scan *sc, vk_arena *a, size_t i, cvec *out)
{
    parts p;
    memset(&p, 0, sizeof p);
    size_t k = i + grammar[G_NGHI_QUYET].nw;
    if (!congress_at(sc, k, &p) && !plenum_at(sc, k, &p))
        return VK_OK;
    p.start = p.inf_a = sc->w[i].start;
    p.type_name = types[0].name;
    take_terms(sc, &p, 1);
    p.inf_b = p.end;
    take_fields(sc, &p, 1);
    article_and_relation(sc, i > 0 ? i - 1 : NONE, &p);
    mark_used(sc, p.start, p.end);
    cp_citation base;
    if (shared_fields(sc, a, &p, &base) != VK_OK)
        return VK_ENOMEM;
    return push_terms(sc, a, &p, &base, out);
}

/* "Điều 5 Điều lệ Đảng" at word i: an article of the Party's Charter,
 * cited by name; the Charter named without an article is spoken of, not
 * cited. */
static vk_status
charter(scan *sc, vk_arena *a, size_t i, cvec *out)
{
    parts p;
    memset(&p, 0, sizeof p);
    size_t last = i + grammar[G_DIEU_LE_DANG].nw - 1;
    p.start = p.inf_a = sc->w[i].start;
    p.end = p.inf_b = sc->w[last].end;
    p.next = last + 1;
    p.type_name = "Điều lệ";
    size_t j = i > 0 ? i - 1 : NONE, first = article_before(sc, j, &p);
    if (!p.article[0])
        return VK_OK; /* "thực hiện nghiêm Điều lệ Đảng": the Charter in general */
    j = first > 0 ? first - 1 : NONE;
    p.relation = relation_before(sc, j, sc->w[first].start);
    mark_used(sc, p.start, p.end);
    cp_citation c;
    if (shared_fields(sc, a, &p, &c) != VK_OK)
        return VK_ENOMEM;
    return cvec_push(out, &c);
}

static vk_status
all_informal(scan *sc, vk_arena *a, cvec *out)
{
    for (size_t i = 0; i < sc->n; i++) {
        if (!sc->used[i] && match_at(sc, i, &grammar[G_NGHI_QUYET], 0) &&
            informal(sc, a, i, out) != VK_OK)
            return VK_ENOMEM;
        if (!sc->used[i] && match_at(sc, i, &grammar[G_DIEU_LE_DANG], 0) &&
            charter(sc, a, i, out) != VK_OK)
            return VK_ENOMEM;
    }
    return VK_OK;
}

/* ------------------------------------------------------------------------ */
/* Drafts: short forms                                                        */
/* ------------------------------------------------------------------------ */

/* Nonzero if the digits of word k start a number or a quantity rather than
 * name a document: "57-NQ", "66.10/2025", "391 NQ/TVQH", "25%", "5 năm",
 * "60 ngày" (but "năm 2017" and "ngày 22/12/2024" are fields). */
static int
not_short_digits(const scan *sc, size_t k)
{
    size_t e = sc->w[k].end;
    unsigned char c = e < sc->len ? (unsigned char)sc->s[e] : ' ';
    unsigned char d = e + 1 < sc->len ? (unsigned char)sc->s[e + 1] : ' ';
    if (strchr("-/%\xE2", c) || ((c == '.' || c == ',') && d >= '0' && d <= '9'))
        return 1;
    size_t j = k + 1;
    if (j >= sc->n || !gap_ok(sc, e, sc->w[j].start, 0, 0))
        return 0;
    const word *w = &sc->w[j];
    if (sc->used[j])
        return 1;
    if (w->kind == AN_WORD && w->end - w->start >= 2 && !roman(sc, j) && capitalised(sc, j)) {
        size_t up = 0; /* an issuer code written apart: "391 NQ/TVQH" */
        for (size_t b = w->start; b < w->end; b++)
            up += (sc->s[b] >= 'A' && sc->s[b] <= 'Z') || (unsigned char)sc->s[b] == 0xC4;
        if (up >= 2)
            return 1;
    }
    if (is_g(sc, j, G_NAM) && small_number(sc, j + 1, 4) >= 1900)
        return 0;
    if (is_g(sc, j, G_NGAY) &&
        (sc->w[j].date_words == 6 || (j + 1 < sc->n && sc->w[j + 1].date_words == 3)))
        return 0;
    return longest_at(sc, j, quantities, VK_ARRAY_LEN(quantities), 0) != NULL;
}

/* A short form starting at word i ("Nghị quyết [số] 57"): fills the name
 * part of p and returns 1, or returns 0. */
static int
short_at(const scan *sc, size_t i, parts *p)
{
    const phrase *t = longest_at(sc, i, types, VK_ARRAY_LEN(types), 1);
    if (!t || t->value != 1 || !capitalised(sc, i))
        return 0;
    size_t k = i + t->nw;
    if (k < sc->n && is_g(sc, k, G_SO) && after(sc, k, sc->w[k - 1].end, 1, 0))
        k++;
    if (small_number(sc, k, 4) <= 0 || sc->used[k] || sc->w[k].in_date || sc->w[k].date_words ||
        !after(sc, k, sc->w[k - 1].end, 1, 0) || not_short_digits(sc, k))
        return 0;
    memset(p, 0, sizeof *p);
    p->type_name = t->name;
    p->start = p->inf_a = sc->w[i].start;
    p->end = p->inf_b = sc->w[k].end;
    p->next = k + 1;
    return 1;
}

/* The short forms of a draft (words not already in a citation). */
static vk_status
all_short(scan *sc, vk_arena *a, cvec *out)
{
    for (size_t i = 0; i < sc->n; i++) {
        parts p;
        if (sc->used[i] || !short_at(sc, i, &p))
            continue;
        size_t dw = word_at(sc, p.inf_b) - 1;
        take_fields(sc, &p, 0);
        article_and_relation(sc, i > 0 ? i - 1 : NONE, &p);
        mark_used(sc, p.start, p.end);
        cp_citation c;
        if (shared_fields(sc, a, &p, &c) != VK_OK)
            return VK_ENOMEM;
        const char *d = sc->w[dw].ex;
        size_t dl = sc->w[dw].exl;
        while (dl > 1 && *d == '0')
            d++, dl--;
        const cp_type *ty = cp_type_by_name(p.type_name, strlen(p.type_name));
        if (!(c.digits = vk_arena_strndup(a, d, dl)) ||
            (ty && ty->code && !(c.type_code = vk_arena_strndup(a, ty->code, strlen(ty->code)))))
            return VK_ENOMEM;
        if (push_terms(sc, a, &p, &c, out) != VK_OK)
            return VK_ENOMEM;
        i = p.next - 1;
    }
    return VK_OK;
}

/* ------------------------------------------------------------------------ */
/* Drafts: aliases                                                            */
/* ------------------------------------------------------------------------ */

/* An alias a draft introduces: its name words [a0, a1) and the bytes of its
 * parentheses. */
typedef struct alias_def {
    size_t a0, a1;
    size_t open, close; /* '(' and just past ')' */
    size_t ci;          /* the citation it names */
    size_t until;       /* its uses end here: the next definition of its name */
} alias_def;

/* Words i and j are the same word (written with or without diacritics). */
static int
same_word(const scan *sc, size_t i, size_t j)
{
    const word *x = &sc->w[i], *y = &sc->w[j];
    if (x->exl == y->exl && memcmp(x->ex, y->ex, x->exl) == 0)
        return 1;
    return (x->bare || y->bare) && x->fol == y->fol && memcmp(x->fo, y->fo, x->fol) == 0;
}

/* The name of an alias is a type word first, or one token of capitals and
 * digits ("NQ57"). */
static int
alias_name_ok(const scan *sc, size_t a0, size_t a1)
{
    if (a1 <= a0 || a1 - a0 > 8)
        return 0;
    if (longest_at(sc, a0, types, VK_ARRAY_LEN(types), 1) && capitalised(sc, a0))
        return 1;
    const word *w = &sc->w[a0];
    int digit = 0, cap = 0;
    for (size_t b = w->start; b < w->end; b++) {
        digit |= sc->s[b] >= '0' && sc->s[b] <= '9';
        cap |= sc->s[b] >= 'A' && sc->s[b] <= 'Z';
    }
    return a1 - a0 == 1 && digit && cap;
}

/* "(sau đây gọi tắt là NAME)" at byte `open` (a '('). */
static int
alias_at(const scan *sc, size_t open, alias_def *d)
{
    size_t i = word_at(sc, open + 1);
    if (i >= sc->n || !gap_ok(sc, open + 1, sc->w[i].start, 0, 0))
        return 0;
    const phrase *in = longest_at(sc, i, alias_intros, VK_ARRAY_LEN(alias_intros), 1);
    if (!in)
        return 0;
    size_t k = i + in->nw, close = sc->w[k - 1].end;
    while (close < sc->len && close < sc->w[k - 1].end + 300 && sc->s[close] != ')' &&
           sc->s[close] != '(')
        close++;
    if (close >= sc->len || sc->s[close] != ')')
        return 0;
    d->a0 = k;
    d->a1 = word_at(sc, close);
    d->open = open;
    d->close = close + 1;
    return alias_name_ok(sc, d->a0, d->a1);
}

/* The digits of citation c's number ("57" for 57-NQ/TW and for the short
 * form "Nghị quyết 57"), or its plenum ("4"), into buf; "" when none. */
static void
citation_digits(const cp_citation *c, char buf[8])
{
    an_docnum d;
    buf[0] = '\0';
    const char *x = c->digits ? c->digits : c->plenum;
    if (!x && c->number && an_docnum_parse(c->number, strlen(c->number), &d))
        x = d.num;
    while (x && x[0] == '0' && x[1])
        x++;
    if (x && strlen(x) < 8)
        strcpy(buf, x);
}

/* Nonzero if a run of digits of word i is `dg` (leading zeros aside):
 * "57", "057", "NQ57". */
static int
digits_word(const scan *sc, size_t i, const char *dg)
{
    const word *w = &sc->w[i];
    size_t n = strlen(dg);
    for (size_t a = 0; a < w->exl;) {
        if (w->ex[a] < '0' || w->ex[a] > '9') {
            a++;
            continue;
        }
        size_t b = a;
        while (b < w->exl && w->ex[b] >= '0' && w->ex[b] <= '9')
            b++;
        while (a + 1 < b && w->ex[a] == '0')
            a++;
        if (b - a == n && memcmp(w->ex + a, dg, n) == 0)
            return 1;
        a = b;
    }
    return 0;
}

/* Nonzero if alias d may name the document of citation c: a name led by a
 * type word names a document of c's type ("Luật Đấu thầu" after a Nghị
 * định names the law it speaks of, not the decree); a token of capitals
 * holds c's digits ("NQ170" for 170/2024/QH15); numbers in a name are c's
 * digits or a year ("Luật Công chứng 2014"). */
static int
alias_fits(const scan *sc, const cp_citation *c, const alias_def *d)
{
    char dg[8];
    citation_digits(c, dg);
    const phrase *t = longest_at(sc, d->a0, types, VK_ARRAY_LEN(types), 1);
    if (t && c->type_name && strcmp(t->name, c->type_name) != 0)
        return 0;
    if (!t && (!dg[0] || !digits_word(sc, d->a0, dg)))
        return 0;
    for (size_t i = d->a0; t && i < d->a1; i++) {
        long v = small_number(sc, i, 4);
        if (sc->w[i].kind == AN_NUMBER && !(dg[0] && digits_word(sc, i, dg)) &&
            !(v >= 1900 && v <= 2100))
            return 0;
    }
    return 1;
}

/* The alias introduced after citation c, before byte `limit` (the next
 * citation) and in its paragraph. */
static int
alias_after(const scan *sc, const cp_citation *c, size_t limit, alias_def *d)
{
    int nl = 0;
    for (size_t b = c->end; b < limit && b < c->end + 800; b++) {
        char ch = sc->s[b];
        if (ch == '\n' && ++nl > 1)
            return 0;
        if (ch != '\n' && ch != ' ' && ch != '\t' && ch != '\r')
            nl = 0;
        if (ch == '(' && alias_at(sc, b, d))
            return 1;
    }
    return 0;
}

/* Nonzero if the name of d occurs at word j, as a use: same first-letter
 * case, and not the start of another citation ("Nghị quyết 68", "Nghị
 * quyết số", "Nghị quyết này", "Nghị quyết Trung ương 4"). */
static int
alias_use_at(const scan *sc, const alias_def *d, size_t j)
{
    size_t m = d->a1 - d->a0;
    if (j + m > sc->n || capitalised(sc, j) != capitalised(sc, d->a0))
        return 0;
    for (size_t k = 0; k < m; k++) {
        if (!same_word(sc, j + k, d->a0 + k) ||
            (k > 0 && !gap_ok(sc, sc->w[j + k - 1].end, sc->w[j + k].start, 1, 0)))
            return 0;
    }
    size_t e = j + m;
    if (e >= sc->n || !gap_ok(sc, sc->w[e - 1].end, sc->w[e].start, 1, 0))
        return 1;
    return !(sc->w[e].kind == AN_NUMBER || is_g(sc, e, G_SO) || is_g(sc, e, G_NAY) ||
             is_g(sc, e, G_TRUNG_UONG) || is_g(sc, e, G_DAI_HOI));
}

/* A use carries what names the document of the citation that introduced
 * the alias; alias_of holds that citation's start until the array is
 * final. */
static void
carry(cp_citation *use, const cp_citation *def)
{
    use->number = def->number;
    use->digits = def->digits;
    use->type_name = def->type_name;
    use->type_code = def->type_code;
    use->plenum = def->plenum;
    use->congress = def->congress;
    if (def->informal && !def->number) {
        use->informal = def->informal;
        if (!use->term)
            use->term = def->term;
    }
    use->alias_of = (long)def->start;
}

/* A new citation for the use of an alias at words [j, j + m). */
static vk_status
alias_use(scan *sc, vk_arena *a, size_t j, size_t m, const cp_citation *def, cvec *out)
{
    parts p;
    memset(&p, 0, sizeof p);
    p.start = sc->w[j].start;
    p.end = sc->w[j + m - 1].end;
    p.next = j + m;
    take_fields(sc, &p, 0);
    size_t i = j > 0 ? j - 1 : NONE, first = article_before(sc, i, &p);
    if (p.article[0])
        i = first > 0 ? first - 1 : NONE;
    p.relation = relation_before(sc, i, p.article[0] ? sc->w[first].start : p.start);
    mark_used(sc, p.start, p.end);
    cp_citation c;
    if (shared_fields(sc, a, &p, &c) != VK_OK)
        return VK_ENOMEM;
    if (p.n_terms &&
        !(c.term = vk_arena_strndup(a, sc->s + p.term_a[0], p.term_b[0] - p.term_a[0])))
        return VK_ENOMEM;
    carry(&c, def);
    return cvec_push(out, &c);
}

/* The citation of v[0 .. n) that covers byte b, or NULL. */
static cp_citation *
covering(cp_citation *v, size_t n, size_t b)
{
    for (size_t k = 0; k < n; k++) {
        if (v[k].start <= b && b < v[k].end)
            return &v[k];
    }
    return NULL;
}

/* The uses of the alias d of citation v[ci], from its parentheses on. */
static vk_status
alias_uses(scan *sc, vk_arena *a, const cvec *all, size_t ci, const alias_def *d, cvec *out)
{
    cp_citation *v = all->v;
    size_t n = all->n;
    for (size_t j = word_at(sc, d->close); j < sc->n && sc->w[j].start < d->until; j++) {
        if (!alias_use_at(sc, d, j))
            continue;
        cp_citation *c2 = covering(v, n, sc->w[j].start);
        if (c2 && c2->start == sc->w[j].start && !c2->number && c2->alias_of < 0 &&
            c2->end >= sc->w[d->a1 - d->a0 + j - 1].end)
            carry(c2, &v[ci]);
        else if (!c2 && !sc->used[j] && alias_use(sc, a, j, d->a1 - d->a0, &v[ci], out) != VK_OK)
            return VK_ENOMEM;
        j += d->a1 - d->a0 - 1;
    }
    return VK_OK;
}

/* The alias of citation v[ci], if it has one, into *d; drops the citations
 * read inside its parentheses. Returns 1 if it has one. */
static int
alias_of_citation(const scan *sc, cp_citation *v, size_t *n, size_t ci, alias_def *d)
{
    size_t next = ci + 1;
    while (next < *n && v[next].start < v[ci].end)
        next++;
    if (!alias_after(sc, &v[ci], next < *n ? v[next].end : sc->len, d))
        return 0;
    int numbered_inside = 0;
    for (size_t k = next; k < *n && v[k].start < d->close; k++)
        numbered_inside |= v[k].number != NULL;
    if (numbered_inside || (next < *n && v[next].start < d->open) || !alias_fits(sc, &v[ci], d))
        return 0;
    size_t keep = next;
    while (keep < *n && v[keep].start < d->close)
        keep++;
    memmove(v + next, v + keep, (*n - keep) * sizeof *v);
    *n -= keep - next;
    d->ci = ci;
    return 1;
}

/* Nonzero if aliases x and y have the same name. */
static int
same_name(const scan *sc, const alias_def *x, const alias_def *y)
{
    if (x->a1 - x->a0 != y->a1 - y->a0)
        return 0;
    for (size_t k = 0; k < x->a1 - x->a0; k++) {
        if (!same_word(sc, x->a0 + k, y->a0 + k))
            return 0;
    }
    return 1;
}

/* Reads the aliases of v[0 .. *n) (dropping the citations read inside
 * their parentheses), then their uses (into `out`), each up to the next
 * definition of the same name. */
static vk_status
all_aliases(scan *sc, vk_arena *a, cp_citation *v, size_t *n, cvec *out)
{
    alias_def *defs = NULL;
    size_t nd = 0, cap = 0;
    vk_status rc = VK_OK;
    for (size_t ci = 0; rc == VK_OK && ci < *n; ci++) {
        alias_def d;
        if (!alias_of_citation(sc, v, n, ci, &d))
            continue;
        if (nd == cap) {
            alias_def *nv = realloc(defs, (cap = cap ? cap * 2 : 8) * sizeof *nv);
            if (!nv) {
                rc = VK_ENOMEM;
                break;
            }
            defs = nv;
        }
        defs[nd++] = d;
        mark_used(sc, d.open, d.close);
        if (!(v[ci].alias = copy_text(a, sc->s + sc->w[d.a0].start,
                                      sc->w[d.a1 - 1].end - sc->w[d.a0].start, 1)))
            rc = VK_ENOMEM;
    }
    for (size_t k = 0; rc == VK_OK && k < nd; k++) {
        defs[k].until = sc->len;
        for (size_t m = k + 1; m < nd && defs[k].until == sc->len; m++) {
            if (same_name(sc, &defs[k], &defs[m]))
                defs[k].until = defs[m].open;
        }
        rc = alias_uses(sc, a, &(cvec){v, *n, *n}, defs[k].ci, &defs[k], out);
    }
    free(defs);
    return rc;
}

/* Turns the starts kept in alias_of (carry) into indices of v. */
static void
alias_indices(cp_citation *v, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (v[k].alias_of < 0)
            continue;
        size_t at = (size_t)v[k].alias_of;
        v[k].alias_of = -1;
        for (size_t j = 0; j < k; j++) {
            if (v[j].start == at && v[j].alias) {
                v[k].alias_of = (long)j;
                break;
            }
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Entry point                                                                */
/* ------------------------------------------------------------------------ */

/* Merges the two lists (each in text order) into one arena array. */
static vk_status
merge(vk_arena *a, const cvec *x, const cvec *y, cp_citation **out, size_t *n_out)
{
    size_t n = x->n + y->n, bytes;
    if (n == 0)
        return VK_OK;
    if (vk_size_mul(n, sizeof **out, &bytes))
        return VK_ENOMEM;
    cp_citation *v = vk_arena_alloc(a, bytes);
    if (!v)
        return VK_ENOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < x->n || j < y->n) {
        if (j == y->n || (i < x->n && x->v[i].start <= y->v[j].start))
            v[k++] = x->v[i++];
        else
            v[k++] = y->v[j++];
    }
    *out = v;
    *n_out = n;
    return VK_OK;
}

/* The draft passes: short forms, then aliases. `v` is the merged array of
 * the other citations, replaced by the final one. */
static vk_status
draft_passes(scan *sc, vk_arena *a, cp_citation **v, size_t *n)
{
    cvec sh = {NULL, 0, 0}, uses = {NULL, 0, 0};
    cp_citation *w = NULL;
    size_t m = 0;
    vk_status rc = all_short(sc, a, &sh);
    if (rc == VK_OK)
        rc = merge(a, &(cvec){*v, *n, *n}, &sh, &w, &m);
    if (rc == VK_OK)
        rc = all_aliases(sc, a, w, &m, &uses);
    if (rc == VK_OK) {
        *v = NULL;
        *n = 0;
        rc = merge(a, &(cvec){w, m, m}, &uses, v, n);
    }
    if (rc == VK_OK)
        alias_indices(*v, *n);
    free(sh.v);
    free(uses.v);
    return rc;
}

vk_status
cp_cite_find_opts(const char *text, size_t len, const cp_cite_opts *opts, vk_arena *arena,
                  cp_citation **out, size_t *n_out)
{
    if (out)
        *out = NULL;
    if (n_out)
        *n_out = 0;
    if (!out || !n_out || !arena || (!text && len > 0))
        return VK_EINVAL;
    if (len == 0)
        return VK_OK;
    pthread_once(&tables_once, build_tables);
    if (!tables_ok)
        return VK_ENOMEM;
    an_tokens spare = AN_TOKENS_INIT;
    const an_tokens *t = NULL;
    scan sc = {text, len, NULL, 0, NULL};
    cvec num = {NULL, 0, 0}, inf = {NULL, 0, 0};
    vk_status rc = an_memo_analyze(opts ? opts->memo : NULL, text, len, &spare, &t);
    if (rc == VK_OK)
        rc = load_words(&sc, t);
    if (rc == VK_OK)
        rc = all_numbered(&sc, arena, &num);
    if (rc == VK_OK)
        rc = all_informal(&sc, arena, &inf);
    if (rc == VK_OK)
        rc = merge(arena, &num, &inf, out, n_out);
    if (rc == VK_OK && opts && opts->draft)
        rc = draft_passes(&sc, arena, out, n_out);
    an_tokens_free(&spare);
    free(sc.w);
    free(sc.used);
    free(num.v);
    free(inf.v);
    if (rc != VK_OK) {
        *out = NULL;
        *n_out = 0;
    }
    return rc;
}

vk_status
cp_cite_find(const char *text, size_t len, vk_arena *arena, cp_citation **out, size_t *n_out)
{
    return cp_cite_find_opts(text, len, NULL, arena, out, n_out);
}
