/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ct.h: citation look-up while drafting: what a drafter types
 * ("28-NQ/TW", "Nghị quyết 28", "NQ 28/TW", "Kết luận 21 khóa XIII",
 * "Nghị quyết Trung ương 6 khóa XIII") resolved to documents of the index
 * with their canonical citation; the passages that cite a document; and a
 * check of every citation in a draft against the corpus. Shared by
 * `vankien cite`, `cites` and `check` and the daemon.
 *
 * Design note.
 *
 * Reading a reference. ct_ref_parse reads the fields a drafter may type, in
 * any order, case and tone style, with or without diacritics: a type word or
 * code (Nghị quyết, NQ, Quy định, QĐ ...), a full number (28-NQ/TW, spaces
 * allowed) or its digits alone ("28", "28/TW"), "ngày" and a date, "của" and
 * an issuer, "khóa XIII" (or "khóa 13"), a plenum ("Trung ương 6", "TW 6",
 * "Hội nghị lần thứ sáu": ct_ordinal_parse), a congress ("Đại hội XII"),
 * a subject ("về ...", or quoted), and "#III.3.2" for a section. A document
 * key as search results show it ("28-nq-tw-2022") is taken as such.
 *
 * Resolving. Candidates come from the index terms of ix_schema.h: the full
 * number (XN), the number without its issuer (XM: "Nghị quyết 28" finds
 * 28-NQ/TW and 28-NQ/TU; XM holds Party numbers only, so digits and a
 * type also find the state numbers whose XN term starts with them and
 * has that type code: "Thông tư 60" 60/2025/TT-BCT, "Quyết định 2842"
 * 2842/QĐ-UBND of each province, "Nghị quyết 196" the Quốc hội's
 * 196/2025/QH15), or, for an informal name, the documents of that
 * type and term whose conference ("Hội nghị lần thứ sáu") is that plenum.
 * A reference with neither, known by its subject or its name ("Nghị quyết
 * về ...", "Luật Đất đai"), is looked up as the phrase of the subject's
 * first 12 words in the documents of its type, through query/'s typed
 * search (qr_search_keys). Copies of one document (IX_SLOT_GROUP) are one
 * candidate. Each candidate
 * says which fields of the reference it matches and which it contradicts,
 * and is ranked by that. A number the corpus cites but does not hold
 * (XC, XCM; informal names: XCP, XCG) is a candidate too, known only by what
 * the citing passages say of it: their citations are read again from the
 * stored passage text (cp_cite_find) as evidence, and the fields on which
 * they disagree are listed.
 *
 * Checking a draft. Its citations are found by cp_cite_find_opts in its
 * draft mode, which also reads what a drafter writes but a corpus is not
 * indexed by: a type word and bare digits ("Nghị quyết 57", "Kết luận số
 * 221 ngày ..."), resolved by digits and type to the one document the other
 * fields agree with (several equally: a WARNING naming them; at equal
 * agreement, an issuer that fits a number's issuer code chooses it: "số 8
 * ... của Bộ Chính trị" is 08-NQ/TW, not 08-NQ/ĐUBTC), and an alias
 * the draft introduces ("(sau đây gọi tắt là Nghị quyết 57)"), whose later
 * uses stand for that document (cite/alias.c); words without diacritics
 * and one line break inside a citation are read in both modes. They are
 * resolved as above; each field the draft gives is compared with the document (a
 * contradiction is an ERROR), or, for a number the corpus lacks, with what
 * the citing documents say of it (ERROR when they agree among themselves,
 * WARNING when they do not; the number itself is a WARNING, "unknown to
 * the corpus"). Issuers are compared as bodies, not text (see
 * ct_issuer_agree): an issuer is an ERROR only when the body named could
 * not have issued the document (ct_issuer_could_issue: the Bộ Chính trị
 * for a Ban Chấp hành Trung ương letterhead, not for a plenum's
 * resolution). Without a document to compare with, the issuer is checked
 * against the number's issuer code (TW: Ban Chấp hành Trung ương, Bộ Chính
 * trị, Ban Bí thư) and a central number's term against its date (the
 * congress calendar, khóa I to XIV; a term it does not know is a
 * WARNING). A subject written without any diacritic is compared with the
 * title folded. Did you mean: a number the corpus lacks (and does not cite
 * with the draft's date) is compared with the documents of its date and
 * type and with the numbers, held or only cited (XN, XC), that differ from
 * it in a slip of the digits only (same kind, type and issuer code, year:
 * "5128/QĐ-UBND" for 5182/QĐ-UBND, "173-KL/TW" for 137-KL/TW); the one
 * that fits best names the document meant, an ERROR when its date and
 * type, or its subject, are the citation's, a WARNING when only its
 * digits are one slip away (two swapped; one changed, left out or added
 * only with the term or year given too) and nothing contradicts; two that
 * fit as well name none. A state number must be one slip away (many state
 * documents share a date and a type); a number only cited must fit
 * clearly, by a date its citations agree on or its subject. An article named
 * before a citation ("khoản 2 Điều 8 Quy định số 22-QĐ/TW",
 * cp_citation.article) must be a section of the document: an ERROR when
 * the article or its clause is missing (a WARNING when the article is not
 * split into clauses). A Party number dated years and a congress away
 * from the document of that number is another document (numbers restart
 * each term). A quote (“...”, "...", «...») is
 * attributed to the last citation before it in its paragraph, or to one
 * right after it, and looked for in that document as a run of analyzer
 * tokens, in the article the citation names first ("…" splits it); found
 * only elsewhere, a WARNING says where. Only the first 5000 passages
 * indexed by one term are read.
 *
 * Findings a drafter applies: besides its message (English, one complete
 * format string each, for translation) and suggestion, a finding gives the
 * bytes of the wrong words (the date, the number, the issuer after "của",
 * the term's numeral, the type word, a quoted subject or quote, the
 * article's words) and the words to write there, and the canonical
 * citation of the document meant, to paste. A problem the draft repeats
 * is one finding with its other places (ct_finding.also, each with its own
 * span). The check closes with a summary: documents cited (distinct, in
 * the corpus and not), citations, quotes, and errors and warnings by field.
 * A Word draft (ct_check_docx, cite/docx.c) is given back with each warning
 * and error as a review comment, and on request each replacement as a
 * tracked change the drafter accepts or rejects in Word (draft/dr.h).
 *
 * Canonical citation: "<Type> số <number>, ngày <d/m/yyyy> của <issuer>
 * khóa <term> <title>", day always and month 1-2 zero-padded as in
 * headers (HD 36); "Ban Chấp hành Trung ương" is written "Ban Chấp hành
 * Trung ương Đảng". A section is cited smallest unit first: "tiểu mục 3.2,
 * mục 3, phần III Nghị quyết số 28-NQ/TW ..." (Roman: phần, Arabic: mục,
 * dotted: tiểu mục, letter: điểm).
 *
 * Files, each built only on those before it (no cycle; cite/ uses query/,
 * never the reverse): field.c (the fields as values: names, dates,
 * ordinals, conferences, number terms), citation.c (fields compared,
 * citations written), passage.c (passages and documents as the index
 * stores them), mention.c (what citing passages say), citedby.c
 * (ct_cited_by), candidates.c (the candidates of a reference, ranked),
 * resolve.c (ct_ref_parse, ct_resolve), check.c (ct_check_text), json.c.
 * Each has its *_internal.h, never included from another module.
 *
 * Memory: every result owns an arena that holds all its strings and arrays,
 * valid until its _free. Thread safety: the parsers and formatters are
 * thread-safe; functions taking an xc_rdb must not run at the same time on
 * one handle (Xapian's rule).
 */
#ifndef VK_CT_H
#define VK_CT_H

#include <stddef.h>

#include "common/arena.h"
#include "common/vk.h"
#include "corpus/cp.h"
#include "xapian-c/xc.h"

struct json_t; /* jansson */

/* Longest reference accepted, in bytes (as long as a query, QR_MAX_QUERY). */
#define CT_MAX_REF 4096

/* The fields of a citation. */
typedef enum ct_field {
    CT_F_NUMBER = 0, /* the number (digits and issuer code) */
    CT_F_TYPE,       /* the type (Nghị quyết, ...) and the number's type code */
    CT_F_DATE,       /* the date of issue */
    CT_F_ISSUER,     /* the issuing body */
    CT_F_TERM,       /* the term (khóa) */
    CT_F_PLENUM,     /* the plenum of an informal name (Trung ương 6) */
    CT_F_CONGRESS,   /* the congress of an informal name (Đại hội XII) */
    CT_F_SUBJECT,    /* the subject (trích yếu) */
    CT_F_QUOTE,      /* a quoted passage attributed to the document */
    CT_F_SECTION,    /* a section of the document */
    CT_F_COUNT
} ct_field;

/* The bit of a field in ct_candidate.matched and .mismatched. */
#define CT_F_BIT(f) (1u << (f))

/* The field's name: "number", "type", "date", "issuer", "term", "plenum",
 * "congress", "subject", "quote", "section". Constant string. */
const char *ct_field_name(ct_field f);

/* The field's name for a reader, in the language of messages (common/i18n.h):
 * "số", "ngày" ... or the English of ct_field_name. Constant string. */
const char *ct_field_label(ct_field f);

/* A reference as a drafter typed it, read field by field. Strings are
 * NUL-terminated, in the arena given to ct_ref_parse (or constants), NULL
 * when not given. */
typedef struct ct_ref {
    const char *text;        /* the reference as typed, without "#section" */
    const char *key;         /* the text when it looks like a document key
                                ("28-nq-tw-2022": lower case, digits, '-'), or NULL */
    const char *type_name;   /* "Nghị quyết": the type word, or the type a code names
                                ("NQ"; not "QĐ", Quy định or Quyết định), or NULL */
    const char *type_code;   /* "NQ": from the number, else from the type word or code */
    const char *num;         /* the number's digits without leading zeros, "28", or NULL */
    const char *issuer_code; /* "TW" from "28-NQ/TW" or "28/TW", or NULL */
    const char *number;      /* canonical full number "28-NQ/TW" when it was typed whole */
    cp_date date;            /* "ngày 17/11/2022"; 0 when not given */
    const char *issuer;      /* the body after "của", as typed, or NULL */
    const char *term;        /* "XIII" (also from "khóa 13"), or NULL */
    int plenum;           /* 6 for "Trung ương 6", "Hội nghị lần thứ sáu"; 0 if none */
    const char *congress; /* "XII" for "Đại hội XII", or NULL */
    const char *subject;  /* the words after "về" or between quotes, or NULL */
    int subject_quoted;   /* the subject was written between quotes */
    const char *section;  /* "III.3.2" from "#III.3.2", or NULL */
} ct_ref;

/* Reads a typed reference (see the design note). Words it does not
 * understand are ignored. On success *out is filled, its strings in `arena`
 * (valid until vk_arena_free). Returns VK_OK; VK_EINVAL when the text is
 * empty, too long (CT_MAX_REF bytes) or not UTF-8, or gives neither a
 * number, a plenum, a congress nor a subject (message in err); VK_ENOMEM.
 * Thread-safe. */
vk_status ct_ref_parse(const char *text, size_t len, vk_arena *arena, ct_ref *out, vk_error *err);

/* Reads a Vietnamese ordinal or cardinal number at the start of s[0 .. len)
 * (spaces first are skipped): words "nhất"/"một" 1, "hai", "ba", "tư"/"bốn",
 * "năm", "sáu", "bảy", "tám", "chín", "mười" 10, "mười một" 11 ... "mười
 * lăm" 15, "hai mươi" 20, "hai mươi mốt" 21, "hai mươi tư" 24 ... 99, with or
 * without diacritics, in any case; digits ("6"); a Roman numeral in
 * capitals ("VI"). Returns the value (1-99), or 0 when s does not start with
 * one; *used (if not NULL) receives the bytes read. Thread-safe. */
int ct_ordinal_parse(const char *s, size_t len, size_t *used);

/* Writes a date the way citations write it, "17/11/2022", "02/02/2018",
 * "16/5/2022" (day and months 1-2 zero-padded, HD 36) into buf; "" when
 * the date is unknown. Returns buf. Thread-safe. */
char *ct_date_vi(const cp_date *d, char buf[16]);

/* Issuing bodies as offices write them. A name is read as the bodies it
 * names (split at commas, and at "và" between two known bodies), each
 * folded (case, diacritics, tone style: "Ủy"/"Uỷ", "hòa"/"hoà"), with its
 * abbreviations expanded (UBND, HĐND, BCH, TW, BCHTW, BTV, BCT, BBT, TP;
 * TU, HU, QU in capitals), without "Đảng Cộng sản Việt Nam" or a final
 * "Đảng", header dashes ("Ban Chấp hành - Trung ương - Đảng cộng sản - Việt
 * nam") aside. Names of one body share an identity ("Trung ương" = "Ban
 * Chấp hành Trung ương", "Thủ tướng" = "Thủ tướng Chính phủ", "Tỉnh ủy" =
 * "Ban Chấp hành Đảng bộ tỉnh"); a local body's place ("Bắc Ninh", with or
 * without "tỉnh") is compared when both names give one. All thread-safe. */

/* 1 when a and b name one body, or the bodies of one are among those of
 * the other (a joint issuer: "Bộ Chính trị" and "Bộ Chính trị, Ban Bí
 * thư"); names the table does not know agree when the folded words of one
 * begin the other's; 1 when either names nothing. Else 0. */
int ct_issuer_agree(const char *a, const char *b);

/* Could the body `cited` have issued a document whose issuer is `issuer`?
 * 1 when ct_issuer_agree, and, for a document that is not a plenum's
 * (`plenary` 0), when the body issues in the issuer's name (Bộ Chính trị
 * or Ban Bí thư for the Ban Chấp hành Trung ương whose letterhead it
 * bears; a Ban Thường vụ for its Tỉnh ủy, Thành ủy, Huyện ủy, Quận ủy);
 * else 0. */
int ct_issuer_could_issue(const char *cited, const char *issuer, int plenary);

/* The issuer as a citation writes it: each central body by its name
 * ("Ban Chấp hành Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư"), any other
 * as written with white space and header dashes tidied; joint bodies
 * joined by ", ". In the arena (the issuer itself when nothing changes or
 * out of memory); NULL for NULL. */
const char *ct_issuer_display(const char *issuer, vk_arena *a);

/* One citation of a document in a passage of the corpus: where it is and
 * what it says. Strings are NULL when the citation does not give them. */
typedef struct ct_mention {
    const char *key;          /* the citing document's key */
    const char *number;       /* the citing document's number, or NULL */
    const char *type;         /* the citing document's type ("Kế hoạch"), or NULL */
    const char *title;        /* the citing document's title, or NULL */
    const char *doc_date;     /* the citing document's date (ISO), or NULL */
    const char *label;        /* section label of the citing passage, "" for the preamble */
    const char *heading;      /* its heading */
    double order;             /* its place in the citing document (for sorting) */
    const char *text;         /* the citation as written */
    const char *relation;     /* "thực hiện", "căn cứ", "theo" ..., or NULL */
    const char *cited_number; /* the number as cited ("58-QĐ/TW"); NULL for an informal name */
    const char *informal;     /* the informal name as written, or NULL */
    const char *type_name;    /* the type word it gives ("Quy định"), or NULL */
    const char *type_code;    /* the number's type code, or NULL */
    cp_date date;             /* the date it gives; 0 if none */
    const char *issuer;       /* the issuer it gives, or NULL */
    const char *term;         /* the term it gives, or NULL */
    int plenum;               /* informal names: the plenum, else 0 */
    const char *congress;     /* informal names: the congress, else NULL */
    const char *subject;      /* the subject after the citation ("về ..."), or NULL */
    int subject_quoted;       /* the subject is between quotes */
    const char *snippet;      /* the passage text around the citation */
    size_t mark_start;        /* byte offsets of the citation in snippet */
    size_t mark_end;
} ct_mention;

/* A field on which the citing passages disagree: its distinct values, each
 * with the number of mentions that give it, most frequent first. */
typedef struct ct_conflict {
    ct_field field;
    const char **values; /* as the mentions write them ("28/11/2022") */
    size_t *counts;
    size_t n_values; /* at least 2 */
} ct_conflict;

/* One candidate document for a reference. */
typedef struct ct_candidate {
    int in_corpus;       /* 1: a document of the index; 0: known only by what
                            citing passages say of it */
    const char *key;     /* document key (in corpus), else NULL */
    const char **copies; /* keys of other copies of the same document */
    size_t n_copies;
    const char *number;     /* "28-NQ/TW", or NULL (a document without a number line;
                               informal names not in the corpus) */
    const char *type;       /* "Nghị quyết", or NULL */
    const char *type_code;  /* "NQ", or NULL */
    cp_date date;           /* date of issue; 0 if unknown */
    const char *issuer;     /* "Ban Chấp hành Trung ương", or NULL */
    const char *term;       /* "XIII", or NULL */
    const char *conference; /* "Hội nghị lần thứ sáu", or NULL */
    int plenum;             /* 6, from the conference; 0 if none */
    const char *congress;   /* not in corpus, informal: the congress, else NULL */
    const char *title;      /* title or subject, or NULL */
    int subject_quoted;     /* not in corpus: the subject was cited between quotes */
    const char *path;       /* source file (in corpus), else NULL */
    const char *citation;   /* the canonical citation (design note) */
    unsigned matched;       /* CT_F_BIT of each field of the reference it agrees with */
    unsigned mismatched;    /* ... and of each it contradicts */
    double score;           /* rank weight */
    /* With a section asked for (and found): */
    const char *section_label;   /* "III.3.2", "Điều 5.2" */
    const char *section_display; /* as readers cite it: "III.3.2", "Điều 5, khoản 2" */
    const char *section_heading; /* "Về công tác cán bộ" */
    const char *section_citation; /* "tiểu mục 3.2, mục 3, phần III Nghị quyết số ..." */
    /* Not in corpus: the evidence, and where it disagrees. */
    ct_mention *evidence;
    size_t n_evidence;
    ct_conflict *conflicts;
    size_t n_conflicts;
} ct_candidate;

/* The answer to a reference. */
typedef struct ct_resolution {
    ct_ref ref;          /* the reference as read */
    ct_candidate *cands; /* best first */
    size_t n_cands;
    const char *notice; /* what could not be done ("no section III.9 in
                           28-NQ/TW"), or NULL */
    vk_arena arena;     /* owns everything above */
} ct_resolution;

/* Options of ct_resolve. Zero-initialise. */
typedef struct ct_resolve_opts {
    const char *section; /* a section to cite ("III.3"), overriding "#..." in the text */
    size_t limit;        /* most candidates returned (0: 10) */
} ct_resolve_opts;

/* Resolves a typed reference on db (opts may be NULL). On success *out is
 * owned by the caller (ct_resolution_free); it may hold no candidate.
 * Returns VK_OK; VK_EINVAL for a reference ct_ref_parse rejects (message in
 * err); VK_EINDEX (database error); VK_ENOMEM. Not thread-safe for one db
 * handle. */
vk_status ct_resolve(xc_rdb *db, const char *text, size_t len, const ct_resolve_opts *opts,
                     ct_resolution **out, vk_error *err);

/* Frees a resolution. NULL does nothing. */
void ct_resolution_free(ct_resolution *r);

/* The passages that cite one document, grouped by citing document. */
typedef struct ct_citing_doc {
    const char *key, *number, *type, *title, *date; /* the citing document */
    size_t first; /* its mentions: mentions[first .. first + count) */
    size_t count;
} ct_citing_doc;

typedef struct ct_citedby {
    const char *key;      /* the cited document's key, NULL when not in the corpus */
    const char *number;   /* the cited number, or NULL (a document without one) */
    const char *citation; /* the cited document's canonical citation, or NULL */
    ct_mention *mentions; /* by citing document, then in document order */
    size_t n_mentions;
    ct_citing_doc *docs; /* citing documents, most recent first (undated last) */
    size_t n_docs;
    vk_arena arena; /* owns everything above */
} ct_citedby;

/* Lists the passages of db that cite a document: `key` is a document key
 * ("28-nq-tw-2022") or a number ("28-NQ/TW"; one the corpus does not hold
 * works too). A document in the corpus is also cited by its informal name
 * when type, plenum and term agree ("Nghị quyết Trung ương 6 khóa XIII");
 * a document never cites itself or its copies. On success *out is owned by
 * the caller (ct_citedby_free); it may hold no mention. Returns VK_OK;
 * VK_ENOTFOUND when key is neither a document key nor a number; VK_EINDEX;
 * VK_ENOMEM. Not thread-safe for one db handle. */
vk_status ct_cited_by(xc_rdb *db, const char *key, ct_citedby **out, vk_error *err);

/* Frees a cited-by list. NULL does nothing. */
void ct_citedby_free(ct_citedby *c);

/* How sure a finding is. */
typedef enum ct_severity {
    CT_SEV_OK = 0,  /* the citation agrees with the corpus */
    CT_SEV_WARNING, /* cannot be confirmed, or a minor difference */
    CT_SEV_ERROR    /* contradicts the corpus */
} ct_severity;

/* "OK", "WARNING", "ERROR". Constant string. */
const char *ct_severity_name(ct_severity s);

/* The same for a reader, in the language of messages ("LỖI" ...). Constant
 * string. */
const char *ct_severity_label(ct_severity s);

/* One finding of a draft check. */
/* Where a finding also stands, when the draft repeats it. */
typedef struct ct_place {
    size_t line, col;            /* 1-based line and column (in characters) */
    size_t start, end;           /* byte offsets in the checked text */
    size_t repl_start, repl_end; /* the words the finding's replacement replaces
                                    there (equal when it has none) */
} ct_place;

typedef struct ct_finding {
    ct_severity severity;
    ct_field field;          /* what it is about (CT_F_NUMBER for a whole citation) */
    size_t line, col;        /* 1-based line and column (in characters) in the draft */
    size_t start, end;       /* byte offsets in the checked text */
    const char *cited;       /* the citation (or quote) as written */
    const char *message;     /* what is wrong or right, in English */
    const char *suggestion;  /* the correction ("ngày 17/11/2022, not 17/11/2021"), or NULL */
    const char *key;         /* the document the citation resolved to, or NULL */
    const char *number;      /* its number, or the number cited when unknown, or NULL */
    const char *citation;    /* its canonical citation, ready to paste ("Nghị quyết số
                                57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về ...",
                                the title whole), or NULL */
    size_t repl_start;       /* the wrong words in the checked text, as byte offsets: */
    size_t repl_end;         /* text[repl_start .. repl_end) is what `replacement`
                                replaces ("20/11/2025"); equal when none */
    const char *replacement; /* the right words ("21/11/2025"), to paste over
                                them as they are, or NULL when the finding has
                                nothing a drafter applies as it is */
    const char *replaced;    /* with a replacement: the wrong words as the draft
                                writes them (text[repl_start .. repl_end)) */
    const ct_place *also;    /* the same warning or error elsewhere in the draft (the
                                same field, message and suggestion), in text order:
                                one finding per problem; NULL when none */
    size_t n_also;
} ct_finding;

typedef struct ct_check {
    const char *name;     /* the draft's name as given */
    const char *encoding; /* legacy encoding it was converted from, or NULL */
    ct_finding *findings; /* in text order */
    size_t n_findings;
    size_t n_citations;                /* citations found in the draft */
    size_t n_quotes;                   /* quoted passages looked for in the document they are
                                          attributed to */
    size_t n_ok, n_warnings, n_errors; /* findings of each severity (a repeated one once) */
    size_t n_documents;                /* distinct documents of the corpus cited */
    size_t n_unknown;                  /* distinct numbers or names cited that the corpus
                                          does not hold */
    size_t field_errors[CT_F_COUNT];   /* errors by field (a repeated one once) */
    size_t field_warnings[CT_F_COUNT]; /* warnings by field */
    size_t n_comments;                 /* ct_check_docx: review comments written */
    size_t n_unanchored;               /* ct_check_docx: findings it could not anchor */
    size_t n_changes;                  /* ct_check_docx, suggest_changes: replacements
                                          written as tracked changes */
    size_t n_unchanged;                /* ct_check_docx, suggest_changes: replacements left
                                          in their comment only (they overlap or touch
                                          another change, or leave their paragraph) */
    const char *text;                  /* the checked text, which the offsets index (for
                                          their UTF-16 equivalents in the JSON) */
    size_t text_len;                   /* its bytes */
    vk_arena arena;                    /* owns everything above */
} ct_check;

/* Checks every citation of a draft against db: the number exists, the type
 * agrees with the number's code, the date, issuer, term and subject agree
 * with the document (or, for a number the corpus does not hold, with what
 * the citing documents say of it), and quoted passages attributed to a
 * document occur in it (compared as analyzer tokens: tone style, spacing
 * and line breaks do not matter). `text` is prepared text (cp_text_prepare:
 * UTF-8, NFC, LF line ends); `name` is used in messages. On success *out
 * is owned by the caller (ct_check_free). Returns VK_OK (whatever the
 * findings), VK_EINDEX, VK_ENOMEM. Not thread-safe for one db handle. */
vk_status ct_check_text(xc_rdb *db, const char *name, const char *text, size_t len, ct_check **out,
                        vk_error *err);

/* Reads a draft (text or markdown, .docx, .doc, .pdf or .html, chosen by
 * content as corpus/readers.h does; UTF-8 or a legacy Vietnamese encoding;
 * at most CP_MAX_FILE bytes) and checks it as ct_check_text does. Offsets
 * refer to the text read. Returns
 * VK_OK; the status of reading (VK_ENOTFOUND, VK_EIO, VK_ETOOBIG,
 * VK_EENCODING, VK_EINVAL for an empty file) with a message naming the
 * file; VK_EINDEX; VK_ENOMEM. */
vk_status ct_check_file(xc_rdb *db, const char *path, ct_check **out, vk_error *err);

/* Checks the Word draft (.docx) at path as ct_check_file checks a draft,
 * but by its paragraphs (draft/dr.h): a finding's line is its paragraph
 * (1-based) and its column the character in it; a line break inside a
 * paragraph counts as a space. With annotate_to, also writes the draft to
 * that path with a Word review comment (author "vankien") anchored on the
 * text of each warning and error (on its part in the paragraph where it
 * starts), everything else of the file as it was, and counts them in
 * n_comments (those it could not anchor in n_unanchored). With
 * suggest_changes too (nonzero), each finding's replacement is a tracked
 * change (author "vankien"): the wrong words (repl_start .. repl_end)
 * deleted and the replacement inserted after them, the comment anchored on
 * both, for the drafter to accept or reject; counted in n_changes, and in
 * n_unchanged a replacement that stays in its comment only, because its
 * words leave the finding's paragraph or overlap or touch a change written
 * before (draft/dr.h). suggest_changes without annotate_to does nothing. On
 * success *out is owned by the caller (ct_check_free). Returns VK_OK; the
 * status of reading the draft or of writing the copy, with a message;
 * VK_EINDEX; VK_ENOMEM. */
vk_status ct_check_docx(xc_rdb *db, const char *path, const char *annotate_to, int suggest_changes,
                        ct_check **out, vk_error *err);

/* Frees a check. NULL does nothing. */
void ct_check_free(ct_check *c);

/* JSON (jansson) of a resolution, a cited-by list and a check, as `vankien
 * cite|cites|check --json` print them and the daemon serves them. Each
 * returns a new reference, or NULL when out of memory. Thread-safe. */
struct json_t *ct_resolution_json(const ct_resolution *r);
struct json_t *ct_citedby_json(const ct_citedby *c);
struct json_t *ct_check_json(const ct_check *c);

#endif /* VK_CT_H */
