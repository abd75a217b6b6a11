/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cite.h: citations, that is references to other documents, found in a
 * passage of body text (../shared/DOMAIN.md §1.6).
 *
 * Design note. Citations are anchored on two things only: document numbers,
 * as an_docnum_find recognises them (Party "28-NQ/TW", "04 - KL/BTCTW",
 * lists "18, 19-NQ/TW"; state "15/2023/NĐ-CP", "123/QĐ-TTg"; laws
 * "45/2019/QH14"), and the informal names of central resolutions
 * ("Nghị quyết Trung ương 4 khoá XII", "Nghị quyết Đại hội XII"). Around each
 * anchor the words of the passage (an_analyze tokens, so that case, tone
 * placement and NFC do not matter; a word written without any diacritic,
 * "Nghi quyet so ... ngay ... cua Ban Chap hanh Trung uong khoa XII", matches
 * a table word by its folded form, while a word with diacritics must match
 * exactly: "đang" is not "Đảng") are matched against small tables:
 *
 *   [relation] [type word] [số[:]] NUMBER [, ngày DATE] [, của ISSUER] [khoá ROMAN]
 *
 * (the date may also follow the issuer: "của Bộ Chính trị ngày 24/5/2011")
 *
 *   relation  thực hiện, căn cứ (vào), theo, theo tinh thần, kèm theo, triển khai,
 *             tổng kết, sơ kết, quán triệt, cụ thể hoá, bám sát ("các"/"những"
 *             may stand between the relation and the type word)
 *   type      Nghị quyết, Quyết định, Quy định, Chỉ thị, Kết luận, Kế hoạch,
 *             Chương trình (hành động), Đề án, Hướng dẫn, Thông báo (kết luận),
 *             Công văn, Nghị định, Thông tư (liên tịch), Luật, ... in any case
 *   date      "ngày 17/11/2022" (also - and .) or "ngày 17 tháng 11 năm 2022"
 *   issuer    a central body (Ban Chấp hành Trung ương [Đảng], Bộ Chính trị,
 *             Ban Bí thư, the central commissions, Chính phủ, Quốc hội, the
 *             ministries) or a local one ([Ban Thường vụ | Ban Chấp hành |
 *             Ban Tổ chức | Chủ tịch | ...] Tỉnh/Thành/Huyện/Quận/Đảng ủy |
 *             Đảng bộ | Ủy ban nhân dân | Hội đồng nhân dân, then a
 *             capitalised place name, or tỉnh/thành phố/huyện/quận/xã/
 *             phường/... and one to four capitalised words of its place
 *             name, the first possibly on the next line: "Ủy ban nhân dân
 *             tỉnh Phú Thọ". A place name ends at punctuation, a word in
 *             lower case, or words that start a title or a sentence ("Ban
 *             hành", "Quy định", "Về", a type word))
 *   term      khoá/khóa and a Roman numeral in capitals
 *
 * The informal forms are
 *
 *   Nghị quyết [số] [18,19] [của] [Hội nghị] [lần thứ sáu] [Ban Chấp hành]
 *       Trung ương [Đảng] [6] [,] [khoá XI[, XII]]
 *   Nghị quyết Đại hội [Đảng] [đại biểu] [toàn quốc] [lần thứ] XII
 *   Điều 5 Điều lệ Đảng (with an article: the Charter named alone is spoken
 *   of, not cited)
 *
 * Either may follow the article it cites: "[điểm a] [khoản 2] Điều 8 [của]"
 * (the citation's `article`, outside its text).
 *
 * written on one line. A list of numbers gives one citation per number, and
 * an informal name with a list of terms ("Nghị quyết Trung ương 4 khoá XI,
 * XII") one citation per term; the citations of one list share every other
 * field and their text.
 *
 * Words of one citation may be separated by spaces, markdown emphasis (`*`,
 * `_`) and one line break (CR LF counts as one; the next line may be
 * indented: "ngày" at the end of a line and its date on the next) (a blank line ends a citation,
 * except between "khoá" and its numeral, which page breaks of converted files split). The
 * document's own number line ("Số 28-NQ/TW" with nothing else on its line
 * but spaces and markdown marks) is not a citation and gives nothing.
 *
 * A field the text does not give is NULL (date: 0), never guessed: a bare
 * number has a type_code but no type_name ("QĐ" is both Quy định and Quyết
 * định; cp_type_by_code gives the candidates).
 */
#ifndef VK_CP_CITE_H
#define VK_CP_CITE_H

#include <stddef.h>

#include "analyzers/an.h"
#include "common/arena.h"
#include "common/vk.h"
#include "corpus/cp.h"

/* One citation. Strings are NUL-terminated and NFC; type_name and relation
 * are constants, every other string lives in the arena given to
 * cp_cite_find. */
typedef struct cp_citation {
    const char *type_name; /* canonical type word written before the number or
                              starting the informal name ("Nghị quyết",
                              "Chương trình hành động"), or NULL */
    const char *type_code; /* the type code of the number ("NQ", "CV", "NĐ"), or NULL
                              (informal names, laws). When it disagrees with the type
                              word ("Kết luận số 3135-CV/VPTW") both are kept */
    const char *number;    /* canonical number "28-NQ/TW", "15/2023/NĐ-CP" (an_docnum
                              canon), or NULL for informal names */
    cp_date date;          /* "ngày 17/11/2022" after the number or name, else 0 */
    const char *issuer;    /* the body after "của", as written ("Ban Chấp hành Trung
                              ương Đảng", "Ban Thường vụ Thành ủy"), or NULL */
    const char *term;      /* "XIII" from "khoá XIII" / "khóa XIII", or NULL */
    const char *relation;  /* a constant, lower-case: "thực hiện", "căn cứ", "theo",
                              "theo tinh thần", "kèm theo", "triển khai", "tổng kết",
                              "sơ kết", "quán triệt", "cụ thể hoá", "bám sát"; or NULL */
    const char *informal;  /* informal names: the name as written ("Nghị quyết Trung
                              ương 4 khoá XII", "Nghị quyết Đại hội XII"); NULL for
                              numbered citations */
    const char *plenum;    /* informal names: the plenum (Hội nghị Trung ương) as
                              digits, "4" (also from "lần thứ tư"), or NULL */
    const char *congress;  /* informal names: the congress, "XII" from "Đại hội XII",
                              or NULL */
    const char *article;   /* the article named just before it, as a section label:
                              "khoản 2 Điều 8 Quy định số 22-QĐ/TW" -> "Điều 8.2",
                              "điểm a khoản 1 Điều 3" -> "Điều 3.1.a", "Điều 5 Điều lệ
                              Đảng" -> "Điều 5"; or NULL */
    const char *text;      /* the citation as written, from the type word (or "số",
                              or the number) to its last field; NFC */
    size_t start, end;     /* byte offsets of `text` in the passage */
    int section;           /* set by the document parser: index of the section
                              whose text holds it; cp_cite_find leaves -1 */
    /* Drafts only (cp_cite_find_opts with `draft`); NULL / -1 otherwise: */
    const char *digits; /* a short form: the digits written after the type word,
                           without leading zeros ("57" from "Nghị quyết 57"); then
                           number is NULL, type_code comes from the type word and
                           informal is the name as written ("Nghị quyết 57") */
    const char *alias;  /* the short name the draft gives the document it cites
                           here: "Nghị quyết 57" from "... (sau đây gọi tắt là
                           Nghị quyết 57)", or NULL */
    long alias_of;      /* a later use of such a name: the index (in the array
                           returned) of the citation that introduced it, whose
                           number, digits, type and name (informal names: plenum,
                           congress and, when the use gives none, term) it carries;
                           the other fields are those written at the use. -1 if not */
} cp_citation;

/* Options of cp_cite_find_opts. Zero-initialise. */
typedef struct cp_cite_opts {
    int draft;    /* read the forms of drafts too (below) */
    an_memo *memo; /* where the passage's analysis is kept or found (an.h), or NULL */
} cp_cite_opts;

/* Finds the citations in text[0 .. len), in text order (the citations of one
 * list in list order). The passage should be body text; any bytes are
 * accepted (invalid UTF-8 separates words, NUL is a separator).
 *
 * Field strings (issuer, informal) have runs of white space turned into one
 * space and markdown emphasis marks removed; `text` is the passage's bytes
 * (made NFC), so when the passage is NFC, text equals text[start .. end).
 *
 * On success *out is an array of *n_out citations (NULL when there are
 * none); the array and its strings (but the constants type_name and
 * relation) are allocated in `arena` and valid until vk_arena_free. Returns VK_OK; VK_EINVAL if
 * out, n_out or arena is NULL, or text is NULL with len > 0; VK_ENOMEM when out of memory (then
 * *out is NULL, *n_out is 0, and the arena may hold unused allocations, freed with it). Thread-safe
 * (the word tables are built once, on first use); calls sharing an arena must not run at the same
 * time. */
vk_status cp_cite_find(const char *text, size_t len, vk_arena *arena, cp_citation **out,
                       size_t *n_out);

/* As cp_cite_find; with opts->draft (opts may be NULL: cp_cite_find), also
 * the forms a drafter writes that the corpus parse leaves alone, because in
 * published text they are as often quantities or names as citations:
 *
 *   short form  a capitalised type word that may be cited so (Nghị quyết,
 *               Quyết định, Quy định, Chỉ thị, Kết luận, Thông báo, Quy chế,
 *               Thông tri, Hướng dẫn, Kế hoạch, Chương trình hành động, Đề án,
 *               Công văn, Nghị định, Thông tư), [số], 1-4 digits that are not
 *               the start of a number ("57-NQ", "66.10/2025", "391 NQ/TVQH")
 *               nor a quantity ("Kế hoạch 5 năm", "60 ngày"), then the fields
 *               of a numbered citation: "Nghị quyết 57 ngày 22/12/2024 của Bộ
 *               Chính trị", "Điều 5 Quy định 22"; `digits` is set.
 *   alias       "(sau đây gọi tắt là | sau đây gọi là | sau đây viết tắt là |
 *               gọi tắt là | viết tắt là NAME)" after a citation, in its
 *               paragraph and before the next citation: NAME (a type word first,
 *               or one token of capitals and digits, "NQ57"; at most 8 words,
 *               no number) is that citation's `alias`; each later NAME (its
 *               first letter in the same case, not followed by digits, "số",
 *               "này", "Trung ương" or "Đại hội", not inside another citation)
 *               is a citation with alias_of set and the fields written after
 *               it. A citation read inside the parentheses is dropped.
 */
vk_status cp_cite_find_opts(const char *text, size_t len, const cp_cite_opts *opts, vk_arena *arena,
                            cp_citation **out, size_t *n_out);

#endif /* VK_CP_CITE_H */
