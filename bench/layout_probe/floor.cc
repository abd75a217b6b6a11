// SPDX-License-Identifier: GPL-2.0-or-later
// floor.cc: the fastest Xapian can index a corpus on this machine, as a
// ceiling for any indexer built on it: one Xapian document per file, tokens
// split on ASCII blanks and punctuation (bytes >= 0x80 are letters), ASCII
// lower-cased, nothing else: no analysis, no second form, no bigrams, no
// stored data, no values. Each of THREADS threads writes its own database
// from every THREADS-th file (no compaction: a real indexer would add it).
// A token longer than Xapian's term limit (245 bytes in glass) is skipped
// and counted, as vankien's writer skips it: the real crawl has a few
// (base64 runs, long URLs) and Xapian throws InvalidArgumentError on them.
//
//   floor CORPUS OUTDIR pos|nopos THREADS
//
// Prints "floor: MODE THREADS threads: MB in s = MB/s (N long tokens
// skipped)".
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

// Glass refuses a term whose key would pass its 252-byte limit; 245 bytes is
// the longest term it takes in every table.
static const size_t MAX_TERM = 245;

static void
write_part(const std::vector<fs::path> &files, size_t from, size_t step, const std::string &db_path,
           bool positions, std::atomic<unsigned long long> &bytes,
           std::atomic<unsigned long long> &skipped)
{
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
    std::string tok;
    for (size_t i = from; i < files.size(); i += step) {
        std::ifstream f(files[i], std::ios::binary);
        std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        bytes += s.size();
        Xapian::Document doc;
        Xapian::termpos pos = 0;
        auto flush = [&] {
            if (tok.empty())
                return;
            if (tok.size() > MAX_TERM) {
                skipped++;
                tok.clear();
                ++pos;
                return;
            }
            if (positions)
                doc.add_posting(tok, ++pos);
            else
                doc.add_term(tok);
            tok.clear();
        };
        for (unsigned char c : s) {
            if (c >= 0x80 || std::isalnum(c))
                tok += static_cast<char>(std::tolower(c));
            else
                flush();
        }
        flush();
        db.add_document(doc);
    }
    db.commit();
}

int
main(int argc, char **argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: floor CORPUS OUTDIR pos|nopos THREADS\n");
        return 2;
    }
    std::vector<fs::path> files;
    for (auto &e : fs::recursive_directory_iterator(argv[1]))
        if (e.is_regular_file())
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    bool positions = std::string(argv[3]) == "pos";
    size_t threads = std::max(1, std::atoi(argv[4]));
    std::atomic<unsigned long long> bytes{0}, skipped{0};
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; t++)
        pool.emplace_back(write_part, std::cref(files), t, threads,
                          std::string(argv[2]) + "/part" + std::to_string(t), positions,
                          std::ref(bytes), std::ref(skipped));
    for (auto &th : pool)
        th.join();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("floor: %s %zu threads: %.1f MB in %.1f s = %.2f MB/s (%llu long tokens skipped)\n",
                argv[3], threads, bytes / 1e6, secs, bytes / 1e6 / secs,
                static_cast<unsigned long long>(skipped));
    return 0;
}
