// SPDX-License-Identifier: GPL-2.0-or-later
// qbench.cc: query latency on one layout.
// usage: qbench DB LAYOUT QUERIES [ROUNDS] [collapse]
//   For each query line (skip '#' lines and lines containing ':'):
//     AND    : OP_AND of the F<folded> terms of all words
//     PHRASE : (only for lines with "...") each quoted part as OP_PHRASE of the
//              exact terms (layouts with exact positions) or of the F terms
//              (LAYOUT D3), ANDed with the F terms of the unquoted words.
//   The bare word OR is dropped, a leading '-' is ignored by the tokenizer
//   (so "kiểm tra OR giám sát" and "đảng viên -nữ" are plain ANDs here).
//   Each query: 1 warm-up run then ROUNDS (default 10) timed runs of
//   Enquire + get_mset(0,10) + get_data() of each hit, CLOCK_MONOTONIC.
//   "collapse": set_collapse_key(0) (one hit per document, as the real engine).
#include <xapian.h>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>
#include "tok.h"

static double now() {
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t k = (size_t)(p * v.size() + 0.999999);
    if (k < 1) k = 1;
    if (k > v.size()) k = v.size();
    return v[k - 1];
}

struct Q { std::string label; Xapian::Query q; std::vector<std::string> fterms; };

int main(int argc, char** argv) {
    if (argc < 4) { fprintf(stderr, "usage: qbench DB LAYOUT QUERIES [ROUNDS] [collapse]\n"); return 2; }
    std::string layout = argv[2];
    int rounds = argc > 4 ? atoi(argv[4]) : 10;
    bool collapse = argc > 5 && !strcmp(argv[5], "collapse");
    // "sections" mode (layout D3s): data = "<first passage docid in STORE> <first pos of each section>...";
    // per hit, read the positions of the query's F terms, pick the section with the most distinct
    // query terms (then most occurrences), and fetch that passage's text from STORE (argv[6]).
    bool sections = argc > 6 && !strcmp(argv[5], "sections");
    Xapian::Database store;
    if (sections) store = Xapian::Database(argv[6]);
    bool phrase_on_folded = layout.compare(0, 2, "D3") == 0;
    Xapian::Database db(argv[1]);
    Tokenizer tk;

    std::vector<Q> qs;
    std::ifstream in(argv[3]);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line.find(':') != std::string::npos) continue;
        // split into quoted parts and free text
        std::vector<std::string> phrases;
        std::string free_text;
        bool inq = false;
        std::string cur;
        for (char c : line) {
            if (c == '"') {
                if (inq) { phrases.push_back(cur); cur.clear(); } else { free_text += ' '; }
                inq = !inq;
            } else if (inq) cur += c;
            else free_text += c;
        }
        if (inq) free_text += cur;
        // drop bare OR
        std::string ft;
        {
            size_t i = 0;
            while (i < free_text.size()) {
                size_t j = free_text.find(' ', i);
                if (j == std::string::npos) j = free_text.size();
                std::string w = free_text.substr(i, j - i);
                if (w != "OR") ft += w + " ";
                i = j + 1;
            }
        }
        auto toks_of = [&](const std::string& s) {
            std::vector<Tok> v; unsigned pos = 1, para = 0;
            tk.tokenize(s, v, pos, para);
            return v;
        };
        std::vector<Xapian::Query> all_f, free_f, phr;
        std::vector<std::string> fts;
        for (auto& t : toks_of(ft)) { all_f.emplace_back("F" + t.folded); free_f.emplace_back("F" + t.folded); fts.push_back("F" + t.folded); }
        for (auto& p : phrases) {
            std::vector<Xapian::Query> pt;
            for (auto& t : toks_of(p)) {
                all_f.emplace_back("F" + t.folded);
                fts.push_back("F" + t.folded);
                pt.emplace_back(phrase_on_folded ? "F" + t.folded : t.exact);
            }
            phr.emplace_back(Xapian::Query::OP_PHRASE, pt.begin(), pt.end(), (Xapian::termcount)pt.size());
        }
        qs.push_back(Q{"AND    " + line, Xapian::Query(Xapian::Query::OP_AND, all_f.begin(), all_f.end()), fts});
        if (!phrases.empty()) {
            std::vector<Xapian::Query> parts = phr;
            parts.insert(parts.end(), free_f.begin(), free_f.end());
            qs.push_back(Q{"PHRASE " + line, Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()), fts});
        }
    }

    std::vector<double> all, and_only, phrase_only, mset_t, data_t;
    double data_bytes = 0; size_t data_runs = 0;
    printf("# layout %s%s db %s docs %u rounds %d\n", layout.c_str(), collapse ? " (collapse)" : sections ? " (sections)" : "",
           argv[1], db.get_doccount(), rounds);
    printf("# median_ms\tp95_ms\tmatches_est\tquery\n");
    for (auto& q : qs) {
        std::vector<double> ts;
        Xapian::doccount est = 0;
        for (int r = 0; r <= rounds; r++) {
            double t0 = now();
            Xapian::Enquire enq(db);
            enq.set_query(q.q);
            if (collapse) enq.set_collapse_key(0);
            Xapian::MSet ms = enq.get_mset(0, 10);
            double tm = now();
            size_t sink = 0;
            if (!sections) {
                for (auto it = ms.begin(); it != ms.end(); ++it) sink += it.get_document().get_data().size();
            } else {
                std::sort(q.fterms.begin(), q.fterms.end());
                q.fterms.erase(std::unique(q.fterms.begin(), q.fterms.end()), q.fterms.end());
                for (auto it = ms.begin(); it != ms.end(); ++it) {
                    std::string d = it.get_document().get_data();
                    std::vector<unsigned> firsts;
                    const char* p = d.c_str();
                    char* e;
                    unsigned long base = strtoul(p, &e, 10);
                    p = e;
                    while (*p) { firsts.push_back((unsigned)strtoul(p, &e, 10)); if (e == p) break; p = e; }
                    std::vector<unsigned> nterms(firsts.size(), 0), nocc(firsts.size(), 0);
                    std::vector<int> last(firsts.size(), -1);
                    for (size_t ti = 0; ti < q.fterms.size(); ti++) {
                        for (auto pi = db.positionlist_begin(*it, q.fterms[ti]); pi != db.positionlist_end(*it, q.fterms[ti]); ++pi) {
                            size_t sec = std::upper_bound(firsts.begin(), firsts.end(), *pi) - firsts.begin();
                            if (sec == 0) continue;
                            sec--;
                            nocc[sec]++;
                            if (last[sec] != (int)ti) { last[sec] = (int)ti; nterms[sec]++; }
                        }
                    }
                    size_t best = 0;
                    for (size_t k = 1; k < firsts.size(); k++)
                        if (nterms[k] > nterms[best] || (nterms[k] == nterms[best] && nocc[k] > nocc[best])) best = k;
                    sink += store.get_document((Xapian::docid)(base + best)).get_data().size();
                }
            }
            double dt = (now() - t0) * 1000;
            est = ms.get_matches_estimated();
            if (sink == (size_t)-1) puts("");
            if (r == 0) continue;  // warm-up
            ts.push_back(dt);
            mset_t.push_back((tm - t0) * 1000);
            data_t.push_back(dt - (tm - t0) * 1000);
            data_bytes += sink; data_runs++;
        }
        all.insert(all.end(), ts.begin(), ts.end());
        (q.label[0] == 'A' ? and_only : phrase_only).insert(
            (q.label[0] == 'A' ? and_only : phrase_only).end(), ts.begin(), ts.end());
        printf("%.3f\t%.3f\t%u\t%s\n", pct(ts, 0.5), pct(ts, 0.95), est, q.label.c_str());
    }
    printf("SUMMARY\t%s%s\tall n=%zu median %.3f p95 %.3f p99 %.3f | AND n=%zu median %.3f p95 %.3f p99 %.3f | PHRASE n=%zu median %.3f p95 %.3f p99 %.3f\n",
           layout.c_str(), collapse ? "+collapse" : sections ? "+sections" : "",
           all.size(), pct(all, .5), pct(all, .95), pct(all, .99),
           and_only.size(), pct(and_only, .5), pct(and_only, .95), pct(and_only, .99),
           phrase_only.size(), pct(phrase_only, .5), pct(phrase_only, .95), pct(phrase_only, .99));
    printf("SPLIT\t%s%s\tget_mset median %.3f p95 %.3f | get_data(10 hits) median %.3f p95 %.3f | mean data bytes per query %.0f\n",
           layout.c_str(), collapse ? "+collapse" : sections ? "+sections" : "",
           pct(mset_t, .5), pct(mset_t, .95), pct(data_t, .5), pct(data_t, .95), data_bytes / data_runs);
    return 0;
}
