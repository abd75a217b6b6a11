/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scale_corpus.c: a deterministic corpus scaler for the benchmarks. It cuts
 * the sample documents into paragraphs, sentences and headings, then writes
 * synthetic Party documents built from them until the output reaches the size
 * asked for. Each document has what the parser looks for: a header (issuer in
 * capitals, "*", "Số N-CODE/ISSUER", place and date, the type in capitals,
 * conference and term, a "về ..." title), numbered sections in the samples'
 * styles, citations of other documents (mostly of documents generated
 * before it), one tone-mark style (òa or oà), "Nơi nhận" and a signature.
 *
 *   bench/scale_corpus [--seed N] --mb M SAMPLES_DIR OUT_DIR
 *
 * Files are OUT_DIR/<year>/<type>-<number>-<code>-<issuer>.md, 10 to 80 KB
 * each; 1 MB is 10^6 bytes. OUT_DIR must be absent or empty. The same seed
 * and samples give the same bytes: one splitmix64 stream drives every
 * choice, and the samples are read in name order.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/utf8.h"
#include "common/vk.h"

#define DOC_TARGET_MIN 12000u /* target sizes; a document ends a few KB past */
#define DOC_TARGET_MAX 70000u /* its target, so every file is 10-80 KB */
#define YEAR_FIRST 1995
#define N_YEARS 31

/* ---------------------------------------------------------------------- */
/* Small helpers                                                          */
/* ---------------------------------------------------------------------- */

static void
die(const char *msg)
{
    fprintf(stderr, "scale_corpus: %s\n", msg);
    exit(2);
}

static void
must(vk_status st)
{
    if (st != VK_OK)
        die("out of memory");
}

static void
put(vk_buf *b, const char *s)
{
    must(vk_buf_puts(b, s));
}

static void
putn(vk_buf *b, const char *s, size_t n)
{
    must(vk_buf_append(b, s, n));
}

#define PUTF(b, ...) must(vk_buf_printf((b), __VA_ARGS__))

/* splitmix64: small, fast and the same everywhere. */
typedef struct rng {
    uint64_t s; /* state */
} rng;

static uint64_t
rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A number in [0, n); n is at least 1 and below 2^32. */
static size_t
rng_below(rng *r, size_t n)
{
    return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static size_t
rng_range(rng *r, size_t lo, size_t hi)
{
    return lo + rng_below(r, hi - lo + 1);
}

static int
rng_pct(rng *r, unsigned percent)
{
    return rng_below(r, 100) < percent;
}

#define PICK(r, a) ((a)[rng_below((r), VK_ARRAY_LEN(a))])

/* Letter case of Vietnamese letters (Latin-1, Latin Extended-A, ơ/ư and the
 * Latin Extended Additional block, where capitals have even code points). */
static int
is_upper_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1EA0 && c <= 0x1EF9))
        return c % 2 == 0;
    return c == 0x1A0 || c == 0x1AF;
}

static int
is_lower_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    if (c >= 0xDF && c <= 0xFF)
        return c != 0xF7;
    if ((c >= 0x100 && c <= 0x17F) || (c >= 0x1EA0 && c <= 0x1EF9))
        return c % 2 == 1;
    return c == 0x1A1 || c == 0x1B0;
}

static int
is_letter_cp(uint32_t c)
{
    return is_upper_cp(c) || is_lower_cp(c);
}

/* The code point at s[0 .. len) and its length (1 for a bad byte). */
static uint32_t
cp_at(const char *s, size_t len, size_t *l)
{
    uint32_t c = 0;
    *l = len ? vk_utf8_decode(s, len, &c) : 0;
    if (*l == 0) {
        *l = 1;
        return 0xFFFD;
    }
    return c;
}

/* The last code point of s[0 .. len), 0 if empty. */
static uint32_t
last_cp(const char *s, size_t len)
{
    size_t i = len, l;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return i > 0 ? cp_at(s + i - 1, len - i + 1, &l) : 0;
}

static int
mostly_upper(const char *s, size_t len)
{
    size_t up = 0, low = 0, i = 0, l;
    while (i < len) {
        uint32_t c = cp_at(s + i, len - i, &l);
        up += is_upper_cp(c);
        low += is_lower_cp(c);
        i += l;
    }
    return up > 0 && up >= 4 * low;
}

static int
starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* ---------------------------------------------------------------------- */
/* The samples: paragraphs, sentences, headings                           */
/* ---------------------------------------------------------------------- */

/* A list of distinct strings, each malloc'd. */
typedef struct strv {
    char **v;   /* the strings */
    size_t n;   /* in use */
    size_t cap; /* allocated */
} strv;

static void
strv_add(strv *a, const char *s, size_t len)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strncmp(a->v[i], s, len) == 0 && a->v[i][len] == '\0')
            return; /* the samples repeat each other (a plan quotes its resolution) */
    }
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 64;
        char **v = realloc(a->v, a->cap * sizeof *v);
        if (!v)
            die("out of memory");
        a->v = v;
    }
    char *c = malloc(len + 1);
    if (!c)
        die("out of memory");
    memcpy(c, s, len);
    c[len] = '\0';
    a->v[a->n++] = c;
}

static void
strv_free(strv *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i]);
    free(a->v);
}

/* What the generator takes from the samples. */
typedef struct samples {
    strv paras;  /* body paragraphs, without bullets or numbering */
    strv sents;  /* their sentences */
    strv heads1; /* text of the Roman headings, in capitals */
    strv heads2; /* text of short numbered headings */
} samples;

static size_t
find_str(const char *s, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= len; i++) {
        if (memcmp(s + i, needle, n) == 0)
            return i;
    }
    return len;
}

/* Cleans one line of the samples' markdown into out: heading marks,
 * emphasis, escapes, <sup>n</sup> note markers, tabs, no-break spaces and
 * runs of spaces. */
static void
clean_line(const char *s, size_t len, vk_buf *out)
{
    vk_buf_clear(out);
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '#'))
        i++;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '<' && starts_with(s + i, len - i, "<sup>")) {
            size_t e = find_str(s, len, i, "</sup>");
            i = e < len ? e + 5 : len;
            continue;
        }
        if (c == '*' || c == '\\' || c == '\r')
            continue;
        if (c == '\t')
            c = ' ';
        if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            c = ' ';
            i++;
        }
        if (c == ' ' && (out->len == 0 || out->data[out->len - 1] == ' '))
            continue;
        putn(out, &c, 1);
    }
    while (out->len > 0 && out->data[out->len - 1] == ' ')
        out->len--;
    if (out->data)
        out->data[out->len] = '\0';
}

/* Length of a Roman numbering "IV- " / "II. " at the start, or 0. */
static size_t
roman_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 5 && strchr("IVXL", s[i]))
        i++;
    if (i == 0 || i >= len || (s[i] != '-' && s[i] != '.'))
        return 0;
    i++;
    while (i < len && s[i] == ' ')
        i++;
    return i < len ? i : 0;
}

/* Length of an Arabic numbering "3. " / "3.2. " at the start, or 0. */
static size_t
arabic_prefix(const char *s, size_t len)
{
    size_t i = 0, groups = 0;
    for (;;) {
        size_t d = i;
        while (i < len && i - d < 3 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d || i - d > 2 || i >= len || s[i] != '.')
            break;
        i++;
        groups++;
    }
    if (groups == 0 || i >= len || s[i] != ' ')
        return 0;
    while (i < len && s[i] == ' ')
        i++;
    return i < len ? i : 0;
}

/* Length of a bullet "- ", "+ ", "• ", "(1) ", "1) ", "a) " at the start, or 0. */
static size_t
bullet_prefix(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ')
        i = 2;
    else if (starts_with(s, len, "\xE2\x80\xA2 "))
        i = 4;
    else if (len >= 4 && s[0] == '(' && s[1] >= '0' && s[1] <= '9') {
        i = 1;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        i = i + 1 < len && s[i] == ')' && s[i + 1] == ' ' ? i + 2 : 0;
    } else if (len >= 3 && ((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z')) &&
               s[1] == ')' && s[2] == ' ')
        i = 3;
    return i;
}

/* Nonzero if s holds ". ", "; " or ": " (a sentence, not a heading). */
static int
inner_stop(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (strchr(".;:", s[i]) && s[i + 1] == ' ')
            return 1;
    }
    return 0;
}

/* Cuts a paragraph into sentences at ". " before a capital. */
static void
add_sentences(samples *sm, const char *p, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        size_t l;
        int end = i + 1 == len || (p[i] == '.' && p[i + 1] == ' ' && i + 2 < len &&
                                   is_upper_cp(cp_at(p + i + 2, len - i - 2, &l)));
        if (!end)
            continue;
        size_t n = i + 1 - start;
        if (p[i] == '.' && n >= 40 && n <= 600)
            strv_add(&sm->sents, p + start, n);
        start = i + 2;
        i++;
    }
}

/* Openings that would end a document's body (cp_opens_closing). */
static int
closing_words(const char *s, size_t len)
{
    static const char *const openers[] = {"Nơi nhận", "Đã ký", "T/M ", "K/T ",   "T/L ",
                                          "TM. ",     "KT. ",  "TL. ", "Ký bởi", "Sao"};
    for (size_t i = 0; i < VK_ARRAY_LEN(openers); i++) {
        if (starts_with(s, len, openers[i]))
            return 1;
    }
    return 0;
}

/* Nonzero if the first two words are in capitals: header lines run into
 * the title below them ("BAN CHẤP HÀNH ... KHOÁ XIII về ..."). */
static int
caps_start(const char *s, size_t len)
{
    size_t i = 0, l;
    for (int w = 0; w < 2; w++) {
        size_t letters = 0;
        for (; i < len && s[i] != ' '; i += l) {
            uint32_t c = cp_at(s + i, len - i, &l);
            if (is_lower_cp(c))
                return 0;
            letters += is_upper_cp(c);
        }
        if (letters < 2)
            return 0;
        i++;
    }
    return 1;
}

/* Files one paragraph of a sample under headings, body text, or nothing. */
static void
classify(samples *sm, const char *p, size_t len)
{
    size_t n = roman_prefix(p, len), l;
    if (n && mostly_upper(p + n, len - n)) {
        if (strcmp(p + n, "TỔ CHỨC THỰC HIỆN") != 0)
            strv_add(&sm->heads1, p + n, len - n);
        return;
    }
    if ((n = arabic_prefix(p, len)) != 0) {
        uint32_t end = last_cp(p, len);
        if (len - n <= 110 && !inner_stop(p + n, len - n) && !strchr(".;:", (int)end)) {
            strv_add(&sm->heads2, p + n, len - n);
            return;
        }
    } else {
        n = bullet_prefix(p, len);
    }
    p += n;
    len -= n;
    uint32_t end = last_cp(p, len);
    int closed = (end < 0x80 && strchr(".;:!?\")", (int)end)) || end == 0x2026 || end == 0x201D;
    if (len < 100 || !closed || caps_start(p, len) || !is_upper_cp(cp_at(p, len, &l)) ||
        mostly_upper(p, len) || closing_words(p, len) || find_str(p, len, 0, "èm theo") < len)
        return;
    strv_add(&sm->paras, p, len);
    add_sentences(sm, p, len);
}

static int
ends_with(const vk_buf *b, const char *suffix)
{
    size_t n = strlen(suffix);
    return b->len >= n && memcmp(b->data + b->len - n, suffix, n) == 0;
}

/* Nonzero if the line continues the paragraph: the paragraph stops
 * mid-sentence and the line starts in lower case (a page break). */
static int
continues(const vk_buf *para, const vk_buf *line)
{
    uint32_t end = last_cp(para->data, para->len);
    size_t l;
    if (end < 0x80 && strchr(".;:!?\")", (int)end))
        return 0;
    /* "khóa" at the end of a page, its numeral on the next */
    if ((ends_with(para, "khóa") || ends_with(para, "khoá")) && strchr("IVX", line->data[0]))
        return 1;
    return end != 0x2026 && end != 0x201D && is_lower_cp(cp_at(line->data, line->len, &l));
}

static void
harvest_text(samples *sm, const char *text, size_t len)
{
    vk_buf line = VK_BUF_INIT, para = VK_BUF_INIT;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        clean_line(text + i, end - i, &line);
        i = end + 1;
        if (line.len == 0 || strspn(line.data, "-") == line.len)
            continue;
        if (para.len > 0 && continues(&para, &line)) {
            put(&para, " ");
            putn(&para, line.data, line.len);
            continue;
        }
        if (para.len > 0)
            classify(sm, para.data, para.len);
        vk_buf_clear(&para);
        putn(&para, line.data, line.len);
    }
    if (para.len > 0)
        classify(sm, para.data, para.len);
    vk_buf_free(&line);
    vk_buf_free(&para);
}

static int
sample_name(const struct dirent *e)
{
    const char *dot = strrchr(e->d_name, '.');
    return e->d_name[0] != '.' && dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".txt") == 0);
}

/* Reads every .md and .txt file of dir, in name order. */
static void
harvest_dir(samples *sm, const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, sample_name, alphasort);
    if (n < 0) {
        fprintf(stderr, "scale_corpus: %s: %s\n", dir, strerror(errno));
        exit(2);
    }
    for (int i = 0; i < n; i++) {
        vk_buf path = VK_BUF_INIT;
        PUTF(&path, "%s/%s", dir, names[i]->d_name);
        char *text = NULL;
        size_t len = 0;
        vk_error err = {0};
        if (vk_file_read(path.data, 64u << 20, &text, &len, &err) != VK_OK)
            die(err.msg);
        harvest_text(sm, text, len);
        free(text);
        vk_buf_free(&path);
        free(names[i]);
    }
    free(names);
    if (sm->paras.n < 10 || sm->heads1.n == 0 || sm->heads2.n == 0)
        die("the samples hold too few paragraphs or headings");
}

/* ---------------------------------------------------------------------- */
/* Tables                                                                 */
/* ---------------------------------------------------------------------- */

enum { T_NQ, T_KH, T_KL, T_CT, T_QDI, T_QDE, T_CTR, N_TYPES };
#define T(x) (1u << (x))

/* A document type as written in headers and file names. */
typedef struct doc_type {
    const char *name;  /* "Nghị quyết" */
    const char *upper; /* "NGHỊ QUYẾT" */
    const char *code;  /* "NQ" */
    const char *slug;  /* "nghi-quyet" */
    int code_ix;       /* numbering series (Quy định and Quyết định share QĐ) */
} doc_type;

static const doc_type types[N_TYPES] = {
    {"Nghị quyết", "NGHỊ QUYẾT", "NQ", "nghi-quyet", 0},
    {"Kế hoạch", "KẾ HOẠCH", "KH", "ke-hoach", 1},
    {"Kết luận", "KẾT LUẬN", "KL", "ket-luan", 2},
    {"Chỉ thị", "CHỈ THỊ", "CT", "chi-thi", 3},
    {"Quy định", "QUY ĐỊNH", "QĐ", "quy-dinh", 4},
    {"Quyết định", "QUYẾT ĐỊNH", "QĐ", "quyet-dinh", 4},
    {"Chương trình", "CHƯƠNG TRÌNH", "CTr", "chuong-trinh", 5},
};
#define N_CODES 6
static const char *const code_slugs[N_CODES] = {"nq", "kh", "kl", "ct", "qd", "ctr"};

/* A province, city or district. */
typedef struct locality {
    const char *upper; /* "BẮC NINH" */
    const char *name;  /* "Bắc Ninh" */
    const char *place; /* where its documents are signed */
} locality;

static const locality provinces[] = {
    {"BẮC NINH", "Bắc Ninh", "Bắc Ninh"},        {"NGHỆ AN", "Nghệ An", "Vinh"},
    {"THANH HÓA", "Thanh Hóa", "Thanh Hóa"},     {"QUẢNG NINH", "Quảng Ninh", "Hạ Long"},
    {"LÂM ĐỒNG", "Lâm Đồng", "Đà Lạt"},          {"ĐẮK LẮK", "Đắk Lắk", "Buôn Ma Thuột"},
    {"KHÁNH HÒA", "Khánh Hòa", "Nha Trang"},     {"BÌNH DƯƠNG", "Bình Dương", "Thủ Dầu Một"},
    {"VĨNH PHÚC", "Vĩnh Phúc", "Vĩnh Yên"},      {"THÁI BÌNH", "Thái Bình", "Thái Bình"},
    {"NAM ĐỊNH", "Nam Định", "Nam Định"},        {"HÀ TĨNH", "Hà Tĩnh", "Hà Tĩnh"},
    {"QUẢNG NAM", "Quảng Nam", "Tam Kỳ"},        {"LÀO CAI", "Lào Cai", "Lào Cai"},
    {"AN GIANG", "An Giang", "Long Xuyên"},      {"HÒA BÌNH", "Hòa Bình", "Hòa Bình"},
    {"THỪA THIÊN HUẾ", "Thừa Thiên Huế", "Huế"},
};

static const locality cities[] = {
    {"HÀ NỘI", "Hà Nội", "Hà Nội"},
    {"THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"},
    {"HẢI PHÒNG", "Hải Phòng", "Hải Phòng"},
    {"ĐÀ NẴNG", "Đà Nẵng", "Đà Nẵng"},
    {"CẦN THƠ", "Cần Thơ", "Cần Thơ"},
};

static const locality urban[] = {
    {"BA ĐÌNH", "Ba Đình", "Ba Đình"},       {"HOÀN KIẾM", "Hoàn Kiếm", "Hoàn Kiếm"},
    {"CẦU GIẤY", "Cầu Giấy", "Cầu Giấy"},    {"HẢI CHÂU", "Hải Châu", "Hải Châu"},
    {"NINH KIỀU", "Ninh Kiều", "Ninh Kiều"},
};

static const locality rural[] = {
    {"GIA LÂM", "Gia Lâm", "Gia Lâm"},
    {"ĐÔNG ANH", "Đông Anh", "Đông Anh"},
    {"THỦY NGUYÊN", "Thủy Nguyên", "Thủy Nguyên"},
    {"QUỲNH LƯU", "Quỳnh Lưu", "Quỳnh Lưu"},
};

static const locality blocs[] = {
    {"CÁC CƠ QUAN TRUNG ƯƠNG", "các cơ quan Trung ương", "Hà Nội"},
    {"DOANH NGHIỆP TRUNG ƯƠNG", "Doanh nghiệp Trung ương", "Hà Nội"},
};

/* Numbering series of issuers (the part after the slash). */
enum { I_TW, I_BTCTW, I_BTGTW, I_UBKTTW, I_BDVTW, I_VPTW, I_TU, I_QU, I_HU, I_DU, N_ISSUERS };
static const char *const issuer_codes[N_ISSUERS] = {"TW",   "BTCTW", "BTGTW", "UBKTTW", "BDVTW",
                                                    "VPTW", "TU",    "QU",    "HU",     "ĐU"};
static const char *const issuer_slugs[N_ISSUERS] = {"tw",   "btctw", "btgtw", "ubkttw", "bdvtw",
                                                    "vptw", "tu",    "qu",    "hu",     "du"};

/* A kind of issuing body. */
typedef struct issuer_kind {
    const char *upper;     /* header line, or its start before the locality */
    const char *name;      /* in running text, or its start before the locality */
    int code_ix;           /* its numbering series */
    const locality *where; /* localities, or NULL for a central body */
    size_t n_where;
    unsigned types;     /* types it issues */
    unsigned weight;    /* share of the documents, in percent */
    const char *behalf; /* "T/M <behalf>" above the signature, or NULL */
    const char *head;   /* capacity of the head ("" for none) */
    const char *deputy; /* capacity of a deputy signing "K/T <head>", or NULL */
} issuer_kind;

#define WHERE(a) a, VK_ARRAY_LEN(a)
static const issuer_kind kinds[] = {
    {"BAN CHẤP HÀNH TRUNG ƯƠNG", "Ban Chấp hành Trung ương", I_TW, NULL, 0,
     T(T_NQ) | T(T_KL) | T(T_QDI), 8, "BAN CHẤP HÀNH TRUNG ƯƠNG", "TỔNG BÍ THƯ", NULL},
    {"BỘ CHÍNH TRỊ", "Bộ Chính trị", I_TW, NULL, 0,
     T(T_NQ) | T(T_KL) | T(T_CT) | T(T_QDI) | T(T_QDE) | T(T_KH), 10, "BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ",
     NULL},
    {"BAN BÍ THƯ", "Ban Bí thư", I_TW, NULL, 0, T(T_CT) | T(T_KL) | T(T_QDI) | T(T_KH), 8,
     "BAN BÍ THƯ", "", NULL},
    {"BAN TỔ CHỨC TRUNG ƯƠNG", "Ban Tổ chức Trung ương", I_BTCTW, NULL, 0,
     T(T_KL) | T(T_KH) | T(T_QDE), 6, NULL, "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"},
    {"BAN TUYÊN GIÁO TRUNG ƯƠNG", "Ban Tuyên giáo Trung ương", I_BTGTW, NULL, 0, T(T_KH) | T(T_KL),
     4, NULL, "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"},
    {"ỦY BAN KIỂM TRA TRUNG ƯƠNG", "Ủy ban Kiểm tra Trung ương", I_UBKTTW, NULL, 0,
     T(T_KL) | T(T_KH) | T(T_QDE), 4, "ỦY BAN KIỂM TRA", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"},
    {"BAN DÂN VẬN TRUNG ƯƠNG", "Ban Dân vận Trung ương", I_BDVTW, NULL, 0, T(T_KH) | T(T_KL), 3,
     NULL, "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"},
    {"VĂN PHÒNG TRUNG ƯƠNG ĐẢNG", "Văn phòng Trung ương Đảng", I_VPTW, NULL, 0, T(T_KH) | T(T_QDE),
     2, NULL, "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"},
    {"TỈNH ỦY ", "Tỉnh ủy ", I_TU, WHERE(provinces),
     T(T_NQ) | T(T_KH) | T(T_CT) | T(T_CTR) | T(T_KL) | T(T_QDE), 25, "BAN THƯỜNG VỤ", "BÍ THƯ",
     "PHÓ BÍ THƯ"},
    {"THÀNH ỦY ", "Thành ủy ", I_TU, WHERE(cities),
     T(T_NQ) | T(T_KH) | T(T_CT) | T(T_CTR) | T(T_KL) | T(T_QDE), 15, "BAN THƯỜNG VỤ", "BÍ THƯ",
     "PHÓ BÍ THƯ"},
    {"QUẬN ỦY ", "Quận ủy ", I_QU, WHERE(urban), T(T_NQ) | T(T_KH) | T(T_CTR) | T(T_KL), 6,
     "BAN THƯỜNG VỤ", "BÍ THƯ", "PHÓ BÍ THƯ"},
    {"HUYỆN ỦY ", "Huyện ủy ", I_HU, WHERE(rural), T(T_NQ) | T(T_KH) | T(T_CTR) | T(T_KL), 6,
     "BAN THƯỜNG VỤ", "BÍ THƯ", "PHÓ BÍ THƯ"},
    {"ĐẢNG ỦY KHỐI ", "Đảng ủy Khối ", I_DU, WHERE(blocs), T(T_NQ) | T(T_KH) | T(T_CTR), 3,
     "BAN THƯỜNG VỤ", "BÍ THƯ", "PHÓ BÍ THƯ"},
};

static const char *const romans[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

static const char *const ordinals[] = {
    "NHẤT", "HAI",  "BA",       "TƯ",       "NĂM",     "SÁU",      "BẢY",      "TÁM",
    "CHÍN", "MƯỜI", "MƯỜI MỘT", "MƯỜI HAI", "MƯỜI BA", "MƯỜI BỐN", "MƯỜI LĂM",
};

static const char *const letters[] = {"a", "b", "c", "d", "đ", "e", "g",
                                      "h", "i", "k", "l", "m", "n"};

static const char *const verbs[] = {
    "",
    "tiếp tục đổi mới ",
    "tăng cường ",
    "đẩy mạnh ",
    "nâng cao chất lượng, hiệu quả ",
    "tăng cường sự lãnh đạo của Đảng đối với ",
    "đổi mới, nâng cao hiệu quả ",
    "tiếp tục thực hiện ",
};

static const char *const topics[] = {
    "công tác cán bộ",
    "công tác tổ chức xây dựng Đảng",
    "phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị",
    "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
    "công tác phòng, chống tham nhũng, tiêu cực",
    "kiểm soát quyền lực trong công tác cán bộ",
    "công tác tuyên truyền, giáo dục chính trị, tư tưởng",
    "công tác dân vận của hệ thống chính trị",
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "công tác bảo vệ nền tảng tư tưởng của Đảng",
    "sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    "chất lượng sinh hoạt chi bộ",
    "công tác phát triển đảng viên",
    "thực hành tiết kiệm, chống lãng phí",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác quy hoạch, đào tạo, bồi dưỡng cán bộ",
    "công tác luân chuyển cán bộ lãnh đạo, quản lý",
    "đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên",
    "công tác bảo vệ chính trị nội bộ",
    "cải cách hành chính, chuyển đổi số",
    "công tác đối ngoại và hội nhập quốc tế",
    "nhiệm vụ quốc phòng, an ninh",
    "phát triển giáo dục và đào tạo",
    "phát triển khoa học, công nghệ và đổi mới sáng tạo",
    "xây dựng nông thôn mới",
    "bảo vệ môi trường, ứng phó với biến đổi khí hậu",
    "xây dựng và phát triển văn hóa, con người Việt Nam",
    "công tác thông tin, báo cáo",
    "trách nhiệm nêu gương của cán bộ, đảng viên",
    "chính sách đối với cán bộ",
    "vai trò của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
    "công tác thanh niên",
    "công tác phụ nữ",
    "thực hiện dân chủ ở cơ sở",
    "khuyến khích và bảo vệ cán bộ năng động, sáng tạo vì lợi ích chung",
    "xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh",
    "công tác thi đua, khen thưởng",
    "phát triển kinh tế - xã hội",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống",
    "quản lý đất đai, tài nguyên",
    "công tác cán bộ nữ",
    "năng lực lãnh đạo và sức chiến đấu của tổ chức đảng",
    "công tác văn thư, lưu trữ của Đảng",
    "chất lượng ban hành văn bản của Đảng",
};

static const char *const extra_heads1[] = {
    "TÌNH HÌNH VÀ NGUYÊN NHÂN",
    "KẾT QUẢ THỰC HIỆN",
    "HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
    "BÀI HỌC KINH NGHIỆM",
    "PHƯƠNG HƯỚNG, NHIỆM VỤ",
    "QUAN ĐIỂM CHỈ ĐẠO",
    "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU",
    "NỘI DUNG",
    "QUY ĐỊNH CHUNG",
    "PHẠM VI ĐIỀU CHỈNH, ĐỐI TƯỢNG ÁP DỤNG",
    "GIẢI PHÁP THỰC HIỆN",
};

static const char *const extra_heads2[] = {
    "Kết quả đạt được",
    "Hạn chế, khuyết điểm",
    "Nguyên nhân",
    "Bài học kinh nghiệm",
    "Về công tác tuyên truyền",
    "Về công tác dân vận",
    "Đối với các cấp ủy, tổ chức đảng",
    "Đối với cơ quan nhà nước",
    "Trách nhiệm của người đứng đầu",
    "Chế độ thông tin, báo cáo",
    "Kinh phí thực hiện",
    "Phân công nhiệm vụ",
    "Ban Tổ chức Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
};

static const char *const central_recipients[] = {
    "Các tỉnh ủy, thành ủy",
    "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
    "Các đảng ủy đơn vị sự nghiệp Trung ương",
    "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng",
    "Các Đ/c Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng (để báo cáo)",
    "Ban Bí thư Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Các ban tổ chức tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
    "Các đơn vị sự nghiệp Trung ương, tập đoàn, tổng công ty lớn của Nhà nước",
    "Lãnh đạo Ban; các cục, vụ, đơn vị thuộc Ban",
};

static const char *const local_recipients[] = {
    "Ban Bí thư Trung ương Đảng (để báo cáo)",
    "Ban Tổ chức Trung ương (để báo cáo)",
    "Văn phòng Trung ương Đảng (để báo cáo)",
    "Thường trực cấp ủy (báo cáo)",
    "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ",
    "Các ban xây dựng Đảng, Văn phòng, Ủy ban Kiểm tra",
    "Thường trực HĐND, UBND",
    "Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
    "Các đảng đoàn, ban cán sự đảng",
    "Các cấp ủy trực thuộc",
    "Công an, Ban Chỉ huy Quân sự",
    "Báo, Đài Phát thanh và Truyền hình",
};

static const char *const surnames[] = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                       "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                       "Hồ",     "Ngô",  "Dương", "Lý"};
static const char *const middles[] = {"Văn", "Thị", "Đình",  "Minh", "Xuân", "Quang",
                                      "Đức", "Hữu", "Thanh", "Ngọc", "Công", "Thế"};
static const char *const givens[] = {"Trọng", "Hùng", "Dũng", "Hà",   "Lan", "Thủy",  "Khoa",
                                     "Chính", "Bình", "Sơn",  "Tuấn", "Hải", "Hương", "Phúc",
                                     "Thắng", "Quân", "Long", "Hòa",  "Thúy"};

/* Sentences that carry a citation: text before it, text after it. */
static const char *const cite_frames[][2] = {
    {"Tiếp tục thực hiện nghiêm ", "."},
    {"Việc triển khai phải gắn với thực hiện ", "."},
    {"Quán triệt và thực hiện có hiệu quả ", "."},
    {"Thực hiện ", ", cấp ủy các cấp xây dựng kế hoạch cụ thể để triển khai."},
    {"Căn cứ ", ", các cơ quan tham mưu rà soát, bổ sung các quy định có liên quan."},
    {"Bám sát ", " để cụ thể hóa thành chương trình, kế hoạch của từng cấp."},
    {"Định kỳ sơ kết, đánh giá kết quả thực hiện theo ", "."},
};

/* ---------------------------------------------------------------------- */
/* Documents, references and numbering                                    */
/* ---------------------------------------------------------------------- */

/* A document that others can cite. */
typedef struct doc_ref {
    int type;        /* index in types */
    int num;         /* its number */
    char numtext[8]; /* the number as written ("04") */
    char code[24];   /* "NQ/TW" */
    int y, m, d;     /* date of issue */
    char issuer[160]; /* as cited: "Bộ Chính trị", "Ban Thường vụ Tỉnh ủy Bắc Ninh" */
    const char *term; /* "XIII" for the central committee's documents, else NULL */
} doc_ref;

/* Real documents the samples cite; generated numbers avoid them. */
static const doc_ref fixed_refs[] = {
    {T_NQ, 28, "28", "NQ/TW", 2022, 11, 17, "Ban Chấp hành Trung ương", "XIII"},
    {T_KL, 21, "21", "KL/TW", 2021, 10, 25, "Ban Chấp hành Trung ương", "XIII"},
    {T_KH, 12, "12", "KH/TW", 2022, 11, 28, "Bộ Chính trị", NULL},
    {T_KL, 4, "04", "KL/BTCTW", 2018, 1, 22, "Ban Tổ chức Trung ương", NULL},
    {T_CT, 5, "05", "CT/TW", 2016, 5, 15, "Bộ Chính trị", NULL},
    {T_QDI, 24, "24", "QĐ/TW", 2021, 7, 30, "Ban Chấp hành Trung ương", "XIII"},
    {T_NQ, 21, "21", "NQ/TW", 2022, 6, 16, "Ban Chấp hành Trung ương", "XIII"},
};

/* An issuing body with its locality filled in. */
typedef struct who {
    const issuer_kind *k;
    const locality *loc; /* NULL for a central body */
    char upper[128];     /* "TỈNH ỦY BẮC NINH" */
    char name[128];      /* "Tỉnh ủy Bắc Ninh" */
    const char *place;   /* "Bắc Ninh" */
} who;

enum { TONE_KEEP, TONE_OLD, TONE_NEW };

/* How one document is written. */
typedef struct style {
    int md;     /* markdown marks: '#' headings, bold, italics, hard breaks */
    char sep;   /* after Roman numerals: '-' or '.' */
    int bullet; /* paragraphs start with 0 nothing, 1 "- ", 2 "+ ", 3 "(n) " */
    int tone;   /* TONE_KEEP (as the samples), TONE_OLD (òa), TONE_NEW (oà) */
} style;

/* Everything decided about a document before it is written. */
typedef struct plan {
    who w;
    int type;            /* index in types */
    doc_ref self;        /* its own number, date, issuer */
    const char *term;    /* central committee term of its date */
    char local_term[16]; /* a local committee's term ("XIX"), or "" */
    int plenum;          /* conference number 1-15, 0 for none */
    vk_buf title;        /* "về ..." */
    style st;
    size_t target; /* bytes aimed at */
} plan;

/* The generator. */
typedef struct gen {
    rng r;
    const samples *sm;
    size_t *perm;   /* the current document's order of sample paragraphs */
    size_t perm_at; /* next one to take */
    doc_ref *refs;  /* documents written so far */
    size_t n_refs, cap_refs;
    uint64_t *titles; /* open-addressing set of title hashes (0 = empty) */
    size_t cap_titles, n_titles;
    int counters[N_CODES][N_ISSUERS][N_YEARS]; /* last number of each series */
} gen;

static void
roman(int n, char out[16])
{
    static const struct {
        int v;
        const char *s;
    } r[] = {{40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
    out[0] = '\0';
    for (size_t i = 0; i < VK_ARRAY_LEN(r); i++) {
        for (; n >= r[i].v && strlen(out) + strlen(r[i].s) < 16; n -= r[i].v)
            strcat(out, r[i].s);
    }
}

/* The central committee's term on a date, and the number of months into it. */
static const char *
term_of(int y, int m, int *months_in)
{
    static const struct {
        int y, m;
        const char *t;
    } starts[] = {{1991, 6, "VII"}, {1996, 7, "VIII"}, {2001, 4, "IX"},  {2006, 4, "X"},
                  {2011, 1, "XI"},  {2016, 1, "XII"},  {2021, 2, "XIII"}};
    size_t k = 0;
    for (size_t i = 0; i < VK_ARRAY_LEN(starts); i++) {
        if (y > starts[i].y || (y == starts[i].y && m >= starts[i].m))
            k = i;
    }
    *months_in = (y - starts[k].y) * 12 + (m - starts[k].m);
    return starts[k].t;
}

static int
reserved(const char *code, int num, int y)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(fixed_refs); i++) {
        if (fixed_refs[i].num == num && fixed_refs[i].y == y && !strcmp(fixed_refs[i].code, code))
            return 1;
    }
    return 0;
}

/* The next number of a series: issuers number their documents in order. */
static int
next_number(gen *g, int type, int issuer, int y, const char *code)
{
    int *c = &g->counters[types[type].code_ix][issuer][y - YEAR_FIRST];
    *c = *c == 0 ? (int)rng_range(&g->r, 1, 40) : *c + (int)rng_range(&g->r, 1, 4);
    while (reserved(code, *c, y))
        (*c)++;
    return *c;
}

static void
pick_issuer(gen *g, who *w)
{
    size_t roll = rng_below(&g->r, 100), k = 0;
    for (unsigned acc = 0; k + 1 < VK_ARRAY_LEN(kinds); k++) {
        acc += kinds[k].weight;
        if (roll < acc)
            break;
    }
    w->k = &kinds[k];
    w->loc = w->k->where ? &w->k->where[rng_below(&g->r, w->k->n_where)] : NULL;
    snprintf(w->upper, sizeof w->upper, "%s%s", w->k->upper, w->loc ? w->loc->upper : "");
    snprintf(w->name, sizeof w->name, "%s%s", w->k->name, w->loc ? w->loc->name : "");
    w->place = w->loc ? w->loc->place : "Hà Nội";
}

static int
pick_type(gen *g, unsigned mask)
{
    int n = 0, chosen = T_NQ;
    for (int t = 0; t < N_TYPES; t++) {
        if ((mask & T(t)) && rng_below(&g->r, (size_t)++n) == 0)
            chosen = t; /* reservoir sampling over the set bits */
    }
    return chosen;
}

static void
plan_number(gen *g, plan *p)
{
    doc_ref *s = &p->self;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    s->type = p->type;
    s->y = YEAR_FIRST + (int)rng_below(&g->r, N_YEARS);
    s->m = 1 + (int)rng_below(&g->r, 12);
    s->d = 1 + (int)rng_below(&g->r, (size_t)days[s->m - 1]);
    snprintf(s->code, sizeof s->code, "%s/%s", types[p->type].code, issuer_codes[p->w.k->code_ix]);
    s->num = next_number(g, p->type, p->w.k->code_ix, s->y, s->code);
    snprintf(s->numtext, sizeof s->numtext, s->num < 10 && rng_pct(&g->r, 40) ? "%02d" : "%d",
             s->num);
    int months;
    p->term = term_of(s->y, s->m, &months);
    p->plenum = 0;
    p->local_term[0] = '\0';
    if (p->w.k->code_ix == I_TW) {
        snprintf(s->issuer, sizeof s->issuer, "%s", p->w.name);
        s->term = p->term;
        if (p->w.k == &kinds[0] && (p->type == T_NQ || p->type == T_KL))
            p->plenum = 1 + (months / 4 > 14 ? 14 : months / 4);
    } else {
        snprintf(s->issuer, sizeof s->issuer, "%s%s",
                 p->w.loc && rng_pct(&g->r, 70) ? "Ban Thường vụ " : "", p->w.name);
        s->term = NULL;
        if (p->w.loc && p->type == T_NQ && rng_pct(&g->r, 50)) {
            p->plenum = (int)rng_range(&g->r, 1, 15);
            roman(14 + (s->y - 1996) / 5, p->local_term);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Citations                                                              */
/* ---------------------------------------------------------------------- */

static int
earlier(const doc_ref *a, const doc_ref *b)
{
    return a->y != b->y ? a->y < b->y : a->m != b->m ? a->m < b->m : a->d < b->d;
}

/* A document issued before p's, of a type in mask when possible; NULL when
 * none is at hand. */
static const doc_ref *
pick_ref(gen *g, const plan *p, unsigned mask)
{
    for (int tries = 0; tries < 12 && g->n_refs > 0; tries++) {
        const doc_ref *r = &g->refs[rng_below(&g->r, g->n_refs)];
        if (earlier(r, &p->self) && (mask & T(r->type)))
            return r;
    }
    for (int tries = 0; tries < 4; tries++) {
        const doc_ref *r = &PICK(&g->r, fixed_refs);
        if (earlier(r, &p->self))
            return r;
    }
    return NULL;
}

static void
put_date(gen *g, vk_buf *b, const doc_ref *r)
{
    if (rng_pct(&g->r, 20))
        PUTF(b, "%d tháng %02d năm %d", r->d, r->m, r->y);
    else if (rng_pct(&g->r, 30))
        PUTF(b, "%02d/%02d/%d", r->d, r->m, r->y);
    else
        PUTF(b, "%d/%d/%d", r->d, r->m, r->y);
}

/* A citation of r, in one of the ways the documents write them:
 * "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương
 * khóa XIII", a list "18, 19-NQ/TW", a spaced "04 - KL/BTCTW". */
static void
put_cite(gen *g, vk_buf *b, const doc_ref *r)
{
    PUTF(b, "%s số ", types[r->type].name);
    unsigned roll = (unsigned)rng_below(&g->r, 100);
    if (roll < 8 && (r->type == T_NQ || r->type == T_KL))
        PUTF(b, "%s, %d-%s", r->numtext, r->num + 1, r->code);
    else if (roll < 18)
        PUTF(b, "%s - %s", r->numtext, r->code);
    else
        PUTF(b, "%s-%s", r->numtext, r->code);
    put(b, rng_pct(&g->r, 70) ? ", ngày " : " ngày ");
    put_date(g, b, r);
    PUTF(b, " của %s", r->issuer);
    if (r->term && rng_pct(&g->r, 50))
        PUTF(b, " %s %s", rng_pct(&g->r, 50) ? "khóa" : "khoá", r->term);
}

/* A resolution named without its number: "Nghị quyết Trung ương 4 khóa XII",
 * "Nghị quyết Đại hội XIII của Đảng". */
static void
put_informal(gen *g, vk_buf *b, const plan *p)
{
    int months;
    doc_ref before = p->self;
    before.y -= 1 + (int)rng_below(&g->r, 4);
    const char *t = term_of(before.y, before.m, &months);
    if (rng_pct(&g->r, 60))
        PUTF(b, "Nghị quyết Trung ương %d khóa %s", 1 + (months / 4 > 14 ? 14 : months / 4), t);
    else
        PUTF(b, "Nghị quyết Đại hội %s của Đảng", t);
}

static void
put_any_cite(gen *g, vk_buf *b, const plan *p)
{
    const doc_ref *r = rng_pct(&g->r, 90) ? pick_ref(g, p, ~0u) : NULL;
    if (r)
        put_cite(g, b, r);
    else
        put_informal(g, b, p);
}

/* ---------------------------------------------------------------------- */
/* Titles                                                                 */
/* ---------------------------------------------------------------------- */

/* Adds the title's hash (type series, title, term) to the set; returns 0
 * if it was there: the index groups documents of one type, title and term
 * as copies of one document, so titles must differ. */
static int
title_add(gen *g, const plan *p)
{
    if (2 * (g->n_titles + 1) > g->cap_titles) {
        size_t cap = g->cap_titles ? 2 * g->cap_titles : 4096;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t)
            die("out of memory");
        for (size_t i = 0; i < g->cap_titles; i++) {
            size_t j = (size_t)(g->titles[i] & (cap - 1));
            while (g->titles[i] && t[j])
                j = (j + 1) & (cap - 1);
            if (g->titles[i])
                t[j] = g->titles[i];
        }
        free(g->titles);
        g->titles = t;
        g->cap_titles = cap;
    }
    vk_buf k = VK_BUF_INIT;
    PUTF(&k, "%d|%s|%s", types[p->type].code_ix, p->title.data,
         p->plenum ? (p->local_term[0] ? p->local_term : p->term) : "");
    uint64_t h = vk_hash64(k.data, k.len) | 1;
    vk_buf_free(&k);
    size_t j = (size_t)(h & (g->cap_titles - 1));
    for (; g->titles[j]; j = (j + 1) & (g->cap_titles - 1)) {
        if (g->titles[j] == h)
            return 0;
    }
    g->titles[j] = h;
    g->n_titles++;
    return 1;
}

static void
put_subject(gen *g, vk_buf *b, int y)
{
    put(b, PICK(&g->r, verbs));
    put(b, PICK(&g->r, topics));
    switch (rng_below(&g->r, 9)) {
    case 0: put(b, " trong giai đoạn mới"); break;
    case 1: put(b, " trong tình hình mới"); break;
    case 2: PUTF(b, " giai đoạn %d - %d", y, y + 5); break;
    case 3: PUTF(b, " đến năm %d, tầm nhìn đến năm %d", y + 10 - y % 5, y + 25 - y % 5); break;
    case 4: PUTF(b, " nhiệm kỳ %d - %d", y - y % 5, y - y % 5 + 5); break;
    case 5: put(b, " trong thời gian tới"); break;
    case 6: PUTF(b, " năm %d", y + 1); break;
    default: break;
    }
}

static void
make_title(gen *g, plan *p)
{
    for (int tries = 0;; tries++) {
        vk_buf_clear(&p->title);
        const doc_ref *basis = NULL;
        if (p->type == T_KH || p->type == T_CTR)
            basis = pick_ref(g, p, T(T_NQ) | T(T_KL) | T(T_CT));
        if (basis) {
            put(&p->title, "thực hiện ");
            put_cite(g, &p->title, basis);
            put(&p->title, " về ");
        } else {
            put(&p->title, "về ");
        }
        put_subject(g, &p->title, p->self.y);
        if (tries > 20)
            PUTF(&p->title, " (đợt %d)", tries - 19);
        if (title_add(g, p))
            return;
    }
}

/* ---------------------------------------------------------------------- */
/* Writing: header                                                        */
/* ---------------------------------------------------------------------- */

/* A line, bold when the document uses markdown and the roll says so. */
static void
put_line(gen *g, vk_buf *b, const plan *p, const char *s, unsigned bold_pct)
{
    int bold = p->st.md && rng_pct(&g->r, bold_pct);
    PUTF(b, "%s%s%s\n\n", bold ? "**" : "", s, bold ? "**" : "");
}

static void
put_stamp(gen *g, vk_buf *b, const plan *p)
{
    const char *hb = p->st.md ? "  " : "";
    PUTF(b, "Ký bởi: %s%s\nEmail: Van thu%s\nCơ quan: %s%s\n", p->w.name, hb, hb, p->w.name, hb);
    PUTF(b, "Ngày ký: %02d.%02d.%d %02d:%02d:%02d%s\n+07:00\n\n", p->self.d, p->self.m, p->self.y,
         (int)rng_range(&g->r, 7, 17), (int)rng_below(&g->r, 60), (int)rng_below(&g->r, 60), hb);
}

static void
put_number_line(gen *g, vk_buf *b, const plan *p)
{
    const doc_ref *s = &p->self;
    if (rng_pct(&g->r, 10))
        PUTF(b, "Số %s - %s\n\n", s->numtext, s->code);
    else
        PUTF(b, "Số%s %s-%s\n\n", rng_pct(&g->r, 25) ? ":" : "", s->numtext, s->code);
}

static void
put_date_line(gen *g, vk_buf *b, const plan *p)
{
    const doc_ref *s = &p->self;
    int it = p->st.md && rng_pct(&g->r, 50);
    PUTF(b, "%s%s, ngày %02d tháng %02d năm %d%s\n\n", it ? "*" : "", p->w.place, s->d, s->m, s->y,
         it ? "*" : "");
}

/* The conference and committee lines under the type ("HỘI NGHỊ LẦN THỨ
 * SÁU", "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII"). */
static void
put_conference(gen *g, vk_buf *b, const plan *p)
{
    vk_buf l = VK_BUF_INIT;
    PUTF(&l, "HỘI NGHỊ LẦN THỨ %s", ordinals[p->plenum - 1]);
    put_line(g, b, p, l.data, 80);
    vk_buf_clear(&l);
    const char *khoa = rng_pct(&g->r, 50) ? "KHÓA" : "KHOÁ";
    if (p->local_term[0])
        PUTF(&l, "BAN CHẤP HÀNH ĐẢNG BỘ %s %s", p->w.loc->upper, khoa);
    else
        PUTF(&l, "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG %s", khoa);
    PUTF(&l, " %s", p->local_term[0] ? p->local_term : p->term);
    put_line(g, b, p, l.data, 80);
    vk_buf_free(&l);
}

/* The title, bold or not, broken over two lines when long. */
static void
put_title(gen *g, vk_buf *b, const plan *p)
{
    const char *t = p->title.data;
    size_t len = p->title.len, cut = 0;
    if (len > 90 && rng_pct(&g->r, 50)) {
        for (cut = len / 2; cut < len && t[cut] != ' '; cut++)
            ;
        cut = cut < len ? cut : 0;
    }
    int bold = p->st.md && rng_pct(&g->r, 60);
    put(b, bold ? "**" : "");
    if (cut) {
        putn(b, t, cut);
        put(b, p->st.md ? "  \n" : "\n");
        put(b, t + cut + 1);
    } else {
        put(b, t);
    }
    put(b, bold ? "**\n\n" : "\n\n");
}

static void
write_header(gen *g, vk_buf *b, const plan *p)
{
    if (rng_pct(&g->r, 6))
        put_stamp(g, b, p);
    int party_inline = rng_pct(&g->r, 20), date_first = rng_pct(&g->r, 20);
    vk_buf l = VK_BUF_INIT;
    PUTF(&l, "%s%s", p->w.upper, party_inline ? " ĐẢNG CỘNG SẢN VIỆT NAM" : "");
    put_line(g, b, p, l.data, 70);
    vk_buf_free(&l);
    put(b, p->st.md ? "\\*\n\n" : "*\n\n");
    if (date_first)
        put_date_line(g, b, p);
    put_number_line(g, b, p);
    if (!party_inline && rng_pct(&g->r, 60))
        put_line(g, b, p, "ĐẢNG CỘNG SẢN VIỆT NAM", 70);
    if (!date_first)
        put_date_line(g, b, p);
    if (p->st.md && rng_pct(&g->r, 50)) {
        const char *em = rng_pct(&g->r, 50) ? "**" : "";
        PUTF(b, "## %s%s%s\n\n", em, types[p->type].upper, em);
    } else
        put_line(g, b, p, types[p->type].upper, 70);
    if (p->plenum)
        put_conference(g, b, p);
    put_title(g, b, p);
    if (rng_pct(&g->r, 60))
        put(b, "-----\n\n");
}

/* ---------------------------------------------------------------------- */
/* Writing: body                                                          */
/* ---------------------------------------------------------------------- */

/* A place in a long paragraph where a page break could have split it: a
 * space after a letter, before a word in lower case that is not "a)"; 0 if
 * none. */
static size_t
break_point(const char *s, size_t len)
{
    for (size_t i = len / 3; i + 3 < len; i++) {
        size_t l;
        if (s[i] != ' ' || !is_letter_cp(last_cp(s, i)) ||
            !is_lower_cp(cp_at(s + i + 1, len - i - 1, &l)))
            continue;
        size_t e = i + 1;
        while (e < len && s[e] != ' ')
            e++;
        if (s[e - 1] != ')')
            return i;
    }
    return 0;
}

/* Writes a paragraph after its marker, sometimes split by a page break
 * (the parser joins it again). */
static void
write_para(gen *g, vk_buf *b, const char *marker, const vk_buf *para)
{
    put(b, marker);
    size_t cut = para->len > 300 && rng_pct(&g->r, 4) ? break_point(para->data, para->len) : 0;
    if (cut) {
        putn(b, para->data, cut);
        put(b, rng_pct(&g->r, 50) ? "\n\n" : "\n\n\n\n");
        putn(b, para->data + cut + 1, para->len - cut - 1);
    } else {
        putn(b, para->data, para->len);
    }
    put(b, "\n\n");
}

/* One body paragraph: a sample paragraph in the document's order, or
 * sentences of several, sometimes followed by a citation. */
static void
make_para(gen *g, const plan *p, vk_buf *out)
{
    const samples *sm = g->sm;
    vk_buf_clear(out);
    if (sm->sents.n < 8 || rng_pct(&g->r, 50)) {
        if (g->perm_at == sm->paras.n)
            g->perm_at = 0;
        put(out, sm->paras.v[g->perm[g->perm_at++]]);
    } else {
        size_t k = rng_range(&g->r, 2, 5);
        for (size_t i = 0; i < k; i++) {
            put(out, i ? " " : "");
            put(out, sm->sents.v[rng_below(&g->r, sm->sents.n)]);
        }
    }
    if (rng_pct(&g->r, 12)) {
        size_t f = rng_below(&g->r, VK_ARRAY_LEN(cite_frames));
        const char *last = out->len ? out->data + out->len - 1 : "";
        put(out, strchr(".;:", *last) ? " " : ". ");
        put(out, cite_frames[f][0]);
        put_any_cite(g, out, p);
        put(out, cite_frames[f][1]);
    }
}

/* Writes paragraphs with the document's bullets until b reaches `end`
 * bytes (at least one). */
static void
paras_until(gen *g, const plan *p, vk_buf *b, vk_buf *para, size_t end)
{
    int n = 0;
    do {
        char marker[16] = "";
        if (p->st.bullet == 1)
            strcpy(marker, "- ");
        else if (p->st.bullet == 2)
            strcpy(marker, "+ ");
        else if (p->st.bullet == 3)
            snprintf(marker, sizeof marker, "(%d) ", ++n);
        make_para(g, p, para);
        write_para(g, b, marker, para);
    } while (b->len < end);
}

/* Numbered paragraphs "1. text" (the parser makes each a section whose
 * heading is its first clause), at least `min`, until b reaches `end`. */
static void
numbered_items(gen *g, const plan *p, vk_buf *b, vk_buf *para, size_t end, int min)
{
    for (int k = 1; k <= min || b->len < end; k++) {
        char marker[16];
        snprintf(marker, sizeof marker, "%d. ", k);
        make_para(g, p, para);
        write_para(g, b, marker, para);
    }
}

/* Items "a) text", "b) text", ... until b reaches `end` or the letters run out. */
static void
letter_items(gen *g, const plan *p, vk_buf *b, vk_buf *para, size_t end)
{
    for (size_t k = 0; k < VK_ARRAY_LEN(letters) && (k == 0 || b->len < end); k++) {
        char marker[16];
        snprintf(marker, sizeof marker, "%s) ", letters[k]);
        make_para(g, p, para);
        write_para(g, b, marker, para);
    }
}

/* A heading line: "I- TÌNH HÌNH", "### 1. Mục đích", "**2.1. Về ...**". */
static void
put_heading(gen *g, vk_buf *b, const plan *p, int level, const char *num, const char *text)
{
    static const char *const hashes[] = {"## ", "### ", "#### "};
    const char *h = "", *em = "";
    if (p->st.md && rng_pct(&g->r, 75))
        h = hashes[level == 1 ? rng_below(&g->r, 3) : 1 + rng_below(&g->r, 2)];
    if (p->st.md && rng_pct(&g->r, 40))
        em = level == 3 && rng_pct(&g->r, 50) ? "*" : "**";
    if (level == 1)
        PUTF(b, "%s%s%s%c %s%s\n\n", h, em, num, p->st.sep, text, em);
    else
        PUTF(b, "%s%s%s %s%s\n\n", h, em, num, text, em);
}

static const char *
pick_head2(gen *g)
{
    const strv *h = &g->sm->heads2;
    size_t n = h->n + VK_ARRAY_LEN(extra_heads2);
    size_t k = rng_below(&g->r, n);
    return k < h->n ? h->v[k] : extra_heads2[k - h->n];
}

/* Subsections "k.1.", "k.2." ... with paragraphs, until b reaches `end`. */
static void
dotted(gen *g, const plan *p, vk_buf *b, vk_buf *para, int k, size_t end)
{
    vk_buf head = VK_BUF_INIT;
    for (int j = 1; j == 1 || b->len < end; j++) {
        char num[32];
        snprintf(num, sizeof num, "%d.%d.", k, j);
        vk_buf_clear(&head);
        if (rng_pct(&g->r, 50)) {
            put(&head, "Về ");
            put(&head, PICK(&g->r, topics));
        } else {
            put(&head, pick_head2(g));
        }
        put_heading(g, b, p, 3, num, head.data);
        size_t sub = b->len + rng_range(&g->r, 800, 3000);
        paras_until(g, p, b, para, j >= 9 || sub > end ? end : sub);
    }
    vk_buf_free(&head);
}

/* Subsections "1. Heading" with paragraphs, dotted subsections or letter
 * items under them, until b reaches `end`. */
static void
subsections(gen *g, const plan *p, vk_buf *b, vk_buf *para, size_t end)
{
    for (int k = 1; k == 1 || b->len < end; k++) {
        char num[16];
        snprintf(num, sizeof num, "%d.", k);
        put_heading(g, b, p, 2, num, pick_head2(g));
        size_t sub = b->len + rng_range(&g->r, 1500, 7000);
        if (k >= 12 || sub > end)
            sub = end;
        unsigned form = (unsigned)rng_below(&g->r, 10);
        if (form < 2 && sub > b->len + 4000)
            dotted(g, p, b, para, k, sub);
        else if (form < 3)
            letter_items(g, p, b, para, sub);
        else
            paras_until(g, p, b, para, sub);
    }
}

/* Picks n distinct top headings (n at most 6). */
static void
pick_heads1(gen *g, const char **out, size_t n)
{
    const strv *h = &g->sm->heads1;
    size_t total = h->n + VK_ARRAY_LEN(extra_heads1);
    for (size_t i = 0; i < n; i++) {
        for (;;) {
            size_t k = rng_below(&g->r, total);
            const char *s = k < h->n ? h->v[k] : extra_heads1[k - h->n];
            size_t j = 0;
            while (j < i && strcmp(out[j], s) != 0)
                j++;
            if (j == i) {
                out[i] = s;
                break;
            }
        }
    }
}

/* Text before the first heading, by type. */
static void
write_preamble(gen *g, vk_buf *b, const plan *p, vk_buf *para)
{
    const char *tname = types[p->type].name;
    if (p->type == T_KH || p->type == T_CTR) {
        put(b, "Thực hiện ");
        put_any_cite(g, b, p);
        PUTF(b, ", %s xây dựng %s thực hiện như sau:\n\n", p->self.issuer,
             p->type == T_KH ? "Kế hoạch" : "Chương trình hành động");
        return;
    }
    if (p->type == T_QDI || p->type == T_QDE) {
        put(b, "Căn cứ Điều lệ Đảng;\n\nCăn cứ ");
        put_any_cite(g, b, p);
        PUTF(b, ";\n\nCăn cứ Quy chế làm việc của %s;\n\n", p->w.name);
        PUTF(b, "%s %s như sau:\n\n", p->self.issuer, p->type == T_QDI ? "quy định" : "quyết định");
        return;
    }
    if (rng_pct(&g->r, 50)) {
        PUTF(b, "Sau %d năm thực hiện ", (int)rng_range(&g->r, 3, 15));
        put_any_cite(g, b, p);
        PUTF(b, ", %s đã đạt được nhiều kết quả quan trọng.\n\n",
             tname[0] == 'C' ? "công tác lãnh đạo, chỉ đạo" : "việc triển khai thực hiện");
    }
    paras_until(g, p, b, para, b->len + rng_range(&g->r, 300, 3000));
}

static void
write_body(gen *g, vk_buf *b, const plan *p)
{
    vk_buf para = VK_BUF_INIT;
    write_preamble(g, b, p, &para);
    size_t n = rng_range(&g->r, 2, 5), body_end = p->target > 2500 ? p->target - 2500 : 0;
    const char *heads[6];
    pick_heads1(g, heads, n);
    for (size_t i = 0; i < n; i++) {
        size_t left = body_end > b->len ? body_end - b->len : 0;
        size_t end = i + 1 == n ? body_end : b->len + left / (n - i);
        put_heading(g, b, p, 1, romans[i], heads[i]);
        unsigned form = (unsigned)rng_below(&g->r, 10);
        if (form < 2)
            paras_until(g, p, b, &para, end);
        else if (form < 4)
            numbered_items(g, p, b, &para, end, 2);
        else
            subsections(g, p, b, &para, end);
    }
    put_heading(g, b, p, 1, romans[n], "TỔ CHỨC THỰC HIỆN");
    numbered_items(g, p, b, &para, p->target > 1200 ? p->target - 1200 : 0, 2);
    if (rng_pct(&g->r, 30))
        PUTF(b, "%s này được phổ biến đến chi bộ.\n\n", types[p->type].name);
    vk_buf_free(&para);
}

/* ---------------------------------------------------------------------- */
/* Writing: closing                                                       */
/* ---------------------------------------------------------------------- */

static void
write_recipients(gen *g, vk_buf *b, const plan *p)
{
    static const char *const labels[] = {"Nơi nhận:", "#### Nơi nhận:", "**Nơi nhận:**",
                                         "*Nơi nhận:*"};
    put(b, p->st.md ? PICK(&g->r, labels) : "Nơi nhận:");
    put(b, rng_pct(&g->r, 50) ? "\n\n" : "\n");
    int central = p->w.k->where == NULL;
    size_t pool = central ? VK_ARRAY_LEN(central_recipients) : VK_ARRAY_LEN(local_recipients);
    size_t n = rng_range(&g->r, 3, 8), first = rng_below(&g->r, pool);
    const char *sep = rng_pct(&g->r, 50) ? "," : ";";
    for (size_t i = 0; i < n && i < pool; i++) {
        size_t k = (first + i) % pool;
        PUTF(b, "- %s%s\n", central ? central_recipients[k] : local_recipients[k], sep);
    }
    PUTF(b, "- Lưu %s.\n\n", rng_pct(&g->r, 50) ? "VP" : "Văn phòng");
}

static void
write_signature(gen *g, vk_buf *b, const plan *p)
{
    const issuer_kind *k = p->w.k;
    char behalf[160], deputy[160];
    const char *lines[3];
    size_t n = 0;
    if (k->behalf) {
        snprintf(behalf, sizeof behalf, "T/M %s", k->behalf);
        lines[n++] = behalf;
    }
    if (k->deputy && rng_pct(&g->r, 30)) {
        snprintf(deputy, sizeof deputy, "K/T %s", k->head);
        lines[n++] = deputy;
        lines[n++] = k->deputy;
    } else if (k->head[0]) {
        lines[n++] = k->head;
    }
    const char *em = p->st.md && rng_pct(&g->r, 60) ? "**" : "";
    put(b, em);
    for (size_t i = 0; i < n; i++) {
        put(b, lines[i]);
        put(b, i + 1 < n ? (p->st.md ? "  \n" : "\n") : "");
    }
    PUTF(b, "%s\n\n\n\n%s%s %s %s%s\n", em, em, PICK(&g->r, surnames), PICK(&g->r, middles),
         PICK(&g->r, givens), em);
}

/* Signature and recipients, in either order when an authority line opens
 * the signature (it ends the body on its own). */
static void
write_closing(gen *g, vk_buf *b, const plan *p)
{
    if (p->w.k->behalf && rng_pct(&g->r, 50)) {
        write_signature(g, b, p);
        put(b, "\n");
        write_recipients(g, b, p);
    } else {
        write_recipients(g, b, p);
        write_signature(g, b, p);
    }
}

/* ---------------------------------------------------------------------- */
/* Tone marks                                                             */
/* ---------------------------------------------------------------------- */

/* Vowels with a tone mark: [vowel a e o u y][capital][tone 1-5]. */
static const uint32_t toned[5][2][5] = {
    {{0xE0, 0xE1, 0x1EA3, 0xE3, 0x1EA1}, {0xC0, 0xC1, 0x1EA2, 0xC3, 0x1EA0}},
    {{0xE8, 0xE9, 0x1EBB, 0x1EBD, 0x1EB9}, {0xC8, 0xC9, 0x1EBA, 0x1EBC, 0x1EB8}},
    {{0xF2, 0xF3, 0x1ECF, 0xF5, 0x1ECD}, {0xD2, 0xD3, 0x1ECE, 0xD5, 0x1ECC}},
    {{0xF9, 0xFA, 0x1EE7, 0x169, 0x1EE5}, {0xD9, 0xDA, 0x1EE6, 0x168, 0x1EE4}},
    {{0x1EF3, 0xFD, 0x1EF7, 0x1EF9, 0x1EF5}, {0x1EF2, 0xDD, 0x1EF6, 0x1EF8, 0x1EF4}},
};
static const char plain[] = "aeouy";

/* Reads c as one of a e o u y: sets *v (0-4), *cap, *tone (0 none, 1-5);
 * returns 0 for any other letter. */
static int
vowel_of(uint32_t c, int *v, int *cap, int *tone)
{
    for (int i = 0; i < 5; i++) {
        if (c == (uint32_t)plain[i] || c == (uint32_t)plain[i] - 32) {
            *v = i, *cap = c < 'a', *tone = 0;
            return 1;
        }
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < 5; t++) {
                if (toned[i][k][t] == c) {
                    *v = i, *cap = k, *tone = t + 1;
                    return 1;
                }
            }
        }
    }
    return 0;
}

static void
put_vowel(vk_buf *b, int v, int cap, int tone)
{
    char out[4];
    uint32_t c = tone ? toned[v][cap][tone - 1] : (uint32_t)(plain[v] - (cap ? 32 : 0));
    putn(b, out, vk_utf8_encode(c, out));
}

/* Rewrites the clusters oa, oe, uy that end a syllable (not after q) with
 * the tone on the first vowel (TONE_OLD: hòa, thủy) or the second (TONE_NEW:
 * hoà, thuỷ). */
static void
convert_tone(const char *s, size_t len, int tone, vk_buf *out)
{
    uint32_t prev = 0;
    size_t i = 0;
    while (i < len) {
        size_t l1, l2 = 0, l3 = 0;
        uint32_t c1 = cp_at(s + i, len - i, &l1), c2 = 0, c3 = 0;
        if (i + l1 < len)
            c2 = cp_at(s + i + l1, len - i - l1, &l2);
        if (i + l1 + l2 < len)
            c3 = cp_at(s + i + l1 + l2, len - i - l1 - l2, &l3);
        int v1, k1, t1, v2, k2, t2;
        int pair = vowel_of(c1, &v1, &k1, &t1) && c2 && vowel_of(c2, &v2, &k2, &t2) &&
                   ((v1 == 2 && (v2 == 0 || v2 == 1)) || (v1 == 3 && v2 == 4)) && prev != 'q' &&
                   prev != 'Q' && !is_letter_cp(c3) && (t1 == 0) != (t2 == 0);
        if (pair && tone == TONE_OLD && t2) {
            put_vowel(out, v1, k1, t2);
            put_vowel(out, v2, k2, 0);
        } else if (pair && tone == TONE_NEW && t1) {
            put_vowel(out, v1, k1, 0);
            put_vowel(out, v2, k2, t1);
        }
        if (pair && ((tone == TONE_OLD && t2) || (tone == TONE_NEW && t1))) {
            i += l1 + l2;
            prev = c2;
            continue;
        }
        putn(out, s + i, l1);
        prev = c1;
        i += l1;
    }
}

/* ---------------------------------------------------------------------- */
/* Files                                                                  */
/* ---------------------------------------------------------------------- */

static void
make_dir(const char *path)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "scale_corpus: %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

/* Creates dir and its parents; fails when it holds anything. */
static void
make_out_dir(const char *dir)
{
    vk_buf p = VK_BUF_INIT;
    put(&p, dir);
    for (size_t i = 1; i < p.len; i++) {
        if (p.data[i] != '/')
            continue;
        p.data[i] = '\0';
        make_dir(p.data);
        p.data[i] = '/';
    }
    make_dir(p.data);
    vk_buf_free(&p);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            fprintf(stderr, "scale_corpus: %s is not empty\n", dir);
            exit(2);
        }
    }
    if (d)
        closedir(d);
}

static void
write_file(const char *path, const vk_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
        fprintf(stderr, "scale_corpus: %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

/* ---------------------------------------------------------------------- */
/* One document                                                           */
/* ---------------------------------------------------------------------- */

static void
plan_doc(gen *g, plan *p)
{
    pick_issuer(g, &p->w);
    p->type = pick_type(g, p->w.k->types);
    plan_number(g, p);
    p->st.md = rng_pct(&g->r, 75);
    p->st.sep = rng_pct(&g->r, 60) ? '-' : '.';
    p->st.bullet = (int)rng_below(&g->r, 4);
    unsigned tone = (unsigned)rng_below(&g->r, 100);
    p->st.tone = tone < 10 ? TONE_KEEP : tone < 55 ? TONE_OLD : TONE_NEW;
    p->target = rng_range(&g->r, DOC_TARGET_MIN, DOC_TARGET_MAX);
    make_title(g, p);
}

/* Shuffles the sample paragraphs for a new document (Fisher-Yates). */
static void
shuffle_paras(gen *g)
{
    size_t n = g->sm->paras.n;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = rng_below(&g->r, i + 1), t = g->perm[i];
        g->perm[i] = g->perm[j];
        g->perm[j] = t;
    }
    g->perm_at = 0;
}

static void
remember(gen *g, const doc_ref *r)
{
    if (g->n_refs == g->cap_refs) {
        g->cap_refs = g->cap_refs ? 2 * g->cap_refs : 256;
        doc_ref *v = realloc(g->refs, g->cap_refs * sizeof *v);
        if (!v)
            die("out of memory");
        g->refs = v;
    }
    g->refs[g->n_refs++] = *r;
}

/* Generates one document into out (tone style applied) and its file path
 * relative to the output folder into path. Returns its tone style. */
static int
generate(gen *g, vk_buf *out, vk_buf *path)
{
    plan p = {.title = VK_BUF_INIT};
    vk_buf raw = VK_BUF_INIT;
    plan_doc(g, &p);
    shuffle_paras(g);
    write_header(g, &raw, &p);
    write_body(g, &raw, &p);
    write_closing(g, &raw, &p);
    vk_buf_clear(out);
    if (p.st.tone == TONE_KEEP)
        putn(out, raw.data, raw.len);
    else
        convert_tone(raw.data, raw.len, p.st.tone, out);
    vk_buf_clear(path);
    PUTF(path, "%d/%s-%d-%s-%s.md", p.self.y, types[p.type].slug, p.self.num,
         code_slugs[types[p.type].code_ix], issuer_slugs[p.w.k->code_ix]);
    remember(g, &p.self);
    vk_buf_free(&raw);
    vk_buf_free(&p.title);
    return p.st.tone;
}

/* ---------------------------------------------------------------------- */
/* main                                                                   */
/* ---------------------------------------------------------------------- */

/* Writes documents into out_dir until they add up to goal bytes, and says
 * what it wrote. */
static void
write_corpus(gen *g, const char *out_dir, size_t goal, uint64_t seed)
{
    size_t total = 0, docs = 0, lo = SIZE_MAX, hi = 0, tones[3] = {0};
    vk_buf doc = VK_BUF_INIT, rel = VK_BUF_INIT, path = VK_BUF_INIT;
    int made_year[N_YEARS] = {0};
    while (total < goal) {
        tones[generate(g, &doc, &rel)]++;
        int y = atoi(rel.data);
        vk_buf_clear(&path);
        PUTF(&path, "%s/%d", out_dir, y);
        if (!made_year[y - YEAR_FIRST]++)
            make_dir(path.data);
        PUTF(&path, "%s", rel.data + 4);
        write_file(path.data, &doc);
        total += doc.len;
        docs++;
        lo = doc.len < lo ? doc.len : lo;
        hi = doc.len > hi ? doc.len : hi;
    }
    printf("scale_corpus: %zu documents, %zu bytes (%.1f MB) in %s; seed %llu; "
           "%zu-%zu bytes each; tone style old %zu, new %zu, as sampled %zu; "
           "from %zu paragraphs, %zu sentences, %zu+%zu headings\n",
           docs, total, (double)total / 1e6, out_dir, (unsigned long long)seed, lo, hi,
           tones[TONE_OLD], tones[TONE_NEW], tones[TONE_KEEP], g->sm->paras.n, g->sm->sents.n,
           g->sm->heads1.n, g->sm->heads2.n);
    vk_buf_free(&doc);
    vk_buf_free(&rel);
    vk_buf_free(&path);
}

static void
usage(void)
{
    fprintf(stderr, "usage: scale_corpus [--seed N] --mb M SAMPLES_DIR OUT_DIR\n");
    exit(2);
}

int
main(int argc, char **argv)
{
    uint64_t seed = 1;
    double mb = 0;
    int i = 1;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--mb") == 0)
            mb = strtod(argv[i + 1], NULL);
        else
            usage();
    }
    if (argc - i != 2 || !(mb > 0))
        usage();
    samples sm = {0};
    harvest_dir(&sm, argv[i]);
    make_out_dir(argv[i + 1]);
    gen g = {.r = {seed}, .sm = &sm};
    g.perm = malloc(sm.paras.n * sizeof *g.perm);
    if (!g.perm)
        die("out of memory");
    for (size_t k = 0; k < sm.paras.n; k++)
        g.perm[k] = k;
    write_corpus(&g, argv[i + 1], (size_t)(mb * 1e6), seed);
    free(g.perm);
    free(g.refs);
    free(g.titles);
    strv_free(&sm.paras);
    strv_free(&sm.sents);
    strv_free(&sm.heads1);
    strv_free(&sm.heads2);
    return 0;
}
