/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_http.c: vankien-searchd over real HTTP: every endpoint, bad
 * parameters, invalid UTF-8, a huge query, unknown paths and methods,
 * malformed requests, golden answers to client threads while `vankien
 * index` rewrites the index round after round, and a clean exit on
 * SIGTERM. The daemon runs as a child process on a free port over
 * an index of the sample corpus.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
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
#include "tests/http_client.h"

static char dir[4096], db[4200], bin[4096], samples[4300];
static int port;
static pid_t daemon_pid;

typedef http_reply reply;

static void
reply_free(reply *r)
{
    http_reply_free(r);
}

/* Sends raw request bytes and reads the whole answer (Connection: close). */
static reply
raw(const char *req, size_t len)
{
    reply r = http_raw(port, req, len);
    assert_true(r.status >= 0);
    return r;
}

static reply
request(const char *method, const char *target)
{
    reply r = http_request(port, method, target);
    assert_true(r.status >= 0);
    return r;
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
    /* A copy of the samples, which the load test changes and indexes again. */
    snprintf(samples, sizeof samples, "%s/c", dir);
    char cmd[32768];
    snprintf(cmd, sizeof cmd,
             "mkdir '%s' && cp '%s'/corpus/samples/* '%s/' && "
             "'%s/vankien' index --db '%s' '%s' 2>/dev/null",
             samples, src ? src : ".", samples, bin, db, samples);
    if (run_cmd(cmd) != 0)
        return -1;
    char log[4300];
    snprintf(log, sizeof log, "%s/searchd.log", dir);
    const char *args[] = {"--threads", "3", "--log-level", "0", NULL};
    daemon_pid = http_daemon_start(db, args, log, &port);
    return daemon_pid > 0 ? 0 : -1;
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
                         "&facets=1",
                         200);
    json_t *res = json_object_get(o, "results");
    assert_int_equal(json_array_size(res), 4); /* four documents, the NQ's two files as one */
    json_t *types = json_object_get(json_object_get(o, "facets"), "type");
    assert_int_equal(json_array_size(types), 3); /* KL (2), KH, NQ */
    assert_true(json_is_string(json_object_get(json_array_get(res, 0), "snippet")));
    json_decref(o);
    /* Filters as parameters: type=KL keeps the two conclusions. */
    o = get_json("/api/search?q=%22ki%E1%BB%83m+so%C3%A1t+quy%E1%BB%81n+l%E1%BB%B1c%22&type=KL",
                 200);
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
        {"/api/analyze", 400, "missing_parameter"},
        {"/api/analyze?text=%C3", 400, "bad_encoding"},
        {"/api/documents", 400, "missing_parameter"},
        {"/api/documents?number=99-XX%2FTW", 404, "not_found"},
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
    /* No CORS by default: OPTIONS is a method like DELETE. */
    static const char options[] = "OPTIONS /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                  "Origin: https://a.example\r\nAccess-Control-Request-Method: "
                                  "GET\r\n\r\n";
    r = raw(options, sizeof options - 1);
    assert_int_equal(r.status, 405);
    assert_null(strstr(r.head, "Access-Control"));
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
    size_t at = strlen(hdr);
    memset(hdr + at, 'c', 100000); /* not terminated: the end is copied after it */
    strcpy(hdr + at + 100000, "\r\n\r\n");
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
    const char *text = json_string_value(json_object_get(json_object_get(o, "section"), "text"));
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
    /* ... and asked by its number, in the path (%2F) or as number=. */
    const char *by_number[] = {"/api/documents/21-KL%2FTW/cited-by",
                               "/api/cited-by?number=21-KL%2FTW"};
    for (size_t i = 0; i < 2; i++) {
        o = get_json(by_number[i], 200);
        s = json_dumps(o, 0);
        assert_non_null(strstr(s, "256-kh-tu"));
        free(s);
        json_decref(o);
    }
    o = get_json("/api/cited-by", 400);
    assert_string_equal(error_code(o), "missing_parameter");
    json_decref(o);
    /* A document asked by its number, in the path or as number=. */
    const char *doc_by_number[] = {"/api/documents/21-KL%2FTW", "/api/documents?number=21-KL%2FTW",
                                   "/api/documents?number=21-KL/TW"};
    for (size_t i = 0; i < 3; i++) {
        o = get_json(doc_by_number[i], 200);
        assert_string_equal(json_string_value(json_object_get(o, "key")), "21-kl-tw-2021");
        /* No server path without --show-paths. */
        assert_null(json_object_get(o, "path"));
        json_decref(o);
    }
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
    n = snprintf(breq, 256,
                 "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                 "Content-Length: %zu\r\n\r\n",
                 big);
    memset(breq + n, 'a', big);
    r = raw(breq, (size_t)n + big);
    assert_int_equal(r.status, 413);
    reply_free(&r);
    free(breq);
    r = request("GET", "/api/check");
    assert_int_equal(r.status, 405);
    reply_free(&r);
}

/* Load and concurrency: client threads ask golden questions (answers known
 * from the samples) while `vankien index` rewrites the same index: a file
 * changed and indexed, changed back and indexed, touched and indexed
 * (nothing to do), and rebuilt with --full, round after round. Every answer
 * must be a 200 with the golden content: readers see a committed revision,
 * old or new, never a half-written one. */

#define LOAD_CLIENTS 4

/* One golden question: the target and what its answer must hold. */
typedef struct golden {
    const char *target;
    const char *keys;   /* the result keys, sorted, comma-separated; or NULL */
    const char *needle; /* a string the body must contain; or NULL */
} golden;

static const golden goldens[] = {
    /* "kiểm soát quyền lực": four documents (the NQ's two files as one). */
    {"/api/search?q=%22ki%E1%BB%83m+so%C3%A1t+quy%E1%BB%81n+l%E1%BB%B1c%22",
     "04-kl-btctw-2018,21-kl-tw-2021,256-kh-tu,28-nq-tw-2022", NULL},
    {"/api/search?q=%22ki%E1%BB%83m+so%C3%A1t+quy%E1%BB%81n+l%E1%BB%B1c%22&type=KL",
     "04-kl-btctw-2018,21-kl-tw-2021", NULL},
    /* "tuyển dụng nhân tài": the section III.3.2 of 28-NQ/TW. */
    {"/api/search?q=%22tuy%E1%BB%83n+d%E1%BB%A5ng+nh%C3%A2n+t%C3%A0i%22", "28-nq-tw-2022",
     "\"label\":\"III.3.2\""},
    {"/api/search?q=loai:KL&sort=date", "04-kl-btctw-2018,21-kl-tw-2021", NULL},
    {"/api/documents/21-kl-tw-2021/sections/I.2.3", NULL,
     "ki\xe1\xbb\x83m so\xc3\xa1t quy\xe1\xbb\x81n l\xe1\xbb\xb1"
     "c"},
    {"/api/cite?q=Ngh%E1%BB%8B+quy%E1%BA%BFt+28", NULL, "28-NQ/TW"},
    {"/api/documents/21-kl-tw-2021/cited-by", NULL, "256-kh-tu"},
    {"/api/health", NULL, "\"status\":\"ok\""},
};

/* The sorted, comma-separated keys of the results of a search answer. */
static void
result_keys(json_t *o, char *out, size_t cap)
{
    const char *keys[64];
    size_t n = 0;
    json_t *r;
    size_t i;
    json_array_foreach(json_object_get(o, "results"), i, r)
    {
        if (n < 64)
            keys[n++] = json_string_value(json_object_get(r, "key"));
    }
    for (size_t x = 1; x < n; x++) { /* insertion sort: a handful of keys */
        for (size_t y = x;
             y > 0 && strcmp(keys[y - 1] ? keys[y - 1] : "", keys[y] ? keys[y] : "") > 0; y--) {
            const char *t = keys[y];
            keys[y] = keys[y - 1];
            keys[y - 1] = t;
        }
    }
    out[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", k ? "," : "", keys[k] ? keys[k] : "?");
    }
}

/* Asks one golden question; NULL if the answer is right, else why not
 * (written into why). */
static const char *
ask(const golden *g, char *why, size_t cap)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    http_reply r = http_request(port, "GET", g->target);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    json_error_t jerr;
    json_t *o = r.status == 200 ? json_loads(r.body, 0, &jerr) : NULL;
    char keys[1024];
    if (!o) {
        snprintf(why, cap, "%s: status %d after %.0f ms: %.200s", g->target, r.status, ms, r.body);
    } else if (g->keys && (result_keys(o, keys, sizeof keys), strcmp(keys, g->keys) != 0)) {
        snprintf(why, cap, "%s: keys %s, expected %s", g->target, keys, g->keys);
        o = (json_decref(o), NULL);
    } else if (g->needle && !strstr(r.body, g->needle)) {
        snprintf(why, cap, "%s: no %s in %.200s", g->target, g->needle, r.body);
        o = (json_decref(o), NULL);
    }
    int ok = o != NULL;
    json_decref(o);
    http_reply_free(&r);
    return ok ? NULL : why;
}

typedef struct client {
    pthread_t thread;
    int index;
    volatile int *stop; /* set by the main thread when the indexer is done */
    unsigned asked, wrong;
    char first_wrong[512];
} client;

static void *
client_run(void *arg)
{
    client *c = arg;
    char why[512];
    for (unsigned i = (unsigned)c->index; !__atomic_load_n(c->stop, __ATOMIC_SEQ_CST) || i < 40;
         i++) {
        const golden *g = &goldens[i % VK_ARRAY_LEN(goldens)];
        c->asked++;
        if (ask(g, why, sizeof why)) {
            if (!c->wrong++)
                snprintf(c->first_wrong, sizeof c->first_wrong, "%s", why);
        }
    }
    return NULL;
}

/* Runs `vankien index ARGS --db db samples`; its exit status. */
static int
index_run(const char *args)
{
    char cmd[32768];
    snprintf(cmd, sizeof cmd, "'%s/vankien' index --quiet %s --db '%s' '%s' 2>>'%s/index.log'", bin,
             args, db, samples, dir);
    return run_cmd(cmd);
}

static void
test_load_while_reindexing(void **state)
{
    (void)state;
    char why[512];
    for (size_t g = 0; g < VK_ARRAY_LEN(goldens); g++) {
        if (ask(&goldens[g], why, sizeof why))
            fail_msg("before the load: %s", why);
    }
    volatile int stop = 0;
    client clients[LOAD_CLIENTS];
    for (int i = 0; i < LOAD_CLIENTS; i++) {
        memset(&clients[i], 0, sizeof clients[i]);
        clients[i].index = i * 3;
        clients[i].stop = &stop;
        assert_int_equal(pthread_create(&clients[i].thread, NULL, client_run, &clients[i]), 0);
    }
    /* The indexer's rounds: change a file (text that none of the golden
     * questions asks for), index; change it back, index; touch every file,
     * index (nothing to do); rebuild with --full. */
    char file[4400], saved[4400], cmd[16384];
    snprintf(file, sizeof file, "%s/ket-luan-21-KL-TW.md", samples);
    snprintf(saved, sizeof saved, "%s/kl21.orig", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", file, saved);
    assert_int_equal(run_cmd(cmd), 0);
    int index_failures = 0;
    for (int round = 0; round < 3; round++) {
        snprintf(cmd, sizeof cmd, "printf '\\nĐoạn bổ sung %d về công tác lưu trữ.\\n' >>'%s'",
                 round, file);
        assert_int_equal(run_cmd(cmd), 0);
        index_failures += index_run("") != 0;
        snprintf(cmd, sizeof cmd, "cp '%s' '%s' && touch '%s'/*", saved, file, samples);
        assert_int_equal(run_cmd(cmd), 0);
        index_failures += index_run("") != 0;
        index_failures += index_run("") != 0;
        index_failures += index_run("--full") != 0;
    }
    __atomic_store_n(&stop, 1, __ATOMIC_SEQ_CST);
    unsigned asked = 0, wrong = 0;
    const char *first = NULL;
    for (int i = 0; i < LOAD_CLIENTS; i++) {
        pthread_join(clients[i].thread, NULL);
        asked += clients[i].asked;
        wrong += clients[i].wrong;
        if (clients[i].wrong && !first)
            first = clients[i].first_wrong;
    }
    print_message("load: %u answers from %d clients during 12 index runs, %u wrong\n", asked,
                  LOAD_CLIENTS, wrong);
    assert_int_equal(index_failures, 0);
    if (wrong)
        fail_msg("%u of %u answers wrong; the first: %s", wrong, asked, first);
    assert_true(asked >= LOAD_CLIENTS * 40);
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
        cmocka_unit_test(test_health),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_documents_and_page),
        cmocka_unit_test(test_citations),
        cmocka_unit_test(test_load_while_reindexing),
        cmocka_unit_test(test_sigterm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
