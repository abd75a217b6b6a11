/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_analyze.c: `vankien analyze`: the tokens the analyzer makes of a text,
 * with positions and both forms: what a user runs to see why a word matched.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/lexicon.h"
#include "cli/cli.h"
#include "common/i18n.h"

static void
analyze_usage(FILE *out)
{
    fprintf(out, _("usage: vankien analyze [--json] TEXT...\n\n"
                 "Prints each token of TEXT: position, byte offsets, the exact term\n"
                 "(normalized: NFC, lower case, one tone-mark style) and the folded term\n"
                 "(without diacritics).\n\n"
                 "  --json   machine-readable output\n"
                 "  --help   this help\n"));
}

static int
print_json(const char *text, const an_tokens *t)
{
    json_t *o = json_object(), *arr = json_array();
    json_object_set_new(o, "text", json_string(text));
    for (size_t i = 0; i < t->n; i++) {
        const an_token *k = &t->v[i];
        json_array_append_new(
            arr, json_pack("{s:I, s:s, s:b, s:I, s:s#, s:s#, s:s#, s:I, s:I, s:b}", "position",
                           (json_int_t)k->pos, "kind", an_kind_name(k->kind), "overlay", k->overlay,
                           "span", (json_int_t)k->span, "text", text + k->start,
                           (int)(k->end - k->start), "exact", k->exact, (int)k->exact_len, "folded",
                           k->folded, (int)k->folded_len, "start", (json_int_t)k->start, "end",
                           (json_int_t)k->end, "stopword", an_is_stopword(k->exact, k->exact_len)));
    }
    json_object_set_new(o, "tokens", arr);
    json_t *ab = json_array();
    for (size_t i = 0; i < t->n; i++) {
        an_abbrev_hit m[4];
        for (int side = 0; side < 2; side++) {
            size_t n = an_abbrev_match(text, t, i, side ? AN_ABBREV_FULL : AN_ABBREV_SHORT, m, 4);
            for (size_t k = 0; k < n && !t->v[i].overlay; k++)
                json_array_append_new(ab, json_pack("{s:I, s:s, s:s}", "position",
                                                    (json_int_t)t->v[i].pos, "abbreviation",
                                                    m[k].entry->abbr, "full", m[k].entry->full));
        }
    }
    json_object_set_new(o, "abbreviations", ab);
    return cli_print_json(o);
}

int
cmd_analyze(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            cli_json_errors(1);
            break;
        case 'h': analyze_usage(stdout); return CLI_OK;
        default: analyze_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error(_("analyze: no text given"));
        analyze_usage(stderr);
        return CLI_USAGE;
    }
    char *text = cli_join_args(argc, argv, optind);
    if (!text) {
        cli_error(_("out of memory"));
        return CLI_USAGE;
    }
    an_tokens t = AN_TOKENS_INIT;
    int rc = CLI_OK;
    if (an_analyze(text, strlen(text), 0, &t) != VK_OK) {
        cli_error(_("out of memory"));
        rc = CLI_USAGE;
    } else if (json) {
        rc = print_json(text, &t);
    } else {
        printf("pos  bytes      kind      exact / folded\n");
        for (size_t i = 0; i < t.n; i++) {
            const an_token *k = &t.v[i];
            char range[32], kind[32];
            snprintf(range, sizeof range, "%zu-%zu", k->start, k->end);
            snprintf(kind, sizeof kind, "%s%s", an_kind_name(k->kind), k->overlay ? "+" : "");
            printf("%-4u %-10s %-9s %.*s / %.*s%s\n", k->pos, range, kind, (int)k->exact_len,
                   k->exact, (int)k->folded_len, k->folded,
                   an_is_stopword(k->exact, k->exact_len) ? "  (stopword)" : "");
            an_abbrev_hit m[4];
            for (int side = 0; side < 2 && !k->overlay; side++) {
                size_t n =
                    an_abbrev_match(text, &t, i, side ? AN_ABBREV_FULL : AN_ABBREV_SHORT, m, 4);
                for (size_t a = 0; a < n; a++)
                    printf("     abbreviation: %s = %s\n", m[a].entry->abbr, m[a].entry->full);
            }
        }
        printf("(kind+ : one token over the %s)\n", "plain tokens at the same positions");
        if (t.n == 0)
            rc = CLI_NOTHING;
    }
    an_tokens_free(&t);
    free(text);
    return rc;
}
