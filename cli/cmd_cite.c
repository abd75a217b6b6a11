/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_cite.c: `vankien cite TEXT...`: a reference as a drafter types it
 * (28-NQ/TW, Nghị quyết 28, Kết luận 21 khóa XIII, Nghị quyết Trung ương 6
 * khóa XIII) resolved to ranked documents with their canonical citation,
 * or to what the corpus says of a number it only cites.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cite/ct.h"
#include "cli/cli.h"
#include "common/i18n.h"

static void
cite_usage(FILE *out)
{
    fprintf(out, _("usage: vankien cite [--db DIR] [--json] [--section LABEL] [--limit N] TEXT...\n\n"
                 "Resolves a reference to the documents it may mean, best first, each with\n"
                 "its canonical citation and the fields that matched. TEXT may be a number\n"
                 "(28-NQ/TW, NQ 28/TW), a type and digits (Nghị quyết 28), a citation with\n"
                 "its date, issuer and term (Kết luận 21 khóa XIII), an informal name\n"
                 "(Nghị quyết Trung ương 6 khóa XIII), or a document key; KEY#III.3 or\n"
                 "--section III.3 cites a section, and so does an article before the\n"
                 "reference (khoản 2 Điều 9 Nghị định 308/2025/NĐ-CP, Điều 2 Điều lệ\n"
                 "Đảng). A number the corpus only cites is answered by what the citing\n"
                 "documents say of it.\n\n"
                 "  --db DIR         the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                 "  --json           machine-readable output\n"
                 "  --section LABEL  cite this section (III.3.2, Điều 5.2)\n"
                 "  --limit N        candidates to show (default 5, at most 100)\n"
                 "  --help           this help\n\n"
                 "Exit status: 0 found, 1 nothing found, 2 usage or input error.\n"));
}

static const char *
field_list(unsigned bits, char *buf, size_t cap)
{
    buf[0] = '\0';
    for (int f = 0; f < CT_F_COUNT; f++) {
        if (!(bits & CT_F_BIT(f)))
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, cap - n, "%s%s", n ? ", " : "", ct_field_label((ct_field)f));
    }
    return buf;
}

static void
print_evidence(const ct_candidate *c)
{
    printf(vk_ngettext("   not in the corpus; known from %zu citation:\n",
                       "   not in the corpus; known from %zu citations:\n", c->n_evidence),
           c->n_evidence);
    for (size_t k = 0; k < c->n_evidence; k++) {
        const ct_mention *m = &c->evidence[k];
        printf("     %s %s%s%s%s%s: %s", m->number ? m->number : m->key,
               *m->label ? _("item ") : _("preamble"), m->label, m->relation ? " (" : "",
               m->relation ? m->relation : "", m->relation ? ")" : "", m->text);
        if (m->subject)
            printf(_(" — on %s%s%s"), m->subject_quoted ? "“" : "", m->subject,
                   m->subject_quoted ? "”" : "");
        printf("\n");
    }
    for (size_t k = 0; k < c->n_conflicts; k++) {
        const ct_conflict *x = &c->conflicts[k];
        printf(_("   the citing documents disagree on the %s:"), ct_field_label(x->field));
        for (size_t v = 0; v < x->n_values; v++)
            printf("%s %s (%zu)", v ? "," : "", x->values[v], x->counts[v]);
        printf("\n");
    }
}

static void
print_text(const ct_resolution *r)
{
    char buf[256];
    if (r->notice)
        printf("%s\n\n", r->notice);
    for (size_t i = 0; i < r->n_cands; i++) {
        const ct_candidate *c = &r->cands[i];
        printf("%zu. %s\n", i + 1, c->citation ? c->citation : "?");
        if (c->section_citation)
            printf("   %s%s%s\n   %s\n", c->section_display, c->section_heading ? " " : "",
                   c->section_heading ? c->section_heading : "", c->section_citation);
        if (c->in_corpus) {
            printf("   [%s]", c->key);
            for (size_t k = 0; k < c->n_copies; k++)
                printf("%s%s", k ? ", " : _("  also: "), c->copies[k]);
            printf("\n");
        }
        if (c->matched)
            printf(_("   matched: %s\n"), field_list(c->matched, buf, sizeof buf));
        if (c->mismatched)
            printf(_("   differs: %s\n"), field_list(c->mismatched, buf, sizeof buf));
        if (c->in_corpus && c->path)
            printf(_("   file: %s\n"), c->path);
        if (!c->in_corpus)
            print_evidence(c);
        printf("\n");
    }
    if (r->n_cands == 0)
        printf(_("nothing in the corpus matches '%s'\n"), r->ref.text);
}

static int
run_cite(const char *dbp, const char *text, const ct_resolve_opts *opts, int json)
{
    xc_rdb *db = cli_open_index(dbp);
    if (!db)
        return CLI_USAGE;
    ct_resolution *r = NULL;
    vk_error err = {0};
    int rc = CLI_OK;
    vk_status st = ct_resolve(db, text, strlen(text), opts, &r, &err);
    if (st != VK_OK) {
        cli_error(_("cite: %s"), err.msg[0] ? err.msg : vk_status_str(st));
        rc = CLI_USAGE;
    } else if (json) {
        if (cli_print_json(ct_resolution_json(r)) != CLI_OK)
            rc = CLI_USAGE;
    } else {
        print_text(r);
    }
    if (rc == CLI_OK && r->n_cands == 0)
        rc = CLI_NOTHING;
    ct_resolution_free(r);
    xc_rdb_close(db);
    return rc;
}

int
cmd_cite(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},      {"json", no_argument, NULL, 'j'},
        {"section", required_argument, NULL, 's'}, {"limit", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    int json = 0, c;
    long v;
    ct_resolve_opts opts = {NULL, 5};
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:js:n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'j':
            json = 1;
            cli_json_errors(1);
            break;
        case 's': opts.section = optarg; break;
        case 'n':
            if ((v = cli_parse_count(optarg, 100)) < 1) {
                cli_error(_("cite: --limit wants a number from 1 to 100, not '%s'"), optarg);
                return CLI_USAGE;
            }
            opts.limit = (size_t)v;
            break;
        case 'h': cite_usage(stdout); return CLI_OK;
        default: cite_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(_("cite: no reference given"));
        cite_usage(stderr);
        return CLI_USAGE;
    }
    char *text = cli_join_args(argc, argv, optind);
    if (!text) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    int rc = run_cite(cli_db_path(db), text, &opts, json);
    free(text);
    return rc;
}
