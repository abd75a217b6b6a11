/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * config.c: the daemon's settings: their defaults, one setting from its
 * text (shared by the command line and the configuration file), and the
 * configuration file itself (`key = value` lines, /etc/vankien/searchd.conf
 * in a Debian install; see vankien-searchd(8)).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/i18n.h"
#include "searchd/sd.h"

const char *const sd_config_names[] = {
    "db",          "listen",    "threads",  "max-connections", "max-per-ip", "timeout",
    "max-query",   "max-limit", "max-body", "query-time",      "log-level",  "show-paths",
    "cors-origin", NULL,
};

void
sd_config_init(sd_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->db, sizeof cfg->db, "vankien.db");
    snprintf(cfg->host, sizeof cfg->host, "127.0.0.1");
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

/* Parses a whole decimal number within [lo, hi]; 0 on success. */
static int
number(const char *v, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

/* The numeric settings: name, bounds. */
static const struct {
    const char *name;
    long lo, hi;
} numeric[] = {
    {"threads", 1, 256},           {"max-connections", 1, 60000}, {"max-per-ip", 0, 60000},
    {"timeout", 1, 3600},          {"max-query", 16, 4096},       {"max-limit", 1, 1000},
    {"max-body", 1024, 64L << 20}, {"query-time", 1, 60},         {"log-level", 0, 2},
};

static void
set_numeric(sd_config *cfg, const char *name, long n)
{
    if (strcmp(name, "threads") == 0)
        cfg->threads = (unsigned)n;
    else if (strcmp(name, "max-connections") == 0)
        cfg->max_connections = (unsigned)n;
    else if (strcmp(name, "max-per-ip") == 0)
        cfg->max_per_ip = (unsigned)n;
    else if (strcmp(name, "timeout") == 0)
        cfg->timeout = (unsigned)n;
    else if (strcmp(name, "max-query") == 0)
        cfg->max_query = (size_t)n;
    else if (strcmp(name, "max-limit") == 0)
        cfg->max_limit = (unsigned)n;
    else if (strcmp(name, "max-body") == 0)
        cfg->max_body = (size_t)n;
    else if (strcmp(name, "query-time") == 0)
        cfg->query_time = (double)n;
    else
        cfg->log_level = (int)n;
}

/* A boolean: yes/no, true/false, 1/0, on/off. */
static int
set_flag(int *flag, const char *name, const char *v, char *msg, size_t msg_len)
{
    static const char *const yes[] = {"yes", "true", "1", "on"};
    static const char *const no[] = {"no", "false", "0", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(v, yes[i]) == 0 || strcmp(v, no[i]) == 0) {
            *flag = strcmp(v, yes[i]) == 0;
            return 0;
        }
    }
    snprintf(msg, msg_len, _("%s wants yes or no, not '%s'"), name, v);
    return -1;
}

/* An origin as a browser sends it: "*", or scheme "://" host [":" port],
 * nothing after (no path, no slash at the end, no blank). */
static int
valid_origin(const char *v)
{
    if (strcmp(v, "*") == 0)
        return 1;
    const char *host = strncmp(v, "https://", 8) == 0  ? v + 8
                       : strncmp(v, "http://", 7) == 0 ? v + 7
                                                       : NULL;
    if (!host || !*host)
        return 0;
    for (const char *p = host; *p; p++) {
        if (*p <= ' ' || *p == '/' || *p == '"' || *p == ',' || (unsigned char)*p >= 0x7f)
            return 0;
    }
    return 1;
}

static int
add_origin(sd_config *cfg, const char *v, char *msg, size_t msg_len)
{
    if (strlen(v) >= SD_CORS_LEN || !valid_origin(v)) {
        snprintf(msg, msg_len,
                 _("cors-origin wants * or an origin like https://example.org:8443 (no path), "
                   "not '%s'"),
                 v);
        return -1;
    }
    if (cfg->n_cors >= SD_MAX_CORS) {
        snprintf(msg, msg_len, _("cors-origin: at most %d origins"), SD_MAX_CORS);
        return -1;
    }
    snprintf(cfg->cors[cfg->n_cors++], SD_CORS_LEN, "%s", v);
    return 0;
}

static int
set_listen(sd_config *cfg, const char *v, char *msg, size_t msg_len)
{
    const char *colon = strrchr(v, ':');
    long port;
    if (!colon || colon == v || (size_t)(colon - v) >= sizeof cfg->host ||
        number(colon + 1, 0, 65535, &port) != 0) {
        snprintf(msg, msg_len, _("listen wants ADDR:PORT (port 0 to 65535; 0: any free), not '%s'"),
                 v);
        return -1;
    }
    memcpy(cfg->host, v, (size_t)(colon - v));
    cfg->host[colon - v] = '\0';
    cfg->port = (uint16_t)port;
    return 0;
}

int
sd_config_set(sd_config *cfg, const char *name, const char *value, char *msg, size_t msg_len)
{
    if (strcmp(name, "db") == 0) {
        if (!*value || strlen(value) >= sizeof cfg->db) {
            snprintf(msg, msg_len, _("db wants a path of 1 to %zu bytes"), sizeof cfg->db - 1);
            return -1;
        }
        snprintf(cfg->db, sizeof cfg->db, "%s", value);
        return 0;
    }
    if (strcmp(name, "listen") == 0)
        return set_listen(cfg, value, msg, msg_len);
    if (strcmp(name, "show-paths") == 0)
        return set_flag(&cfg->show_paths, name, value, msg, msg_len);
    if (strcmp(name, "cors-origin") == 0)
        return add_origin(cfg, value, msg, msg_len);
    for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
        if (strcmp(name, numeric[i].name) != 0)
            continue;
        long n;
        if (number(value, numeric[i].lo, numeric[i].hi, &n) != 0) {
            snprintf(msg, msg_len, _("%s wants a number from %ld to %ld, not '%s'"), name,
                     numeric[i].lo, numeric[i].hi, value);
            return -1;
        }
        set_numeric(cfg, name, n);
        return 0;
    }
    snprintf(msg, msg_len,
             _("unknown setting '%s' (known: db, listen, threads, max-connections, "
               "max-per-ip, timeout, max-query, max-limit, max-body, query-time, log-level, "
               "show-paths, cors-origin)"),
             name);
    return -1;
}

/* Trims blanks at both ends of s in place; returns the first kept byte. */
static char *
trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* Applies one line (trimmed, not blank, not a comment); 0 or -1 with msg. */
static int
config_line(sd_config *cfg, char *line, char *msg, size_t msg_len)
{
    char *eq = strchr(line, '=');
    if (!eq) {
        snprintf(msg, msg_len, _("expected 'key = value', not '%.80s'"), line);
        return -1;
    }
    *eq = '\0';
    char *key = trim(line);
    char *value = trim(eq + 1);
    size_t n = strlen(value);
    if (n >= 2 && value[0] == '"' && value[n - 1] == '"') {
        value[n - 1] = '\0';
        value++;
    } else if (n > 0 && (value[0] == '"' || value[n - 1] == '"')) {
        snprintf(msg, msg_len, _("unbalanced quote in the value of '%s'"), key);
        return -1;
    }
    if (!*key) {
        snprintf(msg, msg_len, "%s", _("a line without a key before '='"));
        return -1;
    }
    return sd_config_set(cfg, key, value, msg, msg_len);
}

int
sd_config_load(sd_config *cfg, const char *path, int optional, int *found, char *msg,
               size_t msg_len)
{
    *found = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (optional && errno == ENOENT)
            return 0;
        snprintf(msg, msg_len, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[8192];
    char why[512];
    int rc = 0;
    for (unsigned lineno = 1; rc == 0 && fgets(line, sizeof line, f); lineno++) {
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n' && !feof(f)) {
            snprintf(msg, msg_len, _("%s:%u: line longer than %zu bytes"), path, lineno,
                     sizeof line - 2);
            rc = -1;
            break;
        }
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        if (config_line(cfg, s, why, sizeof why) != 0) {
            snprintf(msg, msg_len, "%s:%u: %s", path, lineno, why);
            rc = -1;
        }
    }
    if (rc == 0 && ferror(f)) {
        snprintf(msg, msg_len, "%s: %s", path, strerror(errno));
        rc = -1;
    }
    fclose(f);
    if (rc == 0)
        *found = 1;
    return rc;
}
