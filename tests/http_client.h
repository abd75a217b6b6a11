/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * http_client.h: what the HTTP tests share: starting vankien-searchd as a
 * child process on a free port, and raw HTTP/1.1 exchanges with it over
 * loopback. Nothing here asserts, so the functions may be called from
 * client threads.
 */
#ifndef VK_TESTS_HTTP_CLIENT_H
#define VK_TESTS_HTTP_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

/* One HTTP exchange. */
typedef struct http_reply {
    int status; /* the status of the answer, 0 if none (cut), -1 if no connection */
    char *body; /* after the headers (malloc'd, never NULL) */
    char *head; /* the status line and headers (malloc'd, never NULL) */
} http_reply;

void http_reply_free(http_reply *r);

/* A blocking socket connected to 127.0.0.1:port (reads time out after 10 s),
 * or -1. */
int http_connect(int port);

/* Sends the raw bytes on a new connection and reads the answer until the
 * daemon closes it. */
http_reply http_raw(int port, const char *req, size_t len);

/* METHOD TARGET with Host and Connection: close. */
http_reply http_request(int port, const char *method, const char *target);

/* Makes a new folder $VK_TMPDIR/vk-<tag>-XXXXXX (dir, dir_len bytes) and
 * indexes the samples ($VK_SOURCE_DIR/corpus/samples) into dir/db (db,
 * db_len bytes) with $VK_BIN_DIR/vankien. Returns 0 or -1. */
int http_sample_index(const char *tag, char *dir, size_t dir_len, char *db, size_t db_len);

/* Starts $VK_BIN_DIR/vankien-searchd --db db --listen 127.0.0.1:0 with the
 * extra arguments (NULL-terminated), its stderr into logfile, and waits
 * until it listens: returns its pid with the port in *port, or -1. */
pid_t http_daemon_start(const char *db, const char *const *args, const char *logfile, int *port);

#endif /* VK_TESTS_HTTP_CLIENT_H */
