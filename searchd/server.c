/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * server.c: the HTTP side of vankien-searchd: libmicrohttpd setup, request
 * state and limits, routing, JSON and error responses, the access log and
 * the per-thread index readers (see sd.h).
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "searchd/sd_internal.h"
#include "xapian-c/xc.h"

struct sd_server {
    struct MHD_Daemon *mhd;
    sd_config cfg;
    int active; /* requests under way (atomic) */
};

/* State of one request, from its first byte to the completion callback. */
typedef struct request {
    double start_ms;  /* when it arrived */
    vk_buf body;      /* POST body */
    int too_big;      /* the body passed the limit */
    unsigned status;  /* status sent */
    char method[8];
    char path[256];   /* for the access log (cut) */
} request;

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void
close_db(void *p)
{
    xc_rdb_close(p);
}

static void
make_db_key(void)
{
    pthread_key_create(&db_key, close_db);
}

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
sd_config_init(sd_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->db = "vankien.db";
    cfg->host = "127.0.0.1";
    cfg->port = 8765;
    cfg->threads = 4;
    cfg->max_connections = 256;
    cfg->timeout = 30;
    cfg->max_query = 2048;
    cfg->max_limit = 100;
    cfg->max_offset = 10000;
    cfg->max_body = 1024 * 1024;
    cfg->query_time = 2.0;
    cfg->log_level = 1;
}

xc_rdb *
sd_db(const sd_config *cfg, int *failed)
{
    pthread_once(&db_key_once, make_db_key);
    xc_rdb *db = pthread_getspecific(db_key);
    *failed = 0;
    if (db) {
        if (xc_rdb_reopen(db, NULL) == XC_OK)
            return db;
        xc_rdb_close(db); /* a reader that cannot move on is opened anew */
        pthread_setspecific(db_key, NULL);
    }
    const char *paths[] = {cfg->db};
    if (xc_rdb_open(paths, 1, &db) != XC_OK) {
        *failed = 1;
        return NULL;
    }
    pthread_setspecific(db_key, db);
    return db;
}

/* Queues a response of `len` bytes (taken over: freed by libmicrohttpd). */
static enum MHD_Result
send_body(struct MHD_Connection *c, request *rq, unsigned status, const char *type, char *data,
     size_t len)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, data ? data : (char *)(uintptr_t)"",
                                        data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (strncmp(type, "application/json", 16) == 0)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", "GET, HEAD, POST");
    rq->status = status;
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

enum MHD_Result
sd_send_json(struct MHD_Connection *c, void *rq, unsigned status, json_t *o)
{
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s)
        return sd_send_error(c, rq, 500, "internal", "out of memory");
    return send_body(c, rq, status, "application/json; charset=utf-8", s, strlen(s));
}

enum MHD_Result
sd_send_error(struct MHD_Connection *c, void *rq, unsigned status, const char *code,
              const char *message)
{
    json_t *o = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message);
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) {
        /* Out of memory: a fixed body. */
        static const char body[] = "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}";
        struct MHD_Response *r = MHD_create_response_from_buffer(
            sizeof body - 1, (void *)(uintptr_t)body, MHD_RESPMEM_PERSISTENT);
        if (!r)
            return MHD_NO;
        ((request *)rq)->status = 500;
        enum MHD_Result ok = MHD_queue_response(c, 500, r);
        MHD_destroy_response(r);
        return ok;
    }
    return send_body(c, rq, status, "application/json; charset=utf-8", s, strlen(s));
}

static enum MHD_Result
send_asset(struct MHD_Connection *c, request *rq, const sd_asset *a)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        a->len, (void *)(uintptr_t)a->data, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", a->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'");
    rq->status = 200;
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
}

/* Routes a complete request. */
static enum MHD_Result
route(struct MHD_Connection *c, const sd_config *cfg, request *rq, const char *url,
      const char *method)
{
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int post = strcmp(method, "POST") == 0;
    if (rq->too_big)
        return sd_send_error(c, rq, 413, "too_large", "the request body is too large");
    if (strncmp(url, "/api/", 5) == 0) {
        if (!get && !post)
            return sd_send_error(c, rq, 405, "method_not_allowed",
                                 "this method is not allowed here");
        return sd_api(c, cfg, rq, url, post, rq->body.data ? rq->body.data : "", rq->body.len);
    }
    if (!get)
        return sd_send_error(c, rq, 405, "method_not_allowed", "this method is not allowed here");
    const sd_asset *a = sd_asset_find(url);
    if (!a)
        return sd_send_error(c, rq, 404, "not_found", "no such page");
    return send_asset(c, rq, a);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    sd_server *s = cls;
    (void)version;
    request *rq = *con_cls;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        rq->start_ms = now_ms();
        snprintf(rq->method, sizeof rq->method, "%s", method);
        snprintf(rq->path, sizeof rq->path, "%s", url);
        *con_cls = rq;
        __atomic_add_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
        return MHD_YES;
    }
    if (*upload_size) {
        if (rq->body.len + *upload_size > s->cfg.max_body)
            rq->too_big = 1;
        else if (vk_buf_append(&rq->body, upload, *upload_size) != VK_OK)
            rq->too_big = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    return route(c, &s->cfg, rq, url, method);
}

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
    sd_server *s = cls;
    request *rq = *con_cls;
    (void)c;
    if (!rq)
        return;
    if (s->cfg.log_level >= 1)
        fprintf(stderr, "%s %s %u %.1fms%s\n", rq->method, rq->path,
                rq->status ? rq->status : 0, now_ms() - rq->start_ms,
                t == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut)");
    vk_buf_free(&rq->body);
    free(rq);
    *con_cls = NULL;
    __atomic_sub_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    const sd_server *s = cls;
    if (s->cfg.log_level >= 2) {
        fputs("libmicrohttpd: ", stderr);
        vfprintf(stderr, fmt, ap);
    }
}

int
sd_server_start(const sd_config *cfg, sd_server **out, char *msg, size_t msg_len)
{
    *out = NULL;
    sd_server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(msg, msg_len, "out of memory");
        return -1;
    }
    s->cfg = *cfg;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(cfg->port);
    if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
        snprintf(msg, msg_len, "cannot listen on '%s': not an IPv4 address", cfg->host);
        free(s);
        return -1;
    }
    /* The index must open now, or the daemon would only answer 503s. */
    const char *paths[] = {cfg->db};
    xc_rdb *probe = NULL;
    if (xc_rdb_open(paths, 1, &probe) != XC_OK) {
        snprintf(msg, msg_len, "cannot open the index %s: %s (build it with: vankien index --db "
                               "%s PATH)",
                 cfg->db, xc_errmsg(), cfg->db);
        free(s);
        return -1;
    }
    xc_rdb_close(probe);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG;
    s->mhd = MHD_start_daemon(
        flags, cfg->port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads : 1),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
        completed, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_END);
    if (!s->mhd) {
        snprintf(msg, msg_len, "cannot listen on %s:%u (in use, or not allowed)", cfg->host,
                 cfg->port);
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void
sd_server_stop(sd_server *s, unsigned grace)
{
    if (!s)
        return;
    MHD_socket fd = MHD_quiesce_daemon(s->mhd); /* no new connections */
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    struct timespec tick = {0, 50 * 1000 * 1000};
    for (unsigned i = 0; i < grace * 20 && __atomic_load_n(&s->active, __ATOMIC_SEQ_CST); i++)
        nanosleep(&tick, NULL);
    MHD_stop_daemon(s->mhd);
    free(s);
}
