/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_draft.c: a drafter's .docx read and written back with review
 * comments and tracked changes (draft/dr.h), on drafts LibreOffice made
 * (tests/data/drafts/make.sh: ke-hoach-du-thao.docx with a header, a table,
 * a footnote, a citation in two runs and one in a hyperlink;
 * ke-hoach-gop-y.docx with a reviewer's comment) and on small .docx files
 * made here for what LibreOffice does not write (fields, tracked changes,
 * text boxes, a default namespace) and for broken ones.
 *
 * The output is read back with libzip and libxml2 directly, not through
 * the library: comments and their text and author, the text between each
 * comment's range marks, deleted and inserted text, zip entries and
 * paragraphs compared byte for byte with the input's. Spans are found by
 * searching the text the test expects, never copied from the library.
 *
 * The annotated copies stay in VK_TMPDIR (draft-annotated.docx,
 * draft-suggested.docx) for the draft_pdf test, which converts them to PDF
 * with LibreOffice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sys/stat.h>
#include <zip.h>

#include "common/file.h"
#include "draft/dr.h"
#include "tests/zip_entry.h"

/* 2025-03-10T09:00:00Z, the date of every comment written here. */
#define DATE 1741597200
#define DATE_TEXT "2025-03-10T09:00:00Z"

#define DU_THAO "ke-hoach-du-thao.docx"
#define GOP_Y "ke-hoach-gop-y.docx"

/* ---------------------------------------------------------------------- */
/* Files                                                                  */
/* ---------------------------------------------------------------------- */

static char path_buf[4096];

/* A file in the scratch folder, "draft-" + name. */
static const char *
tmp_path(const char *name)
{
    const char *dir = getenv("VK_TMPDIR");
    snprintf(path_buf, sizeof path_buf, "%s/draft-%s", dir ? dir : "/tmp", name);
    return path_buf;
}

static const char *
data_path(const char *name)
{
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path_buf, sizeof path_buf, "%s/tests/data/drafts/%s", src ? src : ".", name);
    return path_buf;
}

static dr_docx *
open_ok(const char *path)
{
    dr_docx *d = NULL;
    vk_error err = {0};
    if (dr_docx_open(path, &d, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return d;
}

/* One entry of a zip made for a test. */
typedef struct entry {
    const char *name;
    const char *data;
} entry;

static void
write_zip(const char *path, const entry *e, size_t n)
{
    int ze = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, e[i].data, strlen(e[i].data), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, e[i].name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
}

/* The paragraph holding context (the first that does), and the span of
 * needle inside context there. */
static dr_finding
at(const dr_docx *d, const char *context, const char *needle, const char *comment,
   const char *replacement)
{
    const char *in = strstr(context, needle);
    assert_non_null(in);
    for (size_t i = 0; i < dr_docx_paragraphs(d); i++) {
        const char *t = dr_docx_paragraph(d, i, NULL);
        const char *p = strstr(t, context);
        if (p) {
            size_t start = (size_t)(p - t) + (size_t)(in - context);
            return (dr_finding){i, start, start + strlen(needle), comment, replacement};
        }
    }
    fail_msg("no paragraph holds \"%s\"", context);
    return (dr_finding){0};
}

/* The span text of f in d. */
static char *
span_of(const dr_docx *d, const dr_finding *f)
{
    const char *t = dr_docx_paragraph(d, f->paragraph, NULL);
    return strndup(t + f->start, f->end - f->start);
}

/* ---------------------------------------------------------------------- */
/* Reading the output back                                                */
/* ---------------------------------------------------------------------- */

static int
is_w(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           strstr((const char *)n->ns->href, "wordprocessingml") &&
           strcmp((const char *)n->name, name) == 0;
}

static const char *
w_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0 && a->children)
            return (const char *)a->children->content;
    }
    return NULL;
}

#define MAX_MARKS 32

/* The text of a part in document order, with where each comment range
 * starts and ends, and the tracked changes vankien wrote. The text is the
 * original's (deleted text in, vankien's insertions out) or the text with
 * the changes accepted. */
typedef struct doc_text {
    int original;     /* the original's text, not the changes accepted */
    char text[65536]; /* w:t (and w:delText), w:tab as "\t", w:br as "\n" */
    size_t len;
    long ids[MAX_MARKS]; /* comment ids seen */
    size_t start[MAX_MARKS], end[MAX_MARKS];
    int refs[MAX_MARKS]; /* w:commentReference seen for ids[k] */
    size_t n;
    char changes[16][256];  /* "del:TEXT" or "ins:TEXT" of each w:del, w:ins by vankien */
    char ins_style[16][64]; /* the w:rStyle of a w:ins's run, "" if none */
    size_t n_changes;
    char bold[256]; /* text of runs in bold */
    int bare_runs;  /* runs with text but no w:rPr */
} doc_text;

static size_t
mark(doc_text *t, const xmlNode *n)
{
    long id = atol(w_attr(n, "id"));
    for (size_t k = 0; k < t->n; k++) {
        if (t->ids[k] == id)
            return k;
    }
    assert_true(t->n < MAX_MARKS);
    t->ids[t->n] = id;
    t->start[t->n] = t->end[t->n] = (size_t)-1;
    return t->n++;
}

static void
put(doc_text *t, const char *s)
{
    size_t n = strlen(s);
    assert_true(t->len + n < sizeof t->text);
    memcpy(t->text + t->len, s, n + 1);
    t->len += n;
}

static void walk(doc_text *t, xmlNode *n);

/* A run: its text, in bold or not, with its properties or not. */
static void
walk_run(doc_text *t, xmlNode *r)
{
    const xmlNode *rpr = NULL;
    for (xmlNode *c = r->children; c; c = c->next)
        rpr = is_w(c, "rPr") ? c : rpr;
    int bold = 0;
    for (xmlNode *c = rpr ? rpr->children : NULL; c; c = c->next)
        bold |= is_w(c, "b");
    size_t before = t->len;
    walk(t, r->children);
    if (t->len > before && !rpr)
        t->bare_runs++;
    if (bold)
        strncat(t->bold, t->text + before, sizeof t->bold - strlen(t->bold) - 1);
}

static void
walk_change(doc_text *t, xmlNode *n)
{
    size_t k = t->n_changes++;
    assert_true(k < 16);
    int ins = is_w(n, "ins");
    doc_text *own = calloc(1, sizeof *own);
    assert_non_null(own);
    own->original = !ins;
    walk(own, n->children);
    snprintf(t->changes[k], sizeof t->changes[k], "%s:%.200s", ins ? "ins" : "del", own->text);
    free(own);
    const char *style = "";
    for (xmlNode *r = ins ? n->children : NULL; r; r = r->next) {
        for (xmlNode *p = is_w(r, "r") ? r->children : NULL; p; p = p->next) {
            for (xmlNode *s = is_w(p, "rPr") ? p->children : NULL; s; s = s->next)
                style = is_w(s, "rStyle") ? w_attr(s, "val") : style;
        }
    }
    snprintf(t->ins_style[k], sizeof t->ins_style[k], "%s", style);
    size_t len = t->len;
    walk(t, n->children);
    if (ins == t->original) { /* inserted text in the original, deleted in the accepted */
        t->len = len;
        t->text[len] = '\0';
    }
}

static void
walk(doc_text *t, xmlNode *n)
{
    for (; n; n = n->next) {
        if (is_w(n, "t") || (t->original && is_w(n, "delText"))) {
            xmlChar *s = xmlNodeGetContent(n);
            put(t, (const char *)s);
            xmlFree(s);
        } else if (is_w(n, "tab")) {
            put(t, "\t");
        } else if (is_w(n, "br")) {
            put(t, "\n");
        } else if (is_w(n, "commentRangeStart")) {
            t->start[mark(t, n)] = t->len;
        } else if (is_w(n, "commentRangeEnd")) {
            t->end[mark(t, n)] = t->len;
        } else if (is_w(n, "commentReference")) {
            t->refs[mark(t, n)]++;
        } else if (is_w(n, "r")) {
            walk_run(t, n);
        } else if ((is_w(n, "del") || is_w(n, "ins")) && w_attr(n, "author") &&
                   strcmp(w_attr(n, "author"), "vankien") == 0) {
            walk_change(t, n);
        } else if (n->type == XML_ELEMENT_NODE && !is_w(n, "del")) {
            walk(t, n->children);
        }
        if (is_w(n, "p"))
            put(t, "\n\n");
    }
}

/* The text of entry word/document.xml of the .docx at path. */
static doc_text *
document_text(const char *path, int original)
{
    size_t len = 0;
    char *xml = zip_entry_read(path, "word/document.xml", &len, NULL);
    assert_non_null(xml);
    xmlDoc *doc = xmlReadMemory(xml, (int)len, "document.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    doc_text *t = calloc(1, sizeof *t);
    assert_non_null(t);
    t->original = original;
    walk(t, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    free(xml);
    return t;
}

/* The text between the range marks of comment id. */
static char *
range_text(const doc_text *t, long id)
{
    for (size_t k = 0; k < t->n; k++) {
        if (t->ids[k] != id)
            continue;
        assert_true(t->start[k] <= t->end[k] && t->end[k] <= t->len);
        assert_int_equal(t->refs[k], 1);
        return strndup(t->text + t->start[k], t->end[k] - t->start[k]);
    }
    fail_msg("no range for comment %ld", id);
    return NULL;
}

/* One comment of word/comments.xml. */
typedef struct comment {
    long id;
    char author[64], initials[16], date[32];
    char text[1024]; /* its paragraphs, "\n" between */
} comment;

/* The comments of the .docx at path, in order; returns how many. */
static size_t
read_comments(const char *path, comment *out, size_t max)
{
    size_t len = 0;
    char *xml = zip_entry_read(path, "word/comments.xml", &len, NULL);
    assert_non_null(xml);
    xmlDoc *doc = xmlReadMemory(xml, (int)len, "comments.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    size_t n = 0;
    for (xmlNode *c = xmlDocGetRootElement(doc)->children; c; c = c->next) {
        if (!is_w(c, "comment"))
            continue;
        assert_true(n < max);
        comment *m = &out[n++];
        memset(m, 0, sizeof *m);
        m->id = atol(w_attr(c, "id"));
        snprintf(m->author, sizeof m->author, "%s", w_attr(c, "author"));
        snprintf(m->initials, sizeof m->initials, "%s", w_attr(c, "initials"));
        snprintf(m->date, sizeof m->date, "%s", w_attr(c, "date"));
        doc_text *t = calloc(1, sizeof *t);
        walk(t, c->children);
        /* Paragraphs end with "\n\n": one "\n" between them, none after. */
        for (size_t i = 0, k = 0; i < t->len && k + 1 < sizeof m->text; i++) {
            if (t->text[i] == '\n' && t->text[i + 1] == '\n')
                i++;
            m->text[k++] = t->text[i];
        }
        size_t k = strlen(m->text);
        while (k > 0 && m->text[k - 1] == '\n')
            m->text[--k] = '\0';
        free(t);
    }
    xmlFreeDoc(doc);
    free(xml);
    return n;
}

static const comment *
comment_with_text(const comment *c, size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(c[i].text, text) == 0)
            return &c[i];
    }
    fail_msg("no comment says \"%s\"", text);
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Byte for byte                                                          */
/* ---------------------------------------------------------------------- */

/* document.xml cut into its paragraphs (w:p, none inside another in these
 * drafts) and the bytes around them, alternately: piece 2k is what comes
 * before paragraph k, piece 2k+1 the paragraph; the last the rest. */
typedef struct pieces {
    const char *p[512];
    size_t len[512];
    size_t n;
} pieces;

static int
opens_paragraph(const char *s)
{
    return strncmp(s, "<w:p", 4) == 0 && (s[4] == '>' || s[4] == ' ');
}

static void
cut(const char *xml, pieces *ps)
{
    ps->n = 0;
    const char *at = xml;
    for (const char *s = strstr(at, "<w:p"); s; s = strstr(s + 1, "<w:p")) {
        if (!opens_paragraph(s))
            continue;
        const char *end = strstr(s, "</w:p>");
        assert_non_null(end);
        end += strlen("</w:p>");
        assert_true(ps->n + 3 < 512);
        ps->p[ps->n] = at;
        ps->len[ps->n++] = (size_t)(s - at);
        ps->p[ps->n] = s;
        ps->len[ps->n++] = (size_t)(end - s);
        at = end;
        s = end - 1; /* the next may start right here */
    }
    ps->p[ps->n] = at;
    ps->len[ps->n++] = strlen(at);
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* Every byte of document.xml in out is the input's but for the paragraphs
 * flagged in changed[], which differ. */
static void
assert_only_paragraphs_changed(const char *in, const char *out, const int *changed, size_t n)
{
    size_t alen, blen;
    char *a = zip_entry_read(in, "word/document.xml", &alen, NULL);
    char *b = zip_entry_read(out, "word/document.xml", &blen, NULL);
    pieces *pa = calloc(1, sizeof *pa), *pb = calloc(1, sizeof *pb);
    cut(a, pa);
    cut(b, pb);
    assert_int_equal(pa->n, 2 * n + 1);
    assert_int_equal(pb->n, pa->n);
    for (size_t k = 0; k < pa->n; k++) {
        int is_changed = k % 2 == 1 && changed[k / 2];
        if (same(pa->p[k], pa->len[k], pb->p[k], pb->len[k]) == is_changed)
            fail_msg("piece %zu (%s %zu): %s", k, k % 2 ? "paragraph" : "between", k / 2,
                     is_changed ? "unchanged" : "changed");
    }
    free(pa);
    free(pb);
    free(a);
    free(b);
}

/* Every entry of the zip in is in out as it was stored (bytes, CRC,
 * compressed size, method), but those named in changed (NULL-terminated),
 * and out has no other entry but those. */
static void
assert_entries_kept(const char *in, const char *out, const char *const *changed)
{
    int ze = 0;
    zip_t *za = zip_open(in, ZIP_RDONLY, &ze), *zb = zip_open(out, ZIP_RDONLY, &ze);
    assert_non_null(za);
    assert_non_null(zb);
    zip_int64_t na = zip_get_num_entries(za, 0), nb = zip_get_num_entries(zb, 0);
    for (zip_int64_t i = 0; i < nb; i++) {
        const char *name = zip_get_name(zb, (zip_uint64_t)i, 0);
        int listed = 0;
        for (size_t k = 0; changed[k]; k++)
            listed |= strcmp(changed[k], name) == 0;
        if (listed)
            continue;
        assert_true(zip_name_locate(za, name, 0) >= 0);
        zip_stat_t sa, sb;
        size_t la, lb;
        char *a = zip_entry_read(in, name, &la, &sa), *b = zip_entry_read(out, name, &lb, &sb);
        if (!same(a, la, b, lb))
            fail_msg("%s changed", name);
        assert_int_equal(sa.crc, sb.crc);
        assert_int_equal(sa.comp_size, sb.comp_size);
        assert_int_equal(sa.comp_method, sb.comp_method);
        free(a);
        free(b);
    }
    for (zip_int64_t i = 0; i < na; i++)
        assert_true(zip_name_locate(zb, zip_get_name(za, (zip_uint64_t)i, 0), 0) >= 0);
    zip_discard(za);
    zip_discard(zb);
}

static const char *const rewritten[] = {"word/document.xml", "word/comments.xml",
                                        "word/_rels/document.xml.rels", "[Content_Types].xml",
                                        NULL};

/* ---------------------------------------------------------------------- */
/* Reading                                                                */
/* ---------------------------------------------------------------------- */

/* The paragraphs of the draft as its source (ke-hoach-du-thao.fodt) has
 * them: the tab and the line break kept, the footnote's mark left out, the
 * hyperlink's text in, the table's cells in order; the header and the
 * footnote are not the body's. */
static const char *const du_thao[] = {
    "ĐẢNG BỘ TỈNH BẮC NINH",
    "ĐẢNG ỦY SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Số 12-KH/ĐU\tBắc Ninh, ngày 15 tháng 3 năm 2025",
    "KẾ HOẠCH",
    "thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị\nvề đột phá phát triển "
    "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2023 của Bộ Chính trị về đột phá phát triển "
    "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Quyết định số 204-QĐ/TW, "
    "ngày 29/11/2024 của Ban Bí thư, Đảng ủy Sở xây dựng kế hoạch thực hiện như sau:",
    "I- MỤC ĐÍCH, YÊU CẦU",
    "1. Quán triệt sâu sắc Nghị quyết số 57-NQ/TW đến toàn thể cán bộ, đảng viên; gắn với thực "
    "hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII.",
    "2. Xác định khoa học, công nghệ là đột phá quan trọng hàng đầu, là động lực chính để phát "
    "triển lực lượng sản xuất hiện đại.",
    "II- NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
    "TT",
    "Nhiệm vụ",
    "Chủ trì",
    "1",
    "Tổ chức học tập, quán triệt Nghị quyết số 57-NQ/TW và Kết luận số 123-KL/TW, ngày 24/01/2025 "
    "của Ban Chấp hành Trung ương Đảng",
    "Văn phòng Đảng ủy",
    "2",
    "Chuyển đổi số trong hoạt động của cấp ủy theo Quyết định số 204-QĐ/TW",
    "Chi bộ Phòng Quản lý công nghệ",
    "III- TỔ CHỨC THỰC HIỆN",
    "Các chi bộ trực thuộc căn cứ Kế hoạch này xây dựng chương trình hành động, báo cáo kết quả về "
    "Đảng ủy Sở trước ngày 30/6/2025.",
    "T/M ĐẢNG ỦY",
    "BÍ THƯ",
};

static void
assert_paragraphs(const dr_docx *d, const char *const *want, size_t n)
{
    assert_int_equal(dr_docx_paragraphs(d), n);
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        const char *t = dr_docx_paragraph(d, i, &len);
        assert_non_null(t);
        if (strcmp(t, want[i]) != 0)
            fail_msg("paragraph %zu: \"%s\", wanted \"%s\"", i, t, want[i]);
        assert_int_equal(len, strlen(want[i]));
    }
    size_t len = 1;
    assert_null(dr_docx_paragraph(d, n, &len));
    assert_int_equal(len, 0);
}

static void
test_paragraphs(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(DU_THAO));
    assert_paragraphs(d, du_thao, VK_ARRAY_LEN(du_thao));
    dr_docx_close(d);

    /* The same from memory. */
    char *data = NULL;
    size_t len = 0;
    vk_error err = {0};
    assert_int_equal(vk_file_read(data_path(DU_THAO), DR_MAX_FILE, &data, &len, &err), VK_OK);
    assert_int_equal(dr_docx_open_memory("upload", data, len, &d, &err), VK_OK);
    free(data);
    assert_paragraphs(d, du_thao, VK_ARRAY_LEN(du_thao));
    dr_docx_close(d);
    dr_docx_close(NULL);
}

static void
test_offsets(void **state)
{
    (void)state;
    /* "ị" is 3 bytes, one code point, one UTF-16 unit; "𝐀" (U+1D400) is 4
     * bytes, one code point, two UTF-16 units. */
    const char *t = "Nghị quyết\n𝐀 số 57";
    size_t len = strlen(t);
    dr_offset o;
    assert_int_equal(dr_offset_at(t, len, 0, &o), VK_OK);
    assert_int_equal(o.code_points, 0);
    assert_int_equal(o.line, 1);
    size_t q = (size_t)(strstr(t, "quyết") - t);
    assert_int_equal(q, 7);
    assert_int_equal(dr_offset_at(t, len, q, &o), VK_OK);
    assert_int_equal(o.code_points, 5);
    assert_int_equal(o.utf16, 5);
    assert_int_equal(o.line_bytes, 7);
    size_t s = (size_t)(strstr(t, " số") - t);
    assert_int_equal(dr_offset_at(t, len, s, &o), VK_OK);
    assert_int_equal(o.code_points, 12);
    assert_int_equal(o.utf16, 13);
    assert_int_equal(o.line, 2);
    assert_int_equal(o.line_bytes, 4);
    assert_int_equal(o.line_code_points, 1);
    assert_int_equal(o.line_utf16, 2);
    assert_int_equal(dr_offset_at(t, len, len, &o), VK_OK);
    assert_int_equal(o.code_points, 18);
    assert_int_equal(o.utf16, 19);
    /* Inside a character, past the end. */
    assert_int_equal(dr_offset_at(t, len, 4, &o), VK_EINVAL);
    assert_int_equal(dr_offset_at(t, len, len + 1, &o), VK_EINVAL);
    assert_int_equal(o.code_points, 0);
}

/* ---------------------------------------------------------------------- */
/* Comments                                                               */
/* ---------------------------------------------------------------------- */

static void
annotate_ok(const dr_docx *d, const dr_finding *f, size_t n, int suggest, const char *out,
            dr_verdict *v)
{
    dr_request req = {f, n, suggest, DATE};
    vk_error err = {0};
    if (dr_docx_annotate_file(d, &req, v, out, &err) != VK_OK)
        fail_msg("%s", err.msg);
}

/* Each finding's comment is in comments.xml, by vankien, and its range in
 * document.xml holds exactly the span of the original; with the changes
 * accepted, exactly the replacement. */
static void
assert_comments(const dr_docx *d, const char *out, const dr_finding *f, size_t n,
                const dr_verdict *v)
{
    comment c[32];
    size_t nc = read_comments(out, c, 32);
    doc_text *orig = document_text(out, 1), *accepted = document_text(out, 0);
    for (size_t i = 0; i < n; i++) {
        if (v[i] != DR_ANNOTATED && v[i] != DR_CHANGE_OVERLAPS)
            continue;
        const comment *m = comment_with_text(c, nc, f[i].comment);
        assert_string_equal(m->author, "vankien");
        assert_string_equal(m->initials, "VK");
        assert_string_equal(m->date, DATE_TEXT);
        char *want = span_of(d, &f[i]), *got = range_text(orig, m->id);
        assert_string_equal(got, want);
        free(got);
        got = range_text(accepted, m->id);
        if (orig->n_changes > 0 && f[i].replacement && v[i] == DR_ANNOTATED)
            assert_string_equal(got, f[i].replacement);
        free(want);
        free(got);
    }
    free(orig);
    free(accepted);
}

static void
test_comments(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(DU_THAO));
    const dr_finding f[] = {
        /* Across runs: the number is bold. */
        at(d, "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2023",
           "Nghị quyết số 57-NQ/TW, ngày 22/12/2023",
           "Sai ngày ban hành: Nghị quyết số 57-NQ/TW ban hành ngày 22/12/2024.\n"
           "Đề nghị sửa thành \"ngày 22/12/2024\".",
           NULL),
        /* Inside the first: the bold run alone. */
        at(d, "Thực hiện Nghị quyết số 57-NQ/TW", "57-NQ/TW", "Số hiệu đúng.", NULL),
        /* Across the end of the first. */
        at(d, "22/12/2023 của Bộ Chính trị về", "22/12/2023 của Bộ Chính trị",
           "Chồng lên góp ý thứ nhất.", NULL),
        /* In a hyperlink. */
        at(d, "Nghị quyết số 57-NQ/TW đến", "Nghị quyết số 57-NQ/TW",
           "Trích dẫn thiếu ngày ban hành và cơ quan ban hành.", NULL),
        /* In a table cell. */
        at(d, "Kết luận số 123-KL/TW, ngày 24/01/2025", "Kết luận số 123-KL/TW, ngày 24/01/2025",
           "Kết luận số 123-KL/TW, ngày 24/01/2025 của Ban Chấp hành Trung ương Đảng:\tđúng.",
           NULL),
        /* Across a line break. */
        at(d, "Bộ Chính trị\nvề đột phá", "Bộ Chính trị\nvề", "Qua dòng.", NULL),
    };
    size_t n = VK_ARRAY_LEN(f);
    dr_verdict v[VK_ARRAY_LEN(f)];
    char *out = strdup(tmp_path("annotated.docx"));
    annotate_ok(d, f, n, 0, out, v);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(v[i], DR_ANNOTATED);
    assert_comments(d, out, f, n, v);

    /* The rest is as it was: entries, paragraphs without findings, the
     * text of every paragraph, what is bold (the number the spans cut
     * around), every run's formatting. */
    assert_entries_kept(data_path(DU_THAO), out, rewritten);
    int changed[VK_ARRAY_LEN(du_thao)] = {0};
    for (size_t i = 0; i < n; i++)
        changed[f[i].paragraph] = 1;
    assert_only_paragraphs_changed(data_path(DU_THAO), out, changed, VK_ARRAY_LEN(du_thao));
    dr_docx *again = open_ok(out);
    assert_paragraphs(again, du_thao, VK_ARRAY_LEN(du_thao));
    dr_docx_close(again);
    doc_text *t = document_text(out, 1), *t0 = document_text(data_path(DU_THAO), 1);
    assert_non_null(strstr(t->bold, "KẾ HOẠCH") && strstr(t->bold, "57-NQ/TW"));
    assert_string_equal(t->bold, t0->bold);
    assert_int_equal(t->bare_runs, 0);
    free(t);
    free(t0);

    /* The comments part is new: related and typed. */
    size_t len;
    char *rels = zip_entry_read(out, "word/_rels/document.xml.rels", &len, NULL);
    char *types = zip_entry_read(out, "[Content_Types].xml", &len, NULL);
    assert_non_null(strstr(rels, "relationships/comments\" Target=\"comments.xml\""));
    assert_non_null(strstr(types,
                           "<Override PartName=\"/word/comments.xml\" ContentType=\"application/"
                           "vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>"
                           "</Types>"));
    free(rels);
    free(types);
    free(out);
    dr_docx_close(d);
}

/* A draft with a reviewer's comment keeps it, byte for byte, and gets the
 * new ones after it, with ids of their own; the relationships and content
 * types need no change. */
static void
test_existing_comment(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(GOP_Y));
    const dr_finding f[] = {
        at(d, "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
           "Nghị quyết số 57-NQ/TW của Bộ Chính trị",
           "Thiếu ngày ban hành: Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị.", NULL),
        at(d, "Kết luận số 123-KL/TW, ngày 24/01/2025", "Kết luận số 123-KL/TW", "Đúng.", NULL),
    };
    dr_verdict v[2];
    char *out = strdup(tmp_path("gop-y.docx"));
    annotate_ok(d, f, 2, 0, out, v);
    assert_int_equal(v[0], DR_ANNOTATED);
    assert_int_equal(v[1], DR_ANNOTATED);
    assert_comments(d, out, f, 2, v);

    comment c[8];
    assert_int_equal(read_comments(out, c, 8), 3);
    const comment *old =
        comment_with_text(c, 3, "Đề nghị ghi đủ ngày ban hành và cơ quan ban hành.");
    assert_string_equal(old->author, "Văn phòng Đảng ủy");
    assert_true(c[0].id != c[1].id && c[1].id != c[2].id && c[0].id != c[2].id);
    /* Its range is still on its words. */
    doc_text *t = document_text(out, 1);
    char *r = range_text(t, old->id);
    assert_string_equal(r, "Nghị quyết số 57-NQ/TW");
    free(r);
    free(t);

    size_t alen, blen;
    char *a = zip_entry_read(data_path(GOP_Y), "word/comments.xml", &alen, NULL);
    char *b = zip_entry_read(out, "word/comments.xml", &blen, NULL);
    size_t keep = (size_t)(strstr(a, "</w:comments>") - a);
    assert_memory_equal(a, b, keep);
    assert_string_equal(b + blen - strlen("</w:comments>"), "</w:comments>");
    free(a);
    free(b);
    const char *const only[] = {"word/document.xml", "word/comments.xml", NULL};
    assert_entries_kept(data_path(GOP_Y), out, only);
    int changed[3] = {0, 1, 1};
    assert_only_paragraphs_changed(data_path(GOP_Y), out, changed, 3);
    free(out);
    dr_docx_close(d);
}

/* ---------------------------------------------------------------------- */
/* Tracked changes                                                        */
/* ---------------------------------------------------------------------- */

static void
test_suggest_changes(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(DU_THAO));
    const dr_finding f[] = {
        /* Across runs, the bold number among them. */
        at(d, "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2023",
           "Nghị quyết số 57-NQ/TW, ngày 22/12/2023", "Sai ngày ban hành.",
           "Nghị quyết số 57-NQ/TW, ngày 22/12/2024"),
        /* Overlaps the change before it: a comment only. */
        at(d, "22/12/2023 của Bộ Chính trị về", "22/12/2023 của Bộ Chính trị", "Chồng lên sửa đổi.",
           "22/12/2024 của Bộ Chính trị"),
        /* In a hyperlink: the insertion takes the link's style. */
        at(d, "Nghị quyết số 57-NQ/TW đến", "Nghị quyết số 57-NQ/TW", "Ghi đủ ngày ban hành.",
           "Nghị quyết số 57-NQ/TW, ngày 22/12/2024"),
        /* A point in a table cell: an insertion. */
        at(d, "theo Quyết định số 204-QĐ/TW", "", "Thiếu ngày ban hành.",
           ", ngày 29/11/2024 của Ban Bí thư"),
        /* No replacement: a comment only. */
        at(d, "Kết luận số 123-KL/TW", "Kết luận số 123-KL/TW", "Đúng.", NULL),
    };
    dr_finding point = f[3];
    point.start = point.end = point.start + strlen("theo Quyết định số 204-QĐ/TW");
    dr_finding all[VK_ARRAY_LEN(f)];
    memcpy(all, f, sizeof f);
    all[3] = point;
    size_t n = VK_ARRAY_LEN(all);
    dr_verdict v[VK_ARRAY_LEN(all)];
    char *out = strdup(tmp_path("suggested.docx"));
    annotate_ok(d, all, n, 1, out, v);
    assert_int_equal(v[0], DR_ANNOTATED);
    assert_int_equal(v[1], DR_CHANGE_OVERLAPS);
    assert_int_equal(v[2], DR_ANNOTATED);
    assert_int_equal(v[3], DR_ANNOTATED);
    assert_int_equal(v[4], DR_ANNOTATED);
    assert_comments(d, out, all, n, v);

    /* The deleted text is the span, the inserted the replacement. */
    doc_text *t = document_text(out, 1);
    assert_int_equal(t->n_changes, 5);
    assert_string_equal(t->changes[0], "del:Nghị quyết số 57-NQ/TW, ngày 22/12/2023");
    assert_string_equal(t->changes[1], "ins:Nghị quyết số 57-NQ/TW, ngày 22/12/2024");
    assert_string_equal(t->ins_style[1], "");
    assert_string_equal(t->changes[2], "del:Nghị quyết số 57-NQ/TW");
    assert_string_equal(t->changes[3], "ins:Nghị quyết số 57-NQ/TW, ngày 22/12/2024");
    assert_string_equal(t->ins_style[3], "InternetLink");
    assert_string_equal(t->changes[4], "ins:, ngày 29/11/2024 của Ban Bí thư");
    free(t);

    /* Read back, the changes accepted: the replacements are the text. */
    const char *now[VK_ARRAY_LEN(du_thao)];
    memcpy(now, du_thao, sizeof now);
    now[5] = "Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
             "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Quyết định "
             "số 204-QĐ/TW, ngày 29/11/2024 của Ban Bí thư, Đảng ủy Sở xây dựng kế hoạch thực "
             "hiện như sau:";
    now[7] = "1. Quán triệt sâu sắc Nghị quyết số 57-NQ/TW, ngày 22/12/2024 đến toàn thể cán bộ, "
             "đảng viên; gắn với thực hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017 của Ban Chấp "
             "hành Trung ương Đảng khóa XII.";
    now[17] = "Chuyển đổi số trong hoạt động của cấp ủy theo Quyết định số 204-QĐ/TW, ngày "
              "29/11/2024 của Ban Bí thư";
    dr_docx *again = open_ok(out);
    assert_paragraphs(again, now, VK_ARRAY_LEN(now));
    dr_docx_close(again);

    assert_entries_kept(data_path(DU_THAO), out, rewritten);
    int changed[VK_ARRAY_LEN(du_thao)] = {0};
    for (size_t i = 0; i < n; i++)
        changed[all[i].paragraph] = 1;
    assert_only_paragraphs_changed(data_path(DU_THAO), out, changed, VK_ARRAY_LEN(du_thao));
    free(out);
    dr_docx_close(d);
}

/* ---------------------------------------------------------------------- */
/* Refused findings                                                       */
/* ---------------------------------------------------------------------- */

static void
test_refused(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(DU_THAO));
    dr_finding ok = at(d, "Quyết định số 204-QĐ/TW, ngày 29/11/2024",
                       "Quyết định số 204-QĐ/TW, ngày 29/11/2024", "Đúng.", NULL);
    /* From a citation in paragraph 5 into paragraph 6. */
    dr_finding across = at(d, "Đảng ủy Sở xây dựng kế hoạch", "Đảng ủy Sở", "Qua đoạn.", NULL);
    across.end = strlen(du_thao[5]) + 1 + strlen("I- MỤC");
    dr_finding inside = at(d, "Ban Bí thư, Đảng ủy", "Bí thư", "Giữa ký tự.", NULL);
    inside.start += 2; /* "Bí": inside "í" (C3 AD) */
    dr_finding backwards = ok;
    backwards.start = ok.end;
    backwards.end = ok.start;
    dr_finding nowhere = ok;
    nowhere.paragraph = 999;
    dr_finding bad_text = ok;
    bad_text.comment = "\xff\xfe";
    dr_finding no_text = ok;
    no_text.comment = NULL;
    const dr_finding f[] = {across, ok, inside, backwards, nowhere, bad_text, no_text};
    const dr_verdict want[] = {DR_CROSSES_PARAGRAPH, DR_ANNOTATED, DR_BAD_SPAN, DR_BAD_SPAN,
                               DR_NO_PARAGRAPH,      DR_BAD_TEXT,  DR_BAD_TEXT};
    dr_verdict v[VK_ARRAY_LEN(f)];
    char *out = strdup(tmp_path("refused.docx"));
    annotate_ok(d, f, VK_ARRAY_LEN(f), 0, out, v);
    for (size_t i = 0; i < VK_ARRAY_LEN(f); i++) {
        assert_int_equal(v[i], want[i]);
        assert_non_null(dr_verdict_str(v[i]));
    }
    assert_non_null(strstr(dr_verdict_str(DR_CROSSES_PARAGRAPH), "paragraph"));
    comment c[4];
    assert_int_equal(read_comments(out, c, 4), 1);
    assert_string_equal(c[0].text, "Đúng.");
    assert_comments(d, out, f, VK_ARRAY_LEN(f), v);

    /* All refused: the copy is the file, byte for byte. */
    char *copy = NULL, *orig = NULL;
    size_t clen = 0, olen = 0;
    dr_request req = {f + 2, 5, 0, DATE};
    vk_error err = {0};
    assert_int_equal(dr_docx_annotate(d, &req, NULL, &copy, &clen, &err), VK_OK);
    assert_int_equal(vk_file_read(data_path(DU_THAO), DR_MAX_FILE, &orig, &olen, &err), VK_OK);
    assert_true(same(copy, clen, orig, olen));
    free(copy);
    free(orig);
    free(out);
    dr_docx_close(d);
}

/* The same handle annotated twice gives the same bytes: the handle is not
 * changed by annotating. */
static void
test_annotate_twice(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(DU_THAO));
    const dr_finding f[] = {at(d, "Nghị quyết số 18-NQ/TW, ngày 25/10/2017",
                               "Nghị quyết số 18-NQ/TW", "Đúng.", "Nghị quyết 18")};
    dr_request req = {f, 1, 1, DATE};
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    vk_error err = {0};
    assert_int_equal(dr_docx_annotate(d, &req, NULL, &a, &alen, &err), VK_OK);
    assert_int_equal(dr_docx_annotate(d, &req, NULL, &b, &blen, &err), VK_OK);
    assert_true(same(a, alen, b, blen));
    free(a);
    free(b);
    dr_docx_close(d);
}

/* ---------------------------------------------------------------------- */
/* Word's own markup, made here                                           */
/* ---------------------------------------------------------------------- */

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
#define W_URI "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS "xmlns:w=\"" W_URI "\""
#define TYPES_NS "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\""

static const char types_xml[] =
    XML_DECL "<Types " TYPES_NS "><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "</Types>";

/* A field (its instruction left out, its result in), tracked changes by
 * someone else, a tab, a line break, a non-breaking hyphen, a text box, a
 * drawing's fallback, escaped characters, an empty paragraph. */
/* clang-format off */
static const char fields_xml[] =
    XML_DECL "<w:document " W_NS " xmlns:mc=\"http://schemas.openxmlformats.org/markup-"
    "compatibility/2006\" xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Theo </w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:instrText xml:space=\"preserve\"> REF _Ref1 \\h </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:t>Nghị quyết số 57-NQ/TW</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText> cũ</w:delText></w:r></w:del>"
    "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>, ngày 22/12/2024</w:t></w:r></w:ins>"
    "<w:r><w:rPr><w:i/></w:rPr><w:tab/><w:t>của</w:t><w:br/><w:t>Bộ Chính trị</w:t>"
    "<w:noBreakHyphen/></w:r>"
    "<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>hộp chữ</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    "<mc:AlternateContent><mc:Choice Requires=\"w14\"><w:r><w:t>A</w:t></w:r></mc:Choice>"
    "<mc:Fallback><w:r><w:t>B</w:t></w:r></mc:Fallback></mc:AlternateContent>"
    "<w:r><w:t>&amp; &lt;hết&gt;</w:t></w:r></w:p>"
    "<w:p/><w:sectPr/></w:body></w:document>";
/* clang-format on */

static void
test_word_markup(void **state)
{
    (void)state;
    const entry e[] = {{"[Content_Types].xml", types_xml}, {"word/document.xml", fields_xml}};
    char *in = strdup(tmp_path("fields.docx"));
    write_zip(in, e, 2);
    dr_docx *d = open_ok(in);
    const char *const text[] = {
        "Theo Nghị quyết số 57-NQ/TW, ngày 22/12/2024\tcủa\nBộ Chính trị-A& <hết>", ""};
    assert_paragraphs(d, text, 2);

    const dr_finding f[] = {
        at(d, "Theo Nghị quyết số 57-NQ/TW", "Nghị quyết số 57-NQ/TW", "Trong trường.", NULL),
        at(d, "của\nBộ Chính trị-", "của\nBộ Chính trị", "Qua dòng.",
           "của Ban Chấp hành Trung ương"),
        {1, 0, 0, "Đoạn trống.", NULL},
        at(d, "& <hết>", "& <hết>", "Ký tự thoát: & < >.", NULL),
    };
    dr_verdict v[4];
    char *out = strdup(tmp_path("fields-out.docx"));
    annotate_ok(d, f, 4, 1, out, v);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(v[i], DR_ANNOTATED);
    assert_comments(d, out, f, 4, v);
    doc_text *t = document_text(out, 1);
    assert_int_equal(t->n_changes, 2);
    assert_string_equal(t->changes[0], "del:của\nBộ Chính trị");
    assert_string_equal(t->changes[1], "ins:của Ban Chấp hành Trung ương");
    free(t);
    dr_docx *again = open_ok(out);
    const char *const now[] = {
        "Theo Nghị quyết số 57-NQ/TW, ngày 22/12/2024\tcủa Ban Chấp hành Trung ương-A& <hết>", ""};
    assert_paragraphs(again, now, 2);
    dr_docx_close(again);

    /* The field's instruction and the other author's changes are kept; the
     * relationships are new, with the comments'. */
    size_t len;
    char *doc = zip_entry_read(out, "word/document.xml", &len, NULL);
    assert_non_null(
        strstr(doc, "<w:instrText xml:space=\"preserve\"> REF _Ref1 \\h </w:instrText>"));
    assert_non_null(
        strstr(doc, "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText> cũ</w:delText>"));
    assert_non_null(strstr(doc, "<w:txbxContent><w:p><w:r><w:t>hộp chữ</w:t>"));
    free(doc);
    char *rels = zip_entry_read(out, "word/_rels/document.xml.rels", &len, NULL);
    assert_non_null(rels);
    assert_non_null(strstr(rels, "relationships/comments\" Target=\"comments.xml\""));
    free(rels);
    free(in);
    free(out);
    dr_docx_close(d);
}

/* WordprocessingML as the default namespace (no prefix): the attributes
 * written must still be in it; [Content_Types].xml an empty element. */
static void
test_default_namespace(void **state)
{
    (void)state;
    const entry e[] = {{"[Content_Types].xml", XML_DECL "<Types " TYPES_NS "/>"},
                       {"word/document.xml",
                        XML_DECL "<document xmlns=\"" W_URI "\"><body><p><r><rPr><b/></rPr>"
                                 "<t>Nghị quyết số 57-NQ/TW</t></r></p></body></document>"}};
    char *in = strdup(tmp_path("default-ns.docx"));
    write_zip(in, e, 2);
    dr_docx *d = open_ok(in);
    const dr_finding f[] = {at(d, "Nghị quyết số 57-NQ/TW", "57-NQ/TW", "Số.", "57")};
    dr_verdict v[1];
    char *out = strdup(tmp_path("default-ns-out.docx"));
    annotate_ok(d, f, 1, 1, out, v);
    assert_int_equal(v[0], DR_ANNOTATED);
    assert_comments(d, out, f, 1, v);
    size_t len;
    char *xml = zip_entry_read(out, "word/document.xml", &len, NULL);
    xmlDoc *doc = xmlReadMemory(xml, (int)len, "document.xml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    int marks = 0;
    for (xmlNode *n = xmlDocGetRootElement(doc)->children->children->children; n; n = n->next) {
        if (!is_w(n, "commentRangeStart") && !is_w(n, "del") && !is_w(n, "ins"))
            continue;
        xmlChar *id = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)W_URI);
        assert_non_null(id);
        xmlFree(id);
        marks++;
    }
    assert_int_equal(marks, 3);
    xmlFreeDoc(doc);
    free(xml);
    char *types = zip_entry_read(out, "[Content_Types].xml", &len, NULL);
    assert_non_null(strstr(types, "<Types " TYPES_NS "><Override PartName=\"/word/comments.xml\""));
    assert_non_null(strstr(types, "</Types>"));
    free(types);
    free(in);
    free(out);
    dr_docx_close(d);
}

/* ---------------------------------------------------------------------- */
/* Broken files                                                           */
/* ---------------------------------------------------------------------- */

/* Opening name (data[0 .. len)) fails with st and a message naming it and
 * holding msg. */
static void
open_fails(const char *name, const char *data, size_t len, vk_status st, const char *msg)
{
    dr_docx *d = (dr_docx *)1;
    vk_error err = {0};
    vk_status rc = dr_docx_open_memory(name, data, len, &d, &err);
    if (rc != st || !strstr(err.msg, msg))
        fail_msg("%s: status %d (wanted %d), message \"%s\" (wanted \"%s\")", name, rc, st, err.msg,
                 msg);
    assert_null(d);
    assert_true(strstr(err.msg, name) == err.msg);
}

/* A zip of entries e, read back into memory. */
static char *
zip_bytes(const entry *e, size_t n, size_t *len)
{
    const char *path = tmp_path("broken.docx");
    write_zip(path, e, n);
    char *data = NULL;
    vk_error err = {0};
    assert_int_equal(vk_file_read(path, DR_MAX_FILE, &data, len, &err), VK_OK);
    return data;
}

static void
test_broken_files(void **state)
{
    (void)state;
    char *data = NULL;
    size_t len = 0;
    vk_error err = {0};
    /* Truncated: the central directory is gone. */
    assert_int_equal(vk_file_read(data_path(DU_THAO), DR_MAX_FILE, &data, &len, &err), VK_OK);
    open_fails("truncated.docx", data, len / 2, VK_EINVAL, "broken .docx");
    free(data);
    open_fails("empty.docx", "", 0, VK_EINVAL, "no word/document.xml");
    open_fails("text.docx", "Nghị quyết", strlen("Nghị quyết"), VK_EINVAL, "broken .docx");

    const entry no_doc[] = {{"[Content_Types].xml", types_xml}};
    data = zip_bytes(no_doc, 1, &len);
    open_fails("no-document.docx", data, len, VK_EINVAL, "no word/document.xml");
    free(data);

    const entry not_xml[] = {{"[Content_Types].xml", types_xml},
                             {"word/document.xml", "<w:document " W_NS "><w:body><w:p>"}};
    data = zip_bytes(not_xml, 2, &len);
    open_fails("not-xml.docx", data, len, VK_EINVAL, "word/document.xml line");
    free(data);

    const entry dtd[] = {{"word/document.xml", XML_DECL
                          "<!DOCTYPE w:document [<!ENTITY a \"Nghị quyết\">]><w:document " W_NS
                          "><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body>"
                          "</w:document>"}};
    data = zip_bytes(dtd, 1, &len);
    open_fails("dtd.docx", data, len, VK_EINVAL, "document type declaration");
    free(data);

    dr_docx *d = NULL;
    assert_int_equal(dr_docx_open(tmp_path("no-such.docx"), &d, &err), VK_ENOTFOUND);
    assert_null(d);
}

/* What only annotating reads: the comments part, [Content_Types].xml. The
 * file is not written. */
static void
annotate_fails(const entry *e, size_t n, const char *msg)
{
    char *in = strdup(tmp_path("broken-in.docx"));
    write_zip(in, e, n);
    dr_docx *d = open_ok(in);
    const dr_finding f[] = {at(d, "Nghị quyết", "Nghị quyết", "Góp ý.", NULL)};
    dr_request req = {f, 1, 0, DATE};
    char *out = strdup(tmp_path("broken-out.docx"));
    remove(out);
    vk_error err = {0};
    vk_status rc = dr_docx_annotate_file(d, &req, NULL, out, &err);
    if (rc != VK_EINVAL || !strstr(err.msg, msg) || strstr(err.msg, in) != err.msg)
        fail_msg("status %d, message \"%s\" (wanted \"%s\")", rc, err.msg, msg);
    struct stat st;
    assert_int_not_equal(stat(out, &st), 0);
    free(in);
    free(out);
    dr_docx_close(d);
}

static void
test_broken_parts(void **state)
{
    (void)state;
    static const char doc[] = XML_DECL "<w:document " W_NS "><w:body><w:p><w:r><w:t>Nghị quyết"
                                       "</w:t></w:r></w:p></w:body></w:document>";
    static const char rels[] =
        XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                 "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
                 "org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>"
                 "</Relationships>";
    const entry bad_comments[] = {{"[Content_Types].xml", types_xml},
                                  {"word/document.xml", doc},
                                  {"word/_rels/document.xml.rels", rels},
                                  {"word/comments.xml", "<w:comments " W_NS "><w:comment>"}};
    annotate_fails(bad_comments, 4, "word/comments.xml line");
    const entry not_comments[] = {{"[Content_Types].xml", types_xml},
                                  {"word/document.xml", doc},
                                  {"word/_rels/document.xml.rels", rels},
                                  {"word/comments.xml", "<w:document " W_NS "/>"}};
    annotate_fails(not_comments, 4, "not a comments part");
    const entry no_types[] = {{"word/document.xml", doc}};
    annotate_fails(no_types, 1, "no [Content_Types].xml");
}

/* ---------------------------------------------------------------------- */
/* Writing the file                                                       */
/* ---------------------------------------------------------------------- */

/* Files in VK_TMPDIR whose name starts with prefix. */
static int
count_files(const char *prefix)
{
    const char *dir = getenv("VK_TMPDIR");
    DIR *dp = opendir(dir ? dir : "/tmp");
    assert_non_null(dp);
    int n = 0;
    for (struct dirent *e; (e = readdir(dp));)
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(dp);
    return n;
}

static void
test_write_file(void **state)
{
    (void)state;
    dr_docx *d = open_ok(data_path(DU_THAO));
    const dr_finding f[] = {at(d, "BÍ THƯ", "BÍ THƯ", "Ký.", NULL)};
    dr_request req = {f, 1, 0, DATE};
    vk_error err = {0};
    /* Over a file already there: replaced whole, nothing left beside it. */
    char *out = strdup(tmp_path("over.docx"));
    FILE *fp = fopen(out, "w");
    assert_non_null(fp);
    fputs("cũ", fp);
    fclose(fp);
    assert_int_equal(dr_docx_annotate_file(d, &req, NULL, out, &err), VK_OK);
    dr_docx *again = open_ok(out);
    assert_int_equal(dr_docx_paragraphs(again), VK_ARRAY_LEN(du_thao));
    dr_docx_close(again);
    assert_int_equal(count_files("draft-over.docx"), 1);
    /* Into a folder that does not exist. */
    const char *nowhere = "/nonexistent-vankien-folder/out.docx";
    assert_int_equal(dr_docx_annotate_file(d, &req, NULL, nowhere, &err), VK_EIO);
    assert_true(strstr(err.msg, nowhere) == err.msg);
    free(out);
    dr_docx_close(d);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_comments),          cmocka_unit_test(test_existing_comment),
        cmocka_unit_test(test_suggest_changes),   cmocka_unit_test(test_refused),
        cmocka_unit_test(test_annotate_twice),    cmocka_unit_test(test_word_markup),
        cmocka_unit_test(test_default_namespace), cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_broken_parts),      cmocka_unit_test(test_write_file),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return failed;
}
