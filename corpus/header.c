/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * header.c: the header of a document: type, number, place and date, issuer,
 * conference, term and title, from the lines above the body (see cp.h).
 *
 * Real headers are two columns (the issuing organ, its number and subject
 * on the left; the national name and motto or the Party's name, the place
 * and date on the right) that conversion flattens into lines in either
 * order, into Markdown table cells ("|"), or glues together ("CHÍNH
 * PHỦ____ Số: 170/2025/NĐ-CP | CỘNG HÒA ..."), with a value often broken
 * over two lines ("Quảng Trị, ngày" / "18 tháng 11 năm 2025"). The reader
 * therefore cuts the letterhead into pieces (a line, or a cell of it), reads
 * each field from a piece or from a piece joined with the next ones, and
 * groups the pieces in capitals into blocks (a block ends at a blank line,
 * a rule or a cell border) to find the organ apart from the national name.
 * Then come the type line, the lines of the conference, and the title, up
 * to the enacting authority ("BỘ TRƯỞNG BỘ ..."), the first "Căn cứ" or the
 * body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "corpus/cp.h"
#include "corpus/numbering_internal.h"
#include "corpus/parse_internal.h"

/* Lines of the letterhead read at most, and the longest piece taken for a
 * header field (a sentence of the body is longer). */
#define LETTERHEAD_MAX 80
#define PIECE_MAX 160
#define PIECES_MAX 256
/* Lines of a page searched for a "TOÀN VĂN: ..." headline. */
#define FULL_TEXT_MAX 200
/* Longest title kept; a longer run of lines is a paragraph of the body. */
#define TITLE_MAX 700

/* One piece of the letterhead: a line or a cell of one. */
typedef struct piece {
    const char *s;
    size_t len;
    size_t line; /* index of its line */
    int upper;   /* mostly capitals */
    int brk;     /* a blank line, a rule or a cell border comes before it */
} piece;

/* What the letterhead holds, as found. */
typedef struct letterhead {
    piece p[PIECES_MAX];
    size_t n;
    size_t type_at;    /* line of the type, or the count of lines read */
    int party;         /* "ĐẢNG CỘNG SẢN VIỆT NAM" stands in it */
    const char *organ; /* the issuing organ, in capitals as written, in the arena */
    int part;          /* the capitals head a part of a document: no organ */
} letterhead;

/* ---------------------------------------------------------------------- */
/* Small readers                                                          */
/* ---------------------------------------------------------------------- */

/* Nonzero if the folded text starts with one of the words. */
static int
starts_any(const char *folded, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(words[i]);
        if (strncmp(folded, words[i], l) == 0 &&
            (folded[l] == ' ' || folded[l] == '\0' || folded[l] == ',' || folded[l] == ':'))
            return 1;
    }
    return 0;
}

/* The folded text is shorter than the original where a letter had marks:
 * a place in it is found in the original by its words. words_before gives
 * the index of the word at `at` in folded (its spaces before it);
 * word_start the byte in s[0 .. len) where word n starts, past its n-th
 * space (len when it has fewer). */
static size_t
words_before(const char *folded, const char *at)
{
    size_t n = 0;
    for (const char *q = folded; q < at; q++)
        n += *q == ' ';
    return n;
}

static size_t
word_start(const char *s, size_t len, size_t n)
{
    size_t i = 0;
    for (size_t w = 0; i < len && w < n; i++)
        w += s[i] == ' ';
    return i;
}

/* Lines that open the body under the title: the grounds ("Căn cứ ..."),
 * an address ("Kính gửi"), the enacting words. */
static int
opens_body(const char *s, size_t len, vk_buf *fb)
{
    static const char *const words[] = {"kinh gui",   "xet de nghi", "theo de nghi",
                                        "quyet nghi", "quyet dinh",  "dieu 1",
                                        "chuong i",   "phan i",      "phan thu nhat"};
    const char *f = cp_folded(s, len, fb);
    if (strcmp(f, "can") == 0) /* "Căn" / "cứ ..." broken by the conversion */
        return 1;
    return starts_any(f, words, VK_ARRAY_LEN(words)) || cp_starts_with(f, "can cu ");
}

/* Nonzero if the word w stands in s[0 .. len) after a space. */
static int
has_at_word(const char *s, size_t len, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 1; i + wl <= len; i++) {
        if (s[i - 1] == ' ' && memcmp(s + i, w, wl) == 0 && (i + wl == len || s[i + wl] == ' '))
            return 1;
    }
    return 0;
}

/* Words that open the line of the enacting authority under a title
 * ("BỘ TRƯỞNG BỘ TÀI CHÍNH", "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHÍNH PHỦ"). */
static int
is_authority(const char *s, size_t len, vk_buf *fb)
{
    static const char *const words[] = {
        "bo truong",     "thu truong",    "chu tich",        "cuc truong",     "tong cuc truong",
        "giam doc",      "tong giam doc", "thu tuong",       "chanh an",       "vien truong",
        "hieu truong",   "truong ban",    "thong doc",       "tong kiem toan", "uy ban",
        "hoi dong",      "chinh phu",     "quoc hoi",        "bo chinh tri",   "ban bi thu",
        "ban chap hanh", "ban thuong vu", "chanh van phong", "tong thanh tra", "bo"};
    if (!cp_mostly_upper(s, len) || len > 120 || memchr(s, ';', len))
        return 0;
    const char *fo = cp_folded(s, len, fb);
    /* "QUỐC HỘI TẠI TỔ VÀ HỘI TRƯỜNG ...": a title's words, not a name;
     * "tại" as written, for folded it is also the "TÀI" of "BỘ TÀI CHÍNH". */
    if (strstr(fo, " tai ") && (has_at_word(s, len, "TẠI") || has_at_word(s, len, "tại")))
        return 0;
    return starts_any(fo, words, VK_ARRAY_LEN(words));
}

/* Nonzero if s holds a letter or a digit. */
static int
has_word(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l)
            return 0;
        if ((cp >= '0' && cp <= '9') || an_is_upper(cp) || an_is_lower(cp))
            return 1;
        i += l;
    }
    return 0;
}

/* Cuts a line into pieces at cell borders ("|") and at rules of
 * underscores or dashes glued to words ("CHÍNH PHỦ__________ Số: ...").
 * Returns whether the next piece starts a new cell. */
static int
cut_line(letterhead *lh, const cline *ln, size_t line, int brk)
{
    size_t i = 0;
    while (i <= ln->len && lh->n < PIECES_MAX) {
        size_t j = i;
        /* The cleaner leaves one "_" of a rule of underscores. */
        while (j < ln->len && ln->s[j] != '|' && ln->s[j] != '_' &&
               !(j + 2 < ln->len && ln->s[j] == '-' && ln->s[j + 1] == '-' && ln->s[j + 2] == '-'))
            j++;
        size_t a = i, b = j;
        while (a < b && ln->s[a] == ' ')
            a++;
        while (b > a && ln->s[b - 1] == ' ')
            b--;
        if (b > a && has_word(ln->s + a, b - a)) {
            piece *p = &lh->p[lh->n++];
            *p = (piece){ln->s + a, b - a, line, cp_mostly_upper(ln->s + a, b - a), brk};
            brk = 0;
        } else if (b > a) {
            brk = 1; /* a rule of dashes "––––––" */
        }
        if (j >= ln->len)
            break;
        brk = 1;
        while (j < ln->len && strchr("|_-", ln->s[j]))
            j++;
        i = j;
    }
    return brk; /* a border at the end of the line ends the cell */
}

/* ---------------------------------------------------------------------- */
/* Number, date, type                                                     */
/* ---------------------------------------------------------------------- */

/* Reads a number from "Số: 28-NQ/TW", "Số 04 - KL/BTCTW", "Luật số:
 * 45/2019/QH14", or "Số:" with the number in the next piece. Returns the
 * count of pieces read (1 or 2), or 0. */
static size_t
number_of(const letterhead *lh, size_t k, an_docnum *out, vk_buf *fb)
{
    const piece *p = &lh->p[k];
    if (p->len > 80)
        return 0;
    const char *f = cp_folded(p->s, p->len, fb);
    const char *so = strstr(f, "so");
    if (!so || (so > f && so[-1] != ' ') || so - f > 30)
        return 0;
    /* The bytes of p->s before "số": the folded text is shorter where a
     * letter had marks, so count the words instead. */
    size_t words = words_before(f, so), i = word_start(p->s, p->len, words);
    if (words > 3 || (words && !cp_type_by_name(p->s, i ? i - 1 : 0)))
        return 0; /* "Số" in a sentence */
    if (cp_number_line(p->s + i, p->len - i, out))
        return 1;
    /* "Số:" alone, the number in the next piece. */
    const char *rest = so + 2;
    while (*rest == ':' || *rest == ' ')
        rest++;
    return *rest == '\0' && k + 1 < lh->n && lh->p[k + 1].len < 60 &&
                   an_docnum_parse(lh->p[k + 1].s, lh->p[k + 1].len, out)
               ? 2
               : 0;
}

/* "Hà Nội ngày 01 tháng 12 năm 2025", the comma left out: the place is
 * the words in capitals before "ngày". Returns its length, or 0. */
static size_t
place_before_ngay(const char *s, size_t len, vk_buf *fb)
{
    const char *fo = cp_folded(s, len, fb);
    const char *ng = strstr(fo, " ngay ");
    if (!ng || !an_is_upper(cp_first_cp(s, len)))
        return 0;
    size_t words = words_before(fo, ng) + 1; /* the place's words and "ngày" */
    if (words > 5)
        return 0;
    size_t i = word_start(s, len, words);
    return i > 0 ? i - 1 : 0;
}

/* Reads the place and date from piece k, joined with the next pieces when
 * the date runs over ("Quảng Trị, ngày" / "18 tháng 11 năm 2025"). */
static int
date_of(cp_file *f, cp_doc *doc, const letterhead *lh, size_t k, an_tokens *toks, vk_buf *fb)
{
    /* The place may be broken too ("Thành phố Hồ Chí" / "Minh, ngày 18
     * ..."), but a date starts in this piece or the next, and a name in
     * capitals before it is the letterhead's. */
    const char *own = cp_folded(lh->p[k].s, lh->p[k].len, fb);
    if (lh->p[k].upper || strstr(own, "doc lap") || strstr(own, "hanh phuc"))
        return 0; /* the motto glued before "Hà Nội, ngày ..." */
    int starts = 0;
    for (size_t m = k; m < lh->n && m < k + 2 && !starts; m++) {
        const char *fo = cp_folded(lh->p[m].s, lh->p[m].len, fb);
        starts = strstr(fo, "ngay") || strpbrk(fo, "0123456789");
    }
    if (!starts)
        return 0;
    vk_buf j = VK_BUF_INIT;
    int found = 0;
    for (size_t m = k; m < lh->n && m < k + 3 && !found; m++) {
        const piece *p = &lh->p[m];
        if (p->len > PIECE_MAX || memchr(p->s, ':', p->len) || /* "Ngày ký: ..." */
            (m == k && memchr(p->s, '/', p->len) && !strstr(cp_folded(p->s, p->len, fb), "ngay")))
            break; /* "V/v ..." above the place */
        if (j.len)
            vk_buf_putc(&j, ' ');
        vk_buf_append(&j, p->s, p->len);
        if (!j.data)
            break;
        const char *fo = cp_folded(j.data, j.len, fb);
        /* A date in figures counts only with the word "ngày" before it. */
        if (!strstr(fo, "ngay") && !strstr(fo, "thang"))
            continue;
        size_t place_len = 0;
        cp_date d;
        if (cp_date_in(j.data, j.len, toks, &d, &place_len)) {
            doc->date = d;
            if (!place_len)
                place_len = place_before_ngay(j.data, j.len, fb);
            if (place_len && place_len < 60)
                doc->place = vk_arena_strndup(&f->arena, j.data, place_len);
            found = 1;
        }
    }
    vk_buf_free(&j);
    return found;
}

/* The type of a state or Party number by its code: "15/2023/NĐ-CP" a
 * Nghị định, "28-NQ/TW" a Nghị quyết, "45/2019/QH14" a Luật, "01/2023/TT-BTC"
 * a Thông tư; a state number without a type code ("2896/BNV-CQĐP") a Công
 * văn. */
static const cp_type *
type_of_number(const char *number)
{
    const char *dash = strchr(number, '-'), *slash = strchr(number, '/');
    if (!slash)
        return NULL;
    if (dash && dash < slash) /* Party: 28-NQ/TW */
        return cp_type_by_code(dash + 1, (size_t)(slash - dash - 1));
    const char *code = slash + 1;
    const char *s2 = strchr(code, '/');
    if (s2 && code[0] >= '0' && code[0] <= '9')
        code = s2 + 1; /* past the year */
    const char *end = strchr(code, '-');
    if (!end) {
        /* "45/2019/QH14": a law of the National Assembly. */
        return code[0] == 'Q' && code[1] == 'H' && s2 ? cp_type_by_name("Luật", strlen("Luật"))
                                                      : NULL;
    }
    size_t cl = (size_t)(end - code);
    if (cl == 2 && memcmp(code, "TT", 2) == 0)
        return cp_type_by_name("Thông tư", strlen("Thông tư"));
    const cp_type *t = cp_type_by_code(code, cl);
    return t ? t : cp_type_by_name("Công văn", strlen("Công văn"));
}

/* The type line: a type's name alone ("**NGHỊ QUYẾT**"), or opening a
 * title in capitals ("NGHỊ QUYẾT VỀ ..."). Sets *title_at to the byte where
 * a title on the same line starts (0 if none). */
static const cp_type *
type_line(const char *s, size_t len, size_t *title_at, vk_buf *fb)
{
    *title_at = 0;
    if (len < 40) {
        const cp_type *t = cp_type_by_name(s, len);
        if (t)
            return t;
    }
    /* "NGHỊ ĐỊNHQuy định chi tiết ...": the type in capitals glued to a
     * title in lower case, where a bold mark stood between them. */
    size_t i = 0, last = 0;
    while (i < len) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        if (!l || !(cp == ' ' || an_is_upper(cp)))
            break;
        last = i;
        i += l;
    }
    if (i < len && i > last && an_is_lower(cp_first_cp(s + i, len - i))) {
        const cp_type *t = last > 0 ? cp_type_by_name(s, last) : NULL;
        if (t && len - last > 8) {
            *title_at = last;
            return t;
        }
    }
    if (!cp_mostly_upper(s, len))
        return NULL;
    /* "LUẬTCÁN BỘ, CÔNG CHỨC": both in capitals, glued the same way. */
    for (size_t cut = 1; cut < len && cut < 32; cut++) {
        if (((unsigned char)s[cut] & 0xC0) == 0x80 || s[cut - 1] == ' ' || s[cut] == ' ')
            continue;
        const cp_type *t = cp_type_by_name(s, cut);
        if (t && an_is_upper(cp_first_cp(s + cut, len - cut)) && len - cut > 4) {
            *title_at = cut;
            return t;
        }
    }
    /* "ĐIỀU LỆ ĐẢNG", "LUẬT ĐẤT ĐAI": a document known by its name. */
    for (size_t words = 2; words >= 1 && len < 120; words--) {
        size_t nl = word_start(s, len, words);
        const cp_type *t = nl < len ? cp_type_by_name(s, nl - 1) : NULL;
        if (t && cp_type_is_named(t->name)) {
            *title_at = nl;
            return t;
        }
    }
    const char *fo = cp_folded(s, len, fb);
    const char *ve = strstr(fo, " ve ");
    if (!ve || ve - fo > 30)
        return NULL;
    size_t at = word_start(s, len, words_before(fo, ve) + 1);
    const cp_type *t = cp_type_by_name(s, at ? at - 1 : 0);
    if (t)
        *title_at = at;
    return t;
}

/* ---------------------------------------------------------------------- */
/* The organ                                                              */
/* ---------------------------------------------------------------------- */

/* Words that open the name of an organ: where the left column stacks a
 * parent over the organ that issues ("BỘ TÀI CHÍNH" / "CỤC HẢI QUAN"), the
 * last one issues. */
static int
opens_organ(const char *folded)
{
    static const char *const words[] = {
        "bo",        "cuc",           "tong cuc",  "vu",        "uy ban",
        "ubnd",      "hoi dong",      "hdnd",      "so",        "ban",
        "van phong", "thanh uy",      "tinh uy",   "huyen uy",  "quan uy",
        "dang uy",   "chinh phu",     "quoc hoi",  "thu tuong", "chu tich nuoc",
        "toa an",    "vien kiem sat", "kiem toan", "ngan hang", "bao hiem",
        "truong",    "trung tam",     "cong an",   "thanh tra", "dang bo",
        "chi cuc",   "hoc vien",      "vien",      "tap doan",  "tong cong ty",
        "doan",      "mat tran",      "lien doan", "hoi",       "thue"};
    return starts_any(folded, words, VK_ARRAY_LEN(words));
}

/* Nonzero if a block in capitals, folded, heads a part of a document
 * rather than naming a body: an appendix or a list attached ("PHỤ LỤC I",
 * "DANH MỤC ..."), a rule or procedure issued with the text ("QUY CHẾ
 * ...", "QUY TRÌNH ..."). */
static int
names_part(const char *folded)
{
    static const char *const words[] = {"phu luc",      "danh muc", "bieu mau",  "mau",
                                        "ban cao bach", "thu tuc",  "quy trinh", "quy che",
                                        "noi quy",      "quy dinh", "huong dan", "ke hoach",
                                        "chuong trinh", "de an",    "bang",      "tong hop"};
    return starts_any(folded, words, VK_ARRAY_LEN(words));
}

/* Nonzero if a name in the letterhead, folded, cannot end here: "THỦ
 * TƯỚNG" / "CHÍNH PHỦ", "CHỦ TỊCH ỦY" / "BAN NHÂN DÂN ...". */
static int
name_goes_on(const char *folded)
{
    /* A head word alone ("VĂN PHÒNG" / "CHÍNH PHỦ", "BỘ" / "CÔNG THƯƠNG"). */
    static const char *const heads[] = {
        "bo",        "so",     "cuc",       "tong cuc",  "vu",        "uy ban",
        "hoi dong",  "ban",    "van phong", "vien",      "thanh tra", "truong",
        "trung tam", "toa an", "ngan hang", "thu tuong", "chu tich",  "uy"};
    size_t n = strlen(folded);
    for (size_t i = 0; i < VK_ARRAY_LEN(heads); i++) {
        if (strcmp(folded, heads[i]) == 0)
            return 1;
    }
    return n >= 3 && strcmp(folded + n - 3, " uy") == 0;
}

/* Length of the organ's name in s: up to the national name or the
 * Party's name when the conversion glued them to it ("ỦY BAN NHÂN DÂN TỈNH
 * ĐẮK LẮK CỘNG HOÀ XÃ HỘI ..."); 0 if the block starts with them. */
static size_t
cut_names(const char *s, size_t len, vk_buf *fb)
{
    static const char *const names[] = {"cong hoa xa hoi", "dang cong san viet nam",
                                        "doc lap - tu do"};
    const char *fo = cp_folded(s, len, fb);
    const char *cut = NULL;
    for (size_t i = 0; i < VK_ARRAY_LEN(names); i++) {
        const char *c = strstr(fo, names[i]);
        if (c && (!cut || c < cut))
            cut = c;
    }
    if (!cut)
        return len;
    size_t i = word_start(s, len, words_before(fo, cut));
    return i > 0 ? i - 1 : 0;
}

/* Nonzero if a folded name says where it is ("... tỉnh Đồng Tháp",
 * "thành phố", "huyện", "xã", "phường", "quận", "TP."). */
static int
names_place(const char *folded)
{
    static const char *const words[] = {" tinh ", " thanh pho ", " huyen ", " quan ",
                                        " xa ",   " phuong ",    " tp. ",   " tp "};
    for (size_t i = 0; i < VK_ARRAY_LEN(words); i++) {
        if (strstr(folded, words[i]) || cp_starts_with(folded, words[i] + 1))
            return 1;
    }
    return 0;
}

/* Where the place starts in a people's committee's name ("UBND TỈNH ĐỒNG
 * THÁP", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"); len if it is none. */
static size_t
local_place(const char *s, size_t len, vk_buf *fb)
{
    const char *fo = cp_folded(s, len, fb);
    size_t skip = cp_starts_with(fo, "ubnd ") ? 1 : cp_starts_with(fo, "uy ban nhan dan ") ? 4 : 0;
    if (!skip || !names_place(fo))
        return len;
    return word_start(s, len, skip);
}

/* The organ from a block of letterhead pieces in capitals [from .. to):
 * the national name and the Party's name left out, the last organ of a
 * stack kept, its lines joined. */
static void
block_organ(cp_file *f, letterhead *lh, size_t from, size_t to, vk_buf *fb)
{
    vk_buf org = VK_BUF_INIT, prev = VK_BUF_INIT, place = VK_BUF_INIT;
    for (size_t k = from; k < to; k++) {
        const piece *p = &lh->p[k];
        const char *fo = cp_folded(p->s, p->len, fb);
        if (strstr(fo, "dang cong san viet nam"))
            lh->party = 1;
        if (strpbrk(fo, "0123456789/:@"))
            continue; /* a number, a date, a stamp: not a name */
        if (org.len && opens_organ(fo) && !name_goes_on(cp_folded(org.data, org.len, &prev))) {
            /* A lower organ under its parent; a province's people's
             * committee gives it its place. */
            vk_buf_clear(&place);
            size_t at = local_place(org.data, org.len, &prev);
            if (at < org.len)
                vk_buf_append(&place, org.data + at, org.len - at);
            vk_buf_clear(&org);
        }
        if (org.len)
            vk_buf_putc(&org, ' ');
        vk_buf_append(&org, p->s, p->len);
    }
    size_t len = org.len ? cut_names(org.data, org.len, fb) : 0;
    /* "UBND THÀNH PHỐ HÀ NỘI" / "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG": the
     * centre of the city, as a citation names it, when its own name has no
     * place. */
    if (len && place.len && !names_place(cp_folded(org.data, len, fb))) {
        vk_buf named = VK_BUF_INIT;
        vk_buf_append(&named, org.data, len);
        vk_buf_putc(&named, ' ');
        vk_buf_append(&named, place.data, place.len);
        vk_buf_free(&org);
        org = named;
        len = org.len;
    }
    vk_buf_free(&place);
    /* An appendix's heading: what stands below it is no letterhead. */
    if (len && names_part(cp_folded(org.data, len, fb)))
        lh->part = 1;
    /* One word alone ("X" of a portal's close button) names nothing. */
    else if (len && memchr(org.data, ' ', len) && !lh->organ)
        lh->organ = vk_arena_strndup(&f->arena, org.data, len);
    vk_buf_free(&org);
    vk_buf_free(&prev);
}

/* Finds the organ: the first block of pieces in capitals that is neither
 * the national name, the Party's name alone, a number nor a type. */
static void
find_organ(cp_file *f, letterhead *lh, vk_buf *fb)
{
    size_t k = 0;
    while (k < lh->n && !lh->organ && !lh->part) {
        if (!lh->p[k].upper || lh->p[k].line >= lh->type_at) {
            k++;
            continue;
        }
        size_t e = k + 1;
        while (e < lh->n && lh->p[e].upper && !lh->p[e].brk && lh->p[e].line < lh->type_at)
            e++;
        block_organ(f, lh, k, e, fb);
        k = e;
    }
}

/* Length of the words of s in capitals before the first word in lower
 * case, trailing spaces and colons left out: a telegram's "THỦ TƯỚNG
 * CHÍNH PHỦ điện:" names "THỦ TƯỚNG CHÍNH PHỦ". */
static size_t
capitals_end(const char *s, size_t len)
{
    size_t i = 0, end = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        if (i < len && an_is_lower(cp_first_cp(s + i, len - i)))
            break;
        while (i < len && s[i] != ' ')
            i++;
        end = i;
    }
    while (end > 0 && (s[end - 1] == ':' || s[end - 1] == ' '))
        end--;
    return end;
}

/* The organ of the enacting authority under a title, when the letterhead
 * has none: "BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO" -> "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
 * "ỦY BAN THƯỜNG VỤ QUỐC HỘI" as it is. NULL if the line is no authority. */
static const char *
authority_organ(cp_file *f, const cline *lines, size_t at_line, size_t n, vk_buf *fb)
{
    static const char *const heads[] = {"bo truong ", "cuc truong ", "tong cuc truong ",
                                        "giam doc ",  "thong doc ",  "truong "};
    const cline *ln = &lines[at_line];
    if (ln->len == 0 || ln->len > 120 || !is_authority(ln->s, ln->len, fb))
        return NULL;
    /* "TRƯỞNG BAN CHỈ ĐẠO ... NGÀNH CÔNG" / "NGHIỆP BÁN DẪN": the name broken
     * over the next lines in capitals. */
    vk_buf all = VK_BUF_INIT;
    vk_buf_append(&all, ln->s, ln->len);
    for (size_t k = at_line + 1; k < n && k < at_line + 3; k++) {
        const cline *nx = &lines[k];
        if (nx->len == 0 || !cp_mostly_upper(nx->s, nx->len) || opens_body(nx->s, nx->len, fb) ||
            is_authority(nx->s, nx->len, fb))
            break;
        vk_buf_putc(&all, ' ');
        vk_buf_append(&all, nx->s, nx->len);
    }
    const char *r = NULL, *fo = all.data ? cp_folded(all.data, all.len, fb) : "";
    size_t skip_words = 0;
    for (size_t i = 0; i < VK_ARRAY_LEN(heads) && !skip_words; i++) {
        if (cp_starts_with(fo, heads[i]))
            skip_words = words_before(heads[i], heads[i] + strlen(heads[i]));
    }
    size_t at = word_start(all.data, all.len, skip_words);
    size_t end = all.data ? capitals_end(all.data, all.len) : 0;
    /* A person's office alone names no organ ("CHỦ TỊCH ...", "THỦ TRƯỞNG"). */
    if (all.data && at < end && !cp_starts_with(fo, "chu tich") &&
        !cp_starts_with(fo, "thu truong"))
        r = vk_arena_strndup(&f->arena, all.data + at, end - at);
    vk_buf_free(&all);
    return r;
}

/* Writes the organ out as a citation names it: "UBND" and "HĐND" spelled
 * out, in proper case ("Ủy ban nhân dân tỉnh Quảng Trị"). */
static const char *
organ_name(cp_file *f, const char *organ)
{
    vk_buf o = VK_BUF_INIT;
    static const struct {
        const char *abbr, *full;
    } abbrs[] = {{"UBND", "ỦY BAN NHÂN DÂN"}, {"HĐND", "HỘI ĐỒNG NHÂN DÂN"}};
    const char *s = organ;
    for (size_t i = 0; i < VK_ARRAY_LEN(abbrs); i++) {
        size_t l = strlen(abbrs[i].abbr);
        if (strncmp(s, abbrs[i].abbr, l) == 0 && (s[l] == ' ' || s[l] == '\0')) {
            vk_buf_puts(&o, abbrs[i].full);
            s += l;
            break;
        }
    }
    vk_buf_puts(&o, s);
    const char *r = o.data ? cp_proper_case(&f->arena, o.data, o.len) : NULL;
    vk_buf_free(&o);
    return r;
}

/* ---------------------------------------------------------------------- */
/* Conference, term, title                                                */
/* ---------------------------------------------------------------------- */

/* Nonzero if token t's folded form is the ASCII word w. */
static int
tok_is(const an_token *t, const char *w)
{
    return t->folded_len == strlen(w) && memcmp(t->folded, w, t->folded_len) == 0;
}

/* Reads "khoá XIII" / "KHÓA XIII" in a line into doc->term. */
static void
find_term(cp_file *f, cp_doc *doc, const char *s, size_t len, an_tokens *toks)
{
    if (doc->term || an_analyze(s, len, 0, toks) != VK_OK)
        return;
    for (size_t i = 0; i + 1 < toks->n; i++) {
        const an_token *r = &toks->v[i + 1];
        if (!tok_is(&toks->v[i], "khoa") || r->folded_len > 7 ||
            strspn(r->folded, "ivxl") < r->folded_len)
            continue;
        char roman[8];
        for (size_t k = 0; k < r->folded_len; k++)
            roman[k] = (char)(r->folded[k] - 'a' + 'A');
        doc->term = vk_arena_strndup(&f->arena, roman, r->folded_len);
        return;
    }
}

/* A line in capitals under the type that names the meeting or the body
 * rather than the subject: "HỘI NGHỊ LẦN THỨ SÁU", "BAN CHẤP HÀNH TRUNG
 * ƯƠNG ĐẢNG KHOÁ XIII". */
static int
is_meeting_line(const char *folded)
{
    static const char *const words[] = {"hoi nghi",     "ban chap hanh", "dai hoi", "ky hop",
                                        "bo chinh tri", "ban bi thu",    "cua"};
    return starts_any(folded, words, VK_ARRAY_LEN(words));
}

/* "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII" under the type names the body
 * that issues: its name up to the term; so does "CỦA BỘ CHÍNH TRỊ" (of:
 * the line opens with "CỦA"). */
static const char *
committee(cp_file *f, const cline *ln, const char *folded, int of)
{
    const char *khoa = strstr(folded, " khoa ");
    size_t len = ln->len;
    if (of) {
        size_t at = word_start(ln->s, ln->len, 1); /* past "CỦA " */
        return at < ln->len && !khoa ? cp_proper_case(&f->arena, ln->s + at, ln->len - at) : NULL;
    }
    if (khoa) {
        size_t j = word_start(ln->s, ln->len, words_before(folded, khoa) + 1);
        len = j > 0 ? j - 1 : 0;
    }
    return len ? cp_proper_case(&f->arena, ln->s, len) : NULL;
}

/* Nonzero if a title ends with a word that cannot end it ("... DỰ ÁN ĐÃ
 * ĐƯỢC" / "QUỐC HỘI QUYẾT ĐỊNH ..."): the next line goes on with it even
 * when it reads like an authority. */
static int
open_end(const char *t, size_t len, vk_buf *fb)
{
    static const char *const words[] = {"duoc", "cua", "va",   "ve", "cho", "tai", "trong", "voi",
                                        "da",   "boi", "theo", "tu", "den", "nam", "so",    "ngay"};
    if (t[len - 1] == ',' || t[len - 1] == '-')
        return 1;
    size_t i = len;
    while (i > 0 && t[i - 1] != ' ')
        i--;
    const char *w = cp_folded(t + i, len - i, fb);
    for (size_t k = 0; k < VK_ARRAY_LEN(words); k++) {
        if (strcmp(w, words[k]) == 0)
            return 1;
    }
    return 0;
}

/* Nonzero if the title stops before this line: the enacting authority, the
 * grounds, the body. */
static int
ends_title(const cline *ln, const vk_buf *title, vk_buf *fb)
{
    if (cp_line_is_heading(ln) || opens_body(ln->s, ln->len, fb))
        return 1;
    if (!title->len || open_end(title->data, title->len, fb))
        return 0;
    /* A title in capitals ends where a line that is not starts a sentence
     * ("Ngày 28 tháng 11 năm 2025, tại ..."). */
    if (cp_mostly_upper(title->data, title->len) && !cp_mostly_upper(ln->s, ln->len) &&
        !an_is_lower(cp_first_cp(ln->s, ln->len)))
        return 1;
    return is_authority(ln->s, ln->len, fb) &&
           !(cp_mostly_upper(title->data, title->len) && !cp_mostly_upper(ln->s, ln->len));
}

/* After the type line: conference and committee lines in capitals, then
 * the title, joined across its lines, up to a blank line before a line in
 * capitals or upper case, a rule, the enacting authority or the body. The
 * title starts with `first`, what follows the type's name on the type line
 * (first->line; empty if nothing does), and goes on from the line below, up
 * to line `to`. Returns the index of the line where the title stopped. */
static size_t
parse_title(cp_file *f, cp_doc *doc, const cline *lines, size_t to, const piece *first,
            an_tokens *toks)
{
    vk_buf fb = VK_BUF_INIT, title = VK_BUF_INIT;
    size_t i = first->line + 1;
    if (first->len)
        vk_buf_append(&title, first->s, first->len);
    for (; !title.len && i < to && !lines[i].rule; i++) {
        const cline *ln = &lines[i];
        if (ln->len == 0)
            continue;
        const char *fo = cp_folded(ln->s, ln->len, &fb);
        if (!cp_mostly_upper(ln->s, ln->len) || !is_meeting_line(fo))
            break;
        if (cp_starts_with(fo, "hoi nghi") && !doc->conference)
            doc->conference = cp_sentence_case(&f->arena, ln->s, ln->len);
        else if (cp_starts_with(fo, "cua "))
            doc->issuer = committee(f, ln, fo, 1); /* "CHỈ THỊ" / "CỦA BỘ CHÍNH TRỊ" */
        else if (!doc->issuer && !cp_starts_with(fo, "hoi nghi"))
            doc->issuer = committee(f, ln, fo, 0);
        find_term(f, doc, ln->s, ln->len, toks);
    }
    int blank = 0;
    for (; i < to && !lines[i].rule && title.len < TITLE_MAX; i++) {
        const cline *ln = &lines[i];
        if (ln->len == 0) {
            blank = 1;
            continue;
        }
        /* A title typed as several paragraphs (Word, HTML: a blank line
         * between them) goes on when the next one starts in lower case
         * ("về ..." / "trong giai đoạn mới"). */
        if (blank && title.len && !an_is_lower(cp_first_cp(ln->s, ln->len)))
            break;
        if (ends_title(ln, &title, &fb))
            break;
        blank = 0;
        if (title.len)
            vk_buf_putc(&title, ' ');
        vk_buf_append(&title, ln->s, ln->len);
    }
    if (title.len && title.len < TITLE_MAX && !doc->title)
        doc->title = vk_arena_strndup(&f->arena, title.data, title.len);
    vk_buf_free(&title);
    vk_buf_free(&fb);
    return i;
}

/* Nonzero if a piece goes on with a letter's subject broken over lines:
 * it starts in lower case, with a number ("Nghị định" / "136/2025/NĐ-CP"),
 * or is one word in capitals ("thuế suất thuế" / "GTGT"), in the same cell
 * and not a date. */
static int
subject_goes_on(const piece *p, vk_buf *fb)
{
    uint32_t c = cp_first_cp(p->s, p->len);
    if (p->brk || strstr(cp_folded(p->s, p->len, fb), "ngay"))
        return 0;
    return an_is_lower(c) || (c >= '0' && c <= '9' && !memchr(p->s, ' ', p->len)) ||
           (p->upper && !memchr(p->s, ' ', p->len) && p->len < 12);
}

/* "V/v ..." (về việc) under the number of a letter: its subject. */
static void
subject_line(cp_file *f, cp_doc *doc, const letterhead *lh, vk_buf *fb)
{
    for (size_t k = 0; k < lh->n && !doc->title; k++) {
        const piece *p = &lh->p[k];
        const char *fo = cp_folded(p->s, p->len, fb);
        if (!cp_starts_with(fo, "v/v") && !cp_starts_with(fo, "ve viec"))
            continue;
        vk_buf t = VK_BUF_INIT;
        vk_buf_append(&t, p->s, p->len);
        for (size_t m = k + 1; m < lh->n && subject_goes_on(&lh->p[m], fb); m++) {
            vk_buf_putc(&t, ' ');
            vk_buf_append(&t, lh->p[m].s, lh->p[m].len);
        }
        if (t.data)
            doc->title = vk_arena_strndup(&f->arena, t.data, t.len);
        vk_buf_free(&t);
    }
}

/* ---------------------------------------------------------------------- */
/* Reading the header                                                     */
/* ---------------------------------------------------------------------- */

/* Cuts the letterhead lines [0 .. end) into pieces. */
static void
cut_letterhead(letterhead *lh, const cline *lines, size_t end)
{
    int brk = 1;
    for (size_t i = 0; i < end; i++) {
        if (lines[i].len == 0) {
            brk |= !lines[i].markup; /* "**" alone ends no cell */
            continue;
        }
        size_t before = lh->n;
        brk = cut_line(lh, &lines[i], i, brk);
        if (lh->n == before)
            brk = 1; /* a line of cell borders only */
    }
}

/* The type of two short lines read as one ("QUY" / "CHẾ"). */
static const cp_type *
split_type(const cline *a, const cline *b)
{
    char buf[40];
    if (a->len + b->len + 1 >= sizeof buf || !b->len)
        return NULL;
    memcpy(buf, a->s, a->len);
    buf[a->len] = ' ';
    memcpy(buf + a->len + 1, b->s, b->len);
    return cp_type_by_name(buf, a->len + 1 + b->len);
}

/* Finds the type line and where the letterhead ends: the type line, else
 * the first heading or line of the body, else a long paragraph. A long
 * paragraph that names a number near the top may be a news copy's lead
 * above the document's own header ("... đã ký ban hành Nghị quyết số
 * 05/2025/NQ-CP ..."): the search goes on past it, for a type line only. */
static size_t
find_type(cp_doc *doc, const cline *lines, size_t n, size_t *title_at, vk_buf *fb)
{
    size_t limit = n < LETTERHEAD_MAX ? n : LETTERHEAD_MAX, lead = limit;
    for (size_t i = 0; i < limit; i++) {
        const cline *ln = &lines[i];
        if (ln->len == 0)
            continue;
        const cp_type *t = type_line(ln->s, ln->len, title_at, fb);
        if (t) {
            doc->type_name = t->name;
            doc->type_code = t->code;
            return i;
        }
        /* "QUYẾT" / "ĐỊNH": the type broken over two lines. */
        if (ln->len < 16 && i + 1 < n && cp_mostly_upper(ln->s, ln->len) && lines[i + 1].len < 16 &&
            (t = split_type(ln, &lines[i + 1])) != NULL) {
            doc->type_name = t->name;
            doc->type_code = t->code;
            return i + 1;
        }
        if (lead < limit && i > lead + 12)
            return lead;
        if (lead == limit && (cp_line_is_heading(ln) || opens_body(ln->s, ln->len, fb)))
            return i;
        an_docnum d;
        if (lead == limit && ln->len > 400 && !cp_mostly_upper(ln->s, ln->len)) {
            if (i >= 3 || an_docnum_find(ln->s, ln->len, &d, 1) == 0)
                return i;
            lead = i;
        }
    }
    return lead < limit ? lead : limit;
}

/* Reads the number and the date from the letterhead pieces. */
static void
read_pieces(cp_file *f, cp_doc *doc, const letterhead *lh, an_tokens *toks, vk_buf *fb)
{
    an_docnum num;
    for (size_t k = 0; k < lh->n; k++) {
        size_t used = doc->number ? 0 : number_of(lh, k, &num, fb);
        if (used) {
            doc->number = vk_arena_strndup(&f->arena, num.canon, strlen(num.canon));
            k += used - 1;
            continue;
        }
        if (doc->date.year == 0)
            date_of(f, doc, lh, k, toks, fb);
    }
}

/* The type named by the words of s that end at byte e (up to `most` of
 * them, "số" before e left out): "Thông tư số" -> Thông tư; only `want`
 * when it is not NULL. NULL if none. */
static const cp_type *
type_before(const char *s, size_t e, int most, const char *want, vk_buf *fb)
{
    while (e > 0 && s[e - 1] == ' ')
        e--;
    size_t w = e;
    while (w > 0 && s[w - 1] != ' ')
        w--;
    if (strcmp(cp_folded(s + w, e - w, fb), "so") == 0)
        for (e = w; e > 0 && s[e - 1] == ' ';)
            e--;
    size_t b = e;
    const cp_type *t = NULL;
    for (int words = 0; b > 0 && words < most && !t; words++) {
        b--;
        while (b > 0 && s[b - 1] != ' ')
            b--;
        t = cp_type_by_name(s + b, e - b);
        if (t && want && t->name != want)
            t = NULL;
    }
    return t;
}

/* The number a news copy's headline or lead gives its document ("Chủ tịch
 * Quốc hội ... ký ban hành Nghị quyết số 196/2025/QH15 của Quốc hội ...")
 * when the document's own header has none: the first number named with
 * the document's type, and the date right after it ("(ngày 22/12/2024)"). */
static void
lead_number(cp_file *f, cp_doc *doc, const char *s, size_t len, an_tokens *toks, vk_buf *fb)
{
    if (!doc->type_name)
        return; /* the number is the one named with the document's type */
    an_docnum d[8];
    size_t n = an_docnum_find(s, len, d, VK_ARRAY_LEN(d));
    for (size_t k = 0; k < n && !doc->number; k++) {
        if (type_before(s, d[k].list_start, 4, doc->type_name, fb))
            doc->number = vk_arena_strndup(&f->arena, d[k].canon, strlen(d[k].canon));
        size_t place_len, after = d[k].end, rest = len - after < 40 ? len - after : 40;
        cp_date dt;
        if (doc->number && doc->date.year == 0 &&
            cp_date_in(s + after, rest, toks, &dt, &place_len))
            doc->date = dt;
        /* "Ngày 9/9/2025, thay mặt Chính phủ, Phó Thủ tướng ... đã ký ban
         * hành Nghị quyết số 05/2025/NQ-CP": the day it was signed opens
         * the lead. */
        const char *fo = cp_folded(s, d[k].list_start, fb);
        if (doc->number && doc->date.year == 0 && cp_starts_with(fo, "ngay ") &&
            strstr(fo, "ky ban hanh") && cp_date_in(s, len < 30 ? len : 30, toks, &dt, &place_len))
            doc->date = dt;
    }
}

/* Capital letters of s[0 .. len). */
static size_t
capitals(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        n += l && an_is_upper(cp);
        i += l ? l : 1;
    }
    return n;
}

/* Nonzero if s holds a word of two capitals or more ("ĐVHC", "UBND"): an
 * abbreviation that proper case would spoil; also when s is not UTF-8. */
static int
has_acronym(const char *s, size_t len)
{
    if (vk_utf8_validate(s, len) != len)
        return 1;
    for (size_t i = 0; i < len;) {
        size_t w = i;
        while (w < len && s[w] != ' ')
            w++;
        if (capitals(s + i, w - i) >= 2)
            return 1;
        i = w + 1;
    }
    return 0;
}

/* The issuer a portal's table names ("Nơi ban hành"), as a letterhead
 * would: in proper case ("Bộ Văn hoá, Thể thao và du lịch" -> "... và Du
 * lịch"); a province or city alone ("Tỉnh Bắc Ninh", "Thành phố Hồ Chí
 * Minh") names where it was issued, and the people's committee or council
 * when the number's code says so ("4001/UBND-ĐT"), else nothing. */
static const char *
evidence_issuer(cp_file *f, const cp_doc *doc, const char *issuer)
{
    vk_buf fb = VK_BUF_INIT, o = VK_BUF_INIT;
    size_t len = strlen(issuer);
    const char *fo = cp_folded(issuer, len, &fb), *r = issuer;
    if (cp_starts_with(fo, "tinh ") || cp_starts_with(fo, "thanh pho ")) {
        an_docnum d;
        r = NULL;
        if (doc->number && an_docnum_parse(doc->number, strlen(doc->number), &d) &&
            d.kind != AN_DOCNUM_PARTY) {
            int ub = !strcmp(d.issuer, "UBND") || !strcmp(d.type, "UBND");
            int hd = !strcmp(d.issuer, "HĐND") || !strcmp(d.type, "HĐND");
            vk_buf_puts(&o, ub ? "ỦY BAN NHÂN DÂN " : hd ? "HỘI ĐỒNG NHÂN DÂN " : "");
            if ((ub || hd) && vk_buf_append(&o, issuer, len) == VK_OK)
                r = cp_proper_case(&f->arena, o.data, o.len);
        }
    } else if (!has_acronym(issuer, len)) {
        r = cp_proper_case(&f->arena, issuer, len);
    }
    vk_buf_free(&o);
    vk_buf_free(&fb);
    return r;
}

/* The date given right after the number in the first lines of a page or
 * in its "TOÀN VĂN" line `at` ("Thông tư số 22/2025/TT-BNV, ngày
 * 19/10/2025 ban hành ..."). */
static void
date_after_number(cp_doc *doc, const cline *lines, size_t n, size_t at, an_tokens *toks)
{
    for (size_t r = 0; r < 7 && doc->date.year == 0; r++) {
        size_t i = r < 6 ? r : at; /* the first lines, then the headline's */
        if (i >= n || (r == 6 && at < 6))
            break;
        an_docnum d[8];
        size_t k = an_docnum_find(lines[i].s, lines[i].len, d, VK_ARRAY_LEN(d));
        for (size_t j = 0; j < k && doc->date.year == 0; j++) {
            size_t after = d[j].end, rest = lines[i].len - after;
            size_t place_len;
            cp_date dt;
            if (strcmp(d[j].canon, doc->number) == 0 &&
                cp_date_in(lines[i].s + after, rest < 30 ? rest : 30, toks, &dt, &place_len))
                doc->date = dt;
        }
    }
}

/* A news page that carries a document's full text under a headline
 * "Toàn văn: Thông tư số 22/2025/TT-BNV ban hành ..." (a question, "Toàn
 * văn Luật ... ?", is a Q&A page's): the document's type, number and,
 * after them, its subject. Returns 1 if the line is such a headline. */
static int
full_text_headline(cp_file *f, cp_doc *doc, const char *s, size_t len, vk_buf *fb)
{
    while (len > 0 && (*s == '#' || *s == '*' || *s == ' '))
        s++, len--;
    const char *fo = cp_folded(s, len, fb);
    if (!cp_starts_with(fo, "toan van") || memchr(s, '?', len))
        return 0;
    size_t i = word_start(s, len, 1); /* "VĂN:", "VĂN :" */
    while (i < len && s[i] != ' ' && s[i] != ':')
        i++;
    while (i < len && (s[i] == ' ' || s[i] == '*'))
        i++;
    if (i >= len || s[i] != ':')
        return 0;
    for (i++; i < len && (s[i] == ' ' || s[i] == '*');)
        i++;
    an_docnum d;
    if (an_docnum_find(s + i, len - i, &d, 1) == 0 || d.list_start > 40)
        return 0;
    size_t e = d.list_start;
    while (e > 0 && s[i + e - 1] == ' ')
        e--;
    const char *tf = cp_folded(s + i, e, fb);
    size_t tl = strlen(tf);
    if (tl > 3 && strcmp(tf + tl - 3, " so") == 0)
        tl -= 3;
    const cp_type *t = cp_type_by_name(tf, tl);
    if (!t || (doc->type_name && doc->type_name != t->name))
        return 0;
    doc->type_name = t->name;
    doc->type_code = t->code;
    doc->number = vk_arena_strndup(&f->arena, d.canon, strlen(d.canon));
    /* The subject after the number, past ", ngày 10/11/2025". */
    size_t a = i + d.end;
    while (a < len && (s[a] == ',' || s[a] == ' '))
        a++;
    if (cp_starts_with(cp_folded(s + a, len - a, fb), "ngay "))
        for (int words = 0; a < len && words < 2; words += s[a++] == ' ')
            ;
    size_t b = len;
    while (b > a && (s[b - 1] == '*' || s[b - 1] == ' '))
        b--;
    if (!doc->title && b > a + 8)
        doc->title = vk_arena_strndup(&f->arena, s + a, b - a);
    return 1;
}

/* Nonzero if a document's text stands in lines[from .. n): an article, a
 * chapter, a part or a Roman section heads one of them. A "TOÀN VĂN: ..."
 * line followed by none is a link to the text or the headline of a story
 * about it. */
static int
text_follows(const cline *lines, size_t n, size_t from)
{
    for (size_t k = from; k < n; k++) {
        cp_heading h;
        if (cp_find_heading(&lines[k], &h) &&
            (h.kind == CP_SEC_ARTICLE || h.kind == CP_SEC_CHAPTER || h.kind == CP_SEC_PART ||
             h.kind == CP_SEC_ROMAN))
            return 1;
    }
    return 0;
}

/* Fills what the header left unknown from what a web copy says of it. */
static void
use_evidence(cp_file *f, cp_doc *doc, const cp_evidence *ev)
{
    if (!ev)
        return;
    if (!doc->number && ev->number)
        doc->number = ev->number;
    if (doc->date.year == 0 && ev->date.year)
        doc->date = ev->date;
    if (!doc->type_name && ev->type) {
        const cp_type *t = cp_type_by_name(ev->type, strlen(ev->type));
        if (t) {
            doc->type_name = t->name;
            doc->type_code = t->code;
        }
    }
    if (!doc->issuer && ev->issuer)
        doc->issuer = evidence_issuer(f, doc, ev->issuer);
}

int
cp_parse_header(cp_file *f, cp_doc *doc, const cline *lines, size_t n, const cp_evidence *ev)
{
    vk_buf fb = VK_BUF_INIT;
    an_tokens toks = AN_TOKENS_INIT;
    letterhead *lh = calloc(1, sizeof *lh);
    if (!lh)
        return 0;
    size_t title_at = 0;
    size_t type_at = find_type(doc, lines, n, &title_at, &fb);
    lh->type_at = type_at;
    cut_letterhead(lh, lines, type_at);
    read_pieces(f, doc, lh, &toks, &fb);
    find_organ(f, lh, &fb);
    if (type_at < n && doc->type_name) {
        const cline *tl = &lines[type_at];
        piece first = {
            .s = tl->s + title_at, .len = title_at ? tl->len - title_at : 0, .line = type_at};
        size_t stop = parse_title(f, doc, lines, n, &first, &toks);
        if (!lh->organ && stop < n)
            lh->organ = authority_organ(f, lines, stop, n, &fb);
        /* The conference and term may also stand in the letterhead. */
        for (size_t k = 0; k < lh->n; k++)
            find_term(f, doc, lh->p[k].s, lh->p[k].len, &toks);
    }
    subject_line(f, doc, lh, &fb);
    /* A news copy: its own header starts at the type line, below a
     * headline and a lead. */
    for (size_t i = 0; i < type_at && i < n && !doc->number && doc->type_name; i++)
        lead_number(f, doc, lines[i].s, lines[i].len, &toks, &fb);
    if (!doc->number && doc->type_name && ev && ev->headline)
        lead_number(f, doc, ev->headline, strlen(ev->headline), &toks, &fb);
    /* A news page with a document's full text under "TOÀN VĂN: ...", below
     * its headline or a story: the document is the page's, and what stands
     * in capitals above it is no letterhead. */
    int full = 0;
    size_t at = 0;
    cp_doc before = *doc;
    for (; at < n && at < FULL_TEXT_MAX && !doc->number && !full; at += !full)
        full = full_text_headline(f, doc, lines[at].s, lines[at].len, &fb);
    if (!doc->number && !full && ev && ev->headline) {
        full = full_text_headline(f, doc, ev->headline, strlen(ev->headline), &fb);
        at = n; /* the page's headline stands above every line */
    }
    if (full && !text_follows(lines, n, at < n ? at + 1 : 0)) {
        *doc = before; /* a link to the text, or a story about it */
        full = 0;
    }
    if (full) {
        /* Dates and places above it were the story's. */
        memset(&doc->date, 0, sizeof doc->date);
        doc->place = NULL;
        date_after_number(doc, lines, n, at, &toks);
    }
    if (lh->organ && !doc->issuer && !full)
        doc->issuer = organ_name(f, lh->organ);
    int party = lh->party;
    if (!doc->type_name && doc->number) {
        /* A letter ("V/v ...") has no type code; "5348/CT-CS" is the tax
         * office's (CT), not a Chỉ thị. */
        size_t tl = doc->title ? strlen(doc->title) : 0;
        int letter = tl && cp_starts_with(cp_folded(doc->title, tl < 3 ? tl : 3, &fb), "v/v");
        const cp_type *t =
            letter ? cp_type_by_name("Công văn", strlen("Công văn")) : type_of_number(doc->number);
        if (t) {
            doc->type_name = t->name;
            doc->type_code = t->code;
        }
    }
    use_evidence(f, doc, ev);
    free(lh);
    an_tokens_free(&toks);
    vk_buf_free(&fb);
    return party;
}

/* ---------------------------------------------------------------------- */
/* What the rest of the document tells of its header                      */
/* ---------------------------------------------------------------------- */

/* Issuers named by the code that ends a state number ("…/NĐ-CP", "…/QH15"):
 * the last resort when neither the letterhead nor the enacting authority
 * names one. */
static const struct {
    const char *code, *name;
} issuer_codes[] = {
    {"CP", "Chính phủ"},
    {"TTg", "Thủ tướng Chính phủ"},
    {"QH", "Quốc hội"},
    {"UBTVQH", "Ủy ban Thường vụ Quốc hội"},
    {"VPCP", "Văn phòng Chính phủ"},
    {"BTC", "Bộ Tài chính"},
    {"BNV", "Bộ Nội vụ"},
    {"BGDĐT", "Bộ Giáo dục và Đào tạo"},
    {"BCT", "Bộ Công Thương"},
    {"BYT", "Bộ Y tế"},
    {"BCA", "Bộ Công an"},
    {"BQP", "Bộ Quốc phòng"},
    {"BTP", "Bộ Tư pháp"},
    {"BXD", "Bộ Xây dựng"},
    {"BNG", "Bộ Ngoại giao"},
    {"BKHCN", "Bộ Khoa học và Công nghệ"},
    {"BNNMT", "Bộ Nông nghiệp và Môi trường"},
    {"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"},
    {"BDTTG", "Bộ Dân tộc và Tôn giáo"},
    {"BTNMT", "Bộ Tài nguyên và Môi trường"},
    {"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"},
    {"BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"},
    {"BGTVT", "Bộ Giao thông vận tải"},
    {"BTTTT", "Bộ Thông tin và Truyền thông"},
    {"BKHĐT", "Bộ Kế hoạch và Đầu tư"},
    {"NHNN", "Ngân hàng Nhà nước Việt Nam"},
    {"KTNN", "Kiểm toán nhà nước"},
    {"TANDTC", "Tòa án nhân dân tối cao"},
    {"VKSNDTC", "Viện kiểm sát nhân dân tối cao"},
};

/* The body of issuer_codes whose code is code[0 .. l), or NULL. */
static const char *
issuer_of_code(const char *code, size_t l)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(issuer_codes); i++) {
        if (strlen(issuer_codes[i].code) == l && strncmp(issuer_codes[i].code, code, l) == 0)
            return issuer_codes[i].name;
    }
    return NULL;
}

/* The body a state number names: its issuer's code ("…/NĐ-CP", "…/QĐ-BTC",
 * "…/QH15"), or a letter's, whose code stands first ("6278/BVHTTDL-VP":
 * the ministry, then its department). A Party number's "TW" names no one
 * body. NULL if none. */
static const char *
issuer_of_number(const char *number)
{
    an_docnum d;
    if (!number || !an_docnum_parse(number, strlen(number), &d) || d.kind == AN_DOCNUM_PARTY)
        return NULL;
    size_t l = strlen(d.issuer);
    while (l > 0 && d.issuer[l - 1] >= '0' && d.issuer[l - 1] <= '9')
        l--; /* "QH15" */
    const char *r = issuer_of_code(d.issuer, l);
    if (!r && d.type[0] && !cp_type_by_code(d.type, strlen(d.type)))
        r = issuer_of_code(d.type, strlen(d.type));
    return r;
}

/* The Party's bodies as the enacting sentence names them ("Bộ Chính trị,
 * Ban Bí thư kết luận"), folded, with their names; longest first. */
static const struct {
    const char *folded, *name;
} party_bodies[] = {
    {"bo chinh tri, ban bi thu", "Bộ Chính trị, Ban Bí thư"},
    {"ban chap hanh trung uong", "Ban Chấp hành Trung ương"},
    {"bo chinh tri", "Bộ Chính trị"},
    {"ban bi thu", "Ban Bí thư"},
};

/* The body of a Party document's enacting sentence, or NULL. */
static const char *
enacting_body(const char *folded)
{
    static const char *const verbs[] = {" ket luan", " quyet dinh", " chi thi", " yeu cau",
                                        " quy dinh", " quyet nghi", " de nghi"};
    for (size_t b = 0; b < VK_ARRAY_LEN(party_bodies); b++) {
        const char *at = strstr(folded, party_bodies[b].folded);
        if (!at || (at > folded && at[-1] != ' '))
            continue;
        const char *after = at + strlen(party_bodies[b].folded);
        for (size_t v = 0; v < VK_ARRAY_LEN(verbs); v++) {
            if (cp_starts_with(after, verbs[v]))
                return party_bodies[b].name;
        }
    }
    return NULL;
}

/* The body of an enacting sentence without the letterhead's help:
 * "Chính phủ ban hành Nghị quyết ...", "Bộ trưởng Bộ Giáo dục và Đào tạo
 * ban hành Thông tư ...", "Ban Tuyên giáo và Dân vận Trung ương hướng dẫn
 * ...": the words before the verb, the office's title left out, when they
 * name an organ. "ban hành" counts only with a type after it. NULL if the
 * paragraph is not one. */
static const char *
state_enacting(cp_file *f, const char *text, vk_buf *fb)
{
    static const char *const offices[] = {"bo truong ", "thong doc ", "cuc truong ", "giam doc "};
    static const char *const verbs[] = {" ban hanh ", " huong dan ", " quyet dinh", " ket luan",
                                        " chi thi",   " quyet nghi", " thong bao "};
    size_t len = strlen(text);
    if (len > 600 || !an_is_upper(cp_first_cp(text, len)))
        return NULL;
    const char *fo = cp_folded(text, len, fb);
    const char *bh = NULL;
    size_t verb = 0;
    for (size_t v = 0; v < VK_ARRAY_LEN(verbs); v++) {
        const char *at = strstr(fo, verbs[v]);
        if (at && (!bh || at < bh))
            bh = at, verb = v;
    }
    /* A title in capitals says what a body did ("... ĐÃ ĐƯỢC QUỐC HỘI
     * QUYẾT ĐỊNH ..."), not who enacts. */
    if (!bh || bh - fo > 120 || (verb > 0 && cp_mostly_upper(text, len)))
        return NULL;
    size_t words = words_before(fo, bh), skip = 0;
    for (size_t i = 0; i < VK_ARRAY_LEN(offices); i++)
        skip = cp_starts_with(fo, offices[i]) ? 2 : skip;
    if (verb == 0) {
        /* A type after "ban hành": its first one or two words. */
        const char *after = bh + strlen(verbs[0]);
        size_t w1 = strcspn(after, " "), w2 = w1;
        if (after[w1] == ' ')
            w2 += 1 + strcspn(after + w1 + 1, " ");
        static const char *const types[] = {"nghi quyet", "nghi dinh", "thong tu", "quyet dinh",
                                            "chi thi",    "luat",      "phap lenh"};
        int typed = 0;
        for (size_t i = 0; i < VK_ARRAY_LEN(types); i++) {
            size_t tl = strlen(types[i]);
            typed |= (tl == w1 || tl == w2) && strncmp(after, types[i], tl) == 0;
        }
        if (!typed)
            return NULL;
    }
    if (words > 12 || words + 1 <= skip)
        return NULL;
    size_t a = word_start(text, len, skip), b = word_start(text, len, words + 1);
    /* The words must name an organ ("Bộ Giáo dục ...", "Chính phủ"), not
     * the end of a sentence broken over lines, nor a phrase with a comma
     * ("Các bộ, ngành hướng dẫn"). */
    const char *name = b > a + 1 ? cp_folded(text + a, b - 1 - a, fb) : "";
    if (!*name || strpbrk(name, ",0123456789") || !opens_organ(name))
        return NULL;
    return vk_arena_strndup(&f->arena, text + a, b - 1 - a);
}

/* The paragraph at p of a section with the lines after it that continue
 * its sentence, joined with spaces into out: a conversion that kept the
 * source's hard line breaks leaves "Bộ trưởng Bộ" / "Giáo dục và Đào tạo
 * ban hành ...". A line ending in a stop, or in capitals (a title), ends
 * the sentence. */
static const char *
sentence_at(const cp_section *sec, size_t p, vk_buf *out)
{
    vk_buf_clear(out);
    for (size_t q = p; q < sec->n_paras && q < p + 4; q++) {
        const char *t = sec->paras[q];
        size_t l = strlen(t);
        if (q > p)
            vk_buf_putc(out, ' ');
        vk_buf_append(out, t, l);
        if (out->len > 600 || l == 0 || strchr(".;:!?", t[l - 1]) || cp_mostly_upper(t, l))
            break;
    }
    return out->data ? out->data : "";
}

/* The date a law or resolution was passed, in its last lines ("Luật này đã
 * được Quốc hội ... thông qua ngày 24 tháng 6 năm 2025"). */
static void
passed_on(cp_doc *doc, const char *text, an_tokens *toks, vk_buf *fb)
{
    const char *fo = cp_folded(text, strlen(text), fb);
    const char *at = strstr(fo, "thong qua ngay");
    if (!at)
        return;
    size_t len = strlen(text), i = word_start(text, len, words_before(fo, at));
    size_t place_len;
    cp_date d;
    size_t rest = len - i < 60 ? len - i : 60;
    if (cp_date_in(text + i, rest, toks, &d, &place_len))
        doc->date = d;
}

/* The type a Party document's closing formula names, "Nghị quyết này phổ
 * biến đến chi bộ." among the last paragraphs of its body (a copy without
 * its letterhead keeps it), or NULL. */
static const cp_type *
closing_formula(const cp_doc *doc, vk_buf *fb)
{
    size_t seen = 0;
    for (size_t s = doc->n_sections; s-- > 0 && seen < 3;) {
        const cp_section *sec = &doc->sections[s];
        for (size_t p = sec->n_paras; p-- > 0 && seen < 3; seen++) {
            const char *fo = cp_folded(sec->paras[p], strlen(sec->paras[p]), fb);
            const char *nay = strstr(fo, " nay ");
            if (!nay || nay - fo > 24)
                continue;
            const char *rest = nay + 5;
            if (cp_starts_with(rest, "duoc "))
                rest += 5;
            if (!cp_starts_with(rest, "pho bien den chi bo") &&
                !cp_starts_with(rest, "pho bien den tan chi bo") &&
                !cp_starts_with(rest, "pho bien toi chi bo"))
                continue;
            /* The type words as written, before " này". */
            size_t n = (size_t)(nay - fo);
            const cp_type *t = cp_type_by_name(fo, n);
            if (t)
                return t;
        }
    }
    return NULL;
}

/* Nonzero if the text speaks of the document of type t as a reporter does,
 * not as the document itself: "Theo Nghị quyết, ...", "Nghị quyết đề ra 7
 * nhiệm vụ", "Nghị quyết nêu rõ" (a news summary keeps the closing formula
 * it quotes). */
static int
reported(const cp_doc *doc, const cp_type *t, vk_buf *fb)
{
    static const char *const says[] = {" de ra",  " neu ro",    " yeu cau",
                                       " chi ro", " nhan manh", " xac dinh"};
    char type[48];
    const char *ft = cp_folded(t->name, strlen(t->name), fb);
    snprintf(type, sizeof type, "%s", ft);
    size_t tl = strlen(type);
    for (size_t s = 0; s < doc->n_sections; s++) {
        const cp_section *sec = &doc->sections[s];
        for (size_t p = 0; p < sec->n_paras; p++) {
            const char *fo = cp_folded(sec->paras[p], strlen(sec->paras[p]), fb);
            if (cp_starts_with(fo, "theo ") && strncmp(fo + 5, type, tl) == 0)
                return 1;
            for (const char *at = strstr(fo, type); at; at = strstr(at + tl, type)) {
                for (size_t k = 0; k < VK_ARRAY_LEN(says); k++)
                    if (cp_starts_with(at + tl, says[k]))
                        return 1;
            }
        }
    }
    return 0;
}

/* Nonzero if doc's first article is "Điều 1": the text is the document
 * itself, not a story quoting some of its articles. */
static int
with_articles(const cp_doc *doc)
{
    for (size_t i = 0; i < doc->n_sections; i++) {
        if (doc->sections[i].kind == CP_SEC_ARTICLE)
            return strcmp(doc->sections[i].label, "Điều 1") == 0;
    }
    return 0;
}

/* The effect clause of a document copied without its header, in its last
 * articles: "Thông tư số 1/2025/TT-BNV có hiệu lực thi hành kể từ ngày ký
 * (17/1/2025)" gives its number, its type when unknown, and the day it was
 * signed; "Nghị định này có hiệu lực ..." its type. Only a text with
 * articles, whose clause names its own type. */
static void
effect_clause(cp_file *f, cp_doc *doc, const char *text, an_tokens *toks, vk_buf *fb)
{
    size_t len = strlen(text);
    const char *fo = cp_folded(text, len, fb);
    const char *at = strstr(fo, " co hieu luc");
    if (!at || len > 600)
        return;
    size_t e = word_start(text, len, words_before(fo, at) + 1) - 1; /* the byte before " có" */
    an_docnum d[4];
    size_t n = an_docnum_find(text, e, d, VK_ARRAY_LEN(d));
    size_t type_end =
        n && d[n - 1].end == e && d[n - 1].kind != AN_DOCNUM_PARTY ? d[n - 1].list_start : 0;
    if (!type_end && e > 4 && strncmp(cp_folded(text + e - 4, 4, fb), " nay", 4) == 0)
        type_end = e - 4; /* "Nghị định này" */
    const cp_type *t = type_end ? type_before(text, type_end, 3, NULL, fb) : NULL;
    /* A number only for the type the text's own type line gave: a story
     * quoting articles names the type with the number, not above them. */
    if (!t || (doc->type_name && t->name != doc->type_name) ||
        (!doc->type_name && type_end != e - 4))
        return;
    doc->type_name = t->name;
    doc->type_code = t->code;
    if (type_end == e - 4 || doc->number)
        return;
    doc->number = vk_arena_strndup(&f->arena, d[n - 1].canon, strlen(d[n - 1].canon));
    /* "... kể từ ngày ký (17/1/2025)": the day it was signed. */
    fo = cp_folded(text, len, fb);
    const char *ky = strstr(fo, "ke tu ngay ky");
    size_t place_len;
    cp_date dt;
    if (ky && doc->date.year == 0) {
        size_t i = word_start(text, len, words_before(fo, ky) + 4);
        if (i < len && cp_date_in(text + i, len - i < 24 ? len - i : 24, toks, &dt, &place_len))
            doc->date = dt;
    }
}

/* Reads the effect clause in the last articles of a document that has
 * its own from "Điều 1" and no number. */
static void
own_reference(cp_file *f, cp_doc *doc, an_tokens *toks, vk_buf *fb)
{
    if (doc->number || !with_articles(doc))
        return;
    size_t seen = 0;
    for (size_t s = doc->n_sections; s-- > 0 && seen < 40 && !doc->number;) {
        const cp_section *sec = &doc->sections[s];
        if (sec->kind < CP_SEC_ARTICLE)
            continue;
        for (size_t p = sec->n_paras; p-- > 0 && seen < 40 && !doc->number; seen++)
            effect_clause(f, doc, sec->paras[p], toks, fb);
        /* A short clause is its heading: "1. Thông tư số ... có hiệu lực ...". */
        if (sec->heading && !doc->number)
            effect_clause(f, doc, sec->heading, toks, fb);
    }
}

/* The organ a letter names as its own subject: "Cục Hải quan nhận được
 * công văn số ...", "Về vấn đề này, Cục Thuế có ý kiến như sau:", the
 * words before the verb from the paragraph's start or a comma, when they
 * name an organ. NULL if the paragraph says no such thing. */
static const char *
letter_subject(cp_file *f, const char *text, vk_buf *fb)
{
    static const char *const verbs[] = {" da nhan duoc ", " nhan duoc ", " co y kien"};
    size_t len = strlen(text);
    const char *fo = cp_folded(text, len, fb), *at = NULL;
    for (size_t v = 0; v < VK_ARRAY_LEN(verbs) && !at; v++)
        at = strstr(fo, verbs[v]);
    if (!at || at - fo > 160)
        return NULL;
    size_t b = (size_t)(at - fo), a = b;
    while (a > 0 && fo[a - 1] != ',')
        a--;
    while (fo[a] == ' ')
        a++;
    size_t wa = words_before(fo, fo + a), wb = words_before(fo, at);
    if (wb - wa > 10)
        return NULL;
    size_t sa = word_start(text, len, wa), sb = word_start(text, len, wb + 1) - 1;
    if (sb <= sa || !an_is_upper(cp_first_cp(text + sa, sb - sa)))
        return NULL;
    const char *name = cp_folded(text + sa, sb - sa, fb);
    if (strpbrk(name, ",0123456789") || !opens_organ(name) || !strchr(name, ' '))
        return NULL;
    return vk_arena_strndup(&f->arena, text + sa, sb - sa);
}

/* A letter copied without its letterhead ("Kính gửi: ..." first, a
 * signature at its end): the organ its text names as the one that writes
 * ("Cục Thuế nhận được ..."), and the type Công văn. */
static void
letter_without_letterhead(cp_file *f, cp_doc *doc, vk_buf *fb)
{
    if (doc->issuer || doc->n_sections == 0 || !doc->signer.authority ||
        (doc->type_name && strcmp(doc->type_name, "Công văn") != 0))
        return;
    const cp_section *pre = &doc->sections[0];
    if (pre->n_paras == 0 ||
        !cp_starts_with(cp_folded(pre->paras[0], strlen(pre->paras[0]), fb), "kinh gui"))
        return;
    for (size_t p = 1; p < pre->n_paras && p < 8 && !doc->issuer; p++)
        doc->issuer = letter_subject(f, pre->paras[p], fb);
    if (doc->issuer && !doc->type_name) {
        const cp_type *t = cp_type_by_name("Công văn", strlen("Công văn"));
        doc->type_name = t ? t->name : NULL;
        doc->type_code = t ? t->code : NULL;
    }
}

/* How the text writes an issuer: its spelling with the most capitals (not
 * in capitals), how often it and the issuer as read occur, and whether a
 * letterhead wrote it in capitals. */
typedef struct spelling {
    const char *best;
    size_t best_caps, n_best, n_read;
    int in_capitals;
} spelling;

/* Counts the mentions of the issuer (casefolded fi, il bytes) in
 * paragraph t into *sp. */
static void
mentions(const char *t, const vk_buf *fi, const char *issuer, vk_buf *fp, spelling *sp)
{
    size_t tl = strlen(t), il = fi->len;
    vk_buf_clear(fp);
    if (tl < il || an_casefold_text(t, tl, fp) != VK_OK || fp->len != tl)
        return;
    for (const char *at = strstr(fp->data, fi->data); at; at = strstr(at + il, fi->data)) {
        const char *w = t + (at - fp->data);
        if (!((at == fp->data || at[-1] == ' ' || at[-1] == '|') &&
              (at[il] == '\0' || strchr(" ,.;:|", at[il]))))
            continue;
        if (cp_mostly_upper(w, il)) {
            sp->in_capitals = 1;
        } else if (memcmp(w, issuer, il) == 0) {
            sp->n_read++;
        } else if (sp->best && memcmp(w, sp->best, il) == 0) {
            sp->n_best++;
        } else if (an_is_upper(cp_first_cp(w, il)) && capitals(w, il) > sp->best_caps) {
            sp->best = w;
            sp->best_caps = capitals(w, il);
            sp->n_best = 1;
        }
    }
}

/* The issuer as the text writes it: a letterhead in capitals gives its
 * words, not their case ("BAN CHỈ ĐẠO NHÀ NƯỚC VỀ DU LỊCH" read as "Ban Chỉ
 * đạo nhà nước về du lịch"); the text's own spelling with more capitals
 * ("Ban Chỉ đạo Nhà nước về Du lịch") is taken when the letterhead was in
 * capitals, the text writes it so at least twice and never as read. The
 * issuer unchanged otherwise. */
static const char *
issuer_as_written(cp_file *f, const cp_doc *doc, const char *issuer)
{
    vk_buf fi = VK_BUF_INIT, fp = VK_BUF_INIT;
    size_t il = strlen(issuer);
    spelling sp = {NULL, capitals(issuer, il), 0, 0, 0};
    if (il > 0 && an_casefold_text(issuer, il, &fi) == VK_OK && fi.len == il) {
        for (size_t s = 0; s < doc->n_sections; s++)
            for (size_t p = 0; p < doc->sections[s].n_paras; p++)
                mentions(doc->sections[s].paras[p], &fi, issuer, &fp, &sp);
    }
    vk_buf_free(&fi);
    vk_buf_free(&fp);
    const char *r = NULL;
    if (sp.best && sp.in_capitals && sp.n_best >= 2 && sp.n_read == 0)
        r = vk_arena_strndup(&f->arena, sp.best, il);
    return r ? r : issuer;
}

void
cp_header_finish(cp_file *f, cp_doc *doc, int party)
{
    vk_buf fb = VK_BUF_INIT, joined = VK_BUF_INIT;
    an_tokens toks = AN_TOKENS_INIT;
    const char *num = doc->number;
    party |= num && strchr(num, '-') && strchr(num, '/') && strchr(num, '-') < strchr(num, '/');
    /* A copy without its letterhead: the closing formula says what it is,
     * and its enacting sentence ("Bộ Chính trị yêu cầu ...") who issued it. */
    const cp_type *closing = doc->type_name ? NULL : closing_formula(doc, &fb);
    if (closing && !reported(doc, closing, &fb)) {
        doc->type_name = closing->name;
        doc->type_code = closing->code;
        party = 1;
    }
    /* "T/M THÀNH ỦY" says who issued it: without an issuer line, and for a
     * Party document always, whose letterhead names the committee above
     * the body that signs ("T/M BAN BÍ THƯ"). */
    if ((!doc->issuer || party) && doc->signer.authority &&
        strcmp(doc->signer.authority, "T/M") == 0 && doc->signer.on_behalf_of)
        doc->issuer = doc->signer.on_behalf_of;
    for (size_t s = 0; s < doc->n_sections; s++) {
        const cp_section *sec = &doc->sections[s];
        for (size_t p = 0; p < sec->n_paras; p++) {
            if (doc->date.year == 0)
                passed_on(doc, sec->paras[p], &toks, &fb);
            if (party && !doc->issuer && s < 3)
                doc->issuer = enacting_body(cp_folded(sec->paras[p], strlen(sec->paras[p]), &fb));
        }
    }
    own_reference(f, doc, &toks, &fb);
    if (!doc->issuer)
        doc->issuer = issuer_of_number(doc->number);
    letter_without_letterhead(f, doc, &fb);
    if (doc->issuer)
        doc->issuer = issuer_as_written(f, doc, doc->issuer);
    /* The enacting sentence of a document that has a type: a text without
     * one is no document for a sentence to make it one ("Bộ Tài chính chủ
     * trì ..." in a news story). */
    for (size_t p = 0;
         !doc->issuer && doc->type_name && doc->n_sections > 0 && p < doc->sections[0].n_paras; p++)
        doc->issuer = state_enacting(f, sentence_at(&doc->sections[0], p, &joined), &fb);
    an_tokens_free(&toks);
    vk_buf_free(&joined);
    vk_buf_free(&fb);
}
