/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c: `vankien-searchd`: options, signals, and the life of the server.
 * SIGTERM and SIGINT let the requests under way finish and exit 0; SIGHUP
 * is accepted (the index is reopened at every request anyway).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "searchd/sd.h"
#include "vk_version.h"

static void
usage(FILE *out)
{
    fprintf(out,
            "usage: vankien-searchd [--db DIR] [--listen ADDR:PORT] [--threads N] [options]\n\n"
            "The HTTP search daemon of vankien: a JSON API under /api/ and the web page at /.\n\n"
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
            "  --help, --version\n\n"
            "SIGTERM or SIGINT: finish the requests under way and exit.\n");
}

/* Parses a number option; exits with status 2 if it is not one. */
static long
number(const char *opt, const char *v, long lo, long hi)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || n < lo || n > hi) {
        fprintf(stderr, "vankien-searchd: --%s wants a number from %ld to %ld, not '%s'\n", opt,
                lo, hi, v);
        exit(2);
    }
    return n;
}

static void
parse_listen(sd_config *cfg, const char *v)
{
    static char host[64];
    const char *colon = strrchr(v, ':');
    if (!colon || colon == v || (size_t)(colon - v) >= sizeof host) {
        fprintf(stderr, "vankien-searchd: --listen wants ADDR:PORT, not '%s'\n", v);
        exit(2);
    }
    memcpy(host, v, (size_t)(colon - v));
    host[colon - v] = '\0';
    cfg->host = host;
    cfg->port = (uint16_t)number("listen", colon + 1, 0, 65535);
}

int
main(int argc, char **argv)
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
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    sd_config cfg;
    sd_config_init(&cfg);
    const char *env = getenv("VANKIEN_DB");
    if (env && *env)
        cfg.db = env;
    int c;
    while ((c = getopt_long(argc, argv, "d:l:t:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg.db = optarg; break;
        case 'l': parse_listen(&cfg, optarg); break;
        case 't': cfg.threads = (unsigned)number("threads", optarg, 1, 256); break;
        case 'c': cfg.max_connections = (unsigned)number("max-connections", optarg, 1, 60000); break;
        case 'P': cfg.max_per_ip = (unsigned)number("max-per-ip", optarg, 0, 60000); break;
        case 'T': cfg.timeout = (unsigned)number("timeout", optarg, 1, 3600); break;
        case 'q': cfg.max_query = (size_t)number("max-query", optarg, 16, 4096); break;
        case 'L': cfg.max_limit = (unsigned)number("max-limit", optarg, 1, 1000); break;
        case 'b': cfg.max_body = (size_t)number("max-body", optarg, 1024, 64L << 20); break;
        case 'Q': cfg.query_time = (double)number("query-time", optarg, 1, 60); break;
        case 'v': cfg.log_level = (int)number("log-level", optarg, 0, 2); break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("vankien-searchd %s\n", VK_VERSION); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "vankien-searchd: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    /* The signals are taken here, by sigwait, not by the server's threads. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    sd_server *s = NULL;
    char msg[512];
    if (sd_server_start(&cfg, &s, msg, sizeof msg) != 0) {
        fprintf(stderr, "vankien-searchd: %s\n", msg);
        return 2;
    }
    fprintf(stderr, "vankien-searchd %s: serving %s on http://%s:%u/ with %u threads\n",
            VK_VERSION, cfg.db, cfg.host, (unsigned)sd_server_port(s), cfg.threads);
    for (;;) {
        int sig = 0;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (sig == SIGHUP) {
            fprintf(stderr, "vankien-searchd: SIGHUP: the index is reopened at each request\n");
            continue;
        }
        fprintf(stderr, "vankien-searchd: %s: finishing the requests under way\n",
                sig == SIGTERM ? "SIGTERM" : "SIGINT");
        break;
    }
    sd_server_stop(s, 10);
    return 0;
}
