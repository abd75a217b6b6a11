// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_internal.h: what the files of xapian-c share, and nothing outside it
// includes: the structs behind xc.h's opaque handles, the value tests of
// xc_query_value_in, and the error kit. Every exported function is noexcept,
// wraps its body in try and ends in XC_CATCH or XC_CATCH_RETURN, which hand
// the exception to map_exception() (xc_error.cpp), the single place where
// Xapian's error classes become xc_status codes and the message is kept for
// xc_errmsg().
//
// The files, one per kind of handle: xc_error.cpp (the error kit, status
// names, version), xc_doc.cpp (documents), xc_wdb.cpp (the writable
// database, compaction, copies), xc_rdb.cpp (reading, stub database files,
// metadata), xc_query.cpp (queries and their Xapian classes), xc_mset.cpp
// (searching and match sets).
#ifndef VK_XC_INTERNAL_H
#define VK_XC_INTERNAL_H

#include "xapian-c/xc.h"

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
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

namespace xc_internal
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

} // namespace xc_internal

// ---------------------------------------------------------------------------
// Handles
// ---------------------------------------------------------------------------

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

struct xc_query {
    Xapian::Query q; // reference-counted, so combining copies cheaply
    // Value tests that every match of the whole query must pass, kept out
    // of q (the restrictions of a FILTER, see xc_query_combine). A local
    // search checks them only on the documents whose weight could earn
    // them a place on the page; everywhere else they become posting
    // sources inside the query (as_query).
    xc_internal::ValueTests tests;
    // Set when this query is one value test and nothing else.
    std::shared_ptr<const xc_internal::ValueTest> alone;
};

struct xc_mset {
    // Xapian's own spies (one per counted slot), which remote shards can run
    // too. Declared before enquire so that they are destroyed after it: the
    // Enquire holds plain pointers to them.
    std::vector<std::pair<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
    int pair_sep = -1;  // with opts.pair_counts its pair_sep, else -1: plain counts
    int field_sep = -1; // with opts.pair_counts its field_sep (-1: none)
    // With a field_sep, each counted slot's counts by field ("value",
    // distinct keys), worked out on its first xc_mset_field_counts.
    using field_tally = std::vector<std::vector<std::pair<std::string, uint32_t>>>;
    mutable std::map<Xapian::valueno, field_tally> fields;
    Xapian::Enquire enquire; // kept for matching terms
    Xapian::MSet mset;       // the matches
    // Strings handed out by xc_mset_data/xc_mset_value, keyed by (match, slot);
    // map nodes never move, so the pointers stay valid until xc_mset_free.
    std::map<std::pair<size_t, uint64_t>, std::string> cache;

    int count_slot = -1;    // opts.count_slot of the search
    int collapse_slot = -1; // opts.collapse_slot: its values come with the matches
    // Collapse counts worked out here: Xapian's remote backend does not
    // report them, and counts apart give them (empty: use the MSet's).
    std::vector<Xapian::doccount> collapse_counts;
    // opts.keyed_slot when the counts run apart, else -1; then `keys`, the
    // distinct keys of the match, is its total.
    int keyed_slot = -1;
    Xapian::doccount keys = 0;
    // Counted apart: the keyed slot's distinct pairs and their counts.
    std::vector<std::pair<std::string, Xapian::doccount>> keyed_pairs;

    explicit xc_mset(const Xapian::Database &db) : enquire(db)
    {
    }
};

namespace xc_internal
{

// ---------------------------------------------------------------------------
// The error kit (xc_error.cpp)
// ---------------------------------------------------------------------------

// Where an error happened: query errors are only XC_EBADQUERY while searching.
enum class ctx { db, query };

// Keeps "fn: what" as the message for xc_errmsg() and returns st.
xc_status fail(xc_status st, const char *fn, const char *what) noexcept;

// fail(XC_EINVAL, fn, what): a bad argument.
xc_status inval(const char *fn, const char *what) noexcept;

// Rethrows the exception being handled and maps it to a status, keeping its
// message. Only ever called from a catch (...) block.
xc_status map_exception(ctx where) noexcept;

// Checks a term or key: not NULL, not empty, at most XC_MAX_TERM bytes.
xc_status check_term(const char *fn, const char *term, size_t len) noexcept;

// Bytes from (pointer, length); NULL is allowed only with length 0.
std::string bytes(const char *p, size_t len);

// Copies s into a malloc'd NUL-terminated string for the caller to free();
// *out_len (if not NULL) receives its length.
xc_status dup_out(const char *fn, const std::string &s, char **out, size_t *out_len) noexcept;

// ---------------------------------------------------------------------------
// Shared between files
// ---------------------------------------------------------------------------

// Wraps a built Xapian query in a new handle for the caller (xc_query.cpp).
xc_status new_query(Xapian::Query q, xc_query **out);

// A query with its value tests inside it, for a search that cannot check
// them apart: a combination that does not require the whole query, or
// remote shards (xc_query.cpp).
Xapian::Query as_query(const xc_query &x);

// Checks the value tests of a query on each document that could make the
// page (Xapian calls a decider after the weight check); xc_query.cpp.
class ValueTestDecider : public Xapian::MatchDecider
{
    const ValueTests &tests_;

  public:
    explicit ValueTestDecider(const ValueTests &tests) : tests_(tests)
    {
    }
    bool operator()(const Xapian::Document &doc) const override;
};

// A metadata callback of xc_wdb_metadata_list and xc_rdb_metadata_list.
typedef int (*meta_cb)(const char *, size_t, const char *, size_t, void *);

// Gathers the metadata keys under prefix of every database in dbs (each key
// once, with the first database's value), then hands them to cb outside the
// try block (xc_rdb.cpp).
xc_status metadata_list(const char *fn, const std::vector<Xapian::Database> &dbs,
                        const char *prefix, meta_cb cb, void *ud) noexcept;

} // namespace xc_internal

// Ends an exported function returning xc_status: map whatever was thrown.
#define XC_CATCH(where)                                                                            \
    catch (...)                                                                                    \
    {                                                                                              \
        return xc_internal::map_exception(where);                                                  \
    }

// Same, for a function that returns something else: record the error and
// return `value`.
#define XC_CATCH_RETURN(where, value)                                                              \
    catch (...)                                                                                    \
    {                                                                                              \
        (void)xc_internal::map_exception(where);                                                   \
        return value;                                                                              \
    }

#endif /* VK_XC_INTERNAL_H */
