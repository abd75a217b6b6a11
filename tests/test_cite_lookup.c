/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_cite_lookup.c: citation look-up while drafting (cite/ct.h)
 * over the sample corpus: references in every form a drafter types, the
 * passages that cite a document, and drafts checked against the corpus.
 * Expected answers were found by reading the documents:
 *
 *   28-NQ/TW   Nghị quyết, Hà Nội 17/11/2022, Ban Chấp hành Trung ương,
 *              Hội nghị lần thứ sáu, khoá XIII, "về tiếp tục đổi mới phương
 *              thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị
 *              trong giai đoạn mới"; appended to the plan 256-KH/TU and
 *              alone, without its number line, in nghi-quyet-hoi-nghi-6-
 *              khoa-xiii.txt; III.3.2 is "Về công tác cán bộ".
 *   21-KL/TW   Kết luận, 25/10/2021, Hội nghị lần thứ tư, khoá XIII.
 *   256-KH/TU  the plan of the Thành ủy (no date): cites 28-NQ/TW in its
 *              preamble, I.1, I.2, IV ("Căn cứ"), V.11.1 ("Căn cứ") and
 *              VI.3 ("Kèm theo"); 21-KL/TW in I.2 and V.7.3; 12-KH/TW
 *              (28/11/2022, Bộ Chính trị) in its preamble and I.1;
 *              58-QĐ/TW (Bộ Chính trị) in V.5.15 and, with its date
 *              08/02/2022 and subject, in V.10.3. Neither 12-KH/TW nor
 *              58-QĐ/TW is in the corpus.
 *   21-KL/TW and 04-KL/BTCTW cite "Nghị quyết Trung ương 4 khoá XII".
 *
 * tests/data/cite/bao-cao-45-BC-HU.md is a report written for these tests
 * (not a real document): it gives 12-KH/TW another date (28/11/2023) and
 * 58-QĐ/TW another issuer (Ban Bí thư), so that the citing documents
 * disagree. It goes into a second index only.
 *
 * The drafts in tests/data/drafts were written for these tests: dung.md
 * cites correctly (tone styles and line breaks vary), sai.md makes one
 * mistake of each kind, chua-co.md cites numbers the corpus does not
 * hold, cp1258.txt is a draft in Windows-1258 (made with
 * `iconv -f UTF-8 -t CP1258`) with a wrong date.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cite/ct.h"
#include "corpus/cp.h"
#include "indexer/ix.h"

static char dir[4096];
static xc_rdb *reader;  /* the sample corpus */
static xc_rdb *reader2; /* the sample corpus and the report that disagrees */

static const char *const NQ28 =
    "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về "
    "tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị "
    "trong giai đoạn mới";

static int
build_index(const char *db, int with_report)
{
    const char *src = getenv("VK_SOURCE_DIR");
    const char *files[] = {
        "corpus/samples/ke-hoach-256-KH-TU.md", "corpus/samples/ket-luan-04-KL-BTCTW.md",
        "corpus/samples/ket-luan-21-KL-TW.md", "corpus/samples/nghi-quyet-hoi-nghi-6-khoa-xiii.txt",
        "tests/data/cite/bao-cao-45-BC-HU.md"};
    ix_writer *w = NULL;
    vk_error err = {0};
    if (ix_writer_open(db, 1, &w, &err) != VK_OK)
        return -1;
    for (size_t i = 0; i < (with_report ? 5u : 4u); i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", src ? src : ".", files[i]);
        cp_file *f = NULL;
        if (cp_file_parse(path, &f, &err) != VK_OK ||
            ix_writer_add_file(w, f, NULL, &err) != VK_OK) {
            fprintf(stderr, "%s\n", err.msg);
            cp_file_free(f);
            ix_writer_close(w, &err);
            return -1;
        }
        cp_file_free(f);
    }
    return ix_writer_close(w, &err) == VK_OK ? 0 : -1;
}

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR");
    char db1[4200], db2[4200];
    snprintf(dir, sizeof dir, "%s/vk-cite-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db1, sizeof db1, "%s/db1", dir);
    snprintf(db2, sizeof db2, "%s/db2", dir);
    if (build_index(db1, 0) != 0 || build_index(db2, 1) != 0)
        return -1;
    const char *p1[] = {db1}, *p2[] = {db2};
    return xc_rdb_open(p1, 1, &reader) == XC_OK && xc_rdb_open(p2, 1, &reader2) == XC_OK ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    xc_rdb_close(reader);
    xc_rdb_close(reader2);
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------------- */
/* Ordinals and references                                                */
/* ---------------------------------------------------------------------- */

static void
expect_ordinal(const char *s, int value, size_t used)
{
    size_t u = 99;
    int v = ct_ordinal_parse(s, strlen(s), &u);
    if (v != value || (value && u != used))
        fail_msg("'%s': %d (%zu bytes), expected %d (%zu bytes)", s, v, u, value, used);
}

static void
test_ordinals(void **state)
{
    (void)state;
    const struct {
        const char *s;
        int v;
    } words[] = {{"nhất", 1},
                 {"một", 1},
                 {"hai", 2},
                 {"ba", 3},
                 {"tư", 4},
                 {"bốn", 4},
                 {"năm", 5},
                 {"sáu", 6},
                 {"bảy", 7},
                 {"tám", 8},
                 {"chín", 9},
                 {"mười", 10},
                 {"mười một", 11},
                 {"mười hai", 12},
                 {"mười bốn", 14},
                 {"mười lăm", 15},
                 {"mười chín", 19},
                 {"hai mươi", 20},
                 {"hai mươi mốt", 21},
                 {"hai mươi tư", 24},
                 {"hai mươi lăm", 25},
                 {"ba mươi hai", 32},
                 {"SÁU", 6},
                 {"sau", 6},
                 {"muoi mot", 11},
                 {"Mười Ba", 13},
                 {"6", 6},
                 {"12", 12},
                 {"VI", 6},
                 {"XIII", 13}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        expect_ordinal(words[i].s, words[i].v, strlen(words[i].s));
    /* What follows is not read. */
    expect_ordinal("sáu Ban Chấp hành", 6, strlen("sáu"));
    expect_ordinal("  mười hai khóa XI", 12, strlen("  mười hai"));
    expect_ordinal("tư,", 4, strlen("tư"));
    expect_ordinal("", 0, 0);
    expect_ordinal("Ban", 0, 0);
    expect_ordinal("một trăm", 1, strlen("một"));
    expect_ordinal("100", 0, 0);
    expect_ordinal("vi", 0, 0); /* Roman numerals in capitals only */
}

static void
test_dates(void **state)
{
    (void)state;
    char buf[16];
    assert_string_equal(ct_date_vi(&(cp_date){2022, 11, 17}, buf), "17/11/2022");
    assert_string_equal(ct_date_vi(&(cp_date){2018, 2, 2}, buf), "02/02/2018");
    assert_string_equal(ct_date_vi(&(cp_date){2022, 5, 16}, buf), "16/5/2022");
    assert_string_equal(ct_date_vi(&(cp_date){2023, 3, 1}, buf), "01/3/2023");
    assert_string_equal(ct_date_vi(&(cp_date){0, 0, 0}, buf), "");
}

static void
test_ref_parse(void **state)
{
    (void)state;
    vk_arena a = VK_ARENA_INIT;
    vk_error err = {0};
    ct_ref r;
#define PARSE(s) assert_int_equal(ct_ref_parse(s, strlen(s), &a, &r, &err), VK_OK)
    PARSE("NQ 28/TW");
    assert_string_equal(r.type_code, "NQ");
    assert_string_equal(r.num, "28");
    assert_string_equal(r.issuer_code, "TW");
    assert_string_equal(r.number, "28-NQ/TW");
    assert_string_equal(r.type_name, "Nghị quyết"); /* NQ names one type */

    PARSE("Nghị quyết 28");
    assert_string_equal(r.type_name, "Nghị quyết");
    assert_string_equal(r.num, "28");
    assert_null(r.number);

    PARSE("Nghị quyết số 28-NQ/TW ngày 17/11/2022");
    assert_string_equal(r.number, "28-NQ/TW");
    assert_int_equal(r.date.year, 2022);
    assert_int_equal(r.date.month, 11);
    assert_int_equal(r.date.day, 17);

    PARSE("Kết luận 21 khóa XIII");
    assert_string_equal(r.type_code, "KL");
    assert_string_equal(r.num, "21");
    assert_string_equal(r.term, "XIII");

    PARSE("nghi quyet trung uong 6 khoa 13");
    assert_string_equal(r.type_code, "NQ");
    assert_int_equal(r.plenum, 6);
    assert_string_equal(r.term, "XIII");
    assert_null(r.num);

    PARSE("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương khoá XIII");
    assert_int_equal(r.plenum, 6);
    assert_string_equal(r.term, "XIII");

    PARSE("NQ TW 6 khóa XIII");
    assert_int_equal(r.plenum, 6);
    assert_null(r.num);

    PARSE("Nghị quyết Đại hội lần thứ mười hai");
    assert_string_equal(r.congress, "XII");

    PARSE("Kết luận 21 của Ban Chấp hành Trung ương khóa XIII");
    assert_string_equal(r.issuer, "Ban Chấp hành Trung ương");

    PARSE("Quy định 58 về \"Một số vấn đề về bảo vệ chính trị nội bộ Đảng\"");
    assert_string_equal(r.subject, "Một số vấn đề về bảo vệ chính trị nội bộ Đảng");
    assert_int_equal(r.subject_quoted, 1);
    assert_string_equal(r.type_name, "Quy định");

    PARSE("QĐ 58"); /* QĐ alone: Quy định or Quyết định */
    assert_string_equal(r.type_code, "QĐ");
    assert_null(r.type_name);

    PARSE("28-NQ/TW#III.3.2");
    assert_string_equal(r.number, "28-NQ/TW");
    assert_string_equal(r.section, "III.3.2");

    PARSE("28-nq-tw-2022#III.3");
    assert_string_equal(r.key, "28-nq-tw-2022");
    assert_string_equal(r.section, "III.3");

    assert_int_equal(ct_ref_parse("khóa XIII", 10, &a, &r, &err), VK_EINVAL);
    assert_int_equal(ct_ref_parse("  ", 2, &a, &r, &err), VK_EINVAL);
    assert_int_equal(ct_ref_parse("\xff\xfe", 2, &a, &r, &err), VK_EINVAL);
#undef PARSE
    vk_arena_free(&a);
}

/* ---------------------------------------------------------------------- */
/* Resolving                                                              */
/* ---------------------------------------------------------------------- */

static ct_resolution *
resolve(xc_rdb *db, const char *text, const char *section)
{
    ct_resolution *r = NULL;
    vk_error err = {0};
    ct_resolve_opts o = {section, 0};
    if (ct_resolve(db, text, strlen(text), &o, &r, &err) != VK_OK)
        fail_msg("'%s': %s", text, err.msg);
    if (r->n_cands == 0)
        fail_msg("'%s': no candidate", text);
    return r;
}

static int
has_field(unsigned bits, ct_field f)
{
    return (bits & CT_F_BIT(f)) != 0;
}

/* The best candidate is the document `key`, with this canonical citation. */
static void
expect_doc(const char *text, const char *key, const char *citation)
{
    ct_resolution *r = resolve(reader, text, NULL);
    const ct_candidate *c = &r->cands[0];
    if (!c->in_corpus || strcmp(c->key, key) != 0)
        fail_msg("'%s' gives %s, expected %s", text, c->key ? c->key : c->citation, key);
    assert_string_equal(c->citation, citation);
    assert_int_equal(c->mismatched, 0);
    ct_resolution_free(r);
}

static void
test_resolve_forms(void **state)
{
    (void)state;
    expect_doc("28-NQ/TW", "28-nq-tw-2022", NQ28);
    expect_doc("28 - NQ/TW", "28-nq-tw-2022", NQ28);
    expect_doc("Nghị quyết 28", "28-nq-tw-2022", NQ28);
    expect_doc("nghi quyet 28", "28-nq-tw-2022", NQ28);
    expect_doc("NQ 28/TW", "28-nq-tw-2022", NQ28);
    expect_doc("Nghị quyết số 28-NQ/TW ngày 17/11/2022", "28-nq-tw-2022", NQ28);
    expect_doc("Nghị quyết Trung ương 6 khóa XIII", "28-nq-tw-2022", NQ28);
    expect_doc("Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương khoá XIII",
               "28-nq-tw-2022", NQ28);
    expect_doc("Nghị quyết về tiếp tục đổi mới phương thức lãnh đạo", "28-nq-tw-2022", NQ28);
    expect_doc("28-nq-tw-2022", "28-nq-tw-2022", NQ28);

    const char *kl21 = "Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng "
                       "khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; "
                       "kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái "
                       "về tư tưởng chính trị, đạo đức, lối sống, biểu hiện \"tự diễn biến\", "
                       "\"tự chuyển hoá\"";
    expect_doc("Kết luận 21 khóa XIII", "21-kl-tw-2021", kl21);
    /* The conference "Hội nghị lần thứ tư": plenum 4. */
    expect_doc("Kết luận Hội nghị Trung ương 4 khóa XIII", "21-kl-tw-2021", kl21);
    expect_doc("Kết luận số 4-KL/BTCTW", "04-kl-btctw-2018",
               "Kết luận số 04-KL/BTCTW, ngày 22/01/2018 của Ban Tổ chức Trung ương “Hội nghị "
               "toàn quốc tổng kết công tác tổ chức xây dựng Đảng năm 2017, triển khai nhiệm vụ "
               "năm 2018”");
    expect_doc("Kế hoạch 256", "256-kh-tu",
               "Kế hoạch số 256-KH/TU của Thành ủy thực hiện Nghị quyết số 28-NQ/TW, ngày "
               "17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII; Kế hoạch số 12-KH/TW, "
               "ngày 28/11/2022 của Bộ Chính trị và Chương trình hành động số 25-CTr/TU, ngày "
               "15/3/2023 của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết số 28-NQ/TW về "
               "tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính "
               "trị trong giai đoạn mới");
}

/* Why each candidate came: the fields, the copies, the ranking. */
static void
test_resolve_why(void **state)
{
    (void)state;
    ct_resolution *r = resolve(reader, "Nghị quyết Trung ương 6 khóa XIII", NULL);
    const ct_candidate *c = &r->cands[0];
    assert_true(has_field(c->matched, CT_F_PLENUM));
    assert_true(has_field(c->matched, CT_F_TERM));
    assert_true(has_field(c->matched, CT_F_TYPE));
    assert_int_equal(c->plenum, 6);
    assert_string_equal(c->conference, "Hội nghị lần thứ sáu");
    assert_int_equal(c->n_copies, 1);
    assert_string_equal(c->copies[0], "nghi-quyet-hoi-nghi-6-khoa-xiii");
    ct_resolution_free(r);

    /* The wrong term: the document still comes, saying what differs. */
    r = resolve(reader, "Nghị quyết số 28-NQ/TW ngày 17/11/2021 khóa XII", NULL);
    c = &r->cands[0];
    assert_string_equal(c->key, "28-nq-tw-2022");
    assert_true(has_field(c->matched, CT_F_NUMBER));
    assert_true(has_field(c->mismatched, CT_F_DATE));
    assert_true(has_field(c->mismatched, CT_F_TERM));
    ct_resolution_free(r);

    /* Without its term, an informal name may mean a plenum of another term
     * the corpus only cites (Trung ương 6 khoá XII, in 04-KL/BTCTW). */
    r = resolve(reader, "Nghị quyết Trung ương 6", NULL);
    assert_string_equal(r->cands[0].key, "28-nq-tw-2022");
    int xii = 0;
    for (size_t i = 1; i < r->n_cands; i++)
        xii |= !r->cands[i].in_corpus && r->cands[i].term && !strcmp(r->cands[i].term, "XII");
    assert_true(xii);
    ct_resolution_free(r);

    /* "Kết luận 21": 21-KL/TW; 21-NQ/TW is another type, not a candidate. */
    r = resolve(reader, "Kết luận 21", NULL);
    assert_int_equal(r->n_cands, 1);
    assert_string_equal(r->cands[0].key, "21-kl-tw-2021");
    ct_resolution_free(r);

    /* "số 21" alone: the document first, then numbers the corpus cites. */
    r = resolve(reader, "số 21", NULL);
    assert_true(r->n_cands >= 2);
    assert_string_equal(r->cands[0].key, "21-kl-tw-2021");
    assert_false(r->cands[1].in_corpus);
    assert_string_equal(r->cands[1].number, "21-NQ/TW");
    ct_resolution_free(r);
}

static void
test_resolve_sections(void **state)
{
    (void)state;
    ct_resolution *r = resolve(reader, "28-NQ/TW#III.3.2", NULL);
    const ct_candidate *c = &r->cands[0];
    char want[2048];
    snprintf(want, sizeof want, "tiểu mục 3.2, mục 3, phần III %s", NQ28);
    assert_string_equal(c->section_label, "III.3.2");
    assert_string_equal(c->section_heading, "Về công tác cán bộ");
    assert_string_equal(c->section_citation, want);
    assert_null(r->notice);
    ct_resolution_free(r);

    r = resolve(reader, "Nghị quyết 28", "III.3");
    snprintf(want, sizeof want, "mục 3, phần III %s", NQ28);
    assert_string_equal(r->cands[0].section_citation, want);
    ct_resolution_free(r);

    r = resolve(reader, "28-nq-tw-2022#iii.3.2", NULL);
    assert_string_equal(r->cands[0].section_label, "III.3.2");
    ct_resolution_free(r);

    r = resolve(reader, "Kết luận 21-KL/TW#II.1", NULL);
    const char *kl = "mục 1, phần II Kết luận số 21-KL/TW, ngày 25/10/2021";
    assert_memory_equal(r->cands[0].section_citation, kl, strlen(kl));
    ct_resolution_free(r);

    r = resolve(reader, "28-NQ/TW#III.9", NULL);
    assert_null(r->cands[0].section_citation);
    assert_non_null(r->notice);
    assert_non_null(strstr(r->notice, "no section III.9"));
    ct_resolution_free(r);
}

static const ct_mention *
mention_at(const ct_candidate *c, const char *label)
{
    for (size_t i = 0; i < c->n_evidence; i++) {
        if (strcmp(c->evidence[i].label, label) == 0)
            return &c->evidence[i];
    }
    fail_msg("no mention in %s", label);
    return NULL;
}

/* Numbers and names the corpus only cites. */
static void
test_resolve_not_in_corpus(void **state)
{
    (void)state;
    const char *q58[] = {"58-QĐ/TW", "Quy định 58", "QĐ 58/TW"};
    for (size_t i = 0; i < 3; i++) {
        ct_resolution *r = resolve(reader, q58[i], NULL);
        const ct_candidate *c = &r->cands[0];
        assert_false(c->in_corpus);
        assert_null(c->key);
        assert_string_equal(c->number, "58-QĐ/TW");
        assert_string_equal(c->type, "Quy định");
        assert_string_equal(c->issuer, "Bộ Chính trị");
        assert_int_equal(c->date.year, 2022);
        assert_int_equal(c->date.month, 2);
        assert_int_equal(c->date.day, 8);
        assert_string_equal(c->citation, "Quy định số 58-QĐ/TW, ngày 08/02/2022 của Bộ Chính "
                                         "trị về “Một số vấn đề về bảo vệ chính trị nội bộ Đảng”");
        assert_int_equal(c->n_evidence, 2);
        assert_string_equal(mention_at(c, "V.5.15")->relation, "theo");
        assert_string_equal(mention_at(c, "V.5.15")->key, "256-kh-tu");
        assert_int_equal(mention_at(c, "V.10.3")->date.year, 2022);
        assert_int_equal(c->n_conflicts, 0);
        ct_resolution_free(r);
    }

    ct_resolution *r = resolve(reader, "12-KH/TW", NULL);
    const ct_candidate *c = &r->cands[0];
    assert_false(c->in_corpus);
    assert_string_equal(c->citation, "Kế hoạch số 12-KH/TW, ngày 28/11/2022 của Bộ Chính trị");
    mention_at(c, "");
    mention_at(c, "I.1");
    assert_int_equal(c->n_conflicts, 0);
    ct_resolution_free(r);

    r = resolve(reader, "Nghị quyết Trung ương 4 khóa XII", NULL);
    c = &r->cands[0];
    assert_false(c->in_corpus);
    assert_null(c->number);
    assert_int_equal(c->plenum, 4);
    assert_string_equal(c->term, "XII");
    int kl21 = 0, kl04 = 0;
    for (size_t i = 0; i < c->n_evidence; i++) {
        kl21 += strcmp(c->evidence[i].key, "21-kl-tw-2021") == 0;
        kl04 += strcmp(c->evidence[i].key, "04-kl-btctw-2018") == 0;
    }
    assert_true(kl21 >= 3); /* the preamble, II.1, II.3 */
    assert_true(kl04 >= 2); /* I.1, II.2 */
    assert_memory_equal(c->citation, "Nghị quyết Trung ương 4 khóa XII",
                        strlen("Nghị quyết Trung ương 4 khóa XII"));
    ct_resolution_free(r);

    /* Nothing at all. */
    ct_resolution *none = NULL;
    vk_error err = {0};
    assert_int_equal(ct_resolve(reader, "Nghị quyết 777", 17, NULL, &none, &err), VK_OK);
    assert_int_equal(none->n_cands, 0);
    ct_resolution_free(none);
}

/* Where the citing documents disagree. */
static void
test_resolve_conflicts(void **state)
{
    (void)state;
    ct_resolution *r = resolve(reader2, "12-KH/TW", NULL);
    const ct_candidate *c = &r->cands[0];
    assert_false(c->in_corpus);
    assert_int_equal(c->date.year, 2022); /* what most say */
    assert_int_equal(c->n_conflicts, 1);
    assert_int_equal(c->conflicts[0].field, CT_F_DATE);
    assert_int_equal(c->conflicts[0].n_values, 2);
    assert_string_equal(c->conflicts[0].values[0], "28/11/2022");
    assert_int_equal(c->conflicts[0].counts[0], 2);
    assert_string_equal(c->conflicts[0].values[1], "28/11/2023");
    assert_int_equal(c->conflicts[0].counts[1], 1);
    mention_at(c, "I.1");
    ct_resolution_free(r);

    r = resolve(reader2, "58-QĐ/TW", NULL);
    c = &r->cands[0];
    assert_int_equal(c->n_conflicts, 1);
    assert_int_equal(c->conflicts[0].field, CT_F_ISSUER);
    assert_string_equal(c->conflicts[0].values[0], "Bộ Chính trị");
    assert_string_equal(c->conflicts[0].values[1], "Ban Bí thư");
    assert_int_equal(c->n_evidence, 3);
    ct_resolution_free(r);
}

/* ---------------------------------------------------------------------- */
/* Cited by                                                               */
/* ---------------------------------------------------------------------- */

static ct_citedby *
cited_by(xc_rdb *db, const char *key)
{
    ct_citedby *c = NULL;
    vk_error err = {0};
    if (ct_cited_by(db, key, &c, &err) != VK_OK)
        fail_msg("cites %s: %s", key, err.msg);
    return c;
}

/* The mention in `label` of citing document `key`, or NULL. */
static const ct_mention *
cited_in(const ct_citedby *c, const char *key, const char *label)
{
    for (size_t i = 0; i < c->n_mentions; i++) {
        if (strcmp(c->mentions[i].key, key) == 0 && strcmp(c->mentions[i].label, label) == 0)
            return &c->mentions[i];
    }
    return NULL;
}

static void
test_cited_by(void **state)
{
    (void)state;
    const char *keys[] = {"28-NQ/TW", "28-nq-tw-2022", "nghi-quyet-hoi-nghi-6-khoa-xiii"};
    for (size_t k = 0; k < 3; k++) {
        ct_citedby *c = cited_by(reader, keys[k]);
        assert_string_equal(c->number, "28-NQ/TW");
        assert_string_equal(c->citation, NQ28);
        assert_int_equal(c->n_docs, 1);
        assert_string_equal(c->docs[0].key, "256-kh-tu");
        const char *labels[] = {"", "I.1", "I.2", "IV", "V.11.1", "VI.3"};
        for (size_t i = 0; i < 6; i++)
            if (!cited_in(c, "256-kh-tu", labels[i]))
                fail_msg("%s: not cited in 256-KH/TU %s", keys[k], labels[i]);
        assert_string_equal(cited_in(c, "256-kh-tu", "IV")->relation, "căn cứ");
        assert_string_equal(cited_in(c, "256-kh-tu", "V.11.1")->relation, "căn cứ");
        assert_string_equal(cited_in(c, "256-kh-tu", "VI.3")->relation, "kèm theo");
        assert_string_equal(cited_in(c, "256-kh-tu", "")->relation, "thực hiện");
        /* The snippet holds the citation at its marks. */
        const ct_mention *m = cited_in(c, "256-kh-tu", "IV");
        assert_memory_equal(m->snippet + m->mark_start, "Nghị quyết số 28-NQ/TW",
                            strlen("Nghị quyết số 28-NQ/TW"));
        ct_citedby_free(c);
    }

    ct_citedby *c = cited_by(reader, "21-KL/TW");
    assert_string_equal(c->key, "21-kl-tw-2021");
    assert_int_equal(c->n_docs, 1);
    assert_non_null(cited_in(c, "256-kh-tu", "I.2"));
    assert_string_equal(cited_in(c, "256-kh-tu", "I.2")->relation, "thực hiện");
    assert_non_null(cited_in(c, "256-kh-tu", "V.7.3"));
    assert_int_equal(c->n_mentions, 2);
    ct_citedby_free(c);

    /* A number the corpus does not hold. */
    c = cited_by(reader, "58-QĐ/TW");
    assert_null(c->key);
    assert_string_equal(c->number, "58-QĐ/TW");
    assert_int_equal(c->n_mentions, 2);
    assert_string_equal(cited_in(c, "256-kh-tu", "V.5.15")->relation, "theo");
    assert_string_equal(cited_in(c, "256-kh-tu", "V.10.3")->subject,
                        "Một số vấn đề về bảo vệ chính trị nội bộ Đảng");
    ct_citedby_free(c);

    /* 15-NQ/TW is cited by 28-NQ/TW, held twice: one citing document. */
    c = cited_by(reader, "15-NQ/TW");
    assert_int_equal(c->n_docs, 1);
    assert_string_equal(c->docs[0].key, "28-nq-tw-2022");
    assert_non_null(cited_in(c, "28-nq-tw-2022", "I"));
    ct_citedby_free(c);

    /* More citing documents: the most recent first. */
    c = cited_by(reader2, "28-NQ/TW");
    assert_int_equal(c->n_docs, 2);
    assert_string_equal(c->docs[0].key, "45-bc-hu-2023");
    assert_string_equal(c->docs[1].key, "256-kh-tu");
    ct_citedby_free(c);

    ct_citedby *none = NULL;
    vk_error err = {0};
    assert_int_equal(ct_cited_by(reader, "khong-co-van-ban-nay", &none, &err), VK_ENOTFOUND);
    assert_null(none);
}

/* ---------------------------------------------------------------------- */
/* Checking drafts                                                        */
/* ---------------------------------------------------------------------- */

static ct_check *
check(xc_rdb *db, const char *name)
{
    const char *src = getenv("VK_SOURCE_DIR");
    char path[8192];
    snprintf(path, sizeof path, "%s/tests/data/drafts/%s", src ? src : ".", name);
    ct_check *c = NULL;
    vk_error err = {0};
    if (ct_check_file(db, path, &c, &err) != VK_OK)
        fail_msg("check %s: %s", name, err.msg);
    return c;
}

/* The finding of `field` on line `line`, or NULL. */
static const ct_finding *
finding(const ct_check *c, size_t line, ct_field field)
{
    for (size_t i = 0; i < c->n_findings; i++) {
        if (c->findings[i].line == line && c->findings[i].field == field)
            return &c->findings[i];
    }
    return NULL;
}

static void
expect_finding(const ct_check *c, size_t line, size_t col, ct_severity sev, ct_field field,
               const char *suggestion)
{
    const ct_finding *f = finding(c, line, field);
    if (!f)
        fail_msg("%s: no %s finding on line %zu", c->name, ct_field_name(field), line);
    if (f->severity != sev || (col && f->col != col))
        fail_msg("%s:%zu:%zu: %s %s, expected %s at column %zu", c->name, line, f->col,
                 ct_severity_name(f->severity), f->message, ct_severity_name(sev), col);
    if (suggestion && (!f->suggestion || strcmp(f->suggestion, suggestion) != 0))
        fail_msg("%s:%zu: suggestion '%s', expected '%s'", c->name, line,
                 f->suggestion ? f->suggestion : "(none)", suggestion);
    if (!suggestion && f->suggestion && sev == CT_SEV_OK)
        fail_msg("%s:%zu: unexpected suggestion '%s'", c->name, line, f->suggestion);
}

static void
test_check_correct(void **state)
{
    (void)state;
    ct_check *c = check(reader, "dung.md");
    for (size_t i = 0; i < c->n_findings; i++) {
        if (c->findings[i].severity != CT_SEV_OK)
            fail_msg("dung.md:%zu:%zu: %s %s", c->findings[i].line, c->findings[i].col,
                     ct_severity_name(c->findings[i].severity), c->findings[i].message);
    }
    assert_int_equal(c->n_citations, 6);
    assert_int_equal(c->n_quotes, 3);
    assert_int_equal(c->n_ok, 9);
    expect_finding(c, 3, 11, CT_SEV_OK, CT_F_NUMBER, NULL);
    assert_string_equal(finding(c, 3, CT_F_NUMBER)->key, "28-nq-tw-2022");
    assert_string_equal(finding(c, 3, CT_F_NUMBER)->citation, NQ28);
    /* The quote broken over two lines. */
    expect_finding(c, 4, 1, CT_SEV_OK, CT_F_QUOTE, NULL);
    expect_finding(c, 7, 0, CT_SEV_OK, CT_F_QUOTE, NULL);
    /* "04 - KL/BTCTW", spaced; the informal name. */
    expect_finding(c, 9, 9, CT_SEV_OK, CT_F_NUMBER, NULL);
    assert_string_equal(finding(c, 9, CT_F_NUMBER)->number, "04-KL/BTCTW");
    const ct_finding *f = NULL;
    for (size_t i = 0; i < c->n_findings; i++) {
        if (c->findings[i].line == 9 && c->findings[i].col > 9)
            f = &c->findings[i];
    }
    assert_non_null(f);
    assert_string_equal(f->key, "28-nq-tw-2022");
    /* "cụ thể hóa" in the old tone style; the citation after the quote. */
    expect_finding(c, 11, 1, CT_SEV_OK, CT_F_QUOTE, NULL);
    expect_finding(c, 13, 1, CT_SEV_OK, CT_F_NUMBER, NULL);
    ct_check_free(c);
}

static void
test_check_mistakes(void **state)
{
    (void)state;
    ct_check *c = check(reader, "sai.md");
    /* Wrong date, pointed at the date. */
    expect_finding(c, 3, 40, CT_SEV_ERROR, CT_F_DATE, "ngày 17/11/2022, not 17/11/2021");
    /* Wrong type for the number. */
    expect_finding(c, 5, 6, CT_SEV_ERROR, CT_F_TYPE, "Kết luận số 21-KL/TW, not Chỉ thị");
    /* Unknown number. */
    expect_finding(c, 7, 22, CT_SEV_WARNING, CT_F_NUMBER, NULL);
    assert_non_null(strstr(finding(c, 7, CT_F_NUMBER)->message, "unknown to the corpus"));
    /* Wrong term, pointed at the numeral. */
    expect_finding(c, 9, 91, CT_SEV_ERROR, CT_F_TERM, "khóa XIII, not XII");
    /* The citation is right, the quote is not. */
    expect_finding(c, 11, 1, CT_SEV_OK, CT_F_NUMBER, NULL);
    expect_finding(c, 11, 0, CT_SEV_ERROR, CT_F_QUOTE,
                   "“Xây dựng cơ chế, chính sách thu hút, tuyển dụng nhân tài vào làm việc trong "
                   "hệ thống chính trị” (tiểu mục 3.2, mục 3, phần III)");
    /* Wrong issuer. */
    expect_finding(c, 13, 56, CT_SEV_ERROR, CT_F_ISSUER,
                   "của Ban Chấp hành Trung ương Đảng, not Bộ Chính trị");
    assert_int_equal(c->n_errors, 5);
    assert_int_equal(c->n_warnings, 1);
    assert_int_equal(c->n_ok, 1);
    /* No other finding on a line with a mistake (one mistake, one finding). */
    assert_int_equal(c->n_findings, 7);
    ct_check_free(c);
}

static void
test_check_not_in_corpus(void **state)
{
    (void)state;
    ct_check *c = check(reader, "chua-co.md");
    /* Cited correctly, as the plan does: unknown, no error. */
    expect_finding(c, 3, 27, CT_SEV_WARNING, CT_F_NUMBER, NULL);
    assert_null(finding(c, 3, CT_F_DATE));
    assert_null(finding(c, 3, CT_F_SUBJECT));
    assert_non_null(strstr(finding(c, 3, CT_F_NUMBER)->message, "256-KH/TU (V.5.15, V.10.3)"));
    /* The citing documents all give another date: an error. */
    expect_finding(c, 5, 23, CT_SEV_WARNING, CT_F_NUMBER, NULL);
    expect_finding(c, 5, 38, CT_SEV_ERROR, CT_F_DATE, "ngày 28/11/2022, not 28/11/2021");
    /* Another issuer code than the document the corpus has. */
    expect_finding(c, 7, 26, CT_SEV_WARNING, CT_F_NUMBER, "28-NQ/TW?");
    assert_int_equal(c->n_errors, 1);
    ct_check_free(c);

    /* When the citing documents disagree among themselves, a warning. */
    c = check(reader2, "chua-co.md");
    expect_finding(c, 5, 38, CT_SEV_WARNING, CT_F_DATE, "ngày 28/11/2022, not 28/11/2021");
    assert_int_equal(c->n_errors, 0);
    ct_check_free(c);
}

static void
test_check_legacy_and_text(void **state)
{
    (void)state;
    ct_check *c = check(reader, "cp1258.txt");
    assert_string_equal(c->encoding, "windows-1258");
    expect_finding(c, 1, 40, CT_SEV_ERROR, CT_F_DATE, "ngày 17/11/2022, not 17/11/2021");
    ct_check_free(c);

    /* Text given directly; the column counts characters, not bytes. */
    const char *t;
    t = "Đảng ủy thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành "
        "Trung ương Đảng khóa XIII.\n";
    vk_error err = {0};
    assert_int_equal(ct_check_text(reader, "t", t, strlen(t), &c, &err), VK_OK);
    assert_int_equal(c->n_findings, 1);
    assert_int_equal(c->findings[0].severity, CT_SEV_OK);
    assert_int_equal(c->findings[0].col, 19);
    ct_check_free(c);

    /* A quote right after the number, without "về", that is not the title:
     * a quoted passage, looked for in the document. */
    t = "Nghị quyết số 28-NQ/TW “Xây dựng cơ chế, chính sách thu hút, tuyển dụng nhân tài vào "
        "làm việc trong hệ thống chính trị”.\n";
    assert_int_equal(ct_check_text(reader, "t", t, strlen(t), &c, &err), VK_OK);
    assert_int_equal(c->n_quotes, 1);
    assert_int_equal(c->n_ok, 2);
    expect_finding(c, 1, 24, CT_SEV_OK, CT_F_QUOTE, NULL);
    ct_check_free(c);

    /* An informal name without its term. */
    t = "Thực hiện Nghị quyết Trung ương 6, các chi bộ tổ chức học tập.\n";
    assert_int_equal(ct_check_text(reader, "t", t, strlen(t), &c, &err), VK_OK);
    assert_int_equal(c->n_warnings, 1);
    expect_finding(c, 1, 11, CT_SEV_WARNING, CT_F_TERM, "Nghị quyết Trung ương 6 khóa XIII");
    ct_check_free(c);

    /* The issuer against the number's code (DOMAIN.md §7.2: a real case). */
    t = "Theo Hướng dẫn số 2499-CV/BTCTW ngày 31/3/2017 của Bộ Nội vụ.\n";
    assert_int_equal(ct_check_text(reader, "t", t, strlen(t), &c, &err), VK_OK);
    expect_finding(c, 1, 0, CT_SEV_WARNING, CT_F_NUMBER, NULL);
    expect_finding(c, 1, 52, CT_SEV_WARNING, CT_F_ISSUER, NULL);
    assert_int_equal(c->n_errors, 0);
    ct_check_free(c);

    /* The term: what the plan says of 37-NQ/TW (khoá XI); for 35-NQ/TW,
     * which the plan cites without a term, the term its date falls in. */
    t = "Thực hiện Nghị quyết số 37-NQ/TW, ngày 09/10/2014 của Bộ Chính trị khóa XIII.\n\n"
        "Thực hiện Nghị quyết số 35-NQ/TW, ngày 22/10/2018 của Bộ Chính trị khóa XIII.\n";
    assert_int_equal(ct_check_text(reader, "t", t, strlen(t), &c, &err), VK_OK);
    expect_finding(c, 1, 0, CT_SEV_ERROR, CT_F_TERM, "khóa XI, not XIII");
    expect_finding(c, 3, 0, CT_SEV_WARNING, CT_F_TERM, "khóa XII, not XIII");
    assert_int_equal(c->n_errors, 1);
    ct_check_free(c);

    assert_int_equal(ct_check_file(reader, "/nonexistent/draft.md", &c, &err), VK_ENOTFOUND);
    assert_null(c);
}

/* One finding per problem: a number the corpus lacks, cited on three
 * lines, is one warning with the two other places; the same wrong date
 * twice is one error; a right citation stays a finding of its own. */
static void
test_check_repeats_collapsed(void **state)
{
    (void)state;
    const char *t = "Thực hiện Nghị quyết số 999-NQ/TW của Bộ Chính trị.\n"
                    "Quán triệt Nghị quyết số 999-NQ/TW đến chi bộ.\n"
                    "Theo Nghị quyết số 28-NQ/TW, ngày 17/11/2021 của Ban Chấp hành Trung ương.\n"
                    "Sơ kết Nghị quyết số 999-NQ/TW và Nghị quyết số 28-NQ/TW, ngày 17/11/2021.\n";
    ct_check *c = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_text(reader, "t", t, strlen(t), &c, &err), VK_OK);
    assert_int_equal(c->n_citations, 5);
    const ct_finding *unknown = NULL, *date = NULL;
    for (size_t i = 0; i < c->n_findings; i++) {
        const ct_finding *f = &c->findings[i];
        if (f->field == CT_F_NUMBER && f->severity == CT_SEV_WARNING)
            assert_null(unknown), unknown = f;
        if (f->field == CT_F_DATE && f->severity == CT_SEV_ERROR)
            assert_null(date), date = f;
    }
    assert_non_null(unknown);
    assert_int_equal(unknown->line, 1);
    assert_int_equal(unknown->n_also, 2);
    assert_int_equal(unknown->also[0].line, 2);
    assert_int_equal(unknown->also[1].line, 4);
    assert_non_null(date);
    assert_int_equal(date->line, 3);
    assert_int_equal(date->n_also, 1);
    assert_int_equal(date->also[0].line, 4);
    assert_int_equal(c->n_warnings, 1);
    assert_int_equal(c->n_errors, 1);
    ct_check_free(c);
}

/* Short forms, an alias, a citation broken across lines, no diacritics
 * (tests/data/drafts/informal.md; the dates, terms and issuers of the
 * fixture documents: 28-NQ/TW 17/11/2022 khóa XIII, 21-KL/TW 25/10/2021
 * khóa XIII). */
static void
test_check_draft_forms(void **state)
{
    (void)state;
    ct_check *c = check(reader, "informal.md");
    /* "Kết luận 21 ngày 25/10/2022": the digits and type find 21-KL/TW,
     * whose date is 25/10/2021. */
    expect_finding(c, 3, 23, CT_SEV_ERROR, CT_F_DATE, "ngày 25/10/2021, not 25/10/2022");
    assert_string_equal(finding(c, 3, CT_F_DATE)->number, "21-KL/TW");
    /* "Nghị quyết 28 ngày 17/11/2022 ... khóa XIII": right, resolved. */
    expect_finding(c, 5, 12, CT_SEV_OK, CT_F_NUMBER, NULL);
    assert_string_equal(finding(c, 5, CT_F_NUMBER)->key, "28-nq-tw-2022");
    /* The alias "Nghị quyết" names 28-NQ/TW from line 7 on. */
    expect_finding(c, 7, 11, CT_SEV_OK, CT_F_NUMBER, NULL);
    expect_finding(c, 9, 32, CT_SEV_ERROR, CT_F_DATE, "ngày 17/11/2022, not 17/11/2021");
    assert_string_equal(finding(c, 9, CT_F_DATE)->number, "28-NQ/TW");
    /* "ngày" at the end of line 11, the wrong date on line 12. */
    expect_finding(c, 12, 1, CT_SEV_ERROR, CT_F_DATE, "ngày 25/10/2021, not 25/10/2020");
    /* Without diacritics: the term is read and wrong. */
    expect_finding(c, 14, 89, CT_SEV_ERROR, CT_F_TERM, "khóa XIII, not XII");
    /* Without diacritics and right. */
    expect_finding(c, 16, 12, CT_SEV_OK, CT_F_NUMBER, NULL);
    /* A short form the corpus does not know. */
    expect_finding(c, 18, 11, CT_SEV_WARNING, CT_F_NUMBER, NULL);
    assert_non_null(strstr(finding(c, 18, CT_F_NUMBER)->message, "unknown to the corpus"));
    assert_int_equal(c->n_citations, 8);
    assert_int_equal(c->n_errors, 4);
    assert_int_equal(c->n_warnings, 1);
    for (size_t i = 0; i < c->n_findings; i++) {
        size_t l = c->findings[i].line;
        if (l != 3 && l != 5 && l != 7 && l != 9 && l != 12 && l != 14 && l != 16 && l != 18)
            fail_msg("informal.md:%zu: unexpected %s", l, c->findings[i].message);
    }
    ct_check_free(c);
}

/* An index of the conclusion 21-KL/TW and a provincial 21-KL/TU in
 * dir/name; the reader in *out. Returns 0 or -1. */
static int
two_21_index(const char *name, xc_rdb **out)
{
    const char *src = getenv("VK_SOURCE_DIR");
    const char *files[] = {"corpus/samples/ket-luan-21-KL-TW.md",
                           "tests/data/drafts/ket-luan-21-KL-TU.md"};
    char db[4200];
    snprintf(db, sizeof db, "%s/%s", dir, name);
    ix_writer *w = NULL;
    vk_error err = {0};
    if (ix_writer_open(db, 1, &w, &err) != VK_OK)
        return -1;
    for (size_t i = 0; i < 2; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", src ? src : ".", files[i]);
        cp_file *f = NULL;
        int ok =
            cp_file_parse(path, &f, &err) == VK_OK && ix_writer_add_file(w, f, NULL, &err) == VK_OK;
        cp_file_free(f);
        if (!ok) {
            ix_writer_close(w, &err);
            return -1;
        }
    }
    const char *paths[] = {db};
    return ix_writer_close(w, &err) == VK_OK && xc_rdb_open(paths, 1, out) == XC_OK ? 0 : -1;
}

/* "Kết luận 21" when the corpus holds 21-KL/TW (25/10/2021, Ban Chấp hành
 * Trung ương) and 21-KL/TU (10/3/2023, a province): the date and issuer
 * written with it choose (tests/data/drafts/ambiguous.md). */
static void
test_check_short_ambiguous(void **state)
{
    (void)state;
    xc_rdb *db = NULL;
    assert_int_equal(two_21_index("db21", &db), 0);
    ct_check *c = check(db, "ambiguous.md");
    /* Nothing written but the digits: both fit, a warning naming them. */
    expect_finding(c, 3, 11, CT_SEV_WARNING, CT_F_NUMBER, NULL);
    assert_non_null(strstr(finding(c, 3, CT_F_NUMBER)->message, "may be any of 2 documents"));
    assert_non_null(strstr(finding(c, 3, CT_F_NUMBER)->message, "21-KL/TU"));
    /* The date and issuer of 21-KL/TW. */
    expect_finding(c, 5, 12, CT_SEV_OK, CT_F_NUMBER, NULL);
    assert_string_equal(finding(c, 5, CT_F_NUMBER)->number, "21-KL/TW");
    /* The date of 21-KL/TU. */
    expect_finding(c, 7, 11, CT_SEV_OK, CT_F_NUMBER, NULL);
    assert_string_equal(finding(c, 7, CT_F_NUMBER)->number, "21-KL/TU");
    /* The issuer agrees with 21-KL/TW only; its date is wrong. */
    expect_finding(c, 9, 57, CT_SEV_ERROR, CT_F_DATE, "ngày 25/10/2021, not 25/10/2022");
    assert_int_equal(c->n_errors, 1);
    assert_int_equal(c->n_warnings, 1);
    ct_check_free(c);
    xc_rdb_close(db);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ordinals),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_ref_parse),
        cmocka_unit_test(test_resolve_forms),
        cmocka_unit_test(test_resolve_why),
        cmocka_unit_test(test_resolve_sections),
        cmocka_unit_test(test_resolve_not_in_corpus),
        cmocka_unit_test(test_resolve_conflicts),
        cmocka_unit_test(test_cited_by),
        cmocka_unit_test(test_check_correct),
        cmocka_unit_test(test_check_mistakes),
        cmocka_unit_test(test_check_not_in_corpus),
        cmocka_unit_test(test_check_legacy_and_text),
        cmocka_unit_test(test_check_repeats_collapsed),
        cmocka_unit_test(test_check_draft_forms),
        cmocka_unit_test(test_check_short_ambiguous),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
