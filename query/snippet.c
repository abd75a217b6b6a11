/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * snippet.c: a passage cut around the densest group of the query's matches,
 * with the byte offsets of every match (for highlighting). The passage is
 * analyzed with the same analyzer as the query, so every matched form is
 * found whatever its tone style or diacritics.
 *
 * A long passage is analyzed first up to a line's end past its first
 * PREFIX_BYTES; when a window there holds every clause the query can show,
 * far enough from that end, it is the window of the whole passage (see
 * prefix_len), and the rest is never analyzed. Else, when the query's words
 * are all words (no dates, numbers or document numbers), a cheap folding of
 * each line tells the places where a clause may match (all those where one
 * does, and a few more), and with them the most clauses a window starting
 * at each can hold; the analyzer runs only around the places that could
 * make the best window (see near_window). Else the whole passage is
 * analyzed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzers/an.h"
#include "analyzers/text.h"
#include "common/buf.h"
#include "common/utf8.h"
#include "query/qr.h"

/* ---------------------------------------------------------------------- */
/* Snippets                                                               */
/* ---------------------------------------------------------------------- */

/* Nonzero if token t matches qt: on its folded form when the term was
 * typed without diacritics or the whole query was folded. */
static int
term_matches(const qr_term *qt, const an_token *t, int fold)
{
    if (qt->folded || fold) {
        const char *f = qt->folded ? qt->text : qt->alt;
        size_t fl = qt->folded ? qt->len : qt->alt_len;
        return t->folded_len == fl && memcmp(t->folded, f, fl) == 0;
    }
    return t->exact_len == qt->len && memcmp(t->exact, qt->text, qt->len) == 0;
}

/* Marks in hit[] (clause index + 1) every token that is part of a match of
 * a clause: any occurrence of a one-term clause, and only complete,
 * adjacent occurrences of a phrase. */
/* Index of the token at position pos, from index `from` on, that matches
 * qt, or SIZE_MAX. Tokens are in position order. */
static size_t
find_at(const an_tokens *t, size_t from, uint32_t pos, const qr_term *qt, int fold)
{
    for (size_t j = from; j < t->n && t->v[j].pos <= pos; j++) {
        if (t->v[j].pos == pos && term_matches(qt, &t->v[j], fold))
            return j;
    }
    return SIZE_MAX;
}

static void
mark_hits(const qr_query *q, const an_tokens *t, size_t *hit)
{
    size_t idx[64];
    int fold = q->folded_all;
    for (size_t c = 0; c < q->n_words; c++) {
        const qr_clause *cl = q->words[c];
        size_t nt = cl->n_terms < 64 ? cl->n_terms : 64;
        for (size_t i = 0; i < t->n; i++) {
            if (!term_matches(&cl->terms[0], &t->v[i], fold))
                continue;
            idx[0] = i;
            size_t k = 1;
            uint32_t pos = t->v[i].pos + cl->terms[0].span;
            for (; k < nt; k++) {
                idx[k] = find_at(t, idx[k - 1] + 1, pos, &cl->terms[k], fold);
                if (idx[k] == SIZE_MAX)
                    break;
                pos += cl->terms[k].span;
            }
            if (k < nt)
                continue;
            for (k = 0; k < nt; k++)
                hit[idx[k]] = c + 1;
        }
    }
}

/* Picks the window [*from, *to) of tokens, at most max_bytes of text long,
 * holding the most distinct matched terms (ties: the earliest); returns how
 * many it holds. */
static size_t
best_window(const an_tokens *t, const size_t *hit, size_t max_bytes, size_t *from, size_t *to)
{
    size_t best = 0, best_from = 0, best_to = 0;
    size_t seen[64];
    for (size_t i = 0; i < t->n; i++) {
        if (!hit[i])
            continue;
        size_t n_seen = 0, j = i;
        for (; j < t->n && t->v[j].end - t->v[i].start <= max_bytes; j++) {
            if (!hit[j])
                continue;
            size_t k = 0;
            while (k < n_seen && seen[k] != hit[j])
                k++;
            if (k == n_seen && n_seen < 64)
                seen[n_seen++] = hit[j];
        }
        if (n_seen > best) {
            best = n_seen;
            best_from = i;
            best_to = j;
        }
    }
    if (best == 0) {
        best_to = 0;
        while (best_to < t->n && t->v[best_to].end <= max_bytes)
            best_to++;
    }
    *from = best_from;
    *to = best_to;
    return best;
}

/* Moves [*from, *to), a best window, to give its matches some context: up
 * to a third of the room left before them, the rest after. */
static void
add_context(const an_tokens *t, const size_t *hit, size_t max_bytes, size_t *from, size_t *to)
{
    size_t f = *from, last = *to - 1;
    while (last > f && !hit[last])
        last--;
    size_t core = t->v[last].end - t->v[f].start;
    size_t room = core < max_bytes ? (max_bytes - core) / 3 : 0;
    size_t core_start = t->v[f].start;
    while (f > 0 && core_start - t->v[f - 1].start <= room)
        f--;
    size_t e = last + 1;
    while (e < t->n && t->v[e].end - t->v[f].start <= max_bytes)
        e++;
    *from = f;
    *to = e;
}

/* The tokens of a passage, which of them match (hit[], clause + 1), and
 * the snippet's tokens [from, to); best_to ends the best window before its
 * context was added. */
/* Passages analyzed by parts (near_lines): at most MAX_PARTS parts. */
#define MAX_PARTS 32

typedef struct snip_scan {
    an_tokens t;
    size_t *hit;
    size_t from, to, best_to;
    an_tokens parts[MAX_PARTS]; /* when analyzed by parts, each part's
                                   tokens (t.v points into their stores) */
    size_t n_parts;
} snip_scan;

static void
scan_free(snip_scan *s)
{
    free(s->hit);
    s->hit = NULL;
    an_tokens_free(&s->t);
    for (size_t i = 0; i < s->n_parts; i++)
        an_tokens_free(&s->parts[i]);
    s->n_parts = 0;
}

/* Marks the matches among the tokens in s->t and picks the window; returns
 * the number of distinct clauses in it, or (size_t)-1 when out of memory. */
static size_t
scan_tokens(const qr_query *q, size_t max_bytes, snip_scan *s)
{
    s->hit = calloc(s->t.n ? s->t.n : 1, sizeof *s->hit);
    if (!s->hit)
        return (size_t)-1;
    mark_hits(q, &s->t, s->hit);
    size_t best = best_window(&s->t, s->hit, max_bytes, &s->from, &s->to);
    s->best_to = s->to;
    if (s->to > s->from && s->hit[s->from])
        add_context(&s->t, s->hit, max_bytes, &s->from, &s->to);
    return best;
}

/* Analyzes text[0 .. scan), then as scan_tokens. */
static size_t
scan_text(const qr_query *q, const char *text, size_t scan, size_t max_bytes, snip_scan *s)
{
    if (an_analyze(text, scan, 0, &s->t) != VK_OK)
        return (size_t)-1;
    return scan_tokens(q, max_bytes, s);
}

/* Bytes of a long passage analyzed first (then up to the next newline). */
#define PREFIX_BYTES 2048

/* Positions, at the end of a prefix, whose tokens may differ from those of
 * the whole text: an overlay reads at most the 6 plain tokens of "ngày 17
 * tháng 11 năm 2022" (analyzers/overlays.c), and a phrase the query's
 * positions. */
#define PREFIX_MARGIN 8

/* The early stop. The snippet's window is the earliest one holding the
 * most distinct clauses; no window holds more than all of them. So when a
 * prefix of the text ending at a newline already has a window with every
 * clause, and every token that choice and its context read lies well
 * before the prefix's end, the rest of the text cannot change it: the
 * prefix's tokens are the text's (a token, a document number or a number
 * never runs over a newline; a date in words or a phrase runs over at most
 * PREFIX_MARGIN and the query's positions). Returns the prefix's length to
 * analyze, or 0 to analyze the whole text. */
static size_t
prefix_len(const qr_query *q, const char *text, size_t len)
{
    if (q->n_words == 0 || q->n_words > 64 || len < 2 * PREFIX_BYTES)
        return 0;
    const char *nl = memchr(text + PREFIX_BYTES, '\n', len - PREFIX_BYTES);
    size_t cut = nl ? (size_t)(nl - text) + 1 : len;
    return cut < len - len / 4 ? cut : 0;
}

static int
same_term(const qr_term *a, const qr_term *b)
{
    return a->len == b->len && a->folded == b->folded && a->span == b->span &&
           a->alt_len == b->alt_len && memcmp(a->text, b->text, a->len) == 0 &&
           (a->alt_len == 0 || memcmp(a->alt, b->alt, a->alt_len) == 0);
}

/* The most distinct clauses a window can hold: a clause written again
 * later in the query ("chạy chức, chạy quyền") marks the same tokens as
 * its repetition, which marks them last (mark_hits): it never shows. */
static size_t
clauses_markable(const qr_query *q)
{
    size_t n = q->n_words;
    for (size_t c = 0; c < q->n_words; c++) {
        const qr_clause *a = q->words[c];
        for (size_t d = c + 1; d < q->n_words; d++) {
            const qr_clause *b = q->words[d];
            size_t i = 0;
            while (a->n_terms == b->n_terms && i < a->n_terms &&
                   same_term(&a->terms[i], &b->terms[i]))
                i++;
            if (a->n_terms == b->n_terms && i == a->n_terms) {
                n--;
                break;
            }
        }
    }
    return n;
}

/* Nonzero if the window picked in the prefix scan s is the whole text's:
 * it holds every clause, and the tokens read to pick it and its context
 * (up to best_to, the first token past the best window: add_context stops
 * there at the latest) and to mark their matches lie before the margin. */
static int
prefix_enough(const qr_query *q, const snip_scan *s, size_t n_seen)
{
    if (n_seen < clauses_markable(q) || s->best_to >= s->t.n)
        return 0;
    uint64_t span = 0;
    for (size_t c = 0; c < q->n_words; c++) {
        uint64_t sp = 0;
        for (size_t i = 0; i < q->words[c]->n_terms; i++)
            sp += q->words[c]->terms[i].span;
        span = sp > span ? sp : span;
    }
    uint64_t reach = (uint64_t)s->t.v[s->best_to].pos + span + PREFIX_MARGIN;
    return reach < s->t.v[s->t.n - 1].pos;
}

/* ---------------------------------------------------------------------- */
/* The lines near a match                                                 */
/* ---------------------------------------------------------------------- */

/* A line's folding, to tell where a word may be: an_fold_text (the
 * analyzer's folding, a character at a time: case, diacritics, đ) and two
 * steps more, on the line and the word alike: the invisible characters the
 * analyzer skips inside a word are dropped, and y reads as i (the analyzer
 * writes "Qui" and "kĩ" as "quy" and "kỹ"). A token that folds to the word
 * then shows in the line's folding as the word with no ASCII letter or
 * digit beside it (both are word characters, which a token never has
 * beside it). Bytes that are not UTF-8, which separate tokens but fold to
 * nothing, are the exception; stored text has none. */

/* Bytes of an invisible character the analyzer skips inside words (zero-
 * width space, non-joiner, joiner, word joiner, BOM, soft hyphen) at s,
 * else 0. */
static size_t
invisible_len(const unsigned char *u, size_t len)
{
    if (len >= 2 && u[0] == 0xC2 && u[1] == 0xAD)
        return 2;
    if (len < 3)
        return 0;
    if ((u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D) ||
        (u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) ||
        (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
        return 3;
    return 0;
}

/* The two steps, on b in place (a word of the query). */
static void
fold_more(vk_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->len;) {
        size_t l = invisible_len((const unsigned char *)b->data + i, b->len - i);
        if (l) {
            i += l;
            continue;
        }
        char c = b->data[i++];
        b->data[k++] = c == 'y' ? 'i' : c;
    }
    b->len = k;
}

/* 1 for the bytes of ASCII letters and digits. */
static const unsigned char ascii_alnum[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int
is_ascii_alnum(char c)
{
    return ascii_alnum[(unsigned char)c];
}

/* Nonzero if every byte of s[0 .. len) is an ASCII letter or digit. */
static int
all_ascii_alnum(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!is_ascii_alnum(s[i]))
            return 0;
    }
    return 1;
}

/* Appends the folding of the character s[0 .. l) (y read as i) to f,
 * which has room for 4 bytes more. Returns VK_OK or VK_ENOMEM. */
static vk_status
fold_char(const char *s, size_t l, vk_buf *f)
{
    uint32_t cp = 0;
    size_t got = vk_utf8_decode_short(s, l, &cp), before = f->len;
    if (!got)
        got = vk_utf8_decode(s, l, &cp);
    if (got == l)
        f->len += an_fold_char(cp, f->data + f->len);
    else if (an_fold_text(s, l, f) != VK_OK) /* not one character */
        return VK_ENOMEM;
    for (size_t k = before; k < f->len; k++)
        f->data[k] = f->data[k] == 'y' ? 'i' : f->data[k];
    return VK_OK;
}

/* A line folded as above, with the offset in the line of the character
 * each folded byte comes from (at[len]: the line's end). */
typedef struct folded_line {
    vk_buf f;
    size_t *at;
    size_t cap;
} folded_line;

/* Folds line[0 .. len) into fl. Returns VK_OK or VK_ENOMEM. */
static vk_status
fold_line(const char *line, size_t len, folded_line *fl)
{
    /* A character folds to one, of at most 4 bytes. */
    size_t most = 4 * len + 1;
    vk_buf_clear(&fl->f);
    if (vk_buf_reserve(&fl->f, most) != VK_OK)
        return VK_ENOMEM;
    if (most > fl->cap) {
        size_t *g = realloc(fl->at, most * sizeof *g);
        if (!g)
            return VK_ENOMEM;
        fl->at = g;
        fl->cap = most;
    }
    char *f = fl->f.data;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)line[i];
        if (c < 0x80) {
            char lc = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            fl->at[fl->f.len] = i++;
            f[fl->f.len++] = lc == 'y' ? 'i' : lc;
            continue;
        }
        size_t l = invisible_len((const unsigned char *)line + i, len - i);
        if (l) {
            i += l;
            continue;
        }
        l = 1;
        while (i + l < len && ((unsigned char)line[i + l] & 0xC0) == 0x80 && l < 4)
            l++;
        size_t before = fl->f.len;
        if (fold_char(line + i, l, &fl->f) != VK_OK || fl->f.data != f)
            return VK_ENOMEM; /* (reserved: neither happens) */
        for (size_t k = before; k < fl->f.len; k++)
            fl->at[k] = i;
        i += l;
    }
    fl->at[fl->f.len] = len;
    return VK_OK;
}

/* Nonzero if raw[0 .. len), a word of the line, may be the token of term
 * t: its exact form is t's when t was typed with diacritics (the invisible
 * characters the analyzer skips left out), always when t is folded. */
static int
may_be_term(const qr_term *t, int fold, const char *raw, size_t len)
{
    if (t->folded || fold || t->span != 1 || t->kind == AN_DOCNUM || t->kind == AN_DATE ||
        (len == t->len && memcmp(raw, t->text, len) == 0))
        return 1; /* (an overlay's word is only a part of it) */
    char w[AN_MAX_TOKEN];
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t l = invisible_len((const unsigned char *)raw + i, len - i);
        if (l) {
            i += l;
            continue;
        }
        if (n == sizeof w)
            return 1; /* longer than a token: the analyzer cuts it */
        w[n++] = raw[i++];
    }
    vk_buf exact = VK_BUF_INIT;
    int may = an_normalize_word(w, n, &exact, NULL) != VK_OK ||
              (exact.len == t->len && memcmp(exact.data, t->text, t->len) == 0);
    vk_buf_free(&exact);
    return may;
}

/* A word to look for: a term of a clause, folded as a line is,
 * bytes [from, to) of the words' buffer. */
typedef struct needle {
    size_t from, to;
    unsigned clause;
    const qr_term *t;
    int ascii; /* all ASCII letters and digits */
} needle;

/* Words looked for at most: a longer query is analyzed whole. */
#define MAX_NEEDLES 128

/* Bytes at the start of s[0 .. len) that are ASCII digits. */
static size_t
lead_digits(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* How many bytes of f[0 .. len), term t folded, a word of the text shows
 * wherever a token may match t: all of a word's or a Roman numeral's; a
 * short number's (one of four digits or more may be written "4.500"); the
 * number a document number starts with, as written ("28" of "28-NQ/TW",
 * "18" of "18, 19-NQ/TW"); a date's year, which every form of a date
 * writes in four digits ("2022" of "ngày 17 tháng 11 năm 2022"). 0 when
 * nothing is sure to show (other overlays). The word lies within the
 * token, so a window holding the token holds the word. */
static size_t
shown_len(const qr_term *t, const char *f, size_t len)
{
    switch (t->kind) {
    case AN_WORD:
    case AN_ROMAN: return t->span == 1 ? len : 0;
    case AN_NUMBER: return t->span == 1 && len <= 3 ? len : 0;
    case AN_DOCNUM: return lead_digits(f, len);
    case AN_DATE: return lead_digits(f, len) == 4 ? 4 : 0;
    default: return 0;
    }
}

/* The words to look for: for every term of every clause, what a word of
 * the text shows of it (shown_len), into b and w (*n of them): a token that
 * a clause's match marks (mark_hits) matches one of its terms. Returns 1;
 * 0 when a term shows nothing sure or there are too many; -1 when out of
 * memory. */
static int
query_words(const qr_query *q, vk_buf *b, needle *w, size_t *n)
{
    int rc = 1;
    *n = 0;
    for (size_t c = 0; c < q->n_words && rc == 1; c++) {
        for (size_t k = 0; k < q->words[c]->n_terms && rc == 1; k++) {
            const qr_term *t = &q->words[c]->terms[k];
            const char *f = t->folded ? t->text : t->alt;
            size_t fl = shown_len(t, f, t->folded ? t->len : t->alt_len), from = b->len;
            if (*n == MAX_NEEDLES || fl == 0)
                rc = 0;
            else if (vk_buf_append(b, f, fl) != VK_OK)
                rc = -1;
            if (rc != 1)
                break;
            vk_buf one = {b->data + from, b->len - from, b->len - from};
            fold_more(&one);
            b->len = from + one.len;
            if (one.len == 0)
                rc = 0;
            w[(*n)++] = (needle){from, b->len, (unsigned)c, t, all_ascii_alnum(one.data, one.len)};
        }
    }
    return rc;
}

/* A stretch of the passage analyzed: whole lines, text[lo .. hi). */
typedef struct part {
    size_t lo, hi;
} part;

/* Passages shorter than this are analyzed whole. */
#define NEAR_MIN 2048
/* A passage with a line longer than this is analyzed whole too: its
 * folding and offsets would take 36 bytes a byte of it. */
#define NEAR_LINE_MAX (256 * 1024)
/* Positions between the tokens of two parts: no phrase spans them. */
#define PART_GAP 4096

/* Adds the part around line [ls, le): max_bytes either side, extended to
 * whole lines, merged with the last part when they touch. Returns 0 when
 * there would be more than MAX_PARTS. */
static int
add_part(const char *text, size_t len, size_t max_bytes, size_t ls, size_t le, part *parts,
         size_t *n)
{
    size_t lo = ls > max_bytes ? ls - max_bytes : 0;
    size_t hi = len - le > max_bytes ? le + max_bytes : len;
    while (lo > 0 && text[lo - 1] != '\n')
        lo--;
    while (hi < len && text[hi - 1] != '\n')
        hi++;
    if (*n && lo <= parts[*n - 1].hi) {
        parts[*n - 1].hi = hi > parts[*n - 1].hi ? hi : parts[*n - 1].hi;
        return 1;
    }
    if (*n == MAX_PARTS)
        return 0;
    parts[(*n)++] = (part){lo, hi};
    return 1;
}

/* A place where a clause may match: a word of the passage, text[start ..
 * end), that may be one of its terms; `most`: the most clauses a window
 * starting there may hold. */
typedef struct cand {
    size_t start, end;
    unsigned clause, most;
} cand;

typedef struct cands {
    cand *v;
    size_t n, cap;
} cands;

static int
cands_push(cands *c, cand x)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        cand *g = realloc(c->v, cap * sizeof *g);
        if (!g)
            return -1;
        c->v = g;
        c->cap = cap;
    }
    c->v[c->n++] = x;
    return 1;
}

/* The words of ASCII letters and digits (nearly all: a folded Vietnamese
 * word is one), by their first byte and length: a line's runs of ASCII
 * letters and digits are looked up here. */
typedef struct word_table {
    int16_t head[256];
    int16_t next[MAX_NEEDLES];
} word_table;

/* What find_places works with: the query's words, the line at hand
 * (text[ls ..), folded) and the places found. */
typedef struct place_scan {
    const char *text;
    size_t ls;
    folded_line line;
    vk_buf words;
    needle w[MAX_NEEDLES];
    size_t nw;
    word_table wt;
    int fold;
    cands *c;
} place_scan;

/* Adds the place at folded bytes [i, i + wl) of the line for word n when
 * it may be its term. */
static int
add_place(const place_scan *p, size_t i, size_t wl, const needle *n)
{
    size_t rs = p->ls + p->line.at[i], re = p->ls + p->line.at[i + wl];
    if (!may_be_term(n->t, p->fold, p->text + rs, re - rs))
        return 1;
    return cands_push(p->c, (cand){rs, re, n->clause, 0});
}

/* Adds the places of the line where word n, not all ASCII letters and
 * digits, may be: the folded word with no ASCII letter or digit beside
 * it, and as typed where it has diacritics. */
static int
line_places(const place_scan *p, const needle *n)
{
    const char *h = p->line.f.data, *w = p->words.data + n->from;
    size_t hl = p->line.f.len, wl = n->to - n->from;
    int rc = 1;
    for (size_t i = 0; i + wl <= hl && rc == 1; i++) {
        const char *f = memchr(h + i, w[0], hl - wl - i + 1);
        if (!f)
            break;
        i = (size_t)(f - h);
        if (memcmp(f, w, wl) == 0 && (i == 0 || !is_ascii_alnum(h[i - 1])) &&
            (i + wl == hl || !is_ascii_alnum(h[i + wl])))
            rc = add_place(p, i, wl, n);
    }
    return rc;
}

static unsigned
word_slot(const char *w, size_t len)
{
    return ((unsigned char)w[0] * 31u + (unsigned)len) & 255u;
}

static void
word_table_init(word_table *wt, const vk_buf *words, const needle *w, size_t n)
{
    for (size_t i = 0; i < 256; i++)
        wt->head[i] = -1;
    for (size_t k = n; k-- > 0;) {
        if (!w[k].ascii)
            continue;
        unsigned slot = word_slot(words->data + w[k].from, w[k].to - w[k].from);
        wt->next[k] = wt->head[slot];
        wt->head[slot] = (int16_t)k;
    }
}

/* Adds the places of the line where its runs (runs[0 .. 2 * nr): start
 * and end of each) are a word of the table. */
static int
run_places(const place_scan *p, const size_t *runs, size_t nr)
{
    const char *h = p->line.f.data;
    int rc = 1;
    for (size_t r = 0; r < nr && rc == 1; r++) {
        size_t i = runs[2 * r], rl = runs[2 * r + 1] - i;
        for (int k = p->wt.head[word_slot(h + i, rl)]; k >= 0 && rc == 1; k = p->wt.next[k]) {
            const needle *n = &p->w[k];
            if (n->to - n->from == rl && memcmp(h + i, p->words.data + n->from, rl) == 0)
                rc = add_place(p, i, rl, n);
        }
    }
    return rc;
}

/* The runs of ASCII letters and digits of a folded line, into *runs (start
 * and end of each; *cap grown as needed). Returns how many, or (size_t)-1
 * when out of memory. */
static size_t
ascii_runs(const folded_line *fl, size_t **runs, size_t *cap)
{
    const char *h = fl->f.data;
    size_t hl = fl->f.len, n = 0;
    for (size_t i = 0; i < hl;) {
        if (!is_ascii_alnum(h[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < hl && is_ascii_alnum(h[i]))
            i++;
        if (2 * n + 2 > *cap) {
            size_t nc = 2 * (*cap) + 64;
            size_t *g = realloc(*runs, nc * sizeof *g);
            if (!g)
                return (size_t)-1;
            *runs = g;
            *cap = nc;
        }
        (*runs)[2 * n] = start;
        (*runs)[2 * n + 1] = i;
        n++;
    }
    return n;
}

static int
cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* Puts the places v[0 .. n) of one line in text order. Those of words of
 * ASCII letters and digits come in order already (a query's words nearly
 * always are); the others come word after word. */
static void
sort_line_places(cand *v, size_t n)
{
    size_t i = 1;
    while (i < n && v[i - 1].start <= v[i].start)
        i++;
    if (i < n)
        qsort(v, n, sizeof *v, cmp_cand);
}

/* The places in text[0 .. len) where the query's clauses may match, in
 * text order, into c. Returns 1; 0 when the words are not all plain or a
 * line is longer than NEAR_LINE_MAX; -1 when out of memory. */
static int
find_places(const qr_query *q, const char *text, size_t len, cands *c)
{
    place_scan *p = malloc(sizeof *p);
    if (!p)
        return -1;
    *p = (place_scan){.text = text,
                      .line = {VK_BUF_INIT, NULL, 0},
                      .words = VK_BUF_INIT,
                      .fold = q->folded_all,
                      .c = c};
    size_t *runs = NULL, runs_cap = 0;
    int rc = query_words(q, &p->words, p->w, &p->nw);
    word_table_init(&p->wt, &p->words, p->w, p->nw);
    for (size_t ls = 0; ls < len && rc == 1;) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) + 1 : len, nr = 0, from = c->n;
        p->ls = ls;
        if (le - ls > NEAR_LINE_MAX)
            rc = 0;
        else if (fold_line(text + ls, le - ls, &p->line) != VK_OK ||
                 (nr = ascii_runs(&p->line, &runs, &runs_cap)) == (size_t)-1)
            rc = -1;
        if (rc == 1)
            rc = run_places(p, runs, nr);
        for (size_t k = 0; k < p->nw && rc == 1; k++) {
            if (!p->w[k].ascii)
                rc = line_places(p, &p->w[k]);
        }
        /* Lines come in text order: sorting each one's places sorts all. */
        if (rc == 1)
            sort_line_places(c->v + from, c->n - from);
        ls = le;
    }
    vk_buf_free(&p->words);
    vk_buf_free(&p->line.f);
    free(p->line.at);
    free(p);
    free(runs);
    return rc;
}

static unsigned
bits(uint64_t m)
{
    unsigned n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

/* Sets each place's `most`: the clauses of the places a window of
 * max_bytes starting there reaches (as best_window measures it). A window
 * starting at a match holds no more. Returns the largest. */
static unsigned
places_most(cands *c, size_t max_bytes)
{
    unsigned top = 0;
    for (size_t i = 0; i < c->n; i++) {
        uint64_t m = 0;
        for (size_t j = i; j < c->n && c->v[j].end - c->v[i].start <= max_bytes; j++)
            m |= (uint64_t)1 << c->v[j].clause;
        c->v[i].most = bits(m);
        top = c->v[i].most > top ? c->v[i].most : top;
    }
    return top;
}

/* The largest `most` below t, or 0. */
static unsigned
most_below(const cands *c, unsigned t)
{
    unsigned best = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].most < t && c->v[i].most > best)
            best = c->v[i].most;
    }
    return best;
}

/* The parts around the places whose windows may hold t clauses or more.
 * Returns 0 when they are too many or cover most of the passage (it is
 * then analyzed whole). */
static int
parts_from(const char *text, size_t len, size_t max_bytes, const cands *c, unsigned t, part *parts,
           size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].most >= t &&
            !add_part(text, len, max_bytes, c->v[i].start, c->v[i].end, parts, n))
            return 0;
    }
    size_t covered = 0;
    for (size_t i = 0; i < *n; i++)
        covered += parts[i].hi - parts[i].lo;
    return covered <= len - len / 4;
}

/* Analyzes the parts, their tokens apart by PART_GAP positions and at
 * their offsets in the passage, then as scan_tokens. */
static size_t
scan_parts(const qr_query *q, const char *text, const part *parts, size_t np, size_t max_bytes,
           snip_scan *s)
{
    size_t total = 0;
    uint32_t pos = 0;
    for (size_t i = 0; i < np; i++) {
        an_tokens *pt = &s->parts[i];
        s->n_parts = i + 1;
        if (an_analyze(text + parts[i].lo, parts[i].hi - parts[i].lo, pos, pt) != VK_OK)
            return (size_t)-1;
        total += pt->n;
        if (pt->n)
            pos = pt->v[pt->n - 1].pos + PART_GAP;
    }
    s->t.v = malloc((total ? total : 1) * sizeof *s->t.v);
    if (!s->t.v)
        return (size_t)-1;
    for (size_t i = 0; i < np; i++) {
        for (size_t k = 0; k < s->parts[i].n; k++) {
            an_token tok = s->parts[i].v[k];
            tok.start += parts[i].lo;
            tok.end += parts[i].lo;
            s->t.v[s->t.n++] = tok;
        }
    }
    s->t.cap = total;
    return scan_tokens(q, max_bytes, s);
}

/* Bytes of text[0 .. len) to analyze for a snippet at its start: a window
 * and a little more, cut on a character boundary. */
static size_t
start_len(const char *text, size_t len, size_t max_bytes)
{
    size_t scan = len;
    if (len > max_bytes + 256) {
        scan = max_bytes + 256;
        while (scan > 0 && ((unsigned char)text[scan] & 0xC0) == 0x80)
            scan--;
    }
    return scan;
}

/* Rounds of near_window at most before the passage is analyzed whole. */
#define NEAR_ROUNDS 3

/* The window from the places where the clauses may match. A window
 * starting at a match holds at most its place's `most` clauses; so when
 * the parts around the places whose `most` is t or more give a window of
 * n clauses, n >= t or n above every other place's `most`, no window
 * elsewhere holds as many (and no tie with an earlier one is left). Else
 * the next `most` down is tried. Returns 1 when s has the window, 0 when
 * the passage is best analyzed whole, -1 when out of memory. */
static int
near_window(const qr_query *q, const char *text, size_t len, size_t max_bytes, snip_scan *s)
{
    if (len < NEAR_MIN || q->n_words == 0 || q->n_words > 64)
        return 0;
    cands c = {NULL, 0, 0};
    size_t np = 0;
    int rc = find_places(q, text, len, &c);
    unsigned t = rc == 1 ? places_most(&c, max_bytes) : 0;
    part parts[MAX_PARTS];
    for (int round = 0; rc == 1 && t > 0; round++) {
        if (round == NEAR_ROUNDS || !parts_from(text, len, max_bytes, &c, t, parts, &np)) {
            rc = 0;
            break;
        }
        size_t n_seen = scan_parts(q, text, parts, np, max_bytes, s);
        unsigned below = most_below(&c, t);
        if (n_seen == (size_t)-1)
            rc = -1;
        else if (n_seen >= t || n_seen > below)
            break;
        scan_free(s);
        t = below;
    }
    if (rc == 1 && t == 0) /* no match anywhere: the passage's start */
        rc = scan_text(q, text, start_len(text, len, max_bytes), max_bytes, s) == (size_t)-1 ? -1
                                                                                             : 1;
    free(c.v);
    return rc;
}

/* The window and where the matches are: from a prefix when it is enough
 * (prefix_len), else from the places where the clauses may match when the
 * query's words are plain (near_window), else from the whole text. */
static vk_status
find_window(const qr_query *q, const char *text, size_t len, size_t max_bytes, snip_scan *s)
{
    /* Without words to find (only fields: trich:, coquan: ...), the snippet
     * is the passage's start: only that much needs analyzing. */
    size_t scan = q->n_words == 0 ? start_len(text, len, max_bytes) : len;
    size_t pre = prefix_len(q, text, len);
    if (pre) {
        size_t n_seen = scan_text(q, text, pre, max_bytes, s);
        if (n_seen == (size_t)-1)
            return VK_ENOMEM;
        if (prefix_enough(q, s, n_seen))
            return VK_OK;
        scan_free(s);
    }
    int near = near_window(q, text, len, max_bytes, s);
    if (near != 0)
        return near < 0 ? VK_ENOMEM : VK_OK;
    return scan_text(q, text, scan, max_bytes, s) == (size_t)-1 ? VK_ENOMEM : VK_OK;
}

vk_status
qr_snippet(const qr_query *q, const char *text, size_t len, size_t max_bytes, vk_arena *arena,
           qr_snip *out)
{
    *out = (qr_snip){"", NULL, 0};
    snip_scan sc = {.t = AN_TOKENS_INIT};
    if (find_window(q, text, len, max_bytes, &sc) != VK_OK) {
        scan_free(&sc);
        return VK_ENOMEM;
    }
    const an_tokens t = sc.t;
    const size_t *hit = sc.hit;
    size_t from = sc.from, to = sc.to;
    size_t start = t.n && from < t.n ? t.v[from].start : 0;
    size_t end = to > 0 && to <= t.n ? t.v[to - 1].end : (len < max_bytes ? len : 0);
    /* Keep the punctuation that closes the last word. */
    while (end < len && end - start < max_bytes + 8 && strchr(".,;:!?)”\"", text[end]) && text[end])
        end++;
    int cut_before = start > 0, cut_after = end < len;
    size_t pre = cut_before ? strlen("… ") : 0;
    size_t out_len = pre + (end - start) + (cut_after ? strlen(" …") : 0);
    char *s = vk_arena_alloc(arena, out_len + 1);
    size_t *m = vk_arena_alloc(arena, 2 * (t.n ? t.n : 1) * sizeof *m);
    vk_status rc = s && m ? VK_OK : VK_ENOMEM;
    if (rc == VK_OK) {
        size_t n = 0;
        if (cut_before)
            memcpy(s, "… ", pre);
        memcpy(s + pre, text + start, end - start);
        n = pre + (end - start);
        if (cut_after)
            memcpy(s + n, " …", strlen(" …"));
        s[out_len] = '\0';
        /* Newlines between paragraphs read as spaces in a snippet. */
        for (size_t i = 0; i < out_len; i++)
            if (s[i] == '\n')
                s[i] = ' ';
        size_t k = 0;
        for (size_t i = from; i < to && i < t.n; i++) {
            if (!hit[i])
                continue;
            m[2 * k] = t.v[i].start - start + pre;
            m[2 * k + 1] = t.v[i].end - start + pre;
            k++;
        }
        *out = (qr_snip){s, m, k};
    }
    scan_free(&sc);
    return rc;
}
