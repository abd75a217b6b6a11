/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cp.h: what a Party document is, and how to get one from a file.
 *
 * Design note. A file's bytes are read and checked (UTF-8, not binary, not
 * empty), then cleaned line by line of the noise that conversion from Word
 * or PDF leaves (markdown marks `#`, `**`, `*`, `\*`, `<sup>`, hard-break
 * spaces, rules `-----`, non-breaking spaces). The structure parser then
 * reads the header (type, number, place and date, conference, term, title)
 * and cuts the body into sections by their numbering, never by markdown
 * heading levels, which are unreliable:
 *
 *   level 1  `I-`, `I.`      Roman numerals       label `III`
 *   level 2  `1.`            Arabic               label `III.3`
 *   level 3  `3.1.`          dotted               label `III.3.1`
 *   level 4  `a)`            letter               label `III.3.1.a`
 *
 * Regulations, charters, decrees and laws are built of articles instead
 * (numbering.c; labels in corpus/label.h), each level below the one that
 * holds it:
 *
 *   `Phần I`, `Phần thứ nhất`         label `Phần I`
 *   `Chương II`                       label `Chương II`
 *   `Mục 1` (inside a Chương)         label `Mục 1 Chương II`
 *   `Điều 5.` (in any of those, or in a Roman part `I-`)
 *                                     label `Điều 5`
 *   khoản `2.` of an article          label `Điều 5.2`, shown `Điều 5, khoản 2`
 *   điểm `a)` of a khoản (or article) label `Điều 5.2.a`, shown
 *                                     `Điều 5, khoản 2, điểm a`
 *
 * An article's heading is its title after "Điều 5.", joined across the
 * lines it was wrapped over; a Chương's is the title on its line or below.
 * The parts of a plan approved inside an article are the article's
 * (`Điều 1.I`, shown `Điều 1, mục I`). A regulation attached to a decision
 * ("(Ban hành kèm theo Quyết định số ...)") is a document of its own.
 *
 * Text before the first heading is the preamble (label ""). A repeated
 * number keeps both sections; the second gets a suffix (`V.4.1~2`) in its
 * label, never in its display.
 * Paragraphs broken across lines or page breaks (a line that ends
 * mid-sentence followed by one that starts in lower case) are joined.
 *
 * Every string of a cp_doc lives in the document's arena and is valid until
 * cp_file_free. A field the text does not give is NULL (dates: 0), never
 * guessed.
 */
#ifndef VK_CP_H
#define VK_CP_H

#include <stddef.h>

#include "analyzers/an.h"
#include "common/arena.h"
#include "common/vk.h"

/* Largest file the readers accept, in bytes. */
#define CP_MAX_FILE (64u * 1024u * 1024u)

/* A calendar date; 0 in a field means unknown. */
typedef struct cp_date {
    int year;  /* e.g. 2022 */
    int month; /* 1-12 */
    int day;   /* 1-31 */
} cp_date;

/* What numbers a section: Roman parts and Arabic items of resolutions and
 * plans, or the articles of regulations, charters, decrees and laws. */
typedef enum cp_sec_kind {
    CP_SEC_PREAMBLE = 0, /* text before the first heading; the closing block */
    CP_SEC_ROMAN,        /* "I-", "II." */
    CP_SEC_ARABIC,       /* "1.", "3.1." outside an article */
    CP_SEC_LETTER,       /* "a)" outside an article */
    CP_SEC_PART,         /* "Phần I", "Phần thứ nhất" */
    CP_SEC_CHAPTER,      /* "Chương II" */
    CP_SEC_DIVISION,     /* "Mục 1" (inside a chapter) */
    CP_SEC_ARTICLE,      /* "Điều 5." */
    CP_SEC_CLAUSE,       /* khoản "2." inside an article */
    CP_SEC_POINT         /* điểm "a)" inside a clause or an article */
} cp_sec_kind;

/* One section of the tree. */
typedef struct cp_section {
    const char *label;   /* unique path label, the key of filters and links: "", "III",
                            "III.3", "III.3.2", "Chương II", "Điều 5", "Điều 5.2",
                            "Điều 5.2.a"; a repeated number gets a suffix ("V.4.1~2")
                            that is never shown */
    const char *display; /* the label as readers cite it: "III.3.2", "Chương II",
                            "Điều 5", "Điều 5, khoản 2"; a repeated number as written */
    cp_sec_kind kind;    /* what numbers the section */
    const char *number;  /* the numbering as written, without punctuation: "III", "3.2" */
    const char *heading; /* heading text after the number ("" for the preamble) */
    int level;           /* depth in the tree: 0 preamble, 1 top ("I", "Chương II", or
                            "Điều 5" without chapters), 2 below it, ... */
    int parent;          /* index of the parent section, -1 at the top */
    const char **paras;  /* paragraphs of the section's own text, cleaned */
    size_t n_paras;      /* number of paragraphs */
    size_t line;         /* 1-based line of the file where the section starts */
} cp_section;

/* Who signed, and for whom. */
typedef struct cp_signer {
    const char *name;      /* "Nguyễn Phú Trọng", or NULL */
    const char *capacity;  /* "Tổng Bí thư", "Trưởng ban", or NULL */
    const char *authority; /* "T/M" (thay mặt), "K/T" (ký thay), "T/L" (thừa lệnh), or NULL */
    const char *on_behalf_of; /* what follows the authority: "Ban Chấp hành Trung ương" */
} cp_signer;

/* A certified copy stamped on the end of a document (SAO LỤC, SAO Y BẢN
 * CHÍNH, TRÍCH SAO): its own number, issuer and date, not the document's. */
typedef struct cp_copy {
    const char *kind;   /* "Sao lục", "Sao y bản chính", "Trích sao" */
    const char *number; /* "130-BS/VPQU", or NULL */
    const char *issuer; /* "Quận ủy Ba Đình - Văn phòng", or NULL */
    const char *place;  /* "Ba Đình", or NULL */
    cp_date date;
    cp_signer signer;
    const char **recipients; /* the copy's own "Nơi nhận" */
    size_t n_recipients;
} cp_copy;

/* A digital-signature stamp ("Ký bởi: ... Ngày ký: ..."). */
typedef struct cp_stamp {
    const char *signed_by; /* "Thành ủy Hà Nội" */
    const char *agency;    /* "Thành ủy Hà Nội" (Cơ quan), or NULL */
    const char *signed_at; /* "2021-11-05T15:00:30+07:00", or NULL */
} cp_stamp;

/* A footnote: "<sup>1</sup> Kế hoạch số 158-KH/TU ..." */
typedef struct cp_footnote {
    const char *label; /* "1" */
    const char *text;  /* the note */
    int section;       /* index of the section whose text holds the
                          marker (or, without a marker, the note) */
} cp_footnote;

struct cp_citation; /* corpus/cite.h */

/* One document. */
typedef struct cp_doc {
    const char *nondoc;      /* NULL for a document; else why the text is not one but
                                only cites documents: "qa" (a legal Q&A article),
                                "encyclopedia", "news", or "other" (a text with nothing
                                of a document's identity: no number, type, date, issuer
                                or articles); such a text has no number or type of its
                                own */
    const char *type_name;   /* "Nghị quyết", or NULL */
    const char *type_code;   /* "NQ", or NULL */
    const char *number;      /* "28-NQ/TW" (spaces removed), or NULL */
    const char *place;       /* "Hà Nội", or NULL */
    cp_date date;            /* date of issue */
    const char *title;       /* title or subject, joined across lines, or NULL */
    const char *conference;  /* "Hội nghị lần thứ sáu", or NULL */
    const char *term;        /* "XIII" (khoá), or NULL */
    const char *issuer;      /* issuing body: "Ban Chấp hành Trung ương", or NULL */
    cp_signer signer;        /* the document's own signature */
    const char **recipients; /* "Nơi nhận" entries, in the arena */
    size_t n_recipients;
    cp_copy *copy;          /* certified-copy block, or NULL */
    cp_stamp *stamp;        /* digital-signature stamp, or NULL */
    cp_footnote *footnotes; /* in the arena */
    size_t n_footnotes;
    int attached_to;               /* index in the file of the document this one is
                                      appended to ("Kèm theo ..."), or -1 */
    struct cp_citation *citations; /* references to other documents in its text, in
                               text order, each with its section (corpus/cite.h) */
    size_t n_citations;
    cp_section *sections; /* sections in reading order; [0] is the preamble */
    size_t n_sections;    /* number of sections (at least 1) */
} cp_doc;

/* A parsed file: one or more documents. */
typedef struct cp_file {
    const char *path;     /* the path given to cp_file_parse, copied */
    const char *encoding; /* legacy encoding the text was converted from ("tcvn3"), or
                             NULL for UTF-8 */
    const char *format;   /* format the file was read as (corpus/readers.h): "text",
                             "docx", "pdf", "html" or "doc", a constant string; NULL
                             from cp_parse_text */
    size_t boilerplate;   /* lines of web boilerplate left out of the text (portal
                             banners, copyright and consent notices, navigation,
                             metadata tables) */
    cp_doc *docs;         /* documents in file order */
    size_t n_docs;        /* number of documents */
    vk_arena arena;       /* owns every string and array above */
    an_memo *memo;        /* the analyses of paragraphs made while parsing (finding
                             citations), at most CP_MEMO_BYTES, for the indexer to
                             reuse; NULL when out of memory */
} cp_file;

/* Most bytes of a file's kept analyses (cp_file.memo). */
#define CP_MEMO_BYTES (16u << 20)

/* Text made ready for parsing by cp_text_prepare. */
typedef struct cp_text {
    char *data;           /* malloc'd, NUL-terminated, owned by the caller (free()) */
    size_t len;           /* bytes, without the NUL */
    const char *encoding; /* legacy encoding the text was converted from ("tcvn3"), a
                             constant string, or NULL for UTF-8 */
} cp_text;

/* Checks and cleans raw bytes: rejects binary data (NUL bytes), text that is
 * neither UTF-8 nor a Vietnamese legacy encoding (the message gives the line
 * and byte offset of the first invalid UTF-8) and text with no letter;
 * converts TCVN3, VNI, VISCII, Windows-1258 and TCVN3 mojibake (out->encoding
 * then names it; else NULL); removes a byte-order mark; turns CR LF and CR
 * into LF; normalizes to NFC. On success out->data is a malloc'd
 * NUL-terminated copy owned by the caller (free()) and out->len its length;
 * on failure out->data is NULL. `name` is used in messages. Returns VK_OK,
 * VK_EENCODING, VK_EINVAL (empty), VK_ENOMEM. */
vk_status cp_text_prepare(const char *name, const char *data, size_t len, cp_text *out,
                          vk_error *err);

/* Parses prepared text into documents. On success *out is owned by the
 * caller (cp_file_free). Returns VK_OK or VK_ENOMEM. Never fails on odd
 * input: a text with no recognisable structure is one document with a
 * preamble only. */
vk_status cp_parse_text(const char *path, const char *text, size_t len, cp_file **out,
                        vk_error *err);

/* Reads a file in any format cp_read_file knows (text or markdown, .docx,
 * .pdf, .html, .doc; chosen by content, at most CP_MAX_FILE bytes), then
 * prepares and parses its text; (*out)->format names the format read.
 * Returns VK_OK, or the status of the step that failed (VK_ENOTFOUND,
 * VK_EIO, VK_ETOOBIG, VK_EENCODING, VK_EINVAL, VK_ENOMEM; see
 * corpus/readers.h) with a message that names the file. Thread-safe for
 * distinct files. */
vk_status cp_file_parse(const char *path, cp_file **out, vk_error *err);

/* Frees a parsed file. NULL does nothing. */
void cp_file_free(cp_file *f);

/* Cleans one line of markdown noise into out (see the design note); returns
 * the cleaned length. out must hold len + 16 bytes. Exposed for tests. */
size_t cp_clean_line(const char *line, size_t len, char *out);

/* Document types. */
typedef struct cp_type {
    const char *name; /* "Nghị quyết" */
    const char *code; /* "NQ" (Quy định and Quyết định share "QĐ") */
    const char *slug; /* "nghi-quyet" */
} cp_type;

/* Finds a type by its name in any case, with or without diacritics
 * ("NGHỊ QUYẾT", "nghi quyet"). Returns a constant entry or NULL. */
const cp_type *cp_type_by_name(const char *name, size_t len);

/* Finds the first type with this code ("NQ", "qđ"). Returns a constant entry
 * or NULL. */
const cp_type *cp_type_by_code(const char *code, size_t len);

/* Nonzero if documents of the type named (a cp_type name) are known by a
 * name rather than a number: "Luật Đất đai", "Bộ luật Hình sự", "Điều lệ
 * Đảng", "Hiến pháp", "Pháp lệnh ...". Thread-safe. */
int cp_type_is_named(const char *name);

/* Formats a date as ISO 8601 ("2022-11-17") into buf (11 bytes); "" if the
 * date is unknown. Returns buf. */
char *cp_date_iso(const cp_date *d, char buf[11]);

#endif /* VK_CP_H */
