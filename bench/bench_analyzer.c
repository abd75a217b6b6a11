/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_analyzer.c: analyzer throughput on one core, in MB of UTF-8 text per
 * second: every file given is analyzed line by line (as the indexer feeds
 * paragraphs), over and over for at least the given number of seconds.
 *
 *   bench/bench_analyzer [--seconds S] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzers/an.h"
#include "common/file.h"

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Analyzes every line of text; returns the number of tokens made. */
static size_t
analyze_lines(const char *text, size_t len, an_tokens *t)
{
    size_t tokens = 0, i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (an_analyze(text + i, end - i, 0, t) != VK_OK) {
            fprintf(stderr, "bench_analyzer: out of memory\n");
            exit(2);
        }
        tokens += t->n;
        i = end + 1;
    }
    return tokens;
}

int
main(int argc, char **argv)
{
    double seconds = 3.0;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--seconds") == 0) {
        seconds = atof(argv[2]);
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: bench_analyzer [--seconds S] FILE...\n");
        return 2;
    }
    char **texts = calloc((size_t)argc, sizeof *texts);
    size_t *lens = calloc((size_t)argc, sizeof *lens), total = 0;
    for (int i = first; i < argc; i++) {
        vk_error err = {0};
        if (vk_file_read(argv[i], 1u << 30, &texts[i], &lens[i], &err) != VK_OK) {
            fprintf(stderr, "bench_analyzer: %s\n", err.msg);
            return 2;
        }
        total += lens[i];
    }
    an_tokens t = AN_TOKENS_INIT;
    analyze_lines("khởi động", strlen("khởi động"), &t); /* build the tables first */
    size_t rounds = 0, tokens = 0;
    double start = now(), elapsed;
    do {
        for (int i = first; i < argc; i++)
            tokens += analyze_lines(texts[i], lens[i], &t);
        rounds++;
        elapsed = now() - start;
    } while (elapsed < seconds);
    double mb = (double)total * (double)rounds / 1e6;
    printf("analyzer: %.1f MB/s, %.2f M tokens/s (%zu bytes x %zu rounds in %.2f s, one core)\n",
           mb / elapsed, (double)tokens / elapsed / 1e6, total, rounds, elapsed);
    an_tokens_free(&t);
    for (int i = first; i < argc; i++)
        free(texts[i]);
    free(texts);
    free(lens);
    return 0;
}
