/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sd.h: vankien-searchd, the HTTP search daemon.
 *
 * Design note. libmicrohttpd runs a pool of threads; each request is
 * answered whole in the thread that read it. Every thread opens its own
 * index (query/qr.h: qr_index; Xapian handles are not shared between
 * threads) on first use and refreshes it before each request, so the index
 * can be rewritten while the daemon serves: a search that meets a revision
 * changed under it is retried once on the new one. The routing table maps
 * GET /api/... to the same query code the CLI uses (qr_index_search and the
 * rest of query/qr.h), and every other GET to the web page's assets, built
 * into the binary. Errors are JSON {"error": {"code", "message"}} with a 4xx
 * or 5xx status; limits (query length, page size, body size, connections,
 * time per connection and per query) answer with a 4xx before any work.
 * Answers leave out the server's file paths unless show_paths; CORS headers
 * are sent only for the origins configured (server.c decides them per
 * request from its Origin, before any other work). A Word draft POSTed to
 * /api/check lives in a private temporary file only while it is checked.
 * The API is described in searchd/openapi.json, built in and served at
 * /api/openapi.json; tests/test_openapi.py holds the answers to it.
 */
#ifndef VK_SD_H
#define VK_SD_H

#include <stddef.h>
#include <stdint.h>

/* CORS: at most this many allowed origins, each shorter than SD_CORS_LEN
 * bytes ("https://host:port"). */
#define SD_MAX_CORS 16
#define SD_CORS_LEN 256

/* Daemon settings: from the defaults, then the configuration file, then
 * $VANKIEN_DB, then the command line (main.c). Plain storage: a copy is
 * independent of the original. */
typedef struct sd_config {
    char db[4096];            /* index directory (or stub file) */
    char host[64];            /* listen address, "127.0.0.1" */
    uint16_t port;            /* listen port, 8765 */
    unsigned threads;         /* worker threads */
    unsigned max_connections; /* concurrent connections; more are accepted and closed */
    unsigned max_per_ip;      /* concurrent connections from one address; 0: no limit
                                 (behind a reverse proxy every client is one address) */
    unsigned timeout;         /* seconds of inactivity before a connection is cut, and
                                 the most a request may take to arrive whole */
    size_t max_query;         /* bytes of q */
    unsigned max_limit;       /* results per page */
    unsigned max_offset;      /* deepest page */
    size_t max_body;          /* bytes of a request body (POST) */
    double query_time;        /* seconds a search may take before Xapian stops
                                 looking for better matches */
    int log_level;            /* 0 errors, 1 + access log, 2 + debug */
    int show_paths;           /* answers name the server's files ("path"); off: left out */
    char cors[SD_MAX_CORS][SD_CORS_LEN]; /* origins allowed to read the answers
                                            from a browser ("*": any); none: CORS off */
    unsigned n_cors;                     /* origins in cors */
} sd_config;

/* Fills cfg with the defaults. */
void sd_config_init(sd_config *cfg);

/* Sets one setting by its name, the long option's without the dashes
 * ("db", "listen", "threads", "max-connections", "timeout", "max-query",
 * "max-limit", "max-body", "query-time", "log-level", "show-paths",
 * "cors-origin"), from its text. "cors-origin" adds one origin to those
 * allowed ("*", or scheme://host[:port] as a browser sends it in Origin);
 * "show-paths" takes yes/no, true/false, 1/0.
 * Returns 0, or -1 with a message in msg (msg_len bytes) that names the
 * setting, the value and what it wants ("unknown setting" when the name is
 * none of those). cfg is unchanged on failure. Thread-safe (cfg aside). */
int sd_config_set(sd_config *cfg, const char *name, const char *value, char *msg, size_t msg_len);

/* Reads a configuration file of `key = value` lines into cfg (sd_config_set
 * for each; '#' starts a comment line; blank lines are skipped; the value may
 * be in double quotes). A missing file is not an error when `optional` is
 * nonzero (*found is then 0). Returns 0 (*found = 1 if the file was read), or
 * -1 with "FILE:LINE: what is wrong" (or "FILE: why it cannot be read") in
 * msg; cfg may then hold the settings of the lines before the bad one. */
int sd_config_load(sd_config *cfg, const char *path, int optional, int *found, char *msg,
                   size_t msg_len);

/* The names sd_config_set knows, NULL-terminated (the manual and the tests
 * list them). */
extern const char *const sd_config_names[];

typedef struct sd_server sd_server;

/* Memory libmicrohttpd gives one connection for its request line, headers
 * and buffers: larger headers are answered 431 (or 414 for the URL). */
#define SD_CONNECTION_MEMORY (64 * 1024)

/* Starts serving. On success *out is owned by the caller (sd_server_stop).
 * Returns 0, or -1 with a message in msg (msg_len bytes). */
int sd_server_start(const sd_config *cfg, sd_server **out, char *msg, size_t msg_len);

/* Asks every worker thread to open the index afresh before its next request
 * (after the index was replaced, a symbolic link to it switched, or its stub
 * file changed; SIGHUP in main.c). The index path is resolved (realpath) at
 * start and here: readers never follow a switched link on their own. The
 * requests under way finish on the reader they have. Checks first that the
 * index opens and has this version's format: if not, nothing changes and -1
 * is returned with the reason in msg; else 0 and a summary ("N passages,
 * revision R") in msg. Thread-safe; not async-signal-safe. */
int sd_server_reload(sd_server *s, char *msg, size_t msg_len);
/* The port the server listens on (the one the system chose when
 * cfg->port was 0). */
uint16_t sd_server_port(const sd_server *s);

/* Stops accepting connections, lets the requests under way finish (up to
 * `grace` seconds), stops the threads and frees the server. */
void sd_server_stop(sd_server *s, unsigned grace);

/* The web page's assets, built into the binary (assets.c). */
typedef struct sd_asset {
    const char *path;         /* "/", "/app.js" */
    const char *content_type; /* "text/html; charset=utf-8" */
    const unsigned char *data;
    size_t len;
} sd_asset;

/* The asset served at `path`, or NULL. */
const sd_asset *sd_asset_find(const char *path);

#endif /* VK_SD_H */
