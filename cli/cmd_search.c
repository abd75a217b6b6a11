/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_search.c: `vankien search`: one result per document with its best
 * section, breadcrumb and a snippet with the matches highlighted.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "query/qr.h"

static void
search_usage(FILE *out)
{
    fprintf(out, _("usage: vankien search [--db DIR] [--json] [--limit N] [--offset N]\n"
                   "                      [--sort relevance|date] QUERY...\n\n"
                   "Every word must match. A word typed without diacritics matches every\n"
                   "accented form (nghi quyet); with diacritics, that syllable in either\n"
                   "tone-mark style (khoá = khóa). \"Words in quotes\" must be adjacent.\n"
                   "-word excludes, OR and NEAR join, parentheses group. Fields:\n"
                   "  so:28-NQ/TW  loai:nghi-quyet  nam:2018..2022  ngay:17/11/2022\n"
                   "  muc:III.3  muc:\"Chương II\"  dieu:5.2  tieude:\"công tác cán bộ\"\n"
                   "  coquan:\"Bộ Chính trị\"  khoa:XIII  trich:28-NQ/TW  (English: number\n"
                   "  type year date section article heading issuer term cites)\n\n"
                   "  --db DIR     the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                   "  --json       machine-readable results, with facets\n"
                   "  --limit N    results to show (default 10, at most 1000)\n"
                   "  --offset N   results to skip (paging)\n"
                   "  --sort S     relevance (default) or date (newest first)\n"
                   "  --help       this help\n\n"
                   "Exit status: 0 found, 1 nothing found, 2 usage or input error.\n"));
}

/* Prints the snippet with its matches between on/off markers. */
static void
print_snippet(const qr_hit *h, const char *on, const char *off)
{
    size_t at = 0;
    for (size_t k = 0; k < h->n_marks; k++) {
        size_t s = h->marks[2 * k], e = h->marks[2 * k + 1];
        if (s < at)
            continue;
        printf("%.*s%s%.*s%s", (int)(s - at), h->snippet + at, on, (int)(e - s), h->snippet + s,
               off);
        at = e;
    }
    printf("%s\n", h->snippet + at);
}

static const char *
notice_text(const char *notice)
{
    if (!notice)
        return NULL;
    if (strcmp(notice, "folded") == 0)
        return _("No exact match with these diacritics; showing matches without them");
    return _("No document has every word; showing documents with some of them");
}

static void
print_text(const qr_results *r)
{
    int tty = cli_terminal(STDOUT_FILENO);
    const char *on = tty ? "\033[1m" : "«", *off = tty ? "\033[0m" : "»";
    if (r->suggestion)
        printf(_("Did you mean: %s\n\n"), r->suggestion);
    if (r->notice)
        printf("%s\n\n", notice_text(r->notice));
    for (size_t i = 0; i < r->n_hits; i++) {
        const qr_hit *h = &r->hits[i];
        const char *what = cli_kind_label(h->nondoc);
        if (!what)
            what = h->type ? h->type : _("Document");
        printf("%u. %s%s%s", r->offset + (unsigned)i + 1, what, h->number ? " " : "",
               h->number ? h->number : "");
        if (h->date && strlen(h->date) == 10) /* ISO -> the Vietnamese dd/mm/yyyy */
            printf(", %.2s/%.2s/%.4s", h->date + 8, h->date + 5, h->date);
        printf("  [%s]\n", h->key ? h->key : "");
        if (h->title)
            printf("   %s\n", h->title);
        printf("   ");
        for (size_t k = 0; k < h->n_crumbs; k++)
            printf("%s%s", k ? " › " : "", h->crumbs[k]);
        char where[256];
        printf("%s(%s)\n", h->n_crumbs ? "  " : "",
               cli_section_name(h->kind, h->display ? h->display : h->label, where, sizeof where));
        printf("   ");
        print_snippet(h, on, off);
        if (h->other_sections)
            printf(vk_ngettext("   (+%u other section of this document)\n",
                               "   (+%u other sections of this document)\n", h->other_sections),
                   h->other_sections);
        for (size_t k = 0; k < h->n_copies; k++)
            printf(_("   also in: %s\n"), h->copies[k]);
        printf("\n");
    }
    if (r->n_hits == 0 && r->offset == 0)
        return; /* the hints follow */
    printf(vk_ngettext("%zu of about %u document (%.1f ms)\n",
                       "%zu of about %u documents (%.1f ms)\n", r->total),
           r->n_hits, r->total, r->elapsed_ms);
}

/* Says what to try after a search that found nothing: the hints that find
 * something, else advice in words. */
static void
print_hints(const qr_hint *h, size_t n)
{
    printf("%s\n", _("Nothing found."));
    for (size_t i = 0; i < n; i++) {
        if (strcmp(h[i].kind, "cited") == 0)
            printf(vk_ngettext("The index holds no document of this number, but %u document cites "
                               "it: vankien search '%s'\n",
                               "The index holds no document of this number, but %u documents cite "
                               "it: vankien search '%s'\n",
                               h[i].count),
                   h[i].count, h[i].query);
        else if (strcmp(h[i].kind, "unquoted") == 0)
            printf(_("Without the quotes (the words need not stand together): '%s' (%u)\n"),
                   h[i].query, h[i].count);
        else
            printf(_("Without the fields: '%s' (%u)\n"), h[i].query, h[i].count);
    }
    if (n == 0)
        printf("%s\n", _("Try fewer words, the words without diacritics (nghi quyet), another "
                         "spelling, or fewer fields; a number the index only cites is found "
                         "with trich:NUMBER."));
}

/* The hints as JSON: [{"kind", "query", "count"}]. */
static json_t *
hints_json(const qr_hint *h, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:I}", "kind", h[i].kind, "query",
                                           h[i].query, "count", (json_int_t)h[i].count));
    return a;
}

static int
print_json(const qr_results *r, const qr_hint *hints, size_t n_hints)
{
    json_t *o = NULL;
    if (qr_results_json(r, &o) != VK_OK) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    if (r->n_hits == 0)
        json_object_set_new(o, "hints", hints_json(hints, n_hints));
    return cli_print_json(o);
}

static int
run_search(const char *dbp, const char *query, const qr_opts *opts, int json)
{
    vk_error err = {0};
    qr_query *q = NULL;
    /* Bad syntax is told before the index is opened. */
    if (qr_parse(query, strlen(query), &q, &err) != VK_OK) {
        cli_error_code("bad_query", _("search: %s"), err.msg);
        return CLI_USAGE;
    }
    qr_query_free(q);
    qr_index *ix = cli_index_open(dbp);
    if (!ix)
        return CLI_USAGE;
    qr_request rq = {.text = query, .len = strlen(query), .opts = *opts};
    qr_results *r = NULL;
    int rc = CLI_OK;
    vk_status vs = qr_index_search(ix, &rq, &r, &err);
    qr_hint *hints = NULL;
    size_t n_hints = 0;
    vk_arena a = VK_ARENA_INIT;
    if (vs == VK_OK && r->n_hits == 0 && r->offset == 0)
        vs = qr_hints(ix, &rq, &a, &hints, &n_hints, &err);
    if (vs != VK_OK) {
        cli_error(_("search: %s"), err.msg[0] ? err.msg : vk_status_str(vs));
        rc = CLI_USAGE;
    } else {
        if (json)
            rc = print_json(r, hints, n_hints);
        else
            print_text(r);
        if (!json && r->n_hits == 0 && r->offset == 0)
            print_hints(hints, n_hints);
        if (rc == CLI_OK && r->n_hits == 0)
            rc = CLI_NOTHING;
    }
    vk_arena_free(&a);
    qr_results_free(r);
    qr_index_close(ix);
    return rc;
}

int
cmd_search(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"sort", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    int json = 0, c;
    qr_opts opts = {.limit = 10, .time_limit = 5.0};
    long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jn:o:s:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j':
            json = 1;
            opts.facets = 1;
            cli_json_errors(1);
            break;
        case 's':
            if (strcmp(optarg, "date") != 0 && strcmp(optarg, "relevance") != 0) {
                cli_error(_("search: --sort wants relevance or date, not '%s'"), optarg);
                return CLI_USAGE;
            }
            opts.sort_by_date = strcmp(optarg, "date") == 0;
            break;
        case 'n':
        case 'o':
            v = cli_parse_count(optarg, c == 'n' ? 1000 : 1000000);
            if (v < 0 || (c == 'n' && v == 0)) {
                cli_error(c == 'n'
                              ? _("search: --limit wants a number from 1 to 1000, not '%s'")
                              : _("search: --offset wants a number from 0 to 1000000, not '%s'"),
                          optarg);
                return CLI_USAGE;
            }
            *(c == 'n' ? &opts.limit : &opts.offset) = (uint32_t)v;
            break;
        case 'h': search_usage(stdout); return CLI_OK;
        default: search_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(_("search: no query given"));
        search_usage(stderr);
        return CLI_USAGE;
    }
    char *query = cli_join_args(argc, argv, optind);
    if (!query) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    if (query[strspn(query, " \t\n")] == '\0') {
        cli_error(_("search: the query is empty: give words, a \"phrase\" or a field such as "
                    "so:28-NQ/TW"));
        free(query);
        return CLI_USAGE;
    }
    int rc = run_search(cli_db_path(db), query, &opts, json);
    free(query);
    return rc;
}
