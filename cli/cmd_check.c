/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_check.c: `vankien check FILE`: every citation of a draft checked
 * against the corpus, and every quote attributed to a document looked for
 * in it; findings as FILE:LINE:COLUMN: SEVERITY, with a suggestion.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cite/ct.h"
#include "cli/cli.h"

/* Exit status of a check that found errors. */
enum { CHECK_ERRORS = 1 };

static void
check_usage(FILE *out)
{
    fprintf(out, "usage: vankien check [--db DIR] [--json] FILE\n\n"
                 "Checks every citation of a draft (text or markdown, Word, PDF or\n"
                 "HTML; legacy encodings are converted) against the corpus: the number\n"
                 "exists, the type agrees with the number's code, the date, issuer, term\n"
                 "and subject agree; and that quoted passages attributed to a document\n"
                 "occur in it. Each finding is OK, WARNING or ERROR, with its line and\n"
                 "column and a suggested correction.\n\n"
                 "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                 "  --json     machine-readable output\n"
                 "  --help     this help\n\n"
                 "Exit status: 0 no errors, 1 errors, 2 usage or input error.\n");
}

static void
print_text(const ct_check *c)
{
    for (size_t i = 0; i < c->n_findings; i++) {
        const ct_finding *f = &c->findings[i];
        printf("%s:%zu:%zu: %s %s: %s\n", c->name, f->line, f->col, ct_severity_name(f->severity),
               ct_field_name(f->field), f->message);
        if (f->suggestion)
            printf("    suggestion: %s\n", f->suggestion);
    }
    printf("%s%zu citation%s and %zu quote%s checked: %zu OK, %zu warning%s, %zu error%s\n",
           c->n_findings ? "\n" : "", c->n_citations, c->n_citations == 1 ? "" : "s", c->n_quotes,
           c->n_quotes == 1 ? "" : "s", c->n_ok, c->n_warnings, c->n_warnings == 1 ? "" : "s",
           c->n_errors, c->n_errors == 1 ? "" : "s");
}

int
cmd_check(int argc, char **argv)
{
    const char *db;
    int json;
    int done = cli_db_json_options(argc, argv, check_usage, &db, &json);
    if (done >= 0)
        return done;
    if (optind != argc - 1) {
        cli_error("check: give one FILE");
        check_usage(stderr);
        return CLI_USAGE;
    }
    xc_rdb *r = cli_open_index(cli_db_path(db));
    if (!r)
        return CLI_USAGE;
    ct_check *ck = NULL;
    vk_error err = {0};
    int rc;
    vk_status st = ct_check_file(r, argv[optind], &ck, &err);
    if (st != VK_OK) {
        cli_error("check: %s", err.msg[0] ? err.msg : vk_status_str(st));
        rc = CLI_USAGE;
    } else {
        rc = ck->n_errors ? CHECK_ERRORS : CLI_OK;
        if (json) {
            if (cli_print_json(ct_check_json(ck)) != CLI_OK)
                rc = CLI_USAGE;
        } else {
            print_text(ck);
        }
    }
    ct_check_free(ck);
    xc_rdb_close(r);
    return rc;
}
