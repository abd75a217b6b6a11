/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * api.c: the JSON API of vankien-searchd:
 *
 *   GET /api/search?q=&limit=&offset=&sort=&facets=&type=&year=&date=&section=
 *                   &article=&heading=&issuer=&term=&cites=&number=
 *   GET /api/documents/{key}
 *   GET /api/documents/{key}/sections/{label}    ("_" for the preamble)
 *   GET /api/health
 *   GET /api/stats                               what the index holds
 *   GET /api/cite?q=&section=                    resolve a citation as typed
 *   GET /api/documents/{key}/cited-by            passages citing a document (key or number)
 *   GET /api/documents?number=57-NQ/TW           a document by its number
 *   GET /api/cited-by?number=57-NQ/TW            the same, by number
 *   POST /api/check[?name=&suggest_changes=]     check a draft (the body: text, or a
 *                                                Word file by its Content-Type)
 *   GET /api/analyze?text=                       the analyzer's tokens of a text
 *   GET /api/openapi.json                        this API described (searchd/openapi.json)
 *
 * The answers are those of `vankien search --json` and `vankien show --json`
 * (query/json.c), without the server's file paths unless --show-paths.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cite/ct.h"
#include "common/buf.h"
#include "common/i18n.h"
#include "common/utf8.h"
#include "corpus/cp.h"
#include "indexer/ix_schema.h"
#include "query/qr.h"
#include "searchd/sd_internal.h"
#include "vk_version.h"

/* Removes every member named "path" of o, at any depth: the server's files
 * are not the clients' business unless the daemon runs with --show-paths. */
static void
strip_paths(json_t *o)
{
    size_t i;
    json_t *v;
    const char *k;
    if (json_is_array(o)) {
        json_array_foreach(o, i, v) strip_paths(v);
    } else if (json_is_object(o)) {
        json_object_del(o, "path");
        json_object_foreach(o, k, v) strip_paths(v);
    }
}

/* Queues the answer o (reference taken), its paths taken out unless
 * cfg->show_paths. */
static enum MHD_Result
reply(struct MHD_Connection *c, const sd_config *cfg, void *rq, json_t *o)
{
    if (!cfg->show_paths)
        strip_paths(o);
    return sd_send_json(c, rq, 200, o);
}

/* Reads a non-negative integer parameter; 1 if absent (*out unchanged), 0 if
 * malformed or above max. */
static int
param_uint(struct MHD_Connection *c, const char *name, unsigned max, unsigned *out)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
    if (!v || !*v)
        return 1;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || n < 0 || (unsigned long)n > max)
        return 0;
    *out = (unsigned)n;
    return 1;
}

/* Most filter parameters: one per field of the query language. */
#define SD_MAX_FILTERS 16

/* The filter parameters given (the fields' English names, qr_field_at),
 * into f (SD_MAX_FILTERS of them), *n set. Returns NULL, else the message for a 400. */
static const char *
filters(struct MHD_Connection *c, qr_filter *f, size_t *n)
{
    *n = 0;
    qr_field field;
    const char *param;
    for (size_t i = 0; qr_field_at(i, &field, &param) && *n < SD_MAX_FILTERS; i++) {
        const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, param);
        if (!v || !*v)
            continue;
        if (strchr(v, '"'))
            return _("a filter value cannot hold a double quote");
        f[(*n)++] = (qr_filter){field, v};
    }
    return NULL;
}

/* The search options of the parameters, into *opts. Returns NULL, else the
 * message for a 400. */
static const char *
search_opts(struct MHD_Connection *c, const sd_config *cfg, qr_opts *opts)
{
    unsigned limit = 10, offset = 0, facets = 0;
    *opts = (qr_opts){.limit = 10, .time_limit = cfg->query_time};
    /* Facets count the whole match, which costs more than the page of
     * results: asked for with facets=1. */
    if (!param_uint(c, "facets", 1, &facets))
        return _("facets must be 0 or 1");
    if (!param_uint(c, "limit", cfg->max_limit, &limit) || limit == 0)
        return _("limit must be a number from 1 to the page-size limit");
    if (!param_uint(c, "offset", cfg->max_offset, &offset))
        return _("offset must be a number within the paging limit");
    const char *sort = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "sort");
    if (sort && *sort && strcmp(sort, "date") != 0 && strcmp(sort, "relevance") != 0)
        return _("sort must be relevance or date");
    opts->facets = (int)facets;
    opts->limit = limit;
    opts->offset = offset;
    opts->sort_by_date = sort && strcmp(sort, "date") == 0;
    return NULL;
}

/* Runs the search req on this thread's index and answers. */
/* A 500 for a failure of the index: its message names the index's files
 * (and in English carries Xapian's text), so it is given only with
 * --show-paths; else a message that says so. */
static enum MHD_Result
index_failed(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *code,
             const char *msg)
{
    if (cfg->show_paths && msg && *msg)
        return sd_send_error(c, rq, 500, code, msg);
    return sd_send_error(c, rq, 500, code,
                         _("the index could not be read (--show-paths gives the details)"));
}

static enum MHD_Result
search(struct MHD_Connection *c, const sd_config *cfg, void *rq, const qr_request *req)
{
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    if (!ix)
        return sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    qr_results *r = NULL;
    json_t *o = NULL;
    vk_error err = {0};
    vk_status st = qr_index_search(ix, req, &r, &err);
    enum MHD_Result ok;
    if (st == VK_EINVAL)
        ok = sd_send_error(c, rq, 400, "bad_query", err.msg);
    else if (st != VK_OK)
        ok = index_failed(c, cfg, rq, "search_failed", err.msg);
    else if (qr_results_json(r, &o) != VK_OK)
        ok = sd_send_error(c, rq, 500, "internal", _("out of memory"));
    else
        ok = reply(c, cfg, rq, o);
    qr_results_free(r);
    return ok;
}

static enum MHD_Result
api_search(struct MHD_Connection *c, const sd_config *cfg, void *rq)
{
    qr_filter f[SD_MAX_FILTERS];
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
    qr_request req = {.text = q, .len = q ? strlen(q) : 0, .filters = f};
    const char *bad = search_opts(c, cfg, &req.opts);
    if (bad)
        return sd_send_error(c, rq, 400, "bad_parameter", bad);
    if ((bad = filters(c, f, &req.n_filters)))
        return sd_send_error(c, rq, 400, "bad_parameter", bad);
    /* The limits apply to the query as run, filters and all. */
    vk_buf text = VK_BUF_INIT;
    enum MHD_Result ok;
    if (qr_request_text(&req, &text) != VK_OK)
        ok = sd_send_error(c, rq, 500, "internal", _("out of memory"));
    else if (text.len == 0)
        ok = sd_send_error(c, rq, 400, "missing_parameter", _("q (the query) is missing"));
    else if (text.len > cfg->max_query)
        ok = sd_send_error(c, rq, 414, "query_too_long", _("the query is longer than the limit"));
    else if (vk_utf8_validate(text.data, text.len) != text.len)
        ok = sd_send_error(c, rq, 400, "bad_encoding", _("the query is not valid UTF-8"));
    else
        ok = search(c, cfg, rq, &req);
    vk_buf_free(&text);
    return ok;
}

/* /api/documents/{key}[/sections/{label}] */
/* With text=1, each section of the document's JSON o gets its "text" (a
 * reader of the whole document asks once, not once per section). Returns 0,
 * or -1 when out of memory (o is then freed). */
static int
add_texts(struct MHD_Connection *c, const qr_document *d, json_t *o)
{
    const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "text");
    if (!t || strcmp(t, "1") != 0)
        return 0;
    json_t *a = json_object_get(o, "sections");
    for (size_t i = 0; i < d->n_sections && i < json_array_size(a); i++) {
        const char *x = d->sections[i].text;
        if (json_object_set_new(json_array_get(a, i), "text", x ? json_string(x) : json_null())) {
            json_decref(o);
            return -1;
        }
    }
    return 0;
}

static enum MHD_Result
api_document(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *rest)
{
    char key[256], label[128] = "";
    const char *sec = strstr(rest, "/sections/");
    size_t klen = sec ? (size_t)(sec - rest) : strlen(rest);
    if (klen == 0 || klen >= sizeof key || (sec && strlen(sec + 10) >= sizeof label))
        return sd_send_error(c, rq, 404, "not_found", _("no such document path"));
    memcpy(key, rest, klen);
    key[klen] = '\0';
    if (sec) /* "_" names the preamble, whose label is "" */
        snprintf(label, sizeof label, "%s", strcmp(sec + 10, "_") == 0 ? "" : sec + 10);
    /* A key may be a number, whose '/' came as %2F ("383-QĐ%2FTW"). */
    if (sec && (!sec[10] || strchr(label, '/')))
        return sd_send_error(c, rq, 404, "not_found", _("no such document path"));
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    if (!ix)
        return sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    qr_document *d = NULL;
    vk_error err = {0};
    vk_status st = qr_index_document(ix, key, &d, &err);
    enum MHD_Result ok;
    const qr_section *only = NULL;
    json_t *o = NULL;
    if (st == VK_ENOTFOUND)
        ok = sd_send_error(c, rq, 404, "not_found", err.msg);
    else if (st != VK_OK)
        ok = index_failed(c, cfg, rq, "index_error", err.msg);
    else if (sec && !(only = qr_document_section(d, label)))
        ok = sd_send_error(c, rq, 404, "not_found", _("no such section in this document"));
    else if (qr_document_json(d, only, &o) != VK_OK || (!only && add_texts(c, d, o) != 0))
        ok = sd_send_error(c, rq, 500, "internal", _("out of memory"));
    else
        ok = reply(c, cfg, rq, o);
    qr_document_free(d);
    return ok;
}

static enum MHD_Result
api_cite(struct MHD_Connection *c, const sd_config *cfg, void *rq)
{
    const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
    const char *sec = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "section");
    if (!q || !*q)
        return sd_send_error(c, rq, 400, "missing_parameter", _("q (the citation) is missing"));
    size_t len = strlen(q);
    if (len > cfg->max_query)
        return sd_send_error(c, rq, 414, "query_too_long",
                             _("the citation is longer than the limit"));
    if (vk_utf8_validate(q, len) != len ||
        (sec && vk_utf8_validate(sec, strlen(sec)) != strlen(sec)))
        return sd_send_error(c, rq, 400, "bad_encoding", _("the parameters are not valid UTF-8"));
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    if (!ix)
        return sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    ct_resolve_opts o = {.section = sec && *sec ? sec : NULL, .limit = 10};
    ct_resolution *r = NULL;
    vk_error err = {0};
    vk_status st = ct_resolve(qr_index_rdb(ix), q, len, &o, &r, &err);
    enum MHD_Result ok;
    if (st == VK_EINVAL)
        ok = sd_send_error(c, rq, 400, "bad_citation", err.msg);
    else if (st != VK_OK)
        ok = index_failed(c, cfg, rq, "index_error", err.msg);
    else
        ok = reply(c, cfg, rq, ct_resolution_json(r));
    ct_resolution_free(r);
    return ok;
}

static enum MHD_Result
api_cited_by(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *key)
{
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    if (!ix)
        return sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    ct_citedby *r = NULL;
    vk_error err = {0};
    vk_status st = ct_cited_by(qr_index_rdb(ix), key, &r, &err);
    enum MHD_Result ok;
    if (st == VK_ENOTFOUND)
        ok = sd_send_error(c, rq, 404, "not_found", err.msg);
    else if (st != VK_OK)
        ok = index_failed(c, cfg, rq, "index_error", err.msg);
    else
        ok = reply(c, cfg, rq, ct_citedby_json(r));
    ct_citedby_free(r);
    return ok;
}

/* POST /api/check: the draft is the body (text or markdown, UTF-8 or a
 * legacy Vietnamese encoding). */
static enum MHD_Result
api_check_text(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *body,
               size_t len)
{
    cp_text text = {0};
    vk_error err = {0};
    vk_status st = cp_text_prepare("draft", body, len, &text, &err);
    if (st != VK_OK)
        return sd_send_error(c, rq, 400, st == VK_ENOMEM ? "internal" : "bad_draft", err.msg);
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    ct_check *r = NULL;
    enum MHD_Result ok;
    if (!ix) {
        ok = sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    } else if ((st = ct_check_text(qr_index_rdb(ix), "draft", text.data, text.len, &r, &err)) !=
               VK_OK) {
        ok = index_failed(c, cfg, rq, "index_error", err.msg);
    } else {
        ok = reply(c, cfg, rq, ct_check_json(r));
    }
    ct_check_free(r);
    free(text.data);
    return ok;
}

/* The media type of a Word document. */
#define DOCX_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

/* 1 if the header value v names the Word type (parameters after ';' aside). */
static int
names_docx(const char *v)
{
    size_t n = strlen(DOCX_TYPE);
    if (!v)
        return 0;
    while (*v == ' ')
        v++;
    return strncasecmp(v, DOCX_TYPE, n) == 0 && (v[n] == '\0' || v[n] == ';' || v[n] == ' ');
}

/* 1 if the Accept header v lists the Word type (not refused with q=0). */
static int
accepts_docx(const char *v)
{
    for (const char *p = v; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
        if (!names_docx(p))
            continue;
        const char *end = strchr(p, ','), *q = strstr(p, "q=");
        int refused =
            q && (!end || q < end) && q[2] == '0' && strspn(q + 3, ".0") == strcspn(q + 3, ", ;");
        return !refused;
    }
    return 0;
}

/* Writes data to a new private temporary file (mkstemp, mode 0600) whose
 * path goes into path (PATH_MAX bytes). Returns 0, or -1 (nothing left). */
static int
temp_file(const char *data, size_t len, char *path, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, cap, "%s/vankien-searchd-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (close(fd) != 0 || done < len) {
        unlink(path);
        return -1;
    }
    return 0;
}

/* msg with every occurrence of path replaced by name (in place, cut at cap):
 * messages name the upload, never the server's temporary file. */
static void
hide_path(char *msg, size_t cap, const char *path, const char *name)
{
    vk_buf b = VK_BUF_INIT;
    const char *p = msg, *at;
    size_t n = strlen(path);
    if (n == 0)
        return;
    while ((at = strstr(p, path))) {
        vk_buf_append(&b, p, (size_t)(at - p));
        vk_buf_puts(&b, name);
        p = at + n;
    }
    vk_buf_puts(&b, p);
    if (b.data)
        snprintf(msg, cap, "%s", b.data);
    vk_buf_free(&b);
}

/* The draft's name, from ?name= (its folders left out), or "" */
static const char *
draft_name(struct MHD_Connection *c)
{
    const char *n = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
    if (!n)
        return "";
    for (const char *p = n; *p; p++) {
        if (*p == '/' || *p == '\\')
            n = p + 1;
    }
    return n;
}

/* Content-Disposition of the annotated copy of the draft `name`:
 * NAME.checked.docx (".docx" of NAME dropped), else du-thao.checked.docx; the
 * name percent-encoded in filename* (RFC 6266), an ASCII fallback in filename. */
static char *
disposition(const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    vk_buf stem = VK_BUF_INIT, d = VK_BUF_INIT;
    size_t n = strlen(name);
    if (n > 5 && strcasecmp(name + n - 5, ".docx") == 0)
        n -= 5;
    vk_buf_append(&stem, name, n);
    int ascii = n > 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == ';' || ch == '%')
            ascii = 0;
    }
    vk_buf_printf(&d, "attachment; filename=\"%s.checked.docx\"; filename*=UTF-8''",
                  ascii ? stem.data : "du-thao");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)name[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            strchr("-._~", ch))
            vk_buf_putc(&d, (char)ch);
        else if (ch >= 0x20 && ch != 0x7f)
            vk_buf_printf(&d, "%%%c%c", hex[ch >> 4], hex[ch & 15]);
    }
    vk_buf_puts(&d, n ? ".checked.docx" : "du-thao.checked.docx");
    vk_buf_free(&stem);
    return vk_buf_steal(&d);
}

/* Sends the annotated copy at path (then removed) as an attachment. */
static enum MHD_Result
send_docx(struct MHD_Connection *c, void *rq, const char *path, const char *name)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unlink(path);
    struct stat st;
    char *disp = disposition(name);
    if (fd < 0 || fstat(fd, &st) != 0 || !disp) {
        if (fd >= 0)
            close(fd);
        free(disp);
        return sd_send_error(c, rq, 500, "internal", _("cannot read the annotated draft"));
    }
    enum MHD_Result ok = sd_send_fd(c, rq, fd, (size_t)st.st_size, DOCX_TYPE, disp);
    free(disp);
    return ok;
}

/* The answer to a check of a Word draft that failed with st. */
static enum MHD_Result
docx_failed(struct MHD_Connection *c, const sd_config *cfg, void *rq, vk_status st, const char *msg)
{
    if (st == VK_EINVAL || st == VK_ETOOBIG || st == VK_EENCODING || st == VK_ENOTFOUND)
        return sd_send_error(c, rq, 400, "bad_draft", msg);
    if (st == VK_EINDEX)
        return index_failed(c, cfg, rq, "index_error", msg);
    return sd_send_error(c, rq, 500, "internal", msg[0] ? msg : "error");
}

/* POST /api/check with a Word draft (.docx) as the body: checked by its
 * paragraphs (ct_check_docx, which reads a file: the body goes to a private
 * temporary file, removed at once), answered as JSON, or, when Accept asks
 * for a Word file, with the draft annotated with review comments (and, with
 * suggest, the replacements as tracked changes). */
static enum MHD_Result
api_check_docx(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *body,
               size_t len, int suggest)
{
    const char *name = draft_name(c);
    const char *shown = *name ? name : "draft.docx";
    int as_docx = accepts_docx(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept"));
    char in[PATH_MAX], out[PATH_MAX] = "";
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    if (!ix)
        return sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    int bad = temp_file(body, len, in, sizeof in) != 0;
    if (!bad && as_docx && temp_file("", 0, out, sizeof out) != 0) {
        unlink(in);
        bad = 1;
    }
    if (bad)
        return sd_send_error(c, rq, 500, "internal", _("cannot write a temporary file"));
    ct_check *r = NULL;
    vk_error err = {0};
    vk_status st = ct_check_docx(qr_index_rdb(ix), in, as_docx ? out : NULL, suggest, &r, &err);
    unlink(in);
    enum MHD_Result ok;
    if (st != VK_OK) {
        if (as_docx)
            unlink(out);
        hide_path(err.msg, sizeof err.msg, in, shown);
        hide_path(err.msg, sizeof err.msg, out, shown);
        ok = docx_failed(c, cfg, rq, st, err.msg);
    } else if (as_docx) {
        ok = send_docx(c, rq, out, name);
    } else {
        json_t *o = ct_check_json(r);
        json_object_set_new(o, "file", json_string(shown));
        ok = reply(c, cfg, rq, o);
    }
    ct_check_free(r);
    return ok;
}

/* ?suggest_changes=: 1 (the replacements as tracked changes in the
 * annotated Word file), 0 or absent (not); -1 for any other value. */
static int
suggest_changes(struct MHD_Connection *c)
{
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "suggest_changes");
    if (!v || strcmp(v, "0") == 0)
        return 0;
    return strcmp(v, "1") == 0 ? 1 : -1;
}

/* POST /api/check: a Word draft by its Content-Type, else text. */
static enum MHD_Result
api_check(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *body, size_t len)
{
    int suggest = suggest_changes(c);
    if (suggest < 0)
        return sd_send_error(c, rq, 400, "bad_parameter", _("suggest_changes is 0 or 1"));
    if (len == 0)
        return sd_send_error(c, rq, 400, "missing_body", _("send the draft as the request body"));
    if (names_docx(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type")))
        return api_check_docx(c, cfg, rq, body, len, suggest);
    if (accepts_docx(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept")))
        return sd_send_error(c, rq, 406, "not_acceptable",
                             _("an annotated Word file is the answer to a Word draft only (send "
                               "it with its Content-Type)"));
    return api_check_text(c, cfg, rq, body, len);
}

/* GET /api/analyze?text=: the analyzer's tokens. */
static enum MHD_Result
api_analyze(struct MHD_Connection *c, const sd_config *cfg, void *rq)
{
    const char *t = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "text");
    if (!t || !*t)
        return sd_send_error(c, rq, 400, "missing_parameter",
                             _("text (the text to analyze) is missing"));
    size_t len = strlen(t);
    if (len > cfg->max_query)
        return sd_send_error(c, rq, 414, "text_too_long",
                             _("the text is longer than the query limit"));
    if (vk_utf8_validate(t, len) != len)
        return sd_send_error(c, rq, 400, "bad_encoding", _("the text is not valid UTF-8"));
    json_t *o = sd_analyze_json(t, len);
    if (!o)
        return sd_send_error(c, rq, 500, "internal", _("out of memory"));
    return sd_send_json(c, rq, 200, o);
}

/* GET /api/openapi.json: the description of this API, built in. */
static enum MHD_Result
api_openapi(struct MHD_Connection *c, void *rq)
{
    const sd_asset *a = sd_asset_find("/api/openapi.json");
    json_error_t jerr;
    json_t *o = a ? json_loadb((const char *)a->data, a->len, 0, &jerr) : NULL;
    if (!o)
        return sd_send_error(c, rq, 500, "internal", _("the API description is missing"));
    return sd_send_json(c, rq, 200, o);
}

static enum MHD_Result
api_health(struct MHD_Connection *c, const sd_config *cfg, void *rq)
{
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    qr_index_info info;
    vk_error err = {0};
    if (!ix || qr_index_stat(ix, &info, &err) != VK_OK)
        return sd_send_json(c, rq, 503,
                            json_pack("{s:s, s:s, s:i}", "status", "unavailable", "version",
                                      VK_VERSION, "index_format", IX_FORMAT_VERSION));
    return sd_send_json(c, rq, 200,
                        json_pack("{s:s, s:I, s:I, s:s, s:i}", "status", "ok", "passages",
                                  (json_int_t)info.passages, "revision", (json_int_t)info.revision,
                                  "version", VK_VERSION, "index_format", IX_FORMAT_VERSION));
}

/* GET /api/stats: as `vankien stats --json` (walks the term list). */
static enum MHD_Result
api_stats(struct MHD_Connection *c, const sd_config *cfg, void *rq)
{
    int failed;
    qr_index *ix = sd_index(cfg, &failed);
    if (!ix)
        return sd_send_error(c, rq, 503, "index_unavailable", _("the index cannot be opened"));
    json_t *o = NULL;
    vk_error err = {0};
    if (qr_stats(ix, cfg->db, &o, &err) != VK_OK)
        return index_failed(c, cfg, rq, "index_error", err.msg);
    return reply(c, cfg, rq, o);
}

enum MHD_Result
sd_api(struct MHD_Connection *c, const sd_config *cfg, void *rq, const char *url, const sd_body *b)
{
    int post = b->post;
    const char *p = url + 4; /* after "/api" */
    if (strcmp(p, "/check") == 0)
        return post ? api_check(c, cfg, rq, b->data, b->len)
                    : sd_send_not_allowed(c, rq, "POST", _("POST the draft"));
    if (post)
        return sd_send_not_allowed(c, rq, "GET, HEAD", _("use GET for this endpoint"));
    if (strcmp(p, "/search") == 0)
        return api_search(c, cfg, rq);
    if (strcmp(p, "/health") == 0)
        return api_health(c, cfg, rq);
    if (strcmp(p, "/stats") == 0)
        return api_stats(c, cfg, rq);
    if (strcmp(p, "/cite") == 0)
        return api_cite(c, cfg, rq);
    if (strcmp(p, "/analyze") == 0)
        return api_analyze(c, cfg, rq);
    if (strcmp(p, "/openapi.json") == 0)
        return api_openapi(c, rq);
    if (strcmp(p, "/documents") == 0) {
        const char *n = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "number");
        if (!n || !*n)
            return sd_send_error(c, rq, 400, "missing_parameter",
                                 _("give the document's number: number=57-NQ/TW"));
        if (strstr(n, "/sections/"))
            return sd_send_error(c, rq, 404, "not_found", _("no such document"));
        return api_document(c, cfg, rq, n);
    }
    if (strcmp(p, "/cited-by") == 0) {
        const char *n = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "number");
        if (!n || !*n)
            return sd_send_error(c, rq, 400, "missing_parameter",
                                 _("give the document's number: number=57-NQ/TW"));
        return api_cited_by(c, cfg, rq, n);
    }
    if (strncmp(p, "/documents/", 11) == 0) {
        const char *rest = p + 11;
        size_t l = strlen(rest);
        if (l > 9 && strcmp(rest + l - 9, "/cited-by") == 0) {
            char key[256]; /* a key or a number ("57-NQ%2FTW") */
            if (l - 9 == 0 || l - 9 >= sizeof key)
                return sd_send_error(c, rq, 404, "not_found", _("no such document path"));
            memcpy(key, rest, l - 9);
            key[l - 9] = '\0';
            return api_cited_by(c, cfg, rq, key);
        }
        return api_document(c, cfg, rq, rest);
    }
    return sd_send_error(c, rq, 404, "not_found", _("no such API endpoint"));
}
