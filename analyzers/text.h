/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * text.h: the text transforms of the analyzer: normalizing one word as the
 * tokenizer does, and whole-text NFC, tone placement, case folding and
 * diacritic folding. They know nothing of tokens: the tokenizer (an.h), the
 * document-number scanner (docnum.h), the overlay finder and the legacy
 * decoders are built on them, never the other way round.
 *
 * Design note. A word is normalized in four steps:
 *
 *   1. NFC (only when the word holds combining marks or characters outside
 *      the precomposed Latin blocks: the common case costs nothing);
 *   2. Unicode simple case folding (Đ -> đ, Ồ -> ồ), and Ð/ð (U+00D0/U+00F0,
 *      Icelandic eth, a common lookalike) -> đ;
 *   3. tone-mark canonicalization (an_syllable_canon below), giving the
 *      *exact* term;
 *   4. diacritic folding of the exact term: every Latin letter to its ASCII
 *      base, đ -> d, giving the *folded* term.
 *
 * Tone rule. Vietnamese writes one tone mark per syllable (huyền ◌̀, sắc ◌́,
 * hỏi ◌̉, ngã ◌̃, nặng ◌̣). Two placements are in use: the old style puts it
 * on the first vowel of oa, oe, uy with no final consonant (hóa, khỏe, thủy);
 * the new style, used by the central Party offices, on the second (hoá, khoẻ,
 * thuỷ). Typing errors also misplace it (qúy, gìa). The canonical form strips
 * the tone from wherever it is and places it again by rule, new style:
 *   - the syllable is split into onset, vowel nucleus and final consonant;
 *     `qu` and `gi` (before another vowel) are onsets, so their u and i never
 *     carry the tone (quý, già, but gìn);
 *   - a nucleus vowel with a circumflex, breve or horn (â ă ê ô ơ ư) takes the
 *     tone, the last one if there are two (ươ -> ơ: người);
 *   - otherwise with a final consonant, the last vowel (hoàn, huýt);
 *   - otherwise in a nucleus of three vowels, the middle one (ngoài, khuỷu);
 *     of two, the second for oa, oe, uy (new style), else the first (mùa, kìa);
 *     of one, that vowel.
 * Sources: the rule as stated on vi.wikipedia, "Quy tắc đặt dấu thanh của
 * chữ Quốc ngữ" (kiểu mới), and the normalizer of VnCoreNLP (Utils.java),
 * which maps òa->oà, ủy->uỷ in the same direction. A word that does not parse
 * as one Vietnamese syllable (Lênin, email, XIII) keeps its letters.
 *
 * Spelling variants. After h, k, l, m, s, t and qu, a final i alone is also
 * written y (lí/lý, kĩ/kỹ, tỉ/tỷ, mĩ/mỹ, qui/quy): both give the y form, the
 * one central documents use (quản lý, kỹ năng, tỷ lệ, quy định).
 *
 * Thread safety: every function here is thread-safe; the character tables
 * are built once, on first use.
 */
#ifndef VK_AN_TEXT_H
#define VK_AN_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "common/vk.h"

/* Longest word normalized, in bytes of input: the tokenizer cuts longer runs
 * into pieces of this size (a 1 MB run of letters is not a word), and
 * an_normalize_word reads no further. */
#define AN_MAX_TOKEN 128

/* Normalizes one word as the analyzer would (steps 1-4 above), appending the
 * exact form to `exact` and the folded form to `folded` (either may be NULL).
 * The word should be a single token; separators are kept as they are.
 * Returns VK_OK or VK_ENOMEM. */
vk_status an_normalize_word(const char *word, size_t len, vk_buf *exact, vk_buf *folded);

/* Appends the folded (diacritic-free, case-folded) form of arbitrary text to
 * out, keeping every non-letter as it is. Returns VK_OK or VK_ENOMEM. */
vk_status an_fold_text(const char *text, size_t len, vk_buf *out);

/* The folded form of one code point, as an_fold_text gives it (an_char_fold,
 * then without diacritics; a combining mark folds to nothing), into out;
 * returns its length (0 to 4). Below U+2100 (the Latin blocks, Vietnamese
 * letters, general punctuation) from a table made once. Thread-safe. */
size_t an_fold_char(uint32_t cp, char out[4]);

/* Re-places the tone mark of one lower-case NFC syllable given as code points,
 * by the rule above, in place. Returns 1 if the syllable parsed as Vietnamese
 * (whether or not anything moved), 0 if it did not (cps unchanged). */
int an_syllable_canon(uint32_t *cps, size_t n);

/* Appends text to out in Unicode NFC. Lines that need no change (the usual
 * case: precomposed Vietnamese) are copied as they are; invalid UTF-8 bytes
 * are copied unchanged. Returns VK_OK or VK_ENOMEM. */
vk_status an_nfc_text(const char *text, size_t len, vk_buf *out);

/* Appends text to out with the tone mark of every syllable placed by the
 * canonical rule above, each letter keeping its case ("Tỉnh ủy Bắc Ninh" ->
 * "Tỉnh uỷ Bắc Ninh"); everything else is copied as it is. For values shown
 * to users that must not differ by tone style (facets). Returns VK_OK or
 * VK_ENOMEM. */
vk_status an_canon_text(const char *text, size_t len, vk_buf *out);

/* Appends text to out with every character case-folded (Đ -> đ) and
 * nothing else changed. Returns VK_OK or VK_ENOMEM. */
vk_status an_casefold_text(const char *text, size_t len, vk_buf *out);

/* Returns nonzero if the text holds any letter with a diacritic (including
 * đ), that is, if its folded form differs from its lower-case form. */
int an_has_diacritics(const char *text, size_t len);

/* Nonzero if a folded word (lower case, without diacritics) has the shape
 * of a Vietnamese syllable: an onset or none ("ngh", "qu", "gi", ...), one
 * to three vowels, and a coda or none (c, ch, m, n, ng, nh, p, t; k for
 * "Đắk Lắk"), with no f, j, w or z. Loan words spelled the Vietnamese way
 * ("ô tô", "Lê-nin") have it; English words ("with", "access"), letters
 * alone ("b") and other scripts have not. */
int an_is_vi_syllable(const char *folded, size_t len);

/* Letter case of one code point (Unicode properties): nonzero if it is a
 * lower-case (resp. upper-case or title-case) letter. */
int an_is_lower(uint32_t cp);
int an_is_upper(uint32_t cp);

/* The capital form of one code point (Unicode simple mapping). */
uint32_t an_upper(uint32_t cp);

#endif /* VK_AN_TEXT_H */
