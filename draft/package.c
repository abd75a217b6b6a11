/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * package.c: the annotated copy of a .docx: findings applied to a fresh
 * tree of document.xml, the changed paragraphs and the new comments
 * spliced into the parts' bytes as stored, the comments part related and
 * typed if it is new, and the archive rewritten by libzip, which copies
 * every entry not replaced as it is stored. Then the file written whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/i18n.h"
#include "draft/draft_internal.h"

/* A part of the new archive that differs from the old one. */
typedef struct new_part {
    const char *name; /* entry name */
    vk_buf bytes;     /* its new bytes; none: unchanged */
} new_part;

/* One annotation of one document. */
typedef struct job {
    const dr_docx *d;
    const dr_request *req;
    dr_annot a;
    dr_paras ps;
    size_t *num;       /* per paragraph: its number among the elements, in document order */
    new_part body;     /* word/document.xml */
    new_part comments; /* the comments part */
    new_part rels;     /* word/_rels/document.xml.rels */
    new_part types;    /* [Content_Types].xml */
    vk_error *err;
} job;

static vk_status
out_of_memory(job *j)
{
    return vk_fail(j->err, VK_ENOMEM, _("%s: out of memory"), j->d->name);
}

/* ---------------------------------------------------------------------- */
/* Before the findings: the trees, ids, the date                          */
/* ---------------------------------------------------------------------- */

/* The walk that numbers elements and finds the largest annotation id. */
typedef struct count_walk {
    const dr_paras *ps;
    size_t *num; /* NULL: ids only */
    size_t count, k;
    long max_id;
} count_walk;

static int
count_enter(void *ctx, xmlNode *n)
{
    count_walk *c = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (c->num && c->k < c->ps->n && c->ps->v[c->k] == n)
        c->num[c->k++] = c->count;
    c->count++;
    for (const xmlAttr *at = n->properties; at; at = at->next) {
        if (strcmp((const char *)at->name, "id") != 0 || !at->ns || !at->ns->href ||
            !strstr((const char *)at->ns->href, "wordprocessingml") || !at->children ||
            !at->children->content)
            continue;
        char *end;
        long v = strtol((const char *)at->children->content, &end, 10);
        if (end != (const char *)at->children->content && v > c->max_id)
            c->max_id = v < INT_MAX ? v : INT_MAX;
    }
    return 1;
}

static void
count_leave(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

/* Numbers the body's paragraphs among the elements (before any change),
 * and finds the first free annotation id of both parts. */
static vk_status
number_elements(job *j)
{
    j->num = calloc(j->ps.n + 1, sizeof *j->num);
    if (!j->num)
        return out_of_memory(j);
    count_walk c = {.ps = &j->ps, .num = j->num, .max_id = -1};
    cp_xml_walk(cp_xml.xmlDocGetRootElement(j->a.doc), count_enter, count_leave, &c);
    c.num = NULL;
    cp_xml_walk(j->a.croot, count_enter, count_leave, &c);
    if (c.k != j->ps.n)
        return vk_fail(j->err, VK_EINVAL, _("%s: %s: paragraphs out of order"), j->d->name,
                       DR_DOCUMENT);
    /* Each finding takes at most three ids: comment, deletion, insertion;
     * a deletion per group of runs side by side may take more, rarely. */
    if (c.max_id >= INT_MAX / 2 || j->req->n_findings > INT_MAX / 8)
        return vk_fail(j->err, VK_EINVAL, _("%s: annotation ids above 2^30: cannot add more"),
                       j->d->name);
    j->a.next_id = c.max_id + 1;
    return VK_OK;
}

/* A new comments part, in the namespace of the document's body. */
static vk_status
comments_template(job *j, dr_part *part)
{
    const char *href = j->a.w && j->a.w->href ? (const char *)j->a.w->href : "";
    if (strpbrk(href, "\"<&") || !*href)
        href = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    vk_buf b = VK_BUF_INIT;
    if (vk_buf_printf(&b,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                      "<w:comments xmlns:w=\"%s\"></w:comments>",
                      href) != VK_OK) {
        vk_buf_free(&b);
        return out_of_memory(j);
    }
    part->len = b.len;
    part->bytes = vk_buf_steal(&b);
    return part->bytes ? VK_OK : out_of_memory(j);
}

/* Parses document.xml and the comments part (or its template) into j->a. */
static vk_status
parse_parts(job *j, dr_part *cpart)
{
    const dr_docx *d = j->d;
    vk_status rc = dr_part_parse(d->name, &d->body, &j->a.doc, j->err);
    if (rc == VK_OK && dr_body_paragraphs(j->a.doc, &j->ps) != VK_OK)
        rc = out_of_memory(j);
    if (rc != VK_OK)
        return rc;
    xmlNode *root = cp_xml.xmlDocGetRootElement(j->a.doc);
    j->a.w = root ? root->ns : NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        j->a.w = dr_is_w(c, "body") ? c->ns : j->a.w;
    if (!j->a.w || !j->a.w->href)
        return vk_fail(j->err, VK_EINVAL, _("%s: %s is not WordprocessingML"), d->name,
                       DR_DOCUMENT);
    *cpart = d->comments;
    if (!cpart->bytes && (rc = comments_template(j, cpart)) != VK_OK)
        return rc;
    rc = dr_part_parse(d->name, cpart, &j->a.cdoc, j->err);
    j->a.croot = j->a.cdoc ? cp_xml.xmlDocGetRootElement(j->a.cdoc) : NULL;
    if (rc == VK_OK && !(j->a.croot && dr_is_w(j->a.croot, "comments")))
        rc = vk_fail(j->err, VK_EINVAL, _("%s: %s is not a comments part"), d->name, cpart->name);
    return rc;
}

static void
format_date(int64_t t, char *out, size_t size)
{
    time_t tt = t ? (time_t)t : time(NULL);
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, size, "1970-01-01T00:00:00Z");
}

/* ---------------------------------------------------------------------- */
/* After the findings: the parts' new bytes                               */
/* ---------------------------------------------------------------------- */

/* Whether the tag at xml + at is named `local` (any prefix). */
static int
tag_named(const char *xml, size_t len, size_t at, const char *local)
{
    size_t i = at + 1, k = i;
    while (i < len && !strchr(" \t\r\n/>", xml[i]))
        i++;
    for (size_t c = k; c < i; c++)
        k = xml[c] == ':' ? c + 1 : k;
    return i - k == strlen(local) && memcmp(xml + k, local, i - k) == 0;
}

/* The changed paragraphs of j->a.doc, written one after the other into
 * xml; at[k] is where the k-th starts, want[k] its element number. */
static vk_status
dump_paragraphs(job *j, size_t *want, size_t *at, vk_buf *xml)
{
    vk_status rc = VK_OK;
    for (size_t i = 0, k = 0; i < j->ps.n && rc == VK_OK; i++) {
        if (!j->a.dirty[i])
            continue;
        want[k] = j->num[i];
        at[k++] = xml->len;
        rc = dr_xml_dump(j->a.doc, j->ps.v[i], xml);
    }
    return rc;
}

/* document.xml with each changed paragraph written anew where it was. */
static vk_status
rewrite_body(job *j)
{
    const dr_part *body = &j->d->body;
    size_t n = 0;
    for (size_t i = 0; i < j->ps.n; i++)
        n += j->a.dirty[i] != 0;
    size_t *want = calloc(n + 1, sizeof *want), *at = calloc(n + 1, sizeof *at);
    dr_span *spans = calloc(n + 1, sizeof *spans);
    dr_edit *edits = calloc(n + 1, sizeof *edits);
    vk_buf xml = VK_BUF_INIT;
    vk_status rc = want && at && spans && edits ? VK_OK : VK_ENOMEM;
    if (rc == VK_OK)
        rc = dump_paragraphs(j, want, at, &xml);
    if (rc == VK_OK && dr_xml_spans(body->bytes, body->len, want, n, spans) != 0)
        rc = VK_EINVAL;
    for (size_t k = 0; k < n && rc == VK_OK; k++) {
        if (!tag_named(body->bytes, body->len, spans[k].start, "p"))
            rc = VK_EINVAL;
        size_t end = k + 1 < n ? at[k + 1] : xml.len;
        edits[k] = (dr_edit){spans[k].start, spans[k].end, xml.data + at[k], end - at[k]};
    }
    if (rc == VK_OK)
        rc = dr_splice(body->bytes, body->len, edits, n, &j->body.bytes);
    free(want);
    free(at);
    free(spans);
    free(edits);
    vk_buf_free(&xml);
    if (rc == VK_EINVAL)
        return vk_fail(j->err, rc, _("%s: %s: cannot find its paragraphs in its bytes"), j->d->name,
                       DR_DOCUMENT);
    return rc == VK_OK ? VK_OK : out_of_memory(j);
}

/* xml (the part `name`) with `add` appended to its root element's content. */
static vk_status
append_to_root(job *j, const dr_part *part, const vk_buf *add, vk_buf *out)
{
    const size_t root = 0;
    dr_span s;
    if (dr_xml_spans(part->bytes, part->len, &root, 1, &s) != 0)
        return vk_fail(j->err, VK_EINVAL, _("%s: %s: cannot find its root element in its bytes"),
                       j->d->name, part->name);
    vk_buf text = VK_BUF_INIT;
    dr_edit e = {s.inner_end, s.inner_end, add->data, add->len};
    vk_status rc = VK_OK;
    if (s.empty) {
        /* <x/> becomes <x>add</x>. */
        size_t i = s.start + 1;
        while (i < part->len && !strchr(" \t\r\n/>", part->bytes[i]))
            i++;
        if (vk_buf_putc(&text, '>') != VK_OK ||
            vk_buf_append(&text, add->data, add->len) != VK_OK ||
            vk_buf_printf(&text, "</%.*s>", (int)(i - s.start - 1), part->bytes + s.start + 1) !=
                VK_OK)
            rc = VK_ENOMEM;
        e = (dr_edit){s.inner_end, s.end, text.data, text.len};
    }
    if (rc == VK_OK)
        rc = dr_splice(part->bytes, part->len, &e, 1, out);
    vk_buf_free(&text);
    return rc == VK_OK ? VK_OK : out_of_memory(j);
}

/* An element `name` in the namespace of doc's root, with the attributes
 * attrs (name, value, ..., NULL), serialized into out. */
static vk_status
new_element(xmlDoc *doc, const char *name, const char *const *attrs, vk_buf *out)
{
    xmlNode *root = cp_xml.xmlDocGetRootElement(doc);
    xmlNode *n = cp_xml.xmlNewDocNode(doc, root->ns, (const xmlChar *)name, NULL);
    int ok = n && cp_xml.xmlAddChild(root, n);
    for (size_t i = 0; ok && attrs[i]; i += 2)
        ok = cp_xml.xmlSetProp(n, (const xmlChar *)attrs[i], (const xmlChar *)attrs[i + 1]) != 0;
    if (n && !ok && !n->parent)
        cp_xml.xmlFreeNode(n);
    return ok ? dr_xml_dump(doc, n, out) : VK_ENOMEM;
}

/* The relationship of document.xml to a new comments part. */
static vk_status
relate_comments(job *j)
{
    const dr_docx *d = j->d;
    int strict = strncmp((const char *)j->a.w->href, "http://purl.oclc.org/", 21) == 0;
    const char *type = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
                              : "http://schemas.openxmlformats.org/officeDocument/2006/"
                                "relationships/comments";
    const char *target = d->comments.name + strlen("word/");
    if (!d->rels.bytes) {
        vk_status rc =
            vk_buf_printf(&j->rels.bytes,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
                          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                          "relationships\"><Relationship Id=\"rIdVk1\" Type=\"%s\" Target=\"%s\"/>"
                          "</Relationships>",
                          type, target);
        return rc == VK_OK ? VK_OK : out_of_memory(j);
    }
    xmlDoc *doc = NULL;
    vk_status rc = dr_part_parse(d->name, &d->rels, &doc, j->err);
    if (rc != VK_OK)
        return rc;
    /* An id no relationship has. */
    char id[32];
    xmlNode *root = cp_xml.xmlDocGetRootElement(doc);
    for (int k = 1, taken = 1; taken; k++) {
        snprintf(id, sizeof id, "rIdVk%d", k);
        taken = 0;
        for (xmlNode *c = root->children; c && !taken; c = c->next) {
            const char *v = c->type == XML_ELEMENT_NODE ? dr_attr(c, "Id") : NULL;
            taken = v && strcmp(v, id) == 0;
        }
    }
    const char *attrs[] = {"Id", id, "Type", type, "Target", target, NULL};
    vk_buf add = VK_BUF_INIT;
    rc = new_element(doc, "Relationship", attrs, &add) == VK_OK
             ? append_to_root(j, &d->rels, &add, &j->rels.bytes)
             : out_of_memory(j);
    vk_buf_free(&add);
    cp_xml.xmlFreeDoc(doc);
    return rc;
}

/* The content type of a new comments part, unless [Content_Types].xml
 * names it already. */
static vk_status
type_comments(job *j)
{
    const dr_docx *d = j->d;
    if (!d->types.bytes)
        return vk_fail(j->err, VK_EINVAL, _("%s: broken .docx: no %s"), d->name, DR_TYPES);
    xmlDoc *doc = NULL;
    vk_status rc = dr_part_parse(d->name, &d->types, &doc, j->err);
    if (rc != VK_OK)
        return rc;
    xmlNode *root = cp_xml.xmlDocGetRootElement(doc);
    const char *name = d->comments.name;
    for (xmlNode *c = root->children; c; c = c->next) {
        const char *v = c->type == XML_ELEMENT_NODE ? dr_attr(c, "PartName") : NULL;
        if (v && v[0] == '/' && strcasecmp(v + 1, name) == 0) {
            cp_xml.xmlFreeDoc(doc);
            return VK_OK;
        }
    }
    vk_buf part = VK_BUF_INIT, add = VK_BUF_INIT;
    rc = vk_buf_printf(&part, "/%s", name);
    const char *attrs[] = {"PartName", part.data, "ContentType",
                           "application/vnd.openxmlformats-officedocument.wordprocessingml."
                           "comments+xml",
                           NULL};
    if (rc == VK_OK)
        rc = new_element(doc, "Override", attrs, &add);
    rc = rc == VK_OK ? append_to_root(j, &d->types, &add, &j->types.bytes) : out_of_memory(j);
    vk_buf_free(&part);
    vk_buf_free(&add);
    cp_xml.xmlFreeDoc(doc);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* The archive                                                            */
/* ---------------------------------------------------------------------- */

/* Replaces (keeping its time) or adds the entry of part p in z. */
static int
put_entry(zip_t *z, const new_part *p, time_t now)
{
    zip_source_t *s = cp_zip.zip_source_buffer(z, p->bytes.data, p->bytes.len, 0);
    if (!s)
        return -1;
    zip_int64_t idx = cp_zip.zip_name_locate(z, p->name, 0);
    if (idx < 0)
        idx = cp_zip.zip_name_locate(z, p->name, ZIP_FL_NOCASE);
    zip_stat_t st;
    cp_zip.zip_stat_init(&st);
    if (idx >= 0 && cp_zip.zip_stat_index(z, (zip_uint64_t)idx, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_MTIME))
        now = st.mtime;
    if (idx >= 0 ? cp_zip.zip_file_replace(z, (zip_uint64_t)idx, s, 0) != 0
                 : (idx = cp_zip.zip_file_add(z, p->name, s, ZIP_FL_ENC_UTF_8)) < 0) {
        cp_zip.zip_source_free(s);
        return -1;
    }
    return cp_zip.zip_file_set_mtime(z, (zip_uint64_t)idx, now, 0);
}

/* Reads what zip_close wrote into the kept source src. */
static vk_status
read_source(zip_source_t *src, vk_buf *out)
{
    if (cp_zip.zip_source_open(src) != 0)
        return VK_EINVAL;
    vk_status rc = VK_OK;
    char chunk[65536];
    zip_int64_t n;
    while (rc == VK_OK && (n = cp_zip.zip_source_read(src, chunk, sizeof chunk)) > 0)
        rc = vk_buf_append(out, chunk, (size_t)n);
    if (rc == VK_OK && n < 0)
        rc = VK_EINVAL;
    cp_zip.zip_source_close(src);
    return rc;
}

/* The archive with the changed parts replaced or added: every other entry
 * is copied as stored (libzip copies unchanged entries, it does not
 * re-encode them). */
static vk_status
write_zip(job *j, vk_buf *out)
{
    const dr_docx *d = j->d;
    new_part *parts[] = {&j->body, &j->comments, &j->rels, &j->types};
    zip_error_t ze;
    cp_zip.zip_error_init(&ze);
    zip_source_t *src = cp_zip.zip_source_buffer_create(d->data, d->len, 0, &ze);
    zip_t *z = src ? cp_zip.zip_open_from_source(src, 0, &ze) : NULL;
    if (!z) {
        cp_zip.zip_source_free(src);
        vk_status rc = vk_fail(j->err, VK_EINVAL, _("%s: cannot write the annotated copy: %s"),
                               d->name, cp_zip.zip_error_strerror(&ze));
        cp_zip.zip_error_fini(&ze);
        return rc;
    }
    cp_zip.zip_error_fini(&ze);
    cp_zip.zip_source_keep(src); /* to read the new archive from it once closed */
    time_t now = j->req->date ? (time_t)j->req->date : time(NULL);
    int bad = 0;
    for (size_t i = 0; i < VK_ARRAY_LEN(parts) && !bad; i++)
        bad = parts[i]->bytes.len > 0 && put_entry(z, parts[i], now) != 0;
    if (bad || cp_zip.zip_close(z) != 0) {
        vk_status rc = vk_fail(j->err, VK_EINVAL, _("%s: cannot write the annotated copy: %s"),
                               d->name, cp_zip.zip_strerror(z));
        cp_zip.zip_discard(z);
        cp_zip.zip_source_free(src);
        return rc;
    }
    vk_status rc = read_source(src, out);
    cp_zip.zip_source_free(src);
    if (rc == VK_EINVAL)
        return vk_fail(j->err, rc, _("%s: cannot read back the annotated copy"), d->name);
    return rc == VK_OK ? VK_OK : out_of_memory(j);
}

/* ---------------------------------------------------------------------- */
/* Annotating                                                             */
/* ---------------------------------------------------------------------- */

/* The new bytes of the parts the findings changed (none if none were
 * written). */
static vk_status
rewrite_parts(job *j, const dr_part *cpart)
{
    const dr_docx *d = j->d;
    if (j->a.comments.len == 0)
        return VK_OK;
    vk_status rc = rewrite_body(j);
    if (rc == VK_OK)
        rc = append_to_root(j, cpart, &j->a.comments, &j->comments.bytes);
    if (rc == VK_OK && !d->comments.bytes && !d->comments_related)
        rc = relate_comments(j);
    if (rc == VK_OK && !d->comments.bytes)
        rc = type_comments(j);
    return rc;
}

/* Applies the findings of j->req; verdicts may be NULL. */
static vk_status
apply_findings(job *j, dr_verdict *verdicts)
{
    const dr_request *req = j->req;
    j->a.suggest = req->suggest_changes;
    format_date(req->date, j->a.date, sizeof j->a.date);
    j->a.dirty = calloc(j->ps.n + 1, 1);
    if (!j->a.dirty)
        return out_of_memory(j);
    for (size_t i = 0; i < req->n_findings; i++) {
        dr_verdict v;
        if (dr_annot_apply(&j->a, &j->ps, &req->findings[i], &v) != VK_OK)
            return out_of_memory(j);
        if (verdicts)
            verdicts[i] = v;
    }
    return VK_OK;
}

vk_status
dr_docx_annotate(const dr_docx *d, const dr_request *req, dr_verdict *verdicts, char **out,
                 size_t *out_len, vk_error *err)
{
    *out = NULL;
    *out_len = 0;
    job j = {.d = d, .req = req, .err = err};
    j.body.name = d->body.name;
    j.comments.name = d->comments.name;
    j.rels.name = d->rels.name;
    j.types.name = d->types.name;
    dr_part cpart = {0};
    vk_buf zip = VK_BUF_INIT;
    vk_status rc = cp_libs_load(CP_LIB_XML | CP_LIB_ZIP, d->name, "a Word file (.docx)", err);
    if (rc == VK_OK)
        rc = parse_parts(&j, &cpart);
    if (rc == VK_OK)
        rc = number_elements(&j);
    if (rc == VK_OK)
        rc = apply_findings(&j, verdicts);
    if (rc == VK_OK)
        rc = rewrite_parts(&j, &cpart);
    if (rc == VK_OK && j.a.comments.len == 0 && vk_buf_append(&zip, d->data, d->len) != VK_OK)
        rc = out_of_memory(&j);
    else if (rc == VK_OK && j.a.comments.len > 0)
        rc = write_zip(&j, &zip);
    if (rc == VK_OK) {
        *out_len = zip.len;
        if (!(*out = vk_buf_steal(&zip)))
            rc = out_of_memory(&j);
    }
    if (cpart.bytes != d->comments.bytes)
        free(cpart.bytes);
    vk_buf_free(&zip);
    vk_buf_free(&j.body.bytes);
    vk_buf_free(&j.comments.bytes);
    vk_buf_free(&j.rels.bytes);
    vk_buf_free(&j.types.bytes);
    free(j.ps.v);
    free(j.num);
    cp_xml.xmlFreeDoc(j.a.doc);
    cp_xml.xmlFreeDoc(j.a.cdoc);
    dr_annot_free(&j.a);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Writing the file                                                       */
/* ---------------------------------------------------------------------- */

/* Opens a new file beside path ("path.vk-PID-N"), named into tmp, with
 * path's permissions when it exists (a private file stays private while it
 * is written), else as a new file gets them (0666 less the umask). */
static int
open_temporary(const char *path, char *tmp, size_t size)
{
    struct stat st;
    mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 0777) : 0666;
    static unsigned counter;
    for (int tries = 0; tries < 100; tries++) {
        unsigned n = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
        if ((size_t)snprintf(tmp, size, "%s.vk-%ld-%u", path, (long)getpid(), n) >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

static int
write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            errno = n == 0 ? EIO : errno;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes data[0 .. len) to path through a temporary file renamed over it. */
static vk_status
write_whole(const char *path, const char *data, size_t len, vk_error *err)
{
    char tmp[4096];
    int fd = open_temporary(path, tmp, sizeof tmp);
    if (fd < 0)
        return vk_fail(err, VK_EIO, _("%s: cannot write: %s"), path, strerror(errno));
    int e = 0;
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0)
        e = errno ? errno : EIO;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e) {
        unlink(tmp);
        return vk_fail(err, VK_EIO, _("%s: cannot write: %s"), path, strerror(e));
    }
    return VK_OK;
}

vk_status
dr_docx_annotate_file(const dr_docx *d, const dr_request *req, dr_verdict *verdicts,
                      const char *path, vk_error *err)
{
    char *data = NULL;
    size_t len = 0;
    vk_status rc = dr_docx_annotate(d, req, verdicts, &data, &len, err);
    if (rc == VK_OK)
        rc = write_whole(path, data, len, err);
    free(data);
    return rc;
}
