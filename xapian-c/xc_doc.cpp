// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_doc.cpp: documents under construction (xc_doc): postings, terms, values
// and stored data; and the sortable encoding of numbers for value slots.

#include "xapian-c/xc_internal.h"

#include <cstring>
#include <string>

using namespace xc_internal;

xc_status
xc_doc_new(xc_doc **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        *out = new xc_doc();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

void
xc_doc_free(xc_doc *doc) noexcept
{
    try {
        delete doc;
    }
    XC_CATCH_RETURN(ctx::db, )
}

xc_status
xc_doc_add_posting(xc_doc *doc, const char *term, size_t len, uint32_t pos,
                   uint32_t wdf_inc) noexcept
{
    try {
        if (!doc)
            return inval(__func__, "doc is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_doc_add_term(xc_doc *doc, const char *term, size_t len, uint32_t wdf_inc) noexcept
{
    try {
        if (!doc)
            return inval(__func__, "doc is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_doc_add_boolean_term(xc_doc *doc, const char *term, size_t len) noexcept
{
    try {
        if (!doc)
            return inval(__func__, "doc is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        doc->doc.add_boolean_term(std::string(term, len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_doc_set_value(xc_doc *doc, uint32_t slot, const char *data, size_t len) noexcept
{
    try {
        if (!doc)
            return inval(__func__, "doc is NULL");
        if (slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        if (!data && len)
            return inval(__func__, "data is NULL");
        doc->doc.add_value(slot, bytes(data, len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_doc_set_data(xc_doc *doc, const char *data, size_t len) noexcept
{
    try {
        if (!doc)
            return inval(__func__, "doc is NULL");
        if (!data && len)
            return inval(__func__, "data is NULL");
        doc->doc.set_data(bytes(data, len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

size_t
xc_sortable_serialise(double value, char buf[XC_SORTABLE_MAX]) noexcept
{
    try {
        if (!buf)
            return 0;
        std::string s = Xapian::sortable_serialise(value);
        if (s.size() > XC_SORTABLE_MAX)
            return 0; // cannot happen: Xapian writes at most 9 bytes
        std::memcpy(buf, s.data(), s.size());
        return s.size();
    }
    XC_CATCH_RETURN(ctx::db, 0)
}

double
xc_sortable_unserialise(const char *data, size_t len) noexcept
{
    try {
        if (!data && len)
            return 0.0;
        return Xapian::sortable_unserialise(bytes(data, len));
    }
    XC_CATCH_RETURN(ctx::db, 0.0)
}
