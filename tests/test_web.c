/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_web.c: web and news copies (corpus/web.c). The fixtures in
 * tests/data/web/ are short excerpts of real pages: a portal's copy of a
 * customs notice with its banner, metadata table and trailer
 * (portal-copy.md), an encyclopedia page (encyclopedia.md), a legal Q&A
 * article (qa.md), a news story (news.md) and a news copy that carries the
 * full text of a resolution (news-full-text.md). The expected values were
 * worked out by reading them. Then the kinds reach the index: loai:vanban,
 * loai:khac and the kind facet.
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
#include "corpus/web.h"
#include "indexer/ix.h"
#include "query/qr.h"
#include "tests/fixture_index.h"

static char path_buf[4096];

static const char *
fixture(const char *name)
{
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path_buf, sizeof path_buf, "%s/tests/data/web/%s", src ? src : ".", name);
    return path_buf;
}

static cp_file *
parse(const char *path)
{
    cp_file *f = NULL;
    vk_error err = {0};
    if (cp_file_parse(path, &f, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return f;
}

/* Fails if any text of the file (title, headings, paragraphs) holds s. */
static void
assert_nowhere(const cp_file *f, const char *s)
{
    for (size_t d = 0; d < f->n_docs; d++) {
        const cp_doc *doc = &f->docs[d];
        if (doc->title && strstr(doc->title, s))
            fail_msg("title holds '%s'", s);
        for (size_t k = 0; k < doc->n_sections; k++) {
            const cp_section *sec = &doc->sections[k];
            if (strstr(sec->heading, s))
                fail_msg("heading of %s holds '%s'", sec->label, s);
            for (size_t p = 0; p < sec->n_paras; p++) {
                if (strstr(sec->paras[p], s))
                    fail_msg("'%s' in paragraph \"%s\"", s, sec->paras[p]);
            }
        }
    }
}

/* The first paragraph or heading of the first document that starts with
 * prefix, or NULL. */
static const char *
text_starting(const cp_file *f, const char *prefix)
{
    const cp_doc *doc = &f->docs[0];
    for (size_t k = 0; k < doc->n_sections; k++) {
        const cp_section *sec = &doc->sections[k];
        if (strncmp(sec->heading, prefix, strlen(prefix)) == 0)
            return sec->heading;
        for (size_t p = 0; p < sec->n_paras; p++) {
            if (strncmp(sec->paras[p], prefix, strlen(prefix)) == 0)
                return sec->paras[p];
        }
    }
    return NULL;
}

/* Cleaned lines of text, as the parser makes them, in f's arena. */
static cline *
lines_of(cp_file *f, const char *text, size_t *n)
{
    size_t count = 1, len = strlen(text);
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    cline *v = vk_arena_alloc(&f->arena, count * sizeof *v);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        char *buf = vk_arena_alloc(&f->arena, i - start + 16);
        size_t cl = cp_clean_line(text + start, i - start, buf);
        size_t h = 0;
        while (start + h < i && text[start + h] == '#')
            h++;
        v[k] =
            (cline){buf, cl,           k + 1,     0,
                    0,   text + start, i - start, h > 0 && start + h < i && text[start + h] == ' '};
        k++;
        start = i + 1;
    }
    *n = k;
    return v;
}

/* A portal's copy of a customs notice: 98 lines of the page are not the
 * notice (lines 1-66, 61 of them with text: the copyright banner, the
 * legend, "Đang tải văn bản...", the metadata table and its pipes; lines
 * 119-155, 37: the portal's titles of the page, "Văn bản này chưa cập nhật
 * ...", the related documents, the letter to its members, the consent
 * notice). Before, the letter's "THÔNG BÁO" after the notice's "Nơi nhận"
 * made it a second document of type Thông báo. */
static void
test_portal_copy(void **state)
{
    (void)state;
    cp_file *f = parse(fixture("portal-copy.md"));
    assert_int_equal(f->n_docs, 1);
    assert_int_equal(f->boilerplate, 98);
    const cp_doc *d = &f->docs[0];
    assert_null(d->nondoc);
    assert_string_equal(d->number, "39693/TB-CHQ");
    assert_string_equal(d->type_name, "Thông báo");
    assert_nowhere(f, "THƯ VIỆN PHÁP LUẬT");
    assert_nowhere(f, "Quý Thành viên");
    assert_nowhere(f, "Quý khách");
    assert_nowhere(f, "Đang tải văn bản");
    assert_nowhere(f, "Số hiệu");
    assert_nowhere(f, "Đã biết");
    assert_nowhere(f, "Văn bản liên quan");
    assert_nowhere(f, "Tiếp tục sử dụng");
    assert_non_null(text_starting(f, "Tên thương mại: Magic The Gathering Welcome Deck"));
    /* Line numbers are those of the file. */
    const cp_section *last = &d->sections[d->n_sections - 1];
    assert_string_equal(last->label, "noi-nhan");
    assert_int_equal(last->line, 102);
    assert_int_equal(d->sections[0].line, 67);
    cp_file_free(f);
}

/* The portal's metadata table and title, as evidence. */
static void
test_portal_evidence(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *fp = fopen(fixture("portal-copy.md"), "rb");
    assert_non_null(fp);
    assert_int_equal(getdelim(&text, &len, '\0', fp) > 0, 1);
    fclose(fp);
    cp_file f = {0};
    size_t n;
    cline *lines = lines_of(&f, text, &n);
    size_t before = n;
    cp_evidence ev;
    assert_int_equal(cp_web_clean(&f, lines, &n, &ev), VK_OK);
    assert_string_equal(ev.number, "39693/TB-CHQ");
    assert_string_equal(ev.type, "Thông báo");
    assert_string_equal(ev.issuer, "Cục Hải quan");
    assert_string_equal(ev.signer, "Đào Thu Hương");
    char iso[11];
    assert_string_equal(cp_date_iso(&ev.date, iso), "2025-12-02");
    assert_non_null(ev.headline);
    assert_true(strncmp(ev.headline, "Thông báo 39693/TB-CHQ năm 2025 về kết quả xác định", 40) ==
                0);
    assert_int_equal(f.boilerplate, 98);
    assert_true(n < before);
    size_t first = 0;
    while (first < n && lines[first].len == 0)
        first++;
    assert_int_equal(lines[first].lineno, 67);
    assert_string_equal(lines[first].s, "BỘ TÀI CHÍNH");
    for (size_t i = 1; i < n; i++)
        assert_true(lines[i].lineno > lines[i - 1].lineno);
    vk_arena_free(&f.arena);
    free(text);
}

/* A table written as rows of cells, the number with spaces. */
static void
test_table_rows(void **state)
{
    (void)state;
    const char *text =
        "| Số hiệu: | 28 - NQ/TW | Loại văn bản: | Nghị quyết |\n"
        "| Nơi ban hành: | Ban Chấp hành Trung ương | Người ký: | Nguyễn Phú Trọng |\n"
        "| Ngày ban hành: | 17/11/2022 | Tình trạng: | Đã biết |\n"
        "\n"
        "BAN CHẤP HÀNH TRUNG ƯƠNG";
    cp_file f = {0};
    size_t n;
    cline *lines = lines_of(&f, text, &n);
    cp_evidence ev;
    assert_int_equal(cp_web_clean(&f, lines, &n, &ev), VK_OK);
    assert_string_equal(ev.number, "28-NQ/TW");
    assert_string_equal(ev.type, "Nghị quyết");
    assert_string_equal(ev.issuer, "Ban Chấp hành Trung ương");
    assert_string_equal(ev.signer, "Nguyễn Phú Trọng");
    assert_int_equal(ev.date.year, 2022);
    assert_int_equal(ev.date.month, 11);
    assert_int_equal(ev.date.day, 17);
    assert_int_equal(f.boilerplate, 3);
    assert_int_equal(n, 1); /* the empty line closing the table went with it */
    assert_string_equal(lines[0].s, "BAN CHẤP HÀNH TRUNG ƯƠNG");
    assert_int_equal(lines[0].lineno, 5);
    vk_arena_free(&f.arena);
}

/* Marks inside lines go, the rest of the line stays. */
static void
test_inline_marks(void **state)
{
    (void)state;
    const char *text = "## Tham khảo\n"
                       "[sửa | sửa mã nguồn]## Tiểu sử\n"
                       "[sửa | sửa mã nguồn]Ông sinh năm 1926 tại Quảng Nam.\n"
                       "Các tướng chưa rõ thời điểm thăng[ sửa | sửa mã nguồn ] TT Họ tên\n"
                       "with this Circular. ... ... ... Hãy đăng nhập hoặc đăng ký Thành viên Pro "
                       "tại đây để xem toàn bộ văn bản tiếng Anh.\n"
                       "\"Đây là hành động thiết thực.\"- Đây là chia sẻ của Luật gia Bùi "
                       "Tường Vũ, Giám đốc THƯ VIỆN PHÁP LUẬT.\n"
                       "[sửa | sửa mã nguồn]";
    cp_file f = {0};
    size_t n;
    cline *lines = lines_of(&f, text, &n);
    cp_evidence ev;
    assert_int_equal(cp_web_clean(&f, lines, &n, &ev), VK_OK);
    assert_string_equal(ev.headline, "Tham khảo");
    assert_int_equal(n, 6);
    assert_string_equal(lines[1].s, "Tiểu sử");
    assert_string_equal(lines[2].s, "Ông sinh năm 1926 tại Quảng Nam.");
    assert_string_equal(lines[3].s, "Các tướng chưa rõ thời điểm thăng TT Họ tên");
    assert_string_equal(lines[4].s, "with this Circular.");
    assert_string_equal(lines[5].s, "\"Đây là hành động thiết thực.\"");
    assert_int_equal(f.boilerplate, 1); /* the line that held only a mark */
    vk_arena_free(&f.arena);
}

/* An encyclopedia page: "Giao diện", an upkeep banner and a broken
 * citation template's debris leave (4 lines); edit marks leave their
 * headings; an infobox, section headings and references say what it is. */
static void
test_encyclopedia(void **state)
{
    (void)state;
    cp_file *f = parse(fixture("encyclopedia.md"));
    assert_int_equal(f->n_docs, 1);
    assert_int_equal(f->boilerplate, 4);
    assert_string_equal(f->docs[0].nondoc, "encyclopedia");
    assert_null(f->docs[0].number);
    assert_null(f->docs[0].type_name);
    assert_nowhere(f, "sửa mã nguồn");
    assert_nowhere(f, "Giao diện");
    assert_nowhere(f, "Bài viết này cần");
    assert_nowhere(f, "`|");
    assert_nowhere(f, "trợ giúp");
    assert_non_null(text_starting(f, "Việt Cách là tổ chức thân Trung Hoa Dân Quốc"));
    assert_non_null(text_starting(f, "Tham khảo"));
    cp_file_free(f);
}

/* A legal Q&A article: its bylines, table of contents' label and footer
 * leave (4 lines); it quotes Điều 50 of a law but is no document. */
static void
test_qa(void **state)
{
    (void)state;
    cp_file *f = parse(fixture("qa.md"));
    assert_int_equal(f->n_docs, 1);
    assert_int_equal(f->boilerplate, 4);
    const cp_doc *d = &f->docs[0];
    assert_string_equal(d->nondoc, "qa");
    assert_null(d->number);
    assert_null(d->type_name);
    assert_null(d->type_code);
    assert_nowhere(f, "Quý khách cần hỏi thêm");
    assert_nowhere(f, "Chuyên viên pháp lý");
    assert_nowhere(f, "Nội dung chính");
    assert_non_null(text_starting(f, "Khi hợp đồng mua bán bất động sản có nhiều căn nhà"));
    assert_non_null(text_starting(f, "Căn cứ theo Điều 50 Luật Kinh doanh bất động sản 2023"));
    cp_file_free(f);
}

/* A news story is marked; a news copy of a resolution's full text (type
 * line, "Căn cứ", Điều 1, 2, 3) is a document, lead and all. */
static void
test_news(void **state)
{
    (void)state;
    cp_file *f = parse(fixture("news.md"));
    assert_string_equal(f->docs[0].nondoc, "news");
    assert_int_equal(f->boilerplate, 1); /* the Q&A site's footer it was copied to */
    cp_file_free(f);
    f = parse(fixture("news-full-text.md"));
    assert_int_equal(f->n_docs, 1);
    assert_null(f->docs[0].nondoc);
    assert_string_equal(f->docs[0].type_name, "Nghị quyết");
    assert_int_equal(f->boilerplate, 0);
    cp_file_free(f);
}

/* A page of another site whose only mark of a document is a date (a
 * table of plenums, "30/3/1982"): no type, number, articles or signer, so
 * not a document, and the dates it lists are not its own. */
static void
test_dated_page(void **state)
{
    (void)state;
    cp_file *f = parse(fixture("table-of-plenums.md"));
    assert_string_equal(f->docs[0].nondoc, "other");
    assert_int_equal(f->docs[0].date.year, 0);
    cp_file_free(f);
}

/* The official documents of the samples are documents, with nothing left
 * out. */
static void
test_documents_not_marked(void **state)
{
    (void)state;
    const char *names[] = {"ke-hoach-256-KH-TU.md", "ket-luan-04-KL-BTCTW.md",
                           "ket-luan-21-KL-TW.md", "nghi-quyet-hoi-nghi-6-khoa-xiii.txt"};
    const char *src = getenv("VK_SOURCE_DIR");
    for (size_t i = 0; i < 4; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/corpus/samples/%s", src ? src : ".", names[i]);
        cp_file *f = parse(path);
        for (size_t d = 0; d < f->n_docs; d++)
            assert_null(f->docs[d].nondoc);
        assert_int_equal(f->boilerplate, 0);
        cp_file_free(f);
    }
}

/* ---------------------------------------------------------------------- */
/* The kinds in the index                                                 */
/* ---------------------------------------------------------------------- */

static fixture_index fx;
static xc_rdb *reader;

static int
setup_index(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/web/portal-copy.md",
                                        "tests/data/web/encyclopedia.md",
                                        "tests/data/web/qa.md",
                                        "tests/data/web/news.md",
                                        "tests/data/web/news-full-text.md",
                                        "tests/data/web/news-restates.md",
                                        "corpus/samples/ket-luan-21-KL-TW.md",
                                        "corpus/samples/ket-luan-04-KL-BTCTW.md"};
    if (fixture_index_open(&fx, "web", files, sizeof files / sizeof *files) != 0)
        return -1;
    reader = fx.reader;
    return 0;
}

static int
teardown_index(void **state)
{
    (void)state;
    return fixture_index_close(&fx);
}

static qr_results *
search(const char *query, int facets)
{
    qr_query *q = NULL;
    vk_error err = {0};
    if (qr_parse(query, strlen(query), &q, &err) != VK_OK)
        fail_msg("'%s': %s", query, err.msg);
    qr_opts o = {.limit = 20, .facets = facets};
    qr_results *r = NULL;
    if (qr_search(reader, q, &o, &r, &err) != VK_OK)
        fail_msg("'%s': %s", query, err.msg);
    qr_query_free(q);
    return r;
}

/* How many results of a query are of a kind ("vanban" for documents). */
static size_t
count_kind(const qr_results *r, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_hits; i++) {
        const char *k = r->hits[i].nondoc ? r->hits[i].nondoc : "vanban";
        n += strcmp(k, kind) == 0;
    }
    return n;
}

static void
test_kind_filters(void **state)
{
    (void)state;
    /* Four documents (the notice, the resolution, 21-KL/TW, 04-KL/BTCTW),
     * four others. */
    qr_results *r = search("loai:vanban", 0);
    assert_int_equal(r->n_hits, 4);
    assert_int_equal(count_kind(r, "vanban"), 4);
    qr_results_free(r);
    r = search("loai:khac", 0);
    assert_int_equal(r->n_hits, 4);
    assert_int_equal(count_kind(r, "qa") + count_kind(r, "encyclopedia") + count_kind(r, "news") +
                         count_kind(r, "other"),
                     4);
    qr_results_free(r);
    const char *one[][2] = {
        {"loai:hoidap", "qa"},   {"type:qa", "qa"},     {"loai:bachkhoa", "encyclopedia"},
        {"loai:tintuc", "news"}, {"type:news", "news"}, {"loai:\"tin-tức\"", "news"}};
    for (size_t i = 0; i < VK_ARRAY_LEN(one); i++) {
        r = search(one[i][0], 0);
        assert_int_equal(r->n_hits, 1);
        assert_string_equal(r->hits[0].nondoc, one[i][1]);
        qr_results_free(r);
    }
    /* "Nghị định" is cited by the Q&A article, the news story and the
     * resolution's copy: documents only, or the others only. */
    r = search("\"nghị định\" loai:vanban", 0);
    assert_int_equal(count_kind(r, "vanban"), r->n_hits);
    qr_results_free(r);
}

/* The portal's banner and letters are not in the index; the kind facet
 * tells documents from the rest. */
static void
test_kind_facet_and_banner(void **state)
{
    (void)state;
    qr_results *r = search("\"thư viện pháp luật\"", 0);
    assert_int_equal(r->n_hits, 0);
    qr_results_free(r);
    r = search("\"Quý Thành viên\"", 0);
    assert_int_equal(r->n_hits, 0);
    qr_results_free(r);
    r = search("\"Việt Nam\"", 1);
    size_t docs = 0, others = 0;
    for (size_t i = 0; i < r->n_kinds; i++) {
        if (strcmp(r->kinds[i].value, "vanban") == 0)
            docs += r->kinds[i].count;
        else
            others += r->kinds[i].count;
    }
    assert_int_equal(docs, count_kind(r, "vanban"));
    assert_int_equal(others, r->n_hits - count_kind(r, "vanban"));
    assert_true(docs > 0 && others > 0);
    qr_results_free(r);
}

/* A story that quotes a conclusion's sentence in its short lead holds the
 * words more densely than the conclusion's section of four paragraphs: the
 * one who types them still gets the conclusion first, the story after. */
static void
test_document_before_news(void **state)
{
    (void)state;
    qr_results *r = search("khe hở, lỗ hổng", 0);
    assert_int_equal(r->n_hits, 2);
    assert_null(r->hits[0].nondoc);
    assert_string_equal(r->hits[0].number, "04-KL/BTCTW");
    assert_string_equal(r->hits[1].nondoc, "other");
    qr_results_free(r);
}

/* Two words of no Vietnamese shape make no bigram (ix_schema.h): the
 * encyclopedia page cites "Pentagon Papers", a phrase that is still found,
 * on positions. */
static void
test_english_pairs(void **state)
{
    (void)state;
    uint32_t f = 0;
    assert_int_equal(xc_rdb_termfreq(reader, "pentagon", 8, &f), XC_OK);
    assert_int_equal(f, 1);
    assert_int_equal(xc_rdb_termfreq(reader, "BFpentagon papers", 17, &f), XC_OK);
    assert_int_equal(f, 0);
    qr_results *r = search("\"Pentagon Papers\"", 0);
    assert_int_equal(r->n_hits, 1);
    assert_string_equal(r->hits[0].nondoc, "encyclopedia");
    qr_results_free(r);
}

int
main(void)
{
    const struct CMUnitTest parsing[] = {
        cmocka_unit_test(test_portal_copy),  cmocka_unit_test(test_portal_evidence),
        cmocka_unit_test(test_table_rows),   cmocka_unit_test(test_inline_marks),
        cmocka_unit_test(test_encyclopedia), cmocka_unit_test(test_qa),
        cmocka_unit_test(test_news),         cmocka_unit_test(test_documents_not_marked),
        cmocka_unit_test(test_dated_page),
    };
    const struct CMUnitTest index[] = {
        cmocka_unit_test(test_kind_filters),
        cmocka_unit_test(test_kind_facet_and_banner),
        cmocka_unit_test(test_document_before_news),
        cmocka_unit_test(test_english_pairs),
    };
    int failed = cmocka_run_group_tests_name("web copies", parsing, NULL, NULL);
    return failed +
           cmocka_run_group_tests_name("kinds in the index", index, setup_index, teardown_index);
}
