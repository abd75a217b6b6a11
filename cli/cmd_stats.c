/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_stats.c: `vankien stats`: what the index holds.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "query/qr.h"

static void
stats_usage(FILE *out)
{
    fprintf(out, _("usage: vankien stats [--db DIR] [--json] [--files]\n\n"
                 "Shows what the index holds: documents, sections, files, terms, its\n"
                 "size on disk, its last update, and documents by type and by year.\n\n"
                 "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                 "  --files    list the indexed files instead, with their passages,\n"
                 "             sorted by path\n"
                 "  --json     machine-readable output\n"
                 "  --help     this help\n"));
}

static int
by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Prints "  key  count" lines of an object, keys in order. */
static void
print_counts(const char *title, json_t *o)
{
    size_t n = json_object_size(o), i = 0;
    const char **keys = calloc(n ? n : 1, sizeof *keys);
    if (!keys)
        return;
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) keys[i++] = k;
    qsort(keys, n, sizeof *keys, by_key);
    printf("%s\n", title);
    for (i = 0; i < n; i++) {
        /* Padded to ten characters, not bytes ("QĐ"). */
        int chars = 0;
        for (const char *p = keys[i]; *p; p++)
            chars += ((unsigned char)*p & 0xC0) != 0x80;
        printf("  %s%*s %lld\n", keys[i], chars < 10 ? 10 - chars : 0, "",
               (long long)json_integer_value(json_object_get(o, keys[i])));
    }
    free(keys);
}

static long long
num(json_t *o, const char *k)
{
    return (long long)json_integer_value(json_object_get(o, k));
}

static int
by_path(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "path"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "path"));
    return strcmp(x ? x : "", y ? y : "");
}

/* `--files`: the indexed files by path; closes ix. */
static int
list_files(qr_index *ix, int json)
{
    json_t *list = NULL;
    vk_error err = {0};
    vk_status st = qr_stats_files(ix, &list, &err);
    qr_index_close(ix);
    if (st != VK_OK) {
        cli_error(_("stats: %s"), err.msg);
        return CLI_USAGE;
    }
    size_t n = json_array_size(list);
    json_t **v = calloc(n ? n : 1, sizeof *v);
    if (!v) {
        json_decref(list);
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    for (size_t i = 0; i < n; i++)
        v[i] = json_array_get(list, i);
    qsort(v, n, sizeof *v, by_path);
    if (json) {
        json_t *sorted = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append(sorted, v[i]);
        json_dumpf(sorted, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(sorted);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%6lld  %s\n", num(v[i], "passages"),
                   json_string_value(json_object_get(v[i], "path")));
    }
    free(v);
    json_decref(list);
    return CLI_OK;
}

int
cmd_stats(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"files", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    int json = 0, files = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jfh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': files = 1; break;
        case 'j':
            json = 1;
            cli_json_errors(1);
            break;
        case 'h': stats_usage(stdout); return CLI_OK;
        default: stats_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind != argc) {
        cli_error(_("stats: unexpected argument %s"), argv[optind]);
        stats_usage(stderr);
        return CLI_USAGE;
    }
    const char *dbp = cli_db_path(db);
    qr_index *ix = cli_index_open(dbp);
    if (!ix)
        return CLI_USAGE;
    json_t *o = NULL;
    vk_error err = {0};
    if (files)
        return list_files(ix, json);
    if (qr_stats(ix, dbp, &o, &err) != VK_OK) {
        cli_error(_("stats: %s"), err.msg);
        qr_index_close(ix);
        return CLI_USAGE;
    }
    if (json) {
        json_dumpf(o, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
    } else {
        const char *updated = json_string_value(json_object_get(o, "updated"));
        const char *format = json_string_value(json_object_get(o, "format"));
        char line[64];
        cli_print_label(_("index"), 10);
        printf(_("%s (format %s)\n"), dbp, format ? format : "?");
        static const char *const counts[][2] = {{"documents", N_("documents")},
                                                {"sections", N_("sections")},
                                                {"files", N_("files")},
                                                {"terms", N_("terms")}};
        for (size_t i = 0; i < VK_ARRAY_LEN(counts); i++) {
            cli_print_label(_(counts[i][1]), 10);
            printf("%lld\n", num(o, counts[i][0]));
        }
        cli_print_label(_("size"), 10);
        snprintf(line, sizeof line, "%.1f MB", (double)num(o, "size_bytes") / (1024.0 * 1024.0));
        printf("%s\n", line);
        cli_print_label(_("updated"), 10);
        printf("%s\n", updated ? updated : _("unknown"));
        print_counts(_("by type"), json_object_get(o, "by_type"));
        print_counts(_("by year"), json_object_get(o, "by_year"));
        print_counts(_("by kind"), json_object_get(o, "by_kind"));
    }
    json_decref(o);
    qr_index_close(ix);
    return CLI_OK;
}
