/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse_internal.h: what the parts of the structure parser share: cleaned
 * lines (the type is in lines.h) and small readers of header and closing
 * lines (lines.c), and the parser of a document's closing block (closing.c).
 */
#ifndef VK_CP_PARSE_INTERNAL_H
#define VK_CP_PARSE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "common/buf.h"
#include "corpus/cp.h"
#include "corpus/lines.h"
#include "corpus/web.h"

/* First and last code points of s (0 if none). */
uint32_t cp_first_cp(const char *s, size_t len);
uint32_t cp_last_cp(const char *s, size_t len);

/* Folded (lower-case, diacritic-free) copy of s, kept in buf; "" on error. */
const char *cp_folded(const char *s, size_t len, vk_buf *buf);

int cp_starts_with(const char *s, const char *prefix);

/* Nonzero if the line's letters are mostly capitals (a header line such as
 * "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XIII"). */
int cp_mostly_upper(const char *s, size_t len);

/* Parses a number line, "Số 04 - KL/BTCTW" or "Số: 28-NQ/TW" (the word "Số"
 * required, nothing after the number). Returns 1 and fills *out, or 0. */
int cp_number_line(const char *s, size_t len, an_docnum *out);

/* Finds a date in a line ("Hà Nội, ngày 17 tháng 11 năm 2022", "17/11/2022")
 * through the analyzer's date tokens. Returns 1 and sets *date and
 * *place_len (the bytes before a comma that precedes the date, 0 if none),
 * or 0. toks is scratch. */
int cp_date_in(const char *s, size_t len, an_tokens *toks, cp_date *date, size_t *place_len);

/* "HỘI NGHỊ LẦN THỨ SÁU" -> "Hội nghị lần thứ sáu". Returns a string in a,
 * or NULL when out of memory. */
const char *cp_sentence_case(vk_arena *a, const char *s, size_t len);

/* Header capitals to the usual spelling of names of bodies and titles:
 * "BAN CHẤP HÀNH TRUNG ƯƠNG" -> "Ban Chấp hành Trung ương", "QUẬN ỦY BA ĐÌNH"
 * -> "Quận ủy Ba Đình", "TỔNG BÍ THƯ" -> "Tổng Bí thư" (the tone style of the
 * text is kept). Returns a string in a, or NULL when out of memory. */
const char *cp_proper_case(vk_arena *a, const char *s, size_t len);

/* Nonzero if the line opens a document's closing block: "Nơi nhận", an
 * authority line (T/M, K/T, T/L), "Đã ký", a certified-copy label or number. */
int cp_opens_closing(const cline *ln, vk_buf *scratch);

/* Reads a closing block, lines[from .. to): the signature (authority, on
 * behalf of, capacity, name), the recipients, and a certified-copy block
 * with its own number, issuer, place, date, recipients and signer. Fills
 * the fields of doc. Returns VK_OK or VK_ENOMEM. */
vk_status cp_parse_closing(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to);

/* Reads a digital-signature stamp ("Ký bởi: ...", "Cơ quan: ...", "Ngày
 * ký: 05.11.2021 15:00:30 +07:00") from lines[from .. to) into doc->stamp
 * (left NULL when there is none). Returns VK_OK or VK_ENOMEM. */
vk_status cp_parse_stamp(cp_file *f, cp_doc *doc, const cline *lines, size_t from, size_t to);

/* Completes the header of doc from the rest of its text (header.c): the
 * issuer from the signature's authority (a Party document's "T/M BAN BÍ
 * THƯ" over its letterhead; party: its letterhead is the Party's), from the
 * enacting sentence ("Bộ Chính trị kết luận"), else from a state number's
 * code ("…/NĐ-CP"); the date a law was passed ("thông qua ngày ..."). */
void cp_header_finish(cp_file *f, cp_doc *doc, int party);

/* Nonzero if the line opens a numbered section of the body (parse.c). */
int cp_line_is_heading(const cline *ln);

/* Reads the header metadata of one document from lines[0 .. n) into doc
 * (header.c), with what a web copy says around it (ev, or NULL). Strings go
 * to f's arena; a field not found stays NULL. Returns 1 if the letterhead
 * is the Party's ("ĐẢNG CỘNG SẢN VIỆT NAM"), else 0. */
int cp_parse_header(cp_file *f, cp_doc *doc, const cline *lines, size_t n,
                     const cp_evidence *ev);

#endif /* VK_CP_PARSE_INTERNAL_H */
