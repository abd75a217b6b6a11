/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd_index.c: `vankien index`: bring the index up to date with files and
 * folders. The files are listed first; each is hashed and compared with the
 * record the index keeps of it, so that only new and changed files are read
 * and written, and files gone from an indexed folder are removed. Changes
 * are committed in batches. A file that cannot be read, parsed or written
 * is skipped with its reason; it never stops the run. A failure of the index
 * itself (or of memory) does: the writer discards the batch it was in, so
 * that no file is committed half written.
 *
 * Worker threads hash, read, parse and analyse the files; in an update one
 * thread writes their documents to the index, in the order of the list.
 * A rebuild (--full) is made aside, next to the index: each worker writes
 * its own part, the parts are compacted into one new index, and the new
 * index takes the old one's place in one atomic exchange of the two
 * folders, so that readers see the old index until the new one is there.
 */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
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
/* A part of a rebuild is cut after this many bytes read (or --batch files
 * when given): what bounds the memory of each writing thread. Small parts
 * are also faster: Xapian's in-memory inverter slows down as it grows, and
 * compaction merges the parts in one pass over each. */
#define PART_BYTES (2u * 1024u * 1024u)
/* Parts merged by one compaction at most: what bounds its memory. */
#define MERGE_FAN 32

/* At most this many files are read and prepared ahead of the one being
 * written, per worker thread: what bounds the memory of a run. */
#define AHEAD_PER_WORKER 2
#define MAX_JOBS 64

/* What a worker made of a file, for the writer. */
typedef enum outcome {
    O_PENDING = 0,
    O_UNCHANGED, /* the index holds these bytes already */
    O_SKIPPED,   /* reason in `why` */
    O_PREPARED,  /* documents in `prep` */
    O_WRITTEN,   /* written by its worker (--full): n_docs, n_passages */
    O_FAILED,    /* the index failed: `why` */
} outcome;

/* A file found under the paths given. */
typedef struct item {
    char *path; /* as found (the argument, or folder + "/" + name) */
    char *abs;  /* resolved absolute path: the index's name for it */
    off_t size;
    ix_file_stat look; /* size, modification time, inode when listed */
    /* Filled by a worker. */
    outcome out;
    int known;                 /* the index has a record of this path */
    uint64_t hash;             /* of its bytes */
    char *why;                 /* O_SKIPPED: the summary's line, without "  " */
    ix_prepared *prep;         /* O_PREPARED */
    size_t n_docs, n_passages; /* O_WRITTEN */
} item;

/* A worker's own parts of a rebuild (--full): each a small index of one
 * batch ("<k>-<i>" in the folder of the parts), written in one commit into
 * a fresh database, which is fast at any size of the whole; the parts are
 * merged once, by compaction, at the end. */
typedef struct part {
    ix_writer *w; /* the part being written, opened on its first file */
    int done;     /* parts finished */
    size_t batch_files;
    uint64_t batch_bytes;
} part;

/* The index's record of a file, loaded before the workers start. */
typedef struct record {
    char *abs;
    uint64_t hash;
} record;

/* The recorded look of a file, by the hash of its path. */
typedef struct look_rec {
    uint64_t path_hash;
    ix_file_stat look;
} look_rec;

/* A path given on the command line: the scope within which indexed files
 * that are no longer there are removed. */
typedef struct root {
    char *abs;
    int is_dir;
} root;

typedef struct run {
    ix_writer *w; /* the index (an update) */
    xc_wdb *lock; /* the index, held for its lock (a rebuild) */
    char *aside;  /* a rebuild: the folder of the parts, next to the index */
    part parts[MAX_JOBS];
    int full, quiet, tty;
    int batch_given; /* --batch was given */
    record *records; /* sorted by path */
    size_t n_records, cap_records;
    look_rec *looks; /* sorted by path hash */
    size_t n_looks, cap_looks;
    /* Workers: files are taken in order; at most `ahead` past the one the
     * writer waits for. */
    pthread_mutex_t mu;
    pthread_cond_t ready; /* a file is done */
    pthread_cond_t room;  /* the writer moved on */
    size_t next_item;     /* next file for a worker */
    size_t written_upto;  /* files the writer is done with */
    size_t ahead;
    int stop;
    item *items;
    size_t n_items, cap_items;
    root *roots;
    size_t n_roots;
    struct stat *dirs; /* folders read so far (device and inode) */
    size_t n_dirs;
    vk_buf skips; /* "path: reason\n" for each file skipped */
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
            "usage: vankien index [--db DIR] [--full] [--batch N] [--jobs N] [--quiet] PATH...\n\n"
            "Brings the index up to date with files and folders (recursively;\n"
            "hidden entries are left out): new files are added, changed files\n"
            "replaced, and files no longer under an indexed PATH removed. A file is\n"
            "changed when its bytes are; unchanged files are not read again, and a\n"
            "run that finds nothing to do writes nothing. Changes are committed in\n"
            "batches, so an interrupted run loses at most its last batch and the\n"
            "next run completes it. Files that cannot be read, parsed or written\n"
            "are skipped, with their reasons in the summary.\n\n"
            "Word (.docx; .doc through antiword or catdoc), PDF and HTML files are\n"
            "read, known by their content whatever their names, and text files\n"
            "named .txt, .md or .html; legacy Vietnamese encodings (TCVN3, VNI,\n"
            "Windows-1258) are detected per file.\n\n"
            "  --db DIR   the index (default: $VANKIEN_DB, else ./vankien.db)\n"
            "  --full     rebuild: a new index is made aside, in parallel, compacted,\n"
            "             and put in the old one's place when complete (readers see\n"
            "             the old index until then)\n"
            "  --batch N  commit after every N files written (default 64; also after\n"
            "             16 MB read)\n"
            "  --jobs N   read and analyse files in N threads (default: the number\n"
            "             of processors); one more writes the index\n"
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
                  : r->n_items   ? (double)r->done_files / (double)r->n_items
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

static int
record_cmp(const void *key, const void *rec)
{
    return strcmp(key, ((const record *)rec)->abs);
}

/* ix_writer_files callback: keeps a record for the workers. */
static int
keep_record(const char *abs, uint64_t hash, void *ud)
{
    run *r = ud;
    if (r->n_records == r->cap_records) {
        size_t cap = r->cap_records ? 2 * r->cap_records : 256;
        record *v = realloc(r->records, cap * sizeof *v);
        if (!v)
            return 1;
        r->records = v;
        r->cap_records = cap;
    }
    if (!(r->records[r->n_records].abs = strdup(abs)))
        return 1;
    r->records[r->n_records++].hash = hash;
    return 0;
}

/* ix_writer_file_stats callback: keeps a file's look for the workers. */
static int
keep_look(uint64_t path_hash, const ix_file_stat *look, void *ud)
{
    run *r = ud;
    if (r->n_looks == r->cap_looks) {
        size_t cap = r->cap_looks ? 2 * r->cap_looks : 256;
        look_rec *v = realloc(r->looks, cap * sizeof *v);
        if (!v)
            return 1;
        r->looks = v;
        r->cap_looks = cap;
    }
    r->looks[r->n_looks++] = (look_rec){path_hash, *look};
    return 0;
}

static int
look_cmp(const void *a, const void *b)
{
    uint64_t x = ((const look_rec *)a)->path_hash, y = ((const look_rec *)b)->path_hash;
    return (x > y) - (x < y);
}

/* Nonzero if the file looks as it did when it was indexed. */
static int
looks_unchanged(const run *r, const item *it)
{
    if (!r->n_looks)
        return 0;
    look_rec key = {vk_hash64(it->abs, strlen(it->abs)), {0, 0, 0, 0}};
    const look_rec *l = bsearch(&key, r->looks, r->n_looks, sizeof *r->looks, look_cmp);
    return l && l->look.size == it->look.size && l->look.mtime_s == it->look.mtime_s &&
           l->look.mtime_ns == it->look.mtime_ns && l->look.ino == it->look.ino;
}

static int
record_sort(const void *a, const void *b)
{
    return strcmp(((const record *)a)->abs, ((const record *)b)->abs);
}

/* The worker's part of a file, without the index: hash it, compare with the
 * record, read, parse and make its documents. Thread-safe. */
static outcome
prepare_item(const run *r, item *it)
{
    vk_error err = {0};
    char head[HEAD_BYTES];
    size_t head_len = 0;
    const record *rec =
        r->n_records ? bsearch(it->abs, r->records, r->n_records, sizeof *r->records, record_cmp)
                     : NULL;
    it->known = rec != NULL;
    const char *keeps = it->known ? " (the index keeps its earlier version)" : "";
    vk_buf why = VK_BUF_INIT;
    /* A file over the limit is not read at all: a 1 GB file costs neither
     * the time to hash it nor the memory to hold it. */
    if ((uint64_t)it->size > CP_MAX_FILE) {
        vk_buf_printf(&why, "%s: larger than the limit of %u bytes%s", it->path, CP_MAX_FILE,
                      keeps);
        it->why = why.data;
        return O_SKIPPED;
    }
    if (hash_file(it->path, &it->hash, head, &head_len) != 0) {
        const char *e = strerror(errno);
        size_t n = strlen(it->path) + strlen(e) + 3;
        if ((it->why = malloc(n)))
            snprintf(it->why, n, "%s: %s", it->path, e);
        return O_SKIPPED;
    }
    if (rec && rec->hash == it->hash && !r->full)
        return O_UNCHANGED;
    if (!supported(it->path, head, head_len)) {
        vk_buf_printf(&why, "%s: %s%s", it->path, NOT_DOCUMENT, keeps);
        it->why = why.data;
        return O_SKIPPED;
    }
    cp_file *f = NULL;
    if (cp_file_parse(it->path, &f, &err) != VK_OK) {
        /* The message names the file already. */
        vk_buf_printf(&why, "%s%s", err.msg, keeps);
        it->why = why.data;
        return O_SKIPPED;
    }
    outcome o = O_PREPARED;
    vk_status rc = ix_prepare_file(f, &it->prep, &err);
    if (rc != VK_OK) {
        /* Out of memory is the run's problem, not the file's. */
        vk_buf_printf(&why, "%s%s", err.msg, rc == VK_ENOMEM ? "" : keeps);
        it->why = why.data;
        o = rc == VK_ENOMEM ? O_FAILED : O_SKIPPED;
    }
    cp_file_free(f);
    return o;
}

/* Skips a file the index refused (ix_writer_put's VK_EINVAL, nothing
 * written): its reason, from err, goes in the summary and the run goes on.
 * Returns the line, without "  ", to keep in `why` (NULL: out of memory). */
static char *
refused(const item *it, const vk_error *err)
{
    vk_buf why = VK_BUF_INIT;
    vk_buf_printf(&why, "%s%s", err->msg,
                  it->known ? " (the index keeps its earlier version)" : "");
    return why.data;
}

/* Counts a skipped file and keeps its reason for the summary. */
static void
skip_item(run *r, const item *it)
{
    const char *why = it->why ? it->why : "out of memory";
    r->skipped++;
    vk_buf_printf(&r->skips, "  %s\n", why);
    if (r->quiet)
        fprintf(stderr, "vankien: skipped: %s\n", why);
}

/* The writer's part of a file, in the order of the list. */
static void
write_item(run *r, item *it)
{
    vk_error err = {0};
    if (it->out == O_UNCHANGED) {
        r->unchanged++;
        return;
    }
    if (it->out == O_FAILED) {
        say(r, "%s", it->why ? it->why : "out of memory");
        r->fatal = 1;
        return;
    }
    if (it->out == O_WRITTEN) {
        r->added++;
        r->docs += it->n_docs;
        r->passages += it->n_passages;
        return;
    }
    vk_status rc = it->out == O_PREPARED ? ix_writer_put(r->w, it->prep, &err) : VK_OK;
    if (rc == VK_EINVAL) {
        /* Refused before the index was touched: the batch goes on. */
        free(it->why);
        it->why = refused(it, &err);
        it->out = O_SKIPPED;
    }
    if (it->out != O_PREPARED) {
        skip_item(r, it);
        return;
    }
    if (rc == VK_OK)
        rc = ix_writer_record_file(r->w, it->abs, it->hash, &it->look, &err);
    if (rc != VK_OK) {
        say(r, "%s", err.msg);
        r->fatal = 1;
        return;
    }
    if (it->known)
        r->replaced++;
    else
        r->added++;
    r->docs += ix_prepared_docs(it->prep);
    r->passages += ix_prepared_passages(it->prep);
    r->batch_files++;
    r->batch_bytes += (uint64_t)it->size;
    maybe_commit(r);
}

/* A rebuild: worker k writes a prepared file into its own part, committed
 * in batches like an update. Returns O_WRITTEN; O_SKIPPED with `why` when
 * the index refused the file (nothing of it written); or O_FAILED with
 * `why` when the part failed. */
static outcome
write_part(run *r, int k, item *it)
{
    part *pt = &r->parts[k];
    vk_error err = {0};
    vk_status rc = VK_OK;
    if (!pt->w) {
        vk_buf path = VK_BUF_INIT;
        vk_buf_printf(&path, "%s/%d-%d", r->aside, k, pt->done);
        rc = path.data ? ix_writer_open(path.data, 1, &pt->w, &err)
                       : vk_fail(&err, VK_ENOMEM, "out of memory");
        vk_buf_free(&path);
    }
    if (rc == VK_OK)
        rc = ix_writer_put(pt->w, it->prep, &err);
    if (rc == VK_OK)
        rc = ix_writer_record_file(pt->w, it->abs, it->hash, &it->look, &err);
    if (rc == VK_OK) {
        it->n_docs = ix_prepared_docs(it->prep);
        it->n_passages = ix_prepared_passages(it->prep);
        pt->batch_files++;
        pt->batch_bytes += (uint64_t)it->size;
        if ((r->batch_given && pt->batch_files >= r->batch_max) || pt->batch_bytes >= PART_BYTES) {
            rc = ix_writer_close(pt->w, &err);
            pt->w = NULL;
            pt->done++;
            pt->batch_files = 0;
            pt->batch_bytes = 0;
        }
    }
    ix_prepared_free(it->prep);
    it->prep = NULL;
    if (rc == VK_OK)
        return O_WRITTEN;
    if (rc == VK_EINVAL) {
        it->why = refused(it, &err);
        return O_SKIPPED;
    }
    it->why = strdup(err.msg);
    return O_FAILED;
}

typedef struct worker_arg {
    run *r;
    int k;
} worker_arg;

static void *
worker(void *arg)
{
    run *r = ((worker_arg *)arg)->r;
    int k = ((worker_arg *)arg)->k;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->stop && r->next_item < r->n_items && r->next_item >= r->written_upto + r->ahead)
            pthread_cond_wait(&r->room, &r->mu);
        if (r->stop || r->next_item >= r->n_items)
            break;
        item *it = &r->items[r->next_item++];
        if (it->out != O_PENDING)
            continue; /* decided before the workers started */
        pthread_mutex_unlock(&r->mu);
        outcome o = prepare_item(r, it);
        if (o == O_PREPARED && r->aside)
            o = write_part(r, k, it);
        pthread_mutex_lock(&r->mu);
        it->out = o;
        pthread_cond_broadcast(&r->ready);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Runs the workers and writes what they make, in order (a rebuild: counts
 * what they wrote). */
static void
index_items(run *r, int jobs)
{
    pthread_t tid[MAX_JOBS];
    worker_arg args[MAX_JOBS];
    int started = 0;
    /* Files with the size, modification time and inode they had when they
     * were indexed are unchanged, decided here without a worker or a read:
     * on a large folder with few changes, that is nearly every file. (A file
     * rewritten in place within the same nanosecond at the same size is not
     * seen; --full reads everything.) */
    for (size_t i = 0; i < r->n_items && !r->full && r->n_looks; i++) {
        item *it = &r->items[i];
        if (bsearch(it->abs, r->records, r->n_records, sizeof *r->records, record_cmp) &&
            looks_unchanged(r, it))
            it->out = O_UNCHANGED;
    }
    r->ahead = (size_t)jobs * AHEAD_PER_WORKER;
    for (; started < jobs; started++) {
        args[started] = (worker_arg){r, started};
        if (pthread_create(&tid[started], NULL, worker, &args[started]) != 0)
            break;
    }
    if (started == 0) {
        /* No thread to be had: prepare each file here. */
        for (size_t i = 0; i < r->n_items && !r->fatal; i++) {
            item *it = &r->items[i];
            it->out = prepare_item(r, it);
            if (it->out == O_PREPARED && r->aside)
                it->out = write_part(r, 0, it);
            write_item(r, it);
            ix_prepared_free(r->items[i].prep);
            r->items[i].prep = NULL;
            r->done_files++;
            r->done_bytes += (uint64_t)r->items[i].size;
            draw_bar(r, i + 1 == r->n_items);
        }
        return;
    }
    for (size_t i = 0; i < r->n_items && !r->fatal; i++) {
        item *it = &r->items[i];
        pthread_mutex_lock(&r->mu);
        if (it->out == O_PENDING && r->written_upto < i) {
            /* Everything before i is done: room for the workers. */
            r->written_upto = i;
            pthread_cond_broadcast(&r->room);
        }
        while (it->out == O_PENDING)
            pthread_cond_wait(&r->ready, &r->mu);
        pthread_mutex_unlock(&r->mu);
        if (it->out == O_UNCHANGED && !it->prep) {
            /* Nothing to write: move on without waking the workers for
             * each file (they look past decided files themselves). */
            r->unchanged++;
            r->done_files++;
            r->done_bytes += (uint64_t)it->size;
            if (i + 1 == r->n_items || (i & 255) == 0) {
                pthread_mutex_lock(&r->mu);
                r->written_upto = i + 1;
                pthread_cond_broadcast(&r->room);
                pthread_mutex_unlock(&r->mu);
                draw_bar(r, i + 1 == r->n_items);
            }
            continue;
        }
        write_item(r, it);
        ix_prepared_free(it->prep);
        it->prep = NULL;
        pthread_mutex_lock(&r->mu);
        r->written_upto = i + 1;
        pthread_cond_broadcast(&r->room);
        pthread_mutex_unlock(&r->mu);
        r->done_files++;
        r->done_bytes += (uint64_t)it->size;
        draw_bar(r, i + 1 == r->n_items);
    }
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->room);
    pthread_mutex_unlock(&r->mu);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
}

static int
skip_name(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

static void
add_item(run *r, const char *path, const char *known_abs, const struct stat *st)
{
    char abs[PATH_MAX];
    if (known_abs) {
        snprintf(abs, sizeof abs, "%s", known_abs);
    } else if (!realpath(path, abs)) {
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
    memset(it, 0, sizeof *it);
    it->path = strdup(path);
    it->abs = strdup(abs);
    it->size = st->st_size;
    it->look = (ix_file_stat){(uint64_t)st->st_size, (int64_t)st->st_mtim.tv_sec,
                              (int64_t)st->st_mtim.tv_nsec, (uint64_t)st->st_ino};
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
walk(run *r, const char *path, const char *abs, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        skip(r, path, errno == ENOENT ? "no such file or folder" : strerror(errno));
        return;
    }
    if (S_ISREG(st.st_mode)) {
        add_item(r, path, abs, &st);
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
    /* The folder's resolved path, once: an entry that is not a symbolic
     * link resolves to it and its name (no realpath per file). */
    char dir_abs[PATH_MAX];
    int have_abs =
        abs ? snprintf(dir_abs, sizeof dir_abs, "%s", abs) > 0 : realpath(path, dir_abs) != NULL;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(len);
        char child_abs[PATH_MAX];
        int known = have_abs && names[i]->d_type != DT_LNK && names[i]->d_type != DT_UNKNOWN &&
                    (size_t)snprintf(child_abs, sizeof child_abs, "%s%s%s", dir_abs,
                                     strcmp(dir_abs, "/") == 0 ? "" : "/",
                                     names[i]->d_name) < sizeof child_abs;
        if (child && !r->fatal) {
            snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                     names[i]->d_name);
            walk(r, child, known ? child_abs : NULL, depth + 1);
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

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* Removes a folder and everything under it (symbolic links not followed). */
static void
remove_tree(const char *path)
{
    nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* A rebuild: holds the index's lock, clears what killed rebuilds left, and
 * makes the folder of the parts next to the index, ".<index>.full-<pid>"
 * (hidden, so that indexing the folder that holds the index passes it
 * over). Returns 0 or -1. */
static int
begin_rebuild(run *r, const char *dbp)
{
    /* The compaction opens every part (a few files each): the open-file
     * limit up to what is allowed. */
    struct rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    xc_status st = xc_wdb_open(dbp, XC_OPEN_CREATE_OR_OPEN, &r->lock);
    if (st == XC_ELOCKED) {
        cli_error("%s: the index is locked by another writer (%s)", dbp, xc_errmsg());
        return -1;
    }
    if (st != XC_OK) {
        cli_error("%s: %s", dbp, xc_errmsg());
        return -1;
    }
    char dir[PATH_MAX], base[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", dbp);
    snprintf(base, sizeof base, "%s", dbp);
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/')
        base[--n] = '\0';
    const char *name = basename(base);
    const char *parent = dirname(dir);
    DIR *d = opendir(parent);
    size_t nl = strlen(name);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.' && strncmp(e->d_name + 1, name, nl) == 0 &&
            strncmp(e->d_name + 1 + nl, ".full-", 6) == 0) {
            char old[PATH_MAX];
            if ((size_t)snprintf(old, sizeof old, "%s/%s", parent, e->d_name) < sizeof old)
                remove_tree(old);
        }
    }
    if (d)
        closedir(d);
    vk_buf a = VK_BUF_INIT;
    vk_buf_printf(&a, "%s/.%s.full-%ld", parent, name, (long)getpid());
    if (!a.data || mkdir(a.data, 0777) != 0) {
        cli_error("cannot create %s: %s", a.data ? a.data : "a folder", strerror(errno));
        vk_buf_free(&a);
        return -1;
    }
    r->aside = a.data;
    return 0;
}

/* A rebuild that went through: the parts compacted into one index, which
 * takes the place of the old in one atomic exchange. Returns 0 or -1. */
static int
finish_rebuild(run *r, const char *dbp)
{
    vk_error err = {0};
    size_t total = 0;
    for (int k = 0; k < MAX_JOBS; k++) {
        if (r->parts[k].w) {
            vk_status rc = ix_writer_close(r->parts[k].w, &err);
            r->parts[k].w = NULL;
            r->parts[k].done++;
            if (rc != VK_OK) {
                say(r, "%s", err.msg);
                return -1;
            }
        }
        total += (size_t)r->parts[k].done;
    }
    char **paths = calloc(total ? total : 1, sizeof *paths);
    if (!paths) {
        say(r, "out of memory");
        return -1;
    }
    size_t n = 0;
    int rc = 0;
    for (int k = 0; k < MAX_JOBS && rc == 0; k++) {
        for (int i = 0; i < r->parts[k].done && rc == 0; i++) {
            vk_buf p = VK_BUF_INIT;
            vk_buf_printf(&p, "%s/%d-%d", r->aside, k, i);
            if (!(paths[n++] = p.data))
                rc = -1;
        }
    }
    if (rc == 0 && n == 0) {
        /* Nothing to index: an empty index of this format. */
        ix_writer *w = NULL;
        vk_buf p = VK_BUF_INIT;
        vk_buf_printf(&p, "%s/empty", r->aside);
        paths[n++] = p.data;
        if (!p.data || ix_writer_open(p.data, 1, &w, &err) != VK_OK ||
            ix_writer_close(w, &err) != VK_OK) {
            say(r, "%s", p.data ? err.msg : "out of memory");
            rc = -1;
        }
    }
    /* Compaction holds every source open: at most MERGE_FAN at a time,
     * the rest in rounds through intermediate parts ("m<round>-<i>"). */
    for (int round = 0; rc == 0 && n > MERGE_FAN; round++) {
        size_t m = 0, i = 0;
        while (i < n) {
            size_t k = n - i < MERGE_FAN ? n - i : MERGE_FAN;
            vk_buf p = VK_BUF_INIT;
            vk_buf_printf(&p, "%s/m%d-%zu", r->aside, round, m);
            if (rc == 0 &&
                (!p.data || ix_compact((const char *const *)paths + i, k, p.data, &err) != VK_OK)) {
                say(r, "%s", p.data ? err.msg : "out of memory");
                rc = -1;
            }
            for (size_t j = i; j < i + k; j++) {
                if (paths[j])
                    remove_tree(paths[j]);
                free(paths[j]);
            }
            i += k;
            paths[m++] = p.data; /* m <= i: a slot already freed */
        }
        n = m;
    }
    char fresh[PATH_MAX];
    snprintf(fresh, sizeof fresh, "%s/new", r->aside);
    if (rc == 0 && ix_compact((const char *const *)paths, n, fresh, &err) != VK_OK) {
        say(r, "%s", err.msg);
        rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    if (rc != 0)
        return -1;
    if (renameat2(AT_FDCWD, fresh, AT_FDCWD, dbp, RENAME_EXCHANGE) != 0 &&
        rename(fresh, dbp) != 0) {
        say(r, "cannot put the new index in place of %s: %s", dbp, strerror(errno));
        return -1;
    }
    return 0;
}

int
cmd_index(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"full", no_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"batch", required_argument, NULL, 'b'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    run r = {0};
    r.batch_max = BATCH_FILES;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : (int)cpus;
    int c;
    long n;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:fqb:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'b':
            if ((n = cli_parse_count(optarg, 1000000)) < 1) {
                cli_error("index: --batch wants a number of files from 1 up");
                return CLI_USAGE;
            }
            r.batch_max = (size_t)n;
            r.batch_given = 1;
            break;
        case 'j':
            if ((n = cli_parse_count(optarg, MAX_JOBS)) < 1) {
                cli_error("index: --jobs wants a number of threads from 1 to %d", MAX_JOBS);
                return CLI_USAGE;
            }
            jobs = (int)n;
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
    struct stat dbst;
    if (stat(dbp, &dbst) == 0 && !S_ISDIR(dbst.st_mode)) {
        cli_error("index: %s is not an index folder (a stub database of shards is searched, "
                  "not written: index into the one index and split it again)",
                  dbp);
        return CLI_USAGE;
    }
    if (r.full) {
        if (begin_rebuild(&r, dbp) != 0) {
            xc_wdb_close(r.lock);
            return CLI_USAGE;
        }
    } else if (ix_writer_open(dbp, 0, &r.w, &err) != VK_OK) {
        cli_error("%s", err.msg);
        return CLI_USAGE;
    }
    /* The index's own folder, inside an indexed one, is passed over as a
     * folder already read. */
    if (stat(dbp, &dbst) == 0 && (r.dirs = malloc(sizeof *r.dirs)) != NULL)
        r.dirs[r.n_dirs++] = dbst;
    for (int i = optind; i < argc && !r.fatal; i++) {
        add_root(&r, argv[i]);
        walk(&r, argv[i], NULL, 0);
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
    if (!r.fatal && !r.full && ix_writer_files(r.w, keep_record, &r, &err) != VK_OK) {
        say(&r, "%s", err.msg);
        r.fatal = 1;
    }
    if (!r.fatal && !r.full && ix_writer_file_stats(r.w, keep_look, &r, &err) != VK_OK) {
        say(&r, "%s", err.msg);
        r.fatal = 1;
    }
    if (r.n_records)
        qsort(r.records, r.n_records, sizeof *r.records, record_sort);
    if (r.n_looks)
        qsort(r.looks, r.n_looks, sizeof *r.looks, look_cmp);
    draw_bar(&r, 1);
    if (!r.fatal) {
        pthread_mutex_init(&r.mu, NULL);
        pthread_cond_init(&r.ready, NULL);
        pthread_cond_init(&r.room, NULL);
        index_items(&r, jobs);
        pthread_cond_destroy(&r.room);
        pthread_cond_destroy(&r.ready);
        pthread_mutex_destroy(&r.mu);
    }
    if (r.full) {
        if (!r.fatal && finish_rebuild(&r, dbp) != 0)
            r.fatal = 1;
        for (int k = 0; k < MAX_JOBS; k++)
            ix_writer_close(r.parts[k].w, &err);
        /* The old index (exchanged into the folder of the parts) goes with
         * it; readers that still have it open keep their files. */
        xc_wdb_close(r.lock);
        remove_tree(r.aside);
        free(r.aside);
    } else if (ix_writer_close(r.w, &err) != VK_OK) {
        say(&r, "%s", err.msg);
        r.fatal = 1;
    }
    summary(&r, dbp);
    for (size_t i = 0; i < r.n_items; i++) {
        free(r.items[i].path);
        free(r.items[i].abs);
        free(r.items[i].why);
        ix_prepared_free(r.items[i].prep);
    }
    free(r.items);
    for (size_t i = 0; i < r.n_records; i++)
        free(r.records[i].abs);
    free(r.records);
    free(r.looks);
    for (size_t i = 0; i < r.n_roots; i++)
        free(r.roots[i].abs);
    free(r.roots);
    free(r.dirs);
    vk_buf_free(&r.skips);
    return r.fatal ? CLI_USAGE : CLI_OK;
}
