/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_http_hostile.c: vankien-searchd against hostile clients: a client
 * that sends a header byte a second (cut by the timeout), oversize headers
 * and bodies, invalid UTF-8 and bad percent-encoding, path traversal in
 * every path that could name a file, methods not allowed, 3000 connections
 * at once, the per-address limit (a second daemon), and the inputs the fuzzer once crashed the
 * daemon with (tests/data/fuzz/http). After each, the daemon is still up and answers a normal
 * search correctly. The daemon runs with small limits: 2 s timeout, 64 connections, 64 KiB bodies.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>

#include "common/buf.h"
#include "common/file.h"
#include "tests/http_client.h"

#define MAX_CONNECTIONS 64
#define TIMEOUT_S 2

static char dir[4096], db[4200];
static int port;
static pid_t daemon_pid;

static double
now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* The daemon is up and answers a normal search with the golden answer:
 * "tuyển dụng nhân tài" is in 28-NQ/TW, section III.3.2. */
static void
still_serving(const char *after)
{
    assert_int_equal(kill(daemon_pid, 0), 0);
    http_reply r = http_request(
        port, "GET", "/api/search?q=%22tuy%E1%BB%83n+d%E1%BB%A5ng+nh%C3%A2n+t%C3%A0i%22");
    if (r.status != 200 || !strstr(r.body, "\"key\":\"28-nq-tw-2022\"") ||
        !strstr(r.body, "\"label\":\"III.3.2\""))
        fail_msg("after %s: the search answers %d: %.300s", after, r.status, r.body);
    http_reply_free(&r);
}

static int
setup(void **state)
{
    (void)state;
    if (http_sample_index("hostile", dir, sizeof dir, db, sizeof db) != 0)
        return -1;
    /* Room for the 3000 client sockets of test_many_connections. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 4096) {
        rl.rlim_cur = rl.rlim_max < 4096 ? rl.rlim_max : 4096;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    char log[4300], timeout[16], conns[16];
    snprintf(log, sizeof log, "%s/searchd.log", dir);
    snprintf(timeout, sizeof timeout, "%d", TIMEOUT_S);
    snprintf(conns, sizeof conns, "%d", MAX_CONNECTIONS);
    const char *args[] = {"--threads",         "2",   "--timeout",  timeout,
                          "--max-connections", conns, "--max-body", "65536",
                          "--log-level",       "0",   NULL};
    daemon_pid = http_daemon_start(db, args, log, &port);
    return daemon_pid > 0 ? 0 : -1;
}

static int
teardown(void **state)
{
    (void)state;
    if (daemon_pid > 0) {
        kill(daemon_pid, SIGTERM);
        int st = 0;
        waitpid(daemon_pid, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "the daemon did not exit 0 on SIGTERM (status %d)\n", st);
            return -1;
        }
    }
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A client that sends its headers a byte a second is never idle, but is cut
 * once the request has taken longer than the timeout to arrive. */
static void
test_slow_client(void **state)
{
    (void)state;
    int fd = http_connect(port);
    assert_true(fd >= 0);
    const char *head = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
    assert_true(send(fd, head, strlen(head), MSG_NOSIGNAL) > 0);
    double start = now_s();
    int cut = 0;
    for (int i = 0; i < 20 && !cut; i++) {
        sleep_ms(1000);
        if (send(fd, "a", 1, MSG_NOSIGNAL) != 1)
            cut = 1;
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 0) > 0) {
            char c[256];
            ssize_t n = recv(fd, c, sizeof c, MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN))
                cut = 1;
            else if (n > 0)
                fail_msg("the slow request was answered: %.*s", (int)n, c);
        }
    }
    double took = now_s() - start;
    close(fd);
    if (!cut)
        fail_msg("a client sending a byte a second was not cut in %.0f s", took);
    /* Cut within the timeout, give or take the reaper's period and valgrind. */
    assert_true(took < TIMEOUT_S + 10);
    still_serving("a slow client");
}

/* Headers larger than the connection's memory: a 4xx, or cut. */
static void
test_oversize_headers(void **state)
{
    (void)state;
    vk_buf b = VK_BUF_INIT;
    vk_buf_puts(&b, "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ");
    for (int i = 0; i < 200000; i++)
        vk_buf_puts(&b, "c");
    vk_buf_puts(&b, "\r\nConnection: close\r\n\r\n");
    http_reply r = http_raw(port, b.data, b.len);
    assert_true(r.status == 0 || (r.status >= 400 && r.status < 500));
    http_reply_free(&r);
    /* Many small headers. */
    vk_buf_free(&b);
    vk_buf_puts(&b, "GET /api/health HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 10000; i++)
        vk_buf_printf(&b, "X-H%d: v\r\n", i);
    vk_buf_puts(&b, "Connection: close\r\n\r\n");
    r = http_raw(port, b.data, b.len);
    assert_true(r.status == 0 || (r.status >= 400 && r.status < 500));
    http_reply_free(&r);
    vk_buf_free(&b);
    still_serving("oversize headers");
}

/* Bodies over --max-body on /api/check: 413, or cut; never read whole. */
static void
test_oversize_body(void **state)
{
    (void)state;
    /* Announced: answered at once, before the body is sent. */
    const char *req = "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                      "Content-Length: 1000000000\r\n\r\nNgh\xe1\xbb\x8b quy\xe1\xba\xbft";
    http_reply r = http_raw(port, req, strlen(req));
    assert_int_equal(r.status, 413);
    assert_non_null(strstr(r.body, "too_large"));
    http_reply_free(&r);
    /* Sent: 1 MiB, over the limit of 64 KiB. */
    size_t big = 1024 * 1024;
    char *breq = malloc(big + 256);
    assert_non_null(breq);
    int n = snprintf(breq, 256,
                     "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Content-Length: %zu\r\n\r\n",
                     big);
    memset(breq + n, 'a', big);
    r = http_raw(port, breq, (size_t)n + big);
    assert_true(r.status == 413 || r.status == 0);
    http_reply_free(&r);
    /* Chunked, with no length announced: 256 chunks of 4 KiB. */
    vk_buf b = VK_BUF_INIT;
    vk_buf_puts(&b, "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 256; i++) {
        vk_buf_puts(&b, "1000\r\n");
        vk_buf_append(&b, breq + n, 4096);
        vk_buf_puts(&b, "\r\n");
    }
    vk_buf_puts(&b, "0\r\n\r\n");
    r = http_raw(port, b.data, b.len);
    assert_true(r.status == 413 || r.status == 0);
    http_reply_free(&r);
    vk_buf_free(&b);
    free(breq);
    still_serving("oversize bodies");
}

/* Invalid UTF-8, bad percent-encoding, encoded NUL: 400 with a JSON error. */
static void
test_bad_encoding(void **state)
{
    (void)state;
    static const char *const targets[] = {
        "/api/search?q=%FF%FE",
        "/api/search?q=%C3%28",
        "/api/search?q=%E1%BB",
        "/api/search?q=%ED%A0%80", /* a surrogate */
        "/api/search?q=%C0%AF",    /* overlong "/" */
        "/api/search?q=%ZZ",
        "/api/search?q=abc%",
        "/api/search?q=abc%4",
        "/api/search?q=a%00b",
        "/api/search?q=a&type=%FE",
        "/api/search?q=a&issuer=%E1%BB",
        "/api/search?%FF=a",
        "/api/cite?q=%FF",
        "/api/cite?q=28&section=%C3",
        "/api/documents/%FF",
        "/api/documents/21-kl-tw-2021/sections/%E1%BB",
        "/api/health?x=%G0",
        "/%FF",
        "/index.html%00",
    };
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        http_reply r = http_request(port, "GET", targets[i]);
        json_error_t jerr;
        json_t *o = json_loads(r.body, 0, &jerr);
        const char *code = json_string_value(json_object_get(json_object_get(o, "error"), "code"));
        if (r.status != 400 || !code || strcmp(code, "bad_encoding") != 0)
            fail_msg("GET %s: %d %s, expected 400 bad_encoding", targets[i], r.status, r.body);
        json_decref(o);
        http_reply_free(&r);
    }
    still_serving("bad encodings");
}

/* No path serves anything but the three assets built into the binary. */
static void
test_path_traversal(void **state)
{
    (void)state;
    static const char *const targets[] = {
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/static/..%2f..%2fetc/passwd",
        "/static/../../../etc/passwd",
        "/..%5c..%5cetc%5cpasswd",
        "//etc/passwd",
        "/./app.js/../../etc/passwd",
        "/app.js/..",
        "/app.js%2f..%2f..%2fetc%2fpasswd",
        "/%252e%252e/etc/passwd",
        "/etc/passwd",
        "/proc/self/environ",
        "/index.html",
        "/web/app.js",
        "/searchd/web/index.html",
        "/api/documents/..%2f..%2f..%2fetc%2fpasswd",
        "/api/documents/../../../../etc/passwd",
        "/api/documents/21-kl-tw-2021/sections/..%2f..%2fetc%2fpasswd",
        "/api/documents/%2e%2e/cited-by",
        "/api/../../etc/passwd",
        "/api/%2e%2e/%2e%2e/etc/passwd",
        "/api/health/../../../etc/passwd",
        "/?file=/etc/passwd",
        "/app.js?/../../etc/passwd",
    };
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        http_reply r = http_request(port, "GET", targets[i]);
        if (strstr(r.body, "root:") || strstr(r.body, "PATH="))
            fail_msg("GET %s served a file: %.200s", targets[i], r.body);
        /* A 200 only for "/" and "/app.js" themselves (a query string is
         * not part of the path). */
        int asset = strcmp(targets[i], "/?file=/etc/passwd") == 0 ||
                    strcmp(targets[i], "/app.js?/../../etc/passwd") == 0;
        if (asset ? r.status != 200 : (r.status != 404 && r.status != 400))
            fail_msg("GET %s: status %d", targets[i], r.status);
        http_reply_free(&r);
    }
    /* Exactly the embedded assets answer 200 outside /api/. */
    static const char *const assets[] = {"/", "/app.js", "/style.css"};
    for (size_t i = 0; i < 3; i++) {
        http_reply r = http_request(port, "GET", assets[i]);
        assert_int_equal(r.status, 200);
        http_reply_free(&r);
    }
    still_serving("path traversal");
}

/* Methods not allowed: 405 with the Allow of the path. */
static void
test_methods(void **state)
{
    (void)state;
    static const struct {
        const char *method, *target, *allow;
    } cases[] = {
        {"PUT", "/", "GET, HEAD"},
        {"DELETE", "/app.js", "GET, HEAD"},
        {"POST", "/", "GET, HEAD"},
        {"OPTIONS", "/api/search?q=a", "GET, HEAD"},
        {"POST", "/api/search?q=a", "GET, HEAD"},
        {"PATCH", "/api/documents/21-kl-tw-2021", "GET, HEAD"},
        {"DELETE", "/api/documents/21-kl-tw-2021", "GET, HEAD"},
        {"PUT", "/api/health", "GET, HEAD"},
        {"POST", "/api/stats", "GET, HEAD"},
        {"GET", "/api/check", "POST"},
        {"PUT", "/api/check", "POST"},
        {"DELETE", "/api/check", "POST"},
        {"TRACE", "/api/check", "POST"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        http_reply r = http_request(port, cases[i].method, cases[i].target);
        char want[64];
        snprintf(want, sizeof want, "\r\nAllow: %s", cases[i].allow);
        if (r.status != 405 || !strstr(r.head, want) || !strstr(r.body, "method_not_allowed"))
            fail_msg("%s %s: %d, expected 405 with %s: %s", cases[i].method, cases[i].target,
                     r.status, want + 2, r.head);
        http_reply_free(&r);
    }
    still_serving("methods not allowed");
}

/* Sockets of the daemon process (from /proc). */
static int
daemon_sockets(void)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd", (int)daemon_pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char link[512], target[128];
        snprintf(link, sizeof link, "%s/%s", path, e->d_name);
        ssize_t len = readlink(link, target, sizeof target - 1);
        if (len > 0) {
            target[len] = '\0';
            n += strncmp(target, "socket:", 7) == 0;
        }
    }
    closedir(d);
    return n;
}

/* 3000 connections at once: the daemon holds at most its limit (at the
 * limit libmicrohttpd stops accepting: the rest wait in the kernel's listen
 * queue, or are cut, and are taken in turn as the timeout frees slots), a
 * request on an accepted one is answered, and once they are gone the daemon
 * serves as before. */
static void
test_many_connections(void **state)
{
    (void)state;
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    int want = 3000;
    if (rl.rlim_cur < (rlim_t)want + 100) {
        want = (int)rl.rlim_cur - 100;
        print_message("open-file limit %lu: %d connections instead of 3000\n",
                      (unsigned long)rl.rlim_cur, want);
    }
    assert_true(want > 4 * MAX_CONNECTIONS);
    int *fds = malloc(sizeof *fds * (size_t)want);
    assert_non_null(fds);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int opened = 0;
    for (int i = 0; i < want; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        assert_true(fds[i] >= 0);
        if (connect(fds[i], (struct sockaddr *)&a, sizeof a) == 0 || errno == EINPROGRESS)
            opened++;
    }
    sleep_ms(1000);
    /* Held by the daemon: at most its limit (plus its own few sockets). */
    int held = daemon_sockets();
    print_message("%d connections opened, the daemon holds %d sockets\n", opened, held);
    assert_true(held >= 0 && held <= MAX_CONNECTIONS + 8);
    /* While they are open, a request on every tenth: answered or cut. */
    int answered = 0, cut = 0;
    const char *req = "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < want; i += 10) {
        if (send(fds[i], req, strlen(req), MSG_NOSIGNAL) < 0)
            cut++, fds[i] = -fds[i] - 1; /* marked: already cut */
    }
    /* At least 1.5 s, and until one is answered (up to 20 s: valgrind). */
    for (int round = 0; round < 80 && (round < 6 || answered == 0); round++) {
        sleep_ms(250);
        for (int i = 0; i < want; i += 10) {
            if (fds[i] < 0)
                continue; /* decided */
            char buf[64];
            ssize_t n = recv(fds[i], buf, sizeof buf, MSG_DONTWAIT);
            if (n > 12 && memcmp(buf, "HTTP/1.1 200", 12) == 0)
                answered++;
            else if (n == 0 || (n < 0 && errno != EAGAIN))
                cut++;
            else
                continue;
            fds[i] = -fds[i] - 1;
        }
    }
    for (int i = 0; i < want; i += 10) {
        if (fds[i] < 0)
            fds[i] = -fds[i] - 1;
    }
    print_message("requests on them: %d answered, %d cut, %d waiting\n", answered, cut,
                  (want + 9) / 10 - answered - cut);
    for (int i = 0; i < want; i++)
        close(fds[i]);
    free(fds);
    assert_true(answered > 0);
    /* The connections close; the daemon serves again. */
    sleep_ms(500);
    for (int i = 0; i < 100 && daemon_sockets() > MAX_CONNECTIONS / 2; i++)
        sleep_ms(100);
    still_serving("3000 connections");
}

/* --max-per-ip: past the limit, connections from one address are closed at
 * once; the others are served. */
static void
test_per_ip_limit(void **state)
{
    (void)state;
    char log[4300];
    snprintf(log, sizeof log, "%s/per-ip.log", dir);
    const char *args[] = {"--threads", "1", "--max-per-ip", "3", "--log-level", "2", NULL};
    int p2 = 0;
    pid_t d2 = http_daemon_start(db, args, log, &p2);
    assert_true(d2 > 0);
    /* Until the daemon has closed the connection that found it ready. */
    sleep_ms(500);
    int held[3];
    for (int i = 0; i < 3; i++) {
        held[i] = http_connect(p2);
        assert_true(held[i] >= 0);
    }
    sleep_ms(300);
    /* The fourth: accepted by the kernel, closed by the daemon unanswered. */
    http_reply r = http_request(p2, "GET", "/api/health");
    if (r.status != 0) {
        char *text = NULL;
        size_t len = 0;
        vk_error err = {0};
        vk_file_read(log, 1 << 20, &text, &len, &err);
        fail_msg("a fourth connection from one address is served (%d); the log:\n%s", r.status,
                 text ? text : "");
    }
    http_reply_free(&r);
    /* One of the three held is served. */
    const char *req = "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_true(send(held[0], req, strlen(req), MSG_NOSIGNAL) > 0);
    char buf[64];
    ssize_t n = recv(held[0], buf, sizeof buf, 0);
    assert_true(n > 12 && memcmp(buf, "HTTP/1.1 200", 12) == 0);
    for (int i = 0; i < 3; i++)
        close(held[i]);
    /* Once they are gone, a new connection is served. */
    int ok = 0;
    for (int i = 0; i < 40 && !ok; i++) {
        r = http_request(p2, "GET", "/api/health");
        ok = r.status == 200;
        http_reply_free(&r);
        if (!ok)
            sleep_ms(250);
    }
    assert_true(ok);
    kill(d2, SIGTERM);
    waitpid(d2, NULL, 0);
}

/* The inputs that once crashed the daemon under the fuzzer. */
static void
test_fuzz_regressions(void **state)
{
    (void)state;
    const char *src = getenv("VK_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/fuzz/http", src ? src : ".");
    DIR *d = opendir(path);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char file[8300];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        char *bytes = NULL;
        size_t len = 0;
        vk_error err = {0};
        assert_int_equal(vk_file_read(file, 1 << 20, &bytes, &len, &err), VK_OK);
        /* As sent by the fuzzer, and once more closed so that it is answered. */
        http_reply r = http_raw(port, bytes, len);
        http_reply_free(&r);
        vk_buf b = VK_BUF_INIT;
        vk_buf_append(&b, bytes, len > 2 ? len - 2 : len);
        vk_buf_puts(&b, "Connection: close\r\n\r\n");
        r = http_raw(port, b.data, b.len);
        if (r.status <= 0 || r.status >= 500)
            fail_msg("%s: answered %d", e->d_name, r.status);
        http_reply_free(&r);
        vk_buf_free(&b);
        free(bytes);
        n++;
        still_serving(e->d_name);
    }
    closedir(d);
    assert_true(n > 0);
}

int
main(void)
{
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_encoding),  cmocka_unit_test(test_path_traversal),
        cmocka_unit_test(test_methods),       cmocka_unit_test(test_oversize_headers),
        cmocka_unit_test(test_oversize_body), cmocka_unit_test(test_fuzz_regressions),
        cmocka_unit_test(test_slow_client),   cmocka_unit_test(test_many_connections),
        cmocka_unit_test(test_per_ip_limit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
