/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_http.c: libFuzzer target: any bytes as what a client sends to
 * vankien-searchd. The daemon (searchd/server.c, api.c) runs in this
 * process on a loopback port over an index of corpus/samples, built once at
 * start; each input is written on a fresh connection and the answer read
 * until the daemon closes or falls silent (an incomplete request gets no
 * answer, and libmicrohttpd waits for the rest until its timeout whatever
 * the client does); then the connection is reset, which the daemon sees at
 * once. Whatever the bytes, what comes back is HTTP, and the next
 * connection is accepted.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "corpus/cp.h"
#include "indexer/ix.h"
#include "searchd/sd.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sd_server *server;
static uint16_t port;
static char dir[] = "/tmp/vk-fuzz-http-XXXXXX";

/* Indexes the samples into dir/db; exits on failure. */
static void
build_index(const char *db)
{
    char samples[4096];
    snprintf(samples, sizeof samples, "%s/corpus/samples", VK_SOURCE_DIR);
    ix_writer *w = NULL;
    vk_error err = {0};
    if (ix_writer_open(db, 1, &w, &err) != VK_OK) {
        fprintf(stderr, "fuzz_http: %s\n", err.msg);
        exit(1);
    }
    DIR *d = opendir(samples);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", samples, e->d_name);
        cp_file *f = NULL;
        if (cp_file_parse(path, &f, &err) == VK_OK)
            ix_writer_add_file(w, f, NULL, &err);
        cp_file_free(f);
    }
    if (d)
        closedir(d);
    if (ix_writer_close(w, &err) != VK_OK) {
        fprintf(stderr, "fuzz_http: %s\n", err.msg);
        exit(1);
    }
}

static void
cleanup(void)
{
    sd_server_stop(server, 1);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_http: could not remove %s\n", dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    signal(SIGPIPE, SIG_IGN);
    if (!mkdtemp(dir))
        exit(1);
    static char db[64];
    snprintf(db, sizeof db, "%s/db", dir);
    build_index(db);
    sd_config cfg;
    sd_config_init(&cfg);
    snprintf(cfg.db, sizeof cfg.db, "%s", db);
    cfg.port = 0;
    cfg.threads = 2;
    cfg.timeout = 2;
    cfg.max_body = 64 * 1024;
    cfg.log_level = 0;
    char msg[512];
    if (sd_server_start(&cfg, &server, msg, sizeof msg) != 0) {
        fprintf(stderr, "fuzz_http: %s\n", msg);
        exit(1);
    }
    port = sd_server_port(server);
    atexit(cleanup);
    return 0;
}

/* Sends the bytes on a new connection and reads the answer; returns the
 * bytes read (up to cap kept in buf), or -1 if no connection. */
static ssize_t
exchange(const uint8_t *data, size_t size, char *buf, size_t cap)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    size_t off = 0;
    while (off < size) {
        ssize_t n = send(fd, data + off, size - off, MSG_NOSIGNAL);
        if (n <= 0)
            break; /* the daemon answered early and closed */
        off += (size_t)n;
    }
    size_t got = 0;
    struct pollfd p = {fd, POLLIN, 0};
    /* Up to 300 ms for the answer to start (searches under the sanitizers
     * take tens of milliseconds), then until 50 ms of silence. */
    while (poll(&p, 1, got ? 50 : 100) > 0) {
        char chunk[16384];
        ssize_t n = recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            break;
        if (got < cap) {
            size_t k = (size_t)n < cap - got ? (size_t)n : cap - got;
            memcpy(buf + got, chunk, k);
        }
        got += (size_t)n;
    }
    struct linger reset = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    close(fd);
    return (ssize_t)got;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char head[16];
    ssize_t n = exchange(data, size, head, sizeof head);
    if (n < 0)
        abort(); /* the daemon no longer accepts connections */
    if (n > 0 && (n < 9 || memcmp(head, "HTTP/1.", 7) != 0))
        abort(); /* an answer that is not HTTP */
    return 0;
}
