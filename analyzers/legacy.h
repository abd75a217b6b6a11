/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * legacy.h: detection of pre-Unicode Vietnamese encodings and conversion of
 * them to NFC UTF-8, so that documents typed in the 1990s and 2000s (TCVN3
 * ".VnTime", VNI-Windows, VISCII, Windows-1258) index like the rest.
 *
 * Design note. Decoding uses the converters that exist: glibc iconv for
 * TCVN3 (its TCVN5712-1 converter, VN1, a superset of VN3) and VISCII, ICU for
 * Windows-1258 and Windows-1252; each single-byte table is read from them
 * once, at first use. Only VNI-Windows, which no converter knows, has a
 * hand-written table (base letter + mark byte, read greedily). Every result
 * goes through ICU's NFC, which also joins the combining tone marks of
 * Windows-1258.
 *
 * TCVN3 has no codes for upper-case toned vowels (they came from separate
 * all-capital fonts), so decoding restores them by a heuristic: in a word
 * whose other letters are all upper case the toned vowels are upper-cased
 * ("NGHị QUYếT" -> "NGHỊ QUYẾT"). Words that could be either case ("Hà" for
 * "HÀ", "ở" for "Ở", a lone capital) follow their neighbours: upper-cased
 * when the nearest words on both sides that are not such words are upper
 * case or the text's edge ("TRụ Sở ở Hà NộI" -> "TRỤ SỞ Ở HÀ NỘI"); numbers
 * and acronyms, found in mixed-case text too ("Số 28-NQ/TW"), do not count
 * as neighbours. A toned capital at the start of a mixed-case word ("Ủy",
 * "Ấn") cannot come back.
 *
 * Detection. Valid UTF-8 is UTF-8 (plain ASCII included), unless it is TCVN3
 * mojibake: every non-ASCII character is in Windows-1252 and the text, read
 * back as Windows-1252 bytes decoded as TCVN3, is far more Vietnamese than it
 * was (one character in a hundred may fall outside Windows-1252).
 * Otherwise each legacy encoding decodes the bytes and is scored by the
 * share of words with non-ASCII letters that are well-formed Vietnamese
 * syllables (onset, vowel nucleus, final consonant, one tone, spelling
 * rules; built on an_syllable_canon); the best one wins if it clears a
 * threshold, else the text is AN_ENC_UNKNOWN. Latin-1 French or German does
 * not pass: their accented words are not syllables.
 *
 * Thread safety: every function here is thread-safe; the tables are built
 * once, on first use.
 */
#ifndef VK_AN_LEGACY_H
#define VK_AN_LEGACY_H

#include <stddef.h>

#include "common/buf.h"
#include "common/vk.h"

/* An encoding of Vietnamese text. */
typedef enum an_encoding {
    AN_ENC_UTF8 = 0,       /* already UTF-8 */
    AN_ENC_TCVN3,          /* TCVN 5712:1993 VN3 ("ABC", .VnTime fonts) */
    AN_ENC_VNI,            /* VNI-Windows (base letter + mark byte) */
    AN_ENC_VISCII,         /* VISCII (RFC 1456) */
    AN_ENC_CP1258,         /* Windows-1258 */
    AN_ENC_TCVN3_MOJIBAKE, /* UTF-8 text that is TCVN3 bytes read as Windows-1252
                            * ("Uû ban nh©n d©n"), as PDF extraction of .VnTime
                            * documents gives */
    AN_ENC_UNKNOWN         /* not text we can read as Vietnamese */
} an_encoding;

/* Returns a short constant lower-case name of an encoding: "utf-8", "tcvn3",
 * "vni", "viscii", "windows-1258", "tcvn3-mojibake", "unknown" (also for a
 * value outside the enum). Thread-safe. */
const char *an_encoding_name(an_encoding e);

/* Guesses the encoding of data[0 .. len) as described in the design note.
 * Empty input and plain ASCII are AN_ENC_UTF8; so is UTF-8 with a few invalid
 * bytes among many valid multi-byte characters (an_decode replaces them).
 * Returns AN_ENC_UNKNOWN for bytes that are neither UTF-8 nor Vietnamese in a
 * legacy encoding (Latin-1 French, binary data). Any bytes are accepted
 * (NULs, truncated sequences); data may be NULL when len is 0. Allocates
 * nothing and never fails. Thread-safe. */
an_encoding an_detect_encoding(const char *data, size_t len);

/* Decodes data[0 .. len), in encoding e, appending NFC UTF-8 to out (which
 * stays NUL-terminated). Bytes that are not text in e never stop decoding:
 * invalid UTF-8 becomes U+FFFD, a VNI mark byte without a base letter is
 * read as Windows-1252. TCVN3 capitals are restored as in the design note.
 * Returns:
 *   VK_OK;
 *   VK_EINVAL     e is AN_ENC_UNKNOWN or not an an_encoding, or data is NULL
 *                 with len > 0;
 *   VK_EENCODING  the system converter for e is missing (no iconv module or
 *                 ICU data for it);
 *   VK_ENOMEM     out of memory.
 * On failure out is as it was before the call. Thread-safe (for distinct
 * out buffers). */
vk_status an_decode(const char *data, size_t len, an_encoding e, vk_buf *out);

#endif /* VK_AN_LEGACY_H */
