/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse_summary.c: `vankien parse --summary PATH...`: what the document
 * model makes of a whole folder: the share of documents with each header
 * field, the kinds of structure, the boilerplate left out, the texts that
 * are not documents, the files skipped, and the files where a field is
 * missing.
 */
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "common/i18n.h"
#include "corpus/cp.h"

/* Header fields counted, in the order shown. */
enum { F_TYPE, F_NUMBER, F_DATE, F_PLACE, F_ISSUER, F_TITLE, F_SIGNER, N_FIELDS };
static const char *const field_names[N_FIELDS] = {"type",   "number", "date",  "place",
                                                  "issuer", "title",  "signer"};

/* Section kinds, as cp_sec_kind numbers them. */
static const char *const kind_names[] = {"preamble", "roman",    "arabic",  "letter", "part",
                                         "chapter",  "division", "article", "clause", "point"};
#define N_KINDS (sizeof kind_names / sizeof kind_names[0])

/* Totals over the files. */
typedef struct summary {
    size_t files, skipped, docs, nondocs, boiler_lines, boiler_files, with_articles, flat;
    size_t field[N_FIELDS];
    size_t kind[N_KINDS];
    json_t *missing[N_FIELDS]; /* files whose first document lacks the field */
    json_t *nondoc;            /* kind -> count */
    json_t *skips;             /* [{file, reason}] */
} summary;

/* Paths gathered from the arguments, sorted. */
typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static paths *walk_into; /* nftw has no user pointer */

static int
wanted(const char *path)
{
    static const char *const exts[] = {".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm"};
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof exts / sizeof exts[0]; i++) {
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static int
add_path(paths *p, const char *path)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 256;
        char **v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n] = strdup(path);
    return p->v[p->n] ? (int)(p->n++, 0) : -1;
}

static int
visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (type == FTW_F && wanted(path))
        return add_path(walk_into, path);
    return 0;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files named, and those under the folders named (by extension). */
static int
gather(paths *p, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (add_path(p, argv[i]) != 0)
                return -1;
            continue;
        }
        walk_into = p;
        if (nftw(argv[i], visit, 16, FTW_PHYS) != 0)
            return -1;
    }
    qsort(p->v, p->n, sizeof *p->v, cmp_str);
    return 0;
}

static void
count_doc(summary *s, const cp_file *f, const cp_doc *doc, int first)
{
    if (doc->nondoc) {
        s->nondocs++;
        json_t *c = json_object_get(s->nondoc, doc->nondoc);
        json_object_set_new(s->nondoc, doc->nondoc,
                            json_integer(c ? json_integer_value(c) + 1 : 1));
        return;
    }
    s->docs++;
    const int have[N_FIELDS] = {doc->type_name != NULL,  doc->number != NULL, doc->date.year != 0,
                                doc->place != NULL,      doc->issuer != NULL, doc->title != NULL,
                                doc->signer.name != NULL};
    for (int k = 0; k < N_FIELDS; k++) {
        s->field[k] += have[k];
        if (!have[k] && first)
            json_array_append_new(s->missing[k], json_string(f->path));
    }
    int articles = 0, numbered = 0;
    for (size_t i = 0; i < doc->n_sections; i++) {
        unsigned k = (unsigned)doc->sections[i].kind;
        if (k < N_KINDS)
            s->kind[k]++;
        articles |= k == CP_SEC_ARTICLE;
        numbered |= k != CP_SEC_PREAMBLE;
    }
    s->with_articles += articles;
    s->flat += !numbered;
}

static void
count_file(summary *s, const char *path)
{
    cp_file *f = NULL;
    vk_error err = {0};
    s->files++;
    if (cp_file_parse(path, &f, &err) != VK_OK) {
        s->skipped++;
        json_array_append_new(s->skips, json_pack("{s:s,s:s}", "file", path, "reason", err.msg));
        return;
    }
    s->boiler_lines += f->boilerplate;
    s->boiler_files += f->boilerplate > 0;
    for (size_t d = 0; d < f->n_docs; d++)
        count_doc(s, f, &f->docs[d], d == 0);
    cp_file_free(f);
}

static double
share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static json_t *
summary_json(const summary *s)
{
    json_t *fields = json_object(), *kinds = json_object(), *missing = json_object();
    for (int k = 0; k < N_FIELDS; k++) {
        json_object_set_new(fields, field_names[k],
                            json_pack("{s:I,s:f}", "documents", (json_int_t)s->field[k], "share",
                                      share(s->field[k], s->docs) / 100.0));
        json_object_set(missing, field_names[k], s->missing[k]);
    }
    for (size_t k = 1; k < N_KINDS; k++)
        json_object_set_new(kinds, kind_names[k], json_integer((json_int_t)s->kind[k]));
    return json_pack("{s:I,s:I,s:I,s:I,s:o,s:{s:o,s:I,s:I},s:{s:I,s:I},s:O,s:O,s:o}", "files",
                     (json_int_t)s->files, "skipped", (json_int_t)s->skipped, "documents",
                     (json_int_t)s->docs, "nondocuments", (json_int_t)s->nondocs, "fields", fields,
                     "structure", "sections", kinds, "documents_with_articles",
                     (json_int_t)s->with_articles, "documents_without_sections",
                     (json_int_t)s->flat, "boilerplate", "lines", (json_int_t)s->boiler_lines,
                     "files", (json_int_t)s->boiler_files, "nondocument_kinds", s->nondoc, "skips",
                     s->skips, "missing", missing);
}

static void
print_summary(const summary *s, size_t list)
{
    printf("%zu files: %zu read, %zu skipped\n", s->files, s->files - s->skipped, s->skipped);
    printf("%zu documents, %zu texts that are not documents", s->docs, s->nondocs);
    const char *key;
    json_t *v;
    const char *sep = " (";
    json_object_foreach(s->nondoc, key, v)
    {
        printf("%s%s %lld", sep, key, (long long)json_integer_value(v));
        sep = ", ";
    }
    printf("%s\n\ndocuments with each field:\n", s->nondocs ? ")" : "");
    for (int k = 0; k < N_FIELDS; k++)
        printf("  %-7s %5.1f %%  (%zu)\n", field_names[k], share(s->field[k], s->docs),
               s->field[k]);
    printf("\nstructure: %zu documents with articles, %zu without numbered sections\n",
           s->with_articles, s->flat);
    printf("  sections:");
    for (size_t k = 1; k < N_KINDS; k++)
        printf(" %s %zu%s", kind_names[k], s->kind[k], k + 1 < N_KINDS ? "," : "\n");
    printf("\nboilerplate left out: %zu lines in %zu files\n", s->boiler_lines, s->boiler_files);
    size_t i;
    json_t *e;
    if (s->skipped)
        printf("\nskipped:\n");
    json_array_foreach(s->skips, i, e)
    {
        printf("  %s\n", json_string_value(json_object_get(e, "reason")));
    }
    printf("\nfiles whose document lacks a field (the first %zu; --json lists all):\n", list);
    for (int k = 0; k < N_FIELDS; k++) {
        printf("  %s (%zu):", field_names[k], json_array_size(s->missing[k]));
        json_array_foreach(s->missing[k], i, e)
        {
            if (i >= list)
                break;
            printf(" %s", json_string_value(e));
        }
        printf("\n");
    }
}

int
cli_parse_summary(int argc, char **argv, int first, int json)
{
    paths p = {0};
    summary s = {0};
    int rc = CLI_OK;
    if (gather(&p, argc, argv, first) != 0) {
        cli_error(_("parse: cannot list the files: %s"), strerror(errno));
        rc = CLI_USAGE;
    }
    for (int k = 0; k < N_FIELDS; k++)
        s.missing[k] = json_array();
    s.nondoc = json_object();
    s.skips = json_array();
    for (size_t i = 0; rc == CLI_OK && i < p.n; i++)
        count_file(&s, p.v[i]);
    if (rc == CLI_OK && json)
        rc = cli_print_json(summary_json(&s));
    else if (rc == CLI_OK)
        print_summary(&s, 10);
    for (int k = 0; k < N_FIELDS; k++)
        json_decref(s.missing[k]);
    json_decref(s.nondoc);
    json_decref(s.skips);
    for (size_t i = 0; i < p.n; i++)
        free(p.v[i]);
    free(p.v);
    return rc == CLI_OK && s.files == 0 ? CLI_NOTHING : rc;
}
