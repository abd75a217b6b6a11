/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_readers.c: the readers of .docx, .pdf, .html and .doc files
 * (corpus/readers.h), on real files that hold one short plan (kế hoạch):
 * header table, literal heading "I- TÌNH HÌNH", numbered items, the text in
 * both tone-mark styles, a table and a footnote. The files are made here
 * (.docx with libzip, .pdf with cairo and DejaVu Sans, .html as text) or
 * were made with LibreOffice from tests/data/readers/ke-hoach.fodt
 * (ke-hoach.docx, ke-hoach.doc). Then hostile files: zip bombs, broken
 * zips and PDFs, HTML nested 100000 deep, binary data named .txt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <cmocka.h>
#include <fontconfig/fontconfig.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/file.h"
#include "corpus/cp.h"
#include "corpus/readers.h"

/* ---------------------------------------------------------------------- */
/* Files                                                                  */
/* ---------------------------------------------------------------------- */

static char path_buf[4096];

/* A file in the scratch folder, "readers-" + name. */
static const char *
tmp_path(const char *name)
{
    const char *dir = getenv("VK_TMPDIR");
    snprintf(path_buf, sizeof path_buf, "%s/readers-%s", dir ? dir : "/tmp", name);
    return path_buf;
}

static const char *
data_path(const char *name)
{
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path_buf, sizeof path_buf, "%s/tests/data/readers/%s", src ? src : ".", name);
    return path_buf;
}

static void
write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* One entry of a zip made for a test. */
typedef struct entry {
    const char *name;
    const char *data;
    size_t len;
} entry;

static void
write_zip(const char *path, const entry *e, size_t n)
{
    int ze = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, e[i].data, e[i].len, 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, e[i].name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
}

static cp_file *
parse_ok(const char *path)
{
    cp_file *f = NULL;
    vk_error err = {0};
    if (cp_file_parse(path, &f, &err) != VK_OK)
        fail_msg("%s", err.msg);
    return f;
}

/* Reads a file that must fail with status st and a message holding msg. */
static void
read_fails(const char *path, vk_status st, const char *msg)
{
    char *out = (char *)"x";
    size_t len = 1;
    vk_error err = {0};
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &out, &len, NULL, &err);
    if (rc != st || !strstr(err.msg, msg))
        fail_msg("%s: status %d (wanted %d), message \"%s\" (wanted \"%s\")", path, rc, st, err.msg,
                 msg);
    assert_null(out);
    assert_true(strstr(err.msg, path) == err.msg); /* names the file */
}

/* ---------------------------------------------------------------------- */
/* The model of the plan                                                  */
/* ---------------------------------------------------------------------- */

static const cp_section *
find_section(const cp_doc *d, const char *label)
{
    for (size_t i = 0; i < d->n_sections; i++) {
        if (strcmp(d->sections[i].label, label) == 0)
            return &d->sections[i];
    }
    fail_msg("no section %s", label);
    return NULL;
}

/* The paragraph holding s, and its section's index. */
static const char *
find_para(const cp_doc *d, const char *s, int *section)
{
    for (size_t i = 0; i < d->n_sections; i++) {
        for (size_t p = 0; p < d->sections[i].n_paras; p++) {
            if (strstr(d->sections[i].paras[p], s)) {
                if (section)
                    *section = (int)i;
                return d->sections[i].paras[p];
            }
        }
    }
    fail_msg("no paragraph holds \"%s\"", s);
    return NULL;
}

/* The analyzer's exact term for the word at the first `word` in para. */
static void
exact_of(const char *para, const char *word, char *out, size_t size)
{
    const char *at = strstr(para, word);
    assert_non_null(at);
    an_tokens t = AN_TOKENS_INIT;
    assert_int_equal(an_analyze(para, strlen(para), 0, &t), VK_OK);
    out[0] = '\0';
    for (size_t i = 0; i < t.n; i++) {
        if (!t.v[i].overlay && t.v[i].start == (size_t)(at - para)) {
            assert_true(t.v[i].exact_len < size);
            memcpy(out, t.v[i].exact, t.v[i].exact_len);
            out[t.v[i].exact_len] = '\0';
        }
    }
    an_tokens_free(&t);
    assert_true(out[0] != '\0');
}

/* "hòa"/"hoà", "khóa"/"khoá", "thủy"/"thuỷ" in the two paragraphs are the
 * same words to search. */
static void
assert_tone_styles(const cp_doc *d)
{
    const char *older = find_para(d, "giữ vững hòa bình", NULL);
    const char *newer = find_para(d, "giữ vững hoà bình", NULL);
    assert_ptr_not_equal(older, newer);
    static const char *const pairs[][2] = {{"hòa", "hoà"}, {"khóa", "khoá"}, {"thủy", "thuỷ"}};
    for (size_t i = 0; i < 3; i++) {
        char a[64], b[64];
        exact_of(older, pairs[i][0], a, sizeof a);
        exact_of(newer, pairs[i][1], b, sizeof b);
        assert_string_equal(a, b);
    }
}

/* What a reader must give of the plan. */
typedef struct expect {
    const char *format;
    int auto_numbered; /* "1. Mục đích" comes from Word's numbering */
    int cells;         /* each table cell is a paragraph */
    int footnote;      /* the footnote is kept */
} expect;

static void
assert_plan(const cp_file *f, expect e)
{
    assert_string_equal(f->format, e.format);
    assert_int_equal(f->n_docs, 1);
    const cp_doc *d = &f->docs[0];
    char iso[11];
    assert_string_equal(d->type_name, "Kế hoạch");
    assert_string_equal(d->number, "256-KH/TU");
    assert_string_equal(cp_date_iso(&d->date, iso), "2023-07-28");
    assert_string_equal(find_section(d, "I")->heading, "TÌNH HÌNH");
    if (e.auto_numbered)
        assert_string_equal(find_section(d, "I.1")->heading, "Mục đích");
    assert_string_equal(find_section(d, "I.2")->heading, "Yêu cầu");
    assert_string_equal(find_section(d, "II")->heading, "TỔ CHỨC THỰC HIỆN");
    assert_non_null(strstr(d->title, "thực hiện Nghị quyết số 28-NQ/TW"));
    assert_tone_styles(d);
    /* The table, one cell a paragraph, rows in order, in section I.2. */
    const cp_section *req = find_section(d, "I.2");
    static const char *const cells[] = {"Nội dung", "Cơ quan chủ trì", "Tuyên truyền nghị quyết",
                                        "Ban Tuyên giáo Thành ủy"};
    int sec = -1;
    find_para(d, "Ban Tuyên giáo Thành ủy", &sec);
    assert_ptr_equal(&d->sections[sec], req);
    for (size_t i = 0; e.cells && i < 4; i++) {
        assert_true(req->n_paras >= 4);
        assert_string_equal(req->paras[req->n_paras - 4 + i], cells[i]);
    }
    if (e.footnote) {
        assert_int_equal(d->n_footnotes, 1);
        assert_string_equal(d->footnotes[0].label, "1");
        assert_non_null(strstr(d->footnotes[0].text, "Kế hoạch số 158-KH/TU, ngày 27/6/2022"));
        find_para(d, "thủy lợi[1].", &sec);
        assert_int_equal(d->footnotes[0].section, sec);
    }
}

/* ---------------------------------------------------------------------- */
/* .docx                                                                  */
/* ---------------------------------------------------------------------- */

/* clang-format off */
#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NUM_P(id, lvl, text)                                                                      \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id                    \
    "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define CELL(paras) "<w:tc><w:tcPr/>" paras "</w:tc>"

static const char docx_types[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" "
             "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/word/document.xml\" "
             "ContentType=\"application/"
             "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char docx_rels[] =
    XML_DECL "<Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
             "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/* The plan: a header table; "I- TÌNH HÌNH" typed, in two runs around a
 * tracked deletion; "1." "1.1." "2." and "II-" from numbering.xml; the two
 * tone styles, with a footnote reference, a tab and a field; a text box
 * whose fallback copy must not be read twice; a table; the closing. */
static const char docx_document[] =
    XML_DECL
    "<w:document " W_NS " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
    " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
    " mc:Ignorable=\"wps\"><w:body>"
    "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
    CELL(P("THÀNH ỦY HÀ NỘI") P("*") P("Số 256-KH/TU"))
    CELL(P("ĐẢNG CỘNG SẢN VIỆT NAM")
         "<w:p><w:r><w:t xml:space=\"preserve\">Hà Nội, ngày 28 tháng 7 </w:t></w:r>"
         "<w:r><w:t>năm 2023</w:t></w:r></w:p>")
    "</w:tr></w:tbl>"
    P("KẾ HOẠCH")
    P("thực hiện Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII")
    "<w:p><w:r><w:t xml:space=\"preserve\">I- TÌNH </w:t></w:r>"
    "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>XÓA BỎ </w:delText></w:r></w:del>"
    "<w:r><w:t>HÌNH</w:t></w:r></w:p>"
    NUM_P(1, 0, "Mục đích")
    NUM_P(1, 1, "Quán triệt nghị quyết")
    "<w:p><w:r><w:t>Tổ chức quán triệt Nghị quyết của Ban Chấp hành Trung ương khóa XIII, giữ "
    "vững hòa bình và bảo đảm thủy lợi</w:t></w:r><w:r><w:rPr><w:vertAlign "
    "w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r>"
    "<w:r><w:t>.</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Tiếp tục thực hiện Kết luận của Ban Chấp hành Trung ương khoá XIII,</w:t>"
    "<w:tab/><w:t>giữ vững hoà bình và bảo đảm thuỷ lợi.</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> "
    "PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>"
    "<w:txbxContent>" P("Hộp văn bản") "</w:txbxContent></wps:txbx></wps:wsp></w:drawing>"
    "</mc:Choice><mc:Fallback><w:pict><w:txbxContent>" P("Hộp văn bản")
    "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    NUM_P(1, 0, "Yêu cầu")
    "<w:tbl><w:tr>" CELL(P("Nội dung")) CELL(P("Cơ quan chủ trì")) "</w:tr>"
    "<w:tr>" CELL(P("Tuyên truyền nghị quyết")) CELL(P("Ban Tuyên giáo Thành ủy")) "</w:tr></w:tbl>"
    NUM_P(2, 0, "TỔ CHỨC THỰC HIỆN")
    "<w:p><w:r><w:t>Các cấp ủy tổ chức thực hiện</w:t><w:br/><w:t>kế hoạch này.</w:t></w:r></w:p>"
    P("Nơi nhận:") P("- Ban Thường vụ Thành ủy,") P("- Lưu VP.")
    P("T/M BAN THƯỜNG VỤ") P("BÍ THƯ")
    P("Đinh Tiến Dũng")
    "<w:sectPr/></w:body></w:document>";

static const char docx_numbering[] =
    XML_DECL "<w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
    "<w:lvlText w:val=\"%1-\"/><w:suff w:val=\"space\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"2\"/></w:lvlOverride></w:num>"
    "</w:numbering>";

static const char docx_footnotes[] =
    XML_DECL "<w:footnotes " W_NS ">"
    "<w:footnote w:type=\"separator\" w:id=\"0\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:r><w:continuationSeparator/>"
    "</w:r></w:p></w:footnote>"
    "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> "
    "Kế hoạch số 158-KH/TU, ngày 27/6/2022 của Ban Thường vụ Thành ủy.</w:t></w:r></w:p>"
    "</w:footnote></w:footnotes>";

#define ENTRY(name, s) {name, s, sizeof s - 1}
/* clang-format on */

static void
write_plan_docx(const char *path)
{
    const entry e[] = {ENTRY("word/document.xml", docx_document),
                       ENTRY("[Content_Types].xml", docx_types), ENTRY("_rels/.rels", docx_rels),
                       ENTRY("word/numbering.xml", docx_numbering),
                       ENTRY("word/footnotes.xml", docx_footnotes)};
    write_zip(path, e, VK_ARRAY_LEN(e));
}

static void
test_docx(void **state)
{
    (void)state;
    const char *path = tmp_path("plan.docx");
    write_plan_docx(path);
    char *text = NULL;
    size_t len = 0;
    const char *format = NULL;
    vk_error err = {0};
    assert_int_equal(cp_read_file(path, CP_MAX_FILE, &text, &len, &format, &err), VK_OK);
    assert_string_equal(format, "docx");
    assert_int_equal(strlen(text), len);
    /* Numbering written out, one line a cell, the note after the body. */
    assert_non_null(strstr(text, "\nI- TÌNH HÌNH\n"));
    assert_non_null(strstr(text, "\n1. Mục đích\n"));
    assert_non_null(strstr(text, "\n1.1. Quán triệt nghị quyết\n"));
    assert_non_null(strstr(text, "\n2. Yêu cầu\n"));
    assert_non_null(strstr(text, "\nII- TỔ CHỨC THỰC HIỆN\n"));
    assert_non_null(strstr(text, "thủy lợi<sup>1</sup>."));
    assert_non_null(strstr(text, "khoá XIII, giữ vững"));
    assert_non_null(strstr(text, "\nTrang 3\n"));
    assert_non_null(strstr(text, "\nCác cấp ủy tổ chức thực hiện\nkế hoạch này.\n"));
    const char *note = strstr(text, "\n<sup>1</sup> Kế hoạch số 158-KH/TU");
    assert_non_null(note);
    assert_true(note > strstr(text, "Đinh Tiến"));
    /* Not deleted text, field codes, or the fallback copy of the text box. */
    assert_null(strstr(text, "XÓA"));
    assert_null(strstr(text, "PAGE"));
    const char *box = strstr(text, "Hộp văn bản");
    assert_non_null(box);
    assert_null(strstr(box + 1, "Hộp văn bản"));
    free(text);

    cp_file *f = parse_ok(path);
    assert_plan(f, (expect){"docx", 1, 1, 1});
    assert_string_equal(find_section(&f->docs[0], "I.1.1")->heading, "Quán triệt nghị quyết");
    assert_string_equal(f->docs[0].signer.name, "Đinh Tiến Dũng");
    find_para(&f->docs[0], "Các cấp ủy tổ chức thực hiện kế hoạch này.", NULL);
    cp_file_free(f);
}

/* The same plan saved as .docx by LibreOffice. */
static void
test_docx_libreoffice(void **state)
{
    (void)state;
    cp_file *f = parse_ok(data_path("ke-hoach.docx"));
    assert_plan(f, (expect){"docx", 1, 1, 1});
    assert_string_equal(find_section(&f->docs[0], "I.1.1")->heading, "Quán triệt nghị quyết");
    assert_string_equal(f->docs[0].signer.capacity, "Bí thư");
    cp_file_free(f);
}

/* ---------------------------------------------------------------------- */
/* .pdf                                                                   */
/* ---------------------------------------------------------------------- */

/* Lines of the plan as a PDF lays them out; "\f" starts a page. A sentence
 * runs from page 1 to page 2; the table's cells sit side by side. */
static const char *const pdf_lines[] = {
    "THÀNH ỦY HÀ NỘI",
    "*",
    "Số 256-KH/TU",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Hà Nội, ngày 28 tháng 7 năm 2023",
    "",
    "KẾ HOẠCH",
    "thực hiện Nghị quyết số 28-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII",
    "",
    "I- TÌNH HÌNH",
    "1. Mục đích",
    "Tổ chức quán triệt Nghị quyết của Ban Chấp hành Trung ương",
    "khóa XIII, giữ vững",
    "\f",
    "hòa bình và bảo đảm thủy lợi.",
    "Tiếp tục thực hiện Kết luận của Ban Chấp hành Trung ương khoá XIII,",
    "giữ vững hoà bình và bảo đảm thuỷ lợi.",
    "2. Yêu cầu",
    "Nội dung\tCơ quan chủ trì",
    "Tuyên truyền nghị quyết\tBan Tuyên giáo Thành ủy",
    "II- TỔ CHỨC THỰC HIỆN",
    "Các cấp ủy tổ chức thực hiện kế hoạch này."};

static void
write_pdf(const char *path, const char *const *lines, size_t n)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 10);
    double y = 60;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(lines[i], "\f") == 0) {
            cairo_show_page(cr);
            y = 60;
            continue;
        }
        /* A tab separates table cells, drawn in two columns. */
        char buf[256];
        snprintf(buf, sizeof buf, "%s", lines[i]);
        char *tab = strchr(buf, '\t');
        if (tab)
            *tab = '\0';
        cairo_move_to(cr, 50, y);
        cairo_show_text(cr, buf);
        if (tab) {
            cairo_move_to(cr, 320, y);
            cairo_show_text(cr, tab + 1);
        }
        y += lines[i][0] ? 16 : 24;
    }
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

static void
test_pdf(void **state)
{
    (void)state;
    const char *path = tmp_path("plan.pdf");
    write_pdf(path, pdf_lines, VK_ARRAY_LEN(pdf_lines));
    char *text = NULL;
    size_t len = 0;
    const char *format = NULL;
    vk_error err = {0};
    assert_int_equal(cp_read_file(path, CP_MAX_FILE, &text, &len, &format, &err), VK_OK);
    assert_string_equal(format, "pdf");
    /* The page break is a blank line, never a form feed. */
    assert_non_null(strstr(text, "giữ vững\n\nhòa bình"));
    assert_null(strchr(text, '\f'));
    free(text);

    cp_file *f = parse_ok(path);
    assert_plan(f, (expect){"pdf", 1, 0, 0});
    /* The sentence broken by the page is one paragraph again. */
    find_para(&f->docs[0], "khóa XIII, giữ vững hòa bình và bảo đảm thủy lợi.", NULL);
    cp_file_free(f);

    /* A .txt that is a PDF is read as a PDF. */
    char *bytes = NULL;
    assert_int_equal(vk_file_read(path, CP_MAX_FILE, &bytes, &len, &err), VK_OK);
    write_file(tmp_path("plan-pdf.txt"), bytes, len);
    free(bytes);
    f = parse_ok(tmp_path("plan-pdf.txt"));
    assert_string_equal(f->format, "pdf");
    cp_file_free(f);
}

/* ---------------------------------------------------------------------- */
/* .html                                                                  */
/* ---------------------------------------------------------------------- */

static const char html_page[] =
    "\xEF\xBB\xBF<!-- saved page -->\n<!DOCTYPE html>\n<html lang=\"vi\"><head>"
    "<meta charset=\"utf-8\"><title>Cổng thông tin</title>"
    "<style>body { color: red }</style><script>var menu = \"Trang chủ\";</script></head><body>"
    "<header><h1>Cổng thông tin điện tử Thành ủy</h1></header>"
    "<nav><ul><li><a href=\"/\">Trang chủ</a></li><li>Tin tức</li></ul></nav>"
    "<main><table><tr><td><p>THÀNH ỦY HÀ NỘI</p><p>*</p><p>Số 256-KH/TU</p></td>"
    "<td><p>ĐẢNG CỘNG SẢN VIỆT NAM</p><p><em>Hà Nội, ngày 28 tháng 7 năm 2023</em></p></td>"
    "</tr></table><h2>KẾ HOẠCH</h2>"
    "<p><b>thực hiện Nghị quyết số 28-NQ/TW</b> của Ban Chấp hành Trung ương Đảng\n"
    "      khóa XIII</p><h3>I- TÌNH HÌNH</h3><ol><li>Mục đích</li></ol>"
    "<p>Tổ chức quán triệt Nghị quyết của Ban Chấp hành Trung ương khóa XIII, giữ vững hòa "
    "bình và bảo&nbsp;đảm thủy lợi<sup>1</sup>.</p>"
    "<p>Tiếp tục thực hiện Kết luận của Ban Chấp hành Trung ương kho&#225; XIII, giữ vững "
    "hoà bình và bảo đảm thuỷ lợi.</p><p>2. Yêu cầu</p>"
    "<table><tr><th>Nội dung</th><th>Cơ quan chủ trì</th></tr>"
    "<tr><td>Tuyên truyền nghị quyết</td><td>Ban Tuyên giáo Thành ủy</td></tr></table>"
    "<h3>II- TỔ CHỨC THỰC HIỆN</h3><p>Các cấp ủy tổ chức thực hiện kế hoạch này.</p>"
    "<p><sup>1</sup> Kế hoạch số 158-KH/TU, ngày 27/6/2022 của Ban Thường vụ Thành ủy.</p>"
    "<form><input name=\"q\"><button>Tìm kiếm</button></form><noscript>Bật JavaScript</noscript>"
    "</main><aside>Bài viết liên quan</aside><footer>Bản quyền thuộc về Thành ủy</footer>"
    "<script>document.write(\"Quảng cáo\")</script></body></html>\n";

static void
test_html(void **state)
{
    (void)state;
    const char *path = tmp_path("plan.html");
    write_file(path, html_page, sizeof html_page - 1);
    char *text = NULL;
    size_t len = 0;
    const char *format = NULL;
    vk_error err = {0};
    assert_int_equal(cp_read_file(path, CP_MAX_FILE, &text, &len, &format, &err), VK_OK);
    assert_string_equal(format, "html");
    static const char *const left_out[] = {"Trang chủ", "Cổng thông tin", "Tin tức",
                                           "color",     "Tìm kiếm",       "JavaScript",
                                           "Bài viết",  "Bản quyền",      "Quảng cáo"};
    for (size_t i = 0; i < VK_ARRAY_LEN(left_out); i++) {
        if (strstr(text, left_out[i]))
            fail_msg("\"%s\" is not the page's main text", left_out[i]);
    }
    assert_non_null(strstr(text, "\n1. Mục đích\n"));
    assert_non_null(strstr(text, "Trung ương Đảng khóa XIII\n")); /* blanks collapsed */
    assert_non_null(strstr(text, "bảo đảm thủy lợi<sup>1</sup>."));
    free(text);

    cp_file *f = parse_ok(path);
    assert_plan(f, (expect){"html", 1, 1, 1});
    cp_file_free(f);

    /* No <main>: the <article>s, not what is around them. */
    static const char articles[] =
        "<html><body><div class=\"menu\">Trang chủ</div><article><p>Bài một: hòa bình.</p>"
        "</article><div>Quảng cáo</div><article><ul><li>đổi mới</li></ul></article></body></html>";
    path = tmp_path("articles.html");
    write_file(path, articles, sizeof articles - 1);
    assert_int_equal(cp_read_file(path, CP_MAX_FILE, &text, &len, &format, &err), VK_OK);
    assert_string_equal(text, "Bài một: hòa bình.\n\n- đổi mới");
    free(text);
}

/* Old pages in TCVN3 (.VnTime fonts), declared as Latin-1 or not at all,
 * keep their bytes for cp_text_prepare to detect; a page declared
 * windows-1258 is converted by libxml2. */
static void
test_html_legacy(void **state)
{
    (void)state;
    const char *utf8 = "kế hoạch thực hiện nghị quyết về tiếp tục đổi mới phương thức lãnh "
                       "đạo, cầm quyền của đảng đối với hệ thống chính trị trong giai đoạn mới";
    static const char *const targets[] = {"TCVN5712-1", "TCVN5712-1", "CP1258"};
    static const char *const heads[] = {
        "<html><body><p>",
        "<HTML><HEAD><META http-equiv=\"Content-Type\" "
        "content=\"text/html; charset=iso-8859-1\"></HEAD><BODY><P>",
        "<html><head><meta charset=\"windows-1258\"></head><body><p>"};
    for (size_t k = 0; k < 3; k++) {
        iconv_t cd = iconv_open(targets[k], "UTF-8");
        assert_true(cd != (iconv_t)-1);
        char in[512], page[1024];
        strcpy(in, utf8);
        size_t head = strlen(heads[k]);
        memcpy(page, heads[k], head);
        char *ip = in, *op = page + head;
        size_t il = strlen(in), ol = sizeof page - head - 32;
        assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
        iconv_close(cd);
        strcpy(op, "</p></body></html>");
        const char *path = tmp_path("legacy.html");
        write_file(path, page, strlen(page));
        char *text = NULL;
        size_t len = 0;
        cp_text clean = {0};
        vk_error err = {0};
        assert_int_equal(cp_read_file(path, CP_MAX_FILE, &text, &len, NULL, &err), VK_OK);
        assert_int_equal(cp_text_prepare(path, text, len, &clean, &err), VK_OK);
        assert_string_equal(clean.data, utf8);
        if (k < 2)
            assert_string_equal(clean.encoding, "tcvn3");
        free(text);
        free(clean.data);
    }
}

/* ---------------------------------------------------------------------- */
/* .doc                                                                   */
/* ---------------------------------------------------------------------- */

/* The plan saved as .doc by LibreOffice, through antiword (or catdoc). */
static void
test_doc(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    vk_error err = {0};
    const char *path = data_path("ke-hoach.doc");
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &text, &len, NULL, &err);
    if (rc == VK_EINVAL && strstr(err.msg, "needs antiword")) {
        skip(); /* neither tool installed */
        return;
    }
    assert_int_equal(rc, VK_OK);
    free(text);
    cp_file *f = parse_ok(path);
    /* antiword does not write Word's list numbers: no "1. Mục đích". */
    assert_plan(f, (expect){"doc", 0, 1, 1});
    cp_file_free(f);
}

/* catdoc alone, in a folder that PATH holds. */
static void
test_doc_catdoc(void **state)
{
    (void)state;
    const char *catdoc = "/usr/bin/catdoc";
    if (access(catdoc, X_OK) != 0) {
        skip();
        return;
    }
    char dir[4096], link[4200];
    snprintf(dir, sizeof dir, "%s", tmp_path("catdoc-only"));
    mkdir(dir, 0755);
    snprintf(link, sizeof link, "%s/catdoc", dir);
    unlink(link);
    assert_int_equal(symlink(catdoc, link), 0);
    char *old = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", dir, 1);
    cp_file *f = NULL;
    vk_error err = {0};
    vk_status rc = cp_file_parse(data_path("ke-hoach.doc"), &f, &err);
    setenv("PATH", old, 1);
    free(old);
    if (rc != VK_OK)
        fail_msg("%s", err.msg);
    /* catdoc drops the footnote's number. */
    assert_plan(f, (expect){"doc", 0, 1, 0});
    cp_file_free(f);
}

/* With neither tool on PATH, a .doc is skipped with what to install. */
static void
test_doc_missing_tool(void **state)
{
    (void)state;
    char *old = strdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", "", 1);
    char *text = NULL;
    size_t len = 0;
    const char *format = NULL;
    vk_error err = {0};
    const char *path = data_path("ke-hoach.doc");
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &text, &len, &format, &err);
    setenv("PATH", old, 1);
    free(old);
    assert_int_equal(rc, VK_EINVAL);
    assert_null(text);
    assert_string_equal(format, "doc");
    assert_non_null(
        strstr(err.msg, ": skipped: .doc needs antiword or catdoc (apt-get install antiword)"));
    assert_true(strstr(err.msg, path) == err.msg);
}

/* ---------------------------------------------------------------------- */
/* Formats, page breaks, samples                                          */
/* ---------------------------------------------------------------------- */

static void
test_detect_format(void **state)
{
    (void)state;
    static const struct {
        const char *bytes;
        size_t len;
        const char *format;
    } cases[] = {
        {"PK\3\4\x14\0\0\0\x08\0word/document.xml", 27, "docx"},
        {"PK\3\4\x14\0\0\0\x08\0xl/workbook.xml", 25, "text"}, /* a zip, not Word */
        {"%PDF-1.7\n", 9, "pdf"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, "doc"},
        {"<!DOCTYPE html><p>x", 19, "html"},
        {"\xEF\xBB\xBF  \n<HTML lang=vi>", 20, "html"},
        {"<?xml version=\"1.0\"?>\n<!-- c --><!doctype HTML>", 47, "html"},
        {"<html>", 6, "html"},
        {"<htmlx>", 7, "text"},
        {"<p>Nghị quyết</p>", 19, "text"},
        {"Nghị quyết số 28-NQ/TW", 24, "text"},
        {"", 0, "text"},
    };
    for (size_t i = 0; i < VK_ARRAY_LEN(cases); i++) {
        const char *got = cp_detect_format(cases[i].bytes, cases[i].len);
        if (strcmp(got, cases[i].format) != 0)
            fail_msg("case %zu: %s, wanted %s", i, got, cases[i].format);
    }
}

/* A form feed (pdftotext's page break) in a text file is a blank: the
 * sentence it broke is joined, a heading after it found, line numbers kept.
 * The samples read as text. */
static void
test_text(void **state)
{
    (void)state;
    static const char page[] = "I- TÌNH HÌNH\n\nCác cấp ủy giữ vững\n\f\nhòa bình và ổn định.\n"
                               "\fII- TỔ CHỨC THỰC HIỆN\n";
    const char *path = tmp_path("pages.txt");
    write_file(path, page, sizeof page - 1);
    cp_file *f = parse_ok(path);
    assert_string_equal(f->format, "text");
    find_para(&f->docs[0], "Các cấp ủy giữ vững hòa bình và ổn định.", NULL);
    /* Line numbers as in the file: as if the form feeds were not there. */
    static const char plain[] = "I- TÌNH HÌNH\n\nCác cấp ủy giữ vững\n\nhòa bình và ổn định.\n"
                                "II- TỔ CHỨC THỰC HIỆN\n";
    write_file(tmp_path("plain.txt"), plain, sizeof plain - 1);
    cp_file *g = parse_ok(tmp_path("plain.txt"));
    assert_int_equal(find_section(&f->docs[0], "II")->line, find_section(&g->docs[0], "II")->line);
    cp_file_free(g);
    cp_file_free(f);

    const char *src = getenv("VK_SOURCE_DIR");
    char sample[4096];
    snprintf(sample, sizeof sample, "%s/corpus/samples/ket-luan-21-KL-TW.md", src ? src : ".");
    f = parse_ok(sample);
    assert_string_equal(f->format, "text");
    assert_string_equal(f->docs[0].number, "21-KL/TW");
    cp_file_free(f);
}

/* ---------------------------------------------------------------------- */
/* Hostile files                                                          */
/* ---------------------------------------------------------------------- */

/* A document.xml of `size` bytes, mostly one letter repeated: it deflates
 * to a thousandth of its size. Returned malloc'd. */
static char *
huge_document(size_t size)
{
    static const char head[] = "<w:document " W_NS "><w:body><w:p><w:r><w:t>";
    static const char tail[] = "</w:t></w:r></w:p></w:body></w:document>";
    char *s = malloc(size);
    assert_non_null(s);
    memcpy(s, head, sizeof head - 1);
    memset(s + sizeof head - 1, 'a', size - (sizeof head - 1) - (sizeof tail - 1));
    memcpy(s + size - (sizeof tail - 1), tail, sizeof tail - 1);
    return s;
}

/* Sets the uncompressed size of the first entry, in its local header and
 * in the central directory, to `size`. */
static void
lie_about_size(const char *path, uint32_t size)
{
    char *z = NULL;
    size_t len = 0;
    vk_error err = {0};
    assert_int_equal(vk_file_read(path, CP_MAX_FILE, &z, &len, &err), VK_OK);
    unsigned char le[4] = {size & 0xFF, (size >> 8) & 0xFF, (size >> 16) & 0xFF, size >> 24};
    memcpy(z + 22, le, 4);
    for (size_t i = 0; i + 46 <= len; i++) {
        if (memcmp(z + i, "PK\1\2", 4) == 0) {
            memcpy(z + i + 24, le, 4);
            break;
        }
    }
    write_file(path, z, len);
    free(z);
}

static void
test_zip_bombs(void **state)
{
    (void)state;
    /* 65 MiB of XML in a zip of about 65 KB. */
    size_t size = CP_MAX_UNZIPPED + (1u << 20);
    char *doc = huge_document(size);
    const entry bomb[] = {{"word/document.xml", doc, size}};
    const char *path = tmp_path("bomb.docx");
    write_zip(path, bomb, 1);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size < 1024 * 1024);
    read_fails(path, VK_ETOOBIG, "zip bomb");
    /* The same archive claiming its entry is small: inflating stops at the
     * cap (or at the claimed size) all the same. */
    lie_about_size(path, 1000);
    char *text = NULL;
    size_t len = 0;
    vk_error err = {0};
    assert_int_not_equal(cp_read_file(path, CP_MAX_FILE, &text, &len, NULL, &err), VK_OK);
    assert_null(text);
    free(doc);

    /* Too many entries. */
    size_t n = CP_MAX_ZIP_ENTRIES + 1;
    entry *many = calloc(n, sizeof *many);
    char(*names)[32] = calloc(n, sizeof *names);
    assert_non_null(many);
    assert_non_null(names);
    many[0] = (entry)ENTRY("word/document.xml", docx_document);
    for (size_t i = 1; i < n; i++) {
        snprintf(names[i], sizeof names[i], "word/media/x%zu.xml", i);
        many[i] = (entry){names[i], "<x/>", 4};
    }
    path = tmp_path("many.docx");
    write_zip(path, many, n);
    free(many);
    free(names);
    read_fails(path, VK_ETOOBIG, "entries");

    /* Entity expansion ("billion laughs") is not done. */
    /* clang-format off */
    static const char laughs[] =
        XML_DECL "<!DOCTYPE w:document [<!ENTITY a \"hahahahahahahahahaha\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
        "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
        "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
        "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
        "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
        "<w:document " W_NS "><w:body><w:p><w:r><w:t>Nghị quyết &i;</w:t></w:r></w:p>"
        "</w:body></w:document>";
    /* clang-format on */
    const entry lol[] = {ENTRY("word/document.xml", laughs)};
    path = tmp_path("laughs.docx");
    write_zip(path, lol, 1);
    if (cp_read_file(path, CP_MAX_FILE, &text, &len, NULL, &err) == VK_OK) {
        assert_true(len < 1000);
        free(text);
    }
}

static void
test_broken_files(void **state)
{
    (void)state;
    char *text = NULL, *bytes = NULL;
    size_t len = 0;
    vk_error err = {0};

    /* A truncated .docx: its central directory is gone. */
    const char *path = tmp_path("plan.docx");
    write_plan_docx(path);
    assert_int_equal(vk_file_read(path, CP_MAX_FILE, &bytes, &len, &err), VK_OK);
    path = tmp_path("truncated.docx");
    write_file(path, bytes, len / 2);
    free(bytes);
    read_fails(path, VK_EINVAL, "broken .docx");

    /* A zip without word/document.xml is not Word: binary data, as before. */
    const entry other[] = {{"xl/workbook.xml", "<workbook/>", 11}};
    path = tmp_path("workbook.txt");
    write_zip(path, other, 1);
    cp_file *f = NULL;
    assert_int_equal(cp_file_parse(path, &f, &err), VK_EENCODING);
    assert_non_null(strstr(err.msg, "binary"));
    /* Nor is a .docx whose document.xml is not XML. */
    const entry notxml[] = {{"word/document.xml", "<w:document><w:p>", 17}};
    path = tmp_path("notxml.docx");
    write_zip(path, notxml, 1);
    read_fails(path, VK_EINVAL, "word/document.xml line");

    /* A binary file named .txt. */
    static const char bin[] = "\x7f"
                              "ELF\2\1\1\0\0\0\0\0\0\0\0\0\3\0>\0";
    path = tmp_path("binary.txt");
    write_file(path, bin, sizeof bin - 1);
    assert_int_equal(cp_file_parse(path, &f, &err), VK_EENCODING);
    assert_non_null(strstr(err.msg, "binary data"));
    assert_null(f);

    /* A PDF of garbage, a truncated PDF, a PDF with no text. */
    char garbage[4096] = "%PDF-1.7\n";
    uint32_t x = 12345;
    for (size_t i = 9; i < sizeof garbage; i++) {
        x = x * 1103515245u + 12345u;
        garbage[i] = (char)(x >> 24);
    }
    path = tmp_path("garbage.pdf");
    write_file(path, garbage, sizeof garbage);
    read_fails(path, VK_EINVAL, "broken PDF");
    path = tmp_path("plan.pdf");
    write_pdf(path, pdf_lines, VK_ARRAY_LEN(pdf_lines));
    assert_int_equal(vk_file_read(path, CP_MAX_FILE, &bytes, &len, &err), VK_OK);
    path = tmp_path("truncated.pdf");
    write_file(path, bytes, len / 3);
    free(bytes);
    if (cp_read_file(path, CP_MAX_FILE, &text, &len, NULL, &err) == VK_OK)
        free(text); /* poppler may rebuild what is left */
    else
        assert_non_null(strstr(err.msg, "PDF"));
    cairo_surface_t *s = cairo_pdf_surface_create(tmp_path("scan.pdf"), 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_rectangle(cr, 50, 50, 200, 100);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    read_fails(tmp_path("scan.pdf"), VK_EINVAL, "without a text layer");

    /* A small file whose text is over the limit. */
    char *doc = huge_document(100000);
    const entry big[] = {{"word/document.xml", doc, 100000}};
    path = tmp_path("big.docx");
    write_zip(path, big, 1);
    free(doc);
    assert_int_equal(cp_read_file(path, 50000, &text, &len, NULL, &err), VK_ETOOBIG);
    assert_null(text);
    assert_non_null(strstr(err.msg, "its text is larger than the limit of 50000 bytes"));
}

/* HTML nested 100000 deep: an error (libxml2 stops at 256 levels; the text
 * would be cut short), never a crash. */
static void
test_deep_html(void **state)
{
    (void)state;
    size_t depth = 100000;
    vk_buf b = VK_BUF_INIT;
    assert_int_equal(vk_buf_puts(&b, "<!DOCTYPE html><html><body>"), VK_OK);
    for (size_t i = 0; i < depth; i++)
        assert_int_equal(vk_buf_puts(&b, i % 2 ? "<div>" : "<span><b>"), VK_OK);
    assert_int_equal(vk_buf_puts(&b, "Nghị quyết sâu"), VK_OK);
    for (size_t i = 0; i < depth; i++)
        assert_int_equal(vk_buf_puts(&b, i % 2 ? "</span></b>" : "</div>"), VK_OK);
    assert_int_equal(vk_buf_puts(&b, "<p>cuối trang</p></body></html>"), VK_OK);
    const char *path = tmp_path("deep.html");
    write_file(path, b.data, b.len);
    vk_buf_free(&b);
    char *text = NULL;
    size_t len = 0;
    vk_error err = {0};
    vk_status rc = cp_read_file(path, CP_MAX_FILE, &text, &len, NULL, &err);
    if (rc == VK_OK) { /* a libxml2 without the limit */
        assert_non_null(strstr(text, "Nghị quyết sâu"));
        assert_non_null(strstr(text, "cuối trang"));
        free(text);
    } else {
        assert_int_equal(rc, VK_EINVAL);
        assert_non_null(strstr(err.msg, "nested deeper"));
        assert_true(strstr(err.msg, path) == err.msg);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect_format), cmocka_unit_test(test_text),
        cmocka_unit_test(test_docx),          cmocka_unit_test(test_docx_libreoffice),
        cmocka_unit_test(test_pdf),           cmocka_unit_test(test_html),
        cmocka_unit_test(test_html_legacy),   cmocka_unit_test(test_doc),
        cmocka_unit_test(test_doc_catdoc),    cmocka_unit_test(test_doc_missing_tool),
        cmocka_unit_test(test_zip_bombs),     cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_deep_html),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    /* cairo's font cache and fontconfig's configuration, for the leak checker. */
    cairo_debug_reset_static_data();
    FcFini();
    return failed;
}
