# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite FTS5 as a peer, for the comparison scripts (sourced by
# bench/compare.sh and bench/compare_real.sh, which define OUT, measure and
# size_mb): the corpus in one FTS5 table (tokenizer unicode61
# remove_diacritics 2, the text stored in the table as vankien stores it),
# and the query mix's words on it.

# Nearest-rank percentile P of the numbers in a file, one a line.
pct() { sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END { if (!NR) { print "nan"; exit } r = int(p / 100 * NR + 0.999999); if (r < 1) r = 1; print v[r] }'; }

# fts5_index CORPUS: indexes the files of CORPUS into $OUT/fts.db; sets
# FT_S, FT_MEM and FT_SIZE.
fts5_index() {
    local abs
    abs=$(cd "$1" && pwd)
    cat >"$OUT/fts.sql" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE VIRTUAL TABLE docs USING fts5(path, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO docs SELECT name, CAST(data AS TEXT) FROM fsdir('$abs') WHERE (mode & 61440) = 32768;
SQL
    measure sqlite3 "$OUT/fts.db" ".read $OUT/fts.sql"
    FT_S=$SECS FT_MEM=$PEAK_MB FT_SIZE=$(size_mb "$OUT/fts.db")
}

# fts5_queries QUERIES ROUNDS: the words of each query (fields and
# operators left out, each word quoted, all required), 10 rows with their
# text, timed by the sqlite3 shell's .timer, one warm-up pass then ROUNDS;
# sets FT_MED, FT_P95 and FT_P99 (ms).
fts5_queries() {
    grep -v '^[[:space:]]*#' "$1" | grep -v '^[[:space:]]*$' |
        perl -CSD -ne 'chomp; my @w;
            for (split /\s+/) { s/^[a-z]+://; next if /^(OR|AND|NOT|NEAR(\/\d+)?)$/ || /^-/;
                push @w, grep { length } split /[^\p{L}\p{N}]+/ }
            print join(" ", map { "\"$_\"" } @w), "\n"' >"$OUT/fts_queries.txt"
    {
        echo ".timer on"
        for _ in $(seq 0 "$2"); do
            while IFS= read -r q; do
                [ -n "$q" ] || continue
                printf "SELECT path, length(body) FROM docs WHERE docs MATCH '%s' ORDER BY rank LIMIT 10;\n" "${q//\'/\'\'}"
            done <"$OUT/fts_queries.txt"
        done
    } >"$OUT/fts_run.sql"
    sqlite3 "$OUT/fts.db" <"$OUT/fts_run.sql" 2>&1 |
        sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p' >"$OUT/fts_times_all.txt"
    local nq
    nq=$(grep -c . "$OUT/fts_queries.txt")
    tail -n +"$((nq + 1))" "$OUT/fts_times_all.txt" | awk '{ printf "%.3f\n", $1 * 1000 }' >"$OUT/fts_ms.txt"
    FT_MED=$(pct 50 "$OUT/fts_ms.txt") FT_P95=$(pct 95 "$OUT/fts_ms.txt") FT_P99=$(pct 99 "$OUT/fts_ms.txt")
}
