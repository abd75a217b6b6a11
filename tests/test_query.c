/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_query.c: the query parser (clauses, exact or folded lookup, errors
 * with positions) and snippets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "indexer/ix_passage.h"
#include "query/qr.h"

static qr_query *
parse_ok(const char *s)
{
    qr_query *q = NULL;
    vk_error err = {0};
    if (qr_parse(s, strlen(s), &q, &err) != VK_OK)
        fail_msg("'%s': %s", s, err.msg);
    return q;
}

static void
assert_term(const qr_term *t, const char *text, int folded)
{
    assert_int_equal(t->len, strlen(text));
    assert_memory_equal(t->text, text, t->len);
    assert_int_equal(t->folded, folded);
}

static void
test_words_and_phrases(void **state)
{
    (void)state;
    qr_query *q = parse_ok("nghi quyết \"kiểm soát quyền lực\" 28-NQ/TW khóa");
    assert_int_equal(q->n_words, 5);
    assert_term(&q->words[0]->terms[0], "nghi", 1); /* typed without diacritics */
    assert_term(&q->words[1]->terms[0], "quyết", 0);
    assert_int_equal(q->words[2]->n_terms, 4);
    assert_true(q->words[2]->quoted);
    assert_term(&q->words[2]->terms[3], "lực", 0);
    /* A document number is one term, the overlay over its three tokens. */
    assert_int_equal(q->words[3]->n_terms, 1);
    assert_false(q->words[3]->quoted);
    assert_term(&q->words[3]->terms[0], "28-nq/tw", 1);
    assert_int_equal(q->words[3]->terms[0].span, 3);
    /* Old-style tone placement looks up the canonical term. */
    assert_term(&q->words[4]->terms[0], "khoá", 0);
    qr_query_free(q);

    /* Spaces around the dash and a list stay one clause. */
    q = parse_ok("04 - KL/BTCTW 18, 19-NQ/TW");
    assert_int_equal(q->n_words, 2);
    assert_term(&q->words[0]->terms[0], "04-kl/btctw", 1);
    assert_int_equal(q->words[1]->n_terms, 2);
    assert_term(&q->words[1]->terms[1], "19-nq/tw", 1);
    qr_query_free(q);

    q = parse_ok("   ");
    assert_int_equal(q->n_words, 0);
    qr_query_free(q);
    q = parse_ok("\"\" ,,, đ");
    assert_int_equal(q->n_words, 1);
    assert_term(&q->words[0]->terms[0], "đ", 0);
    qr_query_free(q);
}

static void
test_errors(void **state)
{
    (void)state;
    qr_query *q = NULL;
    vk_error err = {0};
    const char *s = "đổi mới \"phương thức";
    assert_int_equal(qr_parse(s, strlen(s), &q, &err), VK_EINVAL);
    assert_null(q);
    /* The quote is the 9th character (đ, ổ count as one each). */
    assert_string_equal(err.msg, "column 9: unterminated quote");
    const char bad[] = "ab \xff";
    assert_int_equal(qr_parse(bad, 4, &q, &err), VK_EINVAL);
    assert_non_null(strstr(err.msg, "column 4"));
    char big[QR_MAX_QUERY + 2];
    memset(big, 'a', sizeof big);
    assert_int_equal(qr_parse(big, sizeof big, &q, &err), VK_EINVAL);
    assert_non_null(strstr(err.msg, "too long"));
}

/* The shape of the tree, as a string: AND(...), OR(...), -x, NEAR(...),
 * field=value, and words as their terms. */
static void
shape(const qr_node *n, char *buf, size_t cap)
{
    size_t l = strlen(buf);
    switch (n->kind) {
    case QR_WORDS:
        for (size_t i = 0; i < n->clause->n_terms; i++)
            l += (size_t)snprintf(buf + l, cap - l, "%s%.*s", i ? "_" : "",
                                  (int)n->clause->terms[i].len, n->clause->terms[i].text);
        return;
    case QR_FIELD: snprintf(buf + l, cap - l, "f%d=%s", (int)n->field, n->value); return;
    case QR_NOT:
        snprintf(buf + l, cap - l, "-");
        shape(n->kids[0], buf, cap);
        return;
    default:
        snprintf(buf + l, cap - l, "%s(",
                 n->kind == QR_AND  ? "AND"
                 : n->kind == QR_OR ? "OR"
                                    : "NEAR");
        for (size_t i = 0; i < n->n_kids; i++) {
            if (i)
                strncat(buf, " ", cap - strlen(buf) - 1);
            shape(n->kids[i], buf, cap);
        }
        strncat(buf, ")", cap - strlen(buf) - 1);
    }
}

static void
assert_shape(const char *query, const char *expected)
{
    qr_query *q = parse_ok(query);
    char buf[512] = "";
    shape(q->root, buf, sizeof buf);
    if (strcmp(buf, expected) != 0)
        fail_msg("'%s' parses as %s, expected %s", query, buf, expected);
    qr_query_free(q);
}

static void
test_operators_and_fields(void **state)
{
    (void)state;
    assert_shape("đổi mới -kinh", "AND(đổi mới -kinh)");
    assert_shape("đảng OR nhà nước", "OR(đảng AND(nhà nước))");
    assert_shape("(a OR b) c", "AND(OR(a b) c)");
    assert_shape("đổi NEAR mới", "NEAR(đổi mới)");
    assert_shape("so:04 - KL/BTCTW", "f0=04 - KL/BTCTW");
    assert_shape("loại:NQ năm:2018..2022", "AND(f1=NQ f2=2018..2022)");
    assert_shape("number:28-NQ/TW type:nghi-quyet", "AND(f0=28-NQ/TW f1=nghi-quyet)");
    assert_shape("muc:III.3 tieude:\"nhiệm vụ\"", "AND(f4=III.3 f5=nhiệm vụ)");
    assert_shape("coquan:\"Bộ Chính trị\" khoa:XIII trich:28-NQ/TW",
                 "AND(f6=Bộ Chính trị f7=XIII f8=28-NQ/TW)");
    /* A spaced hyphen is not a negation ("kinh tế - xã hội"). */
    assert_shape("kinh tế - xã hội", "AND(kinh tế xã hội)");
    /* A word with a colon that is not a field name stays words. */
    assert_shape("ký: 05.11", "AND(ký 05.11)"); /* a section-number overlay */
}

static void
assert_error(const char *query, const char *msg)
{
    qr_query *q = NULL;
    vk_error err = {0};
    assert_int_equal(qr_parse(query, strlen(query), &q, &err), VK_EINVAL);
    assert_null(q);
    if (!strstr(err.msg, msg))
        fail_msg("'%s': '%s' does not say '%s'", query, err.msg, msg);
}

static void
test_syntax_errors(void **state)
{
    (void)state;
    assert_error("(đổi mới", "column 1: this parenthesis is not closed");
    assert_error("đổi mới)", "column 8: this parenthesis was not opened");
    assert_error("OR đảng", "column 1: OR needs words");
    assert_error("đảng OR", "column 6: OR needs words");
    assert_error("foo:bar", "column 1: unknown field 'foo:'");
    assert_error("so:abc", "column 4: so: 'abc' wants a document number");
    assert_error("loai:xyz", "is not a document type");
    assert_error("khoa:abc", "wants a term such as XIII");
    assert_error("-đảng", "cannot only exclude");
    assert_error("a NEAR (b OR c)", "NEAR joins words");
    char deep[128];
    memset(deep, '(', 40);
    strcpy(deep + 40, "a");
    assert_error(deep, "nested too deep");
}

static void
test_snippet(void **state)
{
    (void)state;
    qr_query *q = parse_ok("\"kiểm soát quyền lực\" cán bộ");
    const char *text = "Hoàn thiện cơ chế kiểm soát quyền lực trong công tác cán bộ; "
                       "quyền lực phải được kiểm soát.";
    vk_arena a = VK_ARENA_INIT;
    qr_snip sn;
    const char *snip;
    size_t *marks, n;
    assert_int_equal(qr_snippet(q, text, strlen(text), 200, &a, &sn), VK_OK);
    snip = sn.text;
    marks = sn.marks;
    n = sn.n_marks;
    assert_string_equal(snip, text); /* short enough to show whole */
    /* The phrase's four words and "cán", "bộ"; the lone later "quyền lực"
     * and "kiểm soát" are not a phrase match and stay plain. */
    assert_int_equal(n, 6);
    assert_memory_equal(snip + marks[0], "kiểm", marks[1] - marks[0]);
    assert_memory_equal(snip + marks[6], "lực", marks[7] - marks[6]);
    assert_memory_equal(snip + marks[8], "cán", marks[9] - marks[8]);
    vk_arena_free(&a);
    qr_query_free(q);

    /* A long text is cut around the match, with ellipses. */
    q = parse_ok("giam sat");
    char longtext[2000];
    size_t n0 = 0;
    while (n0 + 20 < 900)
        n0 += (size_t)sprintf(longtext + n0, "lorem ipsum dolor. ");
    n0 += (size_t)sprintf(longtext + n0, "công tác kiểm tra, giám sát của Đảng. ");
    while (n0 + 20 < sizeof longtext)
        n0 += (size_t)sprintf(longtext + n0, "lorem ipsum dolor. ");
    assert_int_equal(qr_snippet(q, longtext, n0, 120, &a, &sn), VK_OK);
    snip = sn.text;
    marks = sn.marks;
    n = sn.n_marks;
    assert_true(strncmp(snip, "… ", strlen("… ")) == 0);
    assert_non_null(strstr(snip, "giám sát"));
    assert_true(strlen(snip) < 200);
    assert_int_equal(n, 2);
    assert_memory_equal(snip + marks[0], "giám", marks[1] - marks[0]);
    vk_arena_free(&a);
    qr_query_free(q);

    /* Fields only: the start of the passage, whole words, no marks; the
     * rest of the text is not analyzed (the cut falls inside "á"). */
    q = parse_ok("trich:28-NQ/TW");
    n0 = 0;
    while (n0 + 20 < 120 + 256)
        n0 += (size_t)sprintf(longtext + n0, "lorem ipsum dolor. ");
    while (n0 < 120 + 256 - 1)
        longtext[n0++] = 'x';
    n0 += (size_t)sprintf(longtext + n0, "ánh sáng, giám sát của Đảng.");
    assert_true(((unsigned char)longtext[120 + 256] & 0xC0) == 0x80);
    assert_int_equal(qr_snippet(q, longtext, n0, 120, &a, &sn), VK_OK);
    snip = sn.text;
    marks = sn.marks;
    n = sn.n_marks;
    assert_true(strncmp(snip, "lorem ipsum dolor.", strlen("lorem ipsum dolor.")) == 0);
    assert_true(strlen(snip) <= 120 + strlen(" …") + 1);
    assert_true(strcmp(snip + strlen(snip) - strlen(" …"), " …") == 0);
    assert_int_equal(n, 0);
    vk_arena_free(&a);
    qr_query_free(q);
}

/* Appends "lorem ipsum dolor. " to buf[0 .. *n) until it is `to` bytes long
 * (within one filler). */
static void
fill_to(char *buf, size_t *n, size_t to)
{
    while (*n + 20 < to)
        *n += (size_t)sprintf(buf + *n, "lorem ipsum dolor. ");
}

/* Long passages: the snippet is the one the whole text gives, whether the
 * matches are early (the rest of the text is then not analyzed), late, or
 * at the line where the first part analyzed ends. */
static void
test_snippet_long(void **state)
{
    (void)state;
    static char text[8192];
    vk_arena a = VK_ARENA_INIT;
    qr_snip sn;

    /* Both words early, and again later: the earlier window wins the tie. */
    qr_query *q = parse_ok("giam sat");
    size_t n = (size_t)sprintf(text, "Công tác giám sát của Đảng. ");
    fill_to(text, &n, 3000);
    n += (size_t)sprintf(text + n, "\ntăng cường giám sát nhân dân. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Công tác giám sát của Đảng."));
    assert_null(strstr(sn.text, "nhân dân"));
    assert_int_equal(sn.n_marks, 2);
    assert_memory_equal(sn.text + sn.marks[0], "giám", sn.marks[1] - sn.marks[0]);
    qr_query_free(q);

    /* The first 2 KB hold one of the two words; a later line holds both. */
    q = parse_ok("kiểm tra giám sát");
    n = (size_t)sprintf(text, "Công tác giám sát của Đảng. ");
    fill_to(text, &n, 3000);
    n += (size_t)sprintf(text + n, "\nTăng cường kiểm tra, giám sát. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Tăng cường kiểm tra, giám sát."));
    assert_null(strstr(sn.text, "Công tác"));
    assert_int_equal(sn.n_marks, 4);
    qr_query_free(q);

    /* Both words just before the first newline past 2 KB; the context after
     * them runs over that newline and holds them again. */
    q = parse_ok("cán bộ");
    n = 0;
    fill_to(text, &n, 2060);
    n += (size_t)sprintf(text + n, "cán bộ\nđội ngũ cán bộ trẻ. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "cán bộ đội ngũ cán bộ trẻ."));
    assert_int_equal(sn.n_marks, 4);
    assert_memory_equal(sn.text + sn.marks[4], "cán", sn.marks[5] - sn.marks[4]);
    qr_query_free(q);

    /* A word written twice in the query: the window of the three words
     * found first is the snippet. */
    q = parse_ok("chạy chức, chạy quyền");
    n = (size_t)sprintf(text, "Kiên quyết xử lý chạy chức, chạy quyền. ");
    fill_to(text, &n, 3000);
    n += (size_t)sprintf(text + n, "\nkhông để chạy chức, chạy quyền, chạy tội. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Kiên quyết xử lý chạy chức, chạy quyền."));
    assert_null(strstr(sn.text, "chạy tội"));
    assert_int_equal(sn.n_marks, 4);
    qr_query_free(q);
    vk_arena_free(&a);
}

/* Text at a place past the first 2 KB, in the forms the analyzer reads
 * alike: the snippet finds the window there as the whole text would. */
static void
test_snippet_near(void **state)
{
    (void)state;
    static char text[8192];
    vk_arena a = VK_ARENA_INIT;
    qr_snip sn;

    /* Decomposed diacritics (NFD): "giám sát" as base letters and marks. */
    qr_query *q = parse_ok("giám sát");
    size_t n = 0;
    fill_to(text, &n, 3000);
    n += (size_t)sprintf(text + n, "\nCông tác gia\xcc\x81m sa\xcc\x81t của Đảng. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Công tác"));
    assert_int_equal(sn.n_marks, 2);
    assert_memory_equal(sn.text + sn.marks[0], "gia\xcc\x81m", sn.marks[1] - sn.marks[0]);
    qr_query_free(q);

    /* "kĩ" and "Qui" are read as "kỹ" and "quy"; a soft hyphen inside a
     * word is skipped. */
    q = parse_ok("kỹ thuật quy định");
    n = 0;
    fill_to(text, &n, 3000);
    n += (size_t)sprintf(text + n, "\nTheo kĩ thu\xc2\xad"
                                   "ật và Qui định mới. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Theo kĩ"));
    assert_int_equal(sn.n_marks, 4);
    assert_memory_equal(sn.text + sn.marks[2],
                        "thu\xc2\xad"
                        "ật",
                        sn.marks[3] - sn.marks[2]);
    assert_memory_equal(sn.text + sn.marks[4], "Qui", sn.marks[5] - sn.marks[4]);
    qr_query_free(q);

    /* Typed with diacritics, the words match only as typed: the line
     * without them is passed over for the later one. */
    q = parse_ok("Đảng ủy");
    n = 0;
    fill_to(text, &n, 2500);
    n += (size_t)sprintf(text + n, "\nBan thuong vu dang uy tinh. ");
    fill_to(text, &n, 4500);
    n += (size_t)sprintf(text + n, "\nBan thường vụ Đảng ủy tỉnh. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Ban thường vụ Đảng ủy"));
    assert_int_equal(sn.n_marks, 2);
    qr_query_free(q);

    vk_arena_free(&a);
}

/* Past the first 2 KB: phrases and numbers. */
static void
test_snippet_near_phrase(void **state)
{
    (void)state;
    static char text[8192];
    vk_arena a = VK_ARENA_INIT;
    qr_snip sn;

    /* A phrase: its words apart on one line, together on a later one. */
    qr_query *q = parse_ok("\"kiểm tra giám sát\"");
    size_t n = 0;
    fill_to(text, &n, 2500);
    n += (size_t)sprintf(text + n, "\nkiểm tra và giám sát. ");
    fill_to(text, &n, 4500);
    n += (size_t)sprintf(text + n, "\nkhâu kiểm tra giám sát cuối. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "khâu kiểm tra giám sát cuối."));
    assert_int_equal(sn.n_marks, 4);
    qr_query_free(q);

    /* The phrase nowhere: the passage's start, no marks. */
    q = parse_ok("\"giám sát kiểm tra\"");
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_true(strncmp(sn.text, "lorem ipsum", strlen("lorem ipsum")) == 0);
    assert_int_equal(sn.n_marks, 0);
    qr_query_free(q);

    /* A number ("1.587" is the term 1587) among the words. */
    q = parse_ok("1.587 đảng viên");
    n = 0;
    fill_to(text, &n, 3000);
    n += (size_t)sprintf(text + n, "\nKết nạp 1.587 đảng viên mới. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Kết nạp 1.587 đảng viên mới."));
    assert_int_equal(sn.n_marks, 3);
    assert_memory_equal(sn.text + sn.marks[0], "1.587", sn.marks[1] - sn.marks[0]);
    qr_query_free(q);
    vk_arena_free(&a);
}

/* Past the first 2 KB: a document number and a date, found by the
 * number they start with and by their year; the same figures alone
 * elsewhere are passed over. */
static void
test_snippet_near_numbers(void **state)
{
    (void)state;
    static char text[8192];
    vk_arena a = VK_ARENA_INIT;
    qr_snip sn;

    qr_query *q = parse_ok("28-NQ/TW");
    size_t n = 0;
    fill_to(text, &n, 2500);
    n += (size_t)sprintf(text + n, "\nđạt 28 điểm trong năm. ");
    fill_to(text, &n, 4500);
    n += (size_t)sprintf(text + n, "\nthực hiện Nghị quyết số 28 - NQ/TW của Trung ương. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Nghị quyết số 28 - NQ/TW"));
    assert_int_equal(sn.n_marks, 1);
    assert_memory_equal(sn.text + sn.marks[0], "28 - NQ/TW", sn.marks[1] - sn.marks[0]);
    qr_query_free(q);

    q = parse_ok("17/11/2022");
    n = 0;
    fill_to(text, &n, 2500);
    n += (size_t)sprintf(text + n, "\nnăm 2022 và năm 2023. ");
    fill_to(text, &n, 4500);
    n += (size_t)sprintf(text + n, "\nHà Nội, ngày 17 tháng 11 năm 2022. ");
    fill_to(text, &n, 6000);
    assert_int_equal(qr_snippet(q, text, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "Hà Nội, ngày 17 tháng 11 năm 2022."));
    assert_int_equal(sn.n_marks, 1);
    assert_memory_equal(sn.text + sn.marks[0], "ngày 17 tháng 11 năm 2022",
                        sn.marks[1] - sn.marks[0]);
    qr_query_free(q);

    /* One line of 300 KB, the words at its end: analyzed whole. */
    size_t big = 300 * 1024;
    char *line = malloc(big + 64);
    assert_non_null(line);
    n = 0;
    fill_to(line, &n, big);
    n += (size_t)sprintf(line + n, "ký ban hành ngày 17 tháng 11 năm 2022.");
    q = parse_ok("17/11/2022");
    assert_int_equal(qr_snippet(q, line, n, 120, &a, &sn), VK_OK);
    assert_non_null(strstr(sn.text, "ngày 17 tháng 11 năm 2022."));
    assert_int_equal(sn.n_marks, 1);
    qr_query_free(q);
    free(line);
    vk_arena_free(&a);
}

/* Decodes the stored bytes s (a C string) into *p; returns the status. */
static vk_status
passage_of(const char *s, vk_arena *a, ix_passage *p)
{
    return ix_passage_decode(s, strlen(s), a, p);
}

/* The stored data of results is read as a JSON object whatever its form:
 * the compact form the index writes (read without a JSON tree), and every
 * other form or error as jansson reads it. */
static void
test_passage_read(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    ix_passage p;
    assert_int_equal(passage_of("{\"key\":\"a\\\"b\\\\c\\/d\\ne\",\"path\":null,"
                                "\"breadcrumb\":[\"I. X\",\"Điều 5\"],\"text\":\"Đảng\\tủy\"}",
                                &a, &p),
                     VK_OK);
    assert_string_equal(p.key, "a\"b\\c/d\ne");
    assert_null(p.path);
    assert_int_equal(p.n_crumbs, 2);
    assert_string_equal(p.crumbs[1], "Điều 5");
    assert_string_equal(p.text, "Đảng\tủy");
    assert_int_equal(passage_of("{}", &a, &p), VK_OK);
    assert_null(p.key);
    assert_int_equal(passage_of("{\"breadcrumb\":[],\"key\":\"\"}", &a, &p), VK_OK);
    assert_int_equal(p.n_crumbs, 0);
    assert_string_equal(p.key, "");
    /* Forms the index does not write, read all the same. */
    assert_int_equal(passage_of("{\"key\":\"\\u0110\\u1ea3\"}", &a, &p), VK_OK);
    assert_string_equal(p.key, "Đả");
    assert_int_equal(passage_of("{ \"key\" : \"a\" , \"text\":\"b\" }\n", &a, &p), VK_OK);
    assert_string_equal(p.key, "a");
    assert_string_equal(p.text, "b");
    assert_int_equal(passage_of("{\"key\":\"a\",\"key\":\"b\"}", &a, &p), VK_OK);
    assert_string_equal(p.key, "b");
    assert_int_equal(passage_of("{\"zzz\":1,\"title\":5,\"key\":\"k\"}", &a, &p), VK_OK);
    assert_null(p.title);
    assert_string_equal(p.key, "k");
    /* Not JSON, or not UTF-8 as JSON wants it: an error, all fields NULL. */
    const char *bad[] = {"{\"key\":\"a\"\"text\":\"b\"}",
                         "{\"key\":\"a\",}",
                         "{\"key\":\"a\"} x",
                         "{\"key\":\"\xC0\x80\"}",
                         "{\"key\":\"\xED\xA0\x80\"}",
                         "{\"key\":\"\xF4\x90\x80\x80\"}",
                         "{\"key\":\"\xE1\xBA\"}",
                         "{\"key\":\"a\x01\"}",
                         "{\"key\":\"a\\x\"}",
                         "{\"breadcrumb\":[\"a\"\"b\"]}",
                         "{\"key\":\"a\"",
                         "[\"key\"]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(passage_of(bad[i], &a, &p), VK_EINVAL);
        assert_null(p.key);
    }
    vk_arena_free(&a);
}

/* Queries are (pointer, length), not NUL-terminated: the parser must not
 * read past the end (found by bench/fuzz.sh: a query ending in an operator
 * read one byte too far). Each query is copied to a buffer of its exact
 * size, so that AddressSanitizer sees any read beyond it. */
static void
test_unterminated(void **state)
{
    (void)state;
    static const char *const queries[] = {
        "ki\xe1\xbb\x83m tna OR\x1a"
        "ei\xc3\xa1m NEAR", /* the fuzzer's input */
        "a NEAR",
        "a OR",
        "(",
        "a -",
        "-",
        "\"",
        "so:",
        "a (b",
        "NEAR",
        "muc:III -",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        size_t len = strlen(queries[i]);
        char *q = malloc(len);
        assert_non_null(q);
        memcpy(q, queries[i], len);
        qr_query *out = NULL;
        vk_error err = {0};
        vk_status st = qr_parse(q, len, &out, &err);
        assert_true(st == VK_OK || (st == VK_EINVAL && err.msg[0]));
        qr_query_free(out);
        free(q);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_phrases),
        cmocka_unit_test(test_unterminated),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_operators_and_fields),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_snippet),
        cmocka_unit_test(test_snippet_long),
        cmocka_unit_test(test_snippet_near),
        cmocka_unit_test(test_snippet_near_phrase),
        cmocka_unit_test(test_snippet_near_numbers),
        cmocka_unit_test(test_passage_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
