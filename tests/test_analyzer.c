/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_analyzer.c: the Vietnamese analyzer: tokens, offsets and positions,
 * NFC, case folding, tone-mark canonicalization and diacritic folding, on
 * strings from the sample documents and on every syllable of hunspell-vi.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "analyzers/lexicon.h"
#include "analyzers/text.h"
#include "common/buf.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* The exact and folded terms of one word, as NUL-terminated strings. */
typedef struct forms {
    char exact[256];
    char folded[256];
} forms;

static forms
norm(const char *word)
{
    forms f = {{0}, {0}};
    vk_buf e = VK_BUF_INIT, d = VK_BUF_INIT;
    assert_int_equal(an_normalize_word(word, strlen(word), &e, &d), VK_OK);
    assert_true(e.len < sizeof f.exact && d.len < sizeof f.folded);
    memcpy(f.exact, e.data, e.len);
    memcpy(f.folded, d.data, d.len);
    vk_buf_free(&e);
    vk_buf_free(&d);
    return f;
}

static void
assert_exact(const char *word, const char *expected)
{
    forms f = norm(word);
    if (strcmp(f.exact, expected) != 0)
        fail_msg("exact form of '%s' is '%s', expected '%s'", word, f.exact, expected);
}

/* Old and new tone placement give one term, in the new style. */
static void
test_tone_styles(void **state)
{
    (void)state;
    assert_exact("hóa", "hoá");
    assert_exact("hoá", "hoá");
    assert_exact("khóa", "khoá");
    assert_exact("KHOÁ", "khoá");
    assert_exact("thúy", "thuý");
    assert_exact("ủy", "uỷ");
    assert_exact("Ủy", "uỷ");
    assert_exact("tòa", "toà");
    assert_exact("hòe", "hoè");
    assert_exact("khỏe", "khoẻ");
    assert_exact("THỦY", "thuỷ");
    /* Not affected: a final consonant, a triphthong, qu, gi, uơ. */
    assert_exact("hoàn", "hoàn");
    assert_exact("huýt", "huýt");
    assert_exact("ngoài", "ngoài");
    assert_exact("khuỷu", "khuỷu");
    assert_exact("quý", "quý");
    assert_exact("già", "già");
    assert_exact("gìn", "gìn");
    assert_exact("thuở", "thuở");
    assert_exact("người", "người");
    /* Misplaced marks land on the same term. */
    assert_exact("qúy", "quý");
    assert_exact("gìa", "già");
    assert_exact("mùa", "mùa");
    assert_exact("muà", "mùa");
}

static void
test_nfd_and_case(void **state)
{
    (void)state;
    /* "khóa" decomposed: k h o a + U+0301 after the o. */
    assert_exact("kho\xcc\x81"
                 "a",
                 "khoá");
    /* "Đảng" with the tone as a combining hook above. */
    assert_exact("\xc4\x90"
                 "a\xcc\x89"
                 "ng",
                 "đảng");
    /* Icelandic eth used for Đ. */
    assert_exact("\xc3\x90"
                 "ảng",
                 "đảng");
    assert_exact("NGHỊ", "nghị");
    assert_exact("QUYẾT", "quyết");
}

static void
test_folding(void **state)
{
    (void)state;
    assert_string_equal(norm("Đảng").folded, "dang");
    assert_string_equal(norm("nghị").folded, "nghi");
    assert_string_equal(norm("quyết").folded, "quyet");
    assert_string_equal(norm("ưỡng").folded, "uong");
    assert_string_equal(norm("uỷ").folded, "uy");
    assert_string_equal(norm("XIII").folded, "xiii");
    assert_true(an_has_diacritics("đ", strlen("đ")));
    assert_true(an_has_diacritics("Nghị", strlen("Nghị")));
    assert_false(an_has_diacritics("nghi quyet", strlen("nghi quyet")));
    assert_true(an_has_diacritics("kho\xcc\x81"
                                  "a",
                                  5));
}

/* The shape of a Vietnamese syllable: initial, vowels, final. */
static void
test_vi_syllable(void **state)
{
    (void)state;
    const char *yes[] = {"nghieng", "quyet", "gi",   "gin",    "khuyen", "ngoai", "truong",
                         "a",       "dak",   "oanh", "thuong", "nguyen", "o",     "to"};
    const char *no[] = {"with", "access", "b",   "covid",  "internet",
                        "",     "paris",  "ngh", "strong", "web"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(an_is_vi_syllable(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(an_is_vi_syllable(no[i], strlen(no[i])));
}

/* an_fold_text on text longer than its 1 KB work buffer, the buffer
 * filling in the middle of multi-byte letters: 700 "Ấ" (3 bytes each, U+1EA4,
 * its fold "ấ" without marks is "a") then ASCII "-Đảng X\n", bytes that are
 * not UTF-8 dropped, appended after what out held. */
static void
test_fold_text_long(void **state)
{
    (void)state;
    vk_buf in = VK_BUF_INIT, out = VK_BUF_INIT;
    for (int i = 0; i < 700; i++)
        assert_int_equal(vk_buf_puts(&in, "\xe1\xba\xa4"), VK_OK);
    assert_int_equal(vk_buf_puts(&in, "-Đảng X\xff\n"), VK_OK);
    assert_int_equal(vk_buf_puts(&out, "<"), VK_OK);
    assert_int_equal(an_fold_text(in.data, in.len, &out), VK_OK);
    assert_int_equal(out.len, 1 + 700 + strlen("-dang x\n"));
    assert_int_equal(out.data[0], '<');
    for (size_t i = 1; i <= 700; i++)
        assert_int_equal(out.data[i], 'a');
    assert_memory_equal(out.data + 701, "-dang x\n", strlen("-dang x\n"));
    vk_buf_free(&in);
    vk_buf_free(&out);
}

/* an_fold_text through each of its ways: ASCII, 2-byte letters (Đ, Ư),
 * 3-byte Vietnamese letters (Ặ, ệ) and quotes (U+201C/D, kept as they are),
 * a 4-byte character (kept), and sequences that are not UTF-8, all dropped:
 * an overlong 2-byte NUL (C0 80), an overlong 3-byte one (E0 80 80), a
 * surrogate (ED A0 80), a lone continuation byte, and a letter cut short. */
static void
test_fold_text_ways(void **state)
{
    (void)state;
    const char in[] = "ĐẶC \u201cBiệt\u201d ƯU \xf0\x9f\x98\x80|\xc0\x80|\xe0\x80\x80|"
                      "\xed\xa0\x80|\x80|\xe1\xba";
    const char want[] = "dac \u201cbiet\u201d uu \xf0\x9f\x98\x80|||||";
    vk_buf out = VK_BUF_INIT;
    assert_int_equal(an_fold_text(in, strlen(in), &out), VK_OK);
    assert_int_equal(out.len, strlen(want));
    assert_memory_equal(out.data, want, strlen(want));
    vk_buf_free(&out);
}

/* Kept analyses: the same bytes at another address find the kept tokens,
 * which are an_analyze's from position 0; other bytes of the same length
 * do not; past its budget a memo keeps nothing and the spare list holds
 * the tokens. */
static void
test_memo(void **state)
{
    (void)state;
    const char *text = "Nghị quyết số 28-NQ/TW ngày 17/11/2022";
    char copy[64], other[64];
    strcpy(copy, text);
    strcpy(other, text);
    other[strlen(other) - 1] = '3';
    an_tokens plain = AN_TOKENS_INIT, spare = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 0, &plain), VK_OK);
    an_memo *m = an_memo_new(1u << 20);
    assert_non_null(m);
    const an_tokens *a = NULL, *b = NULL;
    assert_null(an_memo_find(m, text, strlen(text)));
    assert_int_equal(an_memo_analyze(m, text, strlen(text), &spare, &a), VK_OK);
    assert_int_equal(an_memo_analyze(m, copy, strlen(copy), &spare, &b), VK_OK);
    assert_ptr_equal(a, b);
    assert_ptr_equal(an_memo_find(m, copy, strlen(copy)), a);
    assert_null(an_memo_find(m, other, strlen(other)));
    assert_int_equal(spare.n, 0);
    assert_int_equal(a->n, plain.n);
    for (size_t i = 0; i < plain.n; i++) {
        assert_int_equal(a->v[i].pos, plain.v[i].pos);
        assert_int_equal(a->v[i].kind, plain.v[i].kind);
        assert_int_equal(a->v[i].exact_len, plain.v[i].exact_len);
        assert_memory_equal(a->v[i].exact, plain.v[i].exact, plain.v[i].exact_len);
    }
    /* An empty text, given as NULL and as "": one entry, no tokens. */
    assert_int_equal(an_memo_analyze(m, NULL, 0, &spare, &a), VK_OK);
    assert_int_equal(an_memo_analyze(m, "", 0, &spare, &b), VK_OK);
    assert_ptr_equal(a, b);
    assert_int_equal(a->n, 0);
    assert_int_equal(an_memo_analyze(m, NULL, 3, &spare, &a), VK_EINVAL);
    an_memo_free(m);
    /* A budget too small for one entry. */
    m = an_memo_new(16);
    assert_non_null(m);
    assert_int_equal(an_memo_analyze(m, text, strlen(text), &spare, &a), VK_OK);
    assert_ptr_equal(a, &spare);
    assert_int_equal(spare.n, plain.n);
    assert_null(an_memo_find(m, text, strlen(text)));
    /* No memo at all, and an empty text. */
    assert_int_equal(an_memo_analyze(NULL, "", 0, &spare, &a), VK_OK);
    assert_int_equal(a->n, 0);
    an_memo_free(m);
    an_tokens_free(&spare);
    an_tokens_free(&plain);
}

/* Tokens of a line of sample 001, with offsets into the original text. */
static void
test_tokens_offsets(void **state)
{
    (void)state;
    const char *text = "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành khóa XIII";
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 5, &t), VK_OK);
    /* Plain tokens, then the overlays on top of them. */
    const char *exact[] = {"nghị", "quyết", "số", "28", "nq", "tw", "ngày", "17", "11",
                           "2022", "của", "ban", "chấp", "hành", "khoá", "xiii"};
    const an_token *plain[32];
    size_t np = 0;
    for (size_t i = 0; i < t.n && np < 32; i++) {
        if (!t.v[i].overlay)
            plain[np++] = &t.v[i];
    }
    assert_int_equal(np, sizeof exact / sizeof exact[0]);
    for (size_t i = 0; i < np; i++) {
        assert_int_equal(plain[i]->pos, 5 + i);
        assert_int_equal(plain[i]->exact_len, strlen(exact[i]));
        assert_memory_equal(plain[i]->exact, exact[i], plain[i]->exact_len);
    }
    /* Offsets point at the original spelling: "khóa" stays as written. */
    assert_int_equal(plain[14]->end - plain[14]->start, strlen("khóa"));
    assert_memory_equal(text + plain[14]->start, "khóa", strlen("khóa"));
    assert_memory_equal(text + plain[3]->start, "28", 2);
    assert_int_equal(plain[3]->kind, AN_NUMBER);
    assert_int_equal(plain[4]->kind, AN_WORD);
    assert_int_equal(plain[15]->kind, AN_ROMAN);
    /* Two overlays: the number (at the position of 28, over 3 tokens) and
     * the date (at the position of 17). */
    assert_int_equal(t.n, np + 2);
    assert_true(t.v[3].overlay);
    assert_int_equal(t.v[3].kind, AN_DOCNUM);
    assert_int_equal(t.v[3].pos, 8);
    assert_int_equal(t.v[3].span, 3);
    assert_memory_equal(t.v[3].exact, "28-nq/tw", t.v[3].exact_len);
    assert_memory_equal(text + t.v[3].start, "28-NQ/TW", t.v[3].end - t.v[3].start);
    an_tokens_free(&t);
}

/* The overlay of a given kind in the analysis of text, as "exact@pos+span",
 * joined by spaces. */
static char *
overlays_of(const char *text, an_kind kind)
{
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 0, &t), VK_OK);
    static char buf[1024];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t.n; i++) {
        if (!t.v[i].overlay || t.v[i].kind != kind)
            continue;
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s@%u+%u", n ? " " : "",
                              (int)t.v[i].exact_len, t.v[i].exact, t.v[i].pos, t.v[i].span);
    }
    an_tokens_free(&t);
    return buf;
}

/* Each token kind, on strings from the sample documents. */
static void
test_token_kinds(void **state)
{
    (void)state;
    /* 002: spaces around the dash; 001: a list, a CTr code. */
    assert_string_equal(overlays_of("Số 04 - KL/BTCTW", AN_DOCNUM), "04-kl/btctw@1+3");
    assert_string_equal(overlays_of("Nghị quyết số 18, 19-NQ/TW, ngày 25/10/2017", AN_DOCNUM),
                        "18-nq/tw@3+1 19-nq/tw@4+3");
    assert_string_equal(overlays_of("Chương trình hành động số 25-CTr/TU", AN_DOCNUM),
                        "25-ctr/tu@5+3");
    assert_string_equal(overlays_of("Kết luận số 3135-CV/VPTW", AN_DOCNUM), "3135-cv/vptw@3+3");
    assert_string_equal(overlays_of("Nghị định 15/2023/NĐ-CP và 123/QĐ-TTg", AN_DOCNUM),
                        "15/2023/nđ-cp@2+4 123/qđ-ttg@7+3");
    assert_string_equal(overlays_of("Luật số 45/2019/QH14", AN_DOCNUM), "45/2019/qh14@2+3");
    /* A year ending a date is not part of the list that follows. */
    assert_string_equal(overlays_of("ngày 17 tháng 11 năm 2022 và 12-KH/TW", AN_DOCNUM),
                        "12-kh/tw@7+3");
    assert_string_equal(overlays_of("năm 2023, 12-KH/TW", AN_DOCNUM), "12-kh/tw@2+3");
    /* Not numbers: a date, a range, a ratio. */
    assert_string_equal(overlays_of("17/11/2022, 2025-2030, 1/2", AN_DOCNUM), "");

    /* Dates in figures (001, 003's stamp) and in words (the header lines). */
    assert_string_equal(overlays_of("ngày 17/11/2022", AN_DATE), "2022-11-17@1+3");
    assert_string_equal(overlays_of("Ngày ký: 05.11.2021 15:00:30", AN_DATE), "2021-11-05@2+3");
    assert_string_equal(overlays_of("Hà Nội, ngày 22 tháng 01 năm 2018", AN_DATE),
                        "2018-01-22@2+6");
    assert_string_equal(overlays_of("ngày 32/13/2022", AN_DATE), "");

    /* Numbers: a range, a percentage, thousands. */
    assert_string_equal(overlays_of("nhiệm kỳ 2020-2025", AN_NUMBER), "2020-2025@2+2");
    assert_string_equal(overlays_of("100% cấp ủy", AN_NUMBER), "100%@0+1");
    assert_string_equal(overlays_of("4.500 người, 1.500.000 đồng", AN_NUMBER),
                        "4500@0+2 1500000@3+3");

    /* Section numbers and abbreviations with a slash. */
    assert_string_equal(overlays_of("**2.1.** Phối hợp", AN_SECTION), "2.1@0+2");
    assert_string_equal(overlays_of("Các Đ/c Ủy viên; T/M BAN CHẤP HÀNH; K/T CHÁNH VĂN PHÒNG",
                                    AN_ABBREV),
                        "đ/c@1+2 t/m@5+2 k/t@10+2");
    /* The NQ/TW of a document number is not an abbreviation. */
    assert_string_equal(overlays_of("số 28-NQ/TW", AN_ABBREV), "");
}

static void
test_docnum_parse(void **state)
{
    (void)state;
    an_docnum d;
    assert_true(an_docnum_parse(" 04 - KL/BTCTW ", 15, &d));
    assert_string_equal(d.canon, "04-KL/BTCTW");
    assert_int_equal(d.kind, AN_DOCNUM_PARTY);
    assert_string_equal(d.issuer, "BTCTW");
    const char *s = "55/2005/TTLT-BNV-VPCP";
    assert_true(an_docnum_parse(s, strlen(s), &d));
    assert_int_equal(d.kind, AN_DOCNUM_STATE);
    assert_string_equal(d.year, "2005");
    assert_string_equal(d.issuer, "BNV-VPCP");
    s = "12-KH/TWĐTN-VPĐOÀN";
    assert_true(an_docnum_parse(s, strlen(s), &d));
    assert_string_equal(d.issuer, "TWĐTN-VPĐOÀN");
    s = "28-NQ/TW và";
    assert_false(an_docnum_parse(s, strlen(s), &d));
    assert_false(an_docnum_parse("17/11/2022", 10, &d));
}

/* Invisible characters inside a word, and non-breaking spaces between. */
static void
test_invisible_characters(void **state)
{
    (void)state;
    const char *text = "Đả\u200bng Lê\u00adnin nhân\u00a0dân";
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 0, &t), VK_OK);
    assert_int_equal(t.n, 4);
    assert_memory_equal(t.v[0].exact, "đảng", t.v[0].exact_len);
    assert_memory_equal(t.v[1].exact, "lênin", t.v[1].exact_len); /* soft hyphen: one word */
    assert_memory_equal(t.v[2].exact, "nhân", t.v[2].exact_len);
    assert_memory_equal(t.v[3].exact, "dân", t.v[3].exact_len);
    assert_memory_equal(text + t.v[0].start, "Đả\u200bng", t.v[0].end - t.v[0].start);
    an_tokens_free(&t);
}

static void
test_canon_text(void **state)
{
    (void)state;
    const char *cases[][2] = {
        {"Tỉnh ủy Bắc Ninh", "Tỉnh uỷ Bắc Ninh"},
        {"THÀNH ỦY HÀ NỘI", "THÀNH UỶ HÀ NỘI"},
        {"Ban Chấp hành, khóa XIII: 28-NQ/TW", "Ban Chấp hành, khoá XIII: 28-NQ/TW"},
        {"Lênin email ñandú", "Lênin email ñandú"},
    };
    for (size_t k = 0; k < 4; k++) {
        vk_buf b = VK_BUF_INIT;
        assert_int_equal(an_canon_text(cases[k][0], strlen(cases[k][0]), &b), VK_OK);
        assert_string_equal(b.data, cases[k][1]);
        vk_buf_free(&b);
    }
}

static void
test_iy_variants(void **state)
{
    (void)state;
    assert_exact("lí", "lý");
    assert_exact("quản lí", "quản lí"); /* a phrase is not one word: left alone */
    assert_exact("kĩ", "kỹ");
    assert_exact("tỉ", "tỷ");
    assert_exact("mĩ", "mỹ");
    assert_exact("qui", "quy");
    assert_exact("quí", "quý");
    assert_exact("đi", "đi");   /* not after h k l m s t qu */
    assert_exact("bí", "bí");
    assert_exact("khi", "khi"); /* kh is not k */
    assert_exact("tin", "tin"); /* i with a final consonant */
}

static void
test_lexicon(void **state)
{
    (void)state;
    assert_true(an_stopword_count() >= 50);
    assert_true(an_is_stopword("của", strlen("của")));
    assert_true(an_is_stopword("và", strlen("và")));
    assert_false(an_is_stopword("số", strlen("số"))); /* kept on purpose */
    assert_false(an_is_stopword("đảng", strlen("đảng")));

    const char *text = "Thường trực HĐND Thành phố, UBND TP và hội đồng nhân dân; tu dưỡng";
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 0, &t), VK_OK);
    an_abbrev_hit m[4];
    /* HĐND (token 2) -> Hội đồng nhân dân. */
    size_t n = an_abbrev_match(text, &t, 2, AN_ABBREV_SHORT, m, 4);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].entry->full, "Hội đồng nhân dân");
    assert_int_equal(m[0].ntoks, 1);
    /* UBND, then TP. */
    n = an_abbrev_match(text, &t, 5, AN_ABBREV_SHORT, m, 4);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].entry->full, "Ủy ban nhân dân");
    /* The full form in lower case finds its abbreviation. */
    n = an_abbrev_match(text, &t, 8, AN_ABBREV_FULL, m, 4);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].entry->abbr, "HĐND");
    assert_int_equal(m[0].ntoks, 4);
    /* "tu" in lower case is a word, not Tỉnh ủy. */
    n = an_abbrev_match(text, &t, 12, AN_ABBREV_SHORT, m, 4);
    assert_int_equal(n, 0);
    an_tokens_free(&t);

    /* TU has two full forms; typed without diacritics, HDND still matches. */
    const char *t2 = "TU HDND";
    assert_int_equal(an_analyze(t2, strlen(t2), 0, &t), VK_OK);
    assert_int_equal(an_abbrev_match(t2, &t, 0, AN_ABBREV_SHORT, m, 4), 2);
    assert_int_equal(an_abbrev_match(t2, &t, 1, AN_ABBREV_SHORT, m, 4), 1);
    an_tokens_free(&t);
}

/* Invalid UTF-8, control bytes and nothing-but-punctuation never crash and
 * give the tokens around them. */
static void
test_bad_bytes(void **state)
{
    (void)state;
    const char text[] = "đổi\xff\xfemới \xc3 \x01 --- \xe1\xba";
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, sizeof text - 1, 0, &t), VK_OK);
    assert_int_equal(t.n, 2);
    assert_memory_equal(t.v[0].exact, "đổi", strlen("đổi"));
    assert_memory_equal(t.v[1].exact, "mới", strlen("mới"));
    assert_int_equal(an_analyze("!!! ... ", 8, 0, &t), VK_OK);
    assert_int_equal(t.n, 0);
    an_tokens_free(&t);
}

/* A run of letters longer than AN_MAX_TOKEN is cut into pieces. */
static void
test_long_run(void **state)
{
    (void)state;
    size_t len = 10000;
    char *text = malloc(len);
    assert_non_null(text);
    memset(text, 'a', len);
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, len, 0, &t), VK_OK);
    assert_int_equal(t.n, (len + AN_MAX_TOKEN - 1) / AN_MAX_TOKEN);
    for (size_t i = 0; i < t.n; i++)
        assert_true(t.v[i].end - t.v[i].start <= AN_MAX_TOKEN);
    an_tokens_free(&t);
    free(text);
}

/* The plain tokens of text as "exact:kind@pos", joined by spaces. */
static char *
plain_of(const char *text)
{
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text, strlen(text), 0, &t), VK_OK);
    static char buf[2048];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < t.n; i++) {
        if (!t.v[i].overlay)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s:%s@%u", n ? " " : "",
                                  (int)t.v[i].exact_len, t.v[i].exact, an_kind_name(t.v[i].kind),
                                  t.v[i].pos);
    }
    an_tokens_free(&t);
    return buf;
}

/* A word written again is read as the first time, whatever was read in
 * between (the analyzer keeps the tokens it read last): "V" a Roman numeral
 * and "v" a word, each time; a stray mark never a token; old and new tone
 * styles and capitals one exact form; a word longer than most, and the
 * same text analyzed twice, the same. */
static void
test_repeated_words(void **state)
{
    (void)state;
    const char *text = "V v V \xcc\xa3 HOÁ hóa hoá V \xcc\xa3 v 2022 Nghiêngnghiêngnghiêngnghiêng "
                       "2022 nghiêngnghiêngnghiêngnghiêng";
    const char *want = "v:roman@0 v:word@1 v:roman@2 hoá:word@3 hoá:word@4 hoá:word@5 "
                       "v:roman@6 v:word@7 2022:number@8 "
                       "nghiêngnghiêngnghiêngnghiêng:word@9 2022:number@10 "
                       "nghiêngnghiêngnghiêngnghiêng:word@11";
    assert_string_equal(plain_of(text), want);
    assert_string_equal(plain_of(text), want);
}

/* Many words, each written twice in two cases: every token's forms are
 * those of the word alone (an_normalize_word), however many other words
 * were read between its two readings. */
static void
test_many_words(void **state)
{
    (void)state;
    static const char *const onsets[] = {"b", "c", "ch", "d",  "đ",  "g",  "h",  "kh", "l",
                                         "m", "n", "ng", "nh", "ph", "qu", "th", "tr", "x"};
    static const char *const upper[] = {"B", "C", "CH", "D",  "Đ",  "G",  "H",  "KH", "L",
                                        "M", "N", "NG", "NH", "PH", "QU", "TH", "TR", "X"};
    static const char *const rimes[] = {
        "a", "á", "à",  "ả",  "ã",  "ạ",    "ăn",   "ắn",   "ân",   "ấn",   "e",    "é",
        "ê", "ế", "i",  "í",  "o",  "ó",    "ô",    "ố",    "ơ",    "ớ",    "u",    "ú",
        "ư", "ứ", "oa", "oá", "óa", "uyên", "uyến", "ương", "ướng", "iêng", "iếng", "ành"};
    vk_buf text = VK_BUF_INIT;
    for (int round = 0; round < 2; round++) {
        for (size_t o = 0; o < VK_ARRAY_LEN(onsets); o++) {
            for (size_t r = 0; r < VK_ARRAY_LEN(rimes); r++) {
                assert_int_equal(
                    vk_buf_printf(&text, "%s%s %s%s ", onsets[o], rimes[r], upper[o], rimes[r]),
                    VK_OK);
            }
        }
    }
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(text.data, text.len, 0, &t), VK_OK);
    size_t plain = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (t.v[i].overlay)
            continue;
        plain++;
        vk_buf e = VK_BUF_INIT, f = VK_BUF_INIT;
        const char *w = text.data + t.v[i].start;
        assert_int_equal(an_normalize_word(w, t.v[i].end - t.v[i].start, &e, &f), VK_OK);
        if (e.len != t.v[i].exact_len || memcmp(e.data, t.v[i].exact, e.len) != 0 ||
            f.len != t.v[i].folded_len || memcmp(f.data, t.v[i].folded, f.len) != 0)
            fail_msg("token %zu '%.*s' read as '%.*s' / '%.*s'", i,
                     (int)(t.v[i].end - t.v[i].start), w, (int)t.v[i].exact_len, t.v[i].exact,
                     (int)t.v[i].folded_len, t.v[i].folded);
        vk_buf_free(&e);
        vk_buf_free(&f);
    }
    assert_int_equal(plain, 4 * VK_ARRAY_LEN(onsets) * VK_ARRAY_LEN(rimes));
    an_tokens_free(&t);
    vk_buf_free(&text);
}

/* NFC that makes a line longer than twice its UTF-16 length (U+FB2C is
 * three code points) is still done: the line was once left as written, and
 * its 126-byte word became a 252-byte term past Xapian's limit. */
static void
test_nfc_growth(void **state)
{
    (void)state;
    vk_buf in = VK_BUF_INIT, out = VK_BUF_INIT, want = VK_BUF_INIT;
    assert_int_equal(vk_buf_puts(&in, "lạ "), VK_OK);
    assert_int_equal(vk_buf_puts(&want, "lạ "), VK_OK);
    for (int i = 0; i < 42; i++) {
        assert_int_equal(vk_buf_puts(&in, "\xef\xac\xac"), VK_OK); /* U+FB2C */
        assert_int_equal(vk_buf_puts(&want, "\xd7\xa9\xd6\xbc\xd7\x81"), VK_OK);
    }
    assert_int_equal(vk_buf_puts(&in, " giữa câu.\nxin cha\xcc\x80o"), VK_OK);
    assert_int_equal(vk_buf_puts(&want, " giữa câu.\nxin chào"), VK_OK);
    assert_int_equal(an_nfc_text(in.data, in.len, &out), VK_OK);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);
    /* Its tokens: none longer than AN_MAX_TOKEN bytes of the text. */
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(out.data, out.len, 1, &t), VK_OK);
    for (size_t i = 0; i < t.n; i++)
        assert_true(t.v[i].exact_len <= AN_MAX_TOKEN);
    an_tokens_free(&t);
    vk_buf_free(&in);
    vk_buf_free(&out);
    vk_buf_free(&want);
}

/* Rewrites a new-style syllable in the old style (tone on the first vowel of
 * a final oa, oe, uy), in NFC; returns 0 if the syllable has no such cluster.
 * Written here independently of the analyzer, from the rule in DOMAIN §2.4. */
static int
to_old_style(const char *w, char *out, size_t cap)
{
    static const struct {
        const char *new_form, *old_form;
    } pairs[] = {
        {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
        {"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
        {"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"},
    };
    size_t len = strlen(w);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        size_t l = strlen(pairs[i].new_form);
        if (len < l || strcmp(w + len - l, pairs[i].new_form) != 0)
            continue;
        if (pairs[i].new_form[0] == 'u' && len > l && (w[len - l - 1] == 'q'))
            return 0;
        if (len + 1 > cap)
            return 0;
        memcpy(out, w, len - l);
        strcpy(out + len - l, pairs[i].old_form);
        return 1;
    }
    return 0;
}

/* The NFD form of s (ICU, independently of the analyzer). */
static void
to_nfd(const char *s, char *out, size_t cap)
{
    UChar src[256], dst[512];
    int32_t n = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(src, 256, &n, s, -1, &err);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    int32_t m = unorm2_normalize(nfd, src, n, dst, 512, &err);
    u_strToUTF8(out, (int32_t)cap, NULL, dst, m, &err);
    assert_false(U_FAILURE(err));
}

/* A malloc'd copy of the lower-case syllable w with "<h k l m s t qu> + i"
 * (any tone) spelled with y: the pairs the analyzer treats as one word. */
static char *
iy_variant(const char *w)
{
    static const char *const is[] = {"i", "ì", "í", "ỉ", "ĩ", "ị"};
    static const char *const ys[] = {"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"};
    size_t on = (w[0] == 'q' && w[1] == 'u') ? 2 : (w[0] && strchr("hklmst", w[0])) ? 1 : 0;
    char *out = malloc(strlen(w) + 4);
    assert_non_null(out);
    strcpy(out, w);
    for (size_t k = 0; on && k < 6; k++) {
        if (strcmp(w + on, is[k]) == 0) {
            strcpy(out + on, ys[k]);
            break;
        }
    }
    return out;
}

/* Every syllable of Debian's hunspell-vi list: its old-style spelling gives
 * the same exact term, the folded term is ASCII, and no two different
 * syllables share an exact term. */
static void
test_hunspell_syllables(void **state)
{
    (void)state;
    FILE *f = fopen("/usr/share/hunspell/vi_VN.dic", "r");
    if (!f)
        fail_msg("hunspell-vi is not installed (scripts/install-deps.sh installs it)");
    char line[256], old[256];
    size_t n = 0, old_tested = 0;
    char **terms = NULL, **words = NULL;
    size_t cap = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* the count */
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n/")] = '\0';
        if (!*line)
            continue;
        forms a = norm(line);
        for (const char *p = a.folded; *p; p++)
            if ((unsigned char)*p >= 0x80)
                fail_msg("folded form of '%s' is not ASCII: '%s'", line, a.folded);
        char nfd[256];
        to_nfd(line, nfd, sizeof nfd);
        forms c = norm(nfd);
        if (strcmp(a.exact, c.exact) != 0)
            fail_msg("'%s' gives '%s' but its NFD gives '%s'", line, a.exact, c.exact);
        if (to_old_style(line, old, sizeof old)) {
            forms b = norm(old);
            if (strcmp(a.exact, b.exact) != 0)
                fail_msg("'%s' gives '%s' but old-style '%s' gives '%s'", line, a.exact, old,
                         b.exact);
            old_tested++;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 8192;
            terms = realloc(terms, cap * sizeof *terms);
            words = realloc(words, cap * sizeof *words);
            assert_non_null(terms);
            assert_non_null(words);
        }
        terms[n] = strdup(a.exact);
        vk_buf lower = VK_BUF_INIT;
        an_casefold_text(line, strlen(line), &lower);
        words[n] = iy_variant(lower.data ? lower.data : "");
        vk_buf_free(&lower);
        n++;
    }
    fclose(f);
    assert_true(n > 6000);
    assert_true(old_tested > 50); /* 69 in hunspell-vi 1:2.2.0 */
    /* No collisions: equal terms only for words equal up to case and the
     * i/y spelling variants. */
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (strcmp(terms[i], terms[j]) == 0 && strcmp(words[i], words[j]) != 0)
                fail_msg("'%s' and '%s' share the term '%s'", words[i], words[j], terms[i]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        free(terms[i]);
        free(words[i]);
    }
    free(terms);
    free(words);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tone_styles),     cmocka_unit_test(test_nfd_and_case),
        cmocka_unit_test(test_folding),         cmocka_unit_test(test_vi_syllable),
        cmocka_unit_test(test_fold_text_long),  cmocka_unit_test(test_fold_text_ways),
        cmocka_unit_test(test_memo),
        cmocka_unit_test(test_tokens_offsets),
        cmocka_unit_test(test_repeated_words),  cmocka_unit_test(test_many_words),
        cmocka_unit_test(test_bad_bytes),       cmocka_unit_test(test_long_run),
        cmocka_unit_test(test_hunspell_syllables), cmocka_unit_test(test_token_kinds),
        cmocka_unit_test(test_docnum_parse),       cmocka_unit_test(test_iy_variants),
        cmocka_unit_test(test_lexicon),            cmocka_unit_test(test_invisible_characters),
        cmocka_unit_test(test_canon_text),
        cmocka_unit_test(test_nfc_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
