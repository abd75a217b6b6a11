/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run_rebuild.c: a rebuild (ix_run.h, `full`), made aside: the index's lock
 * held throughout, each worker writing its own parts into a hidden folder
 * next to the index, the parts compacted into one new index, which takes
 * the old one's place in one atomic exchange of the two folders.
 */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/i18n.h"
#include "indexer/ix.h"
#include "indexer/run_internal.h"

/* A worker commits its part after this many bytes read (or the batch's
 * files when given): what bounds the memory of each writing thread. Small
 * commits are also faster: Xapian's in-memory inverter slows down as it
 * grows. Measured on 40 MB of the real crawl, 2 workers, a part per
 * commit (CPU seconds, peak RSS): 8 MiB 40.1 s, 302 MB; 4 MiB 32.6 s,
 * 168 MB; 2 MiB 29.8 s, 100 MB; 1 MiB 27.1 s, 72 MB; 512 KiB 24.5 s,
 * 49 MB; 256 KiB 23.3 s. */
#define COMMIT_BYTES (512u * 1024u)
/* A worker starts a new part after this many bytes read. Compaction keeps
 * each part's chunk of a term's posting list as a chunk of its own (its
 * key, its header, a block part empty), so every part adds to the size of
 * the index; but each commit copies every block of the part it changes,
 * more the larger the part. On 40 MB of the real crawl, 2 workers, the
 * index takes 147.7 MB merged from parts of 512 KiB (one commit each),
 * 133.1 MB from parts of 4 MiB, 129.7 MB of 8 MiB, 126.7 MB of 16 MiB,
 * 124.3 MB of 32 MiB (one part per worker); on the whole crawl (188 MB)
 * 32 MiB took 11 % more CPU time than parts of 512 KiB. With one Xapian
 * document per document (index format 13), the whole crawl takes 407 MB
 * from parts of 16 MiB (postlist table 127 MB), 375 MB from parts of
 * 256 MiB, one per worker (95 MB), in the same time (71.0 and 72.7 s,
 * 101 and 98 CPU s) and memory (107 and 112 MiB). */
#define PART_BYTES (256u * 1024u * 1024u)
/* Parts merged by one compaction at most: what bounds its memory. */
#define MERGE_FAN 32

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

/* Removes the folders of killed rebuilds of the index `name` in parent
 * (".<name>.full-<pid>"). */
static void
clear_killed(const char *parent, const char *name)
{
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
}

vk_status
run_rebuild_begin(run *r, vk_error *err)
{
    /* The compaction opens every part (a few files each): the open-file
     * limit up to what is allowed. */
    struct rlimit nofile;
    if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
        nofile.rlim_cur = nofile.rlim_max;
        setrlimit(RLIMIT_NOFILE, &nofile);
    }
    xc_status st = xc_wdb_open(r->db_path, XC_OPEN_CREATE_OR_OPEN, &r->lock);
    if (st == XC_ELOCKED)
        return vk_fail(err, VK_ELOCKED, _("%s: the index is locked by another writer (%s)"),
                       r->db_path, ix_index_error());
    if (st != XC_OK)
        return vk_fail(err, st == XC_ENOMEM ? VK_ENOMEM : VK_EINDEX, "%s: %s", r->db_path,
                       ix_index_error());
    char dir[PATH_MAX], base[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", r->db_path);
    snprintf(base, sizeof base, "%s", r->db_path);
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/')
        base[--n] = '\0';
    const char *name = basename(base);
    const char *parent = dirname(dir);
    clear_killed(parent, name);
    /* Hidden, so that indexing the folder that holds the index passes it
     * over. */
    vk_buf a = VK_BUF_INIT;
    vk_buf_printf(&a, "%s/.%s.full-%ld", parent, name, (long)getpid());
    if (!a.data || mkdir(a.data, 0777) != 0) {
        vk_status rc = vk_fail(err, a.data ? VK_EIO : VK_ENOMEM, _("cannot create %s: %s"),
                               a.data ? a.data : "a folder", strerror(errno));
        vk_buf_free(&a);
        return rc;
    }
    r->aside = a.data;
    return VK_OK;
}

/* Ends worker k's part: closes it and counts it. */
static vk_status
close_part(part *pt, vk_error *err)
{
    vk_status rc = ix_writer_close(pt->w, err);
    pt->w = NULL;
    pt->done++;
    pt->batch_files = 0;
    pt->batch_bytes = 0;
    pt->part_bytes = 0;
    return rc;
}

/* Commits worker k's part: what it holds in memory goes to disk. */
static vk_status
commit_part(part *pt, vk_error *err)
{
    pt->batch_files = 0;
    pt->batch_bytes = 0;
    return ix_writer_commit(pt->w, err);
}

outcome
run_rebuild_write(run *r, int k, item *it)
{
    part *pt = &r->parts[k];
    vk_error err = {0};
    vk_status rc = VK_OK;
    if (!pt->w) {
        vk_buf path = VK_BUF_INIT;
        vk_buf_printf(&path, "%s/%d-%d", r->aside, k, pt->done);
        rc = path.data ? ix_writer_open(path.data, IX_OVERWRITE_SCRATCH, &pt->w, &err)
                       : vk_fail(&err, VK_ENOMEM, _("out of memory"));
        vk_buf_free(&path);
    }
    if (rc == VK_OK)
        rc = ix_writer_put(pt->w, it->prep, &err);
    if (rc == VK_OK)
        rc = ix_writer_record_file(pt->w, it->abs, it->hash, &it->look, &err);
    if (rc == VK_OK) {
        it->n_docs = ix_prepared_docs(it->prep);
        it->n_passages = ix_prepared_passages(it->prep);
        it->n_long = ix_prepared_long_terms(it->prep);
        pt->batch_files++;
        pt->batch_bytes += (uint64_t)it->size;
        pt->part_bytes += (uint64_t)it->size;
        if (pt->part_bytes >= PART_BYTES)
            rc = close_part(pt, &err);
        else if ((r->batch_given && pt->batch_files >= r->batch_max) ||
                 pt->batch_bytes >= COMMIT_BYTES)
            rc = commit_part(pt, &err);
    }
    ix_prepared_free(it->prep);
    it->prep = NULL;
    if (rc == VK_OK)
        return O_WRITTEN;
    if (rc == VK_EINVAL) {
        it->why = run_refused(it, &err);
        return O_SKIPPED;
    }
    it->why = strdup(err.msg);
    it->failed = rc;
    return O_FAILED;
}

/* Closes the parts being written; returns the number of parts, or -1
 * after run_fail. */
static long
close_parts(run *r)
{
    vk_error err = {0};
    long total = 0;
    for (int k = 0; k < IX_RUN_MAX_JOBS; k++) {
        if (r->parts[k].w && close_part(&r->parts[k], &err) != VK_OK) {
            run_fail(r, err.status, "%s", err.msg);
            return -1;
        }
        total += r->parts[k].done;
    }
    return total;
}

/* The paths of the parts into paths[]: their number, or -1 after run_fail.
 * With no part, an empty index of this format is made, and is the one. */
static long
part_paths(run *r, char **paths)
{
    size_t n = 0;
    for (int k = 0; k < IX_RUN_MAX_JOBS; k++) {
        for (int i = 0; i < r->parts[k].done; i++) {
            vk_buf p = VK_BUF_INIT;
            vk_buf_printf(&p, "%s/%d-%d", r->aside, k, i);
            if (!(paths[n++] = p.data)) {
                run_fail(r, VK_ENOMEM, _("out of memory"));
                return -1;
            }
        }
    }
    if (n > 0)
        return (long)n;
    ix_writer *w = NULL;
    vk_error err = {0};
    vk_buf p = VK_BUF_INIT;
    vk_buf_printf(&p, "%s/empty", r->aside);
    paths[n++] = p.data;
    if (!p.data || ix_writer_open(p.data, 1, &w, &err) != VK_OK ||
        ix_writer_close(w, &err) != VK_OK) {
        run_fail(r, p.data ? err.status : VK_ENOMEM, "%s", p.data ? err.msg : "out of memory");
        return -1;
    }
    return (long)n;
}

/* Compaction holds every source open: at most MERGE_FAN at a time, the
 * rest in rounds through intermediate parts ("m<round>-<i>"), each source
 * removed once merged. *n is the number of paths, before and after.
 * Returns 0, or -1 after run_fail. */
static int
merge_rounds(run *r, char **paths, size_t *n)
{
    for (int round = 0; !r->fatal && *n > MERGE_FAN; round++) {
        size_t m = 0, i = 0;
        while (i < *n) {
            size_t k = *n - i < MERGE_FAN ? *n - i : MERGE_FAN;
            vk_buf p = VK_BUF_INIT;
            vk_error err = {0};
            vk_buf_printf(&p, "%s/m%d-%zu", r->aside, round, m);
            if (!r->fatal &&
                (!p.data || ix_compact((const char *const *)paths + i, k, p.data, &err) != VK_OK))
                run_fail(r, p.data ? err.status : VK_ENOMEM, "%s",
                         p.data ? err.msg : "out of memory");
            for (size_t j = i; j < i + k; j++) {
                if (paths[j])
                    remove_tree(paths[j]);
                free(paths[j]);
            }
            i += k;
            paths[m++] = p.data; /* m <= i: a slot already freed */
        }
        *n = m;
    }
    return r->fatal ? -1 : 0;
}

/* The parts, merged into `fresh` beside them; returns 0, or -1 after
 * run_fail. */
static int
compact_parts(run *r, const char *fresh)
{
    long total = close_parts(r);
    if (total < 0)
        return -1;
    size_t cap = total ? (size_t)total : 1;
    char **paths = calloc(cap, sizeof *paths);
    if (!paths) {
        run_fail(r, VK_ENOMEM, _("out of memory"));
        return -1;
    }
    long got = part_paths(r, paths);
    /* On failure every slot is freed: those not filled are NULL. */
    size_t n = got < 0 ? cap : (size_t)got;
    if (got >= 0 && merge_rounds(r, paths, &n) == 0) {
        vk_error err = {0};
        if (ix_compact((const char *const *)paths, n, fresh, &err) != VK_OK)
            run_fail(r, err.status, "%s", err.msg);
    }
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return r->fatal ? -1 : 0;
}

void
run_rebuild_finish(run *r)
{
    char fresh[PATH_MAX];
    snprintf(fresh, sizeof fresh, "%s/new", r->aside);
    if (compact_parts(r, fresh) != 0)
        return;
    if (renameat2(AT_FDCWD, fresh, AT_FDCWD, r->db_path, RENAME_EXCHANGE) != 0 &&
        rename(fresh, r->db_path) != 0)
        run_fail(r, VK_EIO, _("cannot put the new index in place of %s: %s"), r->db_path,
                 strerror(errno));
}

void
run_rebuild_end(run *r)
{
    vk_error err = {0};
    for (int k = 0; k < IX_RUN_MAX_JOBS; k++)
        ix_writer_close(r->parts[k].w, &err);
    /* The old index (exchanged into the folder of the parts) goes with it;
     * readers that still have it open keep their files. */
    xc_wdb_close(r->lock);
    r->lock = NULL;
    if (r->aside)
        remove_tree(r->aside);
    free(r->aside);
    r->aside = NULL;
}
