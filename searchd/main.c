/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c: `vankien-searchd`: settings (defaults, the configuration file,
 * $VANKIEN_DB, the command line, in that order of precedence, lowest
 * first), signals, and the life of the server. SIGTERM and SIGINT let the
 * requests under way finish and exit 0; SIGHUP makes every worker open the
 * index afresh before its next request (sd_server_reload).
 */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/i18n.h"
#include "indexer/ix_schema.h"
#include "searchd/sd.h"
#include "vk_version.h"

static void
usage(FILE *out)
{
    fprintf(
        out,
        _("usage: vankien-searchd [--config FILE] [--db DIR] [--listen ADDR:PORT] [--threads N]\n"
          "                       [options]\n\n"
          "The HTTP search daemon of vankien: a JSON API under /api/ and the web page at /.\n\n"
          "  --config FILE         read settings from FILE (default %s,\n"
          "                        if it exists); options given here override it\n"
          "  --db DIR              the index (default: $VANKIEN_DB, else ./vankien.db)\n"
          "  --listen ADDR:PORT    where to listen (default 127.0.0.1:8765; port 0: any free)\n"
          "  --threads N           worker threads (default 4)\n"
          "  --max-connections N   connections at once (default 256)\n"
          "  --max-per-ip N        connections at once from one address (default 0: no limit)\n"
          "  --timeout S           seconds before an idle connection is cut, and the most\n"
          "                        a request may take to arrive (default 30)\n"
          "  --max-query BYTES     longest query (default 2048)\n"
          "  --max-limit N         most results per page (default 100)\n"
          "  --max-body BYTES      largest request body (default 1048576)\n"
          "  --query-time S        seconds a search may spend improving its answer (default 2)\n"
          "  --log-level L         0 errors, 1 access log (default), 2 debug\n"
          "  --cors-origin ORIGIN  let web pages of ORIGIN (https://host[:port], or * for\n"
          "                        any) read the API's answers (CORS); repeatable\n"
          "  --show-paths          name the server's files in the answers (\"path\")\n"
          "  --help, --version\n\n"
          "The configuration file holds `key = value` lines, the keys named as the\n"
          "options above without their dashes (db, listen, threads, ...).\n"
          "SIGTERM or SIGINT: finish the requests under way and exit.\n"
          "SIGHUP: open the index afresh (after it was replaced or moved).\n"),
        VK_SEARCHD_CONF);
}

/* 1 if this program runs from its build tree, where no installed
 * configuration applies. */
static int
in_build_tree(void)
{
    char exe[PATH_MAX], bin[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || !realpath(VK_BUILD_BIN_DIR, bin))
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return strcmp(exe, bin) == 0;
}

/* One option of the command line, kept until the configuration is read. */
typedef struct cli_opt {
    const char *name;
    const char *value;
} cli_opt;

/* Parses argv: options into opts (*n_opts), --config into *config. Returns
 * -1 to go on, else the exit status (--help, --version, a usage error). */
static int
parse_args(int argc, char **argv, cli_opt *opts, int *n_opts, const char **config)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"max-connections", required_argument, NULL, 'c'},
        {"max-per-ip", required_argument, NULL, 'P'},
        {"timeout", required_argument, NULL, 'T'},
        {"max-query", required_argument, NULL, 'q'},
        {"max-limit", required_argument, NULL, 'L'},
        {"max-body", required_argument, NULL, 'b'},
        {"query-time", required_argument, NULL, 'Q'},
        {"log-level", required_argument, NULL, 'v'},
        {"cors-origin", required_argument, NULL, 'O'},
        {"show-paths", no_argument, NULL, 'S'},
        {"config", required_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c, li = -1;
    *n_opts = 0;
    while ((c = getopt_long(argc, argv, "d:l:t:hV", longopts, &li)) != -1) {
        const char *name = NULL;
        for (int i = 0; longopts[i].name && !name; i++)
            if (longopts[i].val == c)
                name = longopts[i].name;
        switch (c) {
        case 'h': usage(stdout); return 0;
        case 'V':
            printf("vankien-searchd %s (index format %d)\n", VK_VERSION, IX_FORMAT_VERSION);
            return 0;
        case 'C': *config = optarg; break;
        case '?': usage(stderr); return 2;
        default: opts[(*n_opts)++] = (cli_opt){name, optarg ? optarg : "yes"}; break;
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("vankien-searchd: unexpected argument '%s'\n"), argv[optind]);
        usage(stderr);
        return 2;
    }
    return -1;
}

/* Fills cfg from the configuration file, $VANKIEN_DB and the options.
 * Returns 0, or 2 after printing why. */
static int
configure(sd_config *cfg, const char *config, const cli_opt *opts, int n_opts)
{
    char msg[1024];
    int found = 0;
    sd_config_init(cfg);
    const char *path = config ? config : (in_build_tree() ? NULL : VK_SEARCHD_CONF);
    if (path && sd_config_load(cfg, path, config == NULL, &found, msg, sizeof msg) != 0) {
        fprintf(stderr, "vankien-searchd: %s\n", msg);
        return 2;
    }
    const char *env = getenv("VANKIEN_DB");
    if (env && *env && sd_config_set(cfg, "db", env, msg, sizeof msg) != 0) {
        fprintf(stderr, "vankien-searchd: VANKIEN_DB: %s\n", msg);
        return 2;
    }
    for (int i = 0; i < n_opts; i++) {
        if (sd_config_set(cfg, opts[i].name, opts[i].value, msg, sizeof msg) != 0) {
            fprintf(stderr, "vankien-searchd: --%s\n", msg);
            return 2;
        }
    }
    if (found && cfg->log_level >= 1)
        fprintf(stderr, _("vankien-searchd: settings from %s\n"), path);
    return 0;
}

/* Waits for signals until SIGTERM or SIGINT; SIGHUP reloads the index. */
static void
serve(sd_server *s, const sigset_t *set)
{
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            char msg[1024];
            if (sd_server_reload(s, msg, sizeof msg) == 0)
                fprintf(stderr, _("vankien-searchd: SIGHUP: index reopened, %s\n"), msg);
            else
                fprintf(stderr,
                        _("vankien-searchd: SIGHUP: %s; serving on from the index as "
                          "it was\n"),
                        msg);
            continue;
        }
        fprintf(stderr, _("vankien-searchd: %s: finishing the requests under way\n"),
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
        return;
    }
}

int
main(int argc, char **argv)
{
    cli_opt *opts = calloc((size_t)argc + 1, sizeof *opts);
    if (!opts) {
        fputs(_("vankien-searchd: out of memory\n"), stderr);
        return 2;
    }
    const char *config = NULL;
    int n_opts = 0;
    sd_config cfg;
    vk_set_default_lang(vk_lang_from_env());
    int done = parse_args(argc, argv, opts, &n_opts, &config);
    int rc = done < 0 ? configure(&cfg, config, opts, n_opts) : done;
    free(opts);
    if (done >= 0 || rc != 0)
        return rc;
    /* The signals are taken here, by sigwait, not by the server's threads
     * (which inherit the mask): no code runs in a signal handler. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    sd_server *s = NULL;
    char msg[1024];
    if (sd_server_start(&cfg, &s, msg, sizeof msg) != 0) {
        fprintf(stderr, "vankien-searchd: %s\n", msg);
        return 2;
    }
    fprintf(stderr, _("vankien-searchd %s: serving %s on http://%s:%u/ with %u threads\n"),
            VK_VERSION, cfg.db, cfg.host, (unsigned)sd_server_port(s), cfg.threads);
    serve(s, &set);
    sd_server_stop(s, 10);
    return 0;
}
