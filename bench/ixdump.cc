// SPDX-License-Identifier: GPL-2.0-or-later
// ixdump.cc: the content of a Xapian index, independent of document ids, to
// check that a change to the indexer leaves what it writes unchanged; and
// what takes the space, by term prefix. Not part of the build or the tests
// (bench/compare_real.sh and bench/ixcheck.sh compile it with g++).
//
//   ixdump dump DB     one line per document, sorted by its unique (Q) term:
//                      every term with its wdf and positions, every value,
//                      the stored data; then the synonyms and the metadata
//                      (without vankien.updated and the vankien.stat.*
//                      looks, which hold times and inode numbers)
//   ixdump sizes DB    per term prefix (the leading capitals): terms,
//                      postings, positions, term bytes; and the stored data
//                      bytes, for the tables of xapian-check
//   ixdump strip DB OUT SPEC...
//                      a compacted copy of DB without what SPEC names, to
//                      weigh it: "-P" the terms of prefix P, "@P" only their
//                      positions ("-" and "@" alone: the terms without a
//                      prefix), "data" the stored data
//
// Two indexes of the same files have the same dump when they hold the same
// documents, whatever order the threads wrote them in.
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

static std::string
escape(const std::string &s)
{
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x20 || c == '\\' || c == '|') {
            char b[5];
            std::snprintf(b, sizeof b, "\\x%02x", c);
            out += b;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

static std::string
doc_line(const Xapian::Database &db, Xapian::docid did)
{
    Xapian::Document doc = db.get_document(did);
    std::string uid, terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string &name = *t;
        if (name[0] == 'Q')
            uid = name;
        terms += " " + escape(name) + ":" + std::to_string(t.get_wdf());
        std::string sep = "@";
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
            terms += sep + std::to_string(*p);
            sep = ",";
        }
    }
    std::string values;
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
        values += " " + std::to_string(v.get_valueno()) + "=" + escape(*v);
    return escape(uid) + " |terms" + terms + " |values" + values + " |data " + escape(doc.get_data());
}

static int
dump(const Xapian::Database &db)
{
    std::vector<std::string> lines;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d)
        lines.push_back(doc_line(db, *d));
    std::sort(lines.begin(), lines.end());
    for (const auto &l : lines)
        std::printf("doc %s\n", l.c_str());
    for (auto s = db.synonym_keys_begin(); s != db.synonym_keys_end(); ++s) {
        std::string line = "synonym " + escape(*s) + " ->";
        for (auto v = db.synonyms_begin(*s); v != db.synonyms_end(*s); ++v)
            line += " " + escape(*v);
        std::printf("%s\n", line.c_str());
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
        if (*k == "vankien.updated" || (*k).rfind("vankien.stat.", 0) == 0)
            continue;
        std::printf("meta %s = %s\n", escape(*k).c_str(), escape(db.get_metadata(*k)).c_str());
    }
    return 0;
}

struct prefix_stats {
    unsigned long long terms = 0, postings = 0, positions = 0, term_bytes = 0;
};

static int
sizes(const Xapian::Database &db)
{
    std::map<std::string, prefix_stats> by;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        const std::string &name = *t;
        size_t n = 0;
        while (n < name.size() && name[n] >= 'A' && name[n] <= 'Z')
            n++;
        prefix_stats &s = by[n ? name.substr(0, n) : "(none)"];
        s.terms++;
        s.term_bytes += name.size();
        s.postings += t.get_termfreq();
        for (auto p = db.postlist_begin(name); p != db.postlist_end(name); ++p)
            for (auto q = p.positionlist_begin(); q != p.positionlist_end(); ++q)
                s.positions++;
    }
    unsigned long long data = 0, docs = 0;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d, ++docs)
        data += db.get_document(*d).get_data().size();
    std::printf("%-8s %10s %12s %14s %12s\n", "prefix", "terms", "postings", "positions",
                "term bytes");
    for (const auto &e : by)
        std::printf("%-8s %10llu %12llu %14llu %12llu\n", e.first.c_str(), e.second.terms,
                    e.second.postings, e.second.positions, e.second.term_bytes);
    std::printf("documents %llu, stored data %.1f MB\n", docs, data / 1e6);
    return 0;
}

static std::string
prefix_of(const std::string &name)
{
    size_t n = 0;
    while (n < name.size() && name[n] >= 'A' && name[n] <= 'Z')
        n++;
    return name.substr(0, n);
}

static int
strip(const Xapian::Database &db, const std::string &out, const std::vector<std::string> &specs)
{
    std::vector<std::string> drop, nopos;
    bool nodata = false;
    for (const auto &s : specs) {
        if (s == "data")
            nodata = true;
        else if (!s.empty() && s[0] == '-')
            drop.push_back(s.substr(1));
        else if (!s.empty() && s[0] == '@')
            nopos.push_back(s.substr(1));
    }
    auto has = [](const std::vector<std::string> &v, const std::string &p) {
        return std::find(v.begin(), v.end(), p) != v.end();
    };
    std::string tmp = out + ".tmp";
    {
        Xapian::WritableDatabase w(tmp, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
            Xapian::Document src = db.get_document(*d), doc;
            for (auto t = src.termlist_begin(); t != src.termlist_end(); ++t) {
                std::string p = prefix_of(*t);
                if (has(drop, p))
                    continue;
                if (has(nopos, p) || t.positionlist_begin() == t.positionlist_end()) {
                    doc.add_term(*t, t.get_wdf());
                    continue;
                }
                for (auto q = t.positionlist_begin(); q != t.positionlist_end(); ++q)
                    doc.add_posting(*t, *q, 0);
                doc.add_term(*t, t.get_wdf());
            }
            for (auto v = src.values_begin(); v != src.values_end(); ++v)
                doc.add_value(v.get_valueno(), *v);
            if (!nodata)
                doc.set_data(src.get_data());
            w.replace_document(*d, doc);
        }
        w.commit();
    }
    Xapian::Database(tmp).compact(out, Xapian::DB_BACKEND_GLASS | Xapian::Compactor::FULL);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc >= 4 && std::string(argv[1]) == "strip") {
        try {
            return strip(Xapian::Database(argv[2]), argv[3],
                         std::vector<std::string>(argv + 4, argv + argc));
        } catch (const Xapian::Error &e) {
            std::fprintf(stderr, "ixdump: %s\n", e.get_description().c_str());
            return 1;
        }
    }
    if (argc != 3 || (std::string(argv[1]) != "dump" && std::string(argv[1]) != "sizes")) {
        std::fprintf(stderr, "usage: ixdump dump|sizes DB | ixdump strip DB OUT SPEC...\n");
        return 2;
    }
    try {
        Xapian::Database db(argv[2]);
        return std::string(argv[1]) == "dump" ? dump(db) : sizes(db);
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "ixdump: %s\n", e.get_description().c_str());
        return 1;
    }
}
