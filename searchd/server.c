/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * server.c: the HTTP side of vankien-searchd: libmicrohttpd setup, request
 * state and limits, routing, JSON and error responses, the access log and
 * the per-thread index readers (see sd.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "common/vk.h"
#include "query/qr.h"
#include "searchd/sd_internal.h"

/* One open connection, as the reaper sees it. libmicrohttpd cuts a
 * connection idle for cfg.timeout seconds, but a client that sends a byte a
 * second is never idle: the reaper cuts a connection whose request has not
 * arrived whole within cfg.timeout seconds of the connection's start or of
 * its previous answer. */
typedef struct watch {
    int fd;             /* the connection's socket */
    double deadline_ms; /* when its request must be whole; 0: none */
    struct watch *prev, *next;
} watch;

struct sd_server {
    struct MHD_Daemon *mhd;
    sd_config cfg;
    int active;           /* requests under way (atomic) */
    pthread_mutex_t lock; /* guards watches and stopping */
    pthread_cond_t wake;  /* wakes the reaper to stop */
    watch *watches;       /* open connections */
    int stopping;         /* the reaper is to return */
    pthread_t reaper;     /* cuts requests that arrive too slowly */
    int reaper_running;   /* reaper was started */
};

/* State of one request, from its request line to the completion callback. */
typedef struct request {
    double start_ms;          /* when it arrived */
    vk_buf body;              /* POST body */
    int started;              /* the access handler has seen it */
    int too_big;              /* the body passed the limit */
    const char *bad_uri;      /* why the raw URI is refused, or NULL */
    const char *allow;        /* the Allow header of a 405 */
    unsigned status;          /* status sent */
    int cors;                 /* CORS is on: answers vary by Origin */
    char origin[SD_CORS_LEN]; /* Access-Control-Allow-Origin to send, "" for none */
    char method[8];
    char path[256]; /* for the access log (cut) */
} request;

/* Each worker thread's index, and the reload generation it was opened in. */
typedef struct thread_db {
    qr_index *ix;
    unsigned gen;
} thread_db;

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;
/* The index as resolved (realpath) at start and at each reload, and the
 * reload generation; a thread whose reader is of an older generation opens
 * a new one before its next request. Readers hold the resolved path, so a
 * symbolic link switched to another index takes effect at the next reload,
 * never half-way. One server per process. */
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static char index_path[PATH_MAX];
static unsigned reload_gen;

/* Copies the current index path into path (PATH_MAX bytes); returns the
 * generation. */
static unsigned
current_index(char *path)
{
    pthread_mutex_lock(&index_lock);
    memcpy(path, index_path, sizeof index_path);
    unsigned gen = reload_gen;
    pthread_mutex_unlock(&index_lock);
    return gen;
}

/* Resolves cfg_db and checks that it opens as an index of this format: on
 * success the resolved path is in resolved (PATH_MAX bytes) and the open
 * index in *out (caller closes); else -1 with msg. */
static int probe_index(const char *cfg_db, char *resolved, qr_index **out, char *msg,
                       size_t msg_len);

static void
close_db(void *p)
{
    thread_db *t = p;
    qr_index_close(t->ix);
    free(t);
}

static void
make_db_key(void)
{
    pthread_key_create(&db_key, close_db);
}

/* Opens the index at path and checks its format; NULL with msg on failure. */
static qr_index *
open_index(const char *path, char *msg, size_t msg_len)
{
    qr_index *ix = NULL;
    vk_error err = {0};
    vk_status st = qr_index_open(path, &ix, &err);
    /* A message longer than msg is cut. */
    vk_buf m = VK_BUF_INIT;
    if (st == VK_ENOTFOUND)
        vk_buf_printf(&m, _("%s (build it with: vankien index --db %s PATH)"), err.msg, path);
    else if (st != VK_OK)
        vk_buf_puts(&m, err.msg);
    if (st != VK_OK)
        snprintf(msg, msg_len, "%s", m.data ? m.data : _("out of memory"));
    vk_buf_free(&m);
    return ix;
}

static double
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

qr_index *
sd_index(const sd_config *cfg, int *failed)
{
    pthread_once(&db_key_once, make_db_key);
    thread_db *t = pthread_getspecific(db_key);
    char path[PATH_MAX];
    unsigned gen = current_index(path);
    char msg[VK_ERROR_MAX];
    (void)cfg;
    *failed = 0;
    /* Reloaded: the request under way in another thread keeps its own
     * index; this thread moves to the one named now. */
    if (t && t->ix && t->gen != gen) {
        qr_index *fresh = open_index(path, msg, sizeof msg);
        if (fresh) {
            qr_index_close(t->ix);
            t->ix = fresh;
            t->gen = gen;
            return fresh;
        }
    }
    /* The newest revision, or the index put in its place (`vankien index
     * --full` exchanges the folders). */
    vk_error err = {0};
    if (t && t->ix) {
        if (qr_index_refresh(t->ix, &err) == VK_OK)
            return t->ix;
        qr_index_close(t->ix); /* an index that cannot move on is opened anew */
        t->ix = NULL;
    }
    if (!t) {
        t = calloc(1, sizeof *t);
        if (!t || pthread_setspecific(db_key, t) != 0) {
            free(t);
            *failed = 1;
            return NULL;
        }
    }
    t->ix = open_index(path, msg, sizeof msg);
    t->gen = gen;
    *failed = t->ix == NULL;
    return t->ix;
}

static int
probe_index(const char *cfg_db, char *resolved, qr_index **out, char *msg, size_t msg_len)
{
    *out = NULL;
    if (!realpath(cfg_db, resolved)) {
        snprintf(msg, msg_len,
                 _("cannot open the index %s: %s (build it with: vankien index --db "
                   "%s PATH)"),
                 cfg_db, errno == ENOENT ? _("no such file or folder") : strerror(errno), cfg_db);
        return -1;
    }
    *out = open_index(resolved, msg, msg_len);
    return *out ? 0 : -1;
}

/* The CORS headers of every answer: the allowed origin, when the request's
 * Origin is allowed, and Vary: Origin whenever CORS is on. */
static void
add_cors(struct MHD_Response *r, const request *rq)
{
    if (!rq->cors)
        return;
    MHD_add_response_header(r, "Vary", "Origin");
    if (rq->origin[0]) {
        MHD_add_response_header(r, "Access-Control-Allow-Origin", rq->origin);
        MHD_add_response_header(r, "Access-Control-Expose-Headers", "Content-Disposition");
    }
}

/* Decides the CORS headers of the request from its Origin and the allowed
 * origins: the Origin itself when it is one of them, "*" when any is. */
static void
cors_decide(struct MHD_Connection *c, const sd_config *cfg, request *rq)
{
    rq->cors = cfg->n_cors > 0;
    rq->origin[0] = '\0';
    const char *o = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    if (!rq->cors || !o)
        return;
    for (unsigned i = 0; i < cfg->n_cors; i++) {
        if (strcmp(cfg->cors[i], "*") == 0) {
            snprintf(rq->origin, sizeof rq->origin, "*");
            return;
        }
        if (strcmp(cfg->cors[i], o) == 0) {
            snprintf(rq->origin, sizeof rq->origin, "%s", o);
            return;
        }
    }
}

/* Answers a CORS preflight (OPTIONS with Access-Control-Request-Method):
 * 204 with what a browser may send, or 403 for an origin not allowed. */
static enum MHD_Result
preflight(struct MHD_Connection *c, request *rq)
{
    if (!rq->origin[0])
        return sd_send_error(c, rq, 403, "origin_not_allowed",
                             _("this origin may not use the API from a browser"));
    struct MHD_Response *r =
        MHD_create_response_from_buffer(0, (void *)(uintptr_t) "", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    add_cors(r, rq);
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, POST");
    MHD_add_response_header(r, "Access-Control-Allow-Headers",
                            "Content-Type, Accept, Accept-Language");
    MHD_add_response_header(r, "Access-Control-Max-Age", "86400");
    rq->status = 204;
    enum MHD_Result ok = MHD_queue_response(c, 204, r);
    MHD_destroy_response(r);
    return ok;
}

/* Queues a response of `len` bytes (taken over: freed by libmicrohttpd). */
static enum MHD_Result
send_body(struct MHD_Connection *c, request *rq, unsigned status, const char *type, char *data,
          size_t len)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, data ? data : (char *)(uintptr_t) "",
                                        data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (strncmp(type, "application/json", 16) == 0) {
        MHD_add_response_header(r, "Cache-Control", "no-store");
        /* Messages follow ?lang= and Accept-Language (request_lang). */
        MHD_add_response_header(r, "Content-Language", vk_lang_code(vk_get_lang()));
        MHD_add_response_header(r, "Vary", "Accept-Language");
    }
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, "Allow", rq->allow ? rq->allow : "GET, HEAD");
    add_cors(r, rq);
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
        return sd_send_error(c, rq, 500, "internal", _("out of memory"));
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
        static const char body[] =
            "{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}";
        struct MHD_Response *r = MHD_create_response_from_buffer(
            sizeof body - 1, (void *)(uintptr_t)body, MHD_RESPMEM_PERSISTENT);
        if (!r)
            return MHD_NO;
        add_cors(r, rq);
        ((request *)rq)->status = 500;
        enum MHD_Result ok = MHD_queue_response(c, 500, r);
        MHD_destroy_response(r);
        return ok;
    }
    return send_body(c, rq, status, "application/json; charset=utf-8", s, strlen(s));
}

enum MHD_Result
sd_send_fd(struct MHD_Connection *c, void *rq, int fd, size_t size, const char *type,
           const char *disposition)
{
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)size, fd);
    if (!r) {
        close(fd);
        return sd_send_error(c, rq, 500, "internal", _("cannot send the file"));
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (disposition)
        MHD_add_response_header(r, "Content-Disposition", disposition);
    add_cors(r, rq);
    ((request *)rq)->status = 200;
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
}

enum MHD_Result
sd_send_not_allowed(struct MHD_Connection *c, void *rq, const char *allow, const char *message)
{
    ((request *)rq)->allow = allow;
    return sd_send_error(c, rq, 405, "method_not_allowed", message);
}

static enum MHD_Result
send_asset(struct MHD_Connection *c, request *rq, const sd_asset *a)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(a->len, (void *)(uintptr_t)a->data, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", a->content_type);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self'");
    add_cors(r, rq);
    rq->status = 200;
    enum MHD_Result ok = MHD_queue_response(c, 200, r);
    MHD_destroy_response(r);
    return ok;
}

/* Called for each request parameter: sets *(int *)cls and stops at a name
 * or value that is not valid UTF-8. */
static enum MHD_Result
check_value(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    int *bad = cls;
    (void)kind;
    if (vk_utf8_validate(key, strlen(key)) != strlen(key) ||
        (value && vk_utf8_validate(value, strlen(value)) != strlen(value))) {
        *bad = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

/* Sets this thread's language of messages for the request: ?lang=vi|en,
 * else the request's Accept-Language, else the daemon's (the environment's:
 * Vietnamese unless it names English). */
static void
request_lang(struct MHD_Connection *c)
{
    vk_lang l;
    const char *p = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    if (!p || vk_lang_parse(p, &l) != 0)
        l = vk_lang_accept(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"),
                           vk_get_default_lang());
    vk_set_lang(l);
}

/* Routes a complete request. */
static enum MHD_Result
route(struct MHD_Connection *c, const sd_config *cfg, request *rq, const char *url,
      const char *method)
{
    request_lang(c);
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int post = strcmp(method, "POST") == 0;
    if (rq->too_big)
        return sd_send_error(c, rq, 413, "too_large", _("the request body is too large"));
    int bad = vk_utf8_validate(url, strlen(url)) != strlen(url);
    if (!bad)
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, check_value, &bad);
    if (bad)
        return sd_send_error(c, rq, 400, "bad_encoding",
                             _("the path or a parameter is not valid "
                               "UTF-8"));
    if (strncmp(url, "/api/", 5) == 0) {
        if (rq->cors && strcmp(method, "OPTIONS") == 0 &&
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Access-Control-Request-Method"))
            return preflight(c, rq);
        if (!get && !post)
            return sd_send_not_allowed(c, rq, strcmp(url, "/api/check") == 0 ? "POST" : "GET, HEAD",
                                       _("this method is not allowed here"));
        sd_body b = {post, rq->body.data ? rq->body.data : "", rq->body.len};
        return sd_api(c, cfg, rq, url, &b);
    }
    if (!get)
        return sd_send_not_allowed(c, rq, "GET, HEAD", _("this method is not allowed here"));
    /* Only the assets built into the binary: the path is looked up in their
     * table, never on the file system. */
    const sd_asset *a = sd_asset_find(url);
    if (!a)
        return sd_send_error(c, rq, 404, "not_found", _("no such page"));
    return send_asset(c, rq, a);
}

/* Why a raw request target is refused (bad percent-encoding, an encoded
 * NUL, which would cut a parameter short once decoded), or NULL. */
static const char *
check_uri(const char *uri)
{
    static const char hex[] = "0123456789abcdefABCDEF";
    for (const char *p = uri; *p; p++) {
        if (*p != '%')
            continue;
        if (!p[1] || !p[2] || !strchr(hex, p[1]) || !strchr(hex, p[2]))
            return N_("bad percent-encoding in the request target");
        if (p[1] == '0' && p[2] == '0')
            return N_("an encoded NUL (%00) in the request target");
        p += 2;
    }
    return NULL;
}

/* Called with the raw request target, before libmicrohttpd decodes it:
 * makes the request's state (the access handler's *con_cls). */
static void *
uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
    sd_server *s = cls;
    (void)c;
    request *rq = calloc(1, sizeof *rq);
    if (!rq)
        return NULL;
    rq->start_ms = now_ms();
    rq->bad_uri = check_uri(uri);
    __atomic_add_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
    return rq;
}

/* Sets the reaper's deadline of the connection (0: none). */
static void
watch_set(sd_server *s, struct MHD_Connection *c, double deadline_ms)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    watch *w = ci ? ci->socket_context : NULL;
    if (!w)
        return;
    pthread_mutex_lock(&s->lock);
    w->deadline_ms = deadline_ms;
    pthread_mutex_unlock(&s->lock);
}

/* The body announced by Content-Length is over the limit. */
static int
announced_too_big(struct MHD_Connection *c, size_t max)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!v)
        return 0;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    return errno == ERANGE || (end != v && n > max);
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    sd_server *s = cls;
    (void)version;
    request *rq = *con_cls;
    if (!rq)
        return MHD_NO; /* out of memory in uri_seen */
    if (!rq->started) {
        /* The headers are in; the body, if any, is still to come. */
        rq->started = 1;
        snprintf(rq->method, sizeof rq->method, "%s", method);
        snprintf(rq->path, sizeof rq->path, "%s", url);
        request_lang(c); /* a pool thread keeps the last request's language */
        cors_decide(c, &s->cfg, rq);
        if (rq->bad_uri) {
            watch_set(s, c, 0);
            return sd_send_error(c, rq, 400, "bad_encoding", _(rq->bad_uri));
        }
        if (announced_too_big(c, s->cfg.max_body)) {
            watch_set(s, c, 0);
            return sd_send_error(c, rq, 413, "too_large", _("the request body is too large"));
        }
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
    watch_set(s, c, 0);
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
        fprintf(stderr, "%s %s %u %.1fms%s\n", rq->method, rq->path, rq->status ? rq->status : 0,
                now_ms() - rq->start_ms, t == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut)");
    vk_buf_free(&rq->body);
    free(rq);
    *con_cls = NULL;
    __atomic_sub_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
    /* The next request on this connection has its own time to arrive. */
    if (t == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        watch_set(s, c, now_ms() + 1e3 * s->cfg.timeout);
}

/* Connections opened and closed: the reaper's list. libmicrohttpd calls
 * this with CLOSED before it closes the socket, so the reaper never shuts
 * down a socket number that was reused. */
static void
connection_event(void *cls, struct MHD_Connection *c, void **socket_context,
                 enum MHD_ConnectionNotificationCode code)
{
    sd_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        watch *w = ci ? calloc(1, sizeof *w) : NULL;
        *socket_context = w;
        if (!w)
            return;
        w->fd = ci->connect_fd;
        w->deadline_ms = now_ms() + 1e3 * s->cfg.timeout;
        pthread_mutex_lock(&s->lock);
        w->next = s->watches;
        if (s->watches)
            s->watches->prev = w;
        s->watches = w;
        pthread_mutex_unlock(&s->lock);
        return;
    }
    watch *w = *socket_context;
    if (!w)
        return;
    pthread_mutex_lock(&s->lock);
    if (w->prev)
        w->prev->next = w->next;
    else
        s->watches = w->next;
    if (w->next)
        w->next->prev = w->prev;
    pthread_mutex_unlock(&s->lock);
    free(w);
    *socket_context = NULL;
}

/* The reaper thread: four times a second, shuts down the sockets whose
 * request is late; libmicrohttpd then reads the end of the stream and
 * closes the connection in its own thread. */
static void *
reap(void *arg)
{
    sd_server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        double now = now_ms();
        for (watch *w = s->watches; w; w = w->next) {
            if (w->deadline_ms > 0 && now > w->deadline_ms) {
                shutdown(w->fd, SHUT_RDWR);
                w->deadline_ms = 0;
            }
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000 * 1000;
        if (until.tv_nsec >= 1000 * 1000 * 1000) {
            until.tv_sec++;
            until.tv_nsec -= 1000 * 1000 * 1000;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &until);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* libmicrohttpd's messages (a printf format from the library). */
__attribute__((format(printf, 2, 0))) static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    const sd_server *s = cls;
    if (s->cfg.log_level >= 2) {
        fputs("libmicrohttpd: ", stderr);
        vfprintf(stderr, fmt, ap);
    }
}

static void
server_free(sd_server *s)
{
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

int
sd_server_start(const sd_config *cfg, sd_server **out, char *msg, size_t msg_len)
{
    *out = NULL;
    sd_server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(msg, msg_len, "%s", _("out of memory"));
        return -1;
    }
    s->cfg = *cfg;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons(cfg->port);
    if (inet_pton(AF_INET, cfg->host, &addr.sin_addr) != 1) {
        snprintf(msg, msg_len, _("cannot listen on '%s': not an IPv4 address"), cfg->host);
        server_free(s);
        return -1;
    }
    /* The index must open now, or the daemon would only answer 503s. */
    char resolved[PATH_MAX];
    qr_index *probe = NULL;
    if (probe_index(cfg->db, resolved, &probe, msg, msg_len) != 0) {
        server_free(s);
        return -1;
    }
    qr_index_close(probe);
    pthread_mutex_lock(&index_lock);
    memcpy(index_path, resolved, sizeof index_path);
    pthread_mutex_unlock(&index_lock);
    /* One thread is the polling thread itself, not a pool of one (which
     * libmicrohttpd warns about). */
    unsigned pool = cfg->threads > 1 ? cfg->threads : 0;
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    s->mhd = MHD_start_daemon(flags, cfg->port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR,
                              (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, pool,
                              MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout,
                              MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_per_ip,
                              MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SD_CONNECTION_MEMORY,
                              MHD_OPTION_URI_LOG_CALLBACK, uri_seen, s, MHD_OPTION_NOTIFY_COMPLETED,
                              completed, s, MHD_OPTION_NOTIFY_CONNECTION, connection_event, s,
                              MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_END);
    if (!s->mhd) {
        snprintf(msg, msg_len, _("cannot listen on %s:%u (in use, or not allowed)"), cfg->host,
                 cfg->port);
        server_free(s);
        return -1;
    }
    if (pthread_create(&s->reaper, NULL, reap, s) != 0) {
        snprintf(msg, msg_len, "%s", _("cannot start a thread"));
        MHD_stop_daemon(s->mhd);
        server_free(s);
        return -1;
    }
    s->reaper_running = 1;
    *out = s;
    return 0;
}

int
sd_server_reload(sd_server *s, char *msg, size_t msg_len)
{
    char resolved[PATH_MAX];
    qr_index *probe = NULL;
    if (probe_index(s->cfg.db, resolved, &probe, msg, msg_len) != 0)
        return -1;
    qr_index_info info;
    vk_error err = {0};
    vk_status st = qr_index_stat(probe, &info, &err);
    qr_index_close(probe);
    if (st != VK_OK) {
        snprintf(msg, msg_len, _("cannot read the index %s: %s"), s->cfg.db, err.msg);
        return -1;
    }
    pthread_mutex_lock(&index_lock);
    memcpy(index_path, resolved, sizeof index_path);
    reload_gen++;
    pthread_mutex_unlock(&index_lock);
    snprintf(msg, msg_len, _("%s (%s): %u passages, revision %llu"), s->cfg.db, resolved,
             (unsigned)info.passages, (unsigned long long)info.revision);
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
    pthread_mutex_lock(&s->lock);
    s->stopping = 1;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    if (s->reaper_running)
        pthread_join(s->reaper, NULL);
    server_free(s);
}

uint16_t
sd_server_port(const sd_server *s)
{
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
    return di ? di->port : 0;
}
