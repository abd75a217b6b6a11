/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run_internal.h: the state of one ix_index_run (ix_run.h), shared by its
 * parts: the run itself and its writer (run.c), the listing of the files
 * (run_list.c) and the rebuild aside (run_rebuild.c).
 */
#ifndef VK_IX_RUN_INTERNAL_H
#define VK_IX_RUN_INTERNAL_H

#include <pthread.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "indexer/ix.h"
#include "indexer/ix_run.h"

/* What a worker made of a file, for the writer. */
typedef enum outcome {
    O_PENDING = 0,
    O_UNCHANGED, /* the index holds these bytes already */
    O_SKIPPED,   /* reason in `why` */
    O_PREPARED,  /* documents in `prep` */
    O_WRITTEN,   /* written by its worker (a rebuild): n_docs, n_passages */
    O_FAILED,    /* the index failed: `why`, `failed` */
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
    char *why;                 /* O_SKIPPED, O_FAILED: the message, naming the file */
    vk_status failed;          /* O_FAILED: its status */
    ix_prepared *prep;         /* O_PREPARED */
    size_t n_docs, n_passages; /* O_WRITTEN */
    size_t n_long;             /* O_WRITTEN: terms left out as too long */
} item;

/* A worker's own parts of a rebuild: each an index of some batches
 * ("<k>-<i>" in the folder of the parts), each batch a commit, written into
 * a fresh database of bounded size, which is fast at any size of the
 * whole; the parts are merged once, by compaction, at the end. */
typedef struct part {
    ix_writer *w;         /* the part being written, opened on its first file */
    int done;             /* parts finished */
    size_t batch_files;   /* files since the last commit */
    uint64_t batch_bytes; /* their bytes */
    uint64_t part_bytes;  /* bytes of the files in the part */
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

/* A path given: the scope within which indexed files that are no longer
 * there are removed. */
typedef struct root {
    char *abs;
    int is_dir;
} root;

typedef struct run {
    const char *db_path;
    ix_progress_cb cb; /* may be NULL */
    void *ud;
    ix_index_summary *sum; /* the caller's: the counts and the skips */
    size_t cap_skips;      /* room for sum->skips */
    vk_error *err;         /* the first failure's message */
    vk_status status;      /* the first failure's status: VK_OK until then */
    int fatal;             /* the run failed: stop */
    ix_writer *w;          /* the index (an update) */
    xc_wdb *lock;          /* the index, held for its lock (a rebuild) */
    char *aside;           /* a rebuild: the folder of the parts, next to the index */
    part parts[IX_RUN_MAX_JOBS];
    int full;
    int batch_given; /* a batch size was given */
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
    size_t batch_files, batch_max;
    uint64_t batch_bytes;
    uint64_t total_bytes, done_bytes; /* progress */
    size_t done_files;
} run;

/* The run failed: tells cb, keeps the first failure in r->err and
 * r->status, and stops the run. */
void run_fail(run *r, vk_status st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Counts a skipped path, keeps it and its reason (without the path) in the
 * summary and tells cb. */
void run_skip(run *r, const char *path, const char *reason, ix_skip_stage stage);

/* Lists the files under paths[0 .. n) into r->items, sorted by absolute
 * path, each once, and their scopes into r->roots (run_list.c). */
void run_list(run *r, const char *const *paths, size_t n);

/* Nonzero if abs is within a path given. */
int run_in_scope(const run *r, const char *abs);

/* A rebuild (run_rebuild.c): holds the index's lock, clears what killed
 * rebuilds left, and makes the folder of the parts next to the index.
 * Returns VK_OK, or the status with its message in err (nothing told). */
vk_status run_rebuild_begin(run *r, vk_error *err);

/* Worker k writes a prepared file into its own part. Returns O_WRITTEN;
 * O_SKIPPED with `why` when the index refused the file (nothing of it
 * written); or O_FAILED with `why` when the part failed. Thread-safe for
 * different k. */
outcome run_rebuild_write(run *r, int k, item *it);

/* The parts compacted into one index, which takes the place of the old in
 * one atomic exchange; failures go through run_fail. */
void run_rebuild_finish(run *r);

/* Closes what is left of a rebuild and removes its folder (with the old
 * index, exchanged into it). */
void run_rebuild_end(run *r);

/* Why the index refused a file (ix_writer_put's VK_EINVAL, nothing
 * written): err's message, which names the file, and whether the index
 * keeps an earlier version. Malloc'd; NULL when out of memory. */
char *run_refused(const item *it, const vk_error *err);

#endif /* VK_IX_RUN_INTERNAL_H */
