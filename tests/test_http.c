/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_http.c: vankien-searchd over real HTTP: every endpoint, bad
 * parameters, invalid UTF-8, a huge query, unknown paths and methods,
 * malformed requests, searches while the index is rewritten, and a clean
 * exit on SIGTERM. The daemon runs as a child process on a free port over
 * an index of the sample corpus.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/buf.h"

static char dir[4096], db[4200], bin[4096];
static int port;
static pid_t daemon_pid;

/* One HTTP exchange. */
typedef struct reply {
    int status;
    char *body; /* after the headers */
    char *head; /* the status line and headers */
} reply;

static void
reply_free(reply *r)
{
    free(r->body);
    free(r->head);
}

static int
connect_local(void)
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

/* Sends raw request bytes and reads the whole answer (Connection: close). */
static reply
raw(const char *req, size_t len)
{
    reply r = {0, NULL, NULL};
    int fd = connect_local();
    assert_true(fd >= 0);
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, req + off, len - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    vk_buf b = VK_BUF_INIT;
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        vk_buf_append(&b, chunk, (size_t)n);
    close(fd);
    char *all = vk_buf_steal(&b);
    char *sep = strstr(all, "\r\n\r\n");
    if (sep) {
        *sep = '\0';
        r.body = strdup(sep + 4);
    } else {
        r.body = strdup("");
    }
    r.head = all;
    sscanf(all, "HTTP/1.%*d %d", &r.status);
    return r;
}

static reply
request(const char *method, const char *target)
{
    char req[200000];
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                     method, target);
    assert_true(n > 0 && (size_t)n < sizeof req);
    return raw(req, (size_t)n);
}

static json_t *
get_json(const char *target, int want_status)
{
    reply r = request("GET", target);
    if (r.status != want_status)
        fail_msg("GET %s: status %d, expected %d: %s", target, r.status, want_status, r.body);
    json_error_t jerr;
    json_t *o = json_loads(r.body, 0, &jerr);
    if (!o)
        fail_msg("GET %s: not JSON: %s", target, r.body);
    reply_free(&r);
    return o;
}

static const char *
error_code(json_t *o)
{
    return json_string_value(json_object_get(json_object_get(o, "error"), "code"));
}

static int
run_cmd(const char *cmd)
{
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
wait_healthy(void)
{
    for (int i = 0; i < 100; i++) {
        int fd = connect_local();
        if (fd >= 0) {
            close(fd);
            return 0;
        }
        struct timespec t = {0, 50 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
    return -1;
}

static int
setup(void **state)
{
    (void)state;
    const char *base = getenv("VK_TMPDIR"), *src = getenv("VK_SOURCE_DIR"),
               *b = getenv("VK_BIN_DIR");
    snprintf(bin, sizeof bin, "%s", b ? b : "bin");
    snprintf(dir, sizeof dir, "%s/vk-http-XXXXXX", base ? base : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof db, "%s/db", dir);
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "'%s/vankien' index --db '%s' '%s/corpus/samples' 2>/dev/null", bin,
             db, src ? src : ".");
    if (run_cmd(cmd) != 0)
        return -1;
    srand((unsigned)getpid());
    for (int attempt = 0; attempt < 10; attempt++) {
        port = 20000 + rand() % 20000;
        daemon_pid = fork();
        if (daemon_pid == 0) {
            char listen[64], path[4200];
            snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
            snprintf(path, sizeof path, "%s/vankien-searchd", bin);
            execl(path, path, "--db", db, "--listen", listen, "--threads", "3", "--log-level",
                  "0", (char *)NULL);
            _exit(127);
        }
        struct timespec t = {0, 200 * 1000 * 1000};
        nanosleep(&t, NULL);
        int st;
        if (waitpid(daemon_pid, &st, WNOHANG) == 0 && wait_healthy() == 0)
            return 0; /* running */
    }
    return -1;
}

static int
teardown(void **state)
{
    (void)state;
    if (daemon_pid > 0) {
        kill(daemon_pid, SIGKILL);
        waitpid(daemon_pid, NULL, 0);
    }
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return run_cmd(cmd) == 0 ? 0 : -1;
}

static void
test_health(void **state)
{
    (void)state;
    json_t *o = get_json("/api/health", 200);
    assert_string_equal(json_string_value(json_object_get(o, "status")), "ok");
    assert_true(json_integer_value(json_object_get(o, "passages")) > 100);
    assert_true(json_is_integer(json_object_get(o, "index_format")));
    json_decref(o);

    /* What the index holds: the five documents of the samples, by type. */
    o = get_json("/api/stats", 200);
    assert_int_equal(json_integer_value(json_object_get(o, "documents")), 5);
    assert_int_equal(json_integer_value(json_object_get(o, "files")), 4);
    json_t *nq = json_object_get(json_object_get(o, "by_type"), "NQ");
    assert_int_equal(json_integer_value(nq), 2);
    assert_true(json_integer_value(json_object_get(o, "size_bytes")) > 0);
    assert_true(json_is_string(json_object_get(o, "updated")));
    json_decref(o);
}

static void
test_search(void **state)
{
    (void)state;
    /* "kiểm soát quyền lực", percent-encoded UTF-8. */
    json_t *o = get_json("/api/search?q=%22ki%E1%BB%83m+so%C3%A1t+quy%E1%BB%81n+l%E1%BB%B1c%22"
                         "&facets=1", 200);
    json_t *res = json_object_get(o, "results");
    assert_int_equal(json_array_size(res), 4); /* four documents, the NQ's two files as one */
    json_t *types = json_object_get(json_object_get(o, "facets"), "type");
    assert_int_equal(json_array_size(types), 3); /* KL (2), KH, NQ */
    assert_true(json_is_string(json_object_get(json_array_get(res, 0), "snippet")));
    json_decref(o);
    /* Filters as parameters: type=KL keeps the two conclusions. */
    o = get_json("/api/search?q=%22ki%E1%BB%83m+so%C3%A1t+quy%E1%BB%81n+l%E1%BB%B1c%22&type=KL", 200);
    assert_int_equal(json_array_size(json_object_get(o, "results")), 2);
    json_decref(o);
    /* Paging and sorting. */
    o = get_json("/api/search?q=loai:KL&limit=1&offset=1&sort=date", 200);
    res = json_object_get(o, "results");
    assert_int_equal(json_array_size(res), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(res, 0), "key")),
                        "04-kl-btctw-2018");
    assert_int_equal(json_integer_value(json_object_get(o, "total")), 2);
    json_decref(o);
    /* Nothing found is not an error. */
    o = get_json("/api/search?q=xyzzyqv", 200);
    assert_int_equal(json_array_size(json_object_get(o, "results")), 0);
    json_decref(o);
}

static void
test_bad_requests(void **state)
{
    (void)state;
    const struct {
        const char *target;
        int status;
        const char *code;
    } cases[] = {
        {"/api/search", 400, "missing_parameter"},
        {"/api/search?q=", 400, "missing_parameter"},
        {"/api/search?q=%FF%FE", 400, "bad_encoding"},
        {"/api/search?q=(a", 400, "bad_query"},
        {"/api/search?q=a&limit=0", 400, "bad_parameter"},
        {"/api/search?q=a&limit=abc", 400, "bad_parameter"},
        {"/api/search?q=a&limit=100000", 400, "bad_parameter"},
        {"/api/search?q=a&offset=-1", 400, "bad_parameter"},
        {"/api/search?q=a&sort=sideways", 400, "bad_parameter"},
        {"/api/search?q=a&facets=2", 400, "bad_parameter"},
        {"/api/search?q=a&type=xyz", 400, "bad_query"},
        {"/api/search?q=a&issuer=%22", 400, "bad_parameter"},
        {"/api/nope", 404, "not_found"},
        {"/api/documents/no-such-doc", 404, "not_found"},
        {"/api/documents/21-kl-tw-2021/sections/IX.9", 404, "not_found"},
        {"/nope.html", 404, "not_found"},
        {"/../../etc/passwd", 404, "not_found"},
        {"/%2e%2e/%2e%2e/etc/passwd", 404, "not_found"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *o = get_json(cases[i].target, cases[i].status);
        if (!error_code(o) || strcmp(error_code(o), cases[i].code) != 0)
            fail_msg("%s: code %s, expected %s", cases[i].target, error_code(o), cases[i].code);
        json_decref(o);
    }
    /* A query over the length limit. */
    char big[6000] = "/api/search?q=";
    memset(big + strlen(big), 'a', 4000);
    json_t *o = get_json(big, 414);
    assert_string_equal(error_code(o), "query_too_long");
    json_decref(o);
    /* Methods. */
    reply r = request("POST", "/api/search?q=a");
    assert_int_equal(r.status, 405);
    reply_free(&r);
    r = request("DELETE", "/");
    assert_int_equal(r.status, 405);
    assert_non_null(strstr(r.head, "Allow:"));
    reply_free(&r);
}

/* Requests that libmicrohttpd refuses itself: the daemon answers and stays up. */
static void
test_hostile(void **state)
{
    (void)state;
    reply r = raw("GARBAGE\r\n\r\n", 11);
    assert_true(r.status >= 400 || r.status == 0);
    reply_free(&r);
    /* A URL far over the connection's memory. */
    size_t n = 200000;
    char *req = malloc(n + 64);
    assert_non_null(req);
    strcpy(req, "GET /api/search?q=");
    memset(req + strlen(req), 'b', n);
    strcpy(req + 18 + n, " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    r = raw(req, strlen(req));
    assert_true(r.status == 414 || r.status == 431 || r.status == 400);
    reply_free(&r);
    free(req);
    /* Headers too big. */
    char *hdr = malloc(120000);
    assert_non_null(hdr);
    strcpy(hdr, "GET /api/health HTTP/1.1\r\nX-Big: ");
    memset(hdr + strlen(hdr), 'c', 100000);
    strcpy(hdr + strlen(hdr), "\r\n\r\n");
    r = raw(hdr, strlen(hdr));
    assert_true(r.status >= 400 || r.status == 0);
    reply_free(&r);
    free(hdr);
    /* Still serving. */
    json_t *o = get_json("/api/health", 200);
    json_decref(o);
}

static void
test_documents_and_page(void **state)
{
    (void)state;
    json_t *o = get_json("/api/documents/21-kl-tw-2021", 200);
    assert_string_equal(json_string_value(json_object_get(o, "number")), "21-KL/TW");
    assert_true(json_array_size(json_object_get(o, "sections")) > 5);
    json_decref(o);
    o = get_json("/api/documents/21-kl-tw-2021/sections/I.2.3", 200);
    const char *text =
        json_string_value(json_object_get(json_object_get(o, "section"), "text"));
    assert_non_null(text);
    assert_non_null(strstr(text, "kiểm soát quyền lực"));
    json_decref(o);
    /* "_" is the preamble: the text before the first heading. */
    o = get_json("/api/documents/21-kl-tw-2021/sections/_", 200);
    text = json_string_value(json_object_get(json_object_get(o, "section"), "text"));
    assert_non_null(strstr(text, "Năm năm qua"));
    json_decref(o);
    reply r = request("GET", "/");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "text/html"));
    assert_non_null(strstr(r.body, "<html"));
    reply_free(&r);
    r = request("GET", "/app.js");
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.head, "javascript"));
    reply_free(&r);
}

/* The citation endpoints. */
static void
test_citations(void **state)
{
    (void)state;
    /* "Nghị quyết 28" resolves to 28-NQ/TW. */
    json_t *o = get_json("/api/cite?q=Ngh%E1%BB%8B+quy%E1%BA%BFt+28", 200);
    char *s = json_dumps(o, 0);
    assert_non_null(strstr(s, "28-NQ/TW"));
    free(s);
    json_decref(o);
    o = get_json("/api/cite", 400);
    assert_string_equal(error_code(o), "missing_parameter");
    json_decref(o);
    /* 21-KL/TW is cited by the plan. */
    o = get_json("/api/documents/21-kl-tw-2021/cited-by", 200);
    s = json_dumps(o, 0);
    assert_non_null(strstr(s, "256-kh-tu"));
    free(s);
    json_decref(o);
    /* A draft with a wrong date, POSTed. */
    const char *draft = "Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2021 của Ban Chấp hành "
                        "Trung ương Đảng khóa XIII.";
    char req[2048];
    int n = snprintf(req, sizeof req,
                     "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\nContent-Length: %zu\r\n\r\n%s",
                     strlen(draft), draft);
    reply r = raw(req, (size_t)n);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "17/11/2022"));
    assert_non_null(strstr(r.body, "ERROR"));
    reply_free(&r);
    /* A body over the limit: 413. */
    size_t big = 1100 * 1024;
    char *breq = malloc(big + 256);
    assert_non_null(breq);
    n = snprintf(breq, 256, "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                            "Content-Length: %zu\r\n\r\n", big);
    memset(breq + n, 'a', big);
    r = raw(breq, (size_t)n + big);
    assert_int_equal(r.status, 413);
    reply_free(&r);
    free(breq);
    r = request("GET", "/api/check");
    assert_int_equal(r.status, 405);
    reply_free(&r);
}

/* Searches from several clients while the indexer rewrites the index from
 * scratch: every answer is a 200 with results. */
static void
test_search_while_reindexing(void **state)
{
    (void)state;
    pid_t idx = fork();
    if (idx == 0) {
        const char *src = getenv("VK_SOURCE_DIR");
        char samples[4200], path[4200];
        snprintf(samples, sizeof samples, "%s/corpus/samples", src ? src : ".");
        snprintf(path, sizeof path, "%s/vankien", bin);
        for (int round = 0; round < 3; round++) {
            pid_t p = fork();
            if (p == 0) {
                freopen("/dev/null", "w", stderr);
                execl(path, path, "index", "--full", "--db", db, samples, (char *)NULL);
                _exit(127);
            }
            int st;
            waitpid(p, &st, 0);
        }
        _exit(0);
    }
    int failures = 0, done = 0;
    for (int i = 0; i < 60; i++) {
        reply r = request("GET", "/api/search?q=ngh%E1%BB%8B+quy%E1%BA%BFt&limit=3");
        json_error_t jerr;
        json_t *o = r.status == 200 ? json_loads(r.body, 0, &jerr) : NULL;
        if (!o || json_array_size(json_object_get(o, "results")) == 0)
            failures++;
        json_decref(o);
        reply_free(&r);
        int st;
        if (!done && waitpid(idx, &st, WNOHANG) == idx)
            done = 1;
    }
    if (!done)
        waitpid(idx, NULL, 0);
    assert_int_equal(failures, 0);
}

/* SIGTERM: the daemon finishes and exits 0. Runs last. */
static void
test_sigterm(void **state)
{
    (void)state;
    assert_int_equal(kill(daemon_pid, SIGTERM), 0);
    int st = 0;
    for (int i = 0; i < 100 && waitpid(daemon_pid, &st, WNOHANG) == 0; i++) {
        struct timespec t = {0, 100 * 1000 * 1000};
        nanosleep(&t, NULL);
    }
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
    daemon_pid = 0;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_health),          cmocka_unit_test(test_search),
        cmocka_unit_test(test_bad_requests),    cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_documents_and_page), cmocka_unit_test(test_citations),
        cmocka_unit_test(test_search_while_reindexing),
        cmocka_unit_test(test_sigterm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
