/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lexicon.c: stopwords and abbreviations, parsed once from the data files
 * compiled into the program (see lexicon.h and cmake/embed.cmake).
 */
#include "analyzers/lexicon.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/utf8.h"

extern const unsigned char an_data_stopwords[];
extern const size_t an_data_stopwords_len;
extern const unsigned char an_data_abbreviations[];
extern const size_t an_data_abbreviations_len;

/* A string of plain tokens' folded forms, "hoi dong nhan dan", and the
 * number of tokens. */
typedef struct spelled {
    char *folded; /* folded terms joined by single spaces */
    size_t ntoks;
} spelled;

typedef struct entry {
    an_abbrev e;      /* the line */
    spelled abbr;     /* the abbreviation's tokens, folded */
    spelled full;     /* the full form's tokens, folded */
} entry;

static struct {
    char **stop;      /* sorted exact terms */
    size_t n_stop;
    char **stop_folded; /* their folded forms, sorted (with repeats) */
    size_t n_stop_folded;
    entry *abbr;      /* table lines */
    size_t n_abbr;
} lex;

static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Calls fn on each line of data that is not empty or a comment. */
static void
each_line(const unsigned char *data, size_t len, void (*fn)(const char *, size_t))
{
    const char *s = (const char *)data;
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        size_t l = e - i;
        while (l > 0 && (s[i + l - 1] == '\r' || s[i + l - 1] == ' '))
            l--;
        if (l > 0 && s[i] != '#')
            fn(s + i, l);
        i = e + 1;
    }
}

static void
add_stopword(const char *s, size_t len)
{
    vk_buf exact = VK_BUF_INIT, folded = VK_BUF_INIT;
    if (an_normalize_word(s, len, &exact, &folded) != VK_OK || !exact.data || !folded.data) {
        vk_buf_free(&exact);
        vk_buf_free(&folded);
        return;
    }
    char **v = realloc(lex.stop, (lex.n_stop + 1) * sizeof *v);
    char **f = v ? realloc(lex.stop_folded, (lex.n_stop_folded + 1) * sizeof *f) : NULL;
    if (v)
        lex.stop = v;
    if (!f) {
        vk_buf_free(&exact);
        vk_buf_free(&folded);
        return;
    }
    lex.stop_folded = f;
    lex.stop[lex.n_stop++] = vk_buf_steal(&exact);
    lex.stop_folded[lex.n_stop_folded++] = vk_buf_steal(&folded);
}

static int
spell(const char *s, size_t len, spelled *out)
{
    an_tokens t = AN_TOKENS_INIT;
    vk_buf b = VK_BUF_INIT;
    out->ntoks = 0;
    if (an_analyze(s, len, 0, &t) == VK_OK) {
        for (size_t i = 0; i < t.n; i++) {
            if (t.v[i].overlay)
                continue;
            if (out->ntoks++)
                vk_buf_putc(&b, ' ');
            vk_buf_append(&b, t.v[i].folded, t.v[i].folded_len);
        }
    }
    an_tokens_free(&t);
    out->folded = vk_buf_steal(&b);
    return out->folded && out->ntoks > 0;
}

static void
add_abbrev(const char *s, size_t len)
{
    const char *tab = memchr(s, '\t', len);
    if (!tab)
        return;
    entry x;
    memset(&x, 0, sizeof x);
    size_t al = (size_t)(tab - s), fl = len - al - 1;
    char *abbr = malloc(al + 1), *full = malloc(fl + 1);
    entry *v = realloc(lex.abbr, (lex.n_abbr + 1) * sizeof *v);
    if (v)
        lex.abbr = v;
    if (!abbr || !full || !v || !spell(s, al, &x.abbr) || !spell(tab + 1, fl, &x.full)) {
        free(abbr);
        free(full);
        free(x.abbr.folded);
        free(x.full.folded);
        return;
    }
    memcpy(abbr, s, al);
    abbr[al] = '\0';
    memcpy(full, tab + 1, fl);
    full[fl] = '\0';
    x.e.abbr = abbr;
    x.e.full = full;
    lex.abbr[lex.n_abbr++] = x;
}

static void
load(void)
{
    each_line(an_data_stopwords, an_data_stopwords_len, add_stopword);
    if (lex.n_stop)
        qsort(lex.stop, lex.n_stop, sizeof *lex.stop, cmp_str);
    if (lex.n_stop_folded)
        qsort(lex.stop_folded, lex.n_stop_folded, sizeof *lex.stop_folded, cmp_str);
    each_line(an_data_abbreviations, an_data_abbreviations_len, add_abbrev);
}

/* Nonzero if s[0 .. len) is one of the n sorted strings of v. */
static int
listed(char *const *v, size_t n, const char *s, size_t len)
{
    char key[64];
    if (len >= sizeof key)
        return 0;
    memcpy(key, s, len);
    key[len] = '\0';
    char *k = key;
    return n && bsearch(&k, v, n, sizeof *v, cmp_str) != NULL;
}

int
an_is_stopword(const char *exact, size_t len)
{
    pthread_once(&lex_once, load);
    return listed(lex.stop, lex.n_stop, exact, len);
}

int
an_may_be_stopword(const char *folded, size_t len)
{
    pthread_once(&lex_once, load);
    return listed(lex.stop_folded, lex.n_stop_folded, folded, len);
}

size_t
an_stopword_count(void)
{
    pthread_once(&lex_once, load);
    return lex.n_stop;
}

size_t
an_abbrev_count(void)
{
    pthread_once(&lex_once, load);
    return lex.n_abbr;
}

/* Nonzero if the letters of the original text a and of the table's b have
 * the same case, one by one ("TU" ~ "TU", "TTg" ~ "TTg", not "Tu"). */
static int
same_case(const char *a, size_t alen, const char *b)
{
    size_t i = 0, j = 0, blen = strlen(b);
    while (i < alen && j < blen) {
        uint32_t ca, cb;
        size_t la = vk_utf8_decode(a + i, alen - i, &ca), lb = vk_utf8_decode(b + j, blen - j, &cb);
        if (!la || !lb)
            return 0;
        int letter_a = an_is_upper(ca) || an_is_lower(ca);
        int letter_b = an_is_upper(cb) || an_is_lower(cb);
        if (!letter_a) {
            i += la;
            continue;
        }
        if (!letter_b) {
            j += lb;
            continue;
        }
        if ((an_is_upper(ca) != 0) != (an_is_upper(cb) != 0))
            return 0;
        i += la;
        j += lb;
    }
    return 1;
}

/* Nonzero if the plain tokens from toks[i] spell `sp`; *end gets the index
 * past the last token used. */
static int
spells(const an_token *toks, size_t n, size_t i, const spelled *sp, size_t *end)
{
    const char *p = sp->folded;
    size_t k = i, used = 0;
    while (used < sp->ntoks) {
        while (k < n && toks[k].overlay)
            k++;
        if (k >= n)
            return 0;
        size_t l = strcspn(p, " ");
        if (l != toks[k].folded_len || memcmp(p, toks[k].folded, l) != 0)
            return 0;
        p += l + (p[l] == ' ');
        used++;
        k++;
    }
    *end = k;
    return 1;
}

size_t
an_abbrev_match(const char *text, const an_tokens *tokens, size_t i, an_abbrev_side side,
                an_abbrev_hit *out, size_t max)
{
    pthread_once(&lex_once, load);
    const an_token *toks = tokens->v;
    size_t n = tokens->n, found = 0;
    while (i < n && toks[i].overlay)
        i++;
    for (size_t k = 0; k < lex.n_abbr && found < max; k++) {
        const entry *x = &lex.abbr[k];
        size_t end;
        if (!spells(toks, n, i, side == AN_ABBREV_SHORT ? &x->abbr : &x->full, &end))
            continue;
        if (side == AN_ABBREV_SHORT &&
            !same_case(text + toks[i].start, toks[end - 1].end - toks[i].start, x->e.abbr))
            continue;
        out[found++] = (an_abbrev_hit){&x->e, end - i};
    }
    /* Longest first (insertion sort: a handful of matches at most). */
    for (size_t a = 1; a < found; a++) {
        for (size_t b = a; b > 0 && out[b].ntoks > out[b - 1].ntoks; b--) {
            an_abbrev_hit t = out[b];
            out[b] = out[b - 1];
            out[b - 1] = t;
        }
    }
    return found;
}
