// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_rdb.cpp: reading (xc_rdb): opening one or more databases as one, stub
// database files that list local and remote shards, counts, terms, posting
// lists, synonyms, metadata, and a document's data and values by id.

#include "xapian-c/xc_internal.h"

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace xc_internal;

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

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

namespace xc_internal
{

// Gathers the metadata keys under prefix with their values, each key once
// (the first database's value), then hands them to the callback outside the
// try block.
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

} // namespace xc_internal

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

xc_status
xc_rdb_metadata_list(xc_rdb *db, const char *prefix, meta_cb cb, void *ud) noexcept
{
    if (!db)
        return inval(__func__, "db is NULL");
    // Every shard's keys, each once (the first shard's value).
    return metadata_list(__func__, db->shards, prefix, cb, ud);
}

// ---------------------------------------------------------------------------
// Terms, posting lists, documents
// ---------------------------------------------------------------------------

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
xc_rdb_positions(xc_rdb *db, uint32_t docid, const char *term, size_t len, uint32_t *pos,
                 size_t max, size_t *n_out) noexcept
{
    try {
        if (!n_out)
            return inval(__func__, "n_out is NULL");
        *n_out = 0;
        if (!db || (!pos && max))
            return inval(__func__, "db or pos is NULL");
        if (docid == 0)
            return inval(__func__, "docid 0 is invalid");
        if (xc_status st = check_term(__func__, term, len))
            return st;
        const std::string t(term, len);
        size_t n = 0;
        try {
            for (auto it = db->db.positionlist_begin(docid, t);
                 it != db->db.positionlist_end(docid, t) && n < max; ++it)
                pos[n++] = *it;
        } catch (const Xapian::DocNotFoundError &) {
            n = 0; // no such document, or the term has no positions there
        }
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
