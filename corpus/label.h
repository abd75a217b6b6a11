/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * label.h: section labels as readers cite them, shared by the parser, the
 * indexer and the query side.
 *
 * Design note. A section's label is the key of filters and links; the
 * parser makes it (cp.h): "III", "III.3.2", "III.3.2.a" in resolutions and
 * plans; "Phần I", "Phần thứ nhất", "Chương II", "Mục 1 Chương II", "Điều
 * 5" (an article is cited by its number alone, whatever chapter or part
 * holds it), "Điều 5.2" for its khoản 2 and "Điều 5.2.a" for its điểm a in
 * regulations, charters, decrees and laws. People type the same references
 * in many ways ("điều 5 khoản 2", "khoản 2 Điều 5", "dieu 5.2", "chuong
 * ii"); cp_label_canon turns them into the label.
 */
#ifndef VK_CP_LABEL_H
#define VK_CP_LABEL_H

#include <stddef.h>

#include "common/buf.h"
#include "corpus/cp.h"

/* A constant lower-case name of a section kind, as the JSON outputs give it:
 * "preamble", "roman", "arabic", "letter", "part", "chapter", "division",
 * "article", "clause", "point". Thread-safe. */
const char *cp_sec_kind_name(cp_sec_kind kind);

/* Turns a reference to an article, chapter, part or division as typed, in
 * any case, with or without diacritics, into its label, appended to out:
 * "điều 8" -> "Điều 8"; "Điều 5, khoản 2", "khoản 2 Điều 5", "dieu 5.2" ->
 * "Điều 5.2"; "điểm a khoản 2 điều 5" -> "Điều 5.2.a"; "chuong ii" ->
 * "Chương II"; "muc 1 chuong ii" -> "Mục 1 Chương II"; "phan thu nhat" ->
 * "Phần thứ nhất". Returns 1 when the text is such a reference, 0 when it
 * is not (out unchanged: "III.3.2" is left to the caller), -1 when out of
 * memory. Thread-safe. */
int cp_label_canon(const char *text, size_t len, vk_buf *out);

/* Appends what introduces the section's heading in a breadcrumb or passage
 * text ("Điều 5. Các hành vi bị nghiêm cấm", "3. Đổi mới ..."): the
 * article, chapter or part as cited ("Điều 5", "Chương II", "Mục 1"), else
 * the number as written ("III", "3.1", "a"; "" for the preamble). Returns
 * VK_OK or VK_ENOMEM. */
vk_status cp_section_marker(const cp_section *sec, vk_buf *out);

#endif /* VK_CP_LABEL_H */
