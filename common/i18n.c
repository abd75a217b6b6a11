/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The language of messages and the Vietnamese catalog (design note in i18n.h). */
#include "common/i18n.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* po/vi.po compiled by msgfmt and embedded by cmake/embed.cmake. */
extern const unsigned char vk_catalog_vi[];
extern const size_t vk_catalog_vi_len;

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

static atomic_int g_lang = VK_LANG_EN;
static _Thread_local int tl_lang = -1; /* -1: the process's */

void
vk_set_default_lang(vk_lang lang)
{
    atomic_store(&g_lang, (int)lang);
}

vk_lang
vk_get_default_lang(void)
{
    return (vk_lang)atomic_load(&g_lang);
}

void
vk_set_lang(vk_lang lang)
{
    tl_lang = (int)lang;
}

vk_lang
vk_get_lang(void)
{
    return tl_lang >= 0 ? (vk_lang)tl_lang : (vk_lang)atomic_load(&g_lang);
}

const char *
vk_lang_code(vk_lang lang)
{
    return lang == VK_LANG_EN ? "en" : "vi";
}

int
vk_lang_parse(const char *name, vk_lang *out)
{
    if (!name || strlen(name) < 2)
        return -1;
    /* "vi", "vi_VN.UTF-8", "vi-VN": two letters, then the end or a separator. */
    char end = name[2];
    if (end != '\0' && end != '_' && end != '-' && end != '.' && end != '@')
        return -1;
    if (strncasecmp(name, "vi", 2) == 0)
        *out = VK_LANG_VI;
    else if (strncasecmp(name, "en", 2) == 0)
        *out = VK_LANG_EN;
    else
        return -1;
    return 0;
}

/* The first entry of a colon-separated list (LANGUAGE) naming vi or en. */
static int
lang_list(const char *list, vk_lang *out)
{
    char one[64];
    while (list && *list) {
        const char *colon = strchr(list, ':');
        size_t n = colon ? (size_t)(colon - list) : strlen(list);
        if (n < sizeof one) {
            memcpy(one, list, n);
            one[n] = '\0';
            if (vk_lang_parse(one, out) == 0)
                return 0;
        }
        list = colon ? colon + 1 : NULL;
    }
    return -1;
}

vk_lang
vk_lang_from_env(void)
{
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        vk_lang l;
        if (lang_list(getenv(vars[i]), &l) == 0)
            return l;
    }
    return VK_LANG_VI;
}

/* The quality of one Accept-Language entry "en-US;q=0.8" (1000 for 1.0), or
 * -1 when malformed. */
static int
quality(const char *params, size_t n)
{
    const char *q = NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if ((params[i] == 'q' || params[i] == 'Q') && params[i + 1] == '=') {
            q = params + i + 2;
            break;
        }
    if (!q)
        return 1000;
    if (*q == '1')
        return 1000;
    if (*q != '0')
        return -1;
    int v = 0, scale = 100;
    if (q[1] == '.')
        for (const char *d = q + 2; d < params + n && *d >= '0' && *d <= '9' && scale; d++) {
            v += (*d - '0') * scale;
            scale /= 10;
        }
    return v;
}

vk_lang
vk_lang_accept(const char *header, vk_lang dflt)
{
    int best_q = 0;
    vk_lang best = dflt;
    for (const char *p = header; p && *p;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        const char *semi = memchr(p, ';', n);
        size_t tag_n = semi ? (size_t)(semi - p) : n;
        while (tag_n && (p[tag_n - 1] == ' ' || p[tag_n - 1] == '\t'))
            tag_n--;
        char tag[32];
        int q = semi ? quality(semi, n - (size_t)(semi - p)) : 1000;
        vk_lang l = dflt;
        int known = -1;
        if (tag_n < sizeof tag) {
            memcpy(tag, p, tag_n);
            tag[tag_n] = '\0';
            known = strcmp(tag, "*") == 0 ? 0 : vk_lang_parse(tag, &l);
        }
        if (known == 0 && q > best_q) {
            best_q = q;
            best = l;
        }
        p = comma ? comma + 1 : NULL;
    }
    return best;
}

/* A 32-bit word of the catalog at byte offset `at`, in its byte order. */
static uint32_t
word(size_t at, int swapped)
{
    uint32_t v;
    memcpy(&v, vk_catalog_vi + at, sizeof v);
    return swapped ? __builtin_bswap32(v) : v;
}

typedef struct catalog {
    int ok, swapped;
    uint32_t n, originals, translations;
} catalog;

static const catalog *
the_catalog(void)
{
    static catalog c;
    static atomic_int done;
    if (atomic_load_explicit(&done, memory_order_acquire))
        return &c;
    catalog x = {0};
    if (vk_catalog_vi_len >= 28) {
        uint32_t magic = word(0, 0);
        x.swapped = magic == MO_MAGIC_SWAPPED;
        x.ok = magic == MO_MAGIC || x.swapped;
    }
    if (x.ok) {
        x.n = word(8, x.swapped);
        x.originals = word(12, x.swapped);
        x.translations = word(16, x.swapped);
        uint64_t end = (uint64_t)x.n * 8;
        x.ok = x.originals + end <= vk_catalog_vi_len && x.translations + end <= vk_catalog_vi_len;
    }
    /* Racing threads compute the same value. */
    c = x;
    atomic_store_explicit(&done, 1, memory_order_release);
    return &c;
}

/* The string of table entry i (originals or translations), or NULL when the
 * entry points outside the catalog. */
static const char *
entry(const catalog *c, uint32_t table, uint32_t i, uint32_t *len)
{
    uint32_t n = word(table + (size_t)i * 8, c->swapped);
    uint32_t off = word(table + (size_t)i * 8 + 4, c->swapped);
    if ((uint64_t)off + n >= vk_catalog_vi_len)
        return NULL;
    *len = n;
    return (const char *)vk_catalog_vi + off;
}

/* The translation of msgid (its whole msgstr, plural forms NUL-separated),
 * or NULL. */
static const char *
lookup(const char *msgid)
{
    const catalog *c = the_catalog();
    if (!c->ok || !*msgid)
        return NULL;
    uint32_t lo = 0, hi = c->n, len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = entry(c, c->originals, mid, &len);
        if (!o)
            return NULL;
        int cmp = strcmp(msgid, o);
        if (cmp == 0) {
            const char *t = entry(c, c->translations, mid, &len);
            return t && len ? t : NULL;
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *
vk_gettext(const char *msgid)
{
    if (!msgid || vk_get_lang() != VK_LANG_VI)
        return msgid;
    const char *t = lookup(msgid);
    return t ? t : msgid;
}

const char *
vk_ngettext(const char *msgid, const char *plural, unsigned long n)
{
    if (vk_get_lang() == VK_LANG_VI) {
        const char *t = lookup(msgid);
        if (t)
            return t; /* nplurals=1: the first form */
    }
    return n == 1 ? msgid : plural;
}

size_t
vk_catalog_size(void)
{
    const catalog *c = the_catalog();
    return c->ok && c->n ? c->n - 1 : 0; /* without the header entry */
}
