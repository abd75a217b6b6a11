/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * http_client.c: the HTTP tests' client and daemon launcher (http_client.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "tests/http_client.h"

void
http_reply_free(http_reply *r)
{
    free(r->body);
    free(r->head);
    r->body = r->head = NULL;
}

int
http_connect(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

http_reply
http_raw(int port, const char *req, size_t len)
{
    http_reply r = {-1, NULL, NULL};
    int fd = http_connect(port);
    if (fd < 0) {
        r.body = strdup("");
        r.head = strdup("");
        return r;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, req + off, len - off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* answered early and closed */
        off += (size_t)n;
    }
    vk_buf b = VK_BUF_INIT;
    char chunk[65536];
    ssize_t n;
    /* A signal (the indexer's SIGCHLD in the load test) interrupts a read
     * that has a timeout (SO_RCVTIMEO): read again. */
    while ((n = read(fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0)
            vk_buf_append(&b, chunk, (size_t)n);
    }
    close(fd);
    char *all = vk_buf_steal(&b);
    if (!all)
        all = strdup("");
    char *sep = strstr(all, "\r\n\r\n");
    if (sep) {
        *sep = '\0';
        r.body = strdup(sep + 4);
    } else {
        r.body = strdup("");
    }
    r.head = all;
    r.status = 0;
    sscanf(all, "HTTP/1.%*d %d", &r.status);
    return r;
}

http_reply
http_request(int port, const char *method, const char *target)
{
    size_t cap = strlen(method) + strlen(target) + 128;
    char *req = malloc(cap);
    if (!req) {
        http_reply r = {-1, strdup(""), strdup("")};
        return r;
    }
    int n = snprintf(req, cap, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                     method, target);
    http_reply r = http_raw(port, req, (size_t)n);
    free(req);
    return r;
}

/* The port in the daemon's "serving ... on http://127.0.0.1:PORT/" line. */
static int
port_from_log(const char *logfile)
{
    FILE *f = fopen(logfile, "r");
    if (!f)
        return 0;
    char line[4096];
    int port = 0;
    while (!port && fgets(line, sizeof line, f)) {
        const char *p = strstr(line, " on http://127.0.0.1:");
        if (p)
            port = atoi(p + strlen(" on http://127.0.0.1:"));
    }
    fclose(f);
    return port;
}

pid_t
http_daemon_start(const char *db, const char *const *args, const char *logfile, int *port)
{
    const char *bin = getenv("VK_BIN_DIR");
    char path[4200];
    snprintf(path, sizeof path, "%s/vankien-searchd", bin ? bin : "bin");
    const char *argv[64] = {path, "--db", db, "--listen", "127.0.0.1:0"};
    size_t argc = 5;
    for (size_t i = 0; args && args[i] && argc < 62; i++)
        argv[argc++] = args[i];
    argv[argc] = NULL;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(logfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0)
            dup2(fd, 2);
        execv(path, (char *const *)(uintptr_t)argv);
        _exit(127);
    }
    /* Up to 60 s: under valgrind the daemon starts slowly. */
    for (int i = 0; i < 1200; i++) {
        struct timespec t = {0, 50 * 1000 * 1000};
        nanosleep(&t, NULL);
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid)
            return -1;
        *port = port_from_log(logfile);
        if (*port > 0) {
            /* A whole exchange, which the daemon ends itself: no connection
             * of ours is left for it to notice closed later. */
            http_reply r = http_request(*port, "GET", "/api/health");
            int ready = r.status == 200;
            http_reply_free(&r);
            if (ready)
                return pid;
        }
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
}

int
http_sample_index(const char *tag, char *dir, size_t dir_len, char *db, size_t db_len)
{
    const char *base = getenv("VK_TMPDIR"), *src = getenv("VK_SOURCE_DIR"),
               *bin = getenv("VK_BIN_DIR");
    snprintf(dir, dir_len, "%s/vk-%s-XXXXXX", base ? base : "/tmp", tag);
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, db_len, "%s/db", dir);
    char cmd[16384];
    snprintf(cmd, sizeof cmd,
             "'%s/vankien' index --quiet --db '%s' '%s/corpus/samples' 2>/dev/null",
             bin ? bin : "bin", db, src ? src : ".");
    return system(cmd) == 0 ? 0 : -1;
}
