// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_error.cpp: the error kit of xapian-c (xc_internal.h): the message of the
// last failed call, kept per thread for xc_errmsg(), and map_exception(), the
// one place where Xapian's error classes become xc_status codes; also the
// status names and the Xapian version.

#include "xapian-c/xc_internal.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

using namespace xc_internal;

namespace
{

thread_local char errbuf[1024]; // message of the last failed call in this thread
thread_local xc_status errstatus = XC_OK; // and its status

void
set_errmsg(const char *a, const char *b, const char *c) noexcept
{
    // snprintf truncates safely; a truncated message is still useful.
    (void)std::snprintf(errbuf, sizeof errbuf, "%s: %s%s", a, b, c);
}

xc_status
xapian_fail(xc_status st, const Xapian::Error &e) noexcept
{
    set_errmsg(e.get_type(), e.get_msg().c_str(), "");
    errstatus = st;
    // get_error_string() builds a string and may itself throw.
    try {
        const char *sys = e.get_error_string();
        if (sys) {
            size_t used = std::strlen(errbuf);
            (void)std::snprintf(errbuf + used, sizeof errbuf - used, " (%s)", sys);
        }
    } catch (...) {
        // The message without the system error text is good enough.
    }
    return st;
}

} // namespace

namespace xc_internal
{

xc_status
fail(xc_status st, const char *fn, const char *what) noexcept
{
    set_errmsg(fn, what, "");
    errstatus = st;
    return st;
}

xc_status
inval(const char *fn, const char *what) noexcept
{
    return fail(XC_EINVAL, fn, what);
}

// Rethrows the exception being handled and maps it to a status, keeping its
// message. Only ever called from a catch (...) block. The most derived
// classes come first: DatabaseLockError, DatabaseNotFoundError and
// DatabaseVersionError all derive from classes caught further down.
xc_status
map_exception(ctx where) noexcept
{
    const xc_status bad_query = where == ctx::query ? XC_EBADQUERY : XC_EXAPIAN;
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return xapian_fail(XC_ELOCKED, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xapian_fail(XC_EMODIFIED, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xapian_fail(XC_ECORRUPT, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        return xapian_fail(XC_EVERSION, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return xapian_fail(XC_ENOTFOUND, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return xapian_fail(XC_EOPENING, e);
    } catch (const Xapian::DatabaseCreateError &e) {
        // Could not create the database (permissions, a file in the way).
        return xapian_fail(XC_EOPENING, e);
    } catch (const Xapian::DatabaseError &e) {
        return xapian_fail(XC_EIO, e);
    } catch (const Xapian::DocNotFoundError &e) {
        return xapian_fail(XC_ENOTFOUND, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xapian_fail(XC_EINVAL, e);
    } catch (const Xapian::QueryParserError &e) {
        return xapian_fail(bad_query, e);
    } catch (const Xapian::InvalidOperationError &e) {
        return xapian_fail(bad_query, e);
    } catch (const Xapian::UnimplementedError &e) {
        return xapian_fail(bad_query, e);
    } catch (const Xapian::Error &e) {
        return xapian_fail(XC_EXAPIAN, e);
    } catch (const std::bad_alloc &) {
        return fail(XC_ENOMEM, "std::bad_alloc", "out of memory");
    } catch (const std::exception &e) {
        return fail(XC_EINTERNAL, "std::exception", e.what());
    } catch (...) {
        return fail(XC_EINTERNAL, "exception", "unknown exception");
    }
}

// Checks a term or key: not NULL, not empty, at most XC_MAX_TERM bytes.
xc_status
check_term(const char *fn, const char *term, size_t len) noexcept
{
    if (!term)
        return inval(fn, "term is NULL");
    if (len == 0)
        return inval(fn, "term is empty");
    if (len > XC_MAX_TERM)
        return inval(fn, "term is longer than XC_MAX_TERM (245) bytes");
    return XC_OK;
}

// Bytes from (pointer, length); NULL is allowed only with length 0.
std::string
bytes(const char *p, size_t len)
{
    return p ? std::string(p, len) : std::string();
}

// Copies s into a malloc'd NUL-terminated string for the caller to free().
xc_status
dup_out(const char *fn, const std::string &s, char **out, size_t *out_len) noexcept
{
    if (s.size() >= std::numeric_limits<size_t>::max())
        return fail(XC_ENOMEM, fn, "string too long to copy");
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        return fail(XC_ENOMEM, fn, "out of memory");
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    *out = p;
    if (out_len)
        *out_len = s.size();
    return XC_OK;
}

} // namespace xc_internal

// ---------------------------------------------------------------------------
// Status and version
// ---------------------------------------------------------------------------

const char *
xc_status_str(xc_status st) noexcept
{
    try {
        switch (st) {
        case XC_OK: return "ok";
        case XC_EINVAL: return "invalid argument";
        case XC_ENOMEM: return "out of memory";
        case XC_ENOTFOUND: return "not found";
        case XC_ELOCKED: return "locked";
        case XC_EMODIFIED: return "modified";
        case XC_ECORRUPT: return "corrupt";
        case XC_EVERSION: return "unsupported version";
        case XC_EBADQUERY: return "bad query";
        case XC_EOPENING: return "cannot open";
        case XC_EIO: return "i/o error";
        case XC_EXAPIAN: return "xapian error";
        case XC_EINTERNAL: return "internal error";
        }
        return "unknown status";
    }
    XC_CATCH_RETURN(ctx::db, "unknown status")
}

const char *
xc_errmsg(void) noexcept
{
    // Nothing here can throw, and a catch would overwrite the very message
    // being read.
    return errbuf;
}

xc_status
xc_errstatus(void) noexcept
{
    return errstatus;
}

const char *
xc_xapian_version(void) noexcept
{
    try {
        return Xapian::version_string();
    }
    XC_CATCH_RETURN(ctx::db, "")
}
