/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_index.c: `vankien index`: bring the index up to date with files and
 * folders. The files are listed first; each is hashed and compared with the
 * record the index keeps of it, so that only new and changed files are read
 * and written, and files gone from an indexed folder are removed. Changes
 * are committed in batches. A file that cannot be read is skipped with its
 * reason; it never stops the run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "common/buf.h"
#include "corpus/cp.h"
#include "corpus/readers.h"
#include "indexer/ix.h"

/* A batch is committed after this many written files (--batch) or bytes
 * read. */
#define BATCH_FILES 64
#define BATCH_BYTES (16u * 1024u * 1024u)

/* A file found under the paths given. */
typedef struct item {
    char *path;   /* as found (the argument, or folder + "/" + name) */
    char *abs;    /* resolved absolute path: the index's name for it */
    off_t size;
} item;

/* A path given on the command line: the scope within which indexed files
 * that are no longer there are removed. */
typedef struct root {
    char *abs;
    int is_dir;
} root;

typedef struct run {
    ix_writer *w;
    int full, quiet, tty;
    item *items;
    size_t n_items, cap_items;
    root *roots;
    size_t n_roots;
    struct stat *dirs; /* folders read so far (device and inode) */
    size_t n_dirs;
    vk_buf skips;   /* "path: reason\n" for each file skipped */
    size_t added, replaced, removed, unchanged, skipped, docs, passages;
    size_t batch_files, batch_max;
    uint64_t batch_bytes;
    /* progress */
    uint64_t total_bytes, done_bytes;
    size_t done_files;
    double start, last_draw;
    int bar_shown;
    int fatal; /* the index itself failed: stop */
} run;

static void
index_usage(FILE *out)
{
    fprintf(out,
            "usage: vankien index [--db DIR] [--full] [--batch N] [--quiet] PATH...\n\n"
            "Brings the index up to date with files and folders (recursively;\n"
            "hidden entries are left out): new files are added, changed files\n"
            "replaced, and files no longer under an indexed PATH removed. A file is\n"
            "changed when its bytes are; unchanged files are not read again, and a\n"
            "run that finds nothing to do writes nothing. Changes are committed in\n"
            "batches, so an interrupted run loses at most its last batch and the\n"
            "next run completes it. Files that cannot be read are skipped, with\n"
            "their reasons in the summary.\n\n"
            "Word (.docx; .doc through antiword or catdoc), PDF and HTML files are\n"
            "read, known by their content whatever their names, and text files\n"
            "named .txt, .md or .html; legacy Vietnamese encodings (TCVN3, VNI,\n"
            "Windows-1258) are detected per file.\n\n"
            "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
            "  --full     rebuild: start from an empty index, in one commit (readers\n"
            "             see the old index until the new one is complete)\n"
            "  --batch N  commit after every N files written (default 64; also after\n"
            "             16 MB read)\n"
            "  --quiet    no progress bar and no summary (skipped files are still\n"
            "             reported)\n"
            "  --help     this help\n");
}

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
clear_bar(run *r)
{
    if (r->bar_shown) {
        fputs("\r\033[K", stderr);
        r->bar_shown = 0;
    }
}

/* Prints "vankien: <message>" to stderr, clearing the progress bar first. */
#define say(r, ...) (clear_bar(r), cli_error(__VA_ARGS__))

static void
mb(uint64_t bytes, char out[16])
{
    snprintf(out, 16, "%.1f", (double)bytes / (1024.0 * 1024.0));
}

/* Redraws the progress bar (a terminal only, at most ten times a second,
 * always when `force`). */
static void
draw_bar(run *r, int force)
{
    if (!r->tty || r->quiet)
        return;
    double t = now_s();
    if (!force && t - r->last_draw < 0.1)
        return;
    r->last_draw = t;
    double elapsed = t - r->start;
    double frac = r->total_bytes ? (double)r->done_bytes / (double)r->total_bytes
                  : r->n_items    ? (double)r->done_files / (double)r->n_items
                                  : 1.0;
    char bar[32];
    int fill = (int)(frac * 20.0 + 0.5);
    for (int i = 0; i < 20; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[20] = '\0';
    char done[16], total[16], eta[32] = "";
    mb(r->done_bytes, done);
    mb(r->total_bytes, total);
    double rate = elapsed > 0.5 ? (double)r->done_bytes / elapsed : 0.0;
    if (rate > 0 && r->done_bytes < r->total_bytes) {
        long left = (long)((double)(r->total_bytes - r->done_bytes) / rate + 0.5);
        snprintf(eta, sizeof eta, "  %ld:%02ld left", left / 60, left % 60);
    }
    fprintf(stderr, "\r\033[K[%s] %zu/%zu files  %s/%s MB  %.2f MB/s%s", bar, r->done_files,
            r->n_items, done, total, rate / (1024.0 * 1024.0), eta);
    fflush(stderr);
    r->bar_shown = 1;
}

static void
skip(run *r, const char *path, const char *reason)
{
    r->skipped++;
    vk_buf_printf(&r->skips, "  %s: %s\n", path, reason);
    if (r->quiet)
        fprintf(stderr, "vankien: %s: skipped: %s\n", path, reason);
}

#define NOT_DOCUMENT "not a document (text is read from .txt and .md files)"

/* Whether a file is a document to read: Word, PDF and HTML files by their
 * content whatever their names; text only when named as text (.txt, .md),
 * so that the scripts, data and notes of a folder are not read as
 * documents. `head` is the file's first bytes. */
static int
supported(const char *path, const char *head, size_t head_len)
{
    if (strcmp(cp_detect_format(head, head_len), "text") != 0)
        return 1;
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return 0;
    return strcasecmp(dot, ".txt") == 0 || strcasecmp(dot, ".md") == 0 ||
           strcasecmp(dot, ".markdown") == 0 || strcasecmp(dot, ".text") == 0 ||
           strcasecmp(dot, ".htm") == 0 || strcasecmp(dot, ".html") == 0;
}

/* Hashes the bytes of a file (vk_hash64) and keeps its first bytes in
 * head[HEAD_BYTES] (*head_len of them). Returns 0, or -1 with errno set. */
#define HEAD_BYTES 4096
static int
hash_file(const char *path, uint64_t *out, char *head, size_t *head_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    uint64_t h = VK_HASH64_INIT;
    char chunk[65536];
    ssize_t n;
    *head_len = 0;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (*head_len < HEAD_BYTES) {
            size_t take = HEAD_BYTES - *head_len < (size_t)n ? HEAD_BYTES - *head_len : (size_t)n;
            memcpy(head + *head_len, chunk, take);
            *head_len += take;
        }
        h = vk_hash64_update(h, chunk, (size_t)n);
    }
    close(fd);
    *out = h;
    return 0;
}

/* Commits when the batch is full. */
static void
maybe_commit(run *r)
{
    if (r->full || (r->batch_files < r->batch_max && r->batch_bytes < BATCH_BYTES))
        return;
    vk_error err = {0};
    if (ix_writer_commit(r->w, &err) != VK_OK) {
        say(r, "%s", err.msg);
        r->fatal = 1;
    }
    r->batch_files = 0;
    r->batch_bytes = 0;
}

static void
index_item(run *r, const item *it)
{
    vk_error err = {0};
    uint64_t hash = 0, old = 0;
    int known = 0;
    char head[HEAD_BYTES];
    size_t head_len = 0;
    if (ix_writer_file_hash(r->w, it->abs, &known, &old, &err) != VK_OK) {
        say(r, "%s", err.msg);
        r->fatal = 1;
        return;
    }
    const char *keeps = known ? " (the index keeps its earlier version)" : "";
    /* A file over the limit is not read at all: a 1 GB file costs neither
     * the time to hash it nor the memory to hold it. */
    if ((uint64_t)it->size > CP_MAX_FILE) {
        vk_buf why = VK_BUF_INIT;
        vk_buf_printf(&why, "larger than the limit of %u bytes%s", CP_MAX_FILE, keeps);
        skip(r, it->path, why.data ? why.data : "too large");
        vk_buf_free(&why);
        return;
    }
    if (hash_file(it->path, &hash, head, &head_len) != 0) {
        skip(r, it->path, strerror(errno));
        return;
    }
    if (known && old == hash && !r->full) {
        r->unchanged++;
        return;
    }
    if (!supported(it->path, head, head_len)) {
        vk_buf why = VK_BUF_INIT;
        vk_buf_printf(&why, "%s%s", NOT_DOCUMENT, keeps);
        skip(r, it->path, why.data ? why.data : NOT_DOCUMENT);
        vk_buf_free(&why);
        return;
    }
    cp_file *f = NULL;
    if (cp_file_parse(it->path, &f, &err) != VK_OK) {
        /* The message names the file already. */
        r->skipped++;
        vk_buf_printf(&r->skips, "  %s%s\n", err.msg, keeps);
        if (r->quiet)
            fprintf(stderr, "vankien: %s (skipped)%s\n", err.msg, keeps);
        return;
    }
    size_t passages = 0;
    vk_status rc = ix_writer_add_file(r->w, f, &passages, &err);
    if (rc == VK_OK)
        rc = ix_writer_record_file(r->w, it->abs, hash, &err);
    if (rc != VK_OK) {
        say(r, "%s", err.msg);
        r->fatal = 1;
    } else {
        if (known)
            r->replaced++;
        else
            r->added++;
        r->docs += f->n_docs;
        r->passages += passages;
        r->batch_files++;
        r->batch_bytes += (uint64_t)it->size;
    }
    cp_file_free(f);
    maybe_commit(r);
}

static int
skip_name(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void
add_item(run *r, const char *path, const struct stat *st)
{
    char abs[PATH_MAX];
    if (!realpath(path, abs)) {
        skip(r, path, strerror(errno));
        return;
    }
    if (r->n_items == r->cap_items) {
        size_t cap = r->cap_items ? 2 * r->cap_items : 256;
        item *v = realloc(r->items, cap * sizeof *v);
        if (!v) {
            say(r, "out of memory");
            r->fatal = 1;
            return;
        }
        r->items = v;
        r->cap_items = cap;
    }
    item *it = &r->items[r->n_items];
    it->path = strdup(path);
    it->abs = strdup(abs);
    it->size = st->st_size;
    if (!it->path || !it->abs) {
        free(it->path);
        free(it->abs);
        say(r, "out of memory");
        r->fatal = 1;
        return;
    }
    r->n_items++;
    r->total_bytes += (uint64_t)st->st_size;
}

/* Lists the files under path into r->items. */
static void
walk(run *r, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        skip(r, path, errno == ENOENT ? "no such file or folder" : strerror(errno));
        return;
    }
    if (S_ISREG(st.st_mode)) {
        add_item(r, path, &st);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        skip(r, path, "not a regular file");
        return;
    }
    if (depth > 32) {
        skip(r, path, "folders nested too deep");
        return;
    }
    /* A folder reached again (a symbolic link back up, or to a folder
     * listed already) is read once: no loops, no files twice. */
    for (size_t i = 0; i < r->n_dirs; i++) {
        if (r->dirs[i].st_dev == st.st_dev && r->dirs[i].st_ino == st.st_ino)
            return;
    }
    struct stat *dirs = realloc(r->dirs, (r->n_dirs + 1) * sizeof *dirs);
    if (!dirs) {
        say(r, "out of memory");
        r->fatal = 1;
        return;
    }
    r->dirs = dirs;
    r->dirs[r->n_dirs++] = st;
    struct dirent **names = NULL;
    int n = scandir(path, &names, skip_name, alphasort);
    if (n < 0) {
        skip(r, path, "cannot read the folder");
        return;
    }
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(len);
        if (child && !r->fatal) {
            snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                     names[i]->d_name);
            walk(r, child, depth + 1);
        }
        free(child);
        free(names[i]);
    }
    free(names);
}

static int
item_cmp(const void *a, const void *b)
{
    return strcmp(((const item *)a)->abs, ((const item *)b)->abs);
}

/* bsearch: a path against an item. */
static int
abs_cmp(const void *key, const void *it)
{
    return strcmp(key, ((const item *)it)->abs);
}

/* Records the scope of one argument: its resolved path, or, if it is gone,
 * its absolute spelling (so that what was indexed from it is removed). */
static void
add_root(run *r, const char *arg)
{
    char abs[PATH_MAX];
    struct stat st;
    int is_dir = 1;
    if (realpath(arg, abs)) {
        is_dir = stat(abs, &st) == 0 && S_ISDIR(st.st_mode);
    } else if (arg[0] == '/') {
        snprintf(abs, sizeof abs, "%s", arg);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return;
        if ((size_t)snprintf(abs, sizeof abs, "%s/%s", cwd, arg) >= sizeof abs)
            return;
    }
    size_t len = strlen(abs);
    while (len > 1 && abs[len - 1] == '/')
        abs[--len] = '\0';
    root *v = realloc(r->roots, (r->n_roots + 1) * sizeof *v);
    if (!v)
        return;
    r->roots = v;
    r->roots[r->n_roots].abs = strdup(abs);
    r->roots[r->n_roots].is_dir = is_dir;
    if (r->roots[r->n_roots].abs)
        r->n_roots++;
}

static int
in_scope(const run *r, const char *abs)
{
    for (size_t i = 0; i < r->n_roots; i++) {
        const char *p = r->roots[i].abs;
        size_t n = strlen(p);
        if (strcmp(abs, p) == 0)
            return 1;
        if (r->roots[i].is_dir &&
            ((n == 1 && p[0] == '/') || (strncmp(abs, p, n) == 0 && abs[n] == '/')))
            return 1;
    }
    return 0;
}

/* ix_writer_files callback: removes a recorded file that is in scope and
 * was not found. */
static int
remove_gone(const char *abs, uint64_t hash, void *ud)
{
    (void)hash;
    run *r = ud;
    if (!in_scope(r, abs))
        return 0;
    if (r->n_items && bsearch(abs, r->items, r->n_items, sizeof *r->items, abs_cmp))
        return 0;
    vk_error err = {0};
    if (ix_writer_remove_file(r->w, abs, &err) != VK_OK) {
        say(r, "%s", err.msg);
        r->fatal = 1;
        return 1;
    }
    r->removed++;
    r->batch_files++;
    return 0;
}

static void
summary(run *r, const char *dbp)
{
    clear_bar(r);
    if (r->quiet)
        return;
    size_t written = r->added + r->replaced;
    fprintf(stderr,
            "vankien: indexed %zu file%s (%zu document%s, %zu passage%s) into %s: %zu added, "
            "%zu replaced, %zu removed, %zu unchanged; skipped %zu%s\n",
            written, written == 1 ? "" : "s", r->docs, r->docs == 1 ? "" : "s", r->passages,
            r->passages == 1 ? "" : "s", dbp, r->added, r->replaced, r->removed, r->unchanged,
            r->skipped, r->skipped ? ":" : "");
    if (r->skips.data)
        fputs(r->skips.data, stderr);
}

int
cmd_index(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"full", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"batch", required_argument, NULL, 'b'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    run r = {0};
    r.batch_max = BATCH_FILES;
    int c;
    long n;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:fqb:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if ((n = cli_parse_count(optarg, 1000000)) < 1) {
                cli_error("index: --batch wants a number of files from 1 up");
                return CLI_USAGE;
            }
            r.batch_max = (size_t)n;
            break;
        case 'd': db = optarg; break;
        case 'f': r.full = 1; break;
        case 'q': r.quiet = 1; break;
        case 'h': index_usage(stdout); return CLI_OK;
        default: index_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("index: no file or folder given");
        index_usage(stderr);
        return CLI_USAGE;
    }
    r.tty = isatty(STDERR_FILENO);
    r.start = now_s();
    vk_error err = {0};
    const char *dbp = cli_db_path(db);
    if (ix_writer_open(dbp, r.full, &r.w, &err) != VK_OK) {
        cli_error("%s", err.msg);
        return CLI_USAGE;
    }
    /* The index's own folder, inside an indexed one, is passed over as a
     * folder already read. */
    struct stat dbst;
    if (stat(dbp, &dbst) == 0 && (r.dirs = malloc(sizeof *r.dirs)) != NULL)
        r.dirs[r.n_dirs++] = dbst;
    for (int i = optind; i < argc && !r.fatal; i++) {
        add_root(&r, argv[i]);
        walk(&r, argv[i], 0);
    }
    /* One entry per file, even if reached twice (a symbolic link, a folder
     * given twice). */
    if (r.n_items)
        qsort(r.items, r.n_items, sizeof *r.items, item_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < r.n_items; i++) {
        if (kept && strcmp(r.items[kept - 1].abs, r.items[i].abs) == 0) {
            r.total_bytes -= (uint64_t)r.items[i].size;
            free(r.items[i].path);
            free(r.items[i].abs);
            continue;
        }
        r.items[kept++] = r.items[i];
    }
    r.n_items = kept;
    if (!r.fatal && !r.full && ix_writer_files(r.w, remove_gone, &r, &err) != VK_OK) {
        say(&r, "%s", err.msg);
        r.fatal = 1;
    }
    draw_bar(&r, 1);
    for (size_t i = 0; i < r.n_items && !r.fatal; i++) {
        index_item(&r, &r.items[i]);
        r.done_files++;
        r.done_bytes += (uint64_t)r.items[i].size;
        draw_bar(&r, i + 1 == r.n_items);
    }
    if (ix_writer_close(r.w, &err) != VK_OK) {
        say(&r, "%s", err.msg);
        r.fatal = 1;
    }
    summary(&r, dbp);
    for (size_t i = 0; i < r.n_items; i++) {
        free(r.items[i].path);
        free(r.items[i].abs);
    }
    free(r.items);
    for (size_t i = 0; i < r.n_roots; i++)
        free(r.roots[i].abs);
    free(r.roots);
    free(r.dirs);
    vk_buf_free(&r.skips);
    return r.fatal ? CLI_USAGE : CLI_OK;
}
