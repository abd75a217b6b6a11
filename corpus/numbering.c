/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * numbering.c: recognising the numbered headings of a body (see cp.h and
 * numbering_internal.h): "I-", "1.", "3.1.", "a)", and the words that number
 * regulations: "Phần I", "Phần thứ nhất", "Chương II", "Mục 1", "Điều 5.".
 * A line that merely begins with such a word ("Điều 5 Nghị định số ...", a
 * citation wrapped onto its own line) is not a heading: the number must be
 * followed by its punctuation, the end of the line, or a title in capitals.
 */
#include <string.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "corpus/numbering_internal.h"

static size_t
skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ')
        i++;
    return i;
}

static int
roman_heading(const char *s, size_t len, cp_heading *h)
{
    size_t i = 0;
    while (i < len && i < 6 && s[i] && strchr("IVXL", s[i]))
        i++;
    if (i == 0 || i >= len || (s[i] != '-' && s[i] != '.'))
        return 0;
    size_t t = skip_spaces(s, len, i + 1); /* "I-TÌNH HÌNH" is accepted too */
    if (t >= len || !cp_mostly_upper(s + t, len - t))
        return 0;
    *h = (cp_heading){CP_SEC_ROMAN, 1, s, i, 1, s + t, len - t, 0};
    return 1;
}

static int
arabic_heading(const char *s, size_t len, cp_heading *h)
{
    size_t i = 0, depth = 0;
    for (;;) {
        size_t d = i;
        while (i < len && i - d < 3 && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d || i - d > 2 || i >= len || s[i] != '.')
            break;
        depth++;
        i++; /* the dot */
        if (i < len && (s[i] < '0' || s[i] > '9'))
            break;
    }
    if (depth == 0 || s[i - 1] != '.')
        return 0;
    size_t t = skip_spaces(s, len, i);
    if (t == i || t >= len)
        return 0;
    *h = (cp_heading){CP_SEC_ARABIC, (int)depth, s, i - 1, depth, s + t, len - t, 0};
    return 1;
}

static int
letter_heading(const char *s, size_t len, cp_heading *h)
{
    uint32_t cp;
    size_t l = vk_utf8_decode(s, len, &cp);
    if (!l || !((cp >= 'a' && cp <= 'z') || cp == 0x0111) || l >= len || s[l] != ')')
        return 0;
    size_t t = skip_spaces(s, len, l + 1);
    if (t == l + 1 || t >= len)
        return 0;
    *h = (cp_heading){CP_SEC_LETTER, 1, s, l, 1, s + t, len - t, 0};
    return 1;
}

/* ---------------------------------------------------------------------- */
/* Phần, Chương, Mục, Điều                                                */
/* ---------------------------------------------------------------------- */

static const struct {
    const char *folded;
    cp_sec_kind kind;
} keywords[] = {
    {"dieu", CP_SEC_ARTICLE},
    {"chuong", CP_SEC_CHAPTER},
    {"phan", CP_SEC_PART},
    {"muc", CP_SEC_DIVISION},
};

/* The kind numbered by the word s[0 .. len) ("Điều", "CHƯƠNG"), written
 * with a capital, or CP_SEC_PREAMBLE. */
static cp_sec_kind
keyword_kind(const char *s, size_t len)
{
    if (len == 0 || len > 16 || !an_is_upper(cp_first_cp(s, len)))
        return CP_SEC_PREAMBLE;
    vk_buf fb = VK_BUF_INIT;
    const char *f = cp_folded(s, len, &fb);
    cp_sec_kind k = CP_SEC_PREAMBLE;
    for (size_t i = 0; i < VK_ARRAY_LEN(keywords) && k == CP_SEC_PREAMBLE; i++) {
        if (strcmp(f, keywords[i].folded) == 0)
            k = keywords[i].kind;
    }
    vk_buf_free(&fb);
    return k;
}

/* Length of a Roman numeral in capitals or of 1 to 3 digits at s, or 0. */
static size_t
numeral_len(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] >= '0' && s[i] <= '9') {
        while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
            i++;
        return i <= 3 ? i : 0;
    }
    while (i < len && i < 8 && strchr("IVXLC", s[i]))
        i++;
    return i < 8 ? i : 0;
}

/* Folded ordinal words of "Phần thứ nhất" .. "Phần thứ mười hai". */
static int
ordinal_word(const char *s, size_t len)
{
    static const char *const words[] = {"nhat", "hai", "ba",  "tu",   "bon",  "nam",
                                        "sau",  "bay", "tam", "chin", "muoi", "mot"};
    vk_buf fb = VK_BUF_INIT;
    const char *f = cp_folded(s, len, &fb);
    int yes = 0;
    for (size_t i = 0; i < VK_ARRAY_LEN(words) && !yes; i++)
        yes = strcmp(f, words[i]) == 0;
    vk_buf_free(&fb);
    return yes;
}

static size_t
word_end(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != ' ' && s[i] != '.' && s[i] != ':' && s[i] != ',')
        i++;
    return i;
}

/* "thứ nhất", "THỨ MƯỜI HAI" at s: its length, or 0; *words counts them. */
static size_t
ordinal_len(const char *s, size_t len, size_t *words)
{
    size_t e = word_end(s, len, 0);
    vk_buf fb = VK_BUF_INIT;
    int thu = strcmp(cp_folded(s, e, &fb), "thu") == 0;
    vk_buf_free(&fb);
    if (!thu || e >= len || s[e] != ' ')
        return 0;
    size_t end = 0, w = 1;
    for (size_t i = e + 1; i < len && w < 4;) {
        size_t we = word_end(s, len, i);
        if (we == i || !ordinal_word(s + i, we - i))
            break;
        end = we;
        w++;
        if (we >= len || s[we] != ' ')
            break;
        i = we + 1;
    }
    *words = w;
    return end;
}

/* The number of a Điều: digits, then perhaps a letter ("5a"). */
static size_t
article_number_len(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 || i > 3)
        return 0;
    if (i < len && s[i] >= 'a' && s[i] <= 'z' &&
        (i + 1 == len || !(s[i + 1] >= 'a' && s[i + 1] <= 'z')))
        i++;
    return i;
}

/* What follows the number: its punctuation and the title. Returns 0 when
 * the line goes on with words that are not a title (a citation). */
static int
after_number(const char *s, size_t len, size_t i, cp_heading *h)
{
    size_t t = skip_spaces(s, len, i);
    h->text = s + len;
    h->text_len = 0;
    if (t >= len) {
        h->bare = h->kind == CP_SEC_ARTICLE;
        return 1;
    }
    int punct = s[t] == '.' || s[t] == ':';
    if (punct)
        t++;
    /* A dash: "Điều 1.- Phạm vi", "Chương I - QUY ĐỊNH CHUNG". */
    size_t d = skip_spaces(s, len, t);
    if (d < len && (s[d] == '-' || (len - d >= 3 && memcmp(s + d, "\xE2\x80\x93", 3) == 0))) {
        punct = 1;
        t = d + (s[d] == '-' ? 1 : 3);
    }
    t = skip_spaces(s, len, t);
    if (!punct && (t == i || h->kind == CP_SEC_ARTICLE || !cp_mostly_upper(s + t, len - t)))
        return 0;
    h->text = s + t;
    h->text_len = len - t;
    return 1;
}

/* Nonzero if s[0 .. n) is a Roman numeral as written by rule ("II", "IV",
 * "XIV"; not "IIC" nor "IIII"), of value 1 to 89. */
static int
canonical_roman(const char *s, size_t n)
{
    static const char *const tens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"};
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    for (size_t t = 0; t < VK_ARRAY_LEN(tens); t++) {
        for (size_t o = 0; o < VK_ARRAY_LEN(ones); o++) {
            size_t tl = strlen(tens[t]), ol = strlen(ones[o]);
            if (tl + ol == n && n > 0 && memcmp(s, tens[t], tl) == 0 &&
                memcmp(s + tl, ones[o], ol) == 0)
                return 1;
        }
    }
    return 0;
}

/* "Chương IICHÍNH SÁCH ...": the longest Roman numeral written by rule at
 * the start of a run of capitals, when the title in capitals is glued to
 * it (a heading mark, not a bold one, stood between them). Returns its
 * length, or 0. */
static size_t
glued_roman(const char *s, size_t len)
{
    size_t run = 0;
    while (run < len && run < 8 && strchr("IVXLC", s[run]))
        run++;
    for (size_t n = run; n > 0; n--) {
        if (canonical_roman(s, n))
            return n < len && cp_mostly_upper(s + n, len - n) && memchr(s + n, ' ', len - n) ? n
                                                                                             : 0;
    }
    return 0;
}

/* Nonzero if, in the raw line, the numeral `num` after the keyword is
 * followed by a bold mark: "**Chương I****QUY ĐỊNH CHUNG**", which the
 * cleaner glues into "Chương IQUY ĐỊNH CHUNG". */
static int
bold_after_numeral(const cline *ln, const char *num, size_t nl)
{
    if (!ln->raw || nl == 0 || nl > 8)
        return 0;
    for (size_t i = 0; i + nl + 2 <= ln->raw_len; i++) {
        if (memcmp(ln->raw + i, num, nl) == 0 && (i == 0 || ln->raw[i - 1] == ' ') &&
            (ln->raw[i + nl] == '*' || ln->raw[i + nl] == '_'))
            return 1;
    }
    return 0;
}

static int
keyword_heading(const cline *ln, cp_heading *h)
{
    const char *s = ln->s;
    size_t len = ln->len;
    size_t w = 0;
    while (w < len && s[w] != ' ')
        w++;
    cp_sec_kind kind = keyword_kind(s, w);
    if (kind == CP_SEC_PREAMBLE || w + 1 >= len)
        return 0;
    size_t n = w + 1, nl, words = 1;
    if (kind == CP_SEC_ARTICLE)
        nl = article_number_len(s + n, len - n);
    else if (kind == CP_SEC_PART)
        nl = ordinal_len(s + n, len - n, &words);
    else
        nl = 0;
    if (nl == 0 && kind != CP_SEC_ARTICLE)
        nl = numeral_len(s + n, len - n);
    if (nl == 0)
        return 0;
    *h = (cp_heading){kind, 1, s + n, nl, 1 + words, NULL, 0, 0};
    /* "Chương IICHÍNH SÁCH": glued to a word, not a number, unless a bold
     * mark stood between them in the raw line. */
    uint32_t next = n + nl < len ? cp_first_cp(s + n + nl, len - n - nl) : 0;
    if (an_is_upper(next) && kind != CP_SEC_ARTICLE) {
        size_t g = bold_after_numeral(ln, s + n, nl) ? nl
                   : kind == CP_SEC_CHAPTER          ? glued_roman(s + n, len - n)
                                                     : 0;
        if (g) {
            h->num_len = g;
            h->text = s + n + g;
            h->text_len = len - n - g;
            return 1;
        }
    }
    if (an_is_upper(next) || an_is_lower(next) || (next >= '0' && next <= '9'))
        return 0;
    return after_number(s, len, n + nl, h);
}

int
cp_find_heading(const cline *ln, cp_heading *h)
{
    if (ln->len == 0)
        return 0;
    return keyword_heading(ln, h) || roman_heading(ln->s, ln->len, h) ||
           arabic_heading(ln->s, ln->len, h) || letter_heading(ln->s, ln->len, h);
}

int
cp_split_keyword(const cline *a, const cline *b)
{
    if (a->len == 0 || a->len > 16 || memchr(a->s, ' ', a->len) || b->len == 0)
        return 0;
    cp_sec_kind k = keyword_kind(a->s, a->len);
    return k != CP_SEC_PREAMBLE && k != CP_SEC_PART && numeral_len(b->s, b->len) > 0;
}

int
cp_split_label(const cline *a, const cline *b)
{
    if (a->len == 0 || a->len > 8 || b->len == 0 || memchr(a->s, ' ', a->len))
        return 0;
    size_t marks = 0;
    for (size_t i = 0; i + 1 < a->raw_len; i++) {
        if (a->raw[i] == '*' && a->raw[i + 1] == '*')
            marks++, i++;
    }
    /* "II." / "IV-" / "2." / "3.1." and nothing else. */
    size_t r = strspn(a->s, "IVXL"), d = strspn(a->s, "0123456789.");
    int label = (r > 0 && r + 1 == a->len && (a->s[r] == '.' || a->s[r] == '-')) ||
                (d > 1 && d == a->len && a->s[0] != '.' && a->s[d - 1] == '.');
    cp_heading next;
    return marks % 2 == 1 && label && !cp_find_heading(b, &next);
}

/* ---------------------------------------------------------------------- */
/* Emphasis of raw lines                                                  */
/* ---------------------------------------------------------------------- */

int
cp_bold_at_word(const cline *ln, size_t k)
{
    const char *s = ln->raw;
    size_t len = ln->raw_len, i = 0, w = 0;
    int bold = 0, in_word = 0;
    while (i < len) {
        if (s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
            bold = !bold;
            in_word = 0;
            i += 2;
            continue;
        }
        uint32_t cp;
        size_t l = vk_utf8_decode(s + i, len - i, &cp);
        int letter = (cp >= '0' && cp <= '9') || an_is_upper(cp) || an_is_lower(cp);
        if (letter && !in_word && w++ == k)
            return bold;
        in_word = letter;
        i += l ? l : 1;
    }
    return -1;
}

int
cp_bold_toggles(const cline *ln)
{
    int open = 0;
    for (size_t i = 0; i + 1 < ln->raw_len; i++) {
        if (ln->raw[i] == '*' && ln->raw[i + 1] == '*') {
            open = !open;
            i++;
        }
    }
    return open;
}
