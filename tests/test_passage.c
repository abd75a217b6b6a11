/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_passage.c: the codecs of the data stored with each document
 * (indexer/ix_passage.h), its fields and its record of sections: what is
 * written reads back the same, fields not known stay NULL, the bytes stay
 * those of the index format, and bytes that are not such data are refused
 * without a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "indexer/ix_passage.h"

/* Asserts that two optional strings are equal (both NULL, or the same). */
static void
same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void
same_passage(const ix_passage *a, const ix_passage *b)
{
    const char *x[] = {a->key,    a->path,  a->nondoc,  a->number, a->type,    a->type_code,
                       a->date,   a->title, a->issuer,  a->term,   a->place,   a->conference,
                       a->signer, a->label, a->display, a->kind,   a->heading, a->text};
    const char *y[] = {b->key,    b->path,  b->nondoc,  b->number, b->type,    b->type_code,
                       b->date,   b->title, b->issuer,  b->term,   b->place,   b->conference,
                       b->signer, b->label, b->display, b->kind,   b->heading, b->text};
    for (size_t i = 0; i < VK_ARRAY_LEN(x); i++)
        same_str(x[i], y[i]);
    assert_int_equal(a->n_crumbs, b->n_crumbs);
    for (size_t i = 0; i < a->n_crumbs; i++)
        assert_string_equal(a->crumbs[i], b->crumbs[i]);
}

/* Encodes p, decodes the bytes and compares. */
static void
round_trip(const ix_passage *p)
{
    vk_buf b = VK_BUF_INIT;
    vk_arena a = VK_ARENA_INIT;
    ix_passage back;
    assert_int_equal(ix_passage_encode(p, &b), VK_OK);
    assert_non_null(b.data);
    assert_int_equal(ix_passage_decode(b.data, b.len, &a, &back), VK_OK);
    same_passage(p, &back);
    vk_arena_free(&a);
    vk_buf_free(&b);
}

static void
test_vietnamese(void **state)
{
    (void)state;
    const char *crumbs[] = {"III. NHIỆM VỤ, GIẢI PHÁP", "3. Đổi mới công tác cán bộ",
                            "Điều 5. Các hành vi bị nghiêm cấm \"trong\" khoá XIII"};
    ix_passage p = {
        .key = "28-nq-tw-2022",
        .path = "/srv/văn bản/nghị-quyết 28.txt",
        .number = "28-NQ/TW",
        .type = "Nghị quyết",
        .type_code = "NQ",
        .date = "2022-11-17",
        .title = "về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng",
        .issuer = "Ban Chấp hành Trung ương",
        .term = "XIII",
        .conference = "Hội nghị lần thứ sáu",
        .place = "Hà Nội",
        .signer = "Nguyễn Phú Trọng",
        .label = "III.3",
        .display = "III.3",
        .kind = "arabic",
        .heading = "Đổi mới công tác cán bộ",
        .crumbs = crumbs,
        .n_crumbs = VK_ARRAY_LEN(crumbs),
        .text = "3. Đổi mới công tác cán bộ\nthuý, thúy; uỷ, ủy; tab\there \\ “ngoặc”",
    };
    round_trip(&p);
}

/* Optional fields not known (NULL), empty strings and an empty breadcrumb
 * read back as they were written. */
static void
test_empty_fields(void **state)
{
    (void)state;
    ix_passage p = {.key = "nghi-quyet-hoi-nghi-6",
                    .path = "/a.txt",
                    .label = "",
                    .heading = "",
                    .text = "Lời mở đầu",
                    .nondoc = "qa"};
    round_trip(&p);
    ix_passage none = {0};
    round_trip(&none);
}

/* The stored bytes are those the index has held since format 9: a compact
 * JSON object, its members in this order, null for a field not known. */
static void
test_bytes(void **state)
{
    (void)state;
    const char *crumbs[] = {"I. ĐẢNG VIÊN"};
    ix_passage p = {.key = "k",
                    .path = "/p",
                    .type = "Điều lệ",
                    .label = "I",
                    .display = "I",
                    .kind = "roman",
                    .heading = "ĐẢNG VIÊN",
                    .crumbs = crumbs,
                    .n_crumbs = 1,
                    .text = "I. ĐẢNG VIÊN\nx"};
    vk_buf b = VK_BUF_INIT;
    assert_int_equal(ix_passage_encode(&p, &b), VK_OK);
    assert_string_equal(b.data,
                        "{\"key\":\"k\",\"path\":\"/p\",\"nondoc\":null,\"number\":null,"
                        "\"type\":\"Điều lệ\",\"type_code\":null,\"date\":null,\"title\":null,"
                        "\"issuer\":null,\"term\":null,\"conference\":null,\"place\":null,"
                        "\"signer\":null,\"label\":\"I\",\"display\":\"I\",\"kind\":\"roman\","
                        "\"heading\":\"ĐẢNG VIÊN\",\"breadcrumb\":[\"I. ĐẢNG VIÊN\"],"
                        "\"text\":\"I. ĐẢNG VIÊN\\nx\"}");
    /* Appended: a second passage follows the first. */
    size_t first = b.len;
    assert_int_equal(ix_passage_encode(&p, &b), VK_OK);
    assert_int_equal(b.len, 2 * first);
    vk_buf_free(&b);
}

/* Bytes that are not passage data: an error, every field NULL. */
static void
test_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "{",
        "{\"key\":\"k\"",
        "[\"key\",\"k\"]",
        "\"key\"",
        "null",
        "42",
        "{\"key\":\"\xff\xfe\"}",
        "{\"key\":\"a\\u0000b\"}",
        "{\"key\":\"k\"} trailing",
    };
    vk_arena a = VK_ARENA_INIT;
    for (size_t i = 0; i < VK_ARRAY_LEN(bad); i++) {
        ix_passage p;
        memset(&p, 0xab, sizeof p);
        assert_int_equal(ix_passage_decode(bad[i], strlen(bad[i]), &a, &p), VK_EINVAL);
        ix_passage zero = {0};
        same_passage(&p, &zero);
    }
    ix_passage p;
    assert_int_equal(ix_passage_decode(NULL, 0, &a, &p), VK_EINVAL);
    /* Cut anywhere, a real value is refused too. */
    const char *good = "{\"key\":\"k\",\"breadcrumb\":[\"Điều 5\"],\"text\":\"Đảng\"}";
    for (size_t n = 0; n < strlen(good); n++)
        assert_int_equal(ix_passage_decode(good, n, &a, &p), VK_EINVAL);
    assert_int_equal(ix_passage_decode(good, strlen(good), &a, &p), VK_OK);
    assert_string_equal(p.crumbs[0], "Điều 5");
    vk_arena_free(&a);
}

/* Members of the wrong type, or unknown, read as not known. */
static void
test_wrong_types(void **state)
{
    (void)state;
    const char *v = "{\"key\":7,\"number\":[\"28-NQ/TW\"],\"title\":{},\"label\":\"II\","
                    "\"breadcrumb\":[\"a\",3,null,\"b\"],\"other\":\"x\",\"text\":true}";
    vk_arena a = VK_ARENA_INIT;
    ix_passage p;
    assert_int_equal(ix_passage_decode(v, strlen(v), &a, &p), VK_OK);
    assert_null(p.key);
    assert_null(p.number);
    assert_null(p.title);
    assert_null(p.text);
    assert_string_equal(p.label, "II");
    assert_int_equal(p.n_crumbs, 2);
    assert_string_equal(p.crumbs[0], "a");
    assert_string_equal(p.crumbs[1], "b");
    const char *no_crumbs = "{\"breadcrumb\":\"III\"}";
    assert_int_equal(ix_passage_decode(no_crumbs, strlen(no_crumbs), &a, &p), VK_OK);
    assert_int_equal(p.n_crumbs, 0);
    assert_null(p.crumbs);
    vk_arena_free(&a);
}

/* A string that is not UTF-8 is left out when written, and reads as NULL. */
static void
test_not_utf8(void **state)
{
    (void)state;
    ix_passage p = {.key = "k", .title = "b\xe1\xbb", .text = "t"};
    vk_buf b = VK_BUF_INIT;
    vk_arena a = VK_ARENA_INIT;
    ix_passage back;
    assert_int_equal(ix_passage_encode(&p, &b), VK_OK);
    assert_null(strstr(b.data, "\"title\""));
    assert_int_equal(ix_passage_decode(b.data, b.len, &a, &back), VK_OK);
    assert_string_equal(back.key, "k");
    assert_null(back.title);
    assert_string_equal(back.text, "t");
    vk_arena_free(&a);
    vk_buf_free(&b);
}

/* Stored bytes read as jansson reads them: the UTF-8 sequences at the
 * edges of what RFC 3629 allows (the first and last of each lead byte's
 * range) as written; overlong forms, surrogates and code points past
 * U+10FFFF, which jansson refuses, refused; escapes between runs of text
 * unescaped. */
static void
test_utf8_edges(void **state)
{
    (void)state;
    static const char *const good[] = {"\xc2\x80",         "\xdf\xbf",         "\xe0\xa0\x80",
                                       "\xed\x9f\xbf",     "\xee\x80\x80",     "\xf0\x90\x80\x80",
                                       "\xf4\x8f\xbf\xbf", "Đảng \xe1\xbb\x87"};
    static const char *const bad[] = {
        "\xc1\xbf",         "\xe0\x9f\xbf",     "\xed\xa0\x80", "\xf0\x8f\xbf\xbf",
        "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe1\xbb",     "\x80"};
    vk_arena a = VK_ARENA_INIT;
    ix_passage p;
    char buf[64];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(buf, sizeof buf, "{\"key\":\"%s\"}", good[i]);
        assert_int_equal(ix_passage_decode(buf, strlen(buf), &a, &p), VK_OK);
        assert_string_equal(p.key, good[i]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(buf, sizeof buf, "{\"key\":\"%s\"}", bad[i]);
        assert_int_equal(ix_passage_decode(buf, strlen(buf), &a, &p), VK_EINVAL);
    }
    const char *esc = "{\"text\":\"a\\nbc\\\\\\\"d\\t\\/Đ\\n\"}";
    assert_int_equal(ix_passage_decode(esc, strlen(esc), &a, &p), VK_OK);
    assert_string_equal(p.text, "a\nbc\\\"d\t/Đ\n");
    vk_arena_free(&a);
}

/* A document of three sections: the preamble, "Điều 1" and its khoản 1
 * (whose text is empty), as the writer lays them out. */
static void
test_record(void **state)
{
    (void)state;
    static const char t0[] = "QUYẾT ĐỊNH\nvề việc thi hành",
                      t1[] = "Điều 1. Phạm vi\tđiều chỉnh\nNội dung",
                      body[] = "QUYẾT ĐỊNH\nvề việc thi hànhĐiều 1. Phạm vi\tđiều chỉnh\nNội dung";
    ix_section secs[3] = {
        {"", "", "preamble", "", "", -1, 0, 1, 1, 0, sizeof t0 - 1, 0},
        {"Điều 1", "Điều 1", "article", "Phạm vi\tđiều chỉnh", "Điều 1. Phạm vi", -1, 2, 44, 40,
         sizeof t0 - 1, sizeof t1 - 1, 0},
        {"Điều 1.1", "Điều 1, khoản 1", "clause", "", "1.", 1, 0, 60, 60, sizeof body - 1, 0, 0},
    };
    ix_record r = {.doc = {.key = "1-qd", .number = "1/QĐ", .title = "về việc thi hành"},
                   .sections = secs,
                   .n_sections = 3,
                   .body = body,
                   .body_len = sizeof body - 1};
    vk_buf b = VK_BUF_INIT;
    vk_arena a = VK_ARENA_INIT;
    assert_int_equal(ix_record_encode(&r, &b), VK_OK);
    ix_record back;
    assert_int_equal(ix_record_decode(b.data, b.len, &a, &back), VK_OK);
    assert_string_equal(back.doc.key, "1-qd");
    assert_string_equal(back.doc.number, "1/QĐ");
    assert_null(back.doc.text);
    assert_int_equal(back.n_sections, 3);
    assert_int_equal(back.sections[1].start, 40);
    assert_int_equal(back.sections[1].words, 2);
    assert_int_equal(back.sections[1].heading_end, 44);
    assert_int_equal(back.sections[2].parent, 1);
    assert_int_equal(back.sections[2].text_len, 0);
    assert_string_equal(back.sections[1].kind, "article");
    /* The body is the texts one after the other, tabs and all. */
    ix_passage p;
    assert_int_equal(ix_record_passage(&back, 0, &a, &p), VK_OK);
    assert_string_equal(p.text, t0);
    assert_int_equal(p.n_crumbs, 0);
    assert_int_equal(ix_record_passage(&back, 1, &a, &p), VK_OK);
    assert_string_equal(p.text, t1);
    assert_string_equal(p.label, "Điều 1");
    /* A tab in a heading would end its field: it is written as a space. */
    assert_string_equal(p.heading, "Phạm vi điều chỉnh");
    assert_string_equal(p.title, "về việc thi hành");
    /* The breadcrumb of the khoản: its article's step, then its own. */
    assert_int_equal(ix_record_passage(&back, 2, &a, &p), VK_OK);
    assert_int_equal(p.n_crumbs, 2);
    assert_string_equal(p.crumbs[0], "Điều 1. Phạm vi");
    assert_string_equal(p.crumbs[1], "1.");
    assert_string_equal(p.text, "");
    vk_arena_free(&a);
    vk_buf_free(&b);
}

/* Bytes that are not a record: empty, a passage of the old layout, a
 * record cut short or with a byte changed in its lengths, its header or
 * its chunks. */
static void
test_record_malformed(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "{\"key\":\"a\"}", "[1]\n0\n", "12 40\nxyz",
                                      "0 0\n", "5 99999999999\nabcde"};
    vk_arena a = VK_ARENA_INIT;
    ix_record r;
    for (size_t i = 0; i < VK_ARRAY_LEN(bad); i++)
        assert_int_equal(ix_record_decode(bad[i], strlen(bad[i]), &a, &r), VK_EINVAL);
    static const char body[] = "Điều 1. Phạm vi điều chỉnh";
    ix_section sec = {"Điều 1", "Điều 1", "article", "Phạm vi điều chỉnh", "Điều 1. Phạm vi",
                      -1, 4, 5, 1, 0, sizeof body - 1, 0};
    ix_record good = {.doc = {.key = "k"}, .sections = &sec, .n_sections = 1, .body = body,
                      .body_len = sizeof body - 1};
    vk_buf b = VK_BUF_INIT;
    assert_int_equal(ix_record_encode(&good, &b), VK_OK);
    assert_int_equal(ix_record_decode(b.data, b.len, &a, &r), VK_OK);
    /* Cut anywhere, or one byte changed anywhere past the lengths' line:
     * refused, or read and its text refused, never a crash. */
    for (size_t cut = 0; cut < b.len; cut++)
        assert_int_equal(ix_record_decode(b.data, cut, &a, &r), VK_EINVAL);
    for (size_t k = 24; k < b.len; k++) {
        vk_buf c = VK_BUF_INIT;
        vk_buf_append(&c, b.data, b.len);
        c.data[k] ^= 0x5a;
        ix_passage p;
        if (ix_record_decode(c.data, c.len, &a, &r) == VK_OK && r.n_sections)
            ix_record_passage(&r, 0, &a, &p);
        vk_buf_free(&c);
    }
    vk_buf_free(&b);
    vk_arena_free(&a);
}

/* The texts go in chunks of about IX_CHUNK_BYTES: three sections of 5,000
 * bytes make three chunks, three of 100 bytes one; each reads back. */
static void
test_record_chunks(void **state)
{
    (void)state;
    for (size_t big = 0; big < 2; big++) {
        size_t each = big ? 5000 : 100;
        vk_buf text = VK_BUF_INIT;
        ix_section secs[3];
        memset(secs, 0, sizeof secs);
        for (size_t s = 0; s < 3; s++) {
            secs[s] = (ix_section){"", "", "section", "", "", -1, 0, 0, (uint32_t)(1 + s * 10),
                                   text.len, each, 0};
            for (size_t i = 0; i < each; i++)
                vk_buf_putc(&text, (char)('a' + (s * 7 + i * i) % 26));
        }
        ix_record r = {.doc = {.key = "k"}, .sections = secs, .n_sections = 3,
                       .body = text.data, .body_len = text.len};
        vk_buf b = VK_BUF_INIT;
        vk_arena a = VK_ARENA_INIT;
        ix_record back;
        assert_int_equal(ix_record_encode(&r, &b), VK_OK);
        assert_int_equal(ix_record_decode(b.data, b.len, &a, &back), VK_OK);
        assert_int_equal(back.n_chunks, big ? 3 : 1);
        for (size_t s = 0; s < 3; s++) {
            ix_passage p;
            assert_int_equal(ix_record_passage(&back, s, &a, &p), VK_OK);
            assert_int_equal(strlen(p.text), each);
            assert_memory_equal(p.text, text.data + s * each, each);
        }
        vk_arena_free(&a);
        vk_buf_free(&b);
        vk_buf_free(&text);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vietnamese),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_wrong_types),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_utf8_edges),
        cmocka_unit_test(test_record),
        cmocka_unit_test(test_record_malformed), cmocka_unit_test(test_record_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
