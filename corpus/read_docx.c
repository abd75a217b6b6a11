/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * read_docx.c: the text of a Word .docx (a zip of XML): paragraphs, table
 * cells, text boxes, Word's automatic numbering (numbering.xml) written out,
 * and footnotes and endnotes after the body, numbered in the order the text
 * refers to them. Tracked deletions, field codes and the fallback copies
 * of drawings are left out.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "common/i18n.h"
#include "corpus/reader_kit_internal.h"
#include "corpus/readers.h"
#include "corpus/readers_internal.h"

/* Levels of a Word list. */
#define NUM_LEVELS 9
/* Most numbered lists and notes read from one file; more is not a letter. */
#define MAX_LISTS 4096
#define MAX_NOTES 4096

/* ---------------------------------------------------------------------- */
/* Reading the archive                                                    */
/* ---------------------------------------------------------------------- */

vk_status
cp_docx_read_entry(cp_docx_zip *dz, const char *name, char **out, size_t *len, vk_error *err)
{
    *out = NULL;
    *len = 0;
    zip_int64_t idx = cp_zip.zip_name_locate(dz->zip, name, 0);
    if (idx < 0)
        idx = cp_zip.zip_name_locate(dz->zip, name, ZIP_FL_NOCASE);
    if (idx < 0)
        return VK_OK;
    zip_stat_t st;
    cp_zip.zip_stat_init(&st);
    if (cp_zip.zip_stat_index(dz->zip, (zip_uint64_t)idx, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) && st.size > dz->budget)
        return vk_fail(err, VK_ETOOBIG, _("%s: %s inflates past the limit of %u bytes (zip bomb?)"),
                       dz->path, name, CP_MAX_UNZIPPED);
    zip_file_t *zf = cp_zip.zip_fopen_index(dz->zip, (zip_uint64_t)idx, 0);
    if (!zf)
        return vk_fail(err, VK_EINVAL, _("%s: broken .docx: cannot open %s: %s"), dz->path, name,
                       cp_zip.zip_strerror(dz->zip));
    vk_buf b = VK_BUF_INIT;
    vk_status rc = VK_OK;
    char chunk[65536];
    zip_int64_t n;
    while ((n = cp_zip.zip_fread(zf, chunk, sizeof chunk)) > 0) {
        if ((zip_uint64_t)n > dz->budget) {
            rc = vk_fail(err, VK_ETOOBIG,
                         _("%s: %s inflates past the limit of %u bytes (zip bomb?)"), dz->path,
                         name, CP_MAX_UNZIPPED);
            break;
        }
        dz->budget -= (size_t)n;
        if (vk_buf_append(&b, chunk, (size_t)n) != VK_OK) {
            rc = vk_fail(err, VK_ENOMEM, _("%s: out of memory"), dz->path);
            break;
        }
    }
    if (rc == VK_OK && n < 0)
        rc = vk_fail(err, VK_EINVAL, _("%s: broken .docx: reading %s: %s"), dz->path, name,
                     cp_zip.zip_file_strerror(zf));
    cp_zip.zip_fclose(zf);
    if (rc == VK_OK) {
        *len = b.len;
        *out = vk_buf_steal(&b);
        rc = *out ? VK_OK : vk_fail(err, VK_ENOMEM, _("%s: out of memory"), dz->path);
    }
    vk_buf_free(&b);
    return rc;
}

vk_status
cp_xml_parse(const char *path, const char *name, const char *xml, size_t len, xmlDoc **doc,
             vk_error *err)
{
    *doc = NULL;
    vk_status rc = VK_OK;
    xmlParserCtxt *ctxt = len <= INT_MAX ? cp_xml.xmlNewParserCtxt() : NULL;
    if (!ctxt)
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    /* No network, no entity expansion, no messages on stderr. */
    *doc = cp_xml.xmlCtxtReadMemory(ctxt, xml, (int)len, name, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!*doc) {
        const xmlError *e = cp_xml.xmlCtxtGetLastError(ctxt);
        rc = vk_fail(err, VK_EINVAL, _("%s: broken .docx: %s line %d: %s"), path, name,
                     e ? e->line : 0, e && e->message ? e->message : "not well-formed XML\n");
        size_t n = strlen(err ? err->msg : "");
        if (err && n > 0 && err->msg[n - 1] == '\n')
            err->msg[n - 1] = '\0';
    }
    cp_xml.xmlFreeParserCtxt(ctxt);
    return rc;
}

/* Reads and parses one XML entry; *doc stays NULL when it does not exist. */
static vk_status
zip_read_xml(cp_docx_zip *dz, const char *name, xmlDoc **doc, vk_error *err)
{
    *doc = NULL;
    char *xml = NULL;
    size_t len = 0;
    vk_status rc = cp_docx_read_entry(dz, name, &xml, &len, err);
    if (rc == VK_OK && xml)
        rc = cp_xml_parse(dz->path, name, xml, len, doc, err);
    free(xml);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* WordprocessingML helpers                                               */
/* ---------------------------------------------------------------------- */

/* Nonzero if node is the element w:name (transitional or strict markup). */
static int
is_w(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
           strstr((const char *)node->ns->href, "wordprocessingml") &&
           strcmp((const char *)node->name, name) == 0;
}

/* The value of the attribute w:name (any namespace), or NULL; points into
 * the tree. */
static const char *
w_attr(const xmlNode *node, const char *name)
{
    for (const xmlAttr *a = node->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    }
    return NULL;
}

static int
w_int_attr(const xmlNode *node, const char *name, int dflt)
{
    const char *v = w_attr(node, name);
    if (!v)
        return dflt;
    char *end;
    long l = strtol(v, &end, 10);
    return end == v || l < INT_MIN / 2 || l > INT_MAX / 2 ? dflt : (int)l;
}

static xmlNode *
w_child(const xmlNode *node, const char *name)
{
    for (xmlNode *c = node ? node->children : NULL; c; c = c->next) {
        if (is_w(c, name))
            return c;
    }
    return NULL;
}

/* ---------------------------------------------------------------------- */
/* Automatic numbering                                                    */
/* ---------------------------------------------------------------------- */

/* One level of a list definition (w:abstractNum/w:lvl). */
typedef struct num_level {
    int start;     /* w:start */
    char fmt;      /* 'd' decimal, '0' decimalZero, 'I' 'i' Roman, 'A' 'a' letter, 'b'
                      bullet, 'n' none */
    int legal;     /* w:isLgl: every level in decimal */
    char text[40]; /* w:lvlText, "%1." */
} num_level;

/* A list (w:num) with its definition's levels and its counters. */
typedef struct num_list {
    int id;                    /* w:numId */
    num_level lvl[NUM_LEVELS]; /* from the abstract definition */
    int override[NUM_LEVELS];  /* w:startOverride, or INT_MIN */
    int count[NUM_LEVELS];     /* current value of each level */
    int started[NUM_LEVELS];   /* the level has been used since its parent moved */
} num_list;

typedef struct numbering {
    num_list *lists;
    size_t n;
} numbering;

static char
num_format(const char *f)
{
    static const struct {
        const char *name;
        char code;
    } fmts[] = {{"decimal", 'd'},    {"decimalZero", '0'}, {"upperRoman", 'I'},
                {"lowerRoman", 'i'}, {"upperLetter", 'A'}, {"lowerLetter", 'a'},
                {"bullet", 'b'},     {"none", 'n'}};
    for (size_t i = 0; f && i < VK_ARRAY_LEN(fmts); i++) {
        if (strcmp(f, fmts[i].name) == 0)
            return fmts[i].code;
    }
    return 'd';
}

static void
read_level(const xmlNode *lvl, num_level *out)
{
    xmlNode *c;
    out->start = (c = w_child(lvl, "start")) ? w_int_attr(c, "val", 1) : 1;
    out->fmt = (c = w_child(lvl, "numFmt")) ? num_format(w_attr(c, "val")) : 'd';
    out->legal = w_child(lvl, "isLgl") != NULL;
    const char *t = (c = w_child(lvl, "lvlText")) ? w_attr(c, "val") : NULL;
    snprintf(out->text, sizeof out->text, "%s", t ? t : "");
}

static xmlNode *
find_abstract(xmlNode *root, int id)
{
    for (xmlNode *c = root->children; c; c = c->next) {
        if (is_w(c, "abstractNum") && w_int_attr(c, "abstractNumId", -1) == id)
            return c;
    }
    return NULL;
}

/* Reads numbering.xml's lists (w:num with their w:abstractNum). */
static vk_status
read_numbering(xmlDoc *doc, numbering *nb)
{
    xmlNode *root = doc ? cp_xml.xmlDocGetRootElement(doc) : NULL;
    for (xmlNode *c = root ? root->children : NULL; c && nb->n < MAX_LISTS; c = c->next) {
        if (!is_w(c, "num"))
            continue;
        xmlNode *a = w_child(c, "abstractNumId");
        xmlNode *abs = a ? find_abstract(root, w_int_attr(a, "val", -1)) : NULL;
        if (!abs)
            continue;
        num_list *v = realloc(nb->lists, (nb->n + 1) * sizeof *v);
        if (!v)
            return VK_ENOMEM;
        nb->lists = v;
        num_list *l = &v[nb->n++];
        memset(l, 0, sizeof *l);
        l->id = w_int_attr(c, "numId", -1);
        for (int k = 0; k < NUM_LEVELS; k++) {
            l->lvl[k] = (num_level){.start = 1, .fmt = 'd'};
            l->override[k] = INT_MIN;
        }
        for (xmlNode *lv = abs->children; lv; lv = lv->next) {
            int k = is_w(lv, "lvl") ? w_int_attr(lv, "ilvl", -1) : -1;
            if (k >= 0 && k < NUM_LEVELS)
                read_level(lv, &l->lvl[k]);
        }
        for (xmlNode *o = c->children; o; o = o->next) {
            int k = is_w(o, "lvlOverride") ? w_int_attr(o, "ilvl", -1) : -1;
            xmlNode *so = w_child(o, "startOverride");
            if (k >= 0 && k < NUM_LEVELS && so)
                l->override[k] = w_int_attr(so, "val", 1);
        }
    }
    return VK_OK;
}

/* The numbering of a paragraph with w:numPr (numId, ilvl): advances the
 * list's counters and writes what Word shows ("I- ", "1.1. ", "- "), and a
 * space, into buf; "" when the paragraph is not numbered. */
static void
number_paragraph(numbering *nb, const xmlNode *ppr, char *buf, size_t size)
{
    buf[0] = '\0';
    xmlNode *np = w_child(ppr, "numPr"), *c;
    int id = (c = w_child(np, "numId")) ? w_int_attr(c, "val", 0) : 0;
    int lv = (c = w_child(np, "ilvl")) ? w_int_attr(c, "val", 0) : 0;
    num_list *l = NULL;
    for (size_t i = 0; i < nb->n && id != 0 && !l; i++)
        l = nb->lists[i].id == id ? &nb->lists[i] : NULL;
    if (!l || lv < 0 || lv >= NUM_LEVELS)
        return;
    if (l->started[lv])
        l->count[lv]++;
    else
        l->count[lv] = l->override[lv] != INT_MIN ? l->override[lv] : l->lvl[lv].start;
    l->started[lv] = 1;
    for (int k = lv + 1; k < NUM_LEVELS; k++)
        l->started[k] = 0;
    const num_level *L = &l->lvl[lv];
    if (L->fmt == 'b') {
        snprintf(buf, size, "- ");
        return;
    }
    size_t n = 0;
    for (const char *p = L->text; *p && n + 24 < size; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            int v = l->started[k] ? l->count[k] : l->lvl[k].start;
            cp_format_number(v, L->legal ? 'd' : l->lvl[k].fmt, buf + n, size - n);
            n += strlen(buf + n);
            p++;
        } else {
            buf[n++] = *p;
        }
    }
    /* A space after the number even when Word shows none (w:suff
     * "nothing"): "1.Mục đích" is not a heading to the parser. */
    if (n > 0)
        buf[n++] = ' ';
    buf[n] = '\0';
}

/* ---------------------------------------------------------------------- */
/* Text                                                                   */
/* ---------------------------------------------------------------------- */

/* A note referred to by the text, numbered in order of reference. */
typedef struct note_ref {
    int endnote; /* 1 for an endnote */
    int id;      /* w:id */
} note_ref;

typedef struct docx_text {
    cp_sink sink;
    numbering *nb;  /* NULL inside notes */
    note_ref *refs; /* the body's note references, in order */
    size_t n_refs;
    int nomem;
} docx_text;

/* Elements whose content is not text read: properties, deleted or moved
 * text, field codes, and the fallback copy of a drawing (its text is in the
 * preferred copy). */
static int
skipped(const xmlNode *n)
{
    static const char *const names[] = {
        "pPr",       "rPr",     "sectPr", "tblPr",    "trPr",        "tcPr",       "tblGrid",
        "instrText", "delText", "del",    "moveFrom", "footnoteRef", "endnoteRef", "delInstrText"};
    if (n->type != XML_ELEMENT_NODE)
        return 1;
    if (strcmp((const char *)n->name, "Fallback") == 0)
        return 1;
    for (size_t i = 0; i < VK_ARRAY_LEN(names); i++) {
        if (is_w(n, names[i]))
            return 1;
    }
    return 0;
}

static void
text_of(cp_sink *s, const xmlNode *t)
{
    for (const xmlNode *c = t->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            cp_sink_text(s, (const char *)c->content, strlen((const char *)c->content));
    }
}

static void
note_reference(docx_text *d, const xmlNode *n, int endnote)
{
    if (d->n_refs >= MAX_NOTES) {
        return;
    }
    note_ref *v = realloc(d->refs, (d->n_refs + 1) * sizeof *v);
    if (!v) {
        d->nomem = 1;
        return;
    }
    d->refs = v;
    v[d->n_refs++] = (note_ref){endnote, w_int_attr(n, "id", -1)};
    char mark[48];
    snprintf(mark, sizeof mark, "<sup>%zu</sup>", d->n_refs);
    cp_sink_text(&d->sink, mark, strlen(mark));
}

static int
docx_enter(void *ctx, xmlNode *n)
{
    docx_text *d = ctx;
    if (skipped(n))
        return 0;
    if (is_w(n, "p")) {
        cp_sink_break(&d->sink, 2);
        char num[256];
        if (d->nb) {
            number_paragraph(d->nb, w_child(n, "pPr"), num, sizeof num);
            cp_sink_text(&d->sink, num, strlen(num));
        }
    } else if (is_w(n, "t")) {
        text_of(&d->sink, n);
        return 0;
    } else if (is_w(n, "tab") || is_w(n, "ptab")) {
        d->sink.space = 1;
    } else if (is_w(n, "br") || is_w(n, "cr")) {
        cp_sink_break(&d->sink, 1);
    } else if (is_w(n, "noBreakHyphen")) {
        cp_sink_text(&d->sink, "-", 1);
    } else if (is_w(n, "footnoteReference") && d->nb) {
        note_reference(d, n, 0);
    } else if (is_w(n, "endnoteReference") && d->nb) {
        note_reference(d, n, 1);
    }
    return 1;
}

static void
docx_leave(void *ctx, xmlNode *n)
{
    docx_text *d = ctx;
    if (is_w(n, "p") || is_w(n, "tc") || is_w(n, "tbl"))
        cp_sink_break(&d->sink, 2);
}

/* Appends the notes the body refers to, as "<sup>N</sup> text" paragraphs. */
static vk_status
append_notes(docx_text *body, xmlDoc *foot, xmlDoc *end)
{
    vk_buf note = VK_BUF_INIT;
    vk_status rc = VK_OK;
    for (size_t k = 0; k < body->n_refs && rc == VK_OK; k++) {
        xmlDoc *doc = body->refs[k].endnote ? end : foot;
        xmlNode *root = doc ? cp_xml.xmlDocGetRootElement(doc) : NULL;
        const char *elem = body->refs[k].endnote ? "endnote" : "footnote";
        for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
            if (!is_w(c, elem) || w_int_attr(c, "id", INT_MIN) != body->refs[k].id)
                continue;
            vk_buf_clear(&note);
            docx_text nd = {.sink = {.out = &note, .max = body->sink.max}};
            cp_xml_walk(c, docx_enter, docx_leave, &nd);
            char mark[48];
            snprintf(mark, sizeof mark, "<sup>%zu</sup> ", k + 1);
            cp_sink_break(&body->sink, 2);
            cp_sink_text(&body->sink, mark, strlen(mark));
            /* A note is one paragraph: its line ends become spaces here. */
            if (note.len)
                cp_sink_text(&body->sink, note.data, note.len);
            rc = nd.sink.nomem ? VK_ENOMEM : VK_OK;
            break;
        }
    }
    vk_buf_free(&note);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* The reader                                                             */
/* ---------------------------------------------------------------------- */

/* The parsed parts of a .docx. */
typedef struct docx_parts {
    xmlDoc *body, *numbering, *footnotes, *endnotes;
} docx_parts;

vk_status
cp_docx_open(const char *data, size_t len, cp_docx_zip *dz, vk_error *err)
{
    const char *path = dz->path;
    dz->budget = CP_MAX_UNZIPPED;
    zip_error_t ze;
    cp_zip.zip_error_init(&ze);
    zip_source_t *src = cp_zip.zip_source_buffer_create(data, len, 0, &ze);
    if (src) {
        dz->zip = cp_zip.zip_open_from_source(src, ZIP_RDONLY, &ze);
        if (!dz->zip)
            cp_zip.zip_source_free(src);
    }
    if (!dz->zip) {
        vk_status rc =
            vk_fail(err, VK_EINVAL, _("%s: broken .docx: %s (a damaged or truncated zip)"), path,
                    cp_zip.zip_error_strerror(&ze));
        cp_zip.zip_error_fini(&ze);
        return rc;
    }
    cp_zip.zip_error_fini(&ze);
    zip_int64_t n = cp_zip.zip_get_num_entries(dz->zip, 0);
    if (n < 0 || (zip_uint64_t)n > CP_MAX_ZIP_ENTRIES)
        return vk_fail(err, VK_ETOOBIG, _("%s: .docx with more than %u entries (zip bomb?)"), path,
                       CP_MAX_ZIP_ENTRIES);
    return VK_OK;
}

static vk_status
read_parts(cp_docx_zip *dz, docx_parts *p, vk_error *err)
{
    vk_status rc = zip_read_xml(dz, "word/document.xml", &p->body, err);
    if (rc == VK_OK && !p->body)
        return vk_fail(err, VK_EINVAL, _("%s: not a Word document: no word/document.xml"),
                       dz->path);
    if (rc == VK_OK)
        rc = zip_read_xml(dz, "word/numbering.xml", &p->numbering, err);
    if (rc == VK_OK)
        rc = zip_read_xml(dz, "word/footnotes.xml", &p->footnotes, err);
    if (rc == VK_OK)
        rc = zip_read_xml(dz, "word/endnotes.xml", &p->endnotes, err);
    return rc;
}

vk_status
cp_read_docx(const char *path, const char *data, size_t len, size_t max, vk_buf *out, vk_error *err)
{
    vk_status rc = cp_libs_load(CP_LIB_XML | CP_LIB_ZIP, path, _("a Word file (.docx)"), err);
    if (rc != VK_OK)
        return rc;
    cp_docx_zip dz = {.path = path};
    docx_parts p = {0};
    numbering nb = {0};
    docx_text d = {.sink = {.out = out, .max = max}, .nb = &nb};
    rc = cp_docx_open(data, len, &dz, err);
    if (rc == VK_OK)
        rc = read_parts(&dz, &p, err);
    if (rc == VK_OK && read_numbering(p.numbering, &nb) != VK_OK)
        rc = vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    if (rc == VK_OK) {
        xmlNode *root = cp_xml.xmlDocGetRootElement(p.body);
        if (root)
            cp_xml_walk(root, docx_enter, docx_leave, &d);
        if (d.nomem || append_notes(&d, p.footnotes, p.endnotes) != VK_OK)
            rc = vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
        else
            rc = cp_sink_status(&d.sink, path, err);
    }
    if (rc == VK_OK && out->len == 0)
        rc = vk_fail(err, VK_EINVAL, _("%s: empty document (no text to index)"), path);
    if (dz.zip)
        cp_zip.zip_discard(dz.zip);
    cp_xml.xmlFreeDoc(p.body);
    cp_xml.xmlFreeDoc(p.numbering);
    cp_xml.xmlFreeDoc(p.footnotes);
    cp_xml.xmlFreeDoc(p.endnotes);
    free(nb.lists);
    free(d.refs);
    return rc;
}
