/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_searchd.c: what vankien-searchd may touch, with the server started
 * in this process (searchd/sd.h): by default it listens on loopback only
 * (127.0.0.1:8765; a connection to another address of the machine is
 * refused), and no request writes anything: the index's files are the same
 * after searches, look-ups and POST /api/check, and nothing new appears
 * beside them.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/buf.h"
#include "searchd/sd.h"
#include "tests/http_client.h"

static char dir[4096], db[4200];

static int
setup(void **state)
{
    (void)state;
    return http_sample_index("searchd", dir, sizeof dir, db, sizeof db);
}

static int
teardown(void **state)
{
    (void)state;
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static sd_server *
start(uint16_t *port)
{
    sd_config cfg;
    sd_config_init(&cfg);
    snprintf(cfg.db, sizeof cfg.db, "%.4000s", db);
    cfg.port = 0;
    cfg.threads = 2;
    cfg.log_level = 0;
    sd_server *s = NULL;
    char msg[512];
    if (sd_server_start(&cfg, &s, msg, sizeof msg) != 0)
        fail_msg("the server does not start: %s", msg);
    *port = sd_server_port(s);
    assert_true(*port > 0);
    return s;
}

/* Connects to addr:port; 0 on success, else errno. */
static int
try_connect(struct in_addr addr, uint16_t port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr = addr;
    int rc = connect(fd, (struct sockaddr *)&a, sizeof a) == 0 ? 0 : errno;
    close(fd);
    return rc;
}

static void
test_loopback_by_default(void **state)
{
    (void)state;
    sd_config cfg;
    sd_config_init(&cfg);
    assert_string_equal(cfg.host, "127.0.0.1");
    assert_int_equal(cfg.port, 8765);
    uint16_t port;
    sd_server *s = start(&port);
    struct in_addr lo = {htonl(INADDR_LOOPBACK)};
    assert_int_equal(try_connect(lo, port), 0);
    /* Every other IPv4 address of this machine: refused. */
    struct ifaddrs *ifs = NULL, *i;
    int others = 0;
    assert_int_equal(getifaddrs(&ifs), 0);
    for (i = ifs; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
            continue;
        struct in_addr a = ((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr;
        if ((ntohl(a.s_addr) >> 24) == 127)
            continue;
        others++;
        char text[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &a, text, sizeof text);
        if (try_connect(a, port) != ECONNREFUSED)
            fail_msg("the daemon answers on %s, not only on loopback", text);
    }
    freeifaddrs(ifs);
    if (!others)
        print_message("no address but loopback on this machine: only the default was checked\n");
    sd_server_stop(s, 1);
}

/* Names, sizes and modification times of the files in a folder. */
static char *
snapshot(const char *path)
{
    vk_buf b = VK_BUF_INIT;
    DIR *d = opendir(path);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[8300];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        struct stat st;
        assert_int_equal(stat(p, &st), 0);
        vk_buf_printf(&b, "%s %lld %lld.%09ld\n", e->d_name, (long long)st.st_size,
                      (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    }
    closedir(d);
    char *s = vk_buf_steal(&b);
    return s ? s : strdup("");
}

static void
test_nothing_written(void **state)
{
    (void)state;
    char *before_db = snapshot(db), *before_dir = snapshot(dir);
    uint16_t port;
    sd_server *s = start(&port);
    static const char *const gets[] = {
        "/api/search?q=%22ki%E1%BB%83m+so%C3%A1t+quy%E1%BB%81n+l%E1%BB%B1c%22&facets=1",
        "/api/documents/21-kl-tw-2021",
        "/api/documents/21-kl-tw-2021/sections/I.2.3",
        "/api/documents/21-kl-tw-2021/cited-by",
        "/api/cite?q=Ngh%E1%BB%8B+quy%E1%BA%BFt+28",
        "/api/health",
        "/api/stats",
        "/",
    };
    for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
        http_reply r = http_request(port, "GET", gets[i]);
        if (r.status != 200)
            fail_msg("GET %s: %d", gets[i], r.status);
        http_reply_free(&r);
    }
    const char *draft = "Th\xe1\xbb\xb1"
                        "c hi\xe1\xbb\x87n Ngh\xe1\xbb\x8b quy\xe1\xba\xbft s\xe1\xbb\x91 "
                        "28-NQ/TW, ng\xc3\xa0y 17/11/2021.";
    char req[1024];
    int n = snprintf(req, sizeof req,
                     "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                     "Content-Length: %zu\r\n\r\n%s",
                     strlen(draft), draft);
    http_reply r = http_raw(port, req, (size_t)n);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "ERROR"));
    http_reply_free(&r);
    sd_server_stop(s, 1);
    char *after_db = snapshot(db), *after_dir = snapshot(dir);
    assert_string_equal(before_db, after_db);
    assert_string_equal(before_dir, after_dir);
    free(before_db);
    free(after_db);
    free(before_dir);
    free(after_dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loopback_by_default),
        cmocka_unit_test(test_nothing_written),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
