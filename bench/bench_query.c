/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_query.c: query latency in-process, through the real query side:
 * each query of the file (one a line; blank lines and lines starting with #
 * are left out) is parsed, searched (10 results, 5 s time limit) and freed,
 * once to warm the caches, then R rounds of the whole mix, each run timed
 * with CLOCK_MONOTONIC. Prints the median, 95th and 99th percentile and
 * mean over all timed runs, then each query's median with its hits.
 *
 *   bench/bench_query --db DIR [--rounds R] [--facets] [--plain|--served] QUERYFILE
 *
 * --plain times plain Xapian on the same index and the same words instead:
 * the AND of the folded terms of each query's words (field names and
 * operators left out), 10 matches with their stored data, no collapsing,
 * no snippets: the floor under vankien's own work.
 *
 * --served times what vankien-searchd does for GET /api/search in process:
 * the index opened as the daemon opens it, the request parsed, searched,
 * "did you mean" looked for, the results made JSON and printed to a
 * string. What HTTP may cost beyond this is bench/bench_http.sh's measure.
 *
 * The last line ("bench_query: median_ms=...") is for scripts.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzers/an.h"
#include "common/buf.h"
#include "common/file.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"
#include "xapian-c/xc.h"

/* One query of the mix and what its warm-up run found. */
typedef struct bench_q {
    const char *text;   /* the query, NUL-terminated in the file's buffer */
    size_t shown;       /* results returned (at most the limit) */
    uint32_t total;     /* estimated matching documents */
    const char *notice; /* fallback taken ("any-word", "folded"), or NULL */
    double *ms;         /* one time per round */
} bench_q;

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p-th percentile of sorted values, nearest rank. */
static double
percentile(const double *v, size_t n, double p)
{
    size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);
    return v[rank == 0 ? 0 : (rank > n ? n : rank) - 1];
}

/* Cuts text into queries in place; returns how many (at most max). */
static size_t
split_queries(char *text, size_t len, bench_q *out, size_t max)
{
    size_t n = 0, i = 0;
    while (i < len && n < max) {
        char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        text[end] = '\0';
        char *q = text + i;
        while (*q == ' ' || *q == '\t')
            q++;
        size_t ql = strlen(q);
        while (ql > 0 && (q[ql - 1] == ' ' || q[ql - 1] == '\r'))
            q[--ql] = '\0';
        if (ql > 0 && q[0] != '#')
            out[n++] = (bench_q){.text = q};
        i = end + 1;
    }
    return n;
}

/* Plain Xapian: the AND of F<folded> of the query's words, 10 matches and
 * their data. */
static double
run_plain(xc_rdb *db, const char *text, bench_q *q)
{
    double t0 = now_ms();
    an_tokens toks = {0};
    vk_buf t = VK_BUF_INIT;
    xc_query *subs[64];
    size_t ns = 0;
    /* Field names ("loai:") and operators are not words of the text. */
    vk_buf clean = VK_BUF_INIT;
    for (const char *p = text; *p;) {
        size_t w = strcspn(p, " \t");
        const char *colon = memchr(p, ':', w);
        const char *from = colon ? colon + 1 : p;
        size_t wl = (size_t)(p + w - from);
        int op = (wl == 2 && memcmp(from, "OR", 2) == 0) ||
                 (wl == 3 && memcmp(from, "AND", 3) == 0) ||
                 (wl >= 4 && memcmp(from, "NEAR", 4) == 0);
        if (!op && *from != '-') {
            vk_buf_append(&clean, from, wl);
            vk_buf_putc(&clean, ' ');
        }
        p += w;
        p += strspn(p, " \t");
    }
    if (clean.data && an_analyze(clean.data, clean.len, 1, &toks) == VK_OK) {
        for (size_t i = 0; i < toks.n && ns < VK_ARRAY_LEN(subs); i++) {
            vk_buf_clear(&t);
            vk_buf_puts(&t, IX_PREFIX_FOLDED);
            vk_buf_append(&t, toks.v[i].folded, toks.v[i].folded_len);
            if (t.data && xc_query_term(t.data, t.len, 1, 0, &subs[ns]) == XC_OK)
                ns++;
        }
    }
    xc_query *all = NULL;
    xc_mset *m = NULL;
    if (ns && xc_query_combine(XC_OP_AND, subs, ns, 0, &all) == XC_OK) {
        xc_search_opts so;
        xc_search_opts_init(&so);
        so.limit = 10;
        if (xc_rdb_search(db, all, &so, &m) == XC_OK) {
            for (size_t i = 0; i < xc_mset_size(m); i++) {
                const char *data;
                size_t len;
                xc_mset_data(m, i, &data, &len);
            }
            if (q) {
                q->shown = xc_mset_size(m);
                xc_mset_estimate(m, &q->total, NULL, NULL);
            }
        }
    }
    xc_mset_free(m);
    xc_query_free(all);
    for (size_t i = 0; i < ns; i++)
        xc_query_free(subs[i]);
    an_tokens_free(&toks);
    vk_buf_free(&t);
    vk_buf_free(&clean);
    return now_ms() - t0;
}

/* Parses, searches and frees one query; returns its time in ms and, when
 * q is given, records what it found. Exits on any error: the mix is fixed. */
static double
run_query(xc_rdb *db, const qr_opts *opts, const char *text, bench_q *q)
{
    vk_error err = {0};
    qr_query *parsed = NULL;
    qr_results *r = NULL;
    double t0 = now_ms();
    vk_status st = qr_parse(text, strlen(text), &parsed, &err);
    if (st == VK_OK)
        st = qr_search(db, parsed, opts, &r, &err);
    if (st == VK_OK && q) {
        q->shown = r->n_hits;
        q->total = r->total;
        q->notice = r->notice ? (strcmp(r->notice, "folded") == 0 ? "folded" : "any-word") : NULL;
    }
    qr_results_free(r);
    qr_query_free(parsed);
    double t1 = now_ms();
    if (st != VK_OK) {
        fprintf(stderr, "bench_query: %s: %s\n", text, err.msg[0] ? err.msg : vk_status_str(st));
        exit(2);
    }
    return t1 - t0;
}

/* What the daemon does for GET /api/search, in process: the request
 * searched with "did you mean", the results as compact JSON. Exits on any
 * error, as run_query. */
static double
run_served(qr_index *ix, const qr_opts *opts, const char *text, bench_q *q)
{
    vk_error err = {0};
    qr_results *r = NULL;
    qr_request req = {.text = text, .len = strlen(text), .opts = *opts};
    double t0 = now_ms();
    vk_status st = qr_index_search(ix, &req, &r, &err);
    json_t *o = NULL;
    char *s = NULL;
    if (st == VK_OK && (qr_results_json(r, &o) != VK_OK || !(s = json_dumps(o, JSON_COMPACT))))
        st = vk_fail(&err, VK_ENOMEM, "out of memory");
    if (st == VK_OK && q) {
        q->shown = r->n_hits;
        q->total = r->total;
        q->notice = r->notice ? (strcmp(r->notice, "folded") == 0 ? "folded" : "any-word") : NULL;
    }
    free(s);
    json_decref(o);
    qr_results_free(r);
    double t1 = now_ms();
    if (st != VK_OK) {
        fprintf(stderr, "bench_query: %s: %s\n", text, err.msg[0] ? err.msg : vk_status_str(st));
        exit(2);
    }
    return t1 - t0;
}

enum { MODE_QUERY, MODE_PLAIN, MODE_SERVED };

/* What one timed run needs: the index (as a qr_index for --served) and
 * the options. */
typedef struct bench_run {
    int mode;
    xc_rdb *db;
    qr_index *ix;
    qr_opts opts;
} bench_run;

static double
run_one(const bench_run *b, const char *text, bench_q *q)
{
    switch (b->mode) {
    case MODE_PLAIN: return run_plain(b->db, text, q);
    case MODE_SERVED: return run_served(b->ix, &b->opts, text, q);
    default: return run_query(b->db, &b->opts, text, q);
    }
}

/* Opens the index at path for b: as the daemon does for --served, else
 * plainly. Returns 0, else -1 with the reason printed. */
static int
open_index(bench_run *b, const char *path)
{
    if (b->mode == MODE_SERVED) {
        vk_error err = {0};
        if (qr_index_open(path, &b->ix, &err) != VK_OK) {
            fprintf(stderr, "bench_query: %s\n", err.msg);
            return -1;
        }
        b->db = qr_index_rdb(b->ix);
        return 0;
    }
    const char *paths[] = {path};
    if (xc_rdb_open(paths, 1, &b->db) != XC_OK) {
        fprintf(stderr, "bench_query: %s\n", xc_errmsg());
        return -1;
    }
    return 0;
}

static void
usage(void)
{
    fprintf(stderr,
            "usage: bench_query --db DIR [--rounds R] [--facets] [--plain|--served] QUERYFILE\n");
    exit(2);
}

static void
report(const char *db_path, bench_q *qs, size_t n, size_t rounds, int facets, int mode)
{
    size_t runs = n * rounds;
    double *all = malloc(runs * sizeof *all), sum = 0;
    if (!all) {
        fprintf(stderr, "bench_query: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < rounds; k++)
            sum += all[i * rounds + k] = qs[i].ms[k];
    }
    qsort(all, runs, sizeof *all, cmp_double);
    printf("bench_query: %zu queries x %zu rounds = %zu timed runs on %s (%s)\n", n, rounds, runs,
           db_path,
           mode == MODE_PLAIN ? "plain Xapian: AND of the folded words, 10 matches and their data"
           : mode == MODE_SERVED
               ? (facets ? "as served: search, did you mean, JSON; limit 10, facets on"
                         : "as served: search, did you mean, JSON; limit 10, facets off")
           : facets ? "parse + search + free, limit 10, facets on"
                    : "parse + search + free, limit 10, facets off");
    printf("latency ms: median %.3f  p95 %.3f  p99 %.3f  mean %.3f  max %.3f\n",
           percentile(all, runs, 50), percentile(all, runs, 95), percentile(all, runs, 99),
           sum / (double)runs, all[runs - 1]);
    printf("\n  median ms      hits  query\n");
    for (size_t i = 0; i < n; i++) {
        qsort(qs[i].ms, rounds, sizeof *qs[i].ms, cmp_double);
        printf("  %9.3f  %3zu/%-6u %s%s%s%s\n", percentile(qs[i].ms, rounds, 50), qs[i].shown,
               qs[i].total, qs[i].text, qs[i].notice ? "  [" : "", qs[i].notice ? qs[i].notice : "",
               qs[i].notice ? " fallback]" : "");
    }
    printf("\nbench_query: median_ms=%.3f p95_ms=%.3f p99_ms=%.3f mean_ms=%.3f queries=%zu "
           "runs=%zu\n",
           percentile(all, runs, 50), percentile(all, runs, 95), percentile(all, runs, 99),
           sum / (double)runs, n, runs);
    free(all);
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'}, {"rounds", required_argument, NULL, 'r'},
        {"facets", no_argument, NULL, 'f'},   {"plain", no_argument, NULL, 'p'},
        {"served", no_argument, NULL, 's'},   {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL;
    long rounds = 20;
    int facets = 0, mode = MODE_QUERY, c;
    while ((c = getopt_long(argc, argv, "d:r:fps", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'r': rounds = strtol(optarg, NULL, 10); break;
        case 'f': facets = 1; break;
        case 'p': mode = MODE_PLAIN; break;
        case 's': mode = MODE_SERVED; break;
        default: usage();
        }
    }
    if (!db_path || rounds < 1 || rounds > 100000 || optind + 1 != argc)
        usage();
    char *text = NULL;
    size_t len = 0;
    vk_error err = {0};
    if (vk_file_read(argv[optind], 1u << 20, &text, &len, &err) != VK_OK) {
        fprintf(stderr, "bench_query: %s\n", err.msg);
        return 2;
    }
    bench_q qs[256];
    size_t n = split_queries(text, len, qs, VK_ARRAY_LEN(qs));
    if (n == 0)
        fprintf(stderr, "bench_query: no queries in the file\n");
    bench_run b = {.mode = mode, .opts = {.limit = 10, .time_limit = 5.0, .facets = facets}};
    if (n == 0 || open_index(&b, db_path) != 0) {
        free(text);
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        qs[i].ms = malloc((size_t)rounds * sizeof *qs[i].ms);
        if (!qs[i].ms) {
            fprintf(stderr, "bench_query: out of memory\n");
            return 2;
        }
        /* warm: caches, ICU, lexicon */
        run_one(&b, qs[i].text, &qs[i]);
    }
    for (long k = 0; k < rounds; k++) {
        for (size_t i = 0; i < n; i++)
            qs[i].ms[k] = run_one(&b, qs[i].text, NULL);
    }
    report(db_path, qs, n, (size_t)rounds, facets, mode);
    for (size_t i = 0; i < n; i++)
        free(qs[i].ms);
    if (b.ix)
        qr_index_close(b.ix);
    else
        xc_rdb_close(b.db);
    free(text);
    return 0;
}
