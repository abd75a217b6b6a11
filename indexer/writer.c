/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * writer.c: document model -> Xapian documents, one per section passage, with
 * exact and folded terms at the same positions (see ix_schema.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzers/an.h"
#include "analyzers/docnum.h"
#include "analyzers/lexicon.h"
#include "analyzers/text.h"
#include "common/i18n.h"
#include "corpus/cite.h"
#include "corpus/label.h"
#include "indexer/ix.h"
#include "indexer/ix_passage.h"
#include "indexer/ix_schema.h"
#include "xapian-c/xc.h"

/* Hashes of (folded, exact) pairs already given to the synonym table in
 * this run: an open-addressing set. */
typedef struct pairset {
    uint64_t *v; /* slots, 0 = empty */
    size_t cap;  /* slots (a power of two) */
    size_t n;    /* used slots */
} pairset;

struct ix_writer {
    xc_wdb *db;   /* the open database */
    pairset syn;  /* synonym pairs written */
    int dirty;    /* changes since the last commit */
    int empty;    /* the index held no document when opened (or was emptied) */
    pairset puts; /* when empty: hashes of the file terms put since */
};

/* The terms without positions of the document being made, each with its
 * wdf: Xapian is given each once when the document is done, rather than
 * once per occurrence (its map costs more than this table). Open
 * addressing; a slot with h 0 is empty. */
typedef struct termbag {
    struct bag_slot {
        uint64_t h;        /* hash of the term's bytes, never 0 */
        uint32_t off, len; /* the term in bytes */
        uint32_t wdf;      /* occurrences */
    } * v;
    size_t cap, n;
    vk_buf bytes;
} termbag;

/* The Xapian documents of one file, made without the index (any thread),
 * and what writing them needs. */
struct ix_prepared {
    char *path;         /* the file, as given (for messages) */
    char file_term[64]; /* XFILE<hash of the absolute path> */
    xc_doc **docs;      /* passages, in order */
    char **uids;        /* their Q terms */
    size_t n, cap;
    size_t n_docs;     /* documents of the file */
    size_t n_passages; /* their sections with text */
    vk_buf spell;      /* "folded\0exact\0" pairs for the synonym table */
    pairset seen;      /* hashes of the exact spellings in spell */
    an_tokens toks;    /* scratch token list, reused */
    const an_memo *memo; /* the file's kept analyses (cp_file.memo), while preparing it */
    vk_buf term;       /* scratch term */
    termbag bag;       /* the document's terms without positions */
    size_t n_long;     /* terms left out for being longer than XC_MAX_TERM */
};

/* Adds h to the set; returns 1 if it was new, 0 if present, -1 on ENOMEM. */
static int
pairset_add(pairset *p, uint64_t h)
{
    if (h == 0)
        h = 1;
    if (2 * (p->n + 1) > p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 4096;
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < p->cap; i++) {
            if (!p->v[i])
                continue;
            size_t k = (size_t)p->v[i] & (cap - 1);
            while (v[k])
                k = (k + 1) & (cap - 1);
            v[k] = p->v[i];
        }
        free(p->v);
        p->v = v;
        p->cap = cap;
    }
    size_t k = (size_t)h & (p->cap - 1);
    while (p->v[k]) {
        if (p->v[k] == h)
            return 0;
        k = (k + 1) & (p->cap - 1);
    }
    p->v[k] = h;
    p->n++;
    return 1;
}

/* The slot of a term of hash h in a table of cap slots (a power of two):
 * its own, or the empty one where it goes. */
static size_t
bag_find(const termbag *b, const struct bag_slot *v, size_t cap, uint64_t h, const char *t,
         size_t len)
{
    size_t k = (size_t)h & (cap - 1);
    while (v[k].h && (v[k].h != h || v[k].len != len || memcmp(b->bytes.data + v[k].off, t, len)))
        k = (k + 1) & (cap - 1);
    return k;
}

/* Counts one occurrence of the term t[0 .. len). */
static xc_status
bag_add(termbag *b, const char *t, size_t len)
{
    uint64_t h = vk_hash64(t, len);
    h += h == 0;
    if (2 * (b->n + 1) > b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 1024;
        struct bag_slot *v = calloc(cap, sizeof *v);
        if (!v)
            return XC_ENOMEM;
        for (size_t i = 0; i < b->cap; i++) {
            if (b->v[i].h)
                v[bag_find(b, v, cap, b->v[i].h, b->bytes.data + b->v[i].off, b->v[i].len)] =
                    b->v[i];
        }
        free(b->v);
        b->v = v;
        b->cap = cap;
    }
    size_t k = bag_find(b, b->v, b->cap, h, t, len);
    if (b->v[k].h) {
        b->v[k].wdf++;
        return XC_OK;
    }
    if (b->bytes.len > UINT32_MAX - len || vk_buf_append(&b->bytes, t, len) != VK_OK)
        return XC_ENOMEM;
    b->v[k] = (struct bag_slot){h, (uint32_t)(b->bytes.len - len), (uint32_t)len, 1};
    b->n++;
    return XC_OK;
}

/* Empties the table, keeping its memory. */
static void
bag_clear(termbag *b)
{
    if (b->n)
        memset(b->v, 0, b->cap * sizeof *b->v);
    b->n = 0;
    vk_buf_clear(&b->bytes);
}

/* Gives the counted terms to xd, and empties the table. */
static xc_status
bag_flush(termbag *b, xc_doc *xd)
{
    xc_status st = XC_OK;
    for (size_t i = 0; i < b->cap && st == XC_OK; i++) {
        if (b->v[i].h)
            st = xc_doc_add_term(xd, b->bytes.data + b->v[i].off, b->v[i].len, b->v[i].wdf);
    }
    bag_clear(b);
    return st;
}

static vk_status
index_error(vk_error *err, xc_status st, const char *what)
{
    vk_status vs = st == XC_ELOCKED ? VK_ELOCKED : st == XC_ENOMEM ? VK_ENOMEM : VK_EINDEX;
    if (st == XC_ENOMEM)
        return vk_fail(err, vs, _("%s: out of memory"), what); /* ix_index_error() may be older */
    return vk_fail(err, vs, "%s: %s", what, ix_index_error());
}

/* A change to the index failed after others of the same unit (a file's
 * passages and record) were made: the unit must not be committed half done,
 * and Xapian itself drops every pending change when adding a document
 * throws. So everything since the last commit is discarded, on purpose and
 * always, and the index stays as last committed (each file whole, with its
 * record); the caller stops, and the next run redoes what was lost. */
static vk_status
write_failed(ix_writer *w, xc_status st, const char *what, vk_error *err)
{
    vk_status rc = index_error(err, st, what);
    if (xc_wdb_discard(w->db) == XC_OK) {
        w->dirty = 0;
        /* The synonyms given this run went with the rest, and files put
         * since the last commit may be in the index or not: from now on
         * every put deletes first. */
        free(w->syn.v);
        w->syn = (pairset){NULL, 0, 0};
        w->empty = 0;
        if (err) {
            size_t n = strlen(err->msg);
            snprintf(err->msg + n, sizeof err->msg - n,
                     "; the changes since the last commit were discarded");
        }
    }
    return rc;
}

/* The status of a failure while making a file's documents (no index
 * involved): memory, or something about this file's text (XC_EINVAL: a term
 * or value the documents refused). */
static vk_status
prepare_error(vk_error *err, xc_status st, const char *path)
{
    if (st == XC_ENOMEM)
        return index_error(err, st, path);
    return vk_fail(err, VK_EINVAL, "%s: %s", path, ix_index_error());
}

/* metadata_list callback: deletes a file record (--full). The keys were
 * gathered before the first call, so deleting as we go is safe. */
static int
forget_record(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    (void)key_len;
    (void)value;
    (void)value_len;
    return xc_wdb_set_metadata(ud, key, "", 0) != XC_OK;
}

/* Nonzero if the index at db_path holds documents of another format
 * version than this one writes; *fmt (the caller frees it) is the version
 * it holds, or NULL. */
static int
other_format(const char *db_path, xc_wdb *db, char **fmt, size_t *fmt_len)
{
    const char *paths[] = {db_path};
    xc_rdb *r = NULL;
    uint32_t count = 0;
    *fmt = NULL;
    *fmt_len = 0;
    int other = xc_wdb_doccount(db, &count) == XC_OK && count > 0 &&
                xc_rdb_open(paths, 1, &r) == XC_OK &&
                xc_rdb_get_metadata(r, IX_META_FORMAT, fmt, fmt_len) == XC_OK &&
                atoi(*fmt) != IX_FORMAT_VERSION;
    xc_rdb_close(r);
    return other;
}

/* Records this format version (only when it changes, so that a run that
 * changes nothing writes nothing) and, for a rebuild, forgets the files
 * and statistics recorded before. */
static xc_status
write_format(ix_writer *w, int overwrite)
{
    char v[16], *fmt = NULL;
    size_t fmt_len = 0;
    snprintf(v, sizeof v, "%d", IX_FORMAT_VERSION);
    xc_status st = xc_wdb_get_metadata(w->db, IX_META_FORMAT, &fmt, &fmt_len);
    if (st == XC_OK && strcmp(fmt, v) != 0) {
        st = xc_wdb_set_metadata(w->db, IX_META_FORMAT, v, strlen(v));
        w->dirty = 1;
    }
    free(fmt);
    if (st == XC_OK && overwrite)
        st = xc_wdb_metadata_list(w->db, IX_META_FILE_PREFIX, forget_record, w->db);
    if (st == XC_OK && overwrite)
        st = xc_wdb_metadata_list(w->db, IX_META_STAT_PREFIX, forget_record, w->db);
    return st;
}

/* Closes what ix_writer_open opened, on its way out with an error. */
static vk_status
open_failed(ix_writer *w, vk_status rc)
{
    xc_wdb_close(w->db);
    free(w);
    return rc;
}

vk_status
ix_writer_open(const char *db_path, int overwrite, ix_writer **out, vk_error *err)
{
    *out = NULL;
    ix_writer *w = calloc(1, sizeof *w);
    if (!w)
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    xc_status st = xc_wdb_open(
        db_path, overwrite == IX_OVERWRITE_SCRATCH ? XC_OPEN_SCRATCH : XC_OPEN_CREATE_OR_OPEN,
        &w->db);
    if (st != XC_OK) {
        free(w);
        return index_error(err, st, db_path);
    }
    /* An index made by another format version cannot be added to; a full
     * rebuild starts it over. */
    char *fmt = NULL;
    size_t fmt_len = 0;
    int other = other_format(db_path, w->db, &fmt, &fmt_len);
    if (other && overwrite) {
        xc_wdb_close(w->db);
        w->db = NULL;
        st = xc_wdb_open(db_path, XC_OPEN_CREATE_OR_OVERWRITE, &w->db);
        other = 0;
    } else if (overwrite) {
        /* Everything goes, in the same commit as the new documents: readers
         * never see an empty index. */
        st = xc_wdb_delete_all(w->db);
        w->dirty = 1;
    }
    if (st != XC_OK) {
        free(fmt);
        return open_failed(w, index_error(err, st, db_path));
    }
    if (other) {
        vk_fail(err, VK_EFORMAT,
                _("%s: index format %s, this vankien writes format %d: rebuild it with "
                  "`vankien index --full`"),
                db_path, fmt_len ? fmt : "unknown", IX_FORMAT_VERSION);
        free(fmt);
        return open_failed(w, VK_EFORMAT);
    }
    free(fmt);
    st = write_format(w, overwrite);
    if (st != XC_OK)
        return open_failed(w, index_error(err, st, db_path));
    uint32_t count = 1;
    w->empty = overwrite || (xc_wdb_doccount(w->db, &count) == XC_OK && count == 0);
    *out = w;
    return VK_OK;
}

/* Appends s with every run of characters other than ASCII letters and digits
 * turned into one '-', after folding ("28-NQ/TW" -> "28-nq-tw"). */
static vk_status
slug(const char *s, size_t len, vk_buf *out)
{
    vk_buf f = VK_BUF_INIT;
    vk_status rc = an_fold_text(s, len, &f);
    int dash = 0;
    for (size_t i = 0; rc == VK_OK && i < f.len; i++) {
        char c = f.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && out->len > 0 && out->data[out->len - 1] != '-')
                rc = vk_buf_putc(out, '-');
            if (rc == VK_OK)
                rc = vk_buf_putc(out, c);
            dash = 0;
        } else {
            dash = 1;
        }
    }
    vk_buf_free(&f);
    return rc;
}

/* The place a local state body's number needs beside it: every province's
 * people's committee issues its own "82/2025/QĐ-UBND". The place after
 * "tỉnh"/"thành phố" in the issuer, else the place of the date line; NULL
 * for a number of another issuer, or when neither is known. *len set. */
static const char *
local_place(const cp_doc *doc, vk_buf *slug_so_far, size_t *len)
{
    static const char *const locals[] = {"-ubnd", "-hdnd"};
    int local = 0;
    for (size_t i = 0; i < VK_ARRAY_LEN(locals); i++)
        local |= strstr(slug_so_far->data ? slug_so_far->data : "", locals[i]) != NULL;
    if (!local)
        return NULL;
    static const char *const words[] = {" tỉnh ", " thành phố ", " Tỉnh ", " Thành phố "};
    for (size_t i = 0; doc->issuer && i < VK_ARRAY_LEN(words); i++) {
        const char *at = strstr(doc->issuer, words[i]);
        if (at && at[strlen(words[i])]) {
            *len = strcspn(at + strlen(words[i]), ","); /* "tỉnh X, Y" */
            return at + strlen(words[i]);
        }
    }
    const char *p = doc->place;
    static const char *const prefixes[] = {"TP. ",       "Tp. ",       "TP.",   "TP ",
                                           "Thành phố ", "thành phố ", "Tỉnh ", "tỉnh "};
    for (size_t i = 0; p && i < VK_ARRAY_LEN(prefixes); i++) {
        if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0) {
            p += strlen(prefixes[i]);
            break;
        }
    }
    *len = p ? strcspn(p, ",") : 0;
    return *len ? p : NULL;
}

vk_status
ix_doc_key(const cp_file *f, size_t index, vk_buf *out)
{
    const cp_doc *doc = &f->docs[index];
    if (doc->number) {
        size_t before = out->len, n = 0;
        vk_status rc = slug(doc->number, strlen(doc->number), out);
        vk_buf own = VK_BUF_INIT;
        if (rc == VK_OK)
            rc = vk_buf_append(&own, out->data + before, out->len - before);
        const char *place = rc == VK_OK ? local_place(doc, &own, &n) : NULL;
        vk_buf_free(&own);
        if (rc == VK_OK && place && (rc = vk_buf_putc(out, '-')) == VK_OK)
            rc = slug(place, n, out);
        if (rc == VK_OK && doc->date.year > 0)
            rc = vk_buf_printf(out, "-%d", doc->date.year);
        return rc;
    }
    const char *base = strrchr(f->path, '/');
    base = base ? base + 1 : f->path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    size_t before = out->len;
    vk_status rc = slug(base, n, out);
    if (rc == VK_OK && out->len == before)
        rc = vk_buf_puts(out, "document");
    if (rc == VK_OK && index > 0)
        rc = vk_buf_printf(out, "-%zu", index + 1);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* One passage                                                            */
/* ---------------------------------------------------------------------- */

/* What every passage of one document shares. */
typedef struct doc_ctx {
    const cp_file *file;
    const cp_doc *doc;
    const char *key;       /* document key */
    const char *group;     /* key of the group of copies (IX_SLOT_GROUP) */
    const char *file_term; /* XFILE<hash> */
    const char *abs_path;  /* absolute path of the file */
    size_t doc_index;      /* index of doc in file */
} doc_ctx;

/* Counts a term left out as longer than XC_MAX_TERM bytes. Prepared
 * files are made one per thread: the counter is the file's own. */
static _Thread_local size_t *long_terms;

/* Adds prefix + s[0 .. len) as a filter term: boolean, or, when mark is
 * nonzero, a mark at that position (a section's start: ix_schema.h) that
 * adds nothing to the term's wdf. */
static xc_status
add_mark(xc_doc *xd, vk_buf *t, const char *prefix, const char *s, size_t len, uint32_t mark)
{
    vk_buf_clear(t);
    if (vk_buf_puts(t, prefix) != VK_OK || vk_buf_append(t, s, len) != VK_OK)
        return XC_ENOMEM;
    if (t->len > XC_MAX_TERM) {
        if (long_terms)
            (*long_terms)++;
        return XC_OK; /* too long to be a useful filter; skip */
    }
    if (mark)
        return xc_doc_add_posting(xd, t->data, t->len, mark, 0);
    return xc_doc_add_boolean_term(xd, t->data, t->len);
}

static xc_status
add_bool(xc_doc *xd, vk_buf *t, const char *prefix, const char *s, size_t len)
{
    return add_mark(xd, t, prefix, s, len, 0);
}

/* Adds w->term, built by the callers below, as a term: positional when pos
 * is nonzero. */
static xc_status
add_built(ix_prepared *w, xc_doc *xd, uint32_t pos)
{
    if (w->term.len > XC_MAX_TERM) {
        w->n_long++;
        return XC_OK; /* a 200-byte "word" is not worth a term */
    }
    if (pos)
        return xc_doc_add_posting(xd, w->term.data, w->term.len, pos, 1);
    return bag_add(&w->bag, w->term.data, w->term.len);
}

/* Adds prefix + s[0 .. len) as a term: positional when pos is nonzero. */
static xc_status
add_prefixed(ix_prepared *w, xc_doc *xd, const char *prefix, const char *s, size_t len,
             uint32_t pos)
{
    vk_buf_clear(&w->term);
    if (vk_buf_puts(&w->term, prefix) != VK_OK || vk_buf_append(&w->term, s, len) != VK_OK)
        return XC_ENOMEM;
    return add_built(w, xd, pos);
}

/* Adds prefix + the folded forms of a and b, a space between them, as a
 * term without position (a bigram). */
static xc_status
add_folded_pair(ix_prepared *w, xc_doc *xd, const char *prefix, const an_token *a,
                const an_token *b)
{
    vk_buf_clear(&w->term);
    if (vk_buf_puts(&w->term, prefix) != VK_OK ||
        vk_buf_append(&w->term, a->folded, a->folded_len) != VK_OK ||
        vk_buf_putc(&w->term, ' ') != VK_OK ||
        vk_buf_append(&w->term, b->folded, b->folded_len) != VK_OK)
        return XC_ENOMEM;
    return add_built(w, xd, 0);
}

/* Notes the word's spelling under its folded form (for the synonym table),
 * once per file. Either form past XC_MAX_TERM is left out, as its term is
 * (add_prefixed): the synonym table refuses it, and a 128-byte token can
 * grow that long (NFC decomposes U+FB2C into three code points). */
static xc_status
add_spelling(ix_prepared *w, const an_token *t)
{
    if (t->folded_len == 0 || t->exact_len == 0 || t->folded_len > XC_MAX_TERM ||
        t->exact_len > XC_MAX_TERM ||
        (t->exact_len == t->folded_len && memcmp(t->exact, t->folded, t->exact_len) == 0))
        return XC_OK;
    uint64_t h = vk_hash64(t->exact, t->exact_len);
    int added = pairset_add(&w->seen, h);
    if (added < 0)
        return XC_ENOMEM;
    if (!added)
        return XC_OK;
    if (vk_buf_append(&w->spell, t->folded, t->folded_len) != VK_OK ||
        vk_buf_putc(&w->spell, '\0') != VK_OK ||
        vk_buf_append(&w->spell, t->exact, t->exact_len) != VK_OK ||
        vk_buf_putc(&w->spell, '\0') != VK_OK)
        return XC_ENOMEM;
    return XC_OK;
}

static int
is_syllable(const an_token *t)
{
    return !t->overlay && (t->kind == AN_WORD || t->kind == AN_ROMAN);
}

/* How a token may be half of a bigram (BF, XJ; ix_schema.h): 0 not at all
 * (not a syllable, or a stopword); PAIR_VI a syllable of Vietnamese shape
 * or a Roman numeral ("khoá XII"); PAIR_OTHER another word ("Internet"),
 * paired only with a PAIR_VI one ("lợi dụng Internet"). */
enum { PAIR_OTHER = 1, PAIR_VI = 2 };

static int
pairable(const an_token *t)
{
    if (!is_syllable(t) || an_is_stopword(t->exact, t->exact_len))
        return 0;
    return t->kind == AN_ROMAN || an_is_vi_syllable(t->folded, t->folded_len) ? PAIR_VI
                                                                              : PAIR_OTHER;
}

/* Nonzero if tokens paired as a and b (pairable) make a bigram. */
static int
pair_of(int a, int b)
{
    return a && b && (a == PAIR_VI || b == PAIR_VI);
}

/* The position of a token's folded term: none for a syllable, whose
 * phrases are matched on its spellings (ix_schema.h); else pos. */
static uint32_t
folded_pos(const an_token *t, uint32_t pos)
{
    return t->kind == AN_WORD && !t->overlay ? 0 : pos;
}

/* Indexes the tokens of one paragraph from position *pos on: every token
 * (overlays too) in its exact and folded forms, and the bigrams of adjacent
 * syllables. The paragraph's analysis made while parsing is used when the
 * file kept it (its positions from 0, shifted); else it is made now. */
static xc_status
add_text_terms(ix_prepared *w, xc_doc *xd, const char *text, size_t len, uint32_t *pos)
{
    const an_tokens *ts = an_memo_find(w->memo, text, len);
    uint32_t shift = *pos;
    if (!ts) {
        if (an_analyze(text, len, *pos, &w->toks) != VK_OK)
            return XC_ENOMEM;
        ts = &w->toks;
        shift = 0;
    }
    xc_status st = XC_OK;
    uint32_t prev_pos = 0;
    const an_token *prev = NULL;
    int prev_pairs = 0;
    for (size_t i = 0; i < ts->n && st == XC_OK; i++) {
        const an_token *t = &ts->v[i];
        uint32_t tp = t->pos + shift;
        st = add_prefixed(w, xd, "", t->exact, t->exact_len, tp);
        if (st == XC_OK)
            st = add_prefixed(w, xd, IX_PREFIX_FOLDED, t->folded, t->folded_len,
                              folded_pos(t, tp));
        if (st != XC_OK || t->overlay)
            continue;
        /* The folded bigram of two adjacent syllables: ranking evidence
         * for adjacent query words. One form only, the folded: it stands
         * for the exact one too, whose words the query requires anyway. */
        int pairs = pairable(t);
        if (pair_of(prev_pairs, pairs) && prev_pos + 1 == tp)
            st = add_folded_pair(w, xd, IX_PREFIX_BIGRAM_FOLDED, prev, t);
        if (st == XC_OK && t->kind == AN_WORD)
            st = add_spelling(w, t);
        prev = t;
        prev_pos = tp;
        prev_pairs = pairs;
    }
    if (ts->n)
        *pos = ts->v[ts->n - 1].pos + shift + 1 + IX_PARA_GAP;
    return st;
}

/* The step of a breadcrumb that section s makes, into out: "III. NHIỆM
 * VỤ", "3. Đổi mới ...", "Chương II. NHIỆM VỤ VÀ QUYỀN HẠN", "Điều 5. Các
 * hành vi bị nghiêm cấm"; nothing for a preamble without a heading. */
static vk_status
crumb_of(const cp_section *sec, vk_buf *out)
{
    vk_buf_clear(out);
    if (sec->level == 0 && !*sec->heading)
        return vk_buf_puts(out, "");
    vk_status rc = cp_section_marker(sec, out);
    if (rc == VK_OK && out->len && (*sec->heading || sec->kind <= CP_SEC_LETTER))
        rc = vk_buf_puts(out, ". ");
    return rc == VK_OK ? vk_buf_puts(out, sec->heading) : rc;
}

/* Appends the stored data of the document (ix_passage.h) to out: its
 * fields, then its sections r->sections (their strings still to fill) and
 * their texts, r->body. Returns VK_OK or VK_ENOMEM. */
static vk_status
record_data(const doc_ctx *c, ix_record *r, vk_buf *out)
{
    const cp_doc *doc = c->doc;
    char iso[11];
    r->doc = (ix_passage){
        .key = c->key,
        .path = c->abs_path,
        .nondoc = doc->nondoc,
        .number = doc->number,
        .type = doc->type_name,
        .type_code = doc->type_code,
        .date = *cp_date_iso(&doc->date, iso) ? iso : NULL,
        .title = doc->title,
        .issuer = doc->issuer,
        .term = doc->term,
        .conference = doc->conference,
        .place = doc->place,
        .signer = doc->signer.name,
    };
    vk_buf crumbs = VK_BUF_INIT; /* each section's crumb, NUL-terminated */
    size_t *at = malloc((doc->n_sections ? doc->n_sections : 1) * sizeof *at);
    vk_status rc = at ? VK_OK : VK_ENOMEM;
    for (size_t k = 0; rc == VK_OK && k < doc->n_sections; k++) {
        vk_buf one = VK_BUF_INIT;
        rc = crumb_of(&doc->sections[k], &one);
        at[k] = crumbs.len;
        if (rc == VK_OK)
            rc = vk_buf_append(&crumbs, one.data ? one.data : "", one.len);
        if (rc == VK_OK)
            rc = vk_buf_putc(&crumbs, '\0');
        vk_buf_free(&one);
    }
    for (size_t k = 0; rc == VK_OK && k < doc->n_sections; k++) {
        const cp_section *sec = &doc->sections[k];
        ix_section *x = &r->sections[k];
        x->label = sec->label;
        x->display = sec->display;
        x->kind = cp_sec_kind_name(sec->kind);
        x->heading = sec->heading;
        x->crumb = crumbs.data + at[k];
        x->parent = sec->parent;
    }
    if (rc == VK_OK)
        rc = ix_record_encode(r, out);
    free(at);
    vk_buf_free(&crumbs);
    return rc;
}

/* The passage text of section s: the heading unless the first paragraph
 * starts with it, then the paragraphs (the preamble's hold the header). */
static vk_status
passage_text(const cp_doc *doc, size_t s, vk_buf *out)
{
    const cp_section *sec = &doc->sections[s];
    vk_status rc = VK_OK;
    /* A numbered item's heading is the start of its first paragraph (cut
     * with an ellipsis when long): the paragraph says it whole. */
    size_t hl = strlen(sec->heading);
    if (hl >= 3 && strcmp(sec->heading + hl - 3, "…") == 0)
        hl -= 3;
    int dup = sec->n_paras > 0 && strncmp(sec->paras[0], sec->heading, hl) == 0;
    /* An article's title that merely begins its text ("Hồ sơ khoa học đề
     * nghị ..." / "Hồ sơ khoa học đề nghị ... được lập thành") is a title
     * still: the cut of a first sentence stops at . : ; or an ellipsis. */
    if (dup && sec->kind >= CP_SEC_PART && sec->kind <= CP_SEC_ARTICLE &&
        hl == strlen(sec->heading))
        dup = sec->paras[0][hl] && strchr(".:;", sec->paras[0][hl]);
    if (rc == VK_OK && hl && !dup) {
        if (out->len)
            rc = vk_buf_putc(out, '\n');
        size_t before = out->len;
        if (rc == VK_OK)
            rc = cp_section_marker(sec, out);
        if (rc == VK_OK && out->len > before)
            rc = vk_buf_puts(out, ". ");
        if (rc == VK_OK)
            rc = vk_buf_puts(out, sec->heading);
    }
    for (size_t p = 0; p < sec->n_paras && rc == VK_OK; p++) {
        if (out->len)
            rc = vk_buf_putc(out, '\n');
        if (rc == VK_OK)
            rc = vk_buf_puts(out, sec->paras[p]);
    }
    return rc;
}

/* XS terms of a label cut at each '.': "III", "III.3", "III.3.2"; "Điều
 * 5", "Điều 5.2". */
static xc_status
add_label_prefixes(xc_doc *xd, const char *label, vk_buf *t, uint32_t mark)
{
    xc_status st = XC_OK;
    for (const char *p = label; st == XC_OK && *label; p++) {
        if (*p == '.' || *p == '\0')
            st = add_mark(xd, t, IX_PREFIX_SECTION, label, (size_t)(p - label), mark);
        if (!*p)
            break;
    }
    return st;
}

/* The section filter terms: the section's label and each ancestor's
 * ("Chương II" for its articles, "Điều 5" for its khoản), each also
 * without the suffix that makes a repeated number unique ("V.4.1~2" is
 * found as written, "V.4.1"). */
static xc_status
add_section_terms(xc_doc *xd, const cp_doc *doc, const cp_section *sec, uint32_t mark)
{
    xc_status st = XC_OK;
    vk_buf tb = VK_BUF_INIT, vb = VK_BUF_INIT, *t = &tb, *v = &vb;
    for (const cp_section *k = sec; k && st == XC_OK;
         k = k->parent >= 0 ? &doc->sections[k->parent] : NULL) {
        st = add_label_prefixes(xd, k->label, t, mark);
        if (st != XC_OK || !strchr(k->label, '~'))
            continue;
        vk_buf_clear(v);
        for (const char *p = k->label; *p; p++) {
            if (*p == '~')
                while (p[1] >= '0' && p[1] <= '9')
                    p++;
            else if (vk_buf_putc(v, *p) != VK_OK)
                st = XC_ENOMEM;
        }
        if (st == XC_OK)
            st = add_label_prefixes(xd, v->data ? v->data : "", t, mark);
    }
    vk_buf_free(&tb);
    vk_buf_free(&vb);
    return st;
}

static xc_status
add_filters(xc_doc *xd, const doc_ctx *c)
{
    const cp_doc *doc = c->doc;
    vk_buf t = VK_BUF_INIT, v = VK_BUF_INIT;
    xc_status st = add_bool(xd, &t, IX_PREFIX_DOC, c->key, strlen(c->key));
    if (st == XC_OK)
        st = add_bool(xd, &t, IX_PREFIX_GROUP, c->group, strlen(c->group));
    if (st == XC_OK)
        st = xc_doc_add_boolean_term(xd, c->file_term, strlen(c->file_term));
    if (st == XC_OK && doc->type_code) {
        vk_buf_clear(&v);
        an_casefold_text(doc->type_code, strlen(doc->type_code), &v);
        st = add_bool(xd, &t, IX_PREFIX_TYPE, v.data ? v.data : "", v.len);
    }
    if (st == XC_OK && doc->number) {
        vk_buf_clear(&v);
        an_docnum_term(doc->number, strlen(doc->number), &v);
        st = add_bool(xd, &t, IX_PREFIX_NUMBER, v.data ? v.data : "", v.len);
    }
    char num[16];
    if (st == XC_OK && doc->date.year > 0) {
        snprintf(num, sizeof num, "%d", doc->date.year);
        st = add_bool(xd, &t, IX_PREFIX_YEAR, num, strlen(num));
    }
    /* What the text is: a document, or another text and which. */
    const char *kind = doc->nondoc ? doc->nondoc : IX_KIND_DOCUMENT;
    if (st == XC_OK)
        st = add_bool(xd, &t, IX_PREFIX_KIND, kind, strlen(kind));
    if (st == XC_OK && doc->nondoc)
        st = add_bool(xd, &t, IX_PREFIX_KIND, IX_KIND_OTHER, strlen(IX_KIND_OTHER));
    vk_buf_free(&t);
    vk_buf_free(&v);
    return st;
}

/* Indexes the words of text under two prefixes (exact, folded), from
 * position pos on; boolean terms when pos is 0. */
static xc_status
add_words(ix_prepared *w, xc_doc *xd, const char *text, const char *prefix,
          const char *folded_prefix, uint32_t pos)
{
    if (!text || an_analyze(text, strlen(text), pos ? pos : 1, &w->toks) != VK_OK)
        return text ? XC_ENOMEM : XC_OK;
    xc_status st = XC_OK;
    for (size_t i = 0; i < w->toks.n && st == XC_OK; i++) {
        const an_token *t = &w->toks.v[i];
        if (pos) {
            st = add_prefixed(w, xd, prefix, t->exact, t->exact_len, t->pos);
            if (st == XC_OK)
                st = add_prefixed(w, xd, folded_prefix, t->folded, t->folded_len,
                                  folded_pos(t, t->pos));
            if (st == XC_OK && t->kind == AN_WORD && !t->overlay)
                st = add_spelling(w, t);
        } else {
            vk_buf_clear(&w->term);
            if (vk_buf_puts(&w->term, folded_prefix) != VK_OK ||
                vk_buf_append(&w->term, t->folded, t->folded_len) != VK_OK)
                return XC_ENOMEM;
            if (w->term.len <= XC_MAX_TERM)
                st = xc_doc_add_boolean_term(xd, w->term.data, w->term.len);
            else
                w->n_long++;
        }
    }
    return st;
}

/* Nonzero if the section's heading is a title ("Điều 5. Các hành vi bị
 * nghiêm cấm", "II. NHIỆM VỤ"), not the first clause of a khoản, a điểm or
 * a lettered item, which only opens its text. */
static int
is_title(const cp_section *sec)
{
    return sec->kind != CP_SEC_CLAUSE && sec->kind != CP_SEC_POINT && sec->kind != CP_SEC_LETTER;
}

/* The whole heading or title just analysed into w->toks, folded, its words
 * one space apart, under IX_PREFIX_OWN_HEADING_WHOLE: when it has 2 to
 * IX_OWN_HEADING_WHOLE_MAX syllables and nothing else. */
static xc_status
add_own_heading_whole(ix_prepared *w, xc_doc *xd)
{
    size_t n = 0;
    vk_buf_clear(&w->term);
    if (vk_buf_puts(&w->term, IX_PREFIX_OWN_HEADING_WHOLE) != VK_OK)
        return XC_ENOMEM;
    for (size_t i = 0; i < w->toks.n; i++) {
        const an_token *t = &w->toks.v[i];
        if (t->overlay)
            continue;
        if (!is_syllable(t) || ++n > IX_OWN_HEADING_WHOLE_MAX)
            return XC_OK;
        if ((n > 1 && vk_buf_putc(&w->term, ' ') != VK_OK) ||
            vk_buf_append(&w->term, t->folded, t->folded_len) != VK_OK)
            return XC_ENOMEM;
    }
    if (n < 2)
        return XC_OK;
    if (w->term.len > XC_MAX_TERM) {
        w->n_long++;
        return XC_OK;
    }
    return xc_doc_add_term(xd, w->term.data, w->term.len, 1);
}

/* The folded bigrams of the heading or title just analysed into w->toks,
 * under IX_PREFIX_OWN_HEADING, of pairable words; and the whole of a
 * short one (add_own_heading_whole). */
static xc_status
add_own_heading_pairs(ix_prepared *w, xc_doc *xd)
{
    xc_status st = XC_OK;
    const an_token *prev = NULL;
    int prev_pairs = 0;
    for (size_t i = 0; i < w->toks.n && st == XC_OK; i++) {
        const an_token *t = &w->toks.v[i];
        if (t->overlay)
            continue;
        int pairs = pairable(t);
        if (pair_of(prev_pairs, pairs))
            st = add_folded_pair(w, xd, IX_PREFIX_OWN_HEADING, prev, t);
        prev = t;
        prev_pairs = pairs;
    }
    return st == XC_OK ? add_own_heading_whole(w, xd) : st;
}

/* Writes the short form of a Party number ("04-KL/BTCTW" -> "4-kl": the
 * digits without leading zeros, the type code folded) into out; other
 * forms give nothing (out stays empty). See XM in ix_schema.h. */
static vk_status
short_number(const char *number, vk_buf *out)
{
    an_docnum d;
    vk_buf_clear(out);
    if (!an_docnum_parse(number, strlen(number), &d) || d.kind != AN_DOCNUM_PARTY)
        return VK_OK;
    const char *digits = d.num;
    while (digits[0] == '0' && digits[1])
        digits++;
    vk_status rc = vk_buf_printf(out, "%s-", digits);
    return rc == VK_OK ? an_fold_text(d.type, strlen(d.type), out) : rc;
}

/* The terms of one citation of section s: its number (XC, XCM) or the
 * plenum or congress of an informal name (XCP, XCG). */
static xc_status
add_citation_terms(ix_prepared *w, xc_doc *xd, const cp_citation *ct, vk_buf *v, uint32_t mark)
{
    xc_status st = XC_OK;
    vk_buf_clear(v);
    if (ct->number) {
        if (an_docnum_term(ct->number, strlen(ct->number), v) != VK_OK)
            return XC_ENOMEM;
        st = add_mark(xd, &w->term, IX_PREFIX_CITES, v->data ? v->data : "", v->len, mark);
        if (st == XC_OK && short_number(ct->number, v) != VK_OK)
            return XC_ENOMEM;
        if (st == XC_OK && v->len)
            st = add_mark(xd, &w->term, IX_PREFIX_CITES_SHORT, v->data, v->len, mark);
        return st;
    }
    if (ct->plenum)
        st = add_mark(xd, &w->term, IX_PREFIX_CITES_PLENUM, ct->plenum, strlen(ct->plenum), mark);
    if (st == XC_OK && ct->congress) {
        if (an_casefold_text(ct->congress, strlen(ct->congress), v) != VK_OK)
            return XC_ENOMEM;
        st = add_mark(xd, &w->term, IX_PREFIX_CITES_CONGRESS, v->data ? v->data : "", v->len, mark);
    }
    return st;
}

/* Terms of the whole document: its title's pairs, its number, type,
 * issuer and term. */
static xc_status
add_doc_terms(ix_prepared *w, xc_doc *xd, const doc_ctx *c)
{
    const cp_doc *doc = c->doc;
    vk_buf v = VK_BUF_INIT;
    xc_status st = XC_OK;
    /* A document's preamble holds its header: its title is the preamble's
     * own (not a Q&A page's or a news story's, whose words only speak of
     * documents). */
    if (st == XC_OK && doc->title && !doc->nondoc) {
        if (an_analyze(doc->title, strlen(doc->title), 1, &w->toks) != VK_OK)
            st = XC_ENOMEM;
        else
            st = add_own_heading_pairs(w, xd);
    }
    if (st == XC_OK && doc->number && an_docnum_term(doc->number, strlen(doc->number), &v) == VK_OK)
        st = add_prefixed(w, xd, IX_PREFIX_OWN_NUMBER, v.data, v.len, 0);
    if (st == XC_OK && doc->number) {
        if (short_number(doc->number, &v) != VK_OK)
            st = XC_ENOMEM;
        else if (v.len)
            st = add_bool(xd, &w->term, IX_PREFIX_SHORT_NUMBER, v.data, v.len);
    }
    const cp_type *type =
        doc->type_name ? cp_type_by_name(doc->type_name, strlen(doc->type_name)) : NULL;
    if (st == XC_OK && type)
        st = add_bool(xd, &w->term, IX_PREFIX_TYPE_SLUG, type->slug, strlen(type->slug));
    if (st == XC_OK && doc->issuer)
        st = add_words(w, xd, doc->issuer, NULL, IX_PREFIX_ISSUER, 0);
    if (st == XC_OK && doc->term) {
        vk_buf_clear(&v);
        an_casefold_text(doc->term, strlen(doc->term), &v);
        st = add_bool(xd, &w->term, IX_PREFIX_TERM, v.data ? v.data : "", v.len);
    }
    vk_buf_free(&v);
    return st;
}

/* The words of a section's own heading, exact (XH) and folded (XHF),
 * without positions: where they stand is where the section's text starts
 * (its record's heading_end), and the text's own terms have positions.
 * Leaves the heading's tokens in w->toks. */
static xc_status
add_heading_words(ix_prepared *w, xc_doc *xd, const char *heading)
{
    if (an_analyze(heading, strlen(heading), 1, &w->toks) != VK_OK)
        return XC_ENOMEM;
    xc_status st = XC_OK;
    for (size_t i = 0; i < w->toks.n && st == XC_OK; i++) {
        const an_token *t = &w->toks.v[i];
        st = add_prefixed(w, xd, IX_PREFIX_HEADING, t->exact, t->exact_len, 0);
        if (st == XC_OK)
            st = add_prefixed(w, xd, IX_PREFIX_HEADING_FOLDED, t->folded, t->folded_len, 0);
        if (st == XC_OK && t->kind == AN_WORD && !t->overlay)
            st = add_spelling(w, t);
    }
    return st;
}

/* The terms of section s, whose record x has its start: its filter terms
 * and the documents it cites, marked at its start, and its own heading's
 * words (for heading filters and ranking; its ancestors' headings are
 * theirs), counted in x. */
static xc_status
add_section_marks(ix_prepared *w, xc_doc *xd, const cp_doc *doc, size_t s, ix_section *x)
{
    const cp_section *sec = &doc->sections[s];
    uint32_t start = x->start;
    xc_status st = add_section_terms(xd, doc, sec, start);
    if (st == XC_OK && *sec->heading) {
        st = add_heading_words(w, xd, sec->heading);
        for (size_t i = 0; i < w->toks.n; i++)
            x->words += !w->toks.v[i].overlay;
        /* The section's own title: its word pairs say what it is about
         * (ranking). */
        if (st == XC_OK && is_title(sec))
            st = add_own_heading_pairs(w, xd);
    }
    vk_buf v = VK_BUF_INIT;
    for (size_t k = 0; st == XC_OK && k < doc->n_citations; k++) {
        if (doc->citations[k].section == (int)s)
            st = add_citation_terms(w, xd, &doc->citations[k], &v, start);
    }
    vk_buf_free(&v);
    return st;
}

/* Sets IX_SLOT_FACETS (ix_schema.h): type code, year ("" when not known),
 * issuer (canonical, as in iss) and kind, then the group key. */
static xc_status
set_facets(xc_doc *xd, const doc_ctx *c, const char *year, const vk_buf *iss, const char *kind)
{
    const cp_doc *doc = c->doc;
    vk_buf f = VK_BUF_INIT;
    vk_status rc = vk_buf_printf(&f, "%s%c%s%c", doc->type_code ? doc->type_code : "", IX_FIELD_SEP,
                                 year, IX_FIELD_SEP);
    if (rc == VK_OK && iss->len)
        rc = vk_buf_append(&f, iss->data, iss->len);
    if (rc == VK_OK)
        rc = vk_buf_printf(&f, "%c%s%c%s", IX_FIELD_SEP, kind, IX_PAIR_SEP, c->group);
    xc_status st = rc == VK_OK ? xc_doc_set_value(xd, IX_SLOT_FACETS, f.data, f.len) : XC_ENOMEM;
    vk_buf_free(&f);
    return st;
}

/* The document's date of issue, type, issuer and kind, and the tie-break
 * value. */
static xc_status
add_doc_values(xc_doc *xd, const doc_ctx *c)
{
    const cp_doc *doc = c->doc;
    char buf[32], year[16] = "";
    xc_status st = XC_OK;
    if (doc->date.year > 0) {
        snprintf(buf, sizeof buf, "%04d%02d%02d", doc->date.year % 10000, doc->date.month % 100,
                 doc->date.day % 100);
        st = xc_doc_set_value(xd, IX_SLOT_DATE, buf, strlen(buf));
        snprintf(year, sizeof year, "%d", doc->date.year);
        if (st == XC_OK)
            st = xc_doc_set_value(xd, IX_SLOT_YEAR, year, strlen(year));
    }
    if (st == XC_OK && doc->type_code)
        st = xc_doc_set_value(xd, IX_SLOT_TYPE, doc->type_code, strlen(doc->type_code));
    vk_buf iss = VK_BUF_INIT;
    if (st == XC_OK && doc->issuer) {
        st = an_canon_text(doc->issuer, strlen(doc->issuer), &iss) == VK_OK && iss.data
                 ? xc_doc_set_value(xd, IX_SLOT_ISSUER, iss.data, iss.len)
                 : XC_ENOMEM;
    }
    const char *kind = doc->nondoc ? doc->nondoc : IX_KIND_DOCUMENT;
    if (st == XC_OK)
        st = xc_doc_set_value(xd, IX_SLOT_KIND, kind, strlen(kind));
    if (st == XC_OK)
        st = set_facets(xd, c, year, &iss, kind);
    vk_buf_free(&iss);
    if (st == XC_OK) {
        vk_buf tie = VK_BUF_INIT;
        if (doc->date.year > 0)
            vk_buf_printf(&tie, "%04d%02d%02d%s", doc->date.year % 10000, doc->date.month % 100,
                          doc->date.day % 100, c->key);
        else
            vk_buf_printf(&tie, "00000000%s", c->key);
        st = tie.data ? xc_doc_set_value(xd, IX_SLOT_TIE, tie.data, tie.len) : XC_ENOMEM;
        vk_buf_free(&tie);
    }
    return st;
}

static xc_status
add_values(xc_doc *xd, const doc_ctx *c, size_t passages)
{
    xc_status st = xc_doc_set_value(xd, IX_SLOT_KEY, c->key, strlen(c->key));
    if (st == XC_OK)
        st = add_doc_values(xd, c);
    if (st == XC_OK)
        st = xc_doc_set_value(xd, IX_SLOT_GROUP, c->group, strlen(c->group));
    char n[24];
    snprintf(n, sizeof n, "%zu", passages);
    return st == XC_OK ? xc_doc_set_value(xd, IX_SLOT_SECTIONS, n, strlen(n)) : st;
}

/* Indexes the sections of the document into xd, one after the other
 * (ix_schema.h, Positions), and lays out its record: each section's start
 * and text in r, the texts in body. */
static xc_status
add_sections(ix_prepared *w, xc_doc *xd, const doc_ctx *c, ix_record *r, vk_buf *body)
{
    const cp_doc *doc = c->doc;
    vk_buf text = VK_BUF_INIT;
    xc_status st = XC_OK;
    uint32_t pos = 1;
    for (size_t s = 0; st == XC_OK && s < doc->n_sections; s++) {
        ix_section *x = &r->sections[s];
        vk_buf_clear(&text);
        x->start = pos;
        x->text_off = body->len;
        if (passage_text(doc, s, &text) != VK_OK ||
            (text.len && vk_buf_append(body, text.data, text.len) != VK_OK))
            st = XC_ENOMEM;
        x->text_len = text.len;
        w->n_passages += text.len > 0;
        for (size_t i = 0; st == XC_OK && i < text.len;) {
            const char *nl = memchr(text.data + i, '\n', text.len - i);
            size_t end = nl ? (size_t)(nl - text.data) : text.len;
            uint32_t before = pos;
            st = add_text_terms(w, xd, text.data + i, end - i, &pos);
            /* pos moved: the line had tokens, and its last one ends a gap back. */
            if (i == 0 && pos != before)
                x->heading_end = pos - IX_PARA_GAP;
            i = end + 1;
        }
        /* The heading is the text's first line, or the start of it (an
         * item's first clause), its words that many positions. */
        size_t hl = strlen(doc->sections[s].heading),
               first = strcspn(text.data ? text.data : "", "\n");
        int line =
            hl && first >= hl && memcmp(text.data + first - hl, doc->sections[s].heading, hl) == 0;
        if (st == XC_OK)
            st = add_section_marks(w, xd, doc, s, x);
        if (!line)
            x->heading_end = x->start + x->words;
        /* Every section has a position of its own, the next a gap on. */
        if (pos <= x->start)
            pos = x->start + 1;
        pos += IX_PARA_GAP;
    }
    vk_buf_free(&text);
    return st;
}

/* Appends xd, whose Q term is uid (taken), to the prepared documents. */
static xc_status
push_doc(ix_prepared *w, xc_doc *xd, vk_buf *uid)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        xc_doc **docs = realloc(w->docs, cap * sizeof *docs);
        if (docs)
            w->docs = docs;
        char **uids = docs ? realloc(w->uids, cap * sizeof *uids) : NULL;
        if (uids)
            w->uids = uids;
        if (!docs || !uids)
            return XC_ENOMEM;
        w->cap = cap;
    }
    w->docs[w->n] = xd;
    w->uids[w->n++] = uid->data;
    *uid = (vk_buf)VK_BUF_INIT;
    return XC_OK;
}

/* Makes the Xapian document of a document (none if no section has text). */
static vk_status
index_document(ix_prepared *w, const doc_ctx *c, vk_error *err)
{
    const cp_doc *doc = c->doc;
    ix_record r = {.n_sections = doc->n_sections};
    r.sections = calloc(doc->n_sections ? doc->n_sections : 1, sizeof *r.sections);
    xc_doc *xd = NULL;
    vk_buf data = VK_BUF_INIT, body = VK_BUF_INIT, uid = VK_BUF_INIT;
    xc_status st = r.sections ? xc_doc_new(&xd) : XC_ENOMEM;
    size_t before = w->n_passages;
    bag_clear(&w->bag);
    if (st == XC_OK)
        st = add_sections(w, xd, c, &r, &body);
    int empty = st == XC_OK && body.len == 0;
    if (st == XC_OK && !empty)
        st = add_filters(xd, c);
    if (st == XC_OK && !empty)
        st = add_doc_terms(w, xd, c);
    if (st == XC_OK && !empty)
        st = bag_flush(&w->bag, xd);
    if (st == XC_OK && !empty)
        st = add_values(xd, c, w->n_passages - before);
    r.body = body.data;
    r.body_len = body.len;
    if (st == XC_OK && !empty)
        st = record_data(c, &r, &data) == VK_OK ? xc_doc_set_data(xd, data.data, data.len)
                                                : XC_ENOMEM;
    if (st == XC_OK && !empty)
        st = vk_buf_printf(&uid, "%s%s/%zu", IX_PREFIX_UID, c->file_term + strlen(IX_PREFIX_FILE),
                           c->doc_index) == VK_OK
                 ? xc_doc_add_boolean_term(xd, uid.data, uid.len)
                 : XC_ENOMEM;
    if (st == XC_OK && !empty && (st = push_doc(w, xd, &uid)) == XC_OK)
        xd = NULL;
    vk_buf_free(&uid);
    vk_buf_free(&data);
    vk_buf_free(&body);
    free(r.sections);
    xc_doc_free(xd);
    if (st != XC_OK)
        return prepare_error(err, st, c->file->path);
    return VK_OK;
}

/* Hashes the first `max` letters and digits of text, folded (no
 * diacritics, lower case), into *h: copies that differ in tone-mark style,
 * case, spacing, punctuation or line breaks hash the same. */
static void
hash_folded(const char *text, size_t max, vk_buf *fb, uint64_t *h)
{
    vk_buf_clear(fb);
    if (an_fold_text(text, strlen(text), fb) != VK_OK || !fb->data)
        return;
    size_t k = 0;
    for (size_t i = 0; i < fb->len && k < max; i++) {
        unsigned char c = (unsigned char)fb->data[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            fb->data[k++] = (char)c;
    }
    if (k)
        *h = (*h * 1099511628211ull) ^ vk_hash64(fb->data, k);
}

/* Letters of a top section's first paragraph that stand for its text in
 * the group key: enough to tell two regulations of one title apart (their
 * provinces, their subjects), few enough that a typo further on in one
 * copy does not split the copies. */
#define GROUP_TEXT 160

/* The group of copies of a document: two files are one document only when
 * their text agrees: the headings of all numbered sections and the opening
 * of each top one (or, without sections, of the longest paragraph), beside
 * the type, the title and the term; the header and the closing are left
 * out, since one copy may have lost them. Without a title: the document
 * key. */
static void
group_key(const cp_doc *doc, const char *key, char out[40])
{
    if (!doc->title) {
        snprintf(out, 40, "k%016llx", (unsigned long long)vk_hash64(key, strlen(key)));
        return;
    }
    vk_buf fb = VK_BUF_INIT;
    uint64_t h = 14695981039346656037ull;
    const char *longest = "";
    size_t longest_len = 0;
    for (size_t p = 0; p < doc->sections[0].n_paras; p++) {
        size_t l = strlen(doc->sections[0].paras[p]);
        if (l > longest_len) {
            longest = doc->sections[0].paras[p];
            longest_len = l;
        }
    }
    int numbered = 0;
    for (size_t s = 1; s < doc->n_sections; s++) {
        const cp_section *sec = &doc->sections[s];
        if (strcmp(sec->label, "noi-nhan") == 0)
            continue;
        numbered = 1;
        hash_folded(sec->heading, SIZE_MAX, &fb, &h);
        if (sec->level == 1 && sec->n_paras)
            hash_folded(sec->paras[0], GROUP_TEXT, &fb, &h);
    }
    if (!numbered)
        hash_folded(longest, 2 * GROUP_TEXT, &fb, &h);
    vk_buf_clear(&fb);
    vk_buf_printf(&fb, "%s|%s|%016llx|", doc->type_code ? doc->type_code : "",
                  doc->term ? doc->term : "", (unsigned long long)h);
    an_fold_text(doc->title, strlen(doc->title), &fb);
    snprintf(out, 40, "g%016llx", (unsigned long long)vk_hash64(fb.data ? fb.data : "", fb.len));
    vk_buf_free(&fb);
}

void
ix_prepared_free(ix_prepared *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        xc_doc_free(p->docs[i]);
        free(p->uids[i]);
    }
    free(p->docs);
    free(p->uids);
    free(p->path);
    vk_buf_free(&p->spell);
    free(p->seen.v);
    an_tokens_free(&p->toks);
    vk_buf_free(&p->term);
    free(p->bag.v);
    vk_buf_free(&p->bag.bytes);
    free(p);
}

size_t
ix_prepared_passages(const ix_prepared *p)
{
    return p->n_passages;
}

size_t
ix_prepared_docs(const ix_prepared *p)
{
    return p->n_docs;
}

size_t
ix_prepared_long_terms(const ix_prepared *p)
{
    return p->n_long;
}

vk_status
ix_prepare_file(const cp_file *f, ix_prepared **out, vk_error *err)
{
    *out = NULL;
    ix_prepared *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(f->path))) {
        free(w);
        return vk_fail(err, VK_ENOMEM, _("out of memory"));
    }
    char abs[PATH_MAX];
    const char *path = realpath(f->path, abs) ? abs : f->path;
    snprintf(w->file_term, sizeof w->file_term, "%s%016llx", IX_PREFIX_FILE,
             (unsigned long long)vk_hash64(path, strlen(path)));
    w->n_docs = f->n_docs;
    w->memo = f->memo;
    vk_buf key = VK_BUF_INIT;
    vk_status rc = VK_OK;
    long_terms = &w->n_long;
    for (size_t d = 0; d < f->n_docs && rc == VK_OK; d++) {
        vk_buf_clear(&key);
        if (ix_doc_key(f, d, &key) != VK_OK || !key.data) {
            rc = vk_fail(err, VK_ENOMEM, _("out of memory"));
            break;
        }
        char group[40];
        group_key(&f->docs[d], key.data, group);
        doc_ctx c = {f, &f->docs[d], key.data, group, w->file_term, path, d};
        rc = index_document(w, &c, err);
    }
    vk_buf_free(&key);
    long_terms = NULL;
    w->memo = NULL; /* the file's, freed with it */
    /* The scratch space is not needed any more; the documents are. */
    an_tokens_free(&w->toks);
    vk_buf_free(&w->term);
    if (rc != VK_OK) {
        ix_prepared_free(w);
        return rc;
    }
    *out = w;
    return VK_OK;
}

/* Checks what ix_writer_put will give Xapian beyond the documents, whose
 * terms xc_doc checked as they were added: each spelling pair in 1 ..
 * XC_MAX_TERM bytes. Returns VK_OK or VK_EINVAL. */
static vk_status
check_prepared(const ix_prepared *p, vk_error *err)
{
    for (size_t i = 0; i < p->spell.len;) {
        size_t fl = strlen(p->spell.data + i);
        size_t el = strlen(p->spell.data + i + fl + 1);
        if (fl == 0 || el == 0 || fl > XC_MAX_TERM || el > XC_MAX_TERM)
            return vk_fail(err, VK_EINVAL,
                           _("%s: a spelling of %zu bytes, folded to %zu, which the index "
                             "cannot hold (1 to %d bytes)"),
                           p->path, el, fl, XC_MAX_TERM);
        i += fl + el + 2;
    }
    return VK_OK;
}

/* In an index that was empty when the writer opened it, a file's passages
 * can only be there if this writer put them: 1 if the file was put before
 * (its passages must go first), 0 if not, -1 on ENOMEM. Deleting by a term
 * makes Xapian write out every position list it holds in memory, one file
 * at a time: a rebuild (a fresh part per batch) skips that. */
static int
must_delete(ix_writer *w, const char *file_term)
{
    int added = pairset_add(&w->puts, vk_hash64(file_term, strlen(file_term)));
    return added < 0 ? -1 : !added;
}

vk_status
ix_writer_put(ix_writer *w, const ix_prepared *p, vk_error *err)
{
    /* Whatever is about this file is refused before the index is touched:
     * then the file can be skipped and the batch goes on. */
    vk_status rc = check_prepared(p, err);
    if (rc != VK_OK)
        return rc;
    int del = w->empty ? must_delete(w, p->file_term) : 1;
    xc_status st = del < 0   ? XC_ENOMEM
                   : del > 0 ? xc_wdb_delete_term(w->db, p->file_term, strlen(p->file_term))
                             : XC_OK;
    w->dirty = 1;
    /* The Q terms hold the file's hash: with its passages just deleted, none
     * of them is in the index, and adding is replacing. */
    for (size_t i = 0; i < p->n && st == XC_OK; i++)
        st = xc_wdb_add(w->db, p->docs[i], NULL);
    for (size_t i = 0; i < p->spell.len && st == XC_OK;) {
        const char *folded = p->spell.data + i;
        size_t fl = strlen(folded);
        const char *exact = folded + fl + 1;
        size_t el = strlen(exact);
        i += fl + el + 2;
        int added = pairset_add(&w->syn, vk_hash64(exact, el));
        if (added < 0)
            st = XC_ENOMEM;
        else if (added)
            st = xc_wdb_add_synonym(w->db, folded, fl, exact, el);
    }
    return st == XC_OK ? VK_OK : write_failed(w, st, p->path, err);
}

vk_status
ix_writer_add_file(ix_writer *w, const cp_file *f, size_t *n_passages, vk_error *err)
{
    ix_prepared *p = NULL;
    if (n_passages)
        *n_passages = 0;
    vk_status rc = ix_prepare_file(f, &p, err);
    if (rc == VK_OK)
        rc = ix_writer_put(w, p, err);
    if (rc == VK_OK && n_passages)
        *n_passages = p->n;
    ix_prepared_free(p);
    return rc;
}

/* The metadata key of a file's record (IX_META_FILE_PREFIX) or look
 * (IX_META_STAT_PREFIX): the prefix and the hash of its absolute path, as
 * in its XFILE term. */
static void
meta_key(const char *prefix, const char *abs_path, char out[64])
{
    snprintf(out, 64, "%s%016llx", prefix,
             (unsigned long long)vk_hash64(abs_path, strlen(abs_path)));
}

vk_status
ix_writer_record_file(ix_writer *w, const char *abs_path, uint64_t hash, const ix_file_stat *look,
                      vk_error *err)
{
    char key[64];
    meta_key(IX_META_FILE_PREFIX, abs_path, key);
    vk_buf v = VK_BUF_INIT;
    /* Out of memory here too leaves the file's passages without their
     * record: write_failed throws them away. */
    xc_status st = vk_buf_printf(&v, "%016llx %s", (unsigned long long)hash, abs_path) == VK_OK
                       ? xc_wdb_set_metadata(w->db, key, v.data, v.len)
                       : XC_ENOMEM;
    meta_key(IX_META_STAT_PREFIX, abs_path, key);
    vk_buf_clear(&v);
    if (st == XC_OK && look &&
        vk_buf_printf(&v, "%llu %lld %lld %llu", (unsigned long long)look->size,
                      (long long)look->mtime_s, (long long)look->mtime_ns,
                      (unsigned long long)look->ino) != VK_OK)
        st = XC_ENOMEM;
    if (st == XC_OK)
        st = xc_wdb_set_metadata(w->db, key, look ? v.data : "", look ? v.len : 0);
    vk_buf_free(&v);
    w->dirty = 1;
    return st == XC_OK ? VK_OK : write_failed(w, st, abs_path, err);
}

typedef struct stat_ctx {
    ix_stat_cb cb;
    void *ud;
} stat_ctx;

static int
stat_one(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    stat_ctx *c = ud;
    size_t pl = strlen(IX_META_STAT_PREFIX);
    char hex[17], v[96];
    if (key_len != pl + 16 || value_len == 0 || value_len >= sizeof v)
        return 0;
    memcpy(hex, key + pl, 16);
    hex[16] = '\0';
    memcpy(v, value, value_len);
    v[value_len] = '\0';
    unsigned long long size, ino;
    long long sec, nsec;
    if (sscanf(v, "%llu %lld %lld %llu", &size, &sec, &nsec, &ino) != 4)
        return 0;
    ix_file_stat look = {size, sec, nsec, ino};
    return c->cb(strtoull(hex, NULL, 16), &look, c->ud);
}

vk_status
ix_writer_file_stats(ix_writer *w, ix_stat_cb cb, void *ud, vk_error *err)
{
    stat_ctx c = {cb, ud};
    xc_status st = xc_wdb_metadata_list(w->db, IX_META_STAT_PREFIX, stat_one, &c);
    return st == XC_OK ? VK_OK : index_error(err, st, "listing the indexed files");
}

vk_status
ix_writer_remove_file(ix_writer *w, const char *abs_path, vk_error *err)
{
    char term[64], key[64];
    snprintf(term, sizeof term, "%s%016llx", IX_PREFIX_FILE,
             (unsigned long long)vk_hash64(abs_path, strlen(abs_path)));
    meta_key(IX_META_FILE_PREFIX, abs_path, key);
    xc_status st = xc_wdb_delete_term(w->db, term, strlen(term));
    if (st == XC_OK)
        st = xc_wdb_set_metadata(w->db, key, "", 0);
    meta_key(IX_META_STAT_PREFIX, abs_path, key);
    if (st == XC_OK)
        st = xc_wdb_set_metadata(w->db, key, "", 0);
    w->dirty = 1;
    return st == XC_OK ? VK_OK : write_failed(w, st, abs_path, err);
}

typedef struct list_ctx {
    ix_file_cb cb;
    void *ud;
} list_ctx;

static int
list_one(const char *key, size_t key_len, const char *value, size_t value_len, void *ud)
{
    (void)key;
    (void)key_len;
    list_ctx *c = ud;
    if (value_len < 18 || value[16] != ' ')
        return 0;
    char *end = NULL;
    unsigned long long h = strtoull(value, &end, 16);
    if (end != value + 16)
        return 0;
    return c->cb(value + 17, (uint64_t)h, c->ud);
}

vk_status
ix_writer_files(ix_writer *w, ix_file_cb cb, void *ud, vk_error *err)
{
    list_ctx c = {cb, ud};
    xc_status st = xc_wdb_metadata_list(w->db, IX_META_FILE_PREFIX, list_one, &c);
    return st == XC_OK ? VK_OK : index_error(err, st, "listing the indexed files");
}

vk_status
ix_writer_commit(ix_writer *w, vk_error *err)
{
    if (!w->dirty)
        return VK_OK;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    xc_status st = xc_wdb_set_metadata(w->db, IX_META_UPDATED, when, strlen(when));
    if (st == XC_OK)
        st = xc_wdb_commit(w->db);
    if (st == XC_OK)
        w->dirty = 0;
    return st == XC_OK ? VK_OK : index_error(err, st, "commit");
}

vk_status
ix_compact(const char *const *srcs, size_t n, const char *dest, vk_error *err)
{
    xc_status st = xc_compact(srcs, n, dest);
    return st == XC_OK ? VK_OK : index_error(err, st, dest);
}

vk_status
ix_writer_close(ix_writer *w, vk_error *err)
{
    if (!w)
        return VK_OK;
    vk_status rc = ix_writer_commit(w, err);
    xc_status st = xc_wdb_close(w->db);
    free(w->syn.v);
    free(w->puts.v);
    free(w);
    if (rc != VK_OK)
        return rc;
    return st == XC_OK ? VK_OK : index_error(err, st, "close");
}
