/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_corpus.c: the structure parser on the four sample documents (expected
 * values written by reading the documents), on noisy variants of the same
 * text, and on broken input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <iconv.h>

#include "common/file.h"
#include "corpus/cite.h"
#include "corpus/cp.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static char path_buf[4096];

static const char *
sample(const char *name)
{
    const char *src = getenv("VK_SOURCE_DIR");
    snprintf(path_buf, sizeof path_buf, "%s/corpus/samples/%s", src ? src : ".", name);
    return path_buf;
}

static cp_file *
parse_sample(const char *name)
{
    cp_file *f = NULL;
    vk_error err = {0};
    vk_status rc = cp_file_parse(sample(name), &f, &err);
    if (rc != VK_OK)
        fail_msg("%s", err.msg);
    return f;
}

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

static void
assert_date(const cp_doc *d, const char *iso)
{
    char buf[11];
    assert_string_equal(cp_date_iso(&d->date, buf), iso);
}

/* 21-KL/TW: its own number, not the certified copy's 130-BS/VPQU. */
static void
test_ket_luan_21(void **state)
{
    (void)state;
    cp_file *f = parse_sample("ket-luan-21-KL-TW.md");
    assert_int_equal(f->n_docs, 1);
    const cp_doc *d = &f->docs[0];
    assert_string_equal(d->type_name, "Kết luận");
    assert_string_equal(d->type_code, "KL");
    assert_string_equal(d->number, "21-KL/TW");
    assert_date(d, "2021-10-25");
    assert_string_equal(d->place, "Hà Nội");
    assert_string_equal(d->conference, "Hội nghị lần thứ tư");
    assert_string_equal(d->term, "XIII");
    assert_non_null(strstr(d->title, "về đẩy mạnh xây dựng, chỉnh đốn Đảng"));
    assert_non_null(strstr(d->title, "\"tự chuyển hoá\""));
    /* I with 1 and 2, 2 with 2.1 to 2.5, II with 1 to 4. */
    assert_string_equal(find_section(d, "I")->heading, "MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP");
    assert_string_equal(find_section(d, "I.1")->heading, "Mục tiêu");
    const cp_section *s = find_section(d, "I.2.3");
    assert_string_equal(s->heading, "Tập trung hoàn thiện cơ chế, chính sách");
    assert_int_equal(s->level, 3);
    assert_string_equal(d->sections[s->parent].label, "I.2");
    find_section(d, "I.2.5");
    assert_string_equal(find_section(d, "II")->heading, "TỔ CHỨC THỰC HIỆN");
    find_section(d, "II.4");
    /* The body ends before the signature: II.4 keeps its own paragraph only. */
    assert_int_equal(find_section(d, "II.4")->n_paras, 2);
    assert_string_equal(d->issuer, "Ban Chấp hành Trung ương");
    assert_string_equal(d->signer.authority, "T/M");
    assert_string_equal(d->signer.on_behalf_of, "Ban Chấp hành Trung ương");
    assert_string_equal(d->signer.capacity, "Tổng Bí thư");
    assert_string_equal(d->signer.name, "Nguyễn Phú Trọng"); /* "Đã ký: ..." */
    assert_int_equal(d->n_recipients, 0); /* the Nơi nhận below is the copy's */
    /* The certified copy of the Ba Đình district office, kept apart. */
    assert_non_null(d->copy);
    assert_string_equal(d->copy->kind, "Sao lục");
    assert_string_equal(d->copy->number, "130-BS/VPQU");
    assert_string_equal(d->copy->issuer, "Quận ủy Ba Đình - Văn phòng");
    assert_string_equal(d->copy->place, "Ba Đình");
    assert_int_equal(d->copy->date.year, 2021);
    assert_int_equal(d->copy->date.month, 11);
    assert_int_equal(d->copy->date.day, 8);
    assert_string_equal(d->copy->signer.authority, "K/T");
    assert_string_equal(d->copy->signer.on_behalf_of, "Chánh Văn phòng");
    assert_string_equal(d->copy->signer.capacity, "Phó Chánh Văn phòng");
    assert_string_equal(d->copy->signer.name, "Nguyễn Thị Thu Thủy");
    assert_int_equal(d->copy->n_recipients, 4);
    assert_string_equal(d->copy->recipients[2], "Các TCCS Đảng trực thuộc");
    assert_string_equal(d->copy->recipients[3], "Lưu VP");
    /* The digital-signature stamp at the top. */
    assert_non_null(d->stamp);
    assert_string_equal(d->stamp->signed_by, "Thành ủy Hà Nội");
    assert_string_equal(d->stamp->agency, "Thành ủy Hà Nội");
    assert_string_equal(d->stamp->signed_at, "2021-11-05T15:00:30+07:00");
    /* Footnote 1 ("bốn nguy cơ<sup>1</sup>") in the preamble. */
    assert_int_equal(d->n_footnotes, 1);
    assert_string_equal(d->footnotes[0].label, "1");
    assert_true(strncmp(d->footnotes[0].text, "Nguy cơ tụt hậu xa hơn về kinh tế", 30) == 0);
    assert_string_equal(d->sections[d->footnotes[0].section].label, "");
    cp_file_free(f);
}

/* 04-KL/BTCTW: spaces around the dash, the date line before the number. */
static void
test_ket_luan_04(void **state)
{
    (void)state;
    cp_file *f = parse_sample("ket-luan-04-KL-BTCTW.md");
    const cp_doc *d = &f->docs[0];
    assert_string_equal(d->number, "04-KL/BTCTW");
    assert_string_equal(d->type_name, "Kết luận");
    assert_date(d, "2018-01-22");
    assert_string_equal(d->place, "Hà Nội");
    assert_null(d->term);
    assert_string_equal(d->title, "Hội nghị toàn quốc tổng kết công tác tổ chức xây dựng Đảng "
                                  "năm 2017, triển khai nhiệm vụ năm 2018");
    assert_string_equal(find_section(d, "I.2")->heading, "Hạn chế, yếu kém");
    assert_string_equal(find_section(d, "III")->heading, "TỔ CHỨC THỰC HIỆN");
    /* "(1) Toàn Ngành ..." items are paragraphs, not sections. */
    assert_int_equal(find_section(d, "I.2")->n_paras, 4);
    /* Signed by the head of the board, on nobody's behalf; no issuer line. */
    assert_null(d->signer.authority);
    assert_string_equal(d->signer.capacity, "Trưởng ban");
    assert_string_equal(d->signer.name, "Phạm Minh Chính");
    assert_null(d->issuer);
    assert_null(d->copy);
    assert_int_equal(d->n_recipients, 8);
    assert_string_equal(d->recipients[0],
                        "Các Đ/c Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng (để báo cáo)");
    assert_string_equal(d->recipients[7], "Lưu VP, TH");
    cp_file_free(f);
}

/* The plan 256-KH/TU with resolution 28-NQ/TW appended: two documents. */
static void
test_ke_hoach_256(void **state)
{
    (void)state;
    cp_file *f = parse_sample("ke-hoach-256-KH-TU.md");
    assert_int_equal(f->n_docs, 2);
    const cp_doc *kh = &f->docs[0], *nq = &f->docs[1];
    assert_string_equal(kh->number, "256-KH/TU");
    assert_string_equal(kh->type_name, "Kế hoạch");
    assert_date(kh, ""); /* the plan's own date is not in the file */
    assert_non_null(strstr(kh->title, "Thực hiện Nghị quyết số 28-NQ/TW"));
    /* The repeated 4.1. keeps both sections. */
    assert_non_null(strstr(find_section(kh, "V.4.1")->heading, "Xây dựng kế hoạch"));
    assert_non_null(strstr(find_section(kh, "V.4.1~2")->heading, "Quan tâm đào tạo"));
    find_section(kh, "V.11.11");
    find_section(kh, "VI.3");
    /* A break after "khóa", its numeral on the next page, is joined too. */
    const cp_section *i2 = find_section(kh, "I.2");
    int joined = 0;
    for (size_t p = 0; p < i2->n_paras; p++)
        joined |= strstr(i2->paras[p], "Ban Chấp hành Trung ương khóa XIII và các nghị quyết") != NULL;
    assert_true(joined);
    /* A paragraph broken across a page break is joined ("... từ" / "chức;"). */
    const cp_section *s = find_section(kh, "V.5.5");
    assert_int_equal(s->n_paras, 2);
    assert_non_null(strstr(s->paras[0], "miễn nhiệm, từ chức; công tác bảo vệ chính trị nội bộ"));

    assert_string_equal(nq->number, "28-NQ/TW");
    assert_string_equal(nq->type_name, "Nghị quyết");
    assert_date(nq, "2022-11-17");
    assert_string_equal(nq->conference, "Hội nghị lần thứ sáu");
    assert_string_equal(nq->term, "XIII");
    assert_string_equal(nq->title, "về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng "
                                   "đối với hệ thống chính trị trong giai đoạn mới");
    assert_string_equal(find_section(nq, "III.3.2")->heading, "Về công tác cán bộ");
    /* The resolution is appended to the plan ("Kèm theo Nghị quyết số 28-NQ/TW"). */
    assert_int_equal(nq->attached_to, 0);
    assert_int_equal(kh->attached_to, -1);
    assert_string_equal(nq->issuer, "Ban Chấp hành Trung ương");
    assert_string_equal(nq->place, "Hà Nội");
    assert_string_equal(nq->signer.name, "Nguyễn Phú Trọng");
    assert_string_equal(nq->signer.capacity, "Tổng Bí thư");
    /* The plan: on behalf of the city committee, by its secretary. */
    assert_string_equal(kh->signer.authority, "T/M");
    assert_string_equal(kh->signer.on_behalf_of, "Thành ủy");
    assert_string_equal(kh->signer.capacity, "Bí thư");
    assert_string_equal(kh->signer.name, "Trần Đình Khoa");
    assert_string_equal(kh->issuer, "Thành ủy");
    assert_int_equal(kh->n_recipients, 11);
    assert_string_equal(kh->recipients[0], "Thường trực Tỉnh ủy (báo cáo)");
    assert_string_equal(kh->recipients[10], "Lưu Văn phòng Thành ủy");
    /* Citations, with their section: the list "Nghị quyết số 18, 19-NQ/TW,
     * ngày 25/10/2017 của Ban Chấp hành Trung ương khóa XII" in V.2.1 gives
     * two, sharing date, issuer and term; "(Kèm theo Nghị quyết số 28-NQ/TW
     * ...)" in VI.3. */
    int seen18 = 0, seen19 = 0, seen_kem = 0;
    for (size_t k = 0; k < kh->n_citations; k++) {
        const cp_citation *c = &kh->citations[k];
        const char *label = kh->sections[c->section].label;
        if (!c->number || strcmp(label, "V.2.1") != 0) {
            if (c->number && strcmp(c->number, "28-NQ/TW") == 0 && strcmp(label, "VI.3") == 0)
                seen_kem = c->relation && strcmp(c->relation, "kèm theo") == 0;
            continue;
        }
        if (strcmp(c->number, "18-NQ/TW") == 0 || strcmp(c->number, "19-NQ/TW") == 0) {
            seen18 |= c->number[1] == '8';
            seen19 |= c->number[1] == '9';
            assert_string_equal(c->type_name, "Nghị quyết");
            assert_int_equal(c->date.year, 2017);
            assert_int_equal(c->date.month, 10);
            assert_int_equal(c->date.day, 25);
            assert_string_equal(c->term, "XII");
            assert_string_equal(c->issuer, "Ban Chấp hành Trung ương");
        }
    }
    assert_true(seen18 && seen19 && seen_kem);
    /* Footnote 1: its marker is in III.3 ("nhiệm kỳ 2020-2025<sup>1</sup>"). */
    assert_int_equal(kh->n_footnotes, 1);
    assert_string_equal(kh->footnotes[0].text,
                        "Kế hoạch số 158-KH/TU, ngày 27/6/2022 của Ban Thường vụ Thành ủy");
    assert_string_equal(kh->sections[kh->footnotes[0].section].label, "III.3");
    cp_file_free(f);
}

/* The resolution without its header: no number line at all. */
static void
test_nghi_quyet_no_number(void **state)
{
    (void)state;
    cp_file *f = parse_sample("nghi-quyet-hoi-nghi-6-khoa-xiii.txt");
    assert_int_equal(f->n_docs, 1);
    const cp_doc *d = &f->docs[0];
    assert_null(d->number);
    assert_null(d->place);
    assert_date(d, "");
    assert_string_equal(d->type_name, "Nghị quyết");
    assert_string_equal(d->conference, "Hội nghị lần thứ sáu");
    assert_string_equal(d->term, "XIII");
    /* I to IV; III with 1 to 6; III.3 with 3.1 and 3.2. */
    const char *labels[] = {"I", "II", "II.1", "II.2", "III", "III.1", "III.2", "III.3",
                            "III.3.1", "III.3.2", "III.4", "III.5", "III.6", "IV", "IV.1",
                            "IV.6"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        find_section(d, labels[i]);
    const cp_section *s = find_section(d, "III.3.1");
    assert_string_equal(d->sections[s->parent].label, "III.3");
    assert_string_equal(s->heading, "Về tổ chức bộ máy");
    /* "1.<NBSP>Bộ Chính trị ..." is a numbered item too. */
    assert_non_null(strstr(find_section(d, "IV.1")->heading, "Bộ Chính trị ban hành"));
    /* No issuer line: the committee line under the conference names it. */
    assert_string_equal(d->issuer, "Ban Chấp hành Trung ương Đảng");
    assert_string_equal(d->signer.name, "Nguyễn Phú Trọng");
    /* Recipients broken over lines are joined: "- Các đồng chí Uỷ viên" /
     * "Ban Chấp hành Trung ương Đảng,". */
    assert_int_equal(d->n_recipients, 6);
    assert_string_equal(d->recipients[1], "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ "
                                          "trực thuộc Trung ương");
    assert_string_equal(d->recipients[4], "Các đồng chí Uỷ viên Ban Chấp hành Trung ương Đảng");
    cp_file_free(f);
}

static cp_file *
parse_text(const char *text, size_t len)
{
    cp_text clean = {0};
    vk_error err = {0};
    cp_file *f = NULL;
    assert_int_equal(cp_text_prepare("test", text, len, &clean, &err), VK_OK);
    assert_int_equal(cp_parse_text("test", clean.data, clean.len, &f, &err), VK_OK);
    free(clean.data);
    return f;
}

/* Compares the parts of two models that noise must not change. */
static void
assert_same_model(const cp_file *a, const cp_file *b)
{
    assert_int_equal(a->n_docs, b->n_docs);
    for (size_t d = 0; d < a->n_docs; d++) {
        const cp_doc *x = &a->docs[d], *y = &b->docs[d];
        assert_int_equal(x->n_sections, y->n_sections);
        assert_true((x->number == NULL) == (y->number == NULL));
        if (x->number)
            assert_string_equal(x->number, y->number);
        assert_int_equal(x->date.year, y->date.year);
        for (size_t s = 0; s < x->n_sections; s++) {
            assert_string_equal(x->sections[s].label, y->sections[s].label);
            assert_int_equal(x->sections[s].n_paras, y->sections[s].n_paras);
        }
    }
}

/* The same document with Windows line ends and a byte-order mark, or
 * without its markdown marks, gives the same model. */
static void
test_noise(void **state)
{
    (void)state;
    char *raw = NULL;
    size_t len = 0;
    vk_error err = {0};
    assert_int_equal(vk_file_read(sample("ket-luan-21-KL-TW.md"), CP_MAX_FILE, &raw, &len, &err),
                     VK_OK);
    cp_file *plain = parse_text(raw, len);

    char *crlf = malloc(2 * len + 3);
    size_t n = 0;
    memcpy(crlf, "\xEF\xBB\xBF", 3);
    n = 3;
    for (size_t i = 0; i < len; i++) {
        if (raw[i] == '\n')
            crlf[n++] = '\r';
        crlf[n++] = raw[i];
    }
    cp_file *win = parse_text(crlf, n);
    assert_same_model(plain, win);

    /* Strip every markdown mark: # at line starts, *, and \ escapes. */
    char *bare = malloc(len + 1);
    n = 0;
    int line_start = 1;
    for (size_t i = 0; i < len; i++) {
        if ((line_start && raw[i] == '#') || raw[i] == '*' || raw[i] == '\\')
            continue;
        line_start = raw[i] == '\n';
        bare[n++] = raw[i];
    }
    cp_file *nomd = parse_text(bare, n);
    assert_same_model(plain, nomd);
    assert_string_equal(plain->docs[0].title, nomd->docs[0].title);

    /* The same text decomposed (NFD), as copy-paste from old tools gives. */
    UChar *u16 = malloc(2 * len * sizeof *u16 + 16), *d16 = malloc(4 * len * sizeof *d16 + 16);
    char *nfd = malloc(6 * len + 16);
    int32_t n16 = 0, nd = 0;
    UErrorCode uerr = U_ZERO_ERROR;
    u_strFromUTF8(u16, (int32_t)(2 * len + 8), &n16, raw, (int32_t)len, &uerr);
    nd = unorm2_normalize(unorm2_getNFDInstance(&uerr), u16, n16, d16, (int32_t)(4 * len + 8),
                          &uerr);
    int32_t n8 = 0;
    u_strToUTF8(nfd, (int32_t)(6 * len + 8), &n8, d16, nd, &uerr);
    assert_false(U_FAILURE(uerr));
    assert_true((size_t)n8 > len); /* it did decompose */
    cp_file *dec = parse_text(nfd, (size_t)n8);
    assert_same_model(plain, dec);
    assert_string_equal(plain->docs[0].title, dec->docs[0].title);
    assert_string_equal(plain->docs[0].signer.name, dec->docs[0].signer.name);

    cp_file_free(plain);
    cp_file_free(win);
    cp_file_free(nomd);
    cp_file_free(dec);
    free(u16);
    free(d16);
    free(nfd);
    free(crlf);
    free(bare);
    free(raw);
}

static void
test_broken_input(void **state)
{
    (void)state;
    cp_text out = {0};
    vk_error err = {0};
    const char bin[] = "PK\x03\x04\x00\x00binary";
    assert_int_equal(cp_text_prepare("a.bin", bin, sizeof bin - 1, &out, &err), VK_EENCODING);
    assert_non_null(strstr(err.msg, "binary"));
    const char bad[] = "Nghị quyết\nsố \xff\xfe";
    assert_int_equal(cp_text_prepare("b.txt", bad, sizeof bad - 1, &out, &err), VK_EENCODING);
    assert_non_null(strstr(err.msg, "b.txt:2:")); /* names the line */
    assert_int_equal(cp_text_prepare("c.txt", "", 0, &out, &err), VK_EINVAL);
    assert_int_equal(cp_text_prepare("d.txt", " \n\n- \n", 6, &out, &err), VK_EINVAL);
    assert_null(out.data);

    /* A 10 MB single line: a model, not a crash. */
    size_t big = 10u * 1024u * 1024u;
    char *line = malloc(big);
    assert_non_null(line);
    for (size_t i = 0; i < big; i++)
        line[i] = "abc def "[i % 8];
    cp_file *f = parse_text(line, big);
    assert_int_equal(f->n_docs, 1);
    assert_true(f->docs[0].n_sections >= 1);
    cp_file_free(f);
    free(line);

    cp_file *missing = NULL;
    assert_int_equal(cp_file_parse("/nonexistent/x.txt", &missing, &err), VK_ENOTFOUND);
    assert_null(missing);
}

/* A file in TCVN3 (the .VnTime fonts' encoding) is converted when read.
 * The bytes are made with glibc's converter, independently of ours. */
static void
test_legacy_file(void **state)
{
    (void)state;
    const char *utf8 = "kế hoạch thực hiện nghị quyết về tiếp tục đổi mới phương thức lãnh "
                       "đạo, cầm quyền của đảng đối với hệ thống chính trị trong giai đoạn mới";
    iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char in[512], outb[512];
    strcpy(in, utf8);
    char *ip = in, *op = outb;
    size_t il = strlen(in), ol = sizeof outb;
    assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
    iconv_close(cd);
    size_t n = sizeof outb - ol;
    cp_text clean = {0};
    vk_error err = {0};
    assert_int_equal(cp_text_prepare("old.txt", outb, n, &clean, &err), VK_OK);
    assert_string_equal(clean.encoding, "tcvn3");
    assert_string_equal(clean.data, utf8);
    free(clean.data);
}

static void
test_clean_line(void **state)
{
    (void)state;
    char out[256];
    const char *in = "## **V- NHIỆM VỤ CỤ THỂ**  ";
    cp_clean_line(in, strlen(in), out);
    assert_string_equal(out, "V- NHIỆM VỤ CỤ THỂ");
    in = "\\*"; /* the star under an issuer's name carries no text */
    assert_int_equal(cp_clean_line(in, strlen(in), out), 0);
    in = "bốn nguy cơ<sup>1</sup> mà";
    cp_clean_line(in, strlen(in), out);
    assert_string_equal(out, "bốn nguy cơ[1] mà");
    in = "<sup>1</sup> Kế hoạch số 158-KH/TU";
    cp_clean_line(in, strlen(in), out);
    assert_string_equal(out, "[1] Kế hoạch số 158-KH/TU");
    in = "-----";
    assert_int_equal(cp_clean_line(in, strlen(in), out), 0);
    in = "1.\xc2\xa0"
         "Bộ Chính trị";
    cp_clean_line(in, strlen(in), out);
    assert_string_equal(out, "1. Bộ Chính trị");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ket_luan_21),  cmocka_unit_test(test_ket_luan_04),
        cmocka_unit_test(test_ke_hoach_256), cmocka_unit_test(test_nghi_quyet_no_number),
        cmocka_unit_test(test_noise),        cmocka_unit_test(test_broken_input),
        cmocka_unit_test(test_clean_line),   cmocka_unit_test(test_legacy_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
