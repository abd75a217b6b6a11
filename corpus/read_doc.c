/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * read_doc.c: the text of an old Word .doc (OLE2), through antiword, else
 * catdoc, found on PATH and run with fork and exec (no shell), its output
 * capped and its time limited. Legacy encodings in what the tool gives are
 * left for cp_text_prepare to detect.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/i18n.h"
#include "corpus/readers.h"
#include "corpus/readers_internal.h"

/* Finds an executable called name in a directory of $PATH (empty entries,
 * which would mean the current directory, are not searched). Writes its
 * path into buf and returns 1, or returns 0. */
static int
find_tool(const char *name, char *buf, size_t size)
{
    const char *dirs = getenv("PATH");
    if (!dirs)
        dirs = "/usr/bin:/bin";
    while (*dirs) {
        size_t n = strcspn(dirs, ":");
        struct stat st;
        if (n > 0 && (size_t)snprintf(buf, size, "%.*s/%s", (int)n, dirs, name) < size &&
            stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
            return 1;
        dirs += n + (dirs[n] == ':');
    }
    return 0;
}

static long
now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A running tool: its process and the read ends of its stdout and stderr. */
typedef struct tool_run {
    pid_t pid;
    struct pollfd fds[2]; /* stdout, stderr; fd -1 once closed */
    char msg[256];        /* the start of what it wrote on stderr */
    size_t msg_len;
} tool_run;

static int
cloexec_pipe(int p[2])
{
    if (pipe(p) != 0)
        return -1;
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

/* Starts exe with argv, stdin from /dev/null, stdout and stderr to pipes. */
static int
start_tool(const char *exe, char *const argv[], tool_run *t)
{
    int o[2], e[2];
    if (cloexec_pipe(o) != 0)
        return -1;
    if (cloexec_pipe(e) != 0) {
        close(o[0]);
        close(o[1]);
        return -1;
    }
    t->pid = fork();
    if (t->pid == 0) {
        /* Only async-signal-safe calls between fork and exec. */
        int nul = open("/dev/null", O_RDONLY);
        if (nul < 0 || dup2(nul, 0) < 0 || dup2(o[1], 1) < 0 || dup2(e[1], 2) < 0)
            _exit(127);
        execv(exe, argv);
        _exit(127);
    }
    close(o[1]);
    close(e[1]);
    if (t->pid < 0) {
        close(o[0]);
        close(e[0]);
        return -1;
    }
    t->fds[0] = (struct pollfd){.fd = o[0], .events = POLLIN};
    t->fds[1] = (struct pollfd){.fd = e[0], .events = POLLIN};
    return 0;
}

/* Reads from one of the tool's pipes; closes it at its end. Returns
 * VK_ETOOBIG when stdout goes past max, VK_ENOMEM, else VK_OK. */
static vk_status
drain(tool_run *t, int k, size_t max, vk_buf *out)
{
    char chunk[65536];
    ssize_t n = read(t->fds[k].fd, chunk, sizeof chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return VK_OK;
    if (n <= 0) {
        close(t->fds[k].fd);
        t->fds[k].fd = -1;
        return VK_OK;
    }
    if (k == 1) {
        size_t room = sizeof t->msg - 1 - t->msg_len, m = (size_t)n < room ? (size_t)n : room;
        memcpy(t->msg + t->msg_len, chunk, m);
        t->msg_len += m;
        t->msg[t->msg_len] = '\0';
        return VK_OK;
    }
    if ((size_t)n > max || out->len > max - (size_t)n)
        return VK_ETOOBIG;
    return vk_buf_append(out, chunk, (size_t)n);
}

/* Runs the tool to its end, its time limit or its output cap. Returns VK_OK
 * when it exited 0. */
static vk_status
run_tool(const char *path, const char *exe, char *const argv[], size_t max, vk_buf *out,
         vk_error *err)
{
    tool_run t = {0};
    if (start_tool(exe, argv, &t) != 0)
        return vk_fail(err, VK_EIO, _("%s: cannot run %s: %s"), path, exe, strerror(errno));
    long deadline = now_ms() + CP_DOC_TIMEOUT_MS;
    vk_status rc = VK_OK;
    int timed_out = 0;
    while (rc == VK_OK && (t.fds[0].fd >= 0 || t.fds[1].fd >= 0)) {
        long left = deadline - now_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        int r = poll(t.fds, 2, (int)left);
        if (r < 0 && errno != EINTR) {
            rc = vk_fail(err, VK_EIO, _("%s: waiting for %s: %s"), path, argv[0], strerror(errno));
            break;
        }
        for (int k = 0; k < 2 && r > 0 && rc == VK_OK; k++) {
            if (t.fds[k].fd >= 0 && t.fds[k].revents)
                rc = drain(&t, k, max, out);
        }
    }
    if (rc != VK_OK || timed_out)
        kill(t.pid, SIGKILL);
    for (int k = 0; k < 2; k++) {
        if (t.fds[k].fd >= 0)
            close(t.fds[k].fd);
    }
    int status = 0;
    while (waitpid(t.pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out)
        return vk_fail(err, VK_EIO, _("%s: %s ran past its limit of %d s"), path, argv[0],
                       CP_DOC_TIMEOUT_MS / 1000);
    if (rc == VK_ETOOBIG)
        return vk_fail(err, rc, _("%s: its text is larger than the limit of %zu bytes"), path, max);
    if (rc == VK_ENOMEM)
        return vk_fail(err, rc, _("%s: out of memory"), path);
    if (rc != VK_OK)
        return rc;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        t.msg[strcspn(t.msg, "\r\n")] = '\0';
        return vk_fail(err, VK_EIO,
                       WIFEXITED(status) ? _("%s: %s failed (exit status %d)%s%s")
                                         : _("%s: %s failed (signal %d)%s%s"),
                       path, argv[0], WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                       t.msg[0] ? ": " : "", t.msg);
    }
    return VK_OK;
}

/* antiword draws a table row as "|cell   |cell   |", catdoc separates the
 * cells with tabs (sep '\t'): each cell goes on a line of its own, as the
 * other readers give them. */
/* Appends line[a .. b) without its blanks, and a line end, unless empty. */
static vk_status
put_cell(vk_buf *out, const char *line, size_t a, size_t b)
{
    while (a < b && line[a] == ' ')
        a++;
    while (b > a && line[b - 1] == ' ')
        b--;
    if (b == a)
        return VK_OK;
    vk_status rc = vk_buf_append(out, line + a, b - a);
    return rc == VK_OK ? vk_buf_putc(out, '\n') : rc;
}

static vk_status
split_table_rows(vk_buf *text, char sep)
{
    vk_buf out = VK_BUF_INIT;
    vk_status rc = VK_OK;
    for (size_t i = 0; i < text->len && rc == VK_OK;) {
        const char *line = text->data + i;
        const char *nl = memchr(line, '\n', text->len - i);
        size_t len = nl ? (size_t)(nl - line) : text->len - i, end = len;
        while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\r'))
            end--;
        int row = sep == '|' ? end >= 2 && line[0] == '|' && line[end - 1] == '|'
                             : memchr(line, sep, end) != NULL;
        if (!row) {
            rc = vk_buf_append(&out, line, len);
            rc = rc == VK_OK ? vk_buf_putc(&out, '\n') : rc;
        }
        for (size_t c = sep == '|' ? 1 : 0, w; row && c < end && rc == VK_OK; c += w + 1) {
            for (w = 0; c + w < end && line[c + w] != sep;)
                w++;
            rc = put_cell(&out, line, c, c + w);
        }
        i += len + 1;
    }
    if (rc != VK_OK) {
        vk_buf_free(&out);
        return rc;
    }
    vk_buf_free(text);
    *text = out;
    return VK_OK;
}

vk_status
cp_read_doc(const char *path, size_t max, vk_buf *out, vk_error *err)
{
    char exe[PATH_MAX], file[PATH_MAX];
    /* A name starting with '-' must not read as an option. */
    if ((size_t)snprintf(file, sizeof file, "%s%s", path[0] == '-' ? "./" : "", path) >=
        sizeof file)
        return vk_fail(err, VK_EINVAL, _("%s: path too long"), path);
    vk_status rc = VK_EINVAL;
    int tried = 0;
    if (find_tool("antiword", exe, sizeof exe)) {
        char *argv[] = {"antiword", "-m", "UTF-8.txt", "-w", "0", file, NULL};
        tried = 1;
        rc = run_tool(path, exe, argv, max, out, err);
        if (rc == VK_OK && split_table_rows(out, '|') != VK_OK)
            return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    }
    if (rc != VK_OK && rc != VK_ETOOBIG && find_tool("catdoc", exe, sizeof exe)) {
        vk_error first = err ? *err : (vk_error){0};
        vk_buf_clear(out);
        char *argv[] = {"catdoc", "-d", "utf-8", "-w", file, NULL};
        rc = run_tool(path, exe, argv, max, out, err);
        if (rc == VK_OK && split_table_rows(out, '\t') != VK_OK)
            return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
        if (rc != VK_OK && tried && err)
            *err = first; /* antiword's complaint says more */
        tried = 1;
    }
    if (!tried)
        return vk_fail(err, VK_EINVAL,
                       _("%s: skipped: .doc needs antiword or catdoc (apt-get install antiword)"),
                       path);
    return rc;
}
