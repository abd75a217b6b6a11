/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fields.c: the fields of the query language, one row each (field_internal.h):
 * names, how a value is checked, which builder of build.c makes its filter.
 */
#include <stdio.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "corpus/cp.h"
#include "query/field_internal.h"
#include "query/label_internal.h"
#include "query/qr.h"

static const char *
check_number(const char *v)
{
    an_docnum d;
    return an_docnum_parse(v, strlen(v), &d) ? NULL : _("wants a document number such as 28-NQ/TW");
}

static const char *
check_type(const char *v)
{
    if (qr_text_kind(v) || cp_type_by_name(v, strlen(v)) || cp_type_by_code(v, strlen(v)))
        return NULL;
    if (strchr(v, '-')) { /* a slug: nghi-quyet */
        char buf[64];
        snprintf(buf, sizeof buf, "%s", v);
        for (char *c = buf; *c; c++)
            *c = *c == '-' ? ' ' : *c;
        return cp_type_by_name(buf, strlen(buf)) ? NULL : _("is not a document type");
    }
    return _("is not a document type (Nghị quyết, nghi-quyet or NQ) nor a kind of text "
             "(vanban, khac, hoidap, bachkhoa, tintuc)");
}

static const char *
check_term(const char *v)
{
    size_t k = strspn(v, "IVXLivxl0123456789");
    return k && !v[k] ? NULL : _("wants a term such as XIII");
}

/* muc:Điều 8 written without quotes leaves the word alone ("Điều",
 * "chuong"): the number is wanted too. */
static const char *
check_section(const char *v)
{
    static const char *const words[] = {"dieu", "chuong", "muc", "phan", "khoan", "diem"};
    vk_buf f = VK_BUF_INIT;
    int bare = 0;
    if (an_fold_text(v, strlen(v), &f) == VK_OK && f.data) {
        for (size_t i = 0; i < VK_ARRAY_LEN(words) && !bare; i++)
            bare = strcmp(f.data, words[i]) == 0;
    }
    vk_buf_free(&f);
    return bare ? _("wants the number too, in quotes: muc:\"Điều 8\"") : NULL;
}

static const char *
check_article(const char *v)
{
    vk_buf l = VK_BUF_INIT;
    int ok = qr_section_label(QR_F_ARTICLE, v, &l) == VK_OK && l.len;
    vk_buf_free(&l);
    return ok ? NULL : _("wants an article such as 5, or its khoản and điểm: 5.2, 5.2.a");
}

/* In the order a request's filters are written into its query
 * (qr_request_text) and the daemon reads its parameters. */
static const qr_field_def fields[] = {
    {QR_F_TYPE, "loai", "type", 0, 1, check_type, qr_build_type},
    {QR_F_YEAR, "nam", "year", 0, 1, NULL, qr_build_year},
    {QR_F_DATE, "ngay", "date", 0, 1, NULL, qr_build_date},
    {QR_F_SECTION, "muc", "section", 0, 1, check_section, qr_build_section},
    {QR_F_HEADING, "tieude", "heading", 1, 1, NULL, qr_build_heading},
    {QR_F_ISSUER, "coquan", "issuer", 1, 1, NULL, qr_build_issuer},
    {QR_F_TERM, "khoa", "term", 0, 1, check_term, qr_build_term},
    {QR_F_CITES, "trich", "cites", 0, 0, check_number, qr_build_number},
    {QR_F_NUMBER, "so", "number", 0, 0, check_number, qr_build_number},
    {QR_F_ARTICLE, "dieu", "article", 0, 1, check_article, qr_build_section},
};

const qr_field_def *
qr_field_def_of(qr_field f)
{
    for (size_t i = 0; i < VK_ARRAY_LEN(fields); i++) {
        if (fields[i].field == f)
            return &fields[i];
    }
    return &fields[0]; /* not reached for a qr_field value */
}

const qr_field_def *
qr_field_def_named(const char *name, size_t len)
{
    vk_buf f = VK_BUF_INIT;
    const qr_field_def *d = NULL;
    if (an_fold_text(name, len, &f) == VK_OK && f.data) {
        for (size_t i = 0; i < VK_ARRAY_LEN(fields) && !d; i++) {
            if (strcmp(f.data, fields[i].name) == 0 || strcmp(f.data, fields[i].alias) == 0)
                d = &fields[i];
        }
    }
    vk_buf_free(&f);
    return d;
}

int
qr_field_at(size_t i, qr_field *field, const char **alias)
{
    if (i >= VK_ARRAY_LEN(fields))
        return 0;
    *field = fields[i].field;
    *alias = fields[i].alias;
    return 1;
}
