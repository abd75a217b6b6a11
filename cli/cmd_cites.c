/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_cites.c: `vankien cites KEY`: the passages that cite a document (a
 * key, or a number, in the corpus or not), grouped by citing document,
 * with the section, the relation (thực hiện, căn cứ, theo ...) and a
 * snippet.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cite/ct.h"
#include "cli/cli.h"
#include "common/i18n.h"

static void
cites_usage(FILE *out)
{
    fprintf(out, _("usage: vankien cites [--db DIR] [--json] KEY\n\n"
                 "Lists the passages that cite a document, grouped by citing document,\n"
                 "with the section, the relation (thực hiện, căn cứ, theo ...) and a\n"
                 "snippet. KEY is a document key (28-nq-tw-2022) or a number (28-NQ/TW),\n"
                 "also one the corpus does not hold.\n\n"
                 "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                 "  --json     machine-readable output\n"
                 "  --help     this help\n\n"
                 "Exit status: 0 found, 1 nothing found, 2 usage or input error.\n"));
}

static void
print_text(const ct_citedby *c)
{
    int tty = cli_terminal(STDOUT_FILENO);
    const char *on = tty ? "\033[1m" : "«", *off = tty ? "\033[0m" : "»";
    const char *name = c->citation ? c->citation : c->number;
    if (!c->key)
        printf(_("%s is not in the corpus.\n"), c->number);
    char docs[48], passages[48];
    snprintf(docs, sizeof docs, vk_ngettext("%zu document", "%zu documents", c->n_docs), c->n_docs);
    snprintf(passages, sizeof passages, vk_ngettext("%zu passage", "%zu passages", c->n_mentions),
             c->n_mentions);
    printf(_("Cited by %s (%s): %s\n\n"), docs, passages, name ? name : "");
    for (size_t i = 0; i < c->n_docs; i++) {
        const ct_citing_doc *d = &c->docs[i];
        printf("%s%s%s  [%s]\n", d->type ? d->type : _("Document"), d->number ? " " : "",
               d->number ? d->number : "", d->key);
        for (size_t k = d->first; k < d->first + d->count; k++) {
            const ct_mention *m = &c->mentions[k];
            char where[64];
            snprintf(where, sizeof where, "%s%s", *m->label ? _("item ") : _("preamble"), m->label);
            printf("   %s%s%s\n", where, m->relation ? ", " : "", m->relation ? m->relation : "");
            printf("      %.*s%s%.*s%s%s\n", (int)m->mark_start, m->snippet, on,
                   (int)(m->mark_end - m->mark_start), m->snippet + m->mark_start, off,
                   m->snippet + m->mark_end);
        }
        printf("\n");
    }
}

int
cmd_cites(int argc, char **argv)
{
    const char *db;
    int json;
    int done = cli_db_json_options(argc, argv, cites_usage, &db, &json);
    if (done >= 0)
        return done;
    if (optind >= argc) {
        cli_error(_("cites: give a document KEY or number"));
        cites_usage(stderr);
        return CLI_USAGE;
    }
    char *key = cli_join_args(argc, argv, optind);
    if (!key) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    xc_rdb *r = cli_open_index(cli_db_path(db));
    if (!r) {
        free(key);
        return CLI_USAGE;
    }
    ct_citedby *cb = NULL;
    vk_error err = {0};
    int rc = CLI_OK;
    vk_status st = ct_cited_by(r, key, &cb, &err);
    if (st != VK_OK) {
        cli_error(_("cites: %s"), err.msg[0] ? err.msg : vk_status_str(st));
        rc = st == VK_ENOTFOUND ? CLI_NOTHING : CLI_USAGE;
    } else if (json) {
        if (cli_print_json(ct_citedby_json(cb)) != CLI_OK)
            rc = CLI_USAGE;
    } else {
        print_text(cb);
    }
    if (rc == CLI_OK && cb->n_mentions == 0)
        rc = CLI_NOTHING;
    ct_citedby_free(cb);
    xc_rdb_close(r);
    free(key);
    return rc;
}
