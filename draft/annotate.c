/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * annotate.c: one finding written into its paragraph's tree: the runs
 * split at the span's ends, the comment's range and reference, and with
 * suggested changes the span's runs moved into w:del and the replacement
 * in a w:ins; the comment itself added to the comments part's tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"
#include "draft/draft_internal.h"

/* ---------------------------------------------------------------------- */
/* Building elements                                                      */
/* ---------------------------------------------------------------------- */

/* Records a failed allocation; returns NULL, for `return nomem(a)`. */
static void *
nomem(dr_annot *a)
{
    a->nomem = 1;
    return NULL;
}

static xmlNode *
new_w(dr_annot *a, xmlDoc *doc, xmlNs *w, const char *name)
{
    xmlNode *n = cp_xml.xmlNewDocNode(doc, w, (const xmlChar *)name, NULL);
    return n ? n : nomem(a);
}

/* Sets the attribute w:name. Attributes need a prefix to be in a
 * namespace: when the document's is the default one, w: is declared. */
static void
set_w(dr_annot *a, xmlNode *n, xmlNs *w, const char *name, const char *value)
{
    xmlNs *ns = w;
    if (!ns->prefix) {
        ns = n->nsDef && n->nsDef->prefix ? n->nsDef : NULL;
        if (!ns)
            ns = cp_xml.xmlNewNs(n, w->href, (const xmlChar *)"w");
    }
    if (!ns || !cp_xml.xmlSetNsProp(n, ns, (const xmlChar *)name, (const xmlChar *)value))
        a->nomem = 1;
}

static void
set_id(dr_annot *a, xmlNode *n, xmlNs *w, long id)
{
    char v[24];
    snprintf(v, sizeof v, "%ld", id);
    set_w(a, n, w, "id", v);
}

/* Adds child as the last child of parent (which libxml2 may merge away, if
 * text: never use child after). */
static void
add_child(dr_annot *a, xmlNode *parent, xmlNode *child)
{
    if (!parent || !child || !cp_xml.xmlAddChild(parent, child)) {
        cp_xml.xmlFreeNode(child);
        a->nomem = 1;
    }
}

/* A w:t holding s[0 .. n), its spaces kept. */
static xmlNode *
new_t(dr_annot *a, xmlDoc *doc, xmlNs *w, const char *s, size_t n)
{
    xmlNode *t = new_w(a, doc, w, "t");
    if (t && !cp_xml.xmlSetProp(t, (const xmlChar *)"xml:space", (const xmlChar *)"preserve"))
        a->nomem = 1;
    if (t && n > 0)
        add_child(a, t, cp_xml.xmlNewDocTextLen(doc, (const xmlChar *)s, (int)n));
    return t;
}

/* Appends s[0 .. n) to run: w:t pieces, w:tab for a tab, w:br for a line
 * end. */
static void
fill_run(dr_annot *a, xmlDoc *doc, xmlNs *w, xmlNode *run, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\t' && s[j] != '\n')
            j++;
        if (j > i)
            add_child(a, run, new_t(a, doc, w, s + i, j - i));
        if (j < n)
            add_child(a, run, new_w(a, doc, w, s[j] == '\t' ? "tab" : "br"));
        i = j + 1;
    }
}

/* w:del or w:ins by DR_AUTHOR, marked as this library's. */
static xmlNode *
new_change(dr_annot *a, const char *name)
{
    xmlNode *n = new_w(a, a->doc, a->w, name);
    if (n) {
        set_id(a, n, a->w, a->next_id++);
        set_w(a, n, a->w, "author", DR_AUTHOR);
        set_w(a, n, a->w, "date", a->date);
        n->_private = &dr_vk_mark;
    }
    return n;
}

/* ---------------------------------------------------------------------- */
/* Splitting runs                                                         */
/* ---------------------------------------------------------------------- */

static xmlNode *
w_child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (dr_is_w(c, name))
            return c;
    }
    return NULL;
}

static xmlNode *
next_element(xmlNode *n)
{
    for (n = n->next; n && n->type != XML_ELEMENT_NODE; n = n->next)
        ;
    return n;
}

static xmlNode *
prev_element(xmlNode *n)
{
    for (n = n->prev; n && n->type != XML_ELEMENT_NODE; n = n->prev)
        ;
    return n;
}

/* A copy of node (and what is under it if deep) for the same document: the
 * namespaces are those in scope at node, none declared again. */
static xmlNode *
copy_node(dr_annot *a, xmlNode *node, int deep)
{
    xmlNode *c = NULL;
    if (cp_xml.xmlDOMWrapCloneNode(NULL, a->doc, node, &c, a->doc, node->parent, deep, 0) != 0 ||
        !c) {
        cp_xml.xmlFreeNode(c);
        return nomem(a);
    }
    return c;
}

/* A copy of run's w:rPr (without a tracked formatting change, whose id
 * must stay unique), or NULL if it has none. */
static xmlNode *
copy_rpr(dr_annot *a, const xmlNode *run)
{
    xmlNode *rpr = run ? w_child(run, "rPr") : NULL;
    xmlNode *c = rpr ? copy_node(a, rpr, 1) : NULL;
    if (rpr && !c)
        return NULL;
    xmlNode *change = c ? w_child(c, "rPrChange") : NULL;
    if (change) {
        cp_xml.xmlUnlinkNode(change);
        cp_xml.xmlFreeNode(change);
    }
    return c;
}

/* Moves child and what follows it in its run into a new run, inserted
 * after that run, with the same attributes and w:rPr. */
static void
split_run_before(dr_annot *a, xmlNode *child)
{
    xmlNode *run = child->parent;
    xmlNode *r2 = copy_node(a, run, 0); /* attributes, no children */
    if (!r2 || !cp_xml.xmlAddNextSibling(run, r2)) {
        cp_xml.xmlFreeNode(r2);
        a->nomem = 1;
        return;
    }
    xmlNode *rpr = w_child(run, "rPr");
    if (rpr)
        add_child(a, r2, copy_node(a, rpr, 1));
    for (xmlNode *c = child, *next; c; c = next) {
        next = c->next;
        cp_xml.xmlUnlinkNode(c);
        add_child(a, r2, c);
    }
}

/* Cuts the w:t (or w:delText) t after k bytes of its text (0 < k <
 * length): the rest goes into a copy of t right after it. */
static void
split_text(dr_annot *a, xmlNode *t, size_t k)
{
    vk_buf s = VK_BUF_INIT;
    for (xmlNode *c = t->children, *next; c; c = next) {
        next = c->next;
        if (c->content && vk_buf_puts(&s, (const char *)c->content) != VK_OK)
            a->nomem = 1;
        cp_xml.xmlUnlinkNode(c);
        cp_xml.xmlFreeNode(c);
    }
    /* Spaces at the cut must stay. */
    if (!cp_xml.xmlSetProp(t, (const xmlChar *)"xml:space", (const xmlChar *)"preserve"))
        a->nomem = 1;
    xmlNode *t2 = copy_node(a, t, 0);
    if (!a->nomem && k < s.len && t2 && cp_xml.xmlAddNextSibling(t, t2)) {
        add_child(a, t2,
                  cp_xml.xmlNewDocTextLen(a->doc, (const xmlChar *)s.data + k, (int)(s.len - k)));
        add_child(a, t, cp_xml.xmlNewDocTextLen(a->doc, (const xmlChar *)s.data, (int)k));
    } else {
        cp_xml.xmlFreeNode(t2);
        a->nomem = 1;
    }
    vk_buf_free(&s);
}

/* Makes off a boundary between runs of paragraph p, and leaves what is no
 * text (a note reference, a field character, a drawing) next to it in runs
 * of its own. */
static void
split_at(dr_annot *a, xmlNode *p, size_t off)
{
    dr_ptext *t = &a->pt;
    if (dr_ptext_read(p, t) != VK_OK) {
        a->nomem = 1;
        return;
    }
    const dr_seg *before = NULL;
    for (size_t i = 0; i < t->n && t->segs[i].start < off; i++)
        before = &t->segs[i];
    if (before && off < before->start + before->len)
        split_text(a, before->node, off - before->start);
    if (before && !a->nomem && next_element(before->node))
        split_run_before(a, next_element(before->node));
    if (a->nomem || dr_ptext_read(p, t) != VK_OK) {
        a->nomem = 1;
        return;
    }
    for (size_t i = 0; i < t->n; i++) {
        if (t->segs[i].start < off)
            continue;
        xmlNode *prev = prev_element(t->segs[i].node);
        if (prev && !dr_is_w(prev, "rPr"))
            split_run_before(a, t->segs[i].node);
        break;
    }
}

/* ---------------------------------------------------------------------- */
/* The finding                                                            */
/* ---------------------------------------------------------------------- */

/* Copies s into out without what XML cannot hold (control characters but
 * tab and line end, U+FFFE, U+FFFF). 0, or -1 if s is not UTF-8. */
static int
clean_text(dr_annot *a, const char *s, vk_buf *out)
{
    size_t n = strlen(s);
    if (vk_utf8_validate(s, n) != n)
        return -1;
    vk_buf_clear(out);
    for (size_t i = 0, k; i < n; i += k) {
        uint32_t cp;
        k = vk_utf8_decode(s + i, n - i, &cp);
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF)
            continue;
        if (vk_buf_append(out, s + i, k) != VK_OK)
            a->nomem = 1;
    }
    if (vk_buf_reserve(out, 0) != VK_OK)
        a->nomem = 1;
    return 0;
}

static int
inside_utf8(const dr_ptext *t, size_t off)
{
    return off < t->text.len && ((unsigned char)t->text.data[off] & 0xC0) == 0x80;
}

/* Whether f can be written into paragraph p (read into a->pt). */
static dr_verdict
check(dr_annot *a, xmlNode *p, const dr_finding *f)
{
    if (!p)
        return DR_NO_PARAGRAPH;
    if (dr_ptext_read(p, &a->pt) != VK_OK) {
        a->nomem = 1;
        return DR_BAD_TEXT;
    }
    if (f->start > f->end)
        return DR_BAD_SPAN;
    if (f->end > a->pt.text.len)
        return DR_CROSSES_PARAGRAPH;
    if (inside_utf8(&a->pt, f->start) || inside_utf8(&a->pt, f->end))
        return DR_BAD_SPAN;
    if (!f->comment || clean_text(a, f->comment, &a->ctext) != 0)
        return DR_BAD_TEXT;
    if (a->suggest && f->replacement && clean_text(a, f->replacement, &a->rtext) != 0)
        return DR_BAD_TEXT;
    return DR_ANNOTATED;
}

/* Whether a change to f's span would overlap or touch one made before. */
static int
overlaps_change(const dr_annot *a, const dr_finding *f)
{
    for (size_t i = 0; i < a->n_changes; i++) {
        const size_t *c = a->changes[i];
        if (c[0] == f->paragraph && f->start <= c[2] && c[1] <= f->end)
            return 1;
    }
    return 0;
}

static void
record_change(dr_annot *a, const dr_finding *f)
{
    size_t(*v)[3] = realloc(a->changes, (a->n_changes + 1) * sizeof *v);
    if (!v) {
        a->nomem = 1;
        return;
    }
    a->changes = v;
    v[a->n_changes][0] = f->paragraph;
    v[a->n_changes][1] = f->start;
    v[a->n_changes++][2] = f->end;
}

/* The runs whose text is in [start, end) of a->pt, in order, into a->runs;
 * returns how many. */
static size_t
span_runs(dr_annot *a, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t i = 0; i < a->pt.n; i++) {
        const dr_seg *g = &a->pt.segs[i];
        if (g->start < start || g->start + g->len > end || (n > 0 && a->runs[n - 1] == g->run))
            continue;
        if (n == a->runs_cap) {
            size_t cap = a->runs_cap ? 2 * a->runs_cap : 16;
            xmlNode **v = realloc(a->runs, cap * sizeof *v);
            if (!v) {
                a->nomem = 1;
                return 0;
            }
            a->runs = v;
            a->runs_cap = cap;
        }
        a->runs[n++] = g->run;
    }
    return n;
}

/* Where a point of a paragraph is: before, after or (at its end) inside a
 * node. */
typedef struct anchor {
    xmlNode *node;
    enum { BEFORE, AFTER, INSIDE } how;
} anchor;

/* The point off of paragraph p (read into a->pt): before the first run at
 * or after it, else after the last run before it, else at the end of p. */
static anchor
point_anchor(const dr_annot *a, xmlNode *p, size_t off)
{
    const dr_seg *before = NULL;
    for (size_t i = 0; i < a->pt.n; i++) {
        if (a->pt.segs[i].start >= off)
            return (anchor){a->pt.segs[i].run, BEFORE};
        before = &a->pt.segs[i];
    }
    return before ? (anchor){before->run, AFTER} : (anchor){p, INSIDE};
}

static void
put_at(dr_annot *a, anchor at, xmlNode *n)
{
    if (!n)
        return;
    xmlNode *r = at.how == BEFORE  ? cp_xml.xmlAddPrevSibling(at.node, n)
                 : at.how == AFTER ? cp_xml.xmlAddNextSibling(at.node, n)
                                   : cp_xml.xmlAddChild(at.node, n);
    if (!r) {
        cp_xml.xmlFreeNode(n);
        a->nomem = 1;
    }
}

/* A w:ins holding a run with the replacement, in the formatting rpr
 * (taken, may be NULL). */
static xmlNode *
insertion(dr_annot *a, xmlNode *rpr)
{
    xmlNode *ins = new_change(a, "ins");
    xmlNode *run = new_w(a, a->doc, a->w, "r");
    if (rpr)
        add_child(a, run, rpr);
    fill_run(a, a->doc, a->w, run, a->rtext.data, a->rtext.len);
    add_child(a, ins, run);
    return ins;
}

/* Text of a run moved into w:del is deleted text. */
static void
to_deleted(xmlNode *run)
{
    for (xmlNode *c = run->children; c; c = c->next) {
        if (dr_is_w(c, "t"))
            cp_xml.xmlNodeSetName(c, (const xmlChar *)"delText");
        else if (dr_is_w(c, "instrText"))
            cp_xml.xmlNodeSetName(c, (const xmlChar *)"delInstrText");
    }
}

/* Moves a->runs[0 .. n) into w:del elements, one per group of runs side by
 * side, and puts the replacement in a w:ins after the last; *first is the
 * first w:del, *last the w:ins (or the last w:del). */
static void
wrap_change(dr_annot *a, size_t n, xmlNode **first, xmlNode **last)
{
    xmlNode *rpr = copy_rpr(a, a->runs[0]);
    xmlNode *del = NULL;
    for (size_t i = 0; i < n && !a->nomem; i++) {
        xmlNode *r = a->runs[i];
        if (!del || prev_element(r) != del) {
            del = new_change(a, "del");
            put_at(a, (anchor){r, BEFORE}, del);
            if (a->nomem)
                break;
            *first = *first ? *first : del;
        }
        cp_xml.xmlUnlinkNode(r);
        add_child(a, del, r);
        to_deleted(r);
    }
    *last = del;
    if (a->rtext.len > 0 && !a->nomem) {
        xmlNode *ins = insertion(a, rpr);
        put_at(a, (anchor){del, AFTER}, ins);
        *last = ins;
    } else {
        cp_xml.xmlFreeNode(rpr);
    }
}

static xmlNode *
marker(dr_annot *a, const char *name, long id)
{
    xmlNode *m = new_w(a, a->doc, a->w, name);
    if (m)
        set_id(a, m, a->w, id);
    return m;
}

/* The w:commentReference run after the range's end cre, outside any
 * tracked change (a reference inside w:del would be deleted with it). */
static void
place_reference(dr_annot *a, xmlNode *p, xmlNode *cre, long id)
{
    if (!cre || a->nomem)
        return;
    xmlNode *at = cre;
    while (at->parent && at->parent != p &&
           (dr_is_w(at->parent, "del") || dr_is_w(at->parent, "ins") ||
            dr_is_w(at->parent, "moveFrom") || dr_is_w(at->parent, "moveTo")))
        at = at->parent;
    xmlNode *run = new_w(a, a->doc, a->w, "r");
    add_child(a, run, marker(a, "commentReference", id));
    put_at(a, (anchor){at, AFTER}, run);
}

/* The comment's range from first to last (nodes of p), and its reference. */
static void
place_range(dr_annot *a, xmlNode *p, xmlNode *first, xmlNode *last, long id)
{
    xmlNode *crs = marker(a, "commentRangeStart", id);
    xmlNode *cre = marker(a, "commentRangeEnd", id);
    put_at(a, (anchor){first, BEFORE}, crs);
    if (a->nomem) {
        cp_xml.xmlFreeNode(cre);
        return;
    }
    put_at(a, (anchor){last, AFTER}, cre);
    place_reference(a, p, a->nomem ? NULL : cre, id);
}

/* An empty range at a point, and its reference. */
static void
place_point(dr_annot *a, xmlNode *p, anchor at, long id)
{
    xmlNode *crs = marker(a, "commentRangeStart", id);
    xmlNode *cre = marker(a, "commentRangeEnd", id);
    put_at(a, at, crs);
    if (a->nomem) {
        cp_xml.xmlFreeNode(cre);
        return;
    }
    put_at(a, (anchor){crs, AFTER}, cre);
    place_reference(a, p, a->nomem ? NULL : cre, id);
}

/* The comment (a->ctext) as a w:comment of the comments part: a paragraph
 * per line, the first led by the w:annotationRef Word puts there. */
static void
add_comment(dr_annot *a, long id)
{
    xmlNs *cw = a->croot->ns;
    xmlNode *c = new_w(a, a->cdoc, cw, "comment");
    add_child(a, a->croot, c);
    if (a->nomem)
        return;
    set_id(a, c, cw, id);
    set_w(a, c, cw, "author", DR_AUTHOR);
    set_w(a, c, cw, "date", a->date);
    set_w(a, c, cw, "initials", DR_INITIALS);
    const char *s = a->ctext.data;
    size_t n = a->ctext.len;
    for (size_t i = 0; i <= n && !a->nomem;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        xmlNode *para = new_w(a, a->cdoc, cw, "p");
        add_child(a, c, para);
        if (i == 0 && !a->nomem) {
            xmlNode *ref = new_w(a, a->cdoc, cw, "r");
            add_child(a, para, ref);
            if (!a->nomem)
                add_child(a, ref, new_w(a, a->cdoc, cw, "annotationRef"));
        }
        xmlNode *run = a->nomem ? NULL : new_w(a, a->cdoc, cw, "r");
        if (run)
            add_child(a, para, run);
        if (!a->nomem)
            fill_run(a, a->cdoc, cw, run, s + i, j - i);
        i = j + 1;
    }
    if (!a->nomem && dr_xml_dump(a->cdoc, c, &a->comments) != VK_OK)
        a->nomem = 1;
}

vk_status
dr_annot_apply(dr_annot *a, const dr_paras *ps, const dr_finding *f, dr_verdict *verdict)
{
    xmlNode *p = f->paragraph < ps->n ? ps->v[f->paragraph] : NULL;
    *verdict = check(a, p, f);
    if (*verdict != DR_ANNOTATED || a->nomem)
        return a->nomem ? VK_ENOMEM : VK_OK;
    int change = a->suggest && f->replacement;
    if (change && overlaps_change(a, f)) {
        *verdict = DR_CHANGE_OVERLAPS;
        change = 0;
    }
    split_at(a, p, f->start);
    if (f->end > f->start && !a->nomem)
        split_at(a, p, f->end);
    if (a->nomem || dr_ptext_read(p, &a->pt) != VK_OK)
        return VK_ENOMEM;
    long id = a->next_id++;
    size_t n = span_runs(a, f->start, f->end);
    xmlNode *first = NULL, *last = NULL;
    if (n > 0 && change) {
        wrap_change(a, n, &first, &last);
    } else if (n > 0) {
        first = a->runs[0];
        last = a->runs[n - 1];
    } else if (change && a->rtext.len > 0) {
        anchor at = point_anchor(a, p, f->start);
        first = last = insertion(a, copy_rpr(a, at.how == INSIDE ? NULL : at.node));
        put_at(a, at, first);
    }
    if (a->nomem)
        return VK_ENOMEM;
    if (first)
        place_range(a, p, first, last, id);
    else
        place_point(a, p, point_anchor(a, p, f->start), id);
    add_comment(a, id);
    if (change)
        record_change(a, f);
    a->dirty[f->paragraph] = 1;
    return a->nomem ? VK_ENOMEM : VK_OK;
}

void
dr_annot_free(dr_annot *a)
{
    free(a->dirty);
    free(a->changes);
    vk_buf_free(&a->comments);
    dr_ptext_free(&a->pt);
    free(a->runs);
    vk_buf_free(&a->ctext);
    vk_buf_free(&a->rtext);
}

const char *
dr_verdict_str(dr_verdict v)
{
    switch (v) {
    case DR_ANNOTATED: return "annotated";
    case DR_NO_PARAGRAPH: return "no such paragraph";
    case DR_CROSSES_PARAGRAPH: return "the span runs past the end of its paragraph";
    case DR_BAD_SPAN: return "the span's start is after its end, or inside a character";
    case DR_BAD_TEXT: return "the comment or the replacement is not UTF-8 text";
    case DR_CHANGE_OVERLAPS: return "comment written, change not: it overlaps an earlier change";
    }
    return "unknown verdict";
}
