// SPDX-License-Identifier: GPL-2.0-or-later
//
// xc_query.cpp: query trees (xc_query) and the Xapian classes behind them:
// ValueInSet, the posting source of xc_query_value_in, and ValueTestDecider,
// which checks the value tests that a query keeps apart after the weight.

#include "xapian-c/xc_internal.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace xc_internal;

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

// Whether a query checks positions anywhere (a PHRASE or NEAR).
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

namespace xc_internal
{

// Wraps a built Xapian query in a new handle for the caller.
xc_status
new_query(Xapian::Query q, xc_query **out)
{
    auto *x = new xc_query();
    x->q = std::move(q);
    *out = x;
    return XC_OK;
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

bool
ValueTestDecider::operator()(const Xapian::Document &doc) const
{
    for (const auto &t : tests_) {
        std::string v = doc.get_value(t->slot);
        if (v.empty() || !t->keeps(v)) // no value: in no set, outside none
            return false;
    }
    return true;
}

} // namespace xc_internal

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

xc_status
xc_query_value_in(const xc_value_test *t, xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!t)
            return inval(__func__, "the value test is NULL");
        if (t->slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        if (t->n && (!t->values || !t->lens))
            return inval(__func__, "values or lens is NULL");
        auto test = std::make_shared<ValueTest>();
        test->slot = t->slot;
        test->outside = t->outside != 0;
        test->est = t->est;
        for (size_t i = 0; i < t->n; i++)
            test->set.emplace(bytes(t->values[i], t->lens[i]));
        xc_status st = new_query(source_query(test), out);
        if (st == XC_OK)
            (*out)->alone = std::move(test);
        return st;
    }
    XC_CATCH(ctx::query)
}

xc_status
xc_query_value_weight(const xc_value_weights *w, xc_query **out) noexcept
{
    try {
        if (!out)
            return inval(__func__, "out is NULL");
        *out = nullptr;
        if (!w)
            return inval(__func__, "the weights are NULL");
        if (w->slot == Xapian::BAD_VALUENO)
            return inval(__func__, "slot 0xffffffff is reserved");
        if (w->n && (!w->values || !w->lens || !w->weights))
            return inval(__func__, "values, lens or weights is NULL");
        if (!std::isfinite(w->other) || w->other < 0)
            return inval(__func__, "weights must be finite and >= 0");
        auto *src = new Xapian::ValueMapPostingSource(w->slot);
        Xapian::Query q(src->release());
        for (size_t i = 0; i < w->n; i++) {
            if (!std::isfinite(w->weights[i]) || w->weights[i] < 0)
                return inval(__func__, "weights must be finite and >= 0");
            src->add_mapping(bytes(w->values[i], w->lens[i]), w->weights[i]);
        }
        src->set_default_weight(w->other);
        return new_query(std::move(q), out);
    }
    XC_CATCH(ctx::query)
}

int
xc_query_positional(const xc_query *q) noexcept
{
    try {
        return q && positional(q->q);
    }
    XC_CATCH_RETURN(ctx::query, 0)
}

xc_status
xc_query_terms(const xc_query *q, int (*cb)(const char *term, size_t len, void *ud),
               void *ud) noexcept
{
    std::vector<std::string> terms;
    try {
        if (!q || !cb)
            return inval(__func__, "q or cb is NULL");
        for (auto it = q->q.get_unique_terms_begin(); it != q->q.get_unique_terms_end(); ++it)
            terms.push_back(*it);
    }
    XC_CATCH(ctx::query)
    for (const auto &t : terms) {
        if (cb(t.data(), t.size(), ud))
            break;
    }
    return XC_OK;
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
