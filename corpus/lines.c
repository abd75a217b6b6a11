/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lines.c: small readers of cleaned lines shared by the header and closing
 * parsers: case tests, number and date lines, and the usual capitalization
 * of names printed in capitals.
 */
#include <string.h>
#include <strings.h>

#include "common/utf8.h"
#include "corpus/parse_internal.h"

uint32_t
cp_first_cp(const char *s, size_t len)
{
    uint32_t cp = 0;
    if (len)
        vk_utf8_decode(s, len, &cp);
    return cp;
}

uint32_t
cp_last_cp(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return i < len ? cp_first_cp(s + i, len - i) : 0;
}

const char *
cp_folded(const char *s, size_t len, vk_buf *buf)
{
    vk_buf_clear(buf);
    if (an_fold_text(s, len, buf) != VK_OK || !buf->data)
        return "";
    return buf->data;
}

int
cp_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
cp_mostly_upper(const char *s, size_t len)
{
    size_t up = 0, low = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        i += l ? l : 1;
        up += an_is_upper(cp) != 0;
        low += an_is_lower(cp) != 0;
    }
    return up > 0 && up >= 4 * low;
}

int
cp_number_line(const char *s, size_t len, an_docnum *out)
{
    vk_buf f = VK_BUF_INIT;
    int is_so = cp_starts_with(cp_folded(s, len, &f), "so");
    vk_buf_free(&f);
    if (!is_so)
        return 0;
    /* Skip the word "Số" (any spelling), a colon and spaces. */
    size_t i = 0;
    while (i < len && s[i] != ' ' && s[i] != ':' && !(s[i] >= '0' && s[i] <= '9'))
        i++;
    while (i < len && (s[i] == ' ' || s[i] == ':'))
        i++;
    return i > 0 && an_docnum_parse(s + i, len - i, out);
}

int
cp_date_in(const char *s, size_t len, an_tokens *toks, cp_date *date, size_t *place_len)
{
    if (an_analyze(s, len, 0, toks) != VK_OK)
        return 0;
    for (size_t i = 0; i < toks->n; i++) {
        const an_token *t = &toks->v[i];
        if (t->kind != AN_DATE || t->exact_len != 10)
            continue;
        const char *e = t->exact;
        date->year = (e[0] - '0') * 1000 + (e[1] - '0') * 100 + (e[2] - '0') * 10 + (e[3] - '0');
        date->month = (e[5] - '0') * 10 + (e[6] - '0');
        date->day = (e[8] - '0') * 10 + (e[9] - '0');
        const char *comma = memchr(s, ',', t->start);
        *place_len = comma && comma > s ? (size_t)(comma - s) : 0;
        return 1;
    }
    return 0;
}

const char *
cp_sentence_case(vk_arena *a, const char *s, size_t len)
{
    uint32_t cp;
    size_t l = len ? vk_utf8_decode(s, len, &cp) : 0;
    vk_buf out = VK_BUF_INIT;
    const char *r = NULL;
    if (l && vk_buf_append(&out, s, l) == VK_OK && an_casefold_text(s + l, len - l, &out) == VK_OK)
        r = vk_arena_strndup(a, out.data, out.len);
    vk_buf_free(&out);
    return r;
}

/* Names of bodies and titles as they are capitalized in running text,
 * folded; a capital letter in `proper` marks a syllable that keeps its
 * capital. Longest first. */
static const char *const proper_names[] = {
    "Ban Chap hanh Trung uong Dang",
    "Ban Chap hanh Trung uong",
    "Ban Chap hanh Dang bo",
    "Ban Chap hanh",
    "Ban Thuong vu",
    "Ban To chuc Trung uong",
    "Ban Tuyen giao Trung uong",
    "Ban Dan van Trung uong",
    "Uy ban Kiem tra Trung uong",
    "Van phong Trung uong",
    "Ban To chuc",
    "Ban Tuyen giao",
    "Ban Dan van",
    "Uy ban Kiem tra",
    "Bo Chinh tri",
    "Ban Bi thu",
    "Pho Tong Bi thu",
    "Tong Bi thu",
    "Pho Bi thu",
    "Bi thu",
    "Pho Chanh Van phong",
    "Chanh Van phong",
    "Van phong",
    "Pho Truong ban",
    "Truong ban",
    "Trung uong",
    "Dang",
    "Thanh uy",
    "Tinh uy",
    "Quan uy",
    "Huyen uy",
    "Dang uy",
    "Dang bo",
    "Uy ban nhan dan",
    "Hoi dong nhan dan",
    "Mat tran To quoc",
    "Uy ban Thuong vu Quoc hoi",
    "Thu tuong Chinh phu",
    "Van phong Chinh phu",
    "Thanh tra Chinh phu",
    "Chinh phu",
    "Quoc hoi",
    "Chu tich nuoc",
    "Bo Cong Thuong",
    "Bo Cong an",
    "Bo Y te",
    "Bo Tu phap",
    "Bo Ngoai giao",
    "Bo Quoc phong",
    "Ngan hang Nha nuoc Viet Nam",
    "Kiem toan nha nuoc",
    "Thanh pho Ho Chi Minh",
    "Ban Chi dao",
    "Pho Chu tich",
    "Chu tich",
    "Pho Thu tuong",
    "Thu tuong",
    "Pho Giam doc",
    "Giam doc",
    "Pho Cuc truong",
    "Cuc truong",
    "Bo truong",
    "Thu truong",
    "Bao hiem xa hoi Viet Nam",
    "Toa an nhan dan toi cao",
    "Vien kiem sat nhan dan toi cao",
    "Viet Nam",
};

/* Organs named by their field ("Bộ Văn hóa, Thể thao và Du lịch", "Sở Giáo
 * dục và Đào tạo", "Cục Hải quan"): the first syllable of the field and of
 * each part of it after a comma, "và" or a dash is capitalized. */
static const char *const field_organs[] = {"bo",      "so", "cuc",      "tong cuc",
                                           "chi cuc", "vu", "trung tam"};

/* Words of an administrative level ("tỉnh Đồng Tháp", "thành phố Hà Nội"):
 * lower case, the place after them capitalized. */
static const char *const levels[] = {"tinh",   "thanh pho", "huyen",    "quan",   "xa",
                                     "phuong", "thi xa",    "thi tran", "dac khu"};

/* Number of syllables of the word of list at syllable k of the folded fold,
 * 0 if none. */
static size_t
word_at(const char *fold, const size_t *fstarts, size_t fn, size_t k, const char *const *list,
        size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(list[i]);
        const char *w = fold + fstarts[k];
        if (strncmp(w, list[i], l) == 0 && (w[l] == ' ' || w[l] == '\0' || w[l] == ',')) {
            size_t syl = 1;
            for (size_t c = 0; c < l; c++)
                syl += list[i][c] == ' ';
            return k + syl <= fn ? syl : 0;
        }
    }
    return 0;
}

/* Capitalizes, in place, the first letter of the syllable starting at
 * byte i of b, when its capital has the same UTF-8 length (true of every
 * Vietnamese letter). */
static void
capitalize_at(vk_buf *b, size_t i)
{
    uint32_t cp;
    size_t l = vk_utf8_decode(b->data + i, b->len - i, &cp);
    char enc[4];
    if (l && an_is_lower(cp) && vk_utf8_encode(an_upper(cp), enc) == l)
        memcpy(b->data + i, enc, l);
}

/* Byte offsets of the space-separated syllables of s. */
static size_t
syllables(const char *s, size_t len, size_t *starts, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < max; i++) {
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
            starts[n++] = i;
    }
    return n;
}

/* Capitalizes the name of proper_names that starts at folded syllable k
 * (fold) of low, if any; returns its count of syllables, 0 if none. Sets
 * *after_body when a place follows it ("Quận ủy Ba Đình"). */
static size_t
proper_name_at(vk_buf *low, const size_t *starts, size_t n, const char *fold, size_t k,
               int *after_body)
{
    for (size_t p = 0; p < VK_ARRAY_LEN(proper_names); p++) {
        const char *name = proper_names[p];
        size_t nl = strlen(name);
        if (strncasecmp(fold, name, nl) != 0 ||
            (fold[nl] != ' ' && fold[nl] != '\0' && fold[nl] != ','))
            continue;
        /* Capitalize the syllables marked in the name. */
        size_t syl = 0;
        for (size_t c = 0; c < nl; c++) {
            if (c == 0 || name[c - 1] == ' ') {
                if (name[c] >= 'A' && name[c] <= 'Z' && k + syl < n)
                    capitalize_at(low, starts[k + syl]);
                syl++;
            }
        }
        *after_body = strstr(name, " uy") != NULL || strcmp(name, "Dang bo") == 0;
        return syl;
    }
    return 0;
}

const char *
cp_proper_case(vk_arena *a, const char *s, size_t len)
{
    vk_buf low = VK_BUF_INIT, f = VK_BUF_INIT;
    const char *r = NULL;
    if (an_casefold_text(s, len, &low) != VK_OK || !low.data) {
        vk_buf_free(&low);
        return NULL;
    }
    size_t starts[64];
    size_t n = syllables(low.data, low.len, starts, 64);
    const char *fold = cp_folded(low.data, low.len, &f);
    /* Folded syllable starts line up with the lower-case ones by index. */
    size_t fstarts[64];
    size_t fn = syllables(fold, strlen(fold), fstarts, 64);
    int after_body = 0, field = 0, place = 0;
    for (size_t k = 0; k < n && k < fn; k++) {
        size_t matched = proper_name_at(&low, starts, n, fold + fstarts[k], k, &after_body);
        if (matched) {
            k += matched - 1;
            field = place = 0;
            continue;
        }
        /* Within a place a level's word is the place's own ("tỉnh Hà
         * Tĩnh"); a comma ends the place ("xã A, huyện B"). */
        int comma = k > 0 && fstarts[k] >= 2 && fold[fstarts[k] - 2] == ',';
        size_t w = k > 0 && (!place || comma)
                       ? word_at(fold, fstarts, fn, k, levels, VK_ARRAY_LEN(levels))
                       : 0;
        if (w) {
            k += w - 1; /* "tỉnh" stays lower case; the place after it not */
            after_body = place = 1;
            field = 0;
            continue;
        }
        w = k == 0 ? word_at(fold, fstarts, fn, k, field_organs, VK_ARRAY_LEN(field_organs)) : 0;
        if (w) {
            capitalize_at(&low, starts[k]);
            k += w - 1;
            field = 1;
            continue;
        }
        if (field) {
            /* The first syllable of the field, and after ",", "và", "-". */
            const char *prev = fold + fstarts[k - 1];
            size_t pl = fstarts[k] - fstarts[k - 1];
            int opens = field == 1 || (pl >= 2 && prev[pl - 2] == ',') ||
                        strncmp(prev, "va ", 3) == 0 || strncmp(prev, "- ", 2) == 0;
            field = 2;
            if (opens && strncmp(fold + fstarts[k], "va ", 3) != 0 && fold[fstarts[k]] != '-')
                capitalize_at(&low, starts[k]);
            continue;
        }
        /* A place after "Quận ủy", "Đảng bộ": every syllable capitalized. */
        if (after_body || k == 0)
            capitalize_at(&low, starts[k]);
    }
    r = vk_arena_strndup(a, low.data, low.len);
    vk_buf_free(&low);
    vk_buf_free(&f);
    return r;
}
