/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct_internal.h: what resolve.c, mention.c, check.c and json.c
 * share: documents read from their stored passages, candidate search,
 * comparison of citation fields, and the formatting of citations. Never
 * included from another module.
 */
#ifndef VK_CT_INTERNAL_H
#define VK_CT_INTERNAL_H

#include <stddef.h>

#include "cite/ct.h"
#include "common/arena.h"
#include "common/buf.h"
#include "corpus/cite.h"

/* Most passages or documents read for one look-up. */
#define CT_MAX_POSTINGS 5000

/* A document's metadata as its passages store it. Strings in the arena
 * given to ct_doc_read, NULL when unknown. */
typedef struct ct_doc {
    const char *key, *number, *type, *type_code, *title, *issuer, *term, *conference, *path;
    const char *group; /* IX_SLOT_GROUP: copies of one document share it */
    cp_date date;
    int plenum;           /* from the conference ("Hội nghị lần thứ sáu"), else 0 */
    const char *congress; /* from a conference "Đại hội ... lần thứ XII", else NULL */
} ct_doc;

/* A passage as the index stores it: its document and its section. */
typedef struct ct_passage {
    ct_doc doc;
    const char *label, *heading, *text; /* "" when absent */
    double order;                       /* section index in the document */
} ct_passage;

/* Reads the stored data and values of passage `docid`. Strings in a.
 * Returns VK_OK, VK_EINDEX (unreadable, or not JSON), VK_ENOMEM. */
vk_status ct_passage_read(xc_rdb *db, uint32_t docid, vk_arena *a, ct_passage *out, vk_error *err);

/* Reads the metadata of the document with this key. Returns VK_OK,
 * VK_ENOTFOUND (no such key), VK_EINDEX, VK_ENOMEM. */
vk_status ct_doc_read(xc_rdb *db, const char *key, vk_arena *a, ct_doc *out, vk_error *err);

/* The key of a document whose own number is `number` (zeros of the digits
 * aside), or NULL. Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_key_of_number(xc_rdb *db, const char *number, vk_arena *a, const char **key,
                           vk_error *err);

/* The keys of the documents indexed by `term` (a boolean term of every
 * passage), without repeats, in *keys (arena). Returns VK_OK, VK_EINDEX,
 * VK_ENOMEM. */
vk_status ct_keys_by_term(xc_rdb *db, const char *term, size_t len, vk_arena *a, const char ***keys,
                          size_t *n, vk_error *err);

/* The keys of the other copies of a document (same IX_SLOT_GROUP). */
vk_status ct_copies(xc_rdb *db, const ct_doc *d, vk_arena *a, const char ***keys, size_t *n,
                    vk_error *err);

/* Index term forms: the folded full number ("28-nq/tw"), the short form
 * ("28-nq", see XM in ix_schema.h), into out (cleared first). The short
 * form of a number that is not a Party number is empty. */
vk_status ct_number_term(const char *number, vk_buf *out);
vk_status ct_short_term(const char *num, const char *type_code, vk_buf *out);

/* Do two numbers name the same document: equal folded, leading zeros of
 * the digits aside ("4-KL/BTCTW" = "04-KL/BTCTW")? */
int ct_number_equal(const char *a, const char *b);

/* The plenum (1-99) of a conference "Hội nghị lần thứ sáu", "Hội nghị Trung
 * ương 6", or 0; the congress ("XII") of "Đại hội ... lần thứ XII" into buf,
 * or "" (returns buf). */
int ct_conference_plenum(const char *conference);
char *ct_conference_congress(const char *conference, char buf[16]);

/* Writes n (1-99) as a Roman numeral into buf; returns buf. */
char *ct_roman(int n, char buf[16]);

/* Do two codes ("QĐ", "qd"; "TW") agree, case and diacritics aside? */
int ct_code_equal(const char *a, const char *b);

/* Field comparisons: 1 agree, 0 disagree (callers check presence first). */
int ct_issuer_agree(const char *a, const char *b);
int ct_type_agree(const char *type_a, const char *code_a, const char *type_b, const char *code_b);
int ct_term_agree(const char *a, const char *b);
int ct_date_equal(const cp_date *a, const cp_date *b);
int ct_subject_agree(const char *subject, int quoted, const char *title);

/* Is the issuer a body that may issue numbers with this issuer code ("TW":
 * Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư)? 1 yes, 0 no, -1 when
 * the code or the body is not one the table knows. */
int ct_issuer_fits_code(const char *issuer, const char *issuer_code);

/* The body as the canonical citation writes it ("Ban Chấp hành Trung ương"
 * -> "Ban Chấp hành Trung ương Đảng"), or NULL for NULL; the body an issuer
 * code names by itself ("BTCTW" -> "Ban Tổ chức Trung ương"), or NULL. */
const char *ct_issuer_display(const char *issuer, vk_arena *a);
const char *ct_issuer_of_code(const char *issuer_code);

/* What the last part of a citation is. */
typedef enum ct_title_kind {
    CT_TITLE_DOC = 0, /* a document's title ("về ...", "Thực hiện ...", a name) */
    CT_TITLE_SUBJECT, /* the words a citation writes after "về" */
    CT_TITLE_QUOTED   /* the same, written between quotes */
} ct_title_kind;

/* Formats a canonical citation (design note of ct.h) into the arena:
 * the type, "số number" (or, without a number, the conference or informal
 * name given as `name`), the date, "của issuer", "khóa term" and the title
 * or subject. Returns NULL when out of memory. */
const char *ct_citation_format(vk_arena *a, const char *type, const char *number, const char *name,
                               const cp_date *date, const char *issuer, const char *term,
                               const char *title, ct_title_kind kind);

/* The section part of a citation: "tiểu mục 3.2, mục 3, phần III" for the
 * label "III.3.2"; "phần mở đầu" for ""; NULL when out of memory. */
const char *ct_section_words(vk_arena *a, const char *label);

/* The subject written right after a citation that ends at text[end]: "về"
 * and a quoted string, or "về" and words up to the end of the sentence
 * (";", ".", a line break) or `limit`; a quoted string right after the
 * citation counts too. Writes the subject (without "về", quotes and
 * markdown marks) to *subject (arena) or NULL, *quoted, and the bytes it
 * spans (from "về" or the quote) to *s_start, *s_end. Returns VK_OK or
 * VK_ENOMEM. */
vk_status ct_subject_after(const char *text, size_t len, size_t end, size_t limit, vk_arena *a,
                           const char **subject, int *quoted, size_t *s_start, size_t *s_end);

/* Passages that cite something: which citations of a passage to keep. */
typedef int (*ct_mention_filter)(const cp_citation *c, const void *ud);

/* Reads the passages indexed by `term` (a citation term: XC, XCM, XCP,
 * XCG), finds their citations again (cp_cite_find over the stored text) and
 * appends one mention per citation `keep` accepts to out->v. Copies of one
 * citing document count once (the copy with a number line is kept).
 * Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
typedef struct ct_mentions_out {
    ct_mention *v; /* arena-grown array */
    size_t n, cap;
    const char *exclude_group; /* skip passages of this group of copies, or NULL */
} ct_mentions_out;

vk_status ct_mentions(xc_rdb *db, const char *term, size_t term_len, ct_mention_filter keep,
                      const void *ud, vk_arena *a, ct_mentions_out *out, vk_error *err);

/* Sorts mentions by citing document (most recent first), then by their
 * place in it. */
void ct_mentions_sort(ct_mention *v, size_t n);

/* Fills a candidate known only from mentions: the fields most mentions
 * give, the evidence and the conflicts. Returns VK_OK or VK_ENOMEM. */
vk_status ct_candidate_from_mentions(vk_arena *a, ct_mention *v, size_t n, ct_candidate *c);

/* The candidates for a parsed reference, ranked, at most `limit`: both
 * documents of the corpus and numbers known only from citations. With
 * `subject_search`, a reference with neither a number nor an informal name
 * is looked up by its subject. Returns VK_OK, VK_EINDEX, VK_ENOMEM. */
vk_status ct_candidates(xc_rdb *db, const ct_ref *ref, size_t limit, int subject_search,
                        vk_arena *a, ct_candidate **out, size_t *n_out, vk_error *err);

/* Compares a reference with a candidate: sets c->matched, c->mismatched
 * and c->score. */
void ct_rank(const ct_ref *ref, ct_candidate *c);

/* Appends `s` to v (an arena-grown array of pointers); VK_ENOMEM. */
vk_status ct_push_str(vk_arena *a, const char ***v, size_t *n, size_t *cap, const char *s);

/* Makes room for one more item in an arena array v of n `size`-byte items
 * and capacity *cap: returns v, or a larger copy of it (the old one stays
 * in the arena), or NULL when out of memory. */
void *ct_grow(vk_arena *a, void *v, size_t n, size_t *cap, size_t size);

/* Folds text (an_fold_text) with runs of non-alphanumeric bytes made one
 * space, trimmed, into out (cleared first). */
vk_status ct_fold_words(const char *s, size_t len, vk_buf *out);

/* A copy of s[0 .. len) in the arena with markdown marks (*, _) removed
 * and runs of white space made one space, trimmed; NULL when out of
 * memory. */
const char *ct_clean_copy(vk_arena *a, const char *s, size_t len);

#endif /* VK_CT_INTERNAL_H */
