/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ix.h: the index writer: parsed documents in, Xapian documents out, one per
 * section passage, laid out as ix_schema.h says.
 */
#ifndef VK_IX_H
#define VK_IX_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/vk.h"
#include "corpus/cp.h"
#include "xapian-c/xc.h"

typedef struct ix_writer ix_writer;
typedef struct ix_prepared ix_prepared;

/* Opens (creating if needed) the index at db_path for writing; with
 * `overwrite` nonzero the index starts empty (its old documents are deleted
 * in the same commit as the new ones are added, so readers see either the
 * old index or the new one). An index of another format version is refused
 * with VK_EFORMAT (rebuild it with overwrite). Only one
 * writer at a time: a second gets VK_ELOCKED. On success *out is owned by
 * the caller (ix_writer_close). Returns VK_OK, VK_ELOCKED, VK_EFORMAT,
 * VK_EINDEX, VK_ENOMEM, with a message in err. Not thread-safe.
 * `overwrite` IX_OVERWRITE_SCRATCH is for a database that is only a step of
 * a rebuild (a part, compacted into the index before anyone reads it): it
 * starts empty and its commits are not synced to disk. */
#define IX_OVERWRITE_SCRATCH 2
vk_status ix_writer_open(const char *db_path, int overwrite, ix_writer **out, vk_error *err);

/* Indexes every document of a parsed file, first removing whatever the index
 * held for the same file (by its absolute path). *n_passages (if not NULL)
 * receives the number of passages written. Nothing is visible to readers
 * before ix_writer_commit. Returns what ix_prepare_file and ix_writer_put
 * return. */
vk_status ix_writer_add_file(ix_writer *w, const cp_file *f, size_t *n_passages, vk_error *err);

/* The two halves of ix_writer_add_file, so that files can be prepared in
 * several threads and written by one. ix_prepare_file makes the Xapian
 * documents of every passage of a parsed file without the index; it is
 * thread-safe (each call its own state) and *out, owned by the caller
 * (ix_prepared_free), no longer needs f. Terms and spellings the index
 * cannot hold (longer than XC_MAX_TERM) are left out here, so that writing
 * the file cannot fail because of its text. Returns VK_OK, VK_ENOMEM, or
 * VK_EINVAL (something in this file's text the documents refused; the
 * message names the file: skip it). */
vk_status ix_prepare_file(const cp_file *f, ix_prepared **out, vk_error *err);

/* The number of passages, and of documents, of a prepared file. */
size_t ix_prepared_passages(const ix_prepared *p);
size_t ix_prepared_docs(const ix_prepared *p);

/* Terms of the file's documents left out because they were longer than
 * XC_MAX_TERM bytes (a run of 200 letters without a space, a URL): counted,
 * never an error. */
size_t ix_prepared_long_terms(const ix_prepared *p);

/* Writes a prepared file: removes whatever the index held for the same file
 * and adds its passages and spellings.
 *
 * A file is written whole or not at all. Returns VK_OK; VK_EINVAL when
 * something about this file cannot go into the index, found before the
 * index is touched (nothing changed: skip the file and go on); or, for a
 * failure of the index itself once the file was half written (VK_EINDEX:
 * disk, corruption, any Xapian error; VK_ENOMEM), every change since the last
 * commit is discarded, the index stays as last committed and the caller
 * should stop (the message names the file and says so). */
vk_status ix_writer_put(ix_writer *w, const ix_prepared *p, vk_error *err);

/* Frees a prepared file; NULL is a no-op. */
void ix_prepared_free(ix_prepared *p);

/* Incremental indexing. The index keeps a record per file (its absolute
 * path and the hash of its bytes, vk_hash64), written by
 * ix_writer_record_file in the same commit as the file's documents, so that
 * a run cut short leaves records only for the files whose documents made
 * it. */

/* What a file looked like when it was read: a file that still looks the
 * same is taken as unchanged without reading it. */
typedef struct ix_file_stat {
    uint64_t size;
    int64_t mtime_s, mtime_ns;
    uint64_t ino;
} ix_file_stat;

/* Records that the file at abs_path, with this content hash (and, if st is
 * not NULL, this look), is indexed (after ix_writer_add_file). Returns
 * VK_OK, or VK_ENOMEM or VK_EINDEX after discarding every change since the
 * last commit, as ix_writer_put does. */
vk_status ix_writer_record_file(ix_writer *w, const char *abs_path, uint64_t hash,
                                const ix_file_stat *st, vk_error *err);

/* Calls cb with the hash of the absolute path (vk_hash64) and the recorded
 * look of every file that has one; a nonzero return stops. Returns VK_OK or
 * VK_EINDEX. */
typedef int (*ix_stat_cb)(uint64_t path_hash, const ix_file_stat *st, void *ud);
vk_status ix_writer_file_stats(ix_writer *w, ix_stat_cb cb, void *ud, vk_error *err);

/* Removes every passage of the file at abs_path and its record. Returns
 * VK_OK, or VK_EINDEX after discarding every change since the last commit,
 * as ix_writer_put does. */
vk_status ix_writer_remove_file(ix_writer *w, const char *abs_path, vk_error *err);

/* Calls cb with the path and content hash of every recorded file (in no
 * useful order); a nonzero return stops. The callback may change the index
 * (the list is gathered first). Returns VK_OK or VK_EINDEX. */
typedef int (*ix_file_cb)(const char *abs_path, uint64_t hash, void *ud);
vk_status ix_writer_files(ix_writer *w, ix_file_cb cb, void *ud, vk_error *err);

/* Makes every change so far durable and visible, with the time of the
 * update (IX_META_UPDATED). Does nothing if nothing changed since the last
 * commit. Returns VK_OK or VK_EINDEX. */
vk_status ix_writer_commit(ix_writer *w, vk_error *err);

/* Commits and closes. NULL returns VK_OK. The writer is freed whatever the
 * outcome. Returns VK_OK or VK_EINDEX. */
vk_status ix_writer_close(ix_writer *w, vk_error *err);

/* Compacts the indexes at srcs (written by ix_writer, one each) into one new
 * index at dest, which must not exist: their documents in order, file
 * records, synonyms, every table in full blocks (smaller than the indexes
 * it is made of). Returns VK_OK or VK_EINDEX. */
vk_status ix_compact(const char *const *srcs, size_t n, const char *dest, vk_error *err);

/* Writes the document key of doc number `index` of a file into out: the
 * number and year as a slug ("28-nq-tw-2022"); a local people's committee
 * or council's number with its place, since every province issues its own
 * ("82-2025-qd-ubnd-da-nang-2025"); or, with no number, the file
 * name's stem ("nghi-quyet-hoi-nghi-6"), with "-2", "-3" for later documents
 * of the same file. Returns VK_OK or VK_ENOMEM. */
vk_status ix_doc_key(const cp_file *f, size_t index, vk_buf *out);

/* Checks that the index open in r (at db_path, for the message) was written
 * in this version's format, IX_FORMAT_VERSION; an empty index passes.
 * Returns VK_OK; VK_EFORMAT with a message that names both versions and the
 * command that rebuilds the index; VK_EINDEX if the index cannot be read.
 * Thread-safe as far as r is used by one thread. */
vk_status ix_format_check(xc_rdb *r, const char *db_path, vk_error *err);

/* The last failure of the index library (Xapian) in this thread, said for a
 * user in the language of messages (common/i18n.h): what it means ("there
 * is no index there"), and in English also Xapian's own message; "" when
 * none. Valid until the next call in this thread. Use it in messages
 * instead of xc_errmsg(), whose text is Xapian's. */
const char *ix_index_error(void);

/* Opens the index at db_path (a folder, or a stub file listing shards) for
 * reading and checks its format (ix_format_check). On success *out is owned
 * by the caller (xc_rdb_close). Returns VK_OK; VK_ENOTFOUND when no index
 * opens there (none, unreadable, a shard that does not answer), with
 * "cannot open the index PATH: why" in err, to which a front end adds how
 * to build one; VK_EFORMAT, VK_EINDEX as ix_format_check. Thread-safe. */
vk_status ix_reader_open(const char *db_path, xc_rdb **out, vk_error *err);

#endif /* VK_IX_H */
