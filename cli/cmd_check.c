/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_check.c: `vankien check FILE`: every citation of a draft checked
 * against the corpus, and every quote attributed to a document looked for
 * in it; findings as FILE:LINE:COLUMN: SEVERITY, with a suggestion. A Word
 * draft is checked by its paragraphs and, with --annotate, written back
 * with the findings as review comments (ct_check_docx), and with
 * --suggest-changes their replacements as tracked changes.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cite/ct.h"
#include "cli/cli.h"
#include "common/i18n.h"

/* Exit status of a check that found errors. */
enum { CHECK_ERRORS = 1 };

static void
check_usage(FILE *out)
{
    fprintf(out, _("usage: vankien check [--db DIR] [--json] FILE\n"
                   "       vankien check [--db DIR] [--json] --annotate [--suggest-changes]\n"
                   "                     [-o OUT] FILE.docx\n\n"
                   "Checks every citation of a draft (text or markdown, Word, PDF or\n"
                   "HTML; legacy encodings are converted) against the corpus: the number\n"
                   "exists, the type agrees with the number's code, the date, issuer, term\n"
                   "and subject agree; and that quoted passages attributed to a document\n"
                   "occur in it. Each finding is OK, WARNING or ERROR, with its line and\n"
                   "column, a suggested correction (the words to replace and what to write\n"
                   "instead) and the citation to paste; a summary by field closes. In a\n"
                   "Word draft (.docx) the line is the paragraph and the column the\n"
                   "character in it.\n\n"
                   "  --db DIR       the index (default: $VANKIEN_DB, else ./vankien.db)\n"
                   "  --json         machine-readable output\n"
                   "  --annotate     write the Word draft back with a review comment (author\n"
                   "                 vankien) on the text of each warning and error\n"
                   "  --suggest-changes  with --annotate: each replacement also as a tracked\n"
                   "                 change (the wrong words deleted, the right ones inserted)\n"
                   "                 to accept or reject in Word\n"
                   "  -o, --output OUT  where --annotate writes (default: FILE.checked.docx)\n"
                   "  --help         this help\n\n"
                   "Exit status: 0 no errors, 1 errors, 2 usage or input error.\n"));
}

/* Nonzero if the path names a Word file (.docx, any case). */
static int
is_docx(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && strcasecmp(path + n - 5, ".docx") == 0;
}

/* FILE.docx -> FILE.checked.docx, in *out (the caller frees it). */
static char *
checked_name(const char *path)
{
    size_t n = strlen(path) - 5;
    char *s = malloc(n + sizeof ".checked.docx");
    if (s)
        snprintf(s, n + sizeof ".checked.docx", "%.*s.checked.docx", (int)n, path);
    return s;
}

typedef struct check_opts {
    const char *db, *output, *path;
    int json, annotate, suggest;
} check_opts;

/* Reads the options into *o; returns -1 to go on, else the exit status. */
static int
check_options(int argc, char **argv, check_opts *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"annotate", no_argument, NULL, 'a'},
        {"output", required_argument, NULL, 'o'},
        {"suggest-changes", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "d:jao:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'j':
            o->json = 1;
            cli_json_errors(1);
            break;
        case 'a': o->annotate = 1; break;
        case 'o': o->output = optarg; break;
        case 's': o->suggest = 1; break;
        case 'h': check_usage(stdout); return CLI_OK;
        default: check_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind != argc - 1) {
        cli_error(_("check: give one FILE"));
        check_usage(stderr);
        return CLI_USAGE;
    }
    o->path = argv[optind];
    if ((o->annotate || o->output) && !is_docx(o->path)) {
        cli_error(_("check: --annotate writes a Word draft back: give a .docx FILE"));
        return CLI_USAGE;
    }
    if (o->output && !o->annotate) {
        cli_error(_("check: -o goes with --annotate"));
        return CLI_USAGE;
    }
    if (o->suggest && !o->annotate) {
        cli_error(_("check: --suggest-changes goes with --annotate (the changes are written "
                    "into the annotated copy)"));
        return CLI_USAGE;
    }
    return -1;
}

/* "date 1, issuer 1": the problems of one severity by field. */
static void
print_by_field(const size_t *counts)
{
    const char *sep = " (";
    for (int f = 0; f < CT_F_COUNT; f++) {
        if (counts[f]) {
            printf("%s%s %zu", sep, ct_field_label((ct_field)f), counts[f]);
            sep = ", ";
        }
    }
    if (*sep == ',')
        putchar(')');
    putchar('\n');
}

/* The closing block: what the draft cites, and its problems by field. */
static void
print_summary(const ct_check *c)
{
    char cits[48], quotes[48], warns[48], errs[48];
    snprintf(cits, sizeof cits, vk_ngettext("%zu citation", "%zu citations", c->n_citations),
             c->n_citations);
    snprintf(quotes, sizeof quotes, vk_ngettext("%zu quote", "%zu quotes", c->n_quotes),
             c->n_quotes);
    snprintf(warns, sizeof warns, vk_ngettext("%zu warning", "%zu warnings", c->n_warnings),
             c->n_warnings);
    snprintf(errs, sizeof errs, vk_ngettext("%zu error", "%zu errors", c->n_errors), c->n_errors);
    printf(_("%s%s and %s checked: %zu OK, %s, %s\n"), c->n_findings ? "\n" : "", cits, quotes,
           c->n_ok, warns, errs);
    printf(_("documents cited: %zu in the corpus, %zu not in it\n"), c->n_documents, c->n_unknown);
    printf(_("errors: %zu"), c->n_errors);
    print_by_field(c->field_errors);
    printf(_("warnings: %zu"), c->n_warnings);
    print_by_field(c->field_warnings);
}

static void
print_text(const ct_check *c)
{
    for (size_t i = 0; i < c->n_findings; i++) {
        const ct_finding *f = &c->findings[i];
        printf("%s:%zu:%zu: %s %s: %s\n", c->name, f->line, f->col, ct_severity_label(f->severity),
               ct_field_label(f->field), f->message);
        if (f->suggestion)
            printf(_("    suggestion: %s\n"), f->suggestion);
        if (f->replacement)
            printf(_("    replace: “%s” with “%s”\n"), f->replaced ? f->replaced : "",
                   f->replacement);
        if (f->severity != CT_SEV_OK && f->citation)
            printf(_("    cite as: %s\n"), f->citation);
        if (f->n_also) {
            printf("%s", _("    also at"));
            for (size_t k = 0; k < f->n_also; k++)
                printf("%s %zu:%zu", k ? "," : "", f->also[k].line, f->also[k].col);
            putchar('\n');
        }
    }
    print_summary(c);
}

/* What --annotate wrote, on stderr: the comments, and with
 * --suggest-changes the tracked changes and the replacements left in their
 * comments. */
static void
print_written(const ct_check *ck, const char *path, int suggest)
{
    fprintf(stderr,
            vk_ngettext("vankien: check: %zu comment written into %s%s\n",
                        "vankien: check: %zu comments written into %s%s\n", ck->n_comments),
            ck->n_comments, path,
            ck->n_unanchored ? _(" (some findings could not be anchored)") : "");
    if (!suggest)
        return;
    fprintf(stderr,
            vk_ngettext("vankien: check: %zu replacement written as a tracked change\n",
                        "vankien: check: %zu replacements written as tracked changes\n",
                        ck->n_changes),
            ck->n_changes);
    if (ck->n_unchanged)
        fprintf(stderr,
                vk_ngettext("vankien: check: %zu replacement left in its comment only (it "
                            "overlaps another change or leaves its paragraph)\n",
                            "vankien: check: %zu replacements left in their comments only (they "
                            "overlap another change or leave their paragraph)\n",
                            ck->n_unchanged),
                ck->n_unchanged);
}

int
cmd_check(int argc, char **argv)
{
    check_opts o;
    int done = check_options(argc, argv, &o);
    if (done >= 0)
        return done;
    char *out = o.annotate && !o.output ? checked_name(o.path) : NULL;
    if (o.annotate && !o.output && !out) {
        cli_error(_("check: out of memory"));
        return CLI_USAGE;
    }
    xc_rdb *r = cli_open_index(cli_db_path(o.db));
    if (!r) {
        free(out);
        return CLI_USAGE;
    }
    ct_check *ck = NULL;
    vk_error err = {0};
    int rc;
    vk_status st = is_docx(o.path)
                       ? ct_check_docx(r, o.path, o.annotate ? (out ? out : o.output) : NULL,
                                       o.suggest, &ck, &err)
                       : ct_check_file(r, o.path, &ck, &err);
    if (st != VK_OK) {
        cli_error(_("check: %s"), err.msg[0] ? err.msg : vk_status_str(st));
        rc = CLI_USAGE;
    } else {
        rc = ck->n_errors ? CHECK_ERRORS : CLI_OK;
        if (o.annotate)
            print_written(ck, out ? out : o.output, o.suggest);
        if (o.json) {
            if (cli_print_json(ct_check_json(ck)) != CLI_OK)
                rc = CLI_USAGE;
        } else {
            print_text(ck);
        }
    }
    ct_check_free(ck);
    xc_rdb_close(r);
    free(out);
    return rc;
}
