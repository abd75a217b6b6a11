/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_index.c: `vankien index`: bring the index up to date with files and
 * folders. The work is the index pipeline's (indexer/ix_run.h): listing,
 * hashing, the workers, the batches and the rebuild aside. Here are the
 * options, the progress bar on a terminal, the messages as things happen
 * and the summary at the end.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "indexer/ix_run.h"

/* What the terminal shows of a run. */
typedef struct ui {
    int quiet;        /* no bar, no summary; skipped files told as they go */
    int tty;          /* stderr is a terminal: the bar is drawn */
    double start;     /* when the run started (seconds, monotonic) */
    double last_draw; /* when the bar was last drawn */
    int bar_shown;    /* the bar is on the screen */
} ui;

static void
index_usage(FILE *out)
{
    fprintf(
        out,
        _("usage: vankien index [--db DIR] [--full] [--batch N] [--jobs N] [--quiet] PATH...\n\n"
          "Brings the index up to date with files and folders (recursively;\n"
          "hidden entries are left out): new files are added, changed files\n"
          "replaced, and files no longer under an indexed PATH removed. A file is\n"
          "changed when its bytes are; unchanged files are not read again, and a\n"
          "run that finds nothing to do writes nothing. Changes are committed in\n"
          "batches, so an interrupted run loses at most its last batch and the\n"
          "next run completes it. Files that cannot be read, parsed or written\n"
          "are skipped, with their reasons in the summary.\n\n"
          "Word (.docx; .doc through antiword or catdoc), PDF and HTML files are\n"
          "read, known by their content whatever their names, and text files\n"
          "named .txt, .md or .html; legacy Vietnamese encodings (TCVN3, VNI,\n"
          "Windows-1258) are detected per file.\n\n"
          "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
          "  --full     rebuild: a new index is made aside, in parallel, compacted,\n"
          "             and put in the old one's place when complete (readers see\n"
          "             the old index until then)\n"
          "  --batch N  commit after every N files written (default 64; also after\n"
          "             16 MB read)\n"
          "  --jobs N   read and analyse files in N threads (default: the number\n"
          "             of processors); one more writes the index\n"
          "  --quiet    no progress bar and no summary (skipped files are still\n"
          "             reported)\n"
          "  --help     this help\n"));
}

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
clear_bar(ui *u)
{
    if (u->bar_shown) {
        fputs("\r\033[K", stderr);
        u->bar_shown = 0;
    }
}

static void
mb(uint64_t bytes, char out[16])
{
    snprintf(out, 16, "%.1f", (double)bytes / (1024.0 * 1024.0));
}

/* Redraws the progress bar (a terminal only, at most ten times a second,
 * always when `force`). */
static void
draw_bar(ui *u, const ix_progress *p, int force)
{
    if (!u->tty || u->quiet)
        return;
    double t = now_s();
    if (!force && t - u->last_draw < 0.1)
        return;
    u->last_draw = t;
    double elapsed = t - u->start;
    double frac = p->bytes_total   ? (double)p->bytes_done / (double)p->bytes_total
                  : p->files_total ? (double)p->files_done / (double)p->files_total
                                   : 1.0;
    char bar[32];
    int fill = (int)(frac * 20.0 + 0.5);
    for (int i = 0; i < 20; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[20] = '\0';
    char done[16], total[16], eta[32] = "";
    mb(p->bytes_done, done);
    mb(p->bytes_total, total);
    double rate = elapsed > 0.5 ? (double)p->bytes_done / elapsed : 0.0;
    if (rate > 0 && p->bytes_done < p->bytes_total) {
        long left = (long)((double)(p->bytes_total - p->bytes_done) / rate + 0.5);
        snprintf(eta, sizeof eta, _("  %ld:%02ld left"), left / 60, left % 60);
    }
    fputs("\r\033[K", stderr);
    fprintf(stderr, _("[%s] %zu/%zu files  %s/%s MB  %.2f MB/s%s"), bar, p->files_done,
            p->files_total, done, total, rate / (1024.0 * 1024.0), eta);
    fflush(stderr);
    u->bar_shown = 1;
}

/* ix_progress_cb: the bar, skipped files (--quiet: as they go; else in the
 * summary) and failures. */
static void
on_progress(const ix_progress *p, void *ud)
{
    ui *u = ud;
    switch (p->event) {
    case IX_EVENT_LISTED: draw_bar(u, p, 1); break;
    case IX_EVENT_PROGRESS: draw_bar(u, p, p->files_done == p->files_total); break;
    case IX_EVENT_SKIPPED:
        if (!u->quiet)
            break;
        if (p->skip->stage == IX_SKIP_LISTING)
            fprintf(stderr, _("vankien: %s: skipped: %s\n"), p->skip->path, p->skip->reason);
        else
            fprintf(stderr, _("vankien: skipped: %s: %s\n"), p->skip->path, p->skip->reason);
        break;
    case IX_EVENT_ERROR:
        clear_bar(u);
        cli_error("%s", p->error);
        break;
    }
}

static void
print_summary(ui *u, const ix_index_summary *s, const char *dbp)
{
    clear_bar(u);
    if (u->quiet)
        return;
    size_t written = s->added + s->replaced;
    char files[48], docs[48], passages[48];
    snprintf(files, sizeof files, vk_ngettext("%zu file", "%zu files", written), written);
    snprintf(docs, sizeof docs, vk_ngettext("%zu document", "%zu documents", s->docs), s->docs);
    snprintf(passages, sizeof passages, vk_ngettext("%zu passage", "%zu passages", s->passages),
             s->passages);
    fprintf(stderr,
            _("vankien: indexed %s (%s, %s) into %s: %zu added, %zu replaced, %zu removed, "
              "%zu unchanged; skipped %zu%s\n"),
            files, docs, passages, dbp, s->added, s->replaced, s->removed, s->unchanged, s->skipped,
            s->skipped ? ":" : "");
    for (size_t i = 0; i < s->n_skips; i++)
        fprintf(stderr, "  %s: %s\n", s->skips[i].path, s->skips[i].reason);
    if (s->long_terms)
        fprintf(
            stderr,
            vk_ngettext("vankien: %zu word longer than the index takes (245 bytes) was left out\n",
                        "vankien: %zu words longer than the index takes (245 bytes) were left "
                        "out\n",
                        s->long_terms),
            s->long_terms);
}

/* Parses the options into *o (but for db_path: *db) and u->quiet.
 * Returns -1 to go on (the paths from optind), else the exit status. */
static int
index_options(int argc, char **argv, ix_index_opts *o, const char **db, ui *u)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"full", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"batch", required_argument, NULL, 'b'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    long n;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:fqb:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if ((n = cli_parse_count(optarg, 1000000)) < 1) {
                cli_error(_("index: --batch wants a number of files from 1 up"));
                return CLI_USAGE;
            }
            o->batch = (size_t)n;
            break;
        case 'j':
            if ((n = cli_parse_count(optarg, IX_RUN_MAX_JOBS)) < 1) {
                cli_error(_("index: --jobs wants a number of threads from 1 to %d"),
                          IX_RUN_MAX_JOBS);
                return CLI_USAGE;
            }
            o->jobs = (int)n;
            break;
        case 'd': *db = optarg; break;
        case 'f': o->full = 1; break;
        case 'q': u->quiet = 1; break;
        case 'h': index_usage(stdout); return CLI_OK;
        default: index_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(_("index: no file or folder given"));
        index_usage(stderr);
        return CLI_USAGE;
    }
    return -1;
}

int
cmd_index(int argc, char **argv)
{
    ix_index_opts o = {0};
    ui u = {0};
    const char *db = NULL;
    int rc = index_options(argc, argv, &o, &db, &u);
    if (rc >= 0)
        return rc;
    o.db_path = cli_db_path(db);
    o.paths = (const char *const *)argv + optind;
    o.n_paths = (size_t)(argc - optind);
    /* A path that does not exist, for an index not made yet, is a mistake
     * (a typo): nothing is made. For an index that exists, it is a folder
     * gone, whose files the run removes. */
    struct stat sb;
    for (size_t i = 0; i < o.n_paths && stat(o.db_path, &sb) != 0; i++) {
        if (stat(o.paths[i], &sb) != 0) {
            cli_error(_("index: %s: no such file or folder (nothing indexed, no index made)"),
                      o.paths[i]);
            return CLI_USAGE;
        }
    }
    u.tty = cli_terminal(STDERR_FILENO);
    u.start = now_s();
    ix_index_summary sum;
    vk_error err = {0};
    vk_status st = ix_index_run(&o, on_progress, &u, &sum, &err);
    if (!sum.started) {
        /* Not begun: the index cannot be written (a stub: VK_EINVAL). */
        cli_error("%s%s", st == VK_EINVAL ? "index: " : "", err.msg);
        ix_index_summary_free(&sum);
        return CLI_USAGE;
    }
    print_summary(&u, &sum, o.db_path);
    ix_index_summary_free(&sum);
    return st == VK_OK ? CLI_OK : CLI_USAGE;
}
