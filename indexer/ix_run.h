/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ix_run.h: the index pipelines, one call each, for `vankien index`,
 * `vankien shard` and tests in-process.
 *
 * ix_index_run brings an index up to date with files and folders. The
 * files are listed first; each is hashed and compared with the record the
 * index keeps of it (ix.h), so that only new and changed files are read and
 * written, and files gone from an indexed folder are removed. Changes are
 * committed in batches. A file that cannot be read, parsed or written is
 * skipped with its reason; it never stops the run. A failure of the index
 * itself (or of memory) does: the writer discards the batch it was in, so
 * that no file is committed half written. Worker threads hash, read, parse
 * and analyse the files; the calling thread writes their documents, in the
 * order of the list. A rebuild (`full`) is made aside, next to the index:
 * each worker writes its own parts, the parts are compacted into one new
 * index, and the new index takes the old one's place in one atomic
 * exchange of the two folders, so that readers see the old index until the
 * new one is there.
 *
 * ix_shard_run splits an index into shards, one per year of issue or N of
 * about equal size, and writes a Xapian stub database listing them.
 *
 * Neither prints. What happens is told through a callback, as it happens,
 * and a summary at the end; the front end words them.
 */
#ifndef VK_IX_RUN_H
#define VK_IX_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/vk.h"

/* Worker threads of one run at most. */
#define IX_RUN_MAX_JOBS 64
/* An update commits after this many files written, unless told otherwise,
 * and always after 16 MB read. */
#define IX_RUN_BATCH_FILES 64

/* A file or path the run passed over, and why. */
typedef enum ix_skip_stage {
    IX_SKIP_LISTING, /* while listing: a path that is gone or not a regular file,
                        a folder that cannot be read or is nested too deep */
    IX_SKIP_FILE,    /* a listed file that could not be read, parsed or written */
} ix_skip_stage;

typedef struct ix_skip {
    const char *path;    /* as found: the argument, or folder + "/" + name */
    const char *reason;  /* why, without the path ("binary data (NUL byte at offset 12),
                            not text"); says so when the index keeps an earlier version */
    ix_skip_stage stage; /* when */
} ix_skip;

/* What the callback is told. */
typedef enum ix_event {
    IX_EVENT_LISTED,   /* the files are listed: files_total, bytes_total */
    IX_EVENT_PROGRESS, /* files are done: files_done, bytes_done (after each file
                          written or skipped; those unchanged by their look, in
                          steps of 256 and the last) */
    IX_EVENT_SKIPPED,  /* skip */
    IX_EVENT_ERROR,    /* the run failed: error; it stops (closing it may add more) */
} ix_event;

typedef struct ix_progress {
    ix_event event;
    size_t files_done, files_total;   /* files listed (each once) and done with */
    uint64_t bytes_done, bytes_total; /* their sizes */
    const ix_skip *skip;              /* IX_EVENT_SKIPPED, else NULL */
    const char *error;                /* IX_EVENT_ERROR: the message, naming the file */
} ix_progress;

/* Called on the thread that called ix_index_run, never on a worker; the
 * pointers in p are valid during the call only. */
typedef void (*ix_progress_cb)(const ix_progress *p, void *ud);

typedef struct ix_index_opts {
    const char *db_path;      /* the index folder, created if need be */
    const char *const *paths; /* files and folders (recursively; hidden entries left out) */
    size_t n_paths;           /* at least one */
    int full;                 /* nonzero: rebuild aside, every file read again */
    size_t batch;             /* commit after this many files written; 0: IX_RUN_BATCH_FILES
                                 (a rebuild: each part cut by size only) */
    int jobs;                 /* worker threads, 1 to IX_RUN_MAX_JOBS; 0: the number of
                                 processors */
} ix_index_opts;

/* What a run did. Counts are of files, each counted once. */
typedef struct ix_index_summary {
    int started;               /* the index was opened (a rebuild: locked, its folder
                                  made); 0 if the run failed before: all else is 0 */
    size_t added, replaced;    /* written: new to the index, and changed */
    size_t removed;            /* recorded, within a path given, and no longer there */
    size_t unchanged, skipped; /* the index holds these bytes already; passed over */
    size_t docs, passages;     /* documents and passages of the files written */
    size_t long_terms;         /* words and terms of those files left out for being
                                  longer than Xapian takes (XC_MAX_TERM bytes) */
    ix_skip *skips;            /* each skipped path, in the order they were met; owned
                                  by the summary (ix_index_summary_free) */
    size_t n_skips;            /* `skipped`, fewer only if memory ran out */
    vk_arena strings;          /* the skips' paths and reasons */
} ix_index_summary;

/* Brings the index at o->db_path up to date with o->paths, as the design
 * note says: new files added, changed files replaced, files recorded under
 * a path given and no longer there removed; files that look as they did
 * when indexed (size, modification time, inode), or whose bytes are the
 * same, are unchanged and not read again, and a run with nothing to do
 * writes nothing. Supported files: Word, PDF and HTML by their content,
 * text only when named .txt, .md, .markdown, .text, .htm or .html. The
 * index's own folder, inside a folder given, is passed over.
 *
 * cb (may be NULL) is told of the listing, of progress, of every skipped
 * path (which also goes in the summary) and of every failure as it
 * happens. *sum is filled in whatever the outcome, and is the caller's to
 * free with ix_index_summary_free.
 *
 * A rebuild holds the index's lock throughout, clears the folders that
 * killed rebuilds left beside the index, writes in ".<index>.full-<pid>"
 * beside it, and raises the process's soft limit of open files to its hard
 * limit for the compaction.
 *
 * Returns VK_OK when the run went through (files may have been skipped:
 * sum->skipped). Before the run starts (sum->started 0; cb told nothing):
 * VK_EINVAL for options out of range or a db_path that is not a folder (a
 * stub database: it is searched, not written), VK_ELOCKED when another
 * writer holds the index, VK_EFORMAT for an index of another format (an
 * update; a rebuild replaces it), VK_EINDEX, VK_EIO (the rebuild's folder
 * cannot be made) or VK_ENOMEM, with the message in err. Once started, the
 * status of the first failure (VK_EINDEX, VK_ENOMEM, VK_EIO), after which
 * the run stops; every failure was told to cb and the first is in err. The
 * index is left as last committed: whole files, with their records; a
 * rebuild that fails leaves the old index in place.
 *
 * Not thread-safe as to one index (its lock refuses a second writer); runs
 * on different indexes may go on at the same time. */
vk_status ix_index_run(const ix_index_opts *o, ix_progress_cb cb, void *ud, ix_index_summary *sum,
                       vk_error *err);

/* Frees what the summary holds and zeroes it; NULL is a no-op. */
void ix_index_summary_free(ix_index_summary *sum);

/* Sharding. */

/* Shards of one split at most. */
#define IX_SHARD_MAX 256
/* The shard that holds the vocabulary (synonyms) and no documents: listed
 * first in the stub, kept local when the others are remote (Xapian's remote
 * backend does not serve synonyms). */
#define IX_SHARD_VOCABULARY "vocabulary.db"
/* The stub database, in the shards' folder. */
#define IX_SHARD_STUB "vankien.stub"

typedef struct ix_shard_opts {
    const char *db_path; /* the index to split */
    const char *outdir;  /* a new or empty folder, for the shards and the stub */
    int by_year;         /* one shard per year of issue ("year-2022.db"; "undated.db") */
    size_t count;        /* else this many, 2 to IX_SHARD_MAX ("shard-1.db" ...) */
} ix_shard_opts;

/* One shard written. */
typedef struct ix_shard_info {
    char name[32];   /* its folder's name in outdir */
    size_t documents; /* documents copied into it */
    size_t files;    /* files recorded in it */
} ix_shard_info;

typedef struct ix_shard_summary {
    int started;           /* the index was opened and its format checked */
    ix_shard_info *shards; /* by name, without the vocabulary; owned by the summary */
    size_t n_shards;
    char *stub; /* the stub's path (outdir/IX_SHARD_STUB), owned by the summary */
} ix_shard_summary;

/* Splits the index at o->db_path into shards in o->outdir, which must be
 * new or empty, and writes the stub listing the vocabulary first, then
 * the shards by name ("auto NAME" lines, relative to the stub).
 *
 * Each document is copied whole (terms, positions, values, stored data).
 * The copies of one document stay together (they tie exactly only within
 * one index). By year, each document goes to the shard of its year of
 * issue, and a group of copies where its latest dated copy does (a file of
 * two documents may span two shards). By count, the files are taken in the
 * order of their paths, a new shard started when one has its share of the
 * documents, and a group of copies goes where its first copy does;
 * `count` shards are made even if some stay empty. Every shard gets the
 * index format, the time of the last update, the whole synonym table and
 * the records of the files whose documents it holds.
 *
 * Returns VK_OK with *sum filled in (the caller's, ix_shard_summary_free).
 * Otherwise the message is in err, and what was written stays. Before the
 * index is open (sum->started 0): VK_EINVAL for options out of range,
 * VK_EINDEX when the index cannot be opened, VK_EFORMAT for another format.
 * After: VK_ENOTFOUND when the index records no file, VK_EIO when outdir
 * cannot be made, is not empty or the stub cannot be written, VK_EINVAL
 * for more than IX_SHARD_MAX years, VK_EINDEX, VK_ENOMEM. Thread-safe as
 * to different outdirs. */
vk_status ix_shard_run(const ix_shard_opts *o, ix_shard_summary *sum, vk_error *err);

/* Frees what the summary holds and zeroes it; NULL is a no-op. */
void ix_shard_summary_free(ix_shard_summary *sum);

#endif /* VK_IX_RUN_H */
