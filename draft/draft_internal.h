/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * draft_internal.h: what the files of draft/ share: the handle, the walk
 * that reads a paragraph's text and remembers where each piece of it lies
 * in the tree (docx.c), the scanner that finds an element's bytes in the
 * XML as stored and the splice that rewrites only them (xmlscan.c), and the
 * changes made to a paragraph for one finding (annotate.c).
 */
#ifndef VK_DR_DRAFT_INTERNAL_H
#define VK_DR_DRAFT_INTERNAL_H

#include <stddef.h>

#include "common/buf.h"
#include "common/vk.h"
#include "corpus/libs.h"
#include "draft/dr.h"

/* The parts the annotation rewrites. */
#define DR_DOCUMENT "word/document.xml"
#define DR_RELS "word/_rels/document.xml.rels"
#define DR_TYPES "[Content_Types].xml"
#define DR_COMMENTS "word/comments.xml"

/* A part read from the archive: its bytes as stored, NULL if missing. */
typedef struct dr_part {
    char *name;  /* entry name (malloc'd), e.g. "word/comments.xml" */
    char *bytes; /* malloc'd, NUL-terminated after len; NULL: no such entry */
    size_t len;
} dr_part;

struct dr_docx {
    char *name;           /* the file or the name given, for messages */
    char *data;           /* the archive's bytes (owned copy) */
    size_t len;           /* bytes of data */
    dr_part body;         /* word/document.xml */
    dr_part rels;         /* word/_rels/document.xml.rels */
    dr_part types;        /* [Content_Types].xml */
    dr_part comments;     /* the comments part the relationships name, else word/comments.xml */
    int comments_related; /* the relationships name a comments part */
    char *text;           /* every paragraph's text, each followed by a NUL */
    size_t *para_off;     /* paragraph i's text is text + para_off[i] */
    size_t *para_len;     /* ... and has para_len[i] bytes */
    size_t n_paras;
};

/* Marks (in xmlNode._private) the w:ins and w:del this library wrote, so
 * that reading a paragraph again still gives the text of the original. */
extern char dr_vk_mark;

/* Nonzero if node is the element w:name (transitional or strict markup). */
int dr_is_w(const xmlNode *node, const char *name);

/* The value of the attribute `name` (any namespace), or NULL; points into
 * the tree. */
const char *dr_attr(const xmlNode *node, const char *name);

/* Parses part (bytes not NULL) of the file `path` as cp_xml_parse does, and
 * refuses what a rewrite could not keep: a document type declaration, an
 * encoding other than UTF-8. *doc NULL on failure. VK_OK, VK_EINVAL,
 * VK_ENOMEM. */
vk_status dr_part_parse(const char *path, const dr_part *part, xmlDoc **doc, vk_error *err);

/* The body's paragraphs in document order (design note of dr.h). */
typedef struct dr_paras {
    xmlNode **v; /* the w:p elements (not owned) */
    size_t n, cap;
    int nomem; /* an allocation failed: some are missing */
} dr_paras;

/* Fills out (zeroed by the caller; free out->v) with doc's body paragraphs.
 * VK_OK or VK_ENOMEM. */
vk_status dr_body_paragraphs(xmlDoc *doc, dr_paras *out);

/* A piece of a paragraph's text and the element it comes from. */
typedef struct dr_seg {
    xmlNode *node; /* w:t or w:delText (its text), or w:tab, w:br ... (one byte) */
    xmlNode *run;  /* the w:r holding node */
    size_t start;  /* byte offset in the paragraph's text */
    size_t len;    /* bytes, at least 1 */
} dr_seg;

/* A paragraph's text and its pieces, in order. */
typedef struct dr_ptext {
    dr_seg *segs;
    size_t n, cap;
    vk_buf text; /* the text (design note of dr.h) */
    int nomem;   /* an allocation failed while reading */
} dr_ptext;

/* Reads paragraph p into t (emptied first; zero it before the first use).
 * Text inside a w:del this library wrote counts (it is the original's),
 * text in its w:ins does not. VK_OK or VK_ENOMEM. */
vk_status dr_ptext_read(xmlNode *p, dr_ptext *t);
void dr_ptext_free(dr_ptext *t);

/* Where one element lies in the bytes of its XML. */
typedef struct dr_span {
    size_t start;     /* its '<' */
    size_t end;       /* one past the '>' that closes it */
    size_t inner_end; /* the '<' of its end tag, or the '/' of "/>" when empty */
    int empty;        /* written as an empty-element tag, <x/> */
} dr_span;

/* Finds the spans of the elements numbered want[0 .. n) (ascending; the
 * k-th start tag in document order is number k, the root 0; no wanted
 * element inside another) in xml[0 .. len), a document libxml2 parsed
 * without a document type declaration. Returns 0, or -1 when the bytes do
 * not hold them. */
int dr_xml_spans(const char *xml, size_t len, const size_t *want, size_t n, dr_span *out);

/* A replacement of xml[start .. end) by text[0 .. len). */
typedef struct dr_edit {
    size_t start, end;
    const char *text;
    size_t len;
} dr_edit;

/* Appends xml[0 .. len) to out with the edits made. VK_OK; VK_EINVAL when
 * the edits are not ascending and apart, or past len; VK_ENOMEM. */
vk_status dr_splice(const char *xml, size_t len, const dr_edit *e, size_t n, vk_buf *out);

/* Serializes node (with what is under it) as libxml2 writes it, in UTF-8,
 * and appends it to out. VK_OK or VK_ENOMEM. */
vk_status dr_xml_dump(xmlDoc *doc, xmlNode *node, vk_buf *out);

/* The state of one annotation (annotate.c). */
typedef struct dr_annot {
    xmlDoc *doc;          /* word/document.xml, being changed */
    xmlNs *w;             /* its WordprocessingML namespace (the body's) */
    xmlDoc *cdoc;         /* the comments part */
    xmlNode *croot;       /* its w:comments element */
    long next_id;         /* the next free annotation id */
    char date[32];        /* ISO 8601 UTC, for w:date */
    int suggest;          /* write replacements as tracked changes */
    unsigned char *dirty; /* per paragraph: changed */
    size_t (*changes)[3]; /* the spans changed so far: paragraph, start, end */
    size_t n_changes;
    vk_buf comments; /* the new w:comment elements, serialized */
    int nomem;       /* an allocation failed: the trees are not to be used */
    /* scratch */
    dr_ptext pt;    /* a paragraph's text */
    xmlNode **runs; /* the runs of a span */
    size_t runs_cap;
    vk_buf ctext, rtext; /* the comment and the replacement, checked */
} dr_annot;

/* Writes finding f into its paragraph (ps, the body's paragraphs of
 * a->doc) and its comment into a->cdoc and a->comments, or refuses it;
 * *verdict says which. Returns VK_OK or VK_ENOMEM. */
vk_status dr_annot_apply(dr_annot *a, const dr_paras *ps, const dr_finding *f, dr_verdict *verdict);

/* Frees what a holds but the trees. */
void dr_annot_free(dr_annot *a);

#endif /* VK_DR_DRAFT_INTERNAL_H */
