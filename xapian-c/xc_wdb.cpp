// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_wdb.cpp: the writable database (xc_wdb): opening, adding, replacing and
// deleting documents, commits, metadata and synonyms; compaction of several
// databases into one, and copies of documents from a reader (shards).

#include "xapian-c/xc_internal.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace xc_internal;

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
        case XC_OPEN_SCRATCH: action = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC; break;
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
// Compacting and copying
// ---------------------------------------------------------------------------

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
        // FULL splits items wherever that saves space (what xapian-compact
        // does by default); the index can still be updated in place.
        all.compact(dest, Xapian::DB_BACKEND_GLASS | Xapian::Compactor::FULL |
                              (n > 3 ? Xapian::DBCOMPACT_MULTIPASS : 0));
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

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

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
