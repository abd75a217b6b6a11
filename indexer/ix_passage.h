/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ix_passage.h: the data stored with each passage of the index (ix_schema.h,
 * "Stored data"), and the one codec that writes and reads it. The writer
 * (writer.c) encodes, the readers (query/) decode; the names of the stored
 * fields live in ix_passage.c only, so the stored format can change behind
 * this pair (raising IX_FORMAT_VERSION).
 *
 * Today the bytes are a compact JSON object (UTF-8) whose members, in this
 * order, are the fields of ix_passage below ("key", "path", "nondoc",
 * "number", "type", "type_code", "date", "title", "issuer", "term",
 * "conference", "place", "signer", "label", "display", "kind", "heading",
 * "breadcrumb", "text"); a field that is not known is written as null.
 */
#ifndef VK_IX_PASSAGE_H
#define VK_IX_PASSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/vk.h"

/* What a result needs without the source file: the document's identity and
 * metadata, the section, and the passage's text. Strings are UTF-8 and
 * NUL-terminated; NULL when not known. */
typedef struct ix_passage {
    const char *key;        /* document key "28-nq-tw-2022" (ix_doc_key) */
    const char *path;       /* absolute path of the source file */
    const char *nondoc;     /* NULL for a document; "qa", "encyclopedia" or "news"
                               for a text that only cites documents (cp_doc.nondoc) */
    const char *number;     /* "28-NQ/TW" */
    const char *type;       /* "Nghị quyết" */
    const char *type_code;  /* "NQ" */
    const char *date;       /* date of issue, ISO "2022-11-17" */
    const char *title;      /* "về tiếp tục đổi mới ..." */
    const char *issuer;     /* "Ban Chấp hành Trung ương" */
    const char *term;       /* "XIII" */
    const char *conference; /* "Hội nghị lần thứ sáu" */
    const char *place;      /* place of issue */
    const char *signer;     /* the signer's name */
    const char *label;      /* section label: "III.3.2", "Điều 5.2", "" for the preamble */
    const char *display;    /* the label as readers cite it: "Điều 5, khoản 2" */
    const char *kind;       /* what numbers the section (cp_sec_kind_name: "article") */
    const char *heading;    /* section heading */
    const char **crumbs;    /* breadcrumb, top section first: "III. NHIỆM VỤ",
                               "Điều 5. Các hành vi bị nghiêm cấm" */
    size_t n_crumbs;
    const char *text; /* heading and paragraphs joined by "\n"; snippet
                         offsets refer to it */
} ix_passage;

/* Appends the stored bytes of p to out. A string that is not valid UTF-8 is
 * left out (it reads back as NULL). Returns VK_OK or VK_ENOMEM (out may then
 * hold part of the bytes). Thread-safe. */
vk_status ix_passage_encode(const ix_passage *p, vk_buf *out);

/* Reads the stored bytes data[0 .. len) into *out, copying every string and
 * the breadcrumb into arena (owned by it until vk_arena_free); a field
 * missing, null or not a string reads as NULL. Returns VK_OK; VK_EINVAL when
 * the bytes are not stored passage data (not a JSON object), with *out all
 * NULL; VK_ENOMEM. Thread-safe. */
vk_status ix_passage_decode(const char *data, size_t len, vk_arena *arena, ix_passage *out);

/* ---------------------------------------------------------------------- */
/* The stored data of a document: its fields and every section            */
/* ---------------------------------------------------------------------- */

/* The texts of a document's sections are stored in chunks of about this
 * many bytes (a longer section is a chunk of its own), each deflated on
 * its own: a hit reads one section, and inflates one chunk. */
#define IX_CHUNK_BYTES 8192

/* One section of a stored document. Strings are UTF-8, NUL-terminated,
 * "" when absent (never NULL after decoding). */
typedef struct ix_section {
    const char *label;    /* "III.3.2", "Điều 5.2", "" for the preamble */
    const char *display;  /* "Điều 5, khoản 2" */
    const char *kind;     /* cp_sec_kind_name: "article" */
    const char *heading;  /* the section's own heading */
    const char *crumb;    /* its step of a breadcrumb ("III. NHIỆM VỤ"), "" when
                             it shows none */
    int parent;           /* index of the parent section, -1 for a top one */
    unsigned words;       /* words of its heading (tokens but overlays) */
    uint32_t heading_end; /* the first position of its text past its heading
                             (start when it has none) */
    uint32_t start;       /* position of the section's first term: a section
                             runs to the next one's start (ix_schema.h) */
    size_t text_off;      /* its passage text: text_len bytes at text_off of */
    size_t text_len;      /* the body (encoding), of its chunk (decoded) */
    size_t chunk;         /* decoded: the chunk holding it */
} ix_section;

/* A chunk of a decoded record: `stored` deflated bytes at data, which
 * inflate to `plain` bytes. */
typedef struct ix_chunk {
    const char *data;
    size_t stored, plain;
} ix_chunk;

/* A document as stored: its fields (doc.label, .display, .kind, .heading,
 * .crumbs and .text unused), its sections in document order, and their
 * passage texts: for encoding, one after the other in body; decoded, in
 * chunks. */
typedef struct ix_record {
    ix_passage doc;
    ix_section *sections;
    size_t n_sections;
    const char *body; /* encoding: the texts, body_len bytes */
    size_t body_len;
    ix_chunk *chunks; /* decoded: pointing into the stored bytes */
    size_t n_chunks;
} ix_record;

/* Appends the stored bytes of r to out: a line "<stored> <plain>", the
 * header deflated (the document's fields as ix_passage_encode writes them,
 * a line, the number of sections and a line for each, "start parent
 * words heading_end chunk text_off text_len label display kind heading
 * crumb", tab-separated, tabs and line breaks in the strings written as
 * spaces; then the number of chunks and a line "stored plain" for each),
 * then the chunks, deflated: stored data that Xapian, which compresses a
 * document's data whole, leaves as it is, so that a hit on a long document
 * does not inflate all of it. Returns VK_OK or VK_ENOMEM. Thread-safe. */
vk_status ix_record_encode(const ix_record *r, vk_buf *out);

/* Reads stored bytes data[0 .. len) into *out: the header inflated, its
 * strings in arena; the chunks point into data, which must outlive their
 * use. Returns VK_OK, VK_EINVAL (not a document's stored data: damaged,
 * or an index of another layout), VK_ENOMEM. Thread-safe. */
vk_status ix_record_decode(const char *data, size_t len, vk_arena *arena, ix_record *out);

/* The passage of section s of a decoded record r (s < r->n_sections): the
 * document's fields, the section's, its breadcrumb (the crumbs of its
 * ancestors and its own, top first, those that are "" left out) and its
 * text, its chunk inflated, in arena. Returns VK_OK, VK_EINVAL (a chunk
 * that does not inflate to its length) or VK_ENOMEM. */
vk_status ix_record_passage(const ix_record *r, size_t s, vk_arena *arena, ix_passage *out);

#endif /* VK_IX_PASSAGE_H */
