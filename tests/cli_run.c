/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cli_run.c: see cli_run.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "common/buf.h"
#include "tests/cli_run.h"

void
run_free(run *r)
{
    free(r->out);
    free(r->err);
}

static char *
slurp(FILE *f)
{
    vk_buf b = VK_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        vk_buf_append(&b, chunk, n);
    char *s = vk_buf_steal(&b);
    return s ? s : strdup("");
}

run
vankien_in(const char *tmpdir, const char *args)
{
    const char *bin = getenv("VK_BIN_DIR");
    char errfile[4300], cmd[16384];
    snprintf(errfile, sizeof errfile, "%s/stderr.txt", tmpdir);
    snprintf(cmd, sizeof cmd, "'%s/vankien' %s 2>'%s'", bin ? bin : "bin", args, errfile);
    run r = {NULL, NULL, -1};
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    r.out = slurp(p);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    FILE *e = fopen(errfile, "r");
    r.err = e ? slurp(e) : strdup("");
    if (e)
        fclose(e);
    return r;
}
