// SPDX-License-Identifier: GPL-2.0-or-later
// probe.cc: rebuild the text of a vankien passage index in another layout.
// usage: probe SRC_DB OUT_DB LAYOUT     LAYOUT = P1 | D1 | D2 | D3
//   P1  one Xapian doc per passage: exact terms with positions, F terms (wdf,
//       no positions), BF bigrams (no positions), data = passage text
//   D1  one Xapian doc per document (passages in docid order, positions
//       continue across passages with a gap of 100), same term families,
//       data = "[[byte_off,first_pos],...]\n" + passages joined by "\n"
//   D2  D1 without BF bigrams
//   D3  D1 but exact terms without positions, F terms with positions
// All layouts: value slot 0 = document key (for collapse). Commit every 500
// source documents and at the end.
#include <xapian.h>
#include <jansson.h>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>
#include <unordered_map>
#include "tok.h"

static double now() {
    timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

struct Doc {
    std::string key;
    std::vector<std::string> passages;
};

int main(int argc, char** argv) {
    if (argc != 4) { fprintf(stderr, "usage: probe SRC OUT P1|D1|D2|D3\n"); return 2; }
    std::string layout = argv[3];
    // extra layouts: D3s = D3 terms, data = "<first passage no> <first pos of each section>..."
    //                S   = passage store: one doc per passage, no terms, data = passage text
    bool doc_level = layout[0] == 'D';
    bool bigrams = layout != "D2";
    bool exact_pos = layout != "D3" && layout != "D3s";
    bool store_only = layout == "S";
    size_t passage_no = 0;

    double t0 = now();
    std::vector<Doc> docs;
    std::unordered_map<std::string, size_t> idx;
    size_t npass = 0, nbytes = 0;
    {
        Xapian::Database src(argv[1]);
        Xapian::docid last = src.get_lastdocid();
        for (Xapian::docid id = 1; id <= last; id++) {
            Xapian::Document d;
            try { d = src.get_document(id); } catch (const Xapian::DocNotFoundError&) { continue; }
            std::string data = d.get_data();
            json_error_t err;
            json_t* j = json_loadb(data.data(), data.size(), 0, &err);
            if (!j) { fprintf(stderr, "bad json in %u: %s\n", id, err.text); continue; }
            const char* key = json_string_value(json_object_get(j, "key"));
            const char* text = json_string_value(json_object_get(j, "text"));
            std::string k = key ? key : "";
            auto it = idx.find(k);
            if (it == idx.end()) { it = idx.emplace(k, docs.size()).first; docs.push_back(Doc{k, {}}); }
            docs[it->second].passages.emplace_back(text ? text : "");
            nbytes += docs[it->second].passages.back().size();
            npass++;
            json_decref(j);
        }
    }
    double t1 = now();
    fprintf(stderr, "read %zu passages, %zu documents, %zu bytes of text in %.1f s\n",
            npass, docs.size(), nbytes, t1 - t0);

    Tokenizer tk;
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    std::vector<Tok> toks;
    size_t nxdocs = 0, ntoks = 0;

    auto index_tokens = [&](Xapian::Document& xd, const std::vector<Tok>& ts) {
        for (size_t i = 0; i < ts.size(); i++) {
            const Tok& t = ts[i];
            if (exact_pos) { xd.add_posting(t.exact, t.pos); xd.add_term("F" + t.folded); }
            else { xd.add_term(t.exact); xd.add_posting("F" + t.folded, t.pos); }
            if (bigrams && i + 1 < ts.size() && ts[i + 1].para == t.para)
                xd.add_term("BF" + t.folded + " " + ts[i + 1].folded);
        }
        ntoks += ts.size();
    };

    for (size_t di = 0; di < docs.size(); di++) {
        const Doc& d = docs[di];
        if (store_only) {
            for (const auto& p : d.passages) {
                Xapian::Document xd;
                xd.set_data(p);
                db.add_document(xd);
                nxdocs++;
            }
        } else if (!doc_level) {
            for (const auto& p : d.passages) {
                toks.clear();
                unsigned pos = 1, para = 0;
                tk.tokenize(p, toks, pos, para);
                Xapian::Document xd;
                index_tokens(xd, toks);
                xd.add_value(0, d.key);
                xd.set_data(p);
                db.add_document(xd);
                nxdocs++;
            }
        } else {
            toks.clear();
            unsigned pos = 1, para = 0;
            std::string text, secs = "[", compact_secs = std::to_string(passage_no + 1);
            for (size_t pi = 0; pi < d.passages.size(); pi++) {
                if (pi) { text += '\n'; pos += 100; para++; secs += ','; }
                secs += "[" + std::to_string(text.size()) + "," + std::to_string(pos) + "]";
                compact_secs += " " + std::to_string(pos);
                text += d.passages[pi];
                tk.tokenize(d.passages[pi], toks, pos, para);
            }
            secs += "]\n";
            Xapian::Document xd;
            index_tokens(xd, toks);
            xd.add_value(0, d.key);
            if (layout == "D3s") xd.set_data(compact_secs);
            else xd.set_data(secs + text);
            passage_no += d.passages.size();
            db.add_document(xd);
            nxdocs++;
        }
        if ((di + 1) % 500 == 0) db.commit();
    }
    db.commit();
    db.close();
    double t2 = now();
    fprintf(stderr, "layout %s: %zu xapian docs, %zu tokens, build %.1f s (read %.1f s)\n",
            layout.c_str(), nxdocs, ntoks, t2 - t1, t1 - t0);
    printf("%s\t%zu\t%zu\t%.1f\t%.1f\n", layout.c_str(), nxdocs, ntoks, t2 - t1, t1 - t0);
    return 0;
}
