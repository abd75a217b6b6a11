/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * reader_kit.c: what the format readers share (reader_kit_internal.h): the
 * text sink, list numbers, the walk over libxml2 trees, and loading libxml2
 * and libzip when a file first needs them.
 */
#include "common/i18n.h"
#include "corpus/reader_kit_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* The text sink                                                          */
/* ---------------------------------------------------------------------- */

static void
sink_put(cp_sink *s, const char *p, size_t n)
{
    if (s->over || s->nomem)
        return;
    if (n > s->max || s->out->len > s->max - n) {
        s->over = 1;
        return;
    }
    if (vk_buf_append(s->out, p, n) != VK_OK)
        s->nomem = 1;
}

/* Writes the break or space owed before a piece of text. */
static void
sink_flush(cp_sink *s)
{
    if (s->out->len > 0 && s->pending) {
        /* No blanks at the end of a line. */
        char *d = s->out->data; /* not NULL: len > 0 */
        while (s->out->len > 0 && d[s->out->len - 1] == ' ')
            s->out->len--;
        d[s->out->len] = '\0';
        sink_put(s, "\n\n", (size_t)s->pending);
        s->space = 0;
    }
    s->pending = 0;
    if (s->space && s->out->len > 0 && s->out->data[s->out->len - 1] != '\n')
        sink_put(s, " ", 1);
    s->space = 0;
}

void
cp_sink_text(cp_sink *s, const char *text, size_t len)
{
    size_t i = 0;
    int lines = 0; /* line ends since the last text: two make a blank line */
    while (i < len) {
        char c = text[i];
        if (c == '\n' && s->pre) {
            cp_sink_break(s, ++lines > 1 ? 2 : 1);
            i++;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            s->space = 1;
            i++;
        } else {
            lines = 0;
            size_t j = i;
            while (j < len && !strchr(" \t\n\r\f\v", text[j]))
                j++;
            sink_flush(s);
            sink_put(s, text + i, j - i);
            i = j;
        }
    }
}

void
cp_sink_break(cp_sink *s, int kind)
{
    if (kind > s->pending)
        s->pending = kind;
    s->space = 0;
}

vk_status
cp_sink_status(const cp_sink *s, const char *path, vk_error *err)
{
    if (s->nomem)
        return vk_fail(err, VK_ENOMEM, _("%s: out of memory"), path);
    if (s->over)
        return vk_fail(err, VK_ETOOBIG, _("%s: its text is larger than the limit of %zu bytes"), path,
                       s->max);
    return VK_OK;
}

/* ---------------------------------------------------------------------- */
/* List numbers                                                           */
/* ---------------------------------------------------------------------- */

void
cp_format_number(int n, char fmt, char *buf, size_t size)
{
    static const char *const rm[] = {"M",  "CM", "D",  "CD", "C",  "XC", "L",
                                     "XL", "X",  "IX", "V",  "IV", "I"};
    static const int rv[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    buf[0] = '\0';
    if ((fmt == 'I' || fmt == 'i') && n > 0 && n < 4000) {
        size_t k = 0;
        for (size_t i = 0; i < VK_ARRAY_LEN(rv); i++) {
            for (; n >= rv[i]; n -= rv[i]) {
                for (const char *p = rm[i]; *p; p++)
                    buf[k++] = fmt == 'i' ? (char)(*p - 'A' + 'a') : *p;
            }
        }
        buf[k] = '\0';
    } else if ((fmt == 'A' || fmt == 'a') && n > 0 && n <= 26 * 8) {
        /* Word's letters: a .. z, then aa .. zz, aaa ... */
        size_t reps = (size_t)(n - 1) / 26 + 1, k;
        for (k = 0; k < reps; k++)
            buf[k] = (char)((fmt == 'A' ? 'A' : 'a') + (n - 1) % 26);
        buf[k] = '\0';
    } else if (fmt == '0') {
        snprintf(buf, size, "%02d", n);
    } else if (fmt != 'n' && fmt != 'b') {
        snprintf(buf, size, "%d", n);
    }
}

/* ---------------------------------------------------------------------- */
/* libxml2                                                                */
/* ---------------------------------------------------------------------- */

void
cp_xml_walk(xmlNode *root, cp_xml_enter enter, cp_xml_leave leave, void *ctx)
{
    xmlNode *n = root;
    while (n) {
        if (enter(ctx, n) && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            leave(ctx, n);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Loading libxml2 and libzip                                             */
/* ---------------------------------------------------------------------- */

cp_xml_api cp_xml;
cp_zip_api cp_zip;

/* Why a library could not be loaded, or "" once it is. */
static char xml_error[256] = "not loaded", zip_error[256] = "not loaded";
static pthread_once_t xml_once = PTHREAD_ONCE_INIT, zip_once = PTHREAD_ONCE_INIT;

int
cp_load_lib(const char *soname, const char *const *names, void *const *slots, size_t n, char *error,
            size_t size)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        snprintf(error, size, "%s", e ? e : "cannot be loaded");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        void *sym = dlsym(lib, names[i]);
        if (!sym) {
            snprintf(error, size, "%s lacks %s", soname, names[i]);
            return 0;
        }
        memcpy(slots[i], &sym, sizeof sym);
    }
    error[0] = '\0';
    return 1;
}

#define CP_NAME(f) #f,
#define CP_SLOT_XML(f) &cp_xml.f,
#define CP_SLOT_ZIP(f) &cp_zip.f,

static void
load_xml(void)
{
    static const char *const names[] = {"xmlFree", CP_XML_FUNCTIONS(CP_NAME)};
    void *const slots[] = {&cp_xml.free_fn, CP_XML_FUNCTIONS(CP_SLOT_XML)};
    if (cp_load_lib(VK_LIBXML2_SONAME, names, slots, VK_ARRAY_LEN(names), xml_error,
                    sizeof xml_error))
        cp_xml.xmlInitParser();
}

static void
load_zip(void)
{
    static const char *const names[] = {CP_ZIP_FUNCTIONS(CP_NAME)};
    void *const slots[] = {CP_ZIP_FUNCTIONS(CP_SLOT_ZIP)};
    cp_load_lib(VK_LIBZIP_SONAME, names, slots, VK_ARRAY_LEN(names), zip_error, sizeof zip_error);
}

vk_status
cp_libs_load(int which, const char *path, const char *what, vk_error *err)
{
    if (which & CP_LIB_XML) {
        pthread_once(&xml_once, load_xml);
        if (xml_error[0])
            return vk_fail(err, VK_EINVAL, _("%s: %s, but libxml2 cannot be loaded: %s"), path, what,
                           xml_error);
    }
    if (which & CP_LIB_ZIP) {
        pthread_once(&zip_once, load_zip);
        if (zip_error[0])
            return vk_fail(err, VK_EINVAL, _("%s: %s, but libzip cannot be loaded: %s"), path, what,
                           zip_error);
    }
    return VK_OK;
}

void
cp_xml_free(void *p)
{
    if (p)
        (*cp_xml.free_fn)(p);
}
