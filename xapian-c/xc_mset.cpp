// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_mset.cpp: searching (xc_rdb_search) and match sets (xc_mset): the
// matches, their data and values, the query terms they matched, and the
// values counted over the whole match (facets).

#include "xapian-c/xc_internal.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

using namespace xc_internal;

namespace
{

// Key under which xc_mset_data caches the stored data (above any value slot).
constexpr uint64_t DATA_KEY = uint64_t{1} << 32;

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
        opts->pair_sep = -1;
        opts->field_sep = -1;
        opts->keyed_slot = -1;
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
    m->pair_sep = opts.pair_counts ? opts.pair_sep : -1;
    m->field_sep = opts.pair_counts ? opts.field_sep : -1;
    // Counted apart (count_apart), the ranked search checks no more than
    // it is asked to.
    const bool keyed = opts.keyed_slot >= 0 &&
                       std::find(slots.begin(), slots.end(),
                                 static_cast<Xapian::valueno>(opts.keyed_slot)) != slots.end();
    if (m->pair_sep >= 0 && opts.collapse_slot >= 0 && keyed)
        m->keyed_slot = opts.keyed_slot;
    for (Xapian::valueno slot : slots) {
        m->spies.emplace_back(slot, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
        if (m->keyed_slot < 0)
            m->enquire.add_matchspy(m->spies.back().second.get());
    }
    if (!slots.empty() && m->keyed_slot < 0) {
        // The counts are promised over the whole match, so every match must
        // be seen by the spy.
        Xapian::doccount all = db.get_doccount();
        if (check < all)
            check = all;
    }
    return check;
}

// The spies of m over every match of q, on a pass without weights or
// collapsing (cheaper than checking every match of the ranked, collapsed
// search). The pairs of the keyed slot then give the total (their
// distinct keys) and each returned match's collapse count (the matches of
// its key less those kept), as a search that checks every match gives
// them.
void
count_apart(xc_mset *m, const Xapian::Database &db, const Xapian::Query &q,
            const xc_search_opts &opts, Xapian::MatchDecider *decider)
{
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_weighting_scheme(Xapian::BoolWeight());
    if (opts.time_limit > 0)
        e.set_time_limit(opts.time_limit);
    const Xapian::ValueCountMatchSpy *keyed = nullptr;
    for (const auto &sp : m->spies) {
        e.add_matchspy(sp.second.get());
        if (sp.first == static_cast<Xapian::valueno>(m->keyed_slot))
            keyed = sp.second.get();
    }
    e.get_mset(0, 0, db.get_doccount(), nullptr, decider);
    const auto slot = static_cast<Xapian::valueno>(opts.collapse_slot);
    std::vector<std::string> match_keys; // each returned match's key
    for (auto it = m->mset.begin(); it != m->mset.end(); ++it)
        match_keys.push_back(it.get_document().get_value(slot));
    std::unordered_map<std::string_view, Xapian::doccount> of_match;
    for (const auto &k : match_keys)
        of_match.emplace(k, 0);
    const char sep = static_cast<char>(static_cast<unsigned char>(m->pair_sep));
    // The pairs are kept: the counts by field read them again.
    for (auto it = keyed->values_begin(); it != keyed->values_end(); ++it)
        m->keyed_pairs.emplace_back(*it, it.get_termfreq());
    std::unordered_set<std::string_view> keys;
    for (const auto &p : m->keyed_pairs) {
        size_t at = p.first.find(sep);
        std::string_view key =
            at == std::string::npos ? std::string_view() : std::string_view(p.first).substr(at + 1);
        auto found = of_match.find(key);
        if (found != of_match.end())
            found->second += p.second;
        keys.insert(key);
    }
    m->keys = static_cast<Xapian::doccount>(keys.size());
    const Xapian::doccount kept = opts.collapse_max ? opts.collapse_max : 1;
    m->collapse_counts.clear();
    for (const auto &k : match_keys) {
        Xapian::doccount n = of_match[k];
        m->collapse_counts.push_back(n > kept ? n - kept : 0);
    }
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
        if (opts->pair_counts && (opts->pair_sep < 0 || opts->pair_sep > UCHAR_MAX))
            return inval(__func__, "pair_counts wants a pair_sep of 0 .. 255");
        if (opts->field_sep < -1 || opts->field_sep > UCHAR_MAX)
            return inval(__func__, "field_sep is -1 or 0 .. 255");
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
        const Xapian::Query query = m->enquire.get_query();
        if (apart) {
            ValueTestDecider decider(q->tests);
            m->mset = m->enquire.get_mset(opts->offset, limit, check, nullptr, &decider);
            if (m->keyed_slot >= 0)
                count_apart(m.get(), db->db, query, *opts, &decider);
        } else {
            m->mset = m->enquire.get_mset(opts->offset, limit, check);
            if (m->keyed_slot >= 0)
                count_apart(m.get(), db->db, query, *opts, nullptr);
        }
        if (db->remote && opts->collapse_slot >= 0 && m->keyed_slot < 0) {
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
        // Counted apart, the total is exact.
        const bool keyed = m && m->keyed_slot >= 0;
        if (estimated)
            *estimated = keyed ? m->keys : m ? m->mset.get_matches_estimated() : 0;
        if (lower)
            *lower = keyed ? m->keys : m ? m->mset.get_matches_lower_bound() : 0;
        if (upper)
            *upper = keyed ? m->keys : m ? m->mset.get_matches_upper_bound() : 0;
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

namespace
{

// The spy of m that counted `slot`, or nullptr.
const Xapian::ValueCountMatchSpy *
spy_of(const xc_mset *m, uint32_t slot)
{
    for (const auto &sp : m->spies) {
        if (sp.first == slot)
            return sp.second.get();
    }
    return nullptr;
}

// Calls cb with each count, outside any try block; stops when cb asks.
xc_status
deliver(const std::vector<std::pair<std::string, uint32_t>> &counts, xc_count_cb cb, void *ud)
{
    for (const auto &c : counts) {
        if (cb(c.first.data(), c.first.size(), c.second, ud))
            break;
    }
    return XC_OK;
}

// Each field's counts over the pairs the spy saw, "<f0><fsep><f1>...<sep><key>":
// for every value of a field, its distinct keys, in byte order. A key seen
// in one pair only (the usual: the passages of a document share their
// facets) counts at once; the pairs of a key seen in several (copies that
// differ in a field) go through a set, so that each counts once.
xc_mset::field_tally
tally_fields(const xc_mset *m, uint32_t slot, const Xapian::ValueCountMatchSpy &spy, char sep,
             char fsep)
{
    // The keyed slot's pairs were read by count_apart; another slot's are
    // read here.
    const bool kept = slot == static_cast<uint32_t>(m->keyed_slot);
    std::vector<std::string> copied;
    for (auto it = spy.values_begin(); !kept && it != spy.values_end(); ++it)
        copied.push_back(*it);
    std::vector<std::string_view> vals;
    if (kept) {
        for (const auto &p : m->keyed_pairs)
            vals.emplace_back(p.first);
    } else {
        vals.assign(copied.begin(), copied.end());
    }
    std::vector<std::string_view> keys(vals.size());
    std::unordered_map<std::string_view, uint32_t> pairs_of_key;
    for (size_t i = 0; i < vals.size(); i++) {
        size_t at = vals[i].find(sep);
        if (at != std::string::npos)
            keys[i] = std::string_view(vals[i]).substr(at + 1);
        pairs_of_key[keys[i]]++;
    }
    std::vector<std::map<std::string_view, uint32_t>> by;
    std::set<std::tuple<size_t, std::string_view, std::string_view>> shared;
    for (size_t i = 0; i < vals.size(); i++) {
        std::string_view v(vals[i]);
        v = v.substr(0, v.find(sep));
        const bool once = pairs_of_key[keys[i]] == 1;
        for (size_t f = 0;; f++) {
            size_t at = v.find(fsep);
            std::string_view field = v.substr(0, at);
            if (!field.empty() && (once || shared.emplace(f, field, keys[i]).second)) {
                if (by.size() <= f)
                    by.resize(f + 1);
                by[f][field]++;
            }
            if (at == std::string_view::npos)
                break;
            v.remove_prefix(at + 1);
        }
    }
    xc_mset::field_tally out(by.size());
    for (size_t f = 0; f < by.size(); f++) {
        for (const auto &c : by[f])
            out[f].emplace_back(std::string(c.first), c.second);
    }
    return out;
}

} // namespace

xc_status
xc_mset_slot_counts(const xc_mset *m, uint32_t slot, xc_count_cb cb, void *ud) noexcept
{
    // Collected first so that the callback runs outside the try block.
    std::vector<std::pair<std::string, uint32_t>> counts;
    try {
        if (!m || !cb)
            return inval(__func__, "mset or cb is NULL");
        const Xapian::ValueCountMatchSpy *spy = spy_of(m, slot);
        if (!spy)
            return XC_OK;
        if (m->pair_sep < 0) {
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
                counts.emplace_back(*it, static_cast<uint32_t>(it.get_termfreq()));
        } else {
            // "<value><sep><key>": each distinct pair once, under its value.
            const char sep = static_cast<char>(static_cast<unsigned char>(m->pair_sep));
            std::map<std::string, uint32_t> by_value;
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
                const std::string &v = *it;
                by_value[v.substr(0, v.find(sep))]++;
            }
            counts.assign(by_value.begin(), by_value.end());
        }
    }
    XC_CATCH(ctx::db)
    return deliver(counts, cb, ud);
}

xc_status
xc_mset_field_counts(const xc_mset *m, uint32_t slot, unsigned field, xc_count_cb cb,
                     void *ud) noexcept
{
    const std::vector<std::pair<std::string, uint32_t>> *counts = nullptr;
    try {
        if (!m || !cb)
            return inval(__func__, "mset or cb is NULL");
        const Xapian::ValueCountMatchSpy *spy = spy_of(m, slot);
        if (!spy || m->pair_sep < 0 || m->field_sep < 0)
            return XC_OK;
        auto it = m->fields.find(slot);
        if (it == m->fields.end()) {
            const char sep = static_cast<char>(static_cast<unsigned char>(m->pair_sep));
            const char fsep = static_cast<char>(static_cast<unsigned char>(m->field_sep));
            it = m->fields.emplace(slot, tally_fields(m, slot, *spy, sep, fsep)).first;
        }
        if (field >= it->second.size())
            return XC_OK;
        counts = &it->second[field];
    }
    XC_CATCH(ctx::db)
    return counts ? deliver(*counts, cb, ud) : XC_OK;
}
