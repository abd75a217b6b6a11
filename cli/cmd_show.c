/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_show.c: `vankien show KEY` prints a document's metadata and outline;
 * `vankien show KEY#III.3.2` prints that section.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "query/qr.h"

static void
show_usage(FILE *out)
{
    fprintf(out, _("usage: vankien show [--db DIR] [--json] KEY[#SECTION]\n\n"
                   "Prints a document's metadata and outline, or one section's text.\n"
                   "KEY is the key search results show (28-nq-tw-2022) or a document\n"
                   "number (28-NQ/TW); SECTION a label such as III.3.2, an article as\n"
                   "cited (\"Điều 8\", \"Điều 5.2\", \"Điều 5, khoản 2\"), or _ for the\n"
                   "text before the first heading.\n\n"
                   "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                   "  --json     machine-readable output\n"
                   "  --help     this help\n"));
}

static void
print_line(const char *label, const char *value)
{
    if (!value)
        return;
    cli_print_label(label, 18);
    printf("%s\n", value);
}

static void
print_doc(const qr_document *d, const qr_section *only)
{
    const char *what = cli_kind_label(d->nondoc);
    if (!what)
        what = d->type ? d->type : _("Document");
    printf("%s%s%s  [%s]\n", what, d->number ? " " : "", d->number ? d->number : "", d->key);
    print_line(_("date:"), d->date);
    print_line(_("place:"), d->place);
    print_line(_("issuer:"), d->issuer);
    print_line(_("conference:"), d->conference);
    print_line(_("term:"), d->term);
    print_line(_("signer:"), d->signer);
    print_line(_("title:"), d->title);
    print_line(_("file:"), d->path);
    printf("\n");
    if (only) {
        for (size_t k = 0; k < only->n_crumbs; k++)
            printf("%s%s", k ? " › " : "", only->crumbs[k]);
        printf("%s[%s]\n\n%s\n", only->n_crumbs ? "  " : "",
               *only->label ? only->display : _("preamble"), only->text ? only->text : "");
        return;
    }
    for (size_t i = 0; i < d->n_sections; i++) {
        const qr_section *s = &d->sections[i];
        if (!*s->label) {
            printf("(%s)\n", _("preamble"));
            continue;
        }
        /* The breadcrumb holds the section and its ancestors. */
        int depth = s->n_crumbs > 1 ? (int)s->n_crumbs - 1 : 0;
        printf("%*s%-10s %s\n", 2 * depth, "", s->display, s->heading);
    }
}

int
cmd_show(int argc, char **argv)
{
    const char *db;
    int json;
    int done = cli_db_json_options(argc, argv, show_usage, &db, &json);
    if (done >= 0)
        return done;
    if (optind != argc - 1) {
        cli_error(_("show: give one KEY or KEY#SECTION"));
        show_usage(stderr);
        return CLI_USAGE;
    }
    char *key = strdup(argv[optind]);
    if (!key) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    char *hash = strchr(key, '#');
    if (hash)
        *hash++ = '\0';
    if (hash && strcmp(hash, "_") == 0)
        hash[0] = '\0', hash = ""; /* the preamble */
    qr_index *ix = cli_index_open(cli_db_path(db));
    if (!ix) {
        free(key);
        return CLI_USAGE;
    }
    qr_document *d = NULL;
    vk_error err = {0};
    int rc = CLI_OK;
    vk_status st = qr_index_document(ix, key, &d, &err);
    const qr_section *only = NULL;
    if (st != VK_OK) {
        cli_error(_("show: %s"), err.msg);
        rc = st == VK_ENOTFOUND ? CLI_NOTHING : CLI_USAGE;
    } else if (hash && !(only = qr_document_section(d, hash))) {
        cli_error(_("show: %s has no section %s (vankien show %s lists them)"), d->key, hash,
                  d->key);
        rc = CLI_NOTHING;
    } else if (json) {
        json_t *o = NULL;
        if (qr_document_json(d, only, &o) == VK_OK)
            cli_print_json(o);
        else
            cli_error(_("out of memory"));
    } else {
        print_doc(d, only);
    }
    qr_document_free(d);
    qr_index_close(ix);
    free(key);
    return rc;
}
