/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_shard.c: `vankien shard`: split an index into shards, one per year of
 * issue or a given number of about equal size, and write a stub database
 * listing them. The work is the shard pipeline's (indexer/ix_run.h); here
 * are the options and what is printed.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "indexer/ix_run.h"

static void
shard_usage(FILE *out)
{
    fprintf(out,
            _("usage: vankien shard [--db DIR] (--by-year | --count N) OUTDIR\n\n"
            "Splits the index into shards in OUTDIR (a new or empty folder): one per\n"
            "year of issue (year-2022.db ..., undated.db for documents without a\n"
            "date), or N shards of about equal size, each file whole\n"
            "(shard-1.db ...); the copies of one document stay together. Writes\n"
            "OUTDIR/vankien.stub, a Xapian stub database listing them: search it\n"
            "with --db OUTDIR/vankien.stub. To serve a shard from another machine,\n"
            "run `xapian-tcpsrv --port PORT SHARD` there and replace its line in\n"
            "the stub with `remote HOST:PORT`.\n\n"
            "  --db DIR    the index to split (default: $VANKIEN_DB, else ./vankien.db)\n"
            "  --by-year   one shard per year of issue\n"
            "  --count N   N shards (2 to %d) of about equal numbers of documents\n"
            "  --help      this help\n"),
            IX_SHARD_MAX);
}

/* Prints the shards made and how to search them. */
static void
print_shards(const ix_shard_summary *sum, const char *outdir)
{
    for (size_t i = 0; i < sum->n_shards; i++) {
        const ix_shard_info *sh = &sum->shards[i];
        char docs[48], files[48];
        snprintf(docs, sizeof docs,
                 vk_ngettext("%zu document", "%zu documents", sh->documents), sh->documents);
        snprintf(files, sizeof files, vk_ngettext("%zu file", "%zu files", sh->files), sh->files);
        printf("%-16s %s, %s\n", sh->name, docs, files);
    }
    printf(_("%zu shards in %s, and the vocabulary in %s; search them with --db %s\n"), sum->n_shards,
           outdir, IX_SHARD_VOCABULARY, sum->stub);
}

int
cmd_shard(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"by-year", no_argument, NULL, 'y'},
        {"count", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    int year = 0;
    long count = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:yn:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'y': year = 1; break;
        case 'n':
            if ((count = cli_parse_count(optarg, IX_SHARD_MAX)) < 2) {
                cli_error(_("shard: --count wants a number of shards from 2 to %d"), IX_SHARD_MAX);
                return CLI_USAGE;
            }
            break;
        case 'h': shard_usage(stdout); return CLI_OK;
        default: shard_usage(stderr); return CLI_USAGE;
        }
    }
    if (year == (count > 0) || optind + 1 != argc) {
        cli_error(_("shard: give --by-year or --count N, and one OUTDIR"));
        shard_usage(stderr);
        return CLI_USAGE;
    }
    ix_shard_opts o = {cli_db_path(db), argv[optind], year, year ? 0 : (size_t)count};
    ix_shard_summary sum;
    vk_error err = {0};
    if (ix_shard_run(&o, &sum, &err) != VK_OK) {
        /* Once the index is open, the messages are the command's. */
        cli_error("%s%s", sum.started ? "shard: " : "", err.msg);
        ix_shard_summary_free(&sum);
        return CLI_USAGE;
    }
    print_shards(&sum, o.outdir);
    ix_shard_summary_free(&sum);
    return CLI_OK;
}
