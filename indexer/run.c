/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run.c: ix_index_run (ix_run.h): the files listed (run_list.c) are compared
 * with the index's records; worker threads hash, read, parse and analyse
 * the new and changed ones, and the calling thread writes them in the order
 * of the list, committing in batches (an update), or counts what the
 * workers wrote into their parts (a rebuild, run_rebuild.c).
 */
#define _GNU_SOURCE /* struct stat's st_mtim */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "corpus/cp.h"
#include "corpus/readers.h"
#include "indexer/run_internal.h"

/* A batch is committed after the files given (IX_RUN_BATCH_FILES) or this
 * many bytes read. */
#define BATCH_BYTES (16u * 1024u * 1024u)
/* At most this many files are read and prepared ahead of the one being
 * written, per worker thread: what bounds the memory of an update (a
 * rebuild's workers keep nothing of what they wrote: index_items). */
#define AHEAD_PER_WORKER 2
/* The first bytes of a file kept while it is hashed, to tell its format. */
#define HEAD_BYTES 4096
#define NOT_DOCUMENT "not a document (text is read from .txt and .md files)"
#define KEEPS " (the index keeps its earlier version)"

/* Tells cb of an event, with the progress so far. */
static void
tell(run *r, ix_event event, const ix_skip *skip, const char *error)
{
    if (!r->cb)
        return;
    ix_progress p = {event, r->done_files, r->n_items, r->done_bytes, r->total_bytes, skip, error};
    r->cb(&p, r->ud);
}

void
run_fail(run *r, vk_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (msg) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
        va_end(ap);
    }
    tell(r, IX_EVENT_ERROR, NULL, msg ? msg : "out of memory");
    if (!r->fatal) {
        r->status = st == VK_OK ? VK_EINDEX : st;
        vk_fail(r->err, r->status, "%s", msg ? msg : "out of memory");
    }
    free(msg);
    r->fatal = 1;
}

/* Keeps a copy of s in the summary; out of memory leaves it out. */
static void
keep_skip(run *r, const ix_skip *s)
{
    ix_index_summary *sum = r->sum;
    if (sum->n_skips == r->cap_skips) {
        size_t cap = r->cap_skips ? 2 * r->cap_skips : 16;
        ix_skip *v = realloc(sum->skips, cap * sizeof *v);
        if (!v)
            return;
        sum->skips = v;
        r->cap_skips = cap;
    }
    const char *path = vk_arena_strndup(&sum->strings, s->path, strlen(s->path));
    const char *reason = vk_arena_strndup(&sum->strings, s->reason, strlen(s->reason));
    if (path && reason)
        sum->skips[sum->n_skips++] = (ix_skip){path, reason, s->stage};
}

void
run_skip(run *r, const char *path, const char *reason, ix_skip_stage stage)
{
    ix_skip s = {path, reason, stage};
    r->sum->skipped++;
    keep_skip(r, &s);
    tell(r, IX_EVENT_SKIPPED, &s, NULL);
}

/* Skips a listed file, with the message of why (which names the file). */
static void
skip_item(run *r, const item *it)
{
    const char *why = it->why ? it->why : "out of memory";
    size_t n = strlen(it->path);
    if (strncmp(why, it->path, n) == 0 && why[n] == ':' && why[n + 1] == ' ')
        why += n + 2;
    run_skip(r, it->path, why, IX_SKIP_FILE);
}

char *
run_refused(const item *it, const vk_error *err)
{
    vk_buf why = VK_BUF_INIT;
    vk_buf_printf(&why, "%s%s", err->msg, it->known ? KEEPS : "");
    return why.data;
}

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

static int
record_cmp(const void *key, const void *rec)
{
    return strcmp(key, ((const record *)rec)->abs);
}

static const record *
record_of(const run *r, const char *abs)
{
    return r->n_records ? bsearch(abs, r->records, r->n_records, sizeof *r->records, record_cmp)
                        : NULL;
}

/* Reads, parses and prepares a file whose bytes were hashed and found to
 * be a document (`keeps`: the suffix of a skipped file's reason). */
static outcome
parse_item(item *it, const char *keeps)
{
    vk_error err = {0};
    vk_buf why = VK_BUF_INIT;
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
        it->failed = rc;
        o = rc == VK_ENOMEM ? O_FAILED : O_SKIPPED;
    }
    cp_file_free(f);
    return o;
}

/* The worker's part of a file, without the index: hash it, compare with the
 * record, read, parse and make its documents. Thread-safe. */
static outcome
prepare_item(const run *r, item *it)
{
    char head[HEAD_BYTES];
    size_t head_len = 0;
    const record *rec = record_of(r, it->abs);
    it->known = rec != NULL;
    const char *keeps = it->known ? KEEPS : "";
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
        vk_buf_printf(&why, "%s: %s", it->path, strerror(errno));
        it->why = why.data;
        return O_SKIPPED;
    }
    if (rec && rec->hash == it->hash && !r->full)
        return O_UNCHANGED;
    if (!supported(it->path, head, head_len)) {
        vk_buf_printf(&why, "%s: %s%s", it->path, NOT_DOCUMENT, keeps);
        it->why = why.data;
        return O_SKIPPED;
    }
    return parse_item(it, keeps);
}

/* Commits when the batch is full (an update). */
static void
maybe_commit(run *r)
{
    if (r->full || (r->batch_files < r->batch_max && r->batch_bytes < BATCH_BYTES))
        return;
    vk_error err = {0};
    if (ix_writer_commit(r->w, &err) != VK_OK)
        run_fail(r, err.status, "%s", err.msg);
    r->batch_files = 0;
    r->batch_bytes = 0;
}

/* Writes a prepared file into the index (an update). */
static void
put_item(run *r, item *it)
{
    vk_error err = {0};
    vk_status rc = ix_writer_put(r->w, it->prep, &err);
    if (rc == VK_EINVAL) {
        /* Refused before the index was touched: the batch goes on. */
        free(it->why);
        it->why = run_refused(it, &err);
        it->out = O_SKIPPED;
        skip_item(r, it);
        return;
    }
    if (rc == VK_OK)
        rc = ix_writer_record_file(r->w, it->abs, it->hash, &it->look, &err);
    if (rc != VK_OK) {
        run_fail(r, err.status, "%s", err.msg);
        return;
    }
    if (it->known)
        r->sum->replaced++;
    else
        r->sum->added++;
    r->sum->docs += ix_prepared_docs(it->prep);
    r->sum->passages += ix_prepared_passages(it->prep);
    r->sum->long_terms += ix_prepared_long_terms(it->prep);
    r->batch_files++;
    r->batch_bytes += (uint64_t)it->size;
    maybe_commit(r);
}

/* The writer's part of a file, in the order of the list. */
static void
write_item(run *r, item *it)
{
    switch (it->out) {
    case O_UNCHANGED: r->sum->unchanged++; return;
    case O_FAILED:
        run_fail(r, it->why ? it->failed : VK_ENOMEM, "%s", it->why ? it->why : "out of memory");
        return;
    case O_WRITTEN:
        r->sum->added++;
        r->sum->docs += it->n_docs;
        r->sum->passages += it->n_passages;
        r->sum->long_terms += it->n_long;
        return;
    case O_PREPARED: put_item(r, it); return;
    default: skip_item(r, it); return;
    }
}

/* The writer is done with a file. */
static void
item_done(run *r, item *it)
{
    ix_prepared_free(it->prep);
    it->prep = NULL;
    r->done_files++;
    r->done_bytes += (uint64_t)it->size;
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
            o = run_rebuild_write(r, k, it);
        pthread_mutex_lock(&r->mu);
        it->out = o;
        pthread_cond_broadcast(&r->ready);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* The writer moved on: the files before `upto` are done with. */
static void
moved_on(run *r, size_t upto)
{
    pthread_mutex_lock(&r->mu);
    r->written_upto = upto;
    pthread_cond_broadcast(&r->room);
    pthread_mutex_unlock(&r->mu);
}

/* Waits for a worker to be done with file i. */
static void
wait_for(run *r, size_t i)
{
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
}

/* Writes what the workers make, in order. */
static void
write_in_order(run *r)
{
    for (size_t i = 0; i < r->n_items && !r->fatal; i++) {
        item *it = &r->items[i];
        wait_for(r, i);
        if (it->out == O_UNCHANGED && !it->prep) {
            /* Nothing to write: move on without waking the workers for
             * each file (they look past decided files themselves). */
            r->sum->unchanged++;
            item_done(r, it);
            if (i + 1 == r->n_items || (i & 255) == 0) {
                moved_on(r, i + 1);
                tell(r, IX_EVENT_PROGRESS, NULL, NULL);
            }
            continue;
        }
        write_item(r, it);
        ix_prepared_free(it->prep);
        it->prep = NULL;
        moved_on(r, i + 1);
        item_done(r, it);
        tell(r, IX_EVENT_PROGRESS, NULL, NULL);
    }
}

/* No thread to be had: each file prepared and written here. */
static void
index_here(run *r)
{
    for (size_t i = 0; i < r->n_items && !r->fatal; i++) {
        item *it = &r->items[i];
        it->out = prepare_item(r, it);
        if (it->out == O_PREPARED && r->aside)
            it->out = run_rebuild_write(r, 0, it);
        write_item(r, it);
        item_done(r, it);
        tell(r, IX_EVENT_PROGRESS, NULL, NULL);
    }
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

/* Runs the workers and writes what they make, in order (a rebuild: counts
 * what they wrote). */
static void
index_items(run *r, int jobs)
{
    pthread_t tid[IX_RUN_MAX_JOBS];
    worker_arg args[IX_RUN_MAX_JOBS];
    int started = 0;
    /* Files with the size, modification time and inode they had when they
     * were indexed are unchanged, decided here without a worker or a read:
     * on a large folder with few changes, that is nearly every file. (A file
     * rewritten in place within the same nanosecond at the same size is not
     * seen; a rebuild reads everything.) */
    for (size_t i = 0; i < r->n_items && !r->full && r->n_looks; i++) {
        item *it = &r->items[i];
        if (record_of(r, it->abs) && looks_unchanged(r, it))
            it->out = O_UNCHANGED;
    }
    /* A rebuild's workers write what they prepare into their own parts and
     * keep nothing of it: no window, or a worker committing its part (a
     * fifth of the work, in pauses) would hold the others back. */
    r->ahead = r->aside ? r->n_items : (size_t)jobs * AHEAD_PER_WORKER;
    for (; started < jobs; started++) {
        args[started] = (worker_arg){r, started};
        if (pthread_create(&tid[started], NULL, worker, &args[started]) != 0)
            break;
    }
    if (started == 0) {
        index_here(r);
        return;
    }
    write_in_order(r);
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->room);
    pthread_mutex_unlock(&r->mu);
    for (int i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
}

/* bsearch: a path against an item. */
static int
abs_cmp(const void *key, const void *it)
{
    return strcmp(key, ((const item *)it)->abs);
}

/* ix_writer_files callback: removes a recorded file that is in scope and
 * was not found. */
static int
remove_gone(const char *abs, uint64_t hash, void *ud)
{
    (void)hash;
    run *r = ud;
    if (!run_in_scope(r, abs))
        return 0;
    if (r->n_items && bsearch(abs, r->items, r->n_items, sizeof *r->items, abs_cmp))
        return 0;
    vk_error err = {0};
    if (ix_writer_remove_file(r->w, abs, &err) != VK_OK) {
        run_fail(r, err.status, "%s", err.msg);
        return 1;
    }
    r->sum->removed++;
    r->batch_files++;
    return 0;
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
record_sort(const void *a, const void *b)
{
    return strcmp(((const record *)a)->abs, ((const record *)b)->abs);
}

/* An update: removes the recorded files that are gone, and loads the
 * records and looks of the others for the workers. */
static void
compare_records(run *r)
{
    vk_error err = {0};
    if (!r->fatal && ix_writer_files(r->w, remove_gone, r, &err) != VK_OK)
        run_fail(r, err.status, "%s", err.msg);
    if (!r->fatal && ix_writer_files(r->w, keep_record, r, &err) != VK_OK)
        run_fail(r, err.status, "%s", err.msg);
    if (!r->fatal && ix_writer_file_stats(r->w, keep_look, r, &err) != VK_OK)
        run_fail(r, err.status, "%s", err.msg);
    if (r->n_records)
        qsort(r->records, r->n_records, sizeof *r->records, record_sort);
    if (r->n_looks)
        qsort(r->looks, r->n_looks, sizeof *r->looks, look_cmp);
}

/* Opens the index: its writer (an update), or its lock and the folder of
 * the parts (a rebuild). Returns VK_OK, or the status with its message in
 * err. */
static vk_status
open_index(run *r, vk_error *err)
{
    struct stat st;
    if (stat(r->db_path, &st) == 0 && !S_ISDIR(st.st_mode))
        return vk_fail(err, VK_EINVAL,
                       _("%s is not an index folder (a stub database of shards is searched, "
                         "not written: index into the one index and split it again)"),
                       r->db_path);
    if (r->full)
        return run_rebuild_begin(r, err);
    return ix_writer_open(r->db_path, 0, &r->w, err);
}

/* Finishes the index: the rebuild put in place, or the last batch
 * committed. */
static void
close_index(run *r)
{
    if (r->full) {
        if (!r->fatal)
            run_rebuild_finish(r);
        run_rebuild_end(r);
        return;
    }
    vk_error err = {0};
    if (ix_writer_close(r->w, &err) != VK_OK)
        run_fail(r, err.status, "%s", err.msg);
    r->w = NULL;
}

static void
run_free(run *r)
{
    for (size_t i = 0; i < r->n_items; i++) {
        free(r->items[i].path);
        free(r->items[i].abs);
        free(r->items[i].why);
        ix_prepared_free(r->items[i].prep);
    }
    free(r->items);
    for (size_t i = 0; i < r->n_records; i++)
        free(r->records[i].abs);
    free(r->records);
    free(r->looks);
    for (size_t i = 0; i < r->n_roots; i++)
        free(r->roots[i].abs);
    free(r->roots);
    free(r->dirs);
}

/* The number of worker threads: as given, else one per processor. */
static int
jobs_of(const ix_index_opts *o)
{
    if (o->jobs > 0)
        return o->jobs;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > IX_RUN_MAX_JOBS ? IX_RUN_MAX_JOBS : (int)cpus;
}

vk_status
ix_index_run(const ix_index_opts *o, ix_progress_cb cb, void *ud, ix_index_summary *sum,
             vk_error *err)
{
    memset(sum, 0, sizeof *sum);
    if (!o->db_path || !o->paths || o->n_paths == 0 || o->jobs < 0 || o->jobs > IX_RUN_MAX_JOBS)
        return vk_fail(err, VK_EINVAL,
                       _("no index folder, no path, or a number of jobs out of range"));
    vk_error own = {0};
    run *r = calloc(1, sizeof *r);
    if (!r)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    *r = (run){.db_path = o->db_path,
               .cb = cb,
               .ud = ud,
               .sum = sum,
               .err = err ? err : &own,
               .full = o->full,
               .batch_given = o->batch != 0,
               .batch_max = o->batch ? o->batch : IX_RUN_BATCH_FILES};
    vk_status st = open_index(r, r->err);
    if (st != VK_OK) {
        run_rebuild_end(r);
        free(r);
        return st;
    }
    sum->started = 1;
    run_list(r, o->paths, o->n_paths);
    if (!r->full)
        compare_records(r);
    tell(r, IX_EVENT_LISTED, NULL, NULL);
    if (!r->fatal) {
        pthread_mutex_init(&r->mu, NULL);
        pthread_cond_init(&r->ready, NULL);
        pthread_cond_init(&r->room, NULL);
        index_items(r, jobs_of(o));
        pthread_cond_destroy(&r->room);
        pthread_cond_destroy(&r->ready);
        pthread_mutex_destroy(&r->mu);
    }
    close_index(r);
    st = r->status;
    run_free(r);
    free(r);
    return st;
}

void
ix_index_summary_free(ix_index_summary *sum)
{
    if (!sum)
        return;
    free(sum->skips);
    vk_arena_free(&sum->strings);
    memset(sum, 0, sizeof *sum);
}
