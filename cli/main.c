/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c: `vankien`, the command-line tool: the command table and the helpers
 * shared by the subcommands.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/ix_schema.h"
#include "vk_version.h"
#include "xapian-c/xc.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"index", cmd_index, N_("index files and folders of documents")},
    {"search", cmd_search, N_("search the index")},
    {"show", cmd_show, N_("print a document's outline, or one section")},
    {"cite", cmd_cite, N_("resolve a citation to documents, with the canonical form")},
    {"cites", cmd_cites, N_("list the passages that cite a document")},
    {"check", cmd_check, N_("check the citations and quotes of a draft")},
    {"stats", cmd_stats, N_("show what the index holds: documents, sections, size, by type and year")},
    {"shard", cmd_shard, N_("split the index into shards (by year or count) listed in a stub")},
    {"parse", cmd_parse, N_("print the document model of files")},
    {"analyze", cmd_analyze, N_("print the tokens the analyzer makes of a text")},
};

static void
usage(FILE *out)
{
    fprintf(out, _("usage: vankien [--help] [--version] [--lang vi|en] COMMAND [ARGS]\n\n"
                   "Full-text search for Vietnamese Party documents.\n\ncommands:\n"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
    fprintf(out,
            _("\n`vankien COMMAND --help` describes a command. The index is --db DIR, else\n"
              "$VANKIEN_DB, else ./%s.\n"
              "Messages are in Vietnamese; --lang en (or LANGUAGE=en) gives English.\n"
              "Exit status: 0 found or done, 1 nothing found, 2 usage or input error.\n"),
            IX_DEFAULT_DB);
}

const char *
cli_db_path(const char *opt)
{
    if (opt && *opt)
        return opt;
    const char *env = getenv("VANKIEN_DB");
    return env && *env ? env : IX_DEFAULT_DB;
}

/* Prints why the index at dbp did not open (st and err from qr_index_open
 * or ix_reader_open). */
static void
open_failed(const char *dbp, vk_status st, const vk_error *err)
{
    if (st == VK_ENOTFOUND)
        cli_error_code("index_unavailable",
                       _("%s (index documents first: vankien index --db %s PATH)"), err->msg, dbp);
    else
        cli_error_code("index_unavailable", "%s", err->msg);
}

qr_index *
cli_index_open(const char *dbp)
{
    qr_index *ix = NULL;
    vk_error err = {0};
    vk_status st = qr_index_open(dbp, &ix, &err);
    if (st != VK_OK)
        open_failed(dbp, st, &err);
    return ix;
}

xc_rdb *
cli_open_index(const char *dbp)
{
    xc_rdb *r = NULL;
    vk_error err = {0};
    vk_status st = ix_reader_open(dbp, &r, &err);
    if (st != VK_OK)
        open_failed(dbp, st, &err);
    return r;
}

/* With --json (cli_json_errors), the first error is also written to stdout
 * as the API writes it: {"error": {"code", "message"}}. */
static int json_errors, json_error_written;

void
cli_json_errors(int on)
{
    json_errors = on;
}

static void
verror(const char *code, const char *fmt, va_list ap)
{
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    fprintf(stderr, "vankien: %s\n", msg);
    if (!json_errors || json_error_written)
        return;
    json_error_written = 1;
    json_t *o = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", msg);
    if (o && json_dumpf(o, stdout, JSON_INDENT(2)) == 0)
        fputc('\n', stdout);
    json_decref(o);
}

void
cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror("error", fmt, ap);
    va_end(ap);
}

void
cli_error_code(const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(code, fmt, ap);
    va_end(ap);
}

char *
cli_join_args(int argc, char **argv, int from)
{
    size_t len = 1;
    for (int i = from; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (int i = from; i < argc; i++) {
        if (i > from)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

int
cli_db_json_options(int argc, char **argv, void (*cmd_usage)(FILE *), const char **db, int *json)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    *db = NULL;
    *json = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'j':
            *json = 1;
            cli_json_errors(1);
            break;
        case 'h': cmd_usage(stdout); return CLI_OK;
        default: cmd_usage(stderr); return CLI_USAGE;
        }
    }
    return -1;
}

void
cli_print_label(const char *label, int width)
{
    int chars = 0;
    for (const char *p = label; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    printf("%s%*s ", label, chars < width ? width - chars : 0, "");
}

int
cli_terminal(int fd)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(fd) && !(no_color && *no_color) && !(term && strcmp(term, "dumb") == 0);
}

int
cli_print_json(json_t *o)
{
    int rc = o ? json_dumpf(o, stdout, JSON_INDENT(2)) : -1;
    fputc('\n', stdout);
    json_decref(o);
    return rc == 0 ? CLI_OK : CLI_USAGE;
}

long
cli_parse_count(const char *s, long max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > max)
        return -1;
    return v;
}

const char *
cli_section_name(const char *kind, const char *display, char *buf, size_t size)
{
    if (!display || !*display)
        return _("preamble");
    /* Resolutions and plans say "mục III.3"; a regulation's parts name
     * themselves (Chương, Điều, khoản). */
    int item = !kind || strcmp(kind, "roman") == 0 || strcmp(kind, "arabic") == 0 ||
               strcmp(kind, "letter") == 0;
    snprintf(buf, size, "%s%s", item ? _("item ") : "", display);
    return buf;
}

const char *
cli_kind_label(const char *nondoc)
{
    if (!nondoc)
        return NULL;
    if (strcmp(nondoc, "qa") == 0)
        return _("Q&A (not a document)");
    if (strcmp(nondoc, "encyclopedia") == 0)
        return _("Encyclopedia (not a document)");
    if (strcmp(nondoc, "news") == 0)
        return _("News (not a document)");
    return _("Not a document");
}

/* Takes --lang LANG (or --lang=LANG) out of argv, wherever it stands before
 * "--", and sets the language of messages: that, else the environment's
 * (vk_lang_from_env). Returns the new argc, or -1 for a language other than
 * vi and en. */
static int
take_lang(int argc, char **argv)
{
    vk_lang lang = vk_lang_from_env();
    const char *bad = NULL;
    int n = 1;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--") == 0) {
            while (i < argc)
                argv[n++] = argv[i++];
            break;
        }
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            v = argv[++i];
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            v = argv[i] + 7;
        else {
            argv[n++] = argv[i];
            continue;
        }
        if (vk_lang_parse(v, &lang) != 0)
            bad = v;
    }
    argv[n] = NULL;
    vk_set_default_lang(lang);
    if (bad) {
        cli_error(_("unknown language '%s': --lang vi or --lang en"), bad);
        return -1;
    }
    return n;
}

int
main(int argc, char **argv)
{
    argc = take_lang(argc, argv);
    if (argc < 0)
        return CLI_USAGE;
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("vankien %s (index format %d, Xapian %s)\n", VK_VERSION, IX_FORMAT_VERSION,
               xc_xapian_version());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    cli_error(_("unknown command '%s' (see vankien --help)"), argv[1]);
    return CLI_USAGE;
}
