/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * docx.c: opening a drafter's .docx: the parts the annotation rewrites,
 * kept as stored, and the body's paragraphs read as text, each piece of
 * text tied to the element it comes from.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/file.h"
#include "common/i18n.h"
#include "draft/draft_internal.h"

char dr_vk_mark;

/* ---------------------------------------------------------------------- */
/* WordprocessingML                                                       */
/* ---------------------------------------------------------------------- */

int
dr_is_w(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           strstr((const char *)node->ns->href, "wordprocessingml") &&
           strcmp((const char *)node->name, name) == 0;
}

const char *
dr_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    }
    return NULL;
}

vk_status
dr_part_parse(const char *path, const dr_part *part, xmlDoc **doc, vk_error *err)
{
    vk_status rc = cp_xml_parse(path, part->name, part->bytes, part->len, doc, err);
    if (rc != VK_OK)
        return rc;
    /* The rewrite splices UTF-8 into the bytes as stored, and finds
     * elements by scanning them: no other encoding, no entities. */
    const char *enc = (const char *)(*doc)->encoding;
    if ((*doc)->intSubset || (*doc)->extSubset)
        rc = vk_fail(err, VK_EINVAL,
                     _("%s: %s has a document type declaration, which Word never "
                     "writes"),
                     path, part->name);
    else if ((enc && strcasecmp(enc, "UTF-8") != 0) ||
             (part->len >= 2 && ((unsigned char)part->bytes[0] >= 0xFE)))
        rc = vk_fail(err, VK_EINVAL, _("%s: %s is not in UTF-8"), path, part->name);
    if (rc != VK_OK) {
        cp_xml.xmlFreeDoc(*doc);
        *doc = NULL;
    }
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Paragraphs and their text                                              */
/* ---------------------------------------------------------------------- */

/* The fallback copy of a drawing or of anything else (mc:Fallback): its
 * content is in the preferred copy. */
static int
is_fallback(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "Fallback") == 0;
}

static int
para_enter(void *ctx, xmlNode *n)
{
    dr_paras *ps = ctx;
    if (n->type != XML_ELEMENT_NODE || is_fallback(n))
        return 0;
    if (!dr_is_w(n, "p"))
        return 1;
    if (ps->n == ps->cap && !ps->nomem) {
        size_t cap = ps->cap ? 2 * ps->cap : 64;
        xmlNode **v = realloc(ps->v, cap * sizeof *v);
        ps->nomem = !v;
        ps->v = v ? v : ps->v;
        ps->cap = v ? cap : ps->cap;
    }
    if (ps->n < ps->cap)
        ps->v[ps->n++] = n;
    return 0; /* a paragraph inside a paragraph is a text box's: not the body's */
}

static void
para_leave(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

vk_status
dr_body_paragraphs(xmlDoc *doc, dr_paras *out)
{
    xmlNode *root = cp_xml.xmlDocGetRootElement(doc);
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (dr_is_w(c, "body")) {
            cp_xml_walk(c, para_enter, para_leave, out);
            break;
        }
    }
    return out->nomem ? VK_ENOMEM : VK_OK;
}

/* The state of reading one paragraph. */
typedef struct ptext_walk {
    dr_ptext *t;
    xmlNode *para; /* the w:p read */
    xmlNode *run;  /* the w:r being read, or NULL */
    int in_del;    /* inside a w:del this library wrote */
} ptext_walk;

/* Records t->text[start ..) as the piece of text node gives. */
static void
push_seg(ptext_walk *w, xmlNode *node, size_t start)
{
    dr_ptext *t = w->t;
    if (t->nomem || t->text.len == start)
        return;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        dr_seg *v = realloc(t->segs, cap * sizeof *v);
        if (!v) {
            t->nomem = 1;
            return;
        }
        t->segs = v;
        t->cap = cap;
    }
    t->segs[t->n++] = (dr_seg){node, w->run, start, t->text.len - start};
}

static void
put(ptext_walk *w, const char *s, size_t n)
{
    if (!w->t->nomem && vk_buf_append(&w->t->text, s, n) != VK_OK)
        w->t->nomem = 1;
}

/* Elements whose content is no text of the paragraph: properties, deleted
 * or moved-away text, field instructions, a paragraph inside this one (a
 * text box's). */
static int
no_text(const xmlNode *n)
{
    static const char *const names[] = {"pPr",      "rPr",       "p",           "del",
                                        "moveFrom", "instrText", "delInstrText"};
    for (size_t i = 0; i < VK_ARRAY_LEN(names); i++) {
        if (dr_is_w(n, names[i]))
            return 1;
    }
    return is_fallback(n);
}

/* A child of a run: its text, or the character it stands for. */
static void
run_child(ptext_walk *w, xmlNode *n)
{
    size_t start = w->t->text.len;
    if (dr_is_w(n, "t") || (w->in_del && dr_is_w(n, "delText"))) {
        for (xmlNode *c = n->children; c; c = c->next) {
            if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
                put(w, (const char *)c->content, strlen((const char *)c->content));
        }
    } else if (dr_is_w(n, "tab") || dr_is_w(n, "ptab")) {
        put(w, "\t", 1);
    } else if (dr_is_w(n, "br") || dr_is_w(n, "cr")) {
        put(w, "\n", 1);
    } else if (dr_is_w(n, "noBreakHyphen")) {
        put(w, "-", 1);
    }
    push_seg(w, n, start);
}

static int
ptext_enter(void *ctx, xmlNode *n)
{
    ptext_walk *w = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (n == w->para)
        return 1;
    if (n->_private == &dr_vk_mark) {
        w->in_del = dr_is_w(n, "del");
        return w->in_del;
    }
    if (no_text(n))
        return 0;
    if (w->run) {
        run_child(w, n);
        return 0;
    }
    if (dr_is_w(n, "r"))
        w->run = n;
    return 1; /* a run, or what holds runs: hyperlink, w:ins, field, content control */
}

static void
ptext_leave(void *ctx, xmlNode *n)
{
    ptext_walk *w = ctx;
    if (n == w->run)
        w->run = NULL;
    else if (n->_private == &dr_vk_mark)
        w->in_del = 0;
}

vk_status
dr_ptext_read(xmlNode *p, dr_ptext *t)
{
    t->n = 0;
    t->nomem = 0;
    vk_buf_clear(&t->text);
    ptext_walk w = {.t = t, .para = p};
    cp_xml_walk(p, ptext_enter, ptext_leave, &w);
    /* A text of no pieces is "" all the same. */
    if (!t->nomem && vk_buf_reserve(&t->text, 0) != VK_OK)
        t->nomem = 1;
    return t->nomem ? VK_ENOMEM : VK_OK;
}

void
dr_ptext_free(dr_ptext *t)
{
    free(t->segs);
    vk_buf_free(&t->text);
    memset(t, 0, sizeof *t);
}

/* ---------------------------------------------------------------------- */
/* Opening                                                                */
/* ---------------------------------------------------------------------- */

static vk_status
read_part(cp_docx_zip *dz, const char *name, dr_part *part, vk_error *err)
{
    part->name = strdup(name);
    if (!part->name)
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), dz->path);
    return cp_docx_read_entry(dz, name, &part->bytes, &part->len, err);
}

/* The comments part the relationships of document.xml name (Target
 * relative to word/, or absolute), else word/comments.xml. */
static vk_status
comments_name(dr_docx *d, char **name, vk_error *err)
{
    xmlDoc *rels = NULL;
    vk_status rc = d->rels.bytes ? dr_part_parse(d->name, &d->rels, &rels, err) : VK_OK;
    if (rc != VK_OK)
        return rc;
    xmlNode *root = rels ? cp_xml.xmlDocGetRootElement(rels) : NULL;
    const char *target = NULL;
    for (xmlNode *c = root ? root->children : NULL; c && !target; c = c->next) {
        const char *type = c->type == XML_ELEMENT_NODE ? dr_attr(c, "Type") : NULL;
        const char *mode = type ? dr_attr(c, "TargetMode") : NULL;
        size_t n = type ? strlen(type) : 0;
        if (n > 9 && strcmp(type + n - 9, "/comments") == 0 &&
            !(mode && strcmp(mode, "External") == 0))
            target = dr_attr(c, "Target");
    }
    d->comments_related = target != NULL;
    if (!target)
        *name = strdup(DR_COMMENTS);
    else if (target[0] == '/')
        *name = strdup(target + 1);
    else if ((*name = malloc(strlen(target) + 6)) != NULL)
        strcat(strcpy(*name, "word/"), target);
    cp_xml.xmlFreeDoc(rels);
    return *name ? VK_OK : vk_fail(err, VK_ENOMEM, _("%s: out of memory"), d->name);
}

/* Reads paragraph texts of the body into d->text, d->para_off, d->para_len. */
static vk_status
read_paragraphs(dr_docx *d, vk_error *err)
{
    xmlDoc *doc = NULL;
    vk_status rc = dr_part_parse(d->name, &d->body, &doc, err);
    if (rc != VK_OK)
        return rc;
    dr_paras ps = {0};
    dr_ptext t = {0};
    vk_buf all = VK_BUF_INIT;
    rc = dr_body_paragraphs(doc, &ps);
    d->para_off = calloc(ps.n + 1, sizeof *d->para_off);
    d->para_len = calloc(ps.n + 1, sizeof *d->para_len);
    if (!d->para_off || !d->para_len)
        rc = VK_ENOMEM;
    for (size_t i = 0; i < ps.n && rc == VK_OK; i++) {
        rc = dr_ptext_read(ps.v[i], &t);
        d->para_off[i] = all.len;
        d->para_len[i] = t.text.len;
        if (rc == VK_OK && (vk_buf_append(&all, t.text.data, t.text.len) != VK_OK ||
                            vk_buf_putc(&all, '\0') != VK_OK))
            rc = VK_ENOMEM;
    }
    d->n_paras = ps.n;
    if (rc == VK_OK && !(d->text = vk_buf_steal(&all)))
        rc = VK_ENOMEM;
    vk_buf_free(&all);
    dr_ptext_free(&t);
    free(ps.v);
    cp_xml.xmlFreeDoc(doc);
    return rc == VK_ENOMEM ? vk_fail(err, rc, _("%s: out of memory"), d->name) : rc;
}

static vk_status
read_docx(dr_docx *d, vk_error *err)
{
    cp_docx_zip dz = {.path = d->name};
    vk_status rc = cp_docx_open(d->data, d->len, &dz, err);
    if (rc == VK_OK)
        rc = read_part(&dz, DR_DOCUMENT, &d->body, err);
    if (rc == VK_OK && !d->body.bytes)
        rc = vk_fail(err, VK_EINVAL, _("%s: not a Word document: no %s"), d->name, DR_DOCUMENT);
    if (rc == VK_OK)
        rc = read_part(&dz, DR_RELS, &d->rels, err);
    if (rc == VK_OK)
        rc = read_part(&dz, DR_TYPES, &d->types, err);
    if (rc == VK_OK)
        rc = comments_name(d, &d->comments.name, err);
    if (rc == VK_OK)
        rc = cp_docx_read_entry(&dz, d->comments.name, &d->comments.bytes, &d->comments.len, err);
    if (dz.zip)
        cp_zip.zip_discard(dz.zip);
    return rc == VK_OK ? read_paragraphs(d, err) : rc;
}

vk_status
dr_docx_open_memory(const char *name, const void *data, size_t len, dr_docx **out, vk_error *err)
{
    *out = NULL;
    if (len > DR_MAX_FILE)
        return vk_fail(err, VK_ETOOBIG, _("%s: larger than the limit of %u bytes"), name, DR_MAX_FILE);
    vk_status rc = cp_libs_load(CP_LIB_XML | CP_LIB_ZIP, name, "a Word file (.docx)", err);
    if (rc != VK_OK)
        return rc;
    dr_docx *d = calloc(1, sizeof *d);
    if (!d || !(d->name = strdup(name)) || !(d->data = malloc(len ? len : 1))) {
        dr_docx_close(d);
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), name);
    }
    if (len)
        memcpy(d->data, data, len);
    d->len = len;
    rc = read_docx(d, err);
    if (rc != VK_OK) {
        dr_docx_close(d);
        return rc;
    }
    *out = d;
    return VK_OK;
}

vk_status
dr_docx_open(const char *path, dr_docx **out, vk_error *err)
{
    *out = NULL;
    char *data = NULL;
    size_t len = 0;
    vk_status rc = vk_file_read(path, DR_MAX_FILE, &data, &len, err);
    if (rc == VK_OK)
        rc = dr_docx_open_memory(path, data, len, out, err);
    free(data);
    return rc;
}

static void
part_free(dr_part *p)
{
    free(p->name);
    free(p->bytes);
}

void
dr_docx_close(dr_docx *d)
{
    if (!d)
        return;
    part_free(&d->body);
    part_free(&d->rels);
    part_free(&d->types);
    part_free(&d->comments);
    free(d->name);
    free(d->data);
    free(d->text);
    free(d->para_off);
    free(d->para_len);
    free(d);
}

size_t
dr_docx_paragraphs(const dr_docx *d)
{
    return d->n_paras;
}

const char *
dr_docx_paragraph(const dr_docx *d, size_t i, size_t *len)
{
    if (len)
        *len = i < d->n_paras ? d->para_len[i] : 0;
    return i < d->n_paras ? d->text + d->para_off[i] : NULL;
}
