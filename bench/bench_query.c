/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_query.c: query latency in-process, through the real query side:
 * each query of the file (one a line; blank lines and lines starting with #
 * are left out) is parsed, searched (10 results, 5 s time limit) and freed,
 * once to warm the caches, then R rounds of the whole mix, each run timed
 * with CLOCK_MONOTONIC. Prints the median, 95th and 99th percentile and
 * mean over all timed runs, then each query's median with its hits.
 *
 *   bench/bench_query --db DIR [--rounds R] [--facets] [--plain] QUERYFILE
 *
 * --plain times plain Xapian on the same index and the same words instead:
 * the AND of the folded terms of each query's words (field names and
 * operators left out), 10 matches with their stored data, no collapsing,
 * no snippets: the floor under vankien's own work.
 *
 * The last line ("bench_query: median_ms=...") is for scripts.
 */
#include <getopt.h>
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

static void
usage(void)
{
    fprintf(stderr, "usage: bench_query --db DIR [--rounds R] [--facets] [--plain] QUERYFILE\n");
    exit(2);
}

static void
report(const char *db_path, bench_q *qs, size_t n, size_t rounds, int facets, int plain)
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
           plain    ? "plain Xapian: AND of the folded words, 10 matches and their data"
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
        {"db", required_argument, NULL, 'd'},
        {"rounds", required_argument, NULL, 'r'},
        {"facets", no_argument, NULL, 'f'},
        {"plain", no_argument, NULL, 'p'},
        {NULL, 0, NULL, 0},
    };
    const char *db_path = NULL;
    long rounds = 20;
    int facets = 0, plain = 0, c;
    while ((c = getopt_long(argc, argv, "d:r:fp", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_path = optarg; break;
        case 'r': rounds = strtol(optarg, NULL, 10); break;
        case 'f': facets = 1; break;
        case 'p': plain = 1; break;
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
    xc_rdb *db = NULL;
    const char *paths[] = {db_path};
    if (n == 0 || xc_rdb_open(paths, 1, &db) != XC_OK) {
        fprintf(stderr, "bench_query: %s\n", n ? xc_errmsg() : "no queries in the file");
        free(text);
        return 2;
    }
    qr_opts opts = {.limit = 10, .time_limit = 5.0, .facets = facets};
    for (size_t i = 0; i < n; i++) {
        qs[i].ms = malloc((size_t)rounds * sizeof *qs[i].ms);
        if (!qs[i].ms) {
            fprintf(stderr, "bench_query: out of memory\n");
            return 2;
        }
        /* warm: caches, ICU, lexicon */
        if (plain)
            run_plain(db, qs[i].text, &qs[i]);
        else
            run_query(db, &opts, qs[i].text, &qs[i]);
    }
    for (long k = 0; k < rounds; k++) {
        for (size_t i = 0; i < n; i++)
            qs[i].ms[k] =
                plain ? run_plain(db, qs[i].text, NULL) : run_query(db, &opts, qs[i].text, NULL);
    }
    report(db_path, qs, n, (size_t)rounds, facets, plain);
    for (size_t i = 0; i < n; i++)
        free(qs[i].ms);
    xc_rdb_close(db);
    free(text);
    return 0;
}
