/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c: `vankien-searchd`, the HTTP search daemon. This version only
 * describes itself: the daemon proper (libmicrohttpd, JSON API, web page)
 * is not built yet.
 */
#include <stdio.h>
#include <string.h>

#include "vk_version.h"

static void
usage(FILE *out)
{
    fprintf(out, "usage: vankien-searchd [--db DIR] [--listen 127.0.0.1:8765] [--threads N]\n\n"
                 "The HTTP search daemon of vankien (JSON API and web page).\n"
                 "This build does not serve yet: use `vankien search`.\n\n"
                 "  --help      this help\n"
                 "  --version   print the version\n");
}

int
main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("vankien-searchd %s\n", VK_VERSION);
        return 0;
    }
    usage(stderr);
    fprintf(stderr, "vankien-searchd: serving is not implemented in this version\n");
    return 2;
}
