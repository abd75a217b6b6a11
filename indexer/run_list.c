/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run_list.c: the listing of an index run (ix_run.h): the files under the
 * paths given, each once however it is reached (a symbolic link, a folder
 * given twice), and the scope of each path, within which indexed files that
 * are gone are removed.
 */
#define _GNU_SOURCE /* struct stat's st_mtim, DT_ types */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/i18n.h"
#include "indexer/run_internal.h"

/* Folders nested deeper than this are skipped. */
#define MAX_DEPTH 32

static void
add_item(run *r, const char *path, const char *known_abs, const struct stat *st)
{
    char abs[PATH_MAX];
    if (known_abs) {
        snprintf(abs, sizeof abs, "%s", known_abs);
    } else if (!realpath(path, abs)) {
        run_skip(r, path, strerror(errno), IX_SKIP_LISTING);
        return;
    }
    if (r->n_items == r->cap_items) {
        size_t cap = r->cap_items ? 2 * r->cap_items : 256;
        item *v = realloc(r->items, cap * sizeof *v);
        if (!v) {
            run_fail(r, VK_ENOMEM, _("out of memory"));
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
        run_fail(r, VK_ENOMEM, _("out of memory"));
        return;
    }
    r->n_items++;
    r->total_bytes += (uint64_t)st->st_size;
}

static int
skip_name(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Nonzero if the folder st was read already; else remembers it. A folder
 * reached again (a symbolic link back up, or to a folder listed already) is
 * read once: no loops, no files twice. */
static int
seen_dir(run *r, const struct stat *st)
{
    for (size_t i = 0; i < r->n_dirs; i++) {
        if (r->dirs[i].st_dev == st->st_dev && r->dirs[i].st_ino == st->st_ino)
            return 1;
    }
    struct stat *dirs = realloc(r->dirs, (r->n_dirs + 1) * sizeof *dirs);
    if (!dirs) {
        run_fail(r, VK_ENOMEM, _("out of memory"));
        return 1;
    }
    r->dirs = dirs;
    r->dirs[r->n_dirs++] = *st;
    return 0;
}

static void walk(run *r, const char *path, const char *abs, int depth);

/* Walks the entries of the folder at path (resolved: abs, or NULL). */
static void
walk_dir(run *r, const char *path, const char *abs, int depth)
{
    struct dirent **names = NULL;
    int n = scandir(path, &names, skip_name, alphasort);
    if (n < 0) {
        run_skip(r, path, "cannot read the folder", IX_SKIP_LISTING);
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

/* Lists the files under path into r->items. */
static void
walk(run *r, const char *path, const char *abs, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        run_skip(r, path, errno == ENOENT ? _("no such file or folder") : strerror(errno),
                 IX_SKIP_LISTING);
        return;
    }
    if (S_ISREG(st.st_mode)) {
        add_item(r, path, abs, &st);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        run_skip(r, path, "not a regular file", IX_SKIP_LISTING);
        return;
    }
    if (depth > MAX_DEPTH) {
        run_skip(r, path, "folders nested too deep", IX_SKIP_LISTING);
        return;
    }
    if (!seen_dir(r, &st))
        walk_dir(r, path, abs, depth);
}

/* Records the scope of one path given: its resolved path, or, if it is
 * gone, its absolute spelling (so that what was indexed from it is
 * removed). */
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

int
run_in_scope(const run *r, const char *abs)
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

static int
item_cmp(const void *a, const void *b)
{
    return strcmp(((const item *)a)->abs, ((const item *)b)->abs);
}

/* Sorts the items by absolute path and keeps one of each. */
static void
sort_items(run *r)
{
    if (r->n_items)
        qsort(r->items, r->n_items, sizeof *r->items, item_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < r->n_items; i++) {
        if (kept && strcmp(r->items[kept - 1].abs, r->items[i].abs) == 0) {
            r->total_bytes -= (uint64_t)r->items[i].size;
            free(r->items[i].path);
            free(r->items[i].abs);
            continue;
        }
        r->items[kept++] = r->items[i];
    }
    r->n_items = kept;
}

void
run_list(run *r, const char *const *paths, size_t n)
{
    /* The index's own folder, inside an indexed one, is passed over as a
     * folder already read. */
    struct stat dbst;
    if (stat(r->db_path, &dbst) == 0 && (r->dirs = malloc(sizeof *r->dirs)) != NULL)
        r->dirs[r->n_dirs++] = dbst;
    for (size_t i = 0; i < n && !r->fatal; i++) {
        add_root(r, paths[i]);
        walk(r, paths[i], NULL, 0);
    }
    sort_items(r);
}
