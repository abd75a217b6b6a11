/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * field_internal.h: the fields of a citation as values (field.c), the leaf
 * every other file of cite/ builds on: ordinals and Roman numerals,
 * conferences, document numbers as index terms, and the arena arrays and
 * copies of text they all use. Never included from another module.
 */
#ifndef VK_CT_FIELD_INTERNAL_H
#define VK_CT_FIELD_INTERNAL_H

#include <stddef.h>

#include "cite/ct.h"
#include "common/arena.h"
#include "common/buf.h"

/* Makes room for one more item in an arena array v of n `size`-byte items
 * and capacity *cap: returns v, or a larger copy of it (the old one stays
 * in the arena), or NULL when out of memory. */
void *ct_grow(vk_arena *a, void *v, size_t n, size_t *cap, size_t size);

/* Appends `s` to v (an arena-grown array of pointers); VK_ENOMEM. */
vk_status ct_push_str(vk_arena *a, const char ***v, size_t *n, size_t *cap, const char *s);

/* Folds text (an_fold_text) with runs of non-alphanumeric bytes made one
 * space, trimmed, into out (cleared first). */
vk_status ct_fold_words(const char *s, size_t len, vk_buf *out);

/* A copy of s[0 .. len) in the arena with markdown marks (*, _) removed
 * and runs of white space made one space, trimmed; NULL when out of
 * memory. */
const char *ct_clean_copy(vk_arena *a, const char *s, size_t len);

/* The value (1-99) of s[0 .. n) when it is only ASCII digits, or 0. */
int ct_digits_value(const char *s, size_t n);

/* Writes n (1-99) as a Roman numeral into buf ("" otherwise); returns buf. */
char *ct_roman(int n, char buf[16]);

/* The plenum (1-99) of a conference "Hội nghị lần thứ sáu", "Hội nghị Trung
 * ương 6", or 0; the congress ("XII") of "Đại hội ... lần thứ XII" into buf,
 * or "" (returns buf). */
int ct_conference_plenum(const char *conference);
char *ct_conference_congress(const char *conference, char buf[16]);

/* Index term forms: the folded full number ("28-nq/tw"), the short form
 * ("28-nq", see XM in ix_schema.h), into out (cleared first). The short
 * form of a number that is not a Party number is empty. */
vk_status ct_number_term(const char *number, vk_buf *out);
vk_status ct_short_term(const char *num, const char *type_code, vk_buf *out);

/* Do two numbers name the same document: equal folded, leading zeros of
 * the digits aside ("4-KL/BTCTW" = "04-KL/BTCTW")? */
int ct_number_equal(const char *a, const char *b);

/* Do two codes ("QĐ", "qd"; "TW") agree, case and diacritics aside? */
int ct_code_equal(const char *a, const char *b);

#endif /* VK_CT_FIELD_INTERNAL_H */
