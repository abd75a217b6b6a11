/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_index.c: `vankien index`: read files and folders, parse each document
 * and write it to the index. A file that cannot be read is skipped with its
 * reason; it never stops the run.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "corpus/cp.h"
#include "indexer/ix.h"

/* Counts for the summary. */
typedef struct run {
    ix_writer *w;
    size_t files, docs, passages, skipped;
    int fatal; /* the index itself failed: stop */
} run;

static void
index_usage(FILE *out)
{
    fprintf(out,
            "usage: vankien index [--db DIR] [--full] PATH...\n\n"
            "Indexes text (.txt) and markdown (.md) files, and folders of them\n"
            "(recursively; hidden entries are left out). A file indexed before is\n"
            "replaced.\n\n"
            "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
            "  --full     start from an empty index\n"
            "  --help     this help\n");
}

static int
supported(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return 0;
    return strcmp(dot, ".txt") == 0 || strcmp(dot, ".md") == 0 ||
           strcmp(dot, ".markdown") == 0 || strcmp(dot, ".text") == 0;
}

static void
index_file(run *r, const char *path)
{
    if (!supported(path)) {
        fprintf(stderr, "vankien: %s: skipped: not a text or markdown file\n", path);
        r->skipped++;
        return;
    }
    cp_file *f = NULL;
    vk_error err = {0};
    if (cp_file_parse(path, &f, &err) != VK_OK) {
        fprintf(stderr, "vankien: %s (skipped)\n", err.msg);
        r->skipped++;
        return;
    }
    size_t passages = 0;
    vk_status rc = ix_writer_add_file(r->w, f, &passages, &err);
    if (rc != VK_OK) {
        fprintf(stderr, "vankien: %s\n", err.msg);
        r->fatal = 1;
    } else {
        r->files++;
        r->docs += f->n_docs;
        r->passages += passages;
    }
    cp_file_free(f);
}

static int
skip_name(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void
index_path(run *r, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "vankien: %s: no such file or folder (skipped)\n", path);
        r->skipped++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        index_file(r, path);
        return;
    }
    if (depth > 32) {
        fprintf(stderr, "vankien: %s: folders nested too deep (skipped)\n", path);
        r->skipped++;
        return;
    }
    struct dirent **names = NULL;
    int n = scandir(path, &names, skip_name, alphasort);
    if (n < 0) {
        fprintf(stderr, "vankien: %s: cannot read the folder (skipped)\n", path);
        r->skipped++;
        return;
    }
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(len);
        if (child && !r->fatal) {
            snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                     names[i]->d_name);
            index_path(r, child, depth + 1);
        }
        free(child);
        free(names[i]);
    }
    free(names);
}

int
cmd_index(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"full", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    int full = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:fh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f': full = 1; break;
        case 'h': index_usage(stdout); return CLI_OK;
        default: index_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("index: no file or folder given");
        index_usage(stderr);
        return CLI_USAGE;
    }
    run r = {0};
    vk_error err = {0};
    const char *dbp = cli_db_path(db);
    if (ix_writer_open(dbp, full, &r.w, &err) != VK_OK) {
        cli_error("%s", err.msg);
        return CLI_USAGE;
    }
    for (int i = optind; i < argc && !r.fatal; i++)
        index_path(&r, argv[i], 0);
    if (ix_writer_close(r.w, &err) != VK_OK) {
        cli_error("%s", err.msg);
        r.fatal = 1;
    }
    fprintf(stderr, "vankien: indexed %zu file%s (%zu document%s, %zu passage%s) into %s; "
                    "skipped %zu\n",
            r.files, r.files == 1 ? "" : "s", r.docs, r.docs == 1 ? "" : "s", r.passages,
            r.passages == 1 ? "" : "s", dbp, r.skipped);
    return r.fatal ? CLI_USAGE : CLI_OK;
}
