/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_search.c: golden queries over the sample corpus. The index is built
 * from corpus/samples; each query's expected documents were found by
 * reading the documents (grep over the texts), not from the program.
 *
 * The corpus holds four documents in five files' worth of text: the plan
 * 256-KH/TU (KH), the resolution 28-NQ/TW appended to it and also alone in a
 * file without its number line (NQ: one result with a copy), and the
 * conclusions 04-KL/BTCTW (KL04) and 21-KL/TW (KL21).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "corpus/cp.h"
#include "indexer/ix.h"
#include "query/qr.h"

static char dir[4096], db[4200];
static xc_rdb *reader;

/* The short name of a document key. */
static const char *
doc_of(const char *key)
{
    if (!key)
        return "?";
    if (strcmp(key, "256-kh-tu") == 0)
        return "KH";
    if (strcmp(key, "28-nq-tw-2022") == 0 || strcmp(key, "nghi-quyet-hoi-nghi-6-khoa-xiii") == 0)
        return "NQ";
    if (strcmp(key, "04-kl-btctw-2018") == 0)
        return "KL04";
    if (strcmp(key, "21-kl-tw-2021") == 0)
        return "KL21";
    return key;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs a query; returns the sorted short names of the results. */
static qr_results *
run(const char *query, const qr_opts *opts, char *names, size_t cap)
{
    qr_query *q = NULL;
    vk_error err = {0};
    if (qr_parse(query, strlen(query), &q, &err) != VK_OK)
        fail_msg("'%s': %s", query, err.msg);
    qr_opts o = {.limit = 20};
    qr_results *r = NULL;
    if (qr_search(reader, q, opts ? opts : &o, &r, &err) != VK_OK)
        fail_msg("'%s': %s", query, err.msg);
    qr_query_free(q);
    const char *v[32];
    size_t n = 0;
    for (size_t i = 0; i < r->n_hits && n < 32; i++)
        v[n++] = doc_of(r->hits[i].key);
    qsort(v, n, sizeof *v, cmp_str);
    names[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        strncat(names, i ? " " : "", cap - strlen(names) - 1);
        strncat(names, v[i], cap - strlen(names) - 1);
    }
    return r;
}

/* The documents a query finds, sorted: "KH KL21 NQ". */
static void
expect(const char *query, const char *docs)
{
    char names[256];
    qr_results *r = run(query, NULL, names, sizeof names);
    if (strcmp(names, docs) != 0)
        fail_msg("'%s' finds [%s], expected [%s]", query, names, docs);
    qr_results_free(r);
}

/* The section label of the result for document `doc`. */
static void
expect_section(const char *query, const char *doc, const char *label)
{
    char names[256];
    qr_results *r = run(query, NULL, names, sizeof names);
    for (size_t i = 0; i < r->n_hits; i++) {
        if (strcmp(doc_of(r->hits[i].key), doc) == 0) {
            if (strcmp(r->hits[i].label, label) != 0)
                fail_msg("'%s': %s in section %s, expected %s", query, doc, r->hits[i].label,
                         label);
            qr_results_free(r);
            return;
        }
    }
    fail_msg("'%s' does not find %s", query, doc);
}

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR"), *src = getenv("VK_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/vk-search-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/db", dir);
    const char *files[] = {"ke-hoach-256-KH-TU.md", "ket-luan-04-KL-BTCTW.md",
                           "ket-luan-21-KL-TW.md", "nghi-quyet-hoi-nghi-6-khoa-xiii.txt"};
    ix_writer *w = NULL;
    vk_error err = {0};
    if (ix_writer_open(db, 1, &w, &err) != VK_OK)
        return -1;
    for (size_t i = 0; i < 4; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/corpus/samples/%s", src ? src : ".", files[i]);
        cp_file *f = NULL;
        if (cp_file_parse(path, &f, &err) != VK_OK ||
            ix_writer_add_file(w, f, NULL, &err) != VK_OK) {
            fprintf(stderr, "%s\n", err.msg);
            cp_file_free(f);
            return -1;
        }
        cp_file_free(f);
    }
    if (ix_writer_close(w, &err) != VK_OK)
        return -1;
    const char *paths[] = {db};
    return xc_rdb_open(paths, 1, &reader) == XC_OK ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    xc_rdb_close(reader);
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Words and phrases, with and without diacritics, in both tone styles. */
static void
test_words(void **state)
{
    (void)state;
    expect("\"hệ thống chính trị\"", "KH KL04 KL21 NQ");
    expect("\"he thong chinh tri\"", "KH KL04 KL21 NQ");
    expect("\"chuyển hoá\"", "KH KL04 KL21");
    expect("\"chuyển hóa\"", "KH KL04 KL21");
    expect("\"tự diễn biến\"", "KH KL04 KL21");
    expect("Quốc hội", "KL21 NQ");
    expect("quoc hoi", "KL21 NQ");
    expect("\"nhân tài\"", "KL04 KL21 NQ");
    expect("\"Điều lệ Đảng\"", "KL04 NQ");
    expect("\"Viện Kiểm sát\"", "KH NQ");
    /* Typed without diacritics, or partly: a phrase matches every
     * spelling of its words at adjacent positions (the folded terms have
     * no positions of their own). */
    expect("\"tu dien bien\"", "KH KL04 KL21");
    expect("\"tự dien bien\"", "KH KL04 KL21");
    expect_section("tieude:\"cong tac can bo\" \"tuyen dung\"", "NQ", "III.3.2");
    /* Typed with diacritics, a phrase stays exact: "tự diễn biên" (wrong
     * tone on the last word) is in no text, though each of its words and
     * the folded phrase are; the search says it fell back to folded. */
    char names[256];
    qr_results *r = run("\"tự diễn biên\"", NULL, names, sizeof names);
    assert_non_null(r->notice);
    assert_non_null(strstr(r->notice, "folded"));
    qr_results_free(r);
    r = run("\"tự diễn biến\"", NULL, names, sizeof names);
    assert_null(r->notice);
    assert_string_equal(names, "KH KL04 KL21");
    qr_results_free(r);
    /* Beside plain words, whose ranking boosts are weighed apart from the
     * positions (query/build.c), the phrase stays exact all the same. */
    r = run("\"tự diễn biên\" chính trị", NULL, names, sizeof names);
    assert_non_null(r->notice);
    assert_non_null(strstr(r->notice, "folded"));
    qr_results_free(r);
    expect("\"tự diễn biến\" chính trị", "KH KL04 KL21");
    /* i/y spelling variants: the text writes kỹ; kĩ finds it too. */
    expect("kỹ năng", "KL21 NQ");
    expect("kĩ năng", "KL21 NQ");
}

/* Abbreviations: HĐND finds "Hội đồng nhân dân" (NQ, KL21 write it out). */
static void
test_abbreviations(void **state)
{
    (void)state;
    expect("HĐND", "KH KL21 NQ");
    /* Written out, the words must be adjacent, or the abbreviation: KL04
     * has the four words, apart. */
    expect("hội đồng nhân dân", "KH KL21 NQ");
    expect("nhân dân hội đồng", "KH KL04 KL21 NQ");
    expect("\"Ban Dân vận\"", "KH");
}

/* Bigrams with a stopword are not indexed (ix_schema.h); phrases with
 * one still match, on positions. */
static void
test_stopword_bigrams(void **state)
{
    (void)state;
    uint32_t f = 0;
    assert_int_equal(xc_rdb_termfreq(reader, "BFhe thong", 10, &f), XC_OK);
    assert_true(f > 0);
    assert_int_equal(xc_rdb_termfreq(reader, "BFcua dang", 10, &f), XC_OK);
    assert_int_equal(f, 0);
    expect("\"sự lãnh đạo của Đảng\"", "KH KL04");
    expect("\"su lanh dao cua dang\"", "KH KL04");
    expect("\"xây dựng và chỉnh đốn\"", "NQ");
    expect("\"đối với các\"", "KH KL04 NQ");
}

/* A word without a Vietnamese shape is paired with one that has it
 * (ix_schema.h): Kết luận 21 has "lợi dụng Internet, mạng xã hội", and a
 * query for those words asks for the pair. */
static void
test_foreign_bigrams(void **state)
{
    (void)state;
    uint32_t f = 0;
    assert_int_equal(xc_rdb_termfreq(reader, "BFdung internet", 15, &f), XC_OK);
    assert_true(f > 0);
    expect("\"lợi dụng Internet\"", "KL21");
    expect("\"loi dung internet\"", "KL21");
    qr_query *q = NULL;
    vk_error err = {0};
    const char *text = "lợi dụng internet";
    assert_int_equal(qr_parse(text, strlen(text), &q, &err), VK_OK);
    xc_query *x = NULL;
    assert_int_equal(qr_build(q, reader, 0, 0, &x, &err), VK_OK);
    char *d = NULL;
    assert_int_equal(xc_query_describe(x, &d), XC_OK);
    assert_non_null(strstr(d, "BFdung internet"));
    free(d);
    xc_query_free(x);
    qr_query_free(q);
}

/* Ranking boosts leave out terms that more than a third of the documents
 * have: each of the 5 sample documents speaks of "công tác cán bộ" and has
 * "công" in a heading, while only Kết luận 04 says "toàn Ngành" (6 times). */
static void
test_common_boosts(void **state)
{
    (void)state;
    qr_query *q = NULL;
    vk_error err = {0};
    const char *text = "công tác cán bộ toàn ngành";
    assert_int_equal(qr_parse(text, strlen(text), &q, &err), VK_OK);
    xc_query *x = NULL;
    assert_int_equal(qr_build(q, reader, 0, 0, &x, &err), VK_OK);
    char *d = NULL;
    assert_int_equal(xc_query_describe(x, &d), XC_OK);
    assert_non_null(strstr(d, "BFtoan nganh"));
    assert_null(strstr(d, "XHcông"));
    assert_null(strstr(d, "BFtac can"));
    assert_null(strstr(d, "BFcong tac"));
    assert_null(strstr(d, "BFcan bo"));
    free(d);
    xc_query_free(x);
    qr_query_free(q);
    expect("công tác cán bộ", "KH KL04 KL21 NQ");
}

static void
test_operators(void **state)
{
    (void)state;
    expect("\"hệ thống chính trị\" -\"Quốc hội\"", "KH KL04");
    /* Beside a phrase and ranking boosts, a group keeps its exclusion. */
    expect("Đảng \"hệ thống chính trị\" (chính trị -\"Quốc hội\")", "KH KL04");
    expect("\"Quốc hội\" OR \"Điều lệ Đảng\"", "KL04 KL21 NQ");
    char names[256];
    qr_results *r = run("\"đổi mới\" NEAR \"lãnh đạo\"", NULL, names, sizeof names);
    assert_non_null(strstr(names, "NQ"));
    assert_non_null(strstr(names, "KH"));
    qr_results_free(r);
    /* Beside a plain word (ranking boosts, query/build.c), NEAR still
     * checks the distance: the same documents, though the words alone
     * find more. */
    char near[256], with_word[256], words_only[256];
    r = run("Đảng \"đổi mới\" NEAR \"lãnh đạo\"", NULL, with_word, sizeof with_word);
    qr_results_free(r);
    r = run("\"đổi mới\" NEAR \"lãnh đạo\"", NULL, near, sizeof near);
    qr_results_free(r);
    r = run("Đảng \"đổi mới\" \"lãnh đạo\"", NULL, words_only, sizeof words_only);
    qr_results_free(r);
    assert_string_equal(with_word, near);
    assert_true(strlen(words_only) > strlen(near));
}

static void
test_fields(void **state)
{
    (void)state;
    expect("so:21-KL/TW", "KL21");
    expect("so:04 - KL/BTCTW", "KL04");
    expect("loai:ket-luan", "KL04 KL21");
    expect("loai:KL", "KL04 KL21");
    expect("type:nghi-quyet", "NQ");
    expect("nam:2018..2022", "KL04 KL21 NQ");
    expect("nam:2021", "KL21");
    expect("ngay:25/10/2021", "KL21");
    expect("ngay:2018-01-01..2018-12-31", "KL04");
    expect("khoa:XIII", "KL21 NQ");
    expect("khoa:13", "KL21 NQ");
    expect("coquan:\"Thành ủy\"", "KH");
    /* Only the plan cites 21-KL/TW (its I.2). */
    expect("trich:21-KL/TW", "KH");
    expect_section("trich:21-KL/TW", "KH", "I.2");
    expect("muc:V.8", "KH");
    expect_section("\"Ban Dân vận\"", "KH", "V.8");
    /* Section prefix: muc:III.3 holds III.3.1 and III.3.2. */
    expect_section("muc:III.3 \"tuyển dụng nhân tài\"", "NQ", "III.3.2");
    expect_section("tieude:\"công tác cán bộ\" \"tuyển dụng\"", "NQ", "III.3.2");
}

/* The section a hit points at, in the plan (corpus/samples/ke-hoach-256):
 * "I- MỤC ĐÍCH, YÊU CẦU" holds "1. Mục đích" and "2. Yêu cầu"; the
 * title made of the words alone is the hit. Its V.8 (Ban Dân vận) never
 * says "Hội đồng nhân dân Thành phố", which V.1 is titled and other
 * sections say: under muc:V.8 the words find nothing, under muc:V.1 the
 * plan, there. */
static void
test_hit_sections(void **state)
{
    (void)state;
    expect_section("mục đích", "KH", "I.1");
    expect_section("yêu cầu", "KH", "I.2");
    expect("muc:V.8 \"Hội đồng nhân dân Thành phố\"", "");
    expect_section("muc:V.1 \"Hội đồng nhân dân Thành phố\"", "KH", "V.1");
}

/* A phrase across a page break the parser joined ("... từ" / "chức; ..."). */
static void
test_joined_page_break(void **state)
{
    (void)state;
    expect("\"miễn nhiệm, từ chức\"", "KH KL04");
    expect_section("\"miễn nhiệm, từ chức\"", "KH", "V.5.5");
}

/* A number: the document that is it first, then the ones citing it. */
static void
test_document_numbers(void **state)
{
    (void)state;
    char names[256];
    qr_results *r = run("28-NQ/TW", NULL, names, sizeof names);
    assert_string_equal(names, "KH NQ");
    assert_string_equal(doc_of(r->hits[0].key), "NQ");
    qr_results_free(r);
    r = run("Kết luận số 21-KL/TW, ngày 25/10/2021", NULL, names, sizeof names);
    assert_string_equal(doc_of(r->hits[0].key), "KL21");
    qr_results_free(r);
}

/* The resolution in two files is one result listing the other file. */
static void
test_duplicates(void **state)
{
    (void)state;
    char names[256];
    qr_results *r = run("\"tuyển dụng nhân tài\"", NULL, names, sizeof names);
    assert_string_equal(names, "NQ");
    assert_int_equal(r->n_hits, 1);
    assert_int_equal(r->hits[0].n_copies, 1);
    assert_string_equal(r->hits[0].label, "III.3.2");
    qr_results_free(r);
}

static uint32_t
facet_count(const qr_facet *v, size_t n, const char *value)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i].value, value) == 0)
            return v[i].count;
    }
    return 0;
}

/* Facets count documents (not passages, not copies). */
static void
test_facets_and_sort(void **state)
{
    (void)state;
    qr_opts o = {.limit = 20, .facets = 1};
    char names[256];
    qr_results *r = run("\"hệ thống chính trị\"", &o, names, sizeof names);
    assert_int_equal(r->total, 4);
    assert_int_equal(facet_count(r->types, r->n_types, "KL"), 2);
    assert_int_equal(facet_count(r->types, r->n_types, "KH"), 1);
    assert_int_equal(facet_count(r->types, r->n_types, "NQ"), 1);
    assert_int_equal(facet_count(r->years, r->n_years, "2018"), 1);
    assert_int_equal(facet_count(r->years, r->n_years, "2021"), 1);
    assert_int_equal(facet_count(r->years, r->n_years, "2022"), 1);
    /* Issuer values have their tone marks placed by rule: the plan's
     * "Thành ủy" is counted as "Thành uỷ", whichever style a file used. */
    assert_int_equal(facet_count(r->issuers, r->n_issuers, "Thành uỷ"), 1);
    assert_int_equal(facet_count(r->issuers, r->n_issuers, "Thành ủy"), 0);
    qr_results_free(r);
    qr_opts by_date = {.limit = 20, .sort_by_date = 1};
    r = run("loai:KL", &by_date, names, sizeof names);
    assert_int_equal(r->n_hits, 2);
    assert_string_equal(doc_of(r->hits[0].key), "KL21"); /* 2021 before 2018 */
    qr_results_free(r);
    /* Paging: the second page of one. */
    qr_opts page = {.limit = 1, .offset = 1, .sort_by_date = 1};
    r = run("loai:KL", &page, names, sizeof names);
    assert_string_equal(names, "KL04");
    assert_int_equal(r->total, 2);
    qr_results_free(r);
}

/* Fallbacks and suggestions. */
static void
test_fallbacks(void **state)
{
    (void)state;
    char names[256];
    /* "bão" (storm) is in no document: the folded "bao" is, with a notice. */
    qr_results *r = run("bão", NULL, names, sizeof names);
    assert_non_null(r->notice);
    assert_string_equal(r->notice, "folded");
    assert_true(r->n_hits > 0);
    qr_results_free(r);
    /* All words together find nothing: any word, with a notice. */
    r = run("\"hệ thống chính trị\" xyzzyq", NULL, names, sizeof names);
    assert_string_equal(r->notice, "any-word");
    assert_string_equal(names, "KH KL04 KL21 NQ");
    qr_results_free(r);
    vk_arena a = VK_ARENA_INIT;
    const char *s = NULL;
    /* A spelling the index does not hold finds nothing: the one it holds. */
    assert_int_equal(qr_suggest(reader, "kịp thơi", strlen("kịp thơi"), &a, &s), VK_OK);
    assert_string_equal(s, "kịp thời");
    /* Nothing for queries that find as much as the suggestion would: "kip"
     * matches every spelling, "nghi quyêt" the abbreviation NQ
     * (tests/test_suggest.c has the rest). */
    assert_int_equal(qr_suggest(reader, "kip thời", strlen("kip thời"), &a, &s), VK_OK);
    assert_null(s);
    assert_int_equal(qr_suggest(reader, "nghi quyêt", strlen("nghi quyêt"), &a, &s), VK_OK);
    assert_null(s);
    assert_int_equal(qr_suggest(reader, "Nghị quyết", strlen("Nghị quyết"), &a, &s), VK_OK);
    assert_null(s);
    vk_arena_free(&a);
}

/* A field value that cannot be used is an error with its column. */
static void
test_value_errors(void **state)
{
    (void)state;
    const char *bad[] = {"nam:20x2", "ngay:31/02/20", "ngay:2022-13-01"};
    for (size_t i = 0; i < 3; i++) {
        qr_query *q = NULL;
        vk_error err = {0};
        assert_int_equal(qr_parse(bad[i], strlen(bad[i]), &q, &err), VK_OK);
        qr_opts o = {.limit = 5};
        qr_results *r = NULL;
        assert_int_equal(qr_search(reader, q, &o, &r, &err), VK_EINVAL);
        assert_non_null(strstr(err.msg, "column 1"));
        assert_null(r);
        qr_query_free(q);
    }
}

static void
test_show(void **state)
{
    (void)state;
    qr_document *d = NULL;
    vk_error err = {0};
    assert_int_equal(qr_document_get(reader, "21-KL/TW", &d, &err), VK_OK);
    assert_string_equal(d->key, "21-kl-tw-2021");
    assert_string_equal(d->date, "2021-10-25");
    const qr_section *s = qr_document_section(d, "I.2.3");
    assert_non_null(s);
    assert_string_equal(s->heading, "Tập trung hoàn thiện cơ chế, chính sách");
    assert_non_null(strstr(s->text, "kiểm soát quyền lực"));
    assert_string_equal(d->sections[0].label, ""); /* the preamble comes first */
    qr_document_free(d);
    assert_int_equal(qr_document_get(reader, "99-XX/YY", &d, &err), VK_ENOTFOUND);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_stopword_bigrams),
        cmocka_unit_test(test_foreign_bigrams),
        cmocka_unit_test(test_common_boosts),
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_joined_page_break),
        cmocka_unit_test(test_document_numbers),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_facets_and_sort),
        cmocka_unit_test(test_fallbacks),
        cmocka_unit_test(test_value_errors),
        cmocka_unit_test(test_show),
        cmocka_unit_test(test_hit_sections),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
