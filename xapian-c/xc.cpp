// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc.cpp: implementation of the C API in xc.h over libxapian 1.4. Every exported
// function is noexcept and ends in one catch (...) that hands the exception to
// map_exception(), the single place where Xapian's error classes become
// xc_status codes and the message is kept for xc_errmsg().

#include "xapian-c/xc.h"

#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

// The header promises uint32_t for Xapian's ids and counts; make sure that holds.
static_assert(std::is_same<Xapian::docid, uint32_t>::value, "docid is not uint32_t");
static_assert(std::is_same<Xapian::doccount, uint32_t>::value, "doccount is not uint32_t");
static_assert(std::is_same<Xapian::termcount, uint32_t>::value, "termcount is not uint32_t");
static_assert(std::is_same<Xapian::termpos, uint32_t>::value, "termpos is not uint32_t");
static_assert(std::is_same<Xapian::valueno, uint32_t>::value, "valueno is not uint32_t");
static_assert(std::is_unsigned<Xapian::rev>::value && sizeof(Xapian::rev) <= sizeof(uint64_t),
              "rev does not fit uint64_t");

struct xc_doc {
    Xapian::Document doc; // the document being built
};

struct xc_wdb {
    Xapian::WritableDatabase db; // the one writer; holds the lock until closed
};

struct xc_rdb {
    Xapian::Database db;                  // every shard, searched as one
    Xapian::Database first;               // the first shard alone (shares its internals with db)
    std::vector<Xapian::Database> shards; // each shard alone (metadata of all)
    bool remote = false;                  // some shard is served by xapian-tcpsrv
};

namespace
{

// A test of the value in one slot against a set of values (xc_query_value_in):
// kept when the value is in the set, or with `outside` when it is not.
struct ValueTest {
    Xapian::valueno slot;
    std::unordered_set<std::string> set;
    bool outside;
    Xapian::doccount est; // documents kept, estimated by the caller

    bool keeps(const std::string &v) const
    {
        return (set.count(v) != 0) != outside;
    }
};

using ValueTests = std::vector<std::shared_ptr<const ValueTest>>;

} // namespace

struct xc_query {
    Xapian::Query q; // reference-counted, so combining copies cheaply
    // Value tests that every match of the whole query must pass, kept out
    // of q (the restrictions of a FILTER, see xc_query_combine). A local
    // search checks them only on the documents whose weight could earn
    // them a place on the page; everywhere else they become posting
    // sources inside the query (as_query).
    ValueTests tests;
    // Set when this query is one value test and nothing else.
    std::shared_ptr<const ValueTest> alone;
};

namespace
{

} // namespace

struct xc_mset {
    // Xapian's own spies (one per counted slot), which remote shards can run
    // too. Declared before enquire so that they are destroyed after it: the
    // Enquire holds plain pointers to them.
    std::vector<std::pair<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
    int pairs = 0;           // opts.pair_counts of the search
    Xapian::Enquire enquire; // kept for matching terms
    Xapian::MSet mset;       // the matches
    // Strings handed out by xc_mset_data/xc_mset_value, keyed by (match, slot);
    // map nodes never move, so the pointers stay valid until xc_mset_free.
    std::map<std::pair<size_t, uint64_t>, std::string> cache;

    int count_slot = -1;    // opts.count_slot of the search
    int collapse_slot = -1; // opts.collapse_slot: its values come with the matches
    // Collapse counts worked out here: Xapian's remote backend does not
    // report them (empty: use the MSet's).
    std::vector<Xapian::doccount> collapse_counts;

    explicit xc_mset(const Xapian::Database &db) : enquire(db)
    {
    }
};

namespace
{

// Where an error happened: query errors are only XC_EBADQUERY while searching.
enum class ctx { db, query };

// Key under which xc_mset_data caches the stored data (above any value slot).
constexpr uint64_t DATA_KEY = uint64_t{1} << 32;

thread_local char errbuf[1024]; // message of the last failed call in this thread

void
set_errmsg(const char *a, const char *b, const char *c) noexcept
{
    // snprintf truncates safely; a truncated message is still useful.
    (void)std::snprintf(errbuf, sizeof errbuf, "%s: %s%s", a, b, c);
}

xc_status
fail(xc_status st, const char *fn, const char *what) noexcept
{
    set_errmsg(fn, what, "");
    return st;
}

xc_status
inval(const char *fn, const char *what) noexcept
{
    return fail(XC_EINVAL, fn, what);
}

xc_status
xapian_fail(xc_status st, const Xapian::Error &e) noexcept
{
    set_errmsg(e.get_type(), e.get_msg().c_str(), "");
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

// Returns the status of a failed argument check, else XC_OK.
xc_status
check_match(const char *fn, const xc_mset *m, size_t i) noexcept
{
    if (!m)
        return inval(fn, "mset is NULL");
    if (i >= m->mset.size())
        return inval(fn, "match index out of range");
    return XC_OK;
}

} // namespace

// Ends an exported function returning xc_status: map whatever was thrown.
#define XC_CATCH(where)                                                                            \
    catch (...)                                                                                    \
    {                                                                                              \
        return map_exception(where);                                                               \
    }

// Same, for a function that returns something else: record the error and
// return `value`.
#define XC_CATCH_RETURN(where, value)                                                              \
    catch (...)                                                                                    \
    {                                                                                              \
        (void)map_exception(where);                                                                \
        return value;                                                                              \
    }

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

const char *
xc_xapian_version(void) noexcept
{
    try {
        return Xapian::version_string();
    }
    XC_CATCH_RETURN(ctx::db, "")
}

// ---------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Writable database
// ---------------------------------------------------------------------------

xc_status
xc_wdb_open(const char *path, xc_open_mode mode, xc_wdb **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!path || !*path)
            return inval(__func__, "path is NULL or empty");
        int action;
        switch (mode) {
        case XC_OPEN_CREATE_OR_OPEN: action = Xapian::DB_CREATE_OR_OPEN; break;
        case XC_OPEN_CREATE_OR_OVERWRITE: action = Xapian::DB_CREATE_OR_OVERWRITE; break;
        case XC_OPEN_EXISTING: action = Xapian::DB_OPEN; break;
        default: return inval(__func__, "unknown open mode");
        }
        auto h = std::make_unique<xc_wdb>();
        h->db = Xapian::WritableDatabase(path, action | Xapian::DB_BACKEND_GLASS);
        *out = h.release();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_close(xc_wdb *db) noexcept
{
    try {
        // Freed on every path, including when close() throws.
        std::unique_ptr<xc_wdb> owner(db);
        if (owner)
            owner->db.close();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_replace(xc_wdb *db, const char *uid_term, size_t uid_len, const xc_doc *doc,
               uint32_t *docid) noexcept
{
    try {
        if (docid)
            *docid = 0;
        if (!db || !doc)
            return inval(__func__, "db or doc is NULL");
        if (xc_status st = check_term(__func__, uid_term, uid_len))
            return st;
        Xapian::docid id = db->db.replace_document(std::string(uid_term, uid_len), doc->doc);
        if (docid)
            *docid = id;
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_add(xc_wdb *db, const xc_doc *doc, uint32_t *docid) noexcept
{
    try {
        if (docid)
            *docid = 0;
        if (!db || !doc)
            return inval(__func__, "db or doc is NULL");
        Xapian::docid id = db->db.add_document(doc->doc);
        if (docid)
            *docid = id;
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_delete_term(xc_wdb *db, const char *term, size_t len) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        db->db.delete_document(std::string(term, len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_delete_docid(xc_wdb *db, uint32_t docid) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        if (docid == 0)
            return inval(__func__, "docid 0 is invalid");
        db->db.delete_document(docid);
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_commit(xc_wdb *db) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        db->db.commit();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_discard(xc_wdb *db) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        // Xapian has no public cancel(); cancelling an unflushed transaction
        // discards what was pending before it began too (database.h), and
        // unlike a flushed one it does not commit on the way in.
        db->db.begin_transaction(false);
        db->db.cancel_transaction();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_doccount(xc_wdb *db, uint32_t *out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        *out = db->db.get_doccount();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_set_metadata(xc_wdb *db, const char *key, const char *value, size_t value_len) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        if (!key)
            return inval(__func__, "key is NULL");
        if (xc_status st = check_term(__func__, key, std::strlen(key)))
            return st;
        if (!value && value_len)
            return inval(__func__, "value is NULL");
        db->db.set_metadata(key, bytes(value, value_len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_delete_all(xc_wdb *db) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        std::vector<Xapian::docid> ids;
        for (auto it = db->db.postlist_begin(""); it != db->db.postlist_end(""); ++it)
            ids.push_back(*it);
        for (Xapian::docid id : ids)
            db->db.delete_document(id);
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_add_synonym(xc_wdb *db, const char *term, size_t len, const char *synonym,
                   size_t syn_len) noexcept
{
    try {
        if (!db)
            return inval(__func__, "db is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        if (xc_status st = check_term(__func__, synonym, syn_len))
            return st;
        db->db.add_synonym(std::string(term, len), std::string(synonym, syn_len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

namespace
{

// Opens the shards a stub database file lists, as Xapian does ("auto PATH",
// "glass PATH", "remote HOST:PORT", "remote :PROGRAM ARGS"; '#' comments;
// relative paths from the stub's folder), keeping each shard apart.
void
open_stub(const std::string &stub, std::vector<Xapian::Database> &out, bool &remote)
{
    std::ifstream in(stub);
    if (!in)
        throw Xapian::DatabaseOpeningError("cannot read the stub database " + stub);
    std::string dir = stub.substr(0, stub.find_last_of('/') + 1);
    std::string line;
    unsigned lineno = 0;
    size_t before = out.size();
    while (std::getline(in, line)) {
        lineno++;
        std::string where = stub + ":" + std::to_string(lineno) + ": ";
        size_t b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#')
            continue;
        size_t e = line.find_last_not_of(" \t\r");
        std::string l = line.substr(b, e - b + 1);
        size_t sp = l.find_first_of(" \t");
        std::string kind = l.substr(0, sp);
        std::string arg = sp == std::string::npos ? "" : l.substr(l.find_first_not_of(" \t", sp));
        if (arg.empty())
            throw Xapian::DatabaseOpeningError(where + "\"" + kind + "\" wants an argument");
        if (kind == "auto" || kind == "glass") {
            out.emplace_back(arg[0] == '/' ? arg : dir + arg);
        } else if (kind == "remote" && arg[0] == ':') {
            std::string prog = arg.substr(1), args;
            size_t p = prog.find_first_of(" \t");
            if (p != std::string::npos) {
                args = prog.substr(prog.find_first_not_of(" \t", p));
                prog.resize(p);
            }
            out.push_back(Xapian::Remote::open(prog, args));
            remote = true;
        } else if (kind == "remote") {
            size_t colon = arg.rfind(':');
            char *end = nullptr;
            unsigned long port =
                colon == std::string::npos ? 0 : std::strtoul(arg.c_str() + colon + 1, &end, 10);
            if (colon == std::string::npos || colon == 0 || !end || *end || port == 0 ||
                port > 65535)
                throw Xapian::DatabaseOpeningError(where +
                                                   "\"remote\" wants HOST:PORT or "
                                                   ":PROGRAM ARGS, not \"" +
                                                   arg + "\"");
            out.push_back(
                Xapian::Remote::open(arg.substr(0, colon), static_cast<unsigned int>(port)));
            remote = true;
        } else {
            throw Xapian::DatabaseOpeningError(where + "unknown kind of shard \"" + kind + "\"");
        }
    }
    if (out.size() == before)
        throw Xapian::DatabaseOpeningError(stub + ": the stub database lists no shard");
}

} // namespace

xc_status
xc_rdb_open(const char *const *paths, size_t n, xc_rdb **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!paths || n == 0)
            return inval(__func__, "no paths");
        for (size_t i = 0; i < n; i++) {
            if (!paths[i] || !*paths[i])
                return inval(__func__, "a path is NULL or empty");
        }
        auto h = std::make_unique<xc_rdb>();
        for (size_t i = 0; i < n; i++) {
            struct stat st;
            if (stat(paths[i], &st) == 0 && S_ISREG(st.st_mode))
                open_stub(paths[i], h->shards, h->remote);
            else
                h->shards.emplace_back(paths[i]);
        }
        h->first = h->shards[0];
        for (const auto &s : h->shards)
            h->db.add_database(s);
        *out = h.release();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

void
xc_rdb_close(xc_rdb *db) noexcept
{
    try {
        delete db;
    }
    XC_CATCH_RETURN(ctx::db, )
}

xc_status
xc_rdb_reopen(xc_rdb *db, int *changed) noexcept
{
    try {
        if (changed)
            *changed = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        // Reopening db also reopens first: they share the shard objects.
        bool moved = db->db.reopen();
        if (changed)
            *changed = moved ? 1 : 0;
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

int
xc_rdb_has_remote(const xc_rdb *db) noexcept
{
    return db && db->remote;
}

xc_status
xc_rdb_doccount(xc_rdb *db, uint32_t *out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        *out = db->db.get_doccount();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_revision(xc_rdb *db, uint64_t *out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        *out = db->first.get_revision();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_termfreq(xc_rdb *db, const char *term, size_t len, uint32_t *out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        *out = db->db.get_termfreq(std::string(term, len));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_synonym_keys(xc_rdb *db, int (*cb)(const char *term, size_t len, void *ud),
                    void *ud) noexcept
{
    std::vector<std::string> keys;
    try {
        if (!db || !cb)
            return inval(__func__, "db or cb is NULL");
        for (auto it = db->db.synonym_keys_begin(); it != db->db.synonym_keys_end(); ++it)
            keys.push_back(*it);
    }
    XC_CATCH(ctx::db)
    for (const auto &k : keys) {
        if (cb(k.data(), k.size(), ud))
            break;
    }
    return XC_OK;
}

xc_status
xc_compact(const char *const *srcs, size_t n, const char *dest) noexcept
{
    try {
        if (!srcs || n == 0 || !dest || !*dest)
            return inval(__func__, "no sources or no destination");
        Xapian::Database all;
        for (size_t i = 0; i < n; i++) {
            if (!srcs[i] || !*srcs[i])
                return inval(__func__, "a source is NULL or empty");
            all.add_database(Xapian::Database(srcs[i]));
        }
        // Many parts (one per batch of a rebuild) merge faster in passes.
        all.compact(dest, Xapian::DB_BACKEND_GLASS | (n > 3 ? Xapian::DBCOMPACT_MULTIPASS : 0));
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_add_copy(xc_wdb *db, xc_rdb *src, uint32_t docid, uint32_t *docid_out) noexcept
{
    try {
        if (docid_out)
            *docid_out = 0;
        if (!db || !src)
            return inval(__func__, "db or src is NULL");
        Xapian::docid id = db->db.add_document(src->db.get_document(docid));
        if (docid_out)
            *docid_out = id;
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_synonyms(xc_rdb *db, const char *term, size_t len,
                int (*cb)(const char *syn, size_t syn_len, void *ud), void *ud) noexcept
{
    // Collected first so that the callback runs outside the try block.
    std::vector<std::string> syns;
    try {
        if (!db || !cb)
            return inval(__func__, "db or cb is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        std::string t(term, len);
        for (auto it = db->db.synonyms_begin(t); it != db->db.synonyms_end(t); ++it)
            syns.push_back(*it);
    }
    XC_CATCH(ctx::db)
    for (const auto &x : syns) {
        if (cb(x.data(), x.size(), ud))
            break;
    }
    return XC_OK;
}

xc_status
xc_rdb_get_metadata(xc_rdb *db, const char *key, char **out, size_t *out_len) noexcept
{
    try {
        if (!out || !out_len)
            return inval(__func__, "out or out_len is NULL");
        *out = nullptr;
        *out_len = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        if (!key)
            return inval(__func__, "key is NULL");
        if (xc_status st = check_term(__func__, key, std::strlen(key)))
            return st;
        return dup_out(__func__, db->db.get_metadata(key), out, out_len);
    }
    XC_CATCH(ctx::db)
}

namespace
{

typedef int (*meta_cb)(const char *, size_t, const char *, size_t, void *);

// Gathers the metadata keys under prefix with their values, then hands them
// to the callback outside the try block.
xc_status
metadata_list(const char *fn, const std::vector<Xapian::Database> &dbs, const char *prefix,
              meta_cb cb, void *ud) noexcept
{
    std::vector<std::pair<std::string, std::string>> kv;
    try {
        if (!cb)
            return inval(fn, "cb is NULL");
        const std::string p(prefix ? prefix : "");
        std::set<std::string> seen;
        for (const auto &db : dbs) {
            for (auto it = db.metadata_keys_begin(p); it != db.metadata_keys_end(p); ++it) {
                if (seen.insert(*it).second)
                    kv.emplace_back(*it, db.get_metadata(*it));
            }
        }
    }
    XC_CATCH(ctx::db)
    for (const auto &e : kv) {
        if (cb(e.first.data(), e.first.size(), e.second.data(), e.second.size(), ud))
            break;
    }
    return XC_OK;
}

} // namespace

xc_status
xc_wdb_get_metadata(xc_wdb *db, const char *key, char **out, size_t *out_len) noexcept
{
    try {
        if (!out || !out_len)
            return inval(__func__, "out or out_len is NULL");
        *out = nullptr;
        *out_len = 0;
        if (!db || !key)
            return inval(__func__, "db or key is NULL");
        if (xc_status st = check_term(__func__, key, std::strlen(key)))
            return st;
        return dup_out(__func__, db->db.get_metadata(key), out, out_len);
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_wdb_metadata_list(xc_wdb *db, const char *prefix, meta_cb cb, void *ud) noexcept
{
    if (!db)
        return inval(__func__, "db is NULL");
    try {
        return metadata_list(__func__, {db->db}, prefix, cb, ud);
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_metadata_list(xc_rdb *db, const char *prefix, meta_cb cb, void *ud) noexcept
{
    if (!db)
        return inval(__func__, "db is NULL");
    // Every shard's keys, each once (the first shard's value).
    return metadata_list(__func__, db->shards, prefix, cb, ud);
}

xc_status
xc_rdb_term_count(xc_rdb *db, const char *prefix, uint64_t *out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        const std::string p(prefix ? prefix : "");
        uint64_t n = 0;
        for (auto it = db->db.allterms_begin(p); it != db->db.allterms_end(p); ++it)
            n++;
        *out = n;
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_terms(xc_rdb *db, const char *prefix, size_t max,
             int (*cb)(const char *term, size_t len, uint32_t freq, void *ud), void *ud) noexcept
{
    std::vector<std::pair<std::string, Xapian::doccount>> terms;
    try {
        if (!db || !cb)
            return inval(__func__, "db or cb is NULL");
        const std::string p(prefix ? prefix : "");
        for (auto it = db->db.allterms_begin(p);
             it != db->db.allterms_end(p) && (max == 0 || terms.size() < max); ++it)
            terms.emplace_back(*it, it.get_termfreq());
    }
    XC_CATCH(ctx::db)
    for (const auto &t : terms) {
        if (cb(t.first.data(), t.first.size(), t.second, ud))
            break;
    }
    return XC_OK;
}

xc_status
xc_rdb_postlist(xc_rdb *db, const char *term, size_t len, uint32_t *ids, size_t max,
                size_t *n_out) noexcept
{
    try {
        if (!n_out)
            return inval(__func__, "n_out is NULL");
        *n_out = 0;
        if (!db || (!ids && max))
            return inval(__func__, "db or ids is NULL");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        const std::string t(term, len);
        size_t n = 0;
        for (auto it = db->db.postlist_begin(t); it != db->db.postlist_end(t) && n < max; ++it)
            ids[n++] = *it;
        *n_out = n;
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_get_data(xc_rdb *db, uint32_t docid, char **out, size_t *out_len) noexcept
{
    try {
        if (!out || !out_len)
            return inval(__func__, "out or out_len is NULL");
        *out = nullptr;
        *out_len = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        if (docid == 0)
            return inval(__func__, "docid 0 is invalid");
        return dup_out(__func__, db->db.get_document(docid).get_data(), out, out_len);
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_rdb_get_value(xc_rdb *db, uint32_t docid, uint32_t slot, char **out, size_t *out_len) noexcept
{
    try {
        if (!out || !out_len)
            return inval(__func__, "out or out_len is NULL");
        *out = nullptr;
        *out_len = 0;
        if (!db)
            return inval(__func__, "db is NULL");
        if (docid == 0)
            return inval(__func__, "docid 0 is invalid");
        if (slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        return dup_out(__func__, db->db.get_document(docid).get_value(slot), out, out_len);
    }
    XC_CATCH(ctx::db)
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

namespace
{

// Maps xc_op to Xapian's operator; false if op is not one of ours.
bool
map_op(xc_op op, Xapian::Query::op *out) noexcept
{
    switch (op) {
    case XC_OP_AND: *out = Xapian::Query::OP_AND; return true;
    case XC_OP_OR: *out = Xapian::Query::OP_OR; return true;
    case XC_OP_AND_NOT: *out = Xapian::Query::OP_AND_NOT; return true;
    case XC_OP_FILTER: *out = Xapian::Query::OP_FILTER; return true;
    case XC_OP_AND_MAYBE: *out = Xapian::Query::OP_AND_MAYBE; return true;
    case XC_OP_SYNONYM: *out = Xapian::Query::OP_SYNONYM; return true;
    case XC_OP_PHRASE: *out = Xapian::Query::OP_PHRASE; return true;
    case XC_OP_NEAR: *out = Xapian::Query::OP_NEAR; return true;
    case XC_OP_MAX: *out = Xapian::Query::OP_MAX; return true;
    }
    return false;
}

Xapian::Query as_query(const xc_query &x);

// Wraps a built Xapian query in a new handle for the caller.
xc_status
new_query(Xapian::Query q, xc_query **out)
{
    auto *x = new xc_query();
    x->q = std::move(q);
    *out = x;
    return XC_OK;
}

} // namespace

xc_status
xc_query_term(const char *term, size_t len, uint32_t wqf, uint32_t pos, xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (xc_status st = check_term(__func__, term, len))
            return st;
        return new_query(Xapian::Query(std::string(term, len), wqf, pos), out);
    }
    XC_CATCH(ctx::query)
}

xc_status
xc_query_combine(xc_op op, xc_query *const *subs, size_t n, uint32_t window,
                 xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        Xapian::Query::op xop;
        if (!map_op(op, &xop))
            return inval(__func__, "unknown operator");
        if (!subs || n == 0)
            return inval(__func__, "no subqueries");
        // The value tests of the subqueries whose every match the result
        // requires stay apart: all of an AND's or a FILTER's, the first
        // one's of AND_NOT and AND_MAYBE; a FILTER's value-test
        // restrictions join them.
        std::vector<Xapian::Query> v;
        ValueTests tests;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                return inval(__func__, "a subquery is NULL");
            const xc_query &x = *subs[i];
            bool required = op == XC_OP_AND || op == XC_OP_FILTER ||
                            (i == 0 && (op == XC_OP_AND_NOT || op == XC_OP_AND_MAYBE));
            if (required && op == XC_OP_FILTER && i > 0 && x.alone) {
                tests.push_back(x.alone);
                continue;
            }
            if (required)
                tests.insert(tests.end(), x.tests.begin(), x.tests.end());
            v.push_back(required ? x.q : as_query(x));
        }
        Xapian::Query q = v.size() == 1 && op == XC_OP_FILTER
                              ? v[0]
                              : Xapian::Query(xop, v.begin(), v.end(), window);
        xc_status st = new_query(std::move(q), out);
        if (st == XC_OK)
            (*out)->tests = std::move(tests);
        return st;
    }
    XC_CATCH(ctx::query)
}

xc_status
xc_query_value_range(uint32_t slot, const char *lo, size_t lo_len, const char *hi, size_t hi_len,
                     xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        if (lo && hi)
            return new_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                           std::string(lo, lo_len), std::string(hi, hi_len)),
                             out);
        if (hi)
            return new_query(
                Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, std::string(hi, hi_len)), out);
        // No upper end; with no lower end either, any non-empty value matches.
        return new_query(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, bytes(lo, lo_len)), out);
    }
    XC_CATCH(ctx::query)
}

namespace
{

// The documents whose value in a slot is (or, with `outside`, is not) one
// of a set (xc_query_value_in): the slot's value stream, read in document
// order, skipping the others.
class ValueInSet : public Xapian::PostingSource
{
    std::shared_ptr<const ValueTest> t_;
    Xapian::Database db_;
    Xapian::ValueIterator it_;
    bool started_ = false;
    bool unsure_ = false; // after a failed check(): it_'s position is unspecified

    void settle()
    {
        while (it_ != Xapian::ValueIterator() && !t_->keeps(*it_))
            ++it_;
    }

  public:
    explicit ValueInSet(std::shared_ptr<const ValueTest> t) : t_(std::move(t))
    {
    }
    PostingSource *clone() const override
    {
        return new ValueInSet(t_);
    }
    void init(const Xapian::Database &db) override
    {
        db_ = db;
        it_ = db_.valuestream_begin(t_->slot);
        settle(); // on the first wanted document, which next() then keeps
        started_ = false;
        unsure_ = false;
    }
    Xapian::doccount get_termfreq_min() const override
    {
        return 0;
    }
    Xapian::doccount get_termfreq_est() const override
    {
        return std::min(t_->est, db_.get_doccount());
    }
    Xapian::doccount get_termfreq_max() const override
    {
        return db_.get_doccount();
    }
    void next(double) override
    {
        if (started_ || unsure_)
            ++it_;
        started_ = true;
        unsure_ = false;
        settle();
    }
    void skip_to(Xapian::docid did, double) override
    {
        started_ = true;
        if (unsure_ || (it_ != Xapian::ValueIterator() && it_.get_docid() < did))
            it_.skip_to(did);
        unsure_ = false;
        settle();
    }
    // Looks at did's value only, instead of reading on to the next wanted
    // document: what an AND asks of its other parts, for every document its
    // rarest part proposes.
    bool check(Xapian::docid did, double) override
    {
        started_ = true;
        if (!unsure_ && (it_ == Xapian::ValueIterator() || it_.get_docid() >= did))
            return true; // already there, or past it: where skip_to() would be
        unsure_ = false;
        if (!it_.check(did)) {
            unsure_ = true; // did has no value in the slot
            return false;
        }
        if (it_ == Xapian::ValueIterator())
            return true;
        if (it_.get_docid() == did && !t_->keeps(*it_)) {
            unsure_ = true; // did's value is not wanted
            return false;
        }
        settle();
        return true;
    }
    bool at_end() const override
    {
        return it_ == Xapian::ValueIterator();
    }
    Xapian::docid get_docid() const override
    {
        return it_.get_docid();
    }
    std::string get_description() const override
    {
        return std::string(t_->outside ? "ValueNotInSet" : "ValueInSet") + "(slot " +
               std::to_string(t_->slot) + ", " + std::to_string(t_->set.size()) + " values)";
    }
};

// The query of one value test, run inside the posting lists.
Xapian::Query
source_query(const std::shared_ptr<const ValueTest> &t)
{
    return Xapian::Query((new ValueInSet(t))->release());
}

// A query with its value tests inside it, for a search that cannot check
// them apart (a combination that does not require the whole query, or
// remote shards).
Xapian::Query
as_query(const xc_query &x)
{
    if (x.tests.empty())
        return x.q;
    std::vector<Xapian::Query> v{x.q};
    for (const auto &t : x.tests)
        v.push_back(source_query(t));
    return Xapian::Query(Xapian::Query::OP_FILTER, v.begin(), v.end());
}

// Checks the value tests of a query on each document that could make the
// page (Xapian calls a decider after the weight check).
class ValueTestDecider : public Xapian::MatchDecider
{
    const ValueTests &tests_;

  public:
    explicit ValueTestDecider(const ValueTests &tests) : tests_(tests)
    {
    }
    bool operator()(const Xapian::Document &doc) const override
    {
        for (const auto &t : tests_) {
            std::string v = doc.get_value(t->slot);
            if (v.empty() || !t->keeps(v)) // no value: in no set, outside none
                return false;
        }
        return true;
    }
};

} // namespace

xc_status
xc_query_value_in(uint32_t slot, const char *const *values, const size_t *lens, size_t n,
                  int outside, uint32_t est, xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        if (n && (!values || !lens))
            return inval(__func__, "values or lens is NULL");
        auto t = std::make_shared<ValueTest>();
        t->slot = slot;
        t->outside = outside != 0;
        t->est = est;
        for (size_t i = 0; i < n; i++)
            t->set.emplace(bytes(values[i], lens[i]));
        xc_status st = new_query(source_query(t), out);
        if (st == XC_OK)
            (*out)->alone = std::move(t);
        return st;
    }
    XC_CATCH(ctx::query)
}

namespace
{
bool
positional(const Xapian::Query &q)
{
    Xapian::Query::op op = q.get_type();
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR)
        return true;
    for (size_t i = 0, n = q.get_num_subqueries(); i < n; i++) {
        if (positional(q.get_subquery(i)))
            return true;
    }
    return false;
}
} // namespace

int
xc_query_positional(const xc_query *q) noexcept
{
    try {
        return q && positional(q->q);
    } catch (...) {
        return 0;
    }
}

xc_status
xc_query_scale(const xc_query *q, double factor, xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!q)
            return inval(__func__, "q is NULL");
        if (!std::isfinite(factor) || factor < 0)
            return inval(__func__, "factor must be finite and >= 0");
        xc_status st = new_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor), out);
        if (st == XC_OK)
            (*out)->tests = q->tests;
        return st;
    }
    XC_CATCH(ctx::query)
}

xc_status
xc_query_match_all(xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        // A new Query(""), not a copy of Xapian::Query::MatchAll: that one
        // object would be shared by every thread, and Xapian counts its
        // references without atomics (a worker of the daemon freed it while
        // the other still used it).
        return new_query(Xapian::Query(std::string()), out);
    }
    XC_CATCH(ctx::query)
}

xc_status
xc_query_match_nothing(xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        return new_query(Xapian::Query::MatchNothing, out);
    }
    XC_CATCH(ctx::query)
}

void
xc_query_free(xc_query *q) noexcept
{
    try {
        delete q;
    }
    XC_CATCH_RETURN(ctx::query, )
}

xc_status
xc_query_describe(const xc_query *q, char **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!q)
            return inval(__func__, "q is NULL");
        return dup_out(__func__, as_query(*q).get_description(), out, nullptr);
    }
    XC_CATCH(ctx::query)
}

// ---------------------------------------------------------------------------
// Searching and match sets
// ---------------------------------------------------------------------------

void
xc_search_opts_init(xc_search_opts *opts) noexcept
{
    try {
        if (!opts)
            return;
        *opts = xc_search_opts{};
        opts->limit = 10;
        opts->collapse_slot = -1;
        opts->sort_slot = -1;
        opts->count_slot = -1;
        for (int &c : opts->count_slots)
            c = -1;
        opts->pair_counts = 0;
        opts->tie_slot = -1;
    }
    XC_CATCH_RETURN(ctx::db, )
}

namespace
{

// Applies opts to m->enquire; returns how many matches to check at least.
Xapian::doccount
configure(xc_mset *m, const Xapian::Database &db, const xc_search_opts &opts)
{
    Xapian::doccount check = opts.check_at_least;
    if (opts.collapse_slot >= 0)
        m->enquire.set_collapse_key(static_cast<Xapian::valueno>(opts.collapse_slot),
                                    opts.collapse_max ? opts.collapse_max : 1);
    if (opts.sort_slot < 0 && opts.tie_slot >= 0) {
        m->enquire.set_sort_by_relevance_then_value(static_cast<Xapian::valueno>(opts.tie_slot),
                                                    true);
    } else if (opts.sort_slot >= 0) {
        m->enquire.set_sort_by_value_then_relevance(static_cast<Xapian::valueno>(opts.sort_slot),
                                                    opts.sort_descending != 0);
    }
    if (opts.time_limit > 0)
        m->enquire.set_time_limit(opts.time_limit);
    std::vector<Xapian::valueno> slots;
    if (opts.count_slot >= 0)
        slots.push_back(static_cast<Xapian::valueno>(opts.count_slot));
    for (int c : opts.count_slots) {
        if (c >= 0)
            slots.push_back(static_cast<Xapian::valueno>(c));
    }
    m->pairs = opts.pair_counts != 0;
    for (Xapian::valueno slot : slots) {
        m->spies.emplace_back(slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        m->enquire.add_matchspy(m->spies.back().second.get());
    }
    if (!slots.empty()) {
        // The counts are promised over the whole match, so every match must
        // be seen by the spy.
        Xapian::doccount all = db.get_doccount();
        if (check < all)
            check = all;
    }
    return check;
}

} // namespace

xc_status
xc_rdb_search(xc_rdb *db, const xc_query *q, const xc_search_opts *opts, xc_mset **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!db || !q || !opts)
            return inval(__func__, "db, q or opts is NULL");
        if (!std::isfinite(opts->time_limit) || opts->time_limit < 0)
            return inval(__func__, "time_limit must be finite and >= 0");
        auto m = std::make_unique<xc_mset>(db->db);
        m->count_slot = opts->count_slot;
        m->collapse_slot = opts->collapse_slot;
        // Remote shards run Xapian's own classes only: the value tests go
        // inside the query there (and fail, as posting sources would).
        const bool apart = !q->tests.empty() && !db->remote;
        m->enquire.set_query(apart ? q->q : as_query(*q));
        Xapian::doccount check = configure(m.get(), db->db, *opts);
        // Keep offset + limit within a doccount so that nothing can wrap.
        Xapian::doccount limit = std::min(opts->limit, UINT32_MAX - opts->offset);
        if (apart) {
            ValueTestDecider decider(q->tests);
            m->mset = m->enquire.get_mset(opts->offset, limit, check, nullptr, &decider);
        } else {
            m->mset = m->enquire.get_mset(opts->offset, limit, check);
        }
        if (db->remote && opts->collapse_slot >= 0) {
            // Each match's collapse count: the matches with its key, less one.
            const auto slot = static_cast<Xapian::valueno>(opts->collapse_slot);
            const Xapian::doccount all = db->db.get_doccount();
            for (auto it = m->mset.begin(); it != m->mset.end(); ++it) {
                std::string key = it.get_document().get_value(slot);
                Xapian::Enquire e(db->db);
                e.set_query(
                    Xapian::Query(Xapian::Query::OP_FILTER, as_query(*q),
                                  Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, key, key)));
                Xapian::doccount n = e.get_mset(0, 0, all).get_matches_estimated();
                m->collapse_counts.push_back(n > 0 ? n - 1 : 0);
            }
        }
        *out = m.release();
        return XC_OK;
    }
    XC_CATCH(ctx::query)
}

void
xc_mset_free(xc_mset *m) noexcept
{
    try {
        delete m;
    }
    XC_CATCH_RETURN(ctx::db, )
}

size_t
xc_mset_size(const xc_mset *m) noexcept
{
    try {
        return m ? m->mset.size() : 0;
    }
    XC_CATCH_RETURN(ctx::db, 0)
}

void
xc_mset_estimate(const xc_mset *m, uint32_t *estimated, uint32_t *lower, uint32_t *upper) noexcept
{
    try {
        if (estimated)
            *estimated = m ? m->mset.get_matches_estimated() : 0;
        if (lower)
            *lower = m ? m->mset.get_matches_lower_bound() : 0;
        if (upper)
            *upper = m ? m->mset.get_matches_upper_bound() : 0;
    }
    XC_CATCH_RETURN(ctx::db, )
}

xc_status
xc_mset_get(const xc_mset *m, size_t i, xc_match *out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = xc_match{};
        if (xc_status st = check_match(__func__, m, i))
            return st;
        // i < size(), which is a doccount, so the conversion is exact.
        Xapian::MSetIterator it = m->mset[static_cast<Xapian::doccount>(i)];
        out->docid = *it;
        out->rank = it.get_rank();
        out->weight = it.get_weight();
        out->percent = it.get_percent();
        out->collapse_count =
            i < m->collapse_counts.size() ? m->collapse_counts[i] : it.get_collapse_count();
        return XC_OK;
    }
    XC_CATCH(ctx::db)
}

namespace
{

// Returns the cached string for (i, key), fetching it with get on first use.
template <typename Get>
xc_status
cached(xc_mset *m, size_t i, uint64_t key, Get get, const char **data, size_t *len)
{
    auto k = std::make_pair(i, key);
    auto it = m->cache.find(k);
    if (it == m->cache.end()) {
        Xapian::Document doc = m->mset[static_cast<Xapian::doccount>(i)].get_document();
        it = m->cache.emplace(k, get(doc)).first;
    }
    *data = it->second.c_str();
    *len = it->second.size();
    return XC_OK;
}

} // namespace

xc_status
xc_mset_data(xc_mset *m, size_t i, const char **data, size_t *len) noexcept
{
    try {
        if (!data || !len)
            return inval(__func__, "data or len is NULL");
        *data = nullptr;
        *len = 0;
        if (xc_status st = check_match(__func__, m, i))
            return st;
        return cached(
            m, i, DATA_KEY, [](const Xapian::Document &d) { return d.get_data(); }, data, len);
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_mset_value(xc_mset *m, size_t i, uint32_t slot, const char **data, size_t *len) noexcept
{
    try {
        if (!data || !len)
            return inval(__func__, "data or len is NULL");
        *data = nullptr;
        *len = 0;
        if (xc_status st = check_match(__func__, m, i))
            return st;
        if (slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        if (m->collapse_slot >= 0 && slot == static_cast<uint32_t>(m->collapse_slot)) {
            // The matcher read it already: no document to fetch.
            auto k = std::make_pair(i, uint64_t{slot});
            auto it = m->cache.find(k);
            if (it == m->cache.end())
                it = m->cache
                         .emplace(k, m->mset[static_cast<Xapian::doccount>(i)].get_collapse_key())
                         .first;
            *data = it->second.c_str();
            *len = it->second.size();
            return XC_OK;
        }
        return cached(
            m, i, slot, [slot](const Xapian::Document &d) { return d.get_value(slot); }, data, len);
    }
    XC_CATCH(ctx::db)
}

xc_status
xc_mset_matching_terms(xc_mset *m, size_t i, xc_term_cb cb, void *ud) noexcept
{
    // Collected first so that the callback runs outside the try block.
    std::vector<std::string> terms;
    try {
        if (!cb)
            return inval(__func__, "cb is NULL");
        if (xc_status st = check_match(__func__, m, i))
            return st;
        Xapian::MSetIterator mi = m->mset[static_cast<Xapian::doccount>(i)];
        for (auto it = m->enquire.get_matching_terms_begin(mi);
             it != m->enquire.get_matching_terms_end(mi); ++it)
            terms.push_back(*it);
    }
    XC_CATCH(ctx::query)
    for (const std::string &t : terms) {
        if (cb(t.data(), t.size(), ud))
            break;
    }
    return XC_OK;
}

xc_status
xc_mset_counts(const xc_mset *m, xc_count_cb cb, void *ud) noexcept
{
    if (!m || !cb)
        return inval(__func__, "mset or cb is NULL");
    if (m->count_slot < 0)
        return XC_OK;
    return xc_mset_slot_counts(m, static_cast<uint32_t>(m->count_slot), cb, ud);
}

xc_status
xc_mset_slot_counts(const xc_mset *m, uint32_t slot, xc_count_cb cb, void *ud) noexcept
{
    // Collected first so that the callback runs outside the try block.
    std::vector<std::pair<std::string, uint32_t>> counts;
    try {
        if (!m || !cb)
            return inval(__func__, "mset or cb is NULL");
        const Xapian::ValueCountMatchSpy *spy = nullptr;
        for (const auto &sp : m->spies) {
            if (sp.first == slot)
                spy = sp.second.get();
        }
        if (!spy)
            return XC_OK;
        if (!m->pairs) {
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
                counts.emplace_back(*it, static_cast<uint32_t>(it.get_termfreq()));
        } else {
            // "<value>\x1f<key>": each distinct pair once, under its value.
            std::map<std::string, uint32_t> by_value;
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
                const std::string &v = *it;
                by_value[v.substr(0, v.find('\x1f'))]++;
            }
            counts.assign(by_value.begin(), by_value.end());
        }
    }
    XC_CATCH(ctx::db)
    for (const auto &c : counts) {
        if (cb(c.first.data(), c.first.size(), c.second, ud))
            break;
    }
    return XC_OK;
}
