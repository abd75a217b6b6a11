/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_check_docx.c: a Word draft checked by its paragraphs and written back
 * with review comments (ct_check_docx), against an index of corpus/samples.
 * The draft (tests/data/drafts/bao-cao-trich-dan.docx, made by LibreOffice
 * from its .fodt) cites "Nghị quyết số 28-NQ/TW, ngày 17/11/2022 ..." as
 * the resolution has it (paragraph 3) and "Kết luận số 21-KL/TW, ngày
 * 25/10/2020 ..." for a conclusion of 25/10/2021 (paragraph 4). Expected
 * places found by reading the draft; the copy is read back with libzip.
 * With --suggest-changes the copy also stays in VK_TMPDIR
 * (draft-check-suggested.docx) for the draft_pdf test, which converts it to
 * PDF with LibreOffice.
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
#include "common/buf.h"
#include "tests/fixture_index.h"
#include "tests/zip_entry.h"

static fixture_index fx;

static int
setup(void **state)
{
    (void)state;
    static const char *const files[] = {"corpus/samples/ke-hoach-256-KH-TU.md",
                                        "corpus/samples/ket-luan-21-KL-TW.md"};
    return fixture_index_open(&fx, "checkdocx", files, sizeof files / sizeof *files) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    return fixture_index_close(&fx);
}

static void
draft_path(char *buf, size_t size)
{
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(buf, size, "%s/tests/data/drafts/bao-cao-trich-dan.docx", src ? src : ".");
}

/* The bytes of entry `name` of the zip at path, or NULL. */
static char *
read_entry(const char *path, const char *name)
{
    size_t len;
    return zip_entry_read(path, name, &len, NULL);
}

/* The parts a copy may change: the body, the comments and the package's
 * plumbing (draft/dr.h). */
static int
may_change(const char *name)
{
    static const char *const parts[] = {"word/document.xml", "word/comments.xml",
                                        "[Content_Types].xml", "word/_rels/document.xml.rels"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        if (strcmp(name, parts[i]) == 0)
            return 1;
    }
    return 0;
}

/* Every other part of the draft at path is in the copy at out byte for
 * byte (its stored bytes too: the same CRC, compression and size), and the
 * copy adds no part but the comments. */
static void
assert_others_unchanged(const char *path, const char *out)
{
    int ze = 0;
    zip_t *a = zip_open(path, ZIP_RDONLY, &ze), *b = zip_open(out, ZIP_RDONLY, &ze);
    assert_non_null(a);
    assert_non_null(b);
    zip_int64_t n = zip_get_num_entries(a, 0), kept = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(a, (zip_uint64_t)i, 0);
        assert_non_null(name);
        zip_stat_t sa, sb;
        assert_int_equal(zip_stat(b, name, 0, &sb), 0); /* no part is lost */
        if (may_change(name))
            continue;
        kept++;
        size_t la, lb;
        char *da = zip_entry_read(path, name, &la, &sa), *db = zip_entry_read(out, name, &lb, NULL);
        assert_non_null(da);
        assert_non_null(db);
        assert_int_equal(la, lb);
        assert_memory_equal(da, db, la);
        assert_int_equal(sa.crc, sb.crc);
        assert_int_equal(sa.comp_method, sb.comp_method);
        assert_int_equal(sa.comp_size, sb.comp_size);
        free(da);
        free(db);
    }
    /* The draft's nine parts (unzip -l): six kept as they are (_rels/.rels,
     * docProps/core.xml and app.xml, word/styles.xml, fontTable.xml and
     * settings.xml). */
    assert_int_equal(n, 9);
    assert_int_equal(kept, 6);
    zip_int64_t m = zip_get_num_entries(b, 0);
    for (zip_int64_t i = 0; i < m; i++) {
        const char *name = zip_get_name(b, (zip_uint64_t)i, 0);
        zip_stat_t st;
        assert_true(strcmp(name, "word/comments.xml") == 0 || zip_stat(a, name, 0, &st) == 0);
    }
    zip_discard(a);
    zip_discard(b);
}

/* Findings by paragraph: the right citation is OK, the wrong date is an
 * ERROR on line 4 (the fourth paragraph) at column 56, where "25/10/2020"
 * starts ("Đảng ủy tiếp tục quán triệt Kết luận số 21-KL/TW, ngày " is 55
 * characters: columns count characters, not bytes). */
static void
test_findings_by_paragraph(void **state)
{
    (void)state;
    char path[4096];
    draft_path(path, sizeof path);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, path, NULL, 0, &ck, &err), VK_OK);
    assert_int_equal(ck->n_citations, 2);
    assert_int_equal(ck->n_ok, 1);
    assert_int_equal(ck->n_errors, 1);
    int seen_error = 0;
    for (size_t i = 0; i < ck->n_findings; i++) {
        const ct_finding *f = &ck->findings[i];
        if (f->severity != CT_SEV_ERROR)
            continue;
        seen_error = 1;
        assert_int_equal(f->line, 4);
        assert_int_equal(f->col, 56);
        assert_int_equal(f->field, CT_F_DATE);
        assert_non_null(strstr(f->message, "25/10/2021"));
    }
    assert_true(seen_error);
    ct_check_free(ck);
}

/* --annotate: one comment by vankien, on the wrong date, with the fix; the
 * draft's other parts unchanged. */
static void
test_annotated_copy(void **state)
{
    (void)state;
    char path[4096], out[4400];
    draft_path(path, sizeof path);
    snprintf(out, sizeof out, "%s/bao-cao.checked.docx", fx.dir);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, path, out, 0, &ck, &err), VK_OK);
    assert_int_equal(ck->n_comments, 1);
    assert_int_equal(ck->n_unanchored, 0);
    assert_int_equal(ck->n_changes, 0);
    assert_int_equal(ck->n_unchanged, 0);
    ct_check_free(ck);
    char *comments = read_entry(out, "word/comments.xml");
    assert_non_null(comments);
    assert_non_null(strstr(comments, "w:author=\"vankien\""));
    assert_non_null(strstr(comments, "25/10/2021"));
    assert_null(strstr(comments, "28-NQ/TW")); /* no comment on what is right */
    char *doc = read_entry(out, "word/document.xml");
    assert_non_null(doc);
    /* One range, on the date as written; the number before it stays
     * outside. */
    const char *start = strstr(doc, "commentRangeStart");
    const char *end = strstr(doc, "commentRangeEnd");
    assert_non_null(start);
    assert_non_null(end);
    assert_null(strstr(end + 1, "commentRangeStart"));
    const char *date = strstr(start, "25/10/2020");
    assert_non_null(date);
    assert_true(date < end);
    const char *kl = strstr(doc, "21-KL/TW");
    assert_non_null(kl);
    assert_true(kl < start);
    /* No change without --suggest-changes. */
    assert_null(strstr(doc, "<w:del "));
    assert_null(strstr(doc, "<w:ins "));
    free(doc);
    free(comments);
    /* The styles and every other part are the draft's, byte for byte. */
    assert_others_unchanged(path, out);
}

/* Is xml at p the start tag of element w:NAME (not of w:NAMEsomething)? */
static int
is_tag(const char *p, const char *name)
{
    size_t n = strlen(name);
    return strncmp(p, "<w:", 3) == 0 && strncmp(p + 3, name, n) == 0 &&
           (p[3 + n] == ' ' || p[3 + n] == '>');
}

/* xml with every element w:drop left out and the tags of every w:unwrap
 * left out (their content kept): accepting every tracked change is dropping
 * "del" and unwrapping "ins"; rejecting them the reverse. Malloc'd. */
static char *
resolve_changes(const char *xml, const char *drop, const char *unwrap)
{
    vk_buf b = VK_BUF_INIT;
    char close_drop[16], close_unwrap[16];
    snprintf(close_drop, sizeof close_drop, "</w:%s>", drop);
    snprintf(close_unwrap, sizeof close_unwrap, "</w:%s>", unwrap);
    const char *p = xml;
    while (*p) {
        if (is_tag(p, drop)) {
            const char *e = strstr(p, close_drop);
            assert_non_null(e);
            p = e + strlen(close_drop);
        } else if (is_tag(p, unwrap)) {
            p = strchr(p, '>') + 1;
        } else if (strncmp(p, close_unwrap, strlen(close_unwrap)) == 0) {
            p += strlen(close_unwrap);
        } else {
            assert_int_equal(vk_buf_putc(&b, *p++), VK_OK);
        }
    }
    return vk_buf_steal(&b);
}

/* The text of paragraph i (0-based) of a document.xml: its tags left out
 * (the draft's paragraphs hold text in w:t only, without entities).
 * Malloc'd; NULL when it has no such paragraph. */
static char *
paragraph_text(const char *xml, size_t i)
{
    const char *p = xml;
    for (size_t k = 0;; p++) {
        p = strstr(p, "<w:p");
        if (!p)
            return NULL;
        if ((p[4] == '>' || p[4] == ' ') && k++ == i)
            break;
    }
    const char *end = strstr(p, "</w:p>");
    assert_non_null(end);
    vk_buf b = VK_BUF_INIT;
    for (int in_tag = 0; p < end; p++) {
        if (*p == '<' || *p == '>')
            in_tag = *p == '<';
        else if (!in_tag)
            assert_int_equal(vk_buf_putc(&b, *p), VK_OK);
    }
    return b.data ? vk_buf_steal(&b) : strdup("");
}

/* The text of the first element w:name of xml, its tags left out, and its
 * start tag in *tag (both malloc'd); fails the test when there is none. */
static char *
element_text(const char *xml, const char *name, char **tag)
{
    const char *p = xml;
    while ((p = strstr(p, "<w:")) && !is_tag(p, name))
        p++;
    assert_non_null(p);
    char close[16];
    snprintf(close, sizeof close, "</w:%s>", name);
    const char *gt = strchr(p, '>'), *end = strstr(p, close);
    assert_non_null(end);
    *tag = strndup(p, (size_t)(gt + 1 - p));
    vk_buf b = VK_BUF_INIT;
    for (int in_tag = 0; p < end; p++) {
        if (*p == '<' || *p == '>')
            in_tag = *p == '<';
        else if (!in_tag)
            assert_int_equal(vk_buf_putc(&b, *p), VK_OK);
    }
    return b.data ? vk_buf_steal(&b) : strdup("");
}

/* A tracked change's start tag: by vankien, with an ISO 8601 UTC date
 * ("2026-12-07T05:35:08Z"). */
static void
assert_vankien_change(const char *tag)
{
    assert_non_null(strstr(tag, " w:author=\"vankien\""));
    const char *d = strstr(tag, " w:date=\"");
    assert_non_null(d);
    d += strlen(" w:date=\"");
    assert_int_equal(strcspn(d, "\""), 20);
    assert_true(d[4] == '-' && d[7] == '-' && d[10] == 'T' && d[13] == ':' && d[19] == 'Z');
}

/* The draft's paragraphs, as its .fodt writes them (paragraph 3 in three
 * runs: "28-NQ/TW" in the style Dam). */
static const char *const draft_paragraphs[] = {
    "BÁO CÁO",
    "Kết quả thực hiện các nghị quyết, kết luận của Trung ương năm 2025",
    "Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa "
    "XIII về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị "
    "trong giai đoạn mới, Đảng ủy đã ban hành kế hoạch thực hiện.",
    "Đảng ủy tiếp tục quán triệt Kết luận số 21-KL/TW, ngày 25/10/2020 của Ban Chấp hành Trung "
    "ương Đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị.",
    "Nơi nhận: Ban Thường vụ Đảng ủy.",
};

/* Paragraph i of xml is want, with `wrong` (if not NULL) written `right`. */
static void
assert_paragraph(const char *xml, size_t i, const char *wrong, const char *right)
{
    vk_buf want = VK_BUF_INIT;
    const char *w = draft_paragraphs[i], *at = wrong ? strstr(w, wrong) : NULL;
    if (at) {
        vk_buf_append(&want, w, (size_t)(at - w));
        vk_buf_puts(&want, right);
        vk_buf_puts(&want, at + strlen(wrong));
    } else {
        vk_buf_puts(&want, w);
    }
    char *got = paragraph_text(xml, i);
    assert_non_null(got);
    assert_string_equal(got, want.data);
    free(got);
    vk_buf_free(&want);
}

/* --suggest-changes: the wrong date is a w:del of exactly "25/10/2020" and
 * a w:ins of "25/10/2021", by vankien, inside the comment's range;
 * accepting every change gives the paragraph with the right citation,
 * rejecting them the draft's; the other parts unchanged. */
static void
test_suggested_changes(void **state)
{
    (void)state;
    char path[4096], out[4400];
    draft_path(path, sizeof path);
    const char *tmp = getenv("VK_TMPDIR");
    snprintf(out, sizeof out, "%s/draft-check-suggested.docx", tmp ? tmp : fx.dir);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, path, out, 1, &ck, &err), VK_OK);
    assert_int_equal(ck->n_comments, 1);
    assert_int_equal(ck->n_unanchored, 0);
    assert_int_equal(ck->n_changes, 1);
    assert_int_equal(ck->n_unchanged, 0);
    ct_check_free(ck);
    char *doc = read_entry(out, "word/document.xml"), *tag;
    assert_non_null(doc);
    char *del = element_text(doc, "del", &tag);
    assert_string_equal(del, "25/10/2020");
    assert_vankien_change(tag);
    free(tag);
    char *ins = element_text(doc, "ins", &tag);
    assert_string_equal(ins, "25/10/2021");
    assert_vankien_change(tag);
    free(tag);
    free(del);
    free(ins);
    /* One change: the draft had none. */
    const char *d = strstr(doc, "<w:del "), *i = strstr(doc, "<w:ins ");
    assert_null(strstr(d + 1, "<w:del "));
    assert_null(strstr(i + 1, "<w:ins "));
    /* The comment's range holds the deletion, then the insertion. */
    const char *start = strstr(doc, "<w:commentRangeStart"),
               *end = strstr(doc, "<w:commentRangeEnd");
    assert_non_null(start);
    assert_non_null(end);
    assert_true(start < d && d < i && i < end);
    char *accepted = resolve_changes(doc, "del", "ins");
    char *rejected = resolve_changes(doc, "ins", "del");
    for (size_t p = 0; p < sizeof draft_paragraphs / sizeof *draft_paragraphs; p++) {
        assert_paragraph(accepted, p, "25/10/2020", "25/10/2021");
        assert_paragraph(rejected, p, NULL, NULL);
    }
    assert_null(paragraph_text(accepted, 5));
    free(accepted);
    free(rejected);
    free(doc);
    char *comments = read_entry(out, "word/comments.xml");
    assert_non_null(comments);
    assert_non_null(strstr(comments, "w:author=\"vankien\""));
    assert_non_null(strstr(comments, "25/10/2021"));
    free(comments);
    assert_others_unchanged(path, out);
}

/* A copy at `to` of the .docx at path whose document.xml has `from`
 * replaced by `into`. */
static void
copy_with_document(const char *path, const char *to, const char *from, const char *into)
{
    char *doc = read_entry(path, "word/document.xml");
    assert_non_null(doc);
    const char *at = strstr(doc, from);
    assert_non_null(at);
    vk_buf b = VK_BUF_INIT;
    vk_buf_append(&b, doc, (size_t)(at - doc));
    vk_buf_puts(&b, into);
    vk_buf_puts(&b, at + strlen(from));
    free(doc);
    FILE *in = fopen(path, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        assert_int_equal(fwrite(chunk, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    int ze = 0;
    zip_t *z = zip_open(to, 0, &ze);
    assert_non_null(z);
    zip_source_t *src = zip_source_buffer(z, b.data, b.len, 0);
    assert_non_null(src);
    assert_true(zip_file_add(z, "word/document.xml", src, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
    vk_buf_free(&b);
}

/* A replacement whose words leave their paragraph stays in its comment:
 * paragraph 4 split after "của Bộ" (the date made right), the issuer "Bộ
 * Chính trị" of a conclusion of the Ban Chấp hành Trung ương is an error
 * whose words run into paragraph 5; its comment is written, no change. */
static void
test_change_leaves_paragraph(void **state)
{
    (void)state;
    char path[4096], split[4400], out[4400];
    draft_path(path, sizeof path);
    snprintf(split, sizeof split, "%s/split.docx", fx.dir);
    snprintf(out, sizeof out, "%s/split.checked.docx", fx.dir);
    copy_with_document(path, split,
                       "ngày 25/10/2020 của Ban Chấp hành Trung ương Đảng khóa XIII về đẩy mạnh",
                       "ngày 25/10/2021 của Bộ</w:t></w:r></w:p><w:p><w:r><w:t>Chính trị khóa "
                       "XIII về đẩy mạnh");
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, split, out, 1, &ck, &err), VK_OK);
    assert_int_equal(ck->n_errors, 1);
    assert_int_equal(ck->findings[ck->n_findings - 1].field, CT_F_ISSUER);
    assert_int_equal(ck->n_comments, 1);
    assert_int_equal(ck->n_changes, 0);
    assert_int_equal(ck->n_unchanged, 1);
    ct_check_free(ck);
    char *doc = read_entry(out, "word/document.xml");
    assert_non_null(doc);
    assert_null(strstr(doc, "<w:del "));
    assert_null(strstr(doc, "<w:ins "));
    const char *start = strstr(doc, "<w:commentRangeStart"), *bo = strstr(doc, "Bộ<");
    assert_non_null(start);
    assert_non_null(bo);
    assert_true(start < bo);
    free(doc);
}

/* A problem the draft repeats is one finding with its other places, and
 * each place gets its comment and, with --suggest-changes, its change: the
 * wrong date of 21-KL/TW cited again in a paragraph of its own
 * ("Nhắc lại Kết luận số 21-KL/TW, ngày 25/10/2020 ...") is two comments
 * and two changes; accepting them gives the right date at both. */
static void
test_repeated_finding(void **state)
{
    (void)state;
    char path[4096], twice[4400], out[4400];
    draft_path(path, sizeof path);
    snprintf(twice, sizeof twice, "%s/twice.docx", fx.dir);
    snprintf(out, sizeof out, "%s/twice.checked.docx", fx.dir);
    copy_with_document(path, twice, "khóa XIII về đẩy mạnh",
                       "khóa XIII về đẩy mạnh</w:t></w:r></w:p><w:p><w:r><w:t>Nhắc lại Kết luận "
                       "số 21-KL/TW, ngày 25/10/2020 của Ban Chấp hành Trung ương Đảng khóa XIII "
                       "về đẩy mạnh");
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_equal(ct_check_docx(fx.reader, twice, out, 1, &ck, &err), VK_OK);
    assert_int_equal(ck->n_errors, 1);
    const ct_finding *f = &ck->findings[ck->n_findings - 1];
    assert_int_equal(f->field, CT_F_DATE);
    assert_int_equal(f->n_also, 1);
    assert_int_equal(f->also[0].line, 5); /* the new paragraph, after the fourth */
    assert_int_equal(ck->n_comments, 2);
    assert_int_equal(ck->n_changes, 2);
    ct_check_free(ck);
    char *doc = read_entry(out, "word/document.xml");
    assert_non_null(doc);
    char *accepted = resolve_changes(doc, "del", "ins");
    assert_non_null(accepted);
    assert_null(strstr(accepted, "25/10/2020"));
    size_t right = 0;
    for (const char *at = strstr(accepted, "25/10/2021"); at; at = strstr(at + 1, "25/10/2021"))
        right++;
    assert_int_equal(right, 2);
    free(accepted);
    free(doc);
}

/* A file that is not Word: a clear error, no copy written. */
static void
test_not_a_docx(void **state)
{
    (void)state;
    char path[4096], out[4400];
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/corpus/samples/ket-luan-21-KL-TW.md", src ? src : ".");
    snprintf(out, sizeof out, "%s/not.checked.docx", fx.dir);
    ct_check *ck = NULL;
    vk_error err = {0};
    assert_int_not_equal(ct_check_docx(fx.reader, path, out, 0, &ck, &err), VK_OK);
    assert_null(ck);
    assert_true(err.msg[0] != '\0');
    FILE *f = fopen(out, "rb");
    assert_null(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings_by_paragraph),
        cmocka_unit_test(test_annotated_copy),
        cmocka_unit_test(test_suggested_changes),
        cmocka_unit_test(test_change_leaves_paragraph),
        cmocka_unit_test(test_repeated_finding),
        cmocka_unit_test(test_not_a_docx),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
